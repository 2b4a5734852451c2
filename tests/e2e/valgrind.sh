#!/usr/bin/env bash
# Valgrind's memcheck on generating the two example briefings: no invalid
# read or write, no use of uninitialised memory, no leak (definite or
# indirect) in our code.  Slow, so two runs only; skipped when valgrind is
# not installed or the program is a sanitizer build.
. "$(dirname "$0")/lib/common.sh"
SUPP=$SRC/tests/fault/valgrind.supp

if ! command -v valgrind >/dev/null 2>&1; then
  skip "valgrind is not installed (apt-get install valgrind)"
fi
if ldd "$BRIEFING" 2>/dev/null | grep -qE 'libasan|libubsan|libtsan'; then
  skip "valgrind cannot run a sanitizer build"
fi

for example in norfolk dudley; do
  SOURCE_DATE_EPOCH=1717200000 valgrind --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
    --suppressions="$SUPP" --num-callers=30 \
    "$BRIEFING" generate -q -t councillor-pack -d "$SRC/examples/data/$example.json" \
    -o "$WORK/$example.pdf" >"$WORK/out" 2>"$WORK/valgrind-$example"
  rc=$?
  if [ "$rc" -eq 0 ]; then
    pass
  else
    fail "$example: valgrind (exit $rc)"
    grep -E "Invalid|uninitialised|definitely|indirectly|ERROR SUMMARY" "$WORK/valgrind-$example" | head -10 >&2
    grep -A12 -m2 -E "Invalid|uninitialised|are definitely lost|are indirectly lost" "$WORK/valgrind-$example" >&2
  fi
  pdf_ok "$WORK/$example.pdf"
done
finish

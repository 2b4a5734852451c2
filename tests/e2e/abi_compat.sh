#!/usr/bin/env bash
# ABI compatibility: a section plugin built from the ABI 1.1 headers as
# released (tests/data/abi-1.1/, layout structs without `size`) still
# loads and draws exactly what the same source draws when built against
# the current headers (structs with `size`, read by the array rule).
# Compared three ways: the PDFs byte for byte (SOURCE_DATE_EPOCH fixes
# dates and IDs), their pdftotext, and page 2 rendered to an image.
. "$(dirname "$0")/lib/common.sh"
cd "$WORK" || exit 1
CC=${CC:-cc}
PROBE=$SRC/tests/data/abi-1.1/probe.c

mkdir old new
"$CC" -std=c11 -Wall -Wextra -Werror -shared -fPIC -I"$SRC/tests/data/abi-1.1" \
  -o old/abi_probe.so "$PROBE" 2>cc-old.err || { fail "probe does not build from the 1.1 headers"; cat cc-old.err >&2; }
"$CC" -std=c11 -Wall -Wextra -Werror -shared -fPIC -I"$SRC/include" \
  -o new/abi_probe.so "$PROBE" 2>cc-new.err || { fail "probe does not build from the current headers"; cat cc-new.err >&2; }
chmod go-w old new

# The builds differ where the ABI does: the descriptor's minor version.
expect_exit 0 "$BRIEFING" plugins --plugin-dir old
contains out "abi_probe" "the plugins list with the 1.1 build"

cat >one.json <<'JSON'
{"schema": "briefing-dataset/1", "as_of": "2024-06-01",
 "councils": [{"code": "E10000020", "name": "Norfolk"}]}
JSON
printf '{"sections": [{"plugin": "abi_probe", "options": {"greeting": "Good day", "times": 2}}]}\n' >probe.json

export SOURCE_DATE_EPOCH=1717200000
for v in old new; do
  expect_exit 0 "$BRIEFING" generate -q --plugin-dir "$v" -t probe.json -d one.json -o "$v.pdf"
  pdf_ok "$v.pdf"
  pdftotext -layout "$v.pdf" "$v.txt" 2>/dev/null || fail "pdftotext $v.pdf"
done
contains new.txt "ABI probe" "the probe's cover"
contains new.txt "Help and protection" "the probe's table"
contains new.txt "Who held the post" "the probe's timeline"
for v in old new; do
  [ "$(grep -c 'Good day' $v.txt)" -eq 2 ] && pass || fail "$v: the template's options did not reach the probe"
  expect_exit 0 "$BRIEFING" plugins --plugin-dir "$v" --describe abi_probe
  contains out "greeting" "$v: the probe's described options"
  contains out "how many greetings" "$v: the probe's described options"
done
if cmp -s old.txt new.txt; then pass; else fail "the 1.1 build's text differs"; diff old.txt new.txt | head -20 >&2; fi
if cmp -s old.pdf new.pdf; then pass; else fail "the 1.1 build's PDF differs from the current build's"; fi
if command -v pdftoppm >/dev/null; then
  for v in old new; do pdftoppm -r 60 -f 2 -l 2 -png "$v.pdf" "$v-page"; done
  if cmp -s old-page-2.png new-page-2.png; then pass; else fail "page 2 renders differently"; fi
  [ -s new-page-2.png ] && pass || fail "page 2 was not rendered"
fi

# A struct whose size was never set is refused with the rule named, not
# read as garbage: the current build with SIZED emptied is such a plugin.
# Its options are read first, when it is loaded; with sized options, its
# layout structs when it draws.
mkdir unsized
sed 's/^#define SIZED(T) \.size = sizeof(T),$/#define SIZED(T)/' "$PROBE" >unsized.c
"$CC" -std=c11 -shared -fPIC -I"$SRC/include" -o unsized/abi_probe.so unsized.c 2>cc-unsized.err ||
  { fail "the unsized probe does not build"; cat cc-unsized.err >&2; }
chmod go-w unsized
expect_exit 0 "$BRIEFING" plugins --plugin-dir unsized
contains err "option 1 has size" "the unsized probe's refusal"
lacks out "abi_probe" "the plugins list with the unsized probe"
mkdir unsized2
sed 's/^#define SIZED(T) \.size = sizeof(T),$/#define SIZED(T)/; s/^    {SIZED(briefing_option) \.name/    {.size = sizeof(briefing_option), .name/' \
  "$PROBE" >unsized2.c
"$CC" -std=c11 -shared -fPIC -I"$SRC/include" -o unsized2/abi_probe.so unsized2.c 2>cc-unsized.err ||
  { fail "the probe with unsized layout structs does not build"; cat cc-unsized.err >&2; }
chmod go-w unsized2
expect_exit 70 "$BRIEFING" generate -q --plugin-dir unsized2 -t probe.json -d one.json -o unsized.pdf
contains err "cover: element 1 has size 0" "the unsized probe's error"
contains err "abi_probe section" "the unsized probe's error"
[ -e unsized.pdf ] && fail "a PDF was written from unsized structs" || pass
finish

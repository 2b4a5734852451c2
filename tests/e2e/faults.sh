#!/usr/bin/env bash
# Fault injection: the Norfolk briefing generated while memory runs out at
# a sample of points (tests/fault/failmalloc.so), on a full disk, into a
# folder that cannot be written, and from inputs that are cut short or
# cannot be read.  Every run must end with a clean status and message and
# never leave a file, whole or partial, at the output path.
#
# Environment: FAULT_STRIDE (fail every Nth allocation point; default: about
# 250 points spread over the run), FAULT_SECONDS (time budget for the
# allocation sweep, default 150), FAULT_ONCE=1 (fail one allocation only,
# instead of all from that point on).
. "$(dirname "$0")/lib/common.sh"
NORFOLK=$SRC/examples/data/norfolk.json
OUT=$WORK/pdf
FAILMALLOC=${BRIEFING_BUILD_DIR:?}/tests/fault/failmalloc.so
mkdir -p "$OUT"

# no_output: nothing at the output path and no temporary file beside it.
no_output() {
  [ ! -e "$OUT/x.pdf" ] && pass || { fail "$1: a file was left at the output path"; rm -f "$OUT/x.pdf"; }
  if ls -A "$OUT" | grep -q '^\.x\.pdf\.'; then fail "$1: a temporary file was left behind"; rm -f "$OUT"/.x.pdf.*; else pass; fi
}

# ---- Running out of memory --------------------------------------------------
sanitized=0
if ldd "$BRIEFING" 2>/dev/null | grep -qE 'libasan|libubsan|libtsan'; then sanitized=1; fi
if [ "$sanitized" -eq 1 ]; then
  echo "skipping the allocation sweep: a sanitizer build's allocator cannot be replaced"
elif [ ! -f "$FAILMALLOC" ]; then
  fail "$FAILMALLOC is not built (tests/CMakeLists.txt needs add_subdirectory(fault))"
else
  export FAILMALLOC_SCOPE=ours
  FAILMALLOC_COUNT=$WORK/count LD_PRELOAD=$FAILMALLOC \
    "$BRIEFING" generate -q -t councillor-pack -d "$NORFOLK" -o "$OUT/x.pdf" 2>"$WORK/err"
  total=$(cat "$WORK/count" 2>/dev/null || echo 0)
  if [ "$total" -lt 100 ]; then fail "counting allocations under failmalloc gave $total"; fi
  rm -f "$OUT/x.pdf"
  stride=${FAULT_STRIDE:-$(( total / 250 > 7 ? total / 250 : 7 ))}
  budget=${FAULT_SECONDS:-150}
  start=$(date +%s)
  runs=0
  # try_at N ONCE: the run with allocation N failing (and, unless ONCE is
  # 1, every later one) must end cleanly.
  try_at() {
    # A subshell, so that bash's own "Segmentation fault" note lands in err.
    ( FAILMALLOC_AFTER=$1 FAILMALLOC_ONCE=$2 LD_PRELOAD=$FAILMALLOC \
        exec timeout 60 "$BRIEFING" generate -q -t councillor-pack -d "$NORFOLK" -o "$OUT/x.pdf" ) \
        >/dev/null 2>"$WORK/err"
    got=$?
    runs=$((runs + 1))
    case $got in
    0)
      [ -s "$OUT/x.pdf" ] && pass || fail "allocation $1: exit 0 but no PDF"
      rm -f "$OUT/x.pdf"
      no_output "allocation $1" ;;
    70|71)
      [ -s "$WORK/err" ] && pass || fail "allocation $1: exit $got without a message"
      no_output "allocation $1" ;;
    *)
      fail "allocation $1 failing: exit $got, want 0, 70 or 71"
      sed 's/^/  stderr: /' "$WORK/err" | head -3 >&2
      no_output "allocation $1" ;;
    esac
  }
  n=0
  while [ "$n" -le "$((total + 5))" ]; do
    if [ $(( $(date +%s) - start )) -ge "$budget" ]; then
      echo "time budget spent: stopped at allocation $n of $total"; break
    fi
    try_at "$n" "${FAULT_ONCE:-0}"
    n=$((n + stride))
  done
  # One allocation failing alone, the later ones succeeding (what a
  # cleanup path that frees twice trips over), at points between those
  # above.
  n=$((stride / 2))
  while [ "$n" -le "$total" ] && [ $(( $(date +%s) - start )) -lt "$budget" ]; do
    try_at "$n" 1
    n=$((n + stride))
  done
  # Saving the PDF is the last few hundred allocations, where libharu once
  # crashed on one failure (core/pdf/pdfmem.h): every other one of them, alone.
  n=$((total > 400 ? total - 400 : 0))
  while [ "$n" -le "$total" ] && [ $(( $(date +%s) - start )) -lt "$budget" ]; do
    try_at "$n" 1
    n=$((n + 2))
  done
  echo "allocation failures injected at $runs points (every ${stride}th of $total, then between those alone, then every other one of the last 400 alone)"
  unset FAILMALLOC_SCOPE
fi

# ---- Output that cannot be written -----------------------------------------
# /dev/full: every write fails with ENOSPC.
expect_exit 74 "$BRIEFING" generate -q -t councillor-pack -d "$NORFOLK" -o /dev/full
contains "$WORK/err" "/dev/full"
# A folder in which nothing can be created (root ignores permissions, but
# not procfs).
expect_exit 73 "$BRIEFING" generate -q -t councillor-pack -d "$NORFOLK" -o /proc/x.pdf
contains "$WORK/err" "/proc"
expect_exit 73 "$BRIEFING" generate -q -t councillor-pack -d "$NORFOLK" -o "$OUT/missing/x.pdf"
no_output "a missing folder"
# A real disk that fills up part way, and a read-only one: tmpfs mounts in a
# mount namespace of our own, where the machine allows it.
if unshare -m true 2>/dev/null; then
  mnt=$WORK/mnt
  mkdir -p "$mnt"
  echo "an earlier briefing" >"$WORK/keep"
  unshare -m sh -c '
    mount -t tmpfs -o size=48k tmpfs "$1" || exit 99
    cp "$5" "$1/x.pdf"
    "$2" generate -q -t councillor-pack -d "$3" -o "$1/x.pdf" 2>"$4"
    rc=$?
    cmp -s "$1/x.pdf" "$5" || rc=98
    ls -A "$1" | grep -q "^\.x\.pdf\." && rc=97
    exit $rc' sh "$mnt" "$BRIEFING" "$NORFOLK" "$WORK/err" "$WORK/keep"
  case $? in
  74) pass; contains "$WORK/err" "No space left on device" ;;
  99) echo "skipping the full tmpfs check: cannot mount tmpfs here" ;;
  98) fail "disk full: the existing output was changed" ;;
  97) fail "disk full: a temporary file was left behind" ;;
  *) fail "disk full: want exit 74"; cat "$WORK/err" >&2 ;;
  esac
  unshare -m sh -c '
    mount -t tmpfs -o ro tmpfs "$1" || exit 99
    "$2" generate -q -t councillor-pack -d "$3" -o "$1/x.pdf" 2>"$4"' \
    sh "$mnt" "$BRIEFING" "$NORFOLK" "$WORK/err"
  case $? in
  73) pass; contains "$WORK/err" "Read-only file system" ;;
  99) echo "skipping the read-only check: cannot mount tmpfs here" ;;
  *) fail "read-only folder: want exit 73"; cat "$WORK/err" >&2 ;;
  esac
else
  echo "skipping the full and read-only disk checks: no mount namespaces here"
fi

# ---- Input cut short or unreadable ------------------------------------------
size=$(wc -c <"$NORFOLK")
for cut in 1 100 $((size / 2)) $((size - 2)); do
  head -c "$cut" "$NORFOLK" >"$WORK/cut.json"
  expect_exit 65 "$BRIEFING" generate -q -t councillor-pack -d json:"$WORK/cut.json" -o "$OUT/x.pdf"
  contains "$WORK/err" "cut.json:" "cut after $cut bytes: stderr"
  no_output "cut after $cut bytes"
done
head -c 3000 "$OFFICIAL/ofsted_la_inspection_outcomes_at_31_march_2025.csv" >"$WORK/cut.csv"
printf '"Ofsted Local Authority Webpage,E09' >>"$WORK/cut.csv"
expect_exit 65 "$BRIEFING" generate -q -t councillor-pack -d ofsted:"$WORK/cut.csv" -o "$OUT/x.pdf"
contains "$WORK/err" "cut.csv:"
expect_exit 66 "$BRIEFING" generate -q -t councillor-pack -d "$WORK/no-such.json" -o "$OUT/x.pdf"
contains "$WORK/err" "no-such.json"
expect_exit 66 "$BRIEFING" generate -q -t councillor-pack -d "$WORK" -o "$OUT/x.pdf"
contains "$WORK/err" "is a folder"
no_output "unreadable input"

finish

#!/usr/bin/env bash
# briefing batch on a terminal: a progress bar with counts, redrawn in place,
# and no per-council lines (those are for logs and cron). Needs a
# pseudo-terminal, made with script(1); where none can be made (a chroot
# without /dev/pts, some containers) the test says so and is skipped.
. "$(dirname "$0")/lib/common.sh"
command -v script >/dev/null 2>&1 || skip "script(1) is not installed (apt-get install bsdutils)"
if ! script -qec true /dev/null >"$WORK/script" 2>&1 </dev/null; then
  skip "no pseudo-terminal here: $(head -1 "$WORK/script")"
fi
SYN=$WORK/councils.json
python3 "$SYNTHETIC" 4 "$SYN" || fail "synthetic_councils.py"
OUT=$WORK/pdfs

script -qec "'$BRIEFING' batch -t one-page -d '$SYN' -O '$OUT' -c E10000003,E10000002" /dev/null \
  >"$WORK/tty" 2>&1 </dev/null || fail "batch on a terminal: exit $?"
contains "$WORK/tty" "] 2/2"
contains "$WORK/tty" "] 0/2"
lacks "$WORK/tty" "E10000003 Shire 003: wrote"
[ -f "$OUT/E10000003-Shire 003-2024-01.pdf" ] && pass || fail "no PDF for E10000003 from the terminal run"
finish

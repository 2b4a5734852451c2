#!/usr/bin/env bash
# briefing batch as cron runs it: 152 councils, one PDF each, a folder that
# holds nothing else afterwards, silence with --quiet, clear usage errors.
. "$(dirname "$0")/lib/common.sh"
SYN=$WORK/councils.json
python3 "$SYNTHETIC" 152 "$SYN" || fail "synthetic_councils.py"
OUT=$WORK/pdfs

# Cron: --quiet prints nothing at all on success.
expect_exit 0 "$BRIEFING" batch -q -t one-page -d "$SYN" -O "$OUT" -j 2
[ -s "$WORK/out" ] && fail "--quiet printed on stdout: $(head -2 "$WORK/out")" || pass
[ -s "$WORK/err" ] && fail "--quiet printed on stderr: $(head -2 "$WORK/err")" || pass
n=$(ls "$OUT" | grep -c '\.pdf$')
[ "$n" -eq 152 ] && pass || fail "$n PDFs for 152 councils"
# Nothing but the PDFs and the lock file: no temporary left.
extra=$(ls -A "$OUT" | grep -v '\.pdf$' | grep -vx '.briefing.lock')
[ -z "$extra" ] && pass || fail "left in the folder: $extra"
[ -e "$OUT/.briefing.lock" ] && pass || fail "no lock file"
pdf_ok "$OUT/E10000000-Shire 000-2024-01.pdf"
pdf_text "$OUT/E10000151-Shire 151-2024-01.pdf"
contains "$WORK/text" "Shire 151"

# A warning every council gives (a character no font has, in each council's
# first leader's name) is printed once, not once a worker.
python3 - "$SYN" "$WORK/emoji.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for c in d["councils"][:40]:
    if c.get("leaders"):
        c["leaders"][0]["name"] += " \u2603\ufe0f\U0001F680"
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
expect_exit 0 "$BRIEFING" batch -t councillor-pack -d "$WORK/emoji.json" -O "$WORK/emoji" -j 2 -c all
n=$(grep -c "U+1F680" "$WORK/err")
[ "$n" -eq 1 ] && pass || { fail "the same warning printed $n times by 2 workers"; grep "U+1F680" "$WORK/err" | head -3 >&2; }
# Whole lines: none runs into another.
grep -v '^briefing: ' "$WORK/err" | grep -q . && fail "a broken line on stderr: $(grep -v '^briefing: ' "$WORK/err" | head -1)" || pass

# Not a terminal: one line per council, then a closing line.
expect_exit 0 "$BRIEFING" batch -t one-page -d "$SYN" -O "$OUT" -c E10000003,E10000004
contains "$WORK/out" "E10000003 Shire 003: wrote $OUT/E10000003-Shire 003-2024-01.pdf (1 page)"
contains "$WORK/out" "2 briefings written to $OUT"
[ "$(wc -l <"$WORK/out")" -eq 3 ] && pass || fail "want 3 lines on stdout, got $(wc -l <"$WORK/out")"
# On a terminal: tests/e2e/batch_tty.sh (skipped where there is none).
# A council named twice (by code and by name) is briefed once.
expect_exit 0 "$BRIEFING" batch -t one-page -d "$SYN" -O "$OUT" -c "E10000003, shire 003"
[ "$(grep -c wrote "$WORK/out")" -eq 1 ] && pass || fail "a council named twice was briefed twice"

# Usage errors: 64, with what was wrong, and nothing written.
expect_exit 64 "$BRIEFING" batch -t one-page -d "$SYN" -O "$WORK/new" -c E99999999
contains "$WORK/err" "-c E99999999: no such council"
expect_exit 64 "$BRIEFING" batch -t one-page -d "$SYN"
contains "$WORK/err" "-O OUTDIR"
expect_exit 64 "$BRIEFING" batch -t one-page -d "$SYN" -O "$WORK/new" --name "{nme}.pdf"
contains "$WORK/err" "{nme}: unknown field"
[ -e "$WORK/new" ] && fail "a usage error made the output folder" || pass
expect_exit 64 "$BRIEFING" batch -t one-page -d "$SYN" -O "$OUT" -j 0
# The output folder's parent must exist; the folder itself is made.
expect_exit 73 "$BRIEFING" batch -t one-page -d "$SYN" -O "$WORK/no/such" -c E10000003
contains "$WORK/err" "$WORK/no/such"
expect_exit 0 "$BRIEFING" batch -q -t one-page -d "$SYN" -O "$WORK/made" -c E10000003
[ -f "$WORK/made/E10000003-Shire 003-2024-01.pdf" ] && pass || fail "the output folder was not made"
# Bad data fails before anything is written: 65.
printf '{"schema": "briefing-dataset/1", "councils": [' >"$WORK/bad.json"
expect_exit 65 "$BRIEFING" batch -t one-page -d "$WORK/bad.json" -O "$WORK/bad"
contains "$WORK/err" "bad.json"
finish

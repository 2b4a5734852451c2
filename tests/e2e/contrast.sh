#!/usr/bin/env bash
# Contrast (issue 18 point 4): a template's own colours below WCAG 2.2 AA
# get a warning at load naming the pair, its ratio and what it needs; the
# briefing is still made (the council owns its colours).  The shipped
# templates get none.
. "$(dirname "$0")/lib/common.sh"
NORFOLK=$SRC/examples/data/norfolk.json

for t in councillor-pack improvement-board one-page; do
  expect_exit 0 "$BRIEFING" check -t $t -d "$NORFOLK"
  lacks "$WORK/err" "WCAG" "briefing check -t $t"
done

python3 - "$SRC/templates/councillor-pack.json" "$WORK/pale.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1], encoding="utf-8"))
t["colours"]["secondary"] = "#999999"          # too light for notes
t["colours"]["requires_improvement_mark"] = "#f47738"  # the fill as a mark
del t["colours"]["good_mark"]                  # made from the fill
json.dump(t, open(sys.argv[2], "w", encoding="utf-8"))
PY
expect_exit 0 "$BRIEFING" check -t "$WORK/pale.json" -d "$NORFOLK"
contains "$WORK/err" "pale.json: colours.secondary (#999999) on the page (#ffffff) is 2.85:1; notes, sources and axis labels needs 4.5:1 (WCAG 2.2 AA)"
contains "$WORK/err" "colours.requires_improvement_mark (#f47738) on the page (#ffffff) is 2.78:1"
lacks "$WORK/err" "colours.good_mark" "warnings (a mark made from the fill passes)"
n=$(grep -c 'WCAG' "$WORK/err")
[ "$n" -eq 4 ] && pass || fail "$n contrast warnings, want 4 (secondary twice, the orange mark twice)"
finish

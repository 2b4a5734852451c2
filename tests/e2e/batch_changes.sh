#!/usr/bin/env bash
# The changes section across two monthly runs with --state-dir: the first
# says there is nothing to compare with; the second lists what moved, with
# dates; state is kept per council and template.
. "$(dirname "$0")/lib/common.sh"
SYN=$WORK/may.json
python3 "$SYNTHETIC" 4 "$SYN" || fail "synthetic_councils.py"
# A month later: a new judgement, a new director (the last one leaves), a
# figure up 10%, an intervention ended; another figure up only 2%.
python3 - "$SYN" "$WORK/june.json" <<'PY' || fail "writing June's data"
import json, sys
d = json.load(open(sys.argv[1]))
d["as_of"] = "2024-06-01"
c0 = d["councils"][0]
c0["inspections"].append({"date": "2024-03-10", "framework": "ilacs", "type": "full", "judgement": "good"})
for l in c0["leaders"]:
    if "end" not in l:
        l["end"] = "2024-02"
        gone = l["name"]
c0["leaders"].append({"role": "dcs", "name": "Pat New", "start": "2024-02-19", "interim": True})
last = c0["metrics"][-1]
c0["metrics"].append({"name": last["name"], "period": "2024-03-31", "value": 1100, "unit": "count"})
last["value"] = 1000
c1 = d["councils"][1]
# A judgement recorded differently, and the director in post dropped from the data.
full = [i for i in c1["inspections"] if i.get("type") == "full"][-1]
full["judgement"] = "outstanding" if full["judgement"] != "outstanding" else "good"
c1["leaders"] = [l for l in c1["leaders"] if "end" in l]
c1["interventions"].append({"kind": "improvement_adviser", "start": "2023-06", "end": "2024-04",
                            "summary": "Adviser", "outcome": "adviser withdrawn"})
last = c1["metrics"][-1]
c1["metrics"].append({"name": last["name"], "period": "2024-03-31", "value": last["value"] * 1.02, "unit": "count"})
json.dump(d, open(sys.argv[2], "w"))
open(sys.argv[2] + ".gone", "w").write(gone)
# May's data with the same figure at 1000, so that the move is exactly 10%.
m = json.load(open(sys.argv[1]))
m["councils"][0]["metrics"][-1]["value"] = 1000
json.dump(m, open(sys.argv[1], "w"))
PY
cat >"$WORK/monthly.json" <<'JSON'
{"name": "monthly", "title": "Monthly update", "sections": [{"plugin": "changes"}]}
JSON
STATE=$WORK/state
run() { expect_exit 0 env SOURCE_DATE_EPOCH="$1" "$BRIEFING" batch -q -t "$2" -d "$3" -O "$WORK/pdfs" \
          --state-dir "$STATE" --name "{code}.pdf" -c E10000000,E10000001,E10000003; }

# May: nothing to compare with.
run 1714780800 "$WORK/monthly.json" "$SYN"
pdf_text "$WORK/pdfs/E10000000.pdf"
contains "$WORK/text" "First briefing for this council: nothing to compare with."
[ -f "$STATE/monthly/E10000000.json" ] && pass || fail "no state file after the first run"
contains "$STATE/monthly/E10000000.json" '"as_of":	"2024-01-01"'

# June: what changed, dated.
run 1717459200 "$WORK/monthly.json" "$WORK/june.json"
pdf_text "$WORK/pdfs/E10000000.pdf"
contains "$WORK/text" "Compared with the briefing made on 4 May 2024, with data as of 1 January 2024."
contains "$WORK/text" "10 March 2024"
contains "$WORK/text" "New Ofsted judgement: Good (ILACS full inspection)"
contains "$WORK/text" "19 February 2024"
contains "$WORK/text" "New director of children's services: Pat New (interim)"
contains "$WORK/text" "$(cat "$WORK/june.json.gone") left the post of director of children's services"
contains "$WORK/text" "Children looked after: 1,100, up 10.0% from 1,000 (31 March 2023)"
pdf_text "$WORK/pdfs/E10000001.pdf"
contains "$WORK/text" "April 2024"
contains "$WORK/text" "Intervention ended: Improvement adviser; adviser withdrawn"
contains "$WORK/text" "judgement is now recorded as"
contains "$WORK/text" "is no longer recorded as director of children's services"
lacks "$WORK/text" "Children looked after:" "a 2% move under the 5% threshold"
pdf_text "$WORK/pdfs/E10000003.pdf"
contains "$WORK/text" "Nothing in the data given has changed since"
contains "$STATE/monthly/E10000000.json" '"as_of":	"2024-06-01"'

# A lower threshold in the template's options shows the 2% move.
cat >"$WORK/fine.json" <<'JSON'
{"name": "fine", "title": "Fine-grained", "sections": [{"plugin": "changes", "options": {"threshold": 1}}]}
JSON
run 1714780800 "$WORK/fine.json" "$SYN"
pdf_text "$WORK/pdfs/E10000001.pdf"
contains "$WORK/text" "First briefing for this council" "another template's first run (state is per template)"
run 1717459200 "$WORK/fine.json" "$WORK/june.json"
pdf_text "$WORK/pdfs/E10000001.pdf"
contains "$WORK/text" "up 2.0%"

# A damaged state file: a warning, the briefing still made, the file replaced.
echo "{" >"$STATE/monthly/E10000003.json"
expect_exit 0 "$BRIEFING" batch -t "$WORK/monthly.json" -d "$WORK/june.json" -O "$WORK/pdfs" \
  --state-dir "$STATE" --name "{code}.pdf" -c E10000003
contains "$WORK/err" "E10000003.json: not valid JSON"
pdf_text "$WORK/pdfs/E10000003.pdf"
contains "$WORK/text" "First briefing for this council"
contains "$STATE/monthly/E10000003.json" '"schema":	"briefing-state/1"'

# Without --state-dir there is nothing to compare with, ever: the section
# leaves itself out (it does not say "first briefing" on every run).
expect_exit 0 "$BRIEFING" batch -q -t "$WORK/monthly.json" -d "$WORK/june.json" -O "$WORK/plain" -c E10000000
pdf_text "$WORK/plain/"*.pdf
lacks "$WORK/text" "Changes since the last briefing"
lacks "$WORK/text" "First briefing"
# The improvement-board template carries the section: left out of a
# one-off, there in a monthly run that keeps state.
expect_exit 0 "$BRIEFING" generate -q -t improvement-board -d "$WORK/june.json" -c E10000000 -o "$WORK/board.pdf"
pdf_text "$WORK/board.pdf"
lacks "$WORK/text" "Changes since the last briefing"
run 1717459200 improvement-board "$WORK/june.json"
run 1719792000 improvement-board "$WORK/june.json"
pdf_text "$WORK/pdfs/E10000000.pdf"
contains "$WORK/text" "Changes since the last briefing"
contains "$WORK/text" "Nothing in the data given has changed since"
finish

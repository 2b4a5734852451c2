#!/usr/bin/env bash
# Every template with a council that has nothing, and with awkward data
# (partial dates, open tenures, very long text): plain lines, no empty
# chart, no crash.
. "$(dirname "$0")/lib/common.sh"

cat >"$WORK/empty.json" <<'JSON'
{"schema": "briefing-dataset/1", "as_of": "2024-06-01",
 "councils": [{"code": "E10000020", "name": "Norfolk", "kind": "county"}]}
JSON

for t in councillor-pack one-page improvement-board; do
  expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/$t.json" -d "$WORK/empty.json" -o "$WORK/$t.pdf"
  pdf_ok "$WORK/$t.pdf"
done
[ "$(pdf_pages "$WORK/one-page.pdf")" = 1 ] && pass || fail "one-page with no data is not one page"
pdftotext "$WORK/councillor-pack.pdf" - 2>/dev/null | tr -s ' \n' '  ' >"$WORK/flat"
# No source gave any list: every topic is "not recorded in the data given",
# never "none" (issue 15).
# The panels sit in a grid: their words are read row by row.
for line in "Government intervention Not recorded Not known Not recorded Not in the data given" \
            "Not recorded Not recorded Not recorded Not in the data given Not in the data given Not in the data given" \
            "No graded Ofsted inspection of Norfolk's children's services is recorded in the data given." \
            "Inspections are not recorded in the data given." "Leaders are not recorded in the data given." \
            "Government intervention is not recorded in the data given." \
            "No figures in the data given for: Children looked after per 10,000 children" \
            "No workforce figures are in the data given." "Key events are not recorded in the data given." \
            "No sources cited." \
            "Inspections are not recorded in the data given. When did Ofsted last inspect"; do
  contains "$WORK/flat" "$line" "the pack for a council with no data"
done
lacks "$WORK/flat" "None in force" "a pack from data that gives no interventions"
lacks "$WORK/flat" "Not inspected" "a pack from data that gives no inspections"

# The same council with every list given and empty: "none" is then a fact.
cat >"$WORK/given.json" <<'JSON'
{"schema": "briefing-dataset/1", "as_of": "2024-06-01",
 "councils": [{"code": "E10000020", "name": "Norfolk", "kind": "county", "inspections": [],
               "leaders": [], "interventions": [], "metrics": [], "events": []}]}
JSON
expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/councillor-pack.json" -d "$WORK/given.json" -o "$WORK/given.pdf"
pdftotext "$WORK/given.pdf" - 2>/dev/null | tr -s ' \n' '  ' >"$WORK/flat"
for line in "No graded inspection Not known None in force No graded inspections to compare None in the data given" \
            "No director in post in the data given No director in these years in the data given" \
            "The data given lists no inspection." "The data given lists none of these leaders." \
            "The data given lists no government intervention." "The data given lists no events for this period." \
            "The data given lists no full inspection. When did Ofsted last inspect"; do
  contains "$WORK/flat" "$line" "the pack for a council whose data gives empty lists"
done
lacks "$WORK/flat" "Judgements over time" "the pack with no inspections (an empty chart)"
lacks "$WORK/flat" "Who held each post" "the pack with no leaders (an empty chart)"

# Partial dates, open and overlapping tenures, a single inspection, long text.
long=$(printf 'A very long summary. %.0s' $(seq 1 400))
cat >"$WORK/odd.json" <<JSON
{"schema": "briefing-dataset/1", "as_of": "2024-06-01",
 "councils": [{"code": "E10000020", "name": "Norfolk", "kind": "county",
  "inspections": [{"date": "2021", "type": "short", "judgement": "requires_improvement", "summary": "$long"}],
  "leaders": [
    {"role": "dcs", "name": "Permanent Person", "start": "2016", "end": "2022-03"},
    {"role": "dcs", "name": "Acting Person", "start": "2022-01", "interim": true},
    {"role": "lead_member", "name": "Seen Once", "in_post_on": "2020-05"}],
  "interventions": [{"kind": "improvement_notice", "start": "2021", "summary": "$long"}],
  "metrics": [{"name": "looked_after_rate", "period": "2023", "value": 80.5, "unit": "rate_per_10k"}],
  "events": [{"date": "2022-02", "headline": "Interim appointed"}]}]}
JSON
for t in councillor-pack one-page improvement-board; do
  expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/$t.json" -d "$WORK/odd.json" -o "$WORK/odd-$t.pdf"
  pdf_ok "$WORK/odd-$t.pdf"
done
pdftotext "$WORK/odd-councillor-pack.pdf" - 2>/dev/null | tr -s ' \n' '  ' >"$WORK/flat"
contains "$WORK/flat" "Judged requires improvement in 2021." "a single inspection with a year-only date"
contains "$WORK/flat" "Acting Person (interim)"
contains "$WORK/flat" "Interim, since January 2022" "the current interim director"
contains "$WORK/flat" "The post has been held only by interims since March 2022" "an ongoing interim stretch"
contains "$WORK/flat" "In post by May 2020"
contains "$WORK/flat" "Improvement notice since 2021"
contains "$WORK/flat" "2 years and 5 months so far" "the open tenure, counted to the as-of date"
contains "$WORK/flat" "February 2022: Interim appointed."
lacks "$WORK/flat" "1 February 2022" "a month-only date printed with a day"
finish

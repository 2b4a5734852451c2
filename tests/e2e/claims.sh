#!/usr/bin/env bash
# No claim without data (issue 15): on packs made from the official files
# in examples/official and from the example JSON, a section says "none"
# only where a source gave the list, names what every change compares with,
# dates a figure older than its table's latest, and sets rates beside the
# median of the council's statistical neighbours (never counts, never a
# mean), at the precision published (the median, which we compute, at one
# decimal).
. "$(dirname "$0")/lib/common.sh"
OFF=$SRC/examples/official
HIST=$OFF/ofsted_la_inspections_2009_2023_current_las.csv
OUTC=$OFF/ofsted_la_inspection_outcomes_at_31_march_2025.csv
ILACS=$OFF/ofsted_ilacs_inspection_history_2018_2025.csv
CLA=$OFF/dfe_cla_number_and_rate_per_10k_children_2020_2024.csv
WF=$OFF/dfe_csww_workforce_indicators_2017_2025.csv
SN=$OFF/dfe_statistical_neighbours_2025.csv
PACK=$SRC/templates/councillor-pack.json

# flat PDF OUT: the text as one line, as paragraphs wrap where the page says.
flat() { pdftotext "$1" - 2>/dev/null | tr -s ' \n' '  ' >"$2"; }
official() { # official COUNCIL NAME
  BRIEFING=$BRIEFING expect_exit 0 sh "$OFF/render.sh" "$1" "$WORK/$2.pdf"
  pdf_ok "$WORK/$2.pdf"
  flat "$WORK/$2.pdf" "$WORK/$2"
}

# ---- Kensington and Chelsea, from the official files -----------------------
official "Kensington and Chelsea" kc
# The files hold no interventions and no leaders: not recorded, never "none".
lacks "$WORK/kc" "None in force" "official files, which give no interventions"
contains "$WORK/kc" "Government intervention No change Not recorded" "the intervention panel (a grid, read row by row)"
contains "$WORK/kc" "Government intervention is not recorded in the data given."
contains "$WORK/kc" "Leaders are not recorded in the data given."
contains "$WORK/kc" "Key events are not recorded in the data given."
lacks "$WORK/kc" "No director recorded in post" "the director's panel"
# The change from the figure a year earlier, dated; the rate against the
# neighbours' median, named, at one decimal; never two years back unnamed.
contains "$WORK/kc" "Latest figure: 53 per 10,000 children (31 March 2024), against 70 for England and 65.0 for the median of its 10 statistical neighbours [4]. Up from 45 on 31 March 2023, a year earlier. The gap to England has narrowed since 31 March 2022."
lacks "$WORK/kc" "Up from 44 on 31 March 2022" "a comparison with two years earlier, unnamed"
contains "$WORK/kc" "Latest figure: 65 (31 March 2024) [4]. Up from 61 on 31 March 2023, a year earlier."
lacks "$WORK/kc" "Down from 82 on 31 March 2022" "a change against the latest year's"
contains "$WORK/kc" "31 March 2021 45 69 64.5 61" "the neighbours' median beside the published figures"
lacks "$WORK/kc" "similar councils" "an unnamed comparator"
# The agency rate was last published for 2020: its cells carry the date.
contains "$WORK/kc" "Agency social workers [5] 2.5% (30 September 2020) 15.4% (30" "the old agency rate, dated in its cells"
contains "$WORK/kc" "Down from 5.7% on September 30 September 2019, 2020) a year earlier" "its change, against 2019"
contains "$WORK/kc" "a figure older than 30 September 2024 carries its date"
contains "$WORK/kc" "Social worker turnover [5] 11.5% 13.9% Down from 12.9% on 30 September 2023, a year earlier"

# ---- Norfolk, with an intervention list given and empty -------------------
# Official files plus a JSON whose "interventions": [] says "none".
cat >"$WORK/norfolk-none.json" <<'JSON'
{"schema": "briefing-dataset/1",
 "councils": [{"code": "E10000020", "name": "Norfolk", "interventions": []}]}
JSON
official Norfolk norfolk
contains "$WORK/norfolk" "Government intervention Improving Not recorded" "the intervention panel (a grid, read row by row)"
expect_exit 0 "$BRIEFING" generate -t "$PACK" -d "$HIST" -d "$OUTC" -d "$ILACS" -d "$CLA" -d "$WF" -d "$SN" \
  -d "$WORK/norfolk-none.json" -c Norfolk --as-of 2025-06-01 -o "$WORK/none.pdf"
flat "$WORK/none.pdf" "$WORK/none"
contains "$WORK/none" "None in force" "an empty intervention list given"
contains "$WORK/none" "The data given lists no government intervention."
contains "$WORK/none" "Leaders are not recorded in the data given." "leaders, still not given"

# ---- the dfe source's neighbours option -----------------------------------
# Counts print as published ("1,152", not "1,152.0") and get no neighbours'
# figure; the rate gets the same median as the neighbour file gives.
cat >"$WORK/nb.json" <<JSON
{"name": "nb", "title": "Children's services briefing",
 "sources": [{"plugin": "dfe", "options": {"neighbours": "$SN"}, "data": ["$CLA", "$WF"]}],
 "sections": [{"plugin": "metrics", "options": {"metrics": ["looked_after_rate", "looked_after_children"]}}]}
JSON
expect_exit 0 "$BRIEFING" generate -t "$WORK/nb.json" -c Norfolk -o "$WORK/nb.pdf"
flat "$WORK/nb.pdf" "$WORK/nb"
contains "$WORK/nb" "Latest figure: 68 per 10,000 children (31 March 2024), against 70 for England and 59.0 for the median of its 10 statistical neighbours"
contains "$WORK/nb" "Latest figure: 1,152 (31 March 2024) [1]. Down from 1,215 on 31 March 2023, a year earlier."
lacks "$WORK/nb" "1,152.0" "a published count at a precision never published"
lacks "$WORK/nb" "similar councils" "an unnamed comparator"
[ "$(grep -o 'Median of 10 statistical neighbours' "$WORK/nb" | wc -l)" -eq 2 ] && pass ||
  fail "the neighbours' median shows for the rate only (its chart and table), not the count"

# ---- the example data ------------------------------------------------------
expect_exit 0 "$BRIEFING" generate -t "$PACK" -d "$SRC/examples/data/dudley.json" -o "$WORK/dudley.pdf"
flat "$WORK/dudley.pdf" "$WORK/dudley"
lacks "$WORK/dudley" "not recorded in the data given" "a council whose data gives every list"
# Every change names its date: "Up from 22.5% on 30 September 2022, ...".
grep -oE '(Up|Down|Unchanged) from [^ ]+ [a-z]+' "$WORK/dudley" >"$WORK/changes" || true
[ -s "$WORK/changes" ] && pass || fail "no change sentence in Dudley's pack"
if grep -vE ' (on|in)$' "$WORK/changes" >"$WORK/undated"; then
  fail "a change without its date: $(head -1 "$WORK/undated")"
else
  pass
fi
finish

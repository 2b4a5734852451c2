#!/usr/bin/env bash
# ODS workbooks read as Ofsted and DfE publish them (tests/data/ods): the
# outcomes workbook as downloaded, the 2009-2023 sheet (current councils,
# then former ones under a header of their own), the revenue outturn
# workbook (trimmed: notes above the header, [x], two tables, a hidden code
# row, figures in thousands).  A pack made from the workbooks must say what
# a pack made from the CSVs saved from them says, word for word.
. "$(dirname "$0")/lib/common.sh"
D=$SRC/tests/data/ods
OUTC_ODS=$D/LA_Inspection_Outcomes_as_at_31_March_2025.ods
HIST_ODS=$D/la_inspections_2009_2023.ods
RO3=$D/RO3_LA_Data_2024-25_data_by_LA.ods
export SOURCE_DATE_EPOCH=1767225600

# Each workbook recognised by the right source.
expect_exit 0 "$BRIEFING" convert -v -d "$OUTC_ODS" -o "$WORK/outc.json"
contains "$WORK/err" "read by the ofsted source"
expect_exit 0 "$BRIEFING" convert -v -d "$HIST_ODS" -o "$WORK/hist.json"
contains "$WORK/err" "read by the ofsted source"
expect_exit 0 "$BRIEFING" convert -v -d "$RO3" -o "$WORK/ro3.json"
contains "$WORK/err" "read by the dfe source"
contains "$WORK/err" "children's social care spend of 8 councils"

# The same inspections from the workbooks as from the CSVs saved from them.
expect_exit 0 "$BRIEFING" convert -d "$D/ofsted_la_inspection_outcomes_at_31_march_2025.csv" \
  -d "$D/ofsted_ilacs_inspection_history_2018_2025.csv" -o "$WORK/outc_csv.json"
expect_exit 0 "$BRIEFING" convert -d "$D/ofsted_la_inspections_2009_2023_current_las.csv" \
  -d "$D/ofsted_la_inspections_2009_2023_former_las.csv" -o "$WORK/hist_csv.json"
python3 - "$WORK" >"$WORK/cmp" 2>&1 <<'PY'
import json, sys
w = sys.argv[1]
def load(n): return {c['code']: c for c in json.load(open('%s/%s.json' % (w, n)))['councils']}
def insp(c): return sorted(json.dumps({k: v for k, v in i.items() if k != 'cites'}, sort_keys=True)
                           for i in c.get('inspections', []))
ods, csv = load('outc'), load('outc_csv')
# The in-year sheet has no CSV here: compare what both routes hold.
bad = [k for k in csv if insp(csv[k]) != [x for x in insp(ods[k]) if x in insp(csv[k])]]
print('outcomes: %d councils, %d differ %s' % (len(csv), len(bad), bad[:5]))
ods, csv = load('hist'), load('hist_csv')
bad = [k for k in ods if insp(ods[k]) != insp(csv[k])]
print('history: %d councils, %d differ %s' % (len(ods), len(bad), bad[:5]))
r = load('ro3')
print('norfolk spend %s %s %s' % (r['E10000020']['metrics'][0]['value'], r['E10000020']['metrics'][0]['unit'],
                                  r['E10000020']['metrics'][0]['period']))
print('wiltshire spend %s' % r['E06000054']['metrics'][0]['value'])
# Barnsley's row gives its former code E08000016: filed under today's.
print('barnsley under %s' % [k for k in r if k in ('E08000016', 'E08000038')])
print('not councils %s' % sorted(k for k in r if not k[:3] in ('E06', 'E08', 'E09', 'E10')))
print('birmingham %s' % ('E08000025' in r))
PY
contains "$WORK/cmp" "outcomes: 156 councils, 0 differ []"
# 14: Dorset County Council (E10000009) apart from today's Dorset (E06000059)
contains "$WORK/cmp" "history: 14 councils, 0 differ []"
contains "$WORK/cmp" "norfolk spend 246274000 gbp 2025-03-31"
contains "$WORK/cmp" "wiltshire spend 98984000"
contains "$WORK/cmp" "barnsley under ['E08000038']"
contains "$WORK/cmp" "not councils []"
contains "$WORK/cmp" "birmingham False"

# Norfolk's pack from the two workbooks and from the four CSVs: the same words.
expect_exit 0 "$BRIEFING" generate -t councillor-pack -d "$OUTC_ODS" -d "$HIST_ODS" -c Norfolk -o "$WORK/ods.pdf"
pdf_ok "$WORK/ods.pdf"
pdftotext "$WORK/ods.pdf" "$WORK/ods.txt"
expect_exit 0 "$BRIEFING" generate -t councillor-pack -d "$D/ofsted_la_inspection_outcomes_at_31_march_2025.csv" \
  -d "$D/ofsted_ilacs_inspection_history_2018_2025.csv" -d "$D/ofsted_la_inspections_2009_2023_current_las.csv" \
  -d "$D/ofsted_la_inspections_2009_2023_former_las.csv" -c Norfolk -o "$WORK/csv.pdf"
pdftotext "$WORK/csv.pdf" "$WORK/csv.txt"
if diff "$WORK/ods.txt" "$WORK/csv.txt" >"$WORK/diff"; then pass; else
  fail "Norfolk's pack from the workbooks differs from the CSVs'"; head -20 "$WORK/diff" >&2; fi
pdf_text "$WORK/ods.pdf"
contains "$WORK/text" "Good" "Norfolk's pack"
contains "$WORK/text" "13 January 2023" "Norfolk's pack"

# The total's heading reworded: the hidden row's code RO3-csctot-tot-exp finds it.
expect_exit 0 "$BRIEFING" convert -d "$D/RO3_heading_renamed_2024-25.ods" -o "$WORK/renamed.json"
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
print([m['value'] for c in d['councils'] if c['code'] == 'E10000020' for m in c['metrics']])
" "$WORK/renamed.json" >"$WORK/renamed"
contains "$WORK/renamed" "[246274000]"

# The spend workbook with the inspections: read beside them.
expect_exit 0 "$BRIEFING" convert -d "$OUTC_ODS" -d "$RO3" -o "$WORK/both.json"

# A workbook no source reads: refused with its sheets named.
expect_exit 65 "$BRIEFING" generate -t councillor-pack -d "$D/features.ods" -o "$WORK/x.pdf"
contains "$WORK/err" "no source reads $D/features.ods: its sheets are Data, Other"
[ ! -e "$WORK/x.pdf" ] && pass || fail "a PDF was written for a refused workbook"
finish

#!/usr/bin/env bash
# The source plugins on the official Ofsted and DfE files, as users download
# them (BOM, CRLF, quoted names, suppression codes), and on malformed copies:
# each must load whole with the right figures, or be refused whole with exit
# 65 and a message naming the file and the line.
. "$(dirname "$0")/lib/common.sh"
OFF=$OFFICIAL
BAD=$SRC/tests/data/sources
CLA=$OFF/dfe_cla_number_and_rate_per_10k_children_2020_2024.csv
WF=$OFF/dfe_csww_workforce_indicators_2017_2025.csv
SN=$OFF/dfe_statistical_neighbours_2025.csv
HIST=$OFF/ofsted_la_inspections_2009_2023_current_las.csv
OUTC=$OFF/ofsted_la_inspection_outcomes_at_31_march_2025.csv
ILACS=$OFF/ofsted_ilacs_inspection_history_2018_2025.csv
# The same workbook's second table, for councils that no longer exist: a
# header of its own, wrapped header cells. Not shipped in examples/.
FORMER=$SRC/tests/data/official/ofsted_la_inspections_2009_2023_former_las.csv

# is FILE EXPR WANT: queues a check that the Python expression EXPR, with `d`
# the JSON document, c(name) a council, m(name, metric, period) a metric
# point and i(name, date) an inspection, prints WANT; check_all runs the
# queue in one Python process.
: >"$WORK/checks"
is() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$WORK/checks"; }
check_all() {
  python3 - "$WORK/checks" >"$WORK/results" 2>&1 <<'PY'
import json, sys
docs = {}
for line in open(sys.argv[1]):
    path, expr, want = line.rstrip('\n').split('\t')
    if path not in docs:
        docs[path] = json.loads(open(path, 'rb').read().decode('utf-8', 'replace'))
    d = docs[path]
    def c(name): return next(x for x in d['councils'] if x['name'] == name)
    def m(name, metric, period): return next(p for p in c(name).get('metrics', []) if p['name'] == metric and p['period'] == period)
    def i(name, date): return next(x for x in c(name)['inspections'] if x['date'] == date)
    try:
        got = str(eval(expr))
    except Exception as e:
        got = 'error: %r' % e
    print('ok' if got == want else 'FAIL %s is "%s", want "%s"' % (expr, got, want))
PY
  while read -r r; do
    case $r in ok) pass ;; *) fail "$r" ;; esac
  done <"$WORK/results"
}

# Every official file, each recognised from its header by the right source.
for f in "$CLA" "$WF" "$SN" "$HIST" "$OUTC" "$ILACS"; do
  expect_exit 0 "$BRIEFING" convert -d "$f" -o "$WORK/one.json"
done
expect_exit 0 "$BRIEFING" convert -d "$CLA" -d "$WF" -d "$SN" -d "$HIST" -d "$OUTC" -d "$ILACS" -o "$WORK/all.json"

# Children looked after: Norfolk 1,152 at 31 March 2024, rate 68 (England 70).
is "$WORK/all.json" "m('Norfolk','looked_after_children','2024-03-31')['value']" 1152
is "$WORK/all.json" "m('Norfolk','looked_after_rate','2024-03-31')['value']" 68
is "$WORK/all.json" "m('Norfolk','looked_after_rate','2024-03-31')['england']" 70
is "$WORK/all.json" "m('Norfolk','looked_after_rate','2024-03-31')['unit']" rate_per_10k
is "$WORK/all.json" "m('Norfolk','looked_after_children','2024-03-31')['region']" 6870
is "$WORK/all.json" "m('Norfolk','started_care','2024-03-31')['value']" 318
# Suppressed: Cumbria's 2024 row is "x": no point at all, never zero.
is "$WORK/all.json" "[p for p in c('Cumbria').get('metrics', []) if p['period'] == '2024-03-31']" "[]"
# Workforce at the 30 September census.
is "$WORK/all.json" "m('Norfolk','social_worker_turnover','2024-09-30')['value']" 12.4
is "$WORK/all.json" "m('Norfolk','average_caseload','2024-09-30')['unit']" count
# Statistical neighbours as GSS codes, the first being Suffolk.
is "$WORK/all.json" "c('Norfolk')['comparators']['statistical_neighbours'][0]" E10000029
is "$WORK/all.json" "len(c('Norfolk')['comparators']['statistical_neighbours'])" 10
# Ofsted: judged Good, published 13 January 2023, ILACS standard inspection.
is "$WORK/all.json" "i('Norfolk','2023-01-13')['judgement']" good
is "$WORK/all.json" "i('Norfolk','2023-01-13')['framework']" ilacs
is "$WORK/all.json" "i('Norfolk','2023-01-13')['type']" full
is "$WORK/all.json" "i('Norfolk','2023-01-13')['inspected_from']" 2022-11-07
# The 2013 child protection inspection, and SLAC's pre-2013 scale.
is "$WORK/all.json" "i('Norfolk','2013-02-22')['framework'] + ' ' + i('Norfolk','2013-02-22')['judgement']" "child_protection inadequate"
is "$WORK/all.json" "i('Norfolk','2011-07-22')['sub_judgements']['safeguarding']" adequate
is "$WORK/all.json" "i('Norfolk','2018-01-19')['type']" reinspection
# Spellings across files end in one council: Bristol has one entry.
is "$WORK/all.json" "sum(1 for x in d['councils'] if x['code'] == 'E06000023')" 1
is "$WORK/all.json" "c('Bristol')['la_number']" 801
# Barnsley's older code in Ofsted's and DfE's files joins its current one.
is "$WORK/all.json" "sum(1 for x in d['councils'] if x['name'] == 'Barnsley')" 1
is "$WORK/all.json" "sorted(s['id'] for s in d['sources'])" "['dfe-children-looked-after', 'dfe-childrens-social-work-workforce', 'dfe-statistical-neighbours', 'ofsted-ilacs-inspection-history', 'ofsted-la-inspection-outcomes', 'ofsted-la-inspections-2009-2023']"

# Former councils, from their own table: each under its own code, with its
# history (Northamptonshire's inadequate 2013 child protection inspection).
expect_exit 0 "$BRIEFING" convert -d "$FORMER" -o "$WORK/former.json"
is "$WORK/former.json" "len(d['councils'])" 4
is "$WORK/former.json" "c('Northamptonshire')['code']" E10000021
is "$WORK/former.json" "i('Northamptonshire','2013-03-20')['judgement']" inadequate
is "$WORK/former.json" "c('Bournemouth')['code'] + ' ' + c('Poole')['code']" "E06000028 E06000029"

check_all

# -d NAME:FILE forces a source; the wrong one refuses with what it expected.
expect_exit 0 "$BRIEFING" convert -d dfe:"$CLA" -o "$WORK/one.json"
expect_exit 65 "$BRIEFING" convert -d ofsted:"$CLA" -o "$WORK/one.json"
contains "$WORK/err" "not an Ofsted inspection file"

# Malformed copies: exit 65, the file and line named, nothing written.
bad() { # bad FILE TEXT...
  f=$1; shift
  rm -f "$WORK/bad.json"
  expect_exit 65 "$BRIEFING" convert -d "$BAD/$f" -o "$WORK/bad.json"
  for t in "$@"; do contains "$WORK/err" "$t" "the error for $f"; done
  [ -e "$WORK/bad.json" ] && fail "$f: an output was written" || pass
}
bad cla_ragged_row.csv "cla_ragged_row.csv:4: 12 fields where the header has 14"
bad cla_missing_columns.csv "cla_missing_columns.csv: no column \"number\""
bad cla_bad_number.csv "cla_bad_number.csv:3: column \"number\": \"3l8\" is not a number"
bad ofsted_bad_grade.csv "ofsted_bad_grade.csv:3: column \"overall effectiveness\": \"Very good\" is not a grade"
bad ofsted_unknown_council.csv "ofsted_unknown_council.csv:3: column \"local authority name\": no council \"Northampton\""
bad ofsted_bad_date.csv "ofsted_bad_date.csv:2: column \"publication date\": \"13 Jan 2023\" is not a date"
bad ofsted_unclosed_quote.csv "ofsted_unclosed_quote.csv:3: field 3: the quoted field opened on line 3 is never closed"
bad neighbours_unknown.csv "neighbours_unknown.csv:2: column \"sn_1\": no council \"999\""
bad workforce_not_utf8.csv "workforce_not_utf8.csv:2: the text is not UTF-8"

# Every official file loads together (how fast is measured in bench/, not
# asserted here: test machines are shared and noisy).
expect_exit 0 "$BRIEFING" convert -d "$CLA" -d "$WF" -d "$SN" -d "$HIST" -d "$OUTC" -d "$ILACS" -o "$WORK/all.json"

finish

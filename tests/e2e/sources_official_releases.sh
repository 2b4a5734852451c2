#!/usr/bin/env bash
# The official files across releases and sheets (issue 15, points 2-6), from
# the repository's own copies only: the 2025 shape of DfE's looked-after
# table and a column renamed past the aliases; the in-year sheet's visits;
# the former councils' table; one inspection given by several files; SLAC's
# two overall judgements.  What a user would see: the figures and
# judgements in the dataset, the warning, and the sentences of the pack.
. "$(dirname "$0")/lib/common.sh"
EX=$SRC/examples/official
DATA=$SRC/tests/data/sources
CLA=$EX/dfe_cla_number_and_rate_per_10k_children_2020_2024.csv
CLA25=$DATA/dfe_cla_2025_shape.csv
HIST=$EX/ofsted_la_inspections_2009_2023_current_las.csv
OUTC=$EX/ofsted_la_inspection_outcomes_at_31_march_2025.csv
ILACS=$EX/ofsted_ilacs_inspection_history_2018_2025.csv
FORMER=$DATA/ofsted_la_inspections_2009_2023_former_las.csv
INYEAR=$DATA/ofsted_in_year_inspections_2024_25.csv

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
    def n(name, year): return sum(1 for x in c(name)['inspections'] if x['date'].startswith(year))
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

# ---- 2. The looked-after table in its 2025 shape reads as the 2024 one.
expect_exit 0 "$BRIEFING" convert -d "$CLA25" -o "$WORK/cla25.json"
is "$WORK/cla25.json" "m('Nottingham','looked_after_children','2024-03-31')['value']" 674
is "$WORK/cla25.json" "m('Nottingham','looked_after_rate','2024-03-31')['value']" 100
is "$WORK/cla25.json" "m('Norfolk','looked_after_children','2024-03-31')['value']" 1152
is "$WORK/cla25.json" "m('Norfolk','looked_after_rate','2024-03-31')['england']" 70
is "$WORK/cla25.json" "m('Norfolk','started_care','2024-03-31')['value']" 318
# A count column renamed past every alias: named, with the closest header.
rm -f "$WORK/bad.json"
expect_exit 65 "$BRIEFING" convert -d "$DATA/cla_renamed_count.csv" -o "$WORK/bad.json"
contains "$WORK/err" 'cla_renamed_count.csv: no column "number" (nor "children_count"'
contains "$WORK/err" '; the closest is "children_counts"'
[ -e "$WORK/bad.json" ] && fail "an output was written for a refused file" || pass

# Measure labels reworded past recognition: refused, one label named.
expect_exit 65 "$BRIEFING" convert -d "$DATA/cla_measure_reworded.csv" -o "$WORK/bad.json"
contains "$WORK/err" 'cla_measure_reworded.csv: column "population_type": no measure reads as children looked after at 31 March (e.g. "Looked-after children (snapshot)"'

# ---- 3. Visits from the in-year sheet keep their type, dates and release.
expect_exit 0 "$BRIEFING" convert -d "$INYEAR" -o "$WORK/inyear.json"
is "$WORK/inyear.json" "i('Birmingham','2024-10-24')['type']" focused_visit
is "$WORK/inyear.json" "i('Birmingham','2024-10-24')['inspected_from']" 2024-09-24
is "$WORK/inyear.json" "i('Birmingham','2024-10-24')['judgement']" None
is "$WORK/inyear.json" "i('Bradford','2024-07-12')['type']" monitoring_visit
is "$WORK/inyear.json" "i('Bradford','2024-07-12')['inspected_from']" 2024-05-22
is "$WORK/inyear.json" "i('Barnet','2024-07-23')['type'] + ' ' + i('Barnet','2024-07-23')['judgement']" "short good"
is "$WORK/inyear.json" "sum(1 for x in d['councils'] for e in x['inspections'] if e['type'] in ('focused_visit', 'monitoring_visit'))" 60
is "$WORK/inyear.json" "[s['id'] for s in d['sources']]" "['ofsted-in-year-inspections']"
is "$WORK/inyear.json" "d['sources'][0]['title']" "Local authority in-year inspection activity 2024-25 (Local authority inspection outcomes as at 31 March 2025)"

# ---- 4. The former councils' table: every column, each row its council.
expect_exit 0 "$BRIEFING" convert -d "$FORMER" -o "$WORK/former.json"
is "$WORK/former.json" "i('Northamptonshire','2019-07-29')['judgement']" inadequate
is "$WORK/former.json" "c('Northamptonshire')['code']" E10000021
is "$WORK/former.json" "i('Bournemouth','2018-08-24')['judgement']" requires_improvement
is "$WORK/former.json" "i('Bournemouth','2018-08-24')['sub_judgements']['leadership']" inadequate
is "$WORK/former.json" "c('Dorset County Council')['code']" E10000009
is "$WORK/former.json" "i('Dorset County Council','2016-05-23')['judgement']" requires_improvement
is "$WORK/former.json" "[x['name'] for x in d['councils'] if x['code'] == 'E06000059']" "[]"

# A council dated before it existed, that replaced several: refused.
expect_exit 65 "$BRIEFING" convert -d "$DATA/ofsted_successor_before_it_existed.csv" -o "$WORK/bad.json"
contains "$WORK/err" "ofsted_successor_before_it_existed.csv:4: column \"ilacs framework publication date\": Bournemouth, Christchurch and Poole did not exist on 2018-08-24"

# ---- 5 and 6. Several files together.
expect_exit 0 "$BRIEFING" convert -d "$HIST" -d "$OUTC" -d "$ILACS" -d "$INYEAR" -o "$WORK/all.json"
# Merton's 2022 ILACS: "standard" in one file, "short" in another: one entry.
is "$WORK/all.json" "n('Merton','2022')" 1
is "$WORK/all.json" "i('Merton','2022-05-09')['type']" short
is "$WORK/all.json" "sorted((r['field'], r['value']) for r in i('Merton','2022-05-09')['reported'])" "[('type', 'full'), ('type', 'short')]"
is "$WORK/all.json" "len(i('Merton','2022-05-09')['cites'])" 3
# Nottingham's 2022 ILACS: 5 September in two files, 5 November in one.
is "$WORK/all.json" "n('Nottingham','2022')" 1
is "$WORK/all.json" "i('Nottingham','2022-09-05')['inspected_from']" 2022-07-11
is "$WORK/all.json" "sorted(r['value'] for r in i('Nottingham','2022-09-05')['reported'] if r['field'] == 'date')" "['2022-09-05', '2022-11-05']"
# The in-year sheet's inspections join the same inspections of the other
# files (same first day on site); its visits stay entries of their own.
is "$WORK/all.json" "n('Blackburn with Darwen','2025')" 1
is "$WORK/all.json" "i('Blackburn with Darwen','2025-04-23')['cites']" "['ofsted-la-inspection-outcomes', 'ofsted-ilacs-inspection-history', 'ofsted-in-year-inspections']"
is "$WORK/all.json" "i('Blackburn with Darwen','2024-05-24')['type']" focused_visit
# SLAC: the worse of its two overall judgements is its judgement.
is "$WORK/all.json" "i('Birmingham','2010-07-16')['judgement']" inadequate
is "$WORK/all.json" "i('Kent','2010-11-19')['judgement']" inadequate
is "$WORK/all.json" "i('Norfolk','2011-07-22')['judgement']" adequate
check_all
contains "$WORK/err" 'councils[E09000024].inspections[2022-05-09 full].type: "short" differs from "full"'
contains "$WORK/err" 'councils[E06000018].inspections[2022-11-05 full].date: "2022-09-05" differs from "2022-11-05"'

# The packs: the direction of travel, the history sentence, the table.
pack() { # pack COUNCIL OUT FILE...
  council=$1 out=$2; shift 2
  args=()
  for f in "$@"; do args+=(-d "$f"); done
  expect_exit 0 "$BRIEFING" generate -t councillor-pack --as-of 2025-06-01 "${args[@]}" -c "$council" -o "$WORK/$out.pdf"
  pdf_text "$WORK/$out.pdf"
}
pack Merton merton "$HIST" "$OUTC" "$ILACS"
contains "$WORK/text" "Improving" "Merton's pack"
contains "$WORK/text" "From good (2017) to outstanding (2022)" "Merton's pack"
lacks "$WORK/text" "No change" "Merton's pack"
lacks "$WORK/text" "ILACS standard inspection" "Merton's pack"
pack Nottingham nottingham "$HIST" "$OUTC" "$ILACS"
contains "$WORK/text" "Inadequate Declining" "Nottingham's pack"
contains "$WORK/text" "From requires improvement (2019) to inadequate (2022)" "Nottingham's pack"
lacks "$WORK/text" "5 November 2022" "Nottingham's pack"
pack Birmingham birmingham "$HIST" "$OUTC" "$ILACS" "$INYEAR"
contains "$WORK/text" "Judged inadequate in 2010, 2012, 2014 and 2016" "Birmingham's pack"
lacks "$WORK/text" "No overall judgement" "Birmingham's pack"
contains "$WORK/text" "ILACS focused visit; on site from 24 September 2024" "Birmingham's pack"
pack Kent kent "$HIST" "$OUTC" "$ILACS"
contains "$WORK/text" "Judged inadequate in 2010, adequate in 2013" "Kent's pack"
pack Northamptonshire northamptonshire "$FORMER"
contains "$WORK/text" "inadequate in 2013, requires improvement in 2016, inadequate in 2019" "Northamptonshire's pack"
contains "$WORK/text" "Inadequate Declining" "Northamptonshire's pack"
pack "Dorset County Council" dorset_cc "$FORMER" "$HIST"
contains "$WORK/text" "23 May 2016" "Dorset County Council's pack"
pack Dorset dorset "$FORMER" "$HIST"
lacks "$WORK/text" "23 May 2016" "today's Dorset's pack"

finish

#!/usr/bin/env bash
# "How we compare" on trimmed copies of DfE's dashboard files
# (tests/data/dashboard: England, East of England and South West, Norfolk,
# its statistical neighbours and the Isles of Scilly, all years, as
# published): Norfolk's figures, England's, the neighbours' median and the
# position are worked out here from the files themselves; the Isles of
# Scilly's suppressed cells say "not recorded"; without the ONS file there is
# no rate per 10,000, and the pack says so.
. "$(dirname "$0")/lib/common.sh"
DASH=$SRC/tests/data/dashboard
OFF=$SRC/examples/official
ALL=()
for f in "$DASH"/*.csv; do ALL+=(-d "$f"); done
NOPOP=()
for f in "$DASH"/*.csv; do case $f in *ons_*) ;; *) NOPOP+=(-d "$f") ;; esac; done
BASE=(-d "$OFF/dfe_statistical_neighbours_2025.csv" -d "$OFF/dfe_csww_workforce_indicators_2017_2025.csv")

expect_exit 0 "$BRIEFING" generate -t councillor-pack "${BASE[@]}" "${ALL[@]}" -c Norfolk -o "$WORK/norfolk.pdf"
pdf_ok "$WORK/norfolk.pdf"
pdf_text "$WORK/norfolk.pdf"
# the section alone: from its heading to the note under the table
sed -n '/^How we compare$/,/Median: of the statistical/p' "$WORK/text.layout" >"$WORK/section"
contains "$WORK/section" "Statistical neighbours (DfE model): Suffolk, Cornwall, Devon"
if [ "$(grep -c 'OFFICIAL.*Page' "$WORK/section")" -eq 0 ]; then pass; else fail "the section runs over a page"; fi
# in reading order (-raw keeps each table cell's wrapped lines together)
raw_section() {
  pdftotext -raw "$1" - | tr -s ' \n\t' '   ' | grep -o "Indicator Latest Date Trend England Region Median Position .*Median: of" >"$2" ||
    fail "$1: no How we compare table"
}
raw_section "$WORK/norfolk.pdf" "$WORK/section.flat"
raw_all() { pdftotext -raw "$1" - | tr -s ' \n\t' '   ' >"$2"; }

# Expected figures, from the fixture files (not from our own output).
python3 - "$DASH" "$OFF/dfe_statistical_neighbours_2025.csv" >"$WORK/expected" <<'PY'
import csv, sys, statistics
dash, snf = sys.argv[1], sys.argv[2]
def rows(name):
    return list(csv.DictReader(open(f"{dash}/{name}", encoding="utf-8-sig", newline="")))
def num(s):
    try: return float(s)
    except ValueError: return None
def fmt(v):  # whole when it is, else one decimal, as the pack prints
    return f"{round(v):,}" if abs(v - round(v)) < 0.05 else f"{v:,.1f}"
sn = next(r for r in csv.DictReader(open(snf, encoding="utf-8-sig", newline="")) if r["la_name"] == "Norfolk")
neighbours = [sn[f"SN_{i}"] for i in range(1, 11)]  # DfE numbers (old_la_code)
def figures(rs, col, year, code):
    at = {r["old_la_code"]: num(r[col]) for r in rs if r["time_period"] == year and r["geographic_level"] == "Local authority"}
    eng = next(num(r[col]) for r in rs if r["time_period"] == year and r["geographic_level"] == "National")
    return at, eng
# re-referrals 2025
rs = rows("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv")
at, eng = figures(rs, "rereferral_percent", "2025", "E10000020")
mine = at["926"]; nv = [at[c] for c in neighbours if at.get(c) is not None]
print("rereferral", f"{fmt(mine)}%", f"{fmt(eng)}%", f"{fmt(statistics.median(nv))}%", 1 + sum(v < mine for v in nv), 1 + len(nv))
# children in need per 10,000 at 31 March 2025: mid-2024 population
b1 = rows("b1_children_in_need_2013_to_2025.csv"); ons = rows("ons_mid-year_population_estimates_2012_to_2024.csv")
cin, cin_eng = figures(b1, "At31_episodes", "2025", "")
pop, pop_eng = figures(ons, "population_estimate", "2024", "")
rate = {c: cin[c] / pop[c] * 10000 for c in cin if cin[c] is not None and pop.get(c)}
mine = rate["926"]; nv = [rate[c] for c in neighbours if c in rate]
print("cin", f"{mine:,.1f}", f"{cin_eng / pop_eng * 10000:,.1f}", fmt(statistics.median(nv)), 1 + sum(v < mine for v in nv), 1 + len(nv))
PY
if [ "$(wc -l <"$WORK/expected")" -eq 2 ]; then pass; else fail "expected figures not worked out from the fixture"; fi
ordinal() { case $1 in 1) echo "lowest";; 2) echo "2nd lowest";; 3) echo "3rd lowest";; *) echo "${1}th lowest";; esac; }
while read -r what val eng med pos ranked; do
  case $what in
    rereferral) from="Re-referrals within 12 months"; to="Second or subsequent" ;;
    cin) from="Children in need per 10,000"; to="Re-referrals within" ;;
  esac
  sed -e "s/.*$from//" -e "s/$to.*//" "$WORK/section.flat" >"$WORK/row"
  contains "$WORK/row" "$val " "$what: Norfolk's value"
  contains "$WORK/row" " $eng " "$what: England"
  contains "$WORK/row" " $med " "$what: neighbours' median"
  contains "$WORK/row" "$(ordinal "$pos") of $ranked" "$what: position"
done <"$WORK/expected"
contains "$WORK/section.flat" "Re-referrals within 12 months (lower is better)"
contains "$WORK/section.flat" "in suitable accommodation (higher is better)"
lacks "$WORK/section.flat" "Children in need per 10,000 children (lower" # not in dispute: no direction

# At a glance: the strip of where Norfolk stands furthest from the middle of
# its neighbours. Re-referrals are the lowest of the council and its
# neighbours in the fixture (worked out above), as far from the middle as
# can be: in the strip with the fixture's figure, date and median; at most
# five rows, each with its date.
pdftotext -raw -f 3 -l 3 "$WORK/norfolk.pdf" - | tr -s ' \n\t' '   ' |
  grep -o "Where Norfolk stands furthest from its statistical neighbours .*Position: among" >"$WORK/strip" ||
  fail "no strip on the at-a-glance page"
read -r _ val _ med pos ranked < <(grep '^rereferral ' "$WORK/expected")
if [ "$pos" = 1 ]; then
  contains "$WORK/strip" "Re-referrals within 12 months $val [" "the strip: re-referrals"
  contains "$WORK/strip" "] 31 March 2025 $med lowest of $ranked" "the strip: re-referrals' date, median, position"
else fail "the fixture's re-referrals are not the lowest: the check needs another indicator"; fi
rows=$(grep -o " of [0-9]* " "$WORK/strip" | wc -l)
dates=$(grep -oE "(31 March|30 September) 20[0-9]{2}" "$WORK/strip" | wc -l)
[ "$rows" -ge 1 ] && [ "$rows" -le 5 ] && [ "$dates" -eq "$rows" ] && pass ||
  fail "the strip has $rows positions and $dates dates, want 1 to 5 rows each with its date"
contains "$WORK/strip" "Neighbours' median"
# Questions ask about the same indicators, with the fixture's figures.
raw_all "$WORK/norfolk.pdf" "$WORK/norfolk.all"
contains "$WORK/norfolk.all" "Re-referrals within 12 months: $val on 31 March 2025 [" "the question on re-referrals"
contains "$WORK/norfolk.all" "lowest of $ranked among Norfolk and its statistical neighbours (their median $med). What lies behind it" "the question on re-referrals"

# The children in care and in need section gives the worked-out rate too,
# never "no figures" for what How we compare shows.
read -r _ cinval cineng _ < <(grep '^cin ' "$WORK/expected")
contains "$WORK/norfolk.all" "Children in need per 10,000 children: $cinval on 31 March 2025 [" "the metrics section's worked-out rate"
contains "$WORK/norfolk.all" "against $cineng for England; worked out from children in need at 31 March and the ONS mid-2024 estimate" "the metrics section says how"
lacks "$WORK/norfolk.all" "No figures in the data given for: Children in need per 10,000" "the metrics section"

# ... and about the longest runs one way: Norfolk's second or subsequent
# plans fell year on year to 2025 in the fixture (the run worked out here
# from the file); lower is better, so the question says so.
read -r years from fromyear to < <(python3 - "$DASH" <<'PY'
import csv, sys
v = {int(r["time_period"]): float(r["CPP_subsequent_percent"])
     for r in csv.DictReader(open(f"{sys.argv[1]}/d3_cpps_subsequent_plan_2013_to_2025.csv", encoding="utf-8-sig", newline=""))
     if r["la_name"] == "Norfolk" and r["CPP_subsequent_percent"] not in ("x", "c", "z", "")}
y = 2025
while y - 1 in v and v[y - 1] > v[y]:
    y -= 1
words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
print(words[2025 - y], f"{v[y]:.1f}%", y, f"{v[2025]:.1f}%")
PY
)
contains "$WORK/norfolk.all" "Second or subsequent child protection plans: down year on year for $years years, from $from on 31 March $fromyear to $to on 31 March 2025 [" "the question on the longest run"
contains "$WORK/norfolk.all" "lower is better. What lies behind the fall, and what will keep it going?" "the run's question says which way is better"

# The Isles of Scilly: cells suppressed (c, z) and no neighbours' figures here.
expect_exit 0 "$BRIEFING" generate -t councillor-pack "${BASE[@]}" "${ALL[@]}" -c "Isles of Scilly" -o "$WORK/scilly.pdf"
raw_section "$WORK/scilly.pdf" "$WORK/scilly"
raw_all "$WORK/scilly.pdf" "$WORK/scilly.all"
# every care leavers' and placement cell of the Isles of Scilly is suppressed (c, z): no figure, never 0
grep -o "Not recorded in the data given: [^.]*\." "$WORK/scilly.all" >"$WORK/row"
for want in "Children looked after with three or more placements in the year" \
  "Children looked after living with the same carer for two years" \
  "Care leavers aged 19 to 21 in education, employment or training" \
  "Care leavers aged 19 to 21 in suitable accommodation"; do
  contains "$WORK/row" "$want" "Scilly's suppressed figures"
done
lacks "$WORK/scilly" "Care leavers aged 19 to 21 in suitable accommodation (higher" "Scilly's table"
# re-referrals 2025 were published as 0 (not suppressed): shown as 0%, with no neighbours' figures in the fixture
contains "$WORK/scilly" "Re-referrals within 12 months (lower is better) 0% ["
# children in need per 10,000: 2025 count over the mid-2024 population, from the fixture
want=$(python3 - "$DASH" <<'PY'
import csv, sys
d = sys.argv[1]
def get(f, col, year):
    for r in csv.DictReader(open(f"{d}/{f}", encoding="utf-8-sig", newline="")):
        if r["la_name"] == "Isles of Scilly" and r["time_period"] == year:
            return float(r[col])
print(f'{get("b1_children_in_need_2013_to_2025.csv", "At31_episodes", "2025") / get("ons_mid-year_population_estimates_2012_to_2024.csv", "population_estimate", "2024") * 10000:,.1f}')
PY
)
contains "$WORK/scilly" "Children in need per 10,000 children $want [" "Scilly's rate per 10,000"

# Spend per child: the revenue outturn workbook (trimmed: Norfolk, the Isles
# of Scilly, England and a few others) over the ONS mid-2024 population, one
# year only; England's from England's row; no region (the trimmed file holds
# only some of the region's councils), no median (none of Norfolk's
# neighbours); cites both files; the note names the years.  The workbook's
# cells (thousands of pounds, column C3): Norfolk CC 246,274, ENGLAND
# 16,878,876.029; the populations from the ONS fixture.
RO3=$SRC/tests/data/ods/RO3_LA_Data_2024-25_data_by_LA.ods
expect_exit 0 "$BRIEFING" generate -t councillor-pack "${BASE[@]}" "${ALL[@]}" -d "$RO3" -c Norfolk -o "$WORK/spend.pdf"
raw_section "$WORK/spend.pdf" "$WORK/spend"
raw_all "$WORK/spend.pdf" "$WORK/spend.all"
read -r mine eng < <(python3 - "$DASH" <<'PY'
import csv, sys
pop = {}
for r in csv.DictReader(open(f"{sys.argv[1]}/ons_mid-year_population_estimates_2012_to_2024.csv", encoding="utf-8-sig", newline="")):
    if r["time_period"] == "2024":
        pop["England" if r["geographic_level"] == "National" else r["la_name"]] = float(r["population_estimate"])
print(f"\u00a3{246274e3 / pop['Norfolk']:,.0f}", f"\u00a3{16878876.029e3 / pop['England']:,.0f}")
PY
)
sed -e "s/.*Children's social care spend per child//" -e "s/Median: of.*//" "$WORK/spend" >"$WORK/row"
contains "$WORK/row" " $mine [" "spend per child: Norfolk's figure"
contains "$WORK/row" "] Mar 2025 one year only $eng " "spend per child: date, no trend, England"
grep -o "$mine \[[0-9, ]*\]" "$WORK/row" | grep -q "," && pass || fail "spend per child cites one file, want the workbook and the population"
contains "$WORK/spend.all" "Spend per child: total children's social care expenditure in 2024-25 (revenue outturn, RO3) over the children aged 0 to 17 in the ONS mid-2024 estimate"
lacks "$WORK/spend" "spend per child (lower" "spend: no better or worse"
lacks "$WORK/spend" "spend per child (higher" "spend: no better or worse"

# Suppressed cells never reach the strip; without the dashboard files there is no strip.
pdftotext -raw -f 3 -l 3 "$WORK/scilly.pdf" - | tr -s ' \n\t' '   ' >"$WORK/scilly.glance"
lacks "$WORK/scilly.glance" "Care leavers aged 19 to 21" "Scilly's strip"

# Without the ONS file: the count is there, the rate is not guessed.
expect_exit 0 "$BRIEFING" generate -t councillor-pack "${BASE[@]}" "${NOPOP[@]}" -c Norfolk -o "$WORK/nopop.pdf"
raw_all "$WORK/nopop.pdf" "$WORK/nopop"
contains "$WORK/nopop" "Children in need per 10,000 children: no rate, as the data gives the count but not the population (ONS"
# A council the dashboard files do not cover at all (only the workforce file): not recorded.
expect_exit 0 "$BRIEFING" generate -t councillor-pack "${BASE[@]}" -c Norfolk -o "$WORK/none.pdf"
raw_all "$WORK/none.pdf" "$WORK/none"
contains "$WORK/none" "Not recorded in the data given: Children in need per 10,000 children; Re-referrals within 12 months;"
# ... and the strip has only what the workforce file gives
pdftotext -raw -f 3 -l 3 "$WORK/none.pdf" - | tr -s ' \n\t' '   ' |
  grep -o "stands furthest from its statistical neighbours .*Position: among" >"$WORK/none.strip" ||
  fail "no strip from the workforce file"
lacks "$WORK/none.strip" "Re-referrals" "the strip without the dashboard files"
finish

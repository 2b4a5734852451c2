#!/usr/bin/env bash
# What the pack says, against the official files, for councils of four
# kinds: a county (Norfolk), a London borough (Westminster), a small
# unitary (Rutland) and the Isles of Scilly (suppressed and zero cells).
# From the six files in examples/official (kept in the repository): each
# council's children looked after per 10,000 at 31 March 2024 in How we
# compare, with England, the region, the median of its ten statistical
# neighbours and its position among them, and the neighbours named; the
# expected figures are worked out here from the files, never from our
# output.
. "$(dirname "$0")/lib/common.sh"
OFF=$SRC/examples/official
DATA=()
for f in "$OFF"/*.csv; do DATA+=(-d "$f"); done

python3 - "$OFF" >"$WORK/expected" <<'PY'
import csv, statistics, sys
off = sys.argv[1]
def rows(name):
    return list(csv.DictReader(open(f"{off}/{name}", encoding="utf-8-sig", newline="")))
cla = [r for r in rows("dfe_cla_number_and_rate_per_10k_children_2020_2024.csv")
       if r["time_period"] == "2024" and "at 31 March" in (r.get("population_count") or r.get("population_type") or "")]
def num(s):
    try: return float(s)
    except ValueError: return None
rate = {r["old_la_code"]: num(r["rate_per_10000"]) for r in cla if r["geographic_level"] == "Local authority"}
name = {r["old_la_code"]: r["la_name"] for r in cla if r["geographic_level"] == "Local authority"}
region = {r["region_name"]: num(r["rate_per_10000"]) for r in cla if r["geographic_level"] == "Regional"}
england = next(num(r["rate_per_10000"]) for r in cla if r["geographic_level"] == "National")
sn = {r["la_name"]: r for r in rows("dfe_statistical_neighbours_2025.csv")}
def fmt(v):
    return f"{round(v):,}" if abs(v - round(v)) < 0.05 else f"{v:,.1f}"
def position(p, n):
    suffix = lambda k: "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    if p == 1: return f"lowest of {n}"
    if p == n: return f"highest of {n}"
    if p * 2 <= n + 1: return f"{p}{suffix(p)} lowest of {n}"
    return f"{n + 1 - p}{suffix(n + 1 - p)} highest of {n}"
for council in ("Norfolk", "Westminster", "Rutland", "Isles of Scilly"):
    code = next(c for c, n in name.items() if n == council)
    r = sn[council]
    nb = [r[f"SN_{i}"] for i in range(1, 11)]
    mine = rate[code]
    nv = [rate[c] for c in nb if rate.get(c) is not None]
    reg = next(num(x["rate_per_10000"]) for x in cla if x["geographic_level"] == "Regional" and x["region_name"] ==
               next(y["region_name"] for y in cla if y["old_la_code"] == code))
    print("|".join([council, fmt(mine), fmt(england), fmt(reg), fmt(statistics.median(nv)),
                    position(1 + sum(v < mine for v in nv), 1 + len(nv)), name[nb[0]], name[nb[-1]]]))
PY
if [ "$(wc -l <"$WORK/expected")" -eq 4 ]; then pass; else fail "expected figures not worked out from the files"; fi

while IFS='|' read -r council val eng reg med pos first last; do
  out=$WORK/$(printf '%s' "$council" | tr -c 'A-Za-z0-9\n' '-')
  expect_exit 0 "$BRIEFING" generate -q -t councillor-pack "${DATA[@]}" -c "$council" -o "$out.pdf"
  pdftotext -raw "$out.pdf" - | tr -s ' \n\t' '   ' >"$out.txt"
  grep -o "How we compare Each indicator.*Median: of" "$out.txt" >"$out.section" || fail "$council: no How we compare"
  contains "$out.section" "Statistical neighbours (DfE model): $first, " "$council: the neighbours named"
  contains "$out.section" " and $last. " "$council: the last neighbour named"
  sed -e 's/.*Children looked after per 10,000 children//' -e 's/ Social worker turnover.*//' \
    -e 's/ Not recorded in the data.*//' "$out.section" >"$out.row"
  contains "$out.row" " $val [" "$council: children looked after per 10,000"
  contains "$out.row" "] Mar 2024 " "$council: the figure's date"
  contains "$out.row" " $eng $reg $med $pos" "$council: England, region, neighbours' median and position"
done <"$WORK/expected"

# Westminster's agency rate was last published for 30 September 2021 (the
# file's cells since are "x"): How we compare shows it with its date, but
# the at-a-glance strip and the questions, which say where the council
# stands now, leave a figure that old out.
W=$WORK/Westminster
grep -q ",Westminster,.*" "$OFF/dfe_csww_workforce_indicators_2017_2025.csv" &&
  [ "$(grep '^2025,.*,Westminster,' "$OFF/dfe_csww_workforce_indicators_2017_2025.csv" | cut -d, -f21)" = x ] && pass ||
  fail "the workforce file's Westminster 2025 agency rate is no longer suppressed: the check needs another case"
contains "$W.section" "Agency social workers (lower is better) 0.7% [2] Sep 2021" "Westminster's old agency rate, dated"
pdftotext -raw -f 3 -l 3 "$W.pdf" - | tr -s ' \n\t' '   ' >"$W.glance"
contains "$W.glance" "Where Westminster stands furthest from its statistical neighbours" "Westminster's strip"
lacks "$W.glance" "30 September 2021" "Westminster's strip: a 2021 figure"
lacks "$W.txt" "Agency social workers: 0.7% on 30 September 2021" "Westminster's questions: a 2021 figure"
finish

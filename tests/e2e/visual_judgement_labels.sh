#!/usr/bin/env bash
# The judgement chart labels every inspection in full and without overlap,
# even where inspections crowd together (Norfolk's February and August 2013,
# which once left "Inadequate / LAC" shrunk to "I").
. "$(dirname "$0")/lib/common.sh"
BOXES="python3 $SRC/tests/e2e/lib/pdfboxes.py"
NORFOLK=$SRC/examples/data/norfolk.json

chart_words() { $BOXES between "$1" "Judgements over time" "Source:" >"$WORK/words" || fail "no judgement chart in $1"; }
count() { grep -cx -- "$1" "$WORK/words"; }

expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/councillor-pack.json" -d "$NORFOLK" -o "$WORK/n.pdf"
chart_words "$WORK/n.pdf"
for w in SLAC CPI LAC ILACS Adequate Good; do contains "$WORK/words" "$w" "the Norfolk chart"; done
# Three inadequate judgements labelled, and the legend.
[ "$(count Inadequate)" = 4 ] && pass || fail "Norfolk chart: $(count Inadequate) \"Inadequate\", want 3 labels and the legend"
[ "$(count SIF)" = 2 ] && pass || fail "Norfolk chart: $(count SIF) \"SIF\" labels, want 2"
for abbrev in I RI A G O; do
  [ "$(count $abbrev)" = 0 ] && pass || fail "Norfolk chart: a label shrunk to \"$abbrev\""
done

# Mid-crisis: the same four inspections on a shorter axis, so closer still.
expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/councillor-pack.json" -d "$NORFOLK" --as-of 2016-01-01 -o "$WORK/n2016.pdf"
chart_words "$WORK/n2016.pdf"
[ "$(count Inadequate)" = 4 ] && pass || fail "Norfolk 2016 chart: $(count Inadequate) \"Inadequate\", want 3 labels and the legend"
for w in SLAC CPI LAC SIF; do contains "$WORK/words" "$w" "the Norfolk 2016 chart"; done

expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/one-page.json" -d "$NORFOLK" -o "$WORK/one.pdf"
for f in n n2016 one; do
  if $BOXES overlaps "$WORK/$f.pdf" >"$WORK/faults"; then pass
  else fail "$f.pdf: words overlap"; sed 's/^/  /' "$WORK/faults" | head -5 >&2; fi
done
finish

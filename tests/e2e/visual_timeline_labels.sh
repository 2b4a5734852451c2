#!/usr/bin/env bash
# Timeline bars keep their names whole: a label that does not fit in its
# bar goes beside it or on a row under the lane with a leader line, never
# over another word and never cut short ("Sheila…").
. "$(dirname "$0")/lib/common.sh"
BOXES="python3 $SRC/tests/e2e/lib/pdfboxes.py"
NORFOLK=$SRC/examples/data/norfolk.json

check_names() { # PDF NAME...
  pdf=$1; shift
  $BOXES between "$pdf" "Who held each post" "Sources:" | tr '\n' ' ' >"$WORK/words" || fail "no leadership timeline in $pdf"
  for name in "$@"; do contains "$WORK/words" "$name" "the timeline of $(basename "$pdf")"; done
  lacks "$WORK/words" "…" "the timeline of $(basename "$pdf") (a name cut short)"
  if $BOXES overlaps "$pdf" >"$WORK/faults"; then pass
  else fail "$(basename "$pdf"): words overlap"; sed 's/^/  /' "$WORK/faults" | head -5 >&2; fi
}

expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/councillor-pack.json" -d "$NORFOLK" -o "$WORK/n.pdf"
check_names "$WORK/n.pdf" "Lisa Christensen" "Sheila Lock" "Michael Rosen" "Andrew Bunyan" "Matt Dunkley" \
  "Sara Tough" "David White" "Anne Gibson" "Wendy Thomson" "Alison Thomas" "James Joyce" "Roger Smith" \
  "Penny Carpenter" "John Fisher" "Bill Borrett" "George Nobbs" "Andrew Proctor"

expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/councillor-pack.json" -d "$NORFOLK" --as-of 2016-01-01 -o "$WORK/n2016.pdf"
check_names "$WORK/n2016.pdf" "Lisa Christensen" "Sheila Lock" "Michael Rosen" "Anne Gibson" "Wendy Thomson" \
  "Alison Thomas" "James Joyce" "Bill Borrett" "George Nobbs"
finish

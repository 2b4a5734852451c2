#!/usr/bin/env bash
# Grade badges in narrow table columns wrap inside their cell: no badge
# (its words and its fill) runs into the next column.  "Judgements by area"
# has five columns, too narrow for "Requires improvement" on one line.
. "$(dirname "$0")/lib/common.sh"
BOXES="python3 $SRC/tests/e2e/lib/pdfboxes.py"

for council in norfolk dudley; do
  for t in councillor-pack one-page; do
    pdf=$WORK/$council-$t.pdf
    expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/$t.json" -d "$SRC/examples/data/$council.json" -o "$pdf"
    for first in Area Published; do
      [ "$t" = one-page ] && [ "$first" = Area ] && continue
      if $BOXES columns "$pdf" "$first" >"$WORK/faults"; then pass
      else fail "$council $t: a cell of the table headed \"$first\" leaves its column"; sed 's/^/  /' "$WORK/faults" | head -5 >&2; fi
    done
  done
done
# The badge is still whole: both words of the grade are there.
pdf_text "$WORK/norfolk-councillor-pack.pdf"
contains "$WORK/text" "Requires improvement"
finish

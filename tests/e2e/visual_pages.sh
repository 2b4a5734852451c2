#!/usr/bin/env bash
# Every page of the packs as a reader turns them: no words overlapping or
# outside the text area, no heading alone at a page's foot, no page left
# nearly empty by a section with little to say (councils with sparse
# official data), and a table's note on the table's page.
. "$(dirname "$0")/lib/common.sh"
BOXES="python3 $SRC/tests/e2e/lib/pdfboxes.py"
OFFICIAL=$(ls "$SRC"/examples/official/*.csv | sed 's/^/-d /' | tr '\n' ' ')

cat >"$WORK/empty.json" <<'JSON'
{"schema": "briefing-dataset/1", "as_of": "2024-06-01",
 "councils": [{"code": "E10000020", "name": "Norfolk", "kind": "county"}]}
JSON

check() { # NAME MARGIN_MM
  if $BOXES pages "$WORK/$1.pdf" "$2" >"$WORK/faults" 2>&1; then pass
  else fail "$1.pdf"; sed 's/^/  /' "$WORK/faults" | head -5 >&2; fi
}
margin_of() { [ "$1" = one-page ] && echo 18 || echo 20; }

for t in councillor-pack improvement-board one-page; do
  # shellcheck disable=SC2086
  expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/$t.json" $OFFICIAL -c Cumbria -o "$WORK/cumbria-$t.pdf"
  check "cumbria-$t" "$(margin_of $t)"
  expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/$t.json" -d "$SRC/examples/data/norfolk.json" -o "$WORK/norfolk-$t.pdf"
  check "norfolk-$t" "$(margin_of $t)"
  expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/$t.json" -d "$WORK/empty.json" -o "$WORK/empty-$t.pdf"
  check "empty-$t" "$(margin_of $t)"
done
# shellcheck disable=SC2086
expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/councillor-pack.json" $OFFICIAL -c Birmingham -o "$WORK/birmingham.pdf"
check birmingham 20
# shellcheck disable=SC2086
expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/councillor-pack.json" $OFFICIAL -c "Isle of Wight" -o "$WORK/wight.pdf"
check wight 20

# The workforce table and the note under it share a page.
table=$($BOXES find "$WORK/cumbria-councillor-pack.pdf" Measure | head -1 | cut -d' ' -f1)
note=$($BOXES find "$WORK/cumbria-councillor-pack.pdf" Figures | head -1 | cut -d' ' -f1)
[ -n "$table" ] && [ "$table" = "$note" ] && pass || fail "Cumbria: the workforce table is on page $table, its note on page $note"

# A former council says so first.
pdf_text "$WORK/cumbria-councillor-pack.pdf"
contains "$WORK/text" "Cumbria no longer exists: on 1 April 2023 its services passed to Cumberland and Westmorland and Furness."
pdf_text "$WORK/birmingham.pdf"
lacks "$WORK/text" "no longer exists"

# A council with nothing recorded: its sections share pages.
pages=$(pdf_pages "$WORK/empty-councillor-pack.pdf")
[ "$pages" -le 5 ] && pass || fail "the pack for a council with no data has $pages pages, want 5 or fewer"
finish

#!/usr/bin/env bash
# The improvement-board update for Norfolk: interventions, the latest three
# inspections, key figures and the workforce.
. "$(dirname "$0")/lib/common.sh"
NORFOLK=$SRC/examples/data/norfolk.json

expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/improvement-board.json" -d "$NORFOLK" -o "$WORK/board.pdf"
pdf_ok "$WORK/board.pdf"
pdftotext "$WORK/board.pdf" - 2>/dev/null | tr -s ' \n' '  ' >"$WORK/flat"

contains "$WORK/flat" "Improvement board update"
contains "$WORK/flat" "Government intervention"
contains "$WORK/flat" "In force on 1 June 2024: Partnership with Barnardo's since 4 July 2016."
contains "$WORK/flat" "Statutory direction (2013)"
contains "$WORK/flat" "Recent inspections"
contains "$WORK/flat" "19 January 2018"
contains "$WORK/flat" "13 January 2023"
lacks "$WORK/flat" "22 February 2013" "the recent inspections (only the latest three)"
contains "$WORK/flat" "Key figures"
contains "$WORK/flat" "Children looked after per 10,000 children"
contains "$WORK/flat" "Workforce"
contains "$WORK/flat" "Social worker turnover"
contains "$WORK/flat" "Sources"
lacks "$WORK/flat" "Who held each post" "the board update (no leadership section)"
finish

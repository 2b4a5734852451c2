#!/usr/bin/env bash
# The one-page template: the essentials for Norfolk on exactly one A4 page.
. "$(dirname "$0")/lib/common.sh"
NORFOLK=$SRC/examples/data/norfolk.json

expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/one-page.json" -d "$NORFOLK" -o "$WORK/one.pdf"
pdf_ok "$WORK/one.pdf"
pages=$(pdf_pages "$WORK/one.pdf")
[ "$pages" = 1 ] && pass || fail "one-page.json made $pages pages for Norfolk, not 1"
pdfinfo "$WORK/one.pdf" >"$WORK/info"
contains "$WORK/info" "595.276 x 841.89 pts (A4)"
pdftotext "$WORK/one.pdf" - 2>/dev/null | tr -s ' \n' '  ' >"$WORK/flat"

contains "$WORK/flat" "Norfolk: children's services at a glance"
contains "$WORK/flat" "Good"
contains "$WORK/flat" "Improving"
contains "$WORK/flat" "Sara Tough"
contains "$WORK/flat" "Permanent, since October 2017"
contains "$WORK/flat" "Partnership with Barnardo's since 4 July 2016"
contains "$WORK/flat" "1,152"
contains "$WORK/flat" "Judged adequate in 2011, inadequate in 2013 and 2015, requires improvement in 2018, good in 2023."
for d in "22 February 2013" "16 August 2013" "19 October 2015" "19 January 2018" "13 January 2023"; do
  contains "$WORK/flat" "$d" "the judgement dates"
done
for j in "Inadequate" "Requires improvement" "Good"; do
  contains "$WORK/flat" "$j" "the judgements"
done
contains "$WORK/flat" "Numbers in square brackets refer to the sources"
lacks "$WORK/flat" "Who held each post" "the one page (no leadership section)"
finish

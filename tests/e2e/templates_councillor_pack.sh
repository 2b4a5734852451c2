#!/usr/bin/env bash
# The full councillor pack for Norfolk: the story a councillor needs, told
# by every section, with citations and clickable sources.
. "$(dirname "$0")/lib/common.sh"
NORFOLK=$SRC/examples/data/norfolk.json

expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/councillor-pack.json" -d "$NORFOLK" -o "$WORK/pack.pdf"
pdf_ok "$WORK/pack.pdf"
# Paragraphs wrap where the page decides: read the text as one line.
pdftotext "$WORK/pack.pdf" - 2>/dev/null | tr -s ' \n' '  ' >"$WORK/flat"

# Every section is there, in the order of the template.
for h in "At a glance" "Ofsted inspections" "Leadership" "Government intervention" \
         "Children in care and in need" "Workforce" "Key events" "Questions members may wish to ask" "Sources"; do
  contains "$WORK/flat" "$h" "the pack's headings"
done

# At a glance: current judgement with its date, director, intervention, children looked after.
contains "$WORK/flat" "Ofsted last judged Norfolk's children's services good, in a report published 13 January 2023"
contains "$WORK/flat" "Sara Tough has been director of children's services since October 2017"
contains "$WORK/flat" "Partnership with Barnardo's since 4 July 2016"
contains "$WORK/flat" "1,152 children were looked after on 31 March 2024, 68 per 10,000 children against 70 for England"

# Inspections: the history in a sentence, every judgement with its date.
contains "$WORK/flat" "Judged adequate in 2011, inadequate in 2013 and 2015, requires improvement in 2018, good in 2023."
for d in "22 July 2011" "22 February 2013" "16 August 2013" "19 October 2015" "19 January 2018" "13 January 2023"; do
  contains "$WORK/flat" "$d" "the inspection dates"
done
contains "$WORK/flat" "SIF re-inspection"
contains "$WORK/flat" "ILACS focused visit"
contains "$WORK/flat" "Judgements by area"

# Leadership: directors with their interim flags, turnover and interim cover.
for n in "Lisa Christensen" "Sheila Lock (interim)" "Michael Rosen" "Andrew Bunyan (interim)" \
         "Matt Dunkley (interim)" "Sara Tough"; do
  contains "$WORK/flat" "$n" "the directors"
done
lacks "$WORK/flat" "Michael Rosen (interim)" "the directors"
contains "$WORK/flat" "Longest stretch with only interim cover: 2 years and 1 month, from 18 July 2013 to September 2015."
contains "$WORK/flat" "In post by February 2013" "a lead member known only by a date in post"
contains "$WORK/flat" "at least 4 years and 6 months so far" "a lead member in post since a known date, measured from it"

# Interventions: what, who, partner, dates, outcome.
contains "$WORK/flat" "In force on 1 June 2024: Partnership with Barnardo's since 4 July 2016."
for w in "Statutory direction (2013)" "Statutory direction (2016)" "Commissioner" "Improvement adviser" \
         "Department for Education" "Outcome:"; do
  contains "$WORK/flat" "$w" "the interventions"
done
contains "$WORK/flat" "about a year" "a length measured from a year-only date"

# Metrics and workforce, against England.
contains "$WORK/flat" "Latest figure: 68 per 10,000 children (31 March 2024), against 70 for England"
# Each change names what it compares with: the figure a year earlier, dated
# (not the earliest of three, which went the other way: issue 15).
contains "$WORK/flat" "Down from 72 on 31 March 2023, a year earlier. The gap to England has narrowed since 31 March 2022."
lacks "$WORK/flat" "Up from 65 on 31 March 2022" "a change against two years earlier, unnamed"
contains "$WORK/flat" "Latest figure: 1,152 (31 March 2024) [3]. Down from 1,215 on 31 March 2023, a year earlier."
contains "$WORK/flat" "Agency social workers"
contains "$WORK/flat" "Agency social workers [4] 7.7% 17.9% Up from 7.5% on 30 September 2022, a year earlier Below England; gap widening since 30 September 2021"
contains "$WORK/flat" "Change compares each figure with the one before it"

# Events in order, questions from the data and the template.
contains "$WORK/flat" "18 November 2016: Director resigns after critical monitoring letter."
contains "$WORK/flat" "The partnership with Barnardo's has been in force since 4 July 2016"
contains "$WORK/flat" "How do we know that children at risk are seen, and seen alone, by their social worker?"

# Facts cite their sources; the sources are numbered and clickable.
contains "$WORK/flat" "published 13 January 2023 [1, 2, 41, 42]" "the judgement's citation"
contains "$WORK/flat" "[1] Children's social care data in England 2023"
pdfinfo -url "$WORK/pack.pdf" >"$WORK/urls" 2>/dev/null
contains "$WORK/urls" "https://www.gov.uk/government/statistics/childrens-social-care-data-in-england-2023" "the links"

# No neighbours' figures in the example data: no strip of where Norfolk stands.
lacks "$WORK/flat" "stands furthest from its statistical neighbours"

# Page economy (issue 16): the pack needs no more pages than before the
# "How we compare" section came (18); the main parts open a page, the
# shorter sections follow on, and "How we compare" stays whole on one page.
pages=$(pdf_pages "$WORK/pack.pdf")
[ "$pages" -le 18 ] && pass || fail "the Norfolk pack has $pages pages, want 18 or fewer"
pdftotext "$WORK/pack.pdf" "$WORK/paged" 2>/dev/null
# page_of HEADING: its page, from the contents (first_on checks the page
# itself); first_on PAGE: the first line on that page under the running header.
pdftotext -layout -l 2 "$WORK/pack.pdf" "$WORK/contents" 2>/dev/null
page_of() { awk -v t="$1" 'index($0, t) == 1 && substr($0, length(t) + 1) ~ /^  +[0-9]+$/ {print $NF; exit}' "$WORK/contents"; }
first_on() { awk -v p="$1" 'BEGIN{RS="\f"; FS="\n"} NR==p {for(i=1;i<=NF;i++) if($i!="" && $i!="Norfolk" && $i!="Children'"'"'s services briefing"){print $i; exit}}' "$WORK/paged"; }
for h in "At a glance" "Ofsted inspections" "Leadership" "Children in care and in need" "Key events"; do
  p=$(page_of "$h")
  [ -n "$p" ] && [ "$(first_on "$p")" = "$h" ] && pass || fail "\"$h\" does not open page ${p:-?}"
done
for h in "Government intervention" "How we compare" "Questions members may wish to ask"; do
  p=$(page_of "$h")
  [ -n "$p" ] && [ "$(first_on "$p")" != "$h" ] && pass || fail "\"$h\" opens page ${p:-?}: it should follow on"
done
cmp_from=$(page_of "How we compare")
cmp_to=$(awk 'BEGIN{RS="\f"} NR>2 && /Median: of the statistical/ {print NR; exit}' "$WORK/paged")
[ -n "$cmp_from" ] && [ "$cmp_from" = "$cmp_to" ] && pass || fail "How we compare runs from page $cmp_from to $cmp_to"

# The document says what it is.
pdfinfo "$WORK/pack.pdf" | tr -s ' ' >"$WORK/info"
contains "$WORK/info" "Title: Children's services briefing"
contains "$WORK/info" "Author: Children's Services, Democratic Services"
finish

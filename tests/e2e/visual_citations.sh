#!/usr/bin/env bash
# Every sourced fact at a glance carries its citation: the judgement, the
# direction of travel, the interventions in force, the director, the
# children looked after, in the panels and in the story.
. "$(dirname "$0")/lib/common.sh"

expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/councillor-pack.json" -d "$SRC/examples/data/norfolk.json" -o "$WORK/n.pdf"
pdftotext -f 3 -l 3 "$WORK/n.pdf" - | tr -s ' \n' '  ' >"$WORK/glance"
for s in "Published 13 January 2023, 1 year and 4 months ago [1, 2, 41, 42]" \
         "From requires improvement (2018) to good (2023) [1, 2, 33, 34, 35, 36, 41, 42]" \
         "Partnership with Barnardo's since 4 July 2016 [22, 38]" \
         "Permanent, since October 2017 [29, 30, 33]" \
         "One government intervention is in force: partnership with Barnardo's since 4 July 2016 [22, 38]." \
         "Sara Tough has been director of children's services since October 2017 [29, 30, 33]"; do
  contains "$WORK/glance" "$s" "the at-a-glance page"
done

# Mid-crisis, four interventions in force: one mark for all of them.
expect_exit 0 "$BRIEFING" generate -t "$SRC/templates/councillor-pack.json" -d "$SRC/examples/data/norfolk.json" --as-of 2016-01-01 -o "$WORK/n2016.pdf"
pdftotext -f 3 -l 3 "$WORK/n2016.pdf" - | tr -s ' \n' '  ' >"$WORK/glance"
grep -qE "Four government interventions are in force: .* since January 2016 \[[0-9, ]+\]\." "$WORK/glance" &&
  pass || fail "2016: the interventions in force are not cited"
finish

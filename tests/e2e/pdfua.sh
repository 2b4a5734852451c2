#!/usr/bin/env bash
# Tagged PDF (issue 18): every shipped template, with Norfolk and Dudley and
# with a council from the official files, passes the PDF/UA-1 machine
# checks of tests/tools/pdfua_check.py; the Norfolk pack's text in structure
# order (pdfinfo -struct-text) is the text pdftotext reads, without the
# running headers and footers; the bytes repeat run to run; and a template
# with "tagged": false writes an untagged PDF.
. "$(dirname "$0")/lib/common.sh"
PY=/usr/bin/python3
CHECK=$SRC/tests/tools/pdfua_check.py
"$PY" -c 'import pikepdf' 2>/dev/null || skip "python3-pikepdf is not installed (.ci/install-deps --test)"
pdfinfo -v >/dev/null 2>&1 || skip "poppler-utils is not installed"
export SOURCE_DATE_EPOCH=1700000000
O=$SRC/examples/official

# info PDF: pdfinfo's lines into $WORK/info, one space after each key (how
# far poppler pads its values differs between versions).
info() { pdfinfo "$1" 2>&1 | sed 's/^\([A-Za-z ]*:\)  */\1 /' >"$WORK/info"; }

render() { # render TEMPLATE COUNCIL OUT
  expect_exit 0 "$BRIEFING" generate -q -t "$1" -d "$SRC/examples/data/$2.json" -o "$3"
}

render councillor-pack norfolk "$WORK/norfolk-councillor-pack.pdf"
if pdfinfo "$WORK/norfolk-councillor-pack.pdf" 2>/dev/null | grep -q '^Tagged: *no'; then
  skip "the renderer does not tag yet (issue 18 step 2: the canvas hooks)"
fi

for t in councillor-pack improvement-board one-page; do
  for c in norfolk dudley; do
    [ -f "$WORK/$c-$t.pdf" ] || render $t $c "$WORK/$c-$t.pdf"
  done
done
expect_exit 0 "$BRIEFING" generate -q -t councillor-pack \
  -d "$O/ofsted_la_inspections_2009_2023_current_las.csv" \
  -d "$O/ofsted_la_inspection_outcomes_at_31_march_2025.csv" \
  -d "$O/ofsted_ilacs_inspection_history_2018_2025.csv" \
  -d "$O/dfe_cla_number_and_rate_per_10k_children_2020_2024.csv" \
  -d "$O/dfe_csww_workforce_indicators_2017_2025.csv" \
  -d "$O/dfe_statistical_neighbours_2025.csv" \
  -c Westminster -o "$WORK/official-westminster.pdf"

for f in "$WORK"/*.pdf; do
  n=${f##*/}
  info "$f"
  contains "$WORK/info" "Tagged: yes" "pdfinfo $n"
  contains "$WORK/info" "PDF version: 1.7" "pdfinfo $n"
  if "$PY" "$CHECK" "$f" >"$WORK/check" 2>&1; then pass
  else fail "$n fails the PDF/UA-1 machine checks"; sed 's/^/  | /' "$WORK/check" | head -20 >&2; fi
  pdf_ok "$f"
done

# Reading order: the words of the structure tree, in its order, are the
# words pdftotext reads, less the artifacts (running header and footer).
pdfinfo -struct-text "$WORK/norfolk-councillor-pack.pdf" >"$WORK/struct" 2>/dev/null
pdftotext "$WORK/norfolk-councillor-pack.pdf" "$WORK/plain" 2>/dev/null
lacks "$WORK/struct" "Page 2 of" "the structure text (page numbers are artifacts)"
if "$PY" - "$WORK/struct" "$WORK/plain" >"$WORK/order" 2>&1 <<'PY'
import difflib, re, sys
struct = open(sys.argv[1], encoding="utf-8").read()
plain = open(sys.argv[2], encoding="utf-8").read()
# pdfinfo -struct-text prints each element's text in double quotes.
said = " ".join(re.findall(r'^\s*"(.*)"\s*$', struct, re.M))
norm = lambda s: re.findall(r"\w+", s.replace("\u00ad", "").lower())
a, b = norm(said), norm(re.sub(r"Page \d+ of \d+", " ", plain))
m = difflib.SequenceMatcher(None, a, b, autojunk=False)
common = sum(x.size for x in m.get_matching_blocks())
cover = common / max(1, len(b))
print("structure words %d, pdftotext words %d, in order %d (%.1f%% of pdftotext's)"
      % (len(a), len(b), common, 100 * cover))
# Norfolk: 5126 structure words, 4913 of pdftotext's 5291 in order (92.9%);
# what is missing is mostly the running header (an artifact), 14 pages of it.
sys.exit(0 if cover >= 0.92 and len(a) <= len(b) * 1.05 else 1)
PY
then pass; else fail "the structure order differs from the reading order"; cat "$WORK/order" >&2; fi

# The list of sources: every entry a Note with its own ID (a reader can tell
# a reference from body text), none left as a plain paragraph.
if awk '/^  Note <note-[0-9]+>/ { note = 1; next } /^  [A-Z]/ { note = 0; para = /^  P / }
        /^    "\[[0-9]+\] / { if (note) n++; else if (para) bad++ }
        END { exit !(n >= 40 && bad == 0) }' "$WORK/struct"
then pass; else fail "the Norfolk pack's sources are not each a Note"; fi

# The same bytes twice, the XMP dates and /ID included.
render councillor-pack norfolk "$WORK/again.pdf"
if cmp -s "$WORK/norfolk-councillor-pack.pdf" "$WORK/again.pdf"; then pass
else fail "two runs of the Norfolk pack differ"; fi

# "tagged": false writes what the program wrote before tagging.
"$PY" - "$SRC/templates/councillor-pack.json" "$WORK/untagged.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1], encoding="utf-8"))
t["tagged"] = False
json.dump(t, open(sys.argv[2], "w", encoding="utf-8"))
PY
expect_exit 0 "$BRIEFING" generate -q -t "$WORK/untagged.json" -d "$SRC/examples/data/norfolk.json" \
  -o "$WORK/untagged.pdf"
info "$WORK/untagged.pdf"
contains "$WORK/info" "Tagged: no" "pdfinfo of a \"tagged\": false pack"
finish

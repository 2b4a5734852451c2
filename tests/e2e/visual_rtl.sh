#!/usr/bin/env bash
# Right-to-left names and phrases in an English briefing: Hebrew and Arabic
# are drawn right to left inside the left-to-right line, Arabic letters in
# their joined forms.  poppler reads the page back in logical order only when
# the glyphs were drawn in visual order, so pdftotext giving back the words
# as written is the proof; before, it gave each word reversed.
. "$(dirname "$0")/lib/common.sh"

python3 - "$SRC/examples/data/norfolk.json" "$WORK/rtl.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
c = d["councils"][0]
for l in c["leaders"]:
    if l.get("name") == "Sara Tough":
        l["name"] = "\u0633\u0644\u0627\u0645 (Sara Tough)"
ins = [i for i in c["inspections"] if "summary" in i][0]
ins["summary"] = ("Arabic: \u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645, "
                  "Hebrew: \u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd (2024). ") + ins["summary"]
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
expect_exit 0 "$BRIEFING" generate -q -t councillor-pack -d "$WORK/rtl.json" -o "$WORK/rtl.pdf"
pdf_ok "$WORK/rtl.pdf"
# Logical order back, Arabic presentation forms folded to letters (NFKC),
# poppler's embedding marks dropped.
pdftotext "$WORK/rtl.pdf" - | python3 -c '
import sys, unicodedata
t = unicodedata.normalize("NFKC", sys.stdin.read())
print(" ".join(t.replace("\u202b", "").replace("\u202c", "").split()))' >"$WORK/text"
contains "$WORK/text" "Hebrew: שלום עולם (2024)." "Hebrew drawn right to left"
contains "$WORK/text" "Arabic: مرحبا بالعالم," "Arabic drawn right to left"
# An Arabic name before English words: poppler's own reading of the
# brackets between the two varies, so only the name itself is checked.
contains "$WORK/text" "سلام" "an Arabic name in a table and the summary"
# The joined forms are drawn (Arabic Presentation Forms-B), not the bare
# letters, and no character was replaced.
pdftotext "$WORK/rtl.pdf" - | grep -q $'\xef\xbb\xbc' && pass || fail "no lam-alef ligature (U+FEFC) drawn"
pdftotext "$WORK/rtl.pdf" - | grep -q $'\xef\xbf\xbd' && fail "a character was replaced (U+FFFD)" || pass
finish

#!/usr/bin/env bash
# The size of what we write: the Norfolk pack stays small (the faces are
# embedded without their glyph names, and in CP1252 without the metrics of
# glyphs the code page never reaches: core/pdf/fonts.c), every font is still
# embedded and draws the text, and the same input gives the same bytes.
. "$(dirname "$0")/lib/common.sh"
NORFOLK=$SRC/examples/data/norfolk.json
export SOURCE_DATE_EPOCH=1700000000

# fonts_check PDF: prints, for each embedded TrueType font program, its
# name, the format of its post table and how many glyphs have metrics.
fonts_check() {
  python3 - "$1" <<'PY'
import re, struct, sys, zlib
data = open(sys.argv[1], "rb").read()
for m in re.finditer(rb"/Length1 \d+", data):
    start = data.find(b"stream", m.end())
    start += 7 if data[start + 6:start + 7] == b"\n" else 8
    font = zlib.decompressobj().decompress(data[start:data.find(b"endstream", start)])
    n = struct.unpack(">H", font[4:6])[0]
    tables = {}
    for i in range(n):
        tag, _, off, length = struct.unpack(">4sIII", font[12 + 16 * i:28 + 16 * i])
        tables[tag] = (off, length)
    post = tables[b"post"][0]
    hhea = tables[b"hhea"][0]
    hmtx, hmtx_len = tables[b"hmtx"]
    count = struct.unpack(">H", font[hhea + 34:hhea + 36])[0]
    metrics = sum(1 for g in range(count) if font[hmtx + 4 * g:hmtx + 4 * g + 4] != bytes(4))
    print("font post=%08x metrics=%d of %d" % (struct.unpack(">I", font[post:post + 4])[0], metrics, count))
PY
}

# ---- The Norfolk pack: small, and every font embedded and slimmed -----------
expect_exit 0 "$BRIEFING" generate -q -t councillor-pack -d "$NORFOLK" -o "$WORK/a.pdf"
pdf_ok "$WORK/a.pdf"
size=$(wc -c <"$WORK/a.pdf")
# Untagged ("tagged": false), as the pack was before issue 18: 140.8 KB with
# the faces as they are; 102 KB with the compact faces.
python3 - "$SRC/templates/councillor-pack.json" "$WORK/untagged.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1], encoding="utf-8"))
t["tagged"] = False
json.dump(t, open(sys.argv[2], "w", encoding="utf-8"))
PY
expect_exit 0 "$BRIEFING" generate -q -t "$WORK/untagged.json" -d "$NORFOLK" -o "$WORK/u.pdf"
usize=$(wc -c <"$WORK/u.pdf")
[ "$usize" -le 112640 ] && pass || fail "the untagged Norfolk pack is $usize bytes, want at most 110 KiB"
# Tagged: at most 1.3 times the untagged size (issue 18.6).  130,878 bytes
# against 105,439 (1.24x): the tree is one compressed object stream.
if [ "$size" -le $((usize * 13 / 10)) ]; then pass
else fail "the tagged Norfolk pack is $size bytes, over 1.3 times the untagged $usize"; fi
fonts_check "$WORK/a.pdf" >"$WORK/fonts" || fail "reading the embedded fonts"
[ "$(grep -c '^font' "$WORK/fonts")" -eq 2 ] && pass || { fail "want 2 embedded fonts"; cat "$WORK/fonts" >&2; }
# No glyph names (post format 3), and the compact faces: only the glyphs
# CP1252 reaches (Liberation Sans has 2,620; CP1252 reaches 231).
if awk '/^font/ && ($2 != "post=00030000" || substr($3, 9) + 0 > 400 || $5 + 0 > 300) {bad=1} END {exit bad}' "$WORK/fonts"
then pass; else fail "fonts not slimmed"; cat "$WORK/fonts" >&2; fi

# Document information in ASCII is written as text, not as UTF-16 in hex,
# and link rectangles in whole points (both are written uncompressed).
contains "$WORK/a.pdf" "/Title (Children's services briefing)" "the document information"
if grep -aq '/Rect \[ [0-9]*\.[0-9]' "$WORK/a.pdf"; then fail "a link rectangle with decimals"
else pass; fi
[ "$(grep -ac '/Subtype /Link' "$WORK/a.pdf")" -gt 50 ] && pass || fail "want the sources' links"

# ---- Same input, same bytes --------------------------------------------------
expect_exit 0 "$BRIEFING" generate -q -t councillor-pack -d "$NORFOLK" -o "$WORK/b.pdf"
cmp -s "$WORK/a.pdf" "$WORK/b.pdf" && pass || fail "two runs with SOURCE_DATE_EPOCH differ"

# ---- Text beyond CP1252: UTF-8 faces keep every glyph's metrics --------------
python3 - "$NORFOLK" "$WORK/mixed.json" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(
    text.replace("Norfolk County Council", "Norfolk County Council \u0416\u0436 \u03a9\u03bc\u03ad\u03b3\u03b1 \u20ac5", 2))
PY
expect_exit 0 "$BRIEFING" generate -q -t councillor-pack -d "$WORK/mixed.json" -o "$WORK/m.pdf"
pdf_ok "$WORK/m.pdf"
pdf_text "$WORK/m.pdf"
contains "$WORK/text" "Жж Ωμέγα €5"
fonts_check "$WORK/m.pdf" >"$WORK/fonts" || fail "reading the embedded fonts"
# The regular face draws Cyrillic and Greek (UTF-8): all its metrics stay.
if awk '/^font/ && $2 == "post=00030000" && substr($3, 9) + 0 > 2000 {ok=1} END {exit !ok}' "$WORK/fonts"
then pass; else fail "a UTF-8 face lost metrics"; cat "$WORK/fonts" >&2; fi

# A title beyond ASCII keeps its characters (UTF-16), the rest stay text.
python3 - "$SRC/templates/councillor-pack.json" "$WORK/tpl.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1], encoding="utf-8"))
t["title"] = "Children\u2019s services \u2014 \u03a9"
json.dump(t, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
expect_exit 0 "$BRIEFING" generate -q -t "$WORK/tpl.json" -d "$NORFOLK" -o "$WORK/t.pdf"
pdfinfo "$WORK/t.pdf" >"$WORK/info" 2>&1
contains "$WORK/info" "Children’s services — Ω"
contains "$WORK/t.pdf" "/Subject (Ofsted" "the document information"

finish

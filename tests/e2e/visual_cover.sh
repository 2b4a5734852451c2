#!/usr/bin/env bash
# The cover looks like the front of a council document: the title large,
# the council, the "as of" date and the marking, no running header or
# footer, and the template's logo (a path beside the template) drawn at
# the top; a logo that is not a PNG is warned about and left out.
. "$(dirname "$0")/lib/common.sh"
BOXES="python3 $SRC/tests/e2e/lib/pdfboxes.py"

# A small PNG made here: 120 x 40, a blue block on white.
python3 - "$WORK/logo.png" <<'PY'
import struct, sys, zlib
w, h = 120, 40
blue, white = bytes((29, 112, 184)), b"\xff\xff\xff"
rows = b"".join(b"\0" + b"".join(blue if 10 <= x < 40 and 5 <= y < 35 else white for x in range(w))
                for y in range(h))
def chunk(t, c): return struct.pack(">I", len(c)) + t + c + struct.pack(">I", zlib.crc32(t + c))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
PY
sed 's/"logo": null/"logo": "logo.png"/' "$SRC/templates/councillor-pack.json" >"$WORK/pack.json"
expect_exit 0 "$BRIEFING" generate -t "$WORK/pack.json" -d "$SRC/examples/data/norfolk.json" -o "$WORK/cover.pdf"
lacks "$WORK/err" "logo" "the warnings"
[ "$(pdfimages -f 1 -l 1 -list "$WORK/cover.pdf" 2>/dev/null | awk 'NR>2' | wc -l)" = 1 ] && pass || fail "no logo image on the cover"
[ "$(pdfimages -f 2 -l 99 -list "$WORK/cover.pdf" 2>/dev/null | awk 'NR>2' | wc -l)" = 0 ] && pass || fail "the logo is drawn past the cover"

# The title is the largest text on the cover; the council, the date and
# the marking are there; no "Page 1 of".
$BOXES find "$WORK/cover.pdf" briefing | awk '$1 == 1 {print $5 - $3}' >"$WORK/title_h"
[ "$(awk '$1 > 28' "$WORK/title_h" | wc -l)" -ge 1 ] && pass || fail "the cover title is not large (box $(cat "$WORK/title_h"))"
pdftotext -f 1 -l 1 "$WORK/cover.pdf" - | tr -s ' \n' '  ' >"$WORK/cover"
for s in "Norfolk County Council" "Children's services briefing" "As of 1 June 2024" "OFFICIAL"; do
  contains "$WORK/cover" "$s" "the cover"
done
lacks "$WORK/cover" "Page 1 of" "the cover"

# Not a PNG: a warning naming the file, and the pack is still made.
echo "not a picture" >"$WORK/logo.png"
expect_exit 0 "$BRIEFING" generate -t "$WORK/pack.json" -d "$SRC/examples/data/norfolk.json" -o "$WORK/bad.pdf"
contains "$WORK/err" "logo.png is not a readable PNG file; left out" "the warnings"
finish

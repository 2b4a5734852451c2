#!/usr/bin/env bash
# fontconfig's answers kept from one run to the next (core/pdf/fontcache.c): a
# run that takes its faces from the cache file makes the same PDF, byte for
# byte, as one that asks fontconfig, for English and for text that needs the
# fallback face; a damaged or unwritable cache file never fails a run or
# says anything without -v; a family that is not installed is an error
# whatever the cache holds.
. "$(dirname "$0")/lib/common.sh"

export SOURCE_DATE_EPOCH=1700000000
mkdir -p "$WORK/state"
cache=$WORK/state/fonts
export BRIEFING_FONT_CACHE=$cache
norfolk=$SRC/examples/data/norfolk.json
gen() { "$BRIEFING" generate -t councillor-pack "$@"; }

# Norfolk: asked of fontconfig (no cache), then a first run that writes the
# cache, then one that reads it.
BRIEFING_FONT_CACHE=off expect_exit 0 gen -q -d "$norfolk" -o "$WORK/off.pdf"
[ ! -e "$cache" ] && pass || fail "BRIEFING_FONT_CACHE=off wrote $cache"
expect_exit 0 gen -v -d "$norfolk" -o "$WORK/cold.pdf"
contains "$WORK/err" "font cache $cache: written" "-v on the first run"
[ -f "$cache" ] && pass || fail "no cache file at $cache"
expect_exit 0 gen -v -d "$norfolk" -o "$WORK/warm.pdf"
contains "$WORK/err" "font cache $cache: up to date" "-v on the second run"
lacks "$WORK/err" "font cache $cache: written" "-v on the second run"
cmp -s "$WORK/off.pdf" "$WORK/cold.pdf" && pass || fail "the first run's PDF differs from one without the cache"
cmp -s "$WORK/off.pdf" "$WORK/warm.pdf" && pass || fail "the PDF from the cache differs from fontconfig's"
pdf_ok "$WORK/warm.pdf"

# Greek, Cyrillic and Arabic are drawn from the fallback face, whose
# characters come from the cache file on the second run.
python3 - "$norfolk" "$WORK/scripts.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
ins = [i for i in d["councils"][0]["inspections"] if "summary" in i][0]
ins["summary"] = "Ελληνικά, Русский, \u0645\u0631\u062d\u0628\u0627, \u4e2d. " + ins["summary"]
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
BRIEFING_FONT_CACHE=off expect_exit 0 gen -d "$WORK/scripts.json" -o "$WORK/scripts-off.pdf"
# The program's own lines (a sanitizer build adds its report after them).
warnings() { grep '^briefing: ' "$1" | grep -v '^briefing: wrote '; }
warnings "$WORK/err" >"$WORK/err-off"
expect_exit 0 gen -d "$WORK/scripts.json" -o "$WORK/scripts-warm.pdf"
cmp -s "$WORK/scripts-off.pdf" "$WORK/scripts-warm.pdf" && pass || fail "other scripts: the PDF from the cache differs"
warnings "$WORK/err" | cmp -s "$WORK/err-off" - && pass || fail "other scripts: the warnings differ with the cache"
contains "$WORK/err" "U+4E2D" "the warning for a character no face has"

# A damaged cache file is ignored, rewritten, and the PDF is the same.
printf 'briefing font cache 1\nnonsense\n' >"$cache"
expect_exit 0 gen -d "$norfolk" -o "$WORK/damaged.pdf"
lacks "$WORK/err" "font cache" "a run with a damaged cache file"
cmp -s "$WORK/off.pdf" "$WORK/damaged.pdf" && pass || fail "the PDF after a damaged cache differs"
grep -q '^end$' "$cache" && pass || fail "the damaged cache file was not written anew"

# A cache file that cannot be written: the run goes on, quietly.
BRIEFING_FONT_CACHE=$WORK/no/such/folder/fonts expect_exit 0 gen -d "$norfolk" -o "$WORK/nowrite.pdf"
lacks "$WORK/err" "font cache" "a run with an unwritable cache file"
cmp -s "$WORK/off.pdf" "$WORK/nowrite.pdf" && pass || fail "the PDF with an unwritable cache differs"

# A family that is not installed: the same error with a cache that holds
# the other faces.
sed 's/"family": *"Liberation Sans"/"family": "Comic Nonesuch"/' "$SRC/templates/councillor-pack.json" >"$WORK/t.json"
grep -q "Comic Nonesuch" "$WORK/t.json" && pass || fail "the test template names no font family"
expect_exit 78 "$BRIEFING" generate -t "$WORK/t.json" -d "$norfolk" -o "$WORK/missing.pdf"
contains "$WORK/err" "Comic Nonesuch" "the error for a missing family"
[ ! -e "$WORK/missing.pdf" ] && pass || fail "a PDF was written with a missing family"
finish

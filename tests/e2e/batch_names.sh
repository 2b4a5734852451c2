#!/usr/bin/env bash
# Output names from --name patterns, with hostile council names in the data:
# every file lands in the output folder, visible, and no two councils share
# one.
. "$(dirname "$0")/lib/common.sh"
python3 - "$WORK/hostile.json" <<'PY' || fail "writing the data"
import json, sys
names = ["../../x", "a/b", "   ", ".hidden", "-rf", "Twin", "twin", "tab\there", "Bad\u202efdp.exe", "Nor\u00e9folk"]
councils = [{"code": "E0900%04d" % i, "name": n} for i, n in enumerate(names)]
json.dump({"schema": "briefing-dataset/1", "as_of": "2024-06-01", "councils": councils},
          open(sys.argv[1], "w"), ensure_ascii=False)
PY
OUT=$WORK/deep/er/pdfs
mkdir -p "$WORK/deep/er"

expect_exit 0 "$BRIEFING" batch -t one-page -d "$WORK/hostile.json" -O "$OUT" --name "{name}.pdf"
ls -A "$OUT" >"$WORK/names"
for want in "x.pdf" "a-b.pdf" "E09000002.pdf" "hidden.pdf" "rf.pdf" "Twin.pdf" "twin-E09000006.pdf" \
            "tab here.pdf" "Badfdp.exe.pdf" "Noréfolk.pdf" ".briefing.lock"; do
  grep -qxF -- "$want" "$WORK/names" && pass || fail "no \"$want\" in: $(tr '\n' '|' <"$WORK/names")"
done
[ "$(wc -l <"$WORK/names")" -eq 11 ] && pass || fail "want 10 PDFs and the lock: $(tr '\n' '|' <"$WORK/names")"
# Nothing escaped the folder.
[ -z "$(find "$WORK" -name '*.pdf' -not -path "$OUT/*")" ] && pass || fail "a PDF outside the output folder"
contains "$WORK/err" "\"twin.pdf\" is another council's briefing already; writing \"twin-E09000006.pdf\""
for f in "$OUT"/*.pdf; do pdf_ok "$f"; done

# Dates and the other fields; SOURCE_DATE_EPOCH fixes {today}.
expect_exit 0 env SOURCE_DATE_EPOCH=1717372800 "$BRIEFING" batch -t one-page \
  -d "$SRC/examples/data/norfolk.json" -O "$WORK/dated" --name "{la_number} {code} {name} {as_of:%B %Y} {today:%F}"
[ -f "$WORK/dated/926 E10000020 Norfolk June 2024 2024-06-03.pdf" ] && pass \
  || fail "dated name: $(ls "$WORK/dated")"

# Bad patterns are usage errors naming the option.
for bad in "{code" "x}" "{as_of:%H}" "{name:%Y}" ""; do
  expect_exit 64 "$BRIEFING" batch -t one-page -d "$WORK/hostile.json" -O "$WORK/bad" --name "$bad"
  contains "$WORK/err" "--name"
done
finish

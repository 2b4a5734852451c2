#!/bin/sh
# seeds.sh HARNESS DIR: fills DIR with starting inputs for a harness, from
# the example datasets, the test data, the hostile corpus, the templates and
# the official files in examples/official and tests/data/official (each cut
# to a few small pieces, since libFuzzer works best from small inputs), plus
# fuzz/seeds/HARNESS. Everything comes from the repository itself.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
name=$1
out=$2
mkdir -p "$out"

copy() { for f in "$@"; do [ -f "$f" ] && cp "$f" "$out/$(basename "$(dirname "$f")")-$(basename "$f")"; done; return 0; }

# Pieces of a CSV file: its header with the first rows, and the header with
# rows from the middle and the end, so that every kind of row is seen.
csv_pieces() {
  for f in "$@"; do
    [ -f "$f" ] || continue
    b=$(basename "$f" .csv)
    head -n 12 "$f" >"$out/$b-head.csv"
    n=$(wc -l <"$f")
    { head -n 1 "$f"; sed -n "$((n / 2)),$((n / 2 + 8))p" "$f"; } >"$out/$b-middle.csv"
    { head -n 1 "$f"; tail -n 6 "$f"; } >"$out/$b-tail.csv"
  done
}

case $name in
fuzz_dataset)
  copy "$src"/examples/data/*.json "$src"/tests/data/dataset/*.json "$src"/tests/hostile/data/*.json
  ;;
fuzz_template)
  copy "$src"/templates/*.json "$src"/tests/hostile/templates/*.json
  ;;
fuzz_csv|fuzz_source_*)
  csv_pieces "$src"/examples/official/*.csv "$src"/tests/data/official/*.csv "$src"/tests/data/dashboard/*.csv
  copy "$src"/tests/hostile/data/*.csv "$src"/tests/data/*/*.csv "$src"/examples/custom-plugin/*.csv \
    "$here"/seeds/fuzz_source_csv/*.csv
  ;;
fuzz_ods)
  # Small workbooks whole, and their content.xml alone (wrapped by the
  # harness): the bomb and the published workbooks are too big to start from.
  for f in "$src"/tests/data/ods/*.ods; do
    [ "$(wc -c <"$f")" -lt 20000 ] || continue
    cp "$f" "$out/$(basename "$f")"
    unzip -p "$f" content.xml >"$out/$(basename "$f" .ods)-content.xml" 2>/dev/null || true
  done
  ;;
fuzz_sfnt)
  # Whole faces: the compact copy is made from a font's tables, which a
  # piece of a file does not have.
  copy /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf \
    /usr/share/fonts/truetype/liberation2/LiberationSans-BoldItalic.ttf \
    /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
  ;;
fuzz_bidi)
  printf 'ab \327\220\327\221\327\222 cd' >"$out/hebrew"
  printf 'Arabic: \331\205\330\261\330\255\330\250\330\247 (x) 12' >"$out/arabic"
  printf 'x \327\220(\327\221) 12\n\330\263\331\204\330\247\331\205 [y]' >"$out/mixed"
  ;;
fuzz_elf)
  # Test plugins built here (no binary in the repository): a section, one
  # with a RUNPATH, one without a descriptor.
  cc=${CC:-cc}
  for p in hello abi_major no_descriptor; do
    $cc -shared -fPIC -I"$src/include" -o "$out/$p.so" "$src/tests/plugins/$p.c"
  done
  $cc -shared -fPIC -I"$src/include" -Wl,-rpath,/tmp,--enable-new-dtags \
    -o "$out/runpath.so" "$src/tests/plugins/runpath.c"
  ;;
fuzz_logo)
  copy "$src"/tests/hostile/data/logo-*.png
  ;;
fuzz_date)
  for d in 2018-01-19 2016-07 2013 2024-02-29 1900-02-29 0000-01-01 9999-12-31 2018-1-19; do
    printf '%s' "$d" >"$out/date-$d"
  done
  ;;
esac
if [ -d "$here/seeds/$name" ]; then cp "$here/seeds/$name"/* "$out"/ 2>/dev/null || true; fi

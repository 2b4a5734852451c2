#!/bin/sh
# generate.sh DIR: writes the hostile inputs too large to keep in git into
# DIR (about 180 MB in all; tests/e2e/hostile.sh removes them afterwards).
set -eu
out=$1
mkdir -p "$out"
council='{"code": "E10000020", "name": "Norfolk"'

# A 100 MB data file (spaces round a valid document): over the 64 MiB limit.
{ printf '{"schema": "briefing-dataset/1", "councils": [%s}]}' "$council"
  head -c 100000000 /dev/zero | tr '\0' ' '; } >"$out/big.json"
# A 120 KB string: over the 64 KiB limit for one text.
{ printf '{"schema": "briefing-dataset/1", "councils": [%s, "region": "' "$council"
  head -c 120000 /dev/zero | tr '\0' 'a'; printf '"}]}'; } >"$out/long-string.json"
# 100,001 entries in one list: over the limit of 100,000.
{ printf '{"schema": "briefing-dataset/1", "councils": [%s, "events": [' "$council"
  seq 1 100001 | sed 's/.*/{"date": "2020", "headline": "e&"}/' | paste -sd, -
  printf ']}]}'; } >"$out/huge-array.json"
# 10,001 councils: over the limit of 10,000.
{ printf '{"schema": "briefing-dataset/1", "councils": ['
  seq 10000 20000 | sed 's/.*/{"code": "E&", "name": "C&"}/' | paste -sd, -
  printf ']}'; } >"$out/many-councils.json"
# Arrays nested 100,000 deep: past cJSON's own limit of 1000.
{ printf '{"schema": "briefing-dataset/1", "councils": [%s, "x": ' "$council"
  head -c 100000 /dev/zero | tr '\0' '['; } >"$out/deep.json"
# A CSV header of 5,000 columns: over the limit of 4096.
{ seq 1 5000 | sed 's/^/c/' | paste -sd, -; } >"$out/wide.csv"
# A DfE header of 4,000 long columns lacking the count: the closest header
# is looked for among the first 512 only, each cut short.
{ printf 'time_period,geographic_level,la_name,region_name,population_count,'
  seq 1 4000 | sed 's/.*/children_count_&_'"$(head -c 3000 /dev/zero | tr '\0' 'y')"'/' | paste -sd, -; } \
  >"$out/wide-dfe.csv"
# A 70 MB CSV file: over the 64 MiB limit.
{ echo 'code,role,name,start'; head -c 70000000 /dev/zero | tr '\0' 'x'; echo; } >"$out/big.csv"
# A 2 MB template (spaces round a valid one): over the 1 MiB limit.
{ printf '{"sections": [{"plugin": "cover"}]}'; head -c 2000000 /dev/zero | tr '\0' ' '; } \
  >"$out/big-template.json"
# A FIFO with no writer: opening it to read would wait forever.
rm -f "$out/fifo"
mkfifo "$out/fifo"
# Twenty directors with 60 KB names: their timeline labels do not fit, and
# the note listing them would pass the 1 MiB paragraph limit.
{ printf '{"schema": "briefing-dataset/1", "councils": [%s, "leaders": [' "$council"
  name=$(head -c 60000 /dev/zero | tr '\0' 'x')
  for i in $(seq 10 29); do
    [ "$i" -gt 10 ] && printf ', '
    printf '{"role": "dcs", "name": "N%s%s", "start": "2020-01-%s", "end": "2020-02-01"}' "$i" "$name" "$i"
  done
  printf ']}]}'; } >"$out/long-names.json"
# Outputs that are an input: a data file (by its name, a hard link and a
# symlink) and a template.  Writing them would destroy them.
printf '{"schema": "briefing-dataset/1", "councils": [%s}]}\n' "$council" >"$out/data.json"
rm -f "$out/data-hard.json" "$out/data-sym.json" "$out/fifo.db"
ln "$out/data.json" "$out/data-hard.json"
ln -s data.json "$out/data-sym.json"
printf '{"title": "Hostile input test", "sections": [{"plugin": "cover"}]}\n' >"$out/template.json"
# State files that are not files: a FIFO (reading it would wait forever)
# and a symlink to a file the run must not read (nor replace).
rm -rf "$out/state-fifo" "$out/state-link"
mkdir -p "$out/state-fifo/template" "$out/state-link/template"
mkfifo "$out/state-fifo/template/E10000020.json"
printf 'secret\n' >"$out/secret"
ln -s ../../secret "$out/state-link/template/E10000020.json"
mkfifo "$out/fifo.db" 2>/dev/null || true
# A FIFO where batch would write a council's PDF: batch writes files only.
rm -rf "$out/batch-fifo"
mkdir -p "$out/batch-fifo"
mkfifo "$out/batch-fifo/E10000020.pdf"
# A template whose logo is the FIFO above: the logo is left out at once.
printf '{"title": "Hostile logo", "logo": "fifo", "sections": [{"plugin": "cover"}]}\n' >"$out/logo-fifo.json"
# A council's name of 5,000 bytes (words) and one of 65,536 bytes (one
# unbreakable word, the most a string may hold), and a leader's name of
# 65,536 bytes: each renders, wrapped, shortened in the running header.
words=$(for i in $(seq 1000); do printf 'word '; done)
printf '{"schema": "briefing-dataset/1", "councils": [{"code": "E10000020", "name": "Norfolk %s"}]}' \
  "$(printf '%s' "$words" | head -c 4992)" >"$out/council-name-5000.json"
printf '{"schema": "briefing-dataset/1", "councils": [{"code": "E10000020", "name": "%s"}]}' \
  "$(head -c 65536 /dev/zero | tr '\0' 'N')" >"$out/council-name-65536.json"
printf '{"schema": "briefing-dataset/1", "councils": [%s, "leaders": [{"role": "dcs", "name": "%s", "start": "2020-01-01"}]}]}' \
  "$council" "$(head -c 65536 /dev/zero | tr '\0' 'L')" >"$out/leader-name-65536.json"

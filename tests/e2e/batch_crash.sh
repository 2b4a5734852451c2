#!/usr/bin/env bash
# A plugin that crashes for one council and one that fails for another: both
# are reported by council and plugin, the others complete, the exit status
# is the first failure's, and neither failed council's state is remembered.
# A source plugin that crashes reading a file is named with the file (70).
. "$(dirname "$0")/lib/common.sh"
SYN=$WORK/councils.json
python3 "$SYNTHETIC" 12 "$SYN" || fail "synthetic_councils.py"
# Add the council the failing plugin refuses, at the end.
python3 - "$SYN" <<'PY' || fail "adding E06000999"
import json, sys
d = json.load(open(sys.argv[1]))
d["councils"].append({"code": "E06000999", "name": "Failshire"})
json.dump(d, open(sys.argv[1], "w"))
PY
PLUGINS=$WORK/plugins
mkdir -p "$PLUGINS" && chmod 700 "$PLUGINS"
cp "$BRIEFING_TEST_PLUGINS/crashing.so" "$BRIEFING_TEST_PLUGINS/failing.so" \
  "$BRIEFING_TEST_PLUGINS/crashing_source.so" "$PLUGINS/"
cat >"$WORK/t.json" <<'JSON'
{"name": "crashy", "title": "Crashy",
 "sections": [{"plugin": "crashing"}, {"plugin": "failing"}, {"plugin": "changes"}]}
JSON

for jobs in 1 3; do
  OUT=$WORK/pdfs$jobs
  expect_exit 70 "$BRIEFING" batch -t "$WORK/t.json" --plugin-dir "$PLUGINS" -d "$SYN" -O "$OUT" \
    -j $jobs --state-dir "$WORK/state$jobs" -q
  contains "$WORK/err" "E10000005 Shire 005: the worker rendering it crashed (signal 6: Aborted) in the section plugin \"crashing\" (sections[0]) for E10000005 Shire 005" "-j $jobs"
  contains "$WORK/err" "E06000999 Failshire: failing section (sections[1]) for Failshire: cannot describe council E06000999" "-j $jobs"
  contains "$WORK/err" "batch: 2 of 13 briefings failed: E10000005 Shire 005, E06000999 Failshire" "-j $jobs summary"
  n=$(ls "$OUT" | grep -c '\.pdf$')
  [ "$n" -eq 11 ] && pass || fail "-j $jobs: $n PDFs, want the 11 that did not fail"
  extra=$(ls -A "$OUT" | grep -v '\.pdf$' | grep -vx '.briefing.lock')
  [ -z "$extra" ] && pass || fail "-j $jobs: left in the folder: $extra"
  ls "$OUT" | grep -q 'E10000005' && fail "-j $jobs: a PDF for the crashed council" || pass
  # State only for the councils whose PDF was written.
  [ -f "$WORK/state$jobs/t/E10000004.json" ] && pass || fail "-j $jobs: no state for E10000004"
  [ -e "$WORK/state$jobs/t/E10000005.json" ] && fail "-j $jobs: state saved for the crashed council" || pass
  [ -e "$WORK/state$jobs/t/E06000999.json" ] && fail "-j $jobs: state saved for the failed council" || pass
  [ -z "$(ls -A "$WORK/state$jobs/t" | grep '^\.')" ] && pass || fail "-j $jobs: temporary left in the state folder"
done

# The failure alone (no crash): its own status, 65.
expect_exit 65 "$BRIEFING" batch -t "$WORK/t.json" --plugin-dir "$PLUGINS" -d "$SYN" -O "$WORK/one" \
  -c E06000999,E10000001
contains "$WORK/err" "1 of 2 briefings failed: E06000999 Failshire"
contains "$WORK/out" "E10000001 Shire 001: wrote"

# A source plugin that crashes: it and the file are named, 70, and nothing
# is left behind (generate's temporary file included).
echo "anything" >"$WORK/data.crash"
for cmd in generate batch; do
  if [ $cmd = generate ]; then where=(-o "$WORK/src/x.pdf"); else where=(-O "$WORK/src"); fi
  mkdir -p "$WORK/src"
  expect_exit 70 "$BRIEFING" $cmd -t "$WORK/t.json" --plugin-dir "$PLUGINS" -d "$SYN" -d "$WORK/data.crash" \
    "${where[@]}"
  contains "$WORK/err" "briefing: crashed (signal 6: Aborted) in the source plugin \"crashing-source\" reading $WORK/data.crash" "$cmd"
  [ -z "$(ls -A "$WORK/src" | grep -vx '.briefing.lock')" ] && pass || fail "$cmd: left behind: $(ls -A "$WORK/src")"
done
finish

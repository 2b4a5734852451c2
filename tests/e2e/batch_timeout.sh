#!/usr/bin/env bash
# A plugin that never ends for one council: with --timeout its worker is
# stopped, the council reported with the plugin it was in, the others
# written, and the run exits 70.  And a run stopped by SIGTERM reports as
# many briefings written as the folder holds, every time (the worker that
# had just renamed its PDF into place used to be counted as interrupted).
. "$(dirname "$0")/lib/common.sh"
SYN=$WORK/councils.json
python3 "$SYNTHETIC" 6 "$SYN" || fail "synthetic_councils.py"
PLUGINS=$WORK/plugins
mkdir -p "$PLUGINS" && chmod 700 "$PLUGINS"
cp "$BRIEFING_TEST_PLUGINS/slow.so" "$PLUGINS/"
cat >"$WORK/hang.json" <<'JSON'
{"name": "hang", "title": "Hang", "sections": [{"plugin": "slow", "options": {"ms": 10, "hang": "E10000003"}}]}
JSON

for jobs in 1 3; do
  start=$(date +%s)
  expect_exit 70 "$BRIEFING" batch -t "$WORK/hang.json" --plugin-dir "$PLUGINS" -d "$SYN" \
    -O "$WORK/out$jobs" -j $jobs --timeout 2 -q
  took=$(($(date +%s) - start))
  [ "$took" -lt 60 ] && pass || fail "-j $jobs: took $took s with --timeout 2"
  contains "$WORK/err" "E10000003 Shire 003: took longer than the time limit of 2 s (--timeout) and was stopped in the section plugin \"slow\" (sections[0]) for E10000003 Shire 003" "-j $jobs"
  contains "$WORK/err" "batch: 1 of 6 briefings failed: E10000003 Shire 003" "-j $jobs"
  n=$(ls "$WORK/out$jobs" | grep -c '\.pdf$')
  [ "$n" -eq 5 ] && pass || fail "-j $jobs: $n PDFs, want 5"
  extra=$(ls -A "$WORK/out$jobs" | grep -v '\.pdf$' | grep -vx '.briefing.lock')
  [ -z "$extra" ] && pass || fail "-j $jobs: left in the folder: $extra"
done

# --timeout is checked as a usage error.
expect_exit 64 "$BRIEFING" batch -t "$WORK/hang.json" -d "$SYN" -O "$WORK/x" --timeout -1
contains "$WORK/err" "--timeout -1: expected a number of seconds from 0 (no limit) to 86400"
expect_exit 64 "$BRIEFING" batch -t "$WORK/hang.json" -d "$SYN" -O "$WORK/x" --timeout 2s

# SIGTERM at a random moment, seven times: the count said is the count on
# disk.  --state-dir widens the moment between a PDF's rename and its
# worker's answer (the state file is written and synced in between).
python3 "$SYNTHETIC" 200 "$WORK/many.json" || fail "synthetic_councils.py"
echo '{"name": "fast", "title": "Fast", "sections": [{"plugin": "slow", "options": {"ms": 2}}]}' >"$WORK/fast.json"
for i in 1 2 3 4 5 6 7; do
  rm -rf "$WORK/stop" "$WORK/state"
  "$BRIEFING" batch -t "$WORK/fast.json" --plugin-dir "$PLUGINS" -d "$WORK/many.json" -O "$WORK/stop" \
    -j 2 --state-dir "$WORK/state" -q 2>"$WORK/stop.err" &
  pid=$!
  # Once it is writing (a loaded machine may take a while to start), at a
  # random moment.
  for _ in $(seq 200); do
    [ "$(ls "$WORK/stop" 2>/dev/null | grep -c '\.pdf$')" -ge 1 ] && break
    sleep 0.05
  done
  sleep "0.$((RANDOM % 4))$((RANDOM % 10))"
  kill -TERM "$pid"
  wait "$pid"
  rc=$?
  said=$(grep -o 'interrupted ([^)]*): [0-9]* of' "$WORK/stop.err" | grep -o '[0-9]* of' | grep -o '[0-9]*')
  n=$(ls "$WORK/stop" 2>/dev/null | grep -c '\.pdf$')
  if [ "$rc" -eq 0 ]; then
    pass # finished before the signal
  else
    [ "$rc" -eq 75 ] && pass || fail "stop $i: exit $rc, want 75"
    [ "${said:-0}" = "$n" ] && pass || fail "stop $i: said ${said:-nothing} written, the folder holds $n"
  fi
  extra=$(ls -A "$WORK/stop" 2>/dev/null | grep -v '\.pdf$' | grep -vx '.briefing.lock')
  [ -z "$extra" ] && pass || fail "stop $i: left in the folder: $extra"
done
finish

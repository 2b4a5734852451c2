#!/usr/bin/env bash
# Two runs on one folder, and runs stopped half-way: the second run is turned
# away naming the first; a stopped run keeps its finished PDFs, leaves no
# temporary file and exits 75; a run killed outright leaves a lock the next
# run takes over.
. "$(dirname "$0")/lib/common.sh"
SYN=$WORK/councils.json
python3 "$SYNTHETIC" 40 "$SYN" || fail "synthetic_councils.py"
PLUGINS=$WORK/plugins
mkdir -p "$PLUGINS" && chmod 700 "$PLUGINS"
cp "$BRIEFING_TEST_PLUGINS/slow.so" "$PLUGINS/"
cat >"$WORK/slow.json" <<'JSON'
{"name": "slow", "title": "Slow", "sections": [{"plugin": "slow", "options": {"ms": 150}}]}
JSON
OUT=$WORK/pdfs
RUN=("$BRIEFING" batch -t "$WORK/slow.json" --plugin-dir "$PLUGINS" -d "$SYN" -O "$OUT" -j 2)

# Waits (up to 20 s) until the folder holds at least $1 PDFs.
wait_for_pdfs() {
  for _ in $(seq 200); do
    [ "$(ls "$OUT" 2>/dev/null | grep -c '\.pdf$')" -ge "$1" ] && return 0
    sleep 0.1
  done
  return 1
}

# Waits (up to 20 s) until the lock file names process $1.
wait_for_holder() {
  for _ in $(seq 200); do
    grep -qF "process $1 on " "$OUT/.briefing.lock" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# The folder holds whole PDFs and the lock file, nothing else.
folder_clean() {
  extra=$(ls -A "$OUT" | grep -v '\.pdf$' | grep -vx '.briefing.lock')
  [ -z "$extra" ] && pass || fail "$1: left in the folder: $extra"
  for f in "$OUT"/*.pdf; do
    qpdf --check "$f" >/dev/null 2>&1 || { fail "$1: $f is not a whole PDF"; return; }
  done
  pass
}

# A second run while the first holds the folder: 75, naming the holder.
"${RUN[@]}" >"$WORK/a.out" 2>"$WORK/a.err" &
first=$!
wait_for_holder "$first" || fail "the first run did not take the lock"
wait_for_pdfs 2 || fail "the first run wrote nothing"
expect_exit 75 "${RUN[@]}" -q
contains "$WORK/err" "is in use by another briefing run (process $first on "
contains "$WORK/err" ".briefing.lock"
contains "$OUT/.briefing.lock" "process $first on " "the lock file"

# SIGTERM half-way: finished PDFs kept, no temporary, exit 75.
kill -TERM "$first"
wait "$first"
rc=$?
[ "$rc" -eq 75 ] && pass || fail "SIGTERM: exit $rc, want 75"
contains "$WORK/a.err" "interrupted"
n=$(ls "$OUT" | grep -c '\.pdf$')
[ "$n" -ge 2 ] && [ "$n" -lt 40 ] && pass || fail "SIGTERM: $n PDFs, want some but not all 40"
folder_clean "after SIGTERM"
[ -s "$OUT/.briefing.lock" ] && fail "the lock file still names a run that ended" || pass

# SIGINT (Ctrl-C) the same way; job control so that the shell does not
# make the background run ignore it.
rm -f "$OUT"/*.pdf
set -m
"${RUN[@]}" -q >"$WORK/b.out" 2>"$WORK/b.err" &
second=$!
set +m
wait_for_pdfs 2 || fail "the second run wrote nothing"
kill -INT "$second"
wait "$second"
rc=$?
[ "$rc" -eq 75 ] && pass || fail "SIGINT: exit $rc, want 75"
folder_clean "after SIGINT"

# Killed outright: the lock is taken over by the next run, which ends with
# all 40 and a clean folder.
rm -f "$OUT"/*.pdf
"${RUN[@]}" -q >"$WORK/c.out" 2>"$WORK/c.err" &
third=$!
wait_for_holder "$third" || fail "the third run did not take the lock"
wait_for_pdfs 1 || fail "the third run wrote nothing"
kill -KILL "$third"
wait "$third" 2>/dev/null
sleep 0.5 # its workers follow it (they are told when their parent dies)
contains "$OUT/.briefing.lock" "process $third on " "the lock file of the killed run"
expect_exit 0 "${RUN[@]}"
contains "$WORK/err" "taking over the lock left by process $third"
[ "$(ls "$OUT" | grep -c '\.pdf$')" -eq 40 ] && pass || fail "the run after a kill did not write all 40"
folder_clean "after a kill and a new run"
finish

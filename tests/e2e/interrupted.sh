#!/usr/bin/env bash
# generate and convert stopped half-way (SIGTERM, SIGINT, SIGHUP): the run
# removes its temporary file, says so, exits 75 (as an interrupted batch
# does) and leaves an earlier output untouched.  A temporary file a dead run
# left (unlocked) is removed by the next run; one a live process holds (its
# flock taken) is not, nor a symlink or another name.
. "$(dirname "$0")/lib/common.sh"
NORFOLK=$SRC/examples/data/norfolk.json
PLUGINS=$WORK/plugins
mkdir -p "$PLUGINS" && chmod 700 "$PLUGINS"
cp "$BRIEFING_TEST_PLUGINS/slow.so" "$PLUGINS/"
cat >"$WORK/slow.json" <<'JSON'
{"name": "slow", "title": "Slow", "sections": [{"plugin": "slow", "options": {"ms": 20000}}]}
JSON
OUT=$WORK/pdf
mkdir -p "$OUT"
KEEP="an earlier briefing"

# Waits (up to 20 s) until a temporary file of out.pdf is in the folder.
wait_for_temporary() {
  for _ in $(seq 200); do
    ls -A "$OUT" | grep -q '^\.out\.pdf\.' && return 0
    sleep 0.1
  done
  return 1
}

# stop SIGNAL: starts a slow generate, sends SIGNAL once its temporary file
# is there, and checks what is left.
stop() {
  local sig=$1 pid status
  printf '%s\n' "$KEEP" >"$OUT/out.pdf"
  # A background job of a script starts with SIGINT ignored (which the
  # program respects, as under nohup): give it the default back.
  env --default-signal=INT,HUP,TERM "$BRIEFING" generate -t "$WORK/slow.json" --plugin-dir "$PLUGINS" -d "$NORFOLK" \
    -o "$OUT/out.pdf" 2>"$WORK/err" &
  pid=$!
  wait_for_temporary || fail "$sig: no temporary file appeared"
  kill -s "$sig" "$pid"
  wait "$pid"
  status=$?
  [ "$status" -eq 75 ] && pass || fail "$sig: exit $status, want 75"
  contains "$WORK/err" "interrupted (SIG$sig)" "$sig: stderr"
  contains "$WORK/err" "no temporary file is left" "$sig: stderr"
  extra=$(ls -A "$OUT" | grep -vx 'out.pdf')
  [ -z "$extra" ] && pass || fail "$sig: left in the folder: $extra"
  contains "$OUT/out.pdf" "$KEEP" "$sig: the earlier output"
}
stop TERM
stop INT
stop HUP

# convert: the same handler.  Its output is a FIFO no one reads yet, so the
# run waits there (as writing to a FIFO does) when the signal comes.
mkdir -p "$WORK/tmp"
mkfifo "$WORK/records.json"
TMPDIR=$WORK/tmp env --default-signal=TERM "$BRIEFING" convert -d "$NORFOLK" -o "$WORK/records.json" 2>"$WORK/err" &
pid=$!
sleep 1
kill -s TERM "$pid"
wait "$pid"
status=$?
[ "$status" -eq 75 ] && pass || fail "convert TERM: exit $status, want 75"
contains "$WORK/err" "interrupted (SIGTERM)" "convert: stderr"
[ -z "$(ls -A "$WORK/tmp")" ] && pass || fail "convert: left a spool file: $(ls -A "$WORK/tmp")"

# A stale temporary file (no process holds it) is removed by the next run;
# one held by a live process (flock), a symlink of the pattern, and a name
# that only looks alike are not.
printf 'half a PDF' >"$OUT/.out.pdf.AbC123"
printf 'being written' >"$OUT/.out.pdf.LiVe99"
printf 'not ours' >"$OUT/.other.pdf.XyZ789"
printf 'not ours' >"$OUT/.out.pdf.toolong1"
ln -s "$WORK/target" "$OUT/.out.pdf.LiNk00"
printf 'the target' >"$WORK/target"
(exec 9>>"$OUT/.out.pdf.LiVe99" && flock 9 && exec sleep 60) &
holder=$!
for _ in $(seq 50); do
  flock -n "$OUT/.out.pdf.LiVe99" true || break
  sleep 0.1
done
expect_exit 0 "$BRIEFING" generate -t councillor-pack -d "$NORFOLK" -o "$OUT/out.pdf"
[ ! -e "$OUT/.out.pdf.AbC123" ] && pass || fail "the stale temporary file was not removed"
[ -e "$OUT/.out.pdf.LiVe99" ] && pass || fail "a temporary file a live process holds was removed"
[ -e "$OUT/.other.pdf.XyZ789" ] && pass || fail "another output's temporary file was removed"
[ -e "$OUT/.out.pdf.toolong1" ] && pass || fail "a file not of the pattern was removed"
[ -L "$OUT/.out.pdf.LiNk00" ] && pass || fail "a symlink of the pattern was removed"
contains "$WORK/target" "the target" "a symlink's target"
# The same for a stream's spool file in $TMPDIR.
printf 'half a PDF' >"$WORK/tmp/.briefing-spool.AbC123"
TMPDIR=$WORK/tmp expect_exit 0 "$BRIEFING" generate -t councillor-pack -d "$NORFOLK" -o /dev/null
[ -z "$(ls -A "$WORK/tmp")" ] && pass || fail "a stale spool file stays: $(ls -A "$WORK/tmp")"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
# Once its holder is gone, it is stale: the next run removes it.
expect_exit 0 "$BRIEFING" generate -t councillor-pack -d "$NORFOLK" -o "$OUT/out.pdf"
[ ! -e "$OUT/.out.pdf.LiVe99" ] && pass || fail "a temporary file left by a dead holder stays"
finish

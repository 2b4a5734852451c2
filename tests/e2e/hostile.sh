#!/usr/bin/env bash
# The hostile corpus (tests/hostile/cases.tsv): every bad input is refused
# with the exit status and the message the corpus gives, within a time
# limit, without a sanitizer report, leaving the existing output untouched
# and no temporary file behind.
. "$(dirname "$0")/lib/common.sh"
HOSTILE=$SRC/tests/hostile
GEN=$WORK/gen
OUTDIR=$WORK/pdf
KEEP="an earlier briefing"

"$HOSTILE/generate.sh" "$GEN" || { fail "tests/hostile/generate.sh failed"; finish; }
mkdir -p "$OUTDIR"
printf '%s\n' "$KEEP" >"$WORK/keep"

# run_case NAME ARGS EXIT MESSAGE
run_case() {
  local name=$1 args=$2 want=$3 message=$4
  local out=$OUTDIR/keep.pdf
  local -a env_words=() words=()
  local word got

  cp "$WORK/keep" "$out"
  args=${args//\{H\}/$HOSTILE}
  args=${args//\{G\}/$GEN}
  args=${args//\{T\}/$HOSTILE/templates/minimal.json}
  args=${args//\{N\}/$SRC/examples/data/norfolk.json}
  args=${args//\{O\}/$out}
  for word in $args; do
    if [ ${#words[@]} -eq 0 ] && [[ $word == [A-Z_]*=* ]]; then env_words+=("$word"); else words+=("$word"); fi
  done
  # Standard input is a pipe, as in `generate -d /dev/stdin < file`.
  echo '{}' | env "${env_words[@]}" timeout 120 "$BRIEFING" "${words[@]}" >"$WORK/stdout" 2>"$WORK/err"
  got=$?
  if [ "$got" -ne "$want" ]; then
    fail "$name: exit $got, want $want"
    sed 's/^/  stderr: /' "$WORK/err" | head -4 >&2
  else
    pass
  fi
  if [ "$message" != "-" ]; then contains "$WORK/err" "$message" "$name: stderr"; fi
  if grep -qE "Sanitizer|runtime error:" "$WORK/err"; then
    fail "$name: a sanitizer report"; grep -m3 -E "Sanitizer|runtime error:|#[0-3] " "$WORK/err" >&2
  fi
  if [[ $args == *"$out"* ]]; then
    if [ "$want" -eq 0 ]; then
      head -c 5 "$out" | grep -q '%PDF-' && pass || fail "$name: the output is not a PDF"
    elif ! cmp -s "$out" "$WORK/keep"; then
      fail "$name: the existing output was changed"
    else
      pass
    fi
  fi
  if ls -A "$OUTDIR" | grep -q '^\.keep\.pdf\.'; then
    fail "$name: a temporary file was left behind"; rm -f "$OUTDIR"/.keep.pdf.*
  fi
}

while IFS=$'\t' read -r name args want message; do
  case $name in ''|'#'*) continue ;; esac
  run_case "$name" "$args" "$want" "$message"
done <"$HOSTILE/cases.tsv"

# A state file that is a symlink was neither read nor followed when
# replaced: its target is as it was.
contains "$GEN/secret" "secret" "the target of a state file's symlink"
grep -q secret "$GEN/state-link/template/E10000020.json" && fail "a state symlink was read" || pass

# Special outputs, written straight through (a stream cannot be atomic): a
# FIFO with a reader, standard output through a pipe and into a file (the
# /dev/stdout symlink stays one), and the same in convert.
pdf_from() { head -c 5 "$1" | grep -q '%PDF-' && pass || fail "$2: not a PDF"; }
mkfifo "$WORK/out.fifo"
cat "$WORK/out.fifo" >"$WORK/from-fifo.pdf" &
reader=$!
expect_exit 0 timeout 120 "$BRIEFING" generate -t "$HOSTILE/templates/minimal.json" \
  -d "$SRC/examples/data/norfolk.json" -o "$WORK/out.fifo"
wait "$reader"
pdf_from "$WORK/from-fifo.pdf" "-o FIFO"
timeout 120 "$BRIEFING" generate -t "$HOSTILE/templates/minimal.json" \
  -d "$SRC/examples/data/norfolk.json" -o /dev/stdout 2>"$WORK/err" | cat >"$WORK/piped.pdf"
[ "${PIPESTATUS[0]}" -eq 0 ] && pass || fail "-o /dev/stdout | cat: exit ${PIPESTATUS[0]}"
pdf_from "$WORK/piped.pdf" "-o /dev/stdout | cat"
expect_exit 0 sh -c '"$0" generate -t "$1" -d "$2" -o /dev/stdout >"$3"' "$BRIEFING" \
  "$HOSTILE/templates/minimal.json" "$SRC/examples/data/norfolk.json" "$WORK/redirected.pdf"
pdf_from "$WORK/redirected.pdf" "-o /dev/stdout > file"
[ -L /dev/stdout ] && pass || fail "/dev/stdout is no longer a symlink"
expect_exit 0 sh -c '"$0" convert -d "$1" -o /dev/stdout >"$2"' "$BRIEFING" \
  "$SRC/examples/data/norfolk.json" "$WORK/converted.json"
contains "$WORK/converted.json" '"schema"' "convert -o /dev/stdout"

# A regenerated output keeps the old file's mode (and group).
printf 'old\n' >"$OUTDIR/kept.pdf"
chmod 640 "$OUTDIR/kept.pdf"
# Another group than the user's own, where the user may give it (root, or a
# member of it).
group=$(id -Gn | tr ' ' '\n' | grep -vx "$(id -gn)" | head -1)
[ -z "$group" ] && [ "$(id -u)" -eq 0 ] && group=daemon
[ -n "$group" ] && chgrp "$group" "$OUTDIR/kept.pdf"
expect_exit 0 "$BRIEFING" generate -t "$HOSTILE/templates/minimal.json" \
  -d "$SRC/examples/data/norfolk.json" -o "$OUTDIR/kept.pdf"
[ "$(stat -c %a "$OUTDIR/kept.pdf")" = 640 ] && pass || fail "mode not kept: $(stat -c %a "$OUTDIR/kept.pdf")"
if [ -n "$group" ]; then
  [ "$(stat -c %G "$OUTDIR/kept.pdf")" = "$group" ] && pass || fail "group not kept: $(stat -c %G "$OUTDIR/kept.pdf")"
fi

rm -rf "$GEN"
finish

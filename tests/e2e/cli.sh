#!/usr/bin/env bash
# The command line end to end: the Norfolk pack, exit codes, outputs left
# untouched on failure, reproducible bytes, and the installed tree.
. "$(dirname "$0")/lib/common.sh"
NORFOLK=$SRC/examples/data/norfolk.json

# The example briefing: a valid PDF, fonts embedded, telling Norfolk's inspections.
expect_exit 0 "$BRIEFING" generate -t councillor-pack -d "$NORFOLK" -o "$WORK/norfolk.pdf"
pdf_ok "$WORK/norfolk.pdf"
pdf_text "$WORK/norfolk.pdf"
contains "$WORK/text" "Norfolk"
contains "$WORK/text" "Inadequate"
contains "$WORK/text" "Requires improvement"
contains "$WORK/text" "Good"
contains "$WORK/text" "22 February 2013" "the 2013 child protection inspection's date"
contains "$WORK/text" "19 January 2018" "the 2018 re-inspection's date"
contains "$WORK/text" "13 January 2023" "the 2023 inspection's date"
pdfinfo "$WORK/norfolk.pdf" >"$WORK/info"
grep -qE '^Creator: +briefing [0-9]' "$WORK/info" && pass || fail "Creator is not briefing VERSION"
grep -qE '^Title: +.+' "$WORK/info" && pass || fail "no document title"

# The council can be named by code, DfE number or name, in any case.
for c in E10000020 926 norfolk "Norfolk County Council"; do
  expect_exit 0 "$BRIEFING" generate -q -t councillor-pack -d "$NORFOLK" -c "$c" -o "$WORK/c.pdf"
done
lacks "$WORK/err" "wrote" "--quiet output"

# Bad data: exit 65, a message naming the file and the field, the old output untouched.
echo "an earlier briefing" >"$WORK/keep.pdf"
sed 's/"2013-02-22"/"22\/02\/2013"/' "$NORFOLK" >"$WORK/bad.json"
expect_exit 65 "$BRIEFING" generate -t councillor-pack -d "$WORK/bad.json" -o "$WORK/keep.pdf"
contains "$WORK/err" "bad.json"
contains "$WORK/err" ".date: \"22/02/2013\" is not a date"
contains "$WORK/keep.pdf" "an earlier briefing" "the existing output"
ls -A "$WORK" | grep -q '^\.keep\.pdf\.' && fail "a temporary file was left behind" || pass

printf '{"schema": "briefing-dataset/1", "councils": [' >"$WORK/truncated.json"
expect_exit 65 "$BRIEFING" generate -t councillor-pack -d "$WORK/truncated.json" -o "$WORK/keep.pdf"
contains "$WORK/err" "truncated.json:1:"
: >"$WORK/empty.json"
expect_exit 65 "$BRIEFING" generate -t councillor-pack -d json:"$WORK/empty.json" -o "$WORK/keep.pdf"
contains "$WORK/err" "empty.json"
printf 'hello\n' >"$WORK/unknown.txt"
expect_exit 65 "$BRIEFING" generate -t councillor-pack -d "$WORK/unknown.txt" -o "$WORK/keep.pdf"
contains "$WORK/err" "no source plugin recognises"
contains "$WORK/err" "json:"
contains "$WORK/keep.pdf" "an earlier briefing" "the existing output"

# Unreadable or missing input: 66.
expect_exit 66 "$BRIEFING" generate -t councillor-pack -d "$WORK/nonexistent.json" -o "$WORK/x.pdf"
contains "$WORK/err" "nonexistent.json"
expect_exit 66 "$BRIEFING" generate -t no-such-template -d "$NORFOLK" -o "$WORK/x.pdf"
contains "$WORK/err" "councillor-pack" "the list of installed templates"

# An output that cannot be created: 73.
expect_exit 73 "$BRIEFING" generate -t councillor-pack -d "$NORFOLK" -o "$WORK/no/such/dir/x.pdf"
contains "$WORK/err" "no/such/dir"
expect_exit 73 "$BRIEFING" generate -t councillor-pack -d "$NORFOLK" -o "$WORK"

# Usage: 64.
expect_exit 64 "$BRIEFING" generate -t councillor-pack -d "$NORFOLK" -o ''
contains "$WORK/err" "-o: the output path is empty"
expect_exit 64 "$BRIEFING" convert -d "$NORFOLK" -o ''
contains "$WORK/err" "-o: the output path is empty"
expect_exit 64 "$BRIEFING" generate -t councillor-pack -d "$NORFOLK"
expect_exit 64 "$BRIEFING" generate --frobnicate
expect_exit 64 "$BRIEFING" frobnicate
expect_exit 64 "$BRIEFING" generate -t councillor-pack -d "$NORFOLK" -c "Atlantis" -o "$WORK/x.pdf"
contains "$WORK/err" "-c Atlantis: no such council in the data (it holds 1, e.g. E10000020 Norfolk)"
# A slip of a letter: the council meant is named.  A real council the data
# does not hold: said so.
expect_exit 64 "$BRIEFING" generate -t councillor-pack -d "$NORFOLK" -c "norfok" -o "$WORK/x.pdf"
contains "$WORK/err" "did you mean Norfolk (E10000020)?"
expect_exit 64 "$BRIEFING" generate -t councillor-pack -d "$NORFOLK" -c "Suffolk" -o "$WORK/x.pdf"
contains "$WORK/err" "Suffolk (E10000029) is a council, but the data holds nothing about it"
expect_exit 64 "$BRIEFING" generate -t councillor-pack -d "$NORFOLK" --as-of 2018/01/01 -o "$WORK/x.pdf"
cat "$NORFOLK" >"$WORK/a.json"
expect_exit 64 "$BRIEFING" generate -t councillor-pack -d "$NORFOLK" -d "$SRC/examples/data/dudley.json" -o "$WORK/x.pdf"
contains "$WORK/err" "-c"

# A bad template: 78, naming the template and what is wrong.
printf '{"sections": [{"plugin": "no-such-section"}]}' >"$WORK/t.json"
expect_exit 78 "$BRIEFING" generate -t "$WORK/t.json" -d "$NORFOLK" -o "$WORK/x.pdf"
contains "$WORK/err" "t.json"
contains "$WORK/err" "no-such-section"
printf '{"sections": [{"plugin": "cover", "options": {"colour": "red"}}]}' >"$WORK/t.json"
expect_exit 78 "$BRIEFING" generate -t "$WORK/t.json" -d "$NORFOLK" -o "$WORK/x.pdf"
contains "$WORK/err" "plugin \"cover\" has no option \"colour\""

# plugins: one line each, KIND NAME VERSION DESCRIPTION.
expect_exit 0 "$BRIEFING" plugins
grep -qE '^source json [0-9.]+ .+' "$WORK/out" && pass || fail "plugins does not list the json source"
grep -qE '^section cover [0-9.]+ .+' "$WORK/out" && pass || fail "plugins does not list the cover section"
grep -vqE '^(source|section) [a-z0-9_-]+ [^ ]+ .+$' "$WORK/out" && fail "a malformed plugins line" || pass

# check: validates, writes nothing.
expect_exit 0 "$BRIEFING" check -t councillor-pack -d "$NORFOLK"
contains "$WORK/out" "ok:"
expect_exit 65 "$BRIEFING" check -t councillor-pack -d "$WORK/bad.json"
# check lays the pages out as generate would: what only the layout finds (a
# logo that is not a PNG) is reported, and still nothing is written.
mkdir -p "$WORK/tpl"
sed 's/"logo": null/"logo": "logo.png"/' "$SRC/templates/councillor-pack.json" >"$WORK/tpl/t.json"
echo "not a png" >"$WORK/tpl/logo.png"
( cd "$WORK" && ls -A >"$WORK/before" )
expect_exit 0 "$BRIEFING" check -t "$WORK/tpl/t.json" -d "$NORFOLK"
contains "$WORK/err" "logo $WORK/tpl/logo.png is not a readable PNG file" "check's warnings"
( cd "$WORK" && ls -A >"$WORK/after" )
grep -v -e '^out$' -e '^err$' -e '^before$' -e '^after$' "$WORK/after" | cmp -s - <(grep -v -e '^out$' -e '^err$' -e '^before$' -e '^after$' "$WORK/before") && pass || fail "check wrote a file"

# convert: the merged data as native JSON that reads back.
expect_exit 0 "$BRIEFING" convert -d "$NORFOLK" -d "$SRC/examples/data/dudley.json" -o "$WORK/both.json"
expect_exit 0 "$BRIEFING" check -t councillor-pack -d "$WORK/both.json" -c Dudley

# Reproducible: the same inputs and SOURCE_DATE_EPOCH give the same bytes.
SOURCE_DATE_EPOCH=1700000000 "$BRIEFING" generate -q -t councillor-pack -d "$NORFOLK" -o "$WORK/r1.pdf"
SOURCE_DATE_EPOCH=1700000000 "$BRIEFING" generate -q -t councillor-pack -d "$NORFOLK" -o "$WORK/r2.pdf"
cmp -s "$WORK/r1.pdf" "$WORK/r2.pdf" && pass || fail "two runs with SOURCE_DATE_EPOCH differ"

# The installed tree works from any folder.
cmake --install "$BRIEFING_BUILD_DIR" --prefix "$WORK/prefix" >/dev/null || fail "cmake --install"
(cd / && "$WORK/prefix/bin/briefing" generate -q -t councillor-pack -d "$NORFOLK" -o "$WORK/installed.pdf") \
  && pass || fail "the installed program could not generate the pack"
pdf_ok "$WORK/installed.pdf"
for f in bin/briefing include/briefing/plugin.h lib/pkgconfig/briefing-plugin.pc \
         share/briefing/templates/councillor-pack.json lib/briefing/plugins/json.so \
         share/man/man1/briefing.1; do
  [ -e "$WORK/prefix/$f" ] && pass || fail "the installed tree lacks $f"
done
# The man page (which the systemd unit names) reads: its sections, and every
# exit status the program uses.
if ! command -v man >/dev/null 2>&1; then
  fail "man is not installed (.ci/install-deps --test installs man-db)"
else
  MANWIDTH=80 man -l "$WORK/prefix/share/man/man1/briefing.1" >"$WORK/man" 2>"$WORK/man.err" && pass \
    || fail "man could not format briefing.1: $(head -2 "$WORK/man.err")"
  for h in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
    grep -qx "$h" "$WORK/man" && pass || fail "the man page has no $h section"
  done
  for code in 0 64 65 66 70 71 73 74 75 78; do
    grep -qE "^ +$code +[A-Z]" "$WORK/man" && pass || fail "the man page's EXIT STATUS lacks $code"
  done
  [ -s "$WORK/man.err" ] && fail "man warned: $(head -2 "$WORK/man.err")" || pass
fi

# --help: the program's usage, and each command's own usage and options, on
# stdout with status 0; the same from `briefing help COMMAND`.
expect_exit 0 "$BRIEFING" --help
for cmd in generate batch check plugins convert; do
  contains "$WORK/out" "briefing $cmd" "briefing --help"
done
contains "$WORK/out" "COMMAND --help" "briefing --help"
for cmd in generate batch check plugins convert; do
  expect_exit 0 "$BRIEFING" "$cmd" --help
  head -1 "$WORK/out" | grep -q "^usage: briefing $cmd" && pass || fail "$cmd --help: first line $(head -1 "$WORK/out")"
  contains "$WORK/out" "--plugin-dir DIR" "$cmd --help"
  contains "$WORK/out" "Exit status: 0 done, 64 usage" "$cmd --help"
  [ -s "$WORK/err" ] && fail "$cmd --help printed on stderr" || pass
  cp "$WORK/out" "$WORK/help-$cmd"
  expect_exit 0 "$BRIEFING" help "$cmd"
  cmp -s "$WORK/out" "$WORK/help-$cmd" && pass || fail "briefing help $cmd differs from $cmd --help"
done
for opt in "-t, --template" "-d, --data" "-c, --council" "--as-of DATE" "-o, --output"; do
  contains "$WORK/help-generate" "$opt" "generate --help"
done
for opt in "-O, --output-dir" "--name PATTERN" "-j, --jobs" "--state-dir DIR" "--as-of DATE"; do
  contains "$WORK/help-batch" "$opt" "batch --help"
done
head -3 "$WORK/help-batch" | grep -q -- "--as-of DATE" && pass || fail "batch's usage lacks --as-of"
contains "$WORK/help-plugins" "--describe NAME" "plugins --help"
contains "$WORK/help-convert" "RECORDS.db" "convert --help"
# -h is --help; --help wins over a missing -o, and runs nothing.
expect_exit 0 "$BRIEFING" generate -h
expect_exit 0 "$BRIEFING" generate -t councillor-pack --help
contains "$WORK/out" "usage: briefing generate" "generate -t ... --help"
expect_exit 64 "$BRIEFING" help nosuch
contains "$WORK/err" 'unknown command "nosuch"'

finish

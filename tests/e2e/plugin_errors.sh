#!/usr/bin/env bash
# Misbehaving plugins end to end, with the test plugins of tests/plugins: a
# source that returns an invalid dataset, a section that fails, files that
# must be refused, a template giving options a plugin does not declare.
# Each is caught, named, and stops the run without writing anything.
. "$(dirname "$0")/lib/common.sh"
TP=${BRIEFING_TEST_PLUGINS:?run through ctest (the test plugins folder)}
cd "$WORK" || exit 1

# Two councils: the failing section refuses the first.
cat >two.json <<'EOF'
{"schema": "briefing-dataset/1", "as_of": "2024-06-01",
 "councils": [{"code": "E06000999", "name": "Testshire"},
              {"code": "E10000020", "name": "Norfolk"}]}
EOF
printf '{"sections": [{"plugin": "failing"}]}\n' >failing.json
printf '{"sections": [{"plugin": "hello"}]}\n' >hello.json
echo "anything" >data.bad

# A source returning an invalid dataset: exit 65, naming the plugin and the
# field path, whether the source is named or recognised.
for spec in badsource:data.bad data.bad; do
  expect_exit 65 "$BRIEFING" generate --plugin-dir "$TP" -t hello.json -d "$spec" -o out.pdf
  contains err "badsource" "the message for -d $spec"
  contains err "councils[0].name" "the message for -d $spec"
  contains err "data.bad" "the message for -d $spec"
  [ -e out.pdf ] && fail "a PDF was written from an invalid dataset" || pass
done
expect_exit 65 "$BRIEFING" convert --plugin-dir "$TP" -d data.bad -o out.json
contains err "councils[0].name"
[ -e out.json ] && fail "convert wrote an invalid dataset" || pass

# A section that fails: exit 65 with the plugin's own message, naming the
# section and the council; no output, and an earlier output untouched.
expect_exit 65 "$BRIEFING" generate --plugin-dir "$TP" -t failing.json -d two.json -c E06000999 -o out.pdf
contains err "cannot describe council E06000999"
contains err "failing section (sections[0]) for Testshire"
[ -e out.pdf ] && fail "a PDF was written after a section failed" || pass
echo "an earlier briefing" >keep.pdf
expect_exit 65 "$BRIEFING" generate --plugin-dir "$TP" -t failing.json -d two.json -c Testshire -o keep.pdf
contains keep.pdf "an earlier briefing" "the earlier output"
ls -A | grep -q '^\.keep\.pdf' && fail "a temporary file was left behind" || pass
# The same section is fine for another council.
expect_exit 0 "$BRIEFING" generate -q --plugin-dir "$TP" -t failing.json -d two.json -c Norfolk -o ok.pdf
pdf_ok ok.pdf

# check finds the plugin's problem without writing anything: every council
# is tried when -c is not given.
mkdir checks && cd checks || exit 1
expect_exit 65 "$BRIEFING" check --plugin-dir "$TP" -t ../failing.json -d ../two.json
contains "$WORK/err" "cannot describe council E06000999"
expect_exit 0 "$BRIEFING" check --plugin-dir "$TP" -t ../failing.json -d ../two.json -c Norfolk
contains "$WORK/out" "ok:"
expect_exit 65 "$BRIEFING" check --plugin-dir "$TP" -t ../hello.json -d badsource:../data.bad
contains "$WORK/err" "councils[0].name"
[ -z "$(ls -A)" ] && pass || fail "check wrote files: $(ls -A)"
cd "$WORK" || exit 1

# Refused plugins: each on stderr with its reason; the good ones listed on
# stdout as KIND NAME VERSION DESCRIPTION, and the command succeeds.
expect_exit 0 "$BRIEFING" plugins --plugin-dir "$TP"
grep -qx 'source badsource 1.0 Reads \*.bad files wrongly (test)' out && pass || fail "badsource not listed"
grep -qx 'section failing 1.0 Fails for council E06000999' out && pass || fail "failing not listed"
grep -qx 'section hello 1.0 Greets the council (a test plugin)' out && pass || fail "hello not listed"
grep -qE '^source json [^ ]+ .+' out && pass || fail "the installed json source is not listed"
grep -vqE '^(source|section) [a-z0-9_-]+ [^ ]+ .+$' out && fail "a malformed plugins line" || pass
grep -q 'future' out && fail "a plugin of another ABI was listed" || pass
contains err "abi_major.so"
contains err "built for plugin ABI 2.0"
contains err "abi_minor.so"
contains err "newer than this program's"
contains err "no_descriptor.so"
contains err "no \"briefing_plugin_info\" descriptor"
contains err "zz_duplicate.so"
contains err "duplicate plugin name \"hello\""
contains err "runpath.so: its RUNPATH names /tmp"
[ "$(grep -c . err)" -eq 5 ] && pass || fail "plugins printed $(grep -c . err) refusals, want 5"
# Refused before they were loaded: no constructor of theirs ran (each test
# plugin appends its name to $BRIEFING_TEST_MARKER when loaded; hello is
# loaded, so it is there).
BRIEFING_TEST_MARKER=$WORK/ran expect_exit 0 "$BRIEFING" plugins --plugin-dir "$TP"
contains ran "hello" "the marker file"
for refused in abi_major abi_minor no_descriptor runpath; do
  lacks ran "$refused" "the marker file (a refused plugin ran code)"
done
# The duplicate never runs: the first "hello" found is the one used.
expect_exit 0 "$BRIEFING" generate -q --plugin-dir "$TP" -t hello.json -d two.json -c Norfolk -o hello.pdf
pdf_text hello.pdf
contains "$WORK/text" "Hello, Norfolk."
# --describe shows the declared options.
expect_exit 0 "$BRIEFING" plugins --plugin-dir "$TP" --describe hello
for word in greeting times loud extra string number bool list Hello "the word to greet with"; do
  contains out "$word" "--describe hello"
done

# A plugin file or folder others may write to is refused, not loaded: the
# plugin folder and every folder above it up to / must belong to root or to
# the user, and be writable by no one else (group included).  WORK is in the
# build tree (lib/common.sh), since nothing below /tmp is loaded.
# plugins_refused DIR TEXT: DIR's hello is refused with TEXT, not listed.
plugins_refused() {
  expect_exit 0 "$BRIEFING" plugins --plugin-dir "$1"
  contains err "$2" "refusing $1"
  lacks out "section hello"
}
plugins_load() {
  expect_exit 0 "$BRIEFING" plugins --plugin-dir "$1"
  contains out "section hello" "loading $1"
}
mkdir -p open/dir shared
cp "$TP/hello.so" open/dir/
chmod o+w open/dir/hello.so
plugins_refused open/dir "writable by other users"
cp "$TP/hello.so" shared/
chmod o+w shared
plugins_refused shared "writable by other users"
# Writable by a group, as root too: root owns it, but group nogroup (65534,
# not root's) may change it.
mkdir grp && cp "$TP/hello.so" grp/
[ "$(id -u)" -eq 0 ] && chgrp 65534 grp/hello.so
chmod 664 grp/hello.so
plugins_refused grp "the file $WORK/grp/hello.so is writable by its group"
chmod 644 grp/hello.so
plugins_load grp
chmod 775 grp
plugins_refused grp "the folder $WORK/grp is writable by its group"
chmod 755 grp
# Owned by another user (root can make that so; another user cannot).
if [ "$(id -u)" -eq 0 ]; then
  chown 65534 grp/hello.so
  plugins_refused grp "belongs to another user (uid 65534)"
  chown 0 grp/hello.so
  mkdir -p theirs/inner && cp "$TP/hello.so" theirs/inner/ && chown 65534 theirs
  plugins_refused theirs/inner "the folder $WORK/theirs belongs to another user"
fi
# /tmp itself, sticky bit and all: refused, saying so.
mkdir -p /tmp/briefing-e2e-open.$$ && cp "$TP/hello.so" /tmp/briefing-e2e-open.$$/
plugins_refused /tmp/briefing-e2e-open.$$ "even with the sticky bit"
# A link to a plugin in a folder anyone can write is not followed; a link
# whose target passes along its whole path is.
mkdir links
ln -s /tmp/briefing-e2e-open.$$/hello.so links/hello.so
plugins_refused links "the folder /tmp is writable by other users"
ln -sf "$WORK/grp/hello.so" links/hello.so
plugins_load links
ln -s /tmp/briefing-e2e-open.$$ links/via-tmp
ln -sf via-tmp/../../../$WORK/grp/hello.so links/hello.so
plugins_refused links "the folder /tmp is writable by other users"
rm -rf /tmp/briefing-e2e-open.$$

# Files that are not a plugin for this program, refused as what they are
# before anything of theirs is loaded.
mkdir odd
cp "$TP/hello.so" odd/hello.so && chmod 644 odd/hello.so
case $(uname -m) in aarch64) other=x86-64; em='\076' ;; *) other="ARM aarch64"; em='\267' ;; esac
printf "$em" | dd of=odd/hello.so bs=1 seek=18 conv=notrunc 2>/dev/null
plugins_refused odd "built for $other, this is "
lacks err "No such file or directory"
echo "not a plugin" >odd/hello.so
plugins_refused odd "not an ELF file"
head -c 300 "$TP/hello.so" >odd/hello.so
plugins_refused odd "truncated"
rm odd/hello.so && mkfifo odd/hello.so
timeout 10 "$BRIEFING" plugins --plugin-dir odd >out 2>err
[ $? -eq 0 ] && pass || fail "a FIFO named hello.so hung or failed the listing"
contains err "not a regular file"
rm odd/hello.so

# RUNPATH $ORIGIN: checked as the plugin's folder (a lib folder anyone can
# write is named), then refused anyway, saying why: loaded from its
# descriptor, the loader would take $ORIGIN to be /proc/self/fd.
if command -v cc >/dev/null 2>&1; then
  mkdir origin
  cc -shared -fPIC -I"$SRC/include" -Wl,-rpath,'$ORIGIN/lib' -o origin/hello.so "$SRC/tests/plugins/hello.c"
  plugins_refused origin 'its RUNPATH uses $ORIGIN'
  mkdir origin/lib && chmod 777 origin/lib
  plugins_refused origin "its RUNPATH names $WORK/origin/lib, where its libraries would be looked for"
fi

# Without /proc the checked descriptor cannot be loaded: refused, saying
# so, never loaded by its path instead (only where a mount namespace can
# be made, as root).
if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
  unshare -m sh -c 'mount -t tmpfs none /proc && exec "$0" plugins --plugin-dir "$1"' \
    "$BRIEFING" grp >out 2>err
  contains err "is /proc mounted?"
  lacks out "section hello"
fi

# A template giving an option the plugin does not declare, or a value of the
# wrong type: exit 78 naming the plugin and the option, before anything runs.
printf '{"sections": [{"plugin": "hello", "options": {"shout": true}}]}\n' >t1.json
expect_exit 78 "$BRIEFING" generate --plugin-dir "$TP" -t t1.json -d two.json -c Norfolk -o x.pdf
contains err "plugin \"hello\" has no option \"shout\""
contains err "t1.json"
printf '{"sections": [{"plugin": "hello", "options": {"times": "twice"}}]}\n' >t2.json
expect_exit 78 "$BRIEFING" check --plugin-dir "$TP" -t t2.json -d two.json
contains err "sections[0].options.times"
contains err "expects a number"
printf '{"sources": [{"plugin": "badsource", "options": {"strict": true}}], "sections": [{"plugin": "hello"}]}\n' >t3.json
expect_exit 78 "$BRIEFING" check --plugin-dir "$TP" -t t3.json -d two.json
contains err "plugin \"badsource\" has no option \"strict\""
printf '{"sections": [{"plugin": "badsource"}]}\n' >t4.json
expect_exit 78 "$BRIEFING" check --plugin-dir "$TP" -t t4.json -d two.json
contains err "is a source plugin, not a section"
[ -e x.pdf ] && fail "a PDF was written from a bad template" || pass

# Declared options reach the plugin from the template.
cat >t5.json <<'EOF'
{"sections": [{"plugin": "hello",
               "options": {"greeting": "Good morning", "times": 2, "loud": true, "extra": ["first", "second"]}}]}
EOF
expect_exit 0 "$BRIEFING" generate -q --plugin-dir "$TP" -t t5.json -d two.json -c Norfolk -o opts.pdf
pdf_text opts.pdf
[ "$(grep -o 'Good morning!, Norfolk.' "$WORK/text" | wc -l)" -eq 2 ] && pass \
  || { fail "the options did not reach hello"; cat "$WORK/text" >&2; }
contains "$WORK/text" "second"

# A section that leaves its table open is blamed for it, last or not (the
# next section used to be blamed, or nothing said when it was the last).
printf '{"sections": [{"plugin": "open_table"}]}\n' >open_last.json
printf '{"sections": [{"plugin": "open_table"}, {"plugin": "hello"}]}\n' >open_first.json
for t in open_last open_first; do
  expect_exit 70 "$BRIEFING" generate --plugin-dir "$TP" -t $t.json -d two.json -c Norfolk -o open.pdf
  contains err "open_table section (sections[0]) for Norfolk: it left a table open" "$t: the message"
  lacks err "hello section" "$t: the message"
  [ -e open.pdf ] && fail "$t: a PDF was written with a table left open" || pass
done

finish

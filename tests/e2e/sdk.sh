#!/usr/bin/env bash
# The plugin SDK as a user gets it: install the program, build the example
# plugins out of tree with exactly the README's one-line commands through
# pkg-config, load them into the installed program, and render a briefing
# with them from another folder.  Then the guide: every C block in
# docs/plugin-guide.md compiles, and its tutorial runs as written.
. "$(dirname "$0")/lib/common.sh"
EX=$SRC/examples/custom-plugin
GUIDE=$SRC/docs/plugin-guide.md
PREFIX=$WORK/prefix
PLUGINS=$WORK/plugins
mkdir -p "$PLUGINS" "$WORK/elsewhere"

if ! cmake --install "$BRIEFING_BUILD_DIR" --prefix "$PREFIX" >"$WORK/install.log" 2>&1; then
  fail "cmake --install $BRIEFING_BUILD_DIR"; tail -5 "$WORK/install.log" >&2; finish
fi
INSTALLED=$PREFIX/bin/briefing
# The status codes are a header of their own, installed with the others and
# complete alone: a file that needs only BRIEFING_ERR_* includes just it.
st=$(find "$PREFIX" -path '*/include/briefing/status.h' | head -1)
if [ -n "$st" ] && printf '#include <briefing/status.h>\nint f(void) { return BRIEFING_ERR_DATA; }\n' \
  | cc -std=c11 -Wall -Wextra -Werror -I"${st%/briefing/status.h}" -c -x c -o /dev/null -; then pass
else fail "the installed tree lacks a self-contained briefing/status.h"; fi
pc=$(find "$PREFIX" -name briefing-plugin.pc | head -1)
[ -n "$pc" ] && pass || { fail "the installed tree has no briefing-plugin.pc"; finish; }
export PKG_CONFIG_PATH=${pc%/briefing-plugin.pc}
libdir=$(dirname "$PKG_CONFIG_PATH")   # lib, or lib/<multiarch>

# pkg-config gives the installed plugin folder, and the program loads from it.
plugindir=$(pkg-config --variable=plugindir briefing-plugin)
if [ "$(realpath -m "$plugindir")" = "$(realpath -m "$libdir/briefing/plugins")" ]; then pass
else fail "plugindir is $plugindir, want $libdir/briefing/plugins"; fi
[ -e "$plugindir/json.so" ] && pass || fail "the plugin folder $plugindir lacks json.so"
pkg-config --cflags briefing-plugin | grep -q -- '-fvisibility=hidden' && pass \
  || fail "pkg-config --cflags lacks -fvisibility=hidden"
# The README's PKG_CONFIG_PATH line, with its prefix made this install's,
# finds the .pc file.
readme_pc=$(grep -o 'export PKG_CONFIG_PATH=[^`]*' "$SRC/README.md" | head -1 | sed 's/^export PKG_CONFIG_PATH=//')
[ -n "$readme_pc" ] && pass || fail "README.md has no export PKG_CONFIG_PATH= line"
[ -f "$PREFIX${readme_pc#/opt/briefing}/briefing-plugin.pc" ] && pass \
  || fail "the README's PKG_CONFIG_PATH=$readme_pc is not where the install puts the .pc file ($pc)"

# Build each example with exactly the README's line, out of tree.
cp "$EX"/*.c "$PLUGINS/"
grep '^cc -shared -fPIC -o [a-z_]*\.so [a-z_]*\.c \$(pkg-config --cflags --libs briefing-plugin)$' \
  "$EX/README.md" >"$WORK/build-lines"
[ "$(wc -l <"$WORK/build-lines")" -eq "$(ls "$EX"/*.c | wc -l)" ] && pass \
  || fail "README.md has not one build line per example .c file"
while read -r line; do
  (cd "$PLUGINS" && bash -c "$line") >"$WORK/cc.log" 2>&1 && pass \
    || { fail "the README's line failed: $line"; head -5 "$WORK/cc.log" >&2; }
done <"$WORK/build-lines"
# They are also clean under strict warnings.
for f in "$EX"/*.c; do
  # shellcheck disable=SC2046
  cc -std=c11 -Wall -Wextra -Wpedantic -Werror -shared -fPIC -o "$WORK/strict.so" "$f" \
    $(pkg-config --cflags --libs briefing-plugin) 2>"$WORK/cc.log" && pass \
    || { fail "$(basename "$f") does not build with -Wall -Wextra -Wpedantic -Werror"; head -5 "$WORK/cc.log" >&2; }
done

# The installed program lists them: KIND NAME VERSION DESCRIPTION, nothing refused.
expect_exit 0 "$INSTALLED" plugins --plugin-dir "$PLUGINS"
grep -qE '^source action_log 1\.0\.0 Improvement board action logs' "$WORK/out" && pass \
  || fail "plugins does not list action_log"
grep -qE '^section board_actions 1\.0\.0 .+' "$WORK/out" && pass || fail "plugins does not list board_actions"
grep -qE '^source json [^ ]+ .+' "$WORK/out" && pass || fail "the installed json source is missing"
grep -vqE '^(source|section) [a-z0-9_-]+ [^ ]+ .+$' "$WORK/out" && fail "a malformed plugins line" || pass
[ -s "$WORK/err" ] && { fail "plugins wrote to stderr"; head -3 "$WORK/err" >&2; } || pass

# --describe: description, options with their types and defaults.
expect_exit 0 "$INSTALLED" plugins --plugin-dir "$PLUGINS" --describe board_actions
contains "$WORK/out" "The improvement board's actions"
contains "$WORK/out" "limit"
contains "$WORK/out" "number"
contains "$WORK/out" "15"
contains "$WORK/out" "the most actions the table lists"
expect_exit 0 "$INSTALLED" plugins --plugin-dir "$PLUGINS" --describe action_log
contains "$WORK/out" "include_done"
contains "$WORK/out" "Improvement board action log"
expect_exit 64 "$INSTALLED" plugins --plugin-dir "$PLUGINS" --describe no_such_plugin
contains "$WORK/err" "no_such_plugin"

# BRIEFING_PLUGIN_PATH finds them too.
BRIEFING_PLUGIN_PATH=$PLUGINS expect_exit 0 "$INSTALLED" plugins
contains "$WORK/out" "section board_actions 1.0.0"

# A briefing with them, from another folder: check, then generate.
NORFOLK=$SRC/examples/data/norfolk.json
cd "$WORK/elsewhere" || exit 1
expect_exit 0 "$INSTALLED" check --plugin-dir ../plugins -t "$EX/board-update.json" \
  -d "$EX/norfolk-actions.csv" -d "$NORFOLK" --as-of 2024-06-01
contains "$WORK/out" "ok:"
expect_exit 0 "$INSTALLED" generate --plugin-dir ../plugins -t "$EX/board-update.json" \
  -d "$EX/norfolk-actions.csv" -d "$NORFOLK" --as-of 2024-06-01 -o board-update.pdf
pdf_ok board-update.pdf
pdf_text board-update.pdf
contains "$WORK/text" "Improvement board actions"
contains "$WORK/text" "Of the 7 actions on the board's log on 1 June 2024, 3 are open, 2 in progress and 2 done."
contains "$WORK/text" "Actions not yet done"
contains "$WORK/text" "Recruit foster carers for sibling groups and teenagers"
contains "$WORK/text" "Head of quality assurance"
contains "$WORK/text" "care leavers’ pathway plans" "the curly apostrophe of the log"
contains "$WORK/text" "In progress, 8 months" "the wait of the September 2023 action"
lacks "$WORK/text" "Review the threshold for early help" "the table of actions not yet done"
contains "$WORK/text" "Norfolk children's services improvement board: action log" "the list of sources"
contains "$WORK/text" "Norfolk"
cd "$WORK" || exit 1

# A mistake in a log: the file, line and column, exit 65, no PDF.
sed '5s/2023-11-15/2023-11-31/' "$EX/norfolk-actions.csv" >"$WORK/bad-actions.csv"
printf '{"sections": [{"plugin": "board_actions"}]}\n' >"$WORK/actions-only.json"
expect_exit 0 "$INSTALLED" generate --plugin-dir "$PLUGINS" -t "$WORK/actions-only.json" \
  -d "$EX/norfolk-actions.csv" -o "$WORK/good.pdf"
expect_exit 65 "$INSTALLED" generate --plugin-dir "$PLUGINS" -t "$WORK/actions-only.json" \
  -d "$WORK/bad-actions.csv" -o "$WORK/bad.pdf"
contains "$WORK/err" "action_log source: $WORK/bad-actions.csv:5: column \"date\": \"2023-11-31\" is not a date"
[ -e "$WORK/bad.pdf" ] && fail "a PDF was written despite the bad log" || pass

# The guide: every C block builds (a whole plugin), compiles on its own, or
# is a verbatim excerpt of an example; every JSON block parses; and the
# tutorial's first plugins, data and template work as the guide says.
mkdir -p "$WORK/guide"
# shellcheck disable=SC2046
if python3 - "$GUIDE" "$EX" "$WORK/guide" $(pkg-config --cflags briefing-plugin) <<'EOF'; then pass; else fail "docs/plugin-guide.md (see above)"; fi
import json, os, re, subprocess, sys, textwrap
guide, examples, out, cflags = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
text = open(guide, encoding="utf-8").read()
sources = [open(os.path.join(examples, f), encoding="utf-8").read()
           for f in sorted(os.listdir(examples)) if f.endswith(".c")]
prelude = "".join("#include <%s>\n" % h for h in (
    "math.h", "stddef.h", "stdio.h", "string.h", "briefing/plugin.h", "briefing/csv.h",
    "briefing/councils.h", "briefing/analysis.h"))
def flat(code):  # an excerpt may be indented differently from its file
    return "\n".join(line.strip() for line in code.splitlines())
bad = 0
blocks = re.findall(r"^( *)```(\w*)\n(.*?)^\1```", text, re.M | re.S)
for n, (indent, lang, body) in enumerate(blocks):
    body = textwrap.dedent(body)
    if lang == "json":
        try:
            json.loads(body)
        except ValueError as e:
            print("FAIL: guide json block %d: %s" % (n, e)); bad += 1
        continue
    if lang != "c":
        continue
    src = os.path.join(out, "block%d.c" % n)
    if "briefing_plugin_info" in body:
        m = re.search(r"/\* (\w+)\.c:", body)
        name = m.group(1) if m else "block%d" % n
        src = os.path.join(out, name + ".c")
        open(src, "w", encoding="utf-8").write(body)
        cmd = ["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC", "-o",
               os.path.join(out, name + ".so"), src] + cflags
    elif any(flat(body) in flat(s) for s in sources):
        continue
    else:
        open(src, "w", encoding="utf-8").write(prelude + body)
        cmd = ["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-Wno-unused-function",
               "-fsyntax-only", src] + cflags
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        print("FAIL: guide C block %d does not compile:\n%s" % (n, r.stderr[:2000])); bad += 1
# The tutorial's data and template, as the guide writes them.
m = re.search(r"cat > actions.csv <<'EOF'\n(.*?)^EOF", text, re.M | re.S)
open(os.path.join(out, "actions.csv"), "w").write(m.group(1) if m else "")
for indent, lang, body in blocks:
    if lang == "json" and '"open_actions"' in body:
        open(os.path.join(out, "board.json"), "w").write(textwrap.dedent(body))
sys.exit(1 if bad else 0)
EOF
for f in actions.so open_actions.so actions.csv board.json; do
  [ -e "$WORK/guide/$f" ] && pass || fail "the guide's tutorial gives no $f"
done
cd "$WORK/guide" || exit 1
expect_exit 0 "$INSTALLED" plugins --plugin-dir .
contains "$WORK/out" "source actions 0.1.0"
contains "$WORK/out" "section open_actions 0.1.0"
expect_exit 0 "$INSTALLED" convert --plugin-dir . -d actions:actions.csv -o actions.json
contains actions.json "Recruit foster carers for sibling groups and teenagers"
grep -c '"headline"' actions.json | grep -qx 3 && pass || fail "the tutorial's source made not 3 events"
# Without a recognise callback the first version is never chosen by itself.
expect_exit 65 "$INSTALLED" convert --plugin-dir . -d actions.csv -o actions2.json
lacks "$WORK/err" "actions source"
expect_exit 0 "$INSTALLED" check --plugin-dir . -t board.json -d actions:actions.csv
expect_exit 0 "$INSTALLED" generate --plugin-dir . -t board.json -d actions:actions.csv -o board.pdf
pdf_ok board.pdf
pdf_text board.pdf
contains "$WORK/text" "20 March 2024"
contains "$WORK/text" "Bring care leavers' pathway plans up to date"
cd "$WORK" || exit 1

# Installed into the plugin folder, as the README says, they need no --plugin-dir.
(cd "$PLUGINS" && install -m 644 action_log.so board_actions.so "$plugindir") && pass \
  || fail "installing the plugins into $plugindir"
expect_exit 0 "$INSTALLED" plugins
contains "$WORK/out" "source action_log 1.0.0"

# ... and the finished source recognises the tutorial's file (all five columns).
(cd "$WORK/guide" && "$INSTALLED" generate -q --plugin-dir . -t board.json -d actions.csv -o board2.pdf) \
  && pass || fail "the installed action_log does not read the tutorial's actions.csv"

finish

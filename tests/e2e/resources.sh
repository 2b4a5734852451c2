#!/usr/bin/env bash
# Running out of file descriptors is said as such and exits 71 (EX_OSERR),
# wherever it happens: loading the plugins, reading the template, loading a
# font, creating the PDF, starting batch's workers.  It used to show as a
# bad template (78, "no plugin named ...") or a bad font (78).
. "$(dirname "$0")/lib/common.sh"
NORFOLK=$SRC/examples/data/norfolk.json

# limited N CMD...: runs CMD with at most N open files and nothing open but
# stdin, stdout and stderr (python's subprocess closes the rest), so that
# descriptors the test runner left open do not count.
limited() {
  python3 -c 'import resource, subprocess, sys
n = int(sys.argv[1])
sys.exit(subprocess.call(sys.argv[2:], preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (n, n))))' "$@"
}

# Each limit on open files (stdin, stdout and stderr take three), from 4
# up to the first that lets the run through, stops it at a later step: the
# plugins (each loaded plugin's descriptor stays open, docs/internals/
# plugin.md, so this step alone takes one a plugin), the template, the fonts,
# the PDF.  Every run stopped must exit 71 naming the cause and leave no
# temporary file; the limit that lets it through must write the PDF.
seen=""
for cache in off "$WORK/fonts"; do
  n=4 got=71
  while [ "$got" -eq 71 ] && [ "$n" -le 200 ]; do
    mkdir -p "$WORK/pdf"
    BRIEFING_FONT_CACHE=$cache limited $n "$BRIEFING" generate -t councillor-pack \
      -d "$NORFOLK" -o "$WORK/pdf/x.pdf" >"$WORK/out" 2>"$WORK/err"
    got=$?
    if [ "$got" -eq 71 ]; then
      contains "$WORK/err" "Too many open files" "limit $n"
      lacks "$WORK/err" "no plugin named" "limit $n"
      [ -z "$(ls -A "$WORK/pdf")" ] && pass || fail "limit $n: left behind: $(ls -A "$WORK/pdf")"
      seen="$seen$(sed -n 's/^briefing: \([a-z]*\).*/\1/p' "$WORK/err" | head -1) "
    elif [ "$got" -eq 0 ]; then
      [ -f "$WORK/pdf/x.pdf" ] && pass || fail "limit $n: exit 0 and no PDF"
    else
      fail "limit $n (font cache $cache): exit $got, want 71 or 0"; sed 's/^/  stderr: /' "$WORK/err" | head -3 >&2
    fi
    rm -rf "$WORK/pdf"
    n=$((n + 1))
  done
  [ "$got" -eq 0 ] && pass || fail "font cache $cache: no limit up to 200 let the run through"
done
# At least the plugin and the font steps were met.
# batch: too few descriptors for the workers' pipes.
for n in 5 8; do
  expect_exit 71 limited $n "$BRIEFING" batch -t councillor-pack -d "$NORFOLK" -O "$WORK/b$n" -j 3
  contains "$WORK/err" "Too many open files" "batch, limit $n"
done
finish

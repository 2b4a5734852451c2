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

# Each limit on open files (stdin, stdout and stderr take three) stops the
# run at another step; every one must exit 71 naming the cause, and leave
# no temporary file.
seen=""
for n in 4 5 6 7; do
  for cache in off "$WORK/fonts"; do
    mkdir -p "$WORK/pdf"
    BRIEFING_FONT_CACHE=$cache expect_exit 71 limited $n "$BRIEFING" generate -t councillor-pack \
      -d "$NORFOLK" -o "$WORK/pdf/x.pdf"
    contains "$WORK/err" "Too many open files" "limit $n"
    lacks "$WORK/err" "no plugin named" "limit $n"
    [ -z "$(ls -A "$WORK/pdf")" ] && pass || fail "limit $n: left behind: $(ls -A "$WORK/pdf")"
    seen="$seen$(sed -n 's/^briefing: \([a-z]*\).*/\1/p' "$WORK/err" | head -1) "
  done
done
# At least the plugin, the font and the PDF steps were met.
for step in plugin font; do
  [[ $seen == *"$step"* ]] && pass || fail "no run stopped at the $step step ($seen)"
done

# batch: too few descriptors for the workers' pipes.
for n in 5 8; do
  expect_exit 71 limited $n "$BRIEFING" batch -t councillor-pack -d "$NORFOLK" -O "$WORK/b$n" -j 3
  contains "$WORK/err" "Too many open files" "batch, limit $n"
done
finish

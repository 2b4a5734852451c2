#!/usr/bin/env bash
# A short run of every libFuzzer harness (fuzz/run-short), 10 seconds each
# from the seeds, in a clang build of its own inside the build folder.  Runs
# in the plain build only (the sanitizer build would repeat it) and only
# where clang is installed.
. "$(dirname "$0")/lib/common.sh"

if ldd "$BRIEFING" 2>/dev/null | grep -qE 'libasan|libubsan'; then
  skip "the fuzzers run once, from the plain build's tests"
fi
if ! command -v clang >/dev/null 2>&1; then
  skip "clang is not installed (apt-get install clang)"
fi
if FUZZ_SECONDS=${FUZZ_SECONDS:-10} "$SRC/fuzz/run-short" "$BRIEFING_BUILD_DIR/fuzz-build" >"$WORK/fuzz" 2>&1; then
  pass
else
  fail "fuzz/run-short found a problem"
fi
cat "$WORK/fuzz"
finish

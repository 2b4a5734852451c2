# Helpers for the end-to-end tests: source this file first.
# Each test runs the built program as a user would, in a fresh temporary
# folder that is removed at exit, and fails with a line saying what broke.
set -u
: "${BRIEFING:?run through ctest (BRIEFING is the program under test)}"
SRC=${BRIEFING_SOURCE_DIR:?}
# Everything a test reads is in the repository: the official files as
# published in examples/official/, test-only fixtures in tests/data/.
OFFICIAL=$SRC/examples/official
SYNTHETIC=$SRC/tests/e2e/lib/synthetic_councils.py
# In the build tree, not /tmp: plugins load only from folders no one else
# can write (docs/internals/plugin.md), and a test copies plugins into WORK.
WORK=$(mktemp -d "${BRIEFING_BUILD_DIR:-/tmp}/briefing-e2e-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
failures=0
checks=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { checks=$((checks + 1)); }

# expect_exit CODE CMD...: runs CMD, keeps its stdout in $WORK/out and its
# stderr in $WORK/err, and checks the exit status.
expect_exit() {
  want=$1; shift
  "$@" >"$WORK/out" 2>"$WORK/err"
  got=$?
  if [ "$got" -ne "$want" ]; then
    fail "exit $got, want $want: $*"; sed 's/^/  stderr: /' "$WORK/err" | head -5 >&2
  else
    pass
  fi
}

# contains FILE TEXT [WHAT]: FILE holds TEXT (fixed string).
contains() {
  if grep -qF -- "$2" "$1"; then pass; else fail "${3:-$1} lacks \"$2\""; sed 's/^/  | /' "$1" | head -8 >&2; fi
}
lacks() {
  if grep -qF -- "$2" "$1"; then fail "${3:-$1} should not hold \"$2\""; else pass; fi
}

# pdf_ok FILE: qpdf accepts it and every font is embedded.
pdf_ok() {
  if qpdf --check "$1" >"$WORK/qpdf" 2>&1; then pass; else fail "qpdf --check $1"; head -5 "$WORK/qpdf" >&2; fi
  if pdffonts "$1" 2>/dev/null | awk 'NR>2 && $(NF-4)!="yes"{bad=1} END{exit bad}'; then pass
  else fail "$1 has a font that is not embedded"; pdffonts "$1" >&2; fi
}

# pdf_text FILE: the text of the PDF into $WORK/text, with every run of
# white space (line breaks in wrapped table cells too) folded to one space,
# so that a phrase is found wherever the layout broke it; and line by line
# as laid out into $WORK/text.layout.
pdf_text() {
  pdftotext -layout "$1" "$WORK/text.layout" 2>/dev/null || fail "pdftotext $1"
  pdftotext "$1" - 2>/dev/null | tr -s ' \n\t' '   ' >"$WORK/text"
}

pdf_pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/{print $2}'; }

# skip REASON: this test cannot run on this machine (no terminal, a tool
# missing, a sanitizer build): CTest reports it as skipped, with the reason,
# never as passed (tests/CMakeLists.txt sets SKIP_RETURN_CODE 77).
skip() {
  echo "skipped: $*"
  exit 77
}

finish() {
  echo "$checks passed, $failures failed"
  [ "$failures" -eq 0 ]
  exit $?
}

#!/usr/bin/env bash
# The scheduling examples in examples/cron/ run as written: the crontab's
# command (with cron's \% unescaped) and the service's ExecStart (with
# systemd's %% unescaped), in a bare environment, with their folders moved
# into a temporary one.  Both must be silent and write every briefing.
. "$(dirname "$0")/lib/common.sh"
CRON=$SRC/examples/cron
# The install prefix of the README's "Installing" block: the examples use it.
PREFIX=$(sed -n 's/.*-DCMAKE_INSTALL_PREFIX=\([^ ]*\).*/\1/p' "$SRC/README.md" | head -1)
[ -n "$PREFIX" ] && pass || fail "README.md names no CMAKE_INSTALL_PREFIX"
python3 "$SYNTHETIC" 3 "$WORK/councils.json" || fail "synthetic_councils.py"
BIN=$(dirname "$BRIEFING")

# localise COMMAND: the example's paths replaced by the test's.
localise() {
  sed -e "s|/var/lib/briefing/data/councils.json|$WORK/councils.json|g" \
      -e "s|/srv/briefings/monthly|$WORK/\$RUN/out|g" \
      -e "s|/var/lib/briefing/state|$WORK/\$RUN/state|g" \
      -e "s|$PREFIX/bin/briefing|briefing|"
}

check_run() {
  RUN=$1
  mkdir -p "$WORK/$RUN"
  cmd=$(printf '%s' "$2" | localise)
  expect_exit 0 env -i PATH="$BIN:/usr/bin:/bin" RUN="$RUN" sh -c "$cmd"
  [ -s "$WORK/out" ] || [ -s "$WORK/err" ] && fail "$RUN: printed something: $(cat "$WORK/out" "$WORK/err" | head -3)" || pass
  for code in E10000000 E10000001; do
    ls "$WORK/$RUN/out" | grep -qx "$code-Shire 00${code#E1000000}-2024-01.pdf" && pass \
      || fail "$RUN: no briefing for $code in: $(ls "$WORK/$RUN/out" | tr '\n' '|')"
  done
  [ -d "$WORK/$RUN/state" ] && pass || fail "$RUN: no state folder"
}

line=$(grep -E '^[0-9]' "$CRON/briefing.crontab")
[ -n "$line" ] && pass || fail "no schedule line in briefing.crontab"
# Five time fields, then the command, with cron's \% for %.
check_run cron "$(printf '%s' "$line" | awk '{for (i = 6; i <= NF; i++) printf "%s%s", $i, (i < NF ? " " : "")}' | sed 's/\\%/%/g')"

exec_start=$(sed -n 's/^ExecStart=//p' "$CRON/briefing-batch.service")
[ -n "$exec_start" ] && pass || fail "no ExecStart in briefing-batch.service"
# systemd does not quote for a shell: the example must need none.
check_run systemd "$(printf '%s' "$exec_start" | sed 's/%%/%/g')"

# The folders the service may write are the ones its command writes.
rw=$(sed -n 's/^ReadWritePaths=//p' "$CRON/briefing-batch.service")
for dir in $rw; do
  printf '%s' "$exec_start" | grep -qF -- "$dir" && pass || fail "ReadWritePaths $dir is not in ExecStart"
done
grep -q '^OnCalendar=' "$CRON/briefing-batch.timer" && pass || fail "the timer has no OnCalendar"

# Both find briefing where the README installs it.
grep -qx "PATH=$PREFIX/bin:.*" "$CRON/briefing.crontab" && pass || fail "the crontab's PATH lacks $PREFIX/bin"
case $exec_start in "$PREFIX/bin/briefing "*) pass ;; *) fail "ExecStart does not run $PREFIX/bin/briefing" ;; esac
grep -q "^Environment=PATH=$PREFIX/bin:" "$CRON/briefing-batch.service" && pass || fail "the service's PATH lacks $PREFIX/bin"
# An example that keeps state uses a template that shows what changed.
for cmd in "$line" "$exec_start"; do
  case $cmd in *--state-dir*)
    tpl=$(printf '%s' "$cmd" | sed -n 's/.* -t \([^ ]*\) .*/\1/p')
    grep -q '"plugin": *"changes"' "$SRC/templates/$tpl.json" && pass \
      || fail "the example passes --state-dir with template $tpl, which has no changes section" ;;
  esac
done
# The crontab says how its data file is made.
grep -q '^#.*briefing convert' "$CRON/briefing.crontab" && pass || fail "the crontab does not say how the data is made"
finish

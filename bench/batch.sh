#!/bin/sh
# Batch at the scale of England: 152 synthetic councils, `briefing batch -j 1`
# and `-j 2`, RUNS times each (interleaved, so that a change in the machine's
# load falls on both alike).  Prints the medians of the total wall time, the
# CPU time (the run and its workers), both per briefing, and the peak memory
# of the largest worker and of the parent (from -v's lines "worker PID: N
# jobs, peak memory K KiB" and "parent peak memory K KiB").
#
#   bench/batch.sh BRIEFING [RUNS]      (RUNS: 3 by default)
#
# Environment: BRIEFING_SHARED_DIR (default ../shared beside the repository,
# for bench/synthetic_councils.py), BENCH_DIR (work folder, default
# /tmp/briefing-bench-batch-$(id -u)), BENCH_TEMPLATE (default councillor-pack).
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
repo=$(dirname "$here")
briefing=${1:?usage: bench/batch.sh BRIEFING [RUNS]}
runs=${2:-3}
shared=${BRIEFING_SHARED_DIR:-$(dirname "$repo")/shared}
work=${BENCH_DIR:-/tmp/briefing-bench-batch-$(id -u)}
template=${BENCH_TEMPLATE:-councillor-pack}
mkdir -p "$work"
python3 "$shared/bench/synthetic_councils.py" 152 "$work/synthetic-152.json"

exec python3 - "$briefing" "$runs" "$work" "$template" <<'PY'
import os, re, resource, shutil, statistics, subprocess, sys, time
briefing, runs, work, template = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
data = os.path.join(work, "synthetic-152.json")
rows = {1: [], 2: []}
for _ in range(runs):
    for j in (1, 2):
        out = os.path.join(work, f"out-j{j}")
        shutil.rmtree(out, ignore_errors=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        p = subprocess.run([briefing, "batch", "-v", "-t", template, "-d", data, "-c", "all", "-O", out,
                            "-j", str(j)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.monotonic() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if p.returncode != 0:
            sys.exit(f"bench/batch.sh: batch -j {j} failed ({p.returncode}):\n{p.stderr[-2000:]}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        workers = [int(k) for k in re.findall(r"worker \d+: \d+ jobs?, peak memory (\d+) KiB", p.stderr)]
        parent = [int(k) for k in re.findall(r"parent peak memory (\d+) KiB", p.stderr)]
        n = sum(1 for f in os.listdir(out) if f.endswith(".pdf"))
        rows[j].append((wall, cpu, n, max(workers, default=0), max(parent, default=0), len(workers)))
med = lambda j, k: statistics.median(r[k] for r in rows[j])
print(f"batch, 152 synthetic councils, template {template}, {runs} run(s) each, medians; "
      f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
print(f"{'':12}{'wall s':>8}{'cpu s':>8}{'wall ms/each':>14}{'cpu ms/each':>13}{'PDFs':>6}"
      f"{'workers':>9}{'worker MB':>11}{'parent MB':>11}")
for j in (1, 2):
    n = rows[j][0][2]
    print(f"{'batch -j %d' % j:<12}{med(j, 0):8.2f}{med(j, 1):8.2f}{med(j, 0) * 1000 / n:14.1f}"
          f"{med(j, 1) * 1000 / n:13.1f}{n:6d}{rows[j][0][5]:9d}{med(j, 3) / 1024:11.1f}{med(j, 4) / 1024:11.1f}")
print(f"wall speed-up of -j 2 over -j 1: {med(1, 0) / med(2, 0):.2f}x")
PY

#!/usr/bin/python3
"""The measuring half of bench/run (which builds first and passes the paths).

Runs every measurement several times, interleaved (run 1 of each, then run 2 of
each...) so that a change in the machine's load falls on all of them alike, and
prints the medians of wall time, CPU time (user + system, the process and the
children it waited for) and peak resident memory (of the largest process),
then the ratios the issue sets targets for, the sizes of the PDFs, and a
callgrind profile of the Norfolk pack.  Everything is measured in this one run;
raw figures go to WORK/results.json and the printed report to WORK/results.txt.
"""
import argparse, datetime, glob, json, os, platform, re, shutil, statistics, subprocess, sys, time

NORFOLK = "E10000020"
# glibc's malloc hands freed memory at the top of the heap back to the kernel
# (above 128 KB) and libharu frees and reallocates big buffers all the time, so
# the same pages are faulted in again and again; on a virtual machine a page
# fault is dear.  This keeps the memory instead: pack-kept and floor-kept
# measure what that is worth without changing the program.
KEEP_MEMORY = "GLIBC_TUNABLES=glibc.malloc.trim_threshold=67108864:glibc.malloc.top_pad=1048576"
RUSAGE = None  # the path of bench/rusage.c built, set from --rusage
OFFICIAL = ["ofsted_la_inspections_2009_2023_current_las.csv", "ofsted_la_inspection_outcomes_at_31_march_2025.csv",
            "ofsted_ilacs_inspection_history_2018_2025.csv", "dfe_cla_number_and_rate_per_10k_children_2020_2024.csv",
            "dfe_csww_workforce_indicators_2017_2025.csv", "dfe_statistical_neighbours_2025.csv"]
# DfE's children's social care dashboard files (issue 16), read from
# $BRIEFING_SHARED_DIR/data/official/dashboard/ (not kept in the repository):
# every CSV and workbook there, with the six above "all official files".
DASHBOARD_GLOBS = ("*.csv", "*.ods")


def parse_args():
    p = argparse.ArgumentParser(prog="bench/run", description=__doc__.splitlines()[0])
    for name in ("repo", "shared", "work", "briefing", "floor", "rusage"):
        p.add_argument("--" + name, required=True)
    p.add_argument("-n", "--runs", type=int, default=7, help="runs of each quick measurement (default 7)")
    p.add_argument("--slow-runs", type=int, default=3, help="runs of each batch measurement (default 3)")
    p.add_argument("--quick", action="store_true", help="3 runs, 1 of the slow ones, no callgrind")
    p.add_argument("--no-callgrind", action="store_true", help="skip the callgrind profile")
    p.add_argument("--only", default="", help="comma-separated names: pack pack-cold floor floor-slim pack-kept floor-kept twin check convert official official-all official-batch batch twin-all")
    a = p.parse_args()
    if a.quick:
        a.runs, a.slow_runs, a.no_callgrind = 3, 1, True
    return a


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), model)
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "kernel": platform.release(),
            "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "load": os.getloadavg()}


def git_commit(repo):
    try:
        head = subprocess.run(["git", "-C", repo, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", repo, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return head + (" with uncommitted changes" if dirty else "")
    except OSError:
        return "unknown"


class Measurement:
    """One command line, timed `runs` times; `fresh` is a folder emptied before each run."""

    def __init__(self, name, what, argv, runs, fresh=None):
        self.name, self.what, self.argv, self.runs, self.fresh = name, what, argv, runs, fresh
        self.wall, self.cpu, self.rss = [], [], []

    def once(self, errfile):
        """Runs it through the rusage program: (wall s, cpu s, peak RSS MB)."""
        if self.fresh:
            shutil.rmtree(self.fresh, ignore_errors=True)
        result = errfile + ".rusage"
        with open(errfile, "w") as err:
            subprocess.run([RUSAGE, result] + self.argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        with open(result) as f:
            wall, cpu, rss, status = f.read().split()
        if int(status) != 0:
            with open(errfile) as f:
                sys.exit(f"bench: {self.name} failed (status {status}): {' '.join(self.argv)}\n{f.read()[-2000:]}")
        return float(wall), float(cpu), int(rss) / 1024.0

    def record(self, errfile):
        w, c, r = self.once(errfile)
        self.wall.append(w)
        self.cpu.append(c)
        self.rss.append(r)

    def median(self, what):
        return statistics.median(getattr(self, what))


class Reported:
    """Medians another script measured and printed (bench/batch.sh), in the same shape as a Measurement."""

    def __init__(self, name, what, wall, cpu, rss, note=""):
        self.name, self.what, self.note = name, what, note
        self.values = {"wall": wall, "cpu": cpu, "rss": rss}

    def median(self, what):
        return self.values[what]


def batch_once(a, work):
    """One run of bench/batch.sh (the batch helper's: 152 councils, -j 1 then
    -j 2), its table read back: (its output, {name: (wall s, cpu s, worker MB, parent MB, PDFs)})."""
    env = dict(os.environ, BENCH_DIR=os.path.join(work, "batch"), BRIEFING_SHARED_DIR=a.shared)
    p = subprocess.run(["sh", os.path.join(a.repo, "bench", "batch.sh"), a.briefing, "1"], env=env,
                       stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"bench: bench/batch.sh failed ({p.returncode}):\n{p.stderr[-2000:]}")
    found = {}
    row = r"^batch -j (\d+)\s+([\d.]+)\s+([\d.]+)\s+[\d.]+\s+[\d.]+\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s*$"
    for m in re.finditer(row, p.stdout, re.M):
        found["batch-j" + m.group(1)] = (float(m.group(2)), float(m.group(3)), float(m.group(6)), float(m.group(7)),
                                         int(m.group(4)))
    if set(found) != {"batch-j1", "batch-j2"}:
        sys.exit(f"bench: cannot read bench/batch.sh's table (its format changed?):\n{p.stdout}")
    return p.stdout, found


def batch_interleaved(a, work, slow, runs, errfile):
    """bench/batch.sh once, then one run of each slow measurement, `runs` times
    over, so that batch and the twin's 152 councils share the machine's load;
    returns the last table batch.sh printed and a Reported per batch row."""
    seen, table = {}, ""
    for m in slow:
        m.once(errfile)  # warm-up
    for r in range(runs):
        table, found = batch_once(a, work)
        for name, values in found.items():
            seen.setdefault(name, []).append(values)
        for m in slow:
            m.record(errfile)
        print(f"  batch round {r + 1}/{runs} done", file=sys.stderr)
    reported = {}
    for name, rows in seen.items():
        med = [statistics.median(r[k] for r in rows) for k in range(4)]
        reported[name] = Reported(name, f"(b) {rows[0][4]} councils: briefing batch -j {name[-1]} (bench/batch.sh)",
                                  med[0], med[1], max(med[2], med[3]),
                                  f"largest worker {med[2]:.1f} MB, parent {med[3]:.1f} MB")
    return table, reported


def interleaved(ms, runs, errfile):
    """One untimed warm-up of each, then `runs` rounds of one run of each."""
    for m in ms:
        m.once(errfile)
    for r in range(runs):
        for m in ms:
            m.record(errfile)
        print(f"  round {r + 1}/{runs} done", file=sys.stderr)


def pdf_info(path):
    """(pages, characters of text) by poppler-utils, or (None, None) without them."""
    try:
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        return pages, len(text)
    except (OSError, AttributeError):
        return None, None


def folder_pdfs(path):
    files = glob.glob(os.path.join(path, "*.pdf"))
    sizes = [os.path.getsize(f) for f in files]
    return len(files), (statistics.mean(sizes) if sizes else 0), (statistics.median(sizes) if sizes else 0)


# The start-up chain every profile begins with: it says nothing.
WRAPPERS = re.compile(r"\(below main\)|__libc_start_main|ld-linux-x86-64\.so\.2\]$|:main \[")


def reads_per_file(argv, files, errfile):
    """Runs argv once under strace (every process, -f) and returns, per data
    file, the bytes read from it over its size: about 1.0 when the file is
    parsed once per run (the sources' probes read 4 KB more), about 1 + the
    number of councils if it were parsed per council.  None without strace."""
    if not shutil.which("strace"):
        return None
    log = errfile + ".strace"
    subprocess.run(["strace", "-f", "-y", "-qq", "-e", "trace=read", "-e", "signal=none", "-o", log] + argv,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    got = dict.fromkeys(files, 0)
    pat = re.compile(r"read\(\d+<([^>]*)>.*= (\d+)$")
    real = {os.path.realpath(f): f for f in files}
    with open(log, errors="replace") as f:
        for line in f:
            m = pat.search(line.rstrip())
            if m and m.group(1) in real:
                got[real[m.group(1)]] += int(m.group(2))
    os.remove(log)
    return {f: got[f] / os.path.getsize(f) for f in files}


def top_functions(out, inclusive, top):
    ann = subprocess.run(["callgrind_annotate", f"--inclusive={'yes' if inclusive else 'no'}", out],
                         capture_output=True, text=True, check=True).stdout
    total = int(re.search(r"^([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", ann, re.M).group(1).replace(",", ""))
    rows = []
    for line in ann.splitlines():
        m = re.match(r"^\s*([\d,]+) \(\s*([\d.]+)%\)\s+(\S.*)$", line)
        if m and "PROGRAM TOTALS" not in line and not WRAPPERS.search(m.group(3)):
            rows.append((m.group(2), m.group(3)))
        if len(rows) == top:
            break
    return total, rows


def callgrind(argv, out, top=15):
    """Total instructions, and the top functions by inclusive and by own cost."""
    # "env VAR=VALUE... CMD": the variables go in the environment, so that
    # callgrind profiles CMD rather than env.
    env = dict(os.environ)
    if argv[0] == "env":
        argv = argv[1:]
        while "=" in argv[0]:
            name, _, value = argv[0].partition("=")
            env[name] = value
            argv = argv[1:]
    # --keep-debuginfo: the plugins are unloaded before the profile is written.
    subprocess.run(["valgrind", "--tool=callgrind", "--keep-debuginfo=yes", "--callgrind-out-file=" + out] + argv,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    total, inclusive = top_functions(out, True, top)
    _, own = top_functions(out, False, top)
    return total, inclusive, own


def main():
    global RUSAGE
    a = parse_args()
    RUSAGE = a.rusage
    work, out = a.work, os.path.join(a.work, "out")
    shutil.rmtree(out, ignore_errors=True)  # no figure from an earlier run
    os.makedirs(out)
    errfile = os.path.join(work, "last-stderr.txt")
    # fontconfig's answers are kept between runs (core/pdf/fontcache.c): in a
    # file of this run's own, filled by each measurement's untimed first run,
    # so that "pack" is a run like a user's second one; "pack-cold" keeps
    # none and pays for starting fontconfig every time, like a first run.
    fontcache = os.path.join(work, "fonts.cache")
    if os.path.exists(fontcache):
        os.remove(fontcache)
    os.environ["BRIEFING_FONT_CACHE"] = fontcache
    norfolk = os.path.join(a.repo, "examples", "data", "norfolk.json")
    twin = os.path.join(a.shared, "bench", "reportlab_twin.py")
    synth = os.path.join(work, "synthetic-152.json")
    subprocess.run(["python3", os.path.join(a.shared, "bench", "synthetic_councils.py"), "152", synth], check=True)
    slim = os.path.join(work, "slim-faces")  # copies for the floor, see slimfont.py
    os.makedirs(slim, exist_ok=True)
    for face in ("Regular", "Bold"):
        subprocess.run(["python3", os.path.join(a.repo, "bench", "slimfont.py"),
                        f"/usr/share/fonts/truetype/liberation2/LiberationSans-{face}.ttf",
                        os.path.join(slim, f"LiberationSans-{face}.ttf")], check=True)
    official = []
    for f in OFFICIAL:
        official += ["-d", os.path.join(a.repo, "examples", "official", f)]
    dash_dir = os.path.join(a.shared, "data", "official", "dashboard")
    dash = sorted(f for g in DASHBOARD_GLOBS for f in glob.glob(os.path.join(dash_dir, g)))
    every = [f for f in official if f != "-d"] + dash
    all_official = [x for f in every for x in ("-d", f)]
    B, py = a.briefing, "/usr/bin/python3"
    gen = [B, "generate", "-q", "-t", "councillor-pack"]
    quick = [
        Measurement("pack", "(a) Norfolk councillor pack: briefing generate", gen + ["-d", norfolk, "-o", f"{out}/pack.pdf"], a.runs),
        Measurement("pack-cold", "(a) with no font cache (fontconfig started every run)",
                    ["env", "BRIEFING_FONT_CACHE=off"] + gen + ["-d", norfolk, "-o", f"{out}/pack-cold.pdf"], a.runs),
        Measurement("floor", "floor: bare libharu, same pages", [a.floor, norfolk, f"{out}/floor.pdf"], a.runs),
        Measurement("floor-slim", "floor, slim faces (bench/slimfont.py)",
                    ["env", "FLOOR_FONT_DIR=" + slim, a.floor, norfolk, f"{out}/floor-slim.pdf"], a.runs),
        Measurement("pack-kept", "(a) with malloc keeping freed memory (GLIBC_TUNABLES)",
                    ["env", KEEP_MEMORY] + gen + ["-d", norfolk, "-o", f"{out}/pack-kept.pdf"], a.runs),
        Measurement("floor-kept", "floor with malloc keeping freed memory",
                    ["env", KEEP_MEMORY, a.floor, norfolk, f"{out}/floor-kept.pdf"], a.runs),
        Measurement("twin", "twin: ReportLab, Norfolk", [py, twin, norfolk, "-c", NORFOLK, "-o", f"{out}/twin.pdf"], a.runs),
        Measurement("check", "(c) official files, Norfolk: briefing check",
                    [B, "check", "-q", "-t", "councillor-pack"] + official + ["-c", "Norfolk"], a.runs),
        Measurement("convert", "(c) official files: briefing convert (all councils)",
                    [B, "convert", "-q"] + official + ["-o", f"{out}/official.json"], a.runs),
        Measurement("official", "official files, Norfolk: briefing generate", gen + official + ["-c", "Norfolk", "-o", f"{out}/official.pdf"], a.runs),
        Measurement("official-all", f"all {len(every)} official files, Norfolk: generate",
                    gen + all_official + ["-c", "Norfolk", "-o", f"{out}/official-all.pdf"], a.runs),
        Measurement("official-batch", f"all {len(every)} official files, every council: batch -j 2",
                    [B, "batch", "-q", "-t", "councillor-pack"] + all_official +
                    ["-c", "all", "-j", "2", "-O", f"{out}/official-batch"], a.runs, f"{out}/official-batch"),
    ]
    slow = [Measurement("twin-all", "twin: ReportLab, 152 councils, one process", [py, twin, synth, "--all", f"{out}/twin-all"],
                        a.slow_runs, f"{out}/twin-all")]
    only = set(filter(None, a.only.split(",")))
    if only:
        quick = [m for m in quick if m.name in only]
        slow = [m for m in slow if m.name in only]
    info = machine()
    print(f"bench: {len(quick)} quick measurements x {a.runs}, {len(slow)} slow ones x {a.slow_runs}, "
          f"interleaved; load average {info['load'][0]:.1f} on {info['nproc']} CPUs", file=sys.stderr)
    interleaved(quick, a.runs, errfile)
    reported, batch_table = {}, ""
    if not only or "batch" in only:
        print(f"bench: bench/batch.sh and the twin's 152 councils, {a.slow_runs} round(s)", file=sys.stderr)
        batch_table, reported = batch_interleaved(a, work, slow, a.slow_runs, errfile)
    else:
        interleaved(slow, a.slow_runs, errfile)
    info["load_after"] = os.getloadavg()
    ms = {m.name: m for m in quick + slow}
    ms.update(reported)
    table = quick + list(reported.values()) + slow

    lines = []
    say = lines.append
    say(f"machine: {info['nproc']} CPUs, {info['cpu']}, Linux {info['kernel']}; {info['date']}; "
        f"load average {info['load'][0]:.1f} before, {info['load_after'][0]:.1f} after")
    say(f"commit: {git_commit(a.repo)}; runs: {a.runs} (batch and twin-all: {a.slow_runs}), interleaved, medians")
    say("")
    say(f"{'measurement':<60} {'wall ms':>9} {'cpu ms':>9} {'peak RSS MB':>12}")
    for m in table:
        say(f"{m.what:<60} {m.median('wall') * 1000:9.1f} {m.median('cpu') * 1000:9.1f} {m.median('rss'):12.1f}")
    for m in reported.values():
        say(f"  {m.name}: peak RSS {m.note}")

    def ratio(label, num, den, target=None, better="<="):
        if num not in ms or den not in ms:
            return
        rw = ms[num].median("wall") / ms[den].median("wall")
        rc = ms[num].median("cpu") / ms[den].median("cpu")
        verdict = ""
        if target is not None:
            ok = rw <= target if better == "<=" else rw >= target
            verdict = f"target {better} {target}: {'met' if ok else 'NOT met'}"
        say(f"{label:<60} {rw:8.2f}x {rc:8.2f}x  {verdict}")

    say("")
    say(f"{'ratio (of medians, this run)':<60} {'wall':>9} {'cpu':>9}")
    ratio("Norfolk pack / floor", "pack", "floor", 1.5, "<=")
    ratio("Norfolk pack with no font cache / floor", "pack-cold", "floor")
    ratio("Norfolk pack: no font cache / font cache", "pack-cold", "pack")
    ratio("Norfolk pack / floor with slim faces", "pack", "floor-slim")
    ratio("Norfolk pack / floor, both keeping freed memory", "pack-kept", "floor-kept")
    ratio("Norfolk pack: as built / keeping freed memory", "pack", "pack-kept")
    ratio("twin, one council / Norfolk pack", "twin", "pack", 10, ">=")
    ratio("twin, 152 in one process / batch -j 2", "twin-all", "batch-j2", 2, ">=")
    ratio("batch -j 1 / batch -j 2 (speed-up)", "batch-j1", "batch-j2")
    ratio("official files: generate / check", "official", "check")
    ratio("all official files / the six, Norfolk generate", "official-all", "official")
    if "official-batch" in ms:
        w = ms["official-batch"].median("wall")
        n = len(glob.glob(f"{out}/official-batch/*.pdf"))
        say(f"{'all official files, batch -j 2: wall, target < 3 s':<60} {w:8.2f}s {'':9}  "
            f"{'met' if w < 3 else 'NOT met'} ({n} PDFs)")
        per = reads_per_file(ms["official-batch"].argv, every, errfile)
        if per is not None:
            worst = max(per, key=per.get)
            say(f"{'  bytes read / size, per file (strace -f), most read':<60} {per[worst]:8.2f}x "
                f"{'':9}  {os.path.basename(worst)}: {'once per run' if per[worst] < 2 else 'MORE than once'}")
    if "batch-j1" in ms:
        say(f"{'batch -j 1, per briefing':<60} {ms['batch-j1'].median('wall') * 1000 / 152:8.1f}ms "
            f"{ms['batch-j1'].median('cpu') * 1000 / 152:8.1f}ms")

    say("")
    say("sizes")
    sizes = {}
    for name in ("pack", "floor", "floor-slim", "twin"):
        path = f"{out}/{name}.pdf"
        if os.path.exists(path):
            pages, chars = pdf_info(path)
            sizes[name] = os.path.getsize(path)
            per = f", {sizes[name] / 1024 / pages:.1f} KB a page" if pages else ""
            say(f"  {name + '.pdf':<14} {sizes[name] / 1024:8.1f} KB  {pages} pages, {chars} characters of text{per}")
    if "pack" in sizes and "twin" in sizes:
        r = sizes["pack"] / sizes["twin"]
        say(f"  Norfolk pack / twin size: {r:.2f}x  target <= 1.3: {'met' if r <= 1.3 else 'NOT met'}")
    if "pack" in sizes and "floor" in sizes:
        say(f"  Norfolk pack / floor size: {sizes['pack'] / sizes['floor']:.2f}x")
    folders = {}
    for name, path in (("batch-j1", os.path.join(work, "batch", "out-j1")), ("twin-all", f"{out}/twin-all")):
        if name in ms and os.path.isdir(path):
            folders[name] = folder_pdfs(path)
            n, mean, med = folders[name]
            say(f"  {name:<14} {n} PDFs, mean {mean / 1024:.1f} KB, median {med / 1024:.1f} KB")
    if len(folders) == 2 and folders["twin-all"][1]:
        r = folders["batch-j1"][1] / folders["twin-all"][1]
        say(f"  152 councils, mean size ours / twin: {r:.2f}x  target <= 1.3: {'met' if r <= 1.3 else 'NOT met'}")

    if batch_table:
        say("")
        say("bench/batch.sh said (its last round):")
        lines.extend("  " + l for l in batch_table.splitlines())

    profile = None
    if not a.no_callgrind and shutil.which("valgrind") and "pack" in ms:
        print("bench: profiling the pack and the floor with callgrind", file=sys.stderr)
        total, rows, own = callgrind(ms["pack"].argv, os.path.join(work, "callgrind.pack.out"))
        ftotal, _, _ = callgrind(ms["floor"].argv, os.path.join(work, "callgrind.floor.out"))
        profile = {"pack": total, "floor": ftotal, "inclusive": rows, "own": own}
        say("")
        say(f"callgrind: Norfolk pack {total:,} instructions, floor {ftotal:,}: {total / ftotal:.2f}x "
            f"(load-independent)")
        if "pack-cold" in ms:
            ctotal, _, _ = callgrind(ms["pack-cold"].argv, os.path.join(work, "callgrind.pack-cold.out"))
            profile["pack-cold"] = ctotal
            say(f"callgrind: with no font cache {ctotal:,} instructions: {ctotal / ftotal:.2f}x the floor")
        say(f"top {len(rows)} functions by inclusive cost, start-up chain left out (callgrind_annotate "
            f"--inclusive=yes {os.path.join(work, 'callgrind.pack.out')}):")
        for pct, fn in rows:
            say(f"  {pct:>6}%  {fn[:110]}")
        say(f"top {len(own)} by own cost (callgrind_annotate, without --inclusive):")
        for pct, fn in own:
            say(f"  {pct:>6}%  {fn[:110]}")

    report = "\n".join(lines)
    print(report)
    with open(os.path.join(work, "results.txt"), "w") as f:
        f.write(report + "\n")
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump({"machine": info, "commit": git_commit(a.repo), "sizes": sizes, "folders": folders, "profile": profile,
                   "runs": {m.name: {"what": m.what, "argv": m.argv, "wall": m.wall, "cpu": m.cpu, "rss_mb": m.rss}
                            for m in quick + slow},
                   "batch": {m.name: dict(m.values, note=m.note) for m in reported.values()}}, f, indent=1)


if __name__ == "__main__":
    main()

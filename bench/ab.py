#!/usr/bin/env python3
"""ab.py N CMD_A... -- CMD_B...: runs two commands N times each, interleaved
(A B, then B A, and so on, so that a change in the machine's load falls on
both alike), after three untimed rounds, and prints the median wall and CPU
time (user + system, from wait4) of each and the ratio of the wall medians.
For comparing two builds of briefing, or briefing and another program:

    bench/ab.py 40 old/bin/briefing generate -q -t councillor-pack -d examples/data/norfolk.json -o /tmp/a.pdf \\
        -- build/bin/briefing generate -q -t councillor-pack -d examples/data/norfolk.json -o /tmp/b.pdf

Output of the commands is discarded."""
import os
import statistics
import sys
import time


def run(cmd):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.execvp(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
    if status != 0:
        sys.exit(f"ab.py: {cmd[0]} failed (status {status})")
    return (time.perf_counter() - start) * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def main():
    if len(sys.argv) < 5 or "--" not in sys.argv[2:]:
        sys.exit(__doc__)
    n = int(sys.argv[1])
    rest = sys.argv[2:]
    cut = rest.index("--")
    cmds = [rest[:cut], rest[cut + 1:]]
    times = [[], []]
    for _ in range(3):
        run(cmds[0])
        run(cmds[1])
    for k in range(n):
        for j in (0, 1) if k % 2 == 0 else (1, 0):
            times[j].append(run(cmds[j]))
    walls = []
    for j in (0, 1):
        wall = statistics.median(t[0] for t in times[j])
        cpu = statistics.median(t[1] for t in times[j])
        walls.append(wall)
        print(f"{'AB'[j]}: wall {wall:7.1f} ms  cpu {cpu:7.1f} ms  ({n} runs, medians)")
    print(f"A / B wall: {walls[0] / walls[1]:.3f}")


if __name__ == "__main__":
    main()

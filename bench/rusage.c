/*
 * rusage: runs a command and writes what it cost to a file.
 *
 *   rusage RESULT-FILE COMMAND [ARG]...
 *
 * Writes one line "WALL_SECONDS CPU_SECONDS MAXRSS_KB STATUS" to RESULT-FILE:
 * wall-clock time from fork to exit, user + system CPU time of the command and
 * of the children it waited for, and the peak resident set size of the
 * largest of them.  The command keeps this program's stdin, stdout and stderr.
 *
 * Why a program: Linux keeps a process's peak RSS across fork and execve, so a
 * command started straight from a big parent (Python) reports the parent's
 * peak when its own is smaller.  This program is small, so what is measured
 * through it is the command's own.
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double ts(struct timespec t)
{
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double tv(struct timeval t)
{
    return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    struct timespec start, end;
    struct rusage ru;
    int status = 0;
    pid_t pid;
    FILE *out;

    if (argc < 3) {
        fprintf(stderr, "usage: rusage RESULT-FILE COMMAND [ARG]...\n");
        return 64;
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid = fork();
    if (pid < 0) {
        perror("rusage: fork");
        return 71;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("rusage: wait4");
        return 71;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    out = fopen(argv[1], "w");
    if (out == NULL) {
        perror(argv[1]);
        return 73;
    }
    fprintf(out, "%.6f %.6f %ld %d\n", ts(end) - ts(start), tv(ru.ru_utime) + tv(ru.ru_stime), ru.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    return fclose(out) == 0 ? 0 : 74;
}

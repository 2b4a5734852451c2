/*
 * progress: what a batch run shows as it goes.
 *
 * On a terminal (stderr is a tty) a bar redrawn in place with counts and the
 * time left; otherwise (cron, a log file) one line per council on stdout.
 * With --quiet, nothing but failures.  Failures always go to stderr, as
 * they happen, above the bar.
 */
#ifndef BRIEFING_PROGRESS_H
#define BRIEFING_PROGRESS_H

#include <stddef.h>
#include <time.h>

typedef struct progress {
    size_t total;
    size_t done;           /* finished, failed or not */
    size_t failed;
    int quiet;
    int bar;               /* 1: draw the bar on stderr */
    int drawn;             /* 1: a bar is on the screen now */
    struct timespec start;
} progress;

/* Starts counting total items.  quiet: only failures are shown. */
void progress_start(progress *p, size_t total, int quiet);

/* One item done; line says what (e.g. "E10000020 Norfolk: wrote x.pdf
 * (9 pages)"), shown unless on a terminal or quiet. */
void progress_ok(progress *p, const char *line);

/* One item failed; line says which and why, always shown (stderr). */
void progress_failed(progress *p, const char *line);

/* Takes the bar off the screen, so that a summary can follow. */
void progress_finish(progress *p);

/* Seconds since progress_start. */
double progress_elapsed(const progress *p);

#endif

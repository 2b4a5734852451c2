#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

#define PROGRESS_WIDTH 30

static void progress_draw(progress *p);

void progress_start(progress *p, size_t total, int quiet)
{
    memset(p, 0, sizeof *p);
    p->total = total;
    p->quiet = quiet;
    p->bar = !quiet && isatty(STDERR_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    if (p->bar)
        progress_draw(p);
}

double progress_elapsed(const progress *p)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - p->start.tv_sec) + (now.tv_nsec - p->start.tv_nsec) / 1e9;
}

/* "2m10s" or "45s". */
static void progress_duration(double seconds, char *buf, size_t size)
{
    long s = (long)(seconds + 0.5);

    if (s < 1)
        s = 1;
    if (s >= 60)
        snprintf(buf, size, "%ldm%02lds", s / 60, s % 60);
    else
        snprintf(buf, size, "%lds", s);
}

static void progress_draw(progress *p)
{
    char bar[PROGRESS_WIDTH + 1], left[48] = "";
    size_t filled = p->total ? p->done * PROGRESS_WIDTH / p->total : PROGRESS_WIDTH, i;
    double elapsed = progress_elapsed(p);

    for (i = 0; i < PROGRESS_WIDTH; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[PROGRESS_WIDTH] = '\0';
    if (p->done > 0 && p->done < p->total) {
        char t[24];

        progress_duration(elapsed / (double)p->done * (double)(p->total - p->done), t, sizeof t);
        snprintf(left, sizeof left, ", about %s left", t);
    }
    fprintf(stderr, "\r\033[K[%s] %zu/%zu", bar, p->done, p->total);
    if (p->failed)
        fprintf(stderr, ", %zu failed", p->failed);
    fprintf(stderr, "%s", left);
    fflush(stderr);
    p->drawn = 1;
}

/* Takes the bar away before a line is printed. */
static void progress_clear(progress *p)
{
    if (p->drawn) {
        fputs("\r\033[K", stderr);
        p->drawn = 0;
    }
}

void progress_ok(progress *p, const char *line)
{
    p->done++;
    if (p->bar) {
        progress_draw(p);
    } else if (!p->quiet) {
        printf("%s\n", line);
        fflush(stdout);
    }
}

void progress_failed(progress *p, const char *line)
{
    p->done++;
    p->failed++;
    progress_clear(p);
    log_msg(LOG_ERROR, NULL, "%s", line);
    if (p->bar)
        progress_draw(p);
}

void progress_finish(progress *p)
{
    progress_clear(p);
    fflush(stdout);
}

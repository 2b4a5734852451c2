#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Warnings already printed, so each is printed once.  A small open hash set
 * of FNV-1a digests: a collision only ever hides a warning, never crashes.
 * The slots are read and claimed atomically, so that after log_share the
 * processes forked from this one (batch workers) use one set between them
 * and a warning that every council gives is printed once, not once a
 * worker.  The count of slots taken is a bound, not an exact figure. */
#define LOG_SEEN_MAX 4096

struct log_seen_set {
    unsigned long long slot[LOG_SEEN_MAX];
    unsigned long count;
};

static int log_level_shown = 0;
static struct log_seen_set log_own;
static struct log_seen_set *log_seen = &log_own;

void log_set_verbosity(int verbosity)
{
    log_level_shown = verbosity;
}

int log_verbosity(void)
{
    return log_level_shown;
}

static unsigned long long log_hash(const char *s)
{
    unsigned long long h = 1469598103934665603ULL;

    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

/* Returns 1 the first time a text is seen (in this process, or in any
 * process sharing the set). */
static int log_first_time(const char *text)
{
    unsigned long long h = log_hash(text);
    size_t i = (size_t)(h % LOG_SEEN_MAX);
    size_t probes;

    for (probes = 0; probes < LOG_SEEN_MAX; probes++) {
        unsigned long long *slot = &log_seen->slot[i];
        unsigned long long v = __atomic_load_n(slot, __ATOMIC_ACQUIRE);

        if (v == h)
            return 0;
        if (v == 0) {
            if (__atomic_load_n(&log_seen->count, __ATOMIC_RELAXED) + 1 >= LOG_SEEN_MAX)
                return 1; /* full: printed, not remembered */
            if (__atomic_compare_exchange_n(slot, &v, h, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
                __atomic_add_fetch(&log_seen->count, 1, __ATOMIC_RELAXED);
                return 1;
            }
            if (v == h) /* another process claimed it for the same text */
                return 0;
        }
        i = (i + 1) % LOG_SEEN_MAX;
    }
    return 1;
}

int log_share(void)
{
    struct log_seen_set *shared;

    if (log_seen != &log_own)
        return 0;
    shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED)
        return -1;
    memcpy(shared, &log_own, sizeof *shared);
    log_seen = shared;
    return 0;
}

static int log_shown(log_level level)
{
    switch (level) {
    case LOG_ERROR:
        return 1;
    case LOG_WARN:
    case LOG_INFO:
        return log_level_shown >= 0;
    case LOG_DEBUG:
        return log_level_shown > 0;
    }
    return 1;
}

void log_msg(log_level level, const char *prefix, const char *fmt, ...)
{
    char text[2048], line[2048 + 512];
    int n;
    va_list ap;

    if (!log_shown(level))
        return;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (level == LOG_WARN && !log_first_time(text))
        return;
    /* One write for the whole line, so that lines from batch workers
     * writing at once do not run into each other. */
    n = snprintf(line, sizeof line, "briefing: %s%s%s%s\n", level == LOG_WARN ? "warning: " : "",
                 prefix ? prefix : "", prefix ? ": " : "", text);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof line) /* cut short: still one line */
        line[sizeof line - 2] = '\n';
    fputs(line, stderr);
}

void log_reset(void)
{
    if (log_seen != &log_own)
        munmap(log_seen, sizeof *log_seen);
    log_seen = &log_own;
    memset(&log_own, 0, sizeof log_own);
}

#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Warnings already printed, so each is printed once.  A small open hash set
 * of FNV-1a digests: a collision only ever hides a warning, never crashes. */
#define LOG_SEEN_MAX 4096

static int log_level_shown = 0;
static unsigned long long log_seen[LOG_SEEN_MAX];
static size_t log_seen_count;

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

/* Returns 1 the first time a text is seen. */
static int log_first_time(const char *text)
{
    unsigned long long h = log_hash(text);
    size_t i = (size_t)(h % LOG_SEEN_MAX);
    size_t probes;

    for (probes = 0; probes < LOG_SEEN_MAX; probes++) {
        if (log_seen[i] == h)
            return 0;
        if (log_seen[i] == 0) {
            if (log_seen_count + 1 < LOG_SEEN_MAX) {
                log_seen[i] = h;
                log_seen_count++;
            }
            return 1;
        }
        i = (i + 1) % LOG_SEEN_MAX;
    }
    return 1;
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
    char text[2048];
    va_list ap;

    if (!log_shown(level))
        return;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (level == LOG_WARN && !log_first_time(text))
        return;
    fprintf(stderr, "briefing: %s%s%s%s\n", level == LOG_WARN ? "warning: " : "",
            prefix ? prefix : "", prefix ? ": " : "", text);
}

void log_reset(void)
{
    memset(log_seen, 0, sizeof log_seen);
    log_seen_count = 0;
}

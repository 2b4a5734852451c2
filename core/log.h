/*
 * log: messages to stderr, for people and for cron.
 *
 * Errors are always printed.  Warnings and information are silenced by
 * --quiet; warnings are printed once per distinct text, not once per council
 * in a batch.  Debug lines appear with --verbose.  The state is process-wide
 * on purpose: there is one stderr.
 */
#ifndef BRIEFING_LOG_H
#define BRIEFING_LOG_H

typedef enum log_level {
    LOG_DEBUG = 0,
    LOG_INFO,
    LOG_WARN,
    LOG_ERROR
} log_level;

/* verbosity: -1 quiet, 0 normal, 1 verbose. */
void log_set_verbosity(int verbosity);
int log_verbosity(void);

/* Prints "briefing: [prefix: ]message" when the level is shown.  prefix may
 * be NULL (a plugin's name otherwise). */
void log_msg(log_level level, const char *prefix, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Forgets which warnings were printed and frees that memory. */
void log_reset(void);

#endif

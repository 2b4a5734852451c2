/*
 * log: messages to stderr, for people and for cron.
 *
 * Errors are always printed.  Warnings and information are silenced by
 * --quiet; warnings are printed once per distinct text, not once per council
 * in a batch, nor once per batch worker (log_share).  Debug lines appear with --verbose.  The state is process-wide
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

/* Makes the record of warnings printed shared with the processes forked
 * from this one from now on (batch workers), so that each warning is
 * printed once by all of them together.  Call before forking.  Returns 0,
 * or -1 when no shared memory could be had (each process then keeps its
 * own record, and a warning may be printed once a worker). */
int log_share(void);

/* Forgets which warnings were printed and frees that memory (the shared
 * record too: the process goes back to a record of its own). */
void log_reset(void);

#endif

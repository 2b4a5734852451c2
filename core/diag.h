/*
 * diag: the error a call failed with, kept on the caller's context.
 *
 * Functions that can fail take a `diag *` and return a status (BRIEFING_OK or
 * one of the BRIEFING_ERR_* values, equal to the sysexits.h codes).  The first
 * error recorded wins: callers higher up add nothing but may prefix it, and
 * the message is reported once, at the top, by main.
 */
#ifndef BRIEFING_DIAG_H
#define BRIEFING_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#define DIAG_TEXT_MAX 1024

typedef struct diag {
    int status;               /* BRIEFING_OK while nothing has failed */
    char text[DIAG_TEXT_MAX]; /* "file: field path: what was expected" */
} diag;

/* Clears d. */
void diag_clear(diag *d);

/* Records status and the formatted message unless d already holds an error;
 * returns status either way, so callers can write `return diag_set(...)`.
 * d may be NULL: then only the status is returned. */
int diag_set(diag *d, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int diag_vset(diag *d, int status, const char *fmt, va_list ap);

/* The status for a system call's failure with errno err: 71 (EX_OSERR,
 * BRIEFING_ERR_NOMEM) when the process ran out of memory or of file
 * descriptors (ENOMEM, EMFILE, ENFILE), which no fix to the input would
 * cure; otherwise the caller's own status. */
int diag_errno_status(int err, int otherwise);

/* Puts "prefix: " before the recorded message (e.g. the file name). */
void diag_prefix(diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif

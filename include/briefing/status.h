/*
 * briefing/status.h: the status values every host and plugin function returns.
 *
 * They equal the sysexits.h codes the program exits with, so a plugin's
 * failure maps straight to the right exit status.  plugin.h includes this
 * header; core files that need only the codes include it alone rather than
 * the whole SDK.
 */
#ifndef BRIEFING_STATUS_H
#define BRIEFING_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

enum {
    BRIEFING_OK = 0,
    BRIEFING_ERR_USAGE = 64,     /* EX_USAGE */
    BRIEFING_ERR_DATA = 65,      /* EX_DATAERR: the input is wrong */
    BRIEFING_ERR_NOINPUT = 66,   /* EX_NOINPUT: missing or unreadable input */
    BRIEFING_ERR_INTERNAL = 70,  /* EX_SOFTWARE: a bug, or a failure not due to data */
    BRIEFING_ERR_NOMEM = 71,     /* EX_OSERR: out of memory or another OS resource */
    BRIEFING_ERR_CANTCREAT = 73, /* EX_CANTCREAT: the output cannot be created */
    BRIEFING_ERR_IO = 74,        /* EX_IOERR: writing failed */
    BRIEFING_ERR_TEMPFAIL = 75,  /* EX_TEMPFAIL: locked, or interrupted */
    BRIEFING_ERR_CONFIG = 78     /* EX_CONFIG: a bad template */
};

#ifdef __cplusplus
}
#endif

#endif

/*
 * pool: jobs run in forked worker processes, so that a job that crashes
 * takes down only its own worker.
 *
 * The parent forks N workers after it has loaded everything (they share
 * that memory copy-on-write), hands each one job at a time over a pipe, and
 * reads one fixed-size result per job back.  A worker that dies while on a
 * job (a signal, exit) is reported as that job's failure and replaced; the
 * other jobs go on.
 *
 * Signals.  pool_signals_catch makes SIGINT, SIGTERM and SIGHUP set a flag
 * instead of killing the parent; pool_run then stops handing out jobs,
 * passes the signal on to the workers (whose own handler removes the
 * temporary files they were writing, through output_unlink_pending, and
 * dies), waits for them, and returns.  A worker killed by one of those
 * signals (a service manager signals every process of the run) stops the run
 * the same way.
 */
#ifndef BRIEFING_POOL_H
#define BRIEFING_POOL_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

#include "diag.h"

/* What one job came to. */
typedef struct pool_result {
    size_t job;
    int status;                 /* BRIEFING_OK, or the failure's status */
    int pages;                  /* the job's own number (pages written) */
    char message[DIAG_TEXT_MAX]; /* why it failed; "" when it did not */
} pool_result;

/* Runs job number `job` in a worker and fills out (job is filled already). */
typedef void (*pool_work_fn)(void *arg, size_t job, pool_result *out);

/* Called in the parent for every job that was started, as it ends: done,
 * failed, crashed (BRIEFING_ERR_INTERNAL, "the worker rendering it crashed
 * (signal 11: ...) in the section plugin ..."), stopped past its time limit
 * (BRIEFING_ERR_INTERNAL, "took longer than the time limit of ...") or cut
 * short by a signal (BRIEFING_ERR_TEMPFAIL).  What the worker was running
 * comes from crash_note (crash.h), which workers copy into memory shared
 * with the parent. */
typedef void (*pool_done_fn)(void *arg, const pool_result *result);

typedef struct pool_options {
    size_t n_jobs;
    int n_workers;       /* at least 1; no more workers than jobs are started */
    pool_work_fn work;
    pool_done_fn done;
    void *arg;           /* passed to both */
    unsigned timeout_s;  /* a job's time limit in seconds (its worker is killed
                            past it and the job reported failed), 0: none */
} pool_options;

/* The parent's signal handling, saved and restored around a run. */
typedef struct pool_signals {
    sigset_t old_mask;
    struct sigaction old_int, old_term, old_hup, old_pipe;
} pool_signals;

/* From now on SIGINT, SIGTERM and SIGHUP are recorded (pool_interrupted),
 * not fatal, and SIGPIPE is ignored.  Call before anything worth cleaning up
 * exists. */
void pool_signals_catch(pool_signals *saved);

/* Puts back what pool_signals_catch found. */
void pool_signals_restore(const pool_signals *saved);

/* The signal that asked the run to stop, or 0. */
int pool_interrupted(void);

/* Runs jobs 0..n_jobs-1 (in order of number, as workers come free).  Returns
 * BRIEFING_OK when every job was started and ended (each one's own outcome
 * went to done), BRIEFING_ERR_TEMPFAIL when a signal stopped the run (jobs
 * never started got no callback), BRIEFING_ERR_NOMEM (d set) when no worker
 * could be started at all. */
int pool_run(const pool_options *o, diag *d);

#endif

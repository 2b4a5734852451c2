#include "pool.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <briefing/status.h>

#include "crash.h"
#include "log.h"
#include "output.h"

/* How long stopping workers get to die before they are killed outright. */
#define POOL_STOP_WAIT_MS 10000

#define POOL_NO_JOB ((size_t)-1)

/* The signal that asked the run to stop, and the pipe that wakes the
 * parent's poll when one comes (the self-pipe trick: poll sees the signal
 * even when it arrives just before poll is called).  Global because a signal
 * handler can reach nothing else. */
static volatile sig_atomic_t pool_signal;
static int pool_wake[2] = {-1, -1};

static void pool_on_signal(int sig)
{
    int saved = errno;

    pool_signal = sig;
    if (pool_wake[1] >= 0 && write(pool_wake[1], "", 1) < 0) {
        /* Full pipe: a wake-up is already waiting. */
    }
    errno = saved;
}

/* A worker's handler: remove the temporary file it was writing (the
 * finished ones are already in place) and die of the signal. */
static void pool_worker_on_signal(int sig)
{
    output_unlink_pending();
    signal(sig, SIG_DFL);
    raise(sig);
}

static int pool_is_stop_signal(int sig)
{
    return sig == SIGINT || sig == SIGTERM || sig == SIGHUP;
}

static void pool_stop_set(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGHUP);
}

/* Installs handler for sig, unless sig is ignored: a run started under
 * nohup (SIGHUP ignored) or in the background of a script (SIGINT ignored)
 * must stay deaf to it. */
static void pool_handle_one(int sig, void (*handler)(int), int flags, struct sigaction *old)
{
    struct sigaction sa, current;

    sigaction(sig, NULL, &current);
    if (old)
        *old = current;
    if (current.sa_handler == SIG_IGN)
        return;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* Installs handler for the three stop signals. */
static void pool_handle(void (*handler)(int), int flags, pool_signals *saved)
{
    pool_handle_one(SIGINT, handler, flags, saved ? &saved->old_int : NULL);
    pool_handle_one(SIGTERM, handler, flags, saved ? &saved->old_term : NULL);
    pool_handle_one(SIGHUP, handler, flags, saved ? &saved->old_hup : NULL);
}

void pool_signals_catch(pool_signals *saved)
{
    struct sigaction ignore;

    pool_signal = 0;
    if (pool_wake[0] < 0 && pipe(pool_wake) == 0) {
        fcntl(pool_wake[0], F_SETFL, O_NONBLOCK);
        fcntl(pool_wake[1], F_SETFL, O_NONBLOCK);
    }
    /* SA_RESTART: a signal while the data loads must not turn into a
     * read error; the flag is looked at once loading is over. */
    pool_handle(pool_on_signal, SA_RESTART, saved);
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &saved->old_pipe);
    sigprocmask(SIG_SETMASK, NULL, &saved->old_mask);
}

void pool_signals_restore(const pool_signals *saved)
{
    sigaction(SIGINT, &saved->old_int, NULL);
    sigaction(SIGTERM, &saved->old_term, NULL);
    sigaction(SIGHUP, &saved->old_hup, NULL);
    sigaction(SIGPIPE, &saved->old_pipe, NULL);
    sigprocmask(SIG_SETMASK, &saved->old_mask, NULL);
    if (pool_wake[0] >= 0) {
        close(pool_wake[0]);
        close(pool_wake[1]);
        pool_wake[0] = pool_wake[1] = -1;
    }
}

int pool_interrupted(void)
{
    return pool_signal;
}

/* ---- reading and writing whole records ------------------------------------ */

/* Reads exactly n bytes unless the pipe ends first; returns the bytes read,
 * or -1 on an error. */
static ssize_t pool_read_full(int fd, void *data, size_t n)
{
    size_t got = 0;

    while (got < n) {
        ssize_t r = read(fd, (char *)data + got, n - got);

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

static int pool_write_full(int fd, const void *data, size_t n)
{
    size_t put = 0;

    while (put < n) {
        ssize_t w = write(fd, (const char *)data + put, n - put);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        put += (size_t)w;
    }
    return 0;
}

/* ---- workers ----------------------------------------------------------------- */

typedef struct pool_worker {
    pid_t pid;    /* 0: no process in this slot */
    struct timespec started; /* when it was given its job */
    int timed_out; /* killed for passing the time limit */
    int to;       /* job numbers to the worker */
    int from;     /* results from the worker */
    size_t job;   /* the job it is on, or POOL_NO_JOB */
    size_t n_done;
    int retired;  /* died without a job: not replaced */
} pool_worker;

typedef struct pool {
    const pool_options *o;
    pool_worker *workers;
    int n_workers;
    size_t next;           /* the next job to hand out */
    char *notes;           /* shared with the workers: CRASH_NOTE_MAX bytes a
                              slot, what each is running (crash_note); NULL
                              when the memory could not be had */
} pool;

static char *pool_note(const pool *p, int i)
{
    return p->notes ? p->notes + (size_t)i * CRASH_NOTE_MAX : NULL;
}

/* The worker's life: one job number in, one result out, until the parent
 * closes the pipe.  Never returns. */
static void pool_worker_main(pool *p, int i, int in, int out, pid_t parent, const sigset_t *mask)
{
    uint32_t job;

    pool_handle(pool_worker_on_signal, 0, NULL);
    crash_worker(pool_note(p, i), p->notes ? CRASH_NOTE_MAX : 0);
    if (pool_wake[0] >= 0) {
        close(pool_wake[0]);
        close(pool_wake[1]);
        pool_wake[0] = pool_wake[1] = -1;
    }
#ifdef __linux__
    /* A parent killed outright (SIGKILL) takes its workers with it. */
    prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
    if (getppid() != parent)
        _exit(BRIEFING_ERR_TEMPFAIL);
    sigprocmask(SIG_SETMASK, mask, NULL);
    while (pool_read_full(in, &job, sizeof job) == (ssize_t)sizeof job) {
        pool_result r;

        memset(&r, 0, sizeof r);
        r.job = job;
        p->o->work(p->o->arg, job, &r);
        if (pool_write_full(out, &r, sizeof r) != 0)
            _exit(BRIEFING_ERR_IO);
        /* A job may have held the stop signals once its output was in
         * place (batch.c); one that came meanwhile is delivered now, with
         * the result sent. */
        sigprocmask(SIG_SETMASK, mask, NULL);
    }
    /* _exit: the parent's memory, locks and buffers are not ours to
     * release or flush. */
    _exit(0);
}

/* Starts a worker in slot i.  Returns 0, or -1 when no process could be
 * made. */
static int pool_spawn(pool *p, int i)
{
    pool_worker *w = &p->workers[i];
    int jobs[2], results[2], k;
    sigset_t stop, old;
    pid_t pid, parent = getpid();

    if (pipe(jobs) != 0)
        return -1;
    if (pipe(results) != 0) {
        close(jobs[0]);
        close(jobs[1]);
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    /* Held until the worker has its own handler in place. */
    pool_stop_set(&stop);
    sigprocmask(SIG_BLOCK, &stop, &old);
    pid = fork();
    if (pid != 0)
        sigprocmask(SIG_SETMASK, &old, NULL);
    if (pid < 0) {
        close(jobs[0]);
        close(jobs[1]);
        close(results[0]);
        close(results[1]);
        return -1;
    }
    if (pid == 0) {
        /* Other workers' pipes must close when the parent closes them, or
         * their end would never be seen. */
        for (k = 0; k < p->n_workers; k++) {
            if (k != i && p->workers[k].pid > 0) {
                if (p->workers[k].to >= 0)
                    close(p->workers[k].to);
                close(p->workers[k].from);
            }
        }
        close(jobs[1]);
        close(results[0]);
        pool_worker_main(p, i, jobs[0], results[1], parent, &old);
    }
    close(jobs[0]);
    close(results[1]);
    w->pid = pid;
    w->to = jobs[1];
    w->from = results[0];
    w->job = POOL_NO_JOB;
    w->n_done = 0;
    w->timed_out = 0;
    return 0;
}

/* Reports job as ended with status and message. */
static void pool_report(pool *p, size_t job, int status, const char *message)
{
    pool_result r;

    memset(&r, 0, sizeof r);
    r.job = job;
    r.status = status;
    snprintf(r.message, sizeof r.message, "%s", message);
    p->o->done(p->o->arg, &r);
}

/* Collects the worker in slot i once its pipe has ended, and reports the
 * job it was on. */
static void pool_reap(pool *p, int i)
{
    pool_worker *w = &p->workers[i];
    char why[256 + CRASH_NOTE_MAX];
    struct rusage ru;
    int status = 0;

    if (w->to >= 0)
        close(w->to);
    close(w->from);
    memset(&ru, 0, sizeof ru);
    while (wait4(w->pid, &status, 0, &ru) < 0 && errno == EINTR)
        ;
    log_msg(LOG_DEBUG, NULL, "worker %ld: %zu job%s, peak memory %ld KiB", (long)w->pid,
            w->n_done, w->n_done == 1 ? "" : "s", ru.ru_maxrss);
    if (WIFSIGNALED(status) && pool_is_stop_signal(WTERMSIG(status)) && !pool_signal)
        pool_signal = WTERMSIG(status); /* the run was stopped from outside */
    if (w->job != POOL_NO_JOB) {
        const char *note = pool_note(p, i);
        int stopped = WIFSIGNALED(status) && pool_is_stop_signal(WTERMSIG(status)) && !w->timed_out;
        size_t n;

        if (w->timed_out)
            snprintf(why, sizeof why, "took longer than the time limit of %u s (--timeout) "
                     "and was stopped", p->o->timeout_s);
        else if (stopped)
            snprintf(why, sizeof why, "interrupted (%s)", strsignal(WTERMSIG(status)));
        else if (WIFSIGNALED(status))
            snprintf(why, sizeof why, "the worker rendering it crashed (signal %d: %s)",
                     WTERMSIG(status), strsignal(WTERMSIG(status)));
        else
            snprintf(why, sizeof why, "the worker rendering it exited with status %d",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        n = strlen(why);
        if (!stopped && note && note[0] && n < sizeof why)
            snprintf(why + n, sizeof why - n, " in %.*s", CRASH_NOTE_MAX - 1, note);
        pool_report(p, w->job, stopped ? BRIEFING_ERR_TEMPFAIL : BRIEFING_ERR_INTERNAL, why);
    } else {
        w->retired = 1;
    }
    w->pid = 0;
}

/* Reads what the worker in slot i sent: a result, or the end of its pipe. */
static void pool_collect(pool *p, int i)
{
    pool_worker *w = &p->workers[i];
    pool_result r;

    if (pool_read_full(w->from, &r, sizeof r) != (ssize_t)sizeof r || r.job != w->job) {
        pool_reap(p, i);
        return;
    }
    r.message[sizeof r.message - 1] = '\0';
    w->job = POOL_NO_JOB;
    w->n_done++;
    p->o->done(p->o->arg, &r);
}

/* Gives every idle worker the next job, starting (or replacing) workers as
 * needed.  Returns how many workers are on a job. */
static int pool_dispatch(pool *p)
{
    int i, busy = 0;

    for (i = 0; i < p->n_workers; i++) {
        pool_worker *w = &p->workers[i];

        if (w->pid == 0 && !w->retired && p->next < p->o->n_jobs && pool_spawn(p, i) != 0) {
            log_msg(LOG_WARN, NULL, "cannot start a worker process: %s", strerror(errno));
            w->retired = 1;
        }
        if (w->pid > 0 && w->job == POOL_NO_JOB && p->next < p->o->n_jobs) {
            uint32_t job = (uint32_t)p->next;

            /* A worker that cannot take it has died: its pipe's end will
             * say so, and the job goes to another. */
            if (pool_note(p, i))
                pool_note(p, i)[0] = '\0';
            if (pool_write_full(w->to, &job, sizeof job) == 0) {
                w->job = p->next++;
                clock_gettime(CLOCK_MONOTONIC, &w->started);
            }
        }
        if (w->pid > 0 && w->job != POOL_NO_JOB)
            busy++;
    }
    return busy;
}

/* Waits for one or more workers to say something; 0 on a timeout or a
 * signal.  timeout_ms < 0 waits as long as it takes. */
static int pool_wait(pool *p, int timeout_ms)
{
    struct pollfd fds[65];
    int idx[65], n = 0, i, ready;
    char drain[64];

    if (pool_wake[0] >= 0) {
        fds[n].fd = pool_wake[0];
        fds[n].events = POLLIN;
        idx[n++] = -1;
    }
    for (i = 0; i < p->n_workers && n < 65; i++) {
        if (p->workers[i].pid > 0) {
            fds[n].fd = p->workers[i].from;
            fds[n].events = POLLIN;
            idx[n++] = i;
        }
    }
    ready = poll(fds, (nfds_t)n, timeout_ms);
    if (ready <= 0)
        return 0;
    for (i = 0; i < n; i++) {
        if (fds[i].revents == 0)
            continue;
        if (idx[i] < 0) {
            while (read(pool_wake[0], drain, sizeof drain) > 0)
                ;
        } else {
            pool_collect(p, idx[i]);
        }
    }
    return ready;
}

static long pool_ms_since(const struct timespec *t)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* Kills every worker whose job has passed the time limit (its pipe's end
 * then reports the job), and returns how long poll may wait for the next
 * limit to come: -1 when there is none. */
static int pool_check_time(pool *p)
{
    long limit = (long)p->o->timeout_s * 1000, left, wait = -1;
    int i;

    if (p->o->timeout_s == 0)
        return -1;
    for (i = 0; i < p->n_workers; i++) {
        pool_worker *w = &p->workers[i];

        if (w->pid <= 0 || w->job == POOL_NO_JOB || w->timed_out)
            continue;
        left = limit - pool_ms_since(&w->started);
        if (left <= 0) {
            log_msg(LOG_DEBUG, NULL, "worker %ld: job %zu past %u s, killed", (long)w->pid, w->job,
                    p->o->timeout_s);
            kill(w->pid, SIGKILL);
            w->timed_out = 1;
        } else if (wait < 0 || left < wait) {
            wait = left;
        }
    }
    return wait < 0 ? -1 : (int)(wait > 60000 ? 60000 : wait + 1);
}

static int pool_alive(const pool *p)
{
    int i, n = 0;

    for (i = 0; i < p->n_workers; i++)
        n += p->workers[i].pid > 0;
    return n;
}

/* Ends every worker: with sig, or (sig 0) by closing its job pipe once it
 * has finished; waits for them, killing any that will not go. */
static void pool_stop(pool *p, int sig)
{
    struct timespec start, now;
    int i, killed = 0;

    for (i = 0; i < p->n_workers; i++) {
        if (p->workers[i].pid <= 0)
            continue;
        if (sig) {
            kill(p->workers[i].pid, sig);
        } else if (p->workers[i].to >= 0) {
            close(p->workers[i].to); /* end of jobs: the worker exits */
            p->workers[i].to = -1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (pool_alive(p)) {
        pool_wait(p, 1000);
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (sig && !killed && (now.tv_sec - start.tv_sec) * 1000 > POOL_STOP_WAIT_MS) {
            for (i = 0; i < p->n_workers; i++)
                if (p->workers[i].pid > 0)
                    kill(p->workers[i].pid, SIGKILL);
            killed = 1;
        }
    }
}

int pool_run(const pool_options *o, diag *d)
{
    pool p;
    int rc = BRIEFING_OK;

    memset(&p, 0, sizeof p);
    p.o = o;
    p.n_workers = o->n_workers < 1 ? 1 : o->n_workers > 64 ? 64 : o->n_workers;
    if ((size_t)p.n_workers > o->n_jobs)
        p.n_workers = o->n_jobs ? (int)o->n_jobs : 1;
    p.workers = calloc((size_t)p.n_workers, sizeof *p.workers);
    if (p.workers == NULL)
        return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
    /* The workers' notes: shared, so that the parent can say what a worker
     * that crashed or hung was running. */
    p.notes = mmap(NULL, (size_t)p.n_workers * CRASH_NOTE_MAX, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p.notes == MAP_FAILED)
        p.notes = NULL;
    while (!pool_signal && pool_dispatch(&p) > 0)
        pool_wait(&p, pool_check_time(&p));
    pool_stop(&p, pool_signal);
    if (pool_signal)
        rc = BRIEFING_ERR_TEMPFAIL;
    else if (p.next == 0 && o->n_jobs > 0)
        rc = diag_set(d, BRIEFING_ERR_NOMEM, "cannot start a worker process: %s",
                      strerror(errno));
    for (; rc == BRIEFING_OK && p.next < o->n_jobs; p.next++)
        pool_report(&p, p.next, BRIEFING_ERR_NOMEM, "no worker process was left to run it");
    if (p.notes)
        munmap(p.notes, (size_t)p.n_workers * CRASH_NOTE_MAX);
    free(p.workers);
    return rc;
}

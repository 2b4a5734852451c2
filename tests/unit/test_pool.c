/*
 * Worker processes: a job that crashes is reported and the others complete;
 * a stop signal ends the run with no temporary file left behind.
 */
#include <check.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <briefing/plugin.h>

#include "crash.h"
#include "log.h"
#include "output.h"
#include "pool.h"
#include "test_util.h"

#define N_JOBS 10

typedef struct outcome {
    int calls[N_JOBS];
    pool_result results[N_JOBS];
    char folder[64];
} outcome;

static void work(void *arg, size_t job, pool_result *out)
{
    (void)arg;
    if (job == 3)
        abort();
    if (job == 5) {
        out->status = BRIEFING_ERR_DATA;
        snprintf(out->message, sizeof out->message, "job 5 has bad data");
        return;
    }
    out->pages = (int)job * 2;
}

static void done(void *arg, const pool_result *r)
{
    outcome *o = arg;

    ck_assert_uint_lt(r->job, N_JOBS);
    o->calls[r->job]++;
    o->results[r->job] = *r;
}

static void run_with_crash(int workers)
{
    outcome o;
    pool_options opt = {N_JOBS, workers, work, done, &o, 0};
    size_t i;
    diag d;

    memset(&o, 0, sizeof o);
    diag_clear(&d);
    log_set_verbosity(-1);
    ck_assert_int_eq(pool_run(&opt, &d), BRIEFING_OK);
    for (i = 0; i < N_JOBS; i++)
        ck_assert_msg(o.calls[i] == 1, "job %zu reported %d times", i, o.calls[i]);
    ck_assert_int_eq(o.results[3].status, BRIEFING_ERR_INTERNAL);
    ck_assert_msg(strstr(o.results[3].message, "crashed") && strstr(o.results[3].message, "signal 6"),
                  "%s", o.results[3].message);
    ck_assert_int_eq(o.results[5].status, BRIEFING_ERR_DATA);
    ck_assert_str_eq(o.results[5].message, "job 5 has bad data");
    for (i = 0; i < N_JOBS; i++) {
        if (i == 3 || i == 5)
            continue;
        ck_assert_int_eq(o.results[i].status, BRIEFING_OK);
        ck_assert_int_eq(o.results[i].pages, (int)i * 2);
    }
}

START_TEST(crash_is_reported_and_the_others_complete_one_worker)
{
    run_with_crash(1);
}
END_TEST

START_TEST(crash_is_reported_and_the_others_complete_three_workers)
{
    run_with_crash(3);
}
END_TEST

/* Job 2 starts writing a file, then has the run stopped as an administrator
 * would (SIGTERM to the parent), and waits to be killed. */
static void work_interrupted(void *arg, size_t job, pool_result *out)
{
    outcome *o = arg;
    char path[128];
    output file;

    if (job != 2) {
        out->pages = 1;
        return;
    }
    snprintf(path, sizeof path, "%s/two.pdf", o->folder);
    if (output_begin(&file, path, NULL) != BRIEFING_OK)
        _exit(99);
    kill(getppid(), SIGTERM);
    sleep(30);
    _exit(98); /* not reached: the signal kills it */
}

START_TEST(stop_signal_ends_the_run_cleanly)
{
    outcome o;
    pool_options opt = {N_JOBS, 1, work_interrupted, done, &o, 0};
    pool_signals saved;
    struct dirent *e;
    DIR *dir;
    size_t i;
    int left = 0;

    memset(&o, 0, sizeof o);
    strcpy(o.folder, "/tmp/test_pool.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(o.folder));
    log_set_verbosity(-1);
    pool_signals_catch(&saved);
    ck_assert_int_eq(pool_run(&opt, NULL), BRIEFING_ERR_TEMPFAIL);
    ck_assert_int_eq(pool_interrupted(), SIGTERM);
    pool_signals_restore(&saved);
    /* Jobs 0 and 1 finished, 2 was cut short, the rest never started. */
    ck_assert_int_eq(o.results[0].status, BRIEFING_OK);
    ck_assert_int_eq(o.results[1].status, BRIEFING_OK);
    ck_assert_int_eq(o.calls[2], 1);
    ck_assert_int_eq(o.results[2].status, BRIEFING_ERR_TEMPFAIL);
    for (i = 3; i < N_JOBS; i++)
        ck_assert_int_eq(o.calls[i], 0);
    /* The worker's handler removed the temporary file it was writing. */
    dir = opendir(o.folder);
    ck_assert_ptr_nonnull(dir);
    while ((e = readdir(dir)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            left++;
    closedir(dir);
    rmdir(o.folder);
    ck_assert_int_eq(left, 0);
}
END_TEST

/* Job 4 never ends (a plugin stuck in a loop); job 6 crashes in a
 * "plugin" it names first.  With a limit of 1 s, job 4's worker is killed
 * and reported with what it was running, and the others complete. */
static void work_hangs(void *arg, size_t job, pool_result *out)
{
    (void)arg;
    if (job == 4) {
        crash_note("the section plugin \"slow\" for job 4");
        for (;;)
            pause();
    }
    if (job == 6) {
        crash_note("the section plugin \"crashing\" for job 6");
        abort();
    }
    out->pages = 1;
}

START_TEST(a_job_past_the_time_limit_is_stopped)
{
    outcome o;
    pool_options opt = {N_JOBS, 2, work_hangs, done, &o, 1};
    size_t i;
    diag d;

    memset(&o, 0, sizeof o);
    diag_clear(&d);
    log_set_verbosity(-1);
    ck_assert_int_eq(pool_run(&opt, &d), BRIEFING_OK);
    for (i = 0; i < N_JOBS; i++) {
        ck_assert_msg(o.calls[i] == 1, "job %zu reported %d times", i, o.calls[i]);
        if (i != 4 && i != 6)
            ck_assert_int_eq(o.results[i].status, BRIEFING_OK);
    }
    ck_assert_int_eq(o.results[4].status, BRIEFING_ERR_INTERNAL);
    ck_assert_str_eq(o.results[4].message, "took longer than the time limit of 1 s (--timeout) "
                     "and was stopped in the section plugin \"slow\" for job 4");
    ck_assert_int_eq(o.results[6].status, BRIEFING_ERR_INTERNAL);
    ck_assert_str_eq(o.results[6].message, "the worker rendering it crashed (signal 6: Aborted) "
                     "in the section plugin \"crashing\" for job 6");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pool");
    TCase *tc = tcase_create("pool");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, crash_is_reported_and_the_others_complete_one_worker);
    tcase_add_test(tc, crash_is_reported_and_the_others_complete_three_workers);
    tcase_add_test(tc, stop_signal_ends_the_run_cleanly);
    tcase_add_test(tc, a_job_past_the_time_limit_is_stopped);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

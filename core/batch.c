#include "batch.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "lock.h"
#include "log.h"
#include "naming.h"
#include "output.h"
#include "paths.h"
#include "pool.h"
#include "progress.h"
#include "session.h"
#include "state.h"

/* The longest list of failed councils the summary prints. */
#define BATCH_SUMMARY_MAX 1500

typedef struct batch_job {
    const briefing_council *council;
    char path[PATH_MAX];  /* OUTDIR/NAME.pdf */
    int status;           /* -1 until it has ended */
    int existed;          /* a file was at path before the run ... */
    dev_t dev;            /* ... this one */
    ino_t ino;
} batch_job;

typedef struct batch {
    const command_args *args;
    session s;
    batch_job *jobs;
    size_t n_jobs;
    state_store state;
    int have_state;       /* --state-dir given */
    briefing_date today;  /* for {today} and the state's "briefed" */
    progress progress;
} batch;

/* ---- before the run ------------------------------------------------------- */

static int batch_check_args(const command_args *args, diag *d)
{
    if (args->template_name == NULL)
        return diag_set(d, BRIEFING_ERR_USAGE, "batch needs a template: -t TEMPLATE");
    if (args->output_dir == NULL)
        return diag_set(d, BRIEFING_ERR_USAGE, "batch needs an output folder: -O OUTDIR%s",
                        args->output ? " (-o names one file, for generate)" : "");
    if (args->output)
        return diag_set(d, BRIEFING_ERR_USAGE, "batch writes one file per council into -O "
                        "OUTDIR; -o is for generate");
    return naming_check(args->name_pattern ? args->name_pattern : NAMING_DEFAULT_PATTERN, d);
}

/* Makes the output folder when it is missing (its parent must exist). */
static int batch_outdir(const char *dir, diag *d)
{
    struct stat st;

    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return BRIEFING_OK;
    if (mkdir(dir, 0777) == 0)
        return BRIEFING_OK;
    return diag_set(d, BRIEFING_ERR_CANTCREAT, "-O %s: cannot make the output folder: %s", dir,
                    errno == EEXIST ? "a file of that name is in the way" : strerror(errno));
}

/* Adds council c to the jobs unless it is there already (named twice). */
static void batch_add_job(batch *b, const briefing_council *c)
{
    size_t i;

    for (i = 0; i < b->n_jobs; i++)
        if (b->jobs[i].council == c)
            return;
    b->jobs[b->n_jobs].council = c;
    b->jobs[b->n_jobs].status = -1;
    b->n_jobs++;
}

/* The councils -c names: "all" (or no -c) for every council of the data, or
 * a comma-separated list, each resolved as generate's -c. */
static int batch_councils(batch *b, diag *d)
{
    const briefing_dataset *ds = dataset_view(b->s.data);
    const char *list = b->args->council;
    char *copy = NULL, *item, *save = NULL;
    size_t i, most = ds->n_councils;
    int rc = BRIEFING_OK;

    if (ds->n_councils == 0)
        return diag_set(d, BRIEFING_ERR_DATA, "the data holds no council");
    if (list == NULL || strcasecmp(list, "all") == 0) {
        if ((b->jobs = calloc(most, sizeof *b->jobs)) == NULL)
            return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
        for (i = 0; i < ds->n_councils; i++)
            batch_add_job(b, ds->councils[i]);
        return BRIEFING_OK;
    }
    if ((b->jobs = calloc(most, sizeof *b->jobs)) == NULL || (copy = strdup(list)) == NULL) {
        free(copy);
        return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
    }
    for (item = strtok_r(copy, ",", &save); item && rc == 0; item = strtok_r(NULL, ",", &save)) {
        const briefing_council *c;
        char *end = item + strlen(item);

        while (*item == ' ')
            item++;
        while (end > item && end[-1] == ' ')
            *--end = '\0';
        if (*item && (rc = session_council(&b->s, item, &c, d)) == 0)
            batch_add_job(b, c);
    }
    free(copy);
    if (rc == 0 && b->n_jobs == 0)
        rc = diag_set(d, BRIEFING_ERR_USAGE, "-c \"%s\" names no council", list);
    return rc;
}

/* The calendar day of the run: SOURCE_DATE_EPOCH's (for reproducible
 * names), else today's local date. */
static briefing_date batch_today(const session *s)
{
    briefing_date today = {0, 0, 0};
    time_t now = time(NULL);
    struct tm tm;

    if (s->source_date_epoch >= 0)
        return date_from_epoch(s->source_date_epoch);
    if (localtime_r(&now, &tm) == NULL)
        return date_from_epoch((long long)now);
    today.year = tm.tm_year + 1900;
    today.month = tm.tm_mon + 1;
    today.day = tm.tm_mday;
    return today;
}

/* Gives every job its file name and path, telling apart names that came
 * out the same. */
static int batch_names(batch *b, diag *d)
{
    const char *pattern = b->args->name_pattern ? b->args->name_pattern : NAMING_DEFAULT_PATTERN;
    naming_set taken;
    size_t i;
    int rc = BRIEFING_OK;

    naming_set_init(&taken);
    for (i = 0; i < b->n_jobs && rc == 0; i++) {
        batch_job *j = &b->jobs[i];
        naming_vars v = {j->council->code, j->council->name, j->council->la_number,
                         b->s.as_of, b->today};
        char name[NAMING_MAX + 1], wanted[NAMING_MAX + 1];
        int claimed;

        if ((rc = naming_expand(pattern, &v, name, sizeof name, d)))
            break;
        memcpy(wanted, name, sizeof wanted);
        claimed = naming_set_claim(&taken, name, sizeof name, j->council->code);
        if (claimed < 0)
            rc = diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
        else if (claimed > 0)
            log_msg(LOG_WARN, NULL, "%s %s: \"%s\" is another council's briefing already; "
                    "writing \"%s\"", j->council->code, j->council->name, wanted, name);
        if (rc == 0 && paths_join(j->path, sizeof j->path, b->args->output_dir, name) != 0)
            rc = diag_set(d, BRIEFING_ERR_CANTCREAT, "-O %s: path too long",
                          b->args->output_dir);
    }
    naming_set_free(&taken);
    return rc;
}

/* ---- the run ------------------------------------------------------------------ */

/* In a worker: renders one council and, when its PDF is in place,
 * remembers its data. */
static void batch_work(void *arg, size_t i, pool_result *out)
{
    batch *b = arg;
    const briefing_council *c = b->jobs[i].council;
    cJSON *previous = NULL;
    diag d;
    int rc;

    diag_clear(&d);
    if (b->have_state && state_load(&b->state, c->code, &previous, &d) != BRIEFING_OK) {
        log_msg(LOG_WARN, NULL, "%s (this briefing compares with nothing; the file will be "
                "replaced)", d.text);
        diag_clear(&d);
    }
    session_set_previous(&b->s, previous);
    rc = session_render(&b->s, c, b->jobs[i].path, &out->pages, &d);
    if (rc == 0) {
        /* The PDF is in place: a stop signal now waits until its state is
         * saved and the parent told (pool.c unblocks it then), so that the
         * count of briefings written matches the folder. */
        sigset_t stop;

        sigemptyset(&stop);
        sigaddset(&stop, SIGINT);
        sigaddset(&stop, SIGTERM);
        sigaddset(&stop, SIGHUP);
        sigprocmask(SIG_BLOCK, &stop, NULL);
    }
    session_set_previous(&b->s, NULL);
    cJSON_Delete(previous);
    if (rc == 0 && b->have_state
        && (rc = state_save(&b->state, c, b->s.as_of, b->today, &d)) != 0)
        diag_prefix(&d, "wrote %s, but could not remember it for the next run", b->jobs[i].path);
    out->status = rc;
    if (rc)
        snprintf(out->message, sizeof out->message, "%s", d.text);
}

/* 1 when the run was stopped just after the worker renamed job j's PDF
 * into place (a new file at its path), before it could say so: the PDF is
 * whole (output.c renames only a complete file), so it counts as written. */
static int batch_written_anyway(const batch_job *j, const pool_result *r)
{
    struct stat st;

    if (r->status != BRIEFING_ERR_TEMPFAIL || stat(j->path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    return !j->existed || st.st_dev != j->dev || st.st_ino != j->ino;
}

/* In the parent: one council has ended. */
static void batch_done(void *arg, const pool_result *r)
{
    batch *b = arg;
    batch_job *j = &b->jobs[r->job];
    char line[PATH_MAX + DIAG_TEXT_MAX + 128];

    if (batch_written_anyway(j, r)) {
        j->status = BRIEFING_OK;
        snprintf(line, sizeof line, "%s %s: wrote %s (as the run was stopped)", j->council->code,
                 j->council->name, j->path);
        progress_ok(&b->progress, line);
        return;
    }
    j->status = r->status;
    if (r->status == BRIEFING_OK) {
        snprintf(line, sizeof line, "%s %s: wrote %s (%d page%s)", j->council->code,
                 j->council->name, j->path, r->pages, r->pages == 1 ? "" : "s");
        progress_ok(&b->progress, line);
        return;
    }
    /* A worker that died leaves its temporary files behind. */
    output_sweep(j->path);
    if (b->have_state && state_file(&b->state, j->council->code, line, sizeof line, NULL) == 0)
        output_sweep(line);
    snprintf(line, sizeof line, "%s %s: %s", j->council->code, j->council->name,
             r->message[0] ? r->message : "failed without saying why");
    progress_failed(&b->progress, line);
}

/* Prints the closing summary and returns the exit status. */
static int batch_summary(batch *b, int rc)
{
    size_t i, written = 0, failed = 0, listed = 0;
    int status = BRIEFING_OK;
    buf names;

    buf_init(&names, BATCH_SUMMARY_MAX);
    for (i = 0; i < b->n_jobs; i++) {
        const batch_job *j = &b->jobs[i];

        if (j->status == BRIEFING_OK) {
            written++;
            continue;
        }
        if (j->status < 0)
            continue; /* never started: interrupted */
        if (status == BRIEFING_OK)
            status = j->status;
        failed++;
        if (buf_printf(&names, "%s%s %s", listed ? ", " : "", j->council->code,
                       j->council->name) == 0)
            listed++;
    }
    progress_finish(&b->progress);
    {
        struct rusage ru;

        if (getrusage(RUSAGE_SELF, &ru) == 0)
            log_msg(LOG_DEBUG, NULL, "batch: parent peak memory %ld KiB", ru.ru_maxrss);
    }
    if (rc == BRIEFING_ERR_TEMPFAIL) {
        log_msg(LOG_ERROR, NULL, "batch: interrupted (%s): %zu of %zu briefings written; "
                "no temporary file is left in %s", strsignal(pool_interrupted()), written,
                b->n_jobs, b->args->output_dir);
        status = BRIEFING_ERR_TEMPFAIL;
    } else if (failed) {
        log_msg(LOG_ERROR, NULL, "batch: %zu of %zu briefings failed: %s%s", failed, b->n_jobs,
                names.data ? names.data : "", listed < failed ? ", and more (see above)" : "");
    } else if (log_verbosity() >= 0) {
        printf("%zu briefing%s written to %s in %.1f s\n", written, written == 1 ? "" : "s",
               b->args->output_dir, progress_elapsed(&b->progress));
    }
    buf_free(&names);
    return status;
}

/* Everything up to the first file written: load, choose the councils,
 * name them (so that a usage error leaves nothing behind), then make and
 * lock the output folder and clear what a killed run left in it. */
static int batch_prepare(batch *b, lock *l, diag *d)
{
    size_t i;
    int rc;

    if ((rc = command_load(b->args, &b->s, d)) || (rc = batch_councils(b, d)))
        return rc;
    b->s.files_only = 1; /* a FIFO or device in OUTDIR is refused, not written to */
    b->today = batch_today(&b->s);
    if ((rc = batch_names(b, d)) || (rc = batch_outdir(b->args->output_dir, d))
        || (rc = lock_acquire(l, b->args->output_dir, d)))
        return rc;
    for (i = 0; i < b->n_jobs; i++) {
        struct stat st;

        output_sweep(b->jobs[i].path);
        if (stat(b->jobs[i].path, &st) == 0) {
            b->jobs[i].existed = 1;
            b->jobs[i].dev = st.st_dev;
            b->jobs[i].ino = st.st_ino;
        }
    }
    if (b->args->state_dir) {
        if ((rc = state_open(&b->state, b->args->state_dir, b->s.tpl->path, d)))
            return rc;
        b->have_state = 1;
        b->s.state_kept = 1; /* sections may tell a first briefing from no tracking */
    }
    return BRIEFING_OK;
}

/* Renders every council and sums up. */
static int batch_run(batch *b, diag *d)
{
    pool_options o;
    int rc;

    if (pool_interrupted())
        return diag_set(d, BRIEFING_ERR_TEMPFAIL, "batch: interrupted (%s) before any "
                        "briefing was written", strsignal(pool_interrupted()));
    progress_start(&b->progress, b->n_jobs, log_verbosity() < 0);
    o.n_jobs = b->n_jobs;
    o.n_workers = b->args->jobs;
    o.work = batch_work;
    o.done = batch_done;
    o.arg = b;
    o.timeout_s = b->args->timeout;
    /* Workers print warnings once between them, as a single run would. */
    if (log_share() != 0)
        log_msg(LOG_DEBUG, NULL, "batch: no shared memory; a warning may be printed by each worker");
    rc = pool_run(&o, d);
    if (rc && rc != BRIEFING_ERR_TEMPFAIL)
        return rc;
    return batch_summary(b, rc);
}

int command_batch(const command_args *args)
{
    pool_signals signals;
    batch b;
    lock l = {-1, ""};
    diag d;
    int rc;

    memset(&b, 0, sizeof b);
    b.args = args;
    diag_clear(&d);
    rc = batch_check_args(args, &d);
    if (rc == 0) {
        pool_signals_catch(&signals);
        rc = batch_prepare(&b, &l, &d);
        if (rc == 0)
            rc = batch_run(&b, &d);
        pool_signals_restore(&signals);
    }
    session_close(&b.s);
    free(b.jobs);
    lock_release(&l);
    /* batch_summary reported the councils' failures itself. */
    return d.status ? command_report(&d) : rc;
}

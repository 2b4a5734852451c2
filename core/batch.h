/*
 * batch: `briefing batch`, one briefing per council into a folder, made to
 * run unattended under cron or a systemd timer.
 *
 *   1. the output folder is made if missing and locked (lock.h): a second
 *      run on it exits 75 naming the holder;
 *   2. the template, plugins and data are loaded once;
 *   3. each council gets a safe, distinct file name (naming.h);
 *   4. forked workers (-j N, pool.h) render the councils, each PDF written
 *      beside its final name and renamed when complete (output.h); a worker
 *      that crashes fails only its council;
 *   5. with --state-dir, each council's data is remembered after its PDF is
 *      written (state.h), for the `changes` section of the next run;
 *   6. a summary names every council that failed.
 *
 * Exit status: 0 when every briefing was written; 75 when a signal stopped
 * the run (the finished PDFs are kept, no temporary file is left);
 * otherwise the status of the first council (in the data's order) that
 * failed.
 */
#ifndef BRIEFING_BATCH_H
#define BRIEFING_BATCH_H

/* --timeout: the seconds one council's briefing may take before its worker
 * is killed and the council reported failed (70).  The default leaves room
 * for sanitizer and valgrind runs, which are 20 to 50 times slower than a
 * release build's second or two; 0 means no limit. */
#define BATCH_DEFAULT_TIMEOUT 600
#define BATCH_MAX_TIMEOUT 86400

/* command_batch(args) is declared with the other commands. */
#include "commands.h"

#endif

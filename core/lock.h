/*
 * lock: one run at a time per output folder.
 *
 * The lock is an flock(2) lock on OUTDIR/.briefing.lock, which holds the
 * holder's process id, host and start time so that a refused run can say
 * who is in the way.  The kernel drops the lock when its holder dies, however
 * it dies, so a lock file left by a killed run is simply taken over (and the
 * take-over is mentioned).  The file itself stays in the folder: removing it
 * would let a run that opened it a moment before lock a file nobody else sees.
 *
 * Forked workers inherit the lock with the descriptor, so the folder stays
 * locked until the last process of a run is gone.
 */
#ifndef BRIEFING_LOCK_H
#define BRIEFING_LOCK_H

#include <limits.h>

#include "diag.h"

#define LOCK_FILE_NAME ".briefing.lock"

typedef struct lock {
    int fd;              /* -1 when not held */
    char path[PATH_MAX];
} lock;

/* Takes the lock of folder dir (which must exist) without waiting.
 * BRIEFING_ERR_TEMPFAIL when another run holds it, with a message naming
 * the holder ("process 1234 on HOST, started ..."); BRIEFING_ERR_CANTCREAT
 * when the lock file cannot be opened.  l->fd is -1 unless it succeeded. */
int lock_acquire(lock *l, const char *dir, diag *d);

/* Empties the lock file and releases the lock; harmless when not held. */
void lock_release(lock *l);

#endif

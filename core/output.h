/*
 * output: writing a file so that a failure never leaves a half-written or
 * clobbered one.  The content goes to a temporary file in the same folder as
 * the final name (so the rename cannot cross file systems), is flushed to
 * disk, and is renamed over the final name only when complete.
 *
 *     output o;
 *     if (output_begin(&o, "pack.pdf", d) == 0) {
 *         ... write to o.tmp_path ...
 *         rc = ok ? output_commit(&o, d) : (output_abort(&o), rc);
 *     }
 */
#ifndef BRIEFING_OUTPUT_H
#define BRIEFING_OUTPUT_H

#include "diag.h"

typedef struct output {
    char *final_path; /* owned */
    char *tmp_path;   /* owned: ".NAME.XXXXXX" beside the final name, or the
                         final path itself when that is a device or a pipe */
    int direct;       /* 1: writing straight to a device or pipe (/dev/stdout) */
} output;

/* Creates the (empty) temporary file.  BRIEFING_ERR_CANTCREAT naming the
 * folder when it cannot (no such folder, no permission, the final name is a
 * folder).  When the final name is an existing device or pipe (/dev/stdout,
 * /dev/full), there is nothing to rename: the content is written to it
 * directly, and a write error is still reported as one. */
int output_begin(output *o, const char *final_path, diag *d);

/* Flushes the temporary file to disk and renames it to the final name.
 * BRIEFING_ERR_IO when that fails (the temporary file is then removed). */
int output_commit(output *o, diag *d);

/* Removes the temporary file and frees o. */
void output_abort(output *o);

/* The temporary files of every output begun and not yet committed or
 * aborted, for a signal handler to remove (async-signal-safe: unlink only). */
void output_unlink_pending(void);

/* Writes text (and a final newline) to path atomically, as above. */
int output_write_text(const char *path, const char *text, diag *d);

/* Removes what output_begin may have left for final_path (".NAME.XXXXXX"
 * beside it) when the process writing it died.  Not for a signal handler;
 * returns how many files it removed. */
int output_sweep(const char *final_path);

#endif

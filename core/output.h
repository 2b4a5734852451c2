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
 *
 * The temporary file is held open with an flock(2) lock while it is
 * written, so that a later run can tell a temporary file a dead run left
 * (its lock can be taken: output_sweep removes it) from one a live process
 * is writing (left alone).  A stream (a device, a pipe, /dev/stdout, "-")
 * cannot be made atomic; output_begin_stream accepts one: the content is
 * written to a private spool file and then copied straight through.
 */
#ifndef BRIEFING_OUTPUT_H
#define BRIEFING_OUTPUT_H

#include "diag.h"

typedef struct output {
    char *final_path; /* owned */
    char *tmp_path;   /* owned: the file to write by name: ".NAME.XXXXXX"
                         beside the final name, or for a stream the spool file
                         ".briefing-spool.XXXXXX" in $TMPDIR or /tmp */
    int fd;           /* tmp_path, open and locked until commit or abort */
    int stream;       /* the stream the content is copied to, or -1 */
    int direct;       /* 1: final_path is a stream (stream >= 0) */
} output;

/* Creates the (empty) temporary file for a regular file at final_path, after
 * removing the stale temporaries of that name (output_sweep).  It keeps the
 * mode and group of the file it will replace where it can (a new one gets
 * 0666 less the umask).  BRIEFING_ERR_USAGE when the path is empty;
 * BRIEFING_ERR_CANTCREAT naming the folder when it cannot create the file
 * (no such folder, no permission, the final name is a folder), or when the
 * final name is something other than a regular file (a device, a pipe, a
 * socket): only a file can be written here. */
int output_begin(output *o, const char *final_path, diag *d);

/* As output_begin, but final_path may also be a stream, written straight
 * through: "-" (standard output), /dev/stdout, /dev/stderr, /dev/fd/N, or an
 * existing device, FIFO (the open waits for a reader, as a FIFO does).  A
 * write error there is still an error (BRIEFING_ERR_IO). */
int output_begin_stream(output *o, const char *final_path, diag *d);

/* 1 when final_path is a stream output_begin_stream would write straight
 * through ("-", /dev/stdout, an existing device or FIFO), else 0. */
int output_is_stream(const char *final_path);

/* Flushes the temporary file to disk and renames it to the final name (or
 * copies it to the stream).  BRIEFING_ERR_IO when that fails (the temporary
 * file is then removed). */
int output_commit(output *o, diag *d);

/* Removes the temporary file and frees o. */
void output_abort(output *o);

/* The temporary files of every output begun and not yet committed or
 * aborted, for a signal handler to remove (async-signal-safe: unlink only). */
void output_unlink_pending(void);

/* For generate and convert: on SIGINT, SIGTERM or SIGHUP (unless ignored,
 * as under nohup), remove the pending temporary files, say so, and exit 75
 * (BRIEFING_ERR_TEMPFAIL), as an interrupted batch does. */
void output_catch_signals(void);

/* Writes text (and a final newline) to path atomically, as above; a regular
 * file only (output_begin). */
int output_write_text(const char *path, const char *text, diag *d);

/* The same, a stream allowed (output_begin_stream). */
int output_write_text_stream(const char *path, const char *text, diag *d);

/* Removes what output_begin left for final_path (".NAME.XXXXXX" beside it)
 * when the process writing it died: a regular file of this user's, never a
 * symlink, whose lock can be taken (a live writer holds it; output_begin
 * makes its file again if a sweep took it before it was locked).  Not for a signal
 * handler; returns how many files it removed. */
int output_sweep(const char *final_path);

#endif

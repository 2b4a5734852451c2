/*
 * crash: saying which plugin was running when the program crashed.
 *
 * Plugins run in our process; a bug in one (a segmentation fault, an
 * abort) used to end the run with no word of what had failed.  The code
 * that calls a plugin first says what it is about to do with crash_note
 * ("the source plugin "csv" reading data.csv"); crash_catch installs a
 * handler for the crash signals that prints it, removes the temporary
 * output files (output_unlink_pending) and exits 70.  A batch worker
 * (pool.c) copies every note into memory its parent shares and dies of
 * the signal itself, so that the parent reports the council, the signal
 * and the plugin.  Under a sanitizer, its own handler runs after ours.
 *
 *     crash_note("the section plugin \"%s\" for %s", name, council);
 *     rc = plugin->render(...);
 *     crash_note(NULL);
 */
#ifndef BRIEFING_CRASH_H
#define BRIEFING_CRASH_H

#include <stddef.h>

#define CRASH_NOTE_MAX 512

/* Sets what the process is doing now (printf-style), or clears it (NULL). */
void crash_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Installs the handler for SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT in
 * this process (once; on an alternate stack, so a stack overflow is
 * caught too). */
void crash_catch(void);

/* In a batch worker: every note is also copied to slot (size bytes, shared
 * with the parent), and a crash is left to the parent to report: the
 * handler removes the temporary files and dies of the signal. */
void crash_worker(char *slot, size_t size);

#endif

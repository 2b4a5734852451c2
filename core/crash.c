/*
 * crash.c: the note of what is running, and the crash handler that prints
 * it (see crash.h).  The handler uses only async-signal-safe calls: write,
 * sigaction, raise, _exit, and output_unlink_pending (unlink only).
 */
#include "crash.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <briefing/status.h>

#include "output.h"

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
#define CRASH_N_SIGNALS (sizeof crash_signals / sizeof crash_signals[0])

static char crash_text[CRASH_NOTE_MAX];
static char *crash_slot;        /* a worker's shared copy, or NULL */
static size_t crash_slot_size;
static volatile sig_atomic_t crash_in_worker;
static struct sigaction crash_old[CRASH_N_SIGNALS];
static int crash_installed;

void crash_note(const char *fmt, ...)
{
    va_list ap;

    crash_text[0] = '\0';
    if (fmt) {
        va_start(ap, fmt);
        vsnprintf(crash_text, sizeof crash_text, fmt, ap);
        va_end(ap);
    }
    if (crash_slot)
        snprintf(crash_slot, crash_slot_size, "%s", crash_text);
}

void crash_worker(char *slot, size_t size)
{
    crash_slot = size ? slot : NULL;
    crash_slot_size = size;
    crash_in_worker = 1;
    if (crash_slot)
        crash_slot[0] = '\0';
}

static void crash_write(const char *s)
{
    if (write(STDERR_FILENO, s, strlen(s)) < 0) {
        /* nothing left to tell it to */
    }
}

static const char *crash_signal_name(int sig)
{
    switch (sig) {
    case SIGSEGV: return "Segmentation fault";
    case SIGBUS: return "Bus error";
    case SIGILL: return "Illegal instruction";
    case SIGFPE: return "Floating point exception";
    case SIGABRT: return "Aborted";
    default: return "a crash";
    }
}

static void crash_handler(int sig, siginfo_t *info, void *uc)
{
    char num[4] = {0};
    size_t i;
    int chained = 0;

    (void)uc;
    output_unlink_pending();
    if (!crash_in_worker) {
        num[0] = (char)('0' + sig / 10 % 10);
        num[1] = (char)('0' + sig % 10);
        crash_write("briefing: crashed (signal ");
        crash_write(sig >= 10 ? num : num + 1);
        crash_write(": ");
        crash_write(crash_signal_name(sig));
        crash_write(")");
        if (crash_text[0]) {
            crash_write(" in ");
            crash_write(crash_text);
            crash_write(": a bug in that plugin\n");
        } else {
            crash_write(": a bug in briefing\n");
        }
    }
    for (i = 0; i < CRASH_N_SIGNALS; i++) {
        if (crash_signals[i] == sig) {
            sigaction(sig, &crash_old[i], NULL);
            chained = crash_old[i].sa_handler != SIG_DFL;
        }
    }
    /* A worker dies of the signal, for its parent to see; the program
     * exits 70 (sysexits: EX_SOFTWARE), unless a sanitizer's handler was
     * there before ours and should have its say. */
    if (!crash_in_worker && !chained)
        _exit(BRIEFING_ERR_INTERNAL);
    if (info && info->si_code > 0 && sig != SIGABRT)
        return; /* the faulting instruction runs again, now under the old handler */
    raise(sig);
}

void crash_catch(void)
{
    static char stack[64 * 1024];
    stack_t ss, old;
    struct sigaction sa;
    size_t i;

    if (crash_installed)
        return;
    crash_installed = 1;
    /* A sanitizer may have set an alternate stack already: keep it. */
    if (sigaltstack(NULL, &old) == 0 && (old.ss_flags & SS_DISABLE)) {
        ss.ss_sp = stack;
        ss.ss_size = sizeof stack;
        ss.ss_flags = 0;
        sigaltstack(&ss, NULL);
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = crash_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < CRASH_N_SIGNALS; i++)
        sigaction(crash_signals[i], &sa, &crash_old[i]);
}

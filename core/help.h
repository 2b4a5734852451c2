/*
 * help: what `briefing --help` and `briefing COMMAND --help` print. The
 * texts live here, one per command, so that the command line (main.c) and
 * the man page (docs/briefing.1) have one place to be kept in step with.
 */
#ifndef BRIEFING_HELP_H
#define BRIEFING_HELP_H

/* The text for command NAME (its usage and options), or, for NULL, the
 * program's usage: every command on a line. NULL for an unknown NAME. */
const char *help_text(const char *name);

#endif

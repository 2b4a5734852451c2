/*
 * commands: what each command of the command line does, given its parsed
 * arguments.  Each returns the process exit status and has reported its
 * error, if any, on stderr.
 */
#ifndef BRIEFING_COMMANDS_H
#define BRIEFING_COMMANDS_H

#include <stddef.h>

typedef struct command_args {
    const char *template_name;  /* -t */
    const char **data;          /* -d, in order (borrowed from argv) */
    size_t n_data;
    const char *council;        /* -c */
    const char *output;         /* -o */
    const char *output_dir;     /* -O */
    const char *as_of;          /* --as-of */
    const char **plugin_dirs;   /* --plugin-dir, in order */
    size_t n_plugin_dirs;
    const char *describe;       /* plugins --describe */
    const char *name_pattern;   /* batch --name */
    const char *state_dir;      /* batch --state-dir */
    int jobs;                   /* batch -j, 1 by default */
    unsigned timeout;           /* batch --timeout: seconds a briefing may take, 0: no limit */
    int verbosity;              /* -1 quiet, 0, 1 verbose */
    int help;
} command_args;

typedef struct command {
    const char *name;
    int (*run)(const command_args *args);
} command;

/* The command of that name, or NULL. */
const command *command_find(const char *name);

/* Reports d's message on stderr (once, at the top) and returns its status as
 * an exit status. */
struct diag;
int command_report(const struct diag *d);

/* Opens session s with the arguments' template and plugin folders, loads
 * the template's data files and every -d, and builds the dataset as of
 * --as-of.  The caller closes s whatever happened. */
struct session;
int command_load(const command_args *args, struct session *s, struct diag *d);

int command_generate(const command_args *args);
int command_check(const command_args *args);
int command_plugins(const command_args *args);
int command_convert(const command_args *args);
int command_batch(const command_args *args); /* batch.c */

#endif

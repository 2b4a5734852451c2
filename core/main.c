/*
 * main: the command line.  Parses the arguments of each command into a
 * session's options, runs the command, and reports its one error, once,
 * with the exit status it carries (sysexits.h).
 */
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <briefing/version.h>

#include "batch.h"
#include "commands.h"
#include "crash.h"
#include "help.h"
#include "log.h"

enum {
    OPT_AS_OF = 256,
    OPT_PLUGIN_DIR,
    OPT_DESCRIBE,
    OPT_NAME,
    OPT_STATE_DIR,
    OPT_TIMEOUT,
    OPT_HELP,
};

static const struct option long_options[] = {
    {"template", required_argument, NULL, 't'},
    {"data", required_argument, NULL, 'd'},
    {"council", required_argument, NULL, 'c'},
    {"output", required_argument, NULL, 'o'},
    {"output-dir", required_argument, NULL, 'O'},
    {"jobs", required_argument, NULL, 'j'},
    {"as-of", required_argument, NULL, OPT_AS_OF},
    {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
    {"describe", required_argument, NULL, OPT_DESCRIBE},
    {"name", required_argument, NULL, OPT_NAME},
    {"state-dir", required_argument, NULL, OPT_STATE_DIR},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"verbose", no_argument, NULL, 'v'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "briefing: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(briefing --help lists the commands, briefing COMMAND --help its options)\n");
    return EX_USAGE;
}

/* Every failure says what was wrong, even this one (stderr is unbuffered, so
 * printing needs no memory). */
static int out_of_memory(void)
{
    fputs("briefing: out of memory reading the command line\n", stderr);
    return EX_OSERR;
}

/* Appends to a growable array of strings that borrow argv. */
static int push(const char ***list, size_t *n, const char *value)
{
    const char **grown = realloc((void *)*list, (*n + 1) * sizeof **list);

    if (grown == NULL)
        return -1;
    grown[(*n)++] = value;
    *list = grown;
    return 0;
}

static int parse_jobs(const char *text, int *jobs)
{
    char *end;
    long v = strtol(text, &end, 10);

    if (*text == '\0' || *end != '\0' || v < 1 || v > 64)
        return -1;
    *jobs = (int)v;
    return 0;
}

/* batch --timeout: whole seconds, 0 for no limit, at most a day. */
static int parse_timeout(const char *text, unsigned *seconds)
{
    char *end;
    long v = strtol(text, &end, 10);

    if (*text == '\0' || *end != '\0' || v < 0 || v > BATCH_MAX_TIMEOUT)
        return -1;
    *seconds = (unsigned)v;
    return 0;
}

/* Parses argv[2..] into args.  Returns 0, or an exit status. */
static int parse(int argc, char **argv, command_args *args)
{
    int c;

    optind = 2;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":t:d:c:o:O:j:vqh", long_options, NULL)) != -1) {
        switch (c) {
        case 't': args->template_name = optarg; break;
        case 'd':
            if (push(&args->data, &args->n_data, optarg) != 0)
                return out_of_memory();
            break;
        case 'c': args->council = optarg; break;
        case 'o': args->output = optarg; break;
        case 'O': args->output_dir = optarg; break;
        case 'j':
            if (parse_jobs(optarg, &args->jobs) != 0)
                return usage_error("-j %s: expected a number of workers from 1 to 64", optarg);
            break;
        case OPT_AS_OF: args->as_of = optarg; break;
        case OPT_PLUGIN_DIR:
            if (push(&args->plugin_dirs, &args->n_plugin_dirs, optarg) != 0)
                return out_of_memory();
            break;
        case OPT_DESCRIBE: args->describe = optarg; break;
        case OPT_NAME: args->name_pattern = optarg; break;
        case OPT_STATE_DIR: args->state_dir = optarg; break;
        case OPT_TIMEOUT:
            if (parse_timeout(optarg, &args->timeout) != 0)
                return usage_error("--timeout %s: expected a number of seconds from 0 (no limit) "
                                   "to 86400", optarg);
            break;
        case 'v': args->verbosity = 1; break;
        case 'q': args->verbosity = -1; break;
        case 'h':
        case OPT_HELP: args->help = 1; break;
        case ':':
            return usage_error("%s needs an argument", argv[optind - 1]);
        default:
            return usage_error("unknown option %s", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return usage_error("unexpected argument \"%s\"", argv[optind]);
    return 0;
}

int main(int argc, char **argv)
{
    command_args args = {0};
    const command *cmd;
    int rc;

#ifdef __GLIBC__
    /* Keep freed memory in the process: libharu frees and reallocates large
     * buffers all the time, and giving them back to the kernel only to fault
     * them in again cost a third of a briefing's time (bench/README.md). */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 1 << 20);
#endif
    if (argc < 2)
        return usage_error("%s", "no command given");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(help_text(NULL), stdout);
        return 0;
    }
    /* briefing help [COMMAND]: the same as briefing [COMMAND] --help. */
    if (strcmp(argv[1], "help") == 0) {
        if (argc > 3)
            return usage_error("unexpected argument \"%s\"", argv[3]);
        if (argc == 3 && help_text(argv[2]) == NULL)
            return usage_error("unknown command \"%s\"", argv[2]);
        fputs(help_text(argc == 3 ? argv[2] : NULL), stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("briefing %s (plugin ABI %d.%d)\n", BRIEFING_VERSION, BRIEFING_ABI_MAJOR,
               BRIEFING_ABI_MINOR);
        return 0;
    }
    cmd = command_find(argv[1]);
    if (cmd == NULL)
        return usage_error("unknown command \"%s\"", argv[1]);
    args.jobs = 1;
    args.timeout = BATCH_DEFAULT_TIMEOUT;
    rc = parse(argc, argv, &args);
    if (rc == 0 && args.help) {
        fputs(help_text(argv[1]), stdout);
    } else if (rc == 0) {
        log_set_verbosity(args.verbosity);
        crash_catch(); /* a plugin that crashes is named, and exits 70 */
        rc = cmd->run(&args);
    }
    free((void *)args.data);
    free((void *)args.plugin_dirs);
    log_reset();
    return rc;
}

/*
 * help: the usage and option texts of the command line, one per command
 * (help.h). Plain strings, printed as they are: a new option goes into the
 * text of each command that takes it, into the overall usage if it is worth
 * a line there, and into docs/briefing.1.
 */
#include "help.h"

#include <stddef.h>
#include <string.h>

/* The options every command takes, at the end of each command's text. */
#define HELP_COMMON \
    "      --plugin-dir DIR      look for plugins in DIR first (repeatable)\n" \
    "  -v, --verbose             print more (debug lines)\n" \
    "  -q, --quiet               print nothing but errors\n" \
    "  -h, --help                print this and exit\n"

#define HELP_DATA \
    "  -d, --data [SOURCE:]FILE  add a data file (repeatable); the source plugin\n" \
    "                            that recognises it reads it, or SOURCE names one\n"

#define HELP_TEMPLATE \
    "  -t, --template TEMPLATE   an installed template by name (councillor-pack,\n" \
    "                            one-page, improvement-board) or a .json file\n"

#define HELP_AS_OF \
    "      --as-of DATE          the data as it stood on DATE (YYYY-MM-DD); by\n" \
    "                            default the data's own as_of\n"

#define HELP_EXIT \
    "\nExit status: 0 done, 64 usage, 65 bad data, 66 missing input, 70 internal,\n" \
    "71 out of memory, 73 cannot create output, 74 write failed, 75 locked or\n" \
    "interrupted, 78 bad template. See man briefing.\n"

static const char help_usage[] =
    "usage:\n"
    "  briefing generate -t TEMPLATE [-d DATA]... [-c COUNCIL] [--as-of DATE] -o OUT.pdf\n"
    "  briefing batch    -t TEMPLATE [-d DATA]... [-c all|COUNCIL,...] -O OUTDIR\n"
    "                    [--name PATTERN] [-j N] [--state-dir DIR] [--as-of DATE]\n"
    "                    [--timeout SECONDS] [--quiet]\n"
    "  briefing check    -t TEMPLATE [-d DATA]... [-c COUNCIL] [--as-of DATE]\n"
    "  briefing plugins  [--describe NAME]\n"
    "  briefing convert  [-d DATA]... -o RECORDS.db|DATASET.json\n"
    "  briefing --help | --version\n"
    "\n"
    "Options for every command: --plugin-dir DIR (repeatable), -v/--verbose, -q/--quiet\n"
    "\n"
    "-d DATA adds a data file; the source plugin that recognises it reads it, or\n"
    "name one with -d PLUGIN:PATH.  -c takes a GSS code, a DfE number or a name.\n"
    "briefing COMMAND --help lists a command's options; man briefing says more.\n"
    "Exit status: 0 done, 64 usage, 65 bad data, 66 missing input, 70 internal,\n"
    "71 out of memory, 73 cannot create output, 74 write failed, 75 locked or\n"
    "interrupted, 78 bad template.\n";

static const char help_generate[] =
    "usage: briefing generate -t TEMPLATE [-d DATA]... [-c COUNCIL] [--as-of DATE] -o OUT.pdf\n"
    "\n"
    "Writes one council's briefing as a PDF. A failed run writes nothing and\n"
    "leaves an existing OUT.pdf as it was.\n"
    "\n" HELP_TEMPLATE HELP_DATA
    "  -c, --council COUNCIL     the council, when the data holds several: a GSS\n"
    "                            code (E10000020), a DfE number (926) or a name\n"
    HELP_AS_OF
    "  -o, --output OUT.pdf      the PDF to write: a file is replaced whole or not\n"
    "                            at all; '-', a FIFO or a device is written straight\n"
    "                            through\n"
    HELP_COMMON HELP_EXIT;

static const char help_batch[] =
    "usage: briefing batch -t TEMPLATE [-d DATA]... [-c all|COUNCIL,...] -O OUTDIR\n"
    "                      [--name PATTERN] [-j N] [--state-dir DIR] [--as-of DATE]\n"
    "                      [--timeout SECONDS] [--quiet]\n"
    "\n"
    "Writes one briefing per council into OUTDIR, for cron or a systemd timer\n"
    "(docs/scheduling.md). Two runs never write one folder at once: the second\n"
    "exits 75. When some councils fail the others are still written.\n"
    "\n" HELP_TEMPLATE HELP_DATA
    "  -c, --council all|LIST    every council in the data (the default), or some,\n"
    "                            comma-separated, each a GSS code, DfE number or name\n"
    "  -O, --output-dir OUTDIR   the folder the PDFs go into (made if missing)\n"
    "      --name PATTERN        file names; default {code}-{name}-{as_of:%Y-%m}.pdf\n"
    "                            (fields {code} {name} {la_number} {as_of} {today})\n"
    "  -j, --jobs N              render with N worker processes (1 to 64; default 1)\n"
    "      --state-dir DIR       remember each council's data, so that the next run's\n"
    "                            changes section says what moved since\n"
    "      --timeout SECONDS     stop a briefing's worker past this time and go on\n"
    "                            with the others (default 600; 0 for no limit)\n"
    HELP_AS_OF HELP_COMMON HELP_EXIT;

static const char help_check[] =
    "usage: briefing check -t TEMPLATE [-d DATA]... [-c COUNCIL] [--as-of DATE]\n"
    "\n"
    "Loads the data, runs the template's sections and lays out the pages for\n"
    "one council, or for every council in the data without -c, and writes no\n"
    "PDF. Reports every problem found, not only the first, and prints one \"ok\"\n"
    "line when there was none.\n"
    "\n" HELP_TEMPLATE HELP_DATA
    "  -c, --council COUNCIL     only this council (a GSS code, DfE number or name)\n"
    HELP_AS_OF HELP_COMMON HELP_EXIT;

static const char help_plugins[] =
    "usage: briefing plugins [--describe NAME]\n"
    "\n"
    "Lists the plugins found (kind, name, version, what it does), and any that\n"
    "was refused with the reason. Plugins are looked for in each --plugin-dir,\n"
    "then in $BRIEFING_PLUGIN_PATH, then in the installed folder.\n"
    "\n"
    "      --describe NAME       what plugin NAME does, and its options\n"
    HELP_COMMON HELP_EXIT;

static const char help_convert[] =
    "usage: briefing convert [-d DATA]... -o RECORDS.db|DATASET.json\n"
    "\n"
    "Reads every data file given and writes what the sources made of them,\n"
    "merged: as the native JSON dataset (.json), or into a SQLite records\n"
    "database (.db or .sqlite: created, or updated in place), which -d reads back.\n"
    "\n" HELP_DATA
    "  -o, --output FILE         DATASET.json, or RECORDS.db / RECORDS.sqlite\n"
    HELP_COMMON HELP_EXIT;

static const struct {
    const char *name;
    const char *text;
} help_texts[] = {
    {"generate", help_generate}, {"batch", help_batch},     {"check", help_check},
    {"plugins", help_plugins},   {"convert", help_convert},
};

const char *help_text(const char *name)
{
    size_t i;

    if (name == NULL)
        return help_usage;
    for (i = 0; i < sizeof help_texts / sizeof help_texts[0]; i++)
        if (strcmp(help_texts[i].name, name) == 0)
            return help_texts[i].text;
    return NULL;
}

/*
 * briefing/plugin.h: the plugin ABI.
 *
 * A plugin is a shared object that exports one symbol, `briefing_plugin_info`, a
 * const briefing_plugin descriptor.  The descriptor opens with the ABI
 * version and its own size, so the host can refuse a plugin built for another
 * ABI before it reads anything else (see version.h for the promise).
 *
 * A plugin links against nothing of the host's: every service (dataset
 * access, logging, errors, options, the layout engine, the CSV reader, the
 * register of councils and the shared analysis) comes through the
 * briefing_host table handed to each callback.  Build one out of tree with
 *
 *     cc -shared -fPIC -o myplugin.so myplugin.c \
 *        $(pkg-config --cflags --libs briefing-plugin)
 *
 * A minimal section:
 *
 *     static int render(const briefing_host *h, briefing_ctx *ctx,
 *                       const briefing_dataset *ds,
 *                       const briefing_council *c, briefing_doc *doc)
 *     {
 *         int rc = h->layout->heading(doc, 1, "Hello");
 *         return rc ? rc : h->layout->paragraph(doc, c->name);
 *     }
 *     BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
 *         BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
 *         .name = "hello", .version = "1.0", .description = "Says hello",
 *         .render = render,
 *     };
 */
#ifndef BRIEFING_PLUGIN_H
#define BRIEFING_PLUGIN_H

#include <stddef.h>
#include "version.h"
#include "dataset.h"
#include "json.h"
#include "layout.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Status values.  They equal the sysexits.h codes the program exits with, so
 * a plugin's failure maps straight to the right exit status. */
enum {
    BRIEFING_OK = 0,
    BRIEFING_ERR_USAGE = 64,     /* EX_USAGE */
    BRIEFING_ERR_DATA = 65,      /* EX_DATAERR: the input is wrong */
    BRIEFING_ERR_NOINPUT = 66,   /* EX_NOINPUT: missing or unreadable input */
    BRIEFING_ERR_INTERNAL = 70,  /* EX_SOFTWARE: a bug, or a failure not due to data */
    BRIEFING_ERR_NOMEM = 71,     /* EX_OSERR: out of memory or another OS resource */
    BRIEFING_ERR_CANTCREAT = 73, /* EX_CANTCREAT: the output cannot be created */
    BRIEFING_ERR_IO = 74,        /* EX_IOERR: writing failed */
    BRIEFING_ERR_TEMPFAIL = 75,  /* EX_TEMPFAIL: locked, or interrupted */
    BRIEFING_ERR_CONFIG = 78     /* EX_CONFIG: a bad template */
};

typedef enum briefing_plugin_kind {
    BRIEFING_PLUGIN_SOURCE = 1,
    BRIEFING_PLUGIN_SECTION = 2
} briefing_plugin_kind;

typedef enum briefing_option_type {
    BRIEFING_OPTION_STRING = 1,
    BRIEFING_OPTION_NUMBER,
    BRIEFING_OPTION_BOOL,
    BRIEFING_OPTION_LIST /* a JSON array of strings in the template */
} briefing_option_type;

/* One option a plugin accepts from the template.  default_value is written
 * as the user would: "5", "true", "some text", or for a list the items
 * separated by commas ("looked_after_rate,looked_after_children"); NULL
 * means no default. */
typedef struct briefing_option {
    const char *name;
    briefing_option_type type;
    const char *default_value;
    const char *help; /* one line */
} briefing_option;

typedef enum briefing_log_level {
    BRIEFING_LOG_DEBUG = 0, /* shown with -v */
    BRIEFING_LOG_INFO,      /* shown unless --quiet */
    BRIEFING_LOG_WARN       /* shown unless --quiet, once per distinct text */
} briefing_log_level;

/* Per-call context: who the plugin is, its options, and the error text.
 * Opaque; owned by the host. */
typedef struct briefing_ctx briefing_ctx;

/* Host tables defined in their own headers (csv.h, councils.h, analysis.h). */
struct briefing_csv_api;
struct briefing_councils_api;
struct briefing_analysis_api;

typedef struct briefing_host {
    size_t size; /* sizeof(briefing_host) as the host built it */
    unsigned abi_major;
    unsigned abi_minor;

    /* Messages, prefixed with the plugin's name by the host. */
    void (*log)(briefing_ctx *ctx, briefing_log_level level, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
    /* Records the error message on ctx and returns `status`, so that a
     * callback can end with: return h->error(ctx, BRIEFING_ERR_DATA, ...).
     * Name the file and the line or field in the text; the host adds the
     * plugin's name. */
    int (*error)(briefing_ctx *ctx, int status, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

    /* Options, as the template gave them or else the declared default.
     * Asking for an option the plugin did not declare is a bug: the host
     * logs it and answers as if absent. */
    const char *(*option_string)(briefing_ctx *ctx, const char *name); /* NULL: absent */
    double (*option_number)(briefing_ctx *ctx, const char *name);      /* NAN: absent */
    int (*option_bool)(briefing_ctx *ctx, const char *name);           /* 0 when absent */
    size_t (*option_count)(briefing_ctx *ctx, const char *name);       /* list length */
    const char *(*option_item)(briefing_ctx *ctx, const char *name, size_t i);

    /* A top-level field of the template, e.g. "title", "marking", "logo",
     * "author"; NULL when absent. */
    const briefing_json *(*template_value)(briefing_ctx *ctx, const char *key);

    /* Dates.  parse_date accepts YYYY-MM-DD, YYYY-MM and YYYY and returns 1,
     * or 0 for anything else.  format_date writes the date at its own
     * precision ("19 January 2018", "July 2016", "2013") and returns buf.
     * compare_dates orders a lower precision before the full dates it
     * contains; an absent date sorts first. */
    int (*parse_date)(const char *text, briefing_date *out);
    const char *(*format_date)(briefing_date d, char *buf, size_t size);
    int (*compare_dates)(briefing_date a, briefing_date b);

    /* Numbers with thousands separators: format_number(1151, 0, ...) gives
     * "1,151"; returns buf. */
    const char *(*format_number)(double v, int decimals, char *buf, size_t size);

    /* Words for closed values, as a reader wants them: "Requires
     * improvement", "Single inspection framework (SIF)", "Statutory
     * direction", "Director of children's services" (for role "dcs"; other
     * roles are returned as written).  Never NULL. */
    const char *(*judgement_label)(briefing_judgement j);
    const char *(*framework_label)(briefing_framework f);
    const char *(*inspection_type_label)(briefing_inspection_type t);
    const char *(*intervention_label)(briefing_intervention_kind k);
    const char *(*role_label)(const char *role);
    const char *(*unit_label)(briefing_unit u);

    /* The citation mark for a fact: "[2]" or "[1, 3]", from the sources'
     * reference numbers; "" when cites is empty.  Returns buf. */
    const char *(*cite)(briefing_ctx *ctx, const briefing_dataset *ds,
                        briefing_cites cites, char *buf, size_t size);

    const briefing_json_api *json;
    const briefing_layout_api *layout;
    const struct briefing_csv_api *csv;
    const struct briefing_councils_api *councils;
    const struct briefing_analysis_api *analysis;

    /* Added in 1.0 after the first tables: call it only when `size` covers
     * it (offsetof(briefing_host, previous) + sizeof h->previous <= h->size).
     *
     * What the last briefing of this council with this template knew, for a
     * section that reports what changed since (batch --state-dir): an object
     *   {"briefed": "2024-05-02", "as_of": "2024-05-01",
     *    "council": { the council as in the dataset format }}
     * NULL on a council's first briefing, and without --state-dir.  The
     * value lives until the callback returns. */
    const briefing_json *(*previous)(briefing_ctx *ctx);

    /* Added in 1.1: call it only when `size` covers it
     * (offsetof(briefing_host, state_kept) + sizeof h->state_kept <= h->size).
     *
     * 1 when this run keeps each council's state (batch --state-dir), so
     * that previous() answers NULL only on a council's first briefing; 0
     * when it keeps none (generate, check, batch without --state-dir) and
     * there is nothing to compare with at all: a section about changes can
     * then leave itself out. */
    int (*state_kept)(briefing_ctx *ctx);
} briefing_host;

typedef struct briefing_plugin {
    /* Always first, always filled by BRIEFING_PLUGIN_HEADER. */
    unsigned abi_major;
    unsigned abi_minor;
    size_t size; /* sizeof(briefing_plugin) as the plugin was built */
    briefing_plugin_kind kind;

    const char *name;        /* [a-z0-9_-]+, unique among loaded plugins */
    const char *version;     /* the plugin's own version, e.g. "1.2.0" */
    const char *description; /* one line */
    const briefing_option *options; /* ends with an entry whose name is NULL; may be NULL */

    /* Sources.  recognise gets the first bytes of a file (up to 4 KiB) and
     * answers how sure it is that it can read it: 0 (no) to 100 (certain).
     * read adds what the file holds to `dataset`, an object in the native
     * shape {"schema", "councils": [], "sources": []} that the host made;
     * the host validates it afterwards and refuses it whole if it is wrong. */
    int (*recognise)(const briefing_host *h, briefing_ctx *ctx, const char *path,
                     const unsigned char *head, size_t head_len);
    int (*read)(const briefing_host *h, briefing_ctx *ctx, const char *path,
                briefing_json *dataset);

    /* Sections.  render describes the section for one council. */
    int (*render)(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *council, briefing_doc *doc);
} briefing_plugin;

#if defined(__GNUC__)
#define BRIEFING_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define BRIEFING_PLUGIN_EXPORT
#endif

/* The exported symbol's name, as the host looks it up. */
#define BRIEFING_PLUGIN_SYMBOL "briefing_plugin_info"

#define BRIEFING_PLUGIN_HEADER(KIND)                                          \
    .abi_major = BRIEFING_ABI_MAJOR, .abi_minor = BRIEFING_ABI_MINOR,         \
    .size = sizeof(briefing_plugin), .kind = (KIND)

#ifdef __cplusplus
}
#endif

#endif

/*
 * session: one run of the program's pipeline, shared by generate, check,
 * convert and batch:
 *
 *   session_open     template -> plugins -> template checked against them
 *   session_load     each data file -> its source plugin -> validated -> merged
 *   session_finish   merged data -> the typed dataset (as of a date)
 *   session_render   one council -> sections -> layout -> PDF, atomically
 *
 * Every step returns a status and leaves the one error message in the diag;
 * main reports it once.  The side jobs are their modules': former council
 * codes made current (dataset_canonical_codes), the words for a -c the data
 * does not answer (councils_not_in_data, councils_ambiguous), the time axis
 * (analysis_time_axis).
 */
#ifndef BRIEFING_SESSION_H
#define BRIEFING_SESSION_H

#include <stddef.h>
#include <sys/types.h>
#include <cjson/cJSON.h>

#include "dataset_core.h"
#include "diag.h"
#include "plugin_loader.h"
#include "template.h"

typedef struct session_options {
    const char *template_name;        /* name or path; NULL: no template (convert) */
    const char *const *plugin_dirs;   /* --plugin-dir, in order */
    size_t n_plugin_dirs;
    const char *as_of;                /* --as-of text, or NULL */
    int quiet_refusals;               /* 1: the caller reports refused plugins itself */
} session_options;

/* A data file loaded, known by its device and inode so that no output
 * overwrites it, whatever name or link reaches it. */
typedef struct session_input {
    dev_t dev;
    ino_t ino;
    char *path;               /* owned: as given, for messages */
} session_input;

typedef struct session {
    template *tpl;            /* NULL without a template */
    plugin_set plugins;
    cJSON *merged;            /* until session_finish */
    dataset *data;            /* after session_finish */
    briefing_date as_of;      /* the briefing's "as of" */
    long long source_date_epoch; /* -1 when SOURCE_DATE_EPOCH is not set */
    size_t n_files;           /* data files loaded */
    const cJSON *previous;    /* borrowed: the council's last state (batch), or NULL */
    int state_kept;           /* 1: the run keeps state (batch --state-dir) */
    int files_only;           /* 1: outputs are regular files, never streams (batch) */
    session_input *inputs;    /* owned: the regular files loaded (data, template) */
    size_t n_inputs;
} session;

/* Loads the template (if any) and every plugin, and checks the template
 * against the plugins.  On failure the session is still safe to close. */
int session_open(session *s, const session_options *o, diag *d);

/* Reads one data file: "PATH" (the source that recognises it is chosen) or
 * "PLUGIN:PATH" (that source is forced).  Validates it and merges it. */
int session_load(session *s, const char *spec, diag *d);

/* Loads the data files the template names (relative to the template). */
int session_load_template_data(session *s, diag *d);

/* Turns what was loaded into the dataset view.  as_of: --as-of, else the
 * data's, else today (or SOURCE_DATE_EPOCH's day). */
int session_finish(session *s, const session_options *o, diag *d);

/* The council a -c argument names: a GSS code, a DfE number or a name
 * (case-insensitive, through the register of councils' known spellings);
 * with query NULL, the only council in the data.  BRIEFING_ERR_USAGE when
 * it is needed, matches nothing in the data, or is ambiguous. */
int session_council(const session *s, const char *query, const briefing_council **out,
                    diag *d);

/* BRIEFING_ERR_USAGE, naming both, when out_path ("-": standard output) is
 * the very file (device and inode) of a data file loaded or of the
 * template: writing it would destroy the input. */
int session_check_output(const session *s, const char *out_path, diag *d);

/* Renders the template's sections for council c into out_path, written
 * atomically (nothing is left at out_path on failure) or, when out_path is a
 * stream (output_begin_stream), straight through; session_check_output
 * first.  If pages is not
 * NULL it receives the page count. */
int session_render(session *s, const briefing_council *c, const char *out_path, int *pages,
                   diag *d);

/* Runs every section for council c and lays the pages out, as
 * session_render does, but writes nothing: what `briefing check` does to
 * find a plugin's or the layout's problems (a logo that cannot be read, a
 * face the PDF library refuses) without writing. */
int session_dry_run(session *s, const briefing_council *c, diag *d);

void session_close(session *s);

/* Hands the sections of the next session_render the council's last state
 * (state.h; what h->previous returns), or NULL for none.  Borrowed: it must
 * outlive the render; set NULL before freeing it. */
void session_set_previous(session *s, const cJSON *council_state);

#endif

/*
 * state: what batch remembers of each council's last briefing, so that the
 * `changes` section can say what moved since.
 *
 * With --state-dir DIR, each council briefed with template T has one file,
 * DIR/T/CODE.json (T is the template's file name without ".json", CODE the
 * council's code, both made safe as file names):
 *
 *     {"schema": "briefing-state/1", "template": "T", "code": "E10000020",
 *      "briefed": "2024-06-03", "as_of": "2024-06-01",
 *      "council": { the council's entry of the merged dataset }}
 *
 * A file is written atomically (core/output.c), and only after the
 * council's PDF was written, so it always describes a briefing that exists.
 * That whole object is what a section's h->previous(ctx) returns.
 */
#ifndef BRIEFING_STATE_H
#define BRIEFING_STATE_H

#include <limits.h>
#include <cjson/cJSON.h>
#include <briefing/plugin.h>

#include "diag.h"

#define STATE_SCHEMA "briefing-state/1"

/* The largest state file read, in bytes. */
#define STATE_MAX_BYTES (16u * 1024u * 1024u)

/* Where one template's states live. */
typedef struct state_store {
    char dir[PATH_MAX];  /* DIR/T */
    char key[128];       /* T */
} state_store;

/* Opens the store of template_path's states under dir, making dir and
 * dir/T when missing.  BRIEFING_ERR_CANTCREAT naming the folder when that
 * fails. */
int state_open(state_store *st, const char *dir, const char *template_path, diag *d);

/* The state file of council code: DIR/T/CODE.json into path.
 * BRIEFING_ERR_DATA when the code leaves nothing to name a file with. */
int state_file(const state_store *st, const char *code, char *path, size_t size, diag *d);

/* Loads the state of council code into *out (the caller's: cJSON_Delete).
 * *out is NULL and the status BRIEFING_OK when there is none yet.
 * BRIEFING_ERR_DATA (naming the file and what is wrong) when the file is not
 * a state file of this council and template, BRIEFING_ERR_NOINPUT when it
 * cannot be read. */
int state_load(const state_store *st, const char *code, cJSON **out, diag *d);

/* Saves council c (its merged entry, c->raw) as briefed on `briefed` with
 * data as of `as_of`.  BRIEFING_ERR_CANTCREAT or BRIEFING_ERR_IO naming the
 * file. */
int state_save(const state_store *st, const briefing_council *c, briefing_date as_of,
               briefing_date briefed, diag *d);

/* The host's h->previous: the state ctx carries (NULL when none). */
const briefing_json *state_previous(briefing_ctx *ctx);

/* The host's h->state_kept: 1 when the run keeps state (ctx says so). */
int state_kept(briefing_ctx *ctx);

#endif

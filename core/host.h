/*
 * host: the table of host functions every plugin is handed, and the
 * per-call context (briefing_ctx) that carries a plugin's identity, its
 * options and its error text.
 *
 * A context lives for one callback (or one plugin's work on one file): the
 * caller initialises it with host_ctx_init, passes it to the plugin, reads
 * the error with host_ctx_diag if the plugin failed, and releases it with
 * host_ctx_free.
 */
#ifndef BRIEFING_HOST_H
#define BRIEFING_HOST_H

#include <cjson/cJSON.h>
#include <briefing/plugin.h>

#include "diag.h"

struct briefing_ctx {
    const char *plugin_name;          /* borrowed from the descriptor */
    const briefing_option *declared;  /* the plugin's option table, may be NULL */
    const cJSON *options;             /* the template's options object, may be NULL */
    const cJSON *template_root;       /* the whole template, may be NULL */
    cJSON *defaults;                  /* declared defaults, owned */
    diag err;                         /* what the plugin reported */
    const cJSON *previous;            /* the council's last state (state.h), or NULL */
    int state_kept;                   /* 1: the run keeps state (batch --state-dir) */
    void *served;                     /* council_entry's index (served.c), owned */
};

/* The one host table, filled with every module's functions. */
const briefing_host *host_table(void);

/* Prepares ctx for a plugin.  options and template_root are borrowed and must
 * outlive ctx.  Returns BRIEFING_OK or BRIEFING_ERR_NOMEM (d set). */
int host_ctx_init(briefing_ctx *ctx, const briefing_plugin *plugin,
                  const cJSON *options, const cJSON *template_root, diag *d);
void host_ctx_free(briefing_ctx *ctx);

/* Records an error on ctx (the first one wins) and returns status. */
int host_ctx_error(briefing_ctx *ctx, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The error a plugin recorded, or NULL if none. */
const diag *host_ctx_diag(const briefing_ctx *ctx);

#endif

/*
 * template: a briefing template (JSON): page, fonts, colours, header and
 * footer, data sources and sections with their options.  docs/templates.md
 * is the user's reference for the format.
 *
 * A template is found by path (anything with a '/' or ending in .json), or by
 * name in the installed templates folder.
 */
#ifndef BRIEFING_TEMPLATE_H
#define BRIEFING_TEMPLATE_H

#include <stddef.h>
#include <cjson/cJSON.h>

#include "diag.h"
#include "layout.h"
#include "plugin_loader.h"

/* The largest template file read, in bytes. */
#define TEMPLATE_MAX_BYTES (1024u * 1024u)

typedef struct template_use {
    const char *plugin;     /* name, inside root */
    const cJSON *options;   /* object or NULL, inside root */
    const cJSON *data;      /* array of paths (sources only) or NULL */
    int new_page;           /* sections only */
    char where[48];         /* "sections[3]", for messages */
} template_use;

typedef struct template {
    cJSON *root;          /* owned */
    char *path;           /* owned: the file it came from */
    char *dir;            /* owned: its folder, for relative logo and data paths */
    template_use *sources;
    size_t n_sources;
    template_use *sections;
    size_t n_sections;
} template;

/* Finds and loads a template by path or name, checking its shape.  Errors:
 * BRIEFING_ERR_NOINPUT when it cannot be found or read (the message lists
 * the installed templates), BRIEFING_ERR_CONFIG when it is not a valid
 * template (naming the file and field).  *out is the caller's
 * (template_free). */
int template_load(const char *name_or_path, template **out, diag *d);

/* Checks that every plugin it names is loaded and of the right kind, and
 * that it gives each only the options the plugin declares, with values of
 * the declared types.  BRIEFING_ERR_CONFIG naming the plugin and option. */
int template_check_plugins(const template *t, const plugin_set *plugins, diag *d);

/* A top-level string field, or NULL. */
const char *template_string(const template *t, const char *key);

/* Fills cfg from the template on top of layout_config_defaults (strings
 * borrowed from t).  BRIEFING_ERR_CONFIG for a bad colour or size. */
int template_layout_config(const template *t, layout_config *cfg, diag *d);

/* Writes the installed templates' names, comma-separated, into buf. */
const char *template_list_installed(char *buf, size_t size);

void template_free(template *t);

#endif

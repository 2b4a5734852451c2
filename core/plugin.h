/*
 * plugin: finding, checking and loading plugins (shared objects).
 *
 * Folders are searched in order: each --plugin-dir, then each folder of
 * BRIEFING_PLUGIN_PATH (colon-separated), then the installed plugin folder.
 * Every *.so in them is considered.  A file is refused, with one line saying
 * why, and the rest still load, when: it or its folder is writable by others
 * or owned by someone other than the user or root; it cannot be opened; it
 * has no `briefing_plugin_info` descriptor; its ABI major differs from ours or
 * its minor is newer; its descriptor is malformed; its name is already taken
 * by a plugin found earlier.
 */
#ifndef BRIEFING_PLUGIN_INTERNAL_H
#define BRIEFING_PLUGIN_INTERNAL_H

#include <stddef.h>
#include <briefing/plugin.h>

#include "diag.h"

typedef struct plugin {
    char *path;                    /* owned */
    void *handle;                  /* dlopen handle, owned */
    const briefing_plugin *desc;   /* inside the shared object */
} plugin;

typedef struct plugin_refusal {
    char *path;   /* owned */
    char *reason; /* owned: "ABI major 2, this program speaks 1" */
} plugin_refusal;

typedef struct plugin_set {
    plugin *items;
    size_t count, cap;
    plugin_refusal *refused;
    size_t n_refused, cap_refused;
    char resource[600]; /* why loading stopped for want of file descriptors or
                           memory ("PATH: cannot be loaded: Too many open
                           files"), "" when it did not */
} plugin_set;

/* Loads every acceptable plugin from the folders (extra_dirs first, in
 * order, then BRIEFING_PLUGIN_PATH, then installed_dir; NULL entries and
 * folders that do not exist are skipped).  Refusals are recorded in the set,
 * not errors.  Returns BRIEFING_OK, or BRIEFING_ERR_NOMEM (out of memory, or
 * of file descriptors: then d names the plugin and the cause). */
int plugin_load_all(plugin_set *set, const char *const *extra_dirs, size_t n_extra,
                    const char *installed_dir, diag *d);

/* The plugin of that name (and kind, unless kind is 0), or NULL. */
const plugin *plugin_find(const plugin_set *set, const char *name, int kind);

/* Checks one descriptor; returns NULL when acceptable, else the reason
 * (a static string or one written into buf). */
const char *plugin_check_descriptor(const briefing_plugin *desc, char *buf, size_t size);

/* Closes every plugin and frees the set. */
void plugin_set_free(plugin_set *set);

/* "source" or "section". */
const char *plugin_kind_name(int kind);

#endif

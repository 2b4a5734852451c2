/*
 * plugin: finding, checking and loading plugins (shared objects).
 *
 * Folders are searched in order: each --plugin-dir, then each folder of
 * BRIEFING_PLUGIN_PATH (colon-separated), then the installed plugin folder.
 * Every *.so in them is considered.  A file is refused, with one line saying
 * why, and the rest still load, when: it, or any folder above it up to /
 * (along the target of every symbolic link on the way too), is owned by
 * someone other than the user or root, or is writable by anyone else, group
 * or others (a sticky /tmp included); it is not a regular file; it is not an
 * ELF shared object for this machine (core/elfread.h); its RUNPATH or RPATH names
 * a folder that fails the same rule, or uses $ORIGIN; it has no
 * `briefing_plugin_info` descriptor; its ABI major differs from ours or its
 * minor is newer; its descriptor is malformed; its name is already taken by
 * a plugin found earlier.  All but the last two are found before dlopen, so
 * such a plugin runs no code.  The file is opened once and that descriptor
 * is what is checked and loaded (through /proc/self/fd/N).
 *
 * The trust boundary: a plugin that passes runs its constructors as soon as
 * it is loaded, with the user's rights.  Only folders the user trusts belong
 * on the plugin path.
 */
#ifndef BRIEFING_PLUGIN_INTERNAL_H
#define BRIEFING_PLUGIN_INTERNAL_H

#include <stddef.h>
#include <briefing/plugin.h>

#include "diag.h"

typedef struct plugin {
    char *path;                    /* owned */
    void *handle;                  /* dlopen handle, owned */
    int fd;                        /* the file it was loaded from, owned, open while loaded */
    const briefing_plugin *desc;   /* owned: a copy of the plugin's, its options in this build's layout */
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
    /* Descriptors of refused files whose /proc/self/fd/N name the loader
     * has seen (it may keep that name for an object still loaded): kept
     * open until plugin_set_free so no later file gets the same name. */
    int *held;
    size_t n_held, cap_held;
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

/* Checks a descriptor's ABI version and size (readable from the file
 * before it is loaded); NULL when acceptable, else the reason in buf. */
const char *plugin_check_abi(unsigned major, unsigned minor, size_t desc_size, char *buf,
                             size_t size);

/* Checks one descriptor; returns NULL when acceptable, else the reason
 * (a static string or one written into buf). */
const char *plugin_check_descriptor(const briefing_plugin *desc, char *buf, size_t size);

/* Closes every plugin and frees the set. */
void plugin_set_free(plugin_set *set);

/* "source" or "section". */
const char *plugin_kind_name(int kind);

#endif

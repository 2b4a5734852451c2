#include "plugin.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"

const char *plugin_kind_name(int kind)
{
    return kind == BRIEFING_PLUGIN_SOURCE ? "source"
         : kind == BRIEFING_PLUGIN_SECTION ? "section" : "unknown";
}

static int plugin_refuse(plugin_set *set, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int plugin_refuse(plugin_set *set, const char *path, const char *fmt, ...)
{
    char reason[512];
    plugin_refusal *r;
    va_list ap;

    if (set->n_refused == set->cap_refused) {
        size_t cap = set->cap_refused ? set->cap_refused * 2 : 8;
        plugin_refusal *p = realloc(set->refused, cap * sizeof *p);

        if (p == NULL)
            return BRIEFING_ERR_NOMEM;
        set->refused = p;
        set->cap_refused = cap;
    }
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    r = &set->refused[set->n_refused];
    r->path = strdup(path);
    r->reason = strdup(reason);
    if (r->path == NULL || r->reason == NULL) {
        free(r->path);
        free(r->reason);
        return BRIEFING_ERR_NOMEM;
    }
    set->n_refused++;
    return BRIEFING_OK;
}

/* A file or folder we would run code from must not be writable by others,
 * and must belong to us or to root: otherwise another user could put code
 * in our process.  Returns NULL when safe, else the reason. */
static const char *plugin_unsafe(const char *path, const char *what, char *buf, size_t size)
{
    struct stat st;

    if (stat(path, &st) != 0) {
        snprintf(buf, size, "cannot examine %s: %s", what, strerror(errno));
        return buf;
    }
    if (st.st_mode & S_IWOTH) {
        snprintf(buf, size, "%s is writable by other users (chmod o-w to allow it)", what);
        return buf;
    }
    if (st.st_uid != 0 && st.st_uid != getuid()) {
        snprintf(buf, size, "%s belongs to another user (uid %u)", what, (unsigned)st.st_uid);
        return buf;
    }
    return NULL;
}

static int plugin_name_ok(const char *name)
{
    size_t i;

    if (name == NULL || name[0] == '\0' || strlen(name) > 64)
        return 0;
    for (i = 0; name[i]; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

const char *plugin_check_descriptor(const briefing_plugin *desc, char *buf, size_t size)
{
    const briefing_option *opt;

    if (desc->abi_major != BRIEFING_ABI_MAJOR) {
        snprintf(buf, size, "built for plugin ABI %u.%u; this program speaks ABI %d.%d",
                 desc->abi_major, desc->abi_minor, BRIEFING_ABI_MAJOR, BRIEFING_ABI_MINOR);
        return buf;
    }
    if (desc->abi_minor > BRIEFING_ABI_MINOR) {
        snprintf(buf, size, "built for plugin ABI %u.%u, newer than this program's %d.%d: "
                 "upgrade briefing", desc->abi_major, desc->abi_minor,
                 BRIEFING_ABI_MAJOR, BRIEFING_ABI_MINOR);
        return buf;
    }
    if (desc->size < offsetof(briefing_plugin, render) + sizeof desc->render) {
        snprintf(buf, size, "descriptor is %zu bytes, smaller than ABI %d.0's", desc->size,
                 BRIEFING_ABI_MAJOR);
        return buf;
    }
    if (!plugin_name_ok(desc->name))
        return "descriptor has no valid name (lower-case letters, digits, '-' and '_')";
    if (desc->version == NULL || desc->description == NULL)
        return "descriptor lacks a version or a description";
    if (desc->kind == BRIEFING_PLUGIN_SOURCE) {
        if (desc->read == NULL)
            return "a source plugin without a read callback";
    } else if (desc->kind == BRIEFING_PLUGIN_SECTION) {
        if (desc->render == NULL)
            return "a section plugin without a render callback";
    } else {
        snprintf(buf, size, "unknown plugin kind %d", (int)desc->kind);
        return buf;
    }
    for (opt = desc->options; opt && opt->name; opt++) {
        if (opt->type < BRIEFING_OPTION_STRING || opt->type > BRIEFING_OPTION_LIST) {
            snprintf(buf, size, "option \"%s\" has an unknown type", opt->name);
            return buf;
        }
    }
    return NULL;
}

const plugin *plugin_find(const plugin_set *set, const char *name, int kind)
{
    size_t i;

    for (i = 0; i < set->count; i++)
        if (strcmp(set->items[i].desc->name, name) == 0
            && (kind == 0 || (int)set->items[i].desc->kind == kind))
            return &set->items[i];
    return NULL;
}

static int plugin_add(plugin_set *set, const char *path, void *handle,
                      const briefing_plugin *desc)
{
    plugin *p;

    if (set->count == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 16;
        plugin *items = realloc(set->items, cap * sizeof *items);

        if (items == NULL)
            return BRIEFING_ERR_NOMEM;
        set->items = items;
        set->cap = cap;
    }
    p = &set->items[set->count];
    p->path = strdup(path);
    if (p->path == NULL)
        return BRIEFING_ERR_NOMEM;
    p->handle = handle;
    p->desc = desc;
    set->count++;
    return BRIEFING_OK;
}

/* 1 when loading path failed for want of file descriptors or memory (errno
 * err, or dlopen's message e saying so), which says nothing against the
 * plugin: loading stops, and plugin_load_all reports it (71), rather than
 * refuse the plugin and have the template fail for want of it. */
static int plugin_out_of_resources(plugin_set *set, const char *path, int err, const char *e)
{
    /* dlopen's own words for running out of memory or address space. */
    static const char *const said[] = {"failed to map segment", "cannot allocate",
                                       "Cannot allocate", "cannot create shared object"};
    const char *why = NULL;
    size_t i;

    if (err == EMFILE || err == ENFILE || err == ENOMEM)
        why = strerror(err);
    for (i = 0; e && why == NULL && i < sizeof said / sizeof said[0]; i++)
        if (strstr(e, said[i]))
            why = "out of memory";
    if (e && why == NULL && strstr(e, strerror(EMFILE)))
        why = strerror(EMFILE);
    if (e && why == NULL && strstr(e, strerror(ENFILE)))
        why = strerror(ENFILE);
    if (why == NULL)
        return 0;
    snprintf(set->resource, sizeof set->resource, "%s: cannot be loaded: %s%s%s", path, why,
             e ? " (" : "", e ? e : "");
    if (e)
        strncat(set->resource, ")", sizeof set->resource - strlen(set->resource) - 1);
    return 1;
}

/* Opens one candidate file; a refusal is recorded, not returned. */
static int plugin_try(plugin_set *set, const char *path)
{
    char why[512];
    const char *reason;
    const briefing_plugin *desc;
    const plugin *earlier;
    void *handle;
    int rc;

    reason = plugin_unsafe(path, "the file", why, sizeof why);
    if (reason)
        return plugin_refuse(set, path, "%s", reason);
    errno = 0;
    handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *e = dlerror();

        if (plugin_out_of_resources(set, path, errno, e))
            return BRIEFING_ERR_NOMEM;
        return plugin_refuse(set, path, "cannot be loaded: %s", e ? e : "unknown error");
    }
    desc = (const briefing_plugin *)dlsym(handle, BRIEFING_PLUGIN_SYMBOL);
    if (desc == NULL) {
        dlclose(handle);
        return plugin_refuse(set, path, "not a briefing plugin (no \"%s\" descriptor)",
                             BRIEFING_PLUGIN_SYMBOL);
    }
    reason = plugin_check_descriptor(desc, why, sizeof why);
    if (reason) {
        rc = plugin_refuse(set, path, "%s", reason);
        dlclose(handle);
        return rc;
    }
    earlier = plugin_find(set, desc->name, 0);
    if (earlier) {
        rc = plugin_refuse(set, path, "duplicate plugin name \"%s\" (already loaded from %s)",
                           desc->name, earlier->path);
        dlclose(handle);
        return rc;
    }
    rc = plugin_add(set, path, handle, desc);
    if (rc != BRIEFING_OK)
        dlclose(handle);
    return rc;
}

static int plugin_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads the *.so files of one folder, in name order so that results do not
 * depend on the file system's order. */
static int plugin_scan_dir(plugin_set *set, const char *dir)
{
    char why[512];
    char path[PATH_MAX];
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    struct dirent *e;
    struct stat st;
    const char *reason;
    DIR *dh;
    int rc = BRIEFING_OK;

    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return BRIEFING_OK;
    reason = plugin_unsafe(dir, "its folder", why, sizeof why);
    if (reason)
        return plugin_refuse(set, dir, "%s; no plugin in it is loaded", reason);
    dh = opendir(dir);
    if (dh == NULL && plugin_out_of_resources(set, dir, errno, NULL))
        return BRIEFING_ERR_NOMEM;
    if (dh == NULL)
        return plugin_refuse(set, dir, "cannot read the folder: %s", strerror(errno));
    while ((e = readdir(dh)) != NULL) {
        size_t len = strlen(e->d_name);

        if (len < 4 || strcmp(e->d_name + len - 3, ".so") != 0 || e->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **grown = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names);
            if (grown == NULL) {
                rc = BRIEFING_ERR_NOMEM;
                goto out;
            }
            names = grown;
        }
        if ((names[n] = strdup(e->d_name)) == NULL) {
            rc = BRIEFING_ERR_NOMEM;
            goto out;
        }
        n++;
    }
    qsort(names, n, sizeof *names, plugin_name_cmp);
    for (i = 0; i < n && rc == BRIEFING_OK; i++) {
        if (paths_join(path, sizeof path, dir, names[i]) != 0)
            rc = plugin_refuse(set, names[i], "path too long");
        else
            rc = plugin_try(set, path);
    }
out:
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(dh);
    return rc;
}

int plugin_load_all(plugin_set *set, const char *const *extra_dirs, size_t n_extra,
                    const char *installed_dir, diag *d)
{
    const char *env = getenv("BRIEFING_PLUGIN_PATH");
    size_t i;
    int rc = BRIEFING_OK;

    for (i = 0; i < n_extra && rc == BRIEFING_OK; i++)
        if (extra_dirs[i])
            rc = plugin_scan_dir(set, extra_dirs[i]);
    if (env && rc == BRIEFING_OK) {
        char *copy = strdup(env);
        char *save = NULL, *dir;

        if (copy == NULL)
            rc = BRIEFING_ERR_NOMEM;
        for (dir = copy ? strtok_r(copy, ":", &save) : NULL; dir && rc == BRIEFING_OK;
             dir = strtok_r(NULL, ":", &save))
            rc = plugin_scan_dir(set, dir);
        free(copy);
    }
    if (installed_dir && installed_dir[0] && rc == BRIEFING_OK)
        rc = plugin_scan_dir(set, installed_dir);
    if (rc != BRIEFING_OK && set->resource[0])
        return diag_set(d, rc, "plugin %s", set->resource);
    if (rc != BRIEFING_OK)
        return diag_set(d, rc, "out of memory while loading plugins");
    return BRIEFING_OK;
}

void plugin_set_free(plugin_set *set)
{
    size_t i;

    /* Under a leak checker, unloading would lose the plugins' symbols from
     * its reports; BRIEFING_NO_DLCLOSE keeps them mapped. */
    for (i = 0; i < set->count; i++) {
        if (getenv("BRIEFING_NO_DLCLOSE") == NULL)
            dlclose(set->items[i].handle);
        free(set->items[i].path);
    }
    for (i = 0; i < set->n_refused; i++) {
        free(set->refused[i].path);
        free(set->refused[i].reason);
    }
    free(set->items);
    free(set->refused);
    memset(set, 0, sizeof *set);
}

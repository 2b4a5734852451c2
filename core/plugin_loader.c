#include "plugin_loader.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi.h"
#include "elfread.h"
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

/* Keeps fd open until plugin_set_free (plugin_set.held says why); closes
 * it at once when there is no memory to remember it. */
static void plugin_hold(plugin_set *set, int fd)
{
    if (set->n_held == set->cap_held) {
        size_t cap = set->cap_held ? set->cap_held * 2 : 8;
        int *p = realloc(set->held, cap * sizeof *p);

        if (p == NULL) {
            close(fd);
            return;
        }
        set->held = p;
        set->cap_held = cap;
    }
    set->held[set->n_held++] = fd;
}

/*
 * Trust: whose code may run in this process.
 *
 * The rule is OpenSSH's StrictModes: a plugin file and every folder above
 * it, up to /, belong to root or to the user running briefing (the
 * effective uid) and are writable by no one else, group included.  A folder
 * anyone may write to is refused even with the sticky bit (/tmp): another
 * user could have put the plugin there.  A symbolic link is followed only
 * from a folder that passes, and its target is walked the same way, one
 * component at a time, so every folder on the way to the file is checked,
 * not only those of the final path.  Once every folder passes, no one else
 * can rename, replace or add anything on that path.
 */

enum { PLUGIN_TRUSTED, PLUGIN_MISSING, PLUGIN_UNTRUSTED };

#define PLUGIN_MAX_LINKS 40 /* as the kernel's ELOOP limit */

/* Checks one file or folder's owner and mode; 0, or -1 with the reason. */
static int plugin_owner_mode(const struct stat *st, const char *what, const char *path,
                             char *why, size_t size)
{
    if (st->st_uid != 0 && st->st_uid != geteuid()) {
        snprintf(why, size, "%s %s belongs to another user (uid %u); plugins are loaded only "
                 "from what root or you own", what, path, (unsigned)st->st_uid);
        return -1;
    }
    if (st->st_mode & S_IWOTH) {
        snprintf(why, size, "%s %s is writable by other users%s", what, path,
                 S_ISDIR(st->st_mode) && (st->st_mode & S_ISVTX)
                 ? " (even with the sticky bit, anyone could have put a file there: use a "
                   "folder only you or root can write)" : " (chmod o-w to allow it)");
        return -1;
    }
    if (st->st_mode & S_IWGRP) {
        snprintf(why, size, "%s %s is writable by its group (gid %u) (chmod g-w to allow it)",
                 what, path, (unsigned)st->st_gid);
        return -1;
    }
    return 0;
}

/* Resolves path one component at a time into real (absolute, without
 * symbolic links, "." or ".."), checking / and each folder and the final
 * file or folder with plugin_owner_mode, and following a link only as part
 * of that walk.  *st gets the final object's lstat.  Returns PLUGIN_TRUSTED,
 * PLUGIN_MISSING (a component does not exist: nothing else can create it,
 * since the folder above it passed) or PLUGIN_UNTRUSTED, with the reason. */
static int plugin_walk(const char *path, char *real, size_t real_size, struct stat *st,
                       char *why, size_t size)
{
    char rest[2 * PATH_MAX], next[2 * PATH_MAX], target[PATH_MAX];
    size_t at = 0, links = 0, len = 0;

    if (path[0] == '/')
        snprintf(rest, sizeof rest, "%s", path);
    else if (getcwd(next, PATH_MAX) == NULL
             || (size_t)snprintf(rest, sizeof rest, "%s/%s", next, path) >= sizeof rest) {
        snprintf(why, size, "cannot find the current folder: %s", strerror(errno));
        return PLUGIN_UNTRUSTED;
    }
    real[0] = '\0'; /* the root */
    if (lstat("/", st) != 0 || plugin_owner_mode(st, "the folder", "/", why, size) != 0)
        return PLUGIN_UNTRUSTED;
    while (rest[at]) {
        size_t n = strcspn(rest + at, "/");
        int last;
        ssize_t got;

        if (n == 0 || (n == 1 && rest[at] == '.')) {
            at += n + (rest[at + n] == '/');
            continue;
        }
        last = rest[at + n + strspn(rest + at + n, "/")] == '\0';
        if (n == 2 && rest[at] == '.' && rest[at + 1] == '.') {
            while (len > 0 && real[--len] != '/')
                ;
            real[len] = '\0';
            at += n + (rest[at + n] == '/');
            continue;
        }
        if (len + 1 + n >= real_size) {
            snprintf(why, size, "the path %s is too long", path);
            return PLUGIN_UNTRUSTED;
        }
        real[len] = '/';
        memcpy(real + len + 1, rest + at, n);
        real[len + 1 + n] = '\0';
        at += n + (rest[at + n] == '/');
        if (lstat(real, st) != 0) {
            int err = errno;

            snprintf(why, size, "cannot examine %s: %s", real, strerror(err));
            return err == ENOENT || err == ENOTDIR ? PLUGIN_MISSING : PLUGIN_UNTRUSTED;
        }
        if (S_ISLNK(st->st_mode)) {
            /* The folder holding the link passed; now walk its target in
             * place of the link, then what was left of the path. */
            if (++links > PLUGIN_MAX_LINKS) {
                snprintf(why, size, "too many symbolic links in %s", path);
                return PLUGIN_UNTRUSTED;
            }
            got = readlink(real, target, sizeof target - 1);
            if (got <= 0) {
                snprintf(why, size, "cannot read the link %s: %s", real, strerror(errno));
                return PLUGIN_UNTRUSTED;
            }
            target[got] = '\0';
            if ((size_t)snprintf(next, sizeof next, "%s/%s", target, rest + at) >= sizeof next) {
                snprintf(why, size, "the path %s is too long", path);
                return PLUGIN_UNTRUSTED;
            }
            memcpy(rest, next, sizeof rest);
            at = 0;
            if (target[0] == '/')
                len = 0;
            real[len] = '\0';
            continue;
        }
        if (plugin_owner_mode(st, S_ISDIR(st->st_mode) ? "the folder" : "the file", real,
                              why, size) != 0)
            return PLUGIN_UNTRUSTED;
        if (!last && !S_ISDIR(st->st_mode)) {
            snprintf(why, size, "%s is not a folder", real);
            return PLUGIN_MISSING;
        }
        len += 1 + n;
    }
    if (len == 0)
        snprintf(real, real_size, "/");
    /* What the path ends on (after a final "..", not the last lstat). */
    if (lstat(real, st) != 0) {
        snprintf(why, size, "cannot examine %s: %s", real, strerror(errno));
        return PLUGIN_UNTRUSTED;
    }
    return PLUGIN_TRUSTED;
}

/* A folder named in a RUNPATH/RPATH: the libraries the plugin needs would
 * be looked for there, so it must pass the same rule.  $ORIGIN (the
 * plugin's own folder, origin) is expanded for the check; other tokens
 * ($LIB, $PLATFORM) cannot be checked here and are refused. */
static int plugin_search_dir_ok(const char *entry, size_t n, const char *origin,
                                const char *kind, char *why, size_t size)
{
    char dir[PATH_MAX], real[PATH_MAX], reason[PATH_MAX + 256];
    struct stat st;
    const char *rest = NULL;
    int w;

    if (n >= 7 && strncmp(entry, "$ORIGIN", 7) == 0)
        rest = entry + 7;
    else if (n >= 9 && strncmp(entry, "${ORIGIN}", 9) == 0)
        rest = entry + 9;
    if (rest)
        w = snprintf(dir, sizeof dir, "%s%.*s", origin, (int)(n - (size_t)(rest - entry)), rest);
    else
        w = snprintf(dir, sizeof dir, "%.*s", (int)n, n ? entry : ".");
    if (w < 0 || (size_t)w >= sizeof dir || memchr(dir, '$', strlen(dir)) != NULL) {
        snprintf(why, size, "its %s entry \"%.*s\" cannot be checked", kind, (int)(n > 200 ? 200 : n),
                 entry);
        return -1;
    }
    if (plugin_walk(dir, real, sizeof real, &st, reason, sizeof reason) == PLUGIN_UNTRUSTED) {
        snprintf(why, size, "its %s names %s, where its libraries would be looked for: %s",
                 kind, dir, reason);
        return -1;
    }
    if (rest) {
        /* The loader takes $ORIGIN from the name it was given: here
         * /proc/self/fd, never the plugin's folder. */
        snprintf(why, size, "its %s uses $ORIGIN, which cannot point to its folder when a plugin "
                 "is loaded from its checked descriptor: link it with the folder's full path",
                 kind);
        return -1;
    }
    return 0;
}

/* Checks every folder of the file's DT_RUNPATH and DT_RPATH. */
static int plugin_search_path_ok(const elf_file *elf, const char *real, char *why, size_t size)
{
    char origin[PATH_MAX];
    int rpath;

    paths_dirname(real, origin, sizeof origin);
    for (rpath = 0; rpath <= 1; rpath++) {
        const char *list = elf_search_path(elf, rpath), *p;

        for (p = list; p != NULL; p = p[strcspn(p, ":")] ? p + strcspn(p, ":") + 1 : NULL)
            if (plugin_search_dir_ok(p, strcspn(p, ":"), origin, rpath ? "RPATH" : "RUNPATH",
                                     why, size) != 0)
                return -1;
    }
    return 0;
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

const char *plugin_check_abi(unsigned major, unsigned minor, size_t desc_size, char *buf,
                             size_t size)
{
    if (major != BRIEFING_ABI_MAJOR) {
        snprintf(buf, size, "built for plugin ABI %u.%u; this program speaks ABI %d.%d",
                 major, minor, BRIEFING_ABI_MAJOR, BRIEFING_ABI_MINOR);
        return buf;
    }
    if (minor > BRIEFING_ABI_MINOR) {
        snprintf(buf, size, "built for plugin ABI %u.%u, newer than this program's %d.%d: "
                 "upgrade briefing", major, minor, BRIEFING_ABI_MAJOR, BRIEFING_ABI_MINOR);
        return buf;
    }
    if (desc_size < offsetof(briefing_plugin, render) + sizeof(((briefing_plugin *)0)->render)) {
        snprintf(buf, size, "descriptor is %zu bytes, smaller than ABI %d.0's", desc_size,
                 BRIEFING_ABI_MAJOR);
        return buf;
    }
    return NULL;
}

/* What plugin_check_descriptor returns when reading the options ran out of
 * memory: nothing against the plugin (plugin_try stops loading, 71). */
static const char plugin_nomem[] = "out of memory";

const char *plugin_check_descriptor(const briefing_plugin *desc, char *buf, size_t size)
{
    const briefing_option *opt;
    briefing_option *options;
    int st;
    const char *reason = plugin_check_abi(desc->abi_major, desc->abi_minor, desc->size, buf, size);

    if (reason)
        return reason;
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
    /* Read as the plugin laid them out (core/abi.c), then checked. */
    options = abi_options(desc, &st, buf, size);
    if (st == BRIEFING_ERR_NOMEM)
        return plugin_nomem;
    if (st != BRIEFING_OK)
        return buf;
    for (opt = options; opt && opt->name; opt++) {
        if (opt->type < BRIEFING_OPTION_STRING || opt->type > BRIEFING_OPTION_LIST) {
            snprintf(buf, size, "option \"%s\" has an unknown type", opt->name);
            free(options);
            return buf;
        }
    }
    free(options);
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

static int plugin_add(plugin_set *set, const char *path, void *handle, int fd,
                      const briefing_plugin *desc)
{
    plugin *p;
    briefing_plugin *own;
    char why[256];
    int st;

    if (set->count == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 16;
        plugin *items = realloc(set->items, cap * sizeof *items);

        if (items == NULL)
            return BRIEFING_ERR_NOMEM;
        set->items = items;
        set->cap = cap;
    }
    p = &set->items[set->count];
    memset(p, 0, sizeof *p);
    /* The host's own copy of the descriptor, its options read by the
     * plugin's ABI into this build's layout (core/abi.c): everything after
     * loading reads these, never the plugin's own array. */
    if ((own = calloc(1, sizeof *own)) == NULL)
        return BRIEFING_ERR_NOMEM;
    memcpy(own, desc, desc->size < sizeof *own ? desc->size : sizeof *own);
    own->options = abi_options(desc, &st, why, sizeof why);
    p->path = strdup(path);
    if (st != BRIEFING_OK || p->path == NULL) {
        free((void *)own->options);
        free(own);
        free(p->path);
        return BRIEFING_ERR_NOMEM; /* plugin_check_descriptor read them already */
    }
    p->handle = handle;
    p->fd = fd;
    p->desc = own;
    set->count++;
    return BRIEFING_OK;
}

/* The descriptor's first fields, as plain integers in the file: enough to
 * refuse a plugin of another ABI before any of its code runs. */
typedef struct plugin_head {
    unsigned abi_major, abi_minor;
    size_t size;
    int kind;
} plugin_head;
_Static_assert(offsetof(plugin_head, size) == offsetof(briefing_plugin, size)
               && offsetof(plugin_head, kind) == offsetof(briefing_plugin, kind),
               "plugin_head is the start of briefing_plugin");

/* Reads the open file's ELF headers (core/elfread.c): another machine, not a
 * shared object, a RUNPATH/RPATH folder that fails the rule, no descriptor
 * or another ABI are all refused here, before dlopen.  Returns NULL when it
 * may be loaded, else the reason in why. */
static const char *plugin_inspect(int fd, off_t file_size, const char *real, char *why,
                                  size_t size)
{
    char reason[PATH_MAX + 512];
    plugin_head head;
    elf_file elf;
    void *map;
    int rc;

    if (file_size < 4) {
        snprintf(why, size, "not an ELF file (a plugin is a shared object, .so)");
        return why;
    }
    map = mmap(NULL, (size_t)file_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
        snprintf(why, size, "cannot be read: %s", strerror(errno));
        return why;
    }
    rc = elf_open(&elf, map, (size_t)file_size, reason, sizeof reason);
    if (rc == 0)
        rc = plugin_search_path_ok(&elf, real, reason, sizeof reason);
    if (rc == 0) {
        char detail[128];
        int found = elf_symbol_bytes(&elf, BRIEFING_PLUGIN_SYMBOL, &head, sizeof head, detail,
                                     sizeof detail);

        rc = -1;
        if (found == 1)
            snprintf(reason, sizeof reason, "not a briefing plugin (no \"%s\" descriptor)",
                     BRIEFING_PLUGIN_SYMBOL);
        else if (found < 0)
            snprintf(reason, sizeof reason, "its \"%s\" descriptor cannot be read: %s",
                     BRIEFING_PLUGIN_SYMBOL, detail);
        else if (plugin_check_abi(head.abi_major, head.abi_minor, head.size, reason,
                                  sizeof reason) == NULL)
            rc = 0;
    }
    munmap(map, (size_t)file_size);
    if (rc == 0)
        return NULL;
    snprintf(why, size, "%s", reason);
    return why;
}

/* Opens the file the walk found, without blocking on a FIFO and without
 * following a link put there since, and checks the open descriptor: the
 * same regular file, owned and writable as the rule wants.  Returns the
 * descriptor, or -1 with the reason. */
static int plugin_open(const char *real, const struct stat *seen, struct stat *st, char *why,
                       size_t size)
{
    int fd;

    if (!S_ISREG(seen->st_mode)) {
        snprintf(why, size, "not a regular file");
        return -1;
    }
    fd = open(real, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
    if (fd < 0) {
        int err = errno; /* kept for plugin_out_of_resources */

        snprintf(why, size, "cannot be opened: %s", strerror(err));
        errno = err;
        return -1;
    }
    errno = 0; /* any refusal below is the file's, not for want of resources */
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode) || st->st_dev != seen->st_dev
        || st->st_ino != seen->st_ino) {
        snprintf(why, size, "changed while it was being checked");
        close(fd);
        return -1;
    }
    if (plugin_owner_mode(st, "the file", real, why, size) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Loads the very file open on fd, through /proc/self/fd/N: loading by its
 * path would open the path again, and what is there then need not be what
 * was checked.  The descriptor must stay open while the object is loaded:
 * glibc knows an object by the names it was opened with, adds
 * /proc/self/fd/N as another name when the file is one already loaded, and
 * would hand that object back for a later file opened on the same number.
 * The caller keeps fd open (in the plugin, or plugin_set.held). */
static void *plugin_dlopen(const plugin_set *set, int fd, const struct stat *st, char *why,
                           size_t size)
{
    char name[64];
    struct stat proc;
    void *handle;

    snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
    errno = 0;
    if (stat(name, &proc) != 0 || proc.st_dev != st->st_dev || proc.st_ino != st->st_ino) {
        snprintf(why, size, "cannot be loaded from its open descriptor (%s: %s); is /proc "
                 "mounted?", name, errno ? strerror(errno) : "another file");
        return NULL;
    }
    handle = dlopen(name, RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
    if (handle != NULL) {
        /* The same file, found again (glibc also matches by inode), or an
         * object left loaded under this name: never use it. */
        const char *earlier = NULL;
        size_t i;

        for (i = 0; i < set->count && earlier == NULL; i++)
            if (set->items[i].handle == handle)
                earlier = set->items[i].path;
        dlclose(handle);
        if (earlier)
            snprintf(why, size, "the same file as %s, already loaded", earlier);
        else
            snprintf(why, size, "cannot be loaded: an object named %s is already loaded", name);
        return NULL;
    }
    errno = 0;
    handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        int err = errno; /* kept for plugin_out_of_resources */
        const char *e = dlerror();

        snprintf(why, size, "cannot be loaded: %s", e ? e : "unknown error");
        errno = err;
    }
    return handle;
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
    char why[PATH_MAX + 512];
    char real[PATH_MAX];
    struct stat seen, st;
    const char *reason;
    const briefing_plugin *desc;
    const plugin *earlier;
    void *handle;
    int rc, fd;

    if (plugin_walk(path, real, sizeof real, &seen, why, sizeof why) != PLUGIN_TRUSTED)
        return plugin_refuse(set, path, "%s", why);
    fd = plugin_open(real, &seen, &st, why, sizeof why);
    if (fd < 0) {
        if (plugin_out_of_resources(set, path, errno, NULL))
            return BRIEFING_ERR_NOMEM;
        return plugin_refuse(set, path, "%s", why);
    }
    if ((reason = plugin_inspect(fd, st.st_size, real, why, sizeof why)) != NULL) {
        close(fd);
        return plugin_refuse(set, path, "%s", why);
    }
    /* From here the loader may know the name /proc/self/fd/N: fd is held
     * open, whatever happens, until the set is freed. */
    if ((handle = plugin_dlopen(set, fd, &st, why, sizeof why)) == NULL) {
        plugin_hold(set, fd);
        if (plugin_out_of_resources(set, path, errno, why))
            return BRIEFING_ERR_NOMEM;
        return plugin_refuse(set, path, "%s", why);
    }
    desc = (const briefing_plugin *)dlsym(handle, BRIEFING_PLUGIN_SYMBOL);
    if (desc == NULL)
        reason = "not a briefing plugin (its descriptor is not exported)";
    else if ((reason = plugin_check_descriptor(desc, why, sizeof why)) == NULL
             && (earlier = plugin_find(set, desc->name, 0)) != NULL) {
        snprintf(why, sizeof why, "duplicate plugin name \"%s\" (already loaded from %s)",
                 desc->name, earlier->path);
        reason = why;
    }
    if (reason == plugin_nomem) {
        dlclose(handle);
        plugin_hold(set, fd);
        return BRIEFING_ERR_NOMEM;
    }
    if (reason) {
        rc = plugin_refuse(set, path, "%s", reason);
        dlclose(handle);
        plugin_hold(set, fd);
        return rc;
    }
    rc = plugin_add(set, path, handle, fd, desc);
    if (rc != BRIEFING_OK) {
        dlclose(handle);
        plugin_hold(set, fd);
    }
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
    char why[PATH_MAX + 512];
    char real[PATH_MAX];
    char path[PATH_MAX];
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    struct dirent *e;
    struct stat st;
    DIR *dh;
    int rc = BRIEFING_OK;

    /* The folder and every one above it must pass, or none of its
     * plugins is even looked at; one that does not exist is skipped. */
    switch (plugin_walk(dir, real, sizeof real, &st, why, sizeof why)) {
    case PLUGIN_MISSING:
        return BRIEFING_OK;
    case PLUGIN_UNTRUSTED:
        return plugin_refuse(set, dir, "%s; no plugin in it is loaded", why);
    default:
        break;
    }
    if (!S_ISDIR(st.st_mode))
        return BRIEFING_OK;
    dh = opendir(real);
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
        if (getenv("BRIEFING_NO_DLCLOSE") == NULL && set->items[i].handle) {
            /* Closed only with its object (plugin_dlopen says why). */
            dlclose(set->items[i].handle);
            close(set->items[i].fd);
        }
        free(set->items[i].path);
        free((void *)set->items[i].desc->options);
        free((void *)set->items[i].desc);
    }
    if (getenv("BRIEFING_NO_DLCLOSE") == NULL)
        for (i = 0; i < set->n_held; i++)
            close(set->held[i]);
    free(set->held);
    for (i = 0; i < set->n_refused; i++) {
        free(set->refused[i].path);
        free(set->refused[i].reason);
    }
    free(set->items);
    free(set->refused);
    memset(set, 0, sizeof *set);
}

#include "output.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <briefing/plugin.h>

#include "paths.h"

/* Pending temporary paths, kept in fixed storage so that a signal handler
 * can unlink them without touching the heap.  A process writes one PDF at a
 * time; a few slots leave room for a state file alongside. */
#define OUTPUT_PENDING_MAX 4
static char output_pending[OUTPUT_PENDING_MAX][PATH_MAX];
static volatile sig_atomic_t output_pending_used[OUTPUT_PENDING_MAX];

static void output_remember(const char *path)
{
    int i;

    for (i = 0; i < OUTPUT_PENDING_MAX; i++) {
        if (!output_pending_used[i]) {
            snprintf(output_pending[i], PATH_MAX, "%s", path);
            output_pending_used[i] = 1;
            return;
        }
    }
}

static void output_forget(const char *path)
{
    int i;

    for (i = 0; i < OUTPUT_PENDING_MAX; i++) {
        if (output_pending_used[i] && strcmp(output_pending[i], path) == 0) {
            output_pending_used[i] = 0;
            return;
        }
    }
}

void output_unlink_pending(void)
{
    int i;

    for (i = 0; i < OUTPUT_PENDING_MAX; i++)
        if (output_pending_used[i])
            unlink(output_pending[i]);
}

int output_begin(output *o, const char *final_path, diag *d)
{
    char dir[PATH_MAX];
    char tmp[PATH_MAX];
    const char *base = strrchr(final_path, '/');
    struct stat st;
    int fd;

    o->final_path = o->tmp_path = NULL;
    o->direct = 0;
    base = base ? base + 1 : final_path;
    paths_dirname(final_path, dir, sizeof dir);
    if (base[0] == '\0' || (stat(final_path, &st) == 0 && S_ISDIR(st.st_mode)))
        return diag_set(d, BRIEFING_ERR_CANTCREAT, "%s: is a folder, not a file name", final_path);
    if (stat(final_path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* Never rename over a device node: write to it. */
        o->final_path = strdup(final_path);
        o->tmp_path = strdup(final_path);
        o->direct = 1;
        if (o->final_path == NULL || o->tmp_path == NULL) {
            free(o->final_path);
            free(o->tmp_path);
            o->final_path = o->tmp_path = NULL;
            return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
        }
        return BRIEFING_OK;
    }
    if (snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, base) >= (int)sizeof tmp)
        return diag_set(d, BRIEFING_ERR_CANTCREAT, "%s: path too long", final_path);
    fd = mkstemp(tmp);
    if (fd < 0)
        return diag_set(d, BRIEFING_ERR_CANTCREAT, "%s: cannot create a file in %s: %s",
                        final_path, dir, strerror(errno));
    /* mkstemp makes the file 0600; a briefing is a document to share. */
    {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    close(fd);
    o->final_path = strdup(final_path);
    o->tmp_path = strdup(tmp);
    if (o->final_path == NULL || o->tmp_path == NULL) {
        unlink(tmp);
        free(o->final_path);
        free(o->tmp_path);
        o->final_path = o->tmp_path = NULL;
        return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
    }
    output_remember(tmp);
    return BRIEFING_OK;
}

static void output_release(output *o)
{
    if (o->tmp_path && !o->direct)
        output_forget(o->tmp_path);
    free(o->final_path);
    free(o->tmp_path);
    o->final_path = o->tmp_path = NULL;
}

int output_commit(output *o, diag *d)
{
    int fd;
    int rc = BRIEFING_OK;

    if (o->direct) {
        output_release(o);
        return BRIEFING_OK;
    }
    fd = open(o->tmp_path, O_RDONLY);
    if (fd < 0 || fsync(fd) != 0)
        rc = diag_set(d, BRIEFING_ERR_IO, "%s: writing failed: %s", o->final_path, strerror(errno));
    if (fd >= 0)
        close(fd);
    if (rc == BRIEFING_OK && rename(o->tmp_path, o->final_path) != 0)
        rc = diag_set(d, BRIEFING_ERR_IO, "%s: cannot put the finished file in place: %s",
                      o->final_path, strerror(errno));
    if (rc != BRIEFING_OK)
        unlink(o->tmp_path);
    output_release(o);
    return rc;
}

void output_abort(output *o)
{
    if (o->tmp_path && !o->direct)
        unlink(o->tmp_path);
    output_release(o);
}

int output_write_text(const char *path, const char *text, diag *d)
{
    output out;
    FILE *f;
    int rc = output_begin(&out, path, d);

    if (rc)
        return rc;
    f = fopen(out.tmp_path, "wb");
    if (f == NULL || fputs(text, f) == EOF || fputc('\n', f) == EOF) {
        rc = diag_set(d, BRIEFING_ERR_IO, "%s: writing failed: %s", path, strerror(errno));
        if (f)
            fclose(f);
        output_abort(&out);
        return rc;
    }
    if (fclose(f) != 0) {
        rc = diag_set(d, BRIEFING_ERR_IO, "%s: writing failed: %s", path, strerror(errno));
        output_abort(&out);
        return rc;
    }
    return output_commit(&out, d);
}

/* 1 when entry is ".BASE." followed by mkstemp's six characters. */
static int output_is_temporary(const char *entry, const char *base)
{
    size_t n = strlen(base), i;

    if (entry[0] != '.' || strncmp(entry + 1, base, n) != 0 || entry[1 + n] != '.'
        || strlen(entry + 2 + n) != 6)
        return 0;
    for (i = 2 + n; entry[i]; i++)
        if (!isalnum((unsigned char)entry[i]))
            return 0;
    return 1;
}

int output_sweep(const char *final_path)
{
    char dir[PATH_MAX], path[PATH_MAX];
    const char *base = strrchr(final_path, '/');
    struct dirent *e;
    DIR *folder;
    int removed = 0;

    base = base ? base + 1 : final_path;
    paths_dirname(final_path, dir, sizeof dir);
    if ((folder = opendir(dir)) == NULL)
        return 0;
    while ((e = readdir(folder)) != NULL)
        if (output_is_temporary(e->d_name, base) && paths_join(path, sizeof path, dir, e->d_name) == 0
            && unlink(path) == 0)
            removed++;
    closedir(folder);
    return removed;
}

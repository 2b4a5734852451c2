#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "date.h"
#include "host.h"
#include "naming.h"
#include "output.h"
#include "paths.h"

/* Makes folder path unless it exists. */
static int state_mkdir(const char *path, diag *d)
{
    struct stat st;

    if (mkdir(path, 0777) == 0 || (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        return BRIEFING_OK;
    return diag_set(d, BRIEFING_ERR_CANTCREAT, "--state-dir: cannot make the folder %s: %s",
                    path, errno == EEXIST ? "a file of that name is in the way" : strerror(errno));
}

int state_open(state_store *st, const char *dir, const char *template_path, diag *d)
{
    const char *base = strrchr(template_path, '/');
    char name[sizeof st->key];
    size_t n;
    int rc;

    base = base ? base + 1 : template_path;
    snprintf(name, sizeof name, "%s", base);
    n = strlen(name);
    if (n > 5 && strcmp(name + n - 5, ".json") == 0)
        name[n - 5] = '\0';
    if (naming_safe(name, st->key, sizeof st->key) == 0)
        snprintf(st->key, sizeof st->key, "template");
    if (paths_join(st->dir, sizeof st->dir, dir, st->key) != 0)
        return diag_set(d, BRIEFING_ERR_CANTCREAT, "--state-dir %s: path too long", dir);
    if ((rc = state_mkdir(dir, d)))
        return rc;
    return state_mkdir(st->dir, d);
}

int state_file(const state_store *st, const char *code, char *path, size_t size, diag *d)
{
    char file[NAMING_MAX + 8];

    if (naming_safe(code, file, NAMING_MAX) == 0)
        return diag_set(d, BRIEFING_ERR_DATA, "council code \"%s\" cannot name a state file",
                        code);
    strcat(file, ".json");
    if (paths_join(path, size, st->dir, file) != 0)
        return diag_set(d, BRIEFING_ERR_CANTCREAT, "%s: path too long", st->dir);
    return BRIEFING_OK;
}

/* The string member key of o, or NULL. */
static const char *state_string(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Checks that doc is a state file of council code for this store's
 * template; names what is wrong. */
static int state_check(const state_store *st, const cJSON *doc, const char *code,
                       const char *path, diag *d)
{
    const char *schema = state_string(doc, "schema");
    const char *key = state_string(doc, "template");
    const char *doc_code = state_string(doc, "code");
    briefing_date date;

    if (!cJSON_IsObject(doc))
        return diag_set(d, BRIEFING_ERR_DATA, "%s: not a JSON object", path);
    if (schema == NULL || strcmp(schema, STATE_SCHEMA) != 0)
        return diag_set(d, BRIEFING_ERR_DATA, "%s: schema: expected \"%s\"", path, STATE_SCHEMA);
    if (key == NULL || strcmp(key, st->key) != 0)
        return diag_set(d, BRIEFING_ERR_DATA, "%s: template: expected \"%s\"", path, st->key);
    if (doc_code == NULL || strcmp(doc_code, code) != 0)
        return diag_set(d, BRIEFING_ERR_DATA, "%s: code: expected \"%s\"", path, code);
    if (!state_string(doc, "as_of") || !date_parse(state_string(doc, "as_of"), &date))
        return diag_set(d, BRIEFING_ERR_DATA, "%s: as_of: expected a date", path);
    if (!state_string(doc, "briefed") || !date_parse(state_string(doc, "briefed"), &date))
        return diag_set(d, BRIEFING_ERR_DATA, "%s: briefed: expected a date", path);
    if (!cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(doc, "council")))
        return diag_set(d, BRIEFING_ERR_DATA, "%s: council: expected an object", path);
    return BRIEFING_OK;
}

/* Reads the state file at path into text: a regular file only, never
 * through a symlink (which could show another file to a run as root) and
 * never waiting on a FIFO.  BRIEFING_OK with text->data NULL when there is
 * no file. */
static int state_read(const char *path, buf *text, diag *d)
{
    char chunk[65536];
    struct stat info;
    ssize_t n;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    int err = 0;

    if (fd < 0 && errno == ENOENT)
        return BRIEFING_OK;
    if (fd < 0 && errno == ELOOP)
        return diag_set(d, BRIEFING_ERR_NOINPUT, "%s: a symlink, not a state file: state files "
                        "are read only as regular files", path);
    if (fd < 0)
        return diag_set(d, BRIEFING_ERR_NOINPUT, "%s: %s", path, strerror(errno));
    if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        close(fd);
        return diag_set(d, BRIEFING_ERR_NOINPUT, "%s: not a regular file (a FIFO, a device or "
                        "a socket): state files are read only as regular files", path);
    }
    while (err == 0 && (n = read(fd, chunk, sizeof chunk)) != 0) {
        if (n < 0)
            err = errno == EINTR ? 0 : errno;
        else if (buf_add(text, chunk, (size_t)n) != 0)
            err = errno;
    }
    close(fd);
    if (err == 0 && text->data == NULL && buf_add(text, "", 0) != 0)
        err = errno;
    if (err)
        return diag_set(d, err == EFBIG ? BRIEFING_ERR_DATA
                           : err == ENOMEM ? BRIEFING_ERR_NOMEM : BRIEFING_ERR_NOINPUT,
                        "%s: %s", path, err == EFBIG ? "larger than a state file can be"
                                                     : strerror(err));
    return BRIEFING_OK;
}

int state_load(const state_store *st, const char *code, cJSON **out, diag *d)
{
    char path[PATH_MAX];
    cJSON *doc = NULL;
    buf text;
    int rc;

    *out = NULL;
    if ((rc = state_file(st, code, path, sizeof path, d)))
        return rc;
    buf_init(&text, STATE_MAX_BYTES);
    if ((rc = state_read(path, &text, d)) != 0 || text.data == NULL) {
        buf_free(&text);
        return rc;
    }
    doc = cJSON_ParseWithLength(text.data, text.len);
    buf_free(&text);
    if (doc == NULL)
        return diag_set(d, BRIEFING_ERR_DATA, "%s: not valid JSON", path);
    if ((rc = state_check(st, doc, code, path, d))) {
        cJSON_Delete(doc);
        return rc;
    }
    *out = doc;
    return BRIEFING_OK;
}

/* Adds a date member in ISO form; 0, or -1 when memory ran out. */
static int state_add_date(cJSON *o, const char *key, briefing_date date)
{
    char iso[32];

    return cJSON_AddStringToObject(o, key, date_iso(date, iso, sizeof iso)) ? 0 : -1;
}

int state_save(const state_store *st, const briefing_council *c, briefing_date as_of,
               briefing_date briefed, diag *d)
{
    char path[PATH_MAX];
    cJSON *doc = cJSON_CreateObject(), *council = NULL;
    char *text = NULL;
    int rc;

    if ((rc = state_file(st, c->code, path, sizeof path, d)))
        goto out;
    if (doc == NULL || !cJSON_AddStringToObject(doc, "schema", STATE_SCHEMA)
        || !cJSON_AddStringToObject(doc, "template", st->key)
        || !cJSON_AddStringToObject(doc, "code", c->code)
        || state_add_date(doc, "briefed", briefed) || state_add_date(doc, "as_of", as_of)
        || (council = cJSON_Duplicate((const cJSON *)c->raw, 1)) == NULL
        || !cJSON_AddItemToObject(doc, "council", council)) {
        if (doc && council && !cJSON_GetObjectItemCaseSensitive(doc, "council"))
            cJSON_Delete(council);
        rc = diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
        goto out;
    }
    if ((text = cJSON_Print(doc)) == NULL) {
        rc = diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
        goto out;
    }
    rc = output_write_text(path, text, d);
out:
    cJSON_free(text);
    cJSON_Delete(doc);
    return rc;
}

const briefing_json *state_previous(briefing_ctx *ctx)
{
    return ctx ? (const briefing_json *)ctx->previous : NULL;
}

int state_kept(briefing_ctx *ctx)
{
    return ctx ? ctx->state_kept : 0;
}

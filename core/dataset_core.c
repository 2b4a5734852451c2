/*
 * dataset: reading a data file into a JSON document, with errors that point
 * at the line and column of the problem.  Validation, merging and the typed
 * view are in dataset_validate.c, dataset_merge.c and dataset_build.c.
 */
#include "dataset_core.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <briefing/status.h>

#include "buf.h"
#include "councils_register.h"
#include "dataset_private.h"
#include "utf8.h"

cJSON *dataset_new_document(void)
{
    cJSON *doc = cJSON_CreateObject();

    if (doc == NULL)
        return NULL;
    if (cJSON_AddStringToObject(doc, "schema", DATASET_SCHEMA) == NULL
        || cJSON_AddArrayToObject(doc, "councils") == NULL
        || cJSON_AddArrayToObject(doc, "sources") == NULL) {
        cJSON_Delete(doc);
        return NULL;
    }
    return doc;
}

/* The 1-based line and column (in characters, as editors count them) of
 * byte offset `at` of text, which is valid UTF-8 up to there. */
static void line_and_column(const char *text, size_t at, size_t *line, size_t *col)
{
    size_t i = 0;

    *line = 1;
    *col = 1;
    while (i < at) {
        uint32_t cp;
        size_t n;

        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
            i++;
            continue;
        }
        n = utf8_decode(text + i, at - i, &cp);
        i += n;
        (*col)++;
    }
}

/* cJSON, and so the syntax check, takes every byte up to 32 as a space. */
static int is_json_space(char c)
{
    return c != '\0' && (unsigned char)c <= 32;
}

/* A UTF-8 byte order mark, which editors on Windows like to write. */
static size_t bom_length(const char *text, size_t len)
{
    return (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
}

static int too_large(const char *name, diag *d)
{
    return diag_set(d, BRIEFING_ERR_DATA,
                    "%s: the file is larger than the limit of %u MiB for a data file", name,
                    DATASET_MAX_FILE_BYTES / (1024u * 1024u));
}

/* The text must be UTF-8 without NUL bytes (cJSON would stop at one). */
static int check_text(const char *name, const char *text, size_t len, diag *d)
{
    size_t bad, line, col;
    const char *nul;

    if (len > DATASET_MAX_FILE_BYTES)
        return too_large(name, d);
    nul = memchr(text, '\0', len);
    if (nul != NULL) {
        if (!utf8_valid(text, (size_t)(nul - text), &bad))
            goto bad_utf8;
        line_and_column(text, (size_t)(nul - text), &line, &col);
        return diag_set(d, BRIEFING_ERR_DATA,
                        "%s:%zu:%zu: a NUL byte; a data file must be UTF-8 text", name, line,
                        col);
    }
    if (utf8_valid(text, len, &bad))
        return BRIEFING_OK;
bad_utf8:
    line_and_column(text, bad, &line, &col);
    return diag_set(d, BRIEFING_ERR_DATA,
                    "%s:%zu:%zu: not valid UTF-8 (byte 0x%02X); save the file as UTF-8", name,
                    line, col, (unsigned)(unsigned char)text[bad]);
}

int dataset_parse_text(const char *name, const char *text, size_t len, cJSON **out, diag *d)
{
    const char *what = NULL, *end = NULL;
    size_t at = 0, line, col, skip;
    cJSON *doc;
    int rc;

    *out = NULL;
    rc = check_text(name, text, len, d);
    if (rc != BRIEFING_OK)
        return rc;
    skip = bom_length(text, len);
    while (skip < len && is_json_space(text[skip]))
        skip++;
    if (skip == len)
        return diag_set(d, BRIEFING_ERR_DATA,
                        "%s: empty file, expected a briefing dataset (JSON)", name);

    /* Without "require NUL-terminated", cJSON stops after the first value
     * and reads no further than len; what follows it must be spaces. */
    doc = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (doc != NULL) {
        at = (size_t)(end - text);
        while (at < len && is_json_space(text[at]))
            at++;
        if (at == len) {
            *out = doc;
            return BRIEFING_OK;
        }
        what = "text after the end of the document";
    } else if (!dataset_syntax_error(text, len, &at, &what)) {
        /* Good JSON that cJSON could not take: it ran out of memory. */
        return diag_set(d, BRIEFING_ERR_NOMEM, "%s: out of memory reading the file", name);
    }
    cJSON_Delete(doc);
    line_and_column(text, at, &line, &col);
    return diag_set(d, BRIEFING_ERR_DATA, "%s:%zu:%zu: not valid JSON (%s)", name, line, col,
                    what);
}

int dataset_parse_file(const char *path, cJSON **out, diag *d)
{
    struct stat st;
    buf b;
    int rc;

    *out = NULL;
    if (stat(path, &st) != 0)
        return diag_set(d, diag_errno_status(errno, BRIEFING_ERR_NOINPUT), "%s: cannot read: %s", path,
                        strerror(errno));
    if (S_ISDIR(st.st_mode))
        return diag_set(d, BRIEFING_ERR_NOINPUT, "%s: is a folder, expected a data file", path);
    /* Refuse a huge file before reading any of it. */
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > DATASET_MAX_FILE_BYTES)
        return too_large(path, d);

    buf_init(&b, DATASET_MAX_FILE_BYTES);
    if (buf_read_file(&b, path) != 0) {
        if (errno == EFBIG)
            rc = too_large(path, d);
        else
            rc = diag_set(d, diag_errno_status(errno, BRIEFING_ERR_NOINPUT),
                          "%s: cannot read: %s", path, strerror(errno));
        goto out;
    }
    rc = dataset_parse_text(path, b.data, b.len, out, d);
out:
    buf_free(&b);
    return rc;
}

/* ---- codes ------------------------------------------------------------- */

/* Rewrites a string item holding a former code to the current one; 0, or -1
 * when memory ran out. */
static int dataset_recode(cJSON *item)
{
    const char *now;

    if (!cJSON_IsString(item) || (now = councils_current_code(item->valuestring)) == NULL)
        return 0;
    return cJSON_SetValuestring(item, now) ? 0 : -1;
}

int dataset_canonical_codes(cJSON *doc, diag *d)
{
    const cJSON *councils = cJSON_GetObjectItemCaseSensitive(doc, "councils");
    cJSON *c, *n;

    cJSON_ArrayForEach(c, councils) {
        cJSON *comparators = cJSON_GetObjectItemCaseSensitive(c, "comparators");
        cJSON *sn = cJSON_GetObjectItemCaseSensitive(comparators, "statistical_neighbours");

        if (dataset_recode(cJSON_GetObjectItemCaseSensitive(c, "code")) != 0)
            return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
        cJSON_ArrayForEach(n, sn)
            if (dataset_recode(n) != 0)
                return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
    }
    return BRIEFING_OK;
}

/*
 * served.c: helpers served to plugins through the host table (ABI 1.2).
 * Each behaves as the copy the shipped plugins kept before, so that
 * moving them here changed no output.  Who owns what: buffers are the
 * caller's; council_entry's index lives on the plugin's context and goes
 * with it (host_ctx_free).
 */
#include "served.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_core.h"
#include "host.h"
#include "json_api.h"

/* ---- text ---------------------------------------------------------------- */

static int served_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/* 1 when a equals b ignoring ASCII case and white space at either end of a. */
static int served_is(const char *a, const char *b)
{
    while (*a == ' ' || *a == '\t')
        a++;
    for (; *b; a++, b++) /* a's NUL differs from any byte of b */
        if (served_lower((unsigned char)*a) != served_lower((unsigned char)*b))
            return 0;
    for (; *a; a++)
        if (*a != ' ' && *a != '\t' && *a != '\r' && *a != '\n')
            return 0;
    return 1;
}

/* 1 when needle (lower case) occurs in s ignoring ASCII case. */
static int served_contains(const char *s, const char *needle)
{
    size_t n = strlen(needle);

    for (; *s; s++) {
        size_t i = 0;

        while (i < n && served_lower((unsigned char)s[i]) == needle[i])
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

/* ---- recognising a CSV file ---------------------------------------------- */

const char *served_header_line(const unsigned char *head, size_t len, char *buf, size_t size)
{
    size_t i = 0, o = 0;
    int quoted = 0, space = 0;

    if (buf == NULL || size == 0)
        return buf;
    if (head == NULL)
        len = 0;
    if (len >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        i = 3; /* a UTF-8 byte-order mark, as spreadsheets write */
    for (; i < len && o + 2 < size; i++) {
        unsigned char c = head[i];

        if (c == '"') {
            quoted = !quoted;
            continue;
        }
        if (!quoted && (c == '\n' || c == '\r'))
            break;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = 1;
            continue;
        }
        if (space && o > 0)
            buf[o++] = ' ';
        space = 0;
        buf[o++] = (char)served_lower(c);
    }
    buf[o] = '\0';
    return buf;
}

int served_header_has(const unsigned char *head, size_t len, const char *name)
{
    char line[4096];
    size_t n;
    const char *p;

    if (name == NULL)
        return 0;
    served_header_line(head, len, line, sizeof line);
    n = strlen(name);
    for (p = line; p; p = strchr(p, ',')) {
        const char *end;

        if (*p == ',')
            p++;
        while (*p == ' ')
            p++;
        end = p;
        while (*end && *end != ',')
            end++;
        while (end > p && end[-1] == ' ')
            end--;
        if ((size_t)(end - p) == n) {
            size_t i = 0;

            while (i < n && p[i] == served_lower((unsigned char)name[i]))
                i++;
            if (i == n)
                return 1;
        }
    }
    return 0;
}

/* ---- councils in a dataset being read ------------------------------------ */

/* The council objects met so far on one context, sorted by the address of
 * their register entry (one entry a council, all in one table): finding a
 * row's council is a binary search of pointer comparisons. */
typedef struct served_entry {
    const briefing_council_info *info;
    cJSON *obj;
} served_entry;

typedef struct served_index {
    const cJSON *dataset; /* the index is for this dataset only */
    served_entry *e;
    size_t n, cap;
    /* When only_ours is set, every element of the array `councils` is one
     * of e[], and `tail` was its last element: while its last element is
     * still `tail` nothing was appended (the plugins' JSON API only
     * appends), so a council missing from e[] is missing from the array
     * and the search of the array can be skipped. */
    const cJSON *councils, *tail;
    int only_ours;
} served_index;

void served_ctx_free(briefing_ctx *ctx)
{
    served_index *ix = ctx->served;

    if (ix) {
        free(ix->e);
        free(ix);
    }
    ctx->served = NULL;
}

/* The council object of the array councils whose code is info's, or NULL;
 * *count is how many elements were looked at (all of them on a miss). */
static cJSON *served_council_find(cJSON *councils, const briefing_council_info *info, size_t *count)
{
    cJSON *c;

    *count = 0;
    cJSON_ArrayForEach(c, councils) {
        const cJSON *code = cJSON_GetObjectItemCaseSensitive(c, "code");

        ++*count;
        if (cJSON_IsString(code) && strcmp(code->valuestring, info->code) == 0)
            return c;
    }
    return NULL;
}

/* 1 when the index knows every council of the array: see served_index. */
static int served_only_ours(const served_index *ix, const cJSON *councils)
{
    return ix->only_ours && councils == ix->councils && councils->child != NULL &&
           councils->child->prev == ix->tail;
}

/* The council object of root for info: found in root's councils array
 * (unless the index knows them all), else added at its end. */
static cJSON *served_council_add(served_index *ix, cJSON *root, const briefing_council_info *info)
{
    cJSON *councils = cJSON_GetObjectItemCaseSensitive(root, "councils");
    cJSON *c;
    size_t count = 0;
    int ours, same;

    if (councils == NULL && (councils = cJSON_AddArrayToObject(root, "councils")) == NULL)
        return NULL;
    ours = served_only_ours(ix, councils);
    same = ix->n == 0 || councils == ix->councils; /* the index's entries are in this array */
    if (!ours && (c = served_council_find(councils, info, &count)) != NULL) {
        /* found: the caller adds it to the index, which then knows the
         * whole array if the array is as long as the index will be */
        ix->councils = councils;
        ix->tail = councils->child->prev;
        ix->only_ours = same && cJSON_GetArraySize(councils) == (int)(ix->n + 1);
        return c;
    }
    if ((c = cJSON_CreateObject()) == NULL)
        return NULL;
    if (!cJSON_AddItemToArray(councils, c)) {
        cJSON_Delete(c);
        return NULL;
    }
    ix->only_ours = 0; /* until c is whole: a half-made one is searched for again */
    if (!cJSON_AddStringToObject(c, "code", info->code) ||
        !cJSON_AddStringToObject(c, "la_number", info->la_number) ||
        !cJSON_AddStringToObject(c, "name", info->name) ||
        !cJSON_AddStringToObject(c, "kind", info->kind) ||
        !cJSON_AddStringToObject(c, "region", info->region))
        return NULL;
    ix->councils = councils;
    ix->tail = c;
    ix->only_ours = ours || (same && count == ix->n); /* the array held only the index's */
    return c;
}

briefing_json *served_council_entry(briefing_ctx *ctx, briefing_json *dataset,
                                    const briefing_council_info *info)
{
    cJSON *root = json_unwrap(dataset), *c;
    served_index *ix = ctx->served;
    size_t lo = 0, hi;

    if (root == NULL || info == NULL || !cJSON_IsObject(root)) {
        host_ctx_error(ctx, BRIEFING_ERR_INTERNAL, "council_entry: no dataset or council given");
        return NULL;
    }
    if (ix == NULL && (ix = ctx->served = calloc(1, sizeof *ix)) == NULL)
        goto nomem;
    if (ix->dataset != root) { /* another dataset: start again */
        ix->dataset = root;
        ix->n = 0;
        ix->only_ours = 0;
    }
    for (hi = ix->n; lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;

        if (ix->e[mid].info == info)
            return json_wrap(ix->e[mid].obj);
        if ((uintptr_t)ix->e[mid].info < (uintptr_t)info)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (ix->n == ix->cap) {
        size_t cap = ix->cap ? ix->cap * 2 : 64;
        served_entry *e = realloc(ix->e, cap * sizeof *e);

        if (e == NULL)
            goto nomem;
        ix->e = e;
        ix->cap = cap;
    }
    if ((c = served_council_add(ix, root, info)) == NULL)
        goto nomem;
    memmove(ix->e + lo + 1, ix->e + lo, (ix->n - lo) * sizeof *ix->e);
    ix->e[lo] = (served_entry){info, c};
    ix->n++;
    return json_wrap(c);
nomem:
    host_ctx_error(ctx, BRIEFING_ERR_NOMEM, "out of memory");
    return NULL;
}

/* ---- Ofsted's words ------------------------------------------------------ */

int served_ofsted_grade(const char *text, int pre2013, const char **word)
{
    static const char *const none[] = {"", "-", "n/a", "na", "not judged", "not applicable", NULL};
    const char *const *s;

    if (text == NULL || word == NULL)
        return -1;
    for (s = none; *s; s++)
        if (served_is(text, *s))
            return 0;
    if (served_is(text, "outstanding"))
        *word = "outstanding";
    else if (served_is(text, "good"))
        *word = "good";
    else if (served_is(text, "requires improvement to be good") || served_is(text, "requires improvement"))
        *word = pre2013 ? "adequate" : "requires_improvement";
    else if (served_is(text, "adequate"))
        *word = "adequate";
    else if (served_is(text, "inadequate"))
        *word = "inadequate";
    else
        return -1;
    return 1;
}

int served_ofsted_inspection_type(const char *text, const char **framework, const char **type,
                                  int *visit)
{
    if (text == NULL || framework == NULL || type == NULL || visit == NULL)
        return -1;
    *visit = 0;
    if (served_contains(text, "focused visit")) {
        *type = "focused_visit";
        *visit = 1;
    } else if (served_contains(text, "monitoring visit")) {
        *type = "monitoring_visit";
        *visit = 1;
    } else if (served_contains(text, "joint targeted") || served_contains(text, "jtai")) {
        *framework = "jtai";
        *type = "joint_targeted";
        *visit = 1;
    } else if (served_contains(text, "short")) {
        *type = "short";
    } else if (served_contains(text, "standard") || served_contains(text, "full")) {
        *type = "full";
    } else {
        return -1;
    }
    return 1;
}

/* ---- titles -------------------------------------------------------------- */

const char *served_expand_title(const char *text, const briefing_council *c, char *buf,
                                size_t size)
{
    /* The analysis' append: a title too long for buf ends in an ellipsis,
     * cut at a character boundary, as every other text of a section. */
    const char *(*append)(char *, size_t, const char *, ...) = analysis_api()->append;
    const char *name = c && c->name ? c->name : "", *at;

    if (buf == NULL || size == 0)
        return buf;
    buf[0] = '\0';
    if (text == NULL)
        return buf;
    while ((at = strstr(text, "{council}")) != NULL) {
        append(buf, size, "%.*s%s", (int)(at - text), text, name);
        text = at + strlen("{council}");
    }
    append(buf, size, "%s", text);
    return buf;
}

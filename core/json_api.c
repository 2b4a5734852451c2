#include "json_api.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/status.h>

#include "dataset_core.h"
#include "dataset_private.h"
#include "host.h"
#include "utf8.h"

static briefing_json_type json_type(const briefing_json *value)
{
    const cJSON *v = json_unwrap_const(value);

    if (v == NULL)
        return BRIEFING_JSON_INVALID;
    if (dataset_is_null(v)) return BRIEFING_JSON_NULL;
    if (dataset_is_false(v)) return BRIEFING_JSON_FALSE;
    if (dataset_is_true(v)) return BRIEFING_JSON_TRUE;
    if (dataset_is_number(v)) return BRIEFING_JSON_NUMBER;
    if (dataset_is_string(v)) return BRIEFING_JSON_STRING;
    if (dataset_is_array(v)) return BRIEFING_JSON_ARRAY;
    if (dataset_is_object(v)) return BRIEFING_JSON_OBJECT;
    return BRIEFING_JSON_INVALID;
}

static const briefing_json *json_get(const briefing_json *object, const char *key)
{
    const cJSON *o = json_unwrap_const(object);

    if (!dataset_is_object(o) || key == NULL)
        return NULL;
    return (const briefing_json *)dataset_member(o, key);
}

static size_t json_count(const briefing_json *array)
{
    const cJSON *a = json_unwrap_const(array);
    size_t n = 0;
    const cJSON *it;

    if (!dataset_is_array(a) && !dataset_is_object(a))
        return 0;
    for (it = a->child; it; it = it->next)
        n++;
    return n;
}

static const briefing_json *json_at(const briefing_json *array, size_t index)
{
    const cJSON *a = json_unwrap_const(array);
    const cJSON *it;

    if (!dataset_is_array(a) && !dataset_is_object(a))
        return NULL;
    for (it = a->child; it && index > 0; it = it->next)
        index--;
    return (const briefing_json *)it;
}

static const char *json_string(const briefing_json *value)
{
    const cJSON *v = json_unwrap_const(value);

    return dataset_is_string(v) ? v->valuestring : NULL;
}

static int json_number(const briefing_json *value, double *out)
{
    const cJSON *v = json_unwrap_const(value);

    if (!dataset_is_number(v))
        return 0;
    if (out)
        *out = v->valuedouble;
    return 1;
}

/* The member names of data-model.md, which sources give over and over:
 * a member with one of these names gets the string below as its name, not a
 * copy (cJSON_AddItemToObjectCS), which saves an allocation and a free for
 * nearly every member of a source's document.  They are the program's own,
 * so they outlive any plugin and any document. */
enum { KNOWN_ID = 4, KNOWN_CODE = 9, KNOWN_CITES = 24 }; /* their places in known_keys */

static const char *const known_keys[] = {
    "schema", "as_of", "sources", "councils", "id", "title", "publisher", "date", "url",
    "code", "la_number", "name", "kind", "region", "comparators", "statistical_neighbours",
    "inspections", "inspected_from", "inspected_to", "framework", "type", "judgement",
    "sub_judgements", "summary", "cites", "leaders", "role", "start", "in_post_on", "end",
    "interim", "note", "interventions", "by", "partner", "outcome", "metrics", "period",
    "value", "unit", "england", "comparator", "events", "headline", NULL,
};

#define KNOWN_SLOTS 256 /* a power of two, well over twice the names */

static size_t known_hash(const char *key, size_t len)
{
    return ((unsigned char)key[0] * 31u + (unsigned char)key[len - 1] * 7u + len * 131u)
           & (KNOWN_SLOTS - 1);
}

/* A few strings asked for lately, by the address they were passed at, and
 * what was found for them: sources pass the same literals over and over.
 * An address alone proves nothing (a caller's buffer may hold another text
 * next time), so a hit is taken only when the text equals what was found. */
typedef struct recent {
    const char *asked, *found;
} recent;

#define RECENT_SLOTS 16 /* a power of two */

static recent *recent_slot(recent *table, const char *asked)
{
    return &table[((uintptr_t)asked >> 3) & (RECENT_SLOTS - 1)];
}

/* found, when r remembers it for asked and it still holds asked's text. */
static const char *recent_hit(const recent *r, const char *asked)
{
    return r->asked == asked && r->found != NULL && r->found[0] == asked[0]
                   && strcmp(r->found, asked) == 0
               ? r->found
               : NULL;
}

static const char *known_key_lookup(const char *key);

/* key's entry of known_keys, or NULL. */
static const char *known_key(const char *key)
{
    static recent recents[RECENT_SLOTS];
    recent *r = recent_slot(recents, key);
    const char *known = recent_hit(r, key);

    if (known == NULL && (known = known_key_lookup(key)) != NULL) {
        r->asked = key;
        r->found = known;
    }
    return known;
}

/* known_key without the recent strings.  The table is filled on first use
 * (open addressing); it is never freed. */
static const char *known_key_lookup(const char *key)
{
    static const char *slots[KNOWN_SLOTS];
    static int filled;
    size_t len = strlen(key), i;

    if (len == 0 || len > 32)
        return NULL;
    if (!filled) {
        for (const char *const *k = known_keys; *k; k++) {
            for (i = known_hash(*k, strlen(*k)); slots[i] != NULL; i = (i + 1) & (KNOWN_SLOTS - 1))
                ;
            slots[i] = *k;
        }
        filled = 1;
    }
    for (i = known_hash(key, len); slots[i] != NULL; i = (i + 1) & (KNOWN_SLOTS - 1))
        if (slots[i][0] == key[0] && strcmp(slots[i], key) == 0)
            return slots[i];
    return NULL;
}

/* ---- values met over and over ---------------------------------------------- */

#define VALUE_SLOTS 8192   /* a power of two; at most half of them are used */
#define VALUE_MAX_LEN 48   /* longer values are copied as they are */

/* The short values sources repeat for every entry (a metric's name, unit and
 * period, a council's name and region, a grade, a date): one copy each for
 * the life of the process, which members refer to (cJSON_IsReference)
 * instead of holding a copy.  For the official files that is 33,000
 * allocations and frees fewer, and 1 MB less to fault in. */
static char **value_slots;
static size_t value_count;

/* 1 when values of the member `known` (a known_keys entry) may be shared:
 * not a council's code or a source's id, which loading may rename in place
 * (cJSON_SetValuestring refuses a reference).  Of array elements only a
 * cites list's are shared (statistical_neighbours are recoded in place). */
static int value_shareable(const char *known)
{
    return known != NULL && known != known_keys[KNOWN_CODE] && known != known_keys[KNOWN_ID];
}

/* The process's copy of s, made on first use; NULL when s is long or not
 * UTF-8 (validation relies on it: dataset_value_checked), the table is half
 * full or memory ran out (then the caller copies s as before). */
static const char *value_shared(const char *s)
{
    static recent recents[RECENT_SLOTS];
    recent *r = recent_slot(recents, s);
    const char *hit = recent_hit(r, s);
    size_t len, i;
    uint64_t h = 1469598103934665603ull;

    if (hit != NULL)
        return hit;
    if ((len = strlen(s)) > VALUE_MAX_LEN)
        return NULL;
    if (value_slots == NULL && (value_slots = calloc(VALUE_SLOTS, sizeof *value_slots)) == NULL)
        return NULL;
    for (size_t k = 0; k < len; k++) {
        h ^= (unsigned char)s[k];
        h *= 1099511628211ull;
    }
    for (i = (size_t)h & (VALUE_SLOTS - 1); value_slots[i] != NULL; i = (i + 1) & (VALUE_SLOTS - 1))
        if (value_slots[i][0] == s[0] && strcmp(value_slots[i], s) == 0)
            break;
    if (value_slots[i] == NULL) {
        if (value_count >= VALUE_SLOTS / 2 || !utf8_valid(s, len, NULL)
            || (value_slots[i] = strdup(s)) == NULL)
            return NULL;
        value_count++;
    }
    r->asked = s;
    r->found = value_slots[i];
    return value_slots[i];
}

#define KNOWN_UNKNOWN ((const char *)&known_keys) /* "not looked up yet" */

/* Attaches item to parent: appended to an array when key is NULL, else set
 * on an object (replacing a member of that name).  known is known_key(key),
 * or KNOWN_UNKNOWN to have it looked up.  Frees item on failure. */
static briefing_json *json_attach_known(briefing_json *parent, const char *key,
                                        const char *known, cJSON *item)
{
    cJSON *p = json_unwrap(parent);

    if (item == NULL)
        return NULL;
    if (key == NULL && dataset_is_array(p)) {
        if (!cJSON_AddItemToArray(p, item))
            goto fail;
        return json_wrap(item);
    }
    if (key != NULL && dataset_is_object(p)) {
        if (dataset_member(p, key) != NULL) {
            if (!cJSON_ReplaceItemInObjectCaseSensitive(p, key, item))
                goto fail;
        } else if ((known = known == KNOWN_UNKNOWN ? known_key(key) : known) != NULL) {
            if (!cJSON_AddItemToObjectCS(p, known, item))
                goto fail;
        } else if (!cJSON_AddItemToObject(p, key, item)) {
            goto fail;
        }
        return json_wrap(item);
    }
fail:
    cJSON_Delete(item);
    return NULL;
}

static briefing_json *json_attach(briefing_json *parent, const char *key, cJSON *item)
{
    return json_attach_known(parent, key, KNOWN_UNKNOWN, item);
}

static briefing_json *json_add_object(briefing_json *parent, const char *key)
{
    return json_attach(parent, key, cJSON_CreateObject());
}

static briefing_json *json_add_array(briefing_json *parent, const char *key)
{
    return json_attach(parent, key, cJSON_CreateArray());
}

static briefing_json *json_add_string(briefing_json *parent, const char *key, const char *s)
{
    const char *shared = NULL, *known = KNOWN_UNKNOWN;

    const cJSON *p = json_unwrap(parent);

    if (s != NULL && key != NULL && dataset_is_object(p)
        && value_shareable(known = known_key(key)))
        shared = value_shared(s);
    /* The entries of a cites list: merging renames them through
     * dataset_merge's own setter, which takes a shared value. */
    else if (s != NULL && key == NULL && dataset_is_array(p) && p->string != NULL
             && p->string == known_keys[KNOWN_CITES])
        shared = value_shared(s);
    if (shared != NULL)
        return json_attach_known(parent, key, known, cJSON_CreateStringReference(shared));
    return json_attach_known(parent, key, known, s ? cJSON_CreateString(s) : cJSON_CreateNull());
}

static briefing_json *json_add_number(briefing_json *parent, const char *key, double n)
{
    return json_attach(parent, key, cJSON_CreateNumber(n));
}

static briefing_json *json_add_bool(briefing_json *parent, const char *key, int b)
{
    return json_attach(parent, key, cJSON_CreateBool(b != 0));
}

static briefing_json *json_add_null(briefing_json *parent, const char *key)
{
    return json_attach(parent, key, cJSON_CreateNull());
}

static briefing_json *json_get_mut(briefing_json *object, const char *key)
{
    return (briefing_json *)json_get(object, key);
}

static briefing_json *json_at_mut(briefing_json *array, size_t index)
{
    return (briefing_json *)json_at(array, index);
}

static int json_parse_file(briefing_ctx *ctx, const char *path, briefing_json *into)
{
    cJSON *target = json_unwrap(into);
    cJSON *doc = NULL;
    diag d;
    int rc;

    diag_clear(&d);
    if (!dataset_is_object(target))
        return host_ctx_error(ctx, BRIEFING_ERR_INTERNAL, "parse_file: the target is not an object");
    rc = dataset_parse_file(path, &doc, &d);
    if (rc != BRIEFING_OK)
        return host_ctx_error(ctx, rc, "%s", d.text);
    if (!dataset_is_object(doc)) {
        cJSON_Delete(doc);
        return host_ctx_error(ctx, BRIEFING_ERR_DATA, "%s: expected a JSON object at the top level "
                              "({\"schema\": \"briefing-dataset/1\", ...})", path);
    }
    while (target->child)
        cJSON_Delete(cJSON_DetachItemViaPointer(target, target->child));
    /* Each member moves with its key as it is.  Adding it again by name
     * would copy the key, and when that copy ran out of memory the member
     * was dropped (and leaked): "councils: missing" instead of "out of
     * memory".  Linking a child needs no memory. */
    while (doc->child) {
        cJSON *m = cJSON_DetachItemViaPointer(doc, doc->child);

        cJSON_AddItemToArray(target, m);
    }
    cJSON_Delete(doc);
    return BRIEFING_OK;
}

static const briefing_json_api json_table = {
    .size = sizeof(briefing_json_api),
    .type = json_type,
    .get = json_get,
    .count = json_count,
    .at = json_at,
    .string = json_string,
    .number = json_number,
    .add_object = json_add_object,
    .add_array = json_add_array,
    .add_string = json_add_string,
    .add_number = json_add_number,
    .add_bool = json_add_bool,
    .add_null = json_add_null,
    .get_mut = json_get_mut,
    .at_mut = json_at_mut,
    .parse_file = json_parse_file,
};

const briefing_json_api *json_api(void)
{
    return &json_table;
}

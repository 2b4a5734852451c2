/*
 * dataset_validate: every rule of data-model.md, checked on one document,
 * with the first failure reported as "FILE: FIELD PATH: what was expected".
 *
 * Two walks: check_values goes over the whole tree (unknown fields too) for
 * what any value must be (size limits, UTF-8, finite numbers, no repeated
 * member names); then the field tables below check the known fields' types,
 * closed values and dates, and a few rules that tie fields together.
 */
#include "dataset_core.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <briefing/status.h>

#include "dataset_private.h"
#include "date.h"
#include "utf8.h"

typedef struct vctx {
    const char *file;
    diag *d;
    dataset_path path;
    dataset_index source_ids; /* id -> its index in "sources", plus one */
} vctx;

/* Records "FILE: PATH: message" (or "FILE: message" at the root). */
static int fail(vctx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(vctx *v, const char *fmt, ...)
{
    char message[DIAG_TEXT_MAX];
    va_list ap;
    const char *path = dataset_path_text(&v->path);

    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    if (path[0] == '\0')
        return diag_set(v->d, BRIEFING_ERR_DATA, "%s: %s", v->file, message);
    return diag_set(v->d, BRIEFING_ERR_DATA, "%s: %s: %s", v->file, path, message);
}

static int fail_nomem(vctx *v)
{
    return diag_set(v->d, BRIEFING_ERR_NOMEM, "%s: out of memory while checking the data",
                    v->file);
}

/* ---- what every value must be ------------------------------------------ */

/* 1 when every byte of s[0..len) is below 0x80, so that it is UTF-8
 * without utf8_valid's byte-by-byte decoding (most values and every member
 * name of the official files): eight bytes at a time. */
static int text_is_ascii(const char *s, size_t len)
{
    uint64_t high = 0, w;
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        high |= w;
    }
    for (; i < len; i++)
        high |= (unsigned char)s[i];
    return (high & 0x8080808080808080ull) == 0;
}

static int check_text_value(vctx *v, const char *s, const char *what)
{
    size_t len = strlen(s);

    if (len > DATASET_MAX_STRING_BYTES)
        return fail(v, "%s is %zu bytes long; the most allowed is %u (64 KiB)", what, len,
                    DATASET_MAX_STRING_BYTES);
    if (!text_is_ascii(s, len) && !utf8_valid(s, len, NULL))
        return fail(v, "%s is not valid UTF-8", what);
    return BRIEFING_OK;
}

/* A repeated member name would let two values claim one field, and readers
 * disagree on which wins; refuse it.  Small objects are checked pairwise,
 * large ones through an index, so the check stays linear. */
static int check_repeated_names(vctx *v, const cJSON *object, size_t members)
{
    const cJSON *a, *b;
    dataset_index seen;
    int rc = BRIEFING_OK;
    char quoted[200];

    if (members <= 16) {
        for (a = object->child; a != NULL; a = a->next)
            for (b = a->next; b != NULL; b = b->next)
                if (a->string[0] == b->string[0] && strcmp(a->string, b->string) == 0)
                    goto repeated;
        return BRIEFING_OK;
    }
    dataset_index_init(&seen);
    for (a = object->child; a != NULL; a = a->next) {
        b = a;
        if (dataset_index_get(&seen, a->string) != NULL)
            goto repeated_free;
        if (dataset_index_add(&seen, a->string, (void *)a) != 0) {
            rc = fail_nomem(v);
            break;
        }
    }
    dataset_index_free(&seen);
    return rc;

repeated_free:
    dataset_index_free(&seen);
repeated:
    dataset_quote(b->string, quoted, sizeof quoted);
    return fail(v, "the member %s appears twice in one object", quoted);
}

static int check_values(vctx *v, const cJSON *value, int depth)
{
    const cJSON *child;
    size_t n = 0, before;
    int rc;

    if (dataset_is_string(value))
        return dataset_value_checked(value) ? BRIEFING_OK
                                            : check_text_value(v, value->valuestring, "the text");
    if (dataset_is_number(value)) {
        if (!isfinite(value->valuedouble))
            return fail(v, "the number is not finite (too large to hold, like 1e999)");
        return BRIEFING_OK;
    }
    if (!dataset_is_array(value) && !dataset_is_object(value))
        return BRIEFING_OK;
    if (depth >= DATASET_MAX_DEPTH)
        return fail(v, "arrays and objects nested more than %d deep", DATASET_MAX_DEPTH);
    for (child = value->child; child != NULL; child = child->next)
        if (++n > DATASET_MAX_LIST_ENTRIES)
            return fail(v, "more than %d entries; the most allowed in one list is %d",
                        DATASET_MAX_LIST_ENTRIES, DATASET_MAX_LIST_ENTRIES);
    if (dataset_is_object(value)) {
        for (child = value->child; child != NULL; child = child->next) {
            if (dataset_name_checked(child))
                continue;
            rc = check_text_value(v, child->string, "the member name");
            if (rc != BRIEFING_OK)
                return rc;
        }
        rc = check_repeated_names(v, value, n);
        if (rc != BRIEFING_OK)
            return rc;
    }
    n = 0;
    for (child = value->child; child != NULL; child = child->next, n++) {
        before = dataset_is_array(value) ? dataset_path_index(&v->path, n)
                                      : dataset_path_key(&v->path, child->string);
        rc = check_values(v, child, depth + 1);
        if (rc != BRIEFING_OK)
            return rc;
        dataset_path_pop(&v->path, before);
    }
    return BRIEFING_OK;
}

/* ---- known fields ------------------------------------------------------ */

typedef enum field_kind {
    FIELD_STRING,
    FIELD_DATE,
    FIELD_DATE_OR_NULL,
    FIELD_NUMBER,
    FIELD_BOOL,
    FIELD_CLOSED,         /* one of `names` */
    FIELD_CLOSED_OR_NULL, /* one of `names`, or null */
    FIELD_CITES,
    FIELD_SUB_JUDGEMENTS
} field_kind;

typedef struct field_spec {
    const char *name;
    field_kind kind;
    int required;
    const char *const *names; /* for FIELD_CLOSED and FIELD_CLOSED_OR_NULL */
} field_spec;

#define DATE_FORMS "YYYY-MM-DD, YYYY-MM or YYYY"

/* The "expected ..." part of a message for a field of this kind. */
static void expected(const field_spec *f, char *out, size_t size)
{
    char names[512];

    switch (f->kind) {
    case FIELD_STRING: snprintf(out, size, "a string"); break;
    case FIELD_DATE: snprintf(out, size, "a date (%s)", DATE_FORMS); break;
    case FIELD_DATE_OR_NULL: snprintf(out, size, "a date (%s) or null", DATE_FORMS); break;
    case FIELD_NUMBER: snprintf(out, size, "a number"); break;
    case FIELD_BOOL: snprintf(out, size, "true or false"); break;
    case FIELD_CLOSED:
    case FIELD_CLOSED_OR_NULL:
        dataset_names_join(f->names, names, sizeof names);
        snprintf(out, size, "one of %s%s", names, f->kind == FIELD_CLOSED_OR_NULL ? ", or null" : "");
        break;
    case FIELD_CITES: snprintf(out, size, "an array of source ids"); break;
    case FIELD_SUB_JUDGEMENTS: snprintf(out, size, "an object of name: judgement"); break;
    }
}

static int fail_type(vctx *v, const field_spec *f, const cJSON *value)
{
    char want[600];

    expected(f, want, sizeof want);
    return fail(v, "expected %s, found %s", want, dataset_type_name(value));
}

static int check_closed(vctx *v, const field_spec *f, const cJSON *value)
{
    char names[512], quoted[200];

    if (dataset_is_null(value) && f->kind == FIELD_CLOSED_OR_NULL)
        return BRIEFING_OK;
    if (!dataset_is_string(value))
        return fail_type(v, f, value);
    if (dataset_name_index(f->names, value->valuestring) > 0)
        return BRIEFING_OK;
    dataset_names_join(f->names, names, sizeof names);
    dataset_quote(value->valuestring, quoted, sizeof quoted);
    return fail(v, "%s is not one of %s%s", quoted, names,
                f->kind == FIELD_CLOSED_OR_NULL ? ", or null" : "");
}

static int check_date(vctx *v, const field_spec *f, const cJSON *value)
{
    briefing_date date;
    char quoted[200];

    if (dataset_is_null(value) && f->kind == FIELD_DATE_OR_NULL)
        return BRIEFING_OK;
    if (!dataset_is_string(value))
        return fail_type(v, f, value);
    if (date_parse(value->valuestring, &date))
        return BRIEFING_OK;
    dataset_quote(value->valuestring, quoted, sizeof quoted);
    return fail(v, "%s is not a date (use YYYY-MM-DD)", quoted);
}

static int check_cites(vctx *v, const field_spec *f, const cJSON *value)
{
    const cJSON *id;
    size_t i = 0, before;
    char quoted[200];

    if (!dataset_is_array(value))
        return fail_type(v, f, value);
    cJSON_ArrayForEach(id, value) {
        before = dataset_path_index(&v->path, i++);
        if (!dataset_is_string(id))
            return fail(v, "expected a source id (a string), found %s", dataset_type_name(id));
        if (dataset_index_get(&v->source_ids, id->valuestring) == NULL) {
            dataset_quote(id->valuestring, quoted, sizeof quoted);
            return fail(v, "%s names no source in this file (no entry of \"sources\" has that id)",
                        quoted);
        }
        dataset_path_pop(&v->path, before);
    }
    return BRIEFING_OK;
}

static int check_sub_judgements(vctx *v, const field_spec *f, const cJSON *value)
{
    static const field_spec judgement = { "judgement", FIELD_CLOSED_OR_NULL, 0,
                                          dataset_judgement_names };
    const cJSON *member;
    size_t before;
    int rc;

    if (!dataset_is_object(value))
        return fail_type(v, f, value);
    cJSON_ArrayForEach(member, value) {
        before = dataset_path_key(&v->path, member->string);
        rc = check_closed(v, &judgement, member);
        if (rc != BRIEFING_OK)
            return rc;
        dataset_path_pop(&v->path, before);
    }
    return BRIEFING_OK;
}

static int check_field(vctx *v, const field_spec *f, const cJSON *value)
{
    switch (f->kind) {
    case FIELD_STRING:
        if (!dataset_is_string(value))
            return fail_type(v, f, value);
        /* A required name or key that is empty is as good as missing. */
        if (f->required && value->valuestring[0] == '\0')
            return fail(v, "must not be empty");
        return BRIEFING_OK;
    case FIELD_NUMBER:
        return dataset_is_number(value) ? BRIEFING_OK : fail_type(v, f, value);
    case FIELD_BOOL:
        return dataset_is_bool(value) ? BRIEFING_OK : fail_type(v, f, value);
    case FIELD_DATE:
    case FIELD_DATE_OR_NULL:
        return check_date(v, f, value);
    case FIELD_CLOSED:
    case FIELD_CLOSED_OR_NULL:
        return check_closed(v, f, value);
    case FIELD_CITES:
        return check_cites(v, f, value);
    case FIELD_SUB_JUDGEMENTS:
        return check_sub_judgements(v, f, value);
    }
    return BRIEFING_OK;
}

/* Checks the fields of `fields` on object; members it does not list are
 * kept as they are (unknown fields are not errors). */
static int check_fields(vctx *v, const cJSON *object, const field_spec *fields)
{
    char want[600];
    size_t before;
    int rc;

    for (const field_spec *f = fields; f->name != NULL; f++) {
        const cJSON *value = dataset_member(object, f->name);
        before = dataset_path_key(&v->path, f->name);
        if (value == NULL) {
            if (f->required) {
                expected(f, want, sizeof want);
                return fail(v, "missing (expected %s)", want);
            }
        } else {
            rc = check_field(v, f, value);
            if (rc != BRIEFING_OK)
                return rc;
        }
        dataset_path_pop(&v->path, before);
    }
    return BRIEFING_OK;
}

/* ---- rules that tie fields together ------------------------------------- */

/* "an end before its start": the pairs of dataset_date_orders for `list`. */
static int check_orders(vctx *v, const char *list, const cJSON *entry)
{
    const cJSON *a, *b;
    size_t before;

    for (const dataset_date_order *o = dataset_date_orders; o->list != NULL; o++) {
        if (o->list[0] != list[0] || strcmp(o->list, list) != 0
            || dataset_dates_in_order(entry, o->first, o->last))
            continue;
        a = dataset_member(entry, o->first);
        b = dataset_member(entry, o->last);
        before = dataset_path_key(&v->path, o->last);
        fail(v, "\"%s\" is before %s \"%s\"", b->valuestring, o->first, a->valuestring);
        dataset_path_pop(&v->path, before);
        return BRIEFING_ERR_DATA;
    }
    return BRIEFING_OK;
}

static int check_leader(vctx *v, const cJSON *entry)
{
    if (dataset_member(entry, "start") == NULL
        && dataset_member(entry, "in_post_on") == NULL)
        return fail(v, "needs \"start\" or \"in_post_on\"");
    return BRIEFING_OK;
}

/* ---- the tables --------------------------------------------------------- */

static const field_spec inspection_fields[] = {
    { "date", FIELD_DATE, 1, NULL },
    { "inspected_from", FIELD_DATE, 0, NULL },
    { "inspected_to", FIELD_DATE, 0, NULL },
    { "framework", FIELD_CLOSED, 0, dataset_framework_names },
    { "type", FIELD_CLOSED, 0, dataset_inspection_type_names },
    { "judgement", FIELD_CLOSED_OR_NULL, 0, dataset_judgement_names },
    { "sub_judgements", FIELD_SUB_JUDGEMENTS, 0, NULL },
    { "summary", FIELD_STRING, 0, NULL },
    { "url", FIELD_STRING, 0, NULL },
    { "cites", FIELD_CITES, 0, NULL },
    { NULL, 0, 0, NULL },
};

static const field_spec leader_fields[] = {
    { "role", FIELD_STRING, 1, NULL },
    { "name", FIELD_STRING, 1, NULL },
    { "start", FIELD_DATE, 0, NULL },
    { "in_post_on", FIELD_DATE, 0, NULL },
    { "end", FIELD_DATE_OR_NULL, 0, NULL },
    { "interim", FIELD_BOOL, 0, NULL },
    { "note", FIELD_STRING, 0, NULL },
    { "cites", FIELD_CITES, 0, NULL },
    { NULL, 0, 0, NULL },
};

static const field_spec intervention_fields[] = {
    { "kind", FIELD_CLOSED, 1, dataset_intervention_kind_names },
    { "start", FIELD_DATE, 1, NULL },
    { "end", FIELD_DATE_OR_NULL, 0, NULL },
    { "by", FIELD_STRING, 0, NULL },
    { "partner", FIELD_STRING, 0, NULL },
    { "summary", FIELD_STRING, 1, NULL },
    { "outcome", FIELD_STRING, 0, NULL },
    { "cites", FIELD_CITES, 0, NULL },
    { NULL, 0, 0, NULL },
};

static const field_spec metric_fields[] = {
    { "name", FIELD_STRING, 1, NULL },
    { "period", FIELD_DATE, 1, NULL },
    { "value", FIELD_NUMBER, 1, NULL },
    { "unit", FIELD_CLOSED, 0, dataset_unit_names },
    { "england", FIELD_NUMBER, 0, NULL },
    { "region", FIELD_NUMBER, 0, NULL },
    { "comparator", FIELD_NUMBER, 0, NULL },
    { "cites", FIELD_CITES, 0, NULL },
    { NULL, 0, 0, NULL },
};

static const field_spec event_fields[] = {
    { "date", FIELD_DATE, 1, NULL },
    { "headline", FIELD_STRING, 1, NULL },
    { "summary", FIELD_STRING, 0, NULL },
    { "cites", FIELD_CITES, 0, NULL },
    { NULL, 0, 0, NULL },
};

static const field_spec council_fields[] = {
    { "code", FIELD_STRING, 1, NULL },
    { "la_number", FIELD_STRING, 0, NULL },
    { "name", FIELD_STRING, 1, NULL },
    { "kind", FIELD_CLOSED, 0, dataset_council_kind_names },
    { "region", FIELD_STRING, 0, NULL },
    { NULL, 0, 0, NULL },
};

static const field_spec source_fields[] = {
    { "id", FIELD_STRING, 1, NULL },
    { "title", FIELD_STRING, 1, NULL },
    { "publisher", FIELD_STRING, 0, NULL },
    { "date", FIELD_DATE, 0, NULL },
    { "url", FIELD_STRING, 0, NULL },
    { NULL, 0, 0, NULL },
};

typedef struct list_spec {
    const char *name;
    const field_spec *fields;
    int (*check)(vctx *v, const cJSON *entry); /* rules across fields, or NULL */
} list_spec;

static const list_spec council_lists[] = {
    { "inspections", inspection_fields, NULL },
    { "leaders", leader_fields, check_leader },
    { "interventions", intervention_fields, NULL },
    { "metrics", metric_fields, NULL },
    { "events", event_fields, NULL },
    { NULL, NULL, NULL },
};

/* ---- walking the document ------------------------------------------------ */

/* Calls `each` on every entry of the array member `name` of parent (absent
 * is fine unless required), with the path at the entry. */
static int check_list(vctx *v, const cJSON *parent, const char *name, int required,
                      int (*each)(vctx *v, const cJSON *entry, size_t i, const void *arg),
                      const void *arg)
{
    const cJSON *list = dataset_member(parent, name), *entry;
    size_t before = dataset_path_key(&v->path, name), i = 0, entry_before;
    int rc;

    if (list == NULL) {
        if (required)
            return fail(v, "missing (expected an array)");
        dataset_path_pop(&v->path, before);
        return BRIEFING_OK;
    }
    if (!dataset_is_array(list))
        return fail(v, "expected an array, found %s", dataset_type_name(list));
    cJSON_ArrayForEach(entry, list) {
        entry_before = dataset_path_index(&v->path, i);
        if (!dataset_is_object(entry))
            return fail(v, "expected an object, found %s", dataset_type_name(entry));
        rc = each(v, entry, i++, arg);
        if (rc != BRIEFING_OK)
            return rc;
        dataset_path_pop(&v->path, entry_before);
    }
    dataset_path_pop(&v->path, before);
    return BRIEFING_OK;
}

static int check_entry(vctx *v, const cJSON *entry, size_t i, const void *arg)
{
    const list_spec *list = arg;
    int rc;

    (void)i;
    rc = check_fields(v, entry, list->fields);
    if (rc == BRIEFING_OK && list->check != NULL)
        rc = list->check(v, entry);
    if (rc == BRIEFING_OK)
        rc = check_orders(v, list->name, entry);
    return rc;
}

static int check_comparators(vctx *v, const cJSON *council)
{
    const cJSON *comparators = dataset_member(council, "comparators");
    const cJSON *list, *code;
    size_t before, i = 0;

    if (comparators == NULL)
        return BRIEFING_OK;
    before = dataset_path_key(&v->path, "comparators");
    if (!dataset_is_object(comparators))
        return fail(v, "expected an object, found %s", dataset_type_name(comparators));
    list = dataset_member(comparators, "statistical_neighbours");
    if (list != NULL) {
        dataset_path_key(&v->path, "statistical_neighbours");
        if (!dataset_is_array(list))
            return fail(v, "expected an array of council codes, found %s",
                        dataset_type_name(list));
        cJSON_ArrayForEach(code, list) {
            size_t code_before = dataset_path_index(&v->path, i++);
            if (!dataset_is_string(code))
                return fail(v, "expected a council code (a string), found %s",
                            dataset_type_name(code));
            dataset_path_pop(&v->path, code_before);
        }
    }
    dataset_path_pop(&v->path, before);
    return BRIEFING_OK;
}

/* Checks that the string member `key` of entry number i is not the same as
 * an earlier entry's (index maps it to that entry's number plus one). */
static int check_unique(vctx *v, dataset_index *index, const cJSON *entry, const char *key,
                        const char *list, size_t i)
{
    const cJSON *value = dataset_member(entry, key);
    char quoted[200];
    void *earlier;
    size_t before;

    earlier = dataset_index_get(index, value->valuestring);
    if (earlier != NULL) {
        before = dataset_path_key(&v->path, key);
        dataset_quote(value->valuestring, quoted, sizeof quoted);
        fail(v, "%s repeats %s[%zu].%s", quoted, list, (size_t)(uintptr_t)earlier - 1, key);
        dataset_path_pop(&v->path, before);
        return BRIEFING_ERR_DATA;
    }
    if (dataset_index_add(index, value->valuestring, (void *)(uintptr_t)(i + 1)) != 0)
        return fail_nomem(v);
    return BRIEFING_OK;
}

static int check_source(vctx *v, const cJSON *source, size_t i, const void *arg)
{
    int rc = check_fields(v, source, source_fields);

    (void)arg;
    if (rc == BRIEFING_OK)
        rc = check_unique(v, &v->source_ids, source, "id", "sources", i);
    return rc;
}

static int check_council(vctx *v, const cJSON *council, size_t i, const void *arg)
{
    dataset_index *codes = (dataset_index *)arg;
    int rc;

    rc = check_fields(v, council, council_fields);
    if (rc == BRIEFING_OK)
        rc = check_unique(v, codes, council, "code", "councils", i);
    for (const list_spec *list = council_lists; rc == BRIEFING_OK && list->name; list++)
        rc = check_list(v, council, list->name, 0, check_entry, list);
    if (rc == BRIEFING_OK)
        rc = check_comparators(v, council);
    return rc;
}

/* "briefing-dataset/1" and its minor versions "briefing-dataset/1.N", which
 * only add optional fields. */
static int check_schema(vctx *v, const cJSON *doc)
{
    static const char prefix[] = "briefing-dataset/";
    const cJSON *schema = dataset_member(doc, "schema");
    const char *s, *version;
    char quoted[200];
    size_t before = dataset_path_key(&v->path, "schema");

    if (schema == NULL)
        return fail(v, "missing (expected \"%s\")", DATASET_SCHEMA);
    if (!dataset_is_string(schema))
        return fail(v, "expected \"%s\", found %s", DATASET_SCHEMA, dataset_type_name(schema));
    s = schema->valuestring;
    dataset_quote(s, quoted, sizeof quoted);
    if (strncmp(s, prefix, sizeof prefix - 1) != 0)
        return fail(v, "%s is not a briefing dataset schema (expected \"%s\")", quoted,
                    DATASET_SCHEMA);
    version = s + sizeof prefix - 1;
    if (version[0] == '1' && (version[1] == '\0' || version[1] == '.')) {
        const char *minor = version + 2;
        if (version[1] == '\0')
            goto ok;
        if (*minor != '\0' && strspn(minor, "0123456789") == strlen(minor))
            goto ok;
    }
    dataset_path_pop(&v->path, before);
    return fail(v, "schema %s is not supported (this program reads %s)", quoted, DATASET_SCHEMA);
ok:
    dataset_path_pop(&v->path, before);
    return BRIEFING_OK;
}

static int count_councils(vctx *v, const cJSON *doc)
{
    const cJSON *councils = dataset_member(doc, "councils"), *c;
    size_t n = 0;

    if (!dataset_is_array(councils))
        return BRIEFING_OK; /* check_list says what is wrong with it */
    cJSON_ArrayForEach(c, councils)
        if (++n > DATASET_MAX_COUNCILS) {
            dataset_path_key(&v->path, "councils");
            return fail(v, "more than %d councils; the most allowed in one file is %d",
                        DATASET_MAX_COUNCILS, DATASET_MAX_COUNCILS);
        }
    return BRIEFING_OK;
}

int dataset_validate(const cJSON *doc, const char *file, diag *d)
{
    static const field_spec top_fields[] = {
        { "as_of", FIELD_DATE, 0, NULL },
        { NULL, 0, 0, NULL },
    };
    dataset_index codes;
    vctx v;
    int rc;

    v.file = file;
    v.d = d;
    v.path.len = 0;
    v.path.text[0] = '\0';
    dataset_index_init(&v.source_ids);
    dataset_index_init(&codes);

    if (!dataset_is_object(doc)) {
        rc = fail(&v, "expected a JSON object with \"schema\" and \"councils\" at the top, "
                      "found %s", dataset_type_name(doc));
        goto out;
    }
    rc = check_schema(&v, doc);
    if (rc == BRIEFING_OK)
        rc = count_councils(&v, doc);
    if (rc == BRIEFING_OK)
        rc = check_values(&v, doc, 0);
    if (rc == BRIEFING_OK)
        rc = check_fields(&v, doc, top_fields);
    /* Sources first, so that every cites can be checked against them. */
    if (rc == BRIEFING_OK)
        rc = check_list(&v, doc, "sources", 0, check_source, NULL);
    if (rc == BRIEFING_OK)
        rc = check_list(&v, doc, "councils", 1, check_council, &codes);
out:
    dataset_index_free(&v.source_ids);
    dataset_index_free(&codes);
    return rc;
}

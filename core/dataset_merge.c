/*
 * dataset_merge: folding one validated document into the merged one, by the
 * rules of data-model.md.
 *
 *   - Councils match by code.  List entries match by their keys (see
 *     list_kinds below), and only entries from earlier documents are
 *     candidates: two entries of one file are both kept, as written.
 *   - A field the earlier entry lacks is filled from the later one; where
 *     both give different values the later wins and one warning names both
 *     files and the field.  A JSON null counts as absent (data-model.md says
 *     "null or absent" for `end`), except in `judgement` and sub-judgements,
 *     where null means "no judgement" and is a value.
 *   - `cites` and `statistical_neighbours` are unions, in order.
 *   - Sources with one id: identical content is kept once; different content
 *     keeps both, the later renamed ID-2 (ID-3, ...), and the later file's
 *     cites are renamed with it before its entries merge.
 *   - The top-level as_of keeps the latest date.
 *
 * Matching goes through hash indexes, so a merge is linear in the size of
 * the two documents.  Which file each thing came from is kept in marks on
 * the document (dataset_private.h), removed by dataset_build.
 */
#include "dataset_core.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/status.h>

#include "buf.h"
#include "dataset_private.h"
#include "date.h"

/* How the entries of one council list are matched.  A key is the values of
 * `parts`; a part whose field is absent uses `alt` instead when it has one
 * (a leader with no start is matched on in_post_on). */
typedef struct key_part {
    const char *field;
    const char *alt;
} key_part;

typedef struct list_kind {
    const char *name;
    key_part parts[3];
    int type_matches_any; /* inspections: `type` must agree unless absent */
} list_kind;

static const list_kind list_kinds[] = {
    { "inspections", { { "date", NULL } }, 1 },
    { "leaders", { { "role", NULL }, { "name", NULL }, { "start", "in_post_on" } }, 0 },
    { "interventions", { { "kind", NULL }, { "start", NULL } }, 0 },
    { "metrics", { { "name", NULL }, { "period", NULL } }, 0 },
    { "events", { { "date", NULL }, { "headline", NULL } }, 0 },
    { NULL, { { NULL, NULL } }, 0 },
};

/* The largest key: a few strings of at most DATASET_MAX_STRING_BYTES. */
#define KEY_MAX (4u * DATASET_MAX_STRING_BYTES + 256u)

/* Where a field sits, for warnings: a council (or the top level when NULL),
 * and within it a list entry (kind NULL: a council-level field). */
typedef struct place {
    const cJSON *council;
    const list_kind *kind;
    const cJSON *entry;
} place;

typedef struct mctx {
    const char *from_file;
    const char *file_ref; /* from_file as held by the merged document's list */
    dataset_warn_fn warn;
    void *warn_arg;
    diag *d;
    buf key; /* scratch for index keys */
    int same_file; /* merging an entry the file lists twice (dedup_list) */
} mctx;

static int nomem(mctx *m)
{
    return diag_set(m->d, BRIEFING_ERR_NOMEM, "%s: out of memory while merging the data",
                    m->from_file);
}

static const char *string_member(const cJSON *object, const char *name)
{
    const cJSON *v = dataset_member(object, name);

    return dataset_is_string(v) ? v->valuestring : NULL;
}

/* ---- marks: which file each thing came from ------------------------------ */

/* Sets the member `name` of object to a reference to the file name `file`
 * (owned by the merged document's list of files, see merge_file_ref): a
 * mark sits on every entry, and a copy of the name in each was 1.4 MB for
 * the official files.  name is copied unless name_is_static. */
static int set_member_file(cJSON *object, const char *name, int name_is_static, const char *file)
{
    cJSON *s = cJSON_CreateStringReference(file);

    if (s == NULL)
        return -1;
    if (dataset_member(object, name) != NULL)
        return cJSON_ReplaceItemInObjectCaseSensitive(object, name, s) ? 0 : -1;
    if (!(name_is_static ? cJSON_AddItemToObjectCS(object, name, s)
                         : cJSON_AddItemToObject(object, name, s))) {
        cJSON_Delete(s);
        return -1;
    }
    return 0;
}

/* The merged document's own copy of file, in its list of the files merged
 * (the root mark DATASET_MARK_FILES, added on first use): the marks refer
 * to it, and dataset_strip_marks frees it with them.  NULL when out of
 * memory. */
static const char *merge_file_ref(cJSON *into, const char *file)
{
    cJSON *files = dataset_member(into, DATASET_MARK_FILES), *f;

    if (files == NULL && (files = cJSON_AddArrayToObject(into, DATASET_MARK_FILES)) == NULL)
        return NULL;
    cJSON_ArrayForEach(f, files)
        if (dataset_is_string(f) && strcmp(f->valuestring, file) == 0)
            return f->valuestring;
    f = cJSON_CreateString(file);
    if (f == NULL || !cJSON_AddItemToArray(files, f)) {
        cJSON_Delete(f);
        return NULL;
    }
    return f->valuestring;
}

static int mark_from(mctx *m, cJSON *entry)
{
    return set_member_file(entry, DATASET_MARK_FROM, 1, m->file_ref) == 0 ? BRIEFING_OK
                                                                          : nomem(m);
}

/* Notes that `field` of entry (a path like "sub_judgements.adoption") now
 * holds the later file's value. */
static int mark_field(mctx *m, cJSON *entry, const char *field)
{
    cJSON *fields = dataset_member(entry, DATASET_MARK_FIELDS);

    if (fields == NULL) {
        fields = cJSON_AddObjectToObject(entry, DATASET_MARK_FIELDS);
        if (fields == NULL)
            return nomem(m);
    }
    return set_member_file(fields, field, 0, m->file_ref) == 0 ? BRIEFING_OK : nomem(m);
}

/* The file that gave `field` of entry: its field mark (or the mark of the
 * object it sits in: "sub_judgements" for "sub_judgements.adoption"), else
 * the entry's, else its council's. */
static const char *origin(const cJSON *entry, const char *field, const cJSON *council)
{
    const cJSON *fields = dataset_member(entry, DATASET_MARK_FIELDS);
    const char *file = string_member(fields, field);
    const char *dot = strchr(field, '.');

    if (file == NULL && dot != NULL && fields != NULL) {
        char outer[64];
        snprintf(outer, sizeof outer, "%.*s", (int)(dot - field), field);
        file = string_member(fields, outer);
    }
    if (file == NULL)
        file = string_member(entry, DATASET_MARK_FROM);
    if (file == NULL && council != NULL)
        file = string_member(council, DATASET_MARK_FROM);
    return file != NULL ? file : "an earlier file";
}

/* ---- keys ---------------------------------------------------------------- */

/* Appends one part of a key, "LENGTH:TAGVALUE" (LENGTH counts the tag),
 * written by hand: buf_printf here was 6% of the instructions of loading the
 * official files.  -1 when out of memory. */
static int key_part_add(buf *key, const char *value, char tag)
{
    size_t len = strlen(value), n = len + 1;
    char digits[24], *at = digits + sizeof digits;

    *--at = tag;
    *--at = ':';
    do {
        *--at = (char)('0' + n % 10);
        n /= 10;
    } while (n > 0);
    if (buf_add(key, at, (size_t)(digits + sizeof digits - at)) != 0)
        return -1;
    return buf_add(key, value, len);
}

/* Builds the index key of entry into m->key: each part as "LENGTH:TAGVALUE"
 * so that no two different entries give the same key.  -1 when out of
 * memory (the key's maximum cannot be passed by a validated entry). */
static int entry_key(mctx *m, const list_kind *kind, const cJSON *entry)
{
    buf_reset(&m->key);
    for (int i = 0; i < 3 && kind->parts[i].field != NULL; i++) {
        const char *value = string_member(entry, kind->parts[i].field);
        char tag = '=';

        if (value == NULL && kind->parts[i].alt != NULL) {
            value = string_member(entry, kind->parts[i].alt);
            tag = '~';
        }
        if (value == NULL) {
            value = "";
            tag = '-';
        }
        if (key_part_add(&m->key, value, tag) != 0)
            return -1;
    }
    return 0;
}

/* Writes "inspections[2018-01-19 full]", "leaders[dcs Jane Smith 2015-04]"
 * and the like: the entry's key values, for messages. */
static void entry_label(const list_kind *kind, const cJSON *entry, char *out, size_t size)
{
    size_t len = 0;
    const char *sep = "";
    int n;

    n = snprintf(out, size, "%s[", kind->name);
    len = n > 0 && (size_t)n < size ? (size_t)n : 0;
    for (int i = 0; i < 4 && len < size; i++) {
        const char *value = NULL, *prefix = "";

        if (i < 3 && kind->parts[i].field != NULL) {
            value = string_member(entry, kind->parts[i].field);
            if (value == NULL && kind->parts[i].alt != NULL) {
                value = string_member(entry, kind->parts[i].alt);
                prefix = "in post ";
            }
        } else if (i == 3 && kind->type_matches_any) {
            value = string_member(entry, "type");
        }
        if (value == NULL)
            continue;
        n = snprintf(out + len, size - len, "%s%s%.60s", sep, prefix, value);
        len += n > 0 ? (size_t)n : 0;
        sep = " ";
    }
    if (len + 2 <= size)
        memcpy(out + len, "]", 2);
}

/* ---- warnings ------------------------------------------------------------ */

/* Writes where p is, ready for a field name: "councils[E1].inspections[2018
 * full]." or "councils[E1]." or "" at the top level. */
static void place_path(const place *p, char *out, size_t size)
{
    char label[300];
    const char *code = string_member(p->council, "code");

    out[0] = '\0';
    if (p->council == NULL)
        return;
    if (p->kind == NULL) {
        snprintf(out, size, "councils[%.40s].", code ? code : "?");
        return;
    }
    entry_label(p->kind, p->entry, label, sizeof label);
    snprintf(out, size, "councils[%.40s].%s.", code ? code : "?", label);
}

/* Sends "FROM: PATH: sentence" to the warning callback. */
static void warn(mctx *m, const place *p, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void warn(mctx *m, const place *p, const char *field, const char *fmt, ...)
{
    char where[400], sentence[1024], message[2048];
    va_list ap;

    if (m->warn == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(sentence, sizeof sentence, fmt, ap);
    va_end(ap);
    place_path(p, where, sizeof where);
    snprintf(message, sizeof message, "%s: %s%s: %s", m->from_file, where, field, sentence);
    m->warn(m->warn_arg, message);
}

static void warn_conflict(mctx *m, const place *p, const char *field, const cJSON *old,
                          const cJSON *new_value)
{
    char old_text[200], new_text[200];

    dataset_describe_value(old, old_text, sizeof old_text);
    dataset_describe_value(new_value, new_text, sizeof new_text);
    if (m->same_file)
        warn(m, p, field, "%s differs from %s earlier in this file; using %s", new_text,
             old_text, new_text);
    else
        warn(m, p, field, "%s differs from %s in %s; using %s", new_text, old_text,
             origin(p->entry, field, p->council), new_text);
}

/* ---- fields ------------------------------------------------------------- */

/* A JSON null stands for "absent" except where it is a value of its own. */
static int is_absent(const cJSON *v, int null_is_value)
{
    return v == NULL || (dataset_is_null(v) && !null_is_value);
}

/* Appends to dst every string of src that dst lacks, keeping order.  Short
 * lists are compared pairwise, long ones through an index. */
static int union_strings(mctx *m, cJSON *dst, const cJSON *src)
{
    size_t n_dst = 0, n_src = 0;
    const cJSON *a, *b;
    dataset_index seen;
    int rc = BRIEFING_OK;

    cJSON_ArrayForEach(a, dst) n_dst++;
    cJSON_ArrayForEach(b, src) n_src++;
    dataset_index_init(&seen);
    if (n_dst * n_src > 256) {
        cJSON_ArrayForEach(a, dst)
            if (dataset_is_string(a) && dataset_index_add(&seen, a->valuestring, (void *)a) != 0)
                goto oom;
    }
    cJSON_ArrayForEach(b, src) {
        int found = 0;
        cJSON *copy;

        if (!dataset_is_string(b))
            continue;
        if (seen.cap > 0)
            found = dataset_index_get(&seen, b->valuestring) != NULL;
        else
            for (a = dst->child; a != NULL && !found; a = a->next)
                found = dataset_is_string(a) && strcmp(a->valuestring, b->valuestring) == 0;
        if (found)
            continue;
        copy = cJSON_CreateString(b->valuestring);
        if (copy == NULL || !cJSON_AddItemToArray(dst, copy)) {
            cJSON_Delete(copy);
            goto oom;
        }
        if (seen.cap > 0 && dataset_index_add(&seen, copy->valuestring, copy) != 0)
            goto oom;
    }
    goto out;
oom:
    rc = nomem(m);
out:
    dataset_index_free(&seen);
    return rc;
}

/* Merges one value: fills `name` of dst from the member `value` of src when
 * dst lacks it, or replaces it (with a warning) when they differ.  Marks
 * `field` (name with its path prefix) on the entry of p. */
static int merge_value(mctx *m, const place *p, cJSON *dst, cJSON *src, cJSON *value,
                       const char *field, int null_is_value)
{
    cJSON *old = dataset_member(dst, value->string);

    if (!is_absent(old, null_is_value)) {
        if (is_absent(value, null_is_value) || cJSON_Compare(old, value, 1))
            return BRIEFING_OK;
        warn_conflict(m, p, field, old, value);
    }
    cJSON_DetachItemViaPointer(src, value);
    if (old != NULL) {
        /* The detached value keeps its member name, the same as old's. */
        cJSON_ReplaceItemViaPointer(dst, old, value);
    } else if (!cJSON_AddItemToObject(dst, value->string, value)) {
        cJSON_Delete(value);
        return nomem(m);
    }
    return mark_field(m, (cJSON *)p->entry, field);
}

/* Writes prefix and at most 200 bytes of name into out (size bytes), cut to
 * fit: what snprintf "%s%.200s" gave, without its cost for every member. */
static void field_name(char *out, size_t size, const char *prefix, const char *name)
{
    size_t pl = strlen(prefix), nl = strnlen(name, 200);

    if (pl > size - 1)
        pl = size - 1;
    if (nl > size - 1 - pl)
        nl = size - 1 - pl;
    memcpy(out, prefix, pl);
    memcpy(out + pl, name, nl);
    out[pl + nl] = '\0';
}

/* Merges the members of src into dst (both objects), skipping marks and the
 * names in `skip`.  `prefix` ("" or "sub_judgements." ...) is put before
 * member names in marks and warnings. */
static int merge_members(mctx *m, const place *p, cJSON *dst, cJSON *src, const char *prefix,
                         const char *const *skip, int nulls_are_values)
{
    cJSON *member = src->child, *next, *old;
    char field[300];
    int rc = BRIEFING_OK;

    for (; member != NULL && rc == BRIEFING_OK; member = next) {
        const char *name = member->string;
        int skipped = dataset_is_mark(name);

        next = member->next;
        for (int i = 0; skip != NULL && skip[i] != NULL && !skipped; i++)
            skipped = skip[i][0] == name[0] && strcmp(skip[i], name) == 0;
        if (skipped)
            continue;
        old = dataset_member(dst, name);
        field_name(field, sizeof field, prefix, name);
        if (prefix[0] == '\0' && strcmp(name, "cites") == 0 && dataset_is_array(old)
            && dataset_is_array(member))
            rc = union_strings(m, old, member);
        else if (prefix[0] == '\0' && strcmp(name, "sub_judgements") == 0
                 && dataset_is_object(old) && dataset_is_object(member))
            rc = merge_members(m, p, old, member, "sub_judgements.", NULL, 1);
        else
            rc = merge_value(m, p, dst, src, member, field,
                             nulls_are_values || strcmp(name, "judgement") == 0);
    }
    return rc;
}

/* 1 when the later file gave `field` of entry (it filled or replaced it). */
static int from_later(const mctx *m, const cJSON *entry, const char *field)
{
    const cJSON *fields = dataset_member(entry, DATASET_MARK_FIELDS);
    const char *file = string_member(fields, field);

    return file != NULL && strcmp(file, m->from_file) == 0;
}

/* Two entries that are each valid can merge into one whose dates are out
 * of order: an inspected_from from one file after an inspected_to from the
 * other.  The later file's pair was in order, so the date that breaks it
 * came from the earlier file: it is left out, with a warning, and the
 * merged document stays valid. */
static int keep_dates_in_order(mctx *m, const place *p, cJSON *entry)
{
    const char *drop, *keep;
    char value[200];

    for (const dataset_date_order *o = dataset_date_orders; o->list != NULL; o++) {
        if (strcmp(o->list, p->kind->name) != 0 || dataset_dates_in_order(entry, o->first, o->last))
            continue;
        drop = from_later(m, entry, o->first) ? o->last : o->first;
        keep = drop == o->first ? o->last : o->first;
        dataset_describe_value(dataset_member(entry, drop), value,
                               sizeof value);
        warn(m, p, drop, "%s from %s is left out: it does not fit %s \"%s\"", value,
             origin(entry, drop, p->council), keep,
             dataset_member(entry, keep)->valuestring);
        cJSON_DeleteItemFromObjectCaseSensitive(entry, drop);
    }
    return BRIEFING_OK;
}

/* ---- lists --------------------------------------------------------------- */

/* The earlier entry that `entry` describes too, or NULL.  For inspections
 * the index holds every entry of that date: one of the same type wins, then
 * one with no type; an entry with no type takes the first of its date. */
static cJSON *find_match(const dataset_index *ix, const char *key, const list_kind *kind,
                         const cJSON *entry)
{
    const char *type = string_member(entry, "type");
    cJSON *candidate, *untyped = NULL;
    size_t cursor = 0;

    if (!kind->type_matches_any)
        return dataset_index_get(ix, key);
    while ((candidate = dataset_index_next(ix, key, &cursor)) != NULL) {
        const char *other = string_member(candidate, "type");
        if (type == NULL || (other != NULL && strcmp(type, other) == 0))
            return candidate;
        if (other == NULL && untyped == NULL)
            untyped = candidate;
    }
    return untyped;
}

/* ---- one inspection from several files ---------------------------------- */

/* The most days between two files' publication dates of one inspection
 * (data-model.md): Nottingham's 2022 ILACS is dated 5 September in two
 * files and 5 November in a third. */
#define SAME_INSPECTION_DAYS 93

/* Days since 1970-01-01 of a "YYYY-MM-DD" date; 0 with *ok unset for a
 * coarser date (a year or a month cannot be compared to the day). */
static long day_number(const char *text, int *ok)
{
    briefing_date d;
    long y, m, era, yoe, doy, doe;

    *ok = text != NULL && date_parse(text, &d) && d.day != 0;
    if (!*ok)
        return 0;
    y = d.year - (d.month <= 2);
    m = d.month;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* 1 for the types of a visit, which only meet their own type. */
static int is_visit_type(const char *type)
{
    return type != NULL && (strcmp(type, "focused_visit") == 0 || strcmp(type, "monitoring_visit") == 0
                            || strcmp(type, "joint_targeted") == 0);
}

/* 1 when two inspections' frameworks and types allow them to be one: the
 * same framework (or none given), and either the same type, or two of full,
 * short and re-inspection (Merton's 2022 ILACS is "standard" in one file,
 * "short" in another), or a type left out by one file (an entry with no
 * type and a judgement is no visit). */
static int kinds_agree(const cJSON *a, const cJSON *b)
{
    const char *fa = string_member(a, "framework"), *fb = string_member(b, "framework");
    const char *ta = string_member(a, "type"), *tb = string_member(b, "type");

    if (fa != NULL && fb != NULL && strcmp(fa, fb) != 0)
        return 0;
    if (ta != NULL && tb != NULL)
        return strcmp(ta, tb) == 0 || (!is_visit_type(ta) && !is_visit_type(tb));
    if (ta == NULL && tb == NULL)
        return 1;
    if (!is_visit_type(ta != NULL ? ta : tb))
        return 1;
    /* One is a visit, the other untyped: a visit unless it carries a grade. */
    return dataset_is_string(dataset_member(ta == NULL ? a : b, "judgement")) == 0;
}

/* 1 when an inspection in `list` other than a and b was published strictly
 * between days da and db. */
static int any_between(const cJSON *list, const cJSON *a, const cJSON *b, long da, long db)
{
    const cJSON *e;
    long lo = da < db ? da : db, hi = da < db ? db : da;

    cJSON_ArrayForEach(e, list) {
        int ok;
        long d;

        if (e == a || e == b || !dataset_is_object(e))
            continue;
        d = day_number(string_member(e, "date"), &ok);
        if (ok && d > lo && d < hi)
            return 1;
    }
    return 0;
}

/* The inspection among the first n_earlier entries of dst (the earlier
 * files') that `entry` of the later file's list src describes too, by
 * data-model.md's rule: same council (these lists are one council's) and
 * framework, and the same first day on site when both give one, else
 * publication dates at most SAME_INSPECTION_DAYS apart with no other
 * inspection of the council between them.  The nearest date wins. */
static cJSON *same_inspection(const cJSON *dst, size_t n_earlier, const cJSON *src,
                              const cJSON *entry)
{
    const char *from = string_member(entry, "inspected_from");
    cJSON *candidate = dst != NULL ? dst->child : NULL, *best = NULL;
    long day, best_gap = SAME_INSPECTION_DAYS + 1;
    int ok;

    day = day_number(string_member(entry, "date"), &ok);
    if (!ok)
        return NULL;
    for (size_t k = 0; candidate != NULL && k < n_earlier; candidate = candidate->next, k++) {
        const char *other_from = string_member(candidate, "inspected_from");
        long other, gap;
        int other_ok;

        if (!dataset_is_object(candidate) || !kinds_agree(candidate, entry))
            continue;
        if (from != NULL && other_from != NULL) {
            if (strcmp(from, other_from) != 0)
                continue;
            gap = 0; /* the same days on site: the same inspection */
        } else {
            other = day_number(string_member(candidate, "date"), &other_ok);
            if (!other_ok)
                continue;
            gap = other > day ? other - day : day - other;
            if (gap > SAME_INSPECTION_DAYS || any_between(dst, candidate, entry, day, other)
                || any_between(src, candidate, entry, day, other))
                continue;
        }
        if (gap < best_gap) {
            best = candidate;
            best_gap = gap;
        }
    }
    return best;
}

/* Adds {field, value, file} to the inspection's "reported" list unless it
 * holds it already. */
static int report_value(mctx *m, cJSON *match, const char *field, const char *value,
                        const char *file, const cJSON *cites)
{
    cJSON *list = dataset_member(match, "reported"), *e, *r;

    if (list == NULL && (list = cJSON_AddArrayToObject(match, "reported")) == NULL)
        return nomem(m);
    if (!dataset_is_array(list))
        return BRIEFING_OK; /* a file's own "reported" of another shape: left as it is */
    cJSON_ArrayForEach(e, list) {
        const char *f = string_member(e, "field"), *v = string_member(e, "value");
        const char *w = string_member(e, "file");
        if (f && v && w && strcmp(f, field) == 0 && strcmp(v, value) == 0 && strcmp(w, file) == 0)
            return BRIEFING_OK;
    }
    if ((r = cJSON_CreateObject()) == NULL || !cJSON_AddItemToArray(list, r)) {
        cJSON_Delete(r);
        return nomem(m);
    }
    if (cJSON_AddStringToObject(r, "field", field) == NULL
        || cJSON_AddStringToObject(r, "value", value) == NULL
        || cJSON_AddStringToObject(r, "file", file) == NULL
        || (dataset_is_array(cites) && cJSON_AddItemToObject(r, "cites", cJSON_Duplicate(cites, 1)) == 0))
        return nomem(m);
    return BRIEFING_OK;
}

/* Before the later file's entry merges into match: where the two say
 * different publication dates or types, each file's word goes into the
 * inspection's "reported" list (data-model.md), so the entry keeps which
 * file said what; merge_value then warns, naming both files. */
static int note_disagreements(mctx *m, const place *p, cJSON *match, const cJSON *entry)
{
    static const char *const FIELDS[] = { "date", "type", NULL };
    int rc = BRIEFING_OK;

    for (int i = 0; FIELDS[i] != NULL && rc == BRIEFING_OK; i++) {
        const char *a = string_member(match, FIELDS[i]), *b = string_member(entry, FIELDS[i]);

        if (a == NULL || b == NULL || strcmp(a, b) == 0)
            continue;
        /* The earlier entry's cites name its file's source only while it
         * holds one file's word; after several, "file" alone says it. */
        const cJSON *cites = dataset_member(match, "cites");
        if (cJSON_GetArraySize(cites) != 1)
            cites = NULL;
        rc = report_value(m, match, FIELDS[i], a, origin(match, FIELDS[i], p->council), cites);
        if (rc == BRIEFING_OK)
            rc = report_value(m, match, FIELDS[i], b, m->from_file, dataset_member(entry, "cites"));
    }
    return rc;
}

/* Moves entry from src to the end of dst, marked as the later file's. */
static int move_entry(mctx *m, cJSON *dst, cJSON *src, cJSON *entry)
{
    int rc = mark_from(m, entry);

    if (rc != BRIEFING_OK)
        return rc;
    cJSON_DetachItemViaPointer(src, entry);
    if (!cJSON_AddItemToArray(dst, entry)) {
        cJSON_Delete(entry);
        return nomem(m);
    }
    return BRIEFING_OK;
}

/* Keys entry (into m->key) and finds the entry of ix it describes too:
 * *match, or NULL.  BRIEFING_ERR_NOMEM when the key cannot be built. */
static int match_of(mctx *m, const dataset_index *ix, const list_kind *kind, const cJSON *entry,
                    cJSON **match)
{
    *match = NULL;
    if (entry_key(m, kind, entry) != 0)
        return nomem(m);
    *match = find_match(ix, m->key.data, kind, entry);
    return BRIEFING_OK;
}

/* Merges entry into match, the earlier entry it describes too. */
static int merge_entry(mctx *m, place *p, cJSON *match, cJSON *entry)
{
    int rc;

    p->entry = match;
    rc = merge_members(m, p, match, entry, "", NULL, 0);
    return rc == BRIEFING_OK ? keep_dates_in_order(m, p, match) : rc;
}

static int merge_list(mctx *m, const cJSON *council, const list_kind *kind, cJSON *dst,
                      cJSON *src)
{
    cJSON *entry, *next, *match;
    dataset_index ix;
    place p = { council, kind, NULL };
    int rc = BRIEFING_OK;

    size_t n_earlier = 0;

    dataset_index_init(&ix);
    cJSON_ArrayForEach(entry, dst) {
        n_earlier++;
        if (entry_key(m, kind, entry) != 0 || dataset_index_add(&ix, m->key.data, entry) != 0) {
            rc = nomem(m);
            goto out;
        }
    }
    for (entry = src->child; entry != NULL && rc == BRIEFING_OK; entry = next) {
        next = entry->next;
        if (!dataset_is_object(entry) || (rc = match_of(m, &ix, kind, entry, &match)) != 0)
            continue;
        if (match == NULL && kind->type_matches_any) {
            match = same_inspection(dst, n_earlier, src, entry);
            if (match != NULL) {
                p.entry = match;
                rc = note_disagreements(m, &p, match, entry);
                if (rc != BRIEFING_OK)
                    break;
            }
        }
        rc = match == NULL ? move_entry(m, dst, src, entry) : merge_entry(m, &p, match, entry);
    }
out:
    dataset_index_free(&ix);
    return rc;
}

/* Entries one file lists twice (the same key, as merging two files would
 * match them: a row pasted twice, say) are merged into the first, as a
 * later file's would be, and the second dropped, with a warning; left in,
 * they would count twice (a director twice in the turnover figures). */
static int dedup_list(mctx *m, const cJSON *council, const list_kind *kind, cJSON *list)
{
    cJSON *entry, *next, *match;
    dataset_index ix;
    place p = { council, kind, NULL };
    int rc = BRIEFING_OK;

    if (list == NULL || list->child == NULL || list->child->next == NULL)
        return BRIEFING_OK; /* fewer than two entries */
    dataset_index_init(&ix);
    for (entry = list->child; entry != NULL && rc == BRIEFING_OK; entry = next) {
        char label[300], where[400];
        const char *code = string_member(council, "code");

        next = entry->next;
        if (!dataset_is_object(entry) || (rc = match_of(m, &ix, kind, entry, &match)) != 0)
            continue;
        if (match == NULL) {
            if (dataset_index_add(&ix, m->key.data, entry) != 0)
                rc = nomem(m);
            continue;
        }
        entry_label(kind, match, label, sizeof label);
        snprintf(where, sizeof where, "%s: councils[%.40s].%s: listed twice in this file; "
                 "merged into one", m->from_file, code ? code : "?", label);
        if (m->warn)
            m->warn(m->warn_arg, where);
        m->same_file = 1;
        rc = merge_entry(m, &p, match, entry);
        m->same_file = 0;
        cJSON_Delete(cJSON_DetachItemViaPointer(list, entry));
    }
    dataset_index_free(&ix);
    return rc;
}

/* dedup_list for every list of every council of one file's document. */
static int dedup_councils(mctx *m, cJSON *councils)
{
    cJSON *council;
    int rc = BRIEFING_OK;

    cJSON_ArrayForEach(council, councils) {
        for (const list_kind *kind = list_kinds; kind->name && rc == BRIEFING_OK; kind++) {
            cJSON *list = dataset_member(council, kind->name);

            if (dataset_is_array(list))
                rc = dedup_list(m, council, kind, list);
        }
        if (rc != BRIEFING_OK)
            break;
    }
    return rc;
}

/* Moves the member `name` of src_parent to dst_parent, which lacks it; when
 * it is a list, each entry is marked as the later file's. */
static int move_member(mctx *m, cJSON *dst_parent, cJSON *src_parent, cJSON *member, int list)
{
    cJSON *entry;
    int rc;

    if (list) {
        cJSON_ArrayForEach(entry, member) {
            if (dataset_is_object(entry) && (rc = mark_from(m, entry)) != BRIEFING_OK)
                return rc;
        }
    }
    cJSON_DetachItemViaPointer(src_parent, member);
    if (!cJSON_AddItemToObject(dst_parent, member->string, member)) {
        cJSON_Delete(member);
        return nomem(m);
    }
    return BRIEFING_OK;
}

/* ---- councils ------------------------------------------------------------ */

static int merge_comparators(mctx *m, cJSON *council, cJSON *dst, cJSON *src)
{
    static const char *const skip[] = { "statistical_neighbours", NULL };
    cJSON *a = dataset_member(dst, "statistical_neighbours");
    cJSON *b = dataset_member(src, "statistical_neighbours");
    place p = { council, NULL, council };
    int rc = BRIEFING_OK;

    if (dataset_is_array(a) && dataset_is_array(b))
        rc = union_strings(m, a, b);
    else if (a == NULL && b != NULL)
        rc = move_member(m, dst, src, b, 0);
    if (rc == BRIEFING_OK)
        rc = merge_members(m, &p, dst, src, "comparators.", skip, 0);
    return rc;
}

static int merge_council(mctx *m, cJSON *dst, cJSON *src)
{
    static const char *const skip[] = {
        "code", "inspections", "leaders", "interventions", "metrics", "events", "comparators",
        NULL,
    };
    cJSON *a, *b;
    place p = { dst, NULL, dst };
    int rc = BRIEFING_OK;

    for (const list_kind *kind = list_kinds; kind->name && rc == BRIEFING_OK; kind++) {
        a = dataset_member(dst, kind->name);
        b = dataset_member(src, kind->name);
        if (!dataset_is_array(b))
            continue;
        if (a == NULL)
            rc = move_member(m, dst, src, b, 1);
        else if (dataset_is_array(a))
            rc = merge_list(m, dst, kind, a, b);
    }
    a = dataset_member(dst, "comparators");
    b = dataset_member(src, "comparators");
    if (rc == BRIEFING_OK && dataset_is_object(b)) {
        if (a == NULL)
            rc = move_member(m, dst, src, b, 0);
        else if (dataset_is_object(a))
            rc = merge_comparators(m, dst, a, b);
        if (rc == BRIEFING_OK && a == NULL)
            rc = mark_field(m, dst, "comparators");
    }
    if (rc == BRIEFING_OK)
        rc = merge_members(m, &p, dst, src, "", skip, 0);
    return rc;
}

static int merge_councils(mctx *m, cJSON *dst, cJSON *src)
{
    cJSON *council, *next, *match;
    dataset_index ix;
    int rc = BRIEFING_OK;

    if (!dataset_is_array(src))
        return BRIEFING_OK;
    dataset_index_init(&ix);
    cJSON_ArrayForEach(council, dst) {
        const char *code = string_member(council, "code");
        if (code != NULL && dataset_index_add(&ix, code, council) != 0) {
            rc = nomem(m);
            goto out;
        }
    }
    for (council = src->child; council != NULL && rc == BRIEFING_OK; council = next) {
        const char *code = string_member(council, "code");

        next = council->next;
        match = code != NULL ? dataset_index_get(&ix, code) : NULL;
        if (match == NULL)
            rc = move_entry(m, dst, src, council);
        else
            rc = merge_council(m, match, council);
    }
out:
    dataset_index_free(&ix);
    return rc;
}

/* ---- sources ------------------------------------------------------------- */

static size_t count_members(const cJSON *object)
{
    size_t n = 0;

    for (const cJSON *c = object->child; c != NULL; c = c->next)
        n += !dataset_is_mark(c->string);
    return n;
}

/* 1 when two sources say the same, marks aside. */
static int same_source(const cJSON *a, const cJSON *b)
{
    if (count_members(a) != count_members(b))
        return 0;
    for (const cJSON *c = a->child; c != NULL; c = c->next) {
        if (dataset_is_mark(c->string))
            continue;
        if (!cJSON_Compare(c, dataset_member(b, c->string), 1))
            return 0;
    }
    return 1;
}

/* cJSON_SetValuestring, which refuses a string that refers to a shared value
 * (json_api.c shares a cites list's entries): such a one gets its own copy.
 * NULL when memory ran out. */
static char *set_string(cJSON *item, const char *value)
{
    char *copy;

    if (!(item->type & cJSON_IsReference))
        return cJSON_SetValuestring(item, value);
    if ((copy = cJSON_malloc(strlen(value) + 1)) == NULL)
        return NULL;
    memcpy(copy, value, strlen(value) + 1);
    item->valuestring = copy;
    item->type &= ~cJSON_IsReference;
    return copy;
}

/* Gives source (from the later file) a new id "ID-2", "ID-3", ... not in
 * `taken`, and notes old -> new in `renames` (which owns the new string). */
static int rename_source(mctx *m, cJSON *source, dataset_index *taken, dataset_index *renames)
{
    cJSON *id = dataset_member(source, "id");
    char *fresh = NULL;

    for (unsigned n = 2;; n++) {
        buf_reset(&m->key);
        if (buf_printf(&m->key, "%s-%u", id->valuestring, n) != 0)
            return nomem(m);
        if (dataset_index_get(taken, m->key.data) == NULL)
            break;
    }
    fresh = strdup(m->key.data);
    if (fresh == NULL || dataset_index_add(renames, id->valuestring, fresh) != 0) {
        free(fresh);
        return nomem(m);
    }
    if (dataset_index_add(taken, fresh, source) != 0 || set_string(id, fresh) == NULL)
        return nomem(m);
    return BRIEFING_OK;
}

/* Renames, all at once, every cites entry of the document that names a
 * renamed source. */
static int rename_cites(mctx *m, cJSON *doc, const dataset_index *renames)
{
    const cJSON *council, *entry;
    cJSON *id;

    cJSON_ArrayForEach(council, dataset_member(doc, "councils")) {
        for (const list_kind *kind = list_kinds; kind->name; kind++) {
            cJSON_ArrayForEach(entry, dataset_member(council, kind->name)) {
                cJSON_ArrayForEach(id, dataset_member(entry, "cites")) {
                    const char *fresh;
                    if (!dataset_is_string(id))
                        continue;
                    fresh = dataset_index_get(renames, id->valuestring);
                    if (fresh != NULL && set_string(id, fresh) == NULL)
                        return nomem(m);
                }
            }
        }
    }
    return BRIEFING_OK;
}

static int merge_sources(mctx *m, cJSON *into, cJSON *from)
{
    cJSON *dst = dataset_member(into, "sources");
    cJSON *src = dataset_member(from, "sources");
    cJSON *source, *next, *earlier;
    dataset_index ids, taken, renames;
    int rc = BRIEFING_OK;

    if (!dataset_is_array(src))
        return BRIEFING_OK;
    if (dst == NULL && (dst = cJSON_AddArrayToObject(into, "sources")) == NULL)
        return nomem(m);
    dataset_index_init(&ids);
    dataset_index_init(&taken);
    dataset_index_init(&renames);
    /* `taken` holds the ids of both documents, so a new "ID-2" can clash
     * with neither. */
    cJSON_ArrayForEach(source, dst) {
        const char *id = string_member(source, "id");
        if (id != NULL && (dataset_index_add(&ids, id, source) != 0
                           || dataset_index_add(&taken, id, source) != 0))
            goto oom;
    }
    cJSON_ArrayForEach(source, src) {
        const char *id = string_member(source, "id");
        if (id != NULL && dataset_index_add(&taken, id, source) != 0)
            goto oom;
    }
    for (source = src->child; source != NULL && rc == BRIEFING_OK; source = next) {
        const char *id = string_member(source, "id");

        next = source->next;
        earlier = id != NULL ? dataset_index_get(&ids, id) : NULL;
        if (earlier != NULL && same_source(earlier, source))
            continue; /* the same reference: keep the earlier one */
        if (earlier != NULL)
            rc = rename_source(m, source, &taken, &renames);
        if (rc == BRIEFING_OK)
            rc = move_entry(m, dst, src, source);
    }
    if (rc == BRIEFING_OK && renames.count > 0)
        rc = rename_cites(m, from, &renames);
    goto out;
oom:
    rc = nomem(m);
out:
    for (size_t i = 0; i < renames.cap; i++)
        if (renames.slots[i].key != NULL)
            free(renames.slots[i].value);
    dataset_index_free(&ids);
    dataset_index_free(&taken);
    dataset_index_free(&renames);
    return rc;
}

/* ---- the document -------------------------------------------------------- */

/* The later of the two as_of dates stays. */
static int merge_as_of(mctx *m, cJSON *into, cJSON *from)
{
    cJSON *a = dataset_member(into, "as_of");
    cJSON *b = dataset_member(from, "as_of");
    briefing_date da, db;

    if (!dataset_is_string(b) || !date_parse(b->valuestring, &db))
        return BRIEFING_OK;
    if (dataset_is_string(a) && date_parse(a->valuestring, &da) && date_compare(da, db) >= 0)
        return BRIEFING_OK;
    cJSON_DetachItemViaPointer(from, b);
    if (a != NULL)
        cJSON_ReplaceItemViaPointer(into, a, b);
    else if (!cJSON_AddItemToObject(into, "as_of", b)) {
        cJSON_Delete(b);
        return nomem(m);
    }
    return BRIEFING_OK;
}

int dataset_merge(cJSON *into, cJSON *from, const char *from_file, dataset_warn_fn warn,
                  void *warn_arg, diag *d)
{
    static const char *const skip[] = { "schema", "as_of", "councils", "sources", NULL };
    cJSON *councils;
    mctx m = { from_file, NULL, warn, warn_arg, d, { 0 }, 0 };
    place top = { NULL, NULL, into };
    int rc;

    buf_init(&m.key, KEY_MAX);
    if ((m.file_ref = merge_file_ref(into, from_file)) == NULL) {
        buf_free(&m.key);
        return nomem(&m);
    }
    /* Sources first: their renames must reach the cites before the entries
     * that carry them move into `into`. */
    rc = dedup_councils(&m, dataset_member(from, "councils"));
    if (rc == BRIEFING_OK)
        rc = merge_sources(&m, into, from);
    if (rc == BRIEFING_OK)
        rc = merge_as_of(&m, into, from);
    if (rc == BRIEFING_OK) {
        councils = dataset_member(into, "councils");
        if (councils == NULL && (councils = cJSON_AddArrayToObject(into, "councils")) == NULL)
            rc = nomem(&m);
        else
            rc = merge_councils(&m, councils, dataset_member(from, "councils"));
    }
    if (rc == BRIEFING_OK)
        rc = merge_members(&m, &top, into, from, "", skip, 0);
    buf_free(&m.key);
    return rc;
}

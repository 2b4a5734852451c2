/*
 * dataset_build: the typed, read-only view of a merged document that
 * section plugins get (briefing/dataset.h).
 *
 * The dataset owns the document, and the view points into it: strings are
 * the document's own, `raw` members are its cJSON values.  Everything the
 * view adds (structs and pointer arrays) comes from one arena, freed at
 * once by dataset_free.
 *
 * The as-of view.  When the dataset has an as_of date (the argument, else
 * the document's), the view shows what was known on that day: it leaves out
 * every inspection, intervention, event and metric point dated after it and
 * every leader whose start (or in_post_on, when there is no start) is after
 * it, and it shows an `end` after it as absent (in post, or in force, on
 * that day).  A date is "after" when its first day is later than the last
 * day as_of stands for: as of "2018-03" includes everything up to 31 March
 * 2018, and an event of "2018-03" is included in a view as of 2018-03-01.
 * The document itself (dataset_document, and every `raw`) stays whole.
 */
#include "dataset_core.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/status.h>

#include "dataset_private.h"
#include "date.h"

/* ---- the arena ----------------------------------------------------------- */

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    max_align_t data[]; /* cap bytes */
} arena_block;

#define ARENA_BLOCK_BYTES (64u * 1024u)

struct dataset {
    cJSON *doc;
    briefing_dataset view;
    const briefing_council **by_code; /* the councils sorted by code */
    arena_block *blocks;
    briefing_date cutoff; /* the last day of as_of; absent: no as-of view */
};

/* Zeroed memory that lives as long as ds; NULL when memory ran out. */
static void *arena_alloc(dataset *ds, size_t size)
{
    const size_t align = sizeof(max_align_t);
    arena_block *b = ds->blocks;
    void *p;

    if (size > SIZE_MAX / 2)
        return NULL;
    size = (size + align - 1) / align * align;
    if (b == NULL || b->cap - b->used < size) {
        size_t cap = size > ARENA_BLOCK_BYTES ? size : ARENA_BLOCK_BYTES;
        b = malloc(sizeof *b + cap);
        if (b == NULL)
            return NULL;
        b->next = ds->blocks;
        b->used = 0;
        b->cap = cap;
        ds->blocks = b;
    }
    p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

/* An array of n elements of size bytes each, with an overflow check. */
static void *arena_array(dataset *ds, size_t n, size_t size)
{
    if (n != 0 && size > SIZE_MAX / 2 / n)
        return NULL;
    return arena_alloc(ds, n * size);
}

/* ---- reading members ----------------------------------------------------- */

static const char *str(const cJSON *object, const char *name)
{
    const cJSON *v = dataset_member(object, name);

    return dataset_is_string(v) ? v->valuestring : NULL;
}

/* A date member; absent when missing or not a date. */
static briefing_date date_of(const cJSON *object, const char *name)
{
    briefing_date d;

    date_parse(str(object, name), &d);
    return d;
}

/* A number member; NAN when missing. */
static double num(const cJSON *object, const char *name)
{
    const cJSON *v = dataset_member(object, name);

    return dataset_is_number(v) ? v->valuedouble : NAN;
}

/* The enum value of a closed-list member (0 when absent or null). */
static int closed(const cJSON *object, const char *name, const char *const *names)
{
    return dataset_name_index(names, str(object, name));
}

static size_t count(const cJSON *array)
{
    size_t n = 0;
    const cJSON *c;

    if (!dataset_is_array(array) && !dataset_is_object(array))
        return 0;
    for (c = array->child; c != NULL; c = c->next)
        n++;
    return n;
}

/* The strings of an array member, as a pointer array in the arena.  -1 when
 * memory ran out. */
static int strings(dataset *ds, const cJSON *array, const char *const **out, size_t *n_out)
{
    const char **list;
    const cJSON *s;
    size_t n = 0;

    *out = NULL;
    *n_out = 0;
    if (!dataset_is_array(array))
        return 0;
    list = arena_array(ds, count(array), sizeof *list);
    if (list == NULL)
        return -1;
    cJSON_ArrayForEach(s, array)
        if (dataset_is_string(s))
            list[n++] = s->valuestring;
    *out = list;
    *n_out = n;
    return 0;
}

static int cites(dataset *ds, const cJSON *entry, briefing_cites *out)
{
    return strings(ds, dataset_member(entry, "cites"), &out->ids, &out->count);
}

/* ---- the as-of view ------------------------------------------------------ */

/* 1 when d is after the dataset's as_of (see the comment at the top). */
static int after_as_of(const dataset *ds, briefing_date d)
{
    if (date_is_absent(ds->cutoff) || date_is_absent(d))
        return 0;
    return date_compare(date_first_day(d), ds->cutoff) > 0;
}

/* An end date as the view shows it: absent when it is after as_of. */
static briefing_date end_as_of(const dataset *ds, briefing_date end)
{
    if (after_as_of(ds, end)) {
        briefing_date none = { 0, 0, 0 };
        return none;
    }
    return end;
}

/* ---- entries --------------------------------------------------------------
 * Each fill_* function fills *out from one JSON entry and returns 1 when it
 * belongs in the view, 0 when the as-of view leaves it out, -1 when memory
 * ran out. */

static int fill_sub_judgements(dataset *ds, const cJSON *object, briefing_inspection *out)
{
    const briefing_sub_judgement **list;
    briefing_sub_judgement *items;
    const cJSON *member;
    size_t n = 0, total = dataset_is_object(object) ? count(object) : 0;

    if (total == 0)
        return 0;
    list = arena_array(ds, total, sizeof *list);
    items = arena_array(ds, total, sizeof *items);
    if (list == NULL || items == NULL)
        return -1;
    cJSON_ArrayForEach(member, object) {
        items[n].name = member->string;
        items[n].judgement = (briefing_judgement)dataset_name_index(
            dataset_judgement_names, dataset_is_string(member) ? member->valuestring : NULL);
        list[n] = &items[n];
        n++;
    }
    out->sub_judgements = list;
    out->n_sub_judgements = n;
    return 0;
}

static int fill_inspection(dataset *ds, const cJSON *e, void *item)
{
    briefing_inspection *out = item;

    out->date = date_of(e, "date");
    if (after_as_of(ds, out->date))
        return 0;
    out->inspected_from = date_of(e, "inspected_from");
    out->inspected_to = date_of(e, "inspected_to");
    out->framework = (briefing_framework)closed(e, "framework", dataset_framework_names);
    out->type = (briefing_inspection_type)closed(e, "type", dataset_inspection_type_names);
    out->judgement = (briefing_judgement)closed(e, "judgement", dataset_judgement_names);
    out->summary = str(e, "summary");
    out->url = str(e, "url");
    out->raw = (const briefing_json *)e;
    if (fill_sub_judgements(ds, dataset_member(e, "sub_judgements"), out) != 0
        || cites(ds, e, &out->cites) != 0)
        return -1;
    return 1;
}

static int fill_leader(dataset *ds, const cJSON *e, void *item)
{
    briefing_leader *out = item;

    out->start = date_of(e, "start");
    out->in_post_on = date_of(e, "in_post_on");
    if (after_as_of(ds, date_is_absent(out->start) ? out->in_post_on : out->start))
        return 0;
    out->role = str(e, "role");
    out->name = str(e, "name");
    out->end = end_as_of(ds, date_of(e, "end"));
    out->interim = dataset_is_true(dataset_member(e, "interim"));
    out->note = str(e, "note");
    out->raw = (const briefing_json *)e;
    return cites(ds, e, &out->cites) != 0 ? -1 : 1;
}

static int fill_intervention(dataset *ds, const cJSON *e, void *item)
{
    briefing_intervention *out = item;

    out->start = date_of(e, "start");
    if (after_as_of(ds, out->start))
        return 0;
    out->kind = (briefing_intervention_kind)closed(e, "kind", dataset_intervention_kind_names);
    out->end = end_as_of(ds, date_of(e, "end"));
    out->by = str(e, "by");
    out->partner = str(e, "partner");
    out->summary = str(e, "summary");
    out->outcome = str(e, "outcome");
    out->raw = (const briefing_json *)e;
    return cites(ds, e, &out->cites) != 0 ? -1 : 1;
}

static int fill_metric(dataset *ds, const cJSON *e, void *item)
{
    briefing_metric *out = item;

    out->period = date_of(e, "period");
    if (after_as_of(ds, out->period))
        return 0;
    out->name = str(e, "name");
    out->value = num(e, "value");
    out->unit = (briefing_unit)closed(e, "unit", dataset_unit_names);
    out->england = num(e, "england");
    out->region = num(e, "region");
    out->comparator = num(e, "comparator");
    out->raw = (const briefing_json *)e;
    return cites(ds, e, &out->cites) != 0 ? -1 : 1;
}

static int fill_event(dataset *ds, const cJSON *e, void *item)
{
    briefing_event *out = item;

    out->date = date_of(e, "date");
    if (after_as_of(ds, out->date))
        return 0;
    out->headline = str(e, "headline");
    out->summary = str(e, "summary");
    out->raw = (const briefing_json *)e;
    return cites(ds, e, &out->cites) != 0 ? -1 : 1;
}

/* ---- order --------------------------------------------------------------- */

static int cmp_inspection(const void *a, const void *b)
{
    return date_compare(((const briefing_inspection *)a)->date,
                        ((const briefing_inspection *)b)->date);
}

static int cmp_intervention(const void *a, const void *b)
{
    return date_compare(((const briefing_intervention *)a)->start,
                        ((const briefing_intervention *)b)->start);
}

static int cmp_event(const void *a, const void *b)
{
    return date_compare(((const briefing_event *)a)->date, ((const briefing_event *)b)->date);
}

static int cmp_text(const char *a, const char *b)
{
    /* One string for both is common: sources share repeated values
     * (json_api.c), a metric's name among them. */
    if (a == b)
        return 0;
    a = a ? a : "";
    b = b ? b : "";
    /* strcmp's sign, from the first byte when they differ there. */
    if (a[0] != b[0])
        return (unsigned char)a[0] < (unsigned char)b[0] ? -1 : 1;
    return strcmp(a, b);
}

/* By role, then by the start (or in_post_on when the start is unknown). */
static int cmp_leader(const void *a, const void *b)
{
    const briefing_leader *x = a, *y = b;
    int c = cmp_text(x->role, y->role);

    if (c != 0)
        return c;
    return date_compare(date_is_absent(x->start) ? x->in_post_on : x->start,
                        date_is_absent(y->start) ? y->in_post_on : y->start);
}

static int cmp_metric(const void *a, const void *b)
{
    const briefing_metric *x = a, *y = b;
    int c = cmp_text(x->name, y->name);

    return c != 0 ? c : date_compare(x->period, y->period);
}

/* A stable merge sort of n pointers (entries that compare equal keep the
 * document's order, which qsort does not promise); tmp holds n pointers. */
static void stable_sort(const void **items, const void **tmp, size_t n,
                        int (*cmp)(const void *, const void *))
{
    size_t half = n / 2, i = 0, j = half, k = 0;

    if (n < 2)
        return;
    stable_sort(items, tmp, half, cmp);
    stable_sort(items + half, tmp, n - half, cmp);
    /* Halves already in order (a list sorted in the data, or runs of it)
     * need no merge. */
    if (cmp(items[half], items[half - 1]) >= 0)
        return;
    while (i < half && j < n)
        tmp[k++] = cmp(items[j], items[i]) < 0 ? items[j++] : items[i++];
    while (i < half)
        tmp[k++] = items[i++];
    while (j < n)
        tmp[k++] = items[j++];
    memcpy(items, tmp, n * sizeof *items);
}

/* ---- lists --------------------------------------------------------------- */

typedef struct list_builder {
    const char *name;
    size_t item_size;
    int (*fill)(dataset *ds, const cJSON *entry, void *item);
    int (*cmp)(const void *a, const void *b);
} list_builder;

/* Builds the sorted pointer array of one council list.  -1 when memory ran
 * out. */
static int build_list(dataset *ds, const cJSON *council, const list_builder *lb,
                      const void *const **out, size_t *n_out)
{
    const cJSON *array = dataset_member(council, lb->name), *entry;
    size_t total = count(array), n = 0;
    const void **list, **tmp;
    char *items;
    int rc;

    *out = NULL;
    *n_out = 0;
    if (total == 0)
        return 0;
    list = arena_array(ds, total, sizeof *list);
    items = arena_array(ds, total, lb->item_size);
    tmp = malloc(total * sizeof *tmp);
    if (list == NULL || items == NULL || tmp == NULL) {
        free(tmp);
        return -1;
    }
    cJSON_ArrayForEach(entry, array) {
        void *item = items + n * lb->item_size;
        if (!dataset_is_object(entry))
            continue;
        dataset_strip_object((cJSON *)entry);
        rc = lb->fill(ds, entry, item);
        if (rc < 0) {
            free(tmp);
            return -1;
        }
        if (rc > 0)
            list[n++] = item;
    }
    stable_sort(list, tmp, n, lb->cmp);
    free(tmp);
    *out = list;
    *n_out = n;
    return 0;
}

static const list_builder inspections = { "inspections", sizeof(briefing_inspection),
                                          fill_inspection, cmp_inspection };
static const list_builder leaders = { "leaders", sizeof(briefing_leader), fill_leader,
                                      cmp_leader };
static const list_builder interventions = { "interventions", sizeof(briefing_intervention),
                                            fill_intervention, cmp_intervention };
static const list_builder metrics = { "metrics", sizeof(briefing_metric), fill_metric,
                                      cmp_metric };
static const list_builder events = { "events", sizeof(briefing_event), fill_event, cmp_event };

/* The casts below turn `const void *const *` into the typed pointer arrays
 * of briefing_council; build_list filled them with items of that type. */
static int build_council(dataset *ds, const cJSON *c, briefing_council *out)
{
    const cJSON *comparators = dataset_member(c, "comparators");
    const void *const *list;

    out->code = str(c, "code");
    out->la_number = str(c, "la_number");
    out->name = str(c, "name");
    out->kind = (briefing_council_kind)closed(c, "kind", dataset_council_kind_names);
    out->region = str(c, "region");
    out->raw = (const briefing_json *)c;
    if (build_list(ds, c, &inspections, &list, &out->n_inspections) != 0)
        return -1;
    out->inspections = (const briefing_inspection *const *)list;
    if (build_list(ds, c, &leaders, &list, &out->n_leaders) != 0)
        return -1;
    out->leaders = (const briefing_leader *const *)list;
    if (build_list(ds, c, &interventions, &list, &out->n_interventions) != 0)
        return -1;
    out->interventions = (const briefing_intervention *const *)list;
    if (build_list(ds, c, &metrics, &list, &out->n_metrics) != 0)
        return -1;
    out->metrics = (const briefing_metric *const *)list;
    if (build_list(ds, c, &events, &list, &out->n_events) != 0)
        return -1;
    out->events = (const briefing_event *const *)list;
    return strings(ds, dataset_member(comparators, "statistical_neighbours"),
                   &out->statistical_neighbours, &out->n_statistical_neighbours);
}

static int cmp_council_code(const void *a, const void *b)
{
    const briefing_council *x = *(const briefing_council *const *)a;
    const briefing_council *y = *(const briefing_council *const *)b;

    return cmp_text(x->code, y->code);
}

static int build_councils(dataset *ds)
{
    const cJSON *array = dataset_member(ds->doc, "councils"), *c;
    size_t total = count(array), n = 0;
    const briefing_council **list;
    briefing_council *items;

    if (total == 0)
        return 0;
    list = arena_array(ds, total, sizeof *list);
    items = arena_array(ds, total, sizeof *items);
    ds->by_code = arena_array(ds, total, sizeof *ds->by_code);
    if (list == NULL || items == NULL || ds->by_code == NULL)
        return -1;
    cJSON_ArrayForEach(c, array) {
        if (!dataset_is_object(c))
            continue;
        dataset_strip_object((cJSON *)c);
        if (build_council(ds, c, &items[n]) != 0)
            return -1;
        list[n] = &items[n];
        ds->by_code[n] = &items[n];
        n++;
    }
    qsort(ds->by_code, n, sizeof *ds->by_code, cmp_council_code);
    ds->view.councils = list;
    ds->view.n_councils = n;
    return 0;
}

/* Every source, numbered 1, 2, ... in document order (not filtered by the
 * as-of view: the numbers must not change with it). */
static int build_sources(dataset *ds)
{
    const cJSON *array = dataset_member(ds->doc, "sources"), *s;
    size_t total = count(array), n = 0;
    const briefing_source **list;
    briefing_source *items;

    if (total == 0)
        return 0;
    list = arena_array(ds, total, sizeof *list);
    items = arena_array(ds, total, sizeof *items);
    if (list == NULL || items == NULL)
        return -1;
    cJSON_ArrayForEach(s, array) {
        if (!dataset_is_object(s))
            continue;
        dataset_strip_object((cJSON *)s);
        items[n].id = str(s, "id");
        items[n].title = str(s, "title");
        items[n].publisher = str(s, "publisher");
        items[n].date = date_of(s, "date");
        items[n].url = str(s, "url");
        items[n].number = (int)n + 1;
        items[n].raw = (const briefing_json *)s;
        list[n] = &items[n];
        n++;
    }
    ds->view.sources = list;
    ds->view.n_sources = n;
    return 0;
}

/* Marks in cited[] every source that one of cites names. */
static void mark_cited(const dataset *ds, briefing_cites cites, unsigned char *cited)
{
    for (size_t i = 0; i < cites.count; i++)
        for (size_t j = 0; j < ds->view.n_sources; j++)
            if (strcmp(ds->view.sources[j]->id, cites.ids[i]) == 0)
                cited[j] = 1;
}

int dataset_number_sources(dataset *ds, const briefing_council *c)
{
    size_t n = ds->view.n_sources, i, next = 1;
    unsigned char *cited;

    if (n == 0)
        return 0;
    if ((cited = calloc(n, 1)) == NULL)
        return -1;
    for (i = 0; c && i < c->n_inspections; i++)
        mark_cited(ds, c->inspections[i]->cites, cited);
    for (i = 0; c && i < c->n_leaders; i++)
        mark_cited(ds, c->leaders[i]->cites, cited);
    for (i = 0; c && i < c->n_interventions; i++)
        mark_cited(ds, c->interventions[i]->cites, cited);
    for (i = 0; c && i < c->n_metrics; i++)
        mark_cited(ds, c->metrics[i]->cites, cited);
    for (i = 0; c && i < c->n_events; i++)
        mark_cited(ds, c->events[i]->cites, cited);
    /* The view's sources live in this dataset's arena: the dataset may
     * renumber what it hands out as const. */
    for (int pass = 1; pass >= 0; pass--)
        for (i = 0; i < n; i++)
            if (cited[i] == pass)
                ((briefing_source *)ds->view.sources[i])->number = (int)next++;
    free(cited);
    return 0;
}

dataset *dataset_build(cJSON *doc, briefing_date as_of, diag *d)
{
    dataset *ds = calloc(1, sizeof *ds);

    if (ds == NULL) {
        cJSON_Delete(doc);
        diag_set(d, BRIEFING_ERR_NOMEM, "out of memory while building the dataset");
        return NULL;
    }
    ds->doc = doc;
    /* The merge's marks go as each object is read below (the places
     * dataset_strip_marks visits): a walk of its own over the whole
     * document was 3% of loading the official files, in cache misses. */
    dataset_strip_object(doc);
    if (date_is_absent(as_of))
        as_of = date_of(doc, "as_of");
    ds->view.as_of = as_of;
    ds->cutoff = date_last_day(as_of);
    ds->view.raw = (const briefing_json *)doc;
    if (build_sources(ds) != 0 || build_councils(ds) != 0) {
        dataset_free(ds);
        diag_set(d, BRIEFING_ERR_NOMEM, "out of memory while building the dataset");
        return NULL;
    }
    return ds;
}

const briefing_dataset *dataset_view(const dataset *ds)
{
    return &ds->view;
}

const cJSON *dataset_document(const dataset *ds)
{
    return ds->doc;
}

const briefing_council *dataset_find_council(const dataset *ds, const char *code)
{
    briefing_council key = { 0 };
    const briefing_council *key_ptr = &key, *const *found;

    if (ds == NULL || code == NULL || ds->view.n_councils == 0)
        return NULL;
    key.code = code;
    found = bsearch(&key_ptr, ds->by_code, ds->view.n_councils, sizeof *ds->by_code,
                    cmp_council_code);
    return found != NULL ? *found : NULL;
}

void dataset_free(dataset *ds)
{
    arena_block *b, *next;

    if (ds == NULL)
        return;
    for (b = ds->blocks; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    cJSON_Delete(ds->doc);
    free(ds);
}

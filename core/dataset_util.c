/*
 * dataset_util: the small pieces the dataset_*.c files share (see
 * dataset_private.h).
 */
#include "dataset_private.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "utf8.h"

/* ---- closed value lists ------------------------------------------------ */

const char *const dataset_judgement_names[] = {
    "", "outstanding", "good", "requires_improvement", "adequate", "inadequate", NULL,
};

const char *const dataset_framework_names[] = {
    "", "safeguarding_lac", "child_protection", "looked_after", "sif", "ilacs", "jtai", "other",
    NULL,
};

const char *const dataset_inspection_type_names[] = {
    "", "full", "reinspection", "short", "focused_visit", "monitoring_visit", "joint_targeted",
    NULL,
};

const char *const dataset_council_kind_names[] = {
    "", "county", "metropolitan", "unitary", "london_borough", NULL,
};

/* briefing_intervention_kind starts at 1, so index 0 is a placeholder. */
const char *const dataset_intervention_kind_names[] = {
    "", "improvement_notice", "statutory_direction", "commissioner", "improvement_adviser",
    "trust", "partnership", "sector_led_support", "other", NULL,
};

const char *const dataset_unit_names[] = {
    "", "count", "rate_per_10k", "percent", "gbp", NULL,
};

const char *const dataset_council_lists[] = {
    "inspections", "leaders", "interventions", "metrics", "events", NULL,
};

const dataset_date_order dataset_date_orders[] = {
    { "inspections", "inspected_from", "inspected_to" },
    { "leaders", "start", "end" },
    { "leaders", "in_post_on", "end" },
    { "interventions", "start", "end" },
    { NULL, NULL, NULL },
};

static briefing_date member_date(const cJSON *entry, const char *name)
{
    const cJSON *v = dataset_member(entry, name);
    briefing_date d;

    date_parse(dataset_is_string(v) ? v->valuestring : NULL, &d);
    return d;
}

int dataset_dates_in_order(const cJSON *entry, const char *first, const char *last)
{
    briefing_date a = member_date(entry, first), b = member_date(entry, last);

    if (date_is_absent(a) || date_is_absent(b))
        return 1;
    return date_compare(date_last_day(b), date_first_day(a)) >= 0;
}

int dataset_name_index(const char *const *names, const char *value)
{
    if (value == NULL)
        return 0;
    for (int i = 1; names[i] != NULL; i++)
        if (names[i][0] == value[0] && strcmp(names[i], value) == 0)
            return i;
    return 0;
}

void dataset_names_join(const char *const *names, char *out, size_t size)
{
    size_t len = 0;

    if (size == 0)
        return;
    out[0] = '\0';
    for (int i = 1; names[i] != NULL && len < size; i++) {
        int n = snprintf(out + len, size - len, "%s%s", i > 1 ? ", " : "", names[i]);
        if (n < 0)
            break;
        len += (size_t)n;
    }
}

/* ---- field paths ------------------------------------------------------- */

/* Appends text to out (len bytes used of DATASET_PATH_MAX), cut short with
 * "..." when it does not fit; never overflows. */
static void path_append(char *out, size_t *len, const char *text, size_t n)
{
    size_t room = DATASET_PATH_MAX - *len;

    if (n < room) {
        memcpy(out + *len, text, n);
        *len += n;
        out[*len] = '\0';
        return;
    }
    /* Cut short: keep what fits and mark it, never overflow. */
    if (room > 4) {
        memcpy(out + *len, text, room - 4);
        memcpy(out + DATASET_PATH_MAX - 4, "...", 4);
    }
    *len = DATASET_PATH_MAX - 1;
}

/* Pushes a step; steps past DATASET_PATH_DEPTH are counted, not kept (and
 * shown as "..."): validation never nests that deep. */
static size_t path_push(dataset_path *p, const char *key, size_t index)
{
    size_t before = p->len;

    if (p->len < DATASET_PATH_DEPTH) {
        p->seg[p->len].key = key;
        p->seg[p->len].index = index;
    }
    p->len++;
    return before;
}

size_t dataset_path_key(dataset_path *p, const char *key)
{
    return path_push(p, key, 0);
}

/* The path steps are written out only for a message: validation pushes one
 * for every value it walks, and writing each ("[N]" with snprintf, then by
 * hand) was 7%, then 6%, of the instructions of loading the official files
 * (bench/README.md). */
size_t dataset_path_index(dataset_path *p, size_t index)
{
    return path_push(p, NULL, index);
}

void dataset_path_pop(dataset_path *p, size_t len)
{
    p->len = len;
}

const char *dataset_path_text(dataset_path *p)
{
    size_t len = 0;

    p->text[0] = '\0';
    for (size_t i = 0; i < p->len; i++) {
        char digits[32], *at = digits + sizeof digits;
        size_t index;

        if (i == DATASET_PATH_DEPTH) {
            path_append(p->text, &len, "...", 3);
            break;
        }
        if (p->seg[i].key != NULL) {
            if (len > 0)
                path_append(p->text, &len, ".", 1);
            path_append(p->text, &len, p->seg[i].key, strlen(p->seg[i].key));
            continue;
        }
        index = p->seg[i].index;
        *--at = ']';
        do {
            *--at = (char)('0' + index % 10);
            index /= 10;
        } while (index > 0);
        *--at = '[';
        path_append(p->text, &len, at, (size_t)(digits + sizeof digits - at));
    }
    return p->text;
}

/* ---- quoting ----------------------------------------------------------- */

#define QUOTE_CHARS 60

void dataset_quote(const char *s, char *out, size_t size)
{
    size_t len = 0, i = 0, slen = strlen(s);
    int chars = 0;

    /* The worst case per character is 6 bytes ("\u001f"); stop while
     * there is room for it, the dots, the quote and the NUL. */
    if (size < 16) {
        if (size)
            out[0] = '\0';
        return;
    }
    out[len++] = '"';
    while (i < slen && len + 12 < size) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        size_t n;

        if (chars == QUOTE_CHARS) {
            memcpy(out + len, "...", 3);
            len += 3;
            break;
        }
        chars++;
        if (c < 0x20 || c == 0x7f) {
            len += (size_t)snprintf(out + len, size - len, "\\u%04x", c);
            i++;
        } else if (c == '"' || c == '\\') {
            out[len++] = '\\';
            out[len++] = (char)c;
            i++;
        } else {
            n = utf8_decode(s + i, slen - i, &cp);
            memcpy(out + len, s + i, n);
            len += n;
            i += n;
        }
    }
    out[len++] = '"';
    out[len] = '\0';
}

void dataset_describe_value(const cJSON *v, char *out, size_t size)
{
    if (dataset_is_string(v))
        dataset_quote(v->valuestring, out, size);
    else if (dataset_is_number(v))
        snprintf(out, size, "%.15g", v->valuedouble);
    else if (dataset_is_true(v))
        snprintf(out, size, "true");
    else if (dataset_is_false(v))
        snprintf(out, size, "false");
    else if (dataset_is_null(v))
        snprintf(out, size, "null");
    else
        snprintf(out, size, "%s", dataset_type_name(v));
}

const char *dataset_type_name(const cJSON *v)
{
    if (dataset_is_string(v))
        return "a string";
    if (dataset_is_number(v))
        return "a number";
    if (dataset_is_bool(v))
        return "a boolean";
    if (dataset_is_null(v))
        return "null";
    if (dataset_is_array(v))
        return "an array";
    if (dataset_is_object(v))
        return "an object";
    return "nothing";
}

/* ---- hash index ------------------------------------------------------- */

/* FNV-1a: short, and good enough for keys made of dates, codes and names. */
static size_t index_hash(const char *key)
{
    uint64_t h = 1469598103934665603ull;

    for (const unsigned char *s = (const unsigned char *)key; *s; s++) {
        h ^= *s;
        h *= 1099511628211ull;
    }
    return (size_t)h;
}

/* A block of key copies; the newest block is first. */
struct dataset_index_block {
    struct dataset_index_block *next;
    size_t used, cap;
    char text[];
};

#define INDEX_BLOCK_BYTES 16384

void dataset_index_init(dataset_index *ix)
{
    ix->slots = NULL;
    ix->cap = 0;
    ix->count = 0;
    ix->blocks = NULL;
}

/* A copy of key (len bytes and a NUL) in ix's blocks, or NULL when memory
 * ran out.  A merge indexes thousands of keys: one strdup and one free
 * each was 5% of loading the official files. */
static char *index_copy_key(dataset_index *ix, const char *key, size_t len)
{
    struct dataset_index_block *b = ix->blocks;
    char *copy;

    if (b == NULL || b->cap - b->used < len + 1) {
        /* 256 bytes, then twice the last block's, up to INDEX_BLOCK_BYTES:
         * most indexes hold a few keys. */
        size_t cap = b == NULL ? 256 : b->cap * 2 > INDEX_BLOCK_BYTES ? INDEX_BLOCK_BYTES : b->cap * 2;
        if (cap < len + 1)
            cap = len + 1;
        if (cap > ((size_t)-1) - sizeof *b || (b = malloc(sizeof *b + cap)) == NULL)
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = ix->blocks;
        ix->blocks = b;
    }
    copy = b->text + b->used;
    memcpy(copy, key, len + 1);
    b->used += len + 1;
    return copy;
}

/* Places a slot by linear probing; the table has room. */
static void index_place(dataset_index_slot *slots, size_t cap, dataset_index_slot s)
{
    size_t i = s.hash & (cap - 1);

    while (slots[i].key != NULL)
        i = (i + 1) & (cap - 1);
    slots[i] = s;
}

/* Keeps the table at most half full, so probes stay short. */
static int index_grow(dataset_index *ix)
{
    size_t cap = ix->cap ? ix->cap * 2 : 64;
    dataset_index_slot *slots;

    if (cap < ix->cap || cap > ((size_t)-1) / sizeof *slots)
        return -1;
    slots = calloc(cap, sizeof *slots);
    if (slots == NULL)
        return -1;
    /* Equal keys must stay in insertion order, which is their order along
     * their run of probes.  Starting just after an empty slot (there is one:
     * the table is at most half full) visits every run from its start. */
    if (ix->cap > 0) {
        size_t start = 0;
        while (ix->slots[start].key != NULL)
            start++;
        for (size_t k = 1; k <= ix->cap; k++) {
            size_t j = (start + k) & (ix->cap - 1);
            if (ix->slots[j].key != NULL)
                index_place(slots, cap, ix->slots[j]);
        }
    }
    free(ix->slots);
    ix->slots = slots;
    ix->cap = cap;
    return 0;
}

int dataset_index_add(dataset_index *ix, const char *key, void *value)
{
    dataset_index_slot s;

    if ((ix->count + 1) * 2 > ix->cap && index_grow(ix) != 0)
        return -1;
    s.key = index_copy_key(ix, key, strlen(key));
    if (s.key == NULL)
        return -1;
    s.hash = index_hash(key);
    s.value = value;
    index_place(ix->slots, ix->cap, s);
    ix->count++;
    return 0;
}

void *dataset_index_next(const dataset_index *ix, const char *key, size_t *cursor)
{
    size_t h, i;

    if (ix->cap == 0)
        return NULL;
    h = index_hash(key);
    /* The cursor counts probes from the key's home slot. */
    for (;;) {
        i = (h + *cursor) & (ix->cap - 1);
        if (ix->slots[i].key == NULL || *cursor >= ix->cap)
            return NULL;
        (*cursor)++;
        if (ix->slots[i].hash == h && strcmp(ix->slots[i].key, key) == 0)
            return ix->slots[i].value;
    }
}

void *dataset_index_get(const dataset_index *ix, const char *key)
{
    size_t cursor = 0;

    return dataset_index_next(ix, key, &cursor);
}

void dataset_index_free(dataset_index *ix)
{
    struct dataset_index_block *b, *next;

    for (b = ix->blocks; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    free(ix->slots);
    dataset_index_init(ix);
}

/* ---- merge marks ------------------------------------------------------- */

int dataset_is_mark(const char *key)
{
    return key != NULL && (unsigned char)key[0] == 0xff;
}

void dataset_strip_object(cJSON *object)
{
    cJSON *m = object->child;

    while (m != NULL) {
        cJSON *next = m->next;
        if (dataset_is_mark(m->string))
            cJSON_Delete(cJSON_DetachItemViaPointer(object, m));
        m = next;
    }
}

/* Marks sit only on the root, councils, their list entries and sources, so
 * the walk goes no deeper than that. */
void dataset_strip_marks(cJSON *doc)
{
    const cJSON *council, *list, *entry;

    if (!dataset_is_object(doc))
        return;
    dataset_strip_object(doc);
    cJSON_ArrayForEach(entry, dataset_member(doc, "sources"))
        if (dataset_is_object(entry))
            dataset_strip_object((cJSON *)entry);
    cJSON_ArrayForEach(council, dataset_member(doc, "councils")) {
        if (!dataset_is_object(council))
            continue;
        dataset_strip_object((cJSON *)council);
        for (int i = 0; dataset_council_lists[i] != NULL; i++) {
            list = dataset_member(council, dataset_council_lists[i]);
            cJSON_ArrayForEach(entry, list)
                if (dataset_is_object(entry))
                    dataset_strip_object((cJSON *)entry);
        }
    }
}

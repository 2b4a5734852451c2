/*
 * dataset_private: what the dataset_*.c files share and nobody else uses:
 * the closed value lists, field paths for messages, quoting values into
 * messages, a string-keyed hash index, and the marks merging leaves on the
 * document.
 */
#ifndef BRIEFING_DATASET_PRIVATE_H
#define BRIEFING_DATASET_PRIVATE_H

#include <stddef.h>
#include <string.h>

#include <cjson/cJSON.h>

/* ---- types ------------------------------------------------------------- */

/* cJSON_IsString and the like, inline: they are functions of libcjson,
 * called through the PLT several times for every value loading walks
 * (about 600,000 calls for the official files).  Same results: NULL is no
 * type, and only the low byte of `type` names the type. */
static inline int dataset_is_type(const cJSON *v, int type)
{
    return v != NULL && (v->type & 0xFF) == type;
}
#define dataset_is_string(v) dataset_is_type((v), cJSON_String)
#define dataset_is_number(v) dataset_is_type((v), cJSON_Number)
#define dataset_is_array(v) dataset_is_type((v), cJSON_Array)
#define dataset_is_object(v) dataset_is_type((v), cJSON_Object)
#define dataset_is_null(v) dataset_is_type((v), cJSON_NULL)
#define dataset_is_true(v) dataset_is_type((v), cJSON_True)
#define dataset_is_false(v) dataset_is_type((v), cJSON_False)
#define dataset_is_bool(v) ((v) != NULL && ((v)->type & (cJSON_True | cJSON_False)) != 0)

/* ---- text already checked ------------------------------------------------ */

/* What json_api.c builds a source's document with, that validation need not
 * check again: a member name marked cJSON_StringIsConst is one of its own
 * names of data-model.md, and a string made by cJSON_CreateStringReference
 * is one of the values it shares, which it admits only when they are valid
 * UTF-8 of at most 48 bytes.  Nothing else makes either in a document that
 * is validated (cJSON_Parse never does; the merge's marks come after). */
#define dataset_name_checked(item) (((item)->type & cJSON_StringIsConst) != 0)
#define dataset_value_checked(item) (((item)->type & cJSON_IsReference) != 0)

/* ---- members ----------------------------------------------------------- */

/* The first member `name` of object, or NULL (also when object is NULL or
 * not an object): what cJSON_GetObjectItemCaseSensitive gives, with the
 * address, then the first byte compared before strcmp is called.  Loading
 * the official files looks up about 300,000 members, and strcmp through
 * cJSON was 13% of it. */
static inline cJSON *dataset_member(const cJSON *object, const char *name)
{
    cJSON *m;

    if (object == NULL || name == NULL)
        return NULL;
    /* The same address first: a source's members are named with the
     * program's own strings (json_api.c), which the linker merges with the
     * same literals used here. */
    for (m = object->child; m != NULL; m = m->next)
        if (m->string == name
            || (m->string != NULL && m->string[0] == name[0] && strcmp(m->string, name) == 0))
            return m;
    return NULL;
}

/* ---- closed value lists ------------------------------------------------ */

/* Each list holds the names of data-model.md at the index of their enum
 * value in briefing/dataset.h (index 0 is "" for lists whose enum has a NONE
 * at 0), and ends with NULL. */
extern const char *const dataset_judgement_names[];
extern const char *const dataset_framework_names[];
extern const char *const dataset_inspection_type_names[];
extern const char *const dataset_council_kind_names[];
extern const char *const dataset_intervention_kind_names[];
extern const char *const dataset_unit_names[];

/* The index of value in names (1 or more), or 0 when it is not listed. */
int dataset_name_index(const char *const *names, const char *value);

/* Writes "a, b, c" (the names from index 1) into out. */
void dataset_names_join(const char *const *names, char *out, size_t size);

/* ---- field paths ------------------------------------------------------- */

#define DATASET_PATH_MAX 512
#define DATASET_PATH_DEPTH 96 /* segments kept: more than validation ever nests */

/* One step of a path: ".key" (key not NULL) or "[index]". */
typedef struct dataset_path_seg {
    const char *key;
    size_t index;
} dataset_path_seg;

/* "councils[0].inspections[2].date", kept as validation walks down as a
 * stack of steps (the keys are the caller's, not copied), and written out
 * only when a message needs it: dataset_path_text.  A path that would not fit
 * in DATASET_PATH_MAX bytes is cut short with "..." rather than overflowing.
 * Start with len = 0. */
typedef struct dataset_path {
    dataset_path_seg seg[DATASET_PATH_DEPTH];
    size_t len;                  /* steps */
    char text[DATASET_PATH_MAX]; /* written by dataset_path_text */
} dataset_path;

/* Appends ".key" (or "key" at the root) / "[index]"; both return the number
 * of steps before the call, to give back to dataset_path_pop.  key must stay
 * valid while it is on the path. */
size_t dataset_path_key(dataset_path *p, const char *key);
size_t dataset_path_index(dataset_path *p, size_t index);
void dataset_path_pop(dataset_path *p, size_t len);

/* The path as text ("" at the root), in p->text; valid until the path
 * changes. */
const char *dataset_path_text(dataset_path *p);

/* ---- quoting ----------------------------------------------------------- */

/* Writes s into out between double quotes, control characters escaped and
 * cut at about 60 characters (on a UTF-8 boundary) with "..." after, so
 * that a message quoting a value stays one short line. */
void dataset_quote(const char *s, char *out, size_t size);

/* Writes a short description of any JSON value: a quoted string, a number,
 * true/false/null, "an object" or "an array". */
void dataset_describe_value(const cJSON *v, char *out, size_t size);

/* "a string", "a number", ... for "expected X, found Y" messages. */
const char *dataset_type_name(const cJSON *v);

/* ---- hash index ------------------------------------------------------- */

/* A multimap from strings to pointers, for matching entries by their keys in
 * linear time.  Keys are copied (into blocks the index owns, not one
 * allocation each); values are the caller's.  One key may map to several
 * values (dataset_index_next walks them in insertion order). */
typedef struct dataset_index_slot {
    char *key; /* NULL: empty slot */
    size_t hash;
    void *value;
} dataset_index_slot;

struct dataset_index_block;

typedef struct dataset_index {
    dataset_index_slot *slots;
    size_t cap;   /* a power of two, or 0 */
    size_t count;
    struct dataset_index_block *blocks; /* the copies of the keys */
} dataset_index;

void dataset_index_init(dataset_index *ix);

/* Adds key -> value.  0, or -1 when memory ran out. */
int dataset_index_add(dataset_index *ix, const char *key, void *value);

/* The values of key one by one: start with *cursor = 0; NULL at the end. */
void *dataset_index_next(const dataset_index *ix, const char *key, size_t *cursor);

/* The first value of key, or NULL. */
void *dataset_index_get(const dataset_index *ix, const char *key);

void dataset_index_free(dataset_index *ix);

/* ---- merge marks ------------------------------------------------------- */

/* dataset_merge notes which file each council, list entry and source came
 * from, and which file each field it later filled or replaced came from, so
 * that a conflict warning can name both files.  The marks are members of the
 * entries themselves whose names start with a 0xFF byte: no validated
 * document can hold such a name (it is not UTF-8), so they never clash with
 * data.  dataset_build removes them before anyone else sees the document. */
#define DATASET_MARK_FROM "\xff" "from"     /* string: the file */
#define DATASET_MARK_FIELDS "\xff" "fields" /* object: field -> file */
#define DATASET_MARK_FILES "\xff" "files"   /* on the root: the files' names,
                                              * which the marks above refer to */

/* 1 when key is one of the marks above. */
int dataset_is_mark(const char *key);

/* dataset_strip_marks, which removes them, is in dataset_core.h.  This removes
 * those of one object (not of the objects inside it). */
void dataset_strip_object(cJSON *object);

/* ---- JSON syntax errors ------------------------------------------------ */

/* When text[0..len) is not JSON as cJSON reads it, returns 1 with *at the
 * byte offset of the first problem and *what a phrase saying what was wrong
 * or expected there; returns 0 when the text is JSON. */
int dataset_syntax_error(const char *text, size_t len, size_t *at, const char **what);

/* ---- dates in order ------------------------------------------------------ */

/* The pairs of date fields of one entry where the second may not be before
 * the first ("an end before its start"), by council list.  Ends with a NULL
 * list. */
typedef struct dataset_date_order {
    const char *list;
    const char *first;
    const char *last;
} dataset_date_order;

extern const dataset_date_order dataset_date_orders[];

/* 1 unless entry has both dates and `last` is before `first`, each taken at
 * its own precision: an end of 2016-07 is not before a start of 2016-07-04,
 * as the two may be the same month. */
int dataset_dates_in_order(const cJSON *entry, const char *first, const char *last);

/* ---- the rest ---------------------------------------------------------- */

/* The list members of a council, in the order data-model.md gives them. */
extern const char *const dataset_council_lists[];

#endif

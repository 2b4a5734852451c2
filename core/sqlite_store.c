/*
 * sqlite_store: a dataset document into a records database
 * (briefing-records/1).  See sqlite_store.h for the contract and
 * docs/internals/sqlite_store.md for how it works.
 *
 * Every table that holds objects of the document (sources, councils and the
 * five lists of a council) is described by one store_table, and one function
 * (store_row) writes any of them: it finds the earlier row the object matches,
 * decides column by column what the row keeps and what it takes, and keeps
 * the fields no column holds in the row's JSON `extra`.
 */
#include "sqlite_store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>
#include <briefing/status.h>
#include <briefing/records.h>

#include "buf.h"
#include "date.h"
#include "output.h"

/* ---- the tables ----------------------------------------------------------- */

typedef enum store_type { STORE_TEXT, STORE_REAL, STORE_BOOL } store_type;

typedef struct store_column {
    const char *name; /* the field, and the column */
    store_type type;
} store_column;

#define STORE_MAX_COLUMNS 9

typedef struct store_table {
    const char *table;
    const char *list;     /* the council's list it holds; NULL for councils and sources */
    const char *cites;    /* its cites table, or NULL */
    const char *cite_key; /* the cites table's column naming the row */
    /* The earlier row an object describes too: a WHERE clause (and ORDER BY)
     * over :council (the council's code) and :k1..:k4, the values of `keys`.
     * An entry a document lists twice matches its own first row, as
     * dataset_merge merges the two. */
    const char *match;
    const char *keys[4];
    const char *elsewhere[6]; /* members kept in other tables, not in extra */
    store_column cols[STORE_MAX_COLUMNS];
} store_table;

#define T STORE_TEXT
#define R STORE_REAL
#define B STORE_BOOL
#define ENTRY_MATCH "council_code = :council AND "

static const store_table store_sources = {
    BRIEFING_RECORDS_SOURCES, NULL, NULL, NULL, "id = :k1", {"id"}, {NULL},
    {{"id", T}, {"title", T}, {"publisher", T}, {"date", T}, {"url", T}},
};

static const store_table store_councils = {
    BRIEFING_RECORDS_COUNCILS, NULL, NULL, NULL, "code = :k1", {"code"},
    {"inspections", "leaders", "interventions", "metrics", "events"},
    {{"code", T}, {"la_number", T}, {"name", T}, {"kind", T}, {"region", T}},
};

/* A council's lists.  An inspection without a type matches the first of its
 * date; one with a type matches one of that type, else one without. */
static const store_table store_lists[] = {
    {BRIEFING_RECORDS_INSPECTIONS, "inspections", BRIEFING_RECORDS_INSPECTION_CITES, "inspection_id",
     ENTRY_MATCH "date = :k1 AND (:k2 IS NULL OR type = :k2 OR type IS NULL) "
                 "ORDER BY (:k2 IS NOT NULL AND type IS NOT :k2), id",
     {"date", "type"}, {"cites", "sub_judgements"},
     {{"date", T}, {"inspected_from", T}, {"inspected_to", T}, {"framework", T}, {"type", T},
      {"judgement", T}, {"summary", T}, {"url", T}}},
    {BRIEFING_RECORDS_LEADERS, "leaders", BRIEFING_RECORDS_LEADER_CITES, "leader_id",
     ENTRY_MATCH "role = :k1 AND name = :k2 AND start IS :k3 AND (:k3 IS NOT NULL OR in_post_on IS :k4) "
                 "ORDER BY id",
     {"role", "name", "start", "in_post_on"}, {"cites"},
     {{"role", T}, {"name", T}, {"start", T}, {"in_post_on", T}, {"end", T}, {"interim", B},
      {"note", T}}},
    {BRIEFING_RECORDS_INTERVENTIONS, "interventions", BRIEFING_RECORDS_INTERVENTION_CITES, "intervention_id",
     ENTRY_MATCH "kind = :k1 AND start = :k2 ORDER BY id", {"kind", "start"}, {"cites"},
     {{"kind", T}, {"start", T}, {"end", T}, {"by", T}, {"partner", T}, {"summary", T},
      {"outcome", T}}},
    {BRIEFING_RECORDS_METRICS, "metrics", BRIEFING_RECORDS_METRIC_CITES, "metric_id",
     ENTRY_MATCH "name = :k1 AND period = :k2 ORDER BY id", {"name", "period"}, {"cites"},
     {{"name", T}, {"period", T}, {"value", R}, {"unit", T}, {"england", R}, {"region", R},
      {"comparator", R}}},
    {BRIEFING_RECORDS_EVENTS, "events", BRIEFING_RECORDS_EVENT_CITES, "event_id",
     ENTRY_MATCH "date = :k1 AND headline = :k2 ORDER BY id", {"date", "headline"}, {"cites"},
     {{"date", T}, {"headline", T}, {"summary", T}}},
};
#define STORE_N_LISTS (sizeof store_lists / sizeof store_lists[0])

#undef T
#undef R
#undef B

/* ---- the writer's state --------------------------------------------------- */

#define STORE_MAX_STATEMENTS 64
#define STORE_SQL_MAX 4096

typedef struct store_statement {
    char *sql; /* owned */
    sqlite3_stmt *stmt;
} store_statement;

typedef struct store {
    sqlite3 *db;
    const char *path; /* the database's final name, for messages */
    diag *d;
    store_statement cache[STORE_MAX_STATEMENTS];
    size_t n_cached;
    buf sql;       /* scratch for building statements */
    char where[160]; /* "councils[3].leaders[2]": what is being written, for messages */
} store;

/* 1 for dataset_merge's bookkeeping members, which are not data. */
static int store_is_mark(const char *name)
{
    return name != NULL && (unsigned char)name[0] == 0xff;
}

/* The exit status for an SQLite result code. */
static int store_status(int sqlite_rc)
{
    switch (sqlite_rc & 0xff) {
    case SQLITE_NOMEM:
        return BRIEFING_ERR_NOMEM;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
        return BRIEFING_ERR_IO;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return BRIEFING_ERR_TEMPFAIL;
    default: /* constraints, a damaged file, a table of the user's that lacks a column */
        return BRIEFING_ERR_DATA;
    }
}

/* Records the database's last error, naming the file and what was being
 * written; returns the status. */
static int store_fail(store *s)
{
    int code = sqlite3_extended_errcode(s->db);

    return diag_set(s->d, store_status(code), "%s: %s%s%s (not written; the file is as it was)",
                    s->path, s->where, s->where[0] ? ": " : "", sqlite3_errmsg(s->db));
}

static int store_nomem(store *s)
{
    return diag_set(s->d, BRIEFING_ERR_NOMEM, "%s: out of memory", s->path);
}

static int store_exec(store *s, const char *sql)
{
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? BRIEFING_OK : store_fail(s);
}

/* The prepared statement of sql, reset and unbound, prepared once and kept
 * for the whole write (the same few statements run for every row). */
static int store_prepare(store *s, const char *sql, sqlite3_stmt **out)
{
    size_t i;

    for (i = 0; i < s->n_cached; i++) {
        if (strcmp(s->cache[i].sql, sql) == 0) {
            *out = s->cache[i].stmt;
            sqlite3_reset(*out);
            sqlite3_clear_bindings(*out);
            return BRIEFING_OK;
        }
    }
    if (s->n_cached == STORE_MAX_STATEMENTS)
        return diag_set(s->d, BRIEFING_ERR_INTERNAL, "%s: too many statements", s->path);
    if ((s->cache[i].sql = strdup(sql)) == NULL)
        return store_nomem(s);
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->cache[i].stmt, NULL)
        != SQLITE_OK) {
        free(s->cache[i].sql);
        return store_fail(s);
    }
    s->n_cached++;
    *out = s->cache[i].stmt;
    return BRIEFING_OK;
}

/* Runs a statement that returns no row (or whose rows do not matter). */
static int store_step_done(store *s, sqlite3_stmt *st)
{
    int rc;

    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    return rc == SQLITE_DONE ? BRIEFING_OK : store_fail(s);
}

/* Binds a JSON value: a string as text, a number as real, a boolean as 0/1,
 * anything else as NULL.  Strings are bound without a copy: the document
 * outlives the statement's step. */
static void store_bind_json(sqlite3_stmt *st, int i, const cJSON *v)
{
    if (cJSON_IsString(v))
        sqlite3_bind_text(st, i, v->valuestring, -1, SQLITE_STATIC);
    else if (cJSON_IsNumber(v))
        sqlite3_bind_double(st, i, v->valuedouble);
    else if (cJSON_IsBool(v))
        sqlite3_bind_int(st, i, cJSON_IsTrue(v));
    else
        sqlite3_bind_null(st, i);
}

static void store_bind_named(sqlite3_stmt *st, const char *name, const cJSON *v)
{
    int i = sqlite3_bind_parameter_index(st, name);

    if (i > 0)
        store_bind_json(st, i, v);
}

/* ---- extra: the fields no column holds ------------------------------------- */

/* 1 when a column of that type holds v exactly. */
static int store_fits(const cJSON *v, store_type type)
{
    return (type == STORE_TEXT && cJSON_IsString(v)) || (type == STORE_REAL && cJSON_IsNumber(v))
           || (type == STORE_BOOL && cJSON_IsBool(v));
}

/* Sets extra's member name to a copy of v, replacing any. */
static int store_extra_set(store *s, cJSON *extra, const char *name, const cJSON *v)
{
    cJSON *copy = cJSON_Duplicate(v, 1);

    cJSON_DeleteItemFromObjectCaseSensitive(extra, name);
    if (copy == NULL || !cJSON_AddItemToObject(extra, name, copy)) {
        cJSON_Delete(copy);
        return store_nomem(s);
    }
    return BRIEFING_OK;
}

/* Parses a row's extra (NULL or a JSON object) into *out, an object the
 * caller frees. */
static int store_extra_parse(store *s, const char *table, sqlite3_int64 rowid,
                             const unsigned char *text, cJSON **out)
{
    *out = text ? cJSON_Parse((const char *)text) : cJSON_CreateObject();
    if (*out != NULL && cJSON_IsObject(*out))
        return BRIEFING_OK;
    if (*out == NULL && text == NULL)
        return store_nomem(s);
    cJSON_Delete(*out);
    *out = NULL;
    return diag_set(s->d, BRIEFING_ERR_DATA,
                    "%s: table %s, row %lld, column extra: not a JSON object (not written; the file "
                    "is as it was)",
                    s->path, table, (long long)rowid);
}

/* Binds extra as its JSON text, or NULL when it is empty. */
static int store_bind_extra(store *s, sqlite3_stmt *st, int i, const cJSON *extra)
{
    char *text;

    if (extra->child == NULL)
        return sqlite3_bind_null(st, i) == SQLITE_OK ? BRIEFING_OK : store_fail(s);
    if ((text = cJSON_PrintUnformatted(extra)) == NULL)
        return store_nomem(s);
    if (sqlite3_bind_text(st, i, text, -1, cJSON_free) != SQLITE_OK) /* frees text either way */
        return store_fail(s);
    return BRIEFING_OK;
}

/* ---- one row --------------------------------------------------------------- */

typedef struct store_row_state {
    int found;                             /* an earlier row matched */
    sqlite3_int64 rowid;                   /* its rowid, then the written row's */
    int had[STORE_MAX_COLUMNS];            /* the earlier row's column is not NULL */
    int assign[STORE_MAX_COLUMNS];         /* the column takes value[] */
    const cJSON *value[STORE_MAX_COLUMNS]; /* NULL: SQL NULL */
    cJSON *extra;                          /* owned */
} store_row_state;

static size_t store_n_columns(const store_table *t)
{
    size_t n = 0;

    while (n < STORE_MAX_COLUMNS && t->cols[n].name)
        n++;
    return n;
}

static int store_column_of(const store_table *t, const char *name)
{
    for (size_t i = 0; i < store_n_columns(t); i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Finds the earlier row obj describes too; fills r->found, rowid, had and
 * extra (the earlier row's, or a new empty object). */
static int store_find(store *s, const store_table *t, const char *council, const cJSON *obj,
                      store_row_state *r)
{
    size_t n = store_n_columns(t), i;
    sqlite3_stmt *st;
    char param[8];
    int rc, step;

    buf_reset(&s->sql);
    rc = buf_adds(&s->sql, "SELECT rowid, extra");
    for (i = 0; i < n; i++)
        rc |= buf_printf(&s->sql, ", \"%s\"", t->cols[i].name);
    if ((rc | buf_printf(&s->sql, " FROM %s WHERE %s LIMIT 1", t->table, t->match)) != 0)
        return store_nomem(s);
    if ((rc = store_prepare(s, s->sql.data, &st)) != 0)
        return rc;
    if (council)
        sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":council"), council, -1,
                          SQLITE_STATIC);
    for (i = 0; i < 4 && t->keys[i]; i++) {
        snprintf(param, sizeof param, ":k%zu", i + 1);
        store_bind_named(st, param, cJSON_GetObjectItemCaseSensitive(obj, t->keys[i]));
    }
    step = sqlite3_step(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return store_fail(s);
    r->found = step == SQLITE_ROW;
    if (!r->found)
        return store_extra_parse(s, t->table, 0, NULL, &r->extra);
    r->rowid = sqlite3_column_int64(st, 0);
    for (i = 0; i < n; i++)
        r->had[i] = sqlite3_column_type(st, (int)i + 2) != SQLITE_NULL;
    rc = store_extra_parse(s, t->table, r->rowid, sqlite3_column_text(st, 1), &r->extra);
    sqlite3_reset(st);
    return rc;
}

/* What member m of the new object does to the row, by data-model.md's
 * merge rules: a value replaces the earlier one; a null stands for "absent"
 * (and so changes nothing the row has) except in `judgement`, where it is a
 * value of its own; a value no column can hold goes into extra. */
static int store_member(store *s, const store_table *t, store_row_state *r, const cJSON *m)
{
    int col = store_column_of(t, m->string);
    int null_is_value = strcmp(m->string, "judgement") == 0;
    int row_has = (col >= 0 && r->had[col])
                  || cJSON_GetObjectItemCaseSensitive(r->extra, m->string) != NULL;

    if (col >= 0 && store_fits(m, t->cols[col].type)) {
        r->assign[col] = 1;
        r->value[col] = m;
        cJSON_DeleteItemFromObjectCaseSensitive(r->extra, m->string);
        return BRIEFING_OK;
    }
    if (cJSON_IsNull(m) && !null_is_value && row_has)
        return BRIEFING_OK;
    if (col >= 0) {
        r->assign[col] = 1;
        r->value[col] = NULL;
    }
    return store_extra_set(s, r->extra, m->string, m);
}

/* A council's comparators other than statistical_neighbours (which has its
 * own table) are kept in extra, so that nothing is lost. */
static int store_comparators_extra(store *s, store_row_state *r, const cJSON *comparators)
{
    cJSON *rest = cJSON_Duplicate(comparators, 1);
    int rc;

    if (rest == NULL)
        return store_nomem(s);
    cJSON_DeleteItemFromObjectCaseSensitive(rest, "statistical_neighbours");
    rc = cJSON_IsObject(rest) && rest->child == NULL
             ? BRIEFING_OK
             : store_extra_set(s, r->extra, "comparators", rest);
    cJSON_Delete(rest);
    return rc;
}

/* Inserts the row, or updates the earlier one. */
static int store_put(store *s, const store_table *t, const char *council, store_row_state *r)
{
    size_t n = store_n_columns(t), i;
    sqlite3_stmt *st;
    int rc, p = 1;

    buf_reset(&s->sql);
    if (r->found) {
        rc = buf_printf(&s->sql, "UPDATE %s SET ", t->table);
        for (i = 0; i < n; i++)
            rc |= buf_printf(&s->sql, "\"%s\" = CASE WHEN ?%zu THEN ?%zu ELSE \"%s\" END, ",
                             t->cols[i].name, 2 * i + 1, 2 * i + 2, t->cols[i].name);
        rc |= buf_printf(&s->sql, "extra = ?%zu WHERE rowid = ?%zu", 2 * n + 1, 2 * n + 2);
    } else {
        rc = buf_printf(&s->sql, "INSERT INTO %s (%s", t->table, council ? "council_code, " : "");
        for (i = 0; i < n; i++)
            rc |= buf_printf(&s->sql, "\"%s\", ", t->cols[i].name);
        rc |= buf_adds(&s->sql, "extra) VALUES (");
        for (i = 0; i < n + (council ? 1 : 0); i++)
            rc |= buf_adds(&s->sql, "?, ");
        rc |= buf_adds(&s->sql, "?)");
    }
    if (rc != 0)
        return store_nomem(s);
    if ((rc = store_prepare(s, s->sql.data, &st)) != 0)
        return rc;
    if (!r->found && council)
        sqlite3_bind_text(st, p++, council, -1, SQLITE_STATIC);
    for (i = 0; i < n; i++) {
        if (r->found)
            sqlite3_bind_int(st, p++, r->assign[i]);
        store_bind_json(st, p++, r->assign[i] ? r->value[i] : NULL);
    }
    if ((rc = store_bind_extra(s, st, p++, r->extra)) != 0)
        return rc;
    if (r->found)
        sqlite3_bind_int64(st, p, r->rowid);
    if ((rc = store_step_done(s, st)) != 0)
        return rc;
    if (!r->found)
        r->rowid = sqlite3_last_insert_rowid(s->db);
    return BRIEFING_OK;
}

/* Writes obj (a source, a council or a list entry) into table t: updates
 * the earlier row it matches, or adds one.  *rowid receives the row's. */
static int store_row(store *s, const store_table *t, const char *council, const cJSON *obj,
                     sqlite3_int64 *rowid)
{
    store_row_state r;
    const cJSON *m;
    int rc;

    memset(&r, 0, sizeof r);
    if (!cJSON_IsObject(obj))
        return diag_set(s->d, BRIEFING_ERR_DATA, "%s: %s: not an object (not written)", s->path,
                        s->where);
    if ((rc = store_find(s, t, council, obj, &r)) != 0)
        return rc;
    cJSON_ArrayForEach(m, obj) {
        int elsewhere = store_is_mark(m->string);

        for (size_t i = 0; i < 6 && t->elsewhere[i] && !elsewhere; i++)
            elsewhere = strcmp(t->elsewhere[i], m->string) == 0;
        if (t == &store_councils && strcmp(m->string, "comparators") == 0)
            rc = store_comparators_extra(s, &r, m);
        else if (!elsewhere)
            rc = store_member(s, t, &r, m);
        if (rc != 0)
            goto out;
    }
    rc = store_put(s, t, council, &r);
    *rowid = r.rowid;
out:
    cJSON_Delete(r.extra);
    return rc;
}

/* ---- ordered sets: cites and statistical neighbours ------------------------ */

/* Adds the strings of items to table's rows of one parent (parent_text, or
 * parent_id when that is NULL) that it lacks, after the ones it has: the
 * union, in order. */
static int store_union(store *s, const char *table, const char *parent_col, const char *item_col,
                       const char *parent_text, sqlite3_int64 parent_id, const cJSON *items)
{
    const cJSON *item;
    sqlite3_stmt *st;
    int rc;

    buf_reset(&s->sql);
    if (buf_printf(&s->sql,
                   "INSERT INTO %s (%s, %s, position) VALUES (?1, ?2, (SELECT coalesce(max(position), "
                   "0) + 1 FROM %s WHERE %s = ?1)) ON CONFLICT DO NOTHING",
                   table, parent_col, item_col, table, parent_col) != 0)
        return store_nomem(s);
    cJSON_ArrayForEach(item, items) {
        if (!cJSON_IsString(item))
            continue;
        if ((rc = store_prepare(s, s->sql.data, &st)) != 0)
            return rc;
        if (parent_text)
            sqlite3_bind_text(st, 1, parent_text, -1, SQLITE_STATIC);
        else
            sqlite3_bind_int64(st, 1, parent_id);
        sqlite3_bind_text(st, 2, item->valuestring, -1, SQLITE_STATIC);
        if ((rc = store_step_done(s, st)) != 0)
            return rc;
    }
    return BRIEFING_OK;
}

/* An inspection's sub-judgements: each name takes the new judgement. */
static int store_sub_judgements(store *s, sqlite3_int64 inspection, const cJSON *subs)
{
    const cJSON *m;
    sqlite3_stmt *st;
    int rc;

    cJSON_ArrayForEach(m, subs) {
        if (store_is_mark(m->string))
            continue;
        if ((rc = store_prepare(s,
                                "INSERT INTO sub_judgements (inspection_id, name, judgement) "
                                "VALUES (?, ?, ?) ON CONFLICT (inspection_id, name) "
                                "DO UPDATE SET judgement = excluded.judgement",
                                &st))
            != 0)
            return rc;
        sqlite3_bind_int64(st, 1, inspection);
        sqlite3_bind_text(st, 2, m->string, -1, SQLITE_STATIC);
        store_bind_json(st, 3, m);
        if ((rc = store_step_done(s, st)) != 0)
            return rc;
    }
    return BRIEFING_OK;
}

/* ---- the document ------------------------------------------------------------ */

static int store_council(store *s, const cJSON *council, size_t index)
{
    const cJSON *code = cJSON_GetObjectItemCaseSensitive(council, "code");
    const cJSON *comparators = cJSON_GetObjectItemCaseSensitive(council, "comparators");
    sqlite3_int64 rowid;
    int rc;

    snprintf(s->where, sizeof s->where, "councils[%zu]", index);
    if (!cJSON_IsString(code))
        return diag_set(s->d, BRIEFING_ERR_DATA, "%s: %s: no code (not written)", s->path,
                        s->where);
    if ((rc = store_row(s, &store_councils, NULL, council, &rowid)) != 0)
        return rc;
    rc = store_union(s, "comparators", "council_code", "neighbour_code", code->valuestring, 0,
                     cJSON_GetObjectItemCaseSensitive(comparators, "statistical_neighbours"));
    for (size_t l = 0; rc == 0 && l < STORE_N_LISTS; l++) {
        const store_table *t = &store_lists[l];
        const cJSON *entry;
        size_t i = 0;

        cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(council, t->list)) {
            snprintf(s->where, sizeof s->where, "councils[%zu].%s[%zu]", index, t->list, i++);
            if ((rc = store_row(s, t, code->valuestring, entry, &rowid)) != 0)
                return rc;
            rc = store_union(s, t->cites, t->cite_key, "source_id", NULL, rowid,
                             cJSON_GetObjectItemCaseSensitive(entry, "cites"));
            if (rc == 0 && strcmp(t->list, "inspections") == 0)
                rc = store_sub_judgements(s, rowid,
                                          cJSON_GetObjectItemCaseSensitive(entry, "sub_judgements"));
            if (rc != 0)
                return rc;
        }
    }
    return rc;
}

/* Sets meta's key to value (NULL: leaves it). */
static int store_meta_set(store *s, const char *key, const char *value)
{
    sqlite3_stmt *st;
    int rc;

    if (value == NULL)
        return BRIEFING_OK;
    if ((rc = store_prepare(s, "INSERT INTO meta (key, value) VALUES (?, ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            &st))
        != 0)
        return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
    return store_step_done(s, st);
}

/* meta's value of key, copied into a new string (NULL when absent). */
static int store_meta_get(store *s, const char *key, char **out)
{
    sqlite3_stmt *st;
    int rc = store_prepare(s, "SELECT value FROM meta WHERE key = ?", &st);

    *out = NULL;
    if (rc != 0)
        return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_text(st, 0)
        && (*out = strdup((const char *)sqlite3_column_text(st, 0))) == NULL)
        return store_nomem(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(s);
    sqlite3_reset(st);
    return BRIEFING_OK;
}

/* The top level: as_of keeps the latest date; fields the program does not
 * know go into meta's 'extra', by the same rules as a row's. */
static int store_meta(store *s, const cJSON *doc)
{
    static const store_table top = {"meta", NULL, NULL, NULL, NULL, {NULL}, {NULL}, {{NULL, 0}}};
    const cJSON *as_of = cJSON_GetObjectItemCaseSensitive(doc, "as_of");
    const cJSON *m;
    store_row_state r;
    char *old = NULL, *text = NULL;
    briefing_date a, b;
    int rc;

    memset(&r, 0, sizeof r);
    snprintf(s->where, sizeof s->where, "as_of");
    if ((rc = store_meta_get(s, "as_of", &old)) != 0)
        return rc;
    if (cJSON_IsString(as_of)
        && (old == NULL || !date_parse(old, &a) || !date_parse(as_of->valuestring, &b)
            || date_compare(b, a) > 0))
        rc = store_meta_set(s, "as_of", as_of->valuestring);
    free(old);
    snprintf(s->where, sizeof s->where, "the top level");
    if (rc == 0)
        rc = store_meta_get(s, "extra", &old);
    if (rc == 0)
        rc = store_extra_parse(s, "meta", 0, (const unsigned char *)old, &r.extra);
    for (m = doc->child; rc == 0 && m != NULL; m = m->next)
        if (!store_is_mark(m->string) && strcmp(m->string, "schema") != 0
            && strcmp(m->string, "as_of") != 0 && strcmp(m->string, "councils") != 0
            && strcmp(m->string, "sources") != 0)
            rc = store_member(s, &top, &r, m);
    if (rc == 0 && r.extra->child != NULL && (text = cJSON_PrintUnformatted(r.extra)) == NULL)
        rc = store_nomem(s);
    if (rc == 0)
        rc = store_meta_set(s, "extra", text);
    cJSON_free(text);
    free(old);
    cJSON_Delete(r.extra);
    return rc;
}

/* A foreign key of table that names no row, as an error. */
static int store_check_table_keys(store *s, const char *table)
{
    sqlite3_stmt *st;
    int rc;

    buf_reset(&s->sql);
    if (buf_printf(&s->sql, "PRAGMA foreign_key_check(%s)", table) != 0)
        return store_nomem(s);
    if ((rc = store_prepare(s, s->sql.data, &st)) != 0)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        rc = diag_set(s->d, BRIEFING_ERR_DATA,
                      "%s: table %s, row %lld: a reference to table %s names no row (not "
                      "written; the file is as it was)",
                      s->path, table, (long long)sqlite3_column_int64(st, 1),
                      (const char *)sqlite3_column_text(st, 2));
        sqlite3_reset(st);
        return rc;
    }
    return rc == SQLITE_DONE ? BRIEFING_OK : store_fail(s);
}

/* A database the sqlite source would refuse is not written: a reference
 * that names nothing (a row an earlier program wrote without the checks).
 * Only the schema's tables: the user's own are the user's business. */
static int store_check_keys(store *s)
{
    int rc = store_check_table_keys(s, "comparators");

    if (rc == 0)
        rc = store_check_table_keys(s, "sub_judgements");
    for (size_t l = 0; rc == 0 && l < STORE_N_LISTS; l++)
        if ((rc = store_check_table_keys(s, store_lists[l].table)) == 0)
            rc = store_check_table_keys(s, store_lists[l].cites);
    return rc;
}

static int store_document(store *s, const cJSON *doc)
{
    const cJSON *item;
    sqlite3_int64 rowid;
    size_t i = 0;
    int rc;

    if (!cJSON_IsObject(doc))
        return diag_set(s->d, BRIEFING_ERR_DATA, "%s: the data is not an object", s->path);
    if ((rc = store_meta(s, doc)) != 0)
        return rc;
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(doc, "sources")) {
        snprintf(s->where, sizeof s->where, "sources[%zu]", i++);
        if ((rc = store_row(s, &store_sources, NULL, item, &rowid)) != 0)
            return rc;
    }
    i = 0;
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(doc, "councils"))
        if ((rc = store_council(s, item, i++)) != 0)
            return rc;
    s->where[0] = '\0';
    return store_check_keys(s);
}

/* ---- the file ------------------------------------------------------------------ */

/* Checks that the existing file at path is a records database.  Anything
 * else is refused, never replaced: it may be someone's other database. */
static int store_check_existing(sqlite3 *db, const char *path, diag *d)
{
    sqlite3_stmt *st = NULL;
    const unsigned char *schema = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'schema'", -1, &st, NULL);
    int status = BRIEFING_OK;

    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        schema = sqlite3_column_text(st, 0);
    if ((rc & 0xff) == SQLITE_NOTADB)
        status = diag_set(d, BRIEFING_ERR_CANTCREAT,
                          "%s: exists and is not a SQLite database: not replaced (remove it, or "
                          "choose another name)",
                          path);
    else if (rc == SQLITE_ERROR && strcmp(sqlite3_errmsg(db), "no such table: meta") == 0)
        status = diag_set(d, BRIEFING_ERR_CANTCREAT,
                          "%s: a SQLite database, but not briefing records (it has no meta table "
                          "naming %s): not changed (choose another name)",
                          path, SQLITE_STORE_SCHEMA);
    else if ((rc & 0xff) == SQLITE_CORRUPT)
        status = diag_set(d, BRIEFING_ERR_DATA, "%s: the database is damaged (%s): not updated",
                          path, sqlite3_errmsg(db));
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        status = diag_set(d, store_status(rc) == BRIEFING_ERR_DATA ? BRIEFING_ERR_CANTCREAT
                                                                    : store_status(rc),
                          "%s: cannot read the database to update it: %s", path,
                          sqlite3_errmsg(db));
    else if (schema == NULL || strcmp((const char *)schema, SQLITE_STORE_SCHEMA) != 0)
        status = diag_set(d, BRIEFING_ERR_CANTCREAT,
                          "%s: a SQLite database of schema \"%.80s\", not %s: not changed (choose "
                          "another name)",
                          path, schema ? (const char *)schema : "(none)", SQLITE_STORE_SCHEMA);
    sqlite3_finalize(st);
    return status;
}

/* Opens the existing database at path to copy it.  Read-write if it can,
 * so that SQLite finishes what a crashed writer left (a hot journal) and,
 * closing, folds a WAL file back into the database: a -wal file left beside
 * the new file would be read as part of it. */
static int store_open_existing(const char *path, sqlite3 **src, diag *d)
{
    int rc = sqlite3_open_v2(path, src, SQLITE_OPEN_READWRITE, NULL);

    if (rc != SQLITE_OK) {
        sqlite3_close(*src);
        rc = sqlite3_open_v2(path, src, SQLITE_OPEN_READONLY, NULL);
    }
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(*src, 10000);
        sqlite3_db_config(*src, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
        return BRIEFING_OK;
    }
    rc = diag_set(d, rc == SQLITE_NOMEM ? BRIEFING_ERR_NOMEM : BRIEFING_ERR_CANTCREAT,
                  "%s: cannot open the database to update it: %s", path,
                  *src ? sqlite3_errmsg(*src) : sqlite3_errstr(rc));
    sqlite3_close(*src);
    *src = NULL;
    return rc;
}

/* Copies the records database at path into the open (empty) database dst,
 * through SQLite's backup, which takes a consistent snapshot whatever the
 * file's journal mode. */
static int store_copy(sqlite3 *dst, const char *path, diag *d)
{
    sqlite3 *src = NULL;
    sqlite3_backup *b;
    char wal[PATH_MAX];
    int rc, status;

    if ((status = store_open_existing(path, &src, d)) != 0)
        return status;
    if ((status = store_check_existing(src, path, d)) != 0) {
        sqlite3_close(src);
        return status;
    }
    b = sqlite3_backup_init(dst, "main", src, "main");
    rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(dst);
    if (b)
        sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        status = diag_set(d, store_status(rc), "%s: cannot copy the database to update it: %s",
                          path, sqlite3_errstr(rc));
    sqlite3_close(src);
    /* Still a WAL file: another program has the database open, and would
     * lose its changes or see ours half-made. */
    snprintf(wal, sizeof wal, "%s-wal", path);
    if (status == BRIEFING_OK && access(wal, F_OK) == 0)
        status = diag_set(d, BRIEFING_ERR_TEMPFAIL,
                          "%s: another program has the database open (%s exists): close it and "
                          "try again",
                          path, wal);
    return status;
}

/* A damaged database is not updated: SQLite's quick_check of the copy must
 * say "ok" (reading it later would fail, and writing could spread the harm). */
static int store_check_damage(store *s)
{
    sqlite3_stmt *st;
    const unsigned char *verdict;
    int rc;

    if (sqlite3_prepare_v2(s->db, "PRAGMA quick_check(1)", -1, &st, NULL) != SQLITE_OK)
        return store_fail(s);
    rc = sqlite3_step(st);
    verdict = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    if (rc != SQLITE_ROW)
        rc = store_fail(s);
    else if (verdict == NULL || strcmp((const char *)verdict, "ok") != 0) {
        char what[200];
        snprintf(what, sizeof what, "%s", verdict ? (const char *)verdict : "out of memory");
        for (char *c = what; *c; c++) /* the report spans lines */
            *c = (unsigned char)*c < 0x20 ? ' ' : *c;
        rc = diag_set(s->d, BRIEFING_ERR_DATA, "%s: the database is damaged (%s): not updated",
                      s->path, what);
    } else
        rc = BRIEFING_OK;
    sqlite3_finalize(st);
    return rc;
}

/* Opens the temporary file tmp as the database to write: a copy of path
 * when path is a records database, else a new one with the schema. */
static int store_open(store *s, const char *tmp, int *fresh)
{
    struct stat st;
    int rc;

    *fresh = !(stat(s->path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0);
    if ((rc = sqlite3_open_v2(tmp, &s->db, SQLITE_OPEN_READWRITE, NULL)) != SQLITE_OK)
        return diag_set(s->d, rc == SQLITE_NOMEM ? BRIEFING_ERR_NOMEM : BRIEFING_ERR_CANTCREAT,
                        "%s: cannot create the database: %s", s->path, sqlite3_errstr(rc));
    /* "name" is a column, never the string 'name' when the column is missing. */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
    if (!*fresh) {
        if ((rc = store_copy(s->db, s->path, s->d)) != 0 || (rc = store_check_damage(s)) != 0)
            return rc;
        /* The records may be private: the new file keeps the old one's mode. */
        chmod(tmp, st.st_mode & 07777);
    }
    /* The copy is private until renamed into place, and output_commit flushes
     * it: a journal on disk would only leave a file behind on a crash. */
    return store_exec(s, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; "
                         "PRAGMA foreign_keys = ON");
}

static void store_close(store *s)
{
    for (size_t i = 0; i < s->n_cached; i++) {
        sqlite3_finalize(s->cache[i].stmt);
        free(s->cache[i].sql);
    }
    s->n_cached = 0;
    sqlite3_close(s->db);
    s->db = NULL;
    buf_free(&s->sql);
}

/* Takes an flock(2) lock on the existing file at path, so that two updates
 * of one database run one after the other instead of the later rename
 * dropping the earlier's change.  *fd is -1 when there is no file (nothing
 * to lose); otherwise it holds the lock until closed.  The lock is taken on
 * the file the name names now: if an update renamed a new file into place
 * meanwhile, that one is locked instead. */
static int store_lock(const char *path, int *fd, diag *d)
{
    struct stat held, named;

    for (int tries = 0; tries < 100; tries++) {
        /* O_NONBLOCK: a FIFO at path must not hold the run; only a file
         * can be a database. */
        if ((*fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0)
            return BRIEFING_OK;
        if (fstat(*fd, &held) != 0 || !S_ISREG(held.st_mode)) {
            close(*fd);
            *fd = -1;
            return diag_set(d, BRIEFING_ERR_CANTCREAT, "%s: a database must be a regular file, "
                            "not a device, a pipe or a socket", path);
        }
        if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
            close(*fd);
            *fd = -1;
            return diag_set(d, BRIEFING_ERR_TEMPFAIL,
                            "%s: another briefing convert is updating the database: try again "
                            "when it has finished",
                            path);
        }
        if (fstat(*fd, &held) == 0 && stat(path, &named) == 0 && held.st_dev == named.st_dev
            && held.st_ino == named.st_ino)
            return BRIEFING_OK;
        close(*fd);
    }
    *fd = -1;
    return diag_set(d, BRIEFING_ERR_TEMPFAIL, "%s: the file keeps being replaced: try again", path);
}

int sqlite_store_write(const cJSON *doc, const char *path, diag *d)
{
    store s;
    output out;
    int fresh = 0, lock_fd = -1;
    int rc;

    memset(&s, 0, sizeof s);
    s.path = path;
    s.d = d;
    buf_init(&s.sql, STORE_SQL_MAX);
    if ((rc = store_lock(path, &lock_fd, d)) != 0)
        return rc;
    if ((rc = output_begin(&out, path, d)) != 0) {
        if (lock_fd >= 0)
            close(lock_fd);
        return rc;
    }
    if (out.direct) {
        rc = diag_set(d, BRIEFING_ERR_CANTCREAT,
                      "%s: a database must be a file, not a device or a pipe", path);
        goto out;
    }
    if ((rc = store_open(&s, out.tmp_path, &fresh)) != 0)
        goto out;
    if ((rc = store_exec(&s, "BEGIN IMMEDIATE")) != 0)
        goto out;
    if (fresh && (rc = store_exec(&s, BRIEFING_RECORDS_SQL)) != 0)
        goto out;
    if ((rc = store_document(&s, doc)) != 0)
        goto out;
    s.where[0] = '\0';
    rc = store_exec(&s, "COMMIT");
out:
    store_close(&s);
    if (rc == BRIEFING_OK)
        rc = output_commit(&out, d);
    else
        output_abort(&out);
    if (lock_fd >= 0)
        close(lock_fd); /* after the rename: the next update reads this one's file */
    return rc;
}

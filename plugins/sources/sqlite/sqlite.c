/*
 * sqlite: a council's records database, the SQLite file of schema
 * briefing-records/1 (include/briefing/records.h, shared with the writer;
 * docs/sources.md) that
 * `briefing convert -d DATA -o records.db` writes.
 *
 * The file is opened read-only and read in one transaction: each table's
 * rows become the dataset's objects, one column per field, and a row's
 * `extra` (a JSON object) gives back the fields no column holds.  Every
 * value is checked as it is read, so that an error names the file, the
 * table, the row (rowid) and the column; the host then validates the whole
 * document as it validates any source's.
 *
 * A database is untrusted input: views and functions of its schema are not
 * run, strings are bounded, and a budget of SQLite steps stops a file built
 * to keep the reader busy.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include <briefing/records.h>

#include "../common/srcutil.h"

#define RECORDS_SCHEMA BRIEFING_RECORDS_SCHEMA /* the schema's one source: records.h */
#define RD_MAX_ROWS 2000000      /* rows of all tables: far more than all councils' records */
#define RD_MAX_DEPTH 64          /* arrays and objects inside each other in extra */
#define RD_MAX_LENGTH (16 << 20) /* bytes of any one value */
#define RD_TICK 1000             /* SQLite steps between two calls of the progress handler */
#define RD_MAX_TICKS 2000000     /* so at most two thousand million steps */

/* ---- the schema, as read ------------------------------------------------------ */

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})

/* clang-format off */
static const char *const JUDGEMENTS[] = {"outstanding", "good", "requires_improvement", "adequate",
                                         "inadequate", NULL};
/* clang-format on */

typedef enum col_type { C_TEXT, C_DATE, C_NUMBER, C_BOOL, C_CLOSED } col_type;

typedef struct col {
    const char *name; /* the column, and the field */
    col_type type;
    int required;
    const char *const *values; /* C_CLOSED: the words allowed */
} col;

#define MAX_COLS 9

typedef struct table_spec {
    const char *table;
    const char *cites;       /* its cites table, or NULL */
    const char *cite_key;    /* the cites table's column naming the row */
    const char *order[2][2]; /* pairs of dates: the second may not be before the first */
    col cols[MAX_COLS];
} table_spec;

enum { T_SOURCES, T_COUNCILS, T_INSPECTIONS, T_LEADERS, T_INTERVENTIONS, T_METRICS, T_EVENTS, N_TABLES };
#define FIRST_LIST T_INSPECTIONS

/* clang-format off */
static const table_spec TABLES[N_TABLES] = {
    {BRIEFING_RECORDS_SOURCES, NULL, NULL, {{NULL}},
     {{"id", C_TEXT, 1, NULL}, {"title", C_TEXT, 1, NULL}, {"publisher", C_TEXT, 0, NULL},
      {"date", C_DATE, 0, NULL}, {"url", C_TEXT, 0, NULL}}},
    {BRIEFING_RECORDS_COUNCILS, NULL, NULL, {{NULL}},
     {{"code", C_TEXT, 1, NULL}, {"la_number", C_TEXT, 0, NULL}, {"name", C_TEXT, 1, NULL},
      {"kind", C_CLOSED, 0, LIST("county", "metropolitan", "unitary", "london_borough")},
      {"region", C_TEXT, 0, NULL}}},
    {BRIEFING_RECORDS_INSPECTIONS, BRIEFING_RECORDS_INSPECTION_CITES, "inspection_id", {{"inspected_from", "inspected_to"}},
     {{"date", C_DATE, 1, NULL}, {"inspected_from", C_DATE, 0, NULL}, {"inspected_to", C_DATE, 0, NULL},
      {"framework", C_CLOSED, 0,
       LIST("safeguarding_lac", "child_protection", "looked_after", "sif", "ilacs", "jtai", "other")},
      {"type", C_CLOSED, 0,
       LIST("full", "reinspection", "short", "focused_visit", "monitoring_visit", "joint_targeted")},
      {"judgement", C_CLOSED, 0, JUDGEMENTS}, {"summary", C_TEXT, 0, NULL}, {"url", C_TEXT, 0, NULL}}},
    {BRIEFING_RECORDS_LEADERS, BRIEFING_RECORDS_LEADER_CITES, "leader_id", {{"start", "end"}, {"in_post_on", "end"}},
     {{"role", C_TEXT, 1, NULL}, {"name", C_TEXT, 1, NULL}, {"start", C_DATE, 0, NULL},
      {"in_post_on", C_DATE, 0, NULL}, {"end", C_DATE, 0, NULL}, {"interim", C_BOOL, 0, NULL},
      {"note", C_TEXT, 0, NULL}}},
    {BRIEFING_RECORDS_INTERVENTIONS, BRIEFING_RECORDS_INTERVENTION_CITES, "intervention_id", {{"start", "end"}},
     {{"kind", C_CLOSED, 1,
       LIST("improvement_notice", "statutory_direction", "commissioner", "improvement_adviser", "trust",
            "partnership", "sector_led_support", "other")},
      {"start", C_DATE, 1, NULL}, {"end", C_DATE, 0, NULL}, {"by", C_TEXT, 0, NULL},
      {"partner", C_TEXT, 0, NULL}, {"summary", C_TEXT, 1, NULL}, {"outcome", C_TEXT, 0, NULL}}},
    {BRIEFING_RECORDS_METRICS, BRIEFING_RECORDS_METRIC_CITES, "metric_id", {{NULL}},
     {{"name", C_TEXT, 1, NULL}, {"period", C_DATE, 1, NULL}, {"value", C_NUMBER, 1, NULL},
      {"unit", C_CLOSED, 0, LIST("count", "rate_per_10k", "percent", "gbp")},
      {"england", C_NUMBER, 0, NULL}, {"region", C_NUMBER, 0, NULL}, {"comparator", C_NUMBER, 0, NULL}}},
    {BRIEFING_RECORDS_EVENTS, BRIEFING_RECORDS_EVENT_CITES, "event_id", {{NULL}},
     {{"date", C_DATE, 1, NULL}, {"headline", C_TEXT, 1, NULL}, {"summary", C_TEXT, 0, NULL}}},
};
/* clang-format on */

/* ---- the reader's state ----------------------------------------------------------- */

typedef struct rd {
    const briefing_host *h;
    briefing_ctx *ctx;
    const char *path;
    sqlite3 *db;
    sqlite3_stmt *rows[N_TABLES];  /* a table's rows (of one council, for the lists) */
    sqlite3_stmt *cites[N_TABLES]; /* an entry's cites */
    sqlite3_stmt *subs;            /* an inspection's sub-judgements */
    sqlite3_stmt *neighbours;      /* a council's statistical neighbours */
    sqlite3_stmt *json_type;       /* what an extra holds */
    sqlite3_stmt *json_tree;       /* an extra, walked */
    size_t n_rows;
    long ticks;
} rd;

static size_t n_cols(const table_spec *t)
{
    size_t n = 0;

    while (n < MAX_COLS && t->cols[n].name)
        n++;
    return n;
}

/* ---- errors ------------------------------------------------------------------------ */

/* The error of the database's last failure, while reading table (or NULL).
 * A file that is not SQLite, or is damaged, is bad data; a locked one is
 * worth a retry. */
static int rd_fail(rd *r, const char *table)
{
    int code = sqlite3_extended_errcode(r->db) & 0xff;
    int status = code == SQLITE_NOMEM                           ? BRIEFING_ERR_NOMEM
                 : code == SQLITE_BUSY || code == SQLITE_LOCKED ? BRIEFING_ERR_TEMPFAIL
                 : code == SQLITE_CANTOPEN || code == SQLITE_IOERR || code == SQLITE_PERM
                     ? BRIEFING_ERR_NOINPUT
                     : BRIEFING_ERR_DATA;

    if (code == SQLITE_NOTADB)
        return r->h->error(r->ctx, status, "%s: not a SQLite database, or a damaged one (%s)", r->path,
                           sqlite3_errmsg(r->db));
    if (code == SQLITE_CORRUPT)
        return r->h->error(r->ctx, status, "%s: the database is damaged (%s)", r->path,
                           sqlite3_errmsg(r->db));
    if (code == SQLITE_INTERRUPT)
        return r->h->error(r->ctx, status,
                           "%s: gave up after %ld thousand million steps: more than a "
                           "council's records need",
                           r->path, (long)RD_MAX_TICKS * RD_TICK / 1000000000L);
    if (table == NULL)
        return r->h->error(r->ctx, status, "%s: %s", r->path, sqlite3_errmsg(r->db));
    return r->h->error(r->ctx, status, "%s: table %s: %s", r->path, table, sqlite3_errmsg(r->db));
}

/* An error about one value: "FILE: table T, row N, column C: ...". */
static int rd_bad(rd *r, const char *table, sqlite3_int64 rowid, const char *column, const char *fmt,
                  ...) __attribute__((format(printf, 5, 6)));
static int rd_bad(rd *r, const char *table, sqlite3_int64 rowid, const char *column, const char *fmt,
                  ...)
{
    char text[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return r->h->error(r->ctx, BRIEFING_ERR_DATA, "%s: table %s, row %lld, column %s: %s", r->path,
                       table, (long long)rowid, column, text);
}

/* Writes s into out between double quotes, cut (on a UTF-8 boundary) after
 * about 60 bytes, control characters shown as '?'. */
static const char *quote(const char *s, char *out, size_t size)
{
    size_t o = 0, i = 0;

    out[o++] = '"';
    for (; s[i] && o + 6 < size && i < 60; i++)
        out[o++] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
    while (o > 1 && s[i] && ((unsigned char)out[o - 1] & 0xC0) == 0x80) /* a character cut short */
        o--;
    if (o > 1 && s[i] && (unsigned char)out[o - 1] >= 0xC0)
        o--;
    if (s[i])
        out[o++] = '.', out[o++] = '.', out[o++] = '.';
    out[o++] = '"';
    out[o] = '\0';
    return out;
}

/* 1 when s[0..n) is valid UTF-8 (no overlong forms, no surrogates). */
static int utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned c = s[i], cp, len;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            len = 2, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4, cp = c & 0x07;
        else
            return 0;
        if (n - i < len)
            return 0;
        for (unsigned k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
        i += len;
    }
    return 1;
}

static const char *sql_type_name(int type)
{
    return type == SQLITE_INTEGER ? "an integer"
           : type == SQLITE_FLOAT ? "a real number"
           : type == SQLITE_TEXT  ? "text"
           : type == SQLITE_BLOB  ? "a blob"
                                  : "NULL";
}

/* ---- values ---------------------------------------------------------------------- */

/* Column i of the current row as text: *out NULL when it is NULL.  Text
 * must be UTF-8 without NUL bytes. */
static int rd_text(rd *r, const char *table, sqlite3_int64 rowid, const char *column, sqlite3_stmt *st,
                   int i, const char **out)
{
    int type = sqlite3_column_type(st, i);
    const unsigned char *s;
    size_t n;

    *out = NULL;
    if (type == SQLITE_NULL)
        return BRIEFING_OK;
    if (type != SQLITE_TEXT)
        return rd_bad(r, table, rowid, column, "expected text, found %s", sql_type_name(type));
    s = sqlite3_column_text(st, i);
    n = (size_t)sqlite3_column_bytes(st, i);
    if (s == NULL)
        return r->h->error(r->ctx, BRIEFING_ERR_NOMEM, "%s: out of memory", r->path);
    if (strlen((const char *)s) != n)
        return rd_bad(r, table, rowid, column, "the text holds a NUL byte");
    if (!utf8_ok(s, n))
        return rd_bad(r, table, rowid, column, "the text is not valid UTF-8");
    *out = (const char *)s;
    return BRIEFING_OK;
}

/* "a, b, c" of a closed list. */
static const char *join(const char *const *values, char *out, size_t size)
{
    size_t o = 0;

    out[0] = '\0';
    for (const char *const *v = values; *v && o + 1 < size; v++)
        o += (size_t)snprintf(out + o, size - o, "%s%s", v == values ? "" : ", ", *v);
    return out;
}

/* Reads column i of the current row (field c) into obj under key (NULL:
 * appended to the array obj), checking it against the data model. */
static int rd_value(rd *r, const table_spec *t, sqlite3_int64 rowid, const col *c, sqlite3_stmt *st,
                    int i, briefing_json *obj, const char *key)
{
    const briefing_json_api *j = r->h->json;
    int type = sqlite3_column_type(st, i);
    char q[80], list[200];
    const char *s;
    briefing_date date;
    int rc;

    if (type == SQLITE_NULL)
        return c->required
                   ? rd_bad(r, t->table, rowid, c->name, "empty (NULL), but %s is required", c->name)
                   : BRIEFING_OK;
    if (c->type == C_NUMBER) {
        double v = sqlite3_column_double(st, i);
        if (type != SQLITE_INTEGER && type != SQLITE_FLOAT)
            return rd_bad(r, t->table, rowid, c->name, "expected a number, found %s",
                          sql_type_name(type));
        if (!isfinite(v))
            return rd_bad(r, t->table, rowid, c->name, "%g is not a finite number", v);
        return j->add_number(obj, key, v) ? BRIEFING_OK : BRIEFING_ERR_NOMEM;
    }
    if (c->type == C_BOOL) {
        sqlite3_int64 v = sqlite3_column_int64(st, i);
        if (type != SQLITE_INTEGER || (v != 0 && v != 1))
            return rd_bad(r, t->table, rowid, c->name, "expected 0 or 1 (false or true)");
        return j->add_bool(obj, key, (int)v) ? BRIEFING_OK : BRIEFING_ERR_NOMEM;
    }
    if ((rc = rd_text(r, t->table, rowid, c->name, st, i, &s)) != 0)
        return rc;
    if (c->type == C_DATE && !r->h->parse_date(s, &date))
        return rd_bad(r, t->table, rowid, c->name, "%s is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)",
                      quote(s, q, sizeof q));
    if (c->type == C_CLOSED) {
        const char *const *v = c->values;
        while (*v && strcmp(*v, s) != 0)
            v++;
        if (!*v)
            return rd_bad(r, t->table, rowid, c->name, "%s is not one of %s%s", quote(s, q, sizeof q),
                          join(c->values, list, sizeof list),
                          c->values == JUDGEMENTS ? " (or NULL)" : "");
    }
    return j->add_string(obj, key, s) ? BRIEFING_OK : BRIEFING_ERR_NOMEM;
}

/* -1, 0, 1 as a is before, overlaps, is after b, each taken as the whole
 * period it names ("2016" is all of that year): compared at the coarser of
 * the two precisions, as the host's rule "an end before its start" does. */
static int period_order(briefing_date a, briefing_date b)
{
    int am = a.month && b.month, ad = am && a.day && b.day;
    long x = a.year * 10000L + (am ? a.month * 100 : 0) + (ad ? a.day : 0);
    long y = b.year * 10000L + (am ? b.month * 100 : 0) + (ad ? b.day : 0);

    return x < y ? -1 : x > y;
}

/* The rules between a row's fields: an end not before its start; a leader
 * with a start or a date in post. */
static int rd_row_rules(rd *r, const table_spec *t, sqlite3_int64 rowid, const briefing_json *obj)
{
    const briefing_json_api *j = r->h->json;

    for (int k = 0; k < 2 && t->order[k][0]; k++) {
        const char *a = j->string(j->get(obj, t->order[k][0]));
        const char *b = j->string(j->get(obj, t->order[k][1]));
        briefing_date da, db;
        if (a && b && r->h->parse_date(a, &da) && r->h->parse_date(b, &db) && period_order(db, da) < 0)
            return rd_bad(r, t->table, rowid, t->order[k][1], "\"%s\" is before %s \"%s\"", b,
                          t->order[k][0], a);
    }
    if (t == &TABLES[T_LEADERS] && !j->get(obj, "start") && !j->get(obj, "in_post_on"))
        return rd_bad(
            r, t->table, rowid, "start",
            "empty, and so is in_post_on: a leader needs a start, or a date on which they held "
            "the post");
    return BRIEFING_OK;
}

/* ---- extra: the fields no column holds ------------------------------------------- */

typedef struct level {
    sqlite3_int64 id;    /* json_tree's id of the container */
    briefing_json *into; /* what its members go into; NULL: skipped */
    int is_array;
} level;

/* The value of one json_tree row, added to into under name (NULL: appended). */
static briefing_json *rd_json_atom(rd *r, sqlite3_stmt *st, const char *type, briefing_json *into,
                                   const char *name, const char *table, sqlite3_int64 rowid, int *rc)
{
    const briefing_json_api *j = r->h->json;
    const char *s;

    *rc = BRIEFING_OK;
    if (strcmp(type, "object") == 0)
        return j->add_object(into, name);
    if (strcmp(type, "array") == 0)
        return j->add_array(into, name);
    if (strcmp(type, "true") == 0 || strcmp(type, "false") == 0)
        return j->add_bool(into, name, type[0] == 't');
    if (strcmp(type, "null") == 0)
        return j->add_null(into, name);
    if (strcmp(type, "text") == 0) {
        if ((*rc = rd_text(r, table, rowid, "extra", st, 4, &s)) != 0)
            return NULL;
        return j->add_string(into, name, s ? s : "");
    }
    if (!isfinite(sqlite3_column_double(st, 4))) {
        *rc = rd_bad(r, table, rowid, "extra", "a number in it is not finite");
        return NULL;
    }
    return j->add_number(into, name, sqlite3_column_double(st, 4));
}

/* Adds to obj the members of the row's extra (a JSON object, or NULL) that
 * obj lacks; where both hold an object, its members likewise.  Columns
 * win: a member obj already has is left as it is. */
static int rd_extra(rd *r, const char *table, sqlite3_int64 rowid, const char *text, briefing_json *obj)
{
    const briefing_json_api *j = r->h->json;
    level stack[RD_MAX_DEPTH];
    size_t n = 0;
    const char *type;
    int step = SQLITE_DONE, rc = BRIEFING_OK;

    if (text == NULL)
        return BRIEFING_OK;
    sqlite3_reset(r->json_type);
    sqlite3_bind_text(r->json_type, 1, text, -1, SQLITE_STATIC);
    if (sqlite3_step(r->json_type) != SQLITE_ROW)
        return rd_bad(r, table, rowid, "extra", "not JSON (%s)", sqlite3_errmsg(r->db));
    type = (const char *)sqlite3_column_text(r->json_type, 0);
    if (type == NULL || strcmp(type, "object") != 0)
        return rd_bad(r, table, rowid, "extra", "expected a JSON object, found %s %s",
                      type && type[0] == 'a' ? "an" : "a", type ? type : "nothing");
    sqlite3_reset(r->json_tree);
    sqlite3_bind_text(r->json_tree, 1, text, -1, SQLITE_STATIC);
    while (rc == BRIEFING_OK && (step = sqlite3_step(r->json_tree)) == SQLITE_ROW) {
        sqlite3_stmt *st = r->json_tree;
        sqlite3_int64 id = sqlite3_column_int64(st, 0), parent = sqlite3_column_int64(st, 1);
        int container;
        briefing_json *made = NULL;

        type = (const char *)sqlite3_column_text(st, 3);
        if (type == NULL)
            return r->h->error(r->ctx, BRIEFING_ERR_NOMEM, "%s: out of memory", r->path);
        container = strcmp(type, "object") == 0 || strcmp(type, "array") == 0;
        if (sqlite3_column_type(st, 1) == SQLITE_NULL) { /* the object itself */
            stack[0] = (level){id, obj, 0};
            n = 1;
            continue;
        }
        while (n > 0 && stack[n - 1].id != parent)
            n--;
        if (n == 0)
            return r->h->error(r->ctx, BRIEFING_ERR_INTERNAL, "%s: walking an extra went wrong",
                               r->path);
        if (stack[n - 1].into) {
            const char *name = NULL;
            briefing_json *have = NULL;
            if (!stack[n - 1].is_array && (rc = rd_text(r, table, rowid, "extra", st, 2, &name)) != 0)
                break;
            if (name)
                have = j->get_mut(stack[n - 1].into, name);
            if (have && strcmp(type, "object") == 0 && j->type(have) == BRIEFING_JSON_OBJECT)
                made = have; /* both objects: fill its members too */
            else if (!have &&
                     !(made = rd_json_atom(r, st, type, stack[n - 1].into, name, table, rowid, &rc)))
                rc = rc ? rc : BRIEFING_ERR_NOMEM;
        }
        if (rc == BRIEFING_OK && container) {
            if (n == RD_MAX_DEPTH)
                return rd_bad(r, table, rowid, "extra", "nested more than %d deep", RD_MAX_DEPTH);
            stack[n++] = (level){id, made, type[0] == 'a'};
        }
    }
    if (rc == BRIEFING_OK && step != SQLITE_DONE)
        return rd_bad(r, table, rowid, "extra", "cannot be read (%s)", sqlite3_errmsg(r->db));
    sqlite3_reset(r->json_tree);
    return rc;
}

/* ---- rows ------------------------------------------------------------------------------ */

/* Appends to obj's array `key` (made on first use) the text of column 1 of
 * each row of st: an entry's cites, a council's neighbours. */
static int rd_strings(rd *r, sqlite3_stmt *st, const char *table, const char *column, briefing_json *obj,
                      const char *key)
{
    const col c = {column, C_TEXT, 1, NULL};
    table_spec t = {0};
    briefing_json *array = NULL;
    int step = SQLITE_DONE, rc = BRIEFING_OK;

    t.table = table;
    while (rc == BRIEFING_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (++r->n_rows > RD_MAX_ROWS)
            return r->h->error(r->ctx, BRIEFING_ERR_DATA, "%s: more than %d rows", r->path, RD_MAX_ROWS);
        if (!array && !(array = src_array(r->h, obj, key)))
            return BRIEFING_ERR_NOMEM;
        rc = rd_value(r, &t, sqlite3_column_int64(st, 0), &c, st, 1, array, NULL);
    }
    if (rc == BRIEFING_OK && step != SQLITE_DONE)
        rc = rd_fail(r, table);
    sqlite3_reset(st);
    return rc;
}

/* An inspection's sub-judgements: name -> judgement, NULL for none. */
static int rd_sub_judgements(rd *r, sqlite3_int64 inspection, briefing_json *obj)
{
    static const table_spec t = {"sub_judgements", NULL, NULL, {{NULL}}, {{NULL, 0, 0, NULL}}};
    const col judgement = {"judgement", C_CLOSED, 0, JUDGEMENTS};
    briefing_json *subs = NULL;
    sqlite3_stmt *st = r->subs;
    int step = SQLITE_DONE, rc = BRIEFING_OK;

    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, inspection);
    while (rc == BRIEFING_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 rowid = sqlite3_column_int64(st, 0);
        const char *name;
        if (++r->n_rows > RD_MAX_ROWS)
            return r->h->error(r->ctx, BRIEFING_ERR_DATA, "%s: more than %d rows", r->path, RD_MAX_ROWS);
        if ((rc = rd_text(r, t.table, rowid, "name", st, 1, &name)) != 0)
            break;
        if (name == NULL)
            return rd_bad(r, t.table, rowid, "name", "empty (NULL), but a sub-judgement needs a name");
        if (!subs && !(subs = r->h->json->add_object(obj, "sub_judgements")))
            return BRIEFING_ERR_NOMEM;
        if (sqlite3_column_type(st, 2) == SQLITE_NULL)
            rc = r->h->json->add_null(subs, name) ? BRIEFING_OK : BRIEFING_ERR_NOMEM;
        else
            rc = rd_value(r, &t, rowid, &judgement, st, 2, subs, name);
    }
    if (rc == BRIEFING_OK && step != SQLITE_DONE)
        rc = rd_fail(r, t.table);
    sqlite3_reset(st);
    return rc;
}

static int rd_table(rd *r, int which, const char *council, briefing_json *parent, const char *key);

/* What a row's object gathers from other tables. */
static int rd_children(rd *r, int which, sqlite3_int64 rowid, const char *code, briefing_json *obj)
{
    const table_spec *t = &TABLES[which];
    int rc = BRIEFING_OK;

    if (which == T_COUNCILS) {
        briefing_json *comparators = NULL;
        sqlite3_reset(r->neighbours);
        sqlite3_bind_text(r->neighbours, 1, code, -1, SQLITE_STATIC);
        /* The comparators object only when there are neighbours. */
        if (sqlite3_step(r->neighbours) == SQLITE_ROW &&
            !(comparators = r->h->json->add_object(obj, "comparators")))
            return BRIEFING_ERR_NOMEM;
        sqlite3_reset(r->neighbours);
        if (comparators)
            rc = rd_strings(r, r->neighbours, "comparators", "neighbour_code", comparators,
                            "statistical_neighbours");
        for (int l = FIRST_LIST; rc == BRIEFING_OK && l < N_TABLES; l++)
            rc = rd_table(r, l, code, obj, TABLES[l].table);
        return rc;
    }
    if (t->cites) {
        sqlite3_reset(r->cites[which]);
        sqlite3_bind_int64(r->cites[which], 1, rowid);
        rc = rd_strings(r, r->cites[which], t->cites, "source_id", obj, "cites");
    }
    if (rc == BRIEFING_OK && which == T_INSPECTIONS)
        rc = rd_sub_judgements(r, rowid, obj);
    return rc;
}

/* Reads the rows of table `which` (those of one council, for a council's
 * lists) into parent's array `key`, made on first use. */
static int rd_table(rd *r, int which, const char *council, briefing_json *parent, const char *key)
{
    const table_spec *t = &TABLES[which];
    sqlite3_stmt *st = r->rows[which];
    size_t n = n_cols(t);
    briefing_json *array = NULL;
    int step = SQLITE_DONE, rc = BRIEFING_OK;

    sqlite3_reset(st);
    if (council)
        sqlite3_bind_text(st, 1, council, -1, SQLITE_STATIC);
    while (rc == BRIEFING_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 rowid = sqlite3_column_int64(st, 0);
        const char *extra;
        briefing_json *obj;
        if (++r->n_rows > RD_MAX_ROWS)
            return r->h->error(r->ctx, BRIEFING_ERR_DATA, "%s: more than %d rows", r->path, RD_MAX_ROWS);
        if (!array && !(array = src_array(r->h, parent, key)))
            return BRIEFING_ERR_NOMEM;
        if (!(obj = r->h->json->add_object(array, NULL)))
            return BRIEFING_ERR_NOMEM;
        for (size_t i = 0; rc == BRIEFING_OK && i < n; i++)
            rc = rd_value(r, t, rowid, &t->cols[i], st, (int)i + 1, obj, t->cols[i].name);
        if (rc == BRIEFING_OK)
            rc = rd_row_rules(r, t, rowid, obj);
        if (rc == BRIEFING_OK)
            rc = rd_children(r, which, rowid, r->h->json->string(r->h->json->get(obj, "code")), obj);
        if (rc == BRIEFING_OK &&
            (rc = rd_text(r, t->table, rowid, "extra", st, (int)n + 1, &extra)) == 0)
            rc = rd_extra(r, t->table, rowid, extra, obj);
    }
    if (rc == BRIEFING_OK && step != SQLITE_DONE)
        rc = rd_fail(r, t->table);
    sqlite3_reset(st);
    return rc;
}

/* ---- the file ------------------------------------------------------------------------ */

/* Prepares sql, which reads table (NULL: none in particular). */
static int rd_prepare(rd *r, const char *sql, sqlite3_stmt **out, const char *table)
{
    return sqlite3_prepare_v2(r->db, sql, -1, out, NULL) == SQLITE_OK ? BRIEFING_OK : rd_fail(r, table);
}

/* Prepares every statement the reading needs; a table or column the file
 * lacks is named here. */
static int rd_prepare_all(rd *r)
{
    char sql[600];
    int rc = BRIEFING_OK;

    for (int w = 0; rc == BRIEFING_OK && w < N_TABLES; w++) {
        const table_spec *t = &TABLES[w];
        size_t o = (size_t)snprintf(sql, sizeof sql, "SELECT rowid");
        for (size_t i = 0; i < n_cols(t); i++)
            o += (size_t)snprintf(sql + o, sizeof sql - o, ", \"%s\"", t->cols[i].name);
        snprintf(sql + o, sizeof sql - o, ", extra FROM %s%s ORDER BY rowid", t->table,
                 w >= FIRST_LIST ? " WHERE council_code = ?1" : "");
        rc = rd_prepare(r, sql, &r->rows[w], t->table);
        if (rc == BRIEFING_OK && t->cites) {
            snprintf(sql, sizeof sql,
                     "SELECT rowid, source_id FROM %s WHERE %s = ?1 ORDER BY position, rowid", t->cites,
                     t->cite_key);
            rc = rd_prepare(r, sql, &r->cites[w], t->cites);
        }
    }
    if (rc == BRIEFING_OK)
        rc = rd_prepare(r,
                        "SELECT rowid, name, judgement FROM sub_judgements WHERE inspection_id = ?1 "
                        "ORDER BY rowid",
                        &r->subs, "sub_judgements");
    if (rc == BRIEFING_OK)
        rc = rd_prepare(r,
                        "SELECT rowid, neighbour_code FROM comparators WHERE council_code = ?1 "
                        "ORDER BY position, rowid",
                        &r->neighbours, "comparators");
    if (rc == BRIEFING_OK)
        rc = rd_prepare(r, "SELECT json_type(?1)", &r->json_type, NULL);
    if (rc == BRIEFING_OK)
        rc = rd_prepare(r, "SELECT id, parent, key, type, atom FROM json_tree(?1)", &r->json_tree, NULL);
    return rc;
}

/* Refuses a file that is not a records database, saying what it is. */
static int rd_check_schema(rd *r)
{
    sqlite3_stmt *st = NULL;
    const char *schema = NULL;
    char q[80];
    int rc = sqlite3_prepare_v2(r->db, "SELECT value FROM meta WHERE key = 'schema'", -1, &st, NULL);

    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        schema = (const char *)sqlite3_column_text(st, 0);
    if (rc == SQLITE_ERROR && strcmp(sqlite3_errmsg(r->db), "no such table: meta") == 0)
        rc = r->h->error(r->ctx, BRIEFING_ERR_DATA,
                         "%s: a SQLite database, but not briefing records: it has no meta table naming "
                         "the schema %s (docs/sources.md describes it; briefing convert -o FILE.db "
                         "makes one)",
                         r->path, RECORDS_SCHEMA);
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        rc = rd_fail(r, "meta");
    else if (schema == NULL || strcmp(schema, RECORDS_SCHEMA) != 0)
        rc = r->h->error(
            r->ctx, BRIEFING_ERR_DATA,
            "%s: a SQLite database of schema %s, not %s: this program reads only that", r->path,
            schema ? quote(schema, q, sizeof q) : "(none: meta has no 'schema' row)", RECORDS_SCHEMA);
    else
        rc = BRIEFING_OK;
    sqlite3_finalize(st);
    return rc;
}

/* A reference that names no row ("a cites entry naming no source", a
 * leader of no council), found by SQLite's own check of the schema's
 * foreign keys, with the table, row and column. */
static int rd_check_keys(rd *r)
{
    static const char *const CHILDREN[] = {"comparators",
                                           "inspections",
                                           "sub_judgements",
                                           "leaders",
                                           "interventions",
                                           "metrics",
                                           "events",
                                           "inspection_cites",
                                           "leader_cites",
                                           "intervention_cites",
                                           "metric_cites",
                                           "event_cites",
                                           NULL};
    int rc = BRIEFING_OK;

    for (const char *const *t = CHILDREN; rc == BRIEFING_OK && *t; t++) {
        sqlite3_stmt *check = NULL, *column = NULL;
        char sql[200];
        snprintf(sql, sizeof sql, "PRAGMA foreign_key_check(%s)", *t);
        if ((rc = rd_prepare(r, sql, &check, *t)) != 0)
            break;
        int step = sqlite3_step(check);
        if (step == SQLITE_ROW) {
            sqlite3_int64 rowid = sqlite3_column_int64(check, 1);
            const char *name = "?";
            if (sqlite3_prepare_v2(r->db,
                                   "SELECT \"from\" FROM pragma_foreign_key_list(?1) WHERE id = ?2", -1,
                                   &column, NULL) == SQLITE_OK) {
                sqlite3_bind_text(column, 1, *t, -1, SQLITE_STATIC);
                sqlite3_bind_int64(column, 2, sqlite3_column_int64(check, 3));
                if (sqlite3_step(column) == SQLITE_ROW && sqlite3_column_text(column, 0))
                    name = (const char *)sqlite3_column_text(column, 0);
            }
            rc = rd_bad(r, *t, rowid, name, "names no row of table %s",
                        (const char *)sqlite3_column_text(check, 2));
        } else if (step != SQLITE_DONE) {
            rc = rd_fail(r, *t);
        }
        sqlite3_finalize(column);
        sqlite3_finalize(check);
    }
    return rc;
}

/* The dataset's top level: as_of, and meta's 'extra'. */
static int rd_meta(rd *r, briefing_json *dataset)
{
    static const table_spec t = {"meta", NULL, NULL, {{NULL}}, {{NULL, 0, 0, NULL}}};
    static const col as_of = {"value", C_DATE, 1, NULL};
    sqlite3_stmt *st = NULL;
    const char *extra = NULL;
    int step = SQLITE_DONE,
        rc = rd_prepare(
            r, "SELECT rowid, key, value FROM meta WHERE key IN ('as_of', 'extra') ORDER BY key", &st,
            "meta");

    while (rc == BRIEFING_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 1);
        if (strcmp(key, "as_of") == 0)
            rc = rd_value(r, &t, sqlite3_column_int64(st, 0), &as_of, st, 2, dataset, "as_of");
        else if ((rc = rd_text(r, t.table, sqlite3_column_int64(st, 0), "value", st, 2, &extra)) == 0)
            rc = rd_extra(r, t.table, sqlite3_column_int64(st, 0), extra, dataset);
    }
    if (rc == BRIEFING_OK && step != SQLITE_DONE)
        rc = rd_fail(r, "meta");
    sqlite3_finalize(st);
    return rc;
}

/* Stops a query that has run too long: a database can be made to. */
static int rd_progress(void *arg)
{
    rd *r = arg;

    return ++r->ticks > RD_MAX_TICKS;
}

/* Opens path read-only, as untrusted input. */
static int rd_open(rd *r)
{
    int rc = sqlite3_open_v2(r->path, &r->db, SQLITE_OPEN_READONLY, NULL);

    if (rc != SQLITE_OK)
        return r->db ? rd_fail(r, NULL)
                     : r->h->error(r->ctx, BRIEFING_ERR_NOMEM, "%s: out of memory", r->path);
    sqlite3_db_config(r->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    /* "name" is a column, never the string 'name' when the column is missing. */
    sqlite3_db_config(r->db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
    sqlite3_db_config(r->db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
    sqlite3_db_config(r->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_db_config(r->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
    sqlite3_db_config(r->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    sqlite3_limit(r->db, SQLITE_LIMIT_LENGTH, RD_MAX_LENGTH);
    sqlite3_progress_handler(r->db, RD_TICK, rd_progress, r);
    sqlite3_busy_timeout(r->db, 5000);
    return BRIEFING_OK;
}

static void rd_close(rd *r)
{
    for (int w = 0; w < N_TABLES; w++) {
        sqlite3_finalize(r->rows[w]);
        sqlite3_finalize(r->cites[w]);
    }
    sqlite3_finalize(r->subs);
    sqlite3_finalize(r->neighbours);
    sqlite3_finalize(r->json_type);
    sqlite3_finalize(r->json_tree);
    sqlite3_close(r->db);
}

static int sqlite_read(const briefing_host *h, briefing_ctx *ctx, const char *path,
                       briefing_json *dataset)
{
    rd r;
    int rc;

    memset(&r, 0, sizeof r);
    r.h = h;
    r.ctx = ctx;
    r.path = path;
    if ((rc = rd_open(&r)) != 0)
        goto out;
    /* One read transaction: a program writing the file meanwhile cannot
     * make the reader see half of its change. */
    if (sqlite3_exec(r.db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        rc = rd_fail(&r, NULL);
        goto out;
    }
    if ((rc = rd_check_schema(&r)) != 0 || (rc = rd_check_keys(&r)) != 0 ||
        (rc = rd_prepare_all(&r)) != 0)
        goto out;
    if ((rc = rd_meta(&r, dataset)) != 0 ||
        (rc = rd_table(&r, T_SOURCES, NULL, dataset, "sources")) != 0)
        goto out;
    rc = rd_table(&r, T_COUNCILS, NULL, dataset, "councils");
out:
    if (r.db)
        sqlite3_exec(r.db, "COMMIT", NULL, NULL, NULL);
    rd_close(&r);
    if (rc == BRIEFING_ERR_NOMEM)
        h->error(ctx, rc, "%s: out of memory", path); /* the first error recorded wins */
    return rc;
}

static int sqlite_recognise(const briefing_host *h, briefing_ctx *ctx, const char *path,
                            const unsigned char *head, size_t len)
{
    (void)h;
    (void)ctx;
    (void)path;
    /* Every SQLite file: read then refuses, with a clear message, one that
     * is not briefing records (the meta table is beyond the first bytes). */
    return len >= 16 && memcmp(head, "SQLite format 3", 16) == 0 ? 90 : 0;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SOURCE),
    .name = "sqlite",
    .version = "1.0.0",
    .description = "A council's records database (SQLite, schema briefing-records/1)",
    .recognise = sqlite_recognise,
    .read = sqlite_read,
};

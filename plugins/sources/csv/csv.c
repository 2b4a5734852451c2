/*
 * csv: a council's own spreadsheets, saved as CSV: leaders, interventions,
 * events or metrics, one row each, every row naming its council (GSS code,
 * DfE number or name).
 *
 * What a file holds is recognised from its header (the default headers of
 * docs/sources.md), or named with the option `kind`; the option `columns`
 * maps the dataset's fields to the headers a council's sheet already uses
 * ("start=Date appointed").  Dates may be YYYY-MM-DD, YYYY-MM, YYYY or
 * DD/MM/YYYY.  Every bad cell is an error naming the file, line and column.
 */
#include <string.h>

#include "../common/srcutil.h"

#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})

typedef enum field_type { F_TEXT, F_DATE, F_BOOL, F_NUMBER, F_ROLE, F_KIND, F_UNIT } field_type;

typedef struct field_spec {
    const char *key; /* the data model's field */
    field_type type;
    int required;
    const char *const *headers; /* accepted headers, the default first */
} field_spec;

#define MAX_FIELDS 10

typedef struct kind_spec {
    const char *name; /* the option `kind`, and the dataset list is name + "s"... */
    const char *list; /* the council's list this kind fills */
    field_spec fields[MAX_FIELDS];
} kind_spec;

#define K_COUNCIL NAMES("council", "council code", "code", "la code", "local authority", "la")

static const kind_spec KINDS[] = {
    {"leaders", "leaders",
     {{"role", F_ROLE, 1, NAMES("role", "post")},
      {"name", F_TEXT, 1, NAMES("name", "person")},
      {"start", F_DATE, 0, NAMES("start", "start date", "from", "appointed")},
      {"in_post_on", F_DATE, 0, NAMES("in_post_on", "in post on")},
      {"end", F_DATE, 0, NAMES("end", "end date", "to", "left")},
      {"interim", F_BOOL, 0, NAMES("interim")},
      {"note", F_TEXT, 0, NAMES("note", "notes")}}},
    {"interventions", "interventions",
     {{"kind", F_KIND, 1, NAMES("kind", "intervention", "type")},
      {"start", F_DATE, 1, NAMES("start", "start date", "from")},
      {"summary", F_TEXT, 1, NAMES("summary", "description")},
      {"end", F_DATE, 0, NAMES("end", "end date", "to")},
      {"by", F_TEXT, 0, NAMES("by", "imposed by")},
      {"partner", F_TEXT, 0, NAMES("partner")},
      {"outcome", F_TEXT, 0, NAMES("outcome")}}},
    {"events", "events",
     {{"date", F_DATE, 1, NAMES("date")},
      {"headline", F_TEXT, 1, NAMES("headline", "title", "event")},
      {"summary", F_TEXT, 0, NAMES("summary", "description", "detail")}}},
    {"metrics", "metrics",
     {{"name", F_TEXT, 1, NAMES("name", "metric", "measure")},
      {"period", F_DATE, 1, NAMES("period", "date", "as at")},
      {"value", F_NUMBER, 1, NAMES("value", "figure")},
      {"unit", F_UNIT, 0, NAMES("unit", "units")},
      {"england", F_NUMBER, 0, NAMES("england")},
      {"region", F_NUMBER, 0, NAMES("region")},
      {"comparator", F_NUMBER, 0, NAMES("comparator", "statistical neighbours")}}},
};
#define N_KINDS (sizeof KINDS / sizeof KINDS[0])

static const char *const INTERVENTION_KINDS[] = {
    "improvement_notice", "statutory_direction", "commissioner", "improvement_adviser", "trust",
    "partnership", "sector_led_support", "other", NULL};
static const char *const UNITS[] = {"count", "rate_per_10k", "percent", "gbp", NULL};

/* ---- columns ---------------------------------------------------------------- */

typedef struct layout {
    const kind_spec *kind;
    int council;
    int cols[MAX_FIELDS];
} layout;

/* The header the option `columns` maps field to ("start=Date appointed"),
 * or NULL. */
static const char *mapped(const briefing_host *h, briefing_ctx *ctx, const char *field)
{
    size_t n = h->option_count(ctx, "columns"), len = strlen(field);
    for (size_t i = 0; i < n; i++) {
        const char *item = h->option_item(ctx, "columns", i);
        if (item && strncmp(item, field, len) == 0 && item[len] == '=')
            return item + len + 1;
    }
    return NULL;
}

/* The column of a field: the mapped header if the option names one, else
 * any accepted header.  -1 when absent; -2 when a mapped header is missing. */
static int field_column(const briefing_host *h, briefing_ctx *ctx, briefing_csv *r, const char *key,
                        const char *const *headers)
{
    const char *m = mapped(h, ctx, key);
    if (m) {
        const char *const one[] = {m, NULL};
        int c = h->csv->column(r, one);
        return c >= 0 ? c : -2;
    }
    return h->csv->column(r, headers);
}

/* Fills l for kind k; returns 1 when every required column is there. */
static int try_kind(const briefing_host *h, briefing_ctx *ctx, briefing_csv *r, const kind_spec *k,
                    layout *l)
{
    int ok = 1;
    l->kind = k;
    l->council = field_column(h, ctx, r, "council", K_COUNCIL);
    ok &= l->council >= 0;
    for (int i = 0; i < MAX_FIELDS && k->fields[i].key; i++) {
        l->cols[i] = field_column(h, ctx, r, k->fields[i].key, k->fields[i].headers);
        if (k->fields[i].required || l->cols[i] == -2)
            ok &= l->cols[i] >= 0;
    }
    return ok;
}

/* Finds what the file holds; errors name what was expected. */
static int find_layout(const briefing_host *h, briefing_ctx *ctx, briefing_csv *r, layout *l)
{
    const char *want = h->option_string(ctx, "kind");
    for (size_t i = 0; i < N_KINDS; i++) {
        if (want && *want && !src_is(want, KINDS[i].name))
            continue;
        if (try_kind(h, ctx, r, &KINDS[i], l))
            return BRIEFING_OK;
        if (want && *want) { /* name the first missing column */
            if (l->council < 0)
                return h->csv->require(r, K_COUNCIL, &l->council);
            for (int f = 0; f < MAX_FIELDS && KINDS[i].fields[f].key; f++) {
                const field_spec *fs = &KINDS[i].fields[f];
                const char *m = mapped(h, ctx, fs->key);
                if (l->cols[f] == -2)
                    return h->csv->error(r, -1, "no column \"%s\", which the option columns maps to %s",
                                         m, fs->key);
                if (fs->required && l->cols[f] < 0)
                    return h->csv->require(r, fs->headers, &l->cols[f]);
            }
        }
    }
    if (want && *want)
        return h->error(ctx, BRIEFING_ERR_CONFIG,
                        "option kind: \"%s\" is not leaders, interventions, events or metrics", want);
    return h->csv->error(r, -1,
                         "not a sheet this source knows: expected the header of leaders (council, role, "
                         "name, start, end, interim), interventions (council, kind, start, summary), events "
                         "(council, date, headline) or metrics (council, name, period, value); or name the "
                         "kind and map the columns with the options kind and columns");
}

/* ---- cells ------------------------------------------------------------------- */

/* The closed value in list that text names ("Statutory direction"), or
 * NULL. */
static const char *closed_value(const char *text, const char *const *list, char *word, size_t size)
{
    size_t o = 0;
    while (*text == ' ')
        text++;
    for (; *text && o + 1 < size; text++)
        word[o++] = (*text == ' ' || *text == '-') ? '_' : (char)src_lower((unsigned char)*text);
    while (o > 0 && word[o - 1] == '_')
        o--;
    word[o] = '\0';
    for (const char *const *v = list; *v; v++)
        if (strcmp(word, *v) == 0)
            return *v;
    return NULL;
}

/* A leader's role in the data model's words; other roles as written. */
static const char *role_word(const char *text)
{
    if (src_is(text, "dcs") || src_contains(text, "director of children"))
        return "dcs";
    if (src_is(text, "chief executive") || src_is(text, "chief_executive") || src_is(text, "ceo"))
        return "chief_executive";
    if (src_is(text, "lead member") || src_is(text, "lead_member") || src_contains(text, "cabinet member"))
        return "lead_member";
    return text;
}

/* Reads one cell into obj under fs->key. */
static int read_cell(const briefing_host *h, briefing_csv *r, int col, const field_spec *fs,
                     briefing_json *obj)
{
    const briefing_json_api *j = h->json;
    const char *v = h->csv->field(r, col);
    char word[64], iso[11];
    double n;
    briefing_date d;
    if (col < 0 || !*v) {
        if (fs->required)
            return h->csv->error(r, col, "empty, but %s is needed", fs->key);
        return BRIEFING_OK;
    }
    switch (fs->type) {
    case F_TEXT:
        return j->add_string(obj, fs->key, v) ? BRIEFING_OK : BRIEFING_ERR_NOMEM;
    case F_ROLE:
        return j->add_string(obj, fs->key, role_word(v)) ? BRIEFING_OK : BRIEFING_ERR_NOMEM;
    case F_DATE:
        if (src_date(h, v, iso) == 1)
            v = iso;
        else if (!h->parse_date(v, &d)) /* YYYY-MM and YYYY as written */
            return h->csv->error(r, col, "\"%s\" is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)", v);
        return j->add_string(obj, fs->key, v) ? BRIEFING_OK : BRIEFING_ERR_NOMEM;
    case F_BOOL:
        if (src_is(v, "yes") || src_is(v, "y") || src_is(v, "true") || src_is(v, "1") || src_is(v, "interim"))
            return j->add_bool(obj, fs->key, 1) ? BRIEFING_OK : BRIEFING_ERR_NOMEM;
        if (src_is(v, "no") || src_is(v, "n") || src_is(v, "false") || src_is(v, "0") || src_is(v, "permanent"))
            return j->add_bool(obj, fs->key, 0) ? BRIEFING_OK : BRIEFING_ERR_NOMEM;
        return h->csv->error(r, col, "\"%s\" is not yes or no", v);
    case F_NUMBER: {
        int got = src_value(v, &n);
        if (got < 0)
            return h->csv->error(r, col, "\"%s\" is not a number", v);
        if (got == 0) /* suppressed: the figure is absent, never zero */
            return BRIEFING_OK;
        return j->add_number(obj, fs->key, n) ? BRIEFING_OK : BRIEFING_ERR_NOMEM;
    }
    case F_KIND:
    case F_UNIT: {
        const char *w = closed_value(v, fs->type == F_KIND ? INTERVENTION_KINDS : UNITS, word, sizeof word);
        if (!w && fs->type == F_UNIT && (src_is(v, "%") || src_is(v, "per cent")))
            w = "percent";
        if (!w && fs->type == F_UNIT && (src_contains(v, "10,000") || src_contains(v, "10000")))
            w = "rate_per_10k";
        if (!w)
            return h->csv->error(r, col, "\"%s\" is not one of %s", v,
                                 fs->type == F_KIND ? "improvement_notice, statutory_direction, commissioner, "
                                                      "improvement_adviser, trust, partnership, "
                                                      "sector_led_support, other"
                                                    : "count, rate_per_10k, percent, gbp");
        return j->add_string(obj, fs->key, w) ? BRIEFING_OK : BRIEFING_ERR_NOMEM;
    }
    }
    return BRIEFING_ERR_INTERNAL;
}

/* Reads one row into its council's list. */
static int read_row(const briefing_host *h, briefing_ctx *ctx, briefing_csv *r, const layout *l,
                    briefing_json *dataset, const char *source_id)
{
    const briefing_council_info *info;
    briefing_json *council = NULL, *list, *obj;
    int rc;
    for (int i = 0; i < MAX_FIELDS && l->kind->fields[i].key; i++) {
        double n;
        const field_spec *fs = &l->kind->fields[i];
        if (fs->type == F_NUMBER && fs->required && src_value(h->csv->field(r, l->cols[i]), &n) == 0 &&
            *h->csv->field(r, l->cols[i]))
            return BRIEFING_OK; /* a suppressed figure: no point, never zero */
    }
    if ((rc = src_row_council(h, r, l->council, -1, -1, &info)) != 0)
        return rc;
    if (!info)
        return h->csv->error(r, l->council, "\"%s\" names two councils: give one per row",
                             h->csv->field(r, l->council));
    if ((council = h->council_entry(ctx, dataset, info)) == NULL)
        return BRIEFING_ERR_NOMEM;
    if (!(list = src_array(h, council, l->kind->list)) || !(obj = h->json->add_object(list, NULL)))
        return BRIEFING_ERR_NOMEM;
    for (int i = 0; i < MAX_FIELDS && l->kind->fields[i].key; i++)
        if ((rc = read_cell(h, r, l->cols[i], &l->kind->fields[i], obj)) != 0)
            return rc;
    if (l->kind == &KINDS[0] && !h->json->get(obj, "start") && !h->json->get(obj, "in_post_on"))
        return h->csv->error(r, -1, "a leader needs a start date, or an in_post_on date on which they held the post");
    return src_cite(h, obj, source_id);
}

/* ---- the plugin ------------------------------------------------------------------- */

/* The source id for a file: "csv-" and its base name, in [a-z0-9-]. */
static void source_id(const char *path, char *id, size_t size)
{
    const char *base = strrchr(path, '/');
    size_t o = 0;
    base = base ? base + 1 : path;
    o = (size_t)snprintf(id, size, "csv-");
    for (const char *p = base; *p && o + 1 < size; p++) {
        if (strcmp(p, ".csv") == 0 || strcmp(p, ".CSV") == 0)
            break;
        int c = src_lower((unsigned char)*p);
        id[o++] = (char)(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ? c : '-');
    }
    id[o] = '\0';
}

static int csv_read(const briefing_host *h, briefing_ctx *ctx, const char *path, briefing_json *dataset)
{
    briefing_csv *r = NULL;
    layout l;
    char id[128];
    const char *title = h->option_string(ctx, "title");
    int rc;
    if ((rc = src_check_host(h, ctx)) != 0 || (rc = h->csv->open(ctx, path, &r)) != 0)
        return rc;
    if ((rc = find_layout(h, ctx, r, &l)) != 0)
        goto out;
    source_id(path, id, sizeof id);
    const char *base = strrchr(path, '/');
    if ((rc = src_add_source(h, dataset, id, title && *title ? title : base ? base + 1 : path,
                             h->option_string(ctx, "publisher"), NULL)) != 0)
        goto out;
    while ((rc = h->csv->next(r)) == 1)
        if ((rc = read_row(h, ctx, r, &l, dataset, id)) != 0)
            goto out;
out:
    h->csv->close(r);
    return rc;
}

static int csv_recognise(const briefing_host *h, briefing_ctx *ctx, const char *path,
                         const unsigned char *head, size_t len)
{
    (void)ctx;
    (void)path;
    if (!SRC_SERVED(h) || !h->header_has(head, len, "council"))
        return 0;
    for (size_t i = 0; i < N_KINDS; i++) {
        int all = 1;
        for (int f = 0; f < MAX_FIELDS && KINDS[i].fields[f].key; f++)
            if (KINDS[i].fields[f].required)
                all &= h->header_has(head, len, KINDS[i].fields[f].headers[0]);
        if (all)
            return 80;
    }
    return 10; /* a council column: perhaps ours with the options */
}

static const briefing_option OPTIONS[] = {
    {sizeof(briefing_option), "kind", BRIEFING_OPTION_STRING, NULL,
     "what the sheet holds when its header does not say: leaders, interventions, events or metrics"},
    {sizeof(briefing_option), "columns", BRIEFING_OPTION_LIST, NULL,
     "maps fields to the sheet's headers, e.g. [\"start=Date appointed\", \"council=Authority\"]"},
    {sizeof(briefing_option), "title", BRIEFING_OPTION_STRING, NULL, "the title the briefing's sources list gives the sheet"},
    {sizeof(briefing_option), "publisher", BRIEFING_OPTION_STRING, NULL, "who keeps the sheet, e.g. the council's name"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL},
};

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SOURCE),
    .name = "csv",
    .version = "1.0.0",
    .description = "A council's own sheets of leaders, interventions, events or metrics (CSV)",
    .options = OPTIONS,
    .recognise = csv_recognise,
    .read = csv_read,
};

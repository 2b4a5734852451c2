/*
 * abi.c: plugin structs read by their size, and the 1.1 layouts converted.
 *
 * Who owns what: the plugin owns what it passes; this module copies it into
 * arrays of this build's structs (zeroed first, so a field past a plugin's
 * `size` takes its default), calls the engine's own table, layout_api(),
 * and frees its copies before returning.  The engine copies again what it
 * keeps.  Errors are recorded on the document, as the engine's own are.
 */
#include "abi.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "layout.h"

/* A struct of more than this is not one a plugin built: its size was never
 * set, or the pointer is wrong. */
#define ABI_MAX_STRUCT 4096
/* Arrays longer than this are handed on unread: every engine limit is
 * lower, and the engine refuses them by their count alone. */
#define ABI_MAX_ELEMENTS 8192

/* ---- reading by size ---------------------------------------------------- */

static int abi_size_ok(briefing_doc *doc, size_t size, const char *what, size_t i)
{
    if (size >= sizeof(size_t) && size <= ABI_MAX_STRUCT)
        return BRIEFING_OK;
    return layout_refuse(doc, BRIEFING_ERR_INTERNAL,
                         "%s: element %zu has size %zu; set .size = sizeof the struct first "
                         "(briefing/version.h)", what, i + 1, size);
}

/* Copies the `size` bytes the plugin's struct covers into `out`, a zeroed
 * struct of `full` bytes of this build, and sets its size to full. */
static void abi_take(void *out, size_t full, const void *in, size_t size)
{
    size_t own = full;

    memset(out, 0, full);
    memcpy(out, in, size < full ? size : full);
    memcpy(out, &own, sizeof own);
}

/* One struct: read into *out.  BRIEFING_OK or the error recorded. */
static int abi_one(briefing_doc *doc, const void *in, void *out, size_t full, const char *what)
{
    size_t size;
    int st;

    memcpy(&size, in, sizeof size);
    if ((st = abi_size_ok(doc, size, what, 0)) != BRIEFING_OK)
        return st;
    abi_take(out, full, in, size);
    return BRIEFING_OK;
}

/* An array of n structs, stepped by its first element's size (the array
 * rule), into a new array of this build's structs; *out NULL when the
 * array is handed on unread (NULL, empty or too long for the engine). */
static int abi_array(briefing_doc *doc, const void *in, size_t n, size_t full, void **out,
                     const char *what)
{
    const unsigned char *p = in;
    unsigned char *copy;
    size_t step, i;
    int st;

    *out = NULL;
    if (in == NULL || n == 0 || n > ABI_MAX_ELEMENTS)
        return BRIEFING_OK;
    memcpy(&step, p, sizeof step);
    if ((st = abi_size_ok(doc, step, what, 0)) != BRIEFING_OK)
        return st;
    if ((copy = malloc(n * full)) == NULL)
        return layout_refuse(doc, BRIEFING_ERR_NOMEM, "%s: out of memory", what);
    for (i = 0; i < n; i++) {
        size_t size;

        memcpy(&size, p + i * step, sizeof size);
        if (size != step) {
            free(copy);
            return layout_refuse(doc, BRIEFING_ERR_INTERNAL,
                                 "%s: element %zu has size %zu, the first %zu (every element "
                                 "carries the first's size)", what, i + 1, size, step);
        }
        abi_take(copy + i * full, full, p + i * step, size);
    }
    *out = copy;
    return BRIEFING_OK;
}

/* The array the engine gets: the copy, or the plugin's own pointer when it
 * was handed on unread. */
#define ABI_PICK(copy, in) ((copy) ? (void *)(copy) : (void *)(uintptr_t)(in))

/* ---- the current table -------------------------------------------------- */

static int abi_cover(briefing_doc *doc, const briefing_cover *cover)
{
    briefing_cover c;
    int st;

    if (cover == NULL)
        return layout_api()->cover(doc, NULL);
    if ((st = abi_one(doc, cover, &c, sizeof c, "cover")) != BRIEFING_OK)
        return st;
    return layout_api()->cover(doc, &c);
}

typedef int (*abi_runs_call)(briefing_doc *doc, const briefing_run *runs, size_t n);

/* Runs read by their size, then handed to the engine's call. */
static int abi_runs(briefing_doc *doc, const briefing_run *runs, size_t n, abi_runs_call call,
                    const char *what)
{
    void *copy;
    int st;

    if ((st = abi_array(doc, runs, n, sizeof *runs, &copy, what)))
        return st;
    st = call(doc, ABI_PICK(copy, runs), n);
    free(copy);
    return st;
}

static int abi_paragraph_runs(briefing_doc *doc, const briefing_run *runs, size_t n)
{
    return abi_runs(doc, runs, n, layout_api()->paragraph_runs, "paragraph");
}

static int abi_bullet_runs(briefing_doc *doc, const briefing_run *runs, size_t n)
{
    return abi_runs(doc, runs, n, layout_api()->bullet_runs, "bullet");
}

static int abi_reference_runs(briefing_doc *doc, const briefing_run *runs, size_t n)
{
    return abi_runs(doc, runs, n, layout_api()->reference_runs, "reference");
}

static int abi_facts(briefing_doc *doc, const briefing_fact *facts, size_t n)
{
    void *copy;
    int st;

    if ((st = abi_array(doc, facts, n, sizeof *facts, &copy, "facts")))
        return st;
    st = layout_api()->facts(doc, ABI_PICK(copy, facts), n);
    free(copy);
    return st;
}

static briefing_table *abi_table_begin(briefing_doc *doc, const char *caption,
                                       const briefing_column *cols, size_t n_cols)
{
    briefing_table *t;
    void *copy;

    if (abi_array(doc, cols, n_cols, sizeof *cols, &copy, "table: columns"))
        return NULL;
    t = layout_api()->table_begin(doc, caption, ABI_PICK(copy, cols), n_cols);
    free(copy);
    return t;
}

static int abi_table_row_cells(briefing_table *t, const briefing_cell *cells)
{
    void *copy;
    int st;

    if (t == NULL)
        return BRIEFING_ERR_INTERNAL;
    if ((st = abi_array(layout_table_doc(t), cells, layout_table_columns(t), sizeof *cells, &copy,
                        "table_row_cells")))
        return st;
    st = layout_api()->table_row_cells(t, ABI_PICK(copy, cells));
    free(copy);
    return st;
}

static int abi_table_row_sparks(briefing_table *t, const char *const *cells,
                                const briefing_spark *sparks)
{
    void *copy;
    int st;

    if (t == NULL)
        return BRIEFING_ERR_INTERNAL;
    if ((st = abi_array(layout_table_doc(t), sparks, layout_table_columns(t), sizeof *sparks,
                        &copy, "table_row_sparks")))
        return st;
    st = layout_api()->table_row_sparks(t, cells, ABI_PICK(copy, sparks));
    free(copy);
    return st;
}

/* Added in 1.2: a row that says how many cells it has, refused with both
 * counts when that is not the table's width. */
static int abi_table_row_n(briefing_table *t, const char *const *cells, size_t n)
{
    size_t cols;

    if (t == NULL)
        return BRIEFING_ERR_INTERNAL;
    cols = layout_table_columns(t);
    if (n != cols)
        return layout_refuse(layout_table_doc(t), BRIEFING_ERR_INTERNAL,
                             "table_row_n: a row of %zu cells in a table of %zu columns", n, cols);
    return layout_api()->table_row(t, cells);
}

static int abi_line_chart(briefing_doc *doc, const briefing_line_chart *chart)
{
    briefing_line_chart c;
    void *copy;
    int st;

    if (chart == NULL)
        return layout_api()->line_chart(doc, NULL);
    if ((st = abi_one(doc, chart, &c, sizeof c, "line_chart")))
        return st;
    if ((st = abi_array(doc, c.series, c.n_series, sizeof *c.series, &copy, "line_chart: series")))
        return st;
    c.series = ABI_PICK(copy, c.series);
    st = layout_api()->line_chart(doc, &c);
    free(copy);
    return st;
}

static int abi_timeline(briefing_doc *doc, const briefing_timeline *chart)
{
    briefing_timeline c;
    void *copy;
    int st;

    if (chart == NULL)
        return layout_api()->timeline(doc, NULL);
    if ((st = abi_one(doc, chart, &c, sizeof c, "timeline")))
        return st;
    if ((st = abi_array(doc, c.bars, c.n_bars, sizeof *c.bars, &copy, "timeline: bars")))
        return st;
    c.bars = ABI_PICK(copy, c.bars);
    st = layout_api()->timeline(doc, &c);
    free(copy);
    return st;
}

static int abi_judgement_chart(briefing_doc *doc, const briefing_judgement_chart *chart)
{
    briefing_judgement_chart c;
    void *copy;
    int st;

    if (chart == NULL)
        return layout_api()->judgement_chart(doc, NULL);
    if ((st = abi_one(doc, chart, &c, sizeof c, "judgement_chart")))
        return st;
    if ((st = abi_array(doc, c.marks, c.n_marks, sizeof *c.marks, &copy, "judgement_chart: marks")))
        return st;
    c.marks = ABI_PICK(copy, c.marks);
    st = layout_api()->judgement_chart(doc, &c);
    free(copy);
    return st;
}

const briefing_layout_api *abi_layout(void)
{
    static briefing_layout_api api;
    static int ready;

    if (!ready) {
        api = *layout_api(); /* the calls that take no struct pass straight on */
        api.size = sizeof api;
        api.cover = abi_cover;
        api.paragraph_runs = abi_paragraph_runs;
        api.bullet_runs = abi_bullet_runs;
        api.facts = abi_facts;
        api.table_begin = abi_table_begin;
        api.table_row_cells = abi_table_row_cells;
        api.line_chart = abi_line_chart;
        api.timeline = abi_timeline;
        api.judgement_chart = abi_judgement_chart;
        api.table_row_sparks = abi_table_row_sparks;
        api.table_row_n = abi_table_row_n;
        api.reference_runs = abi_reference_runs;
        ready = 1;
    }
    return &api;
}

/* ---- ABI 1.0 and 1.1 ------------------------------------------------------
 * The layout structs as tests/data/abi-1.1/briefing/layout.h declares them:
 * the same members, without the leading size.  Never change these. */

typedef struct abi11_run {
    const char *text;
    int bold;
    int italic;
    const char *url;
} abi11_run;

typedef struct abi11_cover {
    const char *title, *subtitle, *council, *as_of, *marking, *logo, *note;
} abi11_cover;

typedef struct abi11_fact {
    const char *label, *value, *detail;
    briefing_judgement badge;
} abi11_fact;

typedef struct abi11_column {
    const char *title;
    double width_mm;
    briefing_align align;
} abi11_column;

typedef struct abi11_cell {
    const char *text;
    briefing_judgement badge;
    int bold;
} abi11_cell;

typedef struct abi11_series {
    const char *name;
    const briefing_date *x;
    const double *y;
    size_t n;
    briefing_series_style style;
} abi11_series;

typedef struct abi11_line_chart {
    const char *title, *source_note, *y_label;
    const abi11_series *series;
    size_t n_series;
    double height_mm;
} abi11_line_chart;

typedef struct abi11_bar {
    const char *lane, *label;
    briefing_date start, end;
    int tentative;
} abi11_bar;

typedef struct abi11_timeline {
    const char *title, *source_note;
    const abi11_bar *bars;
    size_t n_bars;
    const char *legend_solid, *legend_tentative;
} abi11_timeline;

typedef struct abi11_mark {
    briefing_date date;
    briefing_judgement judgement;
    const char *label;
} abi11_mark;

typedef struct abi11_judgement_chart {
    const char *title, *source_note;
    const abi11_mark *marks;
    size_t n_marks;
} abi11_judgement_chart;

/* A new array of n structs of `full` bytes, for n old elements; NULL when
 * the old array is to be handed on as it is (see abi_array). */
static void *abi11_alloc(briefing_doc *doc, const void *in, size_t n, size_t full,
                         const char *what, int *st)
{
    void *copy;

    *st = BRIEFING_OK;
    if (in == NULL || n == 0 || n > ABI_MAX_ELEMENTS)
        return NULL;
    if ((copy = calloc(n, full)) == NULL)
        *st = layout_refuse(doc, BRIEFING_ERR_NOMEM, "%s: out of memory", what);
    return copy;
}

static int abi11_cover_call(briefing_doc *doc, const briefing_cover *arg)
{
    const abi11_cover *o = (const void *)arg;
    briefing_cover c = {.size = sizeof c};

    if (o == NULL)
        return layout_api()->cover(doc, NULL);
    c.title = o->title;
    c.subtitle = o->subtitle;
    c.council = o->council;
    c.as_of = o->as_of;
    c.marking = o->marking;
    c.logo = o->logo;
    c.note = o->note;
    return layout_api()->cover(doc, &c);
}

static int abi11_runs(briefing_doc *doc, const briefing_run *arg, size_t n, int bullet)
{
    const abi11_run *o = (const void *)arg;
    const briefing_layout_api *api = layout_api();
    briefing_run *r;
    size_t i;
    int st;

    if ((r = abi11_alloc(doc, o, n, sizeof *r, bullet ? "bullet" : "paragraph", &st)) == NULL && st)
        return st;
    for (i = 0; r && i < n; i++)
        r[i] = (briefing_run){.size = sizeof *r, .text = o[i].text, .bold = o[i].bold,
                              .italic = o[i].italic, .url = o[i].url};
    st = bullet ? api->bullet_runs(doc, ABI_PICK(r, arg), n)
                : api->paragraph_runs(doc, ABI_PICK(r, arg), n);
    free(r);
    return st;
}

static int abi11_paragraph_runs(briefing_doc *doc, const briefing_run *runs, size_t n)
{
    return abi11_runs(doc, runs, n, 0);
}

static int abi11_bullet_runs(briefing_doc *doc, const briefing_run *runs, size_t n)
{
    return abi11_runs(doc, runs, n, 1);
}

static int abi11_facts(briefing_doc *doc, const briefing_fact *arg, size_t n)
{
    const abi11_fact *o = (const void *)arg;
    briefing_fact *f;
    size_t i;
    int st;

    if ((f = abi11_alloc(doc, o, n, sizeof *f, "facts", &st)) == NULL && st)
        return st;
    for (i = 0; f && i < n; i++)
        f[i] = (briefing_fact){.size = sizeof *f, .label = o[i].label, .value = o[i].value,
                               .detail = o[i].detail, .badge = o[i].badge};
    st = layout_api()->facts(doc, ABI_PICK(f, arg), n);
    free(f);
    return st;
}

static briefing_table *abi11_table_begin(briefing_doc *doc, const char *caption,
                                         const briefing_column *arg, size_t n)
{
    const abi11_column *o = (const void *)arg;
    briefing_column *c;
    briefing_table *t;
    size_t i;
    int st;

    if ((c = abi11_alloc(doc, o, n, sizeof *c, "table", &st)) == NULL && st)
        return NULL;
    for (i = 0; c && i < n; i++)
        c[i] = (briefing_column){.size = sizeof *c, .title = o[i].title,
                                 .width_mm = o[i].width_mm, .align = o[i].align};
    t = layout_api()->table_begin(doc, caption, ABI_PICK(c, arg), n);
    free(c);
    return t;
}

static int abi11_table_row_cells(briefing_table *t, const briefing_cell *arg)
{
    const abi11_cell *o = (const void *)arg;
    briefing_cell *c;
    size_t i, n;
    int st;

    if (t == NULL)
        return BRIEFING_ERR_INTERNAL;
    n = layout_table_columns(t);
    if ((c = abi11_alloc(layout_table_doc(t), o, n, sizeof *c, "table_row_cells", &st)) == NULL && st)
        return st;
    for (i = 0; c && i < n; i++)
        c[i] = (briefing_cell){.size = sizeof *c, .text = o[i].text, .badge = o[i].badge,
                               .bold = o[i].bold};
    st = layout_api()->table_row_cells(t, ABI_PICK(c, arg));
    free(c);
    return st;
}

static int abi11_line_chart_call(briefing_doc *doc, const briefing_line_chart *arg)
{
    const abi11_line_chart *o = (const void *)arg;
    briefing_line_chart c = {.size = sizeof c};
    briefing_series *s;
    size_t i;
    int st;

    if (o == NULL)
        return layout_api()->line_chart(doc, NULL);
    if ((s = abi11_alloc(doc, o->series, o->n_series, sizeof *s, "line_chart", &st)) == NULL && st)
        return st;
    for (i = 0; s && i < o->n_series; i++)
        s[i] = (briefing_series){.size = sizeof *s, .name = o->series[i].name,
                                 .x = o->series[i].x, .y = o->series[i].y, .n = o->series[i].n,
                                 .style = o->series[i].style};
    c.title = o->title;
    c.source_note = o->source_note;
    c.y_label = o->y_label;
    c.series = ABI_PICK(s, o->series);
    c.n_series = o->n_series;
    c.height_mm = o->height_mm;
    st = layout_api()->line_chart(doc, &c);
    free(s);
    return st;
}

static int abi11_timeline_call(briefing_doc *doc, const briefing_timeline *arg)
{
    const abi11_timeline *o = (const void *)arg;
    briefing_timeline c = {.size = sizeof c};
    briefing_bar *b;
    size_t i;
    int st;

    if (o == NULL)
        return layout_api()->timeline(doc, NULL);
    if ((b = abi11_alloc(doc, o->bars, o->n_bars, sizeof *b, "timeline", &st)) == NULL && st)
        return st;
    for (i = 0; b && i < o->n_bars; i++)
        b[i] = (briefing_bar){.size = sizeof *b, .lane = o->bars[i].lane, .label = o->bars[i].label,
                              .start = o->bars[i].start, .end = o->bars[i].end,
                              .tentative = o->bars[i].tentative};
    c.title = o->title;
    c.source_note = o->source_note;
    c.bars = ABI_PICK(b, o->bars);
    c.n_bars = o->n_bars;
    c.legend_solid = o->legend_solid;
    c.legend_tentative = o->legend_tentative;
    st = layout_api()->timeline(doc, &c);
    free(b);
    return st;
}

static int abi11_judgement_chart_call(briefing_doc *doc, const briefing_judgement_chart *arg)
{
    const abi11_judgement_chart *o = (const void *)arg;
    briefing_judgement_chart c = {.size = sizeof c};
    briefing_mark *m;
    size_t i;
    int st;

    if (o == NULL)
        return layout_api()->judgement_chart(doc, NULL);
    if ((m = abi11_alloc(doc, o->marks, o->n_marks, sizeof *m, "judgement_chart", &st)) == NULL && st)
        return st;
    for (i = 0; m && i < o->n_marks; i++)
        m[i] = (briefing_mark){.size = sizeof *m, .date = o->marks[i].date,
                               .judgement = o->marks[i].judgement, .label = o->marks[i].label};
    c.title = o->title;
    c.source_note = o->source_note;
    c.marks = ABI_PICK(m, o->marks);
    c.n_marks = o->n_marks;
    st = layout_api()->judgement_chart(doc, &c);
    free(m);
    return st;
}

const briefing_layout_api *abi_layout_1_1(void)
{
    static briefing_layout_api api;
    static int ready;

    if (!ready) {
        api = *abi_layout(); /* 1.2's additions stay: a 1.1 plugin cannot reach them */
        api.cover = abi11_cover_call;
        api.paragraph_runs = abi11_paragraph_runs;
        api.bullet_runs = abi11_bullet_runs;
        api.facts = abi11_facts;
        api.table_begin = abi11_table_begin;
        api.table_row_cells = abi11_table_row_cells;
        api.line_chart = abi11_line_chart_call;
        api.timeline = abi11_timeline_call;
        api.judgement_chart = abi11_judgement_chart_call;
        ready = 1;
    }
    return &api;
}

const briefing_host *abi_host(unsigned minor)
{
    static briefing_host old;
    static int ready;

    if (minor >= 2)
        return host_table();
    if (!ready) {
        old = *host_table();
        old.layout = abi_layout_1_1();
        ready = 1;
    }
    return &old;
}

/* ---- a descriptor's options ------------------------------------------------
 * The options array is the one struct a plugin fills that the host reads
 * outside the layout.  ABI 1.2's briefing_option opens with its size (the
 * array rule); an entry whose name is NULL ends it, whatever its size
 * ({0} will do).  The end entry is read at least as far as its name.
 * ABI 1.0 and 1.1's entries have no size. */

#define ABI_MAX_OPTIONS 256

typedef struct abi11_option {
    const char *name;
    briefing_option_type type;
    const char *default_value;
    const char *help;
} abi11_option;

/* The options' count, reading each entry's name as the plugin laid it out;
 * -1 with why set when the array does not end or its sizes differ. */
static long abi_options_count(const briefing_plugin *desc, size_t *step, char *why, size_t size)
{
    const unsigned char *p = (const void *)desc->options;
    long n;

    *step = sizeof(abi11_option);
    if (desc->abi_minor >= 2) {
        const char *first;

        memcpy(step, p, sizeof *step);
        memcpy(&first, p + offsetof(briefing_option, name), sizeof first);
        if (first == NULL) /* the end at once: {0} */
            return 0;
        if (*step < offsetof(briefing_option, name) + sizeof(const char *) || *step > ABI_MAX_STRUCT) {
            snprintf(why, size, "option 1 has size %zu; set .size = sizeof(briefing_option) first "
                     "(briefing/version.h)", *step);
            return -1;
        }
    }
    for (n = 0; n < ABI_MAX_OPTIONS; n++) {
        const unsigned char *e = p + (size_t)n * *step;
        const char *name;

        if (desc->abi_minor >= 2) {
            size_t own;

            memcpy(&own, e, sizeof own);
            memcpy(&name, e + offsetof(briefing_option, name), sizeof name);
            if (name == NULL) /* the end, whatever its size */
                return n;
            if (own != *step) {
                snprintf(why, size, "option %ld has size %zu, the first %zu (every option carries the "
                         "first's size)", n + 1, own, *step);
                return -1;
            }
        } else {
            memcpy(&name, e + offsetof(abi11_option, name), sizeof name);
        }
        if (name == NULL)
            return n;
    }
    snprintf(why, size, "more than %d options, or no entry with a NULL name to end them", ABI_MAX_OPTIONS);
    return -1;
}

briefing_option *abi_options(const briefing_plugin *desc, int *status, char *why, size_t size)
{
    const unsigned char *p = (const void *)desc->options;
    briefing_option *out;
    size_t step;
    long n, i;

    *status = BRIEFING_OK;
    if (p == NULL)
        return NULL;
    if ((n = abi_options_count(desc, &step, why, size)) < 0) {
        *status = BRIEFING_ERR_DATA;
        return NULL;
    }
    if ((out = calloc((size_t)n + 1, sizeof *out)) == NULL) {
        snprintf(why, size, "out of memory");
        *status = BRIEFING_ERR_NOMEM;
        return NULL;
    }
    for (i = 0; i < n; i++) {
        const unsigned char *e = p + (size_t)i * step;

        if (desc->abi_minor >= 2) {
            abi_take(&out[i], sizeof out[i], e, step);
        } else {
            abi11_option o;

            memcpy(&o, e, sizeof o);
            out[i] = (briefing_option){.size = sizeof out[i], .name = o.name, .type = o.type,
                                       .default_value = o.default_value, .help = o.help};
        }
    }
    out[n].size = sizeof out[n]; /* the end: name NULL */
    return out;
}

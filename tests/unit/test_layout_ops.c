/*
 * test_layout_ops: the layout tested on the drawing operations it emits.
 * A tap on the canvas (layout_set_tap, pdf_canvas_set_tap) records every
 * call the layout makes while it lays a document out, with no file
 * written; the tests then say what a reader would see: a heading drawn
 * before its paragraph, at the margin, in bold; a table split over pages
 * repeating its header row; a chart's series stroked in the series'
 * colour; every mark inside a structure element or an artifact.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/plugin.h>

#include "canvas.h"
#include "layout.h"

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

/* One recorded operation: the op with its strings copied. */
typedef struct rec_op {
    pdf_canvas_op op;
    char text[256];
    int level;        /* BEGIN of a heading */
    int in_artifact;  /* drawn inside an artifact */
    int depth;        /* structure elements open around it */
    int spaced;       /* TEXT: it ended with a space, left out of text (a tagged
                       * line's closing space, invisible: layout_draw_text) */
} rec_op;

typedef struct recording {
    rec_op *ops;
    size_t n, cap;
    int depth, artifact;
} recording;

static void record(void *arg, const pdf_canvas_op *op)
{
    recording *r = arg;
    rec_op *o;

    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 1024;
        r->ops = realloc(r->ops, r->cap * sizeof *r->ops);
        ck_assert_ptr_nonnull(r->ops);
    }
    o = &r->ops[r->n++];
    memset(o, 0, sizeof *o);
    o->op = *op;
    o->op.text = NULL;
    o->op.tag = NULL;
    if (op->text)
        snprintf(o->text, sizeof o->text, "%s", op->text);
    if (op->kind == PDF_OP_TEXT && o->text[0] && o->text[strlen(o->text) - 1] == ' ') {
        o->text[strlen(o->text) - 1] = '\0';
        o->spaced = 1;
    }
    if (op->kind == PDF_OP_BEGIN && op->tag) {
        o->level = op->tag->level;
        if (op->tag->alt)
            snprintf(o->text, sizeof o->text, "%.*s", (int)op->tag->alt_len, op->tag->alt);
        else if (op->tag->url)
            snprintf(o->text, sizeof o->text, "%s", op->tag->url);
    }
    if (op->kind == PDF_OP_BEGIN)
        r->depth++;
    if (op->kind == PDF_OP_END)
        r->depth--;
    if (op->kind == PDF_OP_ARTIFACT_BEGIN)
        r->artifact++;
    if (op->kind == PDF_OP_ARTIFACT_END)
        r->artifact--;
    o->in_artifact = r->artifact > 0;
    o->depth = r->depth;
}

static const briefing_layout_api *api;
static layout_config cfg;
static briefing_doc *doc;
static recording rec;

static void setup(void)
{
    diag d = {0};

    layout_config_defaults(&cfg);
    cfg.header_left = "Header text";
    cfg.footer_right = "Page {page} of {pages}";
    cfg.source_date_epoch = 1700000000;
    api = layout_api();
    doc = layout_doc_new(&cfg, &d);
    ck_assert_ptr_nonnull(doc);
    memset(&rec, 0, sizeof rec);
    layout_set_tap(doc, record, &rec);
}

static void teardown(void)
{
    layout_doc_free(doc);
    free(rec.ops);
}

/* Lays the document out (nothing saved) and checks the structure closed. */
static void draw(void)
{
    diag d = {0};

    ck_assert_int_eq(layout_write(doc, NULL, &d), BRIEFING_OK);
    ck_assert_int_eq(rec.depth, 0);
    ck_assert_int_eq(rec.artifact, 0);
}

/* The first TEXT op showing s from index from on; -1 when none. */
static long find_text(const char *s, size_t from)
{
    size_t i;

    for (i = from; i < rec.n; i++)
        if (rec.ops[i].op.kind == PDF_OP_TEXT && strcmp(rec.ops[i].text, s) == 0)
            return (long)i;
    return -1;
}

/* The last BEGIN before op i that is still open at i; -1 when none. */
static long enclosing(size_t i)
{
    int depth = 0;

    while (i-- > 0) {
        if (rec.ops[i].op.kind == PDF_OP_END)
            depth++;
        else if (rec.ops[i].op.kind == PDF_OP_BEGIN && depth-- == 0)
            return (long)i;
    }
    return -1;
}

static int near(double a, double b)
{
    return fabs(a - b) < 1e-3;
}

START_TEST(heading_before_paragraph_at_margin_in_bold)
{
    long h, p, eh, ep;
    double left = cfg.margin_left_mm * 72.0 / 25.4;

    ck_assert_int_eq(api->heading(doc, 1, "Looked-after children"), BRIEFING_OK);
    ck_assert_int_eq(api->paragraph(doc, "Fewer than last year."), BRIEFING_OK);
    draw();
    h = find_text("Looked-after children", 0);
    p = find_text("Fewer than last year.", 0);
    ck_assert_int_ge(h, 0);
    ck_assert_int_gt(p, h);
    /* tagged, each ends with a space: the structure's text keeps words apart */
    ck_assert(rec.ops[h].spaced && rec.ops[p].spaced);
    /* at the margin, heading above, in bold (face 1) at 18 pt */
    ck_assert(near(rec.ops[h].op.x, left));
    ck_assert(near(rec.ops[p].op.x, left));
    ck_assert(rec.ops[h].op.y > rec.ops[p].op.y);
    ck_assert_int_eq(rec.ops[h].op.face, 1);
    ck_assert(near(rec.ops[h].op.size, 18));
    ck_assert_int_eq(rec.ops[p].op.face, 0);
    ck_assert_int_eq(rec.ops[h].op.page, rec.ops[p].op.page);
    /* and tagged as what they are */
    eh = enclosing((size_t)h);
    ep = enclosing((size_t)p);
    ck_assert_int_ge(eh, 0);
    ck_assert_int_eq(rec.ops[eh].op.role, PDF_ROLE_HEADING);
    ck_assert_int_eq(rec.ops[eh].level, 1);
    ck_assert_int_ge(ep, 0);
    ck_assert_int_eq(rec.ops[ep].op.role, PDF_ROLE_PARAGRAPH);
}
END_TEST

START_TEST(split_table_repeats_its_header_row)
{
    briefing_column cols[] = {{.title = "Council", .align = BRIEFING_ALIGN_LEFT, 0},
                              {.title = "Measure", .align = BRIEFING_ALIGN_RIGHT, 0}};
    briefing_table *t;
    char name[32];
    const char *row[2] = {name, "12"};
    long first, again, e;
    int i;

    ck_assert_int_eq(api->heading(doc, 1, "Every council"), BRIEFING_OK);
    t = api->table_begin(doc, "Table 1: every council", cols, 2);
    ck_assert_ptr_nonnull(t);
    for (i = 0; i < 150; i++) {
        snprintf(name, sizeof name, "Council %d", i + 1);
        ck_assert_int_eq(api->table_row(t, row), BRIEFING_OK);
    }
    ck_assert_int_eq(api->table_end(t), BRIEFING_OK);
    draw();
    first = find_text("Measure", 0);
    ck_assert_int_ge(first, 0);
    again = find_text("Measure", (size_t)first + 1);
    ck_assert_msg(again > first, "the header row is drawn once only");
    ck_assert_uint_gt(rec.ops[again].op.page, rec.ops[first].op.page);
    /* the first is the table's header cell; the repeat is furniture */
    e = enclosing((size_t)first);
    ck_assert_int_eq(rec.ops[e].op.role, PDF_ROLE_HEADER_CELL);
    ck_assert(!rec.ops[first].in_artifact);
    ck_assert(rec.ops[again].in_artifact);
    /* the last row is there, after the repeated head */
    ck_assert_int_gt(find_text("Council 150", (size_t)again), again);
    /* and the table stays one element: one TABLE begun */
    for (i = 0, e = 0; (size_t)i < rec.n; i++)
        if (rec.ops[i].op.kind == PDF_OP_BEGIN && rec.ops[i].op.role == PDF_ROLE_TABLE)
            e++;
    ck_assert_int_eq(e, 1);
}
END_TEST

START_TEST(chart_series_stroked_in_its_colour)
{
    briefing_date xs[] = {{2020, 3, 31}, {2021, 3, 31}, {2022, 3, 31}, {2023, 3, 31}};
    double council[] = {61, 64, 66, 68}, england[] = {64, 65, 67, 67};
    briefing_series series[] = {
        {.name = "Norfolk", .x = xs, .y = council, .n = 4, .style = BRIEFING_SERIES_COUNCIL},
        {.name = "England", .x = xs, .y = england, .n = 4, .style = BRIEFING_SERIES_ENGLAND}};
    briefing_line_chart chart = {.title = "Looked-after children per 10,000",
                                 .series = series, .n_series = 2};
    layout_rgb c = cfg.colours.council, e = cfg.colours.england;
    size_t i;
    int council_strokes = 0, england_strokes = 0;
    long fig = -1;

    ck_assert_int_eq(api->line_chart(doc, &chart), BRIEFING_OK);
    draw();
    for (i = 0; i < rec.n; i++) {
        const pdf_canvas_op *op = &rec.ops[i].op;

        if (op->kind == PDF_OP_BEGIN && op->role == PDF_ROLE_FIGURE && fig < 0)
            fig = (long)i;
        if (op->kind != PDF_OP_STROKE)
            continue;
        if (near(op->rgb[0], c.r) && near(op->rgb[1], c.g) && near(op->rgb[2], c.b) &&
            near(op->w, 2.2))
            council_strokes++;
        if (near(op->rgb[0], e.r) && near(op->rgb[1], e.g) && near(op->rgb[2], e.b) &&
            near(op->w, 1.2))
            england_strokes++;
    }
    /* the line and its legend swatch, each in the series' colour and weight */
    ck_assert_int_ge(council_strokes, 2);
    ck_assert_int_ge(england_strokes, 2);
    /* the chart is a figure that says in words what it shows: the
     * council's values year by year, England's latest */
    ck_assert_int_ge(fig, 0);
    ck_assert_str_eq(rec.ops[fig].text, "Looked-after children per 10,000: Norfolk 2020 61, "
                                        "2021 64, 2022 66, 2023 68; England 67 in 2023.");
}
END_TEST

/* The first figure's alternative text from op i on; "" when none. */
static const char *figure_alt(size_t *i)
{
    for (; *i < rec.n; (*i)++)
        if (rec.ops[*i].op.kind == PDF_OP_BEGIN && rec.ops[*i].op.role == PDF_ROLE_FIGURE)
            return rec.ops[(*i)++].text;
    return "";
}

START_TEST(timeline_and_judgements_said_in_words)
{
    briefing_bar bars[] = {
        {.size = sizeof(briefing_bar), .lane = "Director", .label = "A. Smith",
         .start = {2015, 9, 0}, .end = {2017, 10, 0}, .tentative = 1},
        {.size = sizeof(briefing_bar), .lane = "Director", .label = "B. Jones",
         .start = {2017, 10, 0}}};
    briefing_timeline tl = {.size = sizeof tl, .title = "Who held each post", .bars = bars,
                            .n_bars = 2, .legend_solid = "permanent", .legend_tentative = "interim"};
    briefing_mark marks[] = {
        {.size = sizeof(briefing_mark), .date = {2018, 1, 19}, .judgement = BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT, .label = "SIF"},
        {.size = sizeof(briefing_mark), .date = {2023, 1, 13}, .judgement = BRIEFING_JUDGEMENT_GOOD}};
    briefing_judgement_chart jc = {.size = sizeof jc, .title = "Judgements", .marks = marks,
                                   .n_marks = 2};
    size_t i = 0;

    ck_assert_int_eq(api->heading(doc, 1, "Ofsted inspections"), BRIEFING_OK);
    ck_assert_int_eq(api->judgement_chart(doc, &jc), BRIEFING_OK);
    ck_assert_int_eq(api->timeline(doc, &tl), BRIEFING_OK);
    draw();
    /* the heading it stands under, then each judgement with its date */
    ck_assert_str_eq(figure_alt(&i), "Ofsted inspections. Judgements: Requires improvement, "
                                     "19 January 2018 (SIF); Good, 13 January 2023.");
    ck_assert_str_eq(figure_alt(&i), "Who held each post: Director: A. Smith September 2015 to "
                                     "October 2017 (interim), B. Jones October 2017 to now.");
}
END_TEST

/* A section that says its chart in its own words (ABI 1.2's alt) has
 * them used as they are. */
START_TEST(section_gives_its_own_alt)
{
    briefing_date xs[] = {{2023, 3, 31}, {2024, 3, 31}};
    double y[] = {61, 64};
    briefing_series series[] = {{.size = sizeof(briefing_series), .name = "Norfolk", .x = xs,
                                 .y = y, .n = 2, .style = BRIEFING_SERIES_COUNCIL}};
    briefing_line_chart chart = {.size = sizeof chart, .title = "Rate", .series = series,
                                 .n_series = 1, .alt = "Up from 61 to 64 in a year."};
    size_t i = 0;

    ck_assert_int_eq(api->line_chart(doc, &chart), BRIEFING_OK);
    draw();
    ck_assert_str_eq(figure_alt(&i), "Up from 61 to 64 in a year.");
}
END_TEST

START_TEST(link_is_tagged_and_clickable)
{
    briefing_run runs[] = {{.text = "See the "},
                           {.text = "report", .url = "https://example.org/r"},
                           {.text = "."}};
    long t, e;
    size_t i;
    int annot = 0;

    ck_assert_int_eq(api->paragraph_runs(doc, runs, 3), BRIEFING_OK);
    draw();
    t = find_text("report", 0);
    ck_assert_int_ge(t, 0);
    e = enclosing((size_t)t);
    ck_assert_int_eq(rec.ops[e].op.role, PDF_ROLE_LINK);
    ck_assert_str_eq(rec.ops[e].text, "https://example.org/r");
    ck_assert_int_eq(rec.ops[enclosing((size_t)e)].op.role, PDF_ROLE_PARAGRAPH);
    for (i = (size_t)t; i < rec.n && rec.ops[i].op.kind != PDF_OP_END; i++)
        if (rec.ops[i].op.kind == PDF_OP_URI_LINK &&
            strcmp(rec.ops[i].text, "https://example.org/r") == 0)
            annot = 1;
    ck_assert_msg(annot, "the link's annotation is made inside its element");
}
END_TEST

/* A list of sources: each entry a Note (its own ID in the PDF), its link
 * inside it, and drawn exactly as the same runs given as a paragraph. */
START_TEST(reference_entry_is_a_note_drawn_as_a_paragraph)
{
    briefing_run runs[] = {{.text = "[1] ", .bold = 1},
                           {.text = "Children looked after in England. DfE. "},
                           {.text = "https://example.org/cla", .url = "https://example.org/cla"}};
    long t, e, p;
    double x;

    ck_assert_int_eq(api->reference_runs(doc, runs, 3), BRIEFING_OK);
    ck_assert_int_eq(api->paragraph_runs(doc, runs, 3), BRIEFING_OK);
    draw();
    t = find_text("Children looked after in England. DfE.", 0);
    ck_assert_int_ge(t, 0);
    e = enclosing((size_t)t);
    ck_assert_int_eq(rec.ops[e].op.role, PDF_ROLE_NOTE);
    t = find_text("https://example.org/cla", 0);
    ck_assert_int_ge(t, 0);
    ck_assert_int_eq(rec.ops[enclosing((size_t)t)].op.role, PDF_ROLE_LINK);
    ck_assert_int_eq(rec.ops[enclosing((size_t)enclosing((size_t)t))].op.role, PDF_ROLE_NOTE);
    t = find_text("Children looked after in England. DfE.", 0);
    p = find_text("Children looked after in England. DfE.", (size_t)t + 1);
    ck_assert_int_ge(p, 0);
    ck_assert_int_eq(rec.ops[enclosing((size_t)p)].op.role, PDF_ROLE_PARAGRAPH);
    x = rec.ops[t].op.x;
    ck_assert_msg(near(x, rec.ops[p].op.x), "the entry starts where the paragraph does");
    ck_assert_msg(near(rec.ops[t].op.size, rec.ops[p].op.size), "the entry is body text");
}
END_TEST

/* A column whose cells name their rows: its cells are row headers (TH
 * /Scope /Row in the file), the other cells of the row TD. */
START_TEST(row_header_column_names_its_rows)
{
    briefing_column cols[2] = {{.size = sizeof cols[0], .title = "Indicator", .row_header = 1},
                               {.size = sizeof cols[0], .title = "Latest",
                                .align = BRIEFING_ALIGN_RIGHT}};
    const char *row[2] = {"Re-referrals", "17.9%"};
    briefing_table *t = api->table_begin(doc, "Indicators", cols, 2);
    long a, b;

    ck_assert_ptr_nonnull(t);
    ck_assert_int_eq(api->table_row(t, row), BRIEFING_OK);
    ck_assert_int_eq(api->table_end(t), BRIEFING_OK);
    draw();
    a = find_text("Re-referrals", 0);
    b = find_text("17.9%", 0);
    ck_assert_int_ge(a, 0);
    ck_assert_int_ge(b, 0);
    ck_assert_int_eq(rec.ops[enclosing((size_t)a)].op.role, PDF_ROLE_ROW_HEADER_CELL);
    ck_assert_int_eq(rec.ops[enclosing((size_t)b)].op.role, PDF_ROLE_CELL);
    ck_assert_int_eq(rec.ops[enclosing((size_t)enclosing((size_t)a))].op.role, PDF_ROLE_ROW);
}
END_TEST

/* A chart's title is the Caption of its Figure, its source note a Note in
 * it; the words on the axes stay the figure's own content. */
START_TEST(chart_title_is_the_figures_caption)
{
    briefing_date xs[] = {{2022, 3, 31}, {2023, 3, 31}, {2024, 3, 31}};
    double y[] = {66, 72, 68};
    briefing_series series[] = {
        {.name = "Norfolk", .x = xs, .y = y, .n = 3, .style = BRIEFING_SERIES_COUNCIL}};
    briefing_line_chart chart = {.title = "Looked-after children per 10,000",
                                 .source_note = "Source: DfE.", .series = series, .n_series = 1};
    long t, cap, note;

    ck_assert_int_eq(api->line_chart(doc, &chart), BRIEFING_OK);
    draw();
    t = find_text("Looked-after children per 10,000", 0);
    ck_assert_int_ge(t, 0);
    cap = enclosing((size_t)t);
    ck_assert_int_eq(rec.ops[cap].op.role, PDF_ROLE_CAPTION);
    ck_assert_int_eq(rec.ops[enclosing((size_t)cap)].op.role, PDF_ROLE_FIGURE);
    t = find_text("Source: DfE.", 0);
    ck_assert_int_ge(t, 0);
    note = enclosing((size_t)t);
    ck_assert_int_eq(rec.ops[note].op.role, PDF_ROLE_NOTE);
    ck_assert_int_eq(rec.ops[enclosing((size_t)note)].op.role, PDF_ROLE_FIGURE);
    t = find_text("Norfolk", 0);
    ck_assert_int_ge(t, 0);
    ck_assert_int_eq(rec.ops[enclosing((size_t)t)].op.role, PDF_ROLE_FIGURE);
}
END_TEST

START_TEST(every_mark_is_content_or_artifact)
{
    size_t i;
    long footer = -1, e;

    ck_assert_int_eq(api->heading(doc, 1, "Inspections"), BRIEFING_OK);
    ck_assert_int_eq(api->badge(doc, BRIEFING_JUDGEMENT_GOOD, "Overall effectiveness"),
                     BRIEFING_OK);
    ck_assert_int_eq(api->bullet(doc, "One"), BRIEFING_OK);
    ck_assert_int_eq(api->bullet(doc, "Two"), BRIEFING_OK);
    ck_assert_int_eq(api->note(doc, "Source: Ofsted."), BRIEFING_OK);
    draw();
    for (i = 0; i < rec.n; i++) {
        const rec_op *o = &rec.ops[i];

        if (o->op.kind == PDF_OP_TEXT || o->op.kind == PDF_OP_FILL ||
            o->op.kind == PDF_OP_STROKE || o->op.kind == PDF_OP_IMAGE)
            ck_assert_msg(o->in_artifact || o->depth > 0, "op %zu (kind %d, %s) is untagged", i,
                          (int)o->op.kind, o->text);
        if (o->op.kind == PDF_OP_TEXT && strcmp(o->text, "Page 1 of 1") == 0)
            footer = (long)i;
    }
    ck_assert_int_ge(footer, 0);
    ck_assert(rec.ops[footer].in_artifact);
    /* a bullet's text is the body of its list item, the bullet its label */
    e = enclosing((size_t)find_text("Two", 0));
    ck_assert_int_eq(rec.ops[e].op.role, PDF_ROLE_ITEM_BODY);
    ck_assert_int_eq(rec.ops[enclosing((size_t)e)].op.role, PDF_ROLE_ITEM);
    ck_assert_int_eq(rec.ops[enclosing((size_t)find_text("\x95", 0))].op.role, PDF_ROLE_LABEL);
}
END_TEST

START_TEST(cover_and_contents_are_tagged_and_linked)
{
    briefing_cover cover = {.title = "Briefing",
                            .council = "Norfolk County Council", .as_of = "1 June 2024",
                            .marking = "OFFICIAL", .note = "Prepared from published reports."};
    diag d = {0};
    long entry, e;
    size_t i;
    int toc = 0, links = 0;

    layout_doc_free(doc);
    cfg.toc = 1;
    doc = layout_doc_new(&cfg, &d);
    ck_assert_ptr_nonnull(doc);
    layout_set_tap(doc, record, &rec);
    ck_assert_int_eq(api->cover(doc, &cover), BRIEFING_OK);
    ck_assert_int_eq(api->heading(doc, 1, "At a glance"), BRIEFING_OK);
    ck_assert_int_eq(api->page_break(doc), BRIEFING_OK);
    ck_assert_int_eq(api->heading(doc, 1, "Inspections"), BRIEFING_OK);
    ck_assert_int_eq(api->paragraph(doc, "Three inspections since 2013."), BRIEFING_OK);
    draw();
    /* the cover's title is a level-1 heading on page 1 */
    e = enclosing((size_t)find_text("Briefing", 0));
    ck_assert_int_eq(rec.ops[e].op.role, PDF_ROLE_HEADING);
    ck_assert_uint_eq(rec.ops[e].op.page, 0);
    /* the contents (page 2) list "Inspections" as an entry linking to its page */
    entry = find_text("Inspections", (size_t)find_text("Contents", 0));
    ck_assert_int_ge(entry, 0);
    ck_assert_uint_eq(rec.ops[entry].op.page, 1);
    e = enclosing((size_t)entry);
    ck_assert_int_eq(rec.ops[e].op.role, PDF_ROLE_LINK);
    ck_assert_int_eq(rec.ops[enclosing((size_t)e)].op.role, PDF_ROLE_TOC_ITEM);
    for (i = 0; i < rec.n; i++) {
        if (rec.ops[i].op.kind == PDF_OP_BEGIN && rec.ops[i].op.role == PDF_ROLE_TOC)
            toc++;
        if (rec.ops[i].op.kind == PDF_OP_PAGE_LINK)
            links++;
    }
    ck_assert_int_eq(toc, 1);
    ck_assert_int_eq(links, 2);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("layout_ops");
    TCase *tc = tcase_create("ops");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, heading_before_paragraph_at_margin_in_bold);
    tcase_add_test(tc, split_table_repeats_its_header_row);
    tcase_add_test(tc, chart_series_stroked_in_its_colour);
    tcase_add_test(tc, timeline_and_judgements_said_in_words);
    tcase_add_test(tc, section_gives_its_own_alt);
    tcase_add_test(tc, link_is_tagged_and_clickable);
    tcase_add_test(tc, reference_entry_is_a_note_drawn_as_a_paragraph);
    tcase_add_test(tc, row_header_column_names_its_rows);
    tcase_add_test(tc, chart_title_is_the_figures_caption);
    tcase_add_test(tc, every_mark_is_content_or_artifact);
    tcase_add_test(tc, cover_and_contents_are_tagged_and_linked);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

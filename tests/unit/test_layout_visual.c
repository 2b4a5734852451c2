/*
 * test_layout_visual: what a reader would see as wrong on the page, checked
 * on the words' boxes (pdftotext -bbox): labels of crowded charts that
 * overlap or are cut short, small tables split from their heading.
 *
 * Set LAYOUT_KEEP=1 to keep the PDFs for a look.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <briefing/plugin.h>

#include "layout.h"
#include "test_util.h"

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

static char tmpdir[256];
static const briefing_layout_api *api;

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_layout_visual.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[512];

    if (getenv("LAYOUT_KEEP")) {
        fprintf(stderr, "kept %s\n", tmpdir);
        return;
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmpdir);
}

static briefing_doc *new_doc(void)
{
    layout_config cfg;
    diag d = {0};
    briefing_doc *doc;

    layout_config_defaults(&cfg);
    cfg.footer_right = "Page {page} of {pages}";
    cfg.time_from = (briefing_date){2010, 1, 1};
    cfg.time_to = (briefing_date){2024, 12, 31};
    cfg.as_of = (briefing_date){2024, 6, 1};
    cfg.source_date_epoch = 1717200000;
    doc = layout_doc_new(&cfg, &d);
    ck_assert_msg(doc != NULL, "%s", d.text);
    return doc;
}

/* Writes doc to tmpdir/name; returns the path (static). */
static const char *write_doc(briefing_doc *doc, const char *name)
{
    static char path[300];
    diag d = {0};

    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    ck_assert_msg(layout_write(doc, path, &d) == BRIEFING_OK, "%s", d.text);
    return path;
}

/* A word and its box on its page (y down from the top). */
typedef struct word {
    int page;
    double x0, y0, x1, y1;
    char text[64];
} word;

/* The words of a PDF, from pdftotext -bbox; *n of them (free the array). */
static word *words_of(const char *path, size_t *n)
{
    char cmd[400], line[1024];
    size_t cap = 256;
    word *v = malloc(cap * sizeof *v);
    int page = 0;
    FILE *p;

    snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' - 2>/dev/null", path);
    p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    *n = 0;
    while (fgets(line, sizeof line, p)) {
        const char *s = line + strspn(line, " ");
        word w;
        int end;

        if (strncmp(s, "<page ", 6) == 0)
            page++;
        if (sscanf(s, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">%n", &w.x0, &w.y0,
                   &w.x1, &w.y1, &end) != 4)
            continue;
        snprintf(w.text, sizeof w.text, "%.*s", (int)strcspn(s + end, "<"), s + end);
        w.page = page;
        if (*n == cap)
            v = realloc(v, (cap *= 2) * sizeof *v);
        v[(*n)++] = w;
    }
    pclose(p);
    return v;
}

/* No two words on a page overlap. */
static void assert_no_overlaps(const char *path)
{
    size_t n, i, j;
    word *v = words_of(path, &n);

    ck_assert_uint_gt(n, 0);
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            const word *a = &v[i], *b = &v[j];
            double dx = fmin(a->x1, b->x1) - fmax(a->x0, b->x0);
            double dy = fmin(a->y1, b->y1) - fmax(a->y0, b->y0);

            ck_assert_msg(a->page != b->page || dx <= 0.5 || dy <= 1.0,
                          "page %d: \"%s\" and \"%s\" overlap", a->page, a->text, b->text);
        }
    free(v);
}

/* The text of the PDF, white space folded (free it). */
static char *text_of(const char *path)
{
    char cmd[400];
    FILE *p;
    size_t n = 0, cap = 1 << 16;
    char *out = malloc(cap);
    int c, space = 0;

    snprintf(cmd, sizeof cmd, "pdftotext '%s' - 2>/dev/null", path);
    p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    while ((c = fgetc(p)) != EOF && n + 2 < cap) {
        if (c == ' ' || c == '\n' || c == '\f') {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = 0;
        out[n++] = (char)c;
    }
    out[n] = '\0';
    pclose(p);
    return out;
}

/* Twelve one-month interim tenures and a few long ones in one lane: every
 * name is drawn whole somewhere (on or beside its bar, on a label row, or
 * named in the note under the chart), and nothing overlaps. */
START_TEST(test_crowded_timeline)
{
    static const char *names[] = {"Alexandra Fotheringham", "Bo Li", "Catherine Montgomery-Smythe",
                                  "Dev Patel", "Eleanor Whitworth", "Fatima Rahman",
                                  "George Nobbs", "Harriet Quayle", "Ian Cooper", "Jo Ng",
                                  "Kieran O'Sullivan", "Lucy Featherstonehaugh"};
    briefing_bar bars[14];
    briefing_timeline tl = {sizeof(briefing_timeline), "Who held each post", "Source: test", bars, 14, "permanent", "interim", NULL};
    briefing_doc *doc = new_doc();
    const char *path;
    char *text;
    size_t i;

    for (i = 0; i < 12; i++)
        bars[i] = (briefing_bar){sizeof(briefing_bar), "Director of children\xe2\x80\x99s services", names[i],
                                 {2016, (int)i + 1, 1}, {2016, (int)i + 1, 28}, (int)(i % 2)};
    bars[12] = (briefing_bar){sizeof(briefing_bar), "Director of children\xe2\x80\x99s services", "Long Before",
                              {2010, 1, 1}, {2015, 12, 31}, 0};
    bars[13] = (briefing_bar){sizeof(briefing_bar), "Director of children\xe2\x80\x99s services", "Long After",
                              {2017, 1, 1}, {0, 0, 0}, 0};
    ck_assert_int_eq(api->heading(doc, 1, "Leadership"), BRIEFING_OK);
    ck_assert_int_eq(api->timeline(doc, &tl), BRIEFING_OK);
    path = write_doc(doc, "timeline.pdf");
    assert_no_overlaps(path);
    text = text_of(path);
    for (i = 0; i < 12; i++)
        ck_assert_msg(strstr(text, names[i]) != NULL, "\"%s\" is not drawn whole", names[i]);
    ck_assert_msg(strstr(text, "\xe2\x80\xa6") == NULL, "a name was cut short: %s", text);
    free(text);
    layout_doc_free(doc);
}
END_TEST

/* Ten inspections within two years: the labels never overlap, whatever
 * the engine had to leave out. */
START_TEST(test_crowded_judgements)
{
    briefing_mark marks[10];
    briefing_judgement_chart jc = {sizeof(briefing_judgement_chart), "Judgements over time", "Source: test", marks, 10, NULL};
    briefing_doc *doc = new_doc();
    size_t i;

    for (i = 0; i < 10; i++)
        marks[i] = (briefing_mark){sizeof(briefing_mark), {2013 + (int)i / 5, 1 + (int)(i % 5) * 2, 10},
                                   (briefing_judgement)(i % 6), i % 3 ? "ILACS" : "SIF"};
    ck_assert_int_eq(api->judgement_chart(doc, &jc), BRIEFING_OK);
    assert_no_overlaps(write_doc(doc, "judgements.pdf"));
    layout_doc_free(doc);
}
END_TEST

/* The page a word is first found on, 0 when it is not. */
static int page_of(const word *v, size_t n, const char *text)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(v[i].text, text) == 0)
            return v[i].page;
    return 0;
}

/* A heading and a table of six rows, after filler that brings them to
 * every height of the page in turn: the table is never split, and never
 * parted from its heading. */
START_TEST(test_small_table_kept_whole)
{
    briefing_column cols[] = {{sizeof(briefing_column), "Name", 0, BRIEFING_ALIGN_LEFT, 0}, {sizeof(briefing_column), "Notes", 0, BRIEFING_ALIGN_LEFT, 0}};
    int filler;

    for (filler = 30; filler < 60; filler++) {
        briefing_doc *doc = new_doc();
        briefing_table *t;
        word *v;
        size_t n;
        int i, page;

        for (i = 0; i < filler; i++)
            ck_assert_int_eq(api->paragraph(doc, "Filler line."), BRIEFING_OK);
        ck_assert_int_eq(api->heading(doc, 2, "Lead member"), BRIEFING_OK);
        t = api->table_begin(doc, NULL, cols, 2);
        for (i = 0; i < 6; i++) {
            char name[16];
            const char *cells[2] = {name, "Cabinet member for children's services, reported in "
                                          "the role in June and July 2013."};

            snprintf(name, sizeof name, "Row%d", i + 1);
            ck_assert_int_eq(api->table_row(t, cells), BRIEFING_OK);
        }
        ck_assert_int_eq(api->table_end(t), BRIEFING_OK);
        v = words_of(write_doc(doc, "small.pdf"), &n);
        page = page_of(v, n, "Lead");
        ck_assert_int_gt(page, 0);
        for (i = 0; i < 6; i++) {
            char name[16];

            snprintf(name, sizeof name, "Row%d", i + 1);
            ck_assert_msg(page_of(v, n, name) == page, "after %d lines: %s on page %d, heading on %d",
                          filler, name, page_of(v, n, name), page);
        }
        ck_assert_int_eq(page_of(v, n, "(continued)"), 0);
        free(v);
        layout_doc_free(doc);
    }
}
END_TEST

/* A group kept together that opens with a heading (whose space above is
 * the largest), at every height of the page: never split. */
START_TEST(test_keep_together_with_heading)
{
    briefing_column cols[] = {{sizeof(briefing_column), "Measure", 0, BRIEFING_ALIGN_LEFT, 0}, {sizeof(briefing_column), "Value", 0, BRIEFING_ALIGN_RIGHT, 0}};
    const char *cells[2] = {"Social worker turnover", "15.9%"};
    int filler;

    for (filler = 30; filler < 60; filler++) {
        briefing_doc *doc = new_doc();
        briefing_table *t;
        word *v;
        size_t n;
        int i;

        for (i = 0; i < filler; i++)
            ck_assert_int_eq(api->paragraph(doc, "Filler line."), BRIEFING_OK);
        ck_assert_int_eq(api->keep_together(doc, 1), BRIEFING_OK);
        ck_assert_int_eq(api->heading(doc, 1, "Workforce"), BRIEFING_OK);
        t = api->table_begin(doc, NULL, cols, 2);
        for (i = 0; i < 4; i++)
            ck_assert_int_eq(api->table_row(t, cells), BRIEFING_OK);
        ck_assert_int_eq(api->table_end(t), BRIEFING_OK);
        ck_assert_int_eq(api->note(doc, "Footnote to the table."), BRIEFING_OK);
        ck_assert_int_eq(api->keep_together(doc, 0), BRIEFING_OK);
        v = words_of(write_doc(doc, "keep.pdf"), &n);
        ck_assert_msg(page_of(v, n, "Workforce") == page_of(v, n, "Footnote"),
                      "after %d lines: the heading on page %d, the note on page %d", filler,
                      page_of(v, n, "Workforce"), page_of(v, n, "Footnote"));
        free(v);
        layout_doc_free(doc);
    }
}
END_TEST

/* A section with one line to say does not get a page of its own, even
 * when it asks to start one; a long section still does. */
START_TEST(test_short_section_shares_page)
{
    briefing_doc *doc = new_doc();
    word *v;
    size_t n;
    int i;

    ck_assert_int_eq(api->heading(doc, 1, "Inspections"), BRIEFING_OK);
    for (i = 0; i < 20; i++)
        ck_assert_int_eq(api->paragraph(doc, "A line about inspections."), BRIEFING_OK);
    ck_assert_int_eq(api->page_break(doc), BRIEFING_OK);
    ck_assert_int_eq(api->heading(doc, 1, "Leadership"), BRIEFING_OK);
    ck_assert_int_eq(api->paragraph(doc, "No leaders recorded."), BRIEFING_OK);
    ck_assert_int_eq(api->page_break(doc), BRIEFING_OK);
    ck_assert_int_eq(api->heading(doc, 1, "Interventions"), BRIEFING_OK);
    for (i = 0; i < 30; i++)
        ck_assert_int_eq(api->paragraph(doc, "A line about interventions."), BRIEFING_OK);
    ck_assert_int_eq(api->page_break(doc), BRIEFING_OK);
    ck_assert_int_eq(api->heading(doc, 1, "Sources"), BRIEFING_OK);
    for (i = 0; i < 20; i++)
        ck_assert_int_eq(api->paragraph(doc, "A source."), BRIEFING_OK);
    v = words_of(write_doc(doc, "short.pdf"), &n);
    ck_assert_int_eq(page_of(v, n, "Leadership"), 1);
    ck_assert_int_eq(page_of(v, n, "Interventions"), 2);
    ck_assert_int_eq(page_of(v, n, "Sources"), 3);
    free(v);
    layout_doc_free(doc);
}
END_TEST

/* A note right under a table is its footnote: at every height of the
 * page, the note shares the page of the table's last row, and the heading
 * stays with the table. */
START_TEST(test_table_note_together)
{
    briefing_column cols[] = {{sizeof(briefing_column), "Area", 0, BRIEFING_ALIGN_LEFT, 0}, {sizeof(briefing_column), "2023", 0, BRIEFING_ALIGN_LEFT, 0}};
    int filler;

    for (filler = 20; filler < 60; filler += 2) {
        briefing_doc *doc = new_doc();
        briefing_table *t;
        word *v;
        size_t n;
        int i;

        for (i = 0; i < filler; i++)
            ck_assert_int_eq(api->paragraph(doc, "Filler line."), BRIEFING_OK);
        ck_assert_int_eq(api->heading(doc, 2, "Judgements by area"), BRIEFING_OK);
        t = api->table_begin(doc, NULL, cols, 2);
        for (i = 0; i < 9; i++) {
            char area[16];
            briefing_cell cells[2] = {{sizeof(briefing_cell), area, 0, 0}, {sizeof(briefing_cell), NULL, BRIEFING_JUDGEMENT_GOOD, 0}};

            snprintf(area, sizeof area, "Area%d", i + 1);
            ck_assert_int_eq(api->table_row_cells(t, cells), BRIEFING_OK);
        }
        ck_assert_int_eq(api->table_end(t), BRIEFING_OK);
        ck_assert_int_eq(api->note(doc, "Footnote: not judged at that inspection."), BRIEFING_OK);
        v = words_of(write_doc(doc, "note.pdf"), &n);
        ck_assert_msg(page_of(v, n, "Area9") == page_of(v, n, "Footnote:"),
                      "after %d lines: the last row on page %d, the note on page %d", filler,
                      page_of(v, n, "Area9"), page_of(v, n, "Footnote:"));
        ck_assert_msg(page_of(v, n, "Judgements") == page_of(v, n, "Area1"),
                      "after %d lines: the heading left behind", filler);
        free(v);
        layout_doc_free(doc);
    }
}
END_TEST

/* A table with no caption that runs onto another page is named there by
 * the heading it stands under: "Director of children's services
 * (continued)", not a bare "(continued)". */
START_TEST(test_continued_names_heading)
{
    briefing_column cols[] = {{sizeof(briefing_column), "Name", 0, BRIEFING_ALIGN_LEFT, 0}, {sizeof(briefing_column), "Notes", 0, BRIEFING_ALIGN_LEFT, 0}};
    const char *cells[2] = {"Someone", "Interim director for a few months."};
    briefing_doc *doc = new_doc();
    briefing_table *t;
    char *text;
    int i;

    ck_assert_int_eq(api->heading(doc, 2, "Director of children's services"), BRIEFING_OK);
    ck_assert_int_eq(api->paragraph(doc, "Everyone in post since 2005."), BRIEFING_OK);
    t = api->table_begin(doc, NULL, cols, 2);
    for (i = 0; i < 80; i++)
        ck_assert_int_eq(api->table_row(t, cells), BRIEFING_OK);
    ck_assert_int_eq(api->table_end(t), BRIEFING_OK);
    text = text_of(write_doc(doc, "continued.pdf"));
    ck_assert_msg(strstr(text, "Director of children's services (continued)") != NULL, "%s", text);
    free(text);
    layout_doc_free(doc);
}
END_TEST

static Suite *visual_suite(void)
{
    Suite *s = suite_create("layout_visual");
    TCase *tc = tcase_create("pages");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_crowded_timeline);
    tcase_add_test(tc, test_crowded_judgements);
    tcase_add_test(tc, test_small_table_kept_whole);
    tcase_add_test(tc, test_keep_together_with_heading);
    tcase_add_test(tc, test_short_section_shares_page);
    tcase_add_test(tc, test_continued_names_heading);
    tcase_add_test(tc, test_table_note_together);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    api = layout_api();
    return test_run(visual_suite(), CK_FORK);
}

/*
 * test_layout: the layout engine end to end.  Builds documents through the
 * public briefing_layout_api, writes them, and checks the PDF with qpdf and
 * poppler as a reader would: text present, fonts embedded, nothing outside
 * the page, the same bytes twice.
 *
 * Set LAYOUT_SAMPLE=path.pdf to keep the sample document for a look.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <briefing/plugin.h>
#include <briefing/version.h>

#include "layout.h"
#include "test_util.h"

static char tmpdir[256];

/* fontconfig leaks a little while parsing its own configuration (inside
 * libfontconfig and expat, nothing we hold); keep LeakSanitizer quiet
 * about that one library under the sanitizer builds. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

typedef struct warnings {
    int n;
    char text[4096];
} warnings;

static void collect_warning(void *arg, const char *message)
{
    warnings *w = arg;

    w->n++;
    strncat(w->text, message, sizeof w->text - strlen(w->text) - 2);
    strcat(w->text, "\n");
}

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_layout.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[512];

    if (getenv("LAYOUT_KEEP")) { /* for a look at the files */
        fprintf(stderr, "kept %s\n", tmpdir);
        return;
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmpdir);
}

static void config(layout_config *cfg, warnings *w)
{
    layout_config_defaults(cfg);
    cfg->header_left = "Norfolk County Council";
    cfg->header_right = "Children\xe2\x80\x99s services briefing";
    cfg->footer_left = "OFFICIAL";
    cfg->footer_centre = "As of 1 June 2024";
    cfg->footer_right = "Page {page} of {pages}";
    cfg->title = "Children\xe2\x80\x99s services briefing: Norfolk";
    cfg->author = "Norfolk County Council";
    cfg->subject = "Briefing for councillors";
    cfg->keywords = "children's services, Ofsted";
    cfg->time_from = (briefing_date){2010, 1, 1};
    cfg->time_to = (briefing_date){2024, 12, 31};
    cfg->as_of = (briefing_date){2024, 6, 1};
    cfg->source_date_epoch = 1717200000;
    cfg->warn = collect_warning;
    cfg->warn_arg = w;
}

/* Runs a command and returns its standard output (free it). */
static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    size_t n = 0, cap = 1 << 16;
    char *out = malloc(cap);
    size_t got;

    ck_assert_ptr_nonnull(p);
    while ((got = fread(out + n, 1, cap - n - 1, p)) > 0) {
        n += got;
        if (n + 1 == cap) {
            cap *= 2;
            out = realloc(out, cap);
        }
    }
    out[n] = '\0';
    pclose(p);
    return out;
}

/* The whole text of the PDF as pdftotext gives it, with lines joined. */
static char *pdf_text(const char *path)
{
    char cmd[600];

    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>/dev/null", path);
    return run(cmd);
}

static void assert_valid_pdf(const char *path)
{
    char cmd[600], *out;

    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1; echo $?", path);
    out = run(cmd);
    ck_assert_msg(atoi(out) == 0, "qpdf --check fails on %s", path);
    free(out);
    /* Every font embedded: pdffonts' emb column says yes. */
    snprintf(cmd, sizeof cmd, "pdffonts '%s' 2>/dev/null | awk 'NR>2 && $(NF-4)!=\"yes\"' | wc -l", path);
    out = run(cmd);
    ck_assert_msg(atoi(out) == 0, "a font is not embedded in %s", path);
    free(out);
}

/* Checks with pdftotext -bbox that every word lies inside the page with
 * a margin of at least min_mm all round. */
static void assert_words_inside(const char *path, double min_mm)
{
    char cmd[600], *out, *p, *save;
    double pw = 0, ph = 0, lim = min_mm * 72 / 25.4;
    int words = 0;

    snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' - 2>/dev/null", path);
    out = run(cmd);
    /* One element a line; sscanf on each line alone (on the whole text
     * it would measure the rest of it every time). */
    for (p = strtok_r(out, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
        double x0, y0, x1, y1;

        p += strspn(p, " ");
        if (sscanf(p, "<page width=\"%lf\" height=\"%lf\"", &pw, &ph) == 2)
            continue;
        if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0, &x1,
                   &y1) == 4) {
            words++;
            ck_assert_msg(x0 >= lim - 0.5 && x1 <= pw - lim + 0.5 && y0 >= lim - 0.5 &&
                              y1 <= ph - lim + 0.5,
                          "a word lies outside the page's margins: %.60s", p);
        }
    }
    ck_assert_int_gt(words, 0);
    free(out);
}

static const briefing_layout_api *api;

/* A document with every kind of block. */
static void build_sample(briefing_doc *doc)
{
    briefing_cover cover = {sizeof(briefing_cover), "Children\xe2\x80\x99s services briefing",
                            "Pack for the children\xe2\x80\x99s services committee",
                            "Norfolk County Council", "1 June 2024", "OFFICIAL", NULL,
                            "Prepared from published Ofsted reports and DfE statistics. "
                            "Figures are the latest published at the date above."};
    briefing_fact facts[] = {
        {sizeof(briefing_fact), "Current Ofsted judgement", NULL, "published 13 January 2023", BRIEFING_JUDGEMENT_GOOD},
        {sizeof(briefing_fact), "Intervention", "None in force", "improvement notice lifted 2019", BRIEFING_JUDGEMENT_NONE},
        {sizeof(briefing_fact), "Director of children\xe2\x80\x99s services", "Sara Tough", "since April 2019",
         BRIEFING_JUDGEMENT_NONE},
        {sizeof(briefing_fact), "DCSs in four years", "2", "none interim", BRIEFING_JUDGEMENT_NONE},
        {sizeof(briefing_fact), "Looked-after children", "1,151", "rate 67 per 10,000; England 71",
         BRIEFING_JUDGEMENT_NONE},
    };
    briefing_run runs[] = {
        {sizeof(briefing_run), "Ofsted judged the council\xe2\x80\x99s services for children ", 0, 0, NULL},
        {sizeof(briefing_run), "good", 1, 0, NULL},
        {sizeof(briefing_run), " in January 2023, after ", 0, 0, NULL},
        {sizeof(briefing_run), "requires improvement", 0, 1, NULL},
        {sizeof(briefing_run), " in 2018. The full report is on the ", 0, 0, NULL},
        {sizeof(briefing_run), "Ofsted website", 0, 0, "https://reports.ofsted.gov.uk/provider/44/80516"},
        {sizeof(briefing_run), ". Spending rose by \xc2\xa3" "12.4 million \xe2\x80\x94 about 9% \xe2\x80\x94 "
         "over the year.", 0, 0, NULL},
    };
    briefing_column cols[] = {{sizeof(briefing_column), "Published", 0, BRIEFING_ALIGN_LEFT, 0},
                              {sizeof(briefing_column), "Inspection", 0, BRIEFING_ALIGN_LEFT, 0},
                              {sizeof(briefing_column), "Judgement", 0, BRIEFING_ALIGN_LEFT, 0},
                              {sizeof(briefing_column), "Children looked after", 0, BRIEFING_ALIGN_RIGHT, 0}};
    briefing_date xs[] = {{2018, 3, 31}, {2019, 3, 31}, {2020, 3, 31}, {2021, 3, 31},
                          {2022, 3, 31}, {2023, 3, 31}};
    double council[] = {61, 64, 66, NAN, 68, 67}, england[] = {64, 65, 67, 67, 70, 71},
           neighbours[] = {58, 60, 63, 64, 66, 66};
    briefing_series series[] = {
        {sizeof(briefing_series), "Norfolk", xs, council, 6, BRIEFING_SERIES_COUNCIL},
        {sizeof(briefing_series), "England", xs, england, 6, BRIEFING_SERIES_ENGLAND},
        {sizeof(briefing_series), "Statistical neighbours", xs, neighbours, 6, BRIEFING_SERIES_COMPARATOR}};
    briefing_line_chart chart = {sizeof(briefing_line_chart), "Looked-after children per 10,000 children",
                                 "Source: DfE, Children looked after in England, 2023 [3]",
                                 "per 10,000 children", series, 3, 0, NULL};
    briefing_bar bars[] = {
        {sizeof(briefing_bar), "Director of children\xe2\x80\x99s services", "Lisa Christensen", {2011, 9, 1}, {2013, 6, 30}, 0},
        {sizeof(briefing_bar), "Director of children\xe2\x80\x99s services", "Sheila Lock", {2013, 7, 1}, {2014, 3, 1}, 1},
        {sizeof(briefing_bar), "Director of children\xe2\x80\x99s services", "Michael Rosen", {2014, 3, 2}, {2016, 9, 1}, 0},
        {sizeof(briefing_bar), "Director of children\xe2\x80\x99s services", "Matt Dunkley", {2016, 9, 2}, {2019, 3, 31}, 0},
        {sizeof(briefing_bar), "Director of children\xe2\x80\x99s services", "Sara Tough", {2019, 4, 1}, {0, 0, 0}, 0},
        {sizeof(briefing_bar), "Chief executive", "Tom McCabe", {2018, 1, 1}, {0, 0, 0}, 0},
        {sizeof(briefing_bar), "Intervention", "Improvement notice", {2013, 4, 1}, {2017, 5, 1}, 0},
    };
    briefing_timeline tl = {sizeof(briefing_timeline), "Leadership and intervention", "Source: council announcements [5]",
                            bars, 7, "permanent", "interim", NULL};
    briefing_mark marks[] = {
        {sizeof(briefing_mark), {2013, 4, 1}, BRIEFING_JUDGEMENT_INADEQUATE, "SIF"},
        {sizeof(briefing_mark), {2015, 1, 30}, BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT, "SIF"},
        {sizeof(briefing_mark), {2015, 6, 1}, BRIEFING_JUDGEMENT_NONE, "MV"},
        {sizeof(briefing_mark), {2018, 1, 19}, BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT, "ILACS"},
        {sizeof(briefing_mark), {2019, 7, 1}, BRIEFING_JUDGEMENT_NONE, "FV"},
        {sizeof(briefing_mark), {2023, 1, 13}, BRIEFING_JUDGEMENT_GOOD, "ILACS"},
    };
    briefing_judgement_chart jc = {sizeof(briefing_judgement_chart), "Ofsted judgements", "Source: Ofsted [1]", marks, 6, NULL};
    briefing_table *t;
    int i;

    ck_assert_int_eq(api->cover(doc, &cover), BRIEFING_OK);
    ck_assert_int_eq(api->heading(doc, 1, "At a glance"), BRIEFING_OK);
    ck_assert_int_eq(api->facts(doc, facts, 5), BRIEFING_OK);
    ck_assert_int_eq(api->paragraph_runs(doc, runs, 7), BRIEFING_OK);
    ck_assert_int_eq(api->badge(doc, BRIEFING_JUDGEMENT_GOOD, "Overall effectiveness, January 2023"),
                     BRIEFING_OK);
    ck_assert_int_eq(api->heading(doc, 1, "Inspections"), BRIEFING_OK);
    ck_assert_int_eq(api->judgement_chart(doc, &jc), BRIEFING_OK);
    ck_assert_int_eq(api->heading(doc, 2, "Inspection history"), BRIEFING_OK);
    t = api->table_begin(doc, "Table 1: Ofsted inspections", cols, 4);
    ck_assert_ptr_nonnull(t);
    for (i = 0; i < 40; i++) {
        char when[32], n[32];
        briefing_cell cells[4] = {{sizeof(briefing_cell), when, 0, 0},
                                  {sizeof(briefing_cell), i % 3 ? "Inspection of local authority children\xe2\x80\x99s services"
                                         : "Focused visit",
                                   0, 0},
                                  {sizeof(briefing_cell), NULL, (briefing_judgement)(1 + i % 5), 0},
                                  {sizeof(briefing_cell), n, 0, i == 0}};

        snprintf(when, sizeof when, "%d January %d", 1 + i % 28, 1990 + i);
        snprintf(n, sizeof n, "%d,%03d", 1 + i / 10, (i * 37) % 1000);
        ck_assert_int_eq(api->table_row_cells(t, cells), BRIEFING_OK);
    }
    ck_assert_int_eq(api->table_end(t), BRIEFING_OK);
    ck_assert_int_eq(api->note(doc, "Source: Ofsted inspection reports [1], [2]."), BRIEFING_OK);
    ck_assert_int_eq(api->heading(doc, 1, "Leadership"), BRIEFING_OK);
    ck_assert_int_eq(api->timeline(doc, &tl), BRIEFING_OK);
    ck_assert_int_eq(api->bullet(doc, "Five directors of children\xe2\x80\x99s services since 2011, "
                                      "one of them interim."),
                     BRIEFING_OK);
    ck_assert_int_eq(api->bullet(doc, "The longest tenure was Matt Dunkley\xe2\x80\x99s, at two and a "
                                      "half years; the shortest eight months."),
                     BRIEFING_OK);
    ck_assert_int_eq(api->heading(doc, 1, "Looked-after children"), BRIEFING_OK);
    ck_assert_int_eq(api->keep_together(doc, 1), BRIEFING_OK);
    ck_assert_int_eq(api->line_chart(doc, &chart), BRIEFING_OK);
    ck_assert_int_eq(api->paragraph(doc, "The rate has risen a little more slowly than England\xe2\x80\x99s."),
                     BRIEFING_OK);
    ck_assert_int_eq(api->keep_together(doc, 0), BRIEFING_OK);
    ck_assert_int_eq(api->space(doc, 5), BRIEFING_OK);
    ck_assert_int_eq(api->heading(doc, 2, "Notes"), BRIEFING_OK);
    for (i = 0; i < 6; i++)
        ck_assert_int_eq(api->paragraph(doc, "Rates are per 10,000 children aged under 18. "
                                             "Statistical neighbours are the ten councils most like "
                                             "Norfolk on the DfE\xe2\x80\x99s measures; their figure "
                                             "is the mean of their rates, and a council\xe2\x80\x99s "
                                             "own rate can move by several points from one year to "
                                             "the next when few children are involved."),
                         BRIEFING_OK);
    ck_assert_int_eq(api->page_break(doc), BRIEFING_OK);
    ck_assert_int_eq(api->heading(doc, 1, "Sources"), BRIEFING_OK);
    ck_assert_int_eq(api->paragraph(doc, "[1] Ofsted, Norfolk: inspection of local authority "
                                         "children\xe2\x80\x99s services, 13 January 2023."),
                     BRIEFING_OK);
}

START_TEST(test_sample_document)
{
    layout_config cfg;
    warnings w = {0};
    diag d = {0};
    briefing_doc *doc;
    char path[300], *text;
    const char *keep = getenv("LAYOUT_SAMPLE");

    config(&cfg, &w);
    cfg.toc = 1;
    doc = layout_doc_new(&cfg, &d);
    ck_assert_msg(doc != NULL, "%s", d.text);
    build_sample(doc);
    snprintf(path, sizeof path, "%s/sample.pdf", tmpdir);
    ck_assert_msg(layout_write(doc, path, &d) == BRIEFING_OK, "%s", d.text);
    ck_assert_int_gt(layout_page_count(doc), 3);
    assert_valid_pdf(path);
    text = pdf_text(path);
    ck_assert_ptr_nonnull(strstr(text, "Children\xe2\x80\x99s services briefing"));
    ck_assert_ptr_nonnull(strstr(text, "Norfolk County Council"));
    ck_assert_ptr_nonnull(strstr(text, "\xc2\xa3" "12.4 million"));
    ck_assert_ptr_nonnull(strstr(text, "Table 1: Ofsted inspections (continued)"));
    ck_assert_ptr_nonnull(strstr(text, "Requires improvement"));
    ck_assert_ptr_nonnull(strstr(text, "Contents"));
    {
        char want[64];

        snprintf(want, sizeof want, "Page 2 of %d", layout_page_count(doc));
        ck_assert_msg(strstr(text, want) != NULL, "no \"%s\" in the text", want);
    }
    free(text);
    assert_words_inside(path, 5);
    ck_assert_int_eq(w.n, 0);
    if (keep) {
        char cmd[700];

        snprintf(cmd, sizeof cmd, "cp '%s' '%s'", path, keep);
        ck_assert_int_eq(system(cmd), 0);
    }
    layout_doc_free(doc);
}
END_TEST


/* Writes doc to tmpdir/name and returns the path (static). */
static const char *write_doc(briefing_doc *doc, const char *name)
{
    static char path[300];
    diag d = {0};

    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    ck_assert_msg(layout_write(doc, path, &d) == BRIEFING_OK, "%s", d.text);
    return path;
}

START_TEST(test_same_bytes_twice)
{
    layout_config cfg;
    warnings w = {0};
    diag d = {0};
    briefing_doc *doc1, *doc2;
    char cmd[700], *out, p1[300];

    config(&cfg, &w);
    cfg.toc = 1;
    doc1 = layout_doc_new(&cfg, &d);
    doc2 = layout_doc_new(&cfg, &d);
    ck_assert_ptr_nonnull(doc1);
    ck_assert_ptr_nonnull(doc2);
    build_sample(doc1);
    build_sample(doc2);
    snprintf(p1, sizeof p1, "%s", write_doc(doc1, "one.pdf"));
    write_doc(doc2, "two.pdf");
    snprintf(cmd, sizeof cmd, "cmp '%s' '%s/two.pdf' >/dev/null 2>&1; echo $?", p1, tmpdir);
    out = run(cmd);
    ck_assert_msg(atoi(out) == 0, "two runs with the same inputs differ");
    free(out);
    /* Writing the same document again gives the same bytes too. */
    write_doc(doc1, "three.pdf");
    snprintf(cmd, sizeof cmd, "cmp '%s' '%s/three.pdf' >/dev/null 2>&1; echo $?", p1, tmpdir);
    out = run(cmd);
    ck_assert_msg(atoi(out) == 0, "writing a document twice gives different bytes");
    free(out);
    /* The creation date is SOURCE_DATE_EPOCH's. */
    snprintf(cmd, sizeof cmd, "pdfinfo -isodates '%s' | grep CreationDate", p1);
    out = run(cmd);
    ck_assert_msg(strstr(out, "2024-06-01T00:00:00") != NULL, "creation date: %s", out);
    free(out);
    layout_doc_free(doc1);
    layout_doc_free(doc2);
}
END_TEST

/* pdfinfo's output has "key:" then spaces then value on one line. */
static void assert_info(const char *out, const char *key, const char *value)
{
    const char *p = out;
    size_t kl = strlen(key);

    while (p && *p) {
        if (strncmp(p, key, kl) == 0 && p[kl] == ':') {
            p += kl + 1;
            while (*p == ' ')
                p++;
            ck_assert_msg(strncmp(p, value, strlen(value)) == 0 && p[strlen(value)] == '\n',
                          "%s: expected \"%s\"", key, value);
            return;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    ck_abort_msg("pdfinfo shows no %s", key);
}

START_TEST(test_info_and_bookmarks)
{
    layout_config cfg;
    warnings w = {0};
    diag d = {0};
    briefing_doc *doc;
    const char *path;
    char cmd[700], *out;

    config(&cfg, &w);
    doc = layout_doc_new(&cfg, &d);
    ck_assert_ptr_nonnull(doc);
    build_sample(doc);
    path = write_doc(doc, "info.pdf");
    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
    out = run(cmd);
    assert_info(out, "Title", "Children\xe2\x80\x99s services briefing: Norfolk");
    assert_info(out, "Author", "Norfolk County Council");
    assert_info(out, "Subject", "Briefing for councillors");
    assert_info(out, "Keywords", "children's services, Ofsted");
    assert_info(out, "Creator", "briefing " BRIEFING_VERSION);
    free(out);
    /* Bookmarks: every level 1 and 2 heading, level 2 under its level 1. */
    snprintf(cmd, sizeof cmd, "qpdf --json --json-key=outlines '%s'", path);
    out = run(cmd);
    ck_assert_ptr_nonnull(strstr(out, "\"title\": \"At a glance\""));
    ck_assert_ptr_nonnull(strstr(out, "\"title\": \"Inspection history\""));
    ck_assert_ptr_nonnull(strstr(out, "\"title\": \"Sources\""));
    free(out);
    /* The link is clickable. */
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable '%s' - | grep -a -c 'reports.ofsted.gov.uk'", path);
    out = run(cmd);
    ck_assert_int_ge(atoi(out), 1);
    free(out);
    layout_doc_free(doc);
}
END_TEST

/* A heading near the foot of a page moves on with what follows it. */
START_TEST(test_heading_kept_with_next)
{
    layout_config cfg;
    warnings w = {0};
    diag d = {0};
    int n;

    config(&cfg, &w);
    for (n = 40; n <= 58; n++) {
        briefing_doc *doc = layout_doc_new(&cfg, &d);
        const char *path;
        char *text, *page, *save;
        int i, seen = 0;

        ck_assert_ptr_nonnull(doc);
        for (i = 0; i < n; i++)
            ck_assert_int_eq(api->paragraph(doc, "A line of filler text."), BRIEFING_OK);
        ck_assert_int_eq(api->heading(doc, 2, "Headingword"), BRIEFING_OK);
        ck_assert_int_eq(api->paragraph(doc, "Followingword one two three four five six seven "
                                             "eight nine ten eleven twelve thirteen fourteen fifteen "
                                             "sixteen seventeen eighteen nineteen twenty twenty-one "
                                             "twenty-two twenty-three twenty-four twenty-five and "
                                             "Secondline of the paragraph, which ends here."),
                         BRIEFING_OK);
        path = write_doc(doc, "keep.pdf");
        text = pdf_text(path);
        for (page = strtok_r(text, "\f", &save); page; page = strtok_r(NULL, "\f", &save)) {
            if (strstr(page, "Headingword")) {
                seen = 1;
                ck_assert_msg(strstr(page, "Followingword") && strstr(page, "Secondline"),
                              "with %d lines before it, the heading stands alone at a page foot", n);
            }
        }
        ck_assert(seen);
        free(text);
        layout_doc_free(doc);
    }
}
END_TEST

START_TEST(test_hostile_content)
{
    layout_config cfg;
    warnings w = {0};
    diag d = {0};
    briefing_doc *doc;
    const char *path;
    char *big, *url, *text, cmd[700];
    size_t i, len = 120 * 1024;
    briefing_column cols[3] = {{sizeof(briefing_column), "Name", 0, BRIEFING_ALIGN_LEFT, 0}, {sizeof(briefing_column), "Note", 0, BRIEFING_ALIGN_LEFT, 0},
                               {sizeof(briefing_column), "Count", 0, BRIEFING_ALIGN_RIGHT, 0}};
    briefing_table *t;
    briefing_run link[2];

    config(&cfg, &w);
    doc = layout_doc_new(&cfg, &d);
    ck_assert_ptr_nonnull(doc);
    /* A 120 KB paragraph. */
    big = malloc(len + 1);
    for (i = 0; i < len; i++)
        big[i] = "lorem ipsum dolor sit amet "[i % 27];
    big[len] = '\0';
    ck_assert_int_eq(api->paragraph(doc, big), BRIEFING_OK);
    /* A 3,000-character URL, as text and as a link. */
    url = malloc(3100);
    strcpy(url, "https://example.org/");
    for (i = strlen(url); i < 3000; i++)
        url[i] = (char)('a' + i % 26);
    url[3000] = '\0';
    ck_assert_int_eq(api->paragraph(doc, url), BRIEFING_OK);
    link[0] = (briefing_run){sizeof(briefing_run), "See ", 0, 0, NULL};
    link[1] = (briefing_run){sizeof(briefing_run), url, 0, 0, url};
    ck_assert_int_eq(api->paragraph_runs(doc, link, 2), BRIEFING_OK);
    /* Names in Chinese, Arabic and with an emoji. */
    ck_assert_int_eq(api->heading(doc, 1, "\xe5\x8c\x97\xe4\xba\xac \xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9 \xf0\x9f\x98\x80"),
                     BRIEFING_OK);
    ck_assert_int_eq(api->paragraph(doc, "Director: \xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e, "
                                         "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf \xd8\xb9\xd9\x84\xd9\x8a "
                                         "and Zo\xc3\xab \xf0\x9f\x98\x80 \xe2\x82\xac" "5"),
                     BRIEFING_OK);
    /* A 400-row table, one cell holding the long URL. */
    t = api->table_begin(doc, "Every child", cols, 3);
    ck_assert_ptr_nonnull(t);
    for (i = 0; i < 400; i++) {
        char n[32];
        const char *row[3] = {i % 7 ? "Zo\xc3\xab \xe7\x8e\x8b" : "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf",
                              i == 5 ? url : "placement", n};

        snprintf(n, sizeof n, "%zu", i * 1000);
        ck_assert_int_eq(api->table_row(t, row), BRIEFING_OK);
    }
    ck_assert_int_eq(api->table_end(t), BRIEFING_OK);
    path = write_doc(doc, "hostile.pdf");
    assert_valid_pdf(path);
    /* Text and margins: every word inside the 20 mm side margins and well
     * inside the page's head and foot. */
    assert_words_inside(path, 5);
    {
        char *out, *p, *save;
        double lim = 20 * 72 / 25.4, pw = 0;

        snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' - 2>/dev/null", path);
        out = run(cmd);
        for (p = strtok_r(out, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
            double x0, y0, x1, y1, ph;

            p += strspn(p, " ");
            if (sscanf(p, "<page width=\"%lf\" height=\"%lf\"", &pw, &ph) == 2)
                continue;
            if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0,
                       &x1, &y1) == 4)
                ck_assert_msg(x0 >= lim - 1 && x1 <= pw - lim + 1, "a word crosses a side margin: %.80s", p);
        }
        free(out);
    }
    text = pdf_text(path);
    ck_assert_ptr_nonnull(strstr(text, "lorem ipsum"));
    ck_assert_ptr_nonnull(strstr(text, "Zo\xc3\xab"));
    ck_assert_ptr_nonnull(strstr(text, "\xe2\x82\xac" "5"));
    ck_assert_ptr_nonnull(strstr(text, "Every child (continued)"));
    ck_assert_ptr_nonnull(strstr(text, "399000"));
    free(text);
    /* The characters no font has were warned about, each once. */
    ck_assert_msg(strstr(w.text, "U+738B") != NULL, "warnings: %s", w.text);
    ck_assert_msg(strstr(w.text, "U+1F600") != NULL, "warnings: %s", w.text);
    ck_assert_ptr_null(strstr(strstr(w.text, "U+738B") + 1, "U+738B"));
    ck_assert_ptr_null(strstr(w.text, "U+0645")); /* Arabic: DejaVu Sans has it */
    free(big);
    free(url);
    layout_doc_free(doc);
}
END_TEST

START_TEST(test_errors)
{
    layout_config cfg;
    warnings w = {0};
    diag d = {0};
    briefing_doc *doc;
    briefing_column col = {sizeof(briefing_column), "A", 0, BRIEFING_ALIGN_LEFT, 0};
    briefing_table *t;
    char *huge;
    const char *row[1] = {"x"};

    config(&cfg, &w);
    /* An unknown font family is a configuration error naming it. */
    cfg.font_family = "No Such Font Family";
    ck_assert_ptr_null(layout_doc_new(&cfg, &d));
    ck_assert_int_eq(d.status, BRIEFING_ERR_CONFIG);
    ck_assert_ptr_nonnull(strstr(d.text, "No Such Font Family"));
    config(&cfg, &w);
    diag_clear(&d);
    doc = layout_doc_new(&cfg, &d);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(api->heading(doc, 4, "Too deep"), BRIEFING_ERR_INTERNAL);
    ck_assert_ptr_nonnull(strstr(layout_error(doc)->text, "level 4"));
    diag_clear((diag *)layout_error(doc));
    ck_assert_int_eq(api->paragraph(doc, "bad \xff byte"), BRIEFING_ERR_DATA);
    ck_assert_ptr_nonnull(strstr(layout_error(doc)->text, "UTF-8"));
    diag_clear((diag *)layout_error(doc));
    huge = malloc(2 << 20);
    memset(huge, 'a', (2 << 20) - 1);
    huge[(2 << 20) - 1] = '\0';
    ck_assert_int_eq(api->paragraph(doc, huge), BRIEFING_ERR_DATA);
    ck_assert_ptr_nonnull(strstr(layout_error(doc)->text, "longer than"));
    free(huge);
    diag_clear((diag *)layout_error(doc));
    t = api->table_begin(doc, NULL, &col, 1);
    ck_assert_ptr_nonnull(t);
    ck_assert_int_eq(api->paragraph(doc, "inside a table"), BRIEFING_ERR_INTERNAL);
    diag_clear((diag *)layout_error(doc));
    ck_assert_int_eq(api->table_row(t, row), BRIEFING_OK);
    ck_assert_int_eq(api->table_end(t), BRIEFING_OK);
    ck_assert_int_eq(api->table_row(t, row), BRIEFING_ERR_INTERNAL);
    diag_clear((diag *)layout_error(doc));
    ck_assert_int_eq(api->keep_together(doc, 0), BRIEFING_ERR_INTERNAL);
    diag_clear((diag *)layout_error(doc));
    ck_assert_int_eq(api->space(doc, -1), BRIEFING_ERR_INTERNAL);
    diag_clear((diag *)layout_error(doc));
    /* A path that cannot be created: CANTCREAT naming it. */
    diag_clear(&d);
    ck_assert_int_eq(layout_write(doc, "/nonexistent-folder/out.pdf", &d), BRIEFING_ERR_CANTCREAT);
    ck_assert_ptr_nonnull(strstr(d.text, "/nonexistent-folder/out.pdf"));
    /* The document is still good for a write elsewhere. */
    write_doc(doc, "after-error.pdf");
    ck_assert_int_eq(layout_page_count(doc), 1);
    layout_doc_free(doc);
}
END_TEST

START_TEST(test_empty_document)
{
    layout_config cfg;
    warnings w = {0};
    diag d = {0};
    briefing_doc *doc;

    config(&cfg, &w);
    cfg.toc = 1;
    doc = layout_doc_new(&cfg, &d);
    ck_assert_ptr_nonnull(doc);
    assert_valid_pdf(write_doc(doc, "empty.pdf"));
    ck_assert_int_eq(layout_page_count(doc), 1);
    layout_doc_free(doc);
}
END_TEST

/* Trend lines in table cells (ABI 1.2): drawn over the cell's text, the
 * text kept; a row split across pages keeps its line on the first; no
 * sparks is refused, a single value draws nothing. */
START_TEST(test_table_sparks)
{
    layout_config cfg;
    warnings w = {0};
    diag d = {0};
    briefing_doc *doc;
    briefing_column cols[2] = {{sizeof(briefing_column), "Indicator", 60, BRIEFING_ALIGN_LEFT, 0}, {sizeof(briefing_column), "Trend", 30, BRIEFING_ALIGN_LEFT, 0}};
    double v[20] = {3, 5, NAN, 4, 8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    briefing_table *t;
    char *text;
    int i;

    config(&cfg, &w);
    doc = layout_doc_new(&cfg, &d);
    ck_assert_ptr_nonnull(doc);
    ck_assert_uint_ge(api->size, offsetof(briefing_layout_api, table_row_sparks) + sizeof api->table_row_sparks);
    t = api->table_begin(doc, "Trends", cols, 2);
    ck_assert_ptr_nonnull(t);
    for (i = 0; i < 60; i++) {
        briefing_spark sparks[2] = {{sizeof(briefing_spark), NULL, 0}, {sizeof(briefing_spark), v, (size_t)(i % 3 == 0 ? 1 : 5 + i % 16)}};
        const char *cells[2] = {"Re-referrals within 12 months", "2021\xe2\x80\x93" "25 falling"};
        ck_assert_int_eq(api->table_row_sparks(t, cells, sparks), BRIEFING_OK);
    }
    {
        const char *cells[2] = {"a", "b"};
        briefing_spark bad[2] = {{sizeof(briefing_spark), NULL, 3}, {sizeof(briefing_spark), NULL, 0}};
        ck_assert_int_eq(api->table_row_sparks(t, cells, NULL), BRIEFING_ERR_INTERNAL);
        ck_assert_int_eq(api->table_row_sparks(t, cells, bad), BRIEFING_ERR_INTERNAL);
    }
    ck_assert_int_eq(api->table_end(t), BRIEFING_OK);
    const char *path = write_doc(doc, "sparks.pdf");
    assert_valid_pdf(path);
    ck_assert_int_gt(layout_page_count(doc), 1);
    text = pdf_text(path);
    ck_assert_ptr_nonnull(strstr(text, "2021\xe2\x80\x93" "25 falling"));
    ck_assert_ptr_nonnull(strstr(text, "Trends (continued)"));
    free(text);
    layout_doc_free(doc);
}
END_TEST

static Suite *layout_suite(void)
{
    Suite *s = suite_create("layout");
    TCase *tc = tcase_create("end to end");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_sample_document);
    tcase_add_test(tc, test_table_sparks);
    tcase_add_test(tc, test_same_bytes_twice);
    tcase_add_test(tc, test_info_and_bookmarks);
    tcase_add_test(tc, test_heading_kept_with_next);
    tcase_add_test(tc, test_hostile_content);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_empty_document);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    api = layout_api();
    return test_run(layout_suite(), CK_FORK);
}

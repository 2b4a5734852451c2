/* The structure tree (core/pdf/tag.c) on a small document built directly
 * with libharu: what a screen reader and a PDF/UA checker would find in the
 * file, and that the same document gives the same bytes twice. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>

#include "pdf/tag.h"
#include "test_util.h"

/* Draws a line of text as content of the innermost element. */
static void text(tag_tree *t, HPDF_Page page, HPDF_Font font, float y, const char *s)
{
    ck_assert(t == NULL || tag_mark_begin(t, page) == 0);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, 10);
    HPDF_Page_TextOut(page, 72, y, s);
    HPDF_Page_EndText(page);
    ck_assert(t == NULL || tag_mark_end(t, page) == 0);
}

static void footer(tag_tree *t, HPDF_Page page, HPDF_Font font, const char *s)
{
    ck_assert(t == NULL || tag_artifact_begin(t, page, "Pagination") == 0);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, 8);
    HPDF_Page_TextOut(page, 72, 30, s);
    HPDF_Page_EndText(page);
    ck_assert(t == NULL || tag_artifact_end(t, page) == 0);
}

static void row(tag_tree *t, HPDF_Page page, HPDF_Font font, float y, const char *cell, const char *a, const char *b)
{
    tag_open(t, page, "TR");
    tag_set_scope(t, tag_open(t, page, "TH"), "Row");
    text(t, page, font, y, cell);
    tag_close(t);
    tag_open(t, page, "TD");
    text(t, page, font, y - 1, a);
    tag_close(t);
    tag_open(t, page, "TD");
    text(t, page, font, y - 2, b);
    tag_close(t);
    tag_close(t);
}

#define TEST_FONT "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"

/* An embedded TrueType font, as PDF/UA asks (fonts-liberation2 is one of
 * the program's own dependencies). */
static HPDF_Font embedded_font(HPDF_Doc pdf)
{
    const char *name = HPDF_LoadTTFontFromFile(pdf, TEST_FONT, HPDF_TRUE);

    ck_assert_msg(name != NULL, "cannot load %s", TEST_FONT);
    return HPDF_GetFont(pdf, name, "WinAnsiEncoding");
}

/* Two pages: a heading, a paragraph with a link, a chart, a table split
 * across the pages; running footers as artifacts.  Written to path. */
static tag_stats build(const char *path, int tagged)
{
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_Page p1, p2;
    HPDF_Font font;
    HPDF_Rect rect = {72, 600, 200, 615};
    HPDF_Annotation link;
    tag_tree *t;
    tag_stats st;
    tag_elem fig;
    tag_doc_info info = {"Children's services in Norfolk", "en-GB", "briefing test", 1700000000LL};

    ck_assert_ptr_nonnull(pdf);
    t = tagged ? tag_new(pdf) : NULL;
    ck_assert(!tagged || t != NULL);
    font = embedded_font(pdf);
    HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, info.title);
    p1 = HPDF_AddPage(pdf);

    tag_open(t, p1, "H1");
    text(t, p1, font, 760, "Norfolk");
    tag_close(t);

    tag_open(t, p1, "P");
    text(t, p1, font, 700, "Read the report on the Ofsted website.");
    tag_open(t, p1, "Link");
    text(t, p1, font, 605, "Ofsted website");
    link = HPDF_Page_CreateURILinkAnnot(p1, rect, "https://reports.ofsted.gov.uk/");
    ck_assert(t == NULL || tag_annotation(t, p1, link, "Ofsted website") == 0);
    tag_close(t);
    tag_close(t);

    fig = tag_open(t, p1, "Figure");
    ck_assert_int_eq(tag_set_alt(t, fig, "Children looked after per 10,000 children in Norfolk, "
                                         "31 March 2020 to 2024: 66, 65, 65, 72, 68; England 70 in 2024"), 0);
    tag_set_bbox(t, fig, 72, 400, 500, 560);
    ck_assert_int_eq(tag_mark_ensure(t, p1), 0);
    HPDF_Page_MoveTo(p1, 72, 420);
    HPDF_Page_LineTo(p1, 500, 540);
    HPDF_Page_Stroke(p1);
    ck_assert_int_eq(tag_mark_ensure(t, p1), 0); /* the same sequence goes on */
    HPDF_Page_Rectangle(p1, 72, 400, 4, 4);
    HPDF_Page_Fill(p1);
    tag_close(t); /* ends the sequence tag_mark_ensure kept open */

    tag_open(t, p1, "Table");
    tag_open(t, p1, "THead");
    tag_open(t, p1, "TR");
    tag_set_scope(t, tag_open(t, p1, "TH"), "Column");
    text(t, p1, font, 340, "Council");
    tag_close(t);
    tag_set_scope(t, tag_open(t, p1, "TH"), "Column");
    text(t, p1, font, 339, "2023");
    tag_close(t);
    tag_set_scope(t, tag_open(t, p1, "TH"), "Column");
    text(t, p1, font, 338, "2024");
    tag_close(t);
    tag_close(t);
    tag_close(t);
    tag_open(t, p1, "TBody");
    row(t, p1, font, 300, "Norfolk", "72", "68");
    footer(t, p1, font, "Page 1 of 2");

    p2 = HPDF_AddPage(pdf); /* the table goes on: still one Table */
    row(t, p2, font, 760, "Suffolk", "61", "\xc2\xa3" "60");
    tag_close(t);
    tag_close(t);
    tag_open(t, p2, "Note");
    text(t, p2, font, 720, "[1] Ofsted, 2023.");
    tag_close(t);
    tag_open(t, p2, "P");
    text(t, p2, font, 700, "\xc3\x89" "cole"); /* not ASCII: the tree's texts are UTF-16 */
    tag_set_actual(t, tag_current(t), "\xc3\x89" "cole");
    tag_close(t);
    footer(t, p2, font, "Page 2 of 2");

    ck_assert_int_eq(tag_finish(t, &info), 0);
    ck_assert_str_eq(tag_error(t), "");
    tag_get_stats(t, &st);
    tag_free(t);
    ck_assert_int_eq(HPDF_SaveToFile(pdf, path), HPDF_OK);
    HPDF_Free(pdf);
    return st;
}

static char *slurp_text(const char *path, size_t *n)
{
    return (char *)test_slurp(path, n);
}

static int has(const char *buf, size_t n, const char *what)
{
    size_t k = strlen(what), i;

    for (i = 0; i + k <= n; i++)
        if (memcmp(buf + i, what, k) == 0)
            return 1;
    return 0;
}

static char dir[64];

static void make_dir(void)
{
    strcpy(dir, "/tmp/test_tag_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* Removes what a test wrote (the folder holds only its PDFs). */
static void remove_dir(void)
{
    const char *names[] = {"a.pdf", "c.pdf", "u.pdf"};
    char path[256];
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

static void path_in(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

START_TEST(tree_in_the_file)
{
    char path[256];
    size_t n;
    char *b;
    tag_stats st;

    make_dir();
    path_in(path, sizeof path, "a.pdf");
    st = build(path, 1);
    ck_assert_int_eq(st.pages, 2);
    ck_assert_int_eq(st.annotations, 1);
    ck_assert_int_eq(st.artifacts, 2);
    ck_assert_int_eq(st.mcids, 15);
    b = slurp_text(path, &n);
    ck_assert_msg(memcmp(b, "%PDF-1.7", 8) == 0, "PDF/UA-1 needs PDF 1.7");
    ck_assert(has(b, n, "/MarkInfo <<\012/Marked true\012>>"));
    ck_assert(has(b, n, "/Type /StructTreeRoot"));
    ck_assert(has(b, n, "/ParentTree"));
    ck_assert(has(b, n, "/ParentTreeNextKey 3"));
    ck_assert(has(b, n, "/S /Document"));
    ck_assert(has(b, n, "/Lang (en-GB)"));
    ck_assert(has(b, n, "/DisplayDocTitle true"));
    ck_assert(has(b, n, "/Tabs /S"));
    ck_assert(has(b, n, "/StructParents 0"));
    ck_assert(has(b, n, "/StructParent 1")); /* the link, made before page 2 */
    ck_assert(has(b, n, "/StructParents 2"));
    ck_assert(has(b, n, "/Type /OBJR"));
    ck_assert(has(b, n, "/Contents (Ofsted website)"));
    ck_assert(has(b, n, "/Scope /Column"));
    ck_assert(has(b, n, "/Scope /Row"));
    ck_assert(has(b, n, "/Alt (Children looked after per 10,000 children in Norfolk"));
    ck_assert(has(b, n, "/ActualText <FEFF00C90063006F006C0065>"));
    /* Content in the page streams, in MCID order; artifacts unnumbered. */
    ck_assert(has(b, n, "/H1 <</MCID 0>> BDC\012BT"));
    ck_assert(has(b, n, "/Figure <</MCID 3>> BDC"));
    ck_assert(has(b, n, "/Artifact <</Type /Pagination>> BDC"));
    ck_assert(has(b, n, "/TH <</MCID 0>> BDC")); /* page 2 counts from 0 */
    ck_assert(has(b, n, "EMC\012"));
    ck_assert(has(b, n, "<pdfuaid:part>1</pdfuaid:part>"));
    ck_assert(has(b, n, "<rdf:li xml:lang=\"x-default\">Children&apos;s services in Norfolk</rdf:li>"));
    ck_assert(has(b, n, "<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>"));
    ck_assert(has(b, n, "/ID ["));
    ck_assert(has(b, n, "/S /Note")); /* with an /ID, as PDF/UA-1 7.9 asks */
    ck_assert(has(b, n, "/ID (note-"));
    free(b);
    remove_dir();
}
END_TEST

START_TEST(same_bytes_twice)
{
    char a[256], c[256];
    size_t na, nc;
    char *ba, *bc;

    make_dir();
    path_in(a, sizeof a, "a.pdf");
    path_in(c, sizeof c, "c.pdf");
    build(a, 1);
    build(c, 1);
    ba = slurp_text(a, &na);
    bc = slurp_text(c, &nc);
    ck_assert_uint_eq(na, nc);
    ck_assert_msg(memcmp(ba, bc, na) == 0, "two runs differ");
    free(ba);
    free(bc);
    remove_dir();
}
END_TEST

START_TEST(null_tree_does_nothing)
{
    char path[256];
    size_t n;
    char *b;

    make_dir();
    path_in(path, sizeof path, "u.pdf");
    build(path, 0);
    b = slurp_text(path, &n);
    ck_assert(!has(b, n, "StructTreeRoot"));
    ck_assert(!has(b, n, "BDC"));
    ck_assert(!has(b, n, "/Tabs"));
    ck_assert_int_eq(tag_failed(NULL), 0);
    ck_assert_int_eq(tag_open(NULL, NULL, "P"), -1);
    free(b);
    remove_dir();
}
END_TEST

START_TEST(misuse_is_an_error_said_once)
{
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_Page page = HPDF_AddPage(pdf);
    tag_tree *t = tag_new(pdf);

    ck_assert_int_eq(tag_mark_begin(t, page), -1); /* content of the Document itself */
    ck_assert_str_eq(tag_error(t), "tag: content marked for the Document itself; open an element first");
    ck_assert_int_eq(tag_open(t, page, "P"), -1); /* sticky */
    ck_assert_int_eq(tag_finish(t, NULL), -1);
    tag_free(t);

    t = tag_new(pdf);
    tag_open(t, page, "P");
    ck_assert_int_eq(tag_mark_begin(t, page), 0);
    ck_assert_int_eq(tag_mark_begin(t, page), -1);
    ck_assert_str_eq(tag_error(t), "tag: a marked-content sequence inside another");
    tag_free(t);

    t = tag_new(pdf);
    ck_assert_int_eq(tag_close(t), -1);
    tag_free(t);

    t = tag_new(pdf);
    ck_assert_int_eq(tag_open(t, page, "No Spaces"), -1);
    tag_free(t);

    t = tag_new(pdf);
    tag_open(t, page, "TH");
    ck_assert_int_eq(tag_set_scope(t, tag_current(t), "Diagonal"), -1);
    tag_free(t);
    HPDF_Free(pdf);
}
END_TEST

/* A paragraph that goes on over a page break stays one element: its
 * content on the second page is an MCR naming that page. */
START_TEST(element_across_pages)
{
    char path[256];
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_Font font = embedded_font(pdf);
    HPDF_Page p1 = HPDF_AddPage(pdf), p2;
    tag_tree *t = tag_new(pdf);
    size_t n;
    char *b;

    make_dir();
    path_in(path, sizeof path, "a.pdf");
    tag_open(t, p1, "P");
    text(t, p1, font, 40, "A paragraph that");
    p2 = HPDF_AddPage(pdf);
    text(t, p2, font, 760, "goes on.");
    tag_close(t);
    ck_assert_int_eq(tag_finish(t, NULL), 0);
    tag_free(t);
    ck_assert_int_eq(HPDF_SaveToFile(pdf, path), HPDF_OK);
    HPDF_Free(pdf);
    b = slurp_text(path, &n);
    ck_assert(has(b, n, "/Type /MCR"));
    /* page 2 is object 9: the tree's own objects are not libharu's (tag_pack) */
    ck_assert(has(b, n, "/K [0 <</Type /MCR/Pg 9 0 R/MCID 0>>"));
    free(b);
    remove_dir();
}
END_TEST

/* A table row cut by a page break: its element reopened on the next
 * page (tag_reopen) stays one TR, the cell one TD holding an MCID on each
 * page; an element whose parent is not the innermost is not reopened. */
START_TEST(row_reopened_across_pages)
{
    char path[256];
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_Font font = embedded_font(pdf);
    HPDF_Page p1 = HPDF_AddPage(pdf), p2;
    tag_tree *t = tag_new(pdf);
    tag_elem tr, td, para;
    tag_stats st;
    size_t n;
    char *b;

    make_dir();
    path_in(path, sizeof path, "a.pdf");
    tag_open(t, p1, "Table");
    tag_open(t, p1, "TBody");
    tr = tag_open(t, p1, "TR");
    td = tag_open(t, p1, "TD");
    text(t, p1, font, 40, "A long cell that");
    tag_close(t);
    tag_close(t);
    p2 = HPDF_AddPage(pdf);
    ck_assert_int_eq(tag_reopen(t, tr), 0);
    ck_assert_int_eq(tag_reopen(t, td), 0);
    ck_assert_int_eq(tag_current(t), td);
    text(t, p2, font, 760, "goes on.");
    tag_close(t);
    ck_assert_int_eq(tag_reopen(t, td + 5), -1); /* no such element: an error */
    tag_free(t);
    HPDF_Free(pdf);

    t = tag_new(pdf = HPDF_New(NULL, NULL));
    font = embedded_font(pdf);
    p1 = HPDF_AddPage(pdf);
    tag_open(t, p1, "Table");
    tag_open(t, p1, "TBody");
    tr = tag_open(t, p1, "TR");
    td = tag_open(t, p1, "TD");
    text(t, p1, font, 40, "One cell");
    tag_close(t);
    tag_close(t);
    ck_assert_int_eq(tag_reopen(t, td), -1); /* its parent, the TR, is closed */
    ck_assert_str_eq(tag_error(t), "");      /* the caller opens a new one */
    ck_assert_int_eq(tag_reopen(t, tr), 0);
    ck_assert_int_eq(tag_reopen(t, td), 0);
    tag_close(t);
    tag_close(t);
    tag_close(t);
    tag_close(t);
    para = tag_open(t, p1, "P");
    text(t, p1, font, 20, "After.");
    tag_close(t);
    ck_assert_int_gt(para, td);
    ck_assert_int_eq(tag_finish(t, NULL), 0);
    tag_get_stats(t, &st);
    ck_assert_int_eq(st.elements, 6); /* Document, Table, TBody, TR, TD, P: none twice */
    tag_free(t);
    ck_assert_int_eq(HPDF_SaveToFile(pdf, path), HPDF_OK);
    HPDF_Free(pdf);
    b = slurp_text(path, &n);
    ck_assert(has(b, n, "/Type /ObjStm"));
    ck_assert(has(b, n, "/XRefStm "));
    ck_assert(has(b, n, "/S /TR"));
    free(b);
    remove_dir();
}
END_TEST

/* The checker the e2e tests run (tests/tools/pdfua_check.py) passes the
 * document; skipped quietly where python3-pikepdf is missing. */
START_TEST(checker_passes_it)
{
    char path[256], cmd[1024];
    const char *src = getenv("BRIEFING_SOURCE_DIR");

    if (src == NULL || system("/usr/bin/python3 -c 'import pikepdf' 2>/dev/null") != 0)
        return;
    make_dir();
    path_in(path, sizeof path, "a.pdf");
    build(path, 1);
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s/tests/tools/pdfua_check.py %s", src, path);
    ck_assert_int_eq(system(cmd), 0);
    remove_dir();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tag");
    TCase *tc = tcase_create("tag");

    tcase_add_test(tc, tree_in_the_file);
    tcase_add_test(tc, same_bytes_twice);
    tcase_add_test(tc, null_tree_does_nothing);
    tcase_add_test(tc, element_across_pages);
    tcase_add_test(tc, row_reopened_across_pages);
    tcase_add_test(tc, misuse_is_an_error_said_once);
    tcase_add_test(tc, checker_passes_it);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

/*
 * canvas.c: pdf_canvas over libharu.  Each drawing call is the libharu
 * call (or calls) the layout made itself before this module existed, in
 * the same order, so the PDFs are the same byte for byte; then the tap,
 * if any, is shown what was done.
 */
#include "canvas.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <briefing/plugin.h>

#include "fonts.h"
#include "pdfmem.h"
#include "tag.h"

/* libharu refuses a string over 65535 bytes (HPDF_STRING_OUT_OF_RANGE):
 * text is shown in pieces of at most this many bytes. */
#define PDF_SHOW_MAX 8192

/* Elements drawn in pieces (a table row cut over a page) give one key each
 * time; the keys of the last elements opened are kept to find them again.
 * A row and its cells are the most a piece spans: 64 is room for a row of
 * 63 columns (the layout allows far fewer). */
#define PDF_KEYS 64

/* A Div begun with a key and ended at once keeps a place in the reading
 * order for what is drawn later (the contents, drawn after the pages they
 * list): begun again with the key, it is filled.  A document keeps few. */
#define PDF_HELD 4

struct pdf_canvas {
    HPDF_Doc pdf;
    HPDF_Page page;          /* the current page */
    HPDF_Page *pages;
    size_t n_pages, cap_pages, cur;
    HPDF_Font fonts[PDF_CANVAS_FACES];
    const char *font_names[PDF_CANVAS_FACES]; /* libharu's name of each slot's file */
    HPDF_Encoder utf8;       /* for bookmark titles; got when first needed */
    unsigned long error, detail; /* libharu's first error, 0: none */
    int error_errno;         /* errno when it was reported */
    int depth;               /* structure elements and artifacts open */
    tag_tree *tag;           /* the structure tree; NULL untagged */
    int artifacts;           /* artifacts open: marks inside are not content */
    struct {
        const void *key;
        int elem;
    } keys[PDF_KEYS];        /* a ring of the last keyed elements */
    unsigned next_key;
    struct {
        const void *key;
        int elem;
    } held[PDF_HELD];        /* keyed Divs: places kept for content drawn later */
    pdf_canvas_tap tap;
    void *tap_arg;
};

/* ---- the tap ---- */

static void pdf_op_init(const pdf_canvas *cv, pdf_canvas_op *op, pdf_op_kind kind)
{
    memset(op, 0, sizeof *op);
    op->kind = kind;
    op->page = cv->cur;
    op->face = -1;
}

/* Shows the tap an operation with up to four numbers. */
static void pdf_tap(pdf_canvas *cv, pdf_op_kind kind, double x, double y, double w, double h)
{
    pdf_canvas_op op;

    if (cv->tap == NULL)
        return;
    pdf_op_init(cv, &op, kind);
    op.x = x;
    op.y = y;
    op.w = w;
    op.h = h;
    cv->tap(cv->tap_arg, &op);
}

static void pdf_tap_rgb(pdf_canvas *cv, pdf_op_kind kind, double r, double g, double b)
{
    pdf_canvas_op op;

    if (cv->tap == NULL)
        return;
    pdf_op_init(cv, &op, kind);
    op.rgb[0] = r;
    op.rgb[1] = g;
    op.rgb[2] = b;
    cv->tap(cv->tap_arg, &op);
}

void pdf_canvas_set_tap(pdf_canvas *cv, pdf_canvas_tap tap, void *arg)
{
    cv->tap = tap;
    cv->tap_arg = arg;
}

/* ---- structure (issue 18: written by tag.c when tagging is on) ---- */

/* The standard structure type of each role (PDF 1.7, 14.8.4). */
static const char *pdf_role_type(pdf_role role, const pdf_tag *tag)
{
    static const char *const types[PDF_ROLE_N] = {
        [PDF_ROLE_HEADING] = "H1",      [PDF_ROLE_PARAGRAPH] = "P",  [PDF_ROLE_NOTE] = "Note",
        [PDF_ROLE_LIST] = "L",          [PDF_ROLE_ITEM] = "LI",      [PDF_ROLE_TABLE] = "Table",
        [PDF_ROLE_ROW] = "TR",          [PDF_ROLE_HEADER_CELL] = "TH", [PDF_ROLE_CELL] = "TD",
        [PDF_ROLE_CAPTION] = "Caption", [PDF_ROLE_FIGURE] = "Figure", [PDF_ROLE_LINK] = "Link",
        [PDF_ROLE_TOC] = "TOC",         [PDF_ROLE_TOC_ITEM] = "TOCI", [PDF_ROLE_LABEL] = "Lbl",
        [PDF_ROLE_ITEM_BODY] = "LBody", [PDF_ROLE_TABLE_HEAD] = "THead",
        [PDF_ROLE_TABLE_BODY] = "TBody", [PDF_ROLE_DIV] = "Div",
        [PDF_ROLE_ROW_HEADER_CELL] = "TH"};
    static const char *const headings[] = {"H1", "H2", "H3", "H4", "H5", "H6"};

    if (role == PDF_ROLE_HEADING && tag && tag->level >= 1 && tag->level <= 6)
        return headings[tag->level - 1];
    return (unsigned)role < PDF_ROLE_N && types[role] ? types[role] : "Span";
}

/* The element opened before with key, or -1. */
static int pdf_key_find(const pdf_canvas *cv, pdf_role role, const void *key)
{
    unsigned i;

    for (i = 0; key && role == PDF_ROLE_DIV && i < PDF_HELD; i++)
        if (cv->held[i].key == key)
            return cv->held[i].elem;
    for (i = 0; key && role != PDF_ROLE_DIV && i < PDF_KEYS; i++)
        if (cv->keys[i].key == key)
            return cv->keys[i].elem;
    return -1;
}

static void pdf_key_keep(pdf_canvas *cv, pdf_role role, const void *key, int e)
{
    unsigned i;

    if (role == PDF_ROLE_DIV) {
        for (i = 0; i < PDF_HELD; i++)
            if (cv->held[i].key == NULL) {
                cv->held[i].key = key;
                cv->held[i].elem = e;
                return;
            }
        return;
    }
    cv->keys[cv->next_key % PDF_KEYS].key = key;
    cv->keys[cv->next_key % PDF_KEYS].elem = e;
    cv->next_key++;
}

/* A figure's /BBox, within its page: a chart taller than the page (60 KB
 * labels) would give a number libharu refuses (over 32767), failing the
 * whole tree. */
static void pdf_tag_bbox(pdf_canvas *cv, int e, const pdf_tag *tag)
{
    double w = HPDF_Page_GetWidth(cv->page), h = HPDF_Page_GetHeight(cv->page);
    double x0 = fmin(fmax(tag->x0, 0), w), x1 = fmin(fmax(tag->x1, 0), w);
    double y0 = fmin(fmax(tag->y0, 0), h), y1 = fmin(fmax(tag->y1, 0), h);

    if (x1 > x0 && y1 > y0)
        tag_set_bbox(cv->tag, e, x0, y0, x1, y1);
}

/* Opens the element for role in the tree (or reopens the one key names),
 * with what the role says of itself: a figure's /Alt, a header cell's
 * /Scope. */
static void pdf_tag_open(pdf_canvas *cv, pdf_role role, const pdf_tag *tag)
{
    const void *key = tag ? tag->key : NULL;
    int e = pdf_key_find(cv, role, key);
    char *alt;

    if (e >= 0 && tag_reopen(cv->tag, e) == 0)
        return;
    e = tag_open(cv->tag, cv->page, pdf_role_type(role, tag));
    if (e < 0)
        return;
    if (key)
        pdf_key_keep(cv, role, key, e);
    if (role == PDF_ROLE_HEADER_CELL)
        tag_set_scope(cv->tag, e, "Column");
    if (role == PDF_ROLE_ROW_HEADER_CELL)
        tag_set_scope(cv->tag, e, "Row");
    if (role == PDF_ROLE_FIGURE) {
        /* A figure always says something: what the layout gives, else
         * that it is a figure (PDF/UA-1 7.3 wants a non-empty /Alt). */
        size_t n = tag && tag->alt ? tag->alt_len : 0;

        if ((alt = malloc(n + 1)) == NULL) {
            tag_set_alt(cv->tag, e, "Figure");
            return;
        }
        if (n)
            memcpy(alt, tag->alt, n);
        alt[n] = '\0';
        tag_set_alt(cv->tag, e, alt[0] ? alt : "Figure");
        free(alt);
        pdf_tag_bbox(cv, e, tag);
    }
}

/* Before a mark: inside an element, the element's marked-content sequence
 * on this page (opened once, kept while it draws); inside an artifact,
 * nothing (the artifact's sequence is open). */
static void pdf_mark(pdf_canvas *cv)
{
    if (cv->tag && cv->artifacts == 0)
        tag_mark_ensure(cv->tag, cv->page);
}

int pdf_canvas_tag(pdf_canvas *cv)
{
    if (cv->tag == NULL && (cv->tag = tag_new(cv->pdf)) == NULL)
        return BRIEFING_ERR_NOMEM;
    return BRIEFING_OK;
}

int pdf_canvas_tag_finish(pdf_canvas *cv, const char *title, const char *creator, long long epoch,
                          diag *d)
{
    tag_doc_info info = {title, "en-GB", creator, epoch};

    if (cv->tag == NULL)
        return BRIEFING_OK;
    if (tag_finish(cv->tag, &info) != 0)
        return diag_set(d, BRIEFING_ERR_INTERNAL, "layout: the tagged PDF cannot be made: %s",
                        tag_error(cv->tag));
    return BRIEFING_OK;
}

void pdf_canvas_begin(pdf_canvas *cv, pdf_role role, const pdf_tag *tag)
{
    pdf_canvas_op op;

    cv->depth++;
    if (cv->tag)
        pdf_tag_open(cv, role, tag);
    if (cv->tap == NULL)
        return;
    pdf_op_init(cv, &op, PDF_OP_BEGIN);
    op.role = role;
    op.tag = tag;
    cv->tap(cv->tap_arg, &op);
}

void pdf_canvas_end(pdf_canvas *cv)
{
    cv->depth--;
    tag_close(cv->tag);
    pdf_tap(cv, PDF_OP_END, 0, 0, 0, 0);
}

void pdf_canvas_artifact_begin(pdf_canvas *cv, pdf_artifact kind)
{
    pdf_canvas_op op;

    cv->depth++;
    /* Running headers and footers paginate; rules and fills lay out. */
    if (cv->artifacts++ == 0)
        tag_artifact_begin(cv->tag, cv->page,
                           kind == PDF_ARTIFACT_HEADER || kind == PDF_ARTIFACT_FOOTER ? "Pagination"
                                                                                        : "Layout");
    if (cv->tap == NULL)
        return;
    pdf_op_init(cv, &op, PDF_OP_ARTIFACT_BEGIN);
    op.artifact = kind;
    cv->tap(cv->tap_arg, &op);
}

void pdf_canvas_artifact_end(pdf_canvas *cv)
{
    cv->depth--;
    if (--cv->artifacts == 0)
        tag_artifact_end(cv->tag, cv->page);
    pdf_tap(cv, PDF_OP_ARTIFACT_END, 0, 0, 0, 0);
}

int pdf_canvas_depth(const pdf_canvas *cv)
{
    return cv->depth;
}

/* ---- the document ---- */

static void pdf_error_handler(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    pdf_canvas *cv = user_data;
    int err = errno;

    if (cv->error == 0) {
        cv->error = error_no;
        cv->detail = detail_no;
        cv->error_errno = err;
    }
}

pdf_canvas *pdf_canvas_new(void)
{
    pdf_canvas *cv = calloc(1, sizeof *cv);

    if (cv == NULL)
        return NULL;
    /* libharu allocates through pdfmem, whose reserve lets it finish
     * saving when memory runs out (see pdfmem.h). */
    cv->pdf = HPDF_NewEx(pdf_error_handler, pdfmem_alloc, pdfmem_free, 0, cv);
    if (cv->pdf == NULL) {
        pdfmem_close();
        free(cv);
        return NULL;
    }
    HPDF_SetCompressionMode(cv->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(cv->pdf);
    return cv;
}

void pdf_canvas_free(pdf_canvas *cv)
{
    if (cv == NULL)
        return;
    tag_free(cv->tag); /* first: the tree's own dictionaries use the document's memory */
    HPDF_Free(cv->pdf);
    pdfmem_close();
    free(cv->pages);
    free(cv);
}

unsigned long pdf_canvas_error(const pdf_canvas *cv)
{
    return cv->error;
}

unsigned long pdf_canvas_error_detail(const pdf_canvas *cv)
{
    return cv->detail;
}

int pdf_canvas_ran_out(const pdf_canvas *cv)
{
    return cv->error == HPDF_FAILD_TO_ALLOC_MEM || pdfmem_ran_out();
}

long pdf_canvas_add_page(pdf_canvas *cv, double w, double h)
{
    HPDF_Page page;

    if (cv->n_pages == cv->cap_pages) {
        size_t cap = cv->cap_pages ? cv->cap_pages * 2 : 16;
        HPDF_Page *p = realloc(cv->pages, cap * sizeof *p);

        if (p == NULL) {
            if (cv->error == 0)
                cv->error = HPDF_FAILD_TO_ALLOC_MEM;
            return -1;
        }
        cv->pages = p;
        cv->cap_pages = cap;
    }
    tag_mark_flush(cv->tag); /* an element's sequence ends with its page */
    if ((page = HPDF_AddPage(cv->pdf)) == NULL)
        return -1;
    HPDF_Page_SetWidth(page, (HPDF_REAL)w);
    HPDF_Page_SetHeight(page, (HPDF_REAL)h);
    cv->pages[cv->n_pages] = page;
    cv->page = page;
    cv->cur = cv->n_pages++;
    pdf_tap(cv, PDF_OP_PAGE, 0, 0, w, h);
    return (long)cv->cur;
}

void pdf_canvas_select(pdf_canvas *cv, size_t i)
{
    if (i >= cv->n_pages)
        return;
    tag_mark_flush(cv->tag);
    cv->cur = i;
    cv->page = cv->pages[i];
    pdf_tap(cv, PDF_OP_SELECT, 0, 0, 0, 0);
}

size_t pdf_canvas_page(const pdf_canvas *cv)
{
    return cv->cur;
}

size_t pdf_canvas_pages(const pdf_canvas *cv)
{
    return cv->n_pages;
}

/* ---- faces ---- */

/* libharu 2.3.0 gives a UTF-8 font its code-to-CID map where the
 * ToUnicode map belongs, so readers warn and cannot copy the text out.  The
 * codes it draws are the characters' own values (UCS-2), so the right map
 * is the identity: rewrite the stream in place with that, in ranges that
 * each stay within one high byte as the PDF format asks.  This reaches into
 * libharu's object layer (hpdf_objects.h), the one place we do. */
static void pdf_fix_tounicode(HPDF_Font font)
{
    HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
    char line[40];
    int hi, k;

    if (cmap == NULL || cmap->stream == NULL)
        return;
    HPDF_MemStream_FreeData(cmap->stream);
    HPDF_Stream_WriteStr(cmap->stream,
                         "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                         "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                         "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    /* 248 ranges (the surrogates' high bytes D8-DF left out), at most 100
     * to a block. */
    for (hi = 0, k = 0; hi < 256; hi++) {
        if (hi >= 0xd8 && hi <= 0xdf)
            continue;
        if (k % 100 == 0) {
            int left = 248 - k;

            snprintf(line, sizeof line, "%s%d beginbfrange\n", k ? "endbfrange\n" : "",
                     left < 100 ? left : 100);
            HPDF_Stream_WriteStr(cmap->stream, line);
        }
        snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
        HPDF_Stream_WriteStr(cmap->stream, line);
        k++;
    }
    HPDF_Stream_WriteStr(cmap->stream, "endbfrange\nendcmap\n"
                                       "CMapName currentdict /CMap defineresource pop\nend\nend\n");
}

int pdf_canvas_load_face(pdf_canvas *cv, int face, const char *file, int same_as, int utf8,
                         int cp1252_file, diag *d)
{
    const char *name = NULL;

    if (face < 0 || face >= PDF_CANVAS_FACES)
        return diag_set(d, BRIEFING_ERR_INTERNAL, "font %s: no slot %d", file, face);
    cv->fonts[face] = NULL;
    if (same_as >= 0 && same_as < PDF_CANVAS_FACES)
        name = cv->font_names[same_as];
    if (name == NULL) {
        fonts_embed e;
        const char *path = fonts_embed_open(file, cp1252_file, &e);

        name = HPDF_LoadTTFontFromFile(cv->pdf, path, HPDF_TRUE);
        fonts_embed_close(&e);
    }
    cv->font_names[face] = name;
    if (name != NULL)
        cv->fonts[face] = HPDF_GetFont(cv->pdf, name, utf8 ? "UTF-8" : "CP1252");
    if (cv->fonts[face] == NULL && pdf_canvas_ran_out(cv))
        return diag_set(d, BRIEFING_ERR_NOMEM, "layout: out of memory in the PDF library");
    if (cv->fonts[face] == NULL && cv->error == HPDF_FILE_OPEN_ERROR &&
        diag_errno_status(cv->error_errno, 0) != 0)
        return diag_set(d, BRIEFING_ERR_NOMEM, "font %s: cannot open it: %s", file,
                        strerror(cv->error_errno));
    if (cv->fonts[face] == NULL)
        return diag_set(d, BRIEFING_ERR_CONFIG,
                        "font %s: the PDF library cannot load it (error 0x%04lX)", file, cv->error);
    if (utf8)
        pdf_fix_tounicode(cv->fonts[face]);
    return BRIEFING_OK;
}

int pdf_canvas_has_face(const pdf_canvas *cv, int face)
{
    return face >= 0 && face < PDF_CANVAS_FACES && cv->fonts[face] != NULL;
}

int pdf_canvas_advance(pdf_canvas *cv, int face, uint32_t cp)
{
    int w;

    if (!pdf_canvas_has_face(cv, face))
        return -1;
    w = HPDF_Font_GetUnicodeWidth(cv->fonts[face], (HPDF_UNICODE)cp);
    return w < 0 || w > 30000 ? 0 : w;
}

int pdf_canvas_ascent(pdf_canvas *cv, int face)
{
    return pdf_canvas_has_face(cv, face) ? HPDF_Font_GetAscent(cv->fonts[face]) : 0;
}

int pdf_canvas_descent(pdf_canvas *cv, int face)
{
    return pdf_canvas_has_face(cv, face) ? HPDF_Font_GetDescent(cv->fonts[face]) : 0;
}

/* ---- graphics state ---- */

/* 1 when the page's colour (fill or stroke, as got) is r, g, b already. */
static int pdf_rgb_is(HPDF_ColorSpace cs, HPDF_RGBColor now, double r, double g, double b)
{
    return cs == HPDF_CS_DEVICE_RGB && now.r == (HPDF_REAL)r && now.g == (HPDF_REAL)g &&
           now.b == (HPDF_REAL)b;
}

void pdf_canvas_fill_colour(pdf_canvas *cv, double r, double g, double b)
{
    if (!pdf_rgb_is(HPDF_Page_GetFillingColorSpace(cv->page), HPDF_Page_GetRGBFill(cv->page), r, g,
                    b))
        HPDF_Page_SetRGBFill(cv->page, (HPDF_REAL)r, (HPDF_REAL)g, (HPDF_REAL)b);
    pdf_tap_rgb(cv, PDF_OP_FILL_COLOUR, r, g, b);
}

void pdf_canvas_put_fill_colour(pdf_canvas *cv, double r, double g, double b)
{
    HPDF_Page_SetRGBFill(cv->page, (HPDF_REAL)r, (HPDF_REAL)g, (HPDF_REAL)b);
    pdf_tap_rgb(cv, PDF_OP_FILL_COLOUR, r, g, b);
}

void pdf_canvas_stroke_colour(pdf_canvas *cv, double r, double g, double b)
{
    if (!pdf_rgb_is(HPDF_Page_GetStrokingColorSpace(cv->page), HPDF_Page_GetRGBStroke(cv->page), r,
                    g, b))
        HPDF_Page_SetRGBStroke(cv->page, (HPDF_REAL)r, (HPDF_REAL)g, (HPDF_REAL)b);
    pdf_tap_rgb(cv, PDF_OP_STROKE_COLOUR, r, g, b);
}

void pdf_canvas_line_width(pdf_canvas *cv, double w)
{
    if (HPDF_Page_GetLineWidth(cv->page) != (HPDF_REAL)w)
        HPDF_Page_SetLineWidth(cv->page, (HPDF_REAL)w);
    pdf_tap(cv, PDF_OP_LINE_WIDTH, 0, 0, w, 0);
}

void pdf_canvas_put_line_width(pdf_canvas *cv, double w)
{
    HPDF_Page_SetLineWidth(cv->page, (HPDF_REAL)w);
    pdf_tap(cv, PDF_OP_LINE_WIDTH, 0, 0, w, 0);
}

void pdf_canvas_line_cap(pdf_canvas *cv, int cap)
{
    HPDF_Page_SetLineCap(cv->page, cap == PDF_CAP_ROUND ? HPDF_ROUND_END : HPDF_BUTT_END);
    pdf_tap(cv, PDF_OP_LINE_CAP, 0, 0, cap, 0);
}

void pdf_canvas_line_join_round(pdf_canvas *cv)
{
    HPDF_Page_SetLineJoin(cv->page, HPDF_ROUND_JOIN);
    pdf_tap(cv, PDF_OP_LINE_JOIN, 0, 0, 1, 0);
}

void pdf_canvas_dash(pdf_canvas *cv, const unsigned short *pattern, unsigned n, unsigned phase)
{
    HPDF_UINT16 p[8];
    unsigned i;

    if (n > 8)
        n = 8;
    for (i = 0; i < n; i++)
        p[i] = pattern[i];
    HPDF_Page_SetDash(cv->page, n ? p : NULL, n, phase);
    pdf_tap(cv, PDF_OP_DASH, 0, 0, n, phase);
}

void pdf_canvas_gsave(pdf_canvas *cv)
{
    HPDF_Page_GSave(cv->page);
    pdf_tap(cv, PDF_OP_GSAVE, 0, 0, 0, 0);
}

void pdf_canvas_grestore(pdf_canvas *cv)
{
    HPDF_Page_GRestore(cv->page);
    pdf_tap(cv, PDF_OP_GRESTORE, 0, 0, 0, 0);
}

/* ---- paths ---- */

void pdf_canvas_move_to(pdf_canvas *cv, double x, double y)
{
    pdf_mark(cv); /* before the path: no BDC inside one */
    HPDF_Page_MoveTo(cv->page, (HPDF_REAL)x, (HPDF_REAL)y);
    pdf_tap(cv, PDF_OP_MOVE_TO, x, y, 0, 0);
}

void pdf_canvas_line_to(pdf_canvas *cv, double x, double y)
{
    HPDF_Page_LineTo(cv->page, (HPDF_REAL)x, (HPDF_REAL)y);
    pdf_tap(cv, PDF_OP_LINE_TO, x, y, 0, 0);
}

void pdf_canvas_rect(pdf_canvas *cv, double x, double y, double w, double h)
{
    pdf_mark(cv); /* before the path: no BDC inside one */
    HPDF_Page_Rectangle(cv->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
    pdf_tap(cv, PDF_OP_RECT, x, y, w, h);
}

void pdf_canvas_circle(pdf_canvas *cv, double x, double y, double r)
{
    pdf_mark(cv); /* before the path: no BDC inside one */
    HPDF_Page_Circle(cv->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)r);
    pdf_tap(cv, PDF_OP_CIRCLE, x, y, r, 0);
}

void pdf_canvas_stroke(pdf_canvas *cv)
{
    HPDF_Page_Stroke(cv->page);
    if (cv->tap) {
        pdf_canvas_op op;
        HPDF_RGBColor c = HPDF_Page_GetRGBStroke(cv->page);

        pdf_op_init(cv, &op, PDF_OP_STROKE);
        op.rgb[0] = c.r;
        op.rgb[1] = c.g;
        op.rgb[2] = c.b;
        op.w = HPDF_Page_GetLineWidth(cv->page);
        cv->tap(cv->tap_arg, &op);
    }
}

void pdf_canvas_fill(pdf_canvas *cv)
{
    HPDF_Page_Fill(cv->page);
    if (cv->tap) {
        HPDF_RGBColor c = HPDF_Page_GetRGBFill(cv->page);

        pdf_tap_rgb(cv, PDF_OP_FILL, c.r, c.g, c.b);
    }
}

void pdf_canvas_clip(pdf_canvas *cv)
{
    HPDF_Page_Clip(cv->page);
    HPDF_Page_EndPath(cv->page);
    pdf_tap(cv, PDF_OP_CLIP, 0, 0, 0, 0);
}

void pdf_canvas_line(pdf_canvas *cv, double x0, double y0, double x1, double y1)
{
    pdf_canvas_move_to(cv, x0, y0);
    pdf_canvas_line_to(cv, x1, y1);
    pdf_canvas_stroke(cv);
}

/* ---- text ---- */

/* Shows bytes at the text position in pieces of at most PDF_SHOW_MAX
 * bytes, each ending at a character: one unbreakable 64 KiB name in the
 * data would otherwise be refused. */
static void pdf_show_pieces(HPDF_Page page, const char *bytes)
{
    char piece[PDF_SHOW_MAX + 1];
    size_t left = strlen(bytes), n;

    if (left <= PDF_SHOW_MAX) {
        HPDF_Page_ShowText(page, bytes);
        return;
    }
    while (left > 0) {
        n = left < PDF_SHOW_MAX ? left : PDF_SHOW_MAX;
        while (n < left && n > 1 && ((unsigned char)bytes[n] & 0xC0) == 0x80)
            n--; /* not inside a UTF-8 character */
        memcpy(piece, bytes, n);
        piece[n] = '\0';
        HPDF_Page_ShowText(page, piece);
        bytes += n;
        left -= n;
    }
}

void pdf_canvas_text(pdf_canvas *cv, int face, double size, double x, double y, const char *bytes)
{
    HPDF_Font font;

    /* Once libharu has failed (out of memory), a page may be half built
     * and setting a font on it crashes inside the library. */
    if (cv->error || !pdf_canvas_has_face(cv, face))
        return;
    font = cv->fonts[face];
    pdf_mark(cv);
    HPDF_Page_BeginText(cv->page);
    if (HPDF_Page_GetCurrentFont(cv->page) != font ||
        HPDF_Page_GetCurrentFontSize(cv->page) != (HPDF_REAL)size)
        HPDF_Page_SetFontAndSize(cv->page, font, (HPDF_REAL)size);
    HPDF_Page_MoveTextPos(cv->page, (HPDF_REAL)x, (HPDF_REAL)y);
    pdf_show_pieces(cv->page, bytes);
    HPDF_Page_EndText(cv->page);
    if (cv->tap) {
        pdf_canvas_op op;
        HPDF_RGBColor c = HPDF_Page_GetRGBFill(cv->page);

        pdf_op_init(cv, &op, PDF_OP_TEXT);
        op.x = x;
        op.y = y;
        op.size = size;
        op.face = face;
        op.text = bytes;
        op.rgb[0] = c.r;
        op.rgb[1] = c.g;
        op.rgb[2] = c.b;
        cv->tap(cv->tap_arg, &op);
    }
}

/* ---- images ---- */

pdf_image *pdf_canvas_image_load(pdf_canvas *cv, const unsigned char *rgb,
                                 const unsigned char *alpha, unsigned w, unsigned h)
{
    HPDF_Image im, mask;

    im = HPDF_LoadRawImageFromMem(cv->pdf, rgb, w, h, HPDF_CS_DEVICE_RGB, 8);
    if (im != NULL && alpha != NULL) {
        mask = HPDF_LoadRawImageFromMem(cv->pdf, alpha, w, h, HPDF_CS_DEVICE_GRAY, 8);
        if (mask == NULL || HPDF_Image_AddSMask(im, mask) != HPDF_OK)
            im = NULL;
    }
    return (pdf_image *)im;
}

void pdf_canvas_image_draw(pdf_canvas *cv, pdf_image *im, double x, double y, double w, double h)
{
    pdf_mark(cv);
    HPDF_Page_DrawImage(cv->page, (HPDF_Image)im, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w,
                        (HPDF_REAL)h);
    pdf_tap(cv, PDF_OP_IMAGE, x, y, w, h);
}

/* ---- links and the outline ---- */

static HPDF_Rect pdf_link_rect(double left, double bottom, double right, double top)
{
    HPDF_Rect r = {(HPDF_REAL)floor(left), (HPDF_REAL)floor(bottom), (HPDF_REAL)ceil(right),
                   (HPDF_REAL)ceil(top)};

    return r;
}

static void pdf_tap_link(pdf_canvas *cv, pdf_op_kind kind, HPDF_Rect r, const char *url,
                         size_t target)
{
    pdf_canvas_op op;

    if (cv->tap == NULL)
        return;
    pdf_op_init(cv, &op, kind);
    op.x = r.left;
    op.y = r.bottom;
    op.w = r.right - r.left;
    op.h = r.top - r.bottom;
    op.text = url;
    op.index = (long)target;
    cv->tap(cv->tap_arg, &op);
}

/* A link's /Contents says where it goes, in short: "Link to" and the
 * host (the link's text, in its Link element, says what it is; libharu
 * writes annotations uncompressed, and a pack of sources has dozens). */
static void pdf_tag_uri_annotation(pdf_canvas *cv, HPDF_Annotation a, const char *url)
{
    const char *host = strstr(url, "://");
    char what[96];
    size_t n;

    if (host == NULL) {
        tag_annotation(cv->tag, cv->page, a, url);
        return;
    }
    host += 3;
    n = strcspn(host, "/?#");
    if (n > sizeof what - 16)
        n = sizeof what - 16;
    snprintf(what, sizeof what, "Link to %.*s", (int)n, host);
    tag_annotation(cv->tag, cv->page, a, what);
}

void pdf_canvas_uri_link(pdf_canvas *cv, double left, double bottom, double right, double top,
                         const char *url)
{
    HPDF_Rect rect = pdf_link_rect(left, bottom, right, top);
    HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(cv->page, rect, url);

    if (a) {
        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        if (cv->tag) /* in the Link the layout opened */
            pdf_tag_uri_annotation(cv, a, url);
    }
    pdf_tap_link(cv, PDF_OP_URI_LINK, rect, url, 0);
}

void pdf_canvas_page_link(pdf_canvas *cv, double left, double bottom, double right, double top,
                          size_t target)
{
    HPDF_Destination dst;
    HPDF_Rect rect = pdf_link_rect(left, bottom, right, top);
    HPDF_Annotation a;

    if (target >= cv->n_pages)
        return;
    dst = HPDF_Page_CreateDestination(cv->pages[target]);
    a = dst ? HPDF_Page_CreateLinkAnnot(cv->page, rect, dst) : NULL;
    if (a) {
        char where[32];

        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        snprintf(where, sizeof where, "Go to page %zu", target + 1);
        tag_annotation(cv->tag, cv->page, a, where);
    }
    pdf_tap_link(cv, PDF_OP_PAGE_LINK, rect, NULL, target);
}

pdf_outline *pdf_canvas_outline(pdf_canvas *cv, pdf_outline *parent, const char *title, int utf8,
                                double y)
{
    HPDF_Outline o;
    HPDF_Destination dst;

    /* libharu's UTF-8 encoder costs more than a page to set up: only for
     * a title that needs it. */
    if (utf8 && cv->utf8 == NULL)
        cv->utf8 = HPDF_GetEncoder(cv->pdf, "UTF-8");
    o = HPDF_CreateOutline(cv->pdf, (HPDF_Outline)parent, title, utf8 ? cv->utf8 : NULL);
    if (o == NULL)
        return NULL;
    dst = HPDF_Page_CreateDestination(cv->page);
    if (dst) {
        HPDF_Destination_SetFitH(dst, (HPDF_REAL)y);
        HPDF_Outline_SetDestination(o, dst);
    }
    HPDF_Outline_SetOpened(o, HPDF_FALSE);
    if (cv->tap) {
        pdf_canvas_op op;

        pdf_op_init(cv, &op, PDF_OP_OUTLINE);
        op.text = title;
        op.y = y;
        op.index = (long)cv->cur;
        cv->tap(cv->tap_arg, &op);
    }
    return (pdf_outline *)o;
}

void pdf_canvas_show_outline(pdf_canvas *cv)
{
    HPDF_SetPageMode(cv->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

/* ---- information and saving ---- */

void pdf_canvas_info(pdf_canvas *cv, pdf_info key, const char *value, int utf8)
{
    static const HPDF_InfoType types[] = {HPDF_INFO_TITLE, HPDF_INFO_SUBJECT, HPDF_INFO_AUTHOR,
                                          HPDF_INFO_KEYWORDS, HPDF_INFO_CREATOR};

    if (utf8)
        HPDF_SetCurrentEncoder(cv->pdf, "UTF-8");
    HPDF_SetInfoAttr(cv->pdf, types[key], value);
}

void pdf_canvas_dates(pdf_canvas *cv, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    HPDF_Date date;

    if (gmtime_r(&tt, &tm) == NULL)
        return;
    memset(&date, 0, sizeof date);
    date.year = tm.tm_year + 1900;
    date.month = tm.tm_mon + 1;
    date.day = tm.tm_mday;
    date.hour = tm.tm_hour;
    date.minutes = tm.tm_min;
    date.seconds = tm.tm_sec;
    date.ind = 'Z';
    HPDF_SetInfoDateAttr(cv->pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(cv->pdf, HPDF_INFO_MOD_DATE, date);
}

/* Checks the saved file ends as a PDF does, so a short write is caught. */
static int pdf_check_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char tail[16] = {0};
    size_t n;

    if (fp == NULL)
        return -1;
    if (fseek(fp, -8, SEEK_END) != 0) {
        fclose(fp);
        return -1;
    }
    n = fread(tail, 1, 8, fp);
    fclose(fp);
    return n >= 6 && strstr(tail, "%%EOF") ? 0 : -1;
}

int pdf_canvas_save(pdf_canvas *cv, const char *path, diag *d)
{
    HPDF_STATUS ret;
    int err;

    HPDF_ResetError(cv->pdf);
    cv->error = 0;
    if (pdfmem_save_begin(cv->n_pages) != 0)
        return diag_set(d, BRIEFING_ERR_NOMEM, "layout: out of memory in the PDF library");
    errno = 0;
    ret = HPDF_SaveToFile(cv->pdf, path);
    err = errno;
    pdfmem_save_end();
    if (pdf_canvas_ran_out(cv))
        return diag_set(d, BRIEFING_ERR_NOMEM, "layout: out of memory in the PDF library");
    if (ret != HPDF_OK) {
        if (cv->error == HPDF_FILE_OPEN_ERROR)
            return diag_set(d, diag_errno_status(err, BRIEFING_ERR_CANTCREAT),
                            "%s: cannot create the PDF%s%s", path, err ? ": " : "",
                            err ? strerror(err) : "");
        return diag_set(d, BRIEFING_ERR_IO, "%s: writing the PDF failed (error 0x%04lX)%s%s", path,
                        cv->error, err ? ": " : "", err ? strerror(err) : "");
    }
    if (pdf_check_file(path) != 0)
        return diag_set(d, BRIEFING_ERR_IO, "%s: the PDF was not written completely", path);
    return BRIEFING_OK;
}

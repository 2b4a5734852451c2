/*
 * canvas: the one place a page is drawn on.  The layout (core/layout/)
 * works out where everything goes and draws it through these calls; this
 * module and its neighbours in core/pdf/ are the only code that calls
 * libharu (docs/internals/pdf.md).
 *
 * A canvas is one PDF document being built: its pages, the faces loaded
 * into it, its outline and information, and its save.  Drawing goes to the
 * current page (the last added, or the one selected).  Each call is one
 * libharu operation, or the few a mark needs, in the order the layout
 * asks: the output is what the layout asks for, byte for byte.
 *
 * What a mark is: pdf_canvas_begin/end bracket the marks of one piece of
 * the document's structure (a heading, a paragraph, a table cell, a
 * figure...), and pdf_canvas_artifact_begin/end the marks that are not
 * content (running headers, page numbers, rules, panel backgrounds).  Today
 * they are only counted and shown to a tap; the tagged PDF (issue 18,
 * core/pdf/tag.c) is built on them.  The contract is in pdf.md.
 *
 * A tap (pdf_canvas_set_tap) sees every call as a pdf_canvas_op, after it
 * is carried out: tests assert on the drawing operations the layout emits
 * (tests/unit/test_layout_ops.c).
 *
 * Units: PDF points, y upwards from the page's foot.  Colours: 0..1.
 */
#ifndef BRIEFING_PDF_CANVAS_H
#define BRIEFING_PDF_CANVAS_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef struct pdf_canvas pdf_canvas;
typedef struct pdf_outline pdf_outline; /* a bookmark (libharu's, opaque) */
typedef struct pdf_image pdf_image;     /* an image loaded into the document */

/* The most faces a document loads (the layout uses 8). */
#define PDF_CANVAS_FACES 16

/* ---- what a mark is (issue 18) ---- */

typedef enum pdf_role {
    PDF_ROLE_HEADING,   /* tag.level 1..3 */
    PDF_ROLE_PARAGRAPH,
    PDF_ROLE_NOTE,      /* a source citation or a note under a table */
    PDF_ROLE_LIST,
    PDF_ROLE_ITEM,      /* a list item: its label (bullet) and body */
    PDF_ROLE_TABLE,     /* tag.key: one per table, the same on every page */
    PDF_ROLE_ROW,
    PDF_ROLE_HEADER_CELL,
    PDF_ROLE_CELL,
    PDF_ROLE_CAPTION,   /* a table's or a figure's */
    PDF_ROLE_FIGURE,    /* tag.alt: what it shows, in words */
    PDF_ROLE_LINK,      /* tag.url, or tag.page for a link inside the document */
    PDF_ROLE_TOC,
    PDF_ROLE_TOC_ITEM,
    PDF_ROLE_LABEL,     /* a list item's label (its bullet) */
    PDF_ROLE_ITEM_BODY, /* a list item's body */
    PDF_ROLE_TABLE_HEAD, /* the rows of a table's head (its first page only) */
    PDF_ROLE_TABLE_BODY, /* a table's other rows, continued over its pages */
    PDF_ROLE_DIV,       /* a group: an at-a-glance panel */
    PDF_ROLE_ROW_HEADER_CELL, /* a cell naming its row (TH, /Scope /Row) */
    PDF_ROLE_N
} pdf_role;

typedef enum pdf_artifact {
    PDF_ARTIFACT_HEADER,     /* running header */
    PDF_ARTIFACT_FOOTER,     /* running footer, page numbers */
    PDF_ARTIFACT_RULE,       /* a rule, a leader, a grid line */
    PDF_ARTIFACT_BACKGROUND, /* a panel's or a badge's background */
    PDF_ARTIFACT_N
} pdf_artifact;

/* What a structure element says of itself; fields a role does not use are
 * 0 or NULL.  Strings are borrowed for the call (tag.c copies them). */
typedef struct pdf_tag {
    int level;             /* heading: 1..3 */
    const char *alt;       /* figure: alternative text (UTF-8), alt_len bytes */
    size_t alt_len;
    const char *url;       /* link out of the document */
    int page;              /* link inside it: the page (0-based); -1 none */
    const void *key;       /* an element drawn in pieces (a table over pages):
                            * every piece gives the same key */
    double x0, y0, x1, y1; /* figure: where it is on its page (all 0: not said) */
} pdf_tag;

/* Opens a structure element of role; tag may be NULL.  Elements nest:
 * each begin is closed by pdf_canvas_end, inner before outer, and never
 * across a page (an element continued on the next page is begun again
 * there with the same tag.key). */
void pdf_canvas_begin(pdf_canvas *cv, pdf_role role, const pdf_tag *tag);
void pdf_canvas_end(pdf_canvas *cv);

/* Brackets marks that are not content; no structure element inside. */
void pdf_canvas_artifact_begin(pdf_canvas *cv, pdf_artifact kind);
void pdf_canvas_artifact_end(pdf_canvas *cv);

/* Tagging (issue 18): from this call on, the canvas writes a structure
 * tree (core/pdf/tag.c) from the calls above: each begin an element, each
 * mark drawn inside one in a marked-content sequence it owns, each
 * artifact an /Artifact sequence, each link annotation in its Link.  Call
 * it before the first page.  Without it (a template's "tagged": false)
 * the PDF is untagged and the calls only counted.  Returns BRIEFING_OK or
 * BRIEFING_ERR_NOMEM. */
int pdf_canvas_tag(pdf_canvas *cv);

/* After the last page: writes what a tagged document holds besides its
 * tree (/MarkInfo, /Lang, /ViewerPreferences, XMP metadata with title,
 * creator and dates from epoch, /Tabs, PDF 1.7, a deterministic /ID).
 * Does nothing untagged.  Returns BRIEFING_OK, or BRIEFING_ERR_INTERNAL
 * with d set saying what the tagging refused first (a mark outside any
 * element is how an untagged mark is found). */
int pdf_canvas_tag_finish(pdf_canvas *cv, const char *title, const char *creator, long long epoch,
                          diag *d);

/* How deep the structure is now (begins not yet ended, artifacts
 * included): 0 between pages when the layout kept the contract. */
int pdf_canvas_depth(const pdf_canvas *cv);

/* ---- the tap ---- */

typedef enum pdf_op_kind {
    PDF_OP_PAGE,        /* page added: index, w, h */
    PDF_OP_SELECT,      /* page selected: index */
    PDF_OP_FILL_COLOUR, /* rgb, whether written or already set */
    PDF_OP_STROKE_COLOUR,
    PDF_OP_LINE_WIDTH,  /* w */
    PDF_OP_LINE_CAP,    /* index: 0 butt, 1 round */
    PDF_OP_LINE_JOIN,   /* index: 1 round */
    PDF_OP_DASH,        /* index: number of dash lengths, 0 solid */
    PDF_OP_GSAVE,
    PDF_OP_GRESTORE,
    PDF_OP_MOVE_TO,     /* x, y */
    PDF_OP_LINE_TO,     /* x, y */
    PDF_OP_RECT,        /* x, y, w, h */
    PDF_OP_CIRCLE,      /* x, y, w (radius) */
    PDF_OP_STROKE,      /* rgb, w: the stroke colour and width it uses */
    PDF_OP_FILL,        /* rgb: the fill colour */
    PDF_OP_CLIP,
    PDF_OP_TEXT,        /* x, y, size, face, text (bytes in the face's encoding), rgb */
    PDF_OP_IMAGE,       /* x, y, w, h */
    PDF_OP_URI_LINK,    /* x, y, w, h, text (the URL) */
    PDF_OP_PAGE_LINK,   /* x, y, w, h, index (target page) */
    PDF_OP_OUTLINE,     /* text (title), y (top), index (page) */
    PDF_OP_BEGIN,       /* role, tag */
    PDF_OP_END,
    PDF_OP_ARTIFACT_BEGIN, /* artifact */
    PDF_OP_ARTIFACT_END
} pdf_op_kind;

typedef struct pdf_canvas_op {
    pdf_op_kind kind;
    size_t page;           /* the current page (0-based) */
    double x, y, w, h, size;
    double rgb[3];
    int face;
    long index;
    const char *text;      /* borrowed for the call */
    pdf_role role;
    const pdf_tag *tag;    /* borrowed for the call; NULL when none */
    pdf_artifact artifact;
} pdf_canvas_op;

typedef void (*pdf_canvas_tap)(void *arg, const pdf_canvas_op *op);

/* Shows every later call to tap (NULL: none). */
void pdf_canvas_set_tap(pdf_canvas *cv, pdf_canvas_tap tap, void *arg);

/* ---- the document ---- */

/* A new empty document, compressed, with UTF-8 encodings available.
 * NULL when memory ran out.  libharu allocates through pdfmem (one
 * document at a time, see pdfmem.h). */
pdf_canvas *pdf_canvas_new(void);

/* Frees the document and pdfmem's reserve.  NULL is fine. */
void pdf_canvas_free(pdf_canvas *cv);

/* libharu's first error since the canvas was made (0: none), its detail
 * code and errno at that moment. */
unsigned long pdf_canvas_error(const pdf_canvas *cv);
unsigned long pdf_canvas_error_detail(const pdf_canvas *cv);

/* 1 when libharu ran out of memory: it said so, or one of its allocations
 * failed (pdfmem records them all). */
int pdf_canvas_ran_out(const pdf_canvas *cv);

/* Adds a page w x h points and makes it current; returns its index, or -1
 * (see pdf_canvas_error, pdf_canvas_ran_out). */
long pdf_canvas_add_page(pdf_canvas *cv, double w, double h);

/* Makes page i (0-based, added before) the current one. */
void pdf_canvas_select(pdf_canvas *cv, size_t i);
size_t pdf_canvas_page(const pdf_canvas *cv);
size_t pdf_canvas_pages(const pdf_canvas *cv);

/* ---- faces and their metrics ---- */

/* Loads a TrueType file for face slot `face`: the same file is embedded
 * once however many slots draw from it (same_as: a slot loaded before
 * from the same file, or -1).  utf8: the face draws text outside CP1252
 * (a CID font covering the BMP); cp1252_file: every face drawn from the
 * file is single-byte, so it may be embedded in a compact copy (fonts.h).
 * Returns BRIEFING_OK, or an error with d set naming the file. */
int pdf_canvas_load_face(pdf_canvas *cv, int face, const char *file, int same_as, int utf8,
                         int cp1252_file, diag *d);

/* 1 when slot face is loaded. */
int pdf_canvas_has_face(const pdf_canvas *cv, int face);

/* The advance width of code point cp in face, in thousandths of the size
 * (0 for a glyph the face lacks), or -1 when the face is not loaded.
 * libharu marks a glyph it measures for embedding, so measure only what is
 * drawn. */
int pdf_canvas_advance(pdf_canvas *cv, int face, uint32_t cp);

/* The face's ascent and descent (negative) in thousandths of the size. */
int pdf_canvas_ascent(pdf_canvas *cv, int face);
int pdf_canvas_descent(pdf_canvas *cv, int face);

/* ---- graphics state ---- */

/* Set the colour or width unless the page has it already: libharu keeps
 * the page's graphics state (through q and Q too), so asking it is exact;
 * a content stream without the repeats is shorter. */
void pdf_canvas_fill_colour(pdf_canvas *cv, double r, double g, double b);
void pdf_canvas_stroke_colour(pdf_canvas *cv, double r, double g, double b);
void pdf_canvas_line_width(pdf_canvas *cv, double w);

/* The same, written whether or not the page has it. */
void pdf_canvas_put_fill_colour(pdf_canvas *cv, double r, double g, double b);
void pdf_canvas_put_line_width(pdf_canvas *cv, double w);

enum { PDF_CAP_BUTT = 0, PDF_CAP_ROUND = 1 };
void pdf_canvas_line_cap(pdf_canvas *cv, int cap);
void pdf_canvas_line_join_round(pdf_canvas *cv);
/* A dash pattern of n lengths (at most 8); n 0: solid. */
void pdf_canvas_dash(pdf_canvas *cv, const unsigned short *pattern, unsigned n, unsigned phase);
void pdf_canvas_gsave(pdf_canvas *cv);
void pdf_canvas_grestore(pdf_canvas *cv);

/* ---- paths ---- */

void pdf_canvas_move_to(pdf_canvas *cv, double x, double y);
void pdf_canvas_line_to(pdf_canvas *cv, double x, double y);
void pdf_canvas_rect(pdf_canvas *cv, double x, double y, double w, double h);
void pdf_canvas_circle(pdf_canvas *cv, double x, double y, double r);
void pdf_canvas_stroke(pdf_canvas *cv);
void pdf_canvas_fill(pdf_canvas *cv);
/* Clips to the path and ends it without painting. */
void pdf_canvas_clip(pdf_canvas *cv);

/* A line from (x0, y0) to (x1, y1), stroked. */
void pdf_canvas_line(pdf_canvas *cv, double x0, double y0, double x1, double y1);

/* ---- text, images, links ---- */

/* Shows bytes (in face's encoding: CP1252, or UTF-8 for a UTF-8 face)
 * with the baseline's left end at x, y, in face at size, in the current
 * fill colour.  The font is set only when it changes.  Nothing is drawn
 * once libharu has failed (a half-built page). */
void pdf_canvas_text(pdf_canvas *cv, int face, double size, double x, double y, const char *bytes);

/* Loads w x h pixels of 8-bit RGB, with an 8-bit alpha as its soft mask
 * when alpha is not NULL; NULL when libharu could not. */
pdf_image *pdf_canvas_image_load(pdf_canvas *cv, const unsigned char *rgb,
                                 const unsigned char *alpha, unsigned w, unsigned h);
void pdf_canvas_image_draw(pdf_canvas *cv, pdf_image *im, double x, double y, double w, double h);

/* A clickable rectangle on the current page, grown to whole points (a
 * page of sources holds dozens of links, each written uncompressed), with
 * no border: to url, or to the top of page target (0-based). */
void pdf_canvas_uri_link(pdf_canvas *cv, double left, double bottom, double right, double top,
                         const char *url);
void pdf_canvas_page_link(pdf_canvas *cv, double left, double bottom, double right, double top,
                          size_t target);

/* A closed bookmark under parent (NULL: at the top) titled title (UTF-8
 * when utf8, else ASCII), pointing at y on the current page. */
pdf_outline *pdf_canvas_outline(pdf_canvas *cv, pdf_outline *parent, const char *title, int utf8,
                                double y);

/* The viewer opens with the outline shown. */
void pdf_canvas_show_outline(pdf_canvas *cv);

/* ---- information and saving ---- */

typedef enum pdf_info {
    PDF_INFO_TITLE, PDF_INFO_SUBJECT, PDF_INFO_AUTHOR, PDF_INFO_KEYWORDS, PDF_INFO_CREATOR
} pdf_info;

/* Sets one entry.  libharu writes a value as UTF-16 whenever an encoder is
 * set: set the ASCII values (utf8 0) before any in UTF-8 (utf8 1). */
void pdf_canvas_info(pdf_canvas *cv, pdf_info key, const char *value, int utf8);

/* Sets the creation and modification dates to t (seconds since 1970, UTC). */
void pdf_canvas_dates(pdf_canvas *cv, long long t);

/* Writes the document to path.  Returns BRIEFING_OK, or with d set:
 * BRIEFING_ERR_NOMEM, BRIEFING_ERR_CANTCREAT (or the errno's status) when
 * the file cannot be made, BRIEFING_ERR_IO when writing failed or the file
 * does not end as a PDF does. */
int pdf_canvas_save(pdf_canvas *cv, const char *path, diag *d);

#endif

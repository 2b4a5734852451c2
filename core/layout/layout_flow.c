/*
 * layout_flow.c: layout_write.  In order: decide which faces the document
 * uses and in which encoding, load only those, break every text into lines,
 * flow the blocks down the pages (keeping headings with what follows,
 * keeping marked groups together), then stamp the running header and
 * footer, fill in the table of contents, set the document information and
 * save.
 */
#include "layout_impl.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <briefing/status.h>
#include <briefing/version.h>

#include "buf.h"
#include "labels.h"
#include "logo.h"
#include "utf8.h"

#define LAYOUT_LEADING 1.35
#define LAYOUT_NOTE_PT 8.0
#define LAYOUT_RUNNING_PT 8.0
#define LAYOUT_BULLET_INDENT (5 * LAYOUT_PT_PER_MM)

static const double layout_heading_pt[4] = {0, 18, 14, 11.5};
static const double layout_heading_before[4] = {0, 18, 13, 9};
static const double layout_heading_after[4] = {0, 7, 5, 3};

enum { RUN_HEADER_LEFT, RUN_HEADER_RIGHT, RUN_FOOTER_LEFT, RUN_FOOTER_CENTRE, RUN_FOOTER_RIGHT, RUN_N };

typedef struct layout_toc_entry {
    layout_rich text;
    int level;
    size_t block;
    layout_line *lines;
    size_t n_lines;
} layout_toc_entry;

typedef struct layout_writer {
    briefing_doc *doc;
    diag *d;
    layout_flow f;
    layout_rich running[RUN_N]; /* the templates, {page} and {pages} unreplaced */
    layout_rich bullet, contents;
    layout_toc_entry *toc;
    size_t n_toc;
    size_t toc_page, n_toc_pages; /* where the contents pages are */
    pdf_outline *outline_l1;      /* the last level-1 bookmark */
} layout_writer;

/* ---- charts: each kind in its own file ---- */

double layout_chart_height(briefing_doc *doc, const layout_block *b, double width)
{
    switch (b->kind) {
    case LAYOUT_LINE_CHART: return layout_line_height(doc, b->chart, width);
    case LAYOUT_TIMELINE: return layout_timeline_height(doc, b->chart, width);
    default: return layout_judgements_height(doc, b->chart, width);
    }
}

int layout_chart_draw(layout_flow *f, const layout_block *b)
{
    double h = layout_chart_height(f->doc, b, f->width);
    pdf_tag tag = {0};
    int st = BRIEFING_OK;

    /* A chart is one figure, said in words from its data (only when
     * tagged: nobody reads them otherwise); out of memory, its title. */
    char *alt = f->doc->cfg.tagged ? layout_alt_chart(f->doc, b) : NULL;

    tag.alt = alt ? alt : b->chart->title.text;
    tag.alt_len = alt ? strlen(alt) : b->chart->title.len;
    tag.x0 = f->left;
    tag.x1 = f->right;
    tag.y0 = f->y - h;
    tag.y1 = f->y;
    pdf_canvas_begin(f->cv, PDF_ROLE_FIGURE, &tag);
    free(alt);
    switch (b->kind) {
    case LAYOUT_LINE_CHART: layout_line_draw(f, b->chart); break;
    case LAYOUT_TIMELINE: st = layout_timeline_draw(f, b->chart); break;
    default: st = layout_judgements_draw(f, b->chart); break;
    }
    pdf_canvas_end(f->cv);
    f->y -= h;
    return st;
}

/* Asks for at least this much space before the next thing placed. */
static void layout_flow_space(layout_flow *f, double pt)
{
    if (pt > f->pending)
        f->pending = pt;
}

/* Ends the page: whatever comes next starts a new one. */
static void layout_flow_break(layout_flow *f)
{
    if (f->n_pages > 0 && !f->at_top) {
        f->y = f->bottom - 1;
        f->pending = 0;
    }
}

/* The baseline of a line of size pt in a line box of height lh whose top
 * is at top: the glyphs' ascent and descent stay inside the box. */
static double layout_baseline(double top, double lh, double size)
{
    return top - (lh - size) / 2 - 0.905 * size;
}

/* ---- measuring ---- */

static double layout_body(const briefing_doc *doc)
{
    return doc->cfg.body_size_pt;
}

static double layout_line_h(double size)
{
    return size * LAYOUT_LEADING;
}

/* Space wanted before and after a block. */
static void layout_spacing(const briefing_doc *doc, const layout_block *b, double *before,
                           double *after)
{
    double body = layout_body(doc);

    *before = 0;
    *after = 0;
    switch (b->kind) {
    case LAYOUT_HEADING:
        *before = layout_heading_before[b->level];
        *after = layout_heading_after[b->level];
        break;
    case LAYOUT_PARAGRAPH: *after = body * 0.6; break;
    case LAYOUT_NOTE: *after = body * 0.6; break;
    case LAYOUT_BULLET: *after = body * 0.3; break;
    case LAYOUT_BADGE: *before = 2; *after = body * 0.6; break;
    case LAYOUT_FACTS: *before = 4; *after = 12; break;
    case LAYOUT_TABLE: *before = 4; *after = 12; break;
    case LAYOUT_LINE_CHART:
    case LAYOUT_TIMELINE:
    case LAYOUT_JUDGEMENTS: *before = 6; *after = 12; break;
    default: break;
    }
}

/* Facts: columns in the grid, panel width, and panel inner padding. */
static size_t layout_facts_cols(size_t n)
{
    return n <= 3 ? n : n == 4 ? 2 : 3;
}

#define LAYOUT_FACT_GAP (4 * LAYOUT_PT_PER_MM)
#define LAYOUT_FACT_PAD (3 * LAYOUT_PT_PER_MM)
#define LAYOUT_FACT_LABEL_PT 8.0
#define LAYOUT_FACT_VALUE_PT 14.0

static double layout_fact_width(const layout_flow *f, size_t n)
{
    size_t cols = layout_facts_cols(n);

    return (f->width - (cols - 1) * LAYOUT_FACT_GAP) / cols;
}

/* Lines of text r broken to width at size (a throwaway for measuring). */
static size_t layout_count_lines(briefing_doc *doc, const layout_rich *r, double width,
                                 double size, diag *d)
{
    layout_line *lines;
    size_t n;

    if (layout_break_rich(doc, r, width, size, &lines, &n, d) != BRIEFING_OK)
        return 0;
    free(lines);
    return n;
}

/* Height of one fact panel's content, without padding. */
static double layout_fact_height(briefing_doc *doc, const layout_fact *fa, double inner, diag *d)
{
    double h = layout_count_lines(doc, &fa->label, inner, LAYOUT_FACT_LABEL_PT, d) *
               layout_line_h(LAYOUT_FACT_LABEL_PT) + 3;

    if (fa->badge != BRIEFING_JUDGEMENT_NONE)
        h += layout_badge_height(11);
    else
        h += layout_count_lines(doc, &fa->value, inner, LAYOUT_FACT_VALUE_PT, d) *
             LAYOUT_FACT_VALUE_PT * 1.25;
    if (fa->detail.len)
        h += 3 + layout_count_lines(doc, &fa->detail, inner, LAYOUT_FACT_LABEL_PT, d) *
                     layout_line_h(LAYOUT_FACT_LABEL_PT);
    return h;
}

/* Height of the row of panels starting at fact i. */
static double layout_facts_row_height(layout_writer *w, const layout_block *b, size_t i)
{
    size_t cols = layout_facts_cols(b->n_facts), k;
    double inner = layout_fact_width(&w->f, b->n_facts) - 2 * LAYOUT_FACT_PAD, h = 0;

    for (k = i; k < i + cols && k < b->n_facts; k++) {
        double fh = layout_fact_height(w->doc, &b->facts[k], inner, w->d);

        if (fh > h)
            h = fh;
    }
    return h + 2 * LAYOUT_FACT_PAD;
}

static double layout_facts_height(layout_writer *w, const layout_block *b)
{
    size_t cols = layout_facts_cols(b->n_facts), i;
    double h = 0;

    for (i = 0; i < b->n_facts; i += cols)
        h += (i ? LAYOUT_FACT_GAP : 0) + layout_facts_row_height(w, b, i);
    return h;
}

static double layout_text_size(const briefing_doc *doc, const layout_block *b)
{
    switch (b->kind) {
    case LAYOUT_HEADING: return layout_heading_pt[b->level];
    case LAYOUT_NOTE: return LAYOUT_NOTE_PT;
    default: return layout_body(doc);
    }
}

static double layout_text_lh(const briefing_doc *doc, const layout_block *b)
{
    double size = layout_text_size(doc, b);

    return b->kind == LAYOUT_HEADING ? size * 1.25 : layout_line_h(size);
}

#define LAYOUT_BADGE_PT 10.0
#define LAYOUT_BADGE_GAP (3 * LAYOUT_PT_PER_MM)

/* The full height of a block, as if it fitted on one page. */
static double layout_block_height(layout_writer *w, const layout_block *b)
{
    switch (b->kind) {
    case LAYOUT_HEADING:
    case LAYOUT_PARAGRAPH:
    case LAYOUT_NOTE:
    case LAYOUT_BULLET: return b->n_lines * layout_text_lh(w->doc, b);
    case LAYOUT_BADGE: {
        double h = b->n_lines * layout_text_lh(w->doc, b);
        return h > layout_badge_height(LAYOUT_BADGE_PT) ? h : layout_badge_height(LAYOUT_BADGE_PT);
    }
    case LAYOUT_FACTS: return layout_facts_height(w, b);
    case LAYOUT_TABLE: return layout_table_height(b->table);
    case LAYOUT_LINE_CHART:
    case LAYOUT_TIMELINE:
    case LAYOUT_JUDGEMENTS: return layout_chart_height(w->doc, b, w->f.width);
    case LAYOUT_SPACE: return b->mm * LAYOUT_PT_PER_MM;
    default: return 0;
    }
}

static double layout_table_note_height(layout_writer *w, size_t i);

/* The least of block i that must share a page with a heading before it:
 * two lines of text, a table's head and first row, a whole chart. */
static double layout_start_height(layout_writer *w, size_t i, int depth)
{
    briefing_doc *doc = w->doc;
    const layout_block *b;
    double before, after;

    while (i < doc->n_blocks &&
           (doc->blocks[i].kind == LAYOUT_KEEP_BEGIN || doc->blocks[i].kind == LAYOUT_KEEP_END))
        i++;
    if (i >= doc->n_blocks)
        return 0;
    b = &doc->blocks[i];
    layout_spacing(doc, b, &before, &after);
    switch (b->kind) {
    case LAYOUT_PARAGRAPH:
    case LAYOUT_NOTE:
    case LAYOUT_BULLET:
        return before + (b->n_lines < 2 ? b->n_lines : 2) * layout_text_lh(doc, b);
    case LAYOUT_HEADING:
        return before + layout_block_height(w, b) +
               (depth > 0 ? layout_start_height(w, i + 1, depth - 1) : 0);
    case LAYOUT_TABLE: {
        double with_note = layout_table_note_height(w, i);

        return before + (with_note > 0 ? with_note
                                        : layout_table_min_height(b->table, w->f.top - w->f.bottom));
    }
    case LAYOUT_SPACE:
        return layout_block_height(w, b) +
               (depth > 0 ? layout_start_height(w, i + 1, depth - 1) : 0);
    case LAYOUT_PAGE_BREAK:
    case LAYOUT_COVER:
        return 0;
    default:
        return before + layout_block_height(w, b);
    }
}

/* The height of the blocks from i, up to end, the matching keep-together
 * end (unless to_break) or the next page break, as if on one page; *lead
 * gets the space the first of them asks for above it. */
static double layout_group_height(layout_writer *w, size_t i, size_t end, int to_break,
                                  double *lead)
{
    briefing_doc *doc = w->doc;
    double h = 0, prev_after = 0;
    int first = 1;

    *lead = 0;
    for (; i < end && i < doc->n_blocks && (to_break || doc->blocks[i].kind != LAYOUT_KEEP_END);
         i++) {
        const layout_block *b = &doc->blocks[i];
        double before, after;

        if (b->kind == LAYOUT_KEEP_BEGIN || b->kind == LAYOUT_KEEP_END)
            continue;
        if (b->kind == LAYOUT_PAGE_BREAK || b->kind == LAYOUT_COVER)
            break;
        layout_spacing(doc, b, &before, &after);
        if (!first)
            h += before > prev_after ? before : prev_after;
        else
            *lead = before;
        h += layout_block_height(w, b);
        prev_after = after;
        first = 0;
    }
    return h;
}

/* A note right after a table is its footnote: the height of the two
 * together when they fit on one page, so that they stay together; else 0. */
static double layout_table_note_height(layout_writer *w, size_t i)
{
    double lead, h;

    if (i + 1 >= w->doc->n_blocks || w->doc->blocks[i + 1].kind != LAYOUT_NOTE)
        return 0;
    h = layout_group_height(w, i, i + 2, 1, &lead);
    return h <= w->f.top - w->f.bottom ? h : 0;
}

/* ---- placing text ---- */

/* Places lines of r: at least the first two together (no orphan), never a
 * last line alone at the top of a page (no widow).  With bullet, the first
 * line gets a bullet in the indent. */
static int layout_place_lines(layout_writer *w, pdf_role role, const layout_rich *r,
                              const layout_line *lines, size_t n, double x, double size, double lh,
                              layout_rgb colour, const layout_rich *bullet)
{
    layout_flow *f = &w->f;
    size_t i;
    int st;

    for (i = 0; i < n; i++) {
        if (i == 0) {
            if ((st = layout_flow_need(f, (n < 2 ? n : 2) * lh)) != BRIEFING_OK)
                return st;
            pdf_canvas_begin(f->cv, role, NULL); /* continued if the lines go over a page */
        } else if (layout_flow_room(f) < lh - 0.01 ||
                   (n - i == 2 && i >= 2 && layout_flow_room(f) < 2 * lh - 0.01)) {
            if ((st = layout_flow_new_page(f)) != BRIEFING_OK)
                return st;
            f->at_top = 0;
        }
        if (i == 0 && bullet) {
            /* A list item: its label (the bullet), then its body. */
            pdf_canvas_begin(f->cv, PDF_ROLE_LABEL, NULL);
            layout_draw_text(w->doc, f->cv, bullet, 0, bullet->len, x - LAYOUT_BULLET_INDENT + 4,
                             layout_baseline(f->y, lh, size), size, colour);
            pdf_canvas_end(f->cv);
            pdf_canvas_begin(f->cv, PDF_ROLE_ITEM_BODY, NULL);
        }
        layout_draw_text(w->doc, f->cv, r, lines[i].start, lines[i].end, x,
                         layout_baseline(f->y, lh, size), size, colour);
        f->y -= lh;
    }
    if (n > 0 && bullet)
        pdf_canvas_end(f->cv); /* the item's body */
    if (n > 0)
        pdf_canvas_end(f->cv);
    return BRIEFING_OK;
}

/* A bookmark for a level 1 or 2 heading, pointing at where it stands. */
static void layout_bookmark(layout_writer *w, const layout_block *b, double top)
{
    pdf_outline *o, *parent = b->level == 2 && w->outline_l1 ? w->outline_l1 : NULL;
    char *title = malloc(b->text.len + 1);
    size_t i, o_len = 0;
    int ascii = 1;

    if (title == NULL) {
        w->doc->nomem = 1; /* the outline would lack this heading */
        return;
    }
    /* Line feeds become spaces; characters past the BMP, which the
     * library's UTF-16 cannot carry, become U+FFFD. */
    for (i = 0; i < b->text.len;) {
        uint32_t cp;
        size_t n = utf8_decode(b->text.text + i, b->text.len - i, &cp);

        if (cp > 0xffff) {
            memcpy(title + o_len, "\xef\xbf\xbd", 3);
            o_len += 3;
        } else if (cp == '\n') {
            title[o_len++] = ' ';
        } else {
            memcpy(title + o_len, b->text.text + i, n);
            o_len += n;
        }
        if (cp >= 0x80)
            ascii = 0;
        i += n;
    }
    title[o_len] = '\0';
    o = pdf_canvas_outline(w->f.cv, parent, title, !ascii, top + 4);
    free(title);
    if (o == NULL)
        return;
    if (b->level == 1)
        w->outline_l1 = o;
}

static int layout_place_heading(layout_writer *w, size_t i)
{
    briefing_doc *doc = w->doc;
    layout_block *b = &doc->blocks[i];
    layout_flow *f = &w->f;
    double size = layout_text_size(doc, b), lh = layout_text_lh(doc, b);
    double h = b->n_lines * lh, need = h + layout_start_height(w, i + 1, 2);
    double top;
    pdf_tag tag = {0};
    size_t k;
    int st;

    if (need > f->top - f->bottom)
        need = h;
    if ((st = layout_flow_need(f, need)) != BRIEFING_OK)
        return st;
    top = f->y;
    tag.level = b->level;
    pdf_canvas_begin(f->cv, PDF_ROLE_HEADING, &tag);
    for (k = 0; k < b->n_lines; k++) {
        layout_draw_text(doc, f->cv, &b->text, b->lines[k].start, b->lines[k].end, f->left,
                         layout_baseline(f->y, lh, size), size, doc->cfg.colours.text);
        f->y -= lh;
    }
    pdf_canvas_end(f->cv);
    b->page = (int)f->n_pages;
    if (b->level <= 2)
        layout_bookmark(w, b, top);
    return BRIEFING_OK;
}

static int layout_place_badge(layout_writer *w, layout_block *b)
{
    briefing_doc *doc = w->doc;
    layout_flow *f = &w->f;
    double bh = layout_badge_height(LAYOUT_BADGE_PT), lh = layout_line_h(layout_body(doc));
    double bw = layout_badge_width(doc, b->badge, LAYOUT_BADGE_PT);
    double h = layout_block_height(w, b), top;
    size_t k;
    int st;

    if ((st = layout_flow_need(f, h)) != BRIEFING_OK)
        return st;
    top = f->y;
    pdf_canvas_begin(f->cv, PDF_ROLE_PARAGRAPH, NULL);
    layout_draw_badge(doc, f->cv, b->badge, f->left, top - bh, LAYOUT_BADGE_PT);
    for (k = 0; k < b->n_lines; k++)
        layout_draw_text(doc, f->cv, &b->text, b->lines[k].start, b->lines[k].end,
                         f->left + bw + LAYOUT_BADGE_GAP,
                         layout_baseline(top - (bh - lh) / 2 - k * lh, lh, layout_body(doc)),
                         layout_body(doc), doc->cfg.colours.text);
    pdf_canvas_end(f->cv);
    f->y = top - h;
    return BRIEFING_OK;
}

/* Draws lines of r from the top down; returns the height used. */
static double layout_draw_para(briefing_doc *doc, pdf_canvas *cv, const layout_rich *r,
                               double x, double top, double width, double size, double lh,
                               layout_rgb colour, diag *d)
{
    layout_line *lines;
    size_t n, k;

    if (layout_break_rich(doc, r, width, size, &lines, &n, d) != BRIEFING_OK)
        return 0;
    for (k = 0; k < n; k++)
        layout_draw_text(doc, cv, r, lines[k].start, lines[k].end, x,
                         layout_baseline(top - k * lh, lh, size), size, colour);
    free(lines);
    return n * lh;
}

static int layout_place_facts(layout_writer *w, const layout_block *b)
{
    briefing_doc *doc = w->doc;
    layout_flow *f = &w->f;
    size_t cols = layout_facts_cols(b->n_facts), i, k;
    double pw = layout_fact_width(f, b->n_facts), inner = pw - 2 * LAYOUT_FACT_PAD;
    double llh = layout_line_h(LAYOUT_FACT_LABEL_PT);
    int st;

    for (i = 0; i < b->n_facts; i += cols) {
        double rh = layout_facts_row_height(w, b, i);

        if (i > 0)
            layout_flow_space(f, LAYOUT_FACT_GAP);
        if ((st = layout_flow_need(f, rh)) != BRIEFING_OK)
            return st;
        if (i == 0)
            pdf_canvas_begin(f->cv, PDF_ROLE_DIV, NULL); /* the panels, row by row */
        for (k = i; k < i + cols && k < b->n_facts; k++) {
            const layout_fact *fa = &b->facts[k];
            double x = f->left + (k - i) * (pw + LAYOUT_FACT_GAP), y = f->y - LAYOUT_FACT_PAD;

            pdf_canvas_begin(f->cv, PDF_ROLE_DIV, NULL); /* one panel */
            pdf_canvas_artifact_begin(f->cv, PDF_ARTIFACT_BACKGROUND);
            layout_fill_rect(f->cv, x, f->y - rh, pw, rh, doc->cfg.colours.panel);
            pdf_canvas_artifact_end(f->cv);
            x += LAYOUT_FACT_PAD;
            pdf_canvas_begin(f->cv, PDF_ROLE_PARAGRAPH, NULL);
            y -= layout_draw_para(doc, f->cv, &fa->label, x, y, inner, LAYOUT_FACT_LABEL_PT, llh,
                                  doc->cfg.colours.secondary, w->d) + 3;
            pdf_canvas_end(f->cv);
            pdf_canvas_begin(f->cv, PDF_ROLE_PARAGRAPH, NULL);
            if (fa->badge != BRIEFING_JUDGEMENT_NONE) {
                y -= layout_badge_height(11);
                layout_draw_badge(doc, f->cv, fa->badge, x, y, 11);
            } else {
                y -= layout_draw_para(doc, f->cv, &fa->value, x, y, inner, LAYOUT_FACT_VALUE_PT,
                                      LAYOUT_FACT_VALUE_PT * 1.25, doc->cfg.colours.text, w->d);
            }
            pdf_canvas_end(f->cv);
            if (fa->detail.len) {
                pdf_canvas_begin(f->cv, PDF_ROLE_PARAGRAPH, NULL);
                layout_draw_para(doc, f->cv, &fa->detail, x, y - 3, inner, LAYOUT_FACT_LABEL_PT,
                                 llh, doc->cfg.colours.secondary, w->d);
                pdf_canvas_end(f->cv);
            }
            pdf_canvas_end(f->cv);
        }
        f->y -= rh;
    }
    if (b->n_facts)
        pdf_canvas_end(f->cv);
    return BRIEFING_OK;
}

/* ---- the cover ---- */

/* The template's logo at the top left of the cover, fitted into 60 x 25 mm.
 * logo.c reads the file and bounds it; only the drawing is here: the RGB
 * pixels as one image, their alpha (if any) as its soft mask.  A logo that
 * cannot be read is warned about and left out; running out of memory or of
 * file descriptors fails the document (71). */
static int layout_draw_logo(layout_writer *w, const char *path, double x, double top)
{
    briefing_doc *doc = w->doc;
    double mm = LAYOUT_PT_PER_MM, sw, sh, s;
    logo_image img;
    pdf_image *im;
    pdf_tag tag = {0};
    double iw, ih;
    char why[300];
    int st = logo_read(path, &img, why, sizeof why);

    if (st == BRIEFING_ERR_NOMEM)
        return diag_set(w->d, st, "cover: logo %.500s: %s", path, why);
    if (st != BRIEFING_OK) {
        if (doc->cfg.warn) {
            char msg[900];

            snprintf(msg, sizeof msg, "cover: logo %.500s is not a readable PNG file; left out (%s)",
                     path, why);
            doc->cfg.warn(doc->cfg.warn_arg, msg);
        }
        return BRIEFING_OK;
    }
    im = pdf_canvas_image_load(doc->cv, img.rgb, img.alpha, img.width, img.height);
    iw = img.width;
    ih = img.height;
    logo_free(&img);
    if (im == NULL && layout_hpdf_ran_out(doc))
        return layout_hpdf_nomem(w->d);
    if (im == NULL)
        return diag_set(w->d, BRIEFING_ERR_INTERNAL,
                        "cover: the PDF library cannot add the logo (error 0x%04lX)",
                        pdf_canvas_error(doc->cv));
    sw = 60 * mm / iw;
    sh = 25 * mm / ih;
    s = sw < sh ? sw : sh;
    tag.alt = "Logo";
    tag.alt_len = 4;
    pdf_canvas_begin(w->f.cv, PDF_ROLE_FIGURE, &tag);
    pdf_canvas_image_draw(w->f.cv, im, x, top - ih * s, iw * s, ih * s);
    pdf_canvas_end(w->f.cv);
    return BRIEFING_OK;
}

static int layout_place_cover(layout_writer *w, const layout_block *b)
{
    briefing_doc *doc = w->doc;
    layout_flow *f = &w->f;
    const layout_cover *c = b->cover;
    const layout_colours *col = &doc->cfg.colours;
    double y, mm = LAYOUT_PT_PER_MM;
    pdf_tag tag = {0};
    int st;

    if (f->n_pages == 0 || !f->at_top) {
        if ((st = layout_flow_new_page(f)) != BRIEFING_OK)
            return st;
    }
    f->bare[f->n_pages - 1] = 1;
    y = f->top;
    /* The protective marking stands at the head and the foot of the page. */
    if (c->marking.len) {
        double mw = layout_width(doc, &c->marking, 10);

        pdf_canvas_begin(f->cv, PDF_ROLE_PARAGRAPH, NULL);
        layout_draw_text(doc, f->cv, &c->marking, 0, c->marking.len, f->left + (f->width - mw) / 2,
                         f->top + 6 * mm, 10, col->text);
        pdf_canvas_end(f->cv);
        pdf_canvas_artifact_begin(f->cv, PDF_ARTIFACT_FOOTER); /* said once already */
        layout_draw_text(doc, f->cv, &c->marking, 0, c->marking.len, f->left + (f->width - mw) / 2,
                         f->bottom - 10 * mm, 10, col->text);
        pdf_canvas_artifact_end(f->cv);
    }
    if (c->logo && (st = layout_draw_logo(w, c->logo, f->left, y)) != BRIEFING_OK)
        return st;
    /* A band of accent colour, then the title block a third of the way down. */
    y = f->top - (f->top - f->bottom) * 0.3;
    pdf_canvas_artifact_begin(f->cv, PDF_ARTIFACT_BACKGROUND);
    layout_fill_rect(f->cv, f->left, y, 25 * mm, 2.5 * mm, col->accent);
    pdf_canvas_artifact_end(f->cv);
    y -= 8 * mm;
    if (c->council.len) {
        pdf_canvas_begin(f->cv, PDF_ROLE_PARAGRAPH, NULL);
        y -= layout_draw_para(doc, f->cv, &c->council, f->left, y, f->width, 16, 20, col->accent,
                              w->d) + 4 * mm;
        pdf_canvas_end(f->cv);
    }
    tag.level = 1;
    pdf_canvas_begin(f->cv, PDF_ROLE_HEADING, &tag);
    y -= layout_draw_para(doc, f->cv, &c->title, f->left, y, f->width, 30, 36, col->text, w->d);
    pdf_canvas_end(f->cv);
    if (c->subtitle.len) {
        pdf_canvas_begin(f->cv, PDF_ROLE_PARAGRAPH, NULL);
        y -= 3 * mm + layout_draw_para(doc, f->cv, &c->subtitle, f->left, y - 3 * mm, f->width, 15,
                                       20, col->secondary, w->d);
        pdf_canvas_end(f->cv);
    }
    if (c->as_of.len) {
        y -= 10 * mm;
        pdf_canvas_artifact_begin(f->cv, PDF_ARTIFACT_RULE);
        layout_set_stroke(f->cv, col->rule);
        layout_set_line_width(f->cv, 0.5);
        pdf_canvas_line(f->cv, f->left, y, f->right, y);
        pdf_canvas_artifact_end(f->cv);
        y -= 4 * mm;
        pdf_canvas_begin(f->cv, PDF_ROLE_PARAGRAPH, NULL);
        layout_draw_para(doc, f->cv, &c->as_of, f->left, y, f->width, 12, 16, col->text, w->d);
        pdf_canvas_end(f->cv);
    }
    if (c->note.len) {
        double nlh = layout_line_h(LAYOUT_NOTE_PT);
        size_t n = layout_count_lines(doc, &c->note, f->width, LAYOUT_NOTE_PT, w->d);

        pdf_canvas_begin(f->cv, PDF_ROLE_NOTE, NULL);
        layout_draw_para(doc, f->cv, &c->note, f->left, f->bottom + n * nlh, f->width,
                         LAYOUT_NOTE_PT, nlh, col->secondary, w->d);
        pdf_canvas_end(f->cv);
    }
    f->at_top = 0;
    layout_flow_break(f);
    return BRIEFING_OK;
}

/* ---- contents ---- */

/* Width left for an entry's text beside its page number. */
static double layout_toc_text_width(const layout_writer *w, int level)
{
    return w->f.width - (level == 2 ? 6 * LAYOUT_PT_PER_MM : 0) - 15 * LAYOUT_PT_PER_MM;
}

/* Collects the entries and works out how many pages they take. */
static int layout_toc_prepare(layout_writer *w)
{
    briefing_doc *doc = w->doc;
    double room = w->f.top - w->f.bottom, y, lh = layout_line_h(layout_body(doc));
    size_t i;
    int st;

    if (!doc->cfg.toc)
        return BRIEFING_OK;
    for (i = 0; i < doc->n_blocks; i++)
        if (doc->blocks[i].kind == LAYOUT_HEADING && doc->blocks[i].level <= 2)
            w->n_toc++;
    if (w->n_toc == 0)
        return BRIEFING_OK;
    if ((w->toc = calloc(w->n_toc, sizeof *w->toc)) == NULL)
        return diag_set(w->d, BRIEFING_ERR_NOMEM, "layout: out of memory");
    w->n_toc = 0;
    for (i = 0; i < doc->n_blocks; i++) {
        const layout_block *b = &doc->blocks[i];
        layout_toc_entry *e = &w->toc[w->n_toc];

        if (b->kind != LAYOUT_HEADING || b->level > 2)
            continue;
        w->n_toc++;
        e->level = b->level;
        e->block = i;
        if ((st = layout_rich_set(doc, &e->text, b->text.text,
                                  b->level == 1 ? LAYOUT_BOLD : LAYOUT_REGULAR, "contents")))
            return diag_set(w->d, st, "%s", doc->err.text);
    }
    w->n_toc_pages = 1;
    y = layout_heading_pt[1] * 1.25 + layout_heading_after[1];
    for (i = 0; i < w->n_toc; i++) {
        layout_toc_entry *e = &w->toc[i];
        double h;

        /* Lines are broken once fonts are loaded; count with a guess here
         * and settle in layout_toc_break. */
        h = (e->level == 1 ? 5 : 1) + lh;
        if (y + h > room) {
            w->n_toc_pages++;
            y = 0;
        }
        y += h;
    }
    return BRIEFING_OK;
}

/* Breaks the entries now that widths are known, and recounts the pages. */
static int layout_toc_break(layout_writer *w)
{
    briefing_doc *doc = w->doc;
    double room = w->f.top - w->f.bottom, y, lh = layout_line_h(layout_body(doc));
    size_t i;
    int st;

    if (w->n_toc == 0)
        return BRIEFING_OK;
    w->n_toc_pages = 1;
    y = layout_heading_pt[1] * 1.25 + layout_heading_after[1];
    for (i = 0; i < w->n_toc; i++) {
        layout_toc_entry *e = &w->toc[i];
        double h;

        if ((st = layout_break_rich(doc, &e->text, layout_toc_text_width(w, e->level),
                                    layout_body(doc), &e->lines, &e->n_lines, w->d)))
            return st;
        h = (e->level == 1 ? 5 : 1) + e->n_lines * lh;
        if (y + h > room) {
            w->n_toc_pages++;
            y = 0;
        }
        y += h;
    }
    return BRIEFING_OK;
}

/* Draws the entries on the reserved pages, each linked to its heading. */
/* Dot leaders from x0 to x1 on baseline y: a contents entry's title led to
 * its page number, in the colour of rules, dots on a 3-point pitch aligned
 * to the right so that every entry's dots line up. */
static void layout_toc_leader(briefing_doc *doc, pdf_canvas *cv, double x0, double x1, double y)
{
    static const unsigned short dot[2] = {1, 2}; /* with round caps: dots */
    double pitch = 3, start;

    if (x1 - x0 < 4 * pitch || pdf_canvas_error(cv))
        return;
    start = x1 - floor((x1 - x0) / pitch) * pitch;
    pdf_canvas_artifact_begin(cv, PDF_ARTIFACT_RULE);
    layout_set_stroke(cv, doc->cfg.colours.secondary);
    layout_set_line_width(cv, 0.9);
    pdf_canvas_line_cap(cv, PDF_CAP_ROUND);
    pdf_canvas_dash(cv, dot, 2, 0);
    pdf_canvas_line(cv, start, y + 1, x1, y + 1);
    pdf_canvas_dash(cv, NULL, 0, 0);
    pdf_canvas_line_cap(cv, PDF_CAP_BUTT);
    pdf_canvas_artifact_end(cv);
}

static void layout_toc_draw(layout_writer *w)
{
    briefing_doc *doc = w->doc;
    layout_flow *f = &w->f;
    double lh = layout_line_h(layout_body(doc)), size = layout_body(doc), y, num_w = 0;
    size_t i, page = w->toc_page;
    pdf_canvas *p = f->cv;
    pdf_tag tag = {0}, link = {0};
    layout_rich widestr = {0};
    char widest[24];

    /* The leaders all end where the widest page number begins. */
    snprintf(widest, sizeof widest, "%zu", f->n_pages);
    if (layout_rich_set(doc, &widestr, widest, LAYOUT_BOLD, "contents") == BRIEFING_OK)
        num_w = layout_width(doc, &widestr, size);
    layout_rich_free(&widestr);
    pdf_canvas_select(p, page);
    y = f->top;
    tag.key = &w->toc;
    pdf_canvas_begin(p, PDF_ROLE_DIV, &tag); /* where layout_toc_hold kept it */
    tag.key = NULL;
    tag.level = 1;
    pdf_canvas_begin(p, PDF_ROLE_HEADING, &tag);
    layout_draw_text(doc, p, &w->contents, 0, w->contents.len, f->left,
                     layout_baseline(y, layout_heading_pt[1] * 1.25, layout_heading_pt[1]),
                     layout_heading_pt[1], doc->cfg.colours.text);
    pdf_canvas_end(p);
    pdf_canvas_begin(p, PDF_ROLE_TOC, NULL); /* continued on the next contents page */
    y -= layout_heading_pt[1] * 1.25 + layout_heading_after[1];
    for (i = 0; i < w->n_toc; i++) {
        layout_toc_entry *e = &w->toc[i];
        const layout_block *b = &doc->blocks[e->block];
        double h = (e->level == 1 ? 5 : 1) + e->n_lines * lh, x = f->left, top;
        char num[24];
        layout_rich numr = {0};
        size_t k;

        if (y - h < f->bottom && page + 1 < w->toc_page + w->n_toc_pages) {
            pdf_canvas_select(p, ++page);
            y = f->top;
        }
        y -= e->level == 1 ? 5 : 1;
        top = y;
        if (e->level == 2)
            x += 6 * LAYOUT_PT_PER_MM;
        link.page = b->page - 1;
        pdf_canvas_begin(p, PDF_ROLE_TOC_ITEM, NULL);
        pdf_canvas_begin(p, PDF_ROLE_LINK, &link);
        for (k = 0; k < e->n_lines; k++) {
            layout_draw_text(doc, p, &e->text, e->lines[k].start, e->lines[k].end, x,
                             layout_baseline(y, lh, size), size, doc->cfg.colours.text);
            y -= lh;
        }
        snprintf(num, sizeof num, "%d", b->page);
        if (layout_rich_set(doc, &numr, num, e->level == 1 ? LAYOUT_BOLD : LAYOUT_REGULAR,
                            "contents") == BRIEFING_OK) {
            double nw = layout_width(doc, &numr, size), end = x;

            if (e->n_lines)
                end += layout_rich_width(doc, &e->text, e->lines[e->n_lines - 1].start,
                                         e->lines[e->n_lines - 1].end, size);
            layout_toc_leader(doc, p, end + size * 0.6, f->right - num_w - size * 0.6,
                              layout_baseline(y + lh, lh, size));
            layout_draw_text(doc, p, &numr, 0, numr.len, f->right - nw,
                             layout_baseline(y + lh, lh, size), size, doc->cfg.colours.text);
        }
        layout_rich_free(&numr);
        if (b->page >= 1 && (size_t)b->page <= f->n_pages) {
            pdf_canvas_page_link(p, f->left, y, f->right, top, (size_t)b->page - 1);
        }
        pdf_canvas_end(p);
        pdf_canvas_end(p);
    }
    pdf_canvas_end(p); /* the TOC */
    pdf_canvas_end(p); /* its Div */
}

/* ---- running header and footer ---- */

/* The template with {page} and {pages} replaced; free() it. */
static char *layout_expand(const char *tmpl, int page, int pages)
{
    buf b;

    buf_init(&b, 4096);
    while (*tmpl) {
        if (strncmp(tmpl, "{pages}", 7) == 0) {
            buf_printf(&b, "%d", pages);
            tmpl += 7;
        } else if (strncmp(tmpl, "{page}", 6) == 0) {
            buf_printf(&b, "%d", page);
            tmpl += 6;
        } else {
            buf_addc(&b, *tmpl++);
        }
    }
    return buf_take(&b);
}

/* Draws the first line of a running text within [x0, x0 + width), aligned. */
static void layout_running_text(layout_writer *w, pdf_canvas *cv, const layout_rich *tmpl,
                                int pageno, double x0, double width, double y, int align)
{
    briefing_doc *doc = w->doc;
    layout_rich r = {0};
    layout_line *lines;
    size_t n;
    char *text;

    if (tmpl->len == 0)
        return;
    /* Out of memory, layout_rich_set and layout_break_rich mark the
     * document themselves. */
    if ((text = layout_expand(tmpl->text, pageno, (int)w->f.n_pages)) == NULL)
        doc->nomem = 1; /* a header or footer would be missing */
    else if (layout_rich_set(doc, &r, text, LAYOUT_REGULAR, "header") == BRIEFING_OK &&
             layout_break_rich(doc, &r, width, LAYOUT_RUNNING_PT, &lines, &n, w->d) == BRIEFING_OK) {
        if (n > 0) {
            double lw = layout_rich_width(doc, &r, lines[0].start, lines[0].end, LAYOUT_RUNNING_PT);
            double x = align < 0 ? x0 : align > 0 ? x0 + width - lw : x0 + (width - lw) / 2;

            layout_draw_text(doc, cv, &r, lines[0].start, lines[0].end, x, y, LAYOUT_RUNNING_PT,
                             doc->cfg.colours.secondary);
        }
        free(lines);
    }
    layout_rich_free(&r);
    free(text);
}

static void layout_stamp(layout_writer *w)
{
    layout_flow *f = &w->f;
    double ph = w->doc->cfg.page_height_mm * LAYOUT_PT_PER_MM;
    double head_y = ph - w->doc->cfg.margin_top_mm * LAYOUT_PT_PER_MM * 0.6;
    double foot_y = w->doc->cfg.margin_bottom_mm * LAYOUT_PT_PER_MM * 0.45;
    double half = f->width * 0.49, third = f->width * 0.32;
    size_t i;

    for (i = 0; i < f->n_pages; i++) {
        pdf_canvas *p = f->cv;
        int no = (int)i + 1;

        if (f->bare[i])
            continue;
        pdf_canvas_select(p, i);
        pdf_canvas_artifact_begin(p, PDF_ARTIFACT_HEADER);
        layout_running_text(w, p, &w->running[RUN_HEADER_LEFT], no, f->left, half, head_y, -1);
        layout_running_text(w, p, &w->running[RUN_HEADER_RIGHT], no, f->right - half, half, head_y, 1);
        pdf_canvas_artifact_end(p);
        pdf_canvas_artifact_begin(p, PDF_ARTIFACT_FOOTER);
        layout_running_text(w, p, &w->running[RUN_FOOTER_LEFT], no, f->left, third, foot_y, -1);
        layout_running_text(w, p, &w->running[RUN_FOOTER_CENTRE], no, f->left + (f->width - third) / 2,
                            third, foot_y, 0);
        layout_running_text(w, p, &w->running[RUN_FOOTER_RIGHT], no, f->right - third, third, foot_y, 1);
        pdf_canvas_artifact_end(p);
    }
}

/* ---- preparing ---- */

static void layout_scan_block(briefing_doc *doc, const layout_block *b)
{
    size_t i;

    layout_scan_rich(doc, &b->text);
    for (i = 0; i < b->n_facts; i++) {
        layout_scan_rich(doc, &b->facts[i].label);
        layout_scan_rich(doc, &b->facts[i].value);
        layout_scan_rich(doc, &b->facts[i].detail);
    }
    if (b->table) {
        const briefing_table *t = b->table;

        layout_scan_rich(doc, &t->caption);
        for (i = 0; i < t->n_cols; i++)
            layout_scan_rich(doc, &t->cols[i].title);
        for (i = 0; i < t->n_rows * t->n_cols; i++)
            layout_scan_rich(doc, &t->cells[i].text);
    }
    if (b->chart) {
        const layout_chart *c = b->chart;

        layout_scan_rich(doc, &c->title);
        layout_scan_rich(doc, &c->source_note);
        layout_scan_rich(doc, &c->y_label);
        layout_scan_rich(doc, &c->legend_solid);
        layout_scan_rich(doc, &c->legend_tentative);
        for (i = 0; i < c->n_series; i++)
            layout_scan_rich(doc, &c->series[i].name);
        for (i = 0; i < c->n_bars; i++) {
            layout_scan_rich(doc, &c->bars[i].lane);
            layout_scan_rich(doc, &c->bars[i].label);
        }
        for (i = 0; i < c->n_marks; i++)
            layout_scan_rich(doc, &c->marks[i].label);
    }
    if (b->cover) {
        layout_scan_rich(doc, &b->cover->title);
        layout_scan_rich(doc, &b->cover->subtitle);
        layout_scan_rich(doc, &b->cover->council);
        layout_scan_rich(doc, &b->cover->as_of);
        layout_scan_rich(doc, &b->cover->marking);
        layout_scan_rich(doc, &b->cover->note);
    }
}

/* 1 when a used face drawn from the same file as fc needs UTF-8: the
 * file is then embedded with every glyph's metrics (faces of one file share
 * one embedded font). */
static int layout_file_utf8(const briefing_doc *doc, const fonts_face *fc)
{
    size_t i;

    for (i = 0; i < LAYOUT_FACES; i++)
        if (doc->faces[i].used && doc->faces[i].utf8 && doc->faces[i].fc &&
            strcmp(fonts_file(doc->faces[i].fc), fonts_file(fc)) == 0)
            return 1;
    return 0;
}

/* Decides the faces and their encodings from all the text, then loads
 * only the faces in use: a face whose text all fits Windows-1252 is loaded
 * with that single-byte encoding, which is fast and small; the others in
 * UTF-8 (a CID font covering the BMP). */
static int layout_load_fonts(layout_writer *w)
{
    briefing_doc *doc = w->doc;
    size_t i, j;

    /* Widths are cached per write: libharu marks a glyph for embedding
     * when it is measured, so a cache kept from an earlier write would
     * change which glyphs the next file embeds. */
    for (i = 0; i < LAYOUT_FACES; i++) {
        doc->faces[i].used = doc->faces[i].utf8 = 0;
        doc->faces[i].loaded = 0;
        layout_widths_free(&doc->faces[i]);
    }
    doc->faces[LAYOUT_REGULAR].used = doc->faces[LAYOUT_BOLD].used = 1;
    for (i = 0; i < doc->n_blocks; i++)
        layout_scan_block(doc, &doc->blocks[i]);
    for (i = 0; i < RUN_N; i++)
        layout_scan_rich(doc, &w->running[i]);
    for (i = 0; i < w->n_toc; i++)
        layout_scan_rich(doc, &w->toc[i].text);
    layout_scan_rich(doc, &w->bullet);
    for (i = 0; i < LAYOUT_FACES; i++) {
        layout_face *f = &doc->faces[i];
        int st, same;

        /* A face the text needed but fontconfig could not find is an
         * error, as is one that is used and cannot be found now. */
        if ((f->used || f->missing) && (st = layout_face_find(doc, (int)i, w->d)) != BRIEFING_OK)
            return st;
        if (!f->used)
            continue;
        same = -1;
        for (j = 0; j < i; j++)
            if (doc->faces[j].loaded && strcmp(fonts_file(doc->faces[j].fc), fonts_file(f->fc)) == 0)
                same = (int)j;
        if ((st = pdf_canvas_load_face(doc->cv, (int)i, fonts_file(f->fc), same, f->utf8,
                                       !layout_file_utf8(doc, f->fc), w->d)) != BRIEFING_OK)
            return st;
        f->loaded = 1;
    }
    return BRIEFING_OK;
}

/* Breaks every text block into lines at its width. */
static int layout_prepare(layout_writer *w)
{
    briefing_doc *doc = w->doc;
    size_t i;
    int st;

    for (i = 0; i < doc->n_blocks; i++) {
        layout_block *b = &doc->blocks[i];
        double width = w->f.width;

        free(b->lines);
        b->lines = NULL;
        b->n_lines = 0;
        switch (b->kind) {
        case LAYOUT_BULLET: width -= LAYOUT_BULLET_INDENT; break;
        case LAYOUT_BADGE:
            width -= layout_badge_width(doc, b->badge, LAYOUT_BADGE_PT) + LAYOUT_BADGE_GAP;
            break;
        case LAYOUT_TABLE:
            if ((st = layout_table_prepare(doc, b->table, w->f.width, w->d)) != BRIEFING_OK)
                return st;
            continue;
        default: break;
        }
        if (b->text.len &&
            (st = layout_break_rich(doc, &b->text, width, layout_text_size(doc, b), &b->lines,
                                    &b->n_lines, w->d)) != BRIEFING_OK)
            return st;
    }
    return BRIEFING_OK;
}

/* ---- the flow of blocks ---- */

/* 1 when page break i would leave a page nearly empty, and so is not
 * taken: the page so far holds a quarter of a page at most (a section with
 * little or nothing to report), or what follows, up to the next break, is
 * that short and fits below, with the space it asks for above it. */
static int layout_break_wastes_page(layout_writer *w, size_t i)
{
    const layout_flow *f = &w->f;
    double page = f->top - f->bottom, h, lead;

    if (f->n_pages == 0 || f->at_top || f->y < f->bottom)
        return 0;
    if (f->top - f->y <= page / 4)
        return 1;
    h = layout_group_height(w, i + 1, w->doc->n_blocks, 1, &lead);
    return h <= page / 4 && (f->pending > lead ? f->pending : lead) + h <= layout_flow_room(f) - 0.01;
}

static int layout_place_block(layout_writer *w, size_t i)
{
    briefing_doc *doc = w->doc;
    layout_block *b = &doc->blocks[i];
    layout_flow *f = &w->f;
    double before, after;
    int st = BRIEFING_OK;

    layout_spacing(doc, b, &before, &after);
    layout_flow_space(f, before);
    switch (b->kind) {
    case LAYOUT_HEADING: st = layout_place_heading(w, i); break;
    case LAYOUT_PARAGRAPH:
        st = layout_place_lines(w, b->reference ? PDF_ROLE_NOTE : PDF_ROLE_PARAGRAPH, &b->text,
                                b->lines, b->n_lines, f->left, layout_body(doc),
                                layout_text_lh(doc, b), doc->cfg.colours.text, NULL);
        break;
    case LAYOUT_NOTE:
        st = layout_place_lines(w, PDF_ROLE_NOTE, &b->text, b->lines, b->n_lines, f->left,
                                LAYOUT_NOTE_PT, layout_text_lh(doc, b), doc->cfg.colours.secondary,
                                NULL);
        break;
    case LAYOUT_BULLET: {
        /* Bullets one after another make one list. */
        int first = i == 0 || doc->blocks[i - 1].kind != LAYOUT_BULLET;
        int last = i + 1 == doc->n_blocks || doc->blocks[i + 1].kind != LAYOUT_BULLET;

        if (first)
            pdf_canvas_begin(f->cv, PDF_ROLE_LIST, NULL);
        st = layout_place_lines(w, PDF_ROLE_ITEM, &b->text, b->lines, b->n_lines,
                                f->left + LAYOUT_BULLET_INDENT, layout_body(doc),
                                layout_text_lh(doc, b), doc->cfg.colours.text, &w->bullet);
        if (last)
            pdf_canvas_end(f->cv);
        break;
    }
    case LAYOUT_BADGE: st = layout_place_badge(w, b); break;
    case LAYOUT_FACTS: st = layout_place_facts(w, b); break;
    case LAYOUT_TABLE: {
        double with_note = layout_table_note_height(w, i);

        if (with_note > 0 && f->n_pages > 0 && !f->at_top && f->pending + with_note > layout_flow_room(f) + 0.01)
            layout_flow_break(f);
        st = layout_table_draw(f, b->table);
        break;
    }
    case LAYOUT_LINE_CHART:
    case LAYOUT_TIMELINE:
    case LAYOUT_JUDGEMENTS: {
        double h = layout_block_height(w, b);

        if ((st = layout_flow_need(f, h)) == BRIEFING_OK)
            st = layout_chart_draw(f, b);
        break;
    }
    case LAYOUT_SPACE:
        if (!f->at_top)
            f->pending += b->mm * LAYOUT_PT_PER_MM;
        break;
    case LAYOUT_PAGE_BREAK:
        if (!layout_break_wastes_page(w, i))
            layout_flow_break(f);
        break;
    case LAYOUT_KEEP_BEGIN: {
        double lead, h = layout_group_height(w, i + 1, w->doc->n_blocks, 0, &lead);

        if (f->n_pages > 0 && !f->at_top && h <= f->top - f->bottom &&
            (f->pending > lead ? f->pending : lead) + h > layout_flow_room(f) + 0.01)
            layout_flow_break(f);
        break;
    }
    case LAYOUT_KEEP_END: break;
    case LAYOUT_COVER: st = layout_place_cover(w, b); break;
    }
    if (b->kind != LAYOUT_SPACE && b->kind != LAYOUT_KEEP_BEGIN && b->kind != LAYOUT_KEEP_END &&
        b->kind != LAYOUT_PAGE_BREAK && b->kind != LAYOUT_COVER)
        f->pending = after;
    return st;
}

/* Reserves the contents pages. */
static int layout_reserve_toc(layout_writer *w)
{
    size_t k;
    int st;

    w->toc_page = w->f.n_pages;
    for (k = 0; k < w->n_toc_pages; k++)
        if ((st = layout_flow_new_page(&w->f)) != BRIEFING_OK)
            return st;
    w->f.at_top = 0;
    layout_flow_break(&w->f);
    return BRIEFING_OK;
}

/* The contents are drawn last, on pages kept for them; their place in the
 * reading order is kept here, where they stand (a Div filled later). */
static void layout_toc_hold(layout_writer *w)
{
    pdf_tag tag = {0};

    tag.key = &w->toc;
    pdf_canvas_begin(w->f.cv, PDF_ROLE_DIV, &tag);
    pdf_canvas_end(w->f.cv);
}

static int layout_flow_all(layout_writer *w)
{
    briefing_doc *doc = w->doc;
    size_t i;
    int st, toc_done = w->n_toc_pages == 0;

    for (i = 0; i < doc->n_blocks; i++) {
        /* The contents follow a cover that opens the document, else open it. */
        if (!toc_done && !(i == 0 && doc->blocks[i].kind == LAYOUT_COVER)) {
            if ((st = layout_reserve_toc(w)) != BRIEFING_OK)
                return st;
            layout_toc_hold(w);
            toc_done = 1;
        }
        if ((st = layout_place_block(w, i)) != BRIEFING_OK)
            return st;
        if (w->d->status)
            return w->d->status;
    }
    if (!toc_done) {
        if ((st = layout_reserve_toc(w)) != BRIEFING_OK)
            return st;
        layout_toc_hold(w);
    }
    if (w->f.n_pages == 0)
        return layout_flow_new_page(&w->f);
    return BRIEFING_OK;
}

/* ---- document information and saving ---- */

/* Sets one entry of the document information, on the pass for ASCII
 * values (ascii_pass 1) or for the others.  libharu writes a value as
 * UTF-16 in hex, four bytes a character, whenever an encoder is set, and
 * as it is while none is: so the ASCII values are set first, before any
 * encoder, and the others after, in UTF-8. */
static void layout_info(layout_writer *w, const char *value, pdf_info type, int ascii_pass)
{
    const unsigned char *p;
    int ascii = 1;

    if (value == NULL || value[0] == '\0')
        return;
    if (!utf8_valid(value, strlen(value), NULL))
        return;
    for (p = (const unsigned char *)value; *p; p++)
        if (*p >= 0x80)
            ascii = 0;
    if (ascii != ascii_pass)
        return;
    pdf_canvas_info(w->doc->cv, type, value, !ascii);
}

/* The time the document says it was made: SOURCE_DATE_EPOCH's, else now. */
static long long layout_made_at(const layout_config *cfg)
{
    return cfg->source_date_epoch >= 0 ? cfg->source_date_epoch : (long long)time(NULL);
}

static const char *layout_creator(const layout_config *cfg)
{
    return cfg->creator && cfg->creator[0] ? cfg->creator : "briefing " BRIEFING_VERSION;
}

/* The tagged document's catalog entries and XMP metadata, whose title
 * and dates are the Info's (nothing when "tagged": false).  A failure of
 * the tagging (a mark outside any element) is reported here, once. */
static int layout_tag_finish(layout_writer *w)
{
    const layout_config *cfg = &w->doc->cfg;

    if (w->doc->nomem || layout_hpdf_ran_out(w->doc))
        return BRIEFING_OK; /* reported as what it is by the caller */
    return pdf_canvas_tag_finish(w->doc->cv, cfg->title, layout_creator(cfg), layout_made_at(cfg),
                                 w->d);
}

static void layout_set_info(layout_writer *w)
{
    const layout_config *cfg = &w->doc->cfg;
    long long t = layout_made_at(cfg);
    int ascii;

    for (ascii = 1; ascii >= 0; ascii--) {
        layout_info(w, cfg->title, PDF_INFO_TITLE, ascii);
        layout_info(w, cfg->subject, PDF_INFO_SUBJECT, ascii);
        layout_info(w, cfg->author, PDF_INFO_AUTHOR, ascii);
        layout_info(w, cfg->keywords, PDF_INFO_KEYWORDS, ascii);
        layout_info(w, layout_creator(cfg), PDF_INFO_CREATOR, ascii);
    }
    pdf_canvas_dates(w->doc->cv, t);
}

static void layout_writer_free(layout_writer *w)
{
    size_t i;

    for (i = 0; i < RUN_N; i++)
        layout_rich_free(&w->running[i]);
    layout_rich_free(&w->bullet);
    layout_rich_free(&w->contents);
    for (i = 0; i < w->n_toc; i++) {
        layout_rich_free(&w->toc[i].text);
        free(w->toc[i].lines);
    }
    free(w->toc);
    free(w->f.bare);
    for (i = 0; i <= BRIEFING_JUDGEMENT_INADEQUATE; i++)
        layout_rich_free(&w->doc->grade[i]);
}

/* The texts the writer adds of its own. */
static int layout_writer_texts(layout_writer *w)
{
    briefing_doc *doc = w->doc;
    const char *running[RUN_N] = {doc->cfg.header_left, doc->cfg.header_right, doc->cfg.footer_left,
                                  doc->cfg.footer_centre, doc->cfg.footer_right};
    size_t i;
    int st;

    for (i = 0; i < RUN_N; i++)
        if ((st = layout_rich_set(doc, &w->running[i], running[i], LAYOUT_REGULAR,
                                  "header or footer")))
            return diag_set(w->d, st, "%s", doc->err.text);
    for (i = 0; i <= BRIEFING_JUDGEMENT_INADEQUATE; i++)
        if ((st = layout_rich_set(doc, &doc->grade[i], labels_judgement((briefing_judgement)i),
                                  LAYOUT_BOLD, "badge")))
            return diag_set(w->d, st, "%s", doc->err.text);
    if ((st = layout_rich_set(doc, &w->bullet, "\xe2\x80\xa2", LAYOUT_REGULAR, "bullet")) ||
        (st = layout_rich_set(doc, &w->contents, "Contents", LAYOUT_BOLD, "contents")))
        return diag_set(w->d, st, "%s", doc->err.text);
    return BRIEFING_OK;
}

/* The layout's metrics interface over the canvas's faces. */
static int layout_canvas_advance(void *arg, int face, uint32_t cp)
{
    return pdf_canvas_advance(arg, face, cp);
}

static int layout_canvas_ascent(void *arg, int face)
{
    return pdf_canvas_ascent(arg, face);
}

static int layout_canvas_descent(void *arg, int face)
{
    return pdf_canvas_descent(arg, face);
}

static layout_metrics layout_canvas_metrics(pdf_canvas *cv)
{
    layout_metrics m = {cv, layout_canvas_advance, layout_canvas_ascent, layout_canvas_descent};

    return m;
}

void layout_set_tap(briefing_doc *doc, pdf_canvas_tap tap, void *arg)
{
    doc->tap = tap;
    doc->tap_arg = arg;
}

int layout_write(briefing_doc *doc, const char *path, diag *d)
{
    layout_writer w;
    const layout_config *cfg = &doc->cfg;
    size_t bytes = doc->bytes; /* the writer's own texts are counted only while it runs */
    int st;

    memset(&w, 0, sizeof w);
    w.doc = doc;
    w.d = d;
    w.f.doc = doc;
    w.f.d = d;
    w.f.left = cfg->margin_left_mm * LAYOUT_PT_PER_MM;
    w.f.right = (cfg->page_width_mm - cfg->margin_right_mm) * LAYOUT_PT_PER_MM;
    w.f.top = (cfg->page_height_mm - cfg->margin_top_mm) * LAYOUT_PT_PER_MM;
    w.f.bottom = cfg->margin_bottom_mm * LAYOUT_PT_PER_MM;
    w.f.width = w.f.right - w.f.left;
    doc->pages = 0;
    if (doc->open_table) {
        doc->open_table->ended = 1;
        doc->open_table = NULL;
    }
    doc->cv = w.f.cv = pdf_canvas_new();
    if (doc->cv == NULL) {
        st = diag_set(d, BRIEFING_ERR_NOMEM, "layout: the PDF library cannot start");
        goto out;
    }
    if (cfg->tagged && (st = pdf_canvas_tag(doc->cv)) != BRIEFING_OK) {
        st = diag_set(d, st, "layout: out of memory starting the structure tree");
        goto out;
    }
    pdf_canvas_set_tap(doc->cv, doc->tap, doc->tap_arg);
    doc->metrics = layout_canvas_metrics(doc->cv);
    if ((st = layout_writer_texts(&w)) || (st = layout_toc_prepare(&w)) ||
        (st = layout_load_fonts(&w)) || (st = layout_prepare(&w)) || (st = layout_toc_break(&w)) ||
        (st = layout_flow_all(&w)))
        goto out;
    layout_stamp(&w);
    if (w.n_toc_pages)
        layout_toc_draw(&w);
    if (w.outline_l1 || w.n_toc)
        pdf_canvas_show_outline(doc->cv);
    if ((st = layout_tag_finish(&w)) != BRIEFING_OK)
        goto out;
    layout_set_info(&w);
    if (doc->nomem) {
        st = diag_set(d, BRIEFING_ERR_NOMEM, "layout: out of memory drawing the pages");
        goto out;
    }
    if (layout_hpdf_ran_out(doc)) {
        st = layout_hpdf_nomem(d);
        goto out;
    }
    if (pdf_canvas_error(doc->cv)) {
        st = diag_set(d, BRIEFING_ERR_INTERNAL, "%s: the PDF library failed (error 0x%04lX, %lu)",
                      path ? path : "layout", pdf_canvas_error(doc->cv),
                      pdf_canvas_error_detail(doc->cv));
        goto out;
    }
    if (path && (st = pdf_canvas_save(doc->cv, path, d)) != BRIEFING_OK)
        goto out;
    doc->pages = (int)w.f.n_pages;
out:
    layout_writer_free(&w);
    pdf_canvas_free(doc->cv);
    doc->cv = NULL;
    memset(&doc->metrics, 0, sizeof doc->metrics);
    doc->bytes = bytes;
    return st;
}

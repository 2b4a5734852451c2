/*
 * layout_page.c: the page being filled (layout_flow: new page, room,
 * need) and the small drawing helpers every block uses (filled
 * rectangles, grade colours, badges).  The tables, the charts and the
 * flow call it; it calls only the text below it and the canvas
 * (docs/internals/layout.md: calls go one way).
 */
#include "layout_impl.h"

#include <stdlib.h>

#include <briefing/plugin.h>

void layout_fill_rect(pdf_canvas *cv, double x, double y, double w, double h, layout_rgb c)
{
    layout_set_fill(cv, c);
    pdf_canvas_rect(cv, x, y, w, h);
    pdf_canvas_fill(cv);
}

layout_rgb layout_grade_fill(const briefing_doc *doc, briefing_judgement j)
{
    const layout_colours *c = &doc->cfg.colours;

    switch (j) {
    case BRIEFING_JUDGEMENT_OUTSTANDING: return c->outstanding;
    case BRIEFING_JUDGEMENT_GOOD: return c->good;
    case BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT:
    case BRIEFING_JUDGEMENT_ADEQUATE: return c->requires_improvement;
    case BRIEFING_JUDGEMENT_INADEQUATE: return c->inadequate;
    default: return c->no_judgement;
    }
}

layout_rgb layout_grade_mark(const briefing_doc *doc, briefing_judgement j)
{
    const layout_colours *c = &doc->cfg.colours;

    switch (j) {
    case BRIEFING_JUDGEMENT_OUTSTANDING: return c->outstanding_mark;
    case BRIEFING_JUDGEMENT_GOOD: return c->good_mark;
    case BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT:
    case BRIEFING_JUDGEMENT_ADEQUATE: return c->requires_improvement_mark;
    case BRIEFING_JUDGEMENT_INADEQUATE: return c->inadequate_mark;
    default: return c->no_judgement_mark;
    }
}

void layout_badge_box(const briefing_doc *doc, pdf_canvas *cv, briefing_judgement j, double x,
                      double y, double w, double h)
{
    const double lw = 0.8;

    layout_fill_rect(cv, x, y, w, h, layout_grade_fill(doc, j));
    layout_set_stroke(cv, layout_grade_mark(doc, j));
    layout_set_line_width(cv, lw);
    pdf_canvas_rect(cv, x + lw / 2, y + lw / 2, w - lw, h - lw);
    pdf_canvas_stroke(cv);
}

layout_rgb layout_grade_ink(briefing_judgement j)
{
    layout_rgb white = {1, 1, 1}, black = {0.043, 0.047, 0.047};

    return j == BRIEFING_JUDGEMENT_OUTSTANDING || j == BRIEFING_JUDGEMENT_INADEQUATE ? white : black;
}

double layout_badge_width(briefing_doc *doc, briefing_judgement j, double size)
{
    return layout_width(doc, &doc->grade[j], size) + size * 1.2;
}

double layout_badge_height(double size)
{
    return size * 1.6;
}

void layout_draw_badge(briefing_doc *doc, pdf_canvas *cv, briefing_judgement j, double x,
                       double y, double size)
{
    layout_rich *word = &doc->grade[j];

    /* The badge reads as its word; its colour is background. */
    pdf_canvas_artifact_begin(cv, PDF_ARTIFACT_BACKGROUND);
    layout_badge_box(doc, cv, j, x, y, layout_badge_width(doc, j, size), layout_badge_height(size));
    pdf_canvas_artifact_end(cv);
    layout_draw_text(doc, cv, word, 0, word->len, x + size * 0.6, y + size * 0.5, size,
                     layout_grade_ink(j));
}

/* ---- the page being filled ---- */

/* 1 when libharu ran out of memory: it said so, or one of its allocations
 * failed (pdfmem records them all; libharu may report one later as another
 * error, or not at all). */
int layout_hpdf_ran_out(const briefing_doc *doc)
{
    return pdf_canvas_ran_out(doc->cv);
}

/* libharu reports running out of memory as it reports everything else; say
 * so and exit 71, rather than blame a font, the disk or a bug. */
int layout_hpdf_nomem(diag *d)
{
    return diag_set(d, BRIEFING_ERR_NOMEM, "layout: out of memory in the PDF library");
}

int layout_flow_new_page(layout_flow *f)
{
    briefing_doc *doc = f->doc;
    long page;

    if (f->n_pages >= LAYOUT_MAX_PAGES)
        return diag_set(f->d, BRIEFING_ERR_DATA, "layout: the document would pass %d pages",
                        LAYOUT_MAX_PAGES);
    if (f->n_pages == f->cap_pages) {
        size_t cap = f->cap_pages ? f->cap_pages * 2 : 16;
        unsigned char *bare;

        if ((bare = realloc(f->bare, cap)) == NULL)
            return diag_set(f->d, BRIEFING_ERR_NOMEM, "layout: out of memory");
        f->bare = bare;
        f->cap_pages = cap;
    }
    page = pdf_canvas_add_page(f->cv, doc->cfg.page_width_mm * LAYOUT_PT_PER_MM,
                               doc->cfg.page_height_mm * LAYOUT_PT_PER_MM);
    if (page < 0 && layout_hpdf_ran_out(doc))
        return layout_hpdf_nomem(f->d);
    if (page < 0)
        return diag_set(f->d, BRIEFING_ERR_INTERNAL,
                        "layout: the PDF library cannot add a page (error 0x%04lX, %lu)",
                        pdf_canvas_error(f->cv), pdf_canvas_error_detail(f->cv));
    f->bare[f->n_pages] = 0;
    f->n_pages++;
    f->y = f->top;
    f->at_top = 1;
    f->pending = 0;
    return BRIEFING_OK;
}

double layout_flow_room(const layout_flow *f)
{
    return f->y - f->bottom;
}

int layout_flow_need(layout_flow *f, double h)
{
    int st;

    if (f->n_pages == 0 || (!f->at_top && f->pending + h > layout_flow_room(f) + 0.01)) {
        if ((st = layout_flow_new_page(f)) != BRIEFING_OK)
            return st;
    }
    if (!f->at_top)
        f->y -= f->pending;
    f->pending = 0;
    f->at_top = 0;
    return BRIEFING_OK;
}

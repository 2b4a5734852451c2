/*
 * layout_table.c: tables.  Column widths come from the content (each
 * column's narrowest and widest needs, shared out to fill the text width)
 * or from the caller; cells wrap; the plan of which rows go on which page
 * is a pure function (layout_table_plan) so it can be tested on numbers.
 */
#include "layout_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/status.h>

#define LAYOUT_TABLE_PT 9.0
#define LAYOUT_TABLE_LH (LAYOUT_TABLE_PT * 1.4)
#define LAYOUT_TABLE_PAD_X (1.5 * LAYOUT_PT_PER_MM)
#define LAYOUT_TABLE_PAD_Y 2.5
#define LAYOUT_TABLE_BADGE_PT 7.5
#define LAYOUT_BADGE_LH (LAYOUT_TABLE_BADGE_PT * 1.2)  /* between lines of a wrapped badge */
#define LAYOUT_BADGE_PAD_X (LAYOUT_TABLE_BADGE_PT * 0.6)
/* From the top of a row's first line box to the top of a badge in it. */
#define LAYOUT_BADGE_TOP ((LAYOUT_TABLE_LH - LAYOUT_TABLE_BADGE_PT * 1.6) / 2)
#define LAYOUT_CAPTION_PT 10.0
#define LAYOUT_CAPTION_LH (LAYOUT_CAPTION_PT * 1.35)
#define LAYOUT_CAPTION_GAP 3.0
#define LAYOUT_TABLE_KEEP_ROWS 6  /* a table of this many rows or fewer is never split */

static int layout_push_piece(layout_table_piece **v, size_t *n, size_t *cap,
                             const layout_table_piece *p)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 8;
        layout_table_piece *q = realloc(*v, c * sizeof *q);

        if (q == NULL)
            return -1;
        *v = q;
        *cap = c;
    }
    (*v)[(*n)++] = *p;
    return 0;
}

size_t layout_table_plan(const size_t *row_lines, size_t n_rows, double line_h, double pad,
                         double head_h, double cont_h, double first_room, double page_room,
                         layout_table_piece **pieces)
{
    layout_table_piece *v = NULL, p;
    size_t n = 0, cap = 0, row = 0, line = 0;
    double room = first_room;
    int fresh = 0; /* the current page holds nothing yet */

    *pieces = NULL;
    while (row < n_rows) {
        double head = n == 0 ? head_h : cont_h, avail = room - head;
        double rest = (row_lines[row] - line) * line_h + 2 * pad;
        /* A row cut between lines needs at least one line and its padding. */
        double least = rest <= page_room - head ? rest : line_h + 2 * pad;

        if (!fresh && avail < least - 0.01) {
            room = page_room;
            fresh = 1;
            continue;
        }
        memset(&p, 0, sizeof p);
        p.new_page = fresh;
        p.row_from = row;
        p.line_from = line;
        while (row < n_rows) {
            rest = (row_lines[row] - line) * line_h + 2 * pad;
            if (rest <= avail + 0.01) {
                avail -= rest;
                row++;
                line = 0;
                continue;
            }
            /* A row too tall for any page is cut where this page ends;
             * any other row waits for the next page. */
            if (rest > page_room - head + 0.01 || (row == p.row_from && line == p.line_from)) {
                size_t k = avail > 2 * pad ? (size_t)floor((avail - 2 * pad + 0.01) / line_h) : 0;

                if (k == 0 && row == p.row_from && line == p.line_from)
                    k = 1; /* a page must hold something, or we would loop */
                if (k > 0) {
                    if (k > row_lines[row] - line)
                        k = row_lines[row] - line;
                    line += k;
                    p.line_to = line;
                    if (line >= row_lines[row]) {
                        row++;
                        line = 0;
                        p.line_to = 0;
                    } else {
                        p.row_to = row + 1;
                        break;
                    }
                }
            }
            break;
        }
        /* No row stranded: a first row alone under the head at a page's
         * foot waits for the next page with the head; a last row that
         * would go on alone takes one more with it. */
        if (line == 0 && p.line_from == 0 && row < n_rows) {
            if (n == 0 && !fresh && row - p.row_from == 1) {
                row = p.row_from;
                room = page_room;
                fresh = 1;
                continue;
            }
            if (n_rows - row == 1 && row - p.row_from >= 3)
                row--;
        }
        if (p.line_to == 0)
            p.row_to = row;
        if (layout_push_piece(&v, &n, &cap, &p) != 0) {
            free(v);
            return 0;
        }
        room = page_room;
        fresh = 1;
    }
    *pieces = v;
    return n;
}

/* The widest line of r when broken only where it must be. */
static double layout_max_width(briefing_doc *doc, const layout_rich *r, double size)
{
    double w = 0, lw;
    size_t start = 0, i;

    for (i = 0; i <= r->len; i++) {
        if (i == r->len || r->text[i] == '\n') {
            lw = layout_rich_width(doc, r, start, i, size);
            if (lw > w)
                w = lw;
            start = i + 1;
        }
    }
    return w;
}

/* The widest each column may usefully be: its widest line when broken
 * only where it must be, with its padding, at most the text width. */
static void layout_column_maxs(briefing_doc *doc, const briefing_table *t, double width,
                               double *maxs)
{
    size_t c, r;

    for (c = 0; c < t->n_cols; c++) {
        maxs[c] = layout_max_width(doc, &t->cols[c].title, LAYOUT_TABLE_PT);
        for (r = 0; r < t->n_rows; r++) {
            const layout_cell *cell = &t->cells[r * t->n_cols + c];
            double mx = cell->badge != BRIEFING_JUDGEMENT_NONE
                            ? layout_badge_width(doc, cell->badge, LAYOUT_TABLE_BADGE_PT)
                            : layout_max_width(doc, &cell->text, LAYOUT_TABLE_PT);

            if (mx > maxs[c])
                maxs[c] = mx;
        }
        maxs[c] += 2 * LAYOUT_TABLE_PAD_X;
        if (maxs[c] > width)
            maxs[c] = width;
    }
}

/* The narrowest each column may be: its widest unbreakable piece, with its
 * padding, at most a fair share of the width; maxs[c] is raised to it. */
static int layout_column_mins(briefing_doc *doc, briefing_table *t, double width, double *mins,
                              double *maxs, diag *d)
{
    size_t c, r;

    for (c = 0; c < t->n_cols; c++) {
        mins[c] = layout_min_width(doc, &t->cols[c].title, LAYOUT_TABLE_PT, d);
        for (r = 0; r < t->n_rows; r++) {
            const layout_cell *cell = &t->cells[r * t->n_cols + c];
            double mn;

            if (cell->badge != BRIEFING_JUDGEMENT_NONE)
                /* A badge may wrap between its words ("Requires" over
                 * "improvement"), never inside one. */
                mn = layout_min_width(doc, &doc->grade[cell->badge], LAYOUT_TABLE_BADGE_PT, d) +
                     2 * LAYOUT_BADGE_PAD_X;
            else
                mn = layout_min_width(doc, &cell->text, LAYOUT_TABLE_PT, d);
            if (mn > mins[c])
                mins[c] = mn;
        }
        mins[c] += 2 * LAYOUT_TABLE_PAD_X;
        /* A word wider than a fair share (a long URL) is cut at characters
         * anyway; it must not squeeze the other columns to nothing. */
        if (mins[c] > width / t->n_cols)
            mins[c] = width / t->n_cols;
        if (maxs[c] < mins[c])
            maxs[c] = mins[c];
        if (d->status)
            return d->status;
    }
    return BRIEFING_OK;
}

/* Shares width out among the columns: the caller's widths first, then the
 * others from their needs, the whole filling the text width. */
static int layout_column_widths(briefing_doc *doc, briefing_table *t, double width, diag *d)
{
    double mins[LAYOUT_MAX_COLS], maxs[LAYOUT_MAX_COLS];
    double fixed = 0, sum_min = 0, sum_max = 0, avail;
    size_t c, n_auto = 0;
    int st;

    layout_column_maxs(doc, t, width, maxs);
    for (c = 0; c < t->n_cols; c++) {
        if (t->cols[c].width_mm > 0) {
            fixed += t->cols[c].width_mm * LAYOUT_PT_PER_MM;
        } else {
            n_auto++;
            sum_max += maxs[c];
        }
    }
    avail = width - fixed;
    /* The narrowest widths count only when the widest do not all fit or
     * fixed widths share the room (and, the width not negative, they never
     * raise maxs).  Finding them means finding every cell's break
     * opportunities, which a cell that fits its column needs nowhere else. */
    if (width < 0 || (fixed > 0 && n_auto > 0) || sum_max > avail) {
        if ((st = layout_column_mins(doc, t, width, mins, maxs, d)) != BRIEFING_OK)
            return st;
        sum_max = 0;
        for (c = 0; c < t->n_cols; c++) {
            if (!(t->cols[c].width_mm > 0)) {
                sum_min += mins[c];
                sum_max += maxs[c];
            }
        }
    }
    /* Fixed widths that leave the others no room are scaled down. */
    if (fixed > 0 && (avail < (n_auto ? sum_min : 0) || avail < 0)) {
        double keep = n_auto ? (width - sum_min > width * 0.5 ? width - sum_min : width * 0.5) : width;

        for (c = 0; c < t->n_cols; c++)
            if (t->cols[c].width_mm > 0)
                t->cols[c].w = t->cols[c].width_mm * LAYOUT_PT_PER_MM * keep / fixed;
        avail = width - keep;
    } else {
        for (c = 0; c < t->n_cols; c++)
            if (t->cols[c].width_mm > 0)
                t->cols[c].w = t->cols[c].width_mm * LAYOUT_PT_PER_MM;
    }
    for (c = 0; c < t->n_cols; c++) {
        if (t->cols[c].width_mm > 0)
            continue;
        if (sum_max <= avail)
            t->cols[c].w = maxs[c] + (avail - sum_max) * maxs[c] / sum_max;
        else if (sum_min >= avail)
            t->cols[c].w = avail * mins[c] / sum_min;
        else
            t->cols[c].w = mins[c] + (maxs[c] - mins[c]) * (avail - sum_min) / (sum_max - sum_min);
    }
    return BRIEFING_OK;
}

/* Breaks a cell's text to its column: text at the table's size, or a
 * badge's grade word at the badge's size within the badge's padding. */
static int layout_break_cell(briefing_doc *doc, const layout_cell *cell, const layout_rich *r,
                             double w, layout_line **lines, size_t *n, diag *d)
{
    int badge = cell != NULL && cell->badge != BRIEFING_JUDGEMENT_NONE;

    free(*lines);
    *lines = NULL;
    *n = 0;
    if (badge)
        return layout_break_rich(doc, &doc->grade[cell->badge],
                                 w - 2 * LAYOUT_TABLE_PAD_X - 2 * LAYOUT_BADGE_PAD_X,
                                 LAYOUT_TABLE_BADGE_PT, lines, n, d);
    return layout_break_rich(doc, r, w - 2 * LAYOUT_TABLE_PAD_X, LAYOUT_TABLE_PT, lines, n, d);
}

/* Height of a badge of n lines (n >= 1): one line as everywhere else,
 * each further line adding a line of the badge's size. */
static double layout_cell_badge_h(size_t n)
{
    return layout_badge_height(LAYOUT_TABLE_BADGE_PT) + (n > 1 ? n - 1 : 0) * LAYOUT_BADGE_LH;
}

/* The table lines a cell takes: its text's, or as many as its badge
 * covers. */
static size_t layout_cell_lines(const layout_cell *cell)
{
    if (cell->n_spark >= 2) /* the trend line takes the first line */
        return 1 + cell->n_lines;
    if (cell->badge != BRIEFING_JUDGEMENT_NONE)
        return (size_t)ceil((LAYOUT_BADGE_TOP + layout_cell_badge_h(cell->n_lines)) /
                                LAYOUT_TABLE_LH - 1e-6);
    return cell->n_lines;
}

/* What a table's later pages call it: its caption, or else the heading it
 * stands under, so that "(continued)" says what continues.  NULL: none. */
static const layout_rich *layout_table_name(const briefing_doc *doc, const briefing_table *t)
{
    size_t k;

    if (t->caption.len)
        return &t->caption;
    for (k = t->block; k-- > 0;)
        if (doc->blocks[k].kind == LAYOUT_HEADING)
            return &doc->blocks[k].text;
    return NULL;
}

int layout_table_prepare(briefing_doc *doc, briefing_table *t, double width, diag *d)
{
    const layout_rich *name;
    size_t r, c;
    int st;

    if ((st = layout_column_widths(doc, t, width, d)) != BRIEFING_OK)
        return st;
    free(t->row_lines);
    if ((t->row_lines = calloc(t->n_rows ? t->n_rows : 1, sizeof *t->row_lines)) == NULL)
        return diag_set(d, BRIEFING_ERR_NOMEM, "layout: out of memory");
    t->head_lines = 1;
    for (c = 0; c < t->n_cols; c++) {
        layout_column *col = &t->cols[c];

        if ((st = layout_break_cell(doc, NULL, &col->title, col->w, &col->lines, &col->n_lines, d)))
            return st;
        if (col->n_lines > t->head_lines)
            t->head_lines = col->n_lines;
    }
    for (r = 0; r < t->n_rows; r++) {
        t->row_lines[r] = 1;
        for (c = 0; c < t->n_cols; c++) {
            layout_cell *cell = &t->cells[r * t->n_cols + c];

            if ((st = layout_break_cell(doc, cell, &cell->text, t->cols[c].w, &cell->lines,
                                        &cell->n_lines, d)))
                return st;
            if (layout_cell_lines(cell) > t->row_lines[r])
                t->row_lines[r] = layout_cell_lines(cell);
        }
    }
    /* The caption, and the caption of the pages after the first. */
    layout_rich_free(&t->cont);
    free(t->cap_lines);
    free(t->cont_lines);
    t->cap_lines = t->cont_lines = NULL;
    t->n_cap_lines = t->n_cont_lines = 0;
    if ((st = layout_break_rich(doc, &t->caption, width, LAYOUT_CAPTION_PT, &t->cap_lines,
                                &t->n_cap_lines, d)))
        return st;
    name = layout_table_name(doc, t);
    if ((name && (st = layout_rich_set(doc, &t->cont, name->text, LAYOUT_BOLD, "table: caption"))) ||
        (st = layout_rich_set(doc, &t->cont, name ? " (continued)" : "(continued)",
                              LAYOUT_REGULAR, "table: caption")))
        return diag_set(d, st, "%s", doc->err.text);
    if (t->cont.n_runs == 2)
        t->cont.runs[1].style = LAYOUT_REGULAR;
    if ((st = layout_break_rich(doc, &t->cont, width, LAYOUT_CAPTION_PT, &t->cont_lines,
                                &t->n_cont_lines, d)))
        return st;
    t->head_h = t->head_lines * LAYOUT_TABLE_LH + 2 * LAYOUT_TABLE_PAD_Y;
    t->cont_h = t->head_h + t->n_cont_lines * LAYOUT_CAPTION_LH + LAYOUT_CAPTION_GAP;
    if (t->n_cap_lines)
        t->head_h += t->n_cap_lines * LAYOUT_CAPTION_LH + LAYOUT_CAPTION_GAP;
    return BRIEFING_OK;
}

static double layout_row_h(const briefing_table *t, size_t r)
{
    return t->row_lines[r] * LAYOUT_TABLE_LH + 2 * LAYOUT_TABLE_PAD_Y;
}

/* A small table is read as one thing: splitting it to save a few lines
 * leaves a row or two stranded under "(continued)". */
static int layout_table_keep_whole(const briefing_table *t, double page_room)
{
    return t->n_rows <= LAYOUT_TABLE_KEEP_ROWS && layout_table_height(t) <= page_room + 0.01;
}

double layout_table_min_height(const briefing_table *t, double page_room)
{
    double h = t->head_h;

    if (layout_table_keep_whole(t, page_room))
        return layout_table_height(t);
    if (t->n_rows > 0) {
        double first = layout_row_h(t, 0);

        if (first > page_room - t->head_h)
            return h + 2 * LAYOUT_TABLE_LH + 2 * LAYOUT_TABLE_PAD_Y;
        h += first;
        /* The plan starts a table on the next page rather than leave its
         * first row alone at a page's foot. */
        if (t->n_rows > 1 && h + layout_row_h(t, 1) <= page_room)
            h += layout_row_h(t, 1);
    }
    return h;
}

double layout_table_height(const briefing_table *t)
{
    double h = t->head_h;
    size_t r;

    for (r = 0; r < t->n_rows; r++)
        h += layout_row_h(t, r);
    return h;
}

/* x of a line of width lw in a cell at x of width w, aligned. */
static double layout_align_x(double x, double w, double lw, briefing_align align)
{
    if (align == BRIEFING_ALIGN_RIGHT)
        return x + w - LAYOUT_TABLE_PAD_X - lw;
    if (align == BRIEFING_ALIGN_CENTRE)
        return x + (w - lw) / 2;
    return x + LAYOUT_TABLE_PAD_X;
}

/* Draws lines [from, to) of a cell's text, top at y. */
static void layout_draw_cell(briefing_doc *doc, pdf_canvas *cv, const layout_rich *text,
                             const layout_line *lines, size_t n, size_t from, size_t to, double x,
                             double w, double y, briefing_align align)
{
    size_t k;

    for (k = from; k < to && k < n; k++) {
        /* Only a line not flush left needs its width to be placed. */
        double lw = align == BRIEFING_ALIGN_LEFT ? 0
                        : layout_rich_width(doc, text, lines[k].start, lines[k].end, LAYOUT_TABLE_PT);
        double base = y - LAYOUT_TABLE_PAD_Y - (k - from) * LAYOUT_TABLE_LH -
                      (LAYOUT_TABLE_LH - LAYOUT_TABLE_PT) / 2 - 0.905 * LAYOUT_TABLE_PT;

        layout_draw_text(doc, cv, text, lines[k].start, lines[k].end,
                         layout_align_x(x, w, lw, align), base, LAYOUT_TABLE_PT, doc->cfg.colours.text);
    }
}

/* Draws a cell's trend line in the table line whose top is y: scaled to
 * its own lowest and highest values, broken at a NAN. */
static void layout_draw_spark(briefing_doc *doc, pdf_canvas *cv, const layout_cell *cell, double x,
                              double w, double y)
{
    double lo = INFINITY, hi = -INFINITY, x0 = x + LAYOUT_TABLE_PAD_X, span = w - 2 * LAYOUT_TABLE_PAD_X;
    double top = y - LAYOUT_TABLE_PAD_Y - 0.15 * LAYOUT_TABLE_LH, h = 0.7 * LAYOUT_TABLE_LH;
    size_t k;
    int pen = 0;

    for (k = 0; k < cell->n_spark; k++)
        if (!isnan(cell->spark[k])) {
            lo = fmin(lo, cell->spark[k]);
            hi = fmax(hi, cell->spark[k]);
        }
    if (!(hi >= lo) || span <= 0)
        return;
    layout_set_stroke(cv, doc->cfg.colours.council);
    pdf_canvas_put_line_width(cv, 1.0);
    for (k = 0; k < cell->n_spark; k++) {
        double v = cell->spark[k];
        double px = x0 + span * (double)k / (double)(cell->n_spark - 1);
        double py = top - h + (hi > lo ? (v - lo) / (hi - lo) * h : h / 2);

        if (isnan(v)) {
            pen = 0;
            continue;
        }
        if (pen)
            pdf_canvas_line_to(cv, px, py);
        else
            pdf_canvas_move_to(cv, px, py);
        pen = 1;
    }
    pdf_canvas_stroke(cv);
    /* the latest value marked, as sparklines are read from their end */
    for (k = cell->n_spark; k-- > 0;)
        if (!isnan(cell->spark[k])) {
            double px = x0 + span * (double)k / (double)(cell->n_spark - 1);
            double py = top - h + (hi > lo ? (cell->spark[k] - lo) / (hi - lo) * h : h / 2);

            layout_fill_rect(cv, px - 1.2, py - 1.2, 2.4, 2.4, doc->cfg.colours.council);
            break;
        }
}

/* Draws a cell's badge, its top at y: the fill as wide as its widest
 * line, each line of the grade word on it. */
static void layout_draw_cell_badge(briefing_doc *doc, pdf_canvas *cv, const layout_cell *cell,
                                   const layout_column *col, double x, double y)
{
    const layout_rich *word = &doc->grade[cell->badge];
    double size = LAYOUT_TABLE_BADGE_PT, h = layout_cell_badge_h(cell->n_lines), w = 0, bx;
    size_t k;

    for (k = 0; k < cell->n_lines; k++) {
        double lw = layout_rich_width(doc, word, cell->lines[k].start, cell->lines[k].end, size);

        if (lw > w)
            w = lw;
    }
    w += 2 * LAYOUT_BADGE_PAD_X;
    bx = col->align == BRIEFING_ALIGN_LEFT ? x + LAYOUT_TABLE_PAD_X
                                           : layout_align_x(x, col->w, w, col->align);
    pdf_canvas_artifact_begin(cv, PDF_ARTIFACT_BACKGROUND);
    layout_badge_box(doc, cv, cell->badge, bx, y - h, w, h);
    pdf_canvas_artifact_end(cv);
    for (k = 0; k < cell->n_lines; k++)
        layout_draw_text(doc, cv, word, cell->lines[k].start, cell->lines[k].end,
                         bx + LAYOUT_BADGE_PAD_X, y - 1.1 * size - k * LAYOUT_BADGE_LH, size,
                         layout_grade_ink(cell->badge));
}

/* Draws the caption (or continued caption) and the header row. */
static void layout_draw_head(layout_flow *f, briefing_table *t, int first)
{
    briefing_doc *doc = f->doc;
    const layout_rich *cap = first ? &t->caption : &t->cont;
    const layout_line *lines = first ? t->cap_lines : t->cont_lines;
    size_t n = first ? t->n_cap_lines : t->n_cont_lines, k, c;
    double x = f->left, hh = t->head_lines * LAYOUT_TABLE_LH + 2 * LAYOUT_TABLE_PAD_Y;

    /* The head is the table's on its first page; repeated on the next
     * pages it is furniture, as a running header is. */
    if (first && n)
        pdf_canvas_begin(f->cv, PDF_ROLE_CAPTION, NULL);
    else if (!first)
        pdf_canvas_artifact_begin(f->cv, PDF_ARTIFACT_HEADER);
    for (k = 0; k < n; k++) {
        layout_draw_text(doc, f->cv, cap, lines[k].start, lines[k].end, f->left,
                         f->y - (LAYOUT_CAPTION_LH - LAYOUT_CAPTION_PT) / 2 - 0.905 * LAYOUT_CAPTION_PT,
                         LAYOUT_CAPTION_PT, doc->cfg.colours.text);
        f->y -= LAYOUT_CAPTION_LH;
    }
    if (n)
        f->y -= LAYOUT_CAPTION_GAP;
    if (first && n)
        pdf_canvas_end(f->cv);
    if (first)
        pdf_canvas_artifact_begin(f->cv, PDF_ARTIFACT_BACKGROUND);
    layout_fill_rect(f->cv, f->left, f->y - hh, f->width, hh, doc->cfg.colours.panel);
    if (first) {
        pdf_canvas_artifact_end(f->cv);
        pdf_canvas_begin(f->cv, PDF_ROLE_TABLE_HEAD, NULL);
        pdf_canvas_begin(f->cv, PDF_ROLE_ROW, NULL);
    }
    for (c = 0; c < t->n_cols; c++) {
        const layout_column *col = &t->cols[c];

        if (first)
            pdf_canvas_begin(f->cv, PDF_ROLE_HEADER_CELL, NULL);
        layout_draw_cell(doc, f->cv, &col->title, col->lines, col->n_lines, 0, col->n_lines, x,
                         col->w, f->y, col->align);
        if (first)
            pdf_canvas_end(f->cv);
        x += col->w;
    }
    if (first) {
        pdf_canvas_end(f->cv); /* the header row */
        pdf_canvas_end(f->cv); /* the head */
    } else
        pdf_canvas_artifact_end(f->cv); /* the repeated head */
    f->y -= hh;
}

/* Draws lines [from, to) of row r (to 0: all), with its stripe. */
static void layout_draw_row(layout_flow *f, briefing_table *t, size_t r, size_t from, size_t to)
{
    briefing_doc *doc = f->doc;
    size_t c;
    double x = f->left, h;
    pdf_tag tag = {0};

    if (to == 0)
        to = t->row_lines[r];
    h = (to - from) * LAYOUT_TABLE_LH + 2 * LAYOUT_TABLE_PAD_Y;
    if (r % 2 == 1) {
        layout_rgb z = doc->cfg.colours.panel;

        z.r = (z.r + 1) / 2;
        z.g = (z.g + 1) / 2;
        z.b = (z.b + 1) / 2;
        pdf_canvas_artifact_begin(f->cv, PDF_ARTIFACT_BACKGROUND);
        layout_fill_rect(f->cv, f->left, f->y - h, f->width, h, z);
        pdf_canvas_artifact_end(f->cv);
    }
    /* A row cut over two pages is drawn in two calls: one key for both. */
    tag.key = &t->cells[r * t->n_cols];
    pdf_canvas_begin(f->cv, PDF_ROLE_ROW, &tag);
    for (c = 0; c < t->n_cols; c++) {
        const layout_cell *cell = &t->cells[r * t->n_cols + c];
        const layout_column *col = &t->cols[c];

        tag.key = cell;
        pdf_canvas_begin(f->cv, col->row_header ? PDF_ROLE_ROW_HEADER_CELL : PDF_ROLE_CELL, &tag);

        if (cell->badge != BRIEFING_JUDGEMENT_NONE) {
            if (from == 0)
                layout_draw_cell_badge(doc, f->cv, cell, col, x,
                                       f->y - LAYOUT_TABLE_PAD_Y - LAYOUT_BADGE_TOP);
        } else if (cell->n_spark >= 2) {
            /* table line 0 is the trend line; the text's line k is table line k + 1 */
            if (from == 0) {
                /* A picture of the numbers: a figure saying them. */
                pdf_tag fig = {0};
                char *alt = doc->cfg.tagged ? layout_alt_spark(cell->spark, cell->n_spark) : NULL;

                fig.alt = alt ? alt : "Trend line";
                fig.alt_len = strlen(fig.alt);
                pdf_canvas_begin(f->cv, PDF_ROLE_FIGURE, &fig);
                layout_draw_spark(doc, f->cv, cell, x, col->w, f->y);
                pdf_canvas_end(f->cv);
                free(alt);
            }
            if (to > 1)
                layout_draw_cell(doc, f->cv, &cell->text, cell->lines, cell->n_lines, from ? from - 1 : 0,
                                 to - 1, x, col->w, from ? f->y : f->y - LAYOUT_TABLE_LH, col->align);
        } else {
            layout_draw_cell(doc, f->cv, &cell->text, cell->lines, cell->n_lines, from, to, x,
                             col->w, f->y, col->align);
        }
        pdf_canvas_end(f->cv);
        x += col->w;
    }
    pdf_canvas_end(f->cv);
    f->y -= h;
}

int layout_table_draw(layout_flow *f, briefing_table *t)
{
    layout_table_piece *pieces = NULL;
    double page_room = f->top - f->bottom, first_room;
    size_t n, i, r;
    pdf_tag tag = {0};
    int st = BRIEFING_OK;

    first_room = f->n_pages == 0 ? 0 : f->at_top ? page_room : layout_flow_room(f) - f->pending;
    if (layout_table_keep_whole(t, page_room) && layout_table_height(t) > first_room + 0.01)
        first_room = 0; /* the whole table on the next page */
    tag.key = t;
    if (t->n_rows == 0) {
        if ((st = layout_flow_need(f, t->head_h)) == BRIEFING_OK) {
            pdf_canvas_begin(f->cv, PDF_ROLE_TABLE, &tag);
            layout_draw_head(f, t, 1);
            pdf_canvas_end(f->cv);
        }
        return st;
    }
    n = layout_table_plan(t->row_lines, t->n_rows, LAYOUT_TABLE_LH, LAYOUT_TABLE_PAD_Y, t->head_h,
                          t->cont_h, first_room, page_room, &pieces);
    if (n == 0)
        return diag_set(f->d, BRIEFING_ERR_NOMEM, "layout: out of memory planning a table");
    for (i = 0; i < n && st == BRIEFING_OK; i++) {
        const layout_table_piece *p = &pieces[i];

        if (p->new_page || f->n_pages == 0) {
            if ((st = layout_flow_new_page(f)) != BRIEFING_OK)
                break;
            f->at_top = 0;
        } else if ((st = layout_flow_need(f, 0)) != BRIEFING_OK) {
            break;
        }
        if (i == 0)
            pdf_canvas_begin(f->cv, PDF_ROLE_TABLE, &tag); /* continued over the pages */
        layout_draw_head(f, t, i == 0);
        if (i == 0)
            pdf_canvas_begin(f->cv, PDF_ROLE_TABLE_BODY, NULL); /* so is its body */
        for (r = p->row_from; r < p->row_to; r++) {
            size_t from = r == p->row_from ? p->line_from : 0;
            size_t to = r + 1 == p->row_to ? p->line_to : 0;

            layout_draw_row(f, t, r, from, to);
        }
    }
    if (i > 0 && st == BRIEFING_OK) {
        pdf_canvas_end(f->cv); /* the body */
        pdf_canvas_end(f->cv); /* the table */
    }
    free(pieces);
    return st;
}

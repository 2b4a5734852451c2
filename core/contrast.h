/*
 * contrast: WCAG 2.2 contrast ratios of the colours a briefing draws with
 * (issue 18 point 4; the rules and the palette: docs/accessibility.md, "Contrast").
 *
 * Text needs 4.5:1 against what it sits on (3:1 at 18 pt, or 14 pt bold);
 * a mark that carries meaning (a chart line, a judgement dot, a badge's
 * edge) 3:1 against what is next to it.  contrast_pairs lists every pair
 * the layout draws with a palette, so a test can check the shipped
 * templates and template_load can warn about a template's own colours.
 * Pure functions: no state, no allocation.
 */
#ifndef BRIEFING_CONTRAST_H
#define BRIEFING_CONTRAST_H

#include <stddef.h>

#include "layout.h"

#define CONTRAST_TEXT 4.5  /* body text, WCAG 1.4.3 */
#define CONTRAST_LARGE 3.0 /* 18 pt, or 14 pt bold */
#define CONTRAST_MARK 3.0  /* graphical objects, WCAG 1.4.11 */

/* WCAG's relative luminance of an sRGB colour, 0 (black) to 1 (white). */
double contrast_luminance(layout_rgb c);
/* (L1 + 0.05) / (L2 + 0.05), the lighter over the darker: 1 to 21. */
double contrast_ratio(layout_rgb a, layout_rgb b);

/* The same hue made darker, in steps of 1%, until it reaches ratio
 * against both backgrounds (or black).  How a mark colour is made from a
 * fill a template gives without its mark. */
layout_rgb contrast_darken(layout_rgb c, layout_rgb bg1, layout_rgb bg2, double ratio);

/* One pair the layout draws: fg on (or next to) bg, needing `need`. */
typedef struct contrast_pair {
    const char *fg, *bg;   /* "colours.text", "the page", ... */
    layout_rgb fg_rgb, bg_rgb;
    double ratio, need;
    const char *what;      /* "body text", "a chart line", ... */
} contrast_pair;

/* Fills out with up to max pairs; returns how many the palette has (which
 * may be more than max). */
size_t contrast_pairs(const layout_colours *c, contrast_pair *out, size_t max);

/* Calls warn once for each pair below its need, with a sentence naming
 * the pair, its ratio and the need (prefixed by where, e.g. the template's
 * path); returns how many failed. */
int contrast_check(const layout_colours *c, const char *where,
                   void (*warn)(void *arg, const char *message), void *arg);

#endif

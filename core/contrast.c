/*
 * contrast: WCAG 2.2 contrast ratios of a briefing's palette (contrast.h).
 *
 * contrast_pairs is the one list of which colour the layout draws on or
 * next to which: when the layout starts drawing a colour somewhere new,
 * the pair belongs here, so the test of the shipped templates and the
 * warning at template load see it.
 */
#include "contrast.h"

#include <math.h>
#include <stdio.h>

/* sRGB to linear light, WCAG 2.2 "relative luminance". */
static double contrast_channel(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double contrast_luminance(layout_rgb c)
{
    return 0.2126 * contrast_channel(c.r) + 0.7152 * contrast_channel(c.g) +
           0.0722 * contrast_channel(c.b);
}

double contrast_ratio(layout_rgb a, layout_rgb b)
{
    double la = contrast_luminance(a), lb = contrast_luminance(b);

    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

layout_rgb contrast_darken(layout_rgb c, layout_rgb bg1, layout_rgb bg2, double ratio)
{
    layout_rgb d = c;
    int step;

    for (step = 100; step >= 0; step--) {
        d.r = c.r * step / 100.0;
        d.g = c.g * step / 100.0;
        d.b = c.b * step / 100.0;
        if (contrast_ratio(d, bg1) >= ratio && contrast_ratio(d, bg2) >= ratio)
            break;
    }
    return d;
}

/* What the badges' words are drawn in (layout_grade_ink): white on the
 * dark grades, near-black on the light ones. */
static const layout_rgb contrast_white = {1, 1, 1};
static const layout_rgb contrast_black = {0.043, 0.047, 0.047};

/* A tentative timeline bar: the accent mixed with 72% white
 * (tl_draw_bar). */
static layout_rgb contrast_tint(layout_rgb c, double t)
{
    layout_rgb m = {c.r + (1 - c.r) * t, c.g + (1 - c.g) * t, c.b + (1 - c.b) * t};

    return m;
}

typedef struct contrast_list {
    contrast_pair *out;
    size_t max, n;
} contrast_list;

static void contrast_add(contrast_list *l, const char *fg, layout_rgb f, const char *bg,
                         layout_rgb b, double need, const char *what)
{
    if (l->n < l->max) {
        contrast_pair *p = &l->out[l->n];

        p->fg = fg;
        p->bg = bg;
        p->fg_rgb = f;
        p->bg_rgb = b;
        p->ratio = contrast_ratio(f, b);
        p->need = need;
        p->what = what;
    }
    l->n++;
}

size_t contrast_pairs(const layout_colours *c, contrast_pair *out, size_t max)
{
    static const char *const white = "the page";
    contrast_list l = {out, max, 0};
    const struct {
        const char *fill, *mark;
        layout_rgb fill_rgb, mark_rgb, ink;
        const char *ink_name;
    } grades[] = {
        {"colours.outstanding", "colours.outstanding_mark", c->outstanding, c->outstanding_mark,
         contrast_white, "white"},
        {"colours.good", "colours.good_mark", c->good, c->good_mark, contrast_black, "black"},
        {"colours.requires_improvement", "colours.requires_improvement_mark",
         c->requires_improvement, c->requires_improvement_mark, contrast_black, "black"},
        {"colours.inadequate", "colours.inadequate_mark", c->inadequate, c->inadequate_mark,
         contrast_white, "white"},
        {"colours.no_judgement", "colours.no_judgement_mark", c->no_judgement,
         c->no_judgement_mark, contrast_black, "black"},
    };
    size_t i;

    contrast_add(&l, "colours.text", c->text, white, contrast_white, CONTRAST_TEXT, "body text");
    contrast_add(&l, "colours.text", c->text, "colours.panel", c->panel, CONTRAST_TEXT,
                 "a fact's value on its panel, a table's header");
    contrast_add(&l, "colours.secondary", c->secondary, white, contrast_white, CONTRAST_TEXT,
                 "notes, sources and axis labels");
    contrast_add(&l, "colours.secondary", c->secondary, "colours.panel", c->panel, CONTRAST_TEXT,
                 "a fact's label on its panel");
    contrast_add(&l, "colours.accent", c->accent, white, contrast_white, CONTRAST_TEXT, "a link");
    contrast_add(&l, "white", contrast_white, "colours.accent", c->accent, CONTRAST_TEXT,
                 "a timeline bar's label inside it");
    contrast_add(&l, "colours.text", c->text, "colours.accent (tentative, 72% white)",
                 contrast_tint(c->accent, 0.72), CONTRAST_TEXT,
                 "a tentative timeline bar's label inside it");
    for (i = 0; i < sizeof grades / sizeof grades[0]; i++)
        contrast_add(&l, grades[i].ink_name, grades[i].ink, grades[i].fill, grades[i].fill_rgb,
                     CONTRAST_TEXT, "a judgement badge's word");
    contrast_add(&l, "colours.council", c->council, white, contrast_white, CONTRAST_MARK,
                 "the council's chart line");
    contrast_add(&l, "colours.england", c->england, white, contrast_white, CONTRAST_MARK,
                 "England's chart line");
    contrast_add(&l, "colours.comparator", c->comparator, white, contrast_white, CONTRAST_MARK,
                 "the comparator's chart line");
    contrast_add(&l, "colours.accent", c->accent, white, contrast_white, CONTRAST_MARK,
                 "a timeline bar");
    for (i = 0; i < sizeof grades / sizeof grades[0]; i++) {
        contrast_add(&l, grades[i].mark, grades[i].mark_rgb, white, contrast_white, CONTRAST_MARK,
                     "a judgement dot, or a badge's edge");
        contrast_add(&l, grades[i].mark, grades[i].mark_rgb, "colours.panel", c->panel,
                     CONTRAST_MARK, "a badge's edge on a panel");
    }
    return l.n;
}

static void contrast_hex(layout_rgb c, char out[8])
{
    snprintf(out, 8, "#%02x%02x%02x", (unsigned)lround(c.r * 255) & 0xff,
             (unsigned)lround(c.g * 255) & 0xff, (unsigned)lround(c.b * 255) & 0xff);
}

int contrast_check(const layout_colours *c, const char *where,
                   void (*warn)(void *arg, const char *message), void *arg)
{
    contrast_pair pairs[64];
    size_t n = contrast_pairs(c, pairs, sizeof pairs / sizeof pairs[0]), i;
    int failed = 0;

    if (n > sizeof pairs / sizeof pairs[0])
        n = sizeof pairs / sizeof pairs[0];
    for (i = 0; i < n; i++) {
        char msg[320], f[8], b[8];

        /* Rounded down, as WCAG allows no rounding up to the threshold. */
        if (floor(pairs[i].ratio * 100) / 100 >= pairs[i].need)
            continue;
        failed++;
        if (warn == NULL)
            continue;
        contrast_hex(pairs[i].fg_rgb, f);
        contrast_hex(pairs[i].bg_rgb, b);
        snprintf(msg, sizeof msg, "%s%s%s (%s) on %s (%s) is %.2f:1; %s needs %.1f:1 (WCAG 2.2 AA)",
                 where ? where : "", where ? ": " : "", pairs[i].fg, f, pairs[i].bg, b,
                 pairs[i].ratio, pairs[i].what, pairs[i].need);
        warn(arg, msg);
    }
    return failed;
}

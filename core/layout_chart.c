/*
 * layout_chart.c: charts drawn as vectors.
 */
#include "layout_impl.h"

#include <math.h>
#include <stdlib.h>

#include <briefing/plugin.h>

static const int layout_month_days[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

static int layout_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int layout_date_ok(briefing_date d)
{
    if (d.year < 1000 || d.year > 9999 || d.month < 0 || d.month > 12 || d.day < 0)
        return 0;
    if (d.month == 0)
        return d.day == 0;
    return d.day <= layout_month_days[d.month] + (d.month == 2 && layout_leap(d.year));
}

double layout_date_years(briefing_date d)
{
    int m = d.month ? d.month : 1, day = d.day ? d.day : 1, doy = day - 1, i;

    for (i = 1; i < m; i++)
        doy += layout_month_days[i] + (i == 2 && layout_leap(d.year));
    return d.year + doy / (365.0 + layout_leap(d.year));
}

double layout_chart_height(briefing_doc *doc, const layout_block *b, double width)
{
    (void)doc;
    (void)width;
    return (b->chart->height_mm > 0 ? b->chart->height_mm : 60) * LAYOUT_PT_PER_MM;
}

int layout_chart_draw(layout_flow *f, const layout_block *b)
{
    double h = layout_chart_height(f->doc, b, f->width);

    layout_draw_text(f->doc, f->page, &b->chart->title, 0, b->chart->title.len, f->left,
                     f->y - 10, 10, f->doc->cfg.colours.text);
    f->y -= h;
    return BRIEFING_OK;
}

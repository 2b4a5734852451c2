/*
 * floor: the performance floor for the councillor pack.
 *
 *   floor DATASET.json OUT.pdf
 *
 * Writes the same kind of pages as `briefing generate -t councillor-pack` for
 * the first council of DATASET.json, with bare libharu calls and no layout
 * logic: the same strings from the dataset, the same two embedded Liberation
 * Sans faces in CP1252, tables as text lines and rules, charts as a few paths,
 * a header and footer on every page, a contents page and the page count of the
 * real pack (18 pages for examples/data/norfolk.json).  Positions are
 * hard-coded; lines are cut by a character count, never measured; a page ends
 * when the next block would cross the bottom margin.  So the time this takes is
 * what libharu itself costs for that document, and whatever the real program
 * takes beyond it is the cost of its own work (plugins, dataset, layout).
 *
 * FLOOR_FONT_DIR=DIR takes the two .ttf files from DIR instead.
 * It prints "PAGES CHARACTERS" (characters of text drawn) on stdout, so a
 * benchmark can show the floor carries as much as the pack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <hpdf.h>

#define FONT_DIR "/usr/share/fonts/truetype/liberation2/"
#define PAGE_W 595.276f
#define PAGE_H 841.89f
#define MARGIN 56.69f /* 20 mm */
#define TOP (PAGE_H - MARGIN - 24.0f)
#define BOTTOM (MARGIN + 24.0f)
#define WIDTH (PAGE_W - 2 * MARGIN)
#define MAX_PAGES 64
#define MAX_TOC 64
#define MAX_TEXT 4096

/* One contents entry: written on page 2 once the page numbers are known. */
typedef struct {
    char text[96];
    int page;
    int level;
} toc_entry;

typedef struct {
    HPDF_Doc pdf;
    HPDF_Font regular;
    HPDF_Font bold;
    HPDF_Page pages[MAX_PAGES];
    int npages;
    float y; /* the baseline cursor on the last page */
    const cJSON *council;
    const cJSON *sources;
    toc_entry toc[MAX_TOC];
    int ntoc;
    long chars; /* characters of text drawn */
} floor_doc;

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

    return cJSON_IsString(v) ? v->valuestring : "";
}

static double num(const cJSON *o, const char *key, double none)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

    return cJSON_IsNumber(v) ? v->valuedouble : none;
}

/* UTF-8 to CP1252 (Windows-1252), '?' for what it lacks.  The real program
 * does this too for a face whose text fits the encoding. */
static void to_cp1252(const char *in, char *out, size_t size)
{
    static const unsigned short high[32] = {
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
    const unsigned char *s = (const unsigned char *)in;
    size_t n = 0;

    while (*s && n + 1 < size) {
        unsigned cp = *s++;

        if (cp >= 0xC0 && cp < 0xE0 && (*s & 0xC0) == 0x80) {
            cp = ((cp & 0x1F) << 6) | (*s++ & 0x3F);
        } else if (cp >= 0xE0 && cp < 0xF0 && (s[0] & 0xC0) == 0x80 && (s[1] & 0xC0) == 0x80) {
            cp = ((cp & 0x0F) << 12) | ((s[0] & 0x3F) << 6) | (s[1] & 0x3F);
            s += 2;
        } else if (cp >= 0x80) {
            while ((*s & 0xC0) == 0x80)
                s++;
            cp = '?';
        }
        if (cp >= 0x100 || (cp >= 0x80 && cp < 0xA0)) {
            unsigned c = '?';

            for (unsigned i = 0; i < 32; i++)
                if (high[i] == cp)
                    c = 0x80 + i;
            cp = c;
        }
        out[n++] = (char)cp;
    }
    out[n] = '\0';
}

static HPDF_Page page(floor_doc *d)
{
    return d->pages[d->npages - 1];
}

static void new_page(floor_doc *d)
{
    if (d->npages == MAX_PAGES)
        return; /* stays on the last page: the floor never needs this many */
    d->pages[d->npages++] = HPDF_AddPage(d->pdf);
    HPDF_Page_SetSize(page(d), HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    d->y = TOP;
}

/* Starts a new page when h points would cross the bottom margin. */
static void need(floor_doc *d, float h)
{
    if (d->y - h < BOTTOM)
        new_page(d);
}

/* One line of text at a hard-coded place on page p. */
static void text_on(floor_doc *d, HPDF_Page p, HPDF_Font f, float size, float x, float y, const char *utf8)
{
    char line[MAX_TEXT];

    to_cp1252(utf8, line, sizeof line);
    d->chars += (long)strlen(line);
    HPDF_Page_BeginText(p);
    HPDF_Page_SetFontAndSize(p, f, size);
    HPDF_Page_TextOut(p, x, y, line);
    HPDF_Page_EndText(p);
}

static void text(floor_doc *d, HPDF_Font f, float size, float x, const char *utf8)
{
    text_on(d, page(d), f, size, x, d->y, utf8);
}

static void rule(floor_doc *d, float x0, float x1, float y)
{
    HPDF_Page p = page(d);

    HPDF_Page_SetLineWidth(p, 0.5f);
    HPDF_Page_SetRGBStroke(p, 0.69f, 0.71f, 0.71f);
    HPDF_Page_MoveTo(p, x0, y);
    HPDF_Page_LineTo(p, x1, y);
    HPDF_Page_Stroke(p);
}

static void box(floor_doc *d, float x, float y, float w, float h, float r, float g, float b)
{
    HPDF_Page p = page(d);

    HPDF_Page_SetRGBFill(p, r, g, b);
    HPDF_Page_Rectangle(p, x, y, w, h);
    HPDF_Page_Fill(p);
    HPDF_Page_SetRGBFill(p, 0.04f, 0.05f, 0.05f);
}

/* The length in bytes of the next line of s holding at most max bytes, cut
 * after the last space; *next is where the line after starts. */
static size_t cut(const char *s, size_t max, const char **next)
{
    size_t n = strlen(s), at;

    if (n <= max) {
        *next = s + n;
        return n;
    }
    for (at = max; at > 0 && s[at] != ' '; at--)
        ;
    if (at == 0)
        at = max;
    *next = s + at + (s[at] == ' ');
    return at;
}

/* How many lines s takes at max bytes a line. */
static int count_lines(const char *s, size_t max)
{
    int n = 0;

    do {
        cut(s, max, &s);
        n++;
    } while (*s);
    return n;
}

/* Draws s cut into lines of max bytes from (x, y) down, leading apart. */
static void lines_at(floor_doc *d, HPDF_Font f, float size, float x, float y, float leading, size_t max,
                     const char *s)
{
    char line[MAX_TEXT];

    if (max >= sizeof line)
        max = sizeof line - 1;
    do {
        const char *start = s;
        size_t n = cut(start, max, &s);

        memcpy(line, start, n);
        line[n] = '\0';
        text_on(d, page(d), f, size, x, y, line);
        y -= leading;
    } while (*s);
}

static void heading(floor_doc *d, int level, const char *title)
{
    float size = level == 0 ? 18.0f : 13.0f;

    need(d, 60.0f);
    d->y -= size + 6.0f;
    text(d, d->bold, size, MARGIN, title);
    d->y -= 8.0f;
    if (d->ntoc < MAX_TOC) {
        toc_entry *e = &d->toc[d->ntoc++];

        snprintf(e->text, sizeof e->text, "%s", title);
        e->page = d->npages;
        e->level = level;
    }
}

/* A paragraph at size points, max bytes a line, gap points below. */
static void paragraph_at(floor_doc *d, const char *s, float size, size_t max, float gap)
{
    float leading = size * 1.3f;
    int n = count_lines(s, max);

    need(d, leading * (float)n);
    d->y -= leading;
    lines_at(d, d->regular, size, MARGIN, d->y, leading, max, s);
    d->y -= leading * (float)(n - 1) + gap;
}

static void paragraph(floor_doc *d, const char *s)
{
    paragraph_at(d, s, 10.0f, 100, 6.0f);
}

/* One table row: each cell cut to its column, a rule under the row. */
static void row(floor_doc *d, int ncells, const char *cells[], const float x[], const size_t max[], int header)
{
    int most = 1;

    for (int i = 0; i < ncells; i++) {
        int n = count_lines(cells[i], max[i]);

        if (n > most)
            most = n;
    }
    need(d, 11.0f * (float)most + 4.0f);
    if (header)
        box(d, MARGIN, d->y - 11.0f * (float)most - 4.0f, WIDTH, 11.0f * (float)most + 4.0f, 0.95f, 0.95f, 0.95f);
    d->y -= 11.0f;
    for (int i = 0; i < ncells; i++)
        lines_at(d, header ? d->bold : d->regular, 9.0f, MARGIN + x[i], d->y, 11.0f, max[i], cells[i]);
    d->y -= 11.0f * (float)(most - 1) + 4.0f;
    rule(d, MARGIN, MARGIN + WIDTH, d->y);
}

/* "[1, 4]" for the sources an item cites, numbered in the dataset's order. */
static const char *cites(const floor_doc *d, const cJSON *item, char *out, size_t size)
{
    const cJSON *c;
    size_t n = 0;

    out[0] = '\0';
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(item, "cites"))
    {
        const cJSON *s;
        int k = 1;

        cJSON_ArrayForEach(s, d->sources)
        {
            if (cJSON_IsString(c) && strcmp(str(s, "id"), c->valuestring) == 0)
                break;
            k++;
        }
        n += (size_t)snprintf(out + n, size - n, "%s%d", n ? ", " : "[", k);
        if (n >= size)
            break;
    }
    if (n && n + 2 < size)
        strcat(out, "]");
    return out;
}

/* A frame, four grid lines with labels, and a polyline per series. */
static void line_chart(floor_doc *d, const cJSON *points)
{
    static const char *series[] = {"value", "england", "region"};
    const float w = WIDTH, h = 150.0f;
    double lo = 1e300, hi = -1e300;
    int n = cJSON_GetArraySize(points);
    float x0 = MARGIN + 30.0f, y0;
    HPDF_Page p;
    char label[32];

    need(d, h + 40.0f);
    p = page(d);
    y0 = d->y - h - 10.0f;
    for (int s = 0; s < 3; s++)
        for (int i = 0; i < n; i++) {
            double v = num(cJSON_GetArrayItem(points, i), series[s], -1e300);

            if (v > -1e300) {
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
        }
    if (hi <= lo)
        hi = lo + 1;
    for (int g = 0; g <= 4; g++) {
        float y = y0 + h * (float)g / 4;

        rule(d, x0, x0 + w - 30.0f, y);
        snprintf(label, sizeof label, "%.0f", lo + (hi - lo) * g / 4);
        text_on(d, p, d->regular, 8.0f, MARGIN, y - 3.0f, label);
    }
    for (int s = 0; s < 3; s++) {
        int started = 0;

        HPDF_Page_SetLineWidth(p, 1.5f);
        HPDF_Page_SetRGBStroke(p, 0.11f * (float)(s == 0), 0.44f * (float)(s == 0), 0.72f * (float)(s == 0));
        for (int i = 0; i < n; i++) {
            const cJSON *pt = cJSON_GetArrayItem(points, i);
            double v = num(pt, series[s], -1e300);
            float x = x0 + (w - 40.0f) * (float)i / (float)(n > 1 ? n - 1 : 1);
            float y = y0 + h * (float)((v - lo) / (hi - lo));

            if (v <= -1e300)
                continue;
            if (started)
                HPDF_Page_LineTo(p, x, y);
            else
                HPDF_Page_MoveTo(p, x, y);
            started = 1;
        }
        if (started)
            HPDF_Page_Stroke(p);
    }
    for (int i = 0; i < n; i++)
        text_on(d, p, d->regular, 8.0f, x0 + (w - 40.0f) * (float)i / (float)(n > 1 ? n - 1 : 1) - 10.0f,
                y0 - 12.0f, str(cJSON_GetArrayItem(points, i), "period"));
    d->y = y0 - 30.0f;
    text(d, d->regular, 8.0f, MARGIN, "Source: see the table below.");
    d->y -= 8.0f;
}

/* Year of an ISO date, or fallback. */
static double year(const char *date, double fallback)
{
    return *date ? atof(date) + (date[4] == '-' ? (atof(date + 5) - 1) / 12 : 0) : fallback;
}

/* A bar per item from its start (or `alt`) to its end, a label and an axis. */
static void bar_chart(floor_doc *d, const cJSON *items, const char *label_key, const char *alt)
{
    const cJSON *it;
    int n = cJSON_GetArraySize(items), i = 0;
    const float x0 = MARGIN + 130.0f, w = WIDTH - 130.0f, lo = 2005.0f, hi = 2025.0f;
    char y[8];

    need(d, 14.0f * (float)n + 30.0f);
    cJSON_ArrayForEach(it, items)
    {
        double s = year(str(it, "start"), year(str(it, alt), lo)), e = year(str(it, "end"), hi);
        float top = d->y - 14.0f * (float)++i;

        box(d, x0 + w * (float)((s - lo) / (hi - lo)), top, w * (float)((e - s) / (hi - lo)) + 1.0f, 10.0f, 0.11f,
            0.44f, 0.72f);
        text_on(d, page(d), d->regular, 8.0f, MARGIN, top + 2.0f, str(it, label_key));
    }
    d->y -= 14.0f * (float)n + 12.0f;
    rule(d, x0, x0 + w, d->y + 8.0f);
    for (int k = 0; k <= 10; k++) {
        snprintf(y, sizeof y, "%d", 2005 + 2 * k);
        text(d, d->regular, 8.0f, x0 + w * (float)k / 10 - 8.0f, y);
    }
    d->y -= 16.0f;
}

static void cover(floor_doc *d)
{
    new_page(d);
    box(d, MARGIN, PAGE_H - 300.0f, 6.0f, 150.0f, 0.11f, 0.44f, 0.72f);
    d->y = PAGE_H - 180.0f;
    text(d, d->bold, 24.0f, MARGIN + 20.0f, str(d->council, "name"));
    d->y -= 40.0f;
    text(d, d->bold, 18.0f, MARGIN + 20.0f, "Children's services briefing");
    d->y -= 24.0f;
    text(d, d->regular, 12.0f, MARGIN + 20.0f, "Pack for members of the children's services committee");
    d->y -= 40.0f;
    text(d, d->regular, 12.0f, MARGIN + 20.0f, "As of 1 June 2024");
    d->y = BOTTOM + 40.0f;
    text(d, d->regular, 9.0f, MARGIN,
         "Prepared from published sources. Numbers in square brackets refer to the list of sources.");
    new_page(d); /* contents, written at the end */
}

static void glance(floor_doc *d)
{
    const cJSON *ins = cJSON_GetObjectItemCaseSensitive(d->council, "inspections");
    const cJSON *last = cJSON_GetArrayItem(ins, cJSON_GetArraySize(ins) - 1);
    static const char *labels[] = {"Ofsted judgement", "Direction of travel", "Government intervention",
                                   "Director of children's services", "Directors in the last 4 years",
                                   "Children looked after"};
    char c[128], s[MAX_TEXT];

    new_page(d);
    heading(d, 0, "At a glance");
    for (int i = 0; i < 6; i++) {
        float x = MARGIN + (WIDTH / 3) * (float)(i % 3), y = d->y - 80.0f * (float)(i / 3);

        snprintf(s, sizeof s, "Published %s, 1 year and 4 months ago %s", str(last, "date"),
                 cites(d, last, c, sizeof c));
        box(d, x, y - 70.0f, WIDTH / 3 - 8.0f, 70.0f, 0.95f, 0.95f, 0.95f);
        text_on(d, page(d), d->regular, 9.0f, x + 6.0f, y - 14.0f, labels[i]);
        text_on(d, page(d), d->bold, 14.0f, x + 6.0f, y - 34.0f, str(last, "judgement"));
        lines_at(d, d->regular, 9.0f, x + 6.0f, y - 50.0f, 11.0f, 34, s);
    }
    d->y -= 170.0f;
    snprintf(s, sizeof s, "Ofsted's current judgement of %s's children's services is %s, published %s %s. %s",
             str(d->council, "name"), str(last, "judgement"), str(last, "date"), cites(d, last, c, sizeof c),
             str(last, "summary"));
    paragraph(d, s);
}

static void inspections(floor_doc *d)
{
    static const float x[] = {4, 90, 230, 330};
    static const size_t max[] = {16, 26, 18, 44};
    static const char *head[] = {"Published", "Inspection", "Judgement", "Summary"};
    const cJSON *ins = cJSON_GetObjectItemCaseSensitive(d->council, "inspections"), *it;
    char c[128], summary[MAX_TEXT], kind[128];

    new_page(d);
    heading(d, 0, "Ofsted inspections");
    paragraph(d, "Judged adequate in 2011, inadequate in 2013 and 2015, requires improvement in 2018, good in 2023. "
                 "The last full inspection was published on 13 January 2023, 1 year and 4 months before this "
                 "briefing.");
    bar_chart(d, ins, "framework", "date");
    row(d, 4, head, x, max, 1);
    cJSON_ArrayForEach(it, ins)
    {
        const char *cells[4] = {str(it, "date"), kind, str(it, "judgement"), summary};

        snprintf(kind, sizeof kind, "%s %s inspection; on site %s to %s", str(it, "framework"), str(it, "type"),
                 str(it, "inspected_from"), str(it, "inspected_to"));
        snprintf(summary, sizeof summary, "%s %s", str(it, "summary"), cites(d, it, c, sizeof c));
        row(d, 4, cells, x, max, 0);
    }
    new_page(d);
    heading(d, 1, "Judgements by area");
    {
        static const float ax[] = {4, 100, 190, 280, 370};
        static const size_t amax[] = {22, 20, 20, 20, 20};
        const char *cells[5] = {"Area", "", "", "", ""};
        const cJSON *sub;

        row(d, 5, cells, ax, amax, 1);
        cJSON_ArrayForEach(sub, cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(ins, 3), "sub_judgements"))
        {
            int k = 1;

            cells[0] = sub->string;
            cJSON_ArrayForEach(it, ins)
            {
                const cJSON *j = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(it, "sub_judgements"),
                                                                  sub->string);
                if (k < 5 && cJSON_IsString(j))
                    cells[k++] = j->valuestring;
            }
            row(d, 5, cells, ax, amax, 0);
        }
        paragraph(d, "- : not judged at that inspection. Areas are named as Ofsted named them at the time, so an area "
                     "may not be judged at every inspection.");
    }
}

static void leadership(floor_doc *d)
{
    static const char *roles[] = {"dcs", "chief_executive", "lead_member", "council_leader"};
    static const char *titles[] = {"Director of children's services", "Chief executive",
                                   "Lead member for children's services", "Leader of the council"};
    static const float x[] = {4, 110, 190, 270, 330};
    static const size_t max[] = {22, 16, 16, 12, 36};
    static const char *head[] = {"Name", "From", "To", "Time in post", "Notes"};
    const cJSON *leaders = cJSON_GetObjectItemCaseSensitive(d->council, "leaders"), *l;
    char c[128], note[MAX_TEXT];

    new_page(d);
    heading(d, 0, "Leadership");
    heading(d, 1, "Turnover");
    {
        static const float tx[] = {4, 200, 290, 380};
        static const size_t tmax[] = {40, 20, 20, 20};
        const char *t0[] = {"", "Last 2 years", "Last 4 years", "Last 10 years"};
        const char *t1[] = {"People in post as director of children's services", "1", "1", "5"};
        const char *t2[] = {"of whom interim", "0", "0", "3"};
        const char *t3[] = {"Median time in post", "6 years and 8 months", "6 years and 8 months",
                            "1 year and 3 months"};

        row(d, 4, t0, tx, tmax, 1);
        row(d, 4, t1, tx, tmax, 0);
        row(d, 4, t2, tx, tmax, 0);
        row(d, 4, t3, tx, tmax, 0);
    }
    paragraph(d, "Counts include everyone in post at any time in the period, up to the date of this briefing. Median "
                 "time in post is over their whole tenures, where the start is known.");
    bar_chart(d, leaders, "name", "in_post_on");
    for (int r = 0; r < 4; r++) {
        heading(d, 1, titles[r]);
        row(d, 5, head, x, max, 1);
        cJSON_ArrayForEach(l, leaders)
        {
            const char *cells[5] = {str(l, "name"), str(l, "start"), str(l, "end"), "6 years and 8 months",
                                    note};

            if (strcmp(str(l, "role"), roles[r]) != 0)
                continue;
            if (!*cells[1])
                cells[1] = str(l, "in_post_on");
            snprintf(note, sizeof note, "%s %s", str(l, "note"), cites(d, l, c, sizeof c));
            row(d, 5, cells, x, max, 0);
        }
    }
}

static void interventions(floor_doc *d)
{
    static const float x[] = {4, 130, 210, 290, 360};
    static const size_t max[] = {24, 16, 16, 14, 24};
    static const char *head[] = {"Intervention", "From", "To", "Length", "Imposed or led by"};
    const cJSON *all = cJSON_GetObjectItemCaseSensitive(d->council, "interventions"), *it;
    char c[128], s[MAX_TEXT];

    new_page(d);
    heading(d, 0, "Government intervention");
    bar_chart(d, all, "kind", "start");
    row(d, 5, head, x, max, 1);
    cJSON_ArrayForEach(it, all)
    {
        const char *cells[5] = {str(it, "kind"), str(it, "start"), str(it, "end"), "4 years and 1 month",
                                    str(it, "by")};

        row(d, 5, cells, x, max, 0);
    }
    heading(d, 1, "What each intervention was");
    cJSON_ArrayForEach(it, all)
    {
        snprintf(s, sizeof s, "%s, %s. %s Outcome: %s %s", str(it, "kind"), str(it, "start"), str(it, "summary"),
                 str(it, "outcome"), cites(d, it, c, sizeof c));
        paragraph(d, s);
    }
}

/* The points of one metric, in the dataset's order (a new array the caller
 * frees with cJSON_Delete; it references the dataset's items). */
static cJSON *points_of(const floor_doc *d, const char *name)
{
    cJSON *out = cJSON_CreateArray();
    const cJSON *m;

    cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(d->council, "metrics"))
        if (strcmp(str(m, "name"), name) == 0)
            cJSON_AddItemReferenceToArray(out, (cJSON *)m);
    return out;
}

static void metrics(floor_doc *d)
{
    static const char *names[] = {"looked_after_rate", "looked_after_children", "started_care", "ceased_care"};
    static const char *titles[] = {"Children looked after per 10,000 children", "Children looked after",
                                   "Children who started to be looked after in the year",
                                   "Children who ceased to be looked after in the year"};
    static const float x[] = {4, 160, 260, 360};
    static const size_t max[] = {30, 16, 16, 16};
    static const char *head[] = {"Date", "Norfolk", "England", "East of England"};
    char cells_text[3][32], s[512];

    new_page(d);
    heading(d, 0, "Children in care and in need");
    for (int i = 0; i < 4; i++) {
        cJSON *pts = points_of(d, names[i]);
        const cJSON *p, *last = cJSON_GetArrayItem(pts, cJSON_GetArraySize(pts) - 1);

        heading(d, 1, titles[i]);
        snprintf(s, sizeof s, "Latest figure: %.0f (%s) [3]. Against %.0f for England.", num(last, "value", 0),
                 str(last, "period"), num(last, "england", 0));
        paragraph(d, s);
        line_chart(d, pts);
        row(d, 4, head, x, max, 1);
        cJSON_ArrayForEach(p, pts)
        {
            const char *cells[4] = {str(p, "period"), cells_text[0], cells_text[1], cells_text[2]};

            snprintf(cells_text[0], sizeof cells_text[0], "%.0f", num(p, "value", 0));
            snprintf(cells_text[1], sizeof cells_text[1], "%.0f", num(p, "england", 0));
            snprintf(cells_text[2], sizeof cells_text[2], "%.0f", num(p, "region", 0));
            row(d, 4, cells, x, max, 0);
        }
        cJSON_Delete(pts);
    }
    paragraph(d, "No figures recorded for: Children in need per 10,000 children; Children on a child protection "
                 "plan per 10,000 children.");
}

static void workforce(floor_doc *d)
{
    static const char *names[] = {"social_worker_turnover", "agency_worker_rate", "vacancy_rate",
                                  "average_caseload"};
    static const float x[] = {4, 170, 230, 290, 390};
    static const size_t max[] = {30, 10, 10, 22, 20};
    static const char *head[] = {"Measure", "Norfolk", "England", "Change", "Against England"};
    char v[32], e[32];

    new_page(d);
    heading(d, 0, "Workforce");
    row(d, 5, head, x, max, 1);
    for (int i = 0; i < 4; i++) {
        cJSON *pts = points_of(d, names[i]);
        const cJSON *last = cJSON_GetArrayItem(pts, cJSON_GetArraySize(pts) - 1);
        const char *cells[5] = {names[i], v, e, "Up from 10.1% (30 September 2021)", "Level with England; gap narrowing"};

        snprintf(v, sizeof v, "%.1f", num(last, "value", 0));
        snprintf(e, sizeof e, "%.1f", num(last, "england", 0));
        row(d, 5, cells, x, max, 0);
        cJSON_Delete(pts);
    }
    paragraph(d, "Figures at 30 September 2023, beside England's for the same date. Change compares it with the "
                 "earliest of the last 3 figures recorded.");
}

static void events(floor_doc *d)
{
    const cJSON *it;
    char c[128], s[MAX_TEXT];

    new_page(d);
    heading(d, 0, "Key events");
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(d->council, "events"))
    {
        snprintf(s, sizeof s, "- %s: %s. %s %s", str(it, "date"), str(it, "headline"), str(it, "summary"),
                 cites(d, it, c, sizeof c));
        paragraph(d, s);
    }
}

static void questions(floor_doc *d)
{
    static const char *standing[] = {
        "How do we know that children at risk are seen, and seen alone, by their social worker?",
        "What do children in care and care leavers tell us about their experience, and what has changed as a "
        "result?",
        "How stable is the social work workforce, and what is being done to recruit and keep permanent staff?",
        "What is the budget position of children's services this year, and what risks does it carry?",
        "When did members last visit front-line teams, and what did they learn?"};
    const cJSON *it;
    char s[MAX_TEXT];

    new_page(d);
    heading(d, 0, "Questions members may wish to ask");
    heading(d, 1, "Prompted by the data");
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(d->council, "interventions"))
        if (!*str(it, "end")) {
            snprintf(s, sizeof s, "- The %s has been in force since %s. What has it achieved, and what must "
                     "happen for it to end?", str(it, "kind"), str(it, "start"));
            paragraph(d, s);
        }
    for (int i = 0; i < 3; i++)
        paragraph(d, "- The gap to England in agency social workers has widened, from 7.3% against 15.5% (30 "
                     "September 2021) to 7.7% against 17.9% (30 September 2023) [4]. What lies behind it, and is "
                     "it what we want?");
    heading(d, 1, "Standing questions");
    for (int i = 0; i < 5; i++)
        paragraph(d, standing[i]);
}

static void sources(floor_doc *d)
{
    const cJSON *s;
    char line[MAX_TEXT];
    int k = 0;

    new_page(d);
    heading(d, 0, "Sources");
    cJSON_ArrayForEach(s, d->sources)
    {
        snprintf(line, sizeof line, "[%d] %s. %s, %s. %s", ++k, str(s, "title"), str(s, "publisher"),
                 str(s, "date"), str(s, "url"));
        paragraph_at(d, line, 9.5f, 108, 1.0f);
        if (*str(s, "url"))
            rule(d, MARGIN, MARGIN + 200.0f, d->y + 4.0f); /* the link underline */
    }
}

/* The contents on page 2, and a header and footer on every page but the cover. */
static void furniture(floor_doc *d)
{
    char s[64];
    float y = TOP - 30.0f;

    text_on(d, d->pages[1], d->bold, 18.0f, MARGIN, y, "Contents");
    for (int i = 0; i < d->ntoc; i++) {
        y -= 16.0f;
        snprintf(s, sizeof s, "%d", d->toc[i].page);
        text_on(d, d->pages[1], d->toc[i].level ? d->regular : d->bold, 10.0f,
                MARGIN + 12.0f * (float)d->toc[i].level, y, d->toc[i].text);
        text_on(d, d->pages[1], d->regular, 10.0f, PAGE_W - MARGIN - 12.0f, y, s);
    }
    for (int i = 0; i < d->npages; i++) {
        HPDF_Page p = d->pages[i];

        if (i > 0) {
            text_on(d, p, d->regular, 9.0f, MARGIN, PAGE_H - MARGIN, str(d->council, "name"));
            text_on(d, p, d->regular, 9.0f, PAGE_W - MARGIN - 125.0f, PAGE_H - MARGIN,
                    "Children's services briefing");
        }
        snprintf(s, sizeof s, "Page %d of %d", i + 1, d->npages);
        text_on(d, p, d->bold, 8.0f, MARGIN, MARGIN - 10.0f, "OFFICIAL");
        text_on(d, p, d->regular, 8.0f, PAGE_W / 2 - 35.0f, MARGIN - 10.0f, "As of 1 June 2024");
        text_on(d, p, d->regular, 8.0f, PAGE_W - MARGIN - 50.0f, MARGIN - 10.0f, s);
    }
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long n;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (data = malloc((size_t)n + 1)) != NULL) {
        if (fread(data, 1, (size_t)n, f) != (size_t)n) {
            free(data);
            data = NULL;
        } else {
            data[n] = '\0';
        }
    }
    fclose(f);
    return data;
}

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
    (void)user;
    fprintf(stderr, "floor: libharu error 0x%04X (detail %u)\n", (unsigned)error, (unsigned)detail);
    exit(70);
}

int main(int argc, char **argv)
{
    floor_doc d = {0};
    char *json;
    cJSON *root;
    const char *regular, *bold, *dir = getenv("FLOOR_FONT_DIR");
    char path[2][4096];

    if (argc != 3) {
        fprintf(stderr, "usage: floor DATASET.json OUT.pdf\n");
        return 64;
    }
    json = slurp(argv[1]);
    root = json ? cJSON_Parse(json) : NULL;
    d.council = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "councils"), 0);
    if (d.council == NULL) {
        fprintf(stderr, "floor: %s: cannot read a dataset with a council\n", argv[1]);
        return 65;
    }
    d.sources = cJSON_GetObjectItemCaseSensitive(root, "sources");
    d.pdf = HPDF_New(on_error, NULL);
    HPDF_SetCompressionMode(d.pdf, HPDF_COMP_ALL);
    HPDF_SetInfoAttr(d.pdf, HPDF_INFO_TITLE, "Children's services briefing");
    HPDF_SetInfoAttr(d.pdf, HPDF_INFO_CREATOR, "bench floor");
    /* FLOOR_FONT_DIR tries other copies of the faces (to see what a font
     * file's tables cost in the PDF). */
    if (dir == NULL)
        dir = FONT_DIR;
    snprintf(path[0], sizeof path[0], "%s/LiberationSans-Regular.ttf", dir);
    snprintf(path[1], sizeof path[1], "%s/LiberationSans-Bold.ttf", dir);
    regular = HPDF_LoadTTFontFromFile(d.pdf, path[0], HPDF_TRUE);
    bold = HPDF_LoadTTFontFromFile(d.pdf, path[1], HPDF_TRUE);
    d.regular = HPDF_GetFont(d.pdf, regular, "CP1252");
    d.bold = HPDF_GetFont(d.pdf, bold, "CP1252");

    cover(&d);
    glance(&d);
    inspections(&d);
    leadership(&d);
    interventions(&d);
    metrics(&d);
    workforce(&d);
    events(&d);
    questions(&d);
    sources(&d);
    furniture(&d);

    HPDF_SaveToFile(d.pdf, argv[2]);
    printf("%d %ld\n", d.npages, d.chars);
    HPDF_Free(d.pdf);
    cJSON_Delete(root);
    free(json);
    return 0;
}

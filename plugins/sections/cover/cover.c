/*
 * cover: the briefing's cover page: title, council, "as of" date, logo and
 * protective marking, from the template's top-level fields.
 */
#include <stdio.h>
#include <string.h>

#include "../common/section.h"

static const briefing_option options[] = {
    {sizeof(briefing_option), "title", BRIEFING_OPTION_STRING, NULL, "Title on the cover (default: the template's title)"},
    {sizeof(briefing_option), "subtitle", BRIEFING_OPTION_STRING, NULL, "Line under the title (default: the template's subtitle)"},
    {sizeof(briefing_option), "note", BRIEFING_OPTION_STRING,
     "Prepared from published sources. Numbers in square brackets refer to the list of sources.",
     "Small print at the foot of the cover"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL}};

/* "Norfolk County Council" for a county, whose councils are all named so;
 * other kinds are named in too many ways ("Leeds City Council", "Medway
 * Council") to guess, so the council's own name stands alone. */
static const char *council_title(const briefing_council *c, char *buf, size_t size)
{
    const char *name = c->name ? c->name : c->code;

    if (c->kind == BRIEFING_COUNCIL_COUNTY && strstr(name, "Council") == NULL)
        snprintf(buf, size, "%s County Council", name);
    else
        snprintf(buf, size, "%s", name);
    return buf;
}

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    char council[256], as_of[64], when[80];
    briefing_cover cover;
    const char *t;

    SEC_TRY(sec_check_host(h, ctx));
    memset(&cover, 0, sizeof cover);
    cover.size = sizeof cover;
    t = h->option_string(ctx, "title");
    cover.title = t && *t ? t : sec_template_string(h, ctx, "title");
    if (cover.title == NULL)
        cover.title = "Children's services briefing";
    t = h->option_string(ctx, "subtitle");
    cover.subtitle = t && *t ? t : sec_template_string(h, ctx, "subtitle");
    cover.council = council_title(c, council, sizeof council);
    h->format_date(ds->as_of, as_of, sizeof as_of);
    snprintf(when, sizeof when, "As of %s", as_of);
    cover.as_of = when;
    cover.marking = sec_template_string(h, ctx, "marking");
    cover.logo = sec_template_string(h, ctx, "logo");
    cover.note = h->option_string(ctx, "note");
    return h->layout->cover(doc, &cover);
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "cover",
    .version = "1.0.0",
    .description = "Cover page: title, council, as-of date, logo and protective marking",
    .options = options,
    .render = render,
};

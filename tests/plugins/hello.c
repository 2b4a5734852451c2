/* A well-behaved section with options: says hello to the council. */
#include <stdio.h>
#include <briefing/plugin.h>

#include "marker.h"

/* Runs when loaded: the control for the refused plugins' markers. */
TEST_MARKER("hello")

static const briefing_option options[] = {
    {sizeof(briefing_option), "greeting", BRIEFING_OPTION_STRING, "Hello", "the word to greet with"},
    {sizeof(briefing_option), "times", BRIEFING_OPTION_NUMBER, "1", "how many paragraphs"},
    {sizeof(briefing_option), "loud", BRIEFING_OPTION_BOOL, "false", "shout"},
    {sizeof(briefing_option), "extra", BRIEFING_OPTION_LIST, "a,b", "extra lines"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL},
};

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    char text[256];
    double times = h->option_number(ctx, "times");
    size_t i;
    int rc;

    (void)ds;
    rc = h->layout->heading(doc, 1, "Greetings");
    for (i = 0; rc == BRIEFING_OK && i < (size_t)times && i < 10; i++) {
        snprintf(text, sizeof text, "%s%s, %s.", h->option_string(ctx, "greeting"),
                 h->option_bool(ctx, "loud") ? "!" : "", c->name);
        rc = h->layout->paragraph(doc, text);
    }
    for (i = 0; rc == BRIEFING_OK && i < h->option_count(ctx, "extra"); i++)
        rc = h->layout->bullet(doc, h->option_item(ctx, "extra", i));
    return rc;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "hello", .version = "1.0", .description = "Greets the council (a test plugin)",
    .options = options,
    .render = render,
};

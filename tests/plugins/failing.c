/* A section that fails with its own message, for one council only. */
#include <string.h>
#include <briefing/plugin.h>

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    (void)ds; (void)doc;
    if (strcmp(c->code, "E06000999") == 0)
        return h->error(ctx, BRIEFING_ERR_DATA, "cannot describe council %s", c->code);
    return h->layout->paragraph(doc, "fine");
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "failing", .version = "1.0", .description = "Fails for council E06000999",
    .render = render,
};

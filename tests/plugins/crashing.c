/* A section that crashes (abort) for one council, E10000005 of the synthetic
 * set, as a buggy third-party plugin might: batch must report that council
 * and complete the others. */
#include <stdlib.h>
#include <string.h>
#include <briefing/plugin.h>

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    (void)ctx; (void)ds;
    if (strcmp(c->code, "E10000005") == 0)
        abort();
    return h->layout->paragraph(doc, "fine");
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "crashing", .version = "1.0", .description = "Crashes for council E10000005",
    .render = render,
};

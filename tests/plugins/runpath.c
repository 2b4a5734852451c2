/* A section linked with RUNPATH /tmp (tests/CMakeLists.txt): its libraries
 * would be looked for in a folder anyone can write, so it must be refused,
 * before it runs any code. */
#include <briefing/plugin.h>

#include "marker.h"

TEST_MARKER("runpath")

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    (void)ctx; (void)ds;
    return h->layout->paragraph(doc, c->name);
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "runpath", .version = "1.0", .description = "Linked with RUNPATH /tmp",
    .render = render,
};

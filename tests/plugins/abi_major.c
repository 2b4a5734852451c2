/* Built for a future ABI major: must be refused. */
#include <briefing/plugin.h>

#include "marker.h"

/* Must never run: the ABI is read from the file and refused first. */
TEST_MARKER("abi_major")

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    (void)h; (void)ctx; (void)ds; (void)c; (void)doc;
    return BRIEFING_OK;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    .abi_major = BRIEFING_ABI_MAJOR + 1, .abi_minor = 0, .size = sizeof(briefing_plugin),
    .kind = BRIEFING_PLUGIN_SECTION,
    .name = "future-major", .version = "1.0", .description = "built for the next ABI",
    .render = render,
};

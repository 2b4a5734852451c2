/* A source that crashes (abort) reading files ending in ".crash", as a
 * buggy third-party source might: the run must say which plugin crashed on
 * which file, exit 70 and leave no temporary file.  abort, not a
 * segmentation fault: under AddressSanitizer, whose SIGSEGV handler runs
 * after ours and exits 1, the exit status would differ. */
#include <stdlib.h>
#include <string.h>
#include <briefing/plugin.h>

static int recognise(const briefing_host *h, briefing_ctx *ctx, const char *path,
                     const unsigned char *head, size_t len)
{
    size_t n = strlen(path);

    (void)h; (void)ctx; (void)head; (void)len;
    return n > 6 && strcmp(path + n - 6, ".crash") == 0 ? 100 : 0;
}

static int read_file(const briefing_host *h, briefing_ctx *ctx, const char *path,
                     briefing_json *dataset)
{
    (void)h; (void)ctx; (void)path; (void)dataset;
    abort();
    return BRIEFING_OK;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SOURCE),
    .name = "crashing-source", .version = "1.0", .description = "Crashes reading *.crash files (test)",
    .recognise = recognise, .read = read_file,
};

/*
 * fuzz_template: loading a template (core/template.h).
 *
 * The input is written to a temporary .json file and loaded as a template;
 * a template that loads is checked against a set of stand-in plugins (one
 * source, one section, with an option of every type) and turned into the
 * layout settings.  A refusal must be BRIEFING_ERR_CONFIG (or NOMEM) with a
 * message naming the file.
 */
#include <stdint.h>
#include <string.h>

#include <briefing/plugin.h>

#include "diag.h"
#include "fuzz_util.h"
#include "layout.h"
#include "plugin_loader.h"
#include "template.h"

static const briefing_option stand_in_options[] = {
    {sizeof(briefing_option), "text", BRIEFING_OPTION_STRING, "x", "a string"},
    {sizeof(briefing_option), "count", BRIEFING_OPTION_NUMBER, "5", "a number"},
    {sizeof(briefing_option), "flag", BRIEFING_OPTION_BOOL, "true", "a flag"},
    {sizeof(briefing_option), "metrics", BRIEFING_OPTION_LIST, "a,b", "a list"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL},
};

static const briefing_plugin stand_in_source = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SOURCE),
    .name = "json", .version = "1", .description = "stand-in source",
    .options = stand_in_options,
};

static const briefing_plugin stand_in_section = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "cover", .version = "1", .description = "stand-in section",
    .options = stand_in_options,
};

static plugin stand_ins[] = {
    {.path = "json.so", .handle = NULL, .desc = &stand_in_source},
    {.path = "cover.so", .handle = NULL, .desc = &stand_in_section},
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_tmp_init(".json");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    plugin_set set = {.items = stand_ins, .count = 2, .cap = 2};
    template *t = NULL;
    layout_config cfg;
    diag d;
    int rc;

    fuzz_tmp_write(data, size);
    diag_clear(&d);
    rc = template_load(fuzz_tmp_path, &t, &d);
    if (rc != BRIEFING_OK) {
        FUZZ_REQUIRE(t == NULL && d.status == rc);
        FUZZ_REQUIRE(rc == BRIEFING_ERR_CONFIG || rc == BRIEFING_ERR_NOMEM);
        FUZZ_REQUIRE(strstr(d.text, fuzz_tmp_path) != NULL);
        return 0;
    }
    rc = template_check_plugins(t, &set, &d);
    FUZZ_REQUIRE(rc == BRIEFING_OK || (rc == BRIEFING_ERR_CONFIG && d.text[0] != '\0'));
    diag_clear(&d);
    layout_config_defaults(&cfg);
    rc = template_layout_config(t, &cfg, &d);
    FUZZ_REQUIRE(rc == BRIEFING_OK || (rc == BRIEFING_ERR_CONFIG && d.text[0] != '\0'));
    template_string(t, "title");
    template_free(t);
    return 0;
}

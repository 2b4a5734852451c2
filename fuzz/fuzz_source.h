/*
 * fuzz_source.h: the harness every source plugin shares.  A harness file
 * includes the plugin's .c (so its descriptor, briefing_plugin_info, is
 * compiled in) and then this header.
 *
 * The input is written to a temporary file, which the source is asked to
 * recognise from its first 4 KiB (as the session does) and then to read
 * with the real host table.  A read that fails must say why; a document it
 * produces goes through dataset_validate as the session's would.  With
 * FUZZ_SOURCE_STRICT=1 in the environment, a document the validator refuses
 * is reported as a crash: a source should refuse bad input itself, naming
 * the line, rather than hand on something the validator has to explain.
 */
#ifndef BRIEFING_FUZZ_SOURCE_H
#define BRIEFING_FUZZ_SOURCE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/plugin.h>

#include "dataset_core.h"
#include "diag.h"
#include "fuzz_util.h"
#include "host.h"

#ifndef FUZZ_SOURCE_SUFFIX
#define FUZZ_SOURCE_SUFFIX ".csv"
#endif

static int fuzz_strict;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *strict = getenv("FUZZ_SOURCE_STRICT");

    (void)argc;
    (void)argv;
    fuzz_strict = strict != NULL && strcmp(strict, "1") == 0;
    fuzz_tmp_init(FUZZ_SOURCE_SUFFIX);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const briefing_plugin *p = &briefing_plugin_info;
    const briefing_host *h = host_table();
    briefing_ctx ctx;
    cJSON *doc;
    diag d;
    int rc, score;

    fuzz_tmp_write(data, size);
    diag_clear(&d);
    FUZZ_REQUIRE(host_ctx_init(&ctx, p, NULL, NULL, &d) == BRIEFING_OK);
    score = p->recognise ? p->recognise(h, &ctx, fuzz_tmp_path, data, size < 4096 ? size : 4096)
                         : 0;
    FUZZ_REQUIRE(score >= 0 && score <= 100);
    host_ctx_free(&ctx);

    doc = dataset_new_document();
    FUZZ_REQUIRE(doc != NULL);
    FUZZ_REQUIRE(host_ctx_init(&ctx, p, NULL, NULL, &d) == BRIEFING_OK);
    rc = p->read(h, &ctx, fuzz_tmp_path, (briefing_json *)doc);
    if (rc != BRIEFING_OK) {
        const diag *e = host_ctx_diag(&ctx);

        FUZZ_REQUIRE(e != NULL && e->status == rc && e->text[0] != '\0');
        FUZZ_REQUIRE(rc == BRIEFING_ERR_DATA || rc == BRIEFING_ERR_NOMEM
                     || rc == BRIEFING_ERR_NOINPUT);
    } else {
        rc = dataset_validate(doc, fuzz_tmp_path, &d);
        if (rc != BRIEFING_OK && fuzz_strict) {
            fprintf(stderr, "the %s source made a document the validator refuses: %s\n",
                    p->name, d.text);
            abort();
        }
    }
    host_ctx_free(&ctx);
    cJSON_Delete(doc);
    return 0;
}

#endif

/*
 * test_faults: what the core does when memory runs out part way, where an
 * end-to-end run (tests/e2e/faults.sh) cannot aim precisely.  cJSON's
 * allocator hooks make its allocations fail after N; whatever N, a call
 * must either succeed whole or fail with BRIEFING_ERR_NOMEM, never succeed
 * with part of the data missing.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>
#include <briefing/plugin.h>

#include "dataset_core.h"
#include "host.h"
#include "json_api.h"
#include "test_util.h"

static long allocations_left = -1; /* -1: no limit */

static void *limited_malloc(size_t size)
{
    if (allocations_left == 0)
        return NULL;
    if (allocations_left > 0)
        allocations_left--;
    return malloc(size);
}

static void fail_cjson_after(long n)
{
    cJSON_Hooks hooks = {limited_malloc, free};

    allocations_left = n;
    cJSON_InitHooks(&hooks);
}

static void norfolk_path(char *path, size_t size)
{
    const char *src = getenv("BRIEFING_SOURCE_DIR");

    snprintf(path, size, "%s/examples/data/norfolk.json", src ? src : ".");
}

/* The json source's parse_file moved each member into the plugin's
 * document by name; a failed copy of the name dropped "councils" and the
 * user was told the file had none. */
START_TEST(test_parse_file_whole_or_nomem)
{
    static const briefing_plugin source = {
        BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SOURCE), .name = "json", .version = "1",
        .description = "test"};
    char path[4096];
    long n;
    int outcomes[2] = {0, 0};

    norfolk_path(path, sizeof path);
    for (n = 0; n < 4000; n += 3) {
        cJSON *target = dataset_new_document();
        briefing_ctx ctx;
        diag d;
        int rc;

        diag_clear(&d);
        ck_assert_ptr_nonnull(target);
        ck_assert_int_eq(host_ctx_init(&ctx, &source, NULL, NULL, &d), BRIEFING_OK);
        fail_cjson_after(n);
        rc = json_api()->parse_file(&ctx, path, json_wrap(target));
        fail_cjson_after(-1);
        if (rc == BRIEFING_OK) {
            ck_assert_msg(cJSON_GetArraySize(cJSON_GetObjectItem(target, "councils")) == 1,
                          "after %ld allocations: parse_file succeeded without the councils", n);
            ck_assert_int_eq(dataset_validate(target, path, &d), BRIEFING_OK);
        } else {
            ck_assert_msg(rc == BRIEFING_ERR_NOMEM, "after %ld allocations: status %d (%s)", n,
                          rc, host_ctx_diag(&ctx) ? host_ctx_diag(&ctx)->text : "");
        }
        outcomes[rc == BRIEFING_OK]++;
        host_ctx_free(&ctx);
        cJSON_Delete(target);
    }
    /* Both outcomes were reached: the limits straddle the file's needs. */
    ck_assert_int_gt(outcomes[0], 0);
    ck_assert_int_gt(outcomes[1], 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("faults");
    TCase *tc = tcase_create("allocation");

    tcase_add_test(tc, test_parse_file_whole_or_nomem);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

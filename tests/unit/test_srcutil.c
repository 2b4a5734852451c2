/* srcutil.h, what the CSV source plugins share: the closest header named
 * when a column is missing (DfE renames columns between releases), and the
 * council that held an area on a date (the former councils' table). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <briefing/plugin.h>

#include "../../plugins/sources/common/srcutil.h"
#include "diag.h"
#include "host.h"
#include "test_util.h"

START_TEST(fold_and_distance)
{
    char a[64], b[64];

    src_fold_header(" Children_Count\r\n", a, sizeof a);
    ck_assert_str_eq(a, "childrencount");
    src_fold_header("Inspection / Visit type", b, sizeof b);
    ck_assert_str_eq(b, "inspectionvisittype");
    ck_assert_uint_eq(src_distance("childrencounts", "childrencount"), 1);
    ck_assert_uint_eq(src_distance("number", "number"), 0);
    ck_assert_uint_eq(src_distance("", "abc"), 3);
    ck_assert_uint_eq(src_distance("kitten", "sitting"), 3);
}
END_TEST

static const briefing_plugin plugin = {BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SOURCE), .name = "t",
                                       .version = "1", .description = "test"};

/* Writes text to a temporary CSV and requires `names` of it: returns the
 * status, the error text in msg. */
static int require_in(const char *text, const char *const *names, char *msg, size_t size)
{
    char path[] = "/tmp/test-srcutil-XXXXXX";
    int fd = mkstemp(path), col = -1, rc;
    const briefing_host *h = host_table();
    briefing_ctx ctx;
    briefing_csv *r = NULL;
    diag d;

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (int)strlen(text));
    close(fd);
    diag_clear(&d);
    ck_assert_int_eq(host_ctx_init(&ctx, &plugin, NULL, NULL, &d), BRIEFING_OK);
    ck_assert_int_eq(h->csv->open(&ctx, path, &r), BRIEFING_OK);
    rc = src_require(h, &ctx, r, names, &col);
    snprintf(msg, size, "%s", host_ctx_diag(&ctx) ? host_ctx_diag(&ctx)->text : "");
    if (rc == BRIEFING_OK)
        snprintf(msg, size, "column %d", col);
    h->csv->close(r);
    host_ctx_free(&ctx);
    unlink(path);
    return rc;
}

START_TEST(require_names_the_closest_header)
{
    static const char *const count[] = {"number", "children_count", NULL};
    char msg[1024];

    ck_assert_int_eq(require_in("time_period,children_count\n2024,5\n", count, msg, sizeof msg), BRIEFING_OK);
    ck_assert_str_eq(msg, "column 1");
    ck_assert_int_eq(require_in("time_period,children_counts,rate_per_10000\n2024,5,1\n", count, msg, sizeof msg),
                     BRIEFING_ERR_DATA);
    ck_assert_msg(strstr(msg, ": no column \"number\" (nor \"children_count\"); the closest is \"children_counts\"")
                      != NULL,
                  "%s", msg);
}
END_TEST

START_TEST(council_then)
{
    const briefing_host *h = host_table();
    const briefing_council_info *found[2], *dorset, *bcp, *then;

    ck_assert_uint_eq(h->councils->resolve("E06000059", found, 2), 1);
    dorset = found[0];
    /* Dorset of 2011 is Dorset County Council; of 2021, the unitary. */
    then = src_council_then(h, dorset, "2011-10-28");
    ck_assert_ptr_nonnull(then);
    ck_assert_str_eq(then->code, "E10000009");
    ck_assert_ptr_eq(src_council_then(h, dorset, "2021-11-19"), dorset);
    ck_assert_ptr_eq(src_council_then(h, dorset, "2019-04-01"), dorset);
    /* Bournemouth, Christchurch and Poole before 2019: three councils. */
    ck_assert_uint_eq(h->councils->resolve("E06000058", found, 2), 1);
    bcp = found[0];
    ck_assert_ptr_null(src_council_then(h, bcp, "2018-08-24"));
    ck_assert_ptr_eq(src_council_then(h, bcp, "2022-02-11"), bcp);
    /* A council that replaced none stays itself. */
    ck_assert_uint_eq(h->councils->resolve("Norfolk", found, 2), 1);
    ck_assert_ptr_eq(src_council_then(h, found[0], "2009-01-01"), found[0]);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("srcutil");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, fold_and_distance);
    tcase_add_test(tc, require_names_the_closest_header);
    tcase_add_test(tc, council_then);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(suite(), CK_FORK);
}

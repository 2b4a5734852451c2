/*
 * test_served: the helpers served at the end of the host table (ABI 1.2),
 * called through host_table() as a plugin calls them.
 */
#include <check.h>
#include <stddef.h>
#include <string.h>

#include <briefing/councils.h>
#include <briefing/plugin.h>

#include "councils_register.h"
#include "host.h"
#include "json_api.h"
#include "test_util.h"

#define HEAD(s) (const unsigned char *)(s), strlen(s)

START_TEST(test_table_grows_at_end)
{
    const briefing_host *h = host_table();

    ck_assert_uint_ge(offsetof(briefing_host, header_line), offsetof(briefing_host, state_kept));
    ck_assert_uint_eq(h->size, sizeof(briefing_host));
    ck_assert_uint_le(offsetof(briefing_host, add_months) + sizeof h->add_months, h->size);
    ck_assert_int_eq(h->abi_minor, 2);
}
END_TEST

START_TEST(test_header)
{
    const briefing_host *h = host_table();
    char line[64];

    ck_assert_str_eq(h->header_line(HEAD("\xef\xbb\xbf\"LA  Code\", Name ,Date\r\n1,2,3"), line, sizeof line),
                     "la code, name ,date");
    ck_assert(h->header_has(HEAD("\xef\xbb\xbf\"LA  Code\", Name ,Date\r\n1,2,3"), "la code"));
    ck_assert(h->header_has(HEAD("council,date\n"), "Date"));
    ck_assert(h->header_has(HEAD("Council,Date,Headline"), "headline"));
    ck_assert(!h->header_has(HEAD("council,date\nheadline"), "headline")); /* the first line only */
    ck_assert(!h->header_has(HEAD("council,dates"), "date"));
    ck_assert(!h->header_has(HEAD("council,update"), "date"));
    ck_assert(!h->header_has(NULL, 0, "date"));
    ck_assert_str_eq(h->header_line(HEAD("a,b,c,d,e,f"), line, 5), "a,b"); /* room kept: cut short, never overrun */
}
END_TEST

START_TEST(test_council_entry)
{
    const briefing_host *h = host_table();
    const briefing_council_info *norfolk = councils_by_code("E10000020");
    const briefing_council_info *dudley = councils_by_code("E08000027");
    cJSON *root = cJSON_Parse("{\"councils\": [{\"code\": \"E08000027\", \"name\": \"Dudley\"}]}");
    briefing_ctx ctx;
    diag d = {0};
    briefing_json *a, *b, *c;

    ck_assert_ptr_nonnull(norfolk);
    ck_assert_ptr_nonnull(dudley);
    ck_assert_int_eq(host_ctx_init(&ctx, NULL, NULL, NULL, &d), BRIEFING_OK);
    /* one already there is found, not added again */
    c = h->council_entry(&ctx, json_wrap(root), dudley);
    ck_assert_ptr_eq(json_unwrap(c), cJSON_GetArrayItem(cJSON_GetObjectItem(root, "councils"), 0));
    /* a new one is added once, with the register's fields */
    a = h->council_entry(&ctx, json_wrap(root), norfolk);
    b = h->council_entry(&ctx, json_wrap(root), norfolk);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_eq(a, b);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(root, "councils")), 2);
    ck_assert_str_eq(cJSON_GetObjectItem(json_unwrap(a), "name")->valuestring, "Norfolk");
    ck_assert_str_eq(cJSON_GetObjectItem(json_unwrap(a), "la_number")->valuestring, "926");
    ck_assert_str_eq(cJSON_GetObjectItem(json_unwrap(a), "region")->valuestring, "East of England");
    /* another dataset on the same context starts a fresh index */
    {
        cJSON *other = cJSON_CreateObject();

        c = h->council_entry(&ctx, json_wrap(other), norfolk);
        ck_assert_ptr_nonnull(c);
        ck_assert_ptr_ne(c, a);
        ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(other, "councils")), 1);
        cJSON_Delete(other);
    }
    /* councils the index has not met are searched for while the array holds
     * others: one already in the document before the first call, asked for
     * after another was added; one a plugin appended itself */
    {
        const briefing_council_info *kent = councils_by_code("E10000016");
        cJSON *doc = cJSON_Parse("{\"councils\": [{\"code\": \"E08000027\"}]}");
        cJSON *arr = cJSON_GetObjectItem(doc, "councils"), *own;

        ck_assert_ptr_nonnull(kent);
        a = h->council_entry(&ctx, json_wrap(doc), norfolk);
        c = h->council_entry(&ctx, json_wrap(doc), dudley);
        ck_assert_ptr_eq(json_unwrap(c), cJSON_GetArrayItem(arr, 0));
        ck_assert_int_eq(cJSON_GetArraySize(arr), 2);
        own = cJSON_CreateObject();
        cJSON_AddStringToObject(own, "code", "E10000016");
        cJSON_AddItemToArray(arr, own);
        c = h->council_entry(&ctx, json_wrap(doc), kent);
        ck_assert_ptr_eq(json_unwrap(c), own);
        ck_assert_int_eq(cJSON_GetArraySize(arr), 3);
        /* and the index's own are still found and added once */
        ck_assert_ptr_eq(h->council_entry(&ctx, json_wrap(doc), norfolk), a);
        c = h->council_entry(&ctx, json_wrap(doc), councils_by_code("E06000001"));
        ck_assert_ptr_nonnull(c);
        ck_assert_ptr_eq(h->council_entry(&ctx, json_wrap(doc), councils_by_code("E06000001")), c);
        ck_assert_int_eq(cJSON_GetArraySize(arr), 4);
        cJSON_Delete(doc);
    }
    ck_assert_ptr_null(h->council_entry(&ctx, NULL, norfolk));
    ck_assert_ptr_nonnull(host_ctx_diag(&ctx));
    host_ctx_free(&ctx);
    cJSON_Delete(root);
}
END_TEST

START_TEST(test_ofsted_words)
{
    const briefing_host *h = host_table();
    const char *word = NULL, *framework = "ilacs", *type = NULL;
    int visit = -1;

    ck_assert_int_eq(h->ofsted_grade(" Requires improvement to be good ", 0, &word), 1);
    ck_assert_str_eq(word, "requires_improvement");
    ck_assert_int_eq(h->ofsted_grade("Requires improvement", 1, &word), 1);
    ck_assert_str_eq(word, "adequate");
    ck_assert_int_eq(h->ofsted_grade("GOOD", 0, &word), 1);
    ck_assert_str_eq(word, "good");
    ck_assert_int_eq(h->ofsted_grade("N/A", 0, &word), 0);
    ck_assert_int_eq(h->ofsted_grade("", 0, &word), 0);
    ck_assert_int_eq(h->ofsted_grade("Excellent", 0, &word), -1);

    ck_assert_int_eq(h->ofsted_inspection_type("ILACS Short Inspection", &framework, &type, &visit), 1);
    ck_assert_str_eq(type, "short");
    ck_assert_str_eq(framework, "ilacs");
    ck_assert_int_eq(visit, 0);
    ck_assert_int_eq(h->ofsted_inspection_type("Focused visit", &framework, &type, &visit), 1);
    ck_assert_str_eq(type, "focused_visit");
    ck_assert_int_eq(visit, 1);
    ck_assert_int_eq(h->ofsted_inspection_type("JTAI", &framework, &type, &visit), 1);
    ck_assert_str_eq(framework, "jtai");
    ck_assert_str_eq(type, "joint_targeted");
    ck_assert_int_eq(h->ofsted_inspection_type("ILACS Standard Inspection", &framework, &type, &visit), 1);
    ck_assert_str_eq(type, "full");
    ck_assert_int_eq(h->ofsted_inspection_type("Thematic review", &framework, &type, &visit), -1);
}
END_TEST

START_TEST(test_expand_title)
{
    const briefing_host *h = host_table();
    briefing_council c = {.name = "Norfolk"};
    char buf[64], small[12];

    ck_assert_str_eq(h->expand_title("{council}: at a glance", &c, buf, sizeof buf), "Norfolk: at a glance");
    ck_assert_str_eq(h->expand_title("{council} and {council}", &c, buf, sizeof buf), "Norfolk and Norfolk");
    ck_assert_str_eq(h->expand_title("No name", &c, buf, sizeof buf), "No name");
    ck_assert_str_eq(h->expand_title("{council}", NULL, buf, sizeof buf), "");
    /* too long: cut with an ellipsis, at a character boundary */
    h->expand_title("{council} children's services", &c, small, sizeof small);
    ck_assert_uint_lt(strlen(small), sizeof small);
    ck_assert_ptr_nonnull(strstr(small, "\xe2\x80\xa6"));
}
END_TEST

static void date_is(briefing_date d, int y, int m, int day)
{
    ck_assert_msg(d.year == y && d.month == m && d.day == day, "got %d-%d-%d, want %d-%d-%d", d.year, d.month,
                  d.day, y, m, day);
}

START_TEST(test_add_months)
{
    const briefing_host *h = host_table();

    date_is(h->add_months((briefing_date){2024, 1, 31}, 1), 2024, 2, 29);
    date_is(h->add_months((briefing_date){2023, 1, 31}, 1), 2023, 2, 28);
    date_is(h->add_months((briefing_date){2024, 3, 15}, -3), 2023, 12, 15);
    date_is(h->add_months((briefing_date){2024, 3, 0}, 10), 2025, 1, 0);
    date_is(h->add_months((briefing_date){2024, 0, 0}, 25), 2026, 0, 0);
    date_is(h->add_months((briefing_date){2024, 6, 1}, -36), 2021, 6, 1);
    date_is(h->add_months((briefing_date){0, 0, 0}, 5), 0, 0, 0);
    date_is(h->add_months((briefing_date){1, 2, 1}, -2), 0, 0, 0);
    date_is(h->add_months((briefing_date){9999, 12, 1}, 1), 0, 0, 0);
}
END_TEST

static Suite *served_suite(void)
{
    Suite *s = suite_create("served");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_table_grows_at_end);
    tcase_add_test(tc, test_header);
    tcase_add_test(tc, test_council_entry);
    tcase_add_test(tc, test_ofsted_words);
    tcase_add_test(tc, test_expand_title);
    tcase_add_test(tc, test_add_months);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(served_suite(), CK_FORK);
}

/* The plugin loader: what it loads, what it refuses and why. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plugin.h"
#include "test_util.h"

static char test_plugins[4096];

static void setup(void)
{
    const char *build = getenv("BRIEFING_BUILD_DIR");

    ck_assert_msg(build != NULL, "BRIEFING_BUILD_DIR is not set (run through ctest)");
    snprintf(test_plugins, sizeof test_plugins, "%s/tests/plugins", build);
    unsetenv("BRIEFING_PLUGIN_PATH");
}

static const char *refusal(const plugin_set *set, const char *file)
{
    size_t i;

    for (i = 0; i < set->n_refused; i++)
        if (strstr(set->refused[i].path, file))
            return set->refused[i].reason;
    return NULL;
}

static void load(plugin_set *set, const char *dir)
{
    const char *dirs[] = {dir};
    diag d;

    diag_clear(&d);
    memset(set, 0, sizeof *set);
    ck_assert_int_eq(plugin_load_all(set, dirs, 1, NULL, &d), 0);
}

START_TEST(loads_good_plugins)
{
    plugin_set set;
    const plugin *p;

    load(&set, test_plugins);
    p = plugin_find(&set, "hello", BRIEFING_PLUGIN_SECTION);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p->desc->version, "1.0");
    ck_assert_ptr_nonnull(plugin_find(&set, "badsource", BRIEFING_PLUGIN_SOURCE));
    ck_assert_ptr_null(plugin_find(&set, "badsource", BRIEFING_PLUGIN_SECTION));
    plugin_set_free(&set);
}
END_TEST

START_TEST(refuses_with_reasons)
{
    plugin_set set;
    const char *why;

    load(&set, test_plugins);
    why = refusal(&set, "no_descriptor.so");
    ck_assert_ptr_nonnull(why);
    ck_assert_ptr_nonnull(strstr(why, "no \"briefing_plugin_info\" descriptor"));
    why = refusal(&set, "abi_major.so");
    ck_assert_ptr_nonnull(why);
    ck_assert_msg(strstr(why, "ABI 2.0") && strstr(why, "speaks ABI 1."), "%s", why);
    why = refusal(&set, "abi_minor.so");
    ck_assert_ptr_nonnull(why);
    ck_assert_msg(strstr(why, "newer than this program"), "%s", why);
    why = refusal(&set, "zz_duplicate.so");
    ck_assert_ptr_nonnull(why);
    ck_assert_msg(strstr(why, "duplicate plugin name \"hello\"") && strstr(why, "hello.so"),
                  "%s", why);
    /* The refused ones are not loaded; the first "hello" still is. */
    ck_assert_ptr_null(plugin_find(&set, "future-major", 0));
    ck_assert_ptr_null(plugin_find(&set, "future-minor", 0));
    ck_assert_str_eq(plugin_find(&set, "hello", 0)->desc->version, "1.0");
    plugin_set_free(&set);
}
END_TEST

/* Copies the built hello.so into dir. */
static void copy_hello(const char *dir, char *dest, size_t size)
{
    char cmd[8192 + 64]; /* room for both paths (PATH_MAX each) and the words */

    snprintf(dest, size, "%s/hello.so", dir);
    snprintf(cmd, sizeof cmd, "cp '%.4095s/hello.so' '%.4095s'", test_plugins, dest);
    ck_assert_int_eq(system(cmd), 0);
}

START_TEST(refuses_writable_by_others)
{
    char dir[] = "/tmp/briefing-test-XXXXXX";
    char file[4096];
    plugin_set set;
    const char *why;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    copy_hello(dir, file, sizeof file);
    ck_assert_int_eq(chmod(file, 0666), 0);
    load(&set, dir);
    why = refusal(&set, "hello.so");
    ck_assert_ptr_nonnull(why);
    ck_assert_msg(strstr(why, "writable by other users"), "%s", why);
    ck_assert_ptr_null(plugin_find(&set, "hello", 0));
    plugin_set_free(&set);

    ck_assert_int_eq(chmod(file, 0644), 0);
    ck_assert_int_eq(chmod(dir, 0777), 0);
    load(&set, dir);
    why = refusal(&set, dir);
    ck_assert_ptr_nonnull(why);
    ck_assert_msg(strstr(why, "folder is writable by other users"), "%s", why);
    ck_assert_ptr_null(plugin_find(&set, "hello", 0));
    plugin_set_free(&set);

    ck_assert_int_eq(chmod(dir, 0755), 0);
    load(&set, dir);
    ck_assert_ptr_nonnull(plugin_find(&set, "hello", 0));
    plugin_set_free(&set);
    unlink(file);
    rmdir(dir);
}
END_TEST

START_TEST(search_order_plugin_dir_then_env)
{
    char dir[] = "/tmp/briefing-test-XXXXXX";
    char file[4096];
    const char *dirs[1];
    plugin_set set;
    diag d;

    /* The same plugin in --plugin-dir and in BRIEFING_PLUGIN_PATH: the
     * --plugin-dir copy wins and the other is refused as a duplicate. */
    ck_assert_ptr_nonnull(mkdtemp(dir));
    copy_hello(dir, file, sizeof file);
    setenv("BRIEFING_PLUGIN_PATH", test_plugins, 1);
    dirs[0] = dir;
    diag_clear(&d);
    memset(&set, 0, sizeof set);
    ck_assert_int_eq(plugin_load_all(&set, dirs, 1, NULL, &d), 0);
    ck_assert_str_eq(plugin_find(&set, "hello", 0)->path, file);
    ck_assert_ptr_nonnull(plugin_find(&set, "badsource", 0)); /* from the env folder */
    plugin_set_free(&set);
    unsetenv("BRIEFING_PLUGIN_PATH");
    unlink(file);
    rmdir(dir);
}
END_TEST

static int dummy_render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                        const briefing_council *c, briefing_doc *doc)
{
    (void)h; (void)ctx; (void)ds; (void)c; (void)doc;
    return 0;
}

START_TEST(descriptor_checks)
{
    char buf[256];
    briefing_plugin p = {
        BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
        .name = "ok-name_1", .version = "1", .description = "d", .render = dummy_render,
    };

    ck_assert_ptr_null(plugin_check_descriptor(&p, buf, sizeof buf));
    p.name = "Bad Name";
    ck_assert_ptr_nonnull(plugin_check_descriptor(&p, buf, sizeof buf));
    p.name = "ok";
    p.kind = BRIEFING_PLUGIN_SOURCE; /* a source without read */
    ck_assert_ptr_nonnull(strstr(plugin_check_descriptor(&p, buf, sizeof buf), "read"));
    p.kind = 7;
    ck_assert_ptr_nonnull(strstr(plugin_check_descriptor(&p, buf, sizeof buf), "kind"));
    p.kind = BRIEFING_PLUGIN_SECTION;
    p.size = 8;
    ck_assert_ptr_nonnull(strstr(plugin_check_descriptor(&p, buf, sizeof buf), "smaller"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("plugin");
    TCase *tc = tcase_create("loader");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, loads_good_plugins);
    tcase_add_test(tc, refuses_with_reasons);
    tcase_add_test(tc, refuses_writable_by_others);
    tcase_add_test(tc, search_order_plugin_dir_then_env);
    tcase_add_test(tc, descriptor_checks);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

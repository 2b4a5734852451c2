/* The plugin loader: what it loads, what it refuses and why.
 *
 * Folders for these tests are made in the build tree, not /tmp: /tmp is
 * writable by everyone, so no plugin is loaded from anywhere below it.
 *
 * The race of a file swapped between the check and the load is closed by
 * construction, not by a test: plugin_try opens the file once, checks that
 * descriptor (fstat) and reads the ELF through it, and dlopen is given
 * /proc/self/fd/N, the same open file; the path is never opened again.
 * Swapping the path after the open changes nothing that is loaded.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plugin_loader.h"
#include "test_util.h"

static char test_plugins[4096];

static void setup(void)
{
    const char *build = getenv("BRIEFING_BUILD_DIR");

    ck_assert_msg(build != NULL, "BRIEFING_BUILD_DIR is not set (run through ctest)");
    snprintf(test_plugins, sizeof test_plugins, "%.4000s/tests/plugins", build);
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

/* Makes a fresh folder in the build tree (mode 0755) into dir. */
static void make_dir(char *dir, size_t size)
{
    snprintf(dir, size, "%.4000s/tests/plugin-test-XXXXXX", getenv("BRIEFING_BUILD_DIR"));
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(chmod(dir, 0755), 0);
}

static void run(const char *fmt, const char *a, const char *b)
{
    char cmd[4 * 4096 + 64];

    snprintf(cmd, sizeof cmd, fmt, a, b);
    ck_assert_msg(system(cmd) == 0, "%s", cmd);
}

/* Copies the built test plugin NAME.so into dir. */
static void copy_plugin(const char *name, const char *dir, char *dest, size_t size)
{
    char src[4096];

    snprintf(src, sizeof src, "%.4000s/%s.so", test_plugins, name);
    snprintf(dest, size, "%.4000s/%s.so", dir, name);
    run("cp '%s' '%s'", src, dest);
}

static void copy_hello(const char *dir, char *dest, size_t size)
{
    copy_plugin("hello", dir, dest, size);
}

static void remove_dir(const char *dir)
{
    run("chmod -R u+w '%s' 2>/dev/null; rm -rf '%s'", dir, dir);
}

/* Loads dir and expects hello refused with a reason holding want. */
static void expect_refused(const char *dir, const char *file, const char *want)
{
    plugin_set set;
    const char *why;

    load(&set, dir);
    why = refusal(&set, file);
    ck_assert_msg(why != NULL, "%s was not refused", file);
    ck_assert_msg(strstr(why, want), "%s: %s", file, why);
    ck_assert_ptr_null(plugin_find(&set, "hello", 0));
    plugin_set_free(&set);
}

static void expect_loaded(const char *dir)
{
    plugin_set set;

    load(&set, dir);
    ck_assert_msg(plugin_find(&set, "hello", 0) != NULL, "hello not loaded: %s",
                  set.n_refused ? set.refused[0].reason : "no refusal");
    plugin_set_free(&set);
}

START_TEST(refuses_writable_by_others)
{
    char dir[4096], file[4096];

    make_dir(dir, sizeof dir);
    copy_hello(dir, file, sizeof file);
    ck_assert_int_eq(chmod(file, 0666), 0);
    expect_refused(dir, "hello.so", "writable by other users");

    ck_assert_int_eq(chmod(file, 0644), 0);
    ck_assert_int_eq(chmod(dir, 0777), 0);
    expect_refused(dir, dir, "is writable by other users");
    /* The sticky bit (as on /tmp) does not make a folder safe. */
    ck_assert_int_eq(chmod(dir, 01777), 0);
    expect_refused(dir, dir, "even with the sticky bit");

    ck_assert_int_eq(chmod(dir, 0755), 0);
    expect_loaded(dir);
    remove_dir(dir);
}
END_TEST

/* Writable by the group, whichever group: as root in CI the file is given
 * to group nogroup (65534), which root is not in, so the case is the one
 * that mattered: root owns it, but others can change it. */
START_TEST(refuses_writable_by_group)
{
    char dir[4096], file[4096];

    make_dir(dir, sizeof dir);
    copy_hello(dir, file, sizeof file);
    if (geteuid() == 0)
        ck_assert_int_eq(chown(file, 0, 65534), 0);
    ck_assert_int_eq(chmod(file, 0664), 0);
    expect_refused(dir, "hello.so", "writable by its group");

    ck_assert_int_eq(chmod(file, 0644), 0);
    if (geteuid() == 0)
        ck_assert_int_eq(chown(dir, 0, 65534), 0);
    ck_assert_int_eq(chmod(dir, 0775), 0);
    expect_refused(dir, dir, "writable by its group");
    ck_assert_int_eq(chmod(dir, 0755), 0);
    expect_loaded(dir);
    remove_dir(dir);
}
END_TEST

/* Owned by someone else: root can make that happen (chown to nobody);
 * another user cannot, and the case is then left out. */
START_TEST(refuses_owned_by_another_user)
{
    char dir[4096], sub[4096], file[4096];

    if (geteuid() != 0)
        return;
    make_dir(dir, sizeof dir);
    copy_hello(dir, file, sizeof file);
    ck_assert_int_eq(chown(file, 65534, 65534), 0);
    expect_refused(dir, "hello.so", "belongs to another user (uid 65534)");
    ck_assert_int_eq(chown(file, 0, 0), 0);

    /* A folder above the plugin folder, not only the plugin folder. */
    snprintf(sub, sizeof sub, "%.4000s/sub", dir);
    ck_assert_int_eq(mkdir(sub, 0755), 0);
    copy_hello(sub, file, sizeof file);
    ck_assert_int_eq(chown(dir, 65534, 65534), 0);
    expect_refused(sub, sub, "belongs to another user (uid 65534)");
    ck_assert_int_eq(chown(dir, 0, 0), 0);
    expect_loaded(sub);
    remove_dir(dir);
}
END_TEST

/* A link is followed only when its target's whole path passes. */
START_TEST(symlinks_followed_only_to_trusted_targets)
{
    char dir[4096], other[4096], file[4096], link[4096];
    char open_dir[] = "/tmp/briefing-test-XXXXXX";

    make_dir(dir, sizeof dir);
    ck_assert_ptr_nonnull(mkdtemp(open_dir));
    ck_assert_int_eq(chmod(open_dir, 0755), 0); /* ours, but below /tmp */
    copy_hello(open_dir, file, sizeof file);
    snprintf(link, sizeof link, "%.4000s/hello.so", dir);
    ck_assert_int_eq(symlink(file, link), 0);
    expect_refused(dir, "hello.so", "/tmp is writable by other users");
    /* A relative link climbing out through "..", to the same place. */
    unlink(link);
    snprintf(file, sizeof file, "../../../../../../../../../../../../../..%s/hello.so", open_dir);
    ck_assert_int_eq(symlink(file, link), 0);
    expect_refused(dir, "hello.so", "/tmp is writable by other users");

    /* A link to a file in a trusted folder is followed and loaded. */
    unlink(link);
    make_dir(other, sizeof other);
    copy_hello(other, file, sizeof file);
    ck_assert_int_eq(symlink(file, link), 0);
    expect_loaded(dir);
    /* ...but not once a folder on the target's path is opened up. */
    ck_assert_int_eq(chmod(other, 0777), 0);
    expect_refused(dir, "hello.so", "is writable by other users");
    ck_assert_int_eq(chmod(other, 0755), 0);

    /* A link to the plugin folder itself, from a folder anyone can write. */
    snprintf(link, sizeof link, "%.4000s/plugins", open_dir);
    ck_assert_int_eq(symlink(other, link), 0);
    expect_refused(link, link, "/tmp is writable by other users");
    remove_dir(dir);
    remove_dir(other);
    remove_dir(open_dir);
}
END_TEST

static const char *src_hello(void)
{
    static char path[4096];

    snprintf(path, sizeof path, "%.4000s/hello.so", test_plugins);
    return path;
}

/* Writes n bytes of a copy of hello.so, with byte `at` set to v (at < 0:
 * no change), as dir/hello.so. */
static void write_variant(const char *dir, long n, long at, unsigned char v)
{
    char src[4096], dest[4096];
    unsigned char *buf;
    FILE *f;
    long size;

    snprintf(src, sizeof src, "%.4000s/hello.so", test_plugins);
    snprintf(dest, sizeof dest, "%.4000s/hello.so", dir);
    f = fopen(src, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    rewind(f);
    buf = malloc((size_t)size);
    ck_assert_ptr_nonnull(buf);
    ck_assert_int_eq(fread(buf, 1, (size_t)size, f), size);
    fclose(f);
    if (at >= 0)
        buf[at] = v;
    /* A new file, not the old one rewritten: a copy that loaded may still
     * be mapped (BRIEFING_NO_DLCLOSE), and cutting it short under the
     * mapping would crash the test (SIGBUS). */
    unlink(dest);
    f = fopen(dest, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fwrite(buf, 1, (size_t)(n < 0 || n > size ? size : n), f),
                     n < 0 || n > size ? size : n);
    fclose(f);
    chmod(dest, 0644);
    free(buf);
}

/* Files that are not a plugin for this program are refused as what they
 * are, before dlopen. */
START_TEST(refuses_what_is_not_a_plugin_for_this_machine)
{
    char dir[4096], path[4096];
    struct stat st;
    FILE *f;
    long n;

    make_dir(dir, sizeof dir);
#if defined(__aarch64__)
    write_variant(dir, -1, 18, 62); /* EM_X86_64 */
    expect_refused(dir, "hello.so", "built for x86-64, this is ARM aarch64");
#else
    write_variant(dir, -1, 18, 183); /* EM_AARCH64 */
    expect_refused(dir, "hello.so", "built for ARM aarch64, this is ");
#endif
    write_variant(dir, -1, 4, sizeof(void *) == 8 ? 1 : 2); /* the other class */
    expect_refused(dir, "hello.so", "-bit");

    snprintf(path, sizeof path, "%.4000s/hello.so", dir);
    f = fopen(path, "w");
    fputs("#!/bin/sh\necho not a plugin\n", f);
    fclose(f);
    expect_refused(dir, "hello.so", "not an ELF file");
    f = fopen(path, "w");
    fclose(f);
    expect_refused(dir, "hello.so", "not an ELF file");

    /* Cut short anywhere: refused, never read past the end (ASan).  A cut
     * that loses only what the loader never reads (section headers, the
     * full symbol table at the end) may still load, and that is right; a
     * cut inside a loadable segment must be refused before dlopen, which
     * would crash on it (SIGBUS, seen under ASan before the check). */
    ck_assert_int_eq(stat(src_hello(), &st), 0);
    for (n = 4; n < st.st_size; n += n < 600 ? 37 : 211) {
        plugin_set set;
        const char *why;

        write_variant(dir, n, -1, 0);
        load(&set, dir);
        why = refusal(&set, "hello.so");
        ck_assert_msg(why != NULL || n > 4096, "hello.so cut to %ld bytes was not refused", n);
        ck_assert_msg(why == NULL || strstr(why, "truncated") || strstr(why, "damaged")
                      || strstr(why, "ELF") || strstr(why, "descriptor")
                      || strstr(why, "cannot be loaded"), "cut to %ld: %s", n, why);
        plugin_set_free(&set);
    }
    write_variant(dir, 200, -1, 0);
    expect_refused(dir, "hello.so", "truncated");

    /* A FIFO is refused without blocking; so is a folder named *.so. */
    unlink(path);
    ck_assert_int_eq(mkfifo(path, 0644), 0);
    expect_refused(dir, "hello.so", "not a regular file");
    unlink(path);
    ck_assert_int_eq(mkdir(path, 0755), 0);
    expect_refused(dir, "hello.so", "not a regular file");
    remove_dir(dir);
}
END_TEST

/* Refused plugins run no code: their constructors append to the marker
 * file, and only the loaded ones (hello) may appear there. */
START_TEST(refused_plugins_run_no_code)
{
    char dir[4096], marker[4096], text[256] = "";
    plugin_set set;
    const char *why;
    FILE *f;
    size_t n;

    make_dir(dir, sizeof dir);
    snprintf(marker, sizeof marker, "%.4000s/ran", dir);
    setenv("BRIEFING_TEST_MARKER", marker, 1);
    load(&set, test_plugins);
    why = refusal(&set, "runpath.so");
    ck_assert_ptr_nonnull(why);
    ck_assert_msg(strstr(why, "RUNPATH names /tmp") && strstr(why, "writable by other users"),
                  "%s", why);
    plugin_set_free(&set);
    unsetenv("BRIEFING_TEST_MARKER");
    f = fopen(marker, "r");
    ck_assert_ptr_nonnull(f); /* hello ran: the marker works */
    n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    ck_assert_msg(strstr(text, "hello\n") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "abi_major") == NULL, "a wrong-ABI plugin ran: %s", text);
    ck_assert_msg(strstr(text, "abi_minor") == NULL, "a newer-ABI plugin ran: %s", text);
    ck_assert_msg(strstr(text, "no_descriptor") == NULL, "a non-plugin ran: %s", text);
    ck_assert_msg(strstr(text, "runpath") == NULL, "a plugin with a bad RUNPATH ran: %s", text);
    remove_dir(dir);
}
END_TEST

/* The same folder twice: the second copy of each file is "the same file",
 * and the plugins found after it still load as themselves.  glibc adds
 * /proc/self/fd/N as a name of an object already loaded from that file;
 * were N closed and reused, the next plugin would get that object back. */
START_TEST(same_file_twice_then_others_load)
{
    char installed[4096];
    const char *dirs[3];
    const plugin *cover;
    plugin_set set;
    size_t i, same;
    diag d;

    snprintf(installed, sizeof installed, "%.4000s/lib/briefing/plugins",
             getenv("BRIEFING_BUILD_DIR"));
    dirs[0] = dirs[1] = test_plugins;
    dirs[2] = installed;
    diag_clear(&d);
    memset(&set, 0, sizeof set);
    ck_assert_int_eq(plugin_load_all(&set, dirs, 3, NULL, &d), 0);
    for (i = 0, same = 0; i < set.n_refused; i++)
        same += strstr(set.refused[i].reason, "the same file as") != NULL;
    ck_assert_int_eq(same, 7); /* badsource, crashing, crashing_source, failing, hello, open_table, slow */
    cover = plugin_find(&set, "cover", BRIEFING_PLUGIN_SECTION);
    ck_assert_ptr_nonnull(cover);
    ck_assert_msg(strstr(cover->path, "lib/briefing/plugins/cover.so"), "%s", cover->path);
    ck_assert_ptr_nonnull(plugin_find(&set, "json", BRIEFING_PLUGIN_SOURCE));
    plugin_set_free(&set);
}
END_TEST

START_TEST(search_order_plugin_dir_then_env)
{
    char dir[4096];
    char file[4096];
    const char *dirs[1];
    plugin_set set;
    diag d;

    /* The same plugin in --plugin-dir and in BRIEFING_PLUGIN_PATH: the
     * --plugin-dir copy wins and the other is refused as a duplicate. */
    make_dir(dir, sizeof dir);
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
    remove_dir(dir);
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
    tcase_add_test(tc, refuses_writable_by_group);
    tcase_add_test(tc, refuses_owned_by_another_user);
    tcase_add_test(tc, symlinks_followed_only_to_trusted_targets);
    tcase_add_test(tc, refuses_what_is_not_a_plugin_for_this_machine);
    tcase_add_test(tc, refused_plugins_run_no_code);
    tcase_add_test(tc, search_order_plugin_dir_then_env);
    tcase_add_test(tc, same_file_twice_then_others_load);
    tcase_add_test(tc, descriptor_checks);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

/*
 * test_fontcache: fontconfig's answers kept from one run to the next, and
 * every change that must make a run ask fontconfig again.
 *
 * Each test runs in a process of its own (Check's fork mode) with its own
 * fontconfig configuration: one font folder in a temporary folder, holding
 * copies of two Liberation Sans faces, and a cache file beside it.  So a
 * test can add a font, edit the configuration or create a user
 * configuration, and see the cache refuse its old answers.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <briefing/plugin.h>

#include "fontcache.h"
#include "fonts.h"
#include "test_util.h"

#define LIBERATION "/usr/share/fonts/truetype/liberation2/LiberationSans-"

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

static char dir[64];       /* the test's folder */
static char cache[128];    /* its cache file */
static char conf[128];     /* its fonts.conf */

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");

    ck_assert_msg(fp != NULL, "cannot write %s", path);
    fputs(text, fp);
    ck_assert_int_eq(fclose(fp), 0);
}

static void copy_file(const char *from, const char *to)
{
    size_t n;
    unsigned char *p = test_slurp(from, &n);
    FILE *fp = fopen(to, "wb");

    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(p, 1, n, fp), n);
    ck_assert_int_eq(fclose(fp), 0);
    free(p);
}

static void write_conf(const char *extra)
{
    char text[1024];

    snprintf(text, sizeof text,
             "<?xml version=\"1.0\"?>\n<fontconfig>\n<dir>%s/fonts</dir>\n"
             "<cachedir>%s/fc-cache</cachedir>\n%s</fontconfig>\n",
             dir, dir, extra);
    write_file(conf, text);
}

static void setup(void)
{
    char path[160];

    snprintf(dir, sizeof dir, "/tmp/briefing-fontcache-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/fonts", dir);
    ck_assert_int_eq(mkdir(path, 0755), 0);
    snprintf(path, sizeof path, "%s/home", dir);
    ck_assert_int_eq(mkdir(path, 0755), 0);
    snprintf(path, sizeof path, "%s/fonts/LiberationSans-Regular.ttf", dir);
    copy_file(LIBERATION "Regular.ttf", path);
    snprintf(path, sizeof path, "%s/fonts/LiberationSans-Bold.ttf", dir);
    copy_file(LIBERATION "Bold.ttf", path);
    snprintf(conf, sizeof conf, "%s/fonts.conf", dir);
    /* Not beside fonts.conf: a new file in the folder of a configuration
     * file (one it may include) makes every answer out of date. */
    snprintf(path, sizeof path, "%s/state", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(cache, sizeof cache, "%s/state/answers", dir);
    write_conf("");
    setenv("FONTCONFIG_FILE", conf, 1);
    setenv("BRIEFING_FONT_CACHE", cache, 1);
    snprintf(path, sizeof path, "%s/home", dir);
    setenv("HOME", path, 1);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("XDG_CACHE_HOME");
}

static void teardown(void)
{
    char cmd[128];

    fonts_cache_clear();
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* text (n bytes) with its first line starting with prefix replaced by
 * line; malloc'd. */
static char *replace_line(const char *text, size_t n, const char *prefix, const char *line)
{
    char *out = malloc(n + strlen(line) + 2), *at;
    const char *start = text, *end;

    ck_assert_ptr_nonnull(out);
    while (strncmp(start, prefix, strlen(prefix)) != 0) {
        ck_assert_ptr_nonnull(start = memchr(start, '\n', n - (size_t)(start - text)));
        start++;
    }
    end = memchr(start, '\n', n - (size_t)(start - text));
    ck_assert_ptr_nonnull(end);
    at = out;
    memcpy(at, text, (size_t)(start - text));
    at += start - text;
    at += sprintf(at, "%s", line);
    memcpy(at, end, n - (size_t)(end - text));
    at[n - (size_t)(end - text)] = '\0';
    return out;
}

/* Asks for Liberation Sans regular through fonts_find, as a run would, and
 * forgets the process's faces again (the cache file stays). */
static void run_once(void)
{
    const fonts_face *f;
    diag d = {0};

    ck_assert_int_eq(fonts_find("Liberation Sans", 0, 0, &f, &d), BRIEFING_OK);
    ck_assert_ptr_nonnull(strstr(fonts_file(f), dir));
    fonts_cache_clear();
}

/* 1 when the cache file answers for Liberation Sans regular now. */
static int cached(void)
{
    fontcache_answer a = {NULL, NULL, 0};
    int hit;

    fontcache_clear();
    hit = fontcache_get("Liberation Sans", 0, 0, &a);
    if (hit) {
        ck_assert_ptr_nonnull(strstr(a.file, "LiberationSans-Regular.ttf"));
        free(a.file);
        free(a.spans);
    }
    fontcache_clear();
    return hit;
}

START_TEST(test_answer_kept)
{
    const fonts_face *f;
    diag d = {0};
    struct stat st;
    static const uint32_t probe[] = {'A', 0xa3, 0x2019, 0x20ac, 0x0416, 0x4e2d, 0x0627, 0x10ffff};
    int had[sizeof probe / sizeof *probe];
    size_t i;

    ck_assert_int_eq(fonts_find("Liberation Sans", 0, 0, &f, &d), BRIEFING_OK);
    for (i = 0; i < sizeof probe / sizeof *probe; i++)
        had[i] = fonts_has(f, probe[i]);
    ck_assert(had[0] && had[1] && had[2] && had[3] && had[4] && !had[5] && !had[7]);
    fonts_cache_clear();
    /* The file is private, and the next run gets the same face, with the
     * same characters, from it. */
    ck_assert_int_eq(stat(cache, &st), 0);
    ck_assert_int_eq(st.st_mode & 077, 0);
    ck_assert(cached());
    ck_assert_int_eq(fonts_find("Liberation Sans", 0, 0, &f, &d), BRIEFING_OK);
    ck_assert_ptr_nonnull(strstr(fonts_file(f), "/fonts/LiberationSans-Regular.ttf"));
    for (i = 0; i < sizeof probe / sizeof *probe; i++)
        ck_assert_int_eq(fonts_has(f, probe[i]), had[i]);
    /* Another style is asked of fontconfig and joins the first. */
    ck_assert_int_eq(fonts_find("Liberation Sans", 1, 0, &f, &d), BRIEFING_OK);
    ck_assert_ptr_nonnull(strstr(fonts_file(f), "LiberationSans-Bold.ttf"));
    ck_assert(cached());
}
END_TEST

START_TEST(test_font_added)
{
    char path[160];

    run_once();
    ck_assert(cached());
    /* A new face in a font folder may be the better match. */
    snprintf(path, sizeof path, "%s/fonts/DejaVuSans.ttf", dir);
    copy_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", path);
    ck_assert(!cached());
    run_once();
    ck_assert(cached());
}
END_TEST

START_TEST(test_face_replaced)
{
    char path[160];

    run_once();
    /* The face's own file replaced in place: its folder does not change,
     * the file's stamp does. */
    snprintf(path, sizeof path, "%s/fonts/LiberationSans-Regular.ttf", dir);
    copy_file(LIBERATION "Italic.ttf", path);
    ck_assert(!cached());
}
END_TEST

START_TEST(test_configuration_changed)
{
    char path[160];

    run_once();
    write_conf("<!-- edited -->\n");
    ck_assert(!cached());
    run_once();
    ck_assert(cached());
    /* A file created beside the configuration (one it may include). */
    snprintf(path, sizeof path, "%s/local.conf", dir);
    write_file(path, "<fontconfig/>\n");
    ck_assert(!cached());
}
END_TEST

START_TEST(test_user_configuration_appears)
{
    char path[160];

    run_once();
    /* fontconfig reads ~/.config/fontconfig/fonts.conf when there is one
     * (Debian's configuration includes it; this one does not, but the cache
     * cannot know which configuration would). */
    snprintf(path, sizeof path, "%s/home/.config", dir);
    ck_assert_int_eq(mkdir(path, 0755), 0);
    ck_assert(cached());
    snprintf(path, sizeof path, "%s/home/.config/fontconfig", dir);
    ck_assert_int_eq(mkdir(path, 0755), 0);
    ck_assert(!cached());
}
END_TEST

START_TEST(test_environment_changed)
{
    run_once();
    setenv("FC_LANG", "ar", 1);
    ck_assert(!cached());
    unsetenv("FC_LANG");
    ck_assert(cached());
}
END_TEST

START_TEST(test_damaged)
{
    static const char *const bad[] = {
        "", "briefing font cache 1\n", "garbage\n\n\n",
        "face 0 0 Liberation Sans\n", "span 20 7e\n", "end\n",
    };
    size_t n, i, cut;
    unsigned char *good;

    run_once();
    good = test_slurp(cache, &n);
    ck_assert(cached());
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        write_file(cache, bad[i]);
        ck_assert_msg(!cached(), "damaged case %zu taken", i);
    }
    /* Cut anywhere short of its end, the file answers nothing. */
    for (cut = 0; cut < n; cut += 97) {
        FILE *fp = fopen(cache, "wb");

        ck_assert_uint_eq(fwrite(good, 1, cut, fp), cut);
        fclose(fp);
        ck_assert_msg(!cached(), "cut at %zu taken", cut);
    }
    /* A span out of order, a span past Unicode, a style that is no bit. */
    {
        static const char *const lines[][2] = {
            {"span ", "span 7f 20"}, {"span ", "span 110000 110001"}, {"face ", "face 2 0 Liberation Sans"},
            {"face ", "face 0 0"}, {"span ", "span -1 20"}, {"span ", "span 20 7e "},
        };

        for (i = 0; i < sizeof lines / sizeof *lines; i++) {
            char *text = replace_line((const char *)good, n, lines[i][0], lines[i][1]);

            write_file(cache, text);
            free(text);
            ck_assert_msg(!cached(), "damaged line %zu taken", i);
        }
    }
    /* A run after any of those asks fontconfig and mends the file. */
    run_once();
    ck_assert(cached());
    free(good);
}
END_TEST

START_TEST(test_untrusted)
{
    char link[160];

    run_once();
    /* A file others may write could send the program to any file. */
    ck_assert_int_eq(chmod(cache, 0666), 0);
    ck_assert(!cached());
    ck_assert_int_eq(chmod(cache, 0600), 0);
    ck_assert(cached());
    /* Nor is a link followed. */
    snprintf(link, sizeof link, "%s/link", dir);
    ck_assert_int_eq(symlink(cache, link), 0);
    setenv("BRIEFING_FONT_CACHE", link, 1);
    ck_assert(!cached());
}
END_TEST

START_TEST(test_off_and_default_place)
{
    char path[192];
    struct stat st;

    setenv("BRIEFING_FONT_CACHE", "off", 1);
    run_once();
    ck_assert_int_ne(access(cache, F_OK), 0);
    ck_assert(!cached());
    /* Without BRIEFING_FONT_CACHE: ~/.cache/briefing/fonts, its folders
     * made private. */
    unsetenv("BRIEFING_FONT_CACHE");
    run_once();
    snprintf(path, sizeof path, "%s/home/.cache/briefing", dir);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 077, 0);
    snprintf(path, sizeof path, "%s/home/.cache/briefing/fonts", dir);
    ck_assert_int_eq(access(path, R_OK), 0);
    ck_assert(cached());
    /* XDG_CACHE_HOME moves it (and is part of the answers' key). */
    snprintf(path, sizeof path, "%s/xdg", dir);
    setenv("XDG_CACHE_HOME", path, 1);
    ck_assert(!cached());
    run_once();
    snprintf(path, sizeof path, "%s/xdg/briefing/fonts", dir);
    ck_assert_int_eq(access(path, R_OK), 0);
}
END_TEST

START_TEST(test_not_beside_configuration)
{
    char path[160];

    /* A cache file beside fonts.conf would change a folder it stamps each
     * time it is written: it is not kept there. */
    snprintf(path, sizeof path, "%s/answers", dir);
    setenv("BRIEFING_FONT_CACHE", path, 1);
    run_once();
    ck_assert_int_ne(access(path, F_OK), 0);
}
END_TEST

START_TEST(test_missing_family_not_kept)
{
    const fonts_face *f;
    diag d = {0};

    ck_assert_int_eq(fonts_find("Comic Nonesuch", 0, 0, &f, &d), BRIEFING_ERR_CONFIG);
    ck_assert_int_ne(access(cache, F_OK), 0);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("fontcache");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_answer_kept);
    tcase_add_test(tc, test_font_added);
    tcase_add_test(tc, test_face_replaced);
    tcase_add_test(tc, test_configuration_changed);
    tcase_add_test(tc, test_user_configuration_appears);
    tcase_add_test(tc, test_environment_changed);
    tcase_add_test(tc, test_damaged);
    tcase_add_test(tc, test_untrusted);
    tcase_add_test(tc, test_off_and_default_place);
    tcase_add_test(tc, test_not_beside_configuration);
    tcase_add_test(tc, test_missing_family_not_kept);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(suite(), CK_FORK);
}

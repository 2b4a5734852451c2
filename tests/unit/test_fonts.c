/*
 * test_fonts: finding faces by family through fontconfig.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/plugin.h>

#include "fonts.h"

/* fontconfig leaks a little while parsing its own configuration (inside
 * libfontconfig and expat, nothing we hold); keep LeakSanitizer quiet
 * about that one library under the sanitizer builds. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

START_TEST(test_finds_styles)
{
    fonts_face *f;
    diag d = {0};

    ck_assert_int_eq(fonts_find("Liberation Sans", 0, 0, &f, &d), BRIEFING_OK);
    ck_assert_ptr_nonnull(strstr(fonts_file(f), "LiberationSans-Regular.ttf"));
    ck_assert(fonts_has(f, 'A'));
    ck_assert(fonts_has(f, 0xa3));   /* £ */
    ck_assert(fonts_has(f, 0x2019)); /* ’ */
    ck_assert(!fonts_has(f, 0x4e2d)); /* 中 */
    fonts_face_free(f);
    ck_assert_int_eq(fonts_find("Liberation Sans", 1, 1, &f, &d), BRIEFING_OK);
    ck_assert_ptr_nonnull(strstr(fonts_file(f), "LiberationSans-BoldItalic.ttf"));
    fonts_face_free(f);
    /* DejaVu Sans has no italic, only an oblique: that is what we get. */
    ck_assert_int_eq(fonts_find("dejavu sans", 0, 1, &f, &d), BRIEFING_OK);
    ck_assert_ptr_nonnull(strstr(fonts_file(f), "DejaVuSans-Oblique.ttf"));
    fonts_face_free(f);
    ck_assert_int_eq(fonts_find("DejaVu Sans", 0, 0, &f, &d), BRIEFING_OK);
    ck_assert(fonts_has(f, 0x0627)); /* Arabic alef */
    fonts_face_free(f);
}
END_TEST

START_TEST(test_missing_family)
{
    fonts_face *f = (fonts_face *)1;
    diag d = {0};

    ck_assert_int_eq(fonts_find("Comic Nonesuch", 0, 0, &f, &d), BRIEFING_ERR_CONFIG);
    ck_assert_ptr_null(f);
    ck_assert_ptr_nonnull(strstr(d.text, "Comic Nonesuch"));
    diag_clear(&d);
    ck_assert_int_eq(fonts_find("", 0, 0, &f, &d), BRIEFING_ERR_CONFIG);
}
END_TEST

START_TEST(test_not_truetype)
{
    fonts_face *f;
    diag d = {0};

    /* Nimbus Sans comes as OpenType CFF (.otf), which libharu cannot embed. */
    if (fonts_find("Nimbus Sans", 0, 0, &f, &d) == BRIEFING_OK) {
        fonts_face_free(f); /* installed as .ttf here: nothing to test */
        return;
    }
    ck_assert_int_eq(d.status, BRIEFING_ERR_CONFIG);
    ck_assert_msg(strstr(d.text, "TrueType") || strstr(d.text, "not installed"), "%s", d.text);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fonts");
    TCase *tc = tcase_create("fontconfig");
    SRunner *sr;
    int failed;

    tcase_add_test(tc, test_finds_styles);
    tcase_add_test(tc, test_missing_family);
    tcase_add_test(tc, test_not_truetype);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

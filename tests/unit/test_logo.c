/* The cover's logo (core/logo.c): a good PNG of any colour type comes back
 * as 8-bit RGB and an alpha channel only when some pixel is not opaque;
 * every damaged, oversized or odd file is refused with a reason, never an
 * abort, and without reading a FIFO. */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <briefing/plugin.h>

#include "logo.h"
#include "test_util.h"

/* A PNG of w x h pixels in format (libpng's simplified API), in memory. */
static unsigned char *make_png(unsigned w, unsigned h, png_uint_32 format, const void *pixels,
                               size_t *n)
{
    png_image im;
    unsigned char *p;

    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    im.width = w;
    im.height = h;
    im.format = format;
    ck_assert(png_image_write_get_memory_size(im, *n, 0, pixels, 0, NULL));
    p = malloc(*n);
    ck_assert_ptr_nonnull(p);
    ck_assert(png_image_write_to_memory(&im, p, n, 0, pixels, 0, NULL));
    return p;
}

START_TEST(rgba_round_trip)
{
    unsigned char px[4 * 3 * 2];
    char why[200];
    logo_image img;
    unsigned char *png;
    size_t n, i;

    for (i = 0; i < sizeof px; i++)
        px[i] = (unsigned char)(i * 11);
    png = make_png(3, 2, PNG_FORMAT_RGBA, px, &n);
    ck_assert_int_eq(logo_decode(png, n, &img, why, sizeof why), BRIEFING_OK);
    ck_assert_uint_eq(img.width, 3);
    ck_assert_uint_eq(img.height, 2);
    ck_assert_ptr_nonnull(img.alpha);
    for (i = 0; i < 6; i++) {
        ck_assert_int_eq(memcmp(img.rgb + i * 3, px + i * 4, 3), 0);
        ck_assert_uint_eq(img.alpha[i], px[i * 4 + 3]);
    }
    logo_free(&img);
    ck_assert_ptr_null(img.rgb);
    free(png);
}
END_TEST

START_TEST(opaque_has_no_alpha)
{
    unsigned char px[3 * 4 * 4];
    char why[200];
    logo_image img;
    unsigned char *png;
    size_t n;

    memset(px, 0x40, sizeof px);
    png = make_png(4, 4, PNG_FORMAT_RGB, px, &n);
    ck_assert_int_eq(logo_decode(png, n, &img, why, sizeof why), BRIEFING_OK);
    ck_assert_ptr_null(img.alpha);
    ck_assert_uint_eq(img.rgb[0], 0x40);
    ck_assert_uint_eq(img.rgb[3 * 16 - 1], 0x40);
    logo_free(&img);
    free(png);
}
END_TEST

/* 16-bit grey becomes 8-bit grey spread over the three channels. */
START_TEST(grey_16_bit)
{
    png_uint_16 px[2] = {0, 65535};
    char why[200];
    logo_image img;
    unsigned char *png;
    size_t n;

    png = make_png(2, 1, PNG_FORMAT_LINEAR_Y, px, &n);
    ck_assert_int_eq(logo_decode(png, n, &img, why, sizeof why), BRIEFING_OK);
    ck_assert_ptr_null(img.alpha);
    ck_assert_uint_eq(img.rgb[0], 0);
    ck_assert_uint_eq(img.rgb[2], 0);
    ck_assert_uint_eq(img.rgb[3], 255);
    ck_assert_uint_eq(img.rgb[5], 255);
    logo_free(&img);
    free(png);
}
END_TEST

/* Every cut of a good file is refused, never read past its end. */
START_TEST(every_truncation_refused)
{
    unsigned char px[3 * 8 * 8];
    char why[200];
    logo_image img;
    unsigned char *png, *cut;
    size_t n, len;

    memset(px, 0x99, sizeof px);
    png = make_png(8, 8, PNG_FORMAT_RGB, px, &n);
    for (len = 0; len < n - 12; len++) { /* the last 12 bytes are IEND */
        cut = malloc(len ? len : 1);
        memcpy(cut, png, len);
        ck_assert_int_eq(logo_decode(cut, len, &img, why, sizeof why), BRIEFING_ERR_DATA);
        ck_assert_ptr_null(img.rgb);
        ck_assert_msg(why[0] != '\0', "no reason for a cut at %zu", len);
        free(cut);
    }
    free(png);
}
END_TEST

/* A good file with a 2 MB text chunk after its header: skipped, the
 * pixels read (the chunk's size is not held against it). */
START_TEST(big_text_chunk_skipped)
{
    unsigned char px[3 * 4], *png, *big;
    size_t n, text = 2u * 1024 * 1024, at = 33;
    char why[200];
    logo_image img;

    memset(px, 0x20, sizeof px);
    png = make_png(2, 2, PNG_FORMAT_RGB, px, &n);
    big = calloc(1, n + 12 + text);
    ck_assert_ptr_nonnull(big);
    memcpy(big, png, at);
    big[at] = (unsigned char)(text >> 24);
    big[at + 1] = (unsigned char)(text >> 16);
    big[at + 2] = (unsigned char)(text >> 8);
    big[at + 3] = (unsigned char)text;
    memcpy(big + at + 4, "tEXt", 4);
    memset(big + at + 8, 'x', text); /* its CRC is wrong too: never read */
    memcpy(big + at + 12 + text, png + at, n - at);
    ck_assert_int_eq(logo_decode(big, n + 12 + text, &img, why, sizeof why), BRIEFING_OK);
    ck_assert_uint_eq(img.rgb[0], 0x20);
    logo_free(&img);
    free(big);
    free(png);
}
END_TEST

static const struct {
    const char *file;
    int status;
    const char *why;
} hostile[] = {
    {"logo-truncated.png", BRIEFING_ERR_DATA, "the file ends too soon"},
    {"logo-bad-signature.png", BRIEFING_ERR_DATA, "not a PNG file"},
    {"logo-bad-header.png", BRIEFING_ERR_DATA, "Invalid IHDR data"},
    {"logo-bad-crc.png", BRIEFING_ERR_DATA, "CRC error"},
    {"logo-huge.png", BRIEFING_ERR_DATA, "30000 x 30000 pixels; the most allowed is 8192 a side"},
    {"logo-many-pixels.png", BRIEFING_ERR_DATA, "8000 x 8000 pixels"},
    {"logo-empty.png", BRIEFING_ERR_DATA, "an empty file"},
    {"logo-splt-2gb.png", BRIEFING_ERR_DATA, "the file ends too soon"}, /* not 2 GB */
    {"no-such-logo.png", BRIEFING_ERR_NOINPUT, "No such file"},
    {".", BRIEFING_ERR_NOINPUT, "a folder, not a PNG file"},
};

START_TEST(hostile_files)
{
    const char *src = getenv("BRIEFING_SOURCE_DIR");
    char path[4096], why[200];
    logo_image img;

    ck_assert_ptr_nonnull(src);
    snprintf(path, sizeof path, "%s/tests/hostile/data/%s", src, hostile[_i].file);
    ck_assert_int_eq(logo_read(path, &img, why, sizeof why), hostile[_i].status);
    ck_assert_msg(strstr(why, hostile[_i].why) != NULL, "%s: \"%s\"", hostile[_i].file, why);
    ck_assert_ptr_null(img.rgb);
    ck_assert_ptr_null(img.alpha);
}
END_TEST

/* A FIFO no one writes to is refused at once instead of waited on. */
START_TEST(fifo_refused)
{
    char dir[] = "/tmp/test_logo.XXXXXX", path[64], why[200];
    logo_image img;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/fifo.png", dir);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    alarm(10);
    ck_assert_int_eq(logo_read(path, &img, why, sizeof why), BRIEFING_ERR_NOINPUT);
    alarm(0);
    ck_assert_str_eq(why, "a pipe or a device, not a PNG file");
    unlink(path);
    rmdir(dir);
}
END_TEST

/* With no file descriptor left, the run fails as out of resources (71)
 * saying so, not as a bad logo. */
START_TEST(no_descriptors)
{
    const char *src = getenv("BRIEFING_SOURCE_DIR");
    char path[4096], why[200];
    struct rlimit lim, low;
    logo_image img;
    int fds[256], n = 0, rc;

    snprintf(path, sizeof path, "%s/tests/hostile/data/logo-huge.png", src);
    /* A low limit (this test runs in a process of its own), filled up. */
    ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &lim), 0);
    low = lim;
    low.rlim_cur = 64;
    ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &low), 0);
    while (n < 256 && (fds[n] = dup(0)) >= 0)
        n++;
    ck_assert_int_lt(n, 256);
    ck_assert_int_eq(errno, EMFILE);
    rc = logo_read(path, &img, why, sizeof why);
    /* Given back before checking: a leak checker needs some at exit. */
    while (n > 0)
        close(fds[--n]);
    setrlimit(RLIMIT_NOFILE, &lim);
    ck_assert_int_eq(rc, BRIEFING_ERR_NOMEM);
    ck_assert_str_eq(why, "too many open files");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("logo");
    TCase *tc = tcase_create("logo");

    tcase_add_test(tc, rgba_round_trip);
    tcase_add_test(tc, opaque_has_no_alpha);
    tcase_add_test(tc, grey_16_bit);
    tcase_add_test(tc, every_truncation_refused);
    tcase_add_test(tc, big_text_chunk_skipped);
    tcase_add_loop_test(tc, hostile_files, 0, (int)(sizeof hostile / sizeof hostile[0]));
    tcase_add_test(tc, fifo_refused);
    tcase_add_test(tc, no_descriptors);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

/*
 * logo.c: a template's logo, read from its PNG file into 8-bit RGB pixels
 * and an alpha channel (see logo.h).  Every bound is checked before libpng
 * allocates for the pixels: the file's size and type first, then the width
 * and height in its header, so a small file claiming 30000 x 30000 pixels
 * is refused at once instead of taking gigabytes.  libpng's errors end in
 * logo_png_error, which records the reason and longjmps back to
 * logo_decode_png; nothing in libpng can abort the program.
 */
#include "logo.h"

#include <errno.h>
#include <fcntl.h>
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <briefing/status.h>

/* What libpng's callbacks share with us; the pointer to it never changes
 * after setjmp, so nothing here need be volatile. */
typedef struct logo_reader {
    const unsigned char *data;
    size_t size, pos;
    char *why;
    size_t why_size;
    int nomem;             /* an allocation failed (libpng's or ours) */
    unsigned char *pixels; /* RGBA while decoding; freed by the caller on failure */
    unsigned char **rows;
} logo_reader;

static int logo_fail(logo_reader *r, int status, const char *what)
{
    if (r->why_size && r->why[0] == '\0')
        snprintf(r->why, r->why_size, "%s", what);
    return status;
}

static void logo_png_error(png_structp png, png_const_charp msg)
{
    logo_reader *r = png_get_error_ptr(png);

    if (r->why_size && r->why[0] == '\0')
        snprintf(r->why, r->why_size, "damaged PNG data (libpng: %s)", msg);
    png_longjmp(png, 1);
}

static void logo_png_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg; /* a damaged ancillary chunk is skipped: nothing to tell */
}

static png_voidp logo_png_malloc(png_structp png, png_alloc_size_t n)
{
    void *p = malloc(n);

    if (p == NULL) {
        logo_reader *r = png_get_mem_ptr(png);

        r->nomem = 1;
    }
    return p;
}

static void logo_png_free(png_structp png, png_voidp p)
{
    (void)png;
    free(p);
}

static void logo_png_read(png_structp png, png_bytep out, size_t n)
{
    logo_reader *r = png_get_io_ptr(png);

    if (n > r->size - r->pos) {
        logo_fail(r, BRIEFING_ERR_DATA, "the file ends too soon (truncated)");
        png_longjmp(png, 1);
    }
    memcpy(out, r->data + r->pos, n);
    r->pos += n;
}

static uint32_t logo_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The width and height in the header, checked against the bounds before
 * libpng sees them.  A header too damaged to read is left to libpng. */
static int logo_check_header(logo_reader *r)
{
    char what[160];
    uint32_t w, h;

    if (r->size < 8 || png_sig_cmp(r->data, 0, 8) != 0)
        return logo_fail(r, BRIEFING_ERR_DATA, "not a PNG file (it does not start as one)");
    if (r->size < 24 || memcmp(r->data + 12, "IHDR", 4) != 0)
        return BRIEFING_OK;
    w = logo_be32(r->data + 16);
    h = logo_be32(r->data + 20);
    if (w > LOGO_MAX_SIDE || h > LOGO_MAX_SIDE || (uint64_t)w * h > LOGO_MAX_PIXELS) {
        snprintf(what, sizeof what,
                 "%lu x %lu pixels; the most allowed is %u a side and %u pixels in all",
                 (unsigned long)w, (unsigned long)h, LOGO_MAX_SIDE, LOGO_MAX_PIXELS);
        return logo_fail(r, BRIEFING_ERR_DATA, what);
    }
    return BRIEFING_OK;
}

/* The ancillary chunks libpng knows, all but tRNS (the only one that
 * changes the pixels), five bytes each as png_set_keep_unknown_chunks
 * wants them. */
static const png_byte logo_skipped[] = "bKGD\0cHRM\0eXIf\0gAMA\0hIST\0iCCP\0iTXt\0oFFs\0"
                                       "pCAL\0pHYs\0sBIT\0sCAL\0sPLT\0sRGB\0tEXt\0tIME\0"
                                       "zTXt";

/* Decodes into r->pixels as 8-bit RGBA: palettes, grey and 16-bit samples
 * are expanded, a tRNS chunk becomes alpha, and an image without alpha
 * gets an opaque one, so there is one layout to split. */
static int logo_decode_png(png_structp png, png_infop info, logo_reader *r, logo_image *img)
{
    png_uint_32 w, h, y;
    int depth, type;

    if (setjmp(png_jmpbuf(png)))
        return r->nomem ? BRIEFING_ERR_NOMEM : BRIEFING_ERR_DATA;
    png_set_read_fn(png, r, logo_png_read);
    png_set_user_limits(png, LOGO_MAX_SIDE, LOGO_MAX_SIDE);
    /* Only the pixels matter here, so every ancillary chunk but tRNS is
     * skipped unread, which allocates nothing.  libpng would otherwise
     * allocate whatever such a chunk claims, only warning when it passes
     * png_set_chunk_malloc_max: an sPLT chunk claiming 2 GB in a 43-byte
     * file (found by fuzz_logo) took 2 GB and 18 s. */
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, logo_skipped,
                                (int)(sizeof logo_skipped / 5));
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, NULL, 0);
    png_read_info(png, info);
    png_get_IHDR(png, info, &w, &h, &depth, &type, NULL, NULL, NULL);
    if (w == 0 || h == 0 || (uint64_t)w * h > LOGO_MAX_PIXELS)
        return logo_fail(r, BRIEFING_ERR_DATA, "the image is empty or too large");
    png_set_expand(png);
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != (size_t)w * 4)
        return logo_fail(r, BRIEFING_ERR_DATA, "a pixel format this program cannot read");
    r->pixels = malloc((size_t)w * h * 4);
    r->rows = malloc((size_t)h * sizeof *r->rows);
    if (r->pixels == NULL || r->rows == NULL) {
        r->nomem = 1;
        return logo_fail(r, BRIEFING_ERR_NOMEM, "out of memory");
    }
    for (y = 0; y < h; y++)
        r->rows[y] = r->pixels + (size_t)y * w * 4;
    png_read_image(png, r->rows);
    img->width = w;
    img->height = h;
    return BRIEFING_OK;
}

/* Splits RGBA into RGB (in place, then shrunk) and alpha; the alpha is
 * dropped when every pixel is opaque, as a PDF then needs no mask. */
static int logo_split(logo_reader *r, logo_image *img)
{
    size_t i, n = (size_t)img->width * img->height;
    unsigned char *alpha = malloc(n), *rgb;
    int opaque = 1;

    if (alpha == NULL)
        return logo_fail(r, BRIEFING_ERR_NOMEM, "out of memory");
    for (i = 0; i < n; i++) {
        alpha[i] = r->pixels[i * 4 + 3];
        opaque &= alpha[i] == 0xff;
        memmove(r->pixels + i * 3, r->pixels + i * 4, 3);
    }
    rgb = realloc(r->pixels, n * 3);
    img->rgb = rgb ? rgb : r->pixels;
    r->pixels = NULL;
    if (opaque)
        free(alpha);
    else
        img->alpha = alpha;
    return BRIEFING_OK;
}

int logo_decode(const unsigned char *data, size_t size, logo_image *img, char *why,
                size_t why_size)
{
    logo_reader r = {data, size, 0, why, why_size, 0, NULL, NULL};
    png_structp png;
    png_infop info = NULL;
    int rc;

    memset(img, 0, sizeof *img);
    if (why_size)
        why[0] = '\0';
    if ((rc = logo_check_header(&r)) != BRIEFING_OK)
        return rc;
    png = png_create_read_struct_2(PNG_LIBPNG_VER_STRING, &r, logo_png_error, logo_png_warning, &r,
                                   logo_png_malloc, logo_png_free);
    if (png == NULL || (info = png_create_info_struct(png)) == NULL) {
        png_destroy_read_struct(&png, NULL, NULL);
        return logo_fail(&r, BRIEFING_ERR_NOMEM, "out of memory");
    }
    rc = logo_decode_png(png, info, &r, img);
    png_destroy_read_struct(&png, &info, NULL);
    free(r.rows);
    if (rc == BRIEFING_OK)
        rc = logo_split(&r, img);
    free(r.pixels);
    if (rc != BRIEFING_OK) {
        if (r.nomem) {
            rc = BRIEFING_ERR_NOMEM;
            if (why_size)
                snprintf(why, why_size, "out of memory");
        }
        logo_free(img);
    }
    return rc;
}

/* The whole file, opened without blocking (a FIFO with no writer would
 * otherwise wait for ever) and read only when it is a regular file within
 * the bound. */
static int logo_slurp(const char *path, unsigned char **data, size_t *size, char *why,
                      size_t why_size)
{
    struct stat st;
    size_t got = 0;
    ssize_t n;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC), rc = BRIEFING_OK;
    const char *what = NULL;

    *data = NULL;
    if (fd < 0) {
        int e = errno;

        snprintf(why, why_size, "%s", e == EMFILE || e == ENFILE ? "too many open files" : strerror(e));
        return e == EMFILE || e == ENFILE || e == ENOMEM ? BRIEFING_ERR_NOMEM : BRIEFING_ERR_NOINPUT;
    }
    if (fstat(fd, &st) != 0)
        what = strerror(errno), rc = BRIEFING_ERR_NOINPUT;
    else if (S_ISDIR(st.st_mode))
        what = "a folder, not a PNG file", rc = BRIEFING_ERR_NOINPUT;
    else if (!S_ISREG(st.st_mode))
        what = "a pipe or a device, not a PNG file", rc = BRIEFING_ERR_NOINPUT;
    else if (st.st_size == 0)
        what = "an empty file", rc = BRIEFING_ERR_DATA;
    else if ((uintmax_t)st.st_size > LOGO_MAX_FILE_BYTES)
        what = "the file is larger than the limit of 16 MiB for a logo", rc = BRIEFING_ERR_DATA;
    else if ((*data = malloc((size_t)st.st_size)) == NULL)
        what = "out of memory", rc = BRIEFING_ERR_NOMEM;
    while (rc == BRIEFING_OK && got < (size_t)st.st_size) {
        n = read(fd, *data + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            what = strerror(errno), rc = BRIEFING_ERR_NOINPUT;
        else if (n == 0)
            break; /* it shrank while being read: decode what there is */
        else
            got += (size_t)n;
    }
    close(fd);
    if (rc != BRIEFING_OK) {
        snprintf(why, why_size, "%s", what);
        free(*data);
        *data = NULL;
    }
    *size = got;
    return rc;
}

int logo_read(const char *path, logo_image *img, char *why, size_t why_size)
{
    unsigned char *data;
    size_t size;
    int rc;

    memset(img, 0, sizeof *img);
    if (why_size)
        why[0] = '\0';
    if ((rc = logo_slurp(path, &data, &size, why, why_size)) != BRIEFING_OK)
        return rc;
    rc = logo_decode(data, size, img, why, why_size);
    free(data);
    return rc;
}

void logo_free(logo_image *img)
{
    free(img->rgb);
    free(img->alpha);
    memset(img, 0, sizeof *img);
}

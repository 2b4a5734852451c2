/*
 * logo: reading a template's logo (a PNG file) into plain pixels, with every
 * failure reported rather than aborting, and every size bounded before any
 * pixel is decoded.  libpng's errors come back through our own handler (it
 * longjmps out of libpng); its warnings are ignored.  Drawing the pixels is
 * not done here: layout_flow.c hands them to the PDF library.
 *
 *     logo_image img;
 *     char why[200];
 *     int rc = logo_read("logo.png", &img, why, sizeof why);
 *     if (rc == BRIEFING_OK) { ... draw img.rgb (and img.alpha) ... logo_free(&img); }
 *     else if (rc == BRIEFING_ERR_NOMEM) { ... out of memory ... }
 *     else { ... warn "logo.png: why" and leave it out ... }
 */
#ifndef BRIEFING_LOGO_H
#define BRIEFING_LOGO_H

#include <stddef.h>

/* The bounds (docs/limits.md).  A logo is drawn at most 60 x 25 mm, so a
 * few thousand pixels a side is already far more than a printer shows. */
#define LOGO_MAX_FILE_BYTES (16u * 1024 * 1024) /* the PNG file */
#define LOGO_MAX_SIDE 8192u                     /* pixels across or down */
#define LOGO_MAX_PIXELS (16u * 1024 * 1024)     /* width x height */

typedef struct logo_image {
    unsigned width, height;
    unsigned char *rgb;   /* owned: width x height x 3 bytes, 8 bits a sample, rows top down */
    unsigned char *alpha; /* owned: width x height bytes, or NULL when every pixel is opaque */
} logo_image;

/* Reads the PNG file at path.  It must be a regular file (opened without
 * blocking, so a FIFO cannot hang the run) of at most LOGO_MAX_FILE_BYTES.
 * Returns BRIEFING_OK and fills img; BRIEFING_ERR_NOMEM when memory runs
 * out; otherwise BRIEFING_ERR_DATA (not a PNG, damaged, too large) or
 * BRIEFING_ERR_NOINPUT (cannot be opened, not a regular file), with why
 * saying what was wrong in a few words (without the path).  img is zeroed
 * on failure. */
int logo_read(const char *path, logo_image *img, char *why, size_t why_size);

/* The same for a PNG file's bytes already in memory (the fuzz target). */
int logo_decode(const unsigned char *data, size_t size, logo_image *img, char *why,
                size_t why_size);

/* Frees img's pixels and zeroes it. */
void logo_free(logo_image *img);

#endif

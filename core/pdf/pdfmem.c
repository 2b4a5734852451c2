#include "pdfmem.h"

#include <stdint.h>
#include <stdlib.h>

/* Saving asks libharu for about 130 KB for the Norfolk pack (18 pages, two
 * faces) and 390 KB for the same pages with two more faces drawn as UTF-8:
 * a few KB a page (a stream buffer each) and up to 150 KB a face.  The
 * reserve covers eight faces and 16 KB a page with room to spare.  It is
 * only address space until it has to serve: nothing touches its pages. */
#define PDFMEM_BASE ((size_t)2 << 20)
#define PDFMEM_PER_PAGE ((size_t)16 << 10)

/* The reserve: handed out front to back, never freed piece by piece
 * (libharu frees everything at HPDF_Free; the block goes back whole at
 * pdfmem_close). */
static struct {
    unsigned char *block;
    size_t size, used;
    int saving;
    int ran_out;
} pdfmem;

/* 1 when p was served from the reserve. */
static int pdfmem_is_reserve(const void *p)
{
    uintptr_t a = (uintptr_t)p, b = (uintptr_t)pdfmem.block;

    return pdfmem.block != NULL && a >= b && a < b + pdfmem.size;
}

void *pdfmem_alloc(HPDF_UINT size)
{
    const size_t align = _Alignof(max_align_t);
    size_t n = size ? ((size_t)size + align - 1) / align * align : align;
    void *p = malloc(size);

    if (p != NULL)
        return p;
    pdfmem.ran_out = 1;
    if (!pdfmem.saving || n > pdfmem.size - pdfmem.used)
        return NULL;
    p = pdfmem.block + pdfmem.used;
    pdfmem.used += n;
    return p;
}

void pdfmem_free(void *p)
{
    if (!pdfmem_is_reserve(p))
        free(p);
}

int pdfmem_save_begin(size_t pages)
{
    size_t size = PDFMEM_BASE + pages * PDFMEM_PER_PAGE;

    free(pdfmem.block);
    pdfmem.size = pdfmem.used = 0;
    if ((pdfmem.block = malloc(size)) == NULL)
        return -1;
    pdfmem.size = size;
    pdfmem.saving = 1;
    return 0;
}

void pdfmem_save_end(void)
{
    pdfmem.saving = 0;
}

int pdfmem_ran_out(void)
{
    return pdfmem.ran_out;
}

void pdfmem_close(void)
{
    free(pdfmem.block);
    pdfmem.block = NULL;
    pdfmem.size = pdfmem.used = 0;
    pdfmem.saving = pdfmem.ran_out = 0;
}

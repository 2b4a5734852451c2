/*
 * pdfmem: the allocator libharu is given, with a reserve for saving.
 *
 * libharu 2.3 does not survive every failed allocation while it saves a
 * document: a TrueType font's descriptor, made at that moment, is freed
 * when the allocation that files it fails, and then written all the same
 * (a crash, found by tests/e2e/faults.sh, which no caller can see coming).
 * So libharu allocates through pdfmem_alloc, and while a document is being
 * saved a request that malloc cannot meet is served from a reserve set
 * aside just before, and the document is marked as having run out of
 * memory: the run still ends with "out of memory" and no PDF, but libharu
 * never sees NULL there.  Outside saving libharu gets NULL as before, and
 * reports it soundly through its error handler.
 *
 * One document at a time (the program is single-threaded; batch workers
 * are processes): HPDF_NewEx(..., pdfmem_alloc, pdfmem_free, ...), then
 * pdfmem_save_begin and pdfmem_save_end around HPDF_SaveToFile, then
 * HPDF_Free, then pdfmem_close.
 */
#ifndef BRIEFING_PDFMEM_H
#define BRIEFING_PDFMEM_H

#include <hpdf.h>
#include <stddef.h>

/* The allocation functions for HPDF_NewEx. */
void *pdfmem_alloc(HPDF_UINT size);
void pdfmem_free(void *p);

/* Sets aside the reserve for saving a document of that many pages and
 * serves from it from now on.  0, or -1 when memory ran out for it
 * (nothing is held then: report that, and do not save). */
int pdfmem_save_begin(size_t pages);

/* Stops serving from the reserve, which stays until pdfmem_close: blocks
 * served from it are libharu's until HPDF_Free. */
void pdfmem_save_end(void);

/* 1 when an allocation of libharu's failed since pdfmem_close (whether
 * the reserve then served it or libharu was given NULL): whatever libharu
 * said of it afterwards, memory ran out. */
int pdfmem_ran_out(void);

/* Gives the reserve back and forgets the document; call after HPDF_Free. */
void pdfmem_close(void);

#endif

/*
 * tag: the structure tree of a tagged PDF (PDF/UA-1), written through
 * libharu's internal objects, since libharu 2.3 has no structure API.
 *
 * Who owns what: the StructTreeRoot, the XMP stream and the entries put on
 * pages, annotations and the catalog belong to the libharu document and
 * are freed by HPDF_Free; the tree's own dictionaries (the elements, the
 * ParentTree) are the tag_tree's, written by tag_finish into one
 * compressed object stream, and freed by tag_free, which must come before
 * HPDF_Free (before or after the save).  Every function takes a NULL tree
 * and does nothing, so a caller with tagging off ("tagged": false) makes
 * the same calls.
 *
 * Life of a tree: tag_new once the document exists; while drawing, open and
 * close elements in reading order (tag_open/tag_close, a Document element
 * is already open at the root); wrap what a page draws for the innermost
 * element in tag_mark_begin/tag_mark_end (or tag_mark_ensure, which opens
 * a sequence lazily and keeps it open while the same element draws on the
 * same page), and everything that is not content in tag_artifact_begin/end;
 * after the last page, tag_finish writes the catalog entries, the XMP
 * metadata, /Tabs on every page, the PDF version and a deterministic /ID.
 *
 * Errors are sticky: the first failure (libharu out of memory, a mark
 * opened inside a mark, an element closed that was not open) is kept in
 * tag_error() and every later call does nothing; tag_finish returns it,
 * so the writer reports it once.
 */
#ifndef BRIEFING_PDF_TAG_H
#define BRIEFING_PDF_TAG_H

#include <hpdf.h>

typedef struct tag_tree tag_tree;

/* An element, as tag_open returns it: an index into the tree, 0 for the
 * Document element, -1 when the tree is NULL or failed. */
typedef int tag_elem;

/* Starts a tree for pdf: a StructTreeRoot holding one Document element.
 * Returns NULL when memory ran out. */
tag_tree *tag_new(HPDF_Doc pdf);
void tag_free(tag_tree *t);

/* 0, or -1 after a failure; tag_error() says what failed. */
int tag_failed(const tag_tree *t);
const char *tag_error(const tag_tree *t);

/* Opens an element with the standard structure type role ("H1", "P",
 * "Table", "TR", "TH", "Figure", "Link", "TOCI", ...) as the last child of
 * the innermost open element, and makes it the innermost.  A marked-content
 * sequence left open by tag_mark_ensure is ended first. */
tag_elem tag_open(tag_tree *t, HPDF_Page page, const char *role);
/* Opens again element e, closed before, whose parent is the innermost open
 * element: a table row cut over a page, drawn in two pieces, stays one TR
 * (its marks on the next page join it as MCR entries). */
int tag_reopen(tag_tree *t, tag_elem e);
/* Closes the innermost element (never the Document). */
int tag_close(tag_tree *t);
/* The innermost open element, and how deep it is (Document = 1). */
tag_elem tag_current(const tag_tree *t);
int tag_depth(const tag_tree *t);
/* The role the element was opened with. */
const char *tag_role(const tag_tree *t, tag_elem e);

/* Attributes of an element (e from tag_open).  Texts are UTF-8. */
int tag_set_alt(tag_tree *t, tag_elem e, const char *text);    /* /Alt: Figure, Formula */
int tag_set_actual(tag_tree *t, tag_elem e, const char *text); /* /ActualText */
int tag_set_scope(tag_tree *t, tag_elem e, const char *scope); /* TH: "Column", "Row", "Both" */
int tag_set_bbox(tag_tree *t, tag_elem e, double x0, double y0, double x1, double y1);

/* A marked-content sequence on page owned by the innermost open element:
 * writes "/Role <</MCID n>> BDC" into the page's content stream, and its
 * "EMC".  Sequences do not nest. */
int tag_mark_begin(tag_tree *t, HPDF_Page page);
int tag_mark_end(tag_tree *t, HPDF_Page page);
/* Opens a sequence for the innermost element on page unless one is already
 * open for it there (ending one open for another element or page first).
 * For a drawing layer that calls it before every mark it makes. */
int tag_mark_ensure(tag_tree *t, HPDF_Page page);
/* Ends the sequence tag_mark_ensure left open, if any. */
int tag_mark_flush(tag_tree *t);

/* An artifact: type "Pagination" (running header, footer, page number),
 * "Layout" (rules, panel backgrounds) or NULL for "/Artifact BMC".  Ends a
 * sequence tag_mark_ensure left open first. */
int tag_artifact_begin(tag_tree *t, HPDF_Page page, const char *type);
int tag_artifact_end(tag_tree *t, HPDF_Page page);

/* Puts annot (a link annotation on page) in the tree: an OBJR in the
 * innermost open element (a Link), /StructParent on the annotation, and
 * /Contents (UTF-8; the link's text or where it goes) when given. */
int tag_annotation(tag_tree *t, HPDF_Page page, HPDF_Annotation annot, const char *contents);

/* What tag_finish writes into the catalog and the XMP metadata. */
typedef struct tag_doc_info {
    const char *title;       /* dc:title, the same as the Info Title (UTF-8) */
    const char *lang;        /* "en-GB" when NULL */
    const char *creator;     /* xmp:CreatorTool, may be NULL */
    long long epoch;         /* xmp:CreateDate and ModifyDate, seconds since 1970 */
} tag_doc_info;

/* Ends any open sequence, closes open elements, and writes /MarkInfo,
 * /StructTreeRoot with its /ParentTree, /Lang, /ViewerPreferences
 * /DisplayDocTitle, /Metadata (XMP: dc:title, dates, pdfuaid:part 1),
 * /Tabs /S on every page, PDF 1.7 and a trailer /ID hashed from what the
 * tree holds; then the tree itself, into an object stream listed by a
 * cross-reference stream (/XRefStm in the trailer).  Nothing may be added
 * to the tree after.  Returns 0, or -1 (tag_error() says why). */
int tag_finish(tag_tree *t, const tag_doc_info *info);

/* Counts, for tests and the bench: elements, MCIDs, artifacts. */
typedef struct tag_stats {
    int elements, mcids, artifacts, annotations, pages;
} tag_stats;
void tag_get_stats(const tag_tree *t, tag_stats *s);

#endif

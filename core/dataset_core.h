/*
 * dataset: the briefing dataset of data-model.md: loading, validating,
 * merging, and the typed read-only view section plugins get.
 *
 * Sources produce documents in the native JSON shape (cJSON trees).  Each is
 * validated on its own, with errors naming the file and the field path, then
 * merged into one document by the rules of data-model.md; finally the merged
 * document is turned into the briefing_dataset view (briefing/dataset.h),
 * whose memory the dataset object owns.
 */
#ifndef BRIEFING_DATASET_INTERNAL_H
#define BRIEFING_DATASET_INTERNAL_H

#include <cjson/cJSON.h>
#include <briefing/dataset.h>

#include "diag.h"

#define DATASET_SCHEMA "briefing-dataset/1"

/* The largest data file the program reads, in bytes (see docs/limits.md). */
#define DATASET_MAX_FILE_BYTES (64u * 1024u * 1024u)

/* Limits that keep a wrong or hostile file from taking unbounded time or
 * memory; dataset_validate refuses a document past them and says which
 * (docs/internals/dataset.md). */
#define DATASET_MAX_COUNCILS 10000          /* entries in "councils" */
#define DATASET_MAX_LIST_ENTRIES 100000     /* entries in any other array or object */
#define DATASET_MAX_STRING_BYTES (64u * 1024u) /* bytes in any one string */
#define DATASET_MAX_DEPTH 64                /* arrays and objects inside each other */

/* Called once per merge conflict with a sentence naming both files and the
 * field path. */
typedef void (*dataset_warn_fn)(void *arg, const char *message);

/* A new empty document: {"schema": DATASET_SCHEMA, "councils": [],
 * "sources": []}.  NULL when memory ran out.  The caller owns it
 * (cJSON_Delete). */
cJSON *dataset_new_document(void);

/* Reads path as a JSON document: the file must exist and be readable
 * (else BRIEFING_ERR_NOINPUT), be at most DATASET_MAX_FILE_BYTES, be valid
 * UTF-8 and parse as JSON (else BRIEFING_ERR_DATA with "path:LINE:COL: ...").
 * On success *out is the caller's. */
int dataset_parse_file(const char *path, cJSON **out, diag *d);

/* Parses len bytes of JSON text already in memory; `name` is used in
 * messages.  Same checks as dataset_parse_file. */
int dataset_parse_text(const char *name, const char *text, size_t len, cJSON **out, diag *d);

/* Checks every rule of data-model.md.  On the first failure returns
 * BRIEFING_ERR_DATA with d set to "FILE: councils[0].inspections[2].date:
 * "31/01/2018" is not a date (use YYYY-MM-DD)" and the like.  `file` names
 * the origin in messages. */
int dataset_validate(const cJSON *doc, const char *file, diag *d);

/* Files the councils of a validated document under their current codes,
 * and their statistical neighbours too (Barnsley's E08000016 becomes
 * E08000038, by the register of councils), so that a file using an older
 * code merges with one using the new: the merge matches councils by code,
 * so codes are made current first.  Returns BRIEFING_OK, or
 * BRIEFING_ERR_NOMEM. */
int dataset_canonical_codes(cJSON *doc, diag *d);

/* Merges the validated document `from` (read from from_file) into `into`
 * (which holds what into_file, or earlier files, gave), by the rules of
 * data-model.md.  `from` is left empty or consumed; the caller still frees
 * it.  Returns BRIEFING_OK, or BRIEFING_ERR_NOMEM. */
int dataset_merge(cJSON *into, cJSON *from, const char *from_file,
                  dataset_warn_fn warn, void *warn_arg, diag *d);

/* Removes the merge's bookkeeping (members whose names start with byte 0xFF,
 * recording which file gave what) from a merged document, for writing it
 * out.  dataset_build does this itself. */
void dataset_strip_marks(cJSON *doc);

typedef struct dataset dataset;

/* Builds the typed view from a validated, merged document, taking ownership
 * of doc.  as_of overrides the document's own as_of unless absent.  Sorts
 * every list by date and numbers the sources 1, 2, ... in document order.
 * Returns NULL with d set when memory ran out. */
dataset *dataset_build(cJSON *doc, briefing_date as_of, diag *d);

const briefing_dataset *dataset_view(const dataset *ds);

/* Numbers the sources for a briefing of council c: those its facts cite get
 * 1, 2, ... in document order, so that its [n] marks and its list of sources
 * run without gaps even when the data holds many councils; the others follow.
 * Returns 0, or -1 when memory ran out. */
int dataset_number_sources(dataset *ds, const briefing_council *c);

/* The merged JSON document (for `briefing convert` and the state of batch
 * runs); owned by ds. */
const cJSON *dataset_document(const dataset *ds);

/* The council whose code is `code`, or NULL. */
const briefing_council *dataset_find_council(const dataset *ds, const char *code);

void dataset_free(dataset *ds);

#endif

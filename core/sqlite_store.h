/*
 * sqlite_store: writing a dataset into a council's records database, the
 * SQLite file of schema briefing-records/1 that the sqlite source reads back;
 * both sides take the schema from its one source, include/briefing/records.h.
 *
 * A new file is created with the schema; an existing records database is
 * updated the way data-model.md merges a later file into an earlier one:
 * councils match by code, sources by id, entries by their merge keys (an
 * inspection's date and type, a leader's role, name and start...); a matched
 * entry gains the fields it lacked, a field both give takes the new value,
 * cites and statistical neighbours are unions.  Rows, tables and views of the
 * user's own are kept.  The update happens on a copy beside the file
 * (output.h), renamed over it when complete: a failure leaves the database
 * as it was.
 */
#ifndef BRIEFING_SQLITE_STORE_H
#define BRIEFING_SQLITE_STORE_H

#include <cjson/cJSON.h>

#include <briefing/records.h>

#include "diag.h"

/* The schema a records database names in its meta table. */
#define SQLITE_STORE_SCHEMA BRIEFING_RECORDS_SCHEMA

/* Creates or updates the records database at path from doc, a validated
 * (merged) dataset document; members whose names start with a 0xFF byte
 * (dataset_merge's bookkeeping) are not data and are skipped.  Returns
 * BRIEFING_OK, or with d set: BRIEFING_ERR_CANTCREAT when the file cannot be
 * made, or exists and is not a records database (it is then left alone);
 * BRIEFING_ERR_IO when writing fails; BRIEFING_ERR_DATA when doc does not fit
 * the schema (a cite naming no source); BRIEFING_ERR_NOMEM. */
int sqlite_store_write(const cJSON *doc, const char *path, diag *d);

#endif

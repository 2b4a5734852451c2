/*
 * fuzz_ods: the ODS workbook reader (core/ods.c), as a source reads a sheet.
 *
 * An input starting "PK" is a whole archive, read as it is (the container:
 * zip structures, the mimetype, sizes, a damaged deflate stream).  Any other
 * input is content.xml, put into a stored archive with the right mimetype
 * first, so that the fuzzer's mutations reach the XML: repeats, covered
 * cells, typed values, paragraphs, depth.  Every row of the first sheet is
 * read.  A row's cells must be NUL-terminated and within the bounds of
 * ods.h, row numbers must rise, and a refusal must carry its status and a
 * message naming the file; after one, every later call gives the same.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

#include <briefing/plugin.h>

#include "diag.h"
#include "ods.h"
#include "fuzz_util.h"

/* A stored archive of mimetype and content.xml = xml; NULL when libzip
 * could not make one.  The caller frees it. */
static void *wrap(const uint8_t *xml, size_t n, size_t *len)
{
    zip_error_t e;
    zip_error_init(&e);
    zip_source_t *out = zip_source_buffer_create(NULL, 0, 0, &e);
    void *data = NULL;
    zip_t *z = out ? zip_open_from_source(out, ZIP_TRUNCATE, &e) : NULL;
    if (!z)
        goto done;
    zip_source_keep(out);
    zip_source_t *mt = zip_source_buffer(z, ODS_MIMETYPE, strlen(ODS_MIMETYPE), 0);
    zip_int64_t i = mt ? zip_file_add(z, "mimetype", mt, 0) : -1;
    if (i >= 0)
        zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
    zip_source_t *c = zip_source_buffer(z, n ? xml : (const uint8_t *)"", n, 0);
    i = c ? zip_file_add(z, "content.xml", c, 0) : -1;
    if (i >= 0)
        zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
    if (zip_close(z) != 0) {
        zip_discard(z);
        goto done;
    }
    if (zip_source_open(out) == 0) {
        zip_source_seek(out, 0, SEEK_END);
        zip_int64_t size = zip_source_tell(out);
        zip_source_seek(out, 0, SEEK_SET);
        if (size > 0 && (data = malloc((size_t)size)) != NULL &&
            zip_source_read(out, data, (zip_uint64_t)size) != size) {
            free(data);
            data = NULL;
        }
        *len = (size_t)size;
        zip_source_close(out);
    }
done:
    if (out)
        zip_source_free(out);
    zip_error_fini(&e);
    return data;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const void *archive = data;
    void *made = NULL;
    size_t len = size;
    if (!(size >= 2 && data[0] == 'P' && data[1] == 'K')) {
        if (!(made = wrap(data, size, &len)))
            return 0;
        archive = made;
    }
    ods_sheet *s = NULL;
    diag d;
    diag_clear(&d);
    int rc = ods_open_memory("fuzz.ods", archive, len, NULL, &s, &d);
    if (rc != BRIEFING_OK) {
        FUZZ_REQUIRE(s == NULL && d.status == rc && strstr(d.text, "fuzz.ods") == d.text);
        free(made);
        return 0;
    }
    size_t last = 0, rows = 0;
    while ((rc = ods_next(s, &d)) == 1) {
        FUZZ_REQUIRE(ods_row(s) > last && ods_row(s) <= ODS_MAX_ROWS);
        last = ods_row(s);
        size_t n = ods_cells(s), bytes = 0, values = 0;
        FUZZ_REQUIRE(n >= 1 && n <= ODS_MAX_COLUMNS);
        for (size_t i = 0; i < n; i++) {
            size_t l = strlen(ods_cell(s, i));
            FUZZ_REQUIRE(l <= ODS_MAX_CELL_BYTES);
            bytes += l;
            values += l > 0;
        }
        FUZZ_REQUIRE(values >= 1 && ods_cell(s, n)[0] == '\0');
        FUZZ_REQUIRE(ods_hidden(s) == 0 || ods_hidden(s) == 1);
        (void)bytes;
        if (++rows > 200000)
            break; /* a repeated row handed out many times: enough seen */
    }
    if (rc > 1) {
        FUZZ_REQUIRE(d.status == rc && strstr(d.text, "fuzz.ods") == d.text);
        FUZZ_REQUIRE(ods_next(s, &d) == rc);
    }
    ods_close(s);
    free(made);
    return 0;
}

/*
 * fuzz_csv: the CSV reader every CSV source reads through (core/csv_reader.h).
 *
 * The input is a file's bytes.  The reader opens it from memory, reads every
 * record and every field, looks columns up by name, and formats a field
 * error, as a source does.  A record's fields must be NUL-terminated strings
 * and as many as the header's; a failure must carry a message naming the
 * file.
 */
#include <stdint.h>
#include <string.h>

#include <briefing/plugin.h>

#include "buf.h"
#include "csv_reader.h"
#include "diag.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"time_period", "la_name", "Local authority", "new_la_code",
                                        NULL};
    csv_reader *r = NULL;
    diag d;
    int rc, col;
    size_t records = 0;

    diag_clear(&d);
    rc = csv_open_memory("fuzz.csv", (const char *)data, size, &r, &d);
    if (rc != BRIEFING_OK) {
        FUZZ_REQUIRE(r == NULL && d.status == rc && strstr(d.text, "fuzz.csv") != NULL);
        return 0;
    }
    FUZZ_REQUIRE(csv_columns(r) >= 1 && csv_columns(r) <= CSV_MAX_COLUMNS);
    col = csv_column(r, names);
    FUZZ_REQUIRE(col >= -1 && col < (int)csv_columns(r));
    for (size_t i = 0; i < csv_columns(r); i++) {
        const char *h = csv_header(r, (int)i);
        FUZZ_REQUIRE(h != NULL);
        FUZZ_REQUIRE(csv_header_equal(h, h));
    }
    while ((rc = csv_next(r, &d)) == 1) {
        size_t i, total = 0;

        records++;
        FUZZ_REQUIRE(csv_line(r) >= 2);
        for (i = 0; i < csv_columns(r); i++)
            total += strlen(csv_field(r, (int)i));
        FUZZ_REQUIRE(total <= size);
        FUZZ_REQUIRE(csv_field(r, -1)[0] == '\0' && csv_field(r, (int)csv_columns(r))[0] == '\0');
        if (records == 1) {
            diag e;
            diag_clear(&e);
            FUZZ_REQUIRE(csv_field_error(r, 0, &e, "not a %s", "number") == BRIEFING_ERR_DATA);
            FUZZ_REQUIRE(strstr(e.text, "fuzz.csv:") == e.text);
        }
    }
    if (rc != 0) {
        FUZZ_REQUIRE(d.status == rc && strstr(d.text, "fuzz.csv") != NULL);
        /* After an error, every later call gives the same status. */
        FUZZ_REQUIRE(csv_next(r, &d) == rc);
    }
    {
        /* Folding is idempotent and bounded by the input. */
        char *s = fuzz_cstring(data, size);
        buf once, twice;

        buf_init(&once, size + 1);
        buf_init(&twice, size + 1);
        if (csv_fold(s, &once) == 0) {
            FUZZ_REQUIRE(csv_fold(once.data, &twice) == 0);
            FUZZ_REQUIRE(once.len == twice.len && memcmp(once.data, twice.data, once.len) == 0);
        }
        buf_free(&once);
        buf_free(&twice);
        free(s);
    }
    csv_close(r);
    return 0;
}

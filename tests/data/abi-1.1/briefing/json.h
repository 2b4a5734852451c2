/*
 * briefing/json.h: reading and building JSON values through the host.
 *
 * Source plugins build what they read in the dataset's native shape
 * (data-model.md) with these functions; the core then validates it exactly as
 * it validates a user's JSON file, so a source can never hand the sections
 * something the json source would refuse.  Section plugins read fields the
 * dataset header does not know through the same functions.
 *
 * Ownership: every value belongs to the document it was created in, and the
 * host frees the document.  A plugin never frees a briefing_json.  Strings
 * passed in are copied; strings handed out live as long as their document.
 */
#ifndef BRIEFING_JSON_H
#define BRIEFING_JSON_H

#include <stddef.h>
#include "dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

struct briefing_ctx;

typedef enum briefing_json_type {
    BRIEFING_JSON_INVALID = 0, /* also what a NULL value reports */
    BRIEFING_JSON_NULL,
    BRIEFING_JSON_FALSE,
    BRIEFING_JSON_TRUE,
    BRIEFING_JSON_NUMBER,
    BRIEFING_JSON_STRING,
    BRIEFING_JSON_ARRAY,
    BRIEFING_JSON_OBJECT
} briefing_json_type;

typedef struct briefing_json_api {
    size_t size; /* sizeof(briefing_json_api) as the host built it */

    /* Reading.  Every function accepts NULL and then answers "absent". */
    briefing_json_type (*type)(const briefing_json *v);
    const briefing_json *(*get)(const briefing_json *object, const char *key);
    size_t (*count)(const briefing_json *array);
    const briefing_json *(*at)(const briefing_json *array, size_t index);
    const char *(*string)(const briefing_json *v); /* NULL unless a string */
    int (*number)(const briefing_json *v, double *out); /* 1 if a number */

    /* Building.  With `key` NULL the new value is appended to an array;
     * otherwise it is set on an object, replacing any member of that name.
     * They return the new value, or NULL when memory ran out (the host has
     * then recorded the error; return BRIEFING_ERR_NOMEM). */
    briefing_json *(*add_object)(briefing_json *parent, const char *key);
    briefing_json *(*add_array)(briefing_json *parent, const char *key);
    briefing_json *(*add_string)(briefing_json *parent, const char *key, const char *s);
    briefing_json *(*add_number)(briefing_json *parent, const char *key, double n);
    briefing_json *(*add_bool)(briefing_json *parent, const char *key, int b);
    briefing_json *(*add_null)(briefing_json *parent, const char *key);
    /* Mutable access to a member or element, for sources that fill in an
     * entry they made earlier. */
    briefing_json *(*get_mut)(briefing_json *object, const char *key);
    briefing_json *(*at_mut)(briefing_json *array, size_t index);

    /* Parses the file at path as JSON (UTF-8, at most the host's size limit)
     * and makes `into` hold exactly the members of the file's top-level
     * object (what `into` held before is dropped).  Returns BRIEFING_OK, or an error status with
     * the message ("FILE:LINE:COL: ...") recorded on ctx. */
    int (*parse_file)(struct briefing_ctx *ctx, const char *path, briefing_json *into);
} briefing_json_api;

#ifdef __cplusplus
}
#endif

#endif

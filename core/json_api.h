/*
 * json_api: the host's JSON functions (briefing/json.h) over cJSON.
 * A briefing_json pointer is a cJSON pointer; only this module and the
 * dataset module rely on that.
 */
#ifndef BRIEFING_JSON_API_H
#define BRIEFING_JSON_API_H

#include <cjson/cJSON.h>
#include <briefing/json.h>

const briefing_json_api *json_api(void);

static inline briefing_json *json_wrap(cJSON *v) { return (briefing_json *)v; }
static inline cJSON *json_unwrap(briefing_json *v) { return (cJSON *)v; }
static inline const cJSON *json_unwrap_const(const briefing_json *v) { return (const cJSON *)v; }

#endif

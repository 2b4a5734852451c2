#include "host.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "analysis_core.h"
#include "councils_register.h"
#include "csv_reader.h"
#include "date.h"
#include "format.h"
#include "json_api.h"
#include "labels.h"
#include "layout.h"
#include "log.h"
#include "served.h"
#include "state.h"

/* ---- the context --------------------------------------------------------- */

/* Turns a declared default, written as the user would ("5", "true", "a,b"),
 * into the JSON value the template would have held. */
static cJSON *host_default_value(const briefing_option *opt)
{
    const char *text = opt->default_value;

    switch (opt->type) {
    case BRIEFING_OPTION_NUMBER:
        return cJSON_CreateNumber(strtod(text, NULL));
    case BRIEFING_OPTION_BOOL:
        return cJSON_CreateBool(strcmp(text, "true") == 0 || strcmp(text, "1") == 0);
    case BRIEFING_OPTION_LIST: {
        cJSON *list = cJSON_CreateArray();
        const char *p = text;

        while (list && *p) {
            const char *end = strchr(p, ',');
            size_t n = end ? (size_t)(end - p) : strlen(p);
            char *item = strndup(p, n);
            cJSON *s = item ? cJSON_CreateString(item) : NULL;

            free(item);
            if (s == NULL || !cJSON_AddItemToArray(list, s)) {
                cJSON_Delete(s);
                cJSON_Delete(list);
                return NULL;
            }
            p += n;
            if (*p == ',')
                p++;
        }
        return list;
    }
    case BRIEFING_OPTION_STRING:
    default:
        return cJSON_CreateString(text);
    }
}

int host_ctx_init(briefing_ctx *ctx, const briefing_plugin *plugin,
                  const cJSON *options, const cJSON *template_root, diag *d)
{
    const briefing_option *opt;

    memset(ctx, 0, sizeof *ctx);
    ctx->plugin_name = plugin ? plugin->name : "briefing";
    ctx->declared = plugin ? plugin->options : NULL;
    ctx->options = options;
    ctx->template_root = template_root;
    ctx->defaults = cJSON_CreateObject();
    if (ctx->defaults == NULL)
        return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
    for (opt = ctx->declared; opt && opt->name; opt++) {
        cJSON *v;

        if (opt->default_value == NULL)
            continue;
        v = host_default_value(opt);
        if (v == NULL || !cJSON_AddItemToObject(ctx->defaults, opt->name, v)) {
            cJSON_Delete(v);
            host_ctx_free(ctx);
            return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
        }
    }
    return BRIEFING_OK;
}

void host_ctx_free(briefing_ctx *ctx)
{
    cJSON_Delete(ctx->defaults);
    ctx->defaults = NULL;
    served_ctx_free(ctx);
}

int host_ctx_error(briefing_ctx *ctx, int status, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diag_vset(&ctx->err, status, fmt, ap);
    va_end(ap);
    return status;
}

const diag *host_ctx_diag(const briefing_ctx *ctx)
{
    return ctx->err.status ? &ctx->err : NULL;
}

/* ---- messages ------------------------------------------------------------ */

static void host_log(briefing_ctx *ctx, briefing_log_level level, const char *fmt, ...)
{
    char text[2048];
    va_list ap;
    log_level l = level == BRIEFING_LOG_WARN ? LOG_WARN
                : level == BRIEFING_LOG_INFO ? LOG_INFO : LOG_DEBUG;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    log_msg(l, ctx ? ctx->plugin_name : NULL, "%s", text);
}

static int host_error(briefing_ctx *ctx, int status, const char *fmt, ...)
{
    va_list ap;

    if (status == BRIEFING_OK)
        status = BRIEFING_ERR_INTERNAL;
    va_start(ap, fmt);
    diag_vset(&ctx->err, status, fmt, ap);
    va_end(ap);
    return status;
}

/* ---- options ------------------------------------------------------------- */

/* The option's value: the template's, else the declared default, else NULL.
 * Asking for an undeclared option is the plugin's bug: say so once. */
static const cJSON *host_option(briefing_ctx *ctx, const char *name)
{
    const briefing_option *opt;
    const cJSON *v;

    for (opt = ctx->declared; opt && opt->name; opt++)
        if (strcmp(opt->name, name) == 0)
            break;
    if (opt == NULL || opt->name == NULL) {
        log_msg(LOG_WARN, ctx->plugin_name, "asked for option \"%s\", which it does not declare", name);
        return NULL;
    }
    v = ctx->options ? cJSON_GetObjectItemCaseSensitive(ctx->options, name) : NULL;
    if (v == NULL || cJSON_IsNull(v))
        v = cJSON_GetObjectItemCaseSensitive(ctx->defaults, name);
    return v;
}

static const char *host_option_string(briefing_ctx *ctx, const char *name)
{
    const cJSON *v = host_option(ctx, name);

    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double host_option_number(briefing_ctx *ctx, const char *name)
{
    const cJSON *v = host_option(ctx, name);

    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static int host_option_bool(briefing_ctx *ctx, const char *name)
{
    return cJSON_IsTrue(host_option(ctx, name));
}

static size_t host_option_count(briefing_ctx *ctx, const char *name)
{
    const cJSON *v = host_option(ctx, name);

    return cJSON_IsArray(v) ? (size_t)cJSON_GetArraySize(v) : 0;
}

static const char *host_option_item(briefing_ctx *ctx, const char *name, size_t i)
{
    const cJSON *v = host_option(ctx, name);
    const cJSON *item;

    if (!cJSON_IsArray(v) || i >= (size_t)cJSON_GetArraySize(v))
        return NULL;
    item = cJSON_GetArrayItem(v, (int)i);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

static const briefing_json *host_template_value(briefing_ctx *ctx, const char *key)
{
    if (ctx->template_root == NULL || key == NULL)
        return NULL;
    return (const briefing_json *)cJSON_GetObjectItemCaseSensitive(ctx->template_root, key);
}

/* ---- formatting ---------------------------------------------------------- */

static const char *host_format_date(briefing_date d, char *buf, size_t size)
{
    return date_format(d, buf, size);
}

static const char *host_cite(briefing_ctx *ctx, const briefing_dataset *ds,
                             briefing_cites cites, char *buf, size_t size)
{
    (void)ctx;
    return format_cite(ds, cites, buf, size);
}

static const briefing_host host = {
    .size = sizeof(briefing_host),
    .abi_major = BRIEFING_ABI_MAJOR,
    .abi_minor = BRIEFING_ABI_MINOR,
    .log = host_log,
    .error = host_error,
    .option_string = host_option_string,
    .option_number = host_option_number,
    .option_bool = host_option_bool,
    .option_count = host_option_count,
    .option_item = host_option_item,
    .template_value = host_template_value,
    .parse_date = date_parse,
    .format_date = host_format_date,
    .compare_dates = date_compare,
    .format_number = format_number,
    .judgement_label = labels_judgement,
    .framework_label = labels_framework,
    .inspection_type_label = labels_inspection_type,
    .intervention_label = labels_intervention,
    .role_label = labels_role,
    .unit_label = labels_unit,
    .cite = host_cite,
    .previous = state_previous,
    .state_kept = state_kept,
    .header_line = served_header_line,
    .header_has = served_header_has,
    .council_entry = served_council_entry,
    .ofsted_grade = served_ofsted_grade,
    .ofsted_inspection_type = served_ofsted_inspection_type,
    .expand_title = served_expand_title,
    .add_months = date_add_months,
};

const briefing_host *host_table(void)
{
    static briefing_host table;
    static int ready;

    /* The sub-tables come from other modules' functions, which C cannot
     * put in a static initialiser; fill them in once. */
    if (!ready) {
        table = host;
        table.json = json_api();
        table.layout = abi_layout();
        table.csv = csv_api();
        table.councils = councils_api();
        table.analysis = analysis_api();
        ready = 1;
    }
    return &table;
}

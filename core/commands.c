#include "commands.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "dataset_core.h"
#include "diag.h"
#include "host.h"
#include "log.h"
#include "output.h"
#include "plugin_loader.h"
#include "session.h"
#include "sqlite_store.h"

static const command commands[] = {
    {"generate", command_generate},
    {"check", command_check},
    {"plugins", command_plugins},
    {"convert", command_convert},
    {"batch", command_batch},
};

const command *command_find(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

int command_report(const diag *d)
{
    if (d->status == 0)
        return 0;
    log_msg(LOG_ERROR, NULL, "%s", d->text[0] ? d->text : "failed");
    return d->status;
}

static int command_usage(const char *message)
{
    log_msg(LOG_ERROR, NULL, "%s (briefing --help lists the options)", message);
    return EX_USAGE;
}

static void command_session_options(const command_args *args, session_options *o)
{
    memset(o, 0, sizeof *o);
    o->template_name = args->template_name;
    o->plugin_dirs = args->plugin_dirs;
    o->n_plugin_dirs = args->n_plugin_dirs;
    o->as_of = args->as_of;
}

int command_load(const command_args *args, session *s, diag *d)
{
    session_options o;
    size_t i;
    int rc;

    command_session_options(args, &o);
    rc = session_open(s, &o, d);
    if (rc == 0)
        rc = session_load_template_data(s, d);
    for (i = 0; rc == 0 && i < args->n_data; i++)
        rc = session_load(s, args->data[i], d);
    if (rc == 0 && s->n_files == 0)
        rc = diag_set(d, BRIEFING_ERR_USAGE, "no data: give at least one -d FILE");
    if (rc == 0)
        rc = session_finish(s, &o, d);
    return rc;
}

int command_generate(const command_args *args)
{
    const briefing_council *c = NULL;
    session s;
    diag d;
    int pages = 0;
    int rc;

    diag_clear(&d);
    if (args->template_name == NULL)
        return command_usage("generate needs a template: -t TEMPLATE");
    if (args->output == NULL)
        return command_usage("generate needs an output file: -o OUT.pdf");
    if (args->output[0] == '\0')
        return command_usage("-o: the output path is empty");
    output_catch_signals(); /* an interrupted run leaves no temporary file */
    rc = command_load(args, &s, &d);
    if (rc == 0)
        rc = session_council(&s, args->council, &c, &d);
    if (rc == 0)
        rc = session_render(&s, c, args->output, &pages, &d);
    if (rc == 0)
        log_msg(LOG_INFO, NULL, "wrote %s: %s, %d page%s", args->output, c->name, pages,
                pages == 1 ? "" : "s");
    session_close(&s);
    return command_report(&d);
}

/* Reports one problem found by check and remembers the first status. */
static void command_check_problem(diag *d, int *first, size_t *problems)
{
    log_msg(LOG_ERROR, NULL, "%s", d->text);
    if (*first == 0)
        *first = d->status;
    (*problems)++;
    diag_clear(d);
}

/* check goes on after a problem, so that one run reports every data file,
 * every council and every section that would fail; nothing is written. */
int command_check(const command_args *args)
{
    const briefing_council *c = NULL;
    session_options o;
    session s;
    diag d;
    size_t i, n = 0, problems = 0;
    int first = 0;

    diag_clear(&d);
    if (args->template_name == NULL)
        return command_usage("check needs a template: -t TEMPLATE");
    command_session_options(args, &o);
    if (session_open(&s, &o, &d) != 0 || session_load_template_data(&s, &d) != 0) {
        session_close(&s);
        return command_report(&d);
    }
    for (i = 0; i < args->n_data; i++)
        if (session_load(&s, args->data[i], &d) != 0)
            command_check_problem(&d, &first, &problems);
    if (s.n_files == 0 && problems == 0)
        diag_set(&d, BRIEFING_ERR_USAGE, "no data: give at least one -d FILE");
    if (s.n_files > 0 && session_finish(&s, &o, &d) == 0) {
        if (args->council) {
            if (session_council(&s, args->council, &c, &d) == 0 && session_dry_run(&s, c, &d) != 0)
                command_check_problem(&d, &first, &problems);
            n = 1;
        } else {
            const briefing_dataset *ds = dataset_view(s.data);

            /* Without -c, every council is tried: the sections must cope
             * with each one's data. */
            for (i = 0; i < ds->n_councils; i++)
                if (session_dry_run(&s, ds->councils[i], &d) != 0)
                    command_check_problem(&d, &first, &problems);
            n = ds->n_councils;
        }
    }
    if (d.status == 0 && problems == 0 && log_verbosity() >= 0)
        printf("ok: %zu data file%s, %zu council%s checked against template %s\n", s.n_files,
               s.n_files == 1 ? "" : "s", n, n == 1 ? "" : "s", s.tpl->path);
    else if (d.status == 0 && problems > 1)
        log_msg(LOG_ERROR, NULL, "check found %zu problems", problems);
    session_close(&s);
    if (d.status)
        return command_report(&d);
    return first;
}

/* Prints what a plugin is, its options (type, default, help), and the
 * template entry that uses it, with every option at its default, ready to
 * paste.  The defaults come from host_ctx_init, so they read exactly as the
 * plugin will see them. */
static void command_describe(const plugin *p)
{
    static const char *const types[] = {"?", "string", "number", "bool", "list"};
    const briefing_plugin *desc = p->desc;
    const briefing_option *opt;
    int source = desc->kind == BRIEFING_PLUGIN_SOURCE;
    cJSON *options;
    char *text;
    briefing_ctx ctx;
    int width = 0;

    printf("%s %s %s\n  %s\n  file: %s\n  plugin ABI %u.%u\n", plugin_kind_name(desc->kind),
           desc->name, desc->version, desc->description, p->path, desc->abi_major,
           desc->abi_minor);
    if (host_ctx_init(&ctx, desc, NULL, NULL, NULL) != BRIEFING_OK)
        return;
    for (opt = desc->options; opt && opt->name; opt++)
        if ((int)strlen(opt->name) > width)
            width = (int)strlen(opt->name);
    if (width > 24)
        width = 24;
    printf("  options:%s\n", desc->options && desc->options->name ? "" : " none");
    for (opt = desc->options; opt && opt->name; opt++) {
        const cJSON *def = cJSON_GetObjectItemCaseSensitive(ctx.defaults, opt->name);
        char *shown = def ? cJSON_PrintUnformatted(def) : NULL;

        printf("    %-*s  %-6s  %s%s\n", width, opt->name,
               types[opt->type <= BRIEFING_OPTION_LIST ? opt->type : 0],
               shown ? "default " : "no default", shown ? shown : "");
        if (opt->help && *opt->help)
            printf("    %-*s  %s\n", width, "", opt->help);
        cJSON_free(shown);
    }
    /* The entry for a template, options in their declared order at their
     * defaults; null (which reads as the default) for those without one.
     * Running out of memory only loses this example. */
    options = cJSON_CreateObject();
    for (opt = desc->options; options && opt && opt->name; opt++) {
        const cJSON *def = cJSON_GetObjectItemCaseSensitive(ctx.defaults, opt->name);
        cJSON *v = def ? cJSON_Duplicate(def, 1) : cJSON_CreateNull();

        if (!cJSON_AddItemToObject(options, opt->name, v))
            cJSON_Delete(v);
    }
    text = options && options->child ? cJSON_PrintUnformatted(options) : NULL;
    if (source)
        printf("  in a template's \"sources\" (or on the command line: -d %s:FILE):\n"
               "    {\"plugin\": \"%s\", \"data\": [\"FILE\"]", desc->name, desc->name);
    else
        printf("  in a template's \"sections\":\n    {\"plugin\": \"%s\"", desc->name);
    printf("%s%s}\n", text ? ", \"options\": " : "", text ? text : "");
    cJSON_free(text);
    cJSON_Delete(options);
    host_ctx_free(&ctx);
}

int command_plugins(const command_args *args)
{
    session_options o;
    session s;
    diag d;
    size_t i;
    int rc;

    diag_clear(&d);
    command_session_options(args, &o);
    o.template_name = NULL;
    o.quiet_refusals = 1;
    rc = session_open(&s, &o, &d);
    for (i = 0; rc == 0 && i < s.plugins.n_refused; i++)
        log_msg(LOG_ERROR, NULL, "refused %s: %s", s.plugins.refused[i].path,
                s.plugins.refused[i].reason);
    if (rc == 0 && args->describe) {
        const plugin *p = plugin_find(&s.plugins, args->describe, 0);

        if (p)
            command_describe(p);
        else
            rc = diag_set(&d, BRIEFING_ERR_USAGE, "--describe %s: no such plugin (see "
                          "`briefing plugins`)", args->describe);
    } else if (rc == 0) {
        for (i = 0; i < s.plugins.count; i++) {
            const briefing_plugin *p = s.plugins.items[i].desc;

            printf("%s %s %s %s\n", plugin_kind_name(p->kind), p->name, p->version,
                   p->description);
        }
    }
    session_close(&s);
    return command_report(&d);
}

static int command_ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);

    return a >= b && strcmp(s + a - b, suffix) == 0;
}

int command_convert(const command_args *args)
{
    session_options o;
    session s;
    diag d;
    char *text = NULL;
    size_t i;
    int database, rc;

    diag_clear(&d);
    if (args->output == NULL)
        return command_usage("convert needs an output file: -o DATASET.json or -o RECORDS.db");
    if (args->output[0] == '\0')
        return command_usage("-o: the output path is empty");
    database = command_ends_with(args->output, ".db") || command_ends_with(args->output, ".sqlite");
    if (!database && !command_ends_with(args->output, ".json")
        && !output_is_stream(args->output)) /* -o - writes JSON */
        return command_usage("convert: the output must end in .json (the dataset format), or .db "
                             "or .sqlite (a records database)");
    command_session_options(args, &o);
    o.template_name = NULL;
    output_catch_signals(); /* an interrupted run leaves no temporary file */
    rc = session_open(&s, &o, &d);
    for (i = 0; rc == 0 && i < args->n_data; i++)
        rc = session_load(&s, args->data[i], &d);
    if (rc == 0 && s.n_files == 0)
        rc = diag_set(&d, BRIEFING_ERR_USAGE, "no data: give at least one -d FILE");
    if (rc == 0)
        rc = session_check_output(&s, args->output, &d);
    if (rc == 0)
        dataset_strip_marks(s.merged); /* the merge's bookkeeping is not data */
    if (rc == 0 && database)
        rc = sqlite_store_write(s.merged, args->output, &d);
    if (rc == 0 && !database && (text = cJSON_Print(s.merged)) == NULL)
        rc = diag_set(&d, BRIEFING_ERR_NOMEM, "out of memory");
    if (rc == 0 && !database)
        rc = output_write_text_stream(args->output, text, &d);
    cJSON_free(text);
    session_close(&s);
    return command_report(&d);
}

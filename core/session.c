#include "session.h"
#include "csv_reader.h"
#include "ods.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "abi.h"
#include "analysis_core.h"
#include "buf.h"
#include "crash.h"
#include "councils_register.h"
#include "date.h"
#include "host.h"
#include "json_api.h"
#include "layout.h"
#include "log.h"
#include "output.h"
#include "paths.h"

/* A running header or footer after its fields are filled in, and the most
 * of one field's value put into it (a longer one is cut with an ellipsis). */
#define SESSION_RUNNING_MAX 4096
#define SESSION_RUNNING_VALUE_MAX 300

/* How much of a file a source sees to recognise it. */
#define SESSION_HEAD_BYTES 4096

/* The last second of 9999-12-31: a later time has no four-digit year. */
#define SESSION_EPOCH_MAX 253402300799LL

/* SOURCE_DATE_EPOCH, the time reproducible builds stamp instead of now: -1
 * in *out when unset.  A value that is not a whole number of seconds from
 * 1970 to 9999 is refused (the reproducible-builds specification asks a
 * tool to fail on a malformed value rather than guess). */
static int session_epoch(long long *out, diag *d)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long v;

    *out = -1;
    if (e == NULL || *e == '\0')
        return BRIEFING_OK;
    errno = 0;
    v = strtoll(e, &end, 10);
    if (errno || *end || v < 0 || v > SESSION_EPOCH_MAX)
        return diag_set(d, BRIEFING_ERR_USAGE, "SOURCE_DATE_EPOCH=%s: expected a number of "
                        "seconds since 1970-01-01, up to %lld (9999-12-31)", e,
                        SESSION_EPOCH_MAX);
    *out = v;
    return BRIEFING_OK;
}

int session_open(session *s, const session_options *o, diag *d)
{
    char installed[PATH_MAX];
    size_t i;
    int rc;

    memset(s, 0, sizeof *s);
    if ((rc = session_epoch(&s->source_date_epoch, d)))
        return rc;
    s->merged = dataset_new_document();
    if (s->merged == NULL)
        return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
    if (o->template_name) {
        rc = template_load(o->template_name, &s->tpl, d);
        if (rc)
            return rc;
    }
    rc = plugin_load_all(&s->plugins, o->plugin_dirs, o->n_plugin_dirs,
                         paths_plugin_dir(installed, sizeof installed), d);
    if (rc)
        return rc;
    for (i = 0; !o->quiet_refusals && i < s->plugins.n_refused; i++)
        log_msg(LOG_WARN, NULL, "plugin %s refused: %s", s->plugins.refused[i].path,
                s->plugins.refused[i].reason);
    if (s->tpl)
        return template_check_plugins(s->tpl, &s->plugins, d);
    return BRIEFING_OK;
}

/* A plugin's status as an exit status: one of ours, else an internal error
 * (a plugin returning 1 or -1 must not become the exit code). */
static int session_status(int rc)
{
    switch (rc) {
    case BRIEFING_OK: case BRIEFING_ERR_USAGE: case BRIEFING_ERR_DATA:
    case BRIEFING_ERR_NOINPUT: case BRIEFING_ERR_INTERNAL: case BRIEFING_ERR_NOMEM:
    case BRIEFING_ERR_CANTCREAT: case BRIEFING_ERR_IO: case BRIEFING_ERR_TEMPFAIL:
    case BRIEFING_ERR_CONFIG:
        return rc;
    }
    return BRIEFING_ERR_INTERNAL;
}

/* The template's options for a source plugin, if the template lists it. */
static const cJSON *session_source_options(const session *s, const char *plugin)
{
    size_t i;

    for (i = 0; s->tpl && i < s->tpl->n_sources; i++)
        if (strcmp(s->tpl->sources[i].plugin, plugin) == 0)
            return s->tpl->sources[i].options;
    return NULL;
}

/* Reads up to SESSION_HEAD_BYTES of path.  BRIEFING_ERR_NOINPUT when the
 * file cannot be read, or is not a regular file: a source opens the path
 * again to read it, and a pipe (`-d <(command)`, /dev/stdin) would have lost
 * the bytes read here, a FIFO with no writer would block forever, and a
 * device like /dev/zero never ends. */
static int session_head(const char *path, unsigned char *head, size_t *len, diag *d)
{
    struct stat st;
    ssize_t n;
    int fd;

    if (stat(path, &st) != 0)
        return diag_set(d, diag_errno_status(errno, BRIEFING_ERR_NOINPUT), "%s: %s", path,
                        strerror(errno));
    if (S_ISDIR(st.st_mode))
        return diag_set(d, BRIEFING_ERR_NOINPUT, "%s: is a folder, not a data file", path);
    if (!S_ISREG(st.st_mode))
        return diag_set(d, BRIEFING_ERR_NOINPUT, "%s: is a pipe or a device, not a data file "
                        "(save the data to a file and name that)", path);
    fd = open(path, O_RDONLY);
    if (fd < 0)
        return diag_set(d, diag_errno_status(errno, BRIEFING_ERR_NOINPUT), "%s: %s", path,
                        strerror(errno));
    n = read(fd, head, SESSION_HEAD_BYTES);
    close(fd);
    if (n < 0)
        return diag_set(d, diag_errno_status(errno, BRIEFING_ERR_NOINPUT), "%s: %s", path,
                        strerror(errno));
    *len = (size_t)n;
    return BRIEFING_OK;
}

static int session_add_sheet(void *arg, const char *name)
{
    buf *b = arg;
    buf_printf(b, "%s%s", b->len ? ", " : "", name);
    return 0;
}

/* A workbook no source recognises: refused with the sheets it holds. */
static int session_unread_workbook(const char *path, diag *d)
{
    buf sheets;
    buf_init(&sheets, 4096);
    int rc = csv_sheets(path, session_add_sheet, &sheets, d);
    if (rc == BRIEFING_OK)
        rc = diag_set(d, BRIEFING_ERR_DATA, "no source reads %s: its sheets are %s (the workbooks read are "
                      "listed in docs/sources.md)", path, sheets.data ? sheets.data : "none");
    buf_free(&sheets);
    return rc;
}

/* Asks every source plugin how sure it is that it reads path; the surest
 * wins.  BRIEFING_ERR_DATA listing what was expected when none is. */
static int session_recognise(session *s, const char *path, const plugin **out, diag *d)
{
    unsigned char head[SESSION_HEAD_BYTES];
    const briefing_host *h = host_table();
    size_t len = 0, i;
    int best = 0, rc;
    buf expected;

    *out = NULL;
    rc = session_head(path, head, &len, d);
    if (rc)
        return rc;
    for (i = 0; i < s->plugins.count; i++) {
        const plugin *p = &s->plugins.items[i];
        briefing_ctx ctx;
        int score;

        if (p->desc->kind != BRIEFING_PLUGIN_SOURCE || p->desc->recognise == NULL)
            continue;
        if ((rc = host_ctx_init(&ctx, p->desc, session_source_options(s, p->desc->name),
                                s->tpl ? s->tpl->root : NULL, d)))
            return rc;
        crash_note("the source plugin \"%s\" recognising %s", p->desc->name, path);
        score = p->desc->recognise(h, &ctx, path, head, len);
        crash_note(NULL);
        host_ctx_free(&ctx);
        if (score > best) {
            best = score;
            *out = p;
        }
    }
    if (*out)
        return BRIEFING_OK;
    if (len >= 4 && memcmp(head, "PK\3\4", 4) == 0) /* a zip: a workbook, or says why not */
        return session_unread_workbook(path, d);
    buf_init(&expected, 4096);
    for (i = 0; i < s->plugins.count; i++) {
        const plugin *p = &s->plugins.items[i];

        if (p->desc->kind == BRIEFING_PLUGIN_SOURCE)
            buf_printf(&expected, "\n  %s: %s", p->desc->name, p->desc->description);
    }
    rc = diag_set(d, BRIEFING_ERR_DATA, "%s: no source plugin recognises this file; "
                  "expected one of:%s\n(name one with -d PLUGIN:%s)", path,
                  expected.data ? expected.data : " (no source plugins are installed)", path);
    buf_free(&expected);
    return rc;
}

/* Splits "PLUGIN:PATH" when PLUGIN names a loaded source; else the whole
 * spec is a path. */
static const plugin *session_forced(const session *s, const char *spec, const char **path)
{
    const char *colon = strchr(spec, ':');
    const plugin *p;
    char name[65];
    size_t n;

    *path = spec;
    if (colon == NULL || (n = (size_t)(colon - spec)) == 0 || n >= sizeof name)
        return NULL;
    memcpy(name, spec, n);
    name[n] = '\0';
    p = plugin_find(&s->plugins, name, BRIEFING_PLUGIN_SOURCE);
    if (p)
        *path = colon + 1;
    return p;
}

static void session_warn(void *arg, const char *message)
{
    (void)arg;
    log_msg(LOG_WARN, NULL, "%s", message);
}

/* Remembers path among the inputs when it is a regular file; 0, or -1 when
 * memory ran out. */
static int session_remember_input(session *s, const char *path)
{
    session_input *more;
    struct stat st;

    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    more = realloc(s->inputs, (s->n_inputs + 1) * sizeof *more);
    if (more == NULL)
        return -1;
    s->inputs = more;
    if ((more[s->n_inputs].path = strdup(path)) == NULL)
        return -1;
    more[s->n_inputs].dev = st.st_dev;
    more[s->n_inputs].ino = st.st_ino;
    s->n_inputs++;
    return 0;
}

int session_load(session *s, const char *spec, diag *d)
{
    const briefing_host *h = host_table();
    const plugin *p;
    const char *path;
    cJSON *doc = NULL;
    briefing_ctx ctx;
    int ctx_ready = 0;
    int rc;

    p = session_forced(s, spec, &path);
    if (p == NULL) {
        rc = session_recognise(s, path, &p, d);
        if (rc)
            return rc;
    } else {
        unsigned char head[SESSION_HEAD_BYTES];
        size_t len;

        if ((rc = session_head(path, head, &len, d)))
            return rc;
    }
    log_msg(LOG_DEBUG, NULL, "%s: read by the %s source", path, p->desc->name);
    doc = dataset_new_document();
    if (doc == NULL)
        return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
    rc = host_ctx_init(&ctx, p->desc, session_source_options(s, p->desc->name),
                       s->tpl ? s->tpl->root : NULL, d);
    if (rc)
        goto out;
    ctx_ready = 1;
    crash_note("the source plugin \"%s\" reading %s", p->desc->name, path);
    rc = session_status(p->desc->read(h, &ctx, path, json_wrap(doc)));
    crash_note(NULL);
    if (rc != BRIEFING_OK) {
        const diag *e = host_ctx_diag(&ctx);

        rc = diag_set(d, rc, "%s source: %s", p->desc->name,
                      e ? e->text : "failed without saying why");
        goto out;
    }
    /* A plugin's document is checked exactly as a user's file is. */
    if (strcmp(p->desc->name, "json") == 0) {
        rc = dataset_validate(doc, path, d);
    } else {
        char label[PATH_MAX + 64];

        snprintf(label, sizeof label, "%s (as read by the %s source)", path, p->desc->name);
        rc = dataset_validate(doc, label, d);
    }
    if (rc)
        goto out;
    rc = dataset_canonical_codes(doc, d);
    if (rc)
        goto out;
    rc = dataset_merge(s->merged, doc, path, session_warn, NULL, d);
    if (rc == BRIEFING_OK)
        s->n_files++;
    if (rc == BRIEFING_OK && session_remember_input(s, path) != 0)
        rc = diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
out:
    if (ctx_ready)
        host_ctx_free(&ctx);
    cJSON_Delete(doc);
    return rc;
}

int session_load_template_data(session *s, diag *d)
{
    size_t i;
    int rc;

    for (i = 0; s->tpl && i < s->tpl->n_sources; i++) {
        const template_use *use = &s->tpl->sources[i];
        const cJSON *f;

        cJSON_ArrayForEach(f, use->data) {
            char path[PATH_MAX];
            char spec[PATH_MAX + 80];

            if (f->valuestring[0] == '/')
                snprintf(path, sizeof path, "%s", f->valuestring);
            else if (paths_join(path, sizeof path, s->tpl->dir, f->valuestring) != 0)
                return diag_set(d, BRIEFING_ERR_CONFIG, "%s: %s: path too long", s->tpl->path,
                                use->where);
            snprintf(spec, sizeof spec, "%s:%s", use->plugin, path);
            if ((rc = session_load(s, spec, d)))
                return rc;
        }
    }
    return BRIEFING_OK;
}

int session_finish(session *s, const session_options *o, diag *d)
{
    briefing_date as_of = {0, 0, 0};

    if (o->as_of && !date_parse(o->as_of, &as_of))
        return diag_set(d, BRIEFING_ERR_USAGE, "--as-of: \"%s\" is not a date (use YYYY-MM-DD)",
                        o->as_of);
    if (date_is_absent(as_of)) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(s->merged, "as_of");

        if (!cJSON_IsString(v) || !date_parse(v->valuestring, &as_of))
            as_of = date_from_epoch(s->source_date_epoch >= 0 ? s->source_date_epoch
                                                              : (long long)time(NULL));
    }
    s->as_of = as_of;
    /* Every file is read: the workbooks' parses kept for the sources go
     * before the dataset is built (and before a batch forks). */
    csv_sheets_forget();
    s->data = dataset_build(s->merged, as_of, d);
    s->merged = NULL; /* dataset_build owns it now, whatever happened */
    return s->data ? BRIEFING_OK : (d->status ? d->status : BRIEFING_ERR_NOMEM);
}

/* The council of the data that the register of councils resolves query to
 * (a spelling such as "Bristol, City of", or a former code).  The register is
 * wired in by councils_register.c; without a match, NULL. */
static const briefing_council *session_council_by_register(const session *s, const char *query)
{
    const briefing_council_info *found[8];
    size_t n = councils_api()->resolve(query, found, 8), i;

    /* Ambiguous or unknown to the register: no guess. */
    if (n != 1)
        return NULL;
    if (dataset_find_council(s->data, found[0]->code))
        return dataset_find_council(s->data, found[0]->code);
    for (i = 0; i < found[0]->n_former_codes; i++) {
        const briefing_council *c = dataset_find_council(s->data, found[0]->former_codes[i]);
        if (c)
            return c;
    }
    return NULL;
}

int session_council(const session *s, const char *query, const briefing_council **out,
                    diag *d)
{
    const briefing_dataset *ds = dataset_view(s->data);
    const briefing_council *found = NULL;
    size_t i;

    *out = NULL;
    if (ds->n_councils == 0)
        return diag_set(d, BRIEFING_ERR_DATA, "the data (%zu file%s) holds no council: a "
                        "briefing needs at least one entry in \"councils\"", s->n_files,
                        s->n_files == 1 ? "" : "s");
    if (query == NULL) {
        if (ds->n_councils > 1)
            return diag_set(d, BRIEFING_ERR_USAGE, "the data holds %zu councils: name one with "
                            "-c (a GSS code such as %s, a DfE number or a name)",
                            ds->n_councils, ds->councils[0]->code);
        *out = ds->councils[0];
        return BRIEFING_OK;
    }
    for (i = 0; i < ds->n_councils; i++) {
        const briefing_council *c = ds->councils[i];

        if (councils_matches(c, query)) {
            if (found)
                return councils_ambiguous(query, ds, d);
            found = c;
        }
    }
    if (found == NULL)
        found = session_council_by_register(s, query);
    if (found == NULL)
        return councils_not_in_data(query, ds, d);
    *out = found;
    return BRIEFING_OK;
}

/* ---- rendering --------------------------------------------------------- */

/* Replaces {council}, {title}, {as_of} and {marking} in text; {page} and
 * {pages} are left for the layout engine.  Returns a string the caller
 * frees, or NULL when memory ran out. */
/* Appends value to out, cut to SESSION_RUNNING_VALUE_MAX bytes (at a
 * character) with an ellipsis: a running header or footer is one line, and
 * a council's name may be 64 KiB long (docs/limits.md). */
static int session_add_value(buf *out, const char *value)
{
    size_t n = strlen(value);

    if (n <= SESSION_RUNNING_VALUE_MAX)
        return buf_add(out, value, n);
    n = SESSION_RUNNING_VALUE_MAX;
    while (n > 0 && ((unsigned char)value[n] & 0xC0) == 0x80)
        n--;
    return buf_add(out, value, n) != 0 ? -1 : buf_adds(out, "\xE2\x80\xA6");
}

static char *session_expand(const char *text, const char *council, const char *title,
                            const char *as_of, const char *marking)
{
    static const char *const names[] = {"{council}", "{title}", "{as_of}", "{marking}"};
    const char *values[] = {council, title, as_of, marking};
    buf out;
    size_t i;

    buf_init(&out, SESSION_RUNNING_MAX);
    while (text && *text) {
        for (i = 0; i < 4; i++)
            if (strncmp(text, names[i], strlen(names[i])) == 0)
                break;
        if (i < 4) {
            if (session_add_value(&out, values[i] ? values[i] : "") != 0)
                goto fail;
            text += strlen(names[i]);
        } else if (buf_addc(&out, *text++) != 0) {
            goto fail;
        }
    }
    return buf_take(&out);
fail:
    buf_free(&out);
    return NULL;
}

typedef struct session_texts {
    char *header_left, *header_right, *footer_left, *footer_centre, *footer_right;
} session_texts;

/* Frees the texts and empties t, so that the caller's cleanup may free it
 * again (session_config frees them itself when one cannot be made). */
static void session_texts_free(session_texts *t)
{
    free(t->header_left);
    free(t->header_right);
    free(t->footer_left);
    free(t->footer_centre);
    free(t->footer_right);
    memset(t, 0, sizeof *t);
}

static int session_config(const session *s, const briefing_council *c, layout_config *cfg,
                          session_texts *texts, diag *d)
{
    char as_of[64];
    const char *title, *marking;
    int rc;

    memset(texts, 0, sizeof *texts);
    if (s->tpl) {
        rc = template_layout_config(s->tpl, cfg, d);
        if (rc)
            return rc;
    } else {
        layout_config_defaults(cfg);
    }
    title = cfg->title ? cfg->title : "Children's services briefing";
    marking = s->tpl ? template_string(s->tpl, "marking") : NULL;
    date_format(s->as_of, as_of, sizeof as_of);
    texts->header_left = session_expand(cfg->header_left, c->name, title, as_of, marking);
    texts->header_right = session_expand(cfg->header_right, c->name, title, as_of, marking);
    texts->footer_left = session_expand(cfg->footer_left, c->name, title, as_of, marking);
    texts->footer_centre = session_expand(cfg->footer_centre, c->name, title, as_of, marking);
    texts->footer_right = session_expand(cfg->footer_right, c->name, title, as_of, marking);
    if (!texts->header_left || !texts->header_right || !texts->footer_left
        || !texts->footer_centre || !texts->footer_right) {
        int err = errno;

        session_texts_free(texts);
        if (err == EFBIG)
            return diag_set(d, BRIEFING_ERR_CONFIG, "%s: page.header or page.footer: the text "
                            "would be longer than %d bytes", s->tpl ? s->tpl->path : "template",
                            SESSION_RUNNING_MAX);
        return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
    }
    if (strlen(c->name) > SESSION_RUNNING_VALUE_MAX)
        log_msg(LOG_WARN, NULL, "%s: the council's name is %zu bytes long; running headers and "
                "footers show its first %d bytes and an ellipsis", c->code, strlen(c->name),
                SESSION_RUNNING_VALUE_MAX);
    cfg->header_left = texts->header_left;
    cfg->header_right = texts->header_right;
    cfg->footer_left = texts->footer_left;
    cfg->footer_centre = texts->footer_centre;
    cfg->footer_right = texts->footer_right;
    cfg->title = title;
    cfg->creator = "briefing " BRIEFING_VERSION;
    cfg->as_of = s->as_of;
    cfg->source_date_epoch = s->source_date_epoch;
    analysis_time_axis(c, s->as_of, &cfg->time_from, &cfg->time_to);
    cfg->warn = session_warn;
    cfg->warn_arg = NULL;
    return BRIEFING_OK;
}

/* Runs every section of the template for council c into doc. */
static int session_sections(session *s, const briefing_council *c, briefing_doc *doc, diag *d)
{
    const briefing_host *h = host_table();
    const briefing_dataset *ds = dataset_view(s->data);
    size_t i;
    int rc = BRIEFING_OK;

    for (i = 0; i < s->tpl->n_sections && rc == BRIEFING_OK; i++) {
        const template_use *use = &s->tpl->sections[i];
        const plugin *p = plugin_find(&s->plugins, use->plugin, BRIEFING_PLUGIN_SECTION);
        briefing_ctx ctx;

        if (p == NULL) /* template_check_plugins ran: cannot happen */
            return diag_set(d, BRIEFING_ERR_INTERNAL, "section %s vanished", use->plugin);
        if (use->new_page && i > 0 && (rc = h->layout->page_break(doc)) != BRIEFING_OK)
            break;
        rc = host_ctx_init(&ctx, p->desc, use->options, s->tpl->root, d);
        if (rc)
            break;
        ctx.previous = s->previous;
        ctx.state_kept = s->state_kept;
        crash_note("the section plugin \"%s\" (%s) for %s %s", p->desc->name, use->where, c->code,
                   c->name);
        rc = session_status(p->desc->render(abi_host(p->desc->abi_minor), &ctx, ds, c, doc));
        crash_note(NULL);
        /* A table left open is the section's own error, not the next's. */
        if (rc == BRIEFING_OK && layout_table_open(doc))
            rc = host_ctx_error(&ctx, BRIEFING_ERR_INTERNAL,
                                "it left a table open (end it with table_end)");
        if (rc != BRIEFING_OK) {
            const diag *e = host_ctx_diag(&ctx);
            const diag *le = layout_error(doc);
            const char *why = e ? e->text
                            : (le && le->status) ? le->text : "failed without saying why";

            rc = diag_set(d, rc, "%s section (%s) for %s: %s", p->desc->name, use->where,
                          c->name, why);
        }
        host_ctx_free(&ctx);
    }
    return rc;
}

static int session_build_doc(session *s, const briefing_council *c, briefing_doc **out,
                             session_texts *texts, layout_config *cfg, diag *d)
{
    int rc;

    *out = NULL;
    if (s->tpl == NULL)
        return diag_set(d, BRIEFING_ERR_USAGE, "no template given (-t TEMPLATE)");
    rc = session_config(s, c, cfg, texts, d);
    if (rc)
        return rc;
    /* With one council, sources keep the data's own order (the sources
     * section lists them all); with several, each briefing numbers the ones
     * its council cites from 1, without gaps. */
    if (dataset_view(s->data)->n_councils > 1 && dataset_number_sources(s->data, c) != 0)
        return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
    *out = layout_doc_new(cfg, d);
    if (*out == NULL)
        return d->status ? d->status : BRIEFING_ERR_NOMEM;
    return session_sections(s, c, *out, d);
}

/* Replaces the first `from` in d's message with `to`. */
static void session_rename_in_message(diag *d, const char *from, const char *to)
{
    char text[DIAG_TEXT_MAX];
    char *at = strstr(d->text, from);

    if (at == NULL)
        return;
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - d->text), d->text, to, at + strlen(from));
    snprintf(d->text, sizeof d->text, "%s", text);
}

int session_check_output(const session *s, const char *out_path, diag *d)
{
    struct stat out, in;
    size_t i;

    if ((strcmp(out_path, "-") == 0 ? fstat(STDOUT_FILENO, &out) : stat(out_path, &out)) != 0
        || !S_ISREG(out.st_mode))
        return BRIEFING_OK; /* nothing there yet, or a stream no input came from */
    for (i = 0; i < s->n_inputs; i++)
        if (s->inputs[i].dev == out.st_dev && s->inputs[i].ino == out.st_ino)
            return diag_set(d, BRIEFING_ERR_USAGE, "%s is the same file as the data file %s: "
                            "writing it would destroy the data", out_path, s->inputs[i].path);
    if (s->tpl && stat(s->tpl->path, &in) == 0 && in.st_dev == out.st_dev
        && in.st_ino == out.st_ino)
        return diag_set(d, BRIEFING_ERR_USAGE, "%s is the same file as the template %s: "
                        "writing it would destroy the template", out_path, s->tpl->path);
    return BRIEFING_OK;
}

int session_render(session *s, const briefing_council *c, const char *out_path, int *pages,
                   diag *d)
{
    layout_config cfg;
    session_texts texts = {0};
    briefing_doc *doc = NULL;
    output out = {0};
    int begun = 0;
    int rc;

    /* The output is begun first: one that cannot be created is said before
     * the sections run, and an interrupted run's temporary file is removed
     * by the signal handler (output_catch_signals) whenever it comes. */
    rc = session_check_output(s, out_path, d);
    if (rc == BRIEFING_OK)
        rc = s->files_only ? output_begin(&out, out_path, d)
                           : output_begin_stream(&out, out_path, d);
    if (rc)
        goto done;
    begun = 1;
    rc = session_build_doc(s, c, &doc, &texts, &cfg, d);
    if (rc)
        goto done;
    rc = layout_write(doc, out.tmp_path, d);
    if (rc) {
        /* The user knows the output by its name, not its temporary one. */
        session_rename_in_message(d, out.tmp_path, out_path);
        goto done;
    }
    if (pages)
        *pages = layout_page_count(doc);
    rc = output_commit(&out, d);
    begun = 0;
done:
    if (begun)
        output_abort(&out);
    layout_doc_free(doc);
    session_texts_free(&texts);
    return rc;
}

int session_dry_run(session *s, const briefing_council *c, diag *d)
{
    layout_config cfg;
    session_texts texts = {0};
    briefing_doc *doc = NULL;
    int rc;

    rc = session_build_doc(s, c, &doc, &texts, &cfg, d);
    if (rc == BRIEFING_OK)
        rc = layout_write(doc, NULL, d); /* laid out and drawn, not saved */
    layout_doc_free(doc);
    session_texts_free(&texts);
    return rc;
}

void session_close(session *s)
{
    size_t i;

    for (i = 0; i < s->n_inputs; i++)
        free(s->inputs[i].path);
    free(s->inputs);
    cJSON_Delete(s->merged);
    dataset_free(s->data);
    template_free(s->tpl);
    plugin_set_free(&s->plugins);
    csv_sheets_forget();
    memset(s, 0, sizeof *s);
}

void session_set_previous(session *s, const cJSON *council_state)
{
    s->previous = council_state;
}

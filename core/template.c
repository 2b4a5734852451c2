#include "template.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "contrast.h"
#include "dataset_core.h"
#include "log.h"
#include "paths.h"

static const char *const template_keys[] = {
    "name", "title", "subtitle", "author", "subject", "keywords", "marking", "logo", "toc",
    "page", "fonts", "colours", "header", "footer", "sources", "sections", "description", "tagged",
    NULL
};

static int template_known(const char *const *keys, const char *key)
{
    for (; *keys; keys++)
        if (strcmp(*keys, key) == 0)
            return 1;
    return 0;
}

/* Every member of obj must be one of keys. */
static int template_check_keys(const template *t, const cJSON *obj, const char *where,
                               const char *const *keys, diag *d)
{
    const cJSON *m;

    for (m = obj->child; m; m = m->next) {
        if (!template_known(keys, m->string)) {
            char list[512] = "";
            size_t used = 0;
            const char *const *k;

            for (k = keys; *k && used < sizeof list; k++)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                                         k == keys ? "" : ", ", *k);
            return diag_set(d, BRIEFING_ERR_CONFIG, "%s: %s%s\"%s\" is not a template field "
                            "(expected one of: %s)", t->path, where, where[0] ? "." : "",
                            m->string, list);
        }
    }
    return BRIEFING_OK;
}

static int template_expect(const template *t, const cJSON *v, const char *where,
                           int ok, const char *expected, diag *d)
{
    if (v == NULL || ok)
        return BRIEFING_OK;
    return diag_set(d, BRIEFING_ERR_CONFIG, "%s: %s: expected %s", t->path, where, expected);
}

/* Reads one entry of "sources" or "sections". */
static int template_use_parse(template *t, const cJSON *entry, const char *list, int index,
                              template_use *use, diag *d)
{
    static const char *const keys[] = {"plugin", "options", "data", "new_page", NULL};
    const cJSON *plugin, *options, *data, *new_page;
    int is_source = strcmp(list, "sources") == 0;
    int rc;

    snprintf(use->where, sizeof use->where, "%s[%d]", list, index);
    if (!cJSON_IsObject(entry))
        return diag_set(d, BRIEFING_ERR_CONFIG, "%s: %s: expected an object such as "
                        "{\"plugin\": \"NAME\"}", t->path, use->where);
    rc = template_check_keys(t, entry, use->where, keys, d);
    if (rc)
        return rc;
    plugin = cJSON_GetObjectItemCaseSensitive(entry, "plugin");
    options = cJSON_GetObjectItemCaseSensitive(entry, "options");
    data = cJSON_GetObjectItemCaseSensitive(entry, "data");
    new_page = cJSON_GetObjectItemCaseSensitive(entry, "new_page");
    if (!cJSON_IsString(plugin) || plugin->valuestring[0] == '\0')
        return diag_set(d, BRIEFING_ERR_CONFIG, "%s: %s.plugin: expected a plugin name",
                        t->path, use->where);
    if ((rc = template_expect(t, options, use->where, cJSON_IsObject(options),
                              "\"options\" to be an object", d)))
        return rc;
    if (data && !is_source)
        return diag_set(d, BRIEFING_ERR_CONFIG, "%s: %s.data: only sources take data files",
                        t->path, use->where);
    if (data) {
        const cJSON *f;
        int ok = cJSON_IsArray(data);

        cJSON_ArrayForEach(f, data)
            ok = ok && cJSON_IsString(f);
        if ((rc = template_expect(t, data, use->where, ok,
                                  "\"data\" to be an array of file paths", d)))
            return rc;
    }
    if (new_page && is_source)
        return diag_set(d, BRIEFING_ERR_CONFIG, "%s: %s.new_page: only sections start pages",
                        t->path, use->where);
    if ((rc = template_expect(t, new_page, use->where, cJSON_IsBool(new_page),
                              "\"new_page\" to be true or false", d)))
        return rc;
    use->plugin = plugin->valuestring;
    use->options = options;
    use->data = data;
    use->new_page = cJSON_IsTrue(new_page);
    return BRIEFING_OK;
}

static int template_uses(template *t, const char *list, template_use **out, size_t *n,
                         int required, diag *d)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(t->root, list);
    const cJSON *entry;
    int i = 0, rc;

    *out = NULL;
    *n = 0;
    if (arr == NULL && !required)
        return BRIEFING_OK;
    if (!cJSON_IsArray(arr) || (required && cJSON_GetArraySize(arr) == 0))
        return diag_set(d, BRIEFING_ERR_CONFIG, "%s: %s: expected %s array of "
                        "{\"plugin\": ...} entries", t->path, list, required ? "a non-empty" : "an");
    *out = calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof **out);
    if (*out == NULL)
        return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
    cJSON_ArrayForEach(entry, arr) {
        rc = template_use_parse(t, entry, list, i, &(*out)[i], d);
        if (rc)
            return rc;
        i++;
    }
    *n = (size_t)i;
    return BRIEFING_OK;
}

/* An optional top-level object whose members must be among keys. */
static int template_object(const template *t, const char *name, const char *const *keys,
                           diag *d)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(t->root, name);

    if (v == NULL)
        return BRIEFING_OK;
    if (!cJSON_IsObject(v))
        return diag_set(d, BRIEFING_ERR_CONFIG, "%s: %s: expected an object", t->path, name);
    return template_check_keys(t, v, name, keys, d);
}

static int template_check_shape(template *t, diag *d)
{
    static const char *const page_keys[] = {"size", "margins_mm", NULL};
    static const char *const font_keys[] = {"family", "fallback", "body_size", NULL};
    static const char *const hf_keys[] = {"left", "centre", "center", "right", NULL};
    static const char *const strings[] = {"name", "title", "subtitle", "author", "subject",
                                          "keywords", "description", NULL};
    const char *const *s;
    const cJSON *v;
    int rc;

    if (!cJSON_IsObject(t->root))
        return diag_set(d, BRIEFING_ERR_CONFIG, "%s: expected a JSON object (a briefing template)",
                        t->path);
    if ((rc = template_check_keys(t, t->root, "", template_keys, d)))
        return rc;
    for (s = strings; *s; s++) {
        v = cJSON_GetObjectItemCaseSensitive(t->root, *s);
        if ((rc = template_expect(t, v, *s, cJSON_IsString(v), "a string", d)))
            return rc;
    }
    v = cJSON_GetObjectItemCaseSensitive(t->root, "marking");
    if ((rc = template_expect(t, v, "marking", cJSON_IsString(v) || cJSON_IsNull(v),
                              "a string such as \"OFFICIAL\", or null", d)))
        return rc;
    v = cJSON_GetObjectItemCaseSensitive(t->root, "logo");
    if ((rc = template_expect(t, v, "logo", cJSON_IsString(v) || cJSON_IsNull(v),
                              "the path of a PNG file, or null", d)))
        return rc;
    v = cJSON_GetObjectItemCaseSensitive(t->root, "toc");
    if ((rc = template_expect(t, v, "toc", cJSON_IsBool(v), "true or false", d)))
        return rc;
    v = cJSON_GetObjectItemCaseSensitive(t->root, "tagged");
    if ((rc = template_expect(t, v, "tagged", cJSON_IsBool(v), "true or false", d)))
        return rc;
    if ((rc = template_object(t, "page", page_keys, d))
        || (rc = template_object(t, "fonts", font_keys, d))
        || (rc = template_object(t, "header", hf_keys, d))
        || (rc = template_object(t, "footer", hf_keys, d)))
        return rc;
    v = cJSON_GetObjectItemCaseSensitive(t->root, "colours");
    if ((rc = template_expect(t, v, "colours", cJSON_IsObject(v), "an object of \"#rrggbb\" colours", d)))
        return rc;
    if ((rc = template_uses(t, "sources", &t->sources, &t->n_sources, 0, d)))
        return rc;
    return template_uses(t, "sections", &t->sections, &t->n_sections, 1, d);
}

/* Resolves name_or_path to a file: a path as given, or NAME.json in the
 * installed templates folder. */
static int template_find(const char *name_or_path, char *path, size_t size, diag *d)
{
    char dir[PATH_MAX];
    char file[PATH_MAX];
    char list[1024];
    size_t len = strlen(name_or_path);

    if (strchr(name_or_path, '/') || (len > 5 && strcmp(name_or_path + len - 5, ".json") == 0)) {
        snprintf(path, size, "%s", name_or_path);
        return BRIEFING_OK;
    }
    paths_template_dir(dir, sizeof dir);
    snprintf(file, sizeof file, "%s.json", name_or_path);
    if (paths_join(path, size, dir, file) == 0 && access(path, F_OK) == 0)
        return BRIEFING_OK;
    template_list_installed(list, sizeof list);
    return diag_set(d, BRIEFING_ERR_NOINPUT, "template \"%s\" not found in %s (installed: %s)",
                    name_or_path, dir, list[0] ? list : "none");
}

/* A relative logo path is relative to the template's folder, wherever the
 * program runs from: rewrite it so that plugins get a usable path. */
static int template_resolve_logo(template *t, diag *d)
{
    cJSON *logo = cJSON_GetObjectItemCaseSensitive(t->root, "logo");
    char path[PATH_MAX];

    if (!cJSON_IsString(logo) || logo->valuestring[0] == '/' || logo->valuestring[0] == '\0')
        return BRIEFING_OK;
    if (paths_join(path, sizeof path, t->dir, logo->valuestring) != 0)
        return diag_set(d, BRIEFING_ERR_CONFIG, "%s: logo: path too long", t->path);
    if (cJSON_SetValuestring(logo, path) == NULL)
        return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
    return BRIEFING_OK;
}

static int template_key_order(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The first key that appears twice among object's members (cJSON keeps
 * both, and a lookup would silently see the first), or NULL.  Sorted, so a
 * hostile object of 100,000 members costs n log n; *nomem is set when the
 * list could not be made. */
static const char *template_repeated_key(const cJSON *object, int *nomem)
{
    const cJSON *c;
    const char **keys, *found = NULL;
    size_t n = 0, i;

    for (c = object->child; c; c = c->next)
        n++;
    if (n < 2)
        return NULL;
    if ((keys = malloc(n * sizeof *keys)) == NULL) {
        *nomem = 1;
        return NULL;
    }
    for (n = 0, c = object->child; c; c = c->next)
        keys[n++] = c->string ? c->string : "";
    qsort(keys, n, sizeof *keys, template_key_order);
    for (i = 1; i < n && found == NULL; i++)
        if (strcmp(keys[i - 1], keys[i]) == 0)
            found = keys[i];
    free(keys);
    return found;
}

/* Refuses a key written twice in one object anywhere in the template,
 * naming it and where it is (BRIEFING_ERR_CONFIG). */
static int template_check_repeats(const char *path, const cJSON *v, char *where, size_t size,
                                  diag *d)
{
    size_t len = strlen(where);
    const cJSON *c;
    const char *key;
    int nomem = 0, i = 0, rc = BRIEFING_OK;

    if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
        return BRIEFING_OK;
    if (cJSON_IsObject(v) && (key = template_repeated_key(v, &nomem)) != NULL)
        return diag_set(d, BRIEFING_ERR_CONFIG, "%s: %s%s\"%.200s\" appears twice: a template "
                        "key may be given once", path, where, where[0] ? ": " : "", key);
    if (nomem)
        return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
    for (c = v->child; c && rc == BRIEFING_OK; c = c->next, i++) {
        if (cJSON_IsObject(v))
            snprintf(where + len, size - len, "%s%.200s", len ? "." : "", c->string);
        else
            snprintf(where + len, size - len, "[%d]", i);
        rc = template_check_repeats(path, c, where, size, d);
    }
    where[len] = '\0';
    return rc;
}

/* Reads the template file as JSON, at most TEMPLATE_MAX_BYTES of it (a
 * data file may be 64 MiB; a template has no reason to pass 1 MiB, and
 * /dev/zero would otherwise be read to the data limit).  Text that is not
 * JSON is BRIEFING_ERR_CONFIG. */
static int template_parse_file(const char *path, cJSON **root, diag *d)
{
    struct stat st;
    buf b;
    int rc;

    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return diag_set(d, BRIEFING_ERR_NOINPUT, "%s: is a folder, expected a template file",
                        path);
    buf_init(&b, TEMPLATE_MAX_BYTES);
    if (buf_read_file(&b, path) != 0) {
        if (errno == EFBIG)
            rc = diag_set(d, BRIEFING_ERR_CONFIG, "%s: the template is larger than the limit of "
                          "%u MiB", path, TEMPLATE_MAX_BYTES / (1024u * 1024u));
        else
            rc = diag_set(d, diag_errno_status(errno, BRIEFING_ERR_NOINPUT),
                          "%s: cannot read: %s", path, strerror(errno));
    } else {
        char where[512] = "";

        rc = dataset_parse_text(path, b.data ? b.data : "", b.len, root, d);
        if (rc == BRIEFING_ERR_DATA)
            d->status = rc = BRIEFING_ERR_CONFIG;
        if (rc == BRIEFING_OK && (rc = template_check_repeats(path, *root, where, sizeof where,
                                                              d)) != BRIEFING_OK) {
            cJSON_Delete(*root);
            *root = NULL;
        }
    }
    buf_free(&b);
    return rc;
}

static int template_colours(const template *t, layout_colours *c, diag *d);

static void template_warn(void *arg, const char *message)
{
    (void)arg;
    log_msg(LOG_WARN, NULL, "%s", message);
}

/* Warns, once at load, about each pair of the template's colours (over the
 * house palette) below WCAG 2.2 AA: a warning, not a refusal, since the
 * council owns its colours; a bad colour is refused later, where the
 * layout reads them (template_layout_config). */
static void template_check_contrast(const template *t)
{
    layout_config cfg;
    diag scratch;

    diag_clear(&scratch);
    layout_config_defaults(&cfg);
    if (template_colours(t, &cfg.colours, &scratch) == BRIEFING_OK)
        contrast_check(&cfg.colours, t->path, template_warn, NULL);
}

int template_load(const char *name_or_path, template **out, diag *d)
{
    char path[PATH_MAX];
    char dir[PATH_MAX];
    template *t = NULL;
    int rc;

    *out = NULL;
    rc = template_find(name_or_path, path, sizeof path, d);
    if (rc)
        return rc;
    t = calloc(1, sizeof *t);
    if (t == NULL || (t->path = strdup(path)) == NULL
        || (t->dir = strdup(paths_dirname(path, dir, sizeof dir))) == NULL) {
        rc = diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
        goto out;
    }
    rc = template_parse_file(path, &t->root, d);
    if (rc)
        goto out;
    rc = template_check_shape(t, d);
    if (rc == 0)
        rc = template_resolve_logo(t, d);
    if (rc == 0)
        template_check_contrast(t);
out:
    if (rc) {
        template_free(t);
        return rc;
    }
    *out = t;
    return BRIEFING_OK;
}

static const briefing_option *template_find_option(const briefing_plugin *p, const char *name)
{
    const briefing_option *opt;

    for (opt = p->options; opt && opt->name; opt++)
        if (strcmp(opt->name, name) == 0)
            return opt;
    return NULL;
}

static int template_option_type_ok(const briefing_option *opt, const cJSON *v)
{
    const cJSON *item;

    if (cJSON_IsNull(v))
        return 1;
    switch (opt->type) {
    case BRIEFING_OPTION_STRING: return cJSON_IsString(v);
    case BRIEFING_OPTION_NUMBER: return cJSON_IsNumber(v);
    case BRIEFING_OPTION_BOOL: return cJSON_IsBool(v);
    case BRIEFING_OPTION_LIST:
        if (!cJSON_IsArray(v))
            return 0;
        cJSON_ArrayForEach(item, v)
            if (!cJSON_IsString(item))
                return 0;
        return 1;
    }
    return 0;
}

static const char *template_type_words(briefing_option_type type)
{
    switch (type) {
    case BRIEFING_OPTION_STRING: return "a string";
    case BRIEFING_OPTION_NUMBER: return "a number";
    case BRIEFING_OPTION_BOOL: return "true or false";
    case BRIEFING_OPTION_LIST: return "an array of strings";
    }
    return "a value";
}

static int template_check_use(const template *t, const template_use *use, int kind,
                              const plugin_set *plugins, diag *d)
{
    const plugin *p = plugin_find(plugins, use->plugin, 0);
    const cJSON *m;

    if (p == NULL)
        return diag_set(d, BRIEFING_ERR_CONFIG, "%s: %s: no plugin named \"%s\" is installed "
                        "(see `briefing plugins`)", t->path, use->where, use->plugin);
    if ((int)p->desc->kind != kind)
        return diag_set(d, BRIEFING_ERR_CONFIG, "%s: %s: \"%s\" is a %s plugin, not a %s",
                        t->path, use->where, use->plugin, plugin_kind_name(p->desc->kind),
                        plugin_kind_name(kind));
    for (m = use->options ? use->options->child : NULL; m; m = m->next) {
        const briefing_option *opt = template_find_option(p->desc, m->string);

        if (opt == NULL)
            return diag_set(d, BRIEFING_ERR_CONFIG, "%s: %s: plugin \"%s\" has no option \"%s\" "
                            "(see `briefing plugins --describe %s`)", t->path, use->where,
                            use->plugin, m->string, use->plugin);
        if (!template_option_type_ok(opt, m))
            return diag_set(d, BRIEFING_ERR_CONFIG, "%s: %s.options.%s: plugin \"%s\" expects %s",
                            t->path, use->where, m->string, use->plugin,
                            template_type_words(opt->type));
    }
    return BRIEFING_OK;
}

int template_check_plugins(const template *t, const plugin_set *plugins, diag *d)
{
    size_t i;
    int rc;

    for (i = 0; i < t->n_sources; i++)
        if ((rc = template_check_use(t, &t->sources[i], BRIEFING_PLUGIN_SOURCE, plugins, d)))
            return rc;
    for (i = 0; i < t->n_sections; i++)
        if ((rc = template_check_use(t, &t->sections[i], BRIEFING_PLUGIN_SECTION, plugins, d)))
            return rc;
    return BRIEFING_OK;
}

const char *template_string(const template *t, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(t->root, key);

    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const cJSON *template_path_get(const cJSON *root, const char *a, const char *b)
{
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(root, a);

    return o ? cJSON_GetObjectItemCaseSensitive(o, b) : NULL;
}

static int template_number(const template *t, const cJSON *v, const char *where, double lo,
                           double hi, double *out, diag *d)
{
    if (v == NULL)
        return BRIEFING_OK;
    if (!cJSON_IsNumber(v) || v->valuedouble < lo || v->valuedouble > hi)
        return diag_set(d, BRIEFING_ERR_CONFIG, "%s: %s: expected a number from %g to %g",
                        t->path, where, lo, hi);
    *out = v->valuedouble;
    return BRIEFING_OK;
}

static const char *template_hf(const template *t, const char *which, const char *pos,
                               const char *fallback)
{
    const cJSON *v = template_path_get(t->root, which, pos);

    if (v == NULL && strcmp(pos, "centre") == 0)
        v = template_path_get(t->root, which, "center");
    if (cJSON_IsString(v))
        return v->valuestring;
    return cJSON_GetObjectItemCaseSensitive(t->root, which) ? "" : fallback;
}

/* A grade whose fill the template gives without its mark gets a mark made
 * from that fill: the same hue darkened to 3:1 against the page and the
 * panels (contrast_darken), so a council's own palette is mended as the
 * house one is (visual.md). */
static int template_grade_marks(const cJSON *obj, layout_colours *c)
{
    static const struct {
        const char *fill, *mark;
        size_t fill_at, mark_at;
    } grades[] = {
        {"outstanding", "outstanding_mark", offsetof(layout_colours, outstanding),
         offsetof(layout_colours, outstanding_mark)},
        {"good", "good_mark", offsetof(layout_colours, good), offsetof(layout_colours, good_mark)},
        {"requires_improvement", "requires_improvement_mark",
         offsetof(layout_colours, requires_improvement),
         offsetof(layout_colours, requires_improvement_mark)},
        {"inadequate", "inadequate_mark", offsetof(layout_colours, inadequate),
         offsetof(layout_colours, inadequate_mark)},
        {"no_judgement", "no_judgement_mark", offsetof(layout_colours, no_judgement),
         offsetof(layout_colours, no_judgement_mark)},
    };
    layout_rgb white = {1, 1, 1};
    size_t i;

    for (i = 0; obj && i < sizeof grades / sizeof grades[0]; i++) {
        const layout_rgb *fill = (const layout_rgb *)((const char *)c + grades[i].fill_at);

        if (cJSON_GetObjectItemCaseSensitive(obj, grades[i].fill) == NULL
            || cJSON_GetObjectItemCaseSensitive(obj, grades[i].mark) != NULL)
            continue;
        *(layout_rgb *)((char *)c + grades[i].mark_at) =
            contrast_darken(*fill, white, c->panel, CONTRAST_MARK);
    }
    return BRIEFING_OK;
}

static int template_colours(const template *t, layout_colours *c, diag *d)
{
    static const struct {
        const char *name;
        size_t offset;
    } names[] = {
        {"text", offsetof(layout_colours, text)},
        {"secondary", offsetof(layout_colours, secondary)},
        {"panel", offsetof(layout_colours, panel)},
        {"accent", offsetof(layout_colours, accent)},
        {"rule", offsetof(layout_colours, rule)},
        {"outstanding", offsetof(layout_colours, outstanding)},
        {"good", offsetof(layout_colours, good)},
        {"requires_improvement", offsetof(layout_colours, requires_improvement)},
        {"inadequate", offsetof(layout_colours, inadequate)},
        {"no_judgement", offsetof(layout_colours, no_judgement)},
        {"england", offsetof(layout_colours, england)},
        {"comparator", offsetof(layout_colours, comparator)},
        {"council", offsetof(layout_colours, council)},
        {"outstanding_mark", offsetof(layout_colours, outstanding_mark)},
        {"good_mark", offsetof(layout_colours, good_mark)},
        {"requires_improvement_mark", offsetof(layout_colours, requires_improvement_mark)},
        {"inadequate_mark", offsetof(layout_colours, inadequate_mark)},
        {"no_judgement_mark", offsetof(layout_colours, no_judgement_mark)},
    };
    const cJSON *obj = cJSON_GetObjectItemCaseSensitive(t->root, "colours");
    const cJSON *m;
    size_t i;
    int rc;

    for (m = obj ? obj->child : NULL; m; m = m->next) {
        for (i = 0; i < sizeof names / sizeof names[0]; i++)
            if (strcmp(names[i].name, m->string) == 0)
                break;
        if (i == sizeof names / sizeof names[0])
            return diag_set(d, BRIEFING_ERR_CONFIG, "%s: colours.%s: not a colour this program "
                            "uses", t->path, m->string);
        if (!cJSON_IsString(m)
            || !layout_parse_colour(m->valuestring, (layout_rgb *)((char *)c + names[i].offset)))
            return diag_set(d, BRIEFING_ERR_CONFIG, "%s: colours.%s: expected a colour such as "
                            "\"#1d70b8\"", t->path, m->string);
    }
    if ((rc = template_grade_marks(obj, c)))
        return rc;
    return BRIEFING_OK;
}

int template_layout_config(const template *t, layout_config *cfg, diag *d)
{
    const cJSON *size = template_path_get(t->root, "page", "size");
    const cJSON *margins = template_path_get(t->root, "page", "margins_mm");
    const cJSON *family = template_path_get(t->root, "fonts", "family");
    const cJSON *fallback = template_path_get(t->root, "fonts", "fallback");
    int rc;

    layout_config_defaults(cfg);
    if (size) {
        if (cJSON_IsString(size) && strcmp(size->valuestring, "A4") == 0) {
            cfg->page_width_mm = 210, cfg->page_height_mm = 297;
        } else if (cJSON_IsString(size) && strcmp(size->valuestring, "A5") == 0) {
            cfg->page_width_mm = 148, cfg->page_height_mm = 210;
        } else if (cJSON_IsString(size) && strcmp(size->valuestring, "Letter") == 0) {
            cfg->page_width_mm = 215.9, cfg->page_height_mm = 279.4;
        } else {
            return diag_set(d, BRIEFING_ERR_CONFIG, "%s: page.size: expected \"A4\", \"A5\" or "
                            "\"Letter\"", t->path);
        }
    }
    if (margins) {
        if (!cJSON_IsObject(margins))
            return diag_set(d, BRIEFING_ERR_CONFIG, "%s: page.margins_mm: expected an object "
                            "{\"top\", \"right\", \"bottom\", \"left\"}", t->path);
        if ((rc = template_number(t, cJSON_GetObjectItemCaseSensitive(margins, "top"),
                                  "page.margins_mm.top", 5, 60, &cfg->margin_top_mm, d))
            || (rc = template_number(t, cJSON_GetObjectItemCaseSensitive(margins, "right"),
                                     "page.margins_mm.right", 5, 60, &cfg->margin_right_mm, d))
            || (rc = template_number(t, cJSON_GetObjectItemCaseSensitive(margins, "bottom"),
                                     "page.margins_mm.bottom", 5, 60, &cfg->margin_bottom_mm, d))
            || (rc = template_number(t, cJSON_GetObjectItemCaseSensitive(margins, "left"),
                                     "page.margins_mm.left", 5, 60, &cfg->margin_left_mm, d)))
            return rc;
    }
    if ((rc = template_number(t, template_path_get(t->root, "fonts", "body_size"),
                              "fonts.body_size", 6, 16, &cfg->body_size_pt, d)))
        return rc;
    if (family && !cJSON_IsString(family))
        return diag_set(d, BRIEFING_ERR_CONFIG, "%s: fonts.family: expected a font family name",
                        t->path);
    if (fallback && !cJSON_IsString(fallback))
        return diag_set(d, BRIEFING_ERR_CONFIG, "%s: fonts.fallback: expected a font family "
                        "name", t->path);
    if (family)
        cfg->font_family = family->valuestring;
    if (fallback)
        cfg->fallback_family = fallback->valuestring;
    if ((rc = template_colours(t, &cfg->colours, d)))
        return rc;
    cfg->header_left = template_hf(t, "header", "left", "{council}");
    cfg->header_right = template_hf(t, "header", "right", "{title}");
    cfg->footer_left = template_hf(t, "footer", "left", "{marking}");
    cfg->footer_centre = template_hf(t, "footer", "centre", "As of {as_of}");
    cfg->footer_right = template_hf(t, "footer", "right", "Page {page} of {pages}");
    cfg->title = template_string(t, "title");
    cfg->subject = template_string(t, "subject");
    cfg->author = template_string(t, "author");
    cfg->keywords = template_string(t, "keywords");
    cfg->toc = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(t->root, "toc"));
    cfg->tagged = !cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(t->root, "tagged"));
    return BRIEFING_OK;
}

static int template_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *template_list_installed(char *buf, size_t size)
{
    char dir[PATH_MAX];
    char *names[64];
    size_t n = 0, used = 0, i;
    struct dirent *e;
    DIR *dh;

    buf[0] = '\0';
    dh = opendir(paths_template_dir(dir, sizeof dir));
    if (dh == NULL)
        return buf;
    while ((e = readdir(dh)) != NULL && n < sizeof names / sizeof names[0]) {
        size_t len = strlen(e->d_name);

        if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0 && e->d_name[0] != '.')
            if ((names[n] = strndup(e->d_name, len - 5)) != NULL)
                n++;
    }
    closedir(dh);
    qsort(names, n, sizeof names[0], template_name_cmp);
    for (i = 0; i < n; i++) {
        if (used < size)
            used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", names[i]);
        free(names[i]);
    }
    return buf;
}

void template_free(template *t)
{
    if (t == NULL)
        return;
    cJSON_Delete(t->root);
    free(t->path);
    free(t->dir);
    free(t->sources);
    free(t->sections);
    free(t);
}

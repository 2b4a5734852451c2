/*
 * tag: the structure tree of a tagged PDF, through libharu's internals
 * (see tag.h for the contract, docs/internals/tag.md for the design).
 *
 * libharu 2.3 writes no marked content and no structure, but Debian's
 * libhpdf-dev installs the headers of its object layer, and the shared
 * library exports those functions: a dictionary is HPDF_Dict_New, made an
 * indirect object by HPDF_Xref_Add (libharu then refers to it through a
 * proxy wherever it is added), a page's content stream is
 * ((HPDF_PageAttr)page->attr)->stream, and the catalog, the trailer and the
 * PDF version are fields of HPDF_Doc.  Everything made here is owned by the
 * libharu document: a direct object by the dictionary or array it was added
 * to, an indirect one by the document's xref.
 */
#include "tag.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One structure element: its dictionary, its /K array, the page its /Pg
 * names (MCIDs on other pages are written as MCR dictionaries). */
typedef struct tag_node {
    HPDF_Dict dict;
    HPDF_Array kids;
    HPDF_Page pg;
    int parent;
    char role[16];
} tag_node;

/* One page that holds marked content or an annotation in the tree. */
typedef struct tag_page {
    HPDF_Page page;
    HPDF_Array parents; /* the ParentTree's value for the page: owner per MCID */
    int key;            /* its /StructParents */
    int next_mcid;
} tag_page;

struct tag_tree {
    HPDF_Doc pdf;
    HPDF_Dict root;     /* StructTreeRoot */
    HPDF_Array nums;    /* the ParentTree's /Nums */
    int next_key;
    tag_node *nodes;
    int n_nodes, cap_nodes;
    int *stack;         /* open elements, stack[0] = Document */
    int depth, cap_stack;
    tag_page *pages;
    int n_pages, cap_pages;
    int last_page;      /* index into pages of the last one used, or -1 */
    /* The open marked-content sequence: what, where, and whose. */
    enum { TAG_NONE, TAG_MARK, TAG_ARTIFACT } open;
    HPDF_Page open_page;
    int open_owner;     /* tag_mark_ensure's element, -1 for an explicit mark */
    int mcids, artifacts, annotations;
    uint64_t hash;      /* of what the tree holds, for the /ID */
    /* The tree's own objects (the elements, the ParentTree) are held here,
     * not in libharu's xref: they are written compressed, together, in one
     * object stream (tag_pack), found through a cross-reference stream. */
    HPDF_Dict *held;
    int n_held, cap_held;
    unsigned first_id;  /* the object number of held[0] */
    HPDF_Dict objstm, xrefstm;
    int failed;
    char error[160];
};

static int tag_fail(tag_tree *t, const char *fmt, ...)
{
    va_list ap;

    if (!t->failed) {
        va_start(ap, fmt);
        vsnprintf(t->error, sizeof t->error, fmt, ap);
        va_end(ap);
        t->failed = 1;
    }
    return -1;
}

/* libharu's status, and the document's error code when an allocation
 * failed without one. */
static int tag_check(tag_tree *t, HPDF_STATUS st, const char *what)
{
    if (st == HPDF_OK)
        return 0;
    return tag_fail(t, "tag: %s failed (libharu error 0x%04lX)", what, (unsigned long)st);
}

static int tag_usable(const tag_tree *t)
{
    return t != NULL && !t->failed;
}

/* FNV-1a over what goes in the tree: the /ID is a hash of the content the
 * tree describes, so two runs on the same inputs give the same bytes. */
static void tag_hash(tag_tree *t, const void *data, size_t n)
{
    const unsigned char *p = data;
    size_t i;

    for (i = 0; i < n; i++) {
        t->hash ^= p[i];
        t->hash *= 0x100000001b3ULL;
    }
}

static void tag_hash_str(tag_tree *t, const char *s)
{
    if (s)
        tag_hash(t, s, strlen(s) + 1);
}

static int tag_grow(tag_tree *t, void **p, int *cap, int need, size_t size)
{
    void *q;
    int n;

    if (need <= *cap)
        return 0;
    n = *cap ? *cap * 2 : 16;
    while (n < need)
        n *= 2;
    q = realloc(*p, (size_t)n * size);
    if (q == NULL)
        return tag_fail(t, "tag: out of memory");
    *p = q;
    *cap = n;
    return 0;
}

/* An indirect dictionary of /Type type (NULL: none). */
static HPDF_Dict tag_dict_indirect(tag_tree *t, const char *type)
{
    HPDF_Dict d = HPDF_Dict_New(t->pdf->mmgr);

    if (d == NULL) {
        tag_fail(t, "tag: out of memory");
        return NULL;
    }
    if (tag_check(t, HPDF_Xref_Add(t->pdf->xref, d), "adding an object"))
        return NULL; /* HPDF_Xref_Add freed it */
    if (type && tag_check(t, HPDF_Dict_AddName(d, "Type", type), "a /Type"))
        return NULL;
    return d;
}

/* A dictionary of the tree, held (see tag_tree.held): not an object of
 * libharu's xref, referred to only through tag_ref. */
static HPDF_Dict tag_dict_held(tag_tree *t, const char *type)
{
    HPDF_Dict d;

    if (tag_grow(t, (void **)&t->held, &t->cap_held, t->n_held + 1, sizeof *t->held))
        return NULL;
    if ((d = HPDF_Dict_New(t->pdf->mmgr)) == NULL) {
        tag_fail(t, "tag: out of memory");
        return NULL;
    }
    t->held[t->n_held++] = d;
    if (type && tag_check(t, HPDF_Dict_AddName(d, "Type", type), "a /Type"))
        return NULL;
    return d;
}

/* A reference to a held dictionary, to add where it is referred to.  The
 * proxy is the container's; the dictionary stays the tree's (libharu
 * would free an indirect object itself when adding a reference failed). */
static void *tag_ref(tag_tree *t, HPDF_Dict d)
{
    HPDF_Proxy p = HPDF_Proxy_New(t->pdf->mmgr, d);

    if (p == NULL)
        tag_fail(t, "tag: out of memory");
    return p;
}

static int tag_dict_ref(tag_tree *t, HPDF_Dict d, const char *key, HPDF_Dict to, const char *what)
{
    void *r = tag_ref(t, to);

    return r ? tag_check(t, HPDF_Dict_Add(d, key, r), what) : -1;
}

static int tag_array_ref(tag_tree *t, HPDF_Array a, HPDF_Dict to, const char *what)
{
    void *r = tag_ref(t, to);

    return r ? tag_check(t, HPDF_Array_Add(a, r), what) : -1;
}

/* A PDF text string for a UTF-8 text: a literal string when it is
 * printable ASCII, else UTF-16BE with a byte-order mark (in hex). */
static void *tag_text(tag_tree *t, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned char *buf;
    size_t n = strlen(s), o = 0;
    int ascii = 1;
    HPDF_Binary b;

    for (; *p; p++)
        if (*p < 0x20 || *p >= 0x7f)
            ascii = 0;
    if (ascii && n < HPDF_LIMIT_MAX_STRING_LEN)
        return HPDF_String_New(t->pdf->mmgr, s, NULL);
    if (n > HPDF_LIMIT_MAX_STRING_LEN / 4)
        n = HPDF_LIMIT_MAX_STRING_LEN / 4;
    buf = malloc(2 + 4 * n);
    if (buf == NULL)
        return NULL;
    buf[o++] = 0xfe;
    buf[o++] = 0xff;
    for (p = (const unsigned char *)s; (size_t)(p - (const unsigned char *)s) < n && *p;) {
        uint32_t c = *p++;
        int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;

        if (more)
            c &= 0x3f >> more;
        else if (c >= 0x80)
            c = 0xfffd;
        while (more-- > 0 && (*p & 0xc0) == 0x80)
            c = (c << 6) | (*p++ & 0x3f);
        if (c < 0x20)
            c = ' ';
        if (c >= 0x10000) {
            c -= 0x10000;
            buf[o++] = (unsigned char)(0xd8 | (c >> 18));
            buf[o++] = (unsigned char)(c >> 10);
            buf[o++] = (unsigned char)(0xdc | ((c >> 8) & 3));
            buf[o++] = (unsigned char)c;
        } else {
            buf[o++] = (unsigned char)(c >> 8);
            buf[o++] = (unsigned char)c;
        }
    }
    b = HPDF_Binary_New(t->pdf->mmgr, buf, (HPDF_UINT)o);
    free(buf);
    return b;
}

static int tag_add_text(tag_tree *t, HPDF_Dict d, const char *key, const char *s)
{
    void *v;

    if (s == NULL)
        return 0;
    v = tag_text(t, s);
    if (v == NULL)
        return tag_fail(t, "tag: out of memory");
    tag_hash_str(t, key);
    tag_hash_str(t, s);
    return tag_check(t, HPDF_Dict_Add(d, key, v), key);
}

tag_tree *tag_new(HPDF_Doc pdf)
{
    tag_tree *t = calloc(1, sizeof *t);
    HPDF_Dict tree, doc;

    if (t == NULL)
        return NULL;
    t->pdf = pdf;
    t->last_page = -1;
    t->hash = 0xcbf29ce484222325ULL;
    if ((t->root = tag_dict_indirect(t, "StructTreeRoot")) == NULL ||
        (tree = tag_dict_held(t, NULL)) == NULL ||
        (t->nums = HPDF_Array_New(pdf->mmgr)) == NULL ||
        tag_check(t, HPDF_Dict_Add(tree, "Nums", t->nums), "the ParentTree") ||
        tag_dict_ref(t, t->root, "ParentTree", tree, "the ParentTree") ||
        tag_grow(t, (void **)&t->nodes, &t->cap_nodes, 1, sizeof *t->nodes) ||
        tag_grow(t, (void **)&t->stack, &t->cap_stack, 1, sizeof *t->stack) ||
        (doc = tag_dict_held(t, NULL)) == NULL ||
        tag_check(t, HPDF_Dict_AddName(doc, "S", "Document"), "the Document") ||
        tag_check(t, HPDF_Dict_Add(doc, "P", t->root), "the Document") ||
        tag_dict_ref(t, t->root, "K", doc, "the Document")) {
        tag_free(t);
        return NULL;
    }
    t->nodes[0].dict = doc;
    t->nodes[0].kids = NULL;
    t->nodes[0].pg = NULL;
    t->nodes[0].parent = -1;
    strcpy(t->nodes[0].role, "Document");
    t->n_nodes = 1;
    t->stack[0] = 0;
    t->depth = 1;
    return t;
}

void tag_free(tag_tree *t)
{
    int i;

    if (t == NULL)
        return;
    /* The held dictionaries are the tree's (everything else is the
     * document's); the trailer's hook goes with them. */
    for (i = 0; i < t->n_held; i++)
        HPDF_Dict_Free(t->held[i]);
    free(t->held);
    free(t->nodes);
    free(t->stack);
    free(t->pages);
    free(t);
}

int tag_failed(const tag_tree *t)
{
    return t && t->failed ? -1 : 0;
}

const char *tag_error(const tag_tree *t)
{
    return t && t->failed ? t->error : "";
}

tag_elem tag_current(const tag_tree *t)
{
    return t ? t->stack[t->depth - 1] : -1;
}

int tag_depth(const tag_tree *t)
{
    return t ? t->depth : 0;
}

const char *tag_role(const tag_tree *t, tag_elem e)
{
    return t && e >= 0 && e < t->n_nodes ? t->nodes[e].role : "";
}

/* The element's /K array, made on first use. */
static HPDF_Array tag_kids(tag_tree *t, tag_node *n)
{
    if (n->kids)
        return n->kids;
    n->kids = HPDF_Array_New(t->pdf->mmgr);
    if (n->kids == NULL) {
        tag_fail(t, "tag: out of memory");
        return NULL;
    }
    if (tag_check(t, HPDF_Dict_Add(n->dict, "K", n->kids), "a /K"))
        return n->kids = NULL;
    return n->kids;
}

static int tag_valid_role(const char *role)
{
    const char *c;

    if (role == NULL || role[0] == '\0' || strlen(role) >= sizeof ((tag_node *)0)->role)
        return 0;
    for (c = role; *c; c++)
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')))
            return 0;
    return 1;
}

tag_elem tag_open(tag_tree *t, HPDF_Page page, const char *role)
{
    tag_node *parent, *n;
    HPDF_Dict d;
    HPDF_Array kids;
    int idx;

    if (!tag_usable(t))
        return -1;
    if (!tag_valid_role(role))
        return tag_fail(t, "tag: \"%s\" is not a structure type", role ? role : "(null)");
    if (t->open == TAG_MARK && t->open_owner >= 0 && tag_mark_flush(t))
        return -1;
    if (tag_grow(t, (void **)&t->nodes, &t->cap_nodes, t->n_nodes + 1, sizeof *t->nodes) ||
        tag_grow(t, (void **)&t->stack, &t->cap_stack, t->depth + 1, sizeof *t->stack))
        return -1;
    parent = &t->nodes[t->stack[t->depth - 1]];
    if ((d = tag_dict_held(t, NULL)) == NULL ||
        tag_check(t, HPDF_Dict_AddName(d, "S", role), "a /S") ||
        tag_dict_ref(t, d, "P", parent->dict, "a /P") ||
        (page && tag_check(t, HPDF_Dict_Add(d, "Pg", page), "a /Pg")) ||
        (kids = tag_kids(t, parent)) == NULL ||
        tag_array_ref(t, kids, d, "a child"))
        return -1;
    if (strcmp(role, "Note") == 0) {
        char id[32]; /* PDF/UA-1 7.9: every Note has a unique /ID */

        snprintf(id, sizeof id, "note-%d", t->n_nodes);
        if (tag_check(t, HPDF_Dict_Add(d, "ID", HPDF_String_New(t->pdf->mmgr, id, NULL)), "a Note's /ID"))
            return -1;
    }
    idx = t->n_nodes++;
    n = &t->nodes[idx];
    n->dict = d;
    n->kids = NULL;
    n->pg = page;
    n->parent = t->stack[t->depth - 1];
    strcpy(n->role, role);
    t->stack[t->depth++] = idx;
    tag_hash_str(t, role);
    return idx;
}

int tag_reopen(tag_tree *t, tag_elem e)
{
    if (!tag_usable(t))
        return -1;
    if (e <= 0 || e >= t->n_nodes)
        return tag_fail(t, "tag: no element %d to open again", e);
    if (t->nodes[e].parent != t->stack[t->depth - 1])
        return -1; /* not a child of the innermost: the caller opens a new one */
    if (t->open == TAG_MARK && t->open_owner >= 0 && tag_mark_flush(t))
        return -1;
    if (tag_grow(t, (void **)&t->stack, &t->cap_stack, t->depth + 1, sizeof *t->stack))
        return -1;
    t->stack[t->depth++] = e;
    tag_hash(t, "(", 1);
    tag_hash(t, &e, sizeof e);
    return 0;
}

int tag_close(tag_tree *t)
{
    if (t == NULL)
        return 0;
    if (t->failed)
        return -1;
    if (t->depth <= 1)
        return tag_fail(t, "tag: closing an element when only the Document is open");
    if (t->open == TAG_MARK && t->open_owner >= 0 && tag_mark_flush(t))
        return -1;
    if (t->open != TAG_NONE)
        return tag_fail(t, "tag: closing %s inside an open marked-content sequence",
                        t->nodes[t->stack[t->depth - 1]].role);
    t->depth--;
    tag_hash(t, ")", 1);
    return 0;
}

static tag_node *tag_node_at(tag_tree *t, tag_elem e)
{
    if (t->failed)
        return NULL;
    if (e < 0 || e >= t->n_nodes) {
        tag_fail(t, "tag: no element %d", e);
        return NULL;
    }
    return &t->nodes[e];
}

int tag_set_alt(tag_tree *t, tag_elem e, const char *text)
{
    tag_node *n;

    if (t == NULL)
        return 0;
    n = tag_node_at(t, e);
    return n ? tag_add_text(t, n->dict, "Alt", text) : -1;
}

int tag_set_actual(tag_tree *t, tag_elem e, const char *text)
{
    tag_node *n;

    if (t == NULL)
        return 0;
    n = tag_node_at(t, e);
    return n ? tag_add_text(t, n->dict, "ActualText", text) : -1;
}

/* The element's /A dictionary of owner o, made on first use. */
static HPDF_Dict tag_attrs(tag_tree *t, tag_node *n, const char *owner)
{
    HPDF_Dict a = HPDF_Dict_GetItem(n->dict, "A", HPDF_OCLASS_DICT);

    if (a)
        return a;
    if ((a = HPDF_Dict_New(t->pdf->mmgr)) == NULL) {
        tag_fail(t, "tag: out of memory");
        return NULL;
    }
    if (tag_check(t, HPDF_Dict_AddName(a, "O", owner), "an /A") ||
        tag_check(t, HPDF_Dict_Add(n->dict, "A", a), "an /A"))
        return NULL;
    return a;
}

int tag_set_scope(tag_tree *t, tag_elem e, const char *scope)
{
    tag_node *n;
    HPDF_Dict a;

    if (t == NULL)
        return 0;
    n = tag_node_at(t, e);
    if (n == NULL)
        return -1;
    if (scope == NULL || (strcmp(scope, "Row") && strcmp(scope, "Column") && strcmp(scope, "Both")))
        return tag_fail(t, "tag: /Scope %s: expected Row, Column or Both", scope ? scope : "(null)");
    if ((a = tag_attrs(t, n, "Table")) == NULL)
        return -1;
    tag_hash_str(t, scope);
    return tag_check(t, HPDF_Dict_AddName(a, "Scope", scope), "a /Scope");
}

int tag_set_bbox(tag_tree *t, tag_elem e, double x0, double y0, double x1, double y1)
{
    tag_node *n;
    HPDF_Dict a;
    HPDF_Array box;

    if (t == NULL)
        return 0;
    n = tag_node_at(t, e);
    if (n == NULL)
        return -1;
    if ((a = tag_attrs(t, n, "Layout")) == NULL)
        return -1;
    if ((box = HPDF_Array_New(t->pdf->mmgr)) == NULL)
        return tag_fail(t, "tag: out of memory");
    if (tag_check(t, HPDF_Array_AddReal(box, (HPDF_REAL)x0), "a /BBox") ||
        tag_check(t, HPDF_Array_AddReal(box, (HPDF_REAL)y0), "a /BBox") ||
        tag_check(t, HPDF_Array_AddReal(box, (HPDF_REAL)x1), "a /BBox") ||
        tag_check(t, HPDF_Array_AddReal(box, (HPDF_REAL)y1), "a /BBox"))
        return -1;
    return tag_check(t, HPDF_Dict_Add(a, "BBox", box), "a /BBox");
}

/* The page's record, made (with its /StructParents key and its entry in
 * the ParentTree) the first time the page holds something of the tree. */
static tag_page *tag_page_of(tag_tree *t, HPDF_Page page)
{
    tag_page *p;
    int i;

    if (t->last_page >= 0 && t->pages[t->last_page].page == page)
        return &t->pages[t->last_page];
    for (i = 0; i < t->n_pages; i++)
        if (t->pages[i].page == page) {
            t->last_page = i;
            return &t->pages[i];
        }
    if (tag_grow(t, (void **)&t->pages, &t->cap_pages, t->n_pages + 1, sizeof *t->pages))
        return NULL;
    p = &t->pages[t->n_pages];
    p->page = page;
    p->key = t->next_key++;
    p->next_mcid = 0;
    if ((p->parents = HPDF_Array_New(t->pdf->mmgr)) == NULL) {
        tag_fail(t, "tag: out of memory");
        return NULL;
    }
    if (tag_check(t, HPDF_Array_AddNumber(t->nums, p->key), "the ParentTree") ||
        tag_check(t, HPDF_Array_Add(t->nums, p->parents), "the ParentTree") ||
        tag_check(t, HPDF_Dict_AddNumber(page, "StructParents", p->key), "/StructParents"))
        return NULL;
    t->last_page = t->n_pages++;
    return p;
}

static HPDF_Stream tag_stream(tag_tree *t, HPDF_Page page)
{
    HPDF_PageAttr attr;

    if (page == NULL || page->attr == NULL) {
        tag_fail(t, "tag: marked content without a page");
        return NULL;
    }
    attr = (HPDF_PageAttr)page->attr;
    if (attr->gmode == HPDF_GMODE_PATH_OBJECT) {
        tag_fail(t, "tag: marked content inside a path");
        return NULL;
    }
    return attr->stream;
}

int tag_mark_begin(tag_tree *t, HPDF_Page page)
{
    tag_node *n;
    tag_page *p;
    HPDF_Stream s;
    HPDF_Array kids;
    char op[64];
    int mcid;

    if (t == NULL)
        return 0;
    if (t->failed)
        return -1;
    if (t->open != TAG_NONE)
        return tag_fail(t, "tag: a marked-content sequence inside another");
    n = &t->nodes[t->stack[t->depth - 1]];
    if (t->depth <= 1)
        return tag_fail(t, "tag: content marked for the Document itself; open an element first");
    if ((s = tag_stream(t, page)) == NULL || (p = tag_page_of(t, page)) == NULL ||
        (kids = tag_kids(t, n)) == NULL)
        return -1;
    mcid = p->next_mcid++;
    if (tag_array_ref(t, p->parents, n->dict, "the ParentTree"))
        return -1;
    if (n->pg == NULL) {
        n->pg = page;
        if (tag_check(t, HPDF_Dict_Add(n->dict, "Pg", page), "a /Pg"))
            return -1;
    }
    if (n->pg == page) {
        if (tag_check(t, HPDF_Array_AddNumber(kids, mcid), "an MCID"))
            return -1;
    } else {
        HPDF_Dict mcr = HPDF_Dict_New(t->pdf->mmgr);

        if (mcr == NULL)
            return tag_fail(t, "tag: out of memory");
        if (tag_check(t, HPDF_Dict_AddName(mcr, "Type", "MCR"), "an MCR") ||
            tag_check(t, HPDF_Dict_Add(mcr, "Pg", page), "an MCR") ||
            tag_check(t, HPDF_Dict_AddNumber(mcr, "MCID", mcid), "an MCR") ||
            tag_check(t, HPDF_Array_Add(kids, mcr), "an MCR"))
            return -1;
    }
    snprintf(op, sizeof op, "/%s <</MCID %d>> BDC\012", n->role, mcid);
    if (tag_check(t, HPDF_Stream_WriteStr(s, op), "writing BDC"))
        return -1;
    tag_hash(t, &mcid, sizeof mcid);
    t->open = TAG_MARK;
    t->open_page = page;
    t->open_owner = -1;
    t->mcids++;
    return 0;
}

int tag_mark_end(tag_tree *t, HPDF_Page page)
{
    HPDF_Stream s;

    if (t == NULL)
        return 0;
    if (t->failed)
        return -1;
    if (t->open != TAG_MARK || t->open_page != page)
        return tag_fail(t, "tag: EMC without its BDC on that page");
    if ((s = tag_stream(t, page)) == NULL)
        return -1;
    t->open = TAG_NONE;
    return tag_check(t, HPDF_Stream_WriteStr(s, "EMC\012"), "writing EMC");
}

int tag_mark_ensure(tag_tree *t, HPDF_Page page)
{
    int owner;

    if (t == NULL)
        return 0;
    if (t->failed)
        return -1;
    owner = t->stack[t->depth - 1];
    if (t->open == TAG_MARK && t->open_owner == owner && t->open_page == page)
        return 0;
    if (t->open == TAG_MARK && t->open_owner >= 0 && tag_mark_flush(t))
        return -1;
    if (tag_mark_begin(t, page))
        return -1;
    t->open_owner = owner;
    return 0;
}

int tag_mark_flush(tag_tree *t)
{
    if (t == NULL)
        return 0;
    if (t->failed)
        return -1;
    if (t->open != TAG_MARK || t->open_owner < 0)
        return 0;
    return tag_mark_end(t, t->open_page);
}

int tag_artifact_begin(tag_tree *t, HPDF_Page page, const char *type)
{
    HPDF_Stream s;
    char op[64];

    if (t == NULL)
        return 0;
    if (t->failed)
        return -1;
    if (t->open == TAG_MARK && t->open_owner >= 0 && tag_mark_flush(t))
        return -1;
    if (t->open != TAG_NONE)
        return tag_fail(t, "tag: an artifact inside a marked-content sequence");
    if (type && strcmp(type, "Pagination") && strcmp(type, "Layout") && strcmp(type, "Page") &&
        strcmp(type, "Background"))
        return tag_fail(t, "tag: artifact type %s: expected Pagination, Layout, Page or Background",
                        type);
    if ((s = tag_stream(t, page)) == NULL)
        return -1;
    if (type)
        snprintf(op, sizeof op, "/Artifact <</Type /%s>> BDC\012", type);
    else
        snprintf(op, sizeof op, "/Artifact BMC\012");
    if (tag_check(t, HPDF_Stream_WriteStr(s, op), "writing an artifact"))
        return -1;
    t->open = TAG_ARTIFACT;
    t->open_page = page;
    t->open_owner = -1;
    t->artifacts++;
    return 0;
}

int tag_artifact_end(tag_tree *t, HPDF_Page page)
{
    HPDF_Stream s;

    if (t == NULL)
        return 0;
    if (t->failed)
        return -1;
    if (t->open != TAG_ARTIFACT || t->open_page != page)
        return tag_fail(t, "tag: the end of an artifact that was not begun on that page");
    if ((s = tag_stream(t, page)) == NULL)
        return -1;
    t->open = TAG_NONE;
    return tag_check(t, HPDF_Stream_WriteStr(s, "EMC\012"), "writing EMC");
}

int tag_annotation(tag_tree *t, HPDF_Page page, HPDF_Annotation annot, const char *contents)
{
    tag_node *n;
    HPDF_Dict objr;
    HPDF_Array kids;
    int key;

    if (t == NULL)
        return 0;
    if (t->failed)
        return -1;
    if (annot == NULL || page == NULL)
        return tag_fail(t, "tag: an annotation without its page");
    if (t->depth <= 1)
        return tag_fail(t, "tag: an annotation outside a Link element");
    n = &t->nodes[t->stack[t->depth - 1]];
    if (tag_page_of(t, page) == NULL || (kids = tag_kids(t, n)) == NULL)
        return -1;
    key = t->next_key++;
    if ((objr = HPDF_Dict_New(t->pdf->mmgr)) == NULL)
        return tag_fail(t, "tag: out of memory");
    if (tag_check(t, HPDF_Dict_AddName(objr, "Type", "OBJR"), "an OBJR") ||
        tag_check(t, HPDF_Dict_Add(objr, "Obj", annot), "an OBJR") ||
        tag_check(t, HPDF_Dict_Add(objr, "Pg", page), "an OBJR") ||
        tag_check(t, HPDF_Array_Add(kids, objr), "an OBJR") ||
        tag_check(t, HPDF_Dict_AddNumber(annot, "StructParent", key), "/StructParent") ||
        tag_check(t, HPDF_Array_AddNumber(t->nums, key), "the ParentTree") ||
        tag_array_ref(t, t->nums, n->dict, "the ParentTree") ||
        (contents && tag_add_text(t, annot, "Contents", contents)))
        return -1;
    t->annotations++;
    return 0;
}

/* ---- tag_finish: the document-level entries ---- */

/* Appends s to the XMP stream with XML's five characters escaped. */
static HPDF_STATUS tag_xml(HPDF_Stream s, const char *text)
{
    HPDF_STATUS st = HPDF_OK;
    const char *p, *from = text;

    for (p = text; *p && st == HPDF_OK; p++) {
        const char *esc = *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '&' ? "&amp;"
                        : *p == '"' ? "&quot;" : *p == '\'' ? "&apos;" : NULL;
        if (esc == NULL)
            continue;
        if (p > from)
            st = HPDF_Stream_Write(s, (const HPDF_BYTE *)from, (HPDF_UINT)(p - from));
        if (st == HPDF_OK)
            st = HPDF_Stream_WriteStr(s, esc);
        from = p + 1;
    }
    if (st == HPDF_OK && p > from)
        st = HPDF_Stream_Write(s, (const HPDF_BYTE *)from, (HPDF_UINT)(p - from));
    return st;
}

static int tag_metadata(tag_tree *t, const tag_doc_info *info)
{
    HPDF_Dict xmp = HPDF_DictStream_New(t->pdf->mmgr, t->pdf->xref);
    time_t tt = (time_t)info->epoch;
    struct tm tm;
    char date[32] = "";
    HPDF_Stream s;
    HPDF_STATUS st = HPDF_OK;
    int i;
    const char *title = info->title && info->title[0] ? info->title : "Untitled";
    const char *lang = info->lang ? info->lang : "en-GB";

    if (xmp == NULL)
        return tag_fail(t, "tag: out of memory");
    /* Readers that do not inflate find the metadata in plain text. */
    xmp->filter = HPDF_STREAM_FILTER_NONE;
    if (gmtime_r(&tt, &tm) != NULL)
        strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    s = xmp->stream;
    const char *parts[] = {
        "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "<rdf:Description rdf:about=\"\"\n"
        " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
        " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
        " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
        "<dc:format>application/pdf</dc:format>\n"
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">",
    };
    st = HPDF_Stream_WriteStr(s, parts[0]);
    if (st == HPDF_OK)
        st = tag_xml(s, title);
    if (st == HPDF_OK)
        st = HPDF_Stream_WriteStr(s, "</rdf:li></rdf:Alt></dc:title>\n<dc:language><rdf:Bag><rdf:li>");
    if (st == HPDF_OK)
        st = tag_xml(s, lang);
    if (st == HPDF_OK)
        st = HPDF_Stream_WriteStr(s, "</rdf:li></rdf:Bag></dc:language>\n");
    if (st == HPDF_OK && info->creator) {
        st = HPDF_Stream_WriteStr(s, "<xmp:CreatorTool>");
        if (st == HPDF_OK)
            st = tag_xml(s, info->creator);
        if (st == HPDF_OK)
            st = HPDF_Stream_WriteStr(s, "</xmp:CreatorTool>\n");
    }
    for (i = 0; i < 2 && st == HPDF_OK && date[0]; i++) {
        const char *name = i ? "ModifyDate" : "CreateDate";
        char line[96];

        snprintf(line, sizeof line, "<xmp:%s>%s</xmp:%s>\n", name, date, name);
        st = HPDF_Stream_WriteStr(s, line);
    }
    if (st == HPDF_OK)
        st = HPDF_Stream_WriteStr(s, "<pdfuaid:part>1</pdfuaid:part>\n"
                                     "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
                                     "<?xpacket end=\"r\"?>");
    if (tag_check(t, st, "writing the XMP metadata") ||
        tag_check(t, HPDF_Dict_AddName(xmp, "Type", "Metadata"), "the XMP metadata") ||
        tag_check(t, HPDF_Dict_AddName(xmp, "Subtype", "XML"), "the XMP metadata") ||
        tag_check(t, HPDF_Dict_Add(t->pdf->catalog, "Metadata", xmp), "the XMP metadata"))
        return -1;
    tag_hash_str(t, title);
    tag_hash_str(t, date);
    return 0;
}

static int tag_catalog(tag_tree *t, const tag_doc_info *info)
{
    HPDF_Dict cat = t->pdf->catalog, mark, prefs;
    const char *lang = info->lang ? info->lang : "en-GB";

    prefs = HPDF_Dict_GetItem(cat, "ViewerPreferences", HPDF_OCLASS_DICT);
    if (prefs == NULL) {
        if ((prefs = HPDF_Dict_New(t->pdf->mmgr)) == NULL)
            return tag_fail(t, "tag: out of memory");
        if (tag_check(t, HPDF_Dict_Add(cat, "ViewerPreferences", prefs), "/ViewerPreferences"))
            return -1;
    }
    if ((mark = HPDF_Dict_New(t->pdf->mmgr)) == NULL)
        return tag_fail(t, "tag: out of memory");
    if (tag_check(t, HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE), "/MarkInfo") ||
        tag_check(t, HPDF_Dict_Add(cat, "MarkInfo", mark), "/MarkInfo") ||
        tag_check(t, HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE), "/DisplayDocTitle") ||
        tag_check(t, HPDF_Dict_Add(cat, "StructTreeRoot", t->root), "/StructTreeRoot") ||
        tag_check(t, HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey", t->next_key), "the ParentTree") ||
        tag_add_text(t, cat, "Lang", lang))
        return -1;
    return 0;
}

/* /Tabs /S on every page of the document, tree or not. */
static int tag_tabs(tag_tree *t)
{
    HPDF_UINT i;

    for (i = 0; i < t->pdf->page_list->count; i++) {
        HPDF_Page page = HPDF_List_ItemAt(t->pdf->page_list, i);

        if (tag_check(t, HPDF_Dict_AddName(page, "Tabs", "S"), "/Tabs"))
            return -1;
    }
    return 0;
}

/* Two 16-byte halves from the hash: the same first and second part, as for
 * a document never updated. */
static int tag_id(tag_tree *t)
{
    unsigned char id[16];
    HPDF_Array a;
    uint64_t h = t->hash, g;
    int i;

    g = h ^ 0x9e3779b97f4a7c15ULL;
    g *= 0x100000001b3ULL;
    g ^= (uint64_t)t->mcids << 32 | (uint64_t)(unsigned)t->n_nodes;
    for (i = 0; i < 8; i++) {
        id[i] = (unsigned char)(h >> (56 - 8 * i));
        id[8 + i] = (unsigned char)(g >> (56 - 8 * i));
    }
    if ((a = HPDF_Array_New(t->pdf->mmgr)) == NULL)
        return tag_fail(t, "tag: out of memory");
    if (tag_check(t, HPDF_Array_Add(a, HPDF_Binary_New(t->pdf->mmgr, id, sizeof id)), "/ID") ||
        tag_check(t, HPDF_Array_Add(a, HPDF_Binary_New(t->pdf->mmgr, id, sizeof id)), "/ID") ||
        tag_check(t, HPDF_Dict_Add(t->pdf->trailer, "ID", a), "/ID"))
        return -1;
    return 0;
}

/* ---- the tree written compressed: an object stream (PDF 1.5) ----
 *
 * libharu writes every object of its xref uncompressed, with a line in the
 * cross-reference table: one element each, the tree would double the size
 * of a pack.  So the tree's dictionaries are held apart (tag_dict_held) and
 * written here, at the finish, into one Flate-compressed object stream
 * whose objects a cross-reference stream lists; the trailer points at it
 * with /XRefStm (a hybrid-reference file, PDF 1.7 7.5.8.4, which readers of
 * PDF 1.5 and later read, and older ones read without the tree).
 *
 * Their object numbers follow libharu's with room for what it adds while
 * saving (each TrueType face makes its descriptor and font file then):
 * TAG_ROOM numbers, checked when the trailer is written. */
#define TAG_ROOM 256

/* A stand-in for a held dictionary, owned by the libharu dictionary dict
 * under key (hidden: never written), so that dict can refer to object id
 * after the held dictionaries are gone: the reference under ref. */
static int tag_standin(tag_tree *t, HPDF_Dict dict, const char *key, const char *ref, unsigned id)
{
    HPDF_Number n = HPDF_Number_New(t->pdf->mmgr, (HPDF_INT32)id);

    if (n == NULL)
        return tag_fail(t, "tag: out of memory");
    n->header.obj_id = id | HPDF_OTYPE_HIDDEN;
    if (tag_check(t, HPDF_Dict_Add(dict, key, n), "a reference"))
        return -1;
    return tag_check(t, HPDF_Dict_Add(dict, ref, HPDF_Proxy_New(t->pdf->mmgr, n)), "a reference");
}

/* When the trailer is written (the objects are, and the cross-reference
 * stream's offset is known): /XRefStm, and /Size counting the held
 * objects. */
static HPDF_STATUS tag_trailer_write(HPDF_Dict trailer)
{
    HPDF_Doc pdf = trailer->attr;
    HPDF_Number xs = HPDF_Dict_GetItem(trailer, "XRefStmObj", HPDF_OCLASS_NUMBER);
    HPDF_Number first = HPDF_Dict_GetItem(trailer, "HeldFirst", HPDF_OCLASS_NUMBER);
    HPDF_Number end = HPDF_Dict_GetItem(trailer, "HeldEnd", HPDF_OCLASS_NUMBER);
    HPDF_XrefEntry e;
    HPDF_STATUS st;

    if (pdf == NULL || xs == NULL || first == NULL || end == NULL)
        return HPDF_OK;
    /* libharu's objects must stay below the held ones */
    if (pdf->xref->entries->count + pdf->xref->start_offset > (HPDF_UINT)first->value)
        return HPDF_SetError(trailer->error, HPDF_INVALID_OBJECT, 0);
    /* (libharu 2.3's HPDF_Xref_GetEntryByObjectId refuses every id) */
    e = HPDF_Xref_GetEntry(pdf->xref, (HPDF_UINT)xs->value - pdf->xref->start_offset);
    if (e == NULL)
        return HPDF_SetError(trailer->error, HPDF_INVALID_OBJECT, 0);
    if ((st = HPDF_Dict_AddNumber(trailer, "XRefStm", (HPDF_INT32)e->byte_offset)) != HPDF_OK)
        return st;
    return HPDF_Dict_AddNumber(trailer, "Size", end->value);
}

/* A hidden number in the trailer, for tag_trailer_write. */
static int tag_trailer_number(tag_tree *t, const char *key, unsigned value)
{
    HPDF_Number n = HPDF_Number_New(t->pdf->mmgr, (HPDF_INT32)value);

    if (n == NULL)
        return tag_fail(t, "tag: out of memory");
    n->header.obj_id = HPDF_OTYPE_HIDDEN;
    return tag_check(t, HPDF_Dict_Add(t->pdf->trailer, key, n), "the trailer");
}

static void tag_be32(unsigned char *b, unsigned v)
{
    b[0] = (unsigned char)(v >> 24);
    b[1] = (unsigned char)(v >> 16);
    b[2] = (unsigned char)(v >> 8);
    b[3] = (unsigned char)v;
}

/* A cross-reference stream's /Length must be direct: a reader meets it
 * while it builds its table of objects, before it can look one up.
 * libharu writes a stream's /Length as a reference to a number it sets
 * after writing the data, so: the data is compressed here once to know
 * its length (libharu compresses it the same way when saving), and the
 * number itself, not a reference to it, is put in the dictionary. */
static int tag_direct_length(tag_tree *t, HPDF_Dict d)
{
    HPDF_Stream z = HPDF_MemStream_New(t->pdf->mmgr, 4096);
    HPDF_Number len;
    HPDF_UINT i;
    HPDF_STATUS st;

    if (z == NULL)
        return tag_fail(t, "tag: out of memory");
    st = HPDF_Stream_WriteToStream(d->stream, z, d->filter, NULL);
    len = HPDF_Dict_GetItem(d, "Length", HPDF_OCLASS_NUMBER);
    if (st == HPDF_OK && len != NULL)
        HPDF_Number_SetValue(len, (HPDF_INT32)z->size);
    HPDF_Stream_Free(z);
    if (tag_check(t, st, "compressing the cross-reference stream"))
        return -1;
    for (i = 0; len && i < d->list->count; i++) {
        HPDF_DictElement el = HPDF_List_ItemAt(d->list, i);

        if (strcmp(el->key, "Length") == 0) {
            void *proxy = el->value;

            el->value = len; /* still the xref's (indirect): never freed by d */
            HPDF_Obj_Free(t->pdf->mmgr, proxy);
            return 0;
        }
    }
    return tag_fail(t, "tag: a stream without its /Length");
}

/* ---- the held objects as text: a compact writer ----
 * libharu's HPDF_Dict_Write puts every entry on its own line and costs
 * about 6,000 instructions a dictionary; this writes the few kinds of
 * value the tree holds ("<</S /P/P 12 0 R/K [0 1]>>"), a third shorter,
 * so there is less to deflate too. */

typedef struct tag_text_buf {
    char *s;
    size_t n, cap;
    int nomem;
} tag_text_buf;

static void tag_put(tag_text_buf *b, const char *s, size_t n)
{
    if (b->nomem)
        return;
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        char *p;

        while (cap < b->n + n)
            cap *= 2;
        if ((p = realloc(b->s, cap)) == NULL) {
            b->nomem = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
}

static void tag_puts(tag_text_buf *b, const char *s)
{
    tag_put(b, s, strlen(s));
}

static void tag_put_uint(tag_text_buf *b, unsigned long v)
{
    char num[24], *p = num + sizeof num;

    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    tag_put(b, p, (size_t)(num + sizeof num - p));
}

static void tag_put_value(tag_text_buf *b, void *obj);

static void tag_put_dict(tag_text_buf *b, HPDF_Dict d)
{
    HPDF_UINT i;

    tag_puts(b, "<<");
    for (i = 0; i < d->list->count; i++) {
        HPDF_DictElement el = HPDF_List_ItemAt(d->list, i);

        if (((HPDF_Obj_Header *)el->value)->obj_id & HPDF_OTYPE_HIDDEN)
            continue;
        tag_puts(b, "/");
        tag_puts(b, el->key);
        tag_puts(b, " ");
        tag_put_value(b, el->value);
    }
    tag_puts(b, ">>");
}

/* A literal string: ( ) \ and bytes outside printable ASCII escaped. */
static void tag_put_string(tag_text_buf *b, const HPDF_BYTE *v, HPDF_UINT len)
{
    char esc[8];
    HPDF_UINT i;

    tag_puts(b, "(");
    for (i = 0; i < len; i++) {
        if (v[i] == '(' || v[i] == ')' || v[i] == '\\') {
            esc[0] = '\\';
            esc[1] = (char)v[i];
            tag_put(b, esc, 2);
        } else if (v[i] < 0x20 || v[i] >= 0x7f) {
            snprintf(esc, sizeof esc, "\\%03o", v[i]);
            tag_puts(b, esc);
        } else {
            tag_put(b, (const char *)v + i, 1);
        }
    }
    tag_puts(b, ")");
}

static void tag_put_value(tag_text_buf *b, void *obj)
{
    HPDF_Obj_Header *h = obj;
    static const char hex[] = "0123456789ABCDEF";
    char num[48];
    HPDF_UINT i;

    switch (h->obj_class & HPDF_OCLASS_ANY) {
    case HPDF_OCLASS_PROXY:
        h = ((HPDF_Proxy)obj)->obj;
        tag_put_uint(b, h->obj_id & 0x00FFFFFF);
        tag_puts(b, " ");
        tag_put_uint(b, h->gen_no);
        tag_puts(b, " R");
        break;
    case HPDF_OCLASS_NAME:
        tag_puts(b, "/");
        tag_puts(b, ((HPDF_Name)obj)->value);
        break;
    case HPDF_OCLASS_NUMBER: {
        HPDF_INT32 v = ((HPDF_Number)obj)->value;

        if (v < 0)
            tag_puts(b, "-");
        tag_put_uint(b, v < 0 ? (unsigned long)-(long)v : (unsigned long)v);
        break;
    }
    case HPDF_OCLASS_REAL: {
        size_t n;

        snprintf(num, sizeof num, "%.5f", (double)((HPDF_Real)obj)->value);
        n = strlen(num);
        while (n > 1 && num[n - 1] == '0')
            n--;
        if (num[n - 1] == '.')
            n--;
        tag_put(b, num, n);
        break;
    }
    case HPDF_OCLASS_BOOLEAN:
        tag_puts(b, ((HPDF_Boolean)obj)->value ? "true" : "false");
        break;
    case HPDF_OCLASS_STRING:
        tag_put_string(b, ((HPDF_String)obj)->value, ((HPDF_String)obj)->len);
        break;
    case HPDF_OCLASS_BINARY:
        tag_puts(b, "<");
        for (i = 0; i < ((HPDF_Binary)obj)->len; i++) {
            num[0] = hex[((HPDF_Binary)obj)->value[i] >> 4];
            num[1] = hex[((HPDF_Binary)obj)->value[i] & 15];
            tag_put(b, num, 2);
        }
        tag_puts(b, ">");
        break;
    case HPDF_OCLASS_ARRAY: {
        HPDF_List l = ((HPDF_Array)obj)->list;

        tag_puts(b, "[");
        for (i = 0; i < l->count; i++) {
            if (i)
                tag_puts(b, " ");
            tag_put_value(b, HPDF_List_ItemAt(l, i));
        }
        tag_puts(b, "]");
        break;
    }
    case HPDF_OCLASS_DICT:
        tag_put_dict(b, obj);
        break;
    default:
        tag_puts(b, "null");
    }
}

/* Writes the held dictionaries into the object stream, lists them in the
 * cross-reference stream and points the StructTreeRoot and the trailer at
 * them. */
static int tag_pack(tag_tree *t)
{
    HPDF_MMgr mm = t->pdf->mmgr;
    HPDF_Xref xref = t->pdf->xref;
    tag_text_buf body = {0}, head = {0};
    HPDF_Array index, w;
    unsigned *off, k = (unsigned)t->n_held, i, objstm_id, xrefstm_id;
    unsigned char entry[9];
    unsigned wide;
    HPDF_STATUS st = HPDF_OK;

    if ((t->objstm = HPDF_DictStream_New(mm, xref)) == NULL ||
        (t->xrefstm = HPDF_DictStream_New(mm, xref)) == NULL)
        return tag_fail(t, "tag: out of memory");
    /* The objects compressed as the document's pages are (all of them, in
     * briefing).  The cross-reference stream is not: it is a few KB, and
     * deflating it (once for its direct /Length, once on saving) cost 4 M
     * instructions of zlib's set-up, 4% of the Norfolk pack's run, for
     * about 3 KB saved. */
    if (t->pdf->compression_mode & HPDF_COMP_TEXT)
        t->objstm->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    objstm_id = t->objstm->header.obj_id & 0x00FFFFFF;
    xrefstm_id = t->xrefstm->header.obj_id & 0x00FFFFFF;
    t->first_id = xref->entries->count + xref->start_offset + TAG_ROOM;
    for (i = 0; i < k; i++)
        t->held[i]->header.obj_id = t->first_id + i;
    /* The objects, one after another, and where each begins. */
    if ((off = malloc(((size_t)k + 1) * sizeof *off)) == NULL)
        return tag_fail(t, "tag: out of memory");
    for (i = 0; i < k; i++) {
        off[i] = (unsigned)body.n;
        tag_put_dict(&body, t->held[i]);
        tag_puts(&body, "\012");
    }
    if (body.nomem) {
        free(off);
        free(body.s);
        return tag_fail(t, "tag: out of memory");
    }
    /* The stream: "number offset" pairs, then the objects (/First). */
    for (i = 0; i < k; i++) {
        tag_put_uint(&head, t->first_id + i);
        tag_puts(&head, " ");
        tag_put_uint(&head, off[i]);
        tag_puts(&head, i + 1 < k ? " " : "\012");
    }
    free(off);
    if (head.nomem) {
        free(body.s);
        return tag_fail(t, "tag: out of memory");
    }
    st = HPDF_Stream_Write(t->objstm->stream, (const HPDF_BYTE *)head.s, (HPDF_UINT)head.n);
    free(head.s);
    if (st == HPDF_OK)
        st = HPDF_Dict_AddName(t->objstm, "Type", "ObjStm");
    if (st == HPDF_OK)
        st = HPDF_Dict_AddNumber(t->objstm, "N", (HPDF_INT32)k);
    if (st == HPDF_OK)
        st = HPDF_Dict_AddNumber(t->objstm, "First", (HPDF_INT32)t->objstm->stream->size);
    if (st == HPDF_OK)
        st = HPDF_Stream_Write(t->objstm->stream, (const HPDF_BYTE *)body.s, (HPDF_UINT)body.n);
    free(body.s);
    if (tag_check(t, st, "writing the structure tree"))
        return -1;
    /* The cross-reference stream: type 2 (in an object stream), the
     * stream's number, the index in it; 1 + 2 + 2 bytes, or 1 + 4 + 4
     * past 65535. */
    wide = objstm_id > 0xffff || k > 0xffff ? 4 : 2;
    entry[0] = 2;
    tag_be32(entry + 1, objstm_id);
    if (wide == 2)
        memmove(entry + 1, entry + 3, 2);
    for (i = 0; i < k && st == HPDF_OK; i++) {
        tag_be32(entry + 1 + wide, i);
        if (wide == 2)
            memmove(entry + 3, entry + 5, 2);
        st = HPDF_Stream_Write(t->xrefstm->stream, entry, 1 + 2 * wide);
    }
    if (tag_check(t, st, "writing the cross-reference stream") ||
        tag_check(t, HPDF_Dict_AddName(t->xrefstm, "Type", "XRef"), "the cross-reference stream"))
        return -1;
    /* each array is the stream's as soon as it is made */
    if ((index = HPDF_Array_New(mm)) == NULL)
        return tag_fail(t, "tag: out of memory");
    if (tag_check(t, HPDF_Dict_Add(t->xrefstm, "Index", index), "the cross-reference stream"))
        return -1;
    if ((w = HPDF_Array_New(mm)) == NULL)
        return tag_fail(t, "tag: out of memory");
    if (tag_check(t, HPDF_Dict_Add(t->xrefstm, "W", w), "the cross-reference stream") ||
        tag_check(t, HPDF_Array_AddNumber(index, (HPDF_INT32)t->first_id), "/Index") ||
        tag_check(t, HPDF_Array_AddNumber(index, (HPDF_INT32)k), "/Index") ||
        tag_check(t, HPDF_Array_AddNumber(w, 1), "/W") ||
        tag_check(t, HPDF_Array_AddNumber(w, (HPDF_INT32)wide), "/W") ||
        tag_check(t, HPDF_Array_AddNumber(w, (HPDF_INT32)wide), "/W") ||
        tag_check(t, HPDF_Dict_AddNumber(t->xrefstm, "Size", (HPDF_INT32)(t->first_id + k)),
                  "the cross-reference stream"))
        return -1;
    if (tag_direct_length(t, t->xrefstm))
        return -1;
    /* The StructTreeRoot's /ParentTree (held[0]) and /K (held[1], the
     * Document) by number; the trailer's entries when it is written. */
    if (tag_standin(t, t->root, "ParentTreeObj", "ParentTree", t->first_id) ||
        tag_standin(t, t->root, "KObj", "K", t->first_id + 1) ||
        tag_trailer_number(t, "XRefStmObj", xrefstm_id) ||
        tag_trailer_number(t, "HeldFirst", t->first_id) ||
        tag_trailer_number(t, "HeldEnd", t->first_id + k))
        return -1;
    t->pdf->trailer->before_write_fn = tag_trailer_write;
    t->pdf->trailer->attr = t->pdf;
    return 0;
}

int tag_finish(tag_tree *t, const tag_doc_info *info)
{
    tag_doc_info none = {NULL, NULL, NULL, 0};

    if (t == NULL)
        return 0;
    if (info == NULL)
        info = &none;
    if (t->failed)
        return -1;
    if (t->open == TAG_MARK && t->open_owner >= 0 && tag_mark_flush(t))
        return -1;
    if (t->open != TAG_NONE)
        return tag_fail(t, "tag: a marked-content sequence left open at the end");
    t->depth = 1;
    t->hash ^= (uint64_t)t->pdf->page_list->count;
    if (tag_catalog(t, info) || tag_metadata(t, info) || tag_tabs(t) || tag_id(t) || tag_pack(t))
        return -1;
    /* Structure trees and /Tabs are PDF 1.5; PDF/UA-1 is built on 1.7. */
    if (t->pdf->pdf_version < HPDF_VER_17)
        t->pdf->pdf_version = HPDF_VER_17;
    return 0;
}

void tag_get_stats(const tag_tree *t, tag_stats *s)
{
    memset(s, 0, sizeof *s);
    if (t == NULL)
        return;
    s->elements = t->n_nodes;
    s->mcids = t->mcids;
    s->artifacts = t->artifacts;
    s->annotations = t->annotations;
    s->pages = t->n_pages;
}

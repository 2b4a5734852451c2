#!/usr/bin/python3
"""pdfua_check.py FILE.pdf...: the PDF/UA-1 rules a machine can check.

Walks each file's structure tree and content streams (python3-pikepdf from
Debian) and says, one line each, every rule that fails; exits 1 when any
did, 0 when none, 2 when a file cannot be read.  What it checks (the
Matterhorn Protocol's checkpoint in brackets; docs/accessibility.md lists
what is checked here, what is met by design and what needs a person):

  document   %PDF-1.7 or later; /MarkInfo /Marked true (01-002); /Lang (11-006);
             /ViewerPreferences /DisplayDocTitle true (07-002); an Info /Title
             and an XMP stream with dc:title (06-003, 06-004) and
             pdfuaid:part 1 (06-002); a trailer /ID
  tree       a /StructTreeRoot whose /K is one Document element, with a
             /ParentTree (01-006); standard structure types only, or role-mapped
             (02-001); headings start at H1 and never skip a level (14-002,
             14-003); TR inside Table/THead/TBody/TFoot, TH and TD inside TR
             (15-001 in spirit); TH with a /Scope (15-003); every Figure with
             a non-empty /Alt (13-004)
  content    every painting operator inside a marked-content sequence with an
             MCID or an /Artifact (01-003, 01-004); no MCID inside an artifact,
             no artifact inside tagged content (01-005 in spirit); each MCID
             owned by exactly one element, which the ParentTree names (01-007)
  pages      /Tabs /S on every page with annotations, and here on every page
             (28-002 asks it of pages with annotations)
  annots     every annotation but Popup in the tree: /StructParent naming the
             element that holds an OBJR to it (28-011), a Link annotation in a
             Link element (28-004 is about /Contents: checked for every one)
  fonts      every font embedded (31-001 .. 31-011 in part) and a Type0 font
             with /ToUnicode (31-027 in part)
"""
import re
import sys

try:
    import pikepdf
    from pikepdf import Name, Dictionary, Array
except ImportError:  # pragma: no cover - the e2e test skips first
    sys.stderr.write("pdfua_check: python3-pikepdf is not installed\n")
    sys.exit(2)

STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference
BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form""".split())
PAINT = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh",
         "INLINE IMAGE", "BI"}
TABLE_PARTS = {"Table", "THead", "TBody", "TFoot"}


class Checker:
    def __init__(self, path):
        self.path = path
        self.errors = []
        self.pdf = pikepdf.open(path)
        self.page_no = {p.obj.objgen: i + 1 for i, p in enumerate(self.pdf.pages)}
        self.owner = {}        # (page objgen, mcid) -> element objgen
        self.objr = {}         # annotation objgen -> element objgen
        self.elements = 0
        self.headings = []
        self.note_ids = set()

    def fail(self, what):
        self.errors.append(what)

    # ---- document ----
    def check_document(self):
        pdf = self.pdf
        root = pdf.Root
        if pdf.pdf_version < "1.7":
            self.fail("PDF version %s: PDF/UA-1 files are PDF 1.7" % pdf.pdf_version)
        mark = root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            self.fail("catalog: no /MarkInfo << /Marked true >>")
        lang = root.get("/Lang")
        if lang is None or not str(lang).strip():
            self.fail("catalog: no /Lang")
        prefs = root.get("/ViewerPreferences")
        if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
            self.fail("catalog: no /ViewerPreferences << /DisplayDocTitle true >>")
        info_title = None
        if pdf.trailer.get("/Info") is not None and "/Title" in pdf.trailer.Info:
            info_title = str(pdf.trailer.Info.Title)
        if not info_title:
            self.fail("Info: no /Title")
        if "/ID" not in pdf.trailer:
            self.fail("trailer: no /ID")
        meta = root.get("/Metadata")
        if meta is None:
            self.fail("catalog: no /Metadata (XMP)")
            return
        xmp = meta.read_bytes().decode("utf-8", "replace")
        if not re.search(r"<pdfuaid:part>\s*1\s*</pdfuaid:part>|pdfuaid:part=['\"]1['\"]", xmp):
            self.fail("XMP: no pdfuaid:part 1")
        m = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.S)
        if not m or not m.group(1).strip():
            self.fail("XMP: no dc:title")

    # ---- tree ----
    def check_tree(self):
        root = self.pdf.Root.get("/StructTreeRoot")
        if root is None:
            self.fail("catalog: no /StructTreeRoot (the PDF is not tagged)")
            return False
        if "/ParentTree" not in root:
            self.fail("StructTreeRoot: no /ParentTree")
        self.rolemap = root.get("/RoleMap", Dictionary())
        k = root.get("/K")
        kids = list(k) if isinstance(k, Array) else [k] if k is not None else []
        if len(kids) != 1 or self.role(kids[0]) != "Document":
            self.fail("StructTreeRoot: /K is not one Document element")
        for kid in kids:
            self.walk(kid, None, [])
        self.check_headings()
        return True

    def role(self, elem):
        if not isinstance(elem, Dictionary) or "/S" not in elem:
            return None
        s = str(elem.S)[1:]
        seen = 0
        while s not in STANDARD and Name("/" + s) in self.rolemap and seen < 10:
            s = str(self.rolemap[Name("/" + s)])[1:]
            seen += 1
        return s

    def where(self, path):
        return " > ".join(path)

    def walk(self, elem, page, path):
        role = self.role(elem)
        self.elements += 1
        raw = str(elem.S)[1:]
        here = path + [raw]
        if role not in STANDARD:
            self.fail("%s: structure type %s is neither standard nor role-mapped" % (self.where(here), raw))
        parent = path[-1] if path else None
        if role == "TR" and parent not in TABLE_PARTS:
            self.fail("%s: TR outside a Table" % self.where(here))
        if role in ("TH", "TD") and parent != "TR":
            self.fail("%s: %s outside a TR" % (self.where(here), role))
        if role in ("THead", "TBody", "TFoot") and parent != "Table":
            self.fail("%s: %s outside a Table" % (self.where(here), role))
        if role in ("LI",) and parent != "L":
            self.fail("%s: LI outside an L" % self.where(here))
        if role in ("Lbl", "LBody") and parent != "LI":
            self.fail("%s: %s outside an LI" % (self.where(here), role))
        if role == "TOCI" and parent != "TOC":
            self.fail("%s: TOCI outside a TOC" % self.where(here))
        if role == "Note":
            nid = elem.get("/ID")
            if nid is None or not str(nid):
                self.fail("%s: Note without /ID (PDF/UA-1 7.9)" % self.where(here))
            elif str(nid) in self.note_ids:
                self.fail("%s: Note /ID %s used twice" % (self.where(here), nid))
            else:
                self.note_ids.add(str(nid))
        if role == "TH" and not self.has_scope(elem):
            self.fail("%s: TH without /Scope" % self.where(here))
        if role == "Figure":
            alt = elem.get("/Alt")
            if alt is None or not str(alt).strip():
                self.fail("%s: Figure without /Alt" % self.where(here))
        if role and re.fullmatch(r"H[1-6]", role):
            self.headings.append((int(role[1]), self.where(here)))
        if "/Pg" in elem:
            page = elem.Pg
        k = elem.get("/K")
        if k is None:
            return
        for kid in (list(k) if isinstance(k, Array) else [k]):
            self.walk_kid(kid, elem, page, here)

    def has_scope(self, elem):
        attrs = elem.get("/A")
        if attrs is None:
            return False
        for a in (list(attrs) if isinstance(attrs, Array) else [attrs]):
            if isinstance(a, Dictionary) and "/Scope" in a:
                return True
        return False

    def own(self, page, mcid, elem, path):
        if page is None:
            self.fail("%s: MCID %d with no page" % (self.where(path), mcid))
            return
        key = (page.objgen, int(mcid))
        if key in self.owner:
            self.fail("%s: MCID %d on page %s owned twice" %
                      (self.where(path), mcid, self.page_no.get(page.objgen, "?")))
        self.owner[key] = elem.objgen

    def walk_kid(self, kid, elem, page, path):
        if isinstance(kid, int) or (hasattr(kid, "is_integer") and kid.is_integer):
            self.own(page, int(kid), elem, path)
            return
        if not isinstance(kid, Dictionary):
            self.fail("%s: a /K entry that is neither MCID nor dictionary" % self.where(path))
            return
        t = kid.get("/Type")
        if t == Name.MCR:
            if "/Stm" in kid:
                return
            self.own(kid.get("/Pg", page), int(kid.MCID), elem, path)
        elif t == Name.OBJR:
            self.objr[kid.Obj.objgen] = elem.objgen
        else:
            self.walk(kid, page, path)

    def check_headings(self):
        last = 0
        for level, where in self.headings:
            if last == 0 and level != 1:
                self.fail("%s: the first heading is H%d, not H1" % (where, level))
            elif level > last + 1 and last:
                self.fail("%s: H%d follows H%d (a level skipped)" % (where, level, last))
            last = level

    # ---- ParentTree ----
    def parent_tree(self):
        out = {}
        root = self.pdf.Root.get("/StructTreeRoot")
        if root is None or "/ParentTree" not in root:
            return out

        def walk(node):
            if "/Nums" in node:
                nums = list(node.Nums)
                for i in range(0, len(nums) - 1, 2):
                    out[int(nums[i])] = nums[i + 1]
            for kid in node.get("/Kids", []):
                walk(kid)
        walk(root.ParentTree)
        return out

    # ---- content ----
    def check_pages(self, tagged):
        ptree = self.parent_tree() if tagged else {}
        for no, page in enumerate(self.pdf.pages, 1):
            pobj = page.obj
            if pobj.get("/Tabs") != Name.S:
                self.fail("page %d: no /Tabs /S" % no)
            self.check_content(no, page, pobj, ptree, tagged)
            self.check_annots(no, pobj, ptree)

    def check_content(self, no, page, pobj, ptree, tagged):
        stack = []   # ("mcid", n) / ("artifact",) / ("other",)
        seen = set()
        unmarked = 0
        try:
            ops = pikepdf.parse_content_stream(page)
        except Exception as e:  # noqa: BLE001 - a parse error is a failure to report
            self.fail("page %d: the content stream cannot be read (%s)" % (no, e))
            return
        for operands, op in ops:
            op = str(op)
            if op == "BDC" or op == "BMC":
                tag = str(operands[0])
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                if isinstance(props, Name):
                    res = page.obj.get("/Resources", Dictionary()).get("/Properties", Dictionary())
                    props = res.get(props)
                if tag == "/Artifact":
                    if any(s[0] == "mcid" for s in stack):
                        self.fail("page %d: an artifact inside tagged content" % no)
                    stack.append(("artifact",))
                elif isinstance(props, Dictionary) and "/MCID" in props:
                    mcid = int(props.MCID)
                    if any(s[0] == "artifact" for s in stack):
                        self.fail("page %d: MCID %d inside an artifact" % (no, mcid))
                    if any(s[0] == "mcid" for s in stack):
                        self.fail("page %d: MCID %d inside another MCID" % (no, mcid))
                    stack.append(("mcid", mcid))
                    seen.add(mcid)
                    self.check_mcid(no, pobj, mcid, tag, ptree)
                else:
                    stack.append(("other",))
            elif op == "EMC":
                if not stack:
                    self.fail("page %d: EMC without BDC/BMC" % no)
                else:
                    stack.pop()
            elif op in PAINT:
                if not any(s[0] in ("mcid", "artifact") for s in stack):
                    unmarked += 1
        if stack:
            self.fail("page %d: %d marked-content sequences left open" % (no, len(stack)))
        if unmarked:
            self.fail("page %d: %d painting operators neither tagged nor artifact" % (no, unmarked))
        if tagged:
            for (pg, mcid) in list(self.owner):
                if pg == pobj.objgen and mcid not in seen:
                    self.fail("page %d: the tree names MCID %d, which the page does not hold" % (no, mcid))

    def check_mcid(self, no, pobj, mcid, tag, ptree):
        key = (pobj.objgen, mcid)
        if key not in self.owner:
            self.fail("page %d: MCID %d (%s) belongs to no element" % (no, mcid, tag))
            return
        if "/StructParents" not in pobj:
            self.fail("page %d: marked content but no /StructParents" % no)
            return
        arr = ptree.get(int(pobj.StructParents))
        if arr is None or not isinstance(arr, Array) or mcid >= len(arr):
            self.fail("page %d: the ParentTree does not name MCID %d" % (no, mcid))
        elif arr[mcid].objgen != self.owner[key]:
            self.fail("page %d: the ParentTree names another owner for MCID %d" % (no, mcid))

    def check_annots(self, no, pobj, ptree):
        for a in pobj.get("/Annots", []):
            sub = a.get("/Subtype")
            if sub == Name.Popup:
                continue
            if "/Contents" not in a or not str(a.Contents).strip():
                self.fail("page %d: a %s annotation without /Contents" % (no, sub))
            if "/StructParent" not in a:
                self.fail("page %d: a %s annotation not in the structure tree" % (no, sub))
                continue
            owner = ptree.get(int(a.StructParent))
            if owner is None or a.objgen not in self.objr or owner.objgen != self.objr[a.objgen]:
                self.fail("page %d: a %s annotation whose /StructParent is not the element "
                          "holding its OBJR" % (no, sub))
            elif sub == Name.Link and self.role(owner) != "Link":
                self.fail("page %d: a Link annotation in a %s element" % (no, self.role(owner)))

    # ---- fonts ----
    def check_fonts(self):
        done = set()
        for no, page in enumerate(self.pdf.pages, 1):
            fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
            for name, f in fonts.items():
                if f.objgen in done:
                    continue
                done.add(f.objgen)
                base = str(f.get("/BaseFont", name))
                desc = f.get("/FontDescriptor")
                if f.get("/Subtype") == Name.Type0:
                    if "/ToUnicode" not in f:
                        self.fail("font %s: a Type0 font without /ToUnicode" % base)
                    desc = f.DescendantFonts[0].get("/FontDescriptor")
                if f.get("/Subtype") == Name.Type3:
                    continue
                if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    self.fail("font %s (page %d): not embedded" % (base, no))

    def run(self):
        self.check_document()
        tagged = self.check_tree()
        self.check_pages(tagged)
        self.check_fonts()
        return self.errors


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        sys.stdout.write(__doc__)
        return 0 if len(argv) >= 2 else 2
    bad = 0
    for path in argv[1:]:
        try:
            c = Checker(path)
            errors = c.run()
        except (pikepdf.PdfError, OSError) as e:
            sys.stderr.write("pdfua_check: %s: cannot read: %s\n" % (path, e))
            return 2
        for e in errors[:50]:
            sys.stderr.write("%s: %s\n" % (path, e))
        if len(errors) > 50:
            sys.stderr.write("%s: ... and %d more\n" % (path, len(errors) - 50))
        if errors:
            bad += 1
        else:
            print("%s: PDF/UA-1 machine checks pass (%d elements, %d MCIDs)" % (path, c.elements, len(c.owner)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

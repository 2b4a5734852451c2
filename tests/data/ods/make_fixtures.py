#!/usr/bin/env python3
"""Writes the ODS workbooks under tests/data/ods/ (committed with this script).

    tests/data/ods/make_fixtures.py DATA_DIR

DATA_DIR is a folder of Ofsted's and DfE's files as published (with
official/*.csv and official/dashboard/*.ods in it), read only to make the
two trimmed copies of published workbooks; the tests never run this:

- la_inspections_2009_2023.ods: Ofsted's "Children's social care data in
  England" underlying-data workbook, which we do not have as ODS, made from
  the CSVs saved from its sheet LA_inspections_2009-2023 (current and former
  councils), trimmed to ten current councils and the four former ones, laid
  out as Ofsted lays out its sheets: a cover and a notes sheet, a title and
  notes above the header row, dates as date cells showing DD/MM/YYYY, links,
  then blank rows and the former councils under a header row of their own,
  every row padded with a repeat of empty cells to column XFD and the sheet
  with a repeat of empty rows to row 1,048,576.
- RO3_LA_Data_2024-25_data_by_LA.ods: the revenue outturn workbook cut to a
  few authorities of every class: its rows are copied byte for byte from the
  published content.xml (notes above the header, "[x]", floats in thousands
  shown with separators, both tables, the hidden code row, the trailing
  repeats), the other rows dropped; RO3_heading_renamed_2024-25.ods is the
  same with the total's heading reworded, so that only the hidden code row
  names it.

and the small workbooks the unit tests and hostile cases read (features.ods,
bad_mimetype.ods, no_mimetype.ods, truncated.ods, bomb.ods, deep.ods,
huge_repeats.ods, doctype.ods, not_zip.ods).  Python's zipfile writes the
archives: the mimetype entry first and stored, as OpenDocument requires.
"""
import csv
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink"')
MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="%s"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>' % MIMETYPE)


def entry(name, deflate=True):
    """An entry dated 1980-01-01, so that the files come out the same each run."""
    info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    return info


def write_ods(name, content, mimetype=MIMETYPE, extra=None):
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, "w") as z:
        if mimetype is not None:
            z.writestr(entry("mimetype", False), mimetype)
        if not extra:
            z.writestr(entry("META-INF/manifest.xml"), MANIFEST)
        if content is not None:
            z.writestr(entry("content.xml"), content)
        for n, data in (extra or {}).items():
            z.writestr(entry(n), data)
    return path


def document(tables):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s office:version="1.2">'
            '<office:body><office:spreadsheet>%s</office:spreadsheet></office:body>'
            '</office:document-content>' % (NS, "".join(tables)))


def table(name, rows, pad_rows=True):
    used = sum(r[1] for r in rows)
    body = "".join(r[0] for r in rows)
    if pad_rows:
        body += ('<table:table-row table:number-rows-repeated="%d"><table:table-cell '
                 'table:number-columns-repeated="16384"/></table:table-row>' % (1048576 - used))
    return ('<table:table table:name="%s"><table:table-column table:number-columns-repeated="16384"/>%s'
            '</table:table>' % (escape(name, {'"': "&quot;"}), body))


def s(text):
    """A string cell; '\n' in text becomes a new paragraph."""
    if text == "":
        return "<table:table-cell/>"
    paras = "".join("<text:p>%s</text:p>" % escape(p) for p in text.split("\n"))
    return '<table:table-cell office:value-type="string">%s</table:table-cell>' % paras


def date(iso):
    y, m, d = iso.split("-")
    return ('<table:table-cell office:value-type="date" office:date-value="%sT00:00:00"><text:p>%s/%s/%s'
            '</text:p></table:table-cell>' % (iso, d, m, y))


def link(text, url):
    return ('<table:table-cell office:value-type="string"><text:p><text:a xlink:href="%s">%s</text:a>'
            '</text:p></table:table-cell>' % (escape(url), escape(text)))


def row(cells, repeat=1, attrs=""):
    """A row of cell XML strings, padded with empty cells to column XFD."""
    pad = 16384 - len(cells)
    return ('<table:table-row%s%s>%s<table:table-cell table:number-columns-repeated="%d"/></table:table-row>'
            % (' table:number-rows-repeated="%d"' % repeat if repeat > 1 else "", attrs, "".join(cells), pad),
            repeat)


def blank(n):
    return ('<table:table-row table:number-rows-repeated="%d"><table:table-cell '
            'table:number-columns-repeated="16384"/></table:table-row>' % n, n)


# ---- the 2009-2023 sheet ---------------------------------------------------------------

CURRENT = ["Norfolk", "Birmingham", "Kent", "Merton", "Nottingham", "Barnet",
           "Bournemouth, Christchurch and Poole", "Dorset", "North Northamptonshire", "Cumbria"]


def history_rows(path, keep):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], [r for r in rows[1:] if keep is None or r[1] in keep]
    out = [row([s(h) for h in header])]
    for r in body:
        cells = []
        for h, v in zip(header, r):
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
                cells.append(date(v))
            elif h == "Web link" and v:
                cells.append(link(v, "https://reports.ofsted.gov.uk/"))
            else:
                cells.append(s(v))
        out.append(row(cells))
    return out


def make_history(shared):
    off = os.path.join(shared, "official")
    cover = table("Cover", [row([s("Children's social care data in England 2023")]),
                            row([s("Underlying data: local authority inspections 2009 to 2023")]),
                            row([s("Published:"), date("2023-07-26")])])
    notes = table("Notes", [row([s("Notes")]),
                            row([s("Note number"), s("Note text")]),
                            row([s("1"), s("Judgements before 2013 used the four-point scale: "
                                           "\"Requires improvement to be good\" stands for Adequate.")])])
    rows = [row([s("Local authority inspections 2009 to 2023")]),
            row([s("This worksheet contains two tables: current local authorities, then former ones.\n"
                   "Blank cells mean there was no such inspection.")]),
            row([s("Source: Ofsted")])]
    rows += history_rows(os.path.join(off, "ofsted_la_inspections_2009_2023_current_las.csv"), CURRENT)
    rows.append(blank(2))
    rows.append(row([s("Former local authorities")]))
    rows += history_rows(os.path.join(off, "ofsted_la_inspections_2009_2023_former_las.csv"), None)
    sheet = table("LA_inspections_2009-2023", rows)
    write_ods("la_inspections_2009_2023.ods", document([cover, notes, sheet]))


# ---- the revenue outturn workbook, trimmed ------------------------------------------------

RO3_KEEP = {"E-code", "Adur", "Amber Valley", "Avon & Somerset Police and Crime Commissioner and Chief Constable",
            "Avon Combined Fire and Rescue Authority", "Barking & Dagenham", "Barnsley", "Birmingham",
            "Norfolk CC", "Wiltshire UA", "Wiltshire Police and Crime Commissioner and Chief Constable",
            "Isles of Scilly", "City of London", "ENGLAND", "Yorkshire Dales National Park Authority",
            "York and North Yorkshire Combined Authority", "Worcestershire CC", "Wigan MBC"}


def make_ro3(shared):
    src = os.path.join(shared, "official", "dashboard", "RO3_LA_Data_2024-25_data_by_LA.ods")
    with zipfile.ZipFile(src) as z:
        content = z.read("content.xml").decode("utf-8")
        others = {n: z.read(n) for n in z.namelist() if n not in ("mimetype", "content.xml")}
    start = content.index('<table:table table:name="RO3_LA_Data_202425"')
    end = content.index("</table:table>", start)
    head, sheet, tail = content[:start], content[start:end], content[end:]
    rows = list(re.finditer(r"<table:table-row[^>]*?(?:/>|>.*?</table:table-row>)", sheet, re.S))
    kept, n = [], 0
    for m in rows:
        r = m.group(0)
        n += 1
        first = re.search(r"<text:p>(.*?)</text:p>", r)
        third = re.findall(r"<text:p>(.*?)</text:p>", r)[2:3]
        name = third[0].replace("&amp;", "&") if third else ""
        if (n <= 6 or "collapse" in r or "number-rows-repeated" in r or not first or name in RO3_KEEP
                or (first and first.group(1) in ("[Y]", "E-code"))):
            kept.append(r)
    trimmed_rows = len(rows) - len(kept)
    sheet = sheet[:rows[0].start()] + "".join(kept)
    # Rows were dropped: the trailing repeat of empty rows grows by as many,
    # so the sheet still ends at row 1,048,576.
    sheet = re.sub(r'table:number-rows-repeated="(\d+)"(?!.*number-rows-repeated)',
                   lambda m: 'table:number-rows-repeated="%d"' % (int(m.group(1)) + trimmed_rows), sheet,
                   flags=re.S)
    write_ods("RO3_LA_Data_2024-25_data_by_LA.ods", head + sheet + tail, extra=others)
    # The same with the total's heading reworded: found by its code in the hidden row.
    renamed = sheet.replace("TOTAL CHILDREN SOCIAL CARE - Total Expenditure (C3 = C1 + C2)",
                            "Children&apos;s services overall - gross spend (C3)")
    assert renamed != sheet
    write_ods("RO3_heading_renamed_2024-25.ods", head + renamed + tail, extra=others)


# ---- small workbooks for the unit tests and hostile cases ------------------------------------

def make_small():
    cells = [
        row(['<table:table-cell office:value-type="string" table:number-columns-spanned="2"><text:p>A title '
             'over two columns</text:p></table:table-cell>', "<table:covered-table-cell/>", s("after covered")]),
        row([s("Notes: figures in thousands")]),
        blank(3),
        row([s("Code"), s("Name"), s("Amount"), s("Share"), s("Date"), s("Flag"), s("Text")]),
        row(['<table:table-cell office:value-type="string"><text:p>E1</text:p></table:table-cell>',
             '<table:table-cell office:value-type="string"><text:p>One<text:s text:c="3"/>two<text:tab/>'
             'three<text:line-break/>four</text:p><text:p>second paragraph</text:p></table:table-cell>',
             '<table:table-cell office:value-type="float" office:value="1234.5"><text:p>1,235</text:p>'
             '</table:table-cell>',
             '<table:table-cell office:value-type="percentage" office:value="0.123"><text:p>12.3%</text:p>'
             '</table:table-cell>',
             '<table:table-cell office:value-type="date" office:date-value="2024-07-23T00:00:00">'
             '<text:p>23/07/2024</text:p></table:table-cell>',
             '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE'
             '</text:p></table:table-cell>',
             '<table:table-cell office:value-type="string"><office:annotation><text:p>a comment</text:p>'
             '</office:annotation><text:p>[x]</text:p></table:table-cell>']),
        row(['<table:table-cell office:value-type="string" table:number-columns-repeated="3"><text:p>rep'
             '</text:p></table:table-cell>', '<table:table-cell table:number-columns-repeated="2"/>',
             '<table:table-cell office:value-type="currency" office:currency="GBP" office:value="-975">'
             '<text:p>-£975.00</text:p></table:table-cell>'], repeat=2),
        row([s("E9"), s("hidden")], attrs=' table:visibility="collapse"'),
        blank(2),
        row([s("Code"), s("Total")]),
        row([s("T1"), '<table:table-cell office:value-type="float" office:value="298128.33046999999">'
             '<text:p>298,128</text:p></table:table-cell>']),
    ]
    other = table("Other", [row([s("only sheet two")])])
    doc = document([table("Data", cells), other])
    write_ods("features.ods", doc)
    write_ods("bad_mimetype.ods", doc, mimetype="application/vnd.oasis.opendocument.text")
    write_ods("no_mimetype.ods", doc, mimetype=None)
    data = open(os.path.join(HERE, "features.ods"), "rb").read()
    open(os.path.join(HERE, "truncated.ods"), "wb").write(data[:len(data) * 2 // 3])
    open(os.path.join(HERE, "not_zip.ods"), "wb").write(b"Code,Name\nE1,One\n")
    deep = "<text:span>" * 100 + "x" + "</text:span>" * 100
    write_ods("deep.ods", document([table("Data", [row([s("Code")]), row(
        ['<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % deep])])]))
    huge = document([
        table("Empty", [row([s("Code")]), ('<table:table-row table:number-rows-repeated="4000000000">'
                                          '<table:table-cell table:number-columns-repeated="99999999999"/>'
                                          '</table:table-row>', 0),
                        row([s("E1")])], pad_rows=False),
        table("Wide", [row([s("Code")]), ('<table:table-row><table:table-cell office:value-type="string" '
                                         'table:number-columns-repeated="4000000000"><text:p>x</text:p>'
                                         '</table:table-cell></table:table-row>', 1)], pad_rows=False),
        table("Tall", [row([s("Code")]), ('<table:table-row table:number-rows-repeated="2000000000">'
                                         '<table:table-cell office:value-type="string"><text:p>x</text:p>'
                                         '</table:table-cell></table:table-row>', 1)], pad_rows=False),
        table("Gap", [row([s("Code")]), ('<table:table-row><table:table-cell table:number-columns-'
                                        'repeated="99999999"/><table:table-cell office:value-type="string">'
                                        '<text:p>far</text:p></table:table-cell></table:table-row>', 1)],
              pad_rows=False)])
    write_ods("huge_repeats.ods", huge)
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
              ']><office:document-content %s><office:body><office:spreadsheet><table:table table:name="Data">'
              '<table:table-row><table:table-cell><text:p>&lol2;</text:p></table:table-cell></table:table-row>'
              '</table:table></office:spreadsheet></office:body></office:document-content>' % NS)
    write_ods("doctype.ods", laughs)
    # An outcomes sheet with a grade Ofsted does not give: named by sheet, row, column.
    header = ["Web link", "Local authority area code", "Local authority name", "Ofsted region", "Inspection date",
              "Publication date", "Overall effectiveness"]
    write_ods("bad_grade.ods", document([table("Inspections_as_at_31_March", [
        row([s("Local authority inspection judgements as at 31 March 2025")]),
        row([s("This worksheet contains one table.")]),
        row([s(h) for h in header]),
        row([s("Ofsted Local Authority Webpage"), s("E10000020"), s("Norfolk"), s("East of England"),
             date("2022-11-07"), date("2023-01-13"), s("Good")]),
        row([s("Ofsted Local Authority Webpage"), s("E08000027"), s("Dudley"), s("West Midlands"),
             date("2022-11-07"), date("2023-01-13"), s("Goodish")])])]))


def make_bomb():
    """A zip bomb: 300 MB of spaces inside the root element, 300 KB compressed."""
    path = os.path.join(HERE, "bomb.ods")
    info = zipfile.ZipInfo("content.xml", (1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        with z.open(info, "w", force_zip64=False) as f:
            f.write(('<?xml version="1.0"?><office:document-content %s>' % NS).encode())
            chunk = b" " * (1 << 20)
            for _ in range(300):
                f.write(chunk)
            f.write(b"</office:document-content>")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    make_small()
    make_bomb()
    make_history(sys.argv[1])
    make_ro3(sys.argv[1])

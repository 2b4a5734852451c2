#!/usr/bin/env python3
"""pdfboxes: checks on where the words of a PDF stand, from poppler's
`pdftotext -bbox-layout`, as a reader would see them.  Each check prints one
line per fault ("page N: ...") and exits 1 when it found any.

  pdfboxes.py overlaps FILE.pdf
      no two words on a page overlap (a collision of labels, a cell spilling
      into the next one).
  pdfboxes.py inside FILE.pdf MARGIN_MM
      every word is within the left and right margins, and within 6 mm of
      the top and foot of the page (the running header and footer sit in the
      top and bottom margins).
  pdfboxes.py headings FILE.pdf MARGIN_MM
      no page but the first ends with a heading (a line of type 11.5 pt or
      larger) left alone at its foot.
  pdfboxes.py sparse FILE.pdf MARGIN_MM
      no page but the cover, the contents and the last ends within the top
      quarter of its text area (a near-empty page).
  pdfboxes.py pages FILE.pdf MARGIN_MM
      overlaps, inside, headings and sparse at once.
  pdfboxes.py columns FILE.pdf FIRST_HEADER [PAGE]
      in every table whose header row starts with the word FIRST_HEADER (on
      PAGE, or on every page), each word of the rows lies in one column:
      it starts in a column and ends, with the cell's padding (1.5 mm each
      side), before the next column's header begins.  A word of a grade
      badge has the badge's own padding too, so a badge whose fill spills
      into the next column fails.
  pdfboxes.py between FILE.pdf FIRST LAST
      prints, one a line, the words after the first line that starts with the
      phrase FIRST, up to the next line on that page that starts with LAST
      (a chart's words: from its title to its source note).
  pdfboxes.py find FILE.pdf WORD
      prints "page x0 y0 x1 y1" for every word equal to WORD (for scripts).
"""
import html
import re
import subprocess
import sys

PT_PER_MM = 72 / 25.4
CELL_PAD = 1.5 * PT_PER_MM
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def pages(path):
    """[(width, height, [(x0, y0, x1, y1, text)])] per page, y down from the top."""
    out = subprocess.run(["pdftotext", "-bbox-layout", path, "-"], capture_output=True,
                         text=True, check=True).stdout
    result = []
    for line in out.splitlines():
        m = PAGE.search(line)
        if m:
            result.append((float(m.group(1)), float(m.group(2)), []))
            continue
        m = WORD.search(line)
        if m and result:
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            result[-1][2].append((x0, y0, x1, y1, html.unescape(m.group(5))))
    return result


def overlaps(pgs):
    faults = []
    for n, (_, _, words) in enumerate(pgs, 1):
        words = sorted(words)
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if b[0] >= a[2] - 0.5:
                    break
                dx = min(a[2], b[2]) - max(a[0], b[0])
                dy = min(a[3], b[3]) - max(a[1], b[1])
                if dx > 0.5 and dy > 1.0:
                    faults.append(f"page {n}: \"{a[4]}\" and \"{b[4]}\" overlap at x {b[0]:.0f}, y {b[1]:.0f}")
    return faults


def inside(pgs, margin_mm):
    faults = []
    m = float(margin_mm) * PT_PER_MM
    for n, (w, h, words) in enumerate(pgs, 1):
        for x0, y0, x1, y1, t in words:
            if x0 < m - 0.5 or x1 > w - m + 0.5 or y0 < 6 * PT_PER_MM or y1 > h - 6 * PT_PER_MM:
                faults.append(f"page {n}: \"{t}\" at x {x0:.1f}-{x1:.1f}, y {y0:.1f}-{y1:.1f} is outside the text area")
    return faults


def headings(pgs, margin_mm):
    faults = []
    m = float(margin_mm) * PT_PER_MM
    for n, (_, h, words) in enumerate(pgs, 1):
        body = [w for w in words if w[1] >= m - 1 and w[3] <= h - m + 1]
        lines = rows_of(body)
        if n == 1 or not lines:
            continue
        last = lines[-1]
        # pdftotext's box is 1.117 times the type size: 11.5 pt gives 12.8.
        if min(w[3] - w[1] for w in last) >= 12.5:
            faults.append(f"page {n}: the heading \"{' '.join(w[4] for w in last)}\" is alone at the foot")
    return faults


def sparse(pgs, margin_mm):
    faults = []
    m = float(margin_mm) * PT_PER_MM
    all_pages = pgs
    for n, (_, h, words) in enumerate(all_pages, 1):
        body = [w for w in words if w[1] >= m - 1 and w[3] <= h - m + 1]
        lines = rows_of(body)
        if n == 1 or n == len(all_pages) or not lines or lines[0][0][4] == "Contents":
            continue
        end = lines[-1][0][3]
        if end - m < (h - 2 * m) / 4:
            faults.append(f"page {n} is nearly empty: it ends with \"{' '.join(w[4] for w in lines[-1])}\"")
    return faults


def rows_of(words):
    """Words grouped into lines by their baseline (yMax), top to bottom."""
    lines = []
    for w in sorted(words, key=lambda w: (w[3], w[0])):
        if lines and abs(lines[-1][0] - w[3]) < 1.5:
            lines[-1][1].append(w)
        else:
            lines.append((w[3], [w]))
    return [sorted(ws) for _, ws in lines]


def columns(pgs, first, only_page=None):
    faults = []
    tables = 0
    for n, (w, _, words) in enumerate(pgs, 1):
        if only_page is not None and n != int(only_page):
            continue
        lines = rows_of(words)
        for i, line in enumerate(lines):
            if line[0][4] != first:
                continue
            tables += 1
            # Header cells: words closer than 6 pt belong to one cell.
            starts = [line[0][0]]
            for a, b in zip(line, line[1:]):
                if b[0] - a[2] > 6:
                    starts.append(b[0])
            bounds = starts[1:] + [w]
            # The rows: lines below, until a gap of more than 25 pt.
            last_y = line[0][3]
            for row in lines[i + 1:]:
                if row[0][3] - last_y > 25:
                    break
                last_y = row[0][3]
                for x0, _, x1, _, t in row:
                    col = max([k for k, s in enumerate(starts) if s <= x0 + 0.5] or [0])
                    if x1 > bounds[col] - 2 * CELL_PAD + 0.3:
                        faults.append(f"page {n}: \"{t}\" (x {x0:.1f}-{x1:.1f}) runs past its column's end at {bounds[col]:.1f}")
    if tables == 0:
        faults.append(f"no table header starting with \"{first}\"")
    return faults


def between(pgs, first, last):
    for _, _, words in pgs:
        lines = [" ".join(w[4] for w in line) for line in rows_of(words)]
        texts = rows_of(words)
        for i, line in enumerate(lines):
            if not line.startswith(first):
                continue
            for text, ws in zip(lines[i + 1:], texts[i + 1:]):
                if text.startswith(last):
                    return []
                for w in ws:
                    print(w[4])
            return []
    return [f"no line starts with \"{first}\""]


def find(pgs, word):
    for n, (_, _, words) in enumerate(pgs, 1):
        for x0, y0, x1, y1, t in words:
            if t == word:
                print(n, f"{x0:.2f} {y0:.2f} {x1:.2f} {y1:.2f}")
    return []


def everything(pgs, margin_mm):
    return overlaps(pgs) + inside(pgs, margin_mm) + headings(pgs, margin_mm) + sparse(pgs, margin_mm)


def main(argv):
    checks = {"overlaps": overlaps, "inside": inside, "headings": headings, "sparse": sparse, "columns": columns, "between": between, "find": find,
              "pages": everything}
    if len(argv) < 3 or argv[1] not in checks:
        print(__doc__, file=sys.stderr)
        return 2
    faults = checks[argv[1]](pages(argv[2]), *argv[3:])
    for f in faults[:20]:
        print(f)
    if len(faults) > 20:
        print(f"... and {len(faults) - 20} more")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

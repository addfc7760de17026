"""Long tables drawn straight into a PDF's pages: HarfBuzz shapes the text (the same Sarabun files WeasyPrint uses),
PyThaiNLP says where a Thai line may break, and each line's glyphs go into the page's content stream.

WeasyPrint lays out a table of a thousand rows in about ten seconds on the 2-core machine (a box per cell, a Pango
layout per line, a cascade per element); the reports' lists of publications are such tables. This draws them in a
fraction of that. It does only what those lists need: columns of fixed width, cells of one or more paragraphs (a
normal one, then smaller ones), left- or right-aligned, the header row repeated on every page, a row never split
across pages, a heading above the first row, the page number at the top and a running line at the foot, as the
reports' ``@page`` rules draw them on WeasyPrint's pages.

The pages are added to WeasyPrint's own PDF (``documents.generate.pdf_with_long_table``), so one file comes out.

Text extraction: a glyph has one meaning per PDF font (its ToUnicode map). Sarabun draws ``ำ`` as NIKHAHIT + SARA AA,
and that SARA AA is the glyph of a plain ``า``; a glyph that would need a second meaning is drawn through another
PDF font over the same embedded file (a "variant") whose map gives it that meaning, so search and copy give back the
text as written.
"""

import functools
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings

FONT_DIR = settings.BASE_DIR / "static" / "fonts" / "sarabun"

PT_PER_MM = 72 / 25.4
A4_LANDSCAPE = (297 * PT_PER_MM, 210 * PT_PER_MM)
THAI = re.compile("[\u0e00-\u0e7f]")


@dataclass(frozen=True)
class Column:
    heading: str
    width: float  # share of the table's width
    align: str = "left"  # or "right"


@dataclass(frozen=True)
class Paragraph:
    text: str
    small: bool = False


# -- Fonts ----------------------------------------------------------------------------------------------------------


class _Face:
    """One font file: its bytes as TrueType (the files ship as WOFF2), metrics in 1/1000 em, a HarfBuzz font."""

    def __init__(self, path):
        import uharfbuzz as hb
        from fontTools.ttLib import TTFont

        font = TTFont(str(path))
        font.flavor = None
        buffer = io.BytesIO()
        font.save(buffer)
        self.data = buffer.getvalue()
        self.scale = 1000 / font["head"].unitsPerEm
        self.ascent = font["hhea"].ascent * self.scale
        self.descent = font["hhea"].descent * self.scale
        head = font["head"]
        self.bbox = [round(v * self.scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)]
        self.cap_height = round(getattr(font["OS/2"], "sCapHeight", 0) * self.scale) or round(self.ascent)
        self.name = font["name"].getDebugName(6) or path.stem
        self.codepoints = frozenset(font.getBestCmap())
        metrics = font["hmtx"].metrics
        self.advances = [round(metrics[name][0] * self.scale) for name in font.getGlyphOrder()]
        self.hb_font = hb.Font(hb.Face(hb.Blob(self.data)))


@functools.cache
def _faces(bold: bool) -> tuple[_Face, _Face]:
    """(Latin, Thai) faces of a weight, loaded once per process."""
    weight = 700 if bold else 400
    return (
        _Face(FONT_DIR / f"sarabun-latin-{weight}-normal.woff2"),
        _Face(FONT_DIR / f"sarabun-thai-{weight}-normal.woff2"),
    )


@functools.cache
def _break_opportunities(text: str) -> tuple[int, ...]:
    """Offsets in ``text`` where a line may break: between Thai words (PyThaiNLP) and after spaces."""
    from pythainlp.tokenize import word_tokenize

    from search.segmentation import ENGINE

    offsets, position = [], 0
    for token in word_tokenize(text, engine=ENGINE, keep_whitespace=True) if THAI.search(text) else text.split(" "):
        position += len(token)
        offsets.append(position)
        if not THAI.search(text):
            position += 1  # the space split() removed
            offsets.append(position)
    return tuple(sorted({offset for offset in offsets if 0 < offset < len(text)}))


class _Glyph:
    __slots__ = ("face", "gid", "cluster", "advance", "x_offset", "y_offset", "text")

    def __init__(self, face, gid, cluster, advance, x_offset, y_offset):
        self.face = face
        self.gid = gid
        self.cluster = cluster  # offset in the paragraph's text
        self.advance = advance  # in 1/1000 em, as are the offsets
        self.x_offset = x_offset
        self.y_offset = y_offset
        self.text = ""  # what it means: the text of its cluster on the cluster's first glyph, "" on the others


RUNS = re.compile("[\u0e00-\u0e7f]+|[^\u0e00-\u0e7f]+")


def _shape(text: str, bold: bool) -> list[_Glyph]:
    """The glyphs of ``text``: Thai runs in the Thai face, the rest in the Latin one, each run shaped by HarfBuzz."""
    import uharfbuzz as hb

    latin, thai = _faces(bold)
    glyphs = []
    for run in RUNS.finditer(text):
        start, end = run.span()
        face = thai if THAI.match(text, start) else latin
        buffer = hb.Buffer()
        buffer.add_str(run.group())
        buffer.guess_segment_properties()
        hb.shape(face.hb_font, buffer)
        scale = face.scale
        shaped = [
            _Glyph(
                face,
                info.codepoint,
                start + info.cluster,
                position.x_advance * scale,
                position.x_offset * scale,
                position.y_offset * scale,
            )
            for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
        ]
        clusters = sorted({glyph.cluster for glyph in shaped}) + [end]
        following = dict(zip(clusters, clusters[1:], strict=False))
        previous = None
        for glyph in shaped:
            if glyph.cluster != previous:
                previous = glyph.cluster
                glyph.text = text[glyph.cluster : following[glyph.cluster]]
        glyphs.extend(shaped)
    return glyphs


# -- Layout ---------------------------------------------------------------------------------------------------------


@dataclass
class _Line:
    glyphs: list
    width: float  # points
    size: float
    bold: bool


@functools.lru_cache(maxsize=20000)
def _lines(paragraph: Paragraph, width: float, size: float, bold: bool) -> tuple[_Line, ...]:
    """``paragraph`` broken into lines of at most ``width`` points (a word longer than a line is cut between its
    characters, never before a combining mark)."""
    text = unicodedata.normalize("NFC", " ".join(paragraph.text.split()))
    if not text:
        return ()
    glyphs = _shape(text, bold)
    factor = size / 1000
    # Width of each cluster start -> the glyphs up to the next break.
    breaks = set(_break_opportunities(text))
    cuttable = {i for i in range(1, len(text)) if unicodedata.category(text[i]) not in ("Mn", "Mc")}
    lines, current, current_width = [], [], 0.0
    segment, segment_width = [], 0.0

    def flush_segment():
        nonlocal current, current_width, segment, segment_width
        if current and current_width + segment_width > width:
            lines.append(_trimmed(current, size, bold, factor))
            current, current_width = [], 0.0
            while segment and segment[0].text == " ":
                segment_width -= segment[0].advance * factor
                segment = segment[1:]
        while current_width + segment_width > width and len(segment) > 1:
            # A single word wider than the line: cut it where a character may be cut.
            cut, used = 0, 0.0
            for index, glyph in enumerate(segment):
                if index and glyph.text and glyph.cluster in cuttable and used + glyph.advance * factor > width:
                    cut = index
                    break
                used += glyph.advance * factor
            if not cut:
                break
            lines.append(_trimmed(segment[:cut], size, bold, factor))
            segment = segment[cut:]
            segment_width = sum(g.advance for g in segment) * factor
        current += segment
        current_width += segment_width
        segment, segment_width = [], 0.0

    for glyph in glyphs:
        if glyph.text and glyph.cluster in breaks and segment:
            flush_segment()
        segment.append(glyph)
        segment_width += glyph.advance * factor
    flush_segment()
    if current:
        lines.append(_trimmed(current, size, bold, factor))
    return tuple(lines)


def clear_caches():
    """Forget the lines laid out so far (the fonts stay loaded): for benchmarks that time a first layout."""
    _lines.cache_clear()
    _break_opportunities.cache_clear()


def _trimmed(glyphs, size, bold, factor) -> _Line:
    while glyphs and glyphs[-1].text == " ":
        glyphs = glyphs[:-1]
    return _Line(glyphs, sum(g.advance for g in glyphs) * factor, size, bold)


@dataclass
class _Cell:
    lines: list = field(default_factory=list)  # of _Line
    height: float = 0.0


@dataclass
class _Row:
    cells: list
    height: float


class LongTable:
    """A table drawn on landscape A4 pages of its own; ``rows`` are lists of cells, a cell a list of paragraphs."""

    FONT_SIZE = 11
    SMALL_SIZE = 10
    LINE_HEIGHT = 1.4
    PADDING_X, PADDING_Y = 4, 2
    BORDER = 0.75
    HEADING_SIZE = 16
    MARGINS = (20 * PT_PER_MM, 20 * PT_PER_MM, 20 * PT_PER_MM, 25 * PT_PER_MM)  # top, right, bottom, left

    def __init__(self, columns: list[Column], rows: list[list[list[Paragraph]]], *, heading="", footer=""):
        self.columns = columns
        self.heading = heading
        self.footer = footer
        page_width, self.page_height = A4_LANDSCAPE
        top, right, bottom, left = self.MARGINS
        self.left, self.top = left, top
        self.table_width = page_width - left - right
        self.bottom_limit = self.page_height - bottom
        total = sum(column.width for column in columns)
        self.widths = [self.table_width * column.width / total for column in columns]
        self.header = self._row([[Paragraph(column.heading)] for column in columns], bold=True)
        self.heading_lines = _lines(Paragraph(heading), self.table_width, self.HEADING_SIZE, True) if heading else []
        self.rows = [self._row(cells) for cells in rows]
        self.pages = self._paginate()

    def _row(self, cells, bold=False) -> _Row:
        laid = []
        for paragraphs, width in zip(cells, self.widths, strict=True):
            cell = _Cell()
            for paragraph in paragraphs:
                size = self.SMALL_SIZE if paragraph.small else self.FONT_SIZE
                cell.lines += _lines(paragraph, width - 2 * self.PADDING_X, size, bold)
            cell.height = sum(line.size * self.LINE_HEIGHT for line in cell.lines) + 2 * self.PADDING_Y
            laid.append(cell)
        return _Row(laid, max([cell.height for cell in laid] + [self.FONT_SIZE * self.LINE_HEIGHT]))

    def _heading_height(self):
        return sum(line.size * self.LINE_HEIGHT for line in self.heading_lines) + (4 if self.heading_lines else 0)

    def _paginate(self) -> list[list[_Row]]:
        pages, page = [], []
        available = self.bottom_limit - self.top - self._heading_height() - self.header.height
        for row in self.rows:
            if page and row.height > available:
                pages.append(page)
                page, available = [], self.bottom_limit - self.top - self.header.height
            page.append(row)
            available -= row.height
        pages.append(page)
        return pages

    @property
    def page_count(self) -> int:
        return len(self.pages)

    # -- Drawing into a PDF -----------------------------------------------------------------------------------------

    def add_to(self, pdf, index: int, first_page_number: int):
        """Add the table's pages to the ``pydyf.PDF`` ``pdf`` as its pages ``index``, ``index + 1``..., numbered from
        ``first_page_number``."""
        import pydyf

        fonts = _PdfFonts(pdf)
        references = []
        for number, rows in enumerate(self.pages):
            ops = []
            y = self.top
            if number == 0 and self.heading_lines:
                for line in self.heading_lines:
                    y += line.size * self.LINE_HEIGHT
                    baseline = y - line.size * (self.LINE_HEIGHT - 1) / 2 - 0.25 * line.size
                    self._text(ops, fonts, line, self.left, baseline)
                y += 4
            for row_index, row in enumerate([self.header, *rows]):
                self._draw_row(ops, fonts, row, y, header=row_index == 0)
                y += row.height
            self._page_furniture(ops, fonts, first_page_number + number)
            content = pydyf.Stream(["\n".join(ops).encode("latin-1")], compress=True)
            pdf.add_object(content)
            page = pydyf.Dictionary(
                {
                    "Type": "/Page",
                    "Parent": pdf.pages.reference,
                    "MediaBox": pydyf.Array([0, 0, *(round(v, 3) for v in A4_LANDSCAPE)]),
                    "Contents": content.reference,
                    "Resources": fonts.resources,
                }
            )
            pdf.add_object(page)
            references.append(page.number)
        fonts.finish()
        kids = pdf.pages["Kids"]
        kids[3 * index : 3 * index] = [part for number in references for part in (number, 0, "R")]
        pdf.pages["Count"] += len(references)

    def _y(self, y):
        """PDF's y (from the foot of the page) of a distance ``y`` from the top."""
        return round(self.page_height - y, 2)

    def _draw_row(self, ops, fonts, row, top, header):
        x = self.left
        if header:
            bottom = self._y(top + row.height)
            ops.append(f"0.933 g {x:.2f} {bottom:.2f} {self.table_width:.2f} {row.height:.2f} re f 0 g")
        ops.append(f"{self.BORDER} w")
        for cell, width, column in zip(row.cells, self.widths, self.columns, strict=True):
            ops.append(f"{x:.2f} {self._y(top + row.height):.2f} {width:.2f} {row.height:.2f} re S")
            y = top + self.PADDING_Y
            for line in cell.lines:
                height = line.size * self.LINE_HEIGHT
                if header:
                    line_x = x + (width - line.width) / 2
                elif column.align == "right":
                    line_x = x + width - self.PADDING_X - line.width
                else:
                    line_x = x + self.PADDING_X
                # Baseline: the line box's half-leading, then the font's ascent (Sarabun: 1.068 em, descent 0.232).
                baseline = y + (height - line.size * 1.3) / 2 + line.size * 1.068
                self._text(ops, fonts, line, line_x, baseline)
                y += height
            x += width

    def _page_furniture(self, ops, fonts, number):
        top, right, bottom, _ = self.MARGINS
        page_width = A4_LANDSCAPE[0]
        for text, size, align, baseline, gray in (
            (f"- {number} -", 14, "center", top / 2 + 5, None),
            (self.footer, 10, "right", self.page_height - bottom / 2 + 3.5, 0.267),
        ):
            if not text:
                continue
            line = _lines(Paragraph(text), page_width, size, False)[0]
            x = (page_width - line.width) / 2 if align == "center" else page_width - right - line.width
            if gray is not None:
                ops.append(f"{gray} g")
            self._text(ops, fonts, line, x, baseline)
            if gray is not None:
                ops.append("0 g")

    def _text(self, ops, fonts, line: _Line, x, baseline):
        """One line's glyphs from (``x``, ``baseline``): TJ arrays with HarfBuzz's advances and offsets, the text rise
        for a glyph set above or below the line (Thai marks)."""
        size = line.size
        ops.append(f"BT 1 0 0 1 {x:.2f} {self._y(baseline):.2f} Tm")
        current_font, parts, rise = None, [], 0.0

        def close():
            if parts:
                ops.append(f"[{' '.join(parts)}] TJ")
                parts.clear()

        for glyph in line.glyphs:
            font = fonts.font_for(glyph)
            if font != current_font:
                close()
                ops.append(f"/{font} {size} Tf")
                current_font = font
            if glyph.y_offset != rise:
                close()
                rise = glyph.y_offset
                ops.append(f"{rise * size / 1000:.2f} Ts")
            width = glyph.face.advances[glyph.gid] if glyph.gid < len(glyph.face.advances) else 0
            if glyph.x_offset:
                parts.append(f"{-glyph.x_offset:.0f}")
            parts.append(f"<{glyph.gid:04x}>")
            adjust = glyph.advance - glyph.x_offset - width
            if abs(adjust) >= 0.5:
                parts.append(f"{-adjust:.0f}")
        close()
        if rise:
            ops.append("0 Ts")
        ops.append("ET")


class _PdfFonts:
    """The PDF fonts of one table: per face, variants that share its embedded file and differ in their ToUnicode
    maps (a glyph means one text per font)."""

    def __init__(self, pdf):
        self.pdf = pdf
        self.files = {}  # face -> FontDescriptor reference
        self.variants = {}  # face -> list of (resource name, {gid: text})
        self.resources_fonts = {}
        import pydyf

        self.resources = pydyf.Dictionary({"Font": pydyf.Dictionary({})})

    def font_for(self, glyph) -> str:
        variants = self.variants.setdefault(glyph.face, [])
        for name, meanings in variants:
            if meanings.get(glyph.gid, glyph.text) == glyph.text:
                meanings[glyph.gid] = glyph.text
                return name
        name = f"LT{len(self.resources_fonts)}"
        variants.append((name, {glyph.gid: glyph.text}))
        self.resources_fonts[name] = glyph.face
        return name

    def finish(self):
        import pydyf

        fonts = self.resources["Font"]
        for face, variants in self.variants.items():
            descriptor = self._descriptor(face)
            for name, meanings in variants:
                used = sorted(meanings)
                widths = pydyf.Array()
                for gid in used:
                    widths.extend([gid, pydyf.Array([face.advances[gid] if gid < len(face.advances) else 0])])
                cid_font = pydyf.Dictionary(
                    {
                        "Type": "/Font",
                        "Subtype": "/CIDFontType2",
                        "BaseFont": pydyf.name(face.name),
                        "CIDSystemInfo": pydyf.Dictionary(
                            {"Registry": pydyf.String("Adobe"), "Ordering": pydyf.String("Identity"), "Supplement": 0}
                        ),
                        "FontDescriptor": descriptor,
                        "W": widths,
                        "CIDToGIDMap": "/Identity",
                    }
                )
                self.pdf.add_object(cid_font)
                to_unicode = pydyf.Stream([_cmap(meanings).encode("ascii")], compress=True)
                self.pdf.add_object(to_unicode)
                font = pydyf.Dictionary(
                    {
                        "Type": "/Font",
                        "Subtype": "/Type0",
                        "BaseFont": pydyf.name(face.name),
                        "Encoding": "/Identity-H",
                        "DescendantFonts": pydyf.Array([cid_font.reference]),
                        "ToUnicode": to_unicode.reference,
                    }
                )
                self.pdf.add_object(font)
                fonts[name] = font.reference

    def _descriptor(self, face):
        import pydyf

        file = pydyf.Stream([face.data], {"Length1": len(face.data)}, compress=True)
        self.pdf.add_object(file)
        descriptor = pydyf.Dictionary(
            {
                "Type": "/FontDescriptor",
                "FontName": pydyf.name(face.name),
                "Flags": 32,
                "FontBBox": pydyf.Array(face.bbox),
                "ItalicAngle": 0,
                "Ascent": round(face.ascent),
                "Descent": round(face.descent),
                "CapHeight": face.cap_height,
                "StemV": 80,
                "FontFile2": file.reference,
            }
        )
        self.pdf.add_object(descriptor)
        return descriptor.reference


def _cmap(meanings: dict[int, str]) -> str:
    """A ToUnicode CMap: each glyph id to its text in UTF-16BE (a glyph with no text of its own maps to nothing)."""
    entries = []
    for gid, text in sorted(meanings.items()):
        entries.append(f"<{gid:04x}> <{text.encode('utf-16-be').hex()}>")
    chunks = [entries[i : i + 100] for i in range(0, len(entries), 100)]
    body = "\n".join(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar" for chunk in chunks)
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n"
        f"{body}\nendcmap\nCMapName currentdict /CMapResource defineresource pop\nend\nend"
    )

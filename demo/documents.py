"""Real downloadable files made from the text in the fixtures: PDF (fpdf2) and DOCX (python-docx).

A document spec is a dict with `title`, optional `subtitle`, `kind` and `sections`; a section
has a `heading` and any of `paragraphs`, `bullets`, `steps` (numbered), `checklist` (boxes to
tick) and `table` ({"header": [...], "rows": [[...], ...]}). Output is deterministic: fixed
creation dates and zip timestamps, so an unchanged spec gives the same bytes.
"""

import datetime
import io
import zipfile

from docx import Document
from docx.shared import Pt, RGBColor
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

PUBLISHER = "Kenniscentrum (cyber)pesten"
FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
LICENCE_LABELS = {
    "cc-by-4.0": "Creative Commons Naamsvermelding 4.0 (CC BY 4.0)",
    "cc-by-sa-4.0": "Creative Commons Naamsvermelding-GelijkDelen 4.0 (CC BY-SA 4.0)",
    "cc-by-nc-sa-4.0": "Creative Commons Naamsvermelding-NietCommercieel-GelijkDelen 4.0",
    "alle-rechten": "Alle rechten voorbehouden",
}
# PDFs use the built-in Helvetica with Windows-1252 encoding: it covers Dutch (ë, é, ï, ...),
# curly quotes, dashes, the euro sign and bullets, embeds no font file (small, fast files) and
# needs no fonts on the machine. The few characters outside that encoding are replaced.
_CP1252_REPLACEMENTS = str.maketrans({"→": "»", "≥": ">=", "≤": "<=", "‒": "–", "☐": "[ ]"})


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


class _Pdf(FPDF):
    def __init__(self, spec: dict, colour: str, landscape: bool = False):
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="A4")
        self.spec = spec
        self.colour = _rgb(colour)
        self.core_fonts_encoding = "windows-1252"
        self.family = "Helvetica"
        self.set_creation_date(FIXED_DATE)
        self.set_lang("nl-BE")
        self.set_title(spec["title"])
        self.set_author(PUBLISHER)
        self.set_creator(PUBLISHER)
        self.set_auto_page_break(auto=True, margin=20)
        self.set_margins(20, 20, 20)

    def t(self, text: str) -> str:
        return text.translate(_CP1252_REPLACEMENTS).encode("cp1252", "replace").decode("cp1252")

    def footer(self):
        self.set_y(-14)
        self.set_font(self.family, "", 8)
        self.set_text_color(90, 90, 90)
        licence = LICENCE_LABELS.get(self.spec.get("licence", "cc-by-4.0"), "")
        self.cell(0, 5, self.t(f"{PUBLISHER} · {licence}"), align="L")
        self.set_x(-40)
        self.cell(20, 5, f"p. {self.page_no()}", align="R")


def build_pdf(spec: dict, colour: str = "#1f5f8b") -> bytes:
    """A PDF with a coloured title band, sections, lists, checklists and tables."""
    poster = spec.get("kind") == "affiche"
    pdf = _Pdf(spec, colour, landscape=False)
    pdf.add_page()
    r, g, b = pdf.colour

    # Title band.
    band = 95 if poster else 48
    pdf.set_fill_color(r, g, b)
    pdf.rect(0, 0, pdf.w, band, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(20, 14)
    pdf.set_font(pdf.family, "", 10)
    pdf.cell(0, 6, pdf.t(spec.get("series", PUBLISHER)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.family, "B", 30 if poster else 20)
    pdf.multi_cell(
        0, 14 if poster else 9, pdf.t(spec["title"]), new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    if spec.get("subtitle"):
        pdf.set_font(pdf.family, "", 14 if poster else 11)
        pdf.multi_cell(
            0, 7 if poster else 6, pdf.t(spec["subtitle"]), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    pdf.set_y(band + 10)

    body_size = 15 if poster else 10.5
    line = 8 if poster else 5.6
    for section in spec.get("sections", []):
        if pdf.get_y() > pdf.h - 50:
            pdf.add_page()
        pdf.set_text_color(r, g, b)
        pdf.set_font(pdf.family, "B", 20 if poster else 14)
        pdf.multi_cell(
            0, 10 if poster else 7, pdf.t(section["heading"]), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.ln(1.5)
        pdf.set_text_color(30, 30, 30)
        pdf.set_font(pdf.family, "", body_size)
        for paragraph in section.get("paragraphs", []):
            pdf.multi_cell(0, line, pdf.t(paragraph), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)
        for item in section.get("bullets", []):
            pdf.set_x(24)
            pdf.cell(5, line, pdf.t("•"))
            pdf.multi_cell(0, line, pdf.t(item), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(0.8)
        for number, item in enumerate(section.get("steps", []), start=1):
            pdf.set_x(22)
            pdf.set_font(pdf.family, "B", body_size)
            pdf.cell(8, line, f"{number}.")
            pdf.set_font(pdf.family, "", body_size)
            pdf.multi_cell(0, line, pdf.t(item), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(0.8)
        for item in section.get("checklist", []):
            if pdf.get_y() > pdf.h - 30:
                pdf.add_page()
            y = pdf.get_y()
            pdf.set_draw_color(r, g, b)
            pdf.set_line_width(0.4)
            pdf.rect(23, y + 1, 4, 4)
            pdf.set_x(31)
            pdf.multi_cell(0, line, pdf.t(item), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1.2)
        table = section.get("table")
        if table:
            pdf.set_font(pdf.family, "", 9.5)
            with pdf.table(
                headings_style=_heading_style(pdf),
                line_height=5.5,
                text_align="LEFT",
                first_row_as_headings=True,
            ) as pdf_table:
                for row in [table["header"], *table["rows"]]:
                    cells = pdf_table.row()
                    for value in row:
                        cells.cell(pdf.t(value))
            pdf.set_font(pdf.family, "", body_size)
        pdf.ln(4)

    if spec.get("source"):
        pdf.set_font(pdf.family, "", 8.5)
        pdf.set_text_color(90, 90, 90)
        pdf.multi_cell(0, 4.5, pdf.t(spec["source"]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _heading_style(pdf):
    r, g, b = pdf.colour
    return FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=(r, g, b))


def build_docx(spec: dict, colour: str = "#1f5f8b") -> bytes:
    """A Word document (DOCX) editors and teachers can adapt: headings, lists and tables."""
    document = Document()
    props = document.core_properties
    props.title = spec["title"]
    props.author = PUBLISHER
    props.language = "nl-BE"
    props.created = FIXED_DATE.replace(tzinfo=None)
    props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_modified_by = PUBLISHER
    props.revision = 1

    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    r, g, b = _rgb(colour)

    series = document.add_paragraph(spec.get("series", PUBLISHER))
    series.runs[0].font.color.rgb = RGBColor(r, g, b)
    heading = document.add_heading(spec["title"], level=0)
    for run in heading.runs:
        run.font.color.rgb = RGBColor(r, g, b)
    if spec.get("subtitle"):
        document.add_paragraph(spec["subtitle"]).runs[0].italic = True

    for section in spec.get("sections", []):
        document.add_heading(section["heading"], level=1)
        for paragraph in section.get("paragraphs", []):
            document.add_paragraph(paragraph)
        for item in section.get("bullets", []):
            document.add_paragraph(item, style="List Bullet")
        for item in section.get("steps", []):
            document.add_paragraph(item, style="List Number")
        for item in section.get("checklist", []):
            document.add_paragraph(f"☐ {item}")
        table = section.get("table")
        if table:
            grid = document.add_table(rows=1, cols=len(table["header"]))
            grid.style = "Light Grid Accent 1"
            for cell, text in zip(grid.rows[0].cells, table["header"], strict=True):
                cell.text = text
            for row in table["rows"]:
                cells = grid.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text

    footer = document.sections[0].footer.paragraphs[0]
    footer.text = f"{PUBLISHER} · {LICENCE_LABELS.get(spec.get('licence', 'cc-by-4.0'), '')}"
    if spec.get("source"):
        document.add_paragraph(spec["source"]).runs[0].font.size = Pt(9)

    raw = io.BytesIO()
    document.save(raw)
    return _normalise_zip(raw.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps, so identical content gives identical bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def build(spec: dict, colour: str = "#1f5f8b") -> tuple[bytes, str]:
    """Return the file's bytes and its extension, chosen by the spec's `filename`."""
    extension = spec["filename"].rsplit(".", 1)[-1].lower()
    if extension == "pdf":
        return build_pdf(spec, colour), extension
    if extension == "docx":
        return build_docx(spec, colour), extension
    raise ValueError(f"Unsupported demo document format: {spec['filename']}")

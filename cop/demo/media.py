"""Demo images and attachments for a few case studies, drawn and written here.

Each image is a simple before-and-after bar chart drawn with Pillow from the figures in
the case study; each attachment is a short PDF or text document generated from the
lines below. Nothing is copied from elsewhere. `cop.demo.builders` files them in the
case study's community collection, so they follow the community's privacy.
"""

import textwrap
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

# Case study slug -> the images and attachments it shows.
MEDIA_BY_CASE_STUDY = {
    # Channel shift (open)
    "garden-waste-subscriptions-online": {
        "images": [
            {
                "title": "Garden waste renewals taken online",
                "chart": {
                    "heading": "Garden waste renewals taken online",
                    "unit": "%",
                    "bars": [("Before (2022)", 34), ("After (2023)", 91)],
                },
                "caption": "Renewals taken online rose from 34% before the new form to 91% "
                "in its first season.",
                "alt_text": "",
            }
        ],
        "attachments": [
            {
                "title": "Garden waste renewals: what residents told us",
                "file": "garden-waste-research-summary.pdf",
                "description": "A one-page summary of the paper prototype sessions with eight "
                "residents, and what we changed as a result.",
                "lines": [
                    "Garden waste renewals: what residents told us",
                    "",
                    "We tested a paper prototype of the renewal form with eight residents at "
                    "the council offices in January 2023.",
                    "",
                    "What we heard",
                    "- Six of eight looked for their customer number first; only two had it.",
                    "- Everyone expected to find their address by postcode.",
                    "- Three people wanted to know the collection day before paying.",
                    "",
                    "What we changed",
                    "- Removed the customer number; the address lookup finds the property.",
                    "- Showed the collection day on the confirmation page and in the email.",
                    "- Put a short web address on the renewal letter.",
                ],
            }
        ],
    },
    # Agile delivery (open)
    "show-and-tells-not-project-boards": {
        "images": [
            {
                "title": "Median days to a project decision",
                "chart": {
                    "heading": "Median days to a project decision",
                    "unit": " days",
                    "bars": [("Project boards", 31), ("Show and tells", 6)],
                },
                "caption": "",
                "alt_text": "Bar chart: the median time to a project decision fell from 31 "
                "days with project boards to 6 days with fortnightly show and tells.",
            }
        ],
        "attachments": [
            {
                "title": "Show and tell running order (template)",
                "file": "show-and-tell-running-order.txt",
                "description": "The 30-minute running order our teams use, to copy and adapt.",
                "lines": [
                    "Show and tell running order (30 minutes)",
                    "",
                    "1. Where we are (2 minutes): the goal for this fortnight, in one line.",
                    "2. What we learned (5 minutes): research findings, with quotes.",
                    "3. What we built (10 minutes): the working software, not slides.",
                    "4. Decisions needed (8 minutes): each with a recommendation and an owner.",
                    "5. What is next (5 minutes): the goal for the next fortnight.",
                    "",
                    "Send the recording and the decisions to everyone invited the same day.",
                ],
            }
        ],
    },
    # Digital leaders' network (private)
    "erp-replacement-business-case": {
        "images": [
            {
                "title": "ERP programme cost against budget",
                "chart": {
                    "heading": "ERP programme cost against the original budget",
                    "unit": "%",
                    "bars": [("Original budget", 100), ("Final cost", 138)],
                },
                "caption": "The programme cost 38% more than its original budget.",
                "alt_text": "",
            }
        ],
        "attachments": [
            {
                "title": "ERP recovery plan: summary of the assurance review",
                "file": "erp-assurance-review-summary.pdf",
                "description": "The independent assurance review's recommendations, as "
                "reported to the audit committee.",
                "lines": [
                    "ERP recovery plan: summary of the assurance review",
                    "",
                    "The review was commissioned in month 18 of the programme and reported "
                    "in month 20. Its recommendations:",
                    "",
                    "1. Give the design authority the power to refuse customisations, "
                    "backed by the chief executive.",
                    "2. Put budget holders in charge of the cost centre structure.",
                    "3. Re-plan data migration with three full trial loads before go-live.",
                    "4. Report savings against the business case every quarter.",
                    "",
                    "All four were accepted. Savings so far are about £700,000 a year.",
                ],
            }
        ],
    },
}

# GOV.UK colours.
BLACK, GREY, BLUE, GREEN, WHITE = "#0b0c0c", "#505a5f", "#1d70b8", "#00703c", "#ffffff"
CHART_SIZE = (1200, 675)


def _font(size: int):
    return ImageFont.load_default(size=size)  # Pillow's own font, scalable with FreeType


def chart_png(*, heading: str, bars: list[tuple[str, float]], unit: str = "") -> bytes:
    """A bar chart with a heading, a labelled bar for each value and a baseline."""
    width, height = CHART_SIZE
    picture = Image.new("RGB", CHART_SIZE, WHITE)
    draw = ImageDraw.Draw(picture)
    draw.text((60, 40), heading, fill=BLACK, font=_font(44))
    top, baseline, left = 150, height - 110, 60
    draw.line([(left, baseline), (width - 60, baseline)], fill=BLACK, width=3)
    highest = max(value for _label, value in bars) or 1
    slot = (width - 2 * left) / len(bars)
    for index, (label, value) in enumerate(bars):
        x0 = left + slot * index + slot * 0.2
        x1 = left + slot * (index + 1) - slot * 0.2
        y0 = baseline - (baseline - top - 50) * value / highest
        draw.rectangle([(x0, y0), (x1, baseline)], fill=BLUE if index == 0 else GREEN)
        draw.text(
            ((x0 + x1) / 2, y0 - 12),
            f"{value:,g}{unit}",
            fill=BLACK,
            font=_font(40),
            anchor="ms",
        )
        draw.text(((x0 + x1) / 2, baseline + 20), label, fill=GREY, font=_font(32), anchor="mt")
    buffer = BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _pdf_text(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252", errors="replace")


def simple_pdf(*, title: str, lines: list[str]) -> bytes:
    """A one-page A4 PDF: the first line as a heading, the rest as wrapped text."""
    content = [b"BT", b"56 780 Td", b"/F1 16 Tf", b"(" + _pdf_text(lines[0]) + b") Tj"]
    content += [b"/F2 11 Tf", b"15 TL", b"T*", b"T*"]
    for line in lines[1:]:
        for part in textwrap.wrap(line, 90) or [""]:
            content.append(b"(" + _pdf_text(part) + b") Tj T*")
    content.append(b"ET")
    stream = b"\n".join(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title (" + _pdf_text(title) + b") /Producer (Practice Exchange demo) >>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    output += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (
        len(objects) + 1,
        len(objects),
    )
    output += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(output)


def document_bytes(record: dict) -> bytes:
    if record["file"].endswith(".pdf"):
        return simple_pdf(title=record["title"], lines=record["lines"])
    return ("\n".join(record["lines"]) + "\n").encode()

"""The evidence the demo attaches, as an officer would scan or photograph it: a one-page PDF
recognition decision of a sáng kiến, and a phone photo (PNG) of a research certificate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.core.model import Initiative, ResearchTopic, Scope
from desktop.core.operations.demo.data import DemoData, ResearchSpec
from desktop.paths import resources_dir


def _font_file() -> Path:
    return resources_dir() / "fonts" / "LiberationSerif-Regular.ttf"


def wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def initiative_pdf(folder: Path, data: DemoData, initiative: Initiative) -> Path:
    """A one-page recognition decision of the sáng kiến, as the officer would scan it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("HosoDemoSerif", str(_font_file())))
    provincial = initiative.scope is not Scope.CO_SO
    path = folder / ("quyet-dinh-cong-nhan-sang-kien-tinh.pdf" if provincial
                     else "quyet-dinh-cong-nhan-sang-kien.pdf")
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    width, height = A4
    issuer = (f"ỦY BAN NHÂN DÂN TỈNH {data.province.upper()}" if provincial
              else f"ỦY BAN NHÂN DÂN XÃ {data.commune.upper()}")
    when = initiative.decision_date or date(initiative.year, 10, 1)
    header = [(12, issuer, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
              (12, f"Số: {initiative.decision_no}", "Độc lập - Tự do - Hạnh phúc"),
              (11, "", f"{data.province if provincial else data.commune}, ngày {when.day:02d} "
                       f"tháng {when.month:02d} năm {when.year}")]
    body = [(15, "QUYẾT ĐỊNH"),
            (13, "Công nhận sáng kiến" + (" có phạm vi ảnh hưởng cấp tỉnh" if provincial
                                          else "")),
            (12, f"Căn cứ đề nghị của {initiative.recognised_by};"), (13, "QUYẾT ĐỊNH:"),
            (12, "Điều 1. Công nhận sáng kiến:"), (12, f"“{initiative.name}”"),
            (12, f"năm {initiative.year}, phạm vi ảnh hưởng: "
                 f"{'cấp tỉnh' if provincial else 'cấp cơ sở'}."),
            (12, "Điều 2. Quyết định có hiệu lực kể từ ngày ký.")]
    y = height - 60
    for size, left, right in header:
        pdf.setFont("HosoDemoSerif", size)
        pdf.drawCentredString(width * 0.27, y, left)
        pdf.drawCentredString(width * 0.68, y, right)
        y -= size + 10
    y -= 30
    for size, text in body:
        pdf.setFont("HosoDemoSerif", size)
        for part in wrap(text, 80):
            pdf.drawCentredString(width / 2, y, part)
            y -= size + 10
        y -= 6
    pdf.setFont("HosoDemoSerif", 13)
    pdf.drawCentredString(width * 0.7, y - 20, initiative.recognised_by.upper())
    pdf.showPage()
    pdf.save()
    return path


def acceptance_photo(folder: Path, name: str, topic: ResearchTopic, spec: ResearchSpec
                     ) -> Path:
    """A phone photo of the paper certificate that the research topic was accepted.

    The paper is drawn as a one-page PDF (reportlab, the documents' own font) and rasterised by
    pdfium, the preview's renderer; Pillow only lays it on the desk. Pillow's own text drawing
    would need its FreeType module, which the bundle leaves out (build.spec)."""
    from io import BytesIO

    import pypdfium2
    from PIL import Image
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("HosoDemoSerif", str(_font_file())))
    width, height = 880, 620
    buffer = BytesIO()
    paper = canvas.Canvas(buffer, pagesize=(width, height), invariant=True)
    paper.setFillColorRGB(250 / 255, 246 / 255, 232 / 255)
    paper.rect(0, 0, width, height, stroke=0, fill=1)
    paper.setStrokeColorRGB(170 / 255, 40 / 255, 40 / 255)
    paper.setLineWidth(6)
    paper.rect(19, 19, width - 38, height - 38, stroke=1, fill=0)
    when = topic.accepted_on or date(topic.year, 10, 20)
    text = [(40, "GIẤY CHỨNG NHẬN"), (24, f"{spec.certified_by} chứng nhận"),
            (24, f"đề tài do {name} chủ nhiệm:"),
            *((24, part) for part in wrap(f"“{topic.name}”", 58)),
            (24, f"đã được nghiệm thu ngày {when.day:02d}/{when.month:02d}/{when.year}, "
                 "xếp loại Đạt,"),
            (24, f"kết quả đã được áp dụng tại {spec.applied_at}.")]
    paper.setFillColorRGB(30 / 255, 30 / 255, 30 / 255)
    top = 70.0  # from the top of the paper, as a reader measures it
    for size, line in text:
        top += size
        paper.setFont("HosoDemoSerif", size)
        paper.drawCentredString(width / 2, height - top, line)
        top += 26
    paper.setStrokeColorRGB(200 / 255, 30 / 255, 30 / 255)  # the red seal
    paper.setLineWidth(5)
    paper.ellipse(600, height - 600, 760, height - 440, stroke=1, fill=0)
    paper.showPage()
    paper.save()
    document = pypdfium2.PdfDocument(buffer.getvalue())
    try:
        page = document[0]
        sheet = page.render(scale=1).to_pil().convert("RGB")
        page.close()
    finally:
        document.close()
    photo = Image.new("RGB", (1000, 720), (118, 98, 80))  # a wooden desk
    photo.paste(sheet.rotate(2.5, expand=False, fillcolor=(118, 98, 80)), (60, 50))
    path = folder / "anh-giay-chung-nhan-nghiem-thu-de-tai.png"
    photo.save(path, format="PNG", optimize=True)
    return path

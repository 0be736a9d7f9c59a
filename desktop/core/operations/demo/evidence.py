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
    """A phone photo of the paper certificate that the research topic was accepted."""
    from PIL import Image, ImageDraw, ImageFont

    photo = Image.new("RGB", (1000, 720), (118, 98, 80))  # a wooden desk
    paper = Image.new("RGB", (880, 620), (250, 246, 232))
    draw = ImageDraw.Draw(paper)
    draw.rectangle((16, 16, 864, 604), outline=(170, 40, 40), width=6)
    big = ImageFont.truetype(str(_font_file()), 40)
    small = ImageFont.truetype(str(_font_file()), 24)
    when = topic.accepted_on or date(topic.year, 10, 20)
    text = [(big, "GIẤY CHỨNG NHẬN"), (small, f"{spec.certified_by} chứng nhận"),
            (small, f"đề tài do {name} chủ nhiệm:"), *((small, part) for part in
                                                      wrap(f"“{topic.name}”", 58)),
            (small, f"đã được nghiệm thu ngày {when.day:02d}/{when.month:02d}/{when.year}, "
                    "xếp loại Đạt,"),
            (small, f"kết quả đã được áp dụng tại {spec.applied_at}.")]
    y = 70.0
    for font, line in text:
        box = draw.textbbox((0, 0), line, font=font)
        draw.text(((880 - (box[2] - box[0])) / 2, y), line, fill=(30, 30, 30), font=font)
        y += (box[3] - box[1]) + 26
    draw.ellipse((600, 440, 760, 600), outline=(200, 30, 30), width=5)  # the red seal
    photo.paste(paper.rotate(2.5, expand=False, fillcolor=(118, 98, 80)), (60, 50))
    path = folder / "anh-giay-chung-nhan-nghiem-thu-de-tai.png"
    photo.save(path, format="PNG", optimize=True)
    return path

"""Sample documents for the renderer tests: built here, by hand, with every block kind."""

from __future__ import annotations

import unicodedata

from desktop.core.documents.blocks import (
    Addressee,
    Align,
    Cell,
    Column,
    Document,
    FieldLine,
    FixedPage,
    Heading,
    NationalHeader,
    Orientation,
    PageBreak,
    Paragraph,
    PlacedText,
    Run,
    SignatureBlock,
    Signer,
    Spacer,
    Table,
    Title,
)

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Đặng", "Bùi", "Đỗ", "Hồ", "Vũ", "Dương")
MIDDLES = ("Văn", "Thị", "Hữu", "Đức", "Ngọc", "Thanh", "Quốc", "Xuân")
GIVENS = ("An", "Ấn", "Bình", "Cường", "Dũng", "Đạt", "Hằng", "Hưởng", "Khánh", "Ỷ", "Ữu",
          "Nguyệt", "Phúc", "Quỳnh", "Thảo", "Tuấn", "Việt", "Yến", "Ước", "Lộc")

DOSSIER_ID = "HS-2026-XDT-0007"
# An NFD name (as macOS or some IMEs produce): must come out NFC in both outputs.
NFD_NAME = unicodedata.normalize("NFD", "Đặng Thị Ỷ Lan")
LONG_NAME = ("Nguyễn Hoàng Bảo Ngọc Phương Thảo Huyền Trang Thị Minh Châu Ánh Dương Khánh "
             "Linh Đặng Ữu")


def person(i: int) -> str:
    return f"{SURNAMES[i % 10]} {MIDDLES[(i * 3) % 8]} {GIVENS[(i * 7) % 20]}"


def header(number: str = "05/TTr-UBND") -> NationalHeader:
    return NationalHeader(issuer="Ủy ban nhân dân xã Đồng Tâm", superior="",
                          number=f"Số: {number}",
                          place_date="Đồng Tâm, ngày 05 tháng 3 năm 2026")


def to_trinh(rows: int = 60, *, digest: str = "", qr: str = "",
             orientation: Orientation = Orientation.PORTRAIT) -> Document:
    """A tờ trình with every flow block kind and a `rows`-row list."""
    columns = (Column("STT", 12, Align.CENTER), Column("Họ và tên", 45),
               Column("Chức vụ, đơn vị công tác", 60),
               Column("Danh hiệu đề nghị", 30, Align.CENTER), Column("Ghi chú", 18))
    table_rows: list[tuple[Cell | str, ...]] = []
    for i in range(rows):
        name = NFD_NAME if i == 2 else (LONG_NAME if i == 3 else person(i))
        table_rows.append((str(i + 1), name, "Giáo viên Trường Tiểu học Đồng Tâm, xã Đồng Tâm",
                           "Lao động tiên tiến", ""))
    blocks = (
        header(),
        Title("TỜ TRÌNH", "Về việc đề nghị tặng danh hiệu “Lao động tiên tiến” năm 2025"),
        Addressee(("Chủ tịch Ủy ban nhân dân xã Đồng Tâm",)),
        Paragraph(("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",)),
        Paragraph(("Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành "
                   "một số điều của Luật Thi đua, khen thưởng;",)),
        Heading("I. KẾT QUẢ BÌNH XÉT"),
        Heading("1. Tóm tắt thành tích", level=2),
        Paragraph(("Hội đồng Thi đua - Khen thưởng xã đã họp ngày 02 tháng 3 năm 2026, ",
                   Run("thống nhất đề nghị", bold=True), " tặng danh hiệu ",
                   Run("“Lao động tiên tiến”", italic=True), f" cho {rows} cá nhân, trong đó "
                   f"có bà {NFD_NAME} và ông ĐẶNG VĂN Ữ (có danh sách kèm theo).")),
        FieldLine("Họ và tên", "Đặng Thị Ỷ Lan"),
        FieldLine("Chức vụ:", "Hiệu trưởng"),
        Table(columns, tuple(table_rows), footer=(Cell((f"Tổng cộng: {rows} cá nhân",),
                                                       colspan=5, align=Align.LEFT),)),
        Paragraph(("Ủy ban nhân dân xã kính trình Chủ tịch Ủy ban nhân dân xã xem xét, quyết "
                   "định./.",)),
        SignatureBlock(
            (Signer("Chủ tịch", "Nguyễn Văn Hùng", authority="TM. Ủy ban nhân dân"),),
            recipients=("Như trên;", "Lưu: VT, VP.")),
        PageBreak(),
        Heading("BIÊN BẢN KIỂM PHIẾU", align=Align.CENTER),
        Spacer(10),
        SignatureBlock((Signer("Chủ trì cuộc họp, Chủ tịch Hội đồng Thi đua - Khen thưởng xã "
                               "Đồng Tâm",
                               "Nguyễn Văn Hùng", seal=False),
                        Signer("Thư ký", "Đặng Thị Ỷ Lan", note="(Ký, ghi rõ họ tên)",
                               seal=False))),
    )
    return Document(kind="to_trinh", name="01_to_trinh", title="Tờ trình đề nghị khen thưởng",
                    dossier_id=DOSSIER_ID, blocks=blocks, orientation=orientation,
                    reserve_package_box=True, package_digest=digest, qr_payload=qr,
                    metadata={"author": "Ủy ban nhân dân xã Đồng Tâm"})


def certificate(offset: tuple[float, float] = (0.0, 0.0)) -> Document:
    """A Giấy khen laid out by position (LAW §6.9)."""
    red = "#C00000"
    items = (
        PlacedText(148.5, 45, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 15, bold=True),
        PlacedText(148.5, 53, "Độc lập - Tự do - Hạnh phúc", 15, bold=True, underline=True),
        PlacedText(148.5, 72, "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐỒNG TÂM", 18, bold=True,
                   color=red),
        PlacedText(148.5, 84, "TẶNG", 18, bold=True),
        PlacedText(148.5, 100, "GIẤY KHEN", 30, bold=True, color=red),
        PlacedText(148.5, 116, "Bà ĐẶNG THỊ Ỷ LAN", 20, bold=True),
        PlacedText(148.5, 126, "Giáo viên Trường Tiểu học Đồng Tâm", 15),
        PlacedText(148.5, 136, "Đã có thành tích xuất sắc trong phong trào thi đua năm học "
                   "2025 - 2026, góp phần vào sự nghiệp giáo dục của địa phương", 15,
                   italic=True, max_width_mm=200),
        PlacedText(40, 178, "Số quyết định: 12/QĐ-UBND ngày 10/3/2026", 12, bold=True,
                   italic=True, align=Align.LEFT),
        PlacedText(40, 185, "Số sổ vàng: 07", 12, bold=True, italic=True, align=Align.LEFT),
        PlacedText(215, 160, "Đồng Tâm, ngày 10 tháng 3 năm 2026", 13, bold=True,
                   italic=True),
        PlacedText(215, 168, "CHỦ TỊCH", 14, bold=True),
        PlacedText(215, 196, "Nguyễn Văn Hùng", 14, bold=True),
    )
    return Document(kind="giay_khen", name="07_giay_khen", title="Giấy khen",
                    dossier_id=DOSSIER_ID, fixed_pages=(FixedPage(items),), offset_mm=offset,
                    orientation=Orientation.LANDSCAPE)

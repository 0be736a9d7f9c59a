"""The unit profile form: used by the first-run wizard and by "Thông tin đơn vị"."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.catalog import Catalog
from desktop.core.i18n import _
from desktop.core.model import Unit, UnitKind
from desktop.core.operations import merging
from desktop.ui.buttons import Standard, dialog_buttons
from desktop.ui.context import AppContext
from desktop.ui.drafts import EditorDialog
from desktop.ui.feedback import attempt
from desktop.ui.former_units import FormerUnitsEditor


class UnitForm(QWidget):
    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Ví dụ: Ủy ban nhân dân xã Thanh Sơn"))
        self.kind = QComboBox()
        for k in UnitKind:
            self.kind.addItem(k.label, k.value)
        self.superior_body = QLineEdit()
        self.superior_body.setPlaceholderText(_("Ví dụ: ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ"))
        self.doc_code = QLineEdit()
        self.doc_code.setPlaceholderText("UBND")
        self.doc_code.setMaxLength(20)
        self.code = QLineEdit()
        self.code.setPlaceholderText("PT-THANHSON")
        self.code.setMaxLength(24)
        self.code.setToolTip(_("Mã do cấp tỉnh cấp; dùng để đặt tên gói hồ sơ gửi đi."))
        self.place_name = QLineEdit()
        self.place_name.setPlaceholderText(_("Ví dụ: Thanh Sơn (ghi “Thanh Sơn, ngày … tháng …”)"))
        self.head_name = QLineEdit()
        self.head_title = QLineEdit()
        self.head_title.setPlaceholderText(_("Ví dụ: Chủ tịch"))
        self.officer_name = QLineEdit()
        self.officer_title = QLineEdit()
        self.officer_title.setPlaceholderText(_("Ví dụ: Công chức Văn phòng - Thống kê"))
        # The national defaults first and chosen until the officer picks a province: a new
        # unit must never start under another province's rules by alphabetical accident.
        self.province = QComboBox()
        default = catalog.provinces["default"]
        self.province.addItem(default.name, default.code)
        for code, profile in sorted(catalog.provinces.items(), key=lambda i: i[1].name):
            if code != default.code:
                self.province.addItem(profile.name, code)
        self.province.setCurrentIndex(0)
        province_hint = QLabel(_("Chọn tỉnh của đơn vị nếu có trong danh sách; nếu chưa có, "
                                 "dùng quy định mặc định toàn quốc (đổi được sau trong Đơn vị → "
                                 "Thông tin đơn vị)."))
        province_hint.setObjectName("hint")
        province_hint.setWordWrap(True)

        form = QFormLayout(self)
        form.addRow(_("&Tên đơn vị (*):"), self.name)
        form.addRow(_("&Loại đơn vị:"), self.kind)
        form.addRow(_("Cơ quan &cấp trên:"), self.superior_body)
        form.addRow(_("Chữ viết tắt trong &số văn bản (*):"), self.doc_code)
        form.addRow(_("&Mã đơn vị (để gửi hồ sơ):"), self.code)
        form.addRow(_("Địa &danh ghi ngày tháng (*):"), self.place_name)
        form.addRow(_("Họ tên người đứng đầ&u (*):"), self.head_name)
        form.addRow(_("C&hức vụ người đứng đầu (*):"), self.head_title)
        form.addRow(_("Cán &bộ làm công tác TĐKT:"), self.officer_name)
        form.addRow(_("Chức &vụ cán bộ TĐKT:"), self.officer_title)
        form.addRow(_("Quy định tỉnh á&p dụng:"), self.province)
        form.addRow("", province_hint)
        note = QLabel(_("(*) bắt buộc: văn bản trình khen không in được nếu thiếu các mục này."))
        note.setObjectName("hint")
        form.addRow(note)

    def unit(self) -> Unit:
        return Unit(name=self.name.text(), kind=UnitKind(self.kind.currentData()),
                    superior_body=self.superior_body.text(), doc_code=self.doc_code.text(),
                    place_name=self.place_name.text(), head_name=self.head_name.text(),
                    head_title=self.head_title.text(), officer_name=self.officer_name.text(),
                    officer_title=self.officer_title.text(),
                    province=self.province.currentData() or "default",
                    code=self.code.text())

    def set_unit(self, unit: Unit) -> None:
        self.name.setText(unit.name)
        self.kind.setCurrentIndex(max(self.kind.findData(unit.kind.value), 0))
        self.superior_body.setText(unit.superior_body)
        self.doc_code.setText(unit.doc_code)
        self.code.setText(unit.code)
        self.place_name.setText(unit.place_name)
        self.head_name.setText(unit.head_name)
        self.head_title.setText(unit.head_title)
        self.officer_name.setText(unit.officer_name)
        self.officer_title.setText(unit.officer_title)
        self.province.setCurrentIndex(max(self.province.findData(unit.province), 0))


class UnitDialog(EditorDialog):
    """The unit's profile and the former units it was merged from, saved together."""

    help_page = "don_vi"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Thông tin đơn vị"))
        self.form = UnitForm(context.catalog, self)
        unit = context.unit()
        if unit:
            self.form.set_unit(unit)
        self.former = FormerUnitsEditor(self)
        self.former.set_units(merging.list_former_units(context.store),
                              merging.posting_counts(context.store))
        buttons = dialog_buttons(self, _("&Lưu"), self.save, ok=Standard.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.former)
        layout.addWidget(buttons)
        self.resize(760, 640)
        self.saved = False
        self.init_drafts(context, "unit")

    def save(self) -> None:
        ctx = self.context
        if attempt(self, lambda: merging.save_unit_profile(
                ctx.store, self.form.unit(), self.former.units(), ctx.actor, ctx.today()),
                ctx.store) is not None:
            self.saved = True
            self.accept()

    def save_changes(self) -> bool:
        self.save()
        return self.saved

"""First run: create the unit profile (or open the sample commune to look around)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget, QWizard, QWizardPage

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.operations import profiles
from desktop.ui.drafts import ask_abandon, editor_fields
from desktop.ui.feedback import show_bug, show_user_error
from desktop.ui.key_dialog import KeyStepPage
from desktop.ui.unit_form import UnitForm

if TYPE_CHECKING:
    from desktop.core.store import Store


class _WelcomePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.setTitle(_("Chào mừng đến với Hồ sơ Khen thưởng"))
        text = QLabel(_(
            "Phần mềm giúp cán bộ thi đua, khen thưởng quản lý cá nhân, tập thể và quá trình "
            "khen thưởng của đơn vị, xét điều kiện danh hiệu và lập hồ sơ đề nghị khen thưởng. "
            "Dữ liệu lưu trên máy này, không cần mạng.\n\n"
            "Bước tiếp theo: nhập thông tin đơn vị (tên, người đứng đầu, chữ viết tắt dùng trong "
            "số văn bản). Có thể sửa lại sau trong menu Đơn vị."))
        text.setWordWrap(True)
        demo = QPushButton(_("Mở &xã mẫu để tìm hiểu (dữ liệu minh họa)"))
        demo.clicked.connect(wizard.open_demo)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addStretch(1)
        layout.addWidget(demo, alignment=Qt.AlignmentFlag.AlignLeft)


class _UnitPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Thông tin đơn vị"))
        self.setSubTitle(_("Dùng để in trên tờ trình, danh sách, biên bản và quyết định."))
        self.form = UnitForm(wizard.catalog, self)
        QVBoxLayout(self).addWidget(self.form)
        self._fields = editor_fields(self.form)
        self._as_shown = self.values()

    def values(self) -> list[object]:
        return [f.value() for f in self._fields]

    def typed(self) -> bool:
        """Whether the officer has changed anything in the unit's details."""
        return self.values() != self._as_shown

    def validatePage(self) -> bool:
        return self._wizard.create_from(self.form)


class FirstRunWizard(QWizard):
    def __init__(self, data_dir: Path, actor: str, catalog: Catalog,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.actor = actor
        self.catalog = catalog
        self.created: tuple[str, Store] | None = None
        self.setWindowTitle(_("Tạo hồ sơ đơn vị"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Tiếp >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Quay lại"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Xong"))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Tạo đơn vị"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Hủy"))
        self.addPage(_WelcomePage(self))
        self.unit_page = _UnitPage(self)
        self.unit_page.setCommitPage(True)   # the profile exists after it: no going back
        self.addPage(self.unit_page)
        self.addPage(KeyStepPage(self))      # the unit's signing key (issue 6)
        self.resize(760, 560)

    def create_from(self, form: UnitForm) -> bool:
        try:
            info, store = profiles.create_profile(self.data_dir, form.unit(), self.actor)
        except UserError as exc:
            show_user_error(self, exc)
            return False
        except Exception as exc:
            show_bug(self, exc)
            return False
        self.created = (info.id, store)
        return True

    def ask_abandon(self) -> bool:
        """True to close and drop the unit's details typed (a method, so tests can answer
        it)."""
        return ask_abandon(self, _("Thông tin đơn vị đã gõ chưa được lưu. Đóng và bỏ dở việc "
                                   "tạo hồ sơ đơn vị?"))

    def reject(self) -> None:
        """Esc, "Hủy" and the close button: before the unit is created, what was typed is
        asked about first (after, the profile exists and nothing typed can be lost)."""
        if self.created is None and self.unit_page.typed() and not self.ask_abandon():
            return
        super().reject()

    def open_demo(self) -> None:
        from desktop.core.operations.demo import build_demo

        try:
            info = build_demo(self.data_dir, 2026, self.actor, date.today(), self.catalog)
            store = profiles.open_profile(self.data_dir, info.id)
        except UserError as exc:
            show_user_error(self, exc)
            return
        except Exception as exc:
            show_bug(self, exc)
            return
        self.created = (info.id, store)
        self.accept()

"""No English in the Vietnamese app, Qt's own texts included.

With the project's Qt catalogue installed as the app installs it, every dialog and menu an
officer meets is shown (offscreen) and read: a text that is one of Qt's English source strings
fails the test, and so does any string Qt asked its translators for that the catalogue lacks
(a recording translator, asked last, catches those, so a new Qt string cannot slip through).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop.core.catalog import Catalog
from desktop.core.model.rounds import NominationStatus
from desktop.core.operations import demo, keys, profiles
from desktop.core.operations import registry as registry_ops
from desktop.core.operations import rounds as round_ops
from desktop.core.secrets import MemorySecretStore
from desktop.ui.context import AppContext
from desktop.ui.qt_language import install_qt_language, use_native_dialogs
from tests.qt.qt_strings import (
    MissRecorder,
    english_shown,
    english_strings,
    modal_texts,
    popup_actions,
    popup_texts,
    settle,
    shown_texts,
    text_field_menus,
    walk_qt_dialogs,
)

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
FONTS = REPO / "resources" / "fonts"
KEPT_ENGLISH = {"QShortcut"}  # key names (Ctrl, Del…) stay as printed on the keyboard


@pytest.fixture
def vietnamese(qapp: QApplication) -> Iterator[MissRecorder]:
    """Qt in Vietnamese as app.py sets it up; everything restored afterwards."""
    locale = QLocale()
    native = QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    recorder = MissRecorder()
    qapp.installTranslator(recorder)  # installed first = asked last
    translator = install_qt_language(qapp, "vi", REPO / "resources")
    assert translator is not None, "resources/translations/qt/qtbase_vi.qm did not load"
    settle()
    recorder.misses.clear()  # what Qt asked while the catalogue was not yet there
    yield recorder
    qapp.removeTranslator(translator)
    qapp.removeTranslator(recorder)
    QLocale.setDefault(locale)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, native)


def misses(recorder: MissRecorder) -> set[tuple[str, str, str]]:
    return {m for m in recorder.misses if m[0] not in KEPT_ENGLISH}


def test_qt_dialogs_and_menus_speak_vietnamese(vietnamese: MissRecorder, tmp_path) -> None:
    english = english_strings()
    shown = walk_qt_dialogs(tmp_path)
    assert {name: english_shown(texts, english) for name, texts in shown.items()
            if english_shown(texts, english)} == {}
    assert misses(vietnamese) == set()
    # and what is there instead is the Vietnamese an officer expects
    assert {"Có", "Không"} <= shown["QMessageBox.question"]
    assert {"Lưu", "Không lưu", "Hủy", "Đồng ý", "Xem chi tiết…"} <= \
        shown["QMessageBox (all buttons, details)"]
    assert {"Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"} <= \
        shown["menu QLineEdit"]
    assert {"Tăng lên", "Giảm xuống"} <= shown["menu QSpinBox"]
    assert {"Tên tệp:", "Loại tệp:", "Tên", "Kích thước", "Ngày sửa đổi", "Lưu"} <= \
        shown["QFileDialog (save)"]
    assert {"Trang sau", "Trang trước", "Phóng to", "Thu nhỏ", "In", "Thiết lập trang",
            "Xem trước khi in"} <= shown["QPrintPreviewDialog"]
    assert {"Máy in", "In", "Số bản:", "In hai mặt"} <= shown["QPrintDialog"]
    assert {"< Quay lại", "Tiếp theo >", "Hủy", "Trợ giúp"} <= shown["QWizard"]


def test_context_menu_mnemonics_are_distinct(vietnamese: MissRecorder, qtbot) -> None:
    """Alt+letter must pick one item: each menu's accelerators differ."""
    for widget in (QLineEdit("x"), QSpinBox(), QPlainTextEdit("x")):
        qtbot.addWidget(widget)
        widget.show()
        settle()
        target = widget.viewport() if isinstance(widget, QPlainTextEdit) else widget
        texts = [t for t in popup_actions(target) if "&" in t.replace("&&", "")]
        letters = [t.replace("&&", "").split("&")[1][0].lower() for t in texts]
        assert len(letters) >= 5 and len(letters) == len(set(letters)), texts
        widget.close()


def test_dates_and_numbers_follow_vietnam(vietnamese: MissRecorder, qtbot) -> None:
    edit = QDateEdit(QDate(2026, 1, 9))
    qtbot.addWidget(edit)
    assert edit.text() == "9/1/26"  # day first, as in Vietnam (CLDR's short format)
    assert QLocale().toString(QDate(2026, 1, 9), QLocale.FormatType.LongFormat) == \
        "Thứ Sáu, 9 tháng 1, 2026"
    assert QLocale().toString(1234567.5, "f", 1) == "1.234.567,5"


def test_english_keeps_qt_english(qapp: QApplication) -> None:
    assert install_qt_language(qapp, "en", REPO / "resources") is None
    texts = modal_texts(lambda: QMessageBox.question(None, "Delete?", "Delete?"))
    assert {"Yes", "No"} <= texts


def test_native_file_dialogs_only_where_they_speak_vietnamese() -> None:
    assert use_native_dialogs("en", "linux")
    assert not use_native_dialogs("vi", "linux")
    assert not use_native_dialogs("vi", "darwin")
    assert use_native_dialogs("vi", "win32", os_is_vietnamese=True)
    assert not use_native_dialogs("vi", "win32", os_is_vietnamese=False)


# ---- the app's own windows and dialogs ---------------------------------------------------------


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Path:
    data = tmp_path_factory.mktemp("demo")
    demo.build_demo(data, 11, "tester", TODAY, catalog)
    return data


@pytest.fixture
def ctx(demo_data: Path, catalog: Catalog) -> Iterator[AppContext]:
    info = profiles.list_profiles(demo_data)[0]
    store = profiles.open_profile(demo_data, info.id)
    yield AppContext(store, catalog, "Nguyễn Thị Thu Hà", demo_data, info.id, lambda: TODAY)
    store.close()


def app_windows(ctx: AppContext, parent: QWidget) -> dict[str, QWidget]:
    """Every window and dialog of the app an officer opens, built on the demo commune."""
    from desktop.ui.audit_dialog import AuditDialog
    from desktop.ui.collective_editor import CollectiveEditor
    from desktop.ui.dossier_dialog import DossierDialog
    from desktop.ui.export_dialog import ExportDialog
    from desktop.ui.first_run import FirstRunWizard
    from desktop.ui.import_wizard import ImportWizard
    from desktop.ui.key_dialog import KeyDialog
    from desktop.ui.main_window import MainWindow
    from desktop.ui.next_year_dialog import NextYearDialog
    from desktop.ui.person_editor import PersonEditor
    from desktop.ui.received_window import AnswersDialog, EnrolDialog, ReceivedWindow
    from desktop.ui.report_editor import ReportEditor
    from desktop.ui.rounds.bulk_dialogs import BulkNominateDialog, BulkRegistrationDialog
    from desktop.ui.rounds.meeting_dialog import MeetingDialog
    from desktop.ui.rounds.nominate_dialog import NominateDialog
    from desktop.ui.rounds.posting_dialog import PostingDialog
    from desktop.ui.rounds.round_dialog import DeadlineDialog, RoundDialog
    from desktop.ui.rounds.round_view import StatusDialog
    from desktop.ui.rounds.rounds_window import RoundsWindow
    from desktop.ui.signatures_view import SignaturesDialog
    from desktop.ui.trust_roots_dialog import TrustRootsDialog
    from desktop.ui.unit_form import UnitDialog
    from desktop.ui.verify_window import VerifyWindow

    store = ctx.store
    (rnd,) = round_ops.list_rounds(store, 2026)
    assert rnd.id is not None
    nomination = round_ops.nominations(store, rnd.id)[0]
    person = registry_ops.people_page(store, "", 0, 1, 1)[0]
    collective = registry_ops.collectives_page(store, "", 0, 1)[0]
    secrets = MemorySecretStore()
    main = MainWindow(ctx)
    return {
        "MainWindow": main,
        "PersonEditor": PersonEditor(ctx, person.id, parent),
        "CollectiveEditor": CollectiveEditor(ctx, collective.id, parent),
        "UnitDialog": UnitDialog(ctx, parent),
        "AuditDialog": AuditDialog(ctx, parent),
        "NextYearDialog": NextYearDialog(ctx, main.people_model, 2026, parent),
        "VerifyWindow": VerifyWindow(ctx, parent),
        "ReceivedWindow": ReceivedWindow(ctx, parent),
        "AnswersDialog": AnswersDialog(ctx, parent),
        "EnrolDialog": EnrolDialog(ctx, parent),
        "TrustRootsDialog": TrustRootsDialog(ctx, parent),
        "SignaturesDialog": SignaturesDialog("Chữ ký số", [], parent),
        "ReportEditor": ReportEditor(ctx, nomination.id or 0, parent),
        "ImportWizard": ImportWizard(ctx, parent),
        "FirstRunWizard": FirstRunWizard(ctx.data_dir, "tester", ctx.catalog, parent),
        "RoundsWindow": RoundsWindow(ctx, parent),
        "RoundDialog": RoundDialog(ctx, 2026, parent),
        "DeadlineDialog": DeadlineDialog(ctx, rnd, parent),
        "StatusDialog": StatusDialog(ctx, nomination, NominationStatus.DECIDED, parent),
        "BulkRegistrationDialog": BulkRegistrationDialog(ctx, 2026, parent),
        "NominateDialog": NominateDialog(ctx, rnd.id, parent),
        "BulkNominateDialog": BulkNominateDialog(ctx, rnd.id, parent),
        "MeetingDialog": MeetingDialog(ctx, rnd.id, parent),
        "PostingDialog": PostingDialog(ctx, rnd.id, parent),
        "DossierDialog": DossierDialog(ctx, rnd.id, parent),
        "ExportDialog": ExportDialog(ctx, rnd.id, parent, open_secrets=lambda _p: (secrets, ""),
                                     drives=lambda: [], fonts_dir=FONTS),
        "KeyDialog": KeyDialog(ctx, parent, open_secrets=lambda _p: (secrets, ""),
                               fonts_dir=FONTS),
    }


def test_every_app_window_and_its_buttons_speak_vietnamese(vietnamese: MissRecorder, ctx,
                                                           qtbot, monkeypatch) -> None:
    # the first-run wizard's key page must not reach the OS keyring from a test
    monkeypatch.setattr(keys, "open_secrets", lambda _p: (MemorySecretStore(), ""))
    english = english_strings()
    parent = QWidget()
    qtbot.addWidget(parent)
    windows = app_windows(ctx, parent)
    found = {}
    for name, window in windows.items():
        if name != "MainWindow":
            window.setParent(None)  # shown as its own window, as exec() would
        texts = shown_texts(window)
        found[name] = texts
        bad = english_shown(texts, english)
        assert not bad, f"{name} shows Qt's English: {sorted(bad)}"
    assert misses(vietnamese) == set()
    # the import wizard's own buttons, as Qt draws them
    assert {"< Quay lại", "Hủy"} <= found["ImportWizard"] or \
        {"Quay lại", "Hủy"} <= found["ImportWizard"]
    # the search box of the main window has the Vietnamese right-click menu
    main = windows["MainWindow"]
    main.show()
    settle()
    menu = popup_texts(main.search)  # type: ignore[attr-defined]
    assert {"Sao chép", "Dán"} <= menu and not english_shown(menu, english)
    main.close()


def test_text_field_menus_alone(vietnamese: MissRecorder) -> None:
    """The menus are checked on their own too, so a failure names the field."""
    english = english_strings()
    for name, texts in text_field_menus().items():
        assert texts, f"no menu read from {name}"
        assert not english_shown(texts, english), name

"""Digital signatures in the windows (issue 15): signed PDFs dropped on the dossier dialog and
listed as signed, the signatures shown as signing tools print them, the trusted certificates
managed, and the province's received window checking a package's signed documents again."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.core.catalog import Catalog
from desktop.core.operations import keys, packages, profiles, signed_documents, trust_roots
from desktop.core.operations import receiving as rc
from desktop.core.package.minisign import public_key_file_text
from desktop.core.secrets import MemorySecretStore
from desktop.ui import signed_intake
from desktop.ui.context import AppContext
from desktop.ui.dossier_dialog import DossierDialog
from desktop.ui.received_window import ReceivedWindow
from desktop.ui.signatures_view import SignaturesDialog
from desktop.ui.trust_roots_dialog import TrustRootsDialog
from tests import signed_demo
from tests.pki import Token
from tests.unit.receiving_helpers import province_profile

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def errors_fail_the_test(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    shown: list[BaseException] = []
    monkeypatch.setattr("desktop.ui.feedback.show_user_error",
                        lambda parent, exc, title="": shown.append(exc))
    monkeypatch.setattr("desktop.ui.feedback.show_bug",
                        lambda parent, exc, store=None: pytest.fail(repr(exc)))
    return shown


@pytest.fixture
def outcomes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(signed_intake, "show_outcomes",
                        lambda parent, found: said.append(signed_intake.outcomes_text(found)))
    return said


@pytest.fixture
def factory(tmp_path_factory: pytest.TempPathFactory) -> pytest.TempPathFactory:
    return tmp_path_factory


@pytest.fixture
def token(tmp_path_factory: pytest.TempPathFactory) -> Token:
    return signed_demo.token(tmp_path_factory)


@pytest.fixture
def signed_twice(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> bytes:
    return signed_demo.signed_twice(tmp_path_factory, catalog)


@pytest.fixture
def ctx(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog, tmp_path: Path
        ) -> Iterator[AppContext]:
    demo = signed_demo.demo_dossier(tmp_path_factory, catalog)
    data = tmp_path / "data"
    shutil.copytree(demo.data_dir, data)
    store = profiles.open_profile(data, demo.profile)
    try:
        yield AppContext(store=store, catalog=catalog, actor="tester", data_dir=data,
                         profile_id=demo.profile, today=lambda: TODAY)
    finally:
        store.close()


def _trust(ctx: AppContext, token: Token, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    for name, data in (("root.crt", token.pki.root.pem), ("ca.cer", token.pki.intermediate.der)):
        (folder / name).write_bytes(data)
        trust_roots.add_certificates(ctx.store, ctx.catalog, folder / name, "tester")


def _row(dialog: DossierDialog, name: str) -> int:
    return next(i for i, (_t, doc) in enumerate(dialog.entries)
                if doc is not None and doc.name == name)


def test_signed_pdf_dropped_on_the_dossier_is_listed_with_its_signers(
        qtbot, ctx: AppContext, token: Token, signed_twice: bytes, tmp_path: Path,
        outcomes: list[str], factory: pytest.TempPathFactory) -> None:
    _trust(ctx, token, tmp_path / "certs")
    rid = signed_demo.demo_dossier(factory, ctx.catalog).round_id
    dialog = DossierDialog(ctx, rid)
    qtbot.addWidget(dialog)
    row = _row(dialog, "01_to_trinh")
    assert dialog.doc_table.item(row, 3).text() == "Chưa ký"
    assert dialog.doc_table.item(_row(dialog, "02_danh_sach"), 3).text() == "Chưa ký"
    dropped = tmp_path / "01_to_trinh_da_ky.pdf"
    dropped.write_bytes(signed_twice)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped)), QUrl("https://example.invalid/x.pdf")])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(event)
    assert outcomes and outcomes[0].startswith("Đã nhận 1/1 tệp đã ký.")
    row = _row(dialog, "01_to_trinh")
    cell = dialog.doc_table.item(row, 3).text()
    assert cell.startswith("Đã ký: Hà Văn Thắng; Ủy ban nhân dân xã Thanh Sơn — ")
    assert "Thời gian ký" not in cell and "+07:00" in dialog.doc_table.item(row, 3).toolTip()
    dialog.doc_table.selectRow(row)
    assert dialog.show_signatures_button.isEnabled()
    # a file that is not from this dossier is refused, with its reason, and changes nothing
    dialog.take_signed([tmp_path / "khong-ton-tai.pdf"])
    assert "KHÔNG nhận" in outcomes[-1]


def test_signatures_are_shown_as_signing_tools_print_them(
        qtbot, ctx: AppContext, token: Token, signed_twice: bytes,
        tmp_path: Path, factory: pytest.TempPathFactory) -> None:
    _trust(ctx, token, tmp_path / "certs")
    path = tmp_path / "s.pdf"
    path.write_bytes(signed_twice)
    rid = signed_demo.demo_dossier(factory, ctx.catalog).round_id
    (outcome,) = signed_documents.import_signed(ctx.store, ctx.catalog, rid, [path], "tester")
    assert outcome.document is not None
    check = signed_documents.recheck(ctx.store, ctx.catalog, outcome.document)
    from desktop.ui.signatures_view import DocumentSignatures

    dialog = SignaturesDialog("Chữ ký số", [DocumentSignatures("Tờ trình", "s.pdf", check)])
    qtbot.addWidget(dialog)
    text = dialog.view.toPlainText()
    assert "Người ký: Hà Văn Thắng" in text
    assert "Chức vụ: Chủ tịch" in text
    assert "Thời gian ký: " in text and "+07:00" in text
    assert "chưa kiểm tra thu hồi chứng thư — không có mạng" in text
    assert "hợp lệ" not in text
    assert dialog.summary.text().startswith("1/1 văn bản có chữ ký số; 1 văn bản")


def test_trusted_certificates_are_added_listed_and_removed(
        qtbot, ctx: AppContext, token: Token, tmp_path: Path) -> None:
    dialog = TrustRootsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 0).text() == "RootCA chuyên dùng Chính phủ G2"
    assert "Vietnam National Root CA" in dialog.missing.toPlainText()
    root = tmp_path / "goc.crt"
    root.write_bytes(token.pki.root.pem)
    dialog.choose_files = lambda: [root]   # type: ignore[method-assign]
    dialog.add()
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "Gốc thử nghiệm Hồ sơ Khen thưởng" in names
    assert "không có trong danh sách gốc quốc gia" in dialog.status.text()
    dialog.table.selectRow(0)
    assert not dialog.remove_button.isEnabled()       # the bundled root stays
    dialog.table.selectRow(names.index("Gốc thử nghiệm Hồ sơ Khen thưởng"))
    assert dialog.remove_button.isEnabled()
    dialog.remove()
    assert dialog.table.rowCount() == len(names) - 1


def test_the_province_sees_every_signed_document_of_a_received_package(
        qtbot, ctx: AppContext, token: Token, signed_twice: bytes, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, factory: pytest.TempPathFactory) -> None:
    _trust(ctx, token, tmp_path / "certs")
    path = tmp_path / "s.pdf"
    path.write_bytes(signed_twice)
    rid = signed_demo.demo_dossier(factory, ctx.catalog).round_id
    signed_documents.import_signed(ctx.store, ctx.catalog, rid, [path], "tester")
    secrets = MemorySecretStore()
    keys.create_signing_key(ctx.store, secrets, "tester", TODAY)
    result = packages.export_round(ctx.store, ctx.catalog, secrets, rid, tmp_path / "out",
                                   "tester", TODAY)
    province = province_profile(tmp_path / "province")
    try:
        (_key_id, public), = keys.public_keys(ctx.store).items()
        rc.enrol_unit(province, public_key_file_text(public), "PT-THANHSON",
                      "UBND xã Thanh Sơn", "tester")
        rc.import_package(province, ctx.catalog, result.package, "tester", TODAY)
        pctx = AppContext(store=province, catalog=ctx.catalog, actor="tester",
                          data_dir=tmp_path / "province", profile_id="so-noi-vu",
                          today=lambda: TODAY)
        window = ReceivedWindow(pctx)
        qtbot.addWidget(window)
        assert window.signatures_button.isEnabled()
        shown: list[SignaturesDialog] = []
        monkeypatch.setattr(SignaturesDialog, "exec", lambda self: shown.append(self) or 0)
        window.show_signatures()
        text = shown[0].view.toPlainText()
        assert "Người ký: Hà Văn Thắng" in text
        assert "không nối được tới chứng thư gốc tin cậy" in text   # the office trusts no test root
        assert "chưa kiểm tra thu hồi chứng thư — không có mạng" in text
    finally:
        province.close()

"""Công khai and the printable lists (issue 4 items 1 and 6): the posting dates are recorded
through the dialog, and the registration and posting lists reach the print preview."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.core.catalog import load_catalog
from desktop.core.documents.blocks import Document, Table
from desktop.core.operations import demo, profiles
from desktop.core.operations import rounds as ops
from desktop.paths import forms_dir
from desktop.ui import feedback, print_preview
from desktop.ui.context import AppContext
from desktop.ui.rounds.posting_dialog import PostingDialog
from desktop.ui.rounds.registration_view import RegistrationView
from tests.qt.conftest import type_text

TODAY = date(2026, 11, 23)
ACTOR = "Cán bộ TĐKT"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    data = tmp_path_factory.mktemp("demo")
    info = demo.build_demo(data, 7, ACTOR, TODAY, load_catalog(forms_dir()))
    return data, info.id


@pytest.fixture
def ctx(demo_dir: tuple[Path, str], tmp_path: Path):
    import shutil

    source, profile = demo_dir
    data = tmp_path / "data"
    shutil.copytree(source, data)
    store = profiles.open_profile(data, profile)
    yield AppContext(store=store, catalog=load_catalog(forms_dir()), actor=ACTOR,
                     data_dir=data, profile_id=profile, today=lambda: TODAY)
    store.close()


@pytest.fixture
def errors(monkeypatch) -> list:
    """The refusals the dialogs would show, as exceptions (their codes and wording)."""
    seen: list = []
    monkeypatch.setattr(feedback, "show_user_error", lambda _p, exc: seen.append(exc))
    return seen


@pytest.fixture
def previews(monkeypatch) -> list[list[Document]]:
    shown: list[list[Document]] = []
    monkeypatch.setattr(print_preview, "preview_documents",
                        lambda _parent, _ctx, docs, title="": shown.append(list(docs)))
    return shown


def table_text(document: Document) -> str:
    cells = []
    for block in document.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    cells.append(cell if isinstance(cell, str) else
                                 "".join(c if isinstance(c, str) else c.text
                                         for c in cell.content))
    return " | ".join(cells)


def the_round(ctx: AppContext) -> int:
    return next(r.id for r in ops.list_rounds(ctx.store) if r.id is not None)


def test_posting_dates_are_recorded_and_a_reversed_period_is_refused(qtbot, ctx, errors):
    rid = the_round(ctx)
    before = len(ops.postings(ctx.store, rid))
    dialog = PostingDialog(ctx, rid)
    qtbot.addWidget(dialog)
    dialog.posted_from.setText("30/11/2026")
    dialog.posted_to.setText("25/11/2026")
    dialog.record()
    assert errors and errors[0].code == "posting.dates_reversed"
    assert len(ops.postings(ctx.store, rid)) == before
    assert dialog.posted_from.text() == "30/11/2026"        # nothing typed is lost

    dialog.posted_to.setText("09/12/2026")
    type_text(dialog.place, "Nhà văn hóa thôn Đồng Xuân")
    dialog.record()
    recorded = ops.postings(ctx.store, rid)
    assert len(recorded) == before + 1
    assert recorded[-1].place == "Nhà văn hóa thôn Đồng Xuân"
    assert any("Nhà văn hóa thôn Đồng Xuân" in dialog.recorded.item(i).text()
               for i in range(dialog.recorded.count()))


def test_posting_list_prints_names_units_and_titles_only(qtbot, ctx, previews):
    rid = the_round(ctx)
    dialog = PostingDialog(ctx, rid)
    qtbot.addWidget(dialog)
    dialog.print_list()
    assert len(previews) == 1 and previews[0][0].kind == "danh_sach_cong_khai"
    text = table_text(previews[0][0])
    names = {n.subject_name for n in ops.nominations(ctx.store, rid)}
    assert any(name in text for name in names)
    assert "/19" not in text and "/20" not in text          # no birth dates on a public list


def test_registration_list_reaches_the_print_preview(qtbot, ctx, previews, errors):
    view = RegistrationView(ctx)
    qtbot.addWidget(view)
    year = ops.registrations(ctx.store, TODAY.year) and TODAY.year
    view.set_year(year)
    view.print_list()
    assert not errors
    assert previews and previews[0][0].kind == "danh_sach_dang_ky"
    assert ops.registrations(ctx.store, year)[0].subject_name in table_text(previews[0][0])

    view.set_year(2001)                                      # nobody registered that year
    view.print_list()
    assert errors and "2001" in str(errors[-1]) and len(previews) == 1

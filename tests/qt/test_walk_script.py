"""scripts/walk_year.py walks the year through modal dialogs; a dialog its step does not close
used to hang the walk with no word (walk b, at the export). Every wait now ends, naming the
step and the dialog in the way."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def walk() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hoso_walk_year", ROOT / "scripts" /
                                                  "walk_year.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_dialog_left_open_stops_the_walk_with_the_steps_name(qtbot, walk, monkeypatch):
    reports: list[tuple[str, str]] = []

    def stuck(step: str, what: str) -> None:   # the script exits; here the box is closed
        active = QApplication.activeModalWidget()
        reports.append((step, what + (f" [{active.windowTitle()}]" if active else "")))
        if active is not None:
            active.close()

    monkeypatch.setattr(walk, "stuck", stuck)
    box = QMessageBox(QMessageBox.Icon.Question, "Khóa ký", "Nhập mật khẩu của khóa?")
    qtbot.addWidget(box)
    walk.modal("b: export, official", box.exec, lambda w: None, timeout_s=0.3)
    assert len(reports) == 1
    step, what = reports[0]
    assert step == "b: export, official"
    assert "close" in what and "[Khóa ký]" in what


def test_every_question_of_a_step_is_answered(qtbot, walk):
    asked: list[str] = []

    def two_questions() -> None:
        for title in ("Thẩm định", "Lần gửi"):
            QMessageBox(QMessageBox.Icon.Question, title, "?").exec()

    walk.modal("a: export, official", two_questions,
               lambda w: (asked.append(w.windowTitle()), w.close()), every=True, timeout_s=30)
    assert asked == ["Thẩm định", "Lần gửi"]


def test_the_walks_ratings_file_is_read_as_the_departments_send_it(walk, tmp_path):
    """Walk b enters the year's ratings from a file it makes from its people list: the
    ratings import must recognise its columns without help, and skip the health station,
    whose ratings the walk types in the grid."""
    import openpyxl

    from desktop.core.operations import importing as imp
    from desktop.core.operations import ratings as ops

    people, ratings = tmp_path / "people.xlsx", tmp_path / "xep_loai.xlsx"
    walk.make_excel(people)
    rows = walk.make_ratings(people, ratings, 2026)
    table = imp.read_table(ratings)
    mapping = ops.guess_ratings_mapping(table.headers)
    assert {"full_name", "birth_date", "national_id", "rating"} <= mapping.keys()
    assert len(table.rows) == rows
    source = openpyxl.load_workbook(people, read_only=True)
    units = [r[6] for r in source.active.iter_rows(min_row=4, values_only=True)]
    source.close()
    typed = units.count(walk.RATINGS_TYPED_UNIT)
    assert typed > 0 and rows == len(units) - typed + 1   # + the one who has left

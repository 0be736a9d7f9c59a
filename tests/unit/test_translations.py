"""The translation pipeline (scripts/i18n.py) and the committed English catalogue."""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from desktop.core import i18n as core_i18n
from desktop.paths import translations_dir

ROOT = Path(__file__).resolve().parents[2]


def _load_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("hoso_i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pipeline = _load_script()


@pytest.fixture
def restore_language() -> Iterator[None]:
    yield
    core_i18n.set_language("vi", None)


# --- the committed catalogue ----------------------------------------------------------------

def test_every_source_msgid_is_translated_with_matching_placeholders() -> None:
    problems = pipeline.check(ROOT)
    assert problems == [], "run `make i18n` and translate:\n" + "\n".join(problems)


def test_check_command_exits_zero_on_the_repository() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "check"],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 0, done.stderr


def test_english_and_vietnamese_switch(restore_language: None) -> None:
    core_i18n.set_language("en", translations_dir())
    assert core_i18n._("Hủy") == "Cancel"
    assert core_i18n._("Lỗi: {msg}").format(msg="x") == "Error: x"
    core_i18n.set_language("vi", translations_dir())
    assert core_i18n._("Hủy") == "Hủy"


def test_committed_mo_is_compiled_from_the_po() -> None:
    po = pipeline.po_path(ROOT, "en")
    mo = pipeline.mo_path(ROOT, "en")
    assert pipeline._mo_messages(mo.read_bytes()) == pipeline._mo_messages(pipeline.compile_mo(po))


def test_compiling_is_deterministic() -> None:
    po = pipeline.po_path(ROOT, "en")
    assert pipeline.compile_mo(po) == pipeline.compile_mo(po)


# --- the pipeline on a small project ---------------------------------------------------------

def _project(tmp_path: Path, source: str) -> Path:
    (tmp_path / "desktop").mkdir()
    (tmp_path / "desktop" / "__init__.py").write_text('__version__ = "9.9"\n', encoding="utf-8")
    (tmp_path / "desktop" / "mod.py").write_text(source, encoding="utf-8")
    return tmp_path


def _translate(root: Path, translations: dict[str, str | tuple[str, str]]) -> None:
    path = pipeline.po_path(root, "en")
    with path.open("rb") as f:
        catalog = read_po(f, locale="en")
    for message in catalog:
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        if msgid in translations:
            message.string = translations[msgid]
    buf = io.BytesIO()
    write_po(buf, catalog)
    path.write_bytes(buf.getvalue())


SOURCE = ('from desktop.core.i18n import N_, _, ngettext\n'
          'A = _("Xin chào {name}")\n'
          'B = N_("Đóng")\n'
          'C = ngettext("{n} người", "{n} người", 2)\n')


def test_pipeline_reports_then_accepts_translations(tmp_path: Path) -> None:
    root = _project(tmp_path, SOURCE)
    assert pipeline.extract(root)
    todo = pipeline.update(root)
    assert set(todo) == {"Xin chào {name}", "Đóng", "{n} người"}
    problems = pipeline.check(root)
    assert any("untranslated msgid 'Xin chào {name}'" in p for p in problems)
    assert any("hoso.mo is missing" in p for p in problems)

    _translate(root, {"Xin chào {name}": "Hello {nom}", "Đóng": "Close",
                      "{n} người": ("{n} person", "{n} people")})
    pipeline.compile_all(root)
    problems = pipeline.check(root)
    assert len(problems) == 1 and "placeholders ['nom'] ≠ ['name']" in problems[0]

    _translate(root, {"Xin chào {name}": "Hello {name}"})
    assert any("out of date" in p for p in pipeline.check(root))
    pipeline.compile_all(root)
    assert pipeline.check(root) == []


def test_update_keeps_translations_and_adds_new_msgids(tmp_path: Path) -> None:
    root = _project(tmp_path, 'from desktop.core.i18n import _\nA = _("Đóng")\n')
    pipeline.extract(root)
    pipeline.update(root)
    _translate(root, {"Đóng": "Close"})
    (root / "desktop" / "mod.py").write_text(
        'from desktop.core.i18n import _\nA = _("Đóng")\nB = _("Lưu")\n', encoding="utf-8")
    assert pipeline.extract(root)
    assert pipeline.update(root) == ["Lưu"]
    with pipeline.po_path(root, "en").open("rb") as f:
        catalog = read_po(f, locale="en")
    assert catalog.get("Đóng").string == "Close"
    assert any("untranslated msgid 'Lưu'" in p for p in pipeline.check(root))


def test_rerunning_on_an_unchanged_tree_rewrites_nothing(tmp_path: Path) -> None:
    root = _project(tmp_path, SOURCE)
    pipeline.extract(root)
    pipeline.update(root)
    pipeline.compile_all(root)
    before = {p: p.read_bytes() for p in (root / "resources").rglob("*") if p.is_file()}
    assert not pipeline.extract(root)
    pipeline.update(root)
    assert pipeline.compile_all(root) == []
    assert {p: p.read_bytes() for p in (root / "resources").rglob("*") if p.is_file()} == before


def test_non_nfc_msgid_is_reported(tmp_path: Path) -> None:
    decomposed = "Đo\u0301ng"  # "Đóng" with a combining acute accent (NFD)
    root = _project(tmp_path, f'from desktop.core.i18n import _\nA = _("{decomposed}")\n')
    assert any(p.startswith("not NFC") for p in pipeline.check(root))


def test_only_literal_arguments_are_msgids(tmp_path: Path) -> None:
    root = _project(tmp_path, 'from desktop.core.i18n import N_, _\n'
                              'NAMES = {"code": N_("Tên đầy đủ")}\n'
                              'a = _(NAMES["code"])\n'
                              'b = _("Có" if a else "Không")\n'
                              'c = _("Một " "câu")\n')
    ids = {m.id for m in pipeline.extract_catalog(root) if m.id}
    assert ids == {"Tên đầy đủ", "Một câu"}


def test_untranslatable_calls_are_reported(tmp_path: Path) -> None:
    root = _project(tmp_path, 'from desktop.core.i18n import _\n'
                              'n = 1\n'
                              'a = _(f"Có {n} người")\n'
                              'b = _("Có " + str(n))\n'
                              'c = _(NAMES[n])\n')
    problems = pipeline.check(root)
    assert any(p.startswith("desktop/mod.py:3: _() of an f-string") for p in problems)
    assert any(p.startswith("desktop/mod.py:4: _() of a computed string") for p in problems)
    assert not any("mod.py:5" in p for p in problems)

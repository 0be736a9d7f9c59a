"""The Vietnamese catalogue for Qt's own strings (resources/translations/qt/qtbase_vi.ts):
complete, well-formed for Qt (placeholders, accelerators, line breaks), and compiled."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "qt" / "qtbase_vi.ts"
sys.path.insert(0, str(ROOT / "scripts"))
import qt_i18n  # noqa: E402

PLACEHOLDER = re.compile(r"%(?:L?\d+|n|p)")
# Kept as they are on purpose: paper sizes and units as printed on paper packs and rulers,
# key sequences Qt parses, numbers, percentages.
KEPT = {"Alt+Left", "Alt+Right", "Alt+Up", "CC", "Cicero (CC)", "DD", "Didot (DD)", "in", "mm",
        "Pica (P̸)", "pt", "P̸", "1 (1x1)", "16 (4x4)", "2 (2x1)", "4 (2x2)", "6 (2x3)",
        "9 (3x3)", "%1%", "%p%"}


def messages() -> list[tuple[str, str, str, str | None]]:
    out = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            out.append((name, message.findtext("source") or "", translation.text or "",
                        translation.get("type")))
    return out


def accelerators(text: str) -> int:
    return len(re.findall(r"&(?!&)\S", text.replace("&&", "")))


def test_the_catalogue_is_vietnamese_and_complete() -> None:
    root = ET.parse(TS).getroot()
    assert root.get("language") == "vi_VN" and root.get("sourcelanguage") == "en"
    found = messages()
    assert len(found) > 400
    unfinished = [(c, s) for c, s, t, kind in found if kind is not None or not t.strip()]
    assert unfinished == []


def problems_of(context: str, source: str, translation: str) -> list[str]:
    problems = []
    if sorted(PLACEHOLDER.findall(translation)) != sorted(PLACEHOLDER.findall(source)):
        problems.append("placeholders differ")
    if translation.count("\n") != source.count("\n"):
        problems.append("line breaks differ")
    # "Show " is a prefix glued to a column name: its trailing space must stay.
    if (translation[:1].isspace(), translation[-1:].isspace()) != \
            (source[:1].isspace(), source[-1:].isspace()):
        problems.append("surrounding spaces differ")
    if accelerators(translation) != accelerators(source):
        problems.append("accelerator (&) added or lost")
    if context == "QGuiApplication" and translation != "LTR":
        problems.append("Vietnamese is written left to right: LTR")
    elif translation == source and context not in ("QPageSize", "QGuiApplication") \
            and source not in KEPT:
        problems.append("left in English")
    return problems


def test_each_message_keeps_what_qt_needs() -> None:
    bad = {(c, s): p for c, s, t, _k in messages() if (p := problems_of(c, s, t))}
    assert bad == {}


def test_the_checks_catch_a_broken_translation() -> None:
    assert problems_of("QFileDialog", "Are you sure you want to delete '%1'?", "Xóa?") == \
        ["placeholders differ"]
    assert problems_of("QLineEdit", "&Copy", "Sao chép") == ["accelerator (&) added or lost"]
    assert problems_of("QFileDialog", "Show ", "Hiện") == ["surrounding spaces differ"]
    assert problems_of("QPlatformTheme", "Cancel", "Cancel") == ["left in English"]


def test_the_committed_qm_is_compiled_from_the_ts() -> None:
    assert qt_i18n.check(qt_i18n.TS, qt_i18n.QM) == []


def test_a_stale_qm_is_reported(tmp_path: Path) -> None:
    stale = tmp_path / "qtbase_vi.qm"
    stale.write_bytes(qt_i18n.QM.read_bytes()[:-1])
    assert any("older" in p for p in qt_i18n.check(qt_i18n.TS, stale))
    assert any("missing" in p for p in qt_i18n.check(qt_i18n.TS, tmp_path / "none.qm"))

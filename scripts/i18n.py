#!/usr/bin/env python3
"""Translation pipeline: Vietnamese msgids in desktop/**/*.py → hoso.pot → en/hoso.po → hoso.mo.

    python scripts/i18n.py extract   # source → resources/translations/hoso.pot
    python scripts/i18n.py update    # merge .pot into en/LC_MESSAGES/hoso.po, keeping translations
    python scripts/i18n.py compile   # en/.../hoso.po → hoso.mo next to it (Babel's write_mo)
    python scripts/i18n.py check     # exit 1 if a msgid is missing/untranslated or the .mo is stale

Vietnamese is the source language, so it needs no catalogue; only English has one. Files are
rewritten only when their messages change, so re-running the pipeline on an unchanged tree
leaves git clean (no date-only churn). Line numbers are left out of the .pot/.po references for
the same reason: editing a file above a message would otherwise rewrite every catalogue.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import gettext
import io
import string
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "hoso"
LANGUAGES = ("en",)
KEYWORDS: dict[str, tuple[int, ...] | None] = {"_": None, "N_": None, "ngettext": (1, 2)}
WIDTH = 100


def translations_dir(root: Path) -> Path:
    return root / "resources" / "translations"


def pot_path(root: Path) -> Path:
    return translations_dir(root) / f"{DOMAIN}.pot"


def po_path(root: Path, language: str) -> Path:
    return translations_dir(root) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(root: Path, language: str) -> Path:
    return po_path(root, language).with_suffix(".mo")


def _version(root: Path) -> str:
    for line in (root / "desktop" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    return "0"


# --- extract ---------------------------------------------------------------------------------

def extract_catalog(root: Path, creation_date: dt.datetime | None = None) -> Catalog:
    """Every message marked in desktop/**/*.py, as a template catalogue."""
    catalog = Catalog(project="hoso", version=_version(root), charset="utf-8",
                      creation_date=creation_date, copyright_holder="hoso",
                      msgid_bugs_address="",
                      header_comment="# Thông điệp của Hồ sơ Khen thưởng (msgid là tiếng Việt).\n#")
    # Walk desktop/ only: the repository root also holds .venv, build/ and dist/.
    found = extract_from_dir(str(root / "desktop"), method_map=[("**.py", "python")],
                             keywords=KEYWORDS, comment_tags=("Translators:",),
                             strip_comment_tags=True)
    literal: dict[str, set[object]] = {}
    for filename, lineno, message, comments, context in found:
        if filename not in literal:
            literal[filename] = literal_messages(root / "desktop" / filename)
        if message not in literal[filename]:
            # Babel also "extracts" from _(NAMES["key"]) or _("a" if x else "b"): not msgids.
            continue
        location = "desktop/" + filename.replace("\\", "/")
        catalog.add(message, None, [(location, lineno)], auto_comments=comments,
                    context=context)
    return catalog


def literal_messages(path: Path) -> set[object]:
    """The messages of calls whose message arguments are string literals (per Python's ast).

    Babel's tokenizer takes any string inside the parentheses, so `_(PART_NAMES["code"])`
    would yield the msgid "code"; only calls that pass literals really declare a msgid.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[object] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else (
            func.attr if isinstance(func, ast.Attribute) else None)
        if name not in KEYWORDS:
            continue
        positions = KEYWORDS[name] or (1,)
        args = [node.args[i - 1] if i - 1 < len(node.args) else None for i in positions]
        if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
            values = tuple(a.value for a in args)  # type: ignore[union-attr]
            found.add(values[0] if len(values) == 1 else values)
    return found


def _render_po(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=WIDTH, sort_output=True, include_lineno=False,
             ignore_obsolete=True, omit_header=False)
    return buf.getvalue()


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def extract(root: Path = ROOT) -> bool:
    """Write the .pot; keep its creation date if no message changed. True if rewritten."""
    path = pot_path(root)
    if path.exists():
        with path.open("rb") as f:
            old = read_po(f)
        same_date = _render_po(extract_catalog(root, old.creation_date))
        if same_date == path.read_bytes():
            return False
    return _write_if_changed(path, _render_po(extract_catalog(root)))


# --- update ----------------------------------------------------------------------------------

def _new_po(root: Path, language: str) -> Catalog:
    return Catalog(locale=language, domain=DOMAIN, project="hoso", version=_version(root),
                   charset="utf-8", fuzzy=False, copyright_holder="hoso", msgid_bugs_address="",
                   header_comment=f"# {language} translation of Hồ sơ Khen thưởng "
                                  "(msgids are the Vietnamese source text).\n#",
                   language_team=language, last_translator="hoso")


def pending_paths(root: Path, language: str) -> list[Path]:
    """Translations written beside a change (translations/pending/<branch>.po, English),
    so parallel branches never edit the same catalogue; `update` folds them in."""
    if language != "en":
        return []
    return sorted((translations_dir(root) / "pending").glob("*.po"))


def _fold_pending(root: Path, language: str, catalog: Catalog) -> None:
    for path in pending_paths(root, language):
        with path.open("rb") as f:
            pending = read_po(f, locale=language, domain=DOMAIN)
        for message in _messages(pending):
            target = catalog.get(message.id)
            if target is not None and message.string and not _translated(target):
                target.string = message.string


def update(root: Path = ROOT) -> list[str]:
    """Merge the .pot into each language's .po; return the msgids that still need a translation."""
    with pot_path(root).open("rb") as f:
        template = read_po(f)
    todo: list[str] = []
    for language in LANGUAGES:
        path = po_path(root, language)
        if path.exists():
            with path.open("rb") as f:
                catalog = read_po(f, locale=language, domain=DOMAIN)
        else:
            catalog = _new_po(root, language)
        # No fuzzy matching: a guessed translation of a similar sentence is worse than none.
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False,
                       update_creation_date=True)
        _fold_pending(root, language, catalog)
        _write_if_changed(path, _render_po(catalog))
        todo += [_msgid_text(m.id) for m in _messages(catalog) if not _translated(m)]
    return todo


# --- compile ---------------------------------------------------------------------------------

def compile_mo(po: Path) -> bytes:
    """The .mo bytes of one .po: same .po (and Babel) in, same bytes out; fuzzy entries skipped."""
    with po.open("rb") as f:
        catalog = read_po(f)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def compile_all(root: Path = ROOT) -> list[Path]:
    written = []
    for language in LANGUAGES:
        if _write_if_changed(mo_path(root, language), compile_mo(po_path(root, language))):
            written.append(mo_path(root, language))
    return written


# --- check -----------------------------------------------------------------------------------

def _messages(catalog: Catalog) -> Iterable[Message]:
    return (m for m in catalog if m.id)


def _msgid_text(msgid: str | tuple[str, ...]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _translated(message: Message) -> bool:
    if message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return bool(strings) and all(strings)


def placeholders(text: str) -> list[str]:
    """The sorted `{name}` fields of a str.format template (raises ValueError if malformed)."""
    return sorted(field for _lit, field, _spec, _conv in string.Formatter().parse(text)
                  if field is not None)


def _placeholder_problem(message: Message) -> str | None:
    ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
    strs = (message.string,) if isinstance(message.string, str) else tuple(message.string)
    try:
        # Singular and plural msgids may differ ({n} only in the plural); accept either set.
        wanted = [placeholders(i) for i in ids]
        for s in strs:
            got = placeholders(s)
            if got not in wanted:
                return f"placeholders {got} ≠ {wanted[0]}"
    except ValueError as exc:
        return f"malformed braces ({exc})"
    return None


def _mo_messages(data: bytes) -> dict[object, str]:
    catalog = dict(gettext.GNUTranslations(io.BytesIO(data))._catalog)  # type: ignore[attr-defined]
    catalog.pop("", None)  # the header carries the Babel version and dates, not translations
    return catalog


_UNTRANSLATABLE = {ast.JoinedStr: "an f-string", ast.BinOp: "a computed string (+ or %)",
                   ast.IfExp: "a conditional expression", ast.BoolOp: "an and/or expression"}


def untranslatable_calls(root: Path) -> list[str]:
    """_() calls whose argument can never match a msgid: f-strings, "a" + b, x if c else y.

    Names, attributes and subscripts are fine (translating a N_()-marked constant).
    """
    problems = []
    for path in sorted((root / "desktop").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in KEYWORDS and node.args):
                kind = _UNTRANSLATABLE.get(type(node.args[0]))
                if kind:
                    where = f"{path.relative_to(root).as_posix()}:{node.lineno}"
                    problems.append(f"{where}: {node.func.id}() of {kind} is never translated; "
                                    "pass a literal and use .format()")
    return problems


def check(root: Path = ROOT) -> list[str]:
    """Every problem as one line; empty when the translations are complete and compiled."""
    problems: list[str] = untranslatable_calls(root)
    source = extract_catalog(root)
    for message in _messages(source):
        for text in (message.id,) if isinstance(message.id, str) else message.id:
            if unicodedata.normalize("NFC", text) != text:
                where = ", ".join(f for f, _ in message.locations)
                problems.append(f"not NFC (normalise the source text): {text!r} in {where}")
    for language in LANGUAGES:
        path = po_path(root, language)
        if not path.exists():
            problems.append(f"{path.relative_to(root)} is missing: run `scripts/i18n.py update`")
            continue
        with path.open("rb") as f:
            catalog = read_po(f, locale=language)
        rel = path.relative_to(root)
        for message in _messages(source):
            where = ", ".join(f for f, _ in message.locations)
            entry = catalog.get(message.id, context=message.context)
            if entry is None:
                problems.append(f"{rel}: missing msgid {_msgid_text(message.id)!r} ({where})")
            elif not _translated(entry):
                problems.append(f"{rel}: untranslated msgid {_msgid_text(message.id)!r} ({where})")
            else:
                bad = _placeholder_problem(entry)
                if bad:
                    problems.append(f"{rel}: {bad} in {_msgid_text(message.id)!r}")
        mo = mo_path(root, language)
        if not mo.exists():
            problems.append(f"{mo.relative_to(root)} is missing: run `scripts/i18n.py compile`")
        elif _mo_messages(mo.read_bytes()) != _mo_messages(compile_mo(path)):
            problems.append(f"{mo.relative_to(root)} is out of date with {rel}: "
                            "run `scripts/i18n.py compile`")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("command", choices=["extract", "update", "compile", "check", "all"])
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    root: Path = args.root
    if args.command in ("extract", "all"):
        changed = extract(root)
        print(f"{pot_path(root).relative_to(root)}: {'updated' if changed else 'unchanged'}")
    if args.command in ("update", "all"):
        todo = update(root)
        print(f"{len(todo)} msgid(s) to translate" + "".join(f"\n  {t!r}" for t in todo))
    if args.command in ("compile", "all"):
        written = compile_all(root)
        print("compiled: " + (", ".join(str(p.relative_to(root)) for p in written) or "unchanged"))
    if args.command in ("check", "all"):
        problems = check(root)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(f"{len(problems)} translation problem(s)", file=sys.stderr)
            return 1
        print("translations complete and compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())

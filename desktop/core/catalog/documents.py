"""Document kinds of the dossier (forms/documents/<kind>.toml): what each document is, its
number code, its place in the legal order, the fixed texts it prints and, for achievement
reports, the guided sections the officer writes.

forms/documents/format.toml (the page format, read by the renderers) is not a kind and is
skipped here. Each kind file is one version (`to_trinh@2026-10-01.toml` beside
`to_trinh.toml`, versions.py): a document uses the version in force on its date.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.core.catalog.base import CatalogError
from desktop.core.catalog.versions import (
    FIRST_DAY,
    SourceFile,
    Validity,
    chain_versions,
    read_validity,
    split_name,
    version_id,
)

ROLES = ("dossier", "report", "decision", "certificate", "list")
PER = ("round", "nomination", "title")
DOC_TYPES = ("", "TTr", "BB", "QĐ", "BC", "DS")
SUBJECTS = ("individual", "collective", "household")
ROUND_KINDS = ("cong_trang", "dot_xuat", "phong_trao", "cong_hien")
# Who a document is for (LAW §5.2): "unit" — the unit's own decision (internal proposal of its
# council, the head's quyết định, certificates); "province" — what goes up to the receiving
# body in the package; "" — decided per document (the council's biên bản, the reports).
SCOPES = ("", "unit", "province")
# Signature fields in the PDF (issue 15): "signers" — at every signer of its signature blocks
# (and the seal's where the signer seals); "attachment" — filed separately with a main
# document, the organisation's at the top right of page 1; "" — not signed digitally.
# Certificates ("signers") get them only where the province profile says so.
SIGNING = ("", "signers", "attachment")
NOT_KINDS = frozenset({"format"})
_STEM = re.compile(r"^[a-z0-9_]+$")
_PLACE_KEYS = {"x_mm", "y_mm", "size", "bold", "italic", "color", "align", "max_width_mm",
               "underline"}


class DocumentKindError(Exception):
    """A file in forms/documents is malformed (named with its path)."""


@dataclass(frozen=True)
class ReportSection:
    """One guided section of an achievement report."""

    code: str
    heading: str
    prompt: str
    min_chars: int
    max_chars: int
    part: str = "achievements"   # which part of the report it prints under (background for
                                 # a collective's "I. Sơ lược đặc điểm, tình hình")


@dataclass(frozen=True)
class Placement:
    """Where a certificate line goes on the page (mm from the top-left corner)."""

    x_mm: float
    y_mm: float
    size: float = 14.0
    bold: bool = False
    italic: bool = False
    color: str | None = None
    align: str = "center"
    max_width_mm: float | None = None
    underline: bool = False          # a rule under the line, its full length (tiêu ngữ)


@dataclass(frozen=True)
class DocumentKind:
    code: str
    name: str
    doc_type: str                       # "" = no number (a person's report, a list)
    order: int                          # legal order in the dossier
    file_stem: str                      # ASCII, e.g. "01_to_trinh"
    role: str
    per: str                            # one per round, per nomination or per title
    in_dossier: bool = True
    scope: str = ""                     # "unit" | "province" | "" (see SCOPES)
    round_kinds: tuple[str, ...] = ()   # empty: every kind of round
    titles: tuple[str, ...] = ()        # empty: every title
    subjects: tuple[str, ...] = ()      # empty: every subject
    simplified: bool | None = None      # reports: only for (True) / never for (False) thủ tục
    texts: Mapping[str, Any] = field(default_factory=dict)
    sections: tuple[ReportSection, ...] = ()
    placements: Mapping[str, Placement] = field(default_factory=dict)
    data: Mapping[str, Any] = field(default_factory=dict)
    signing: str = ""                   # see SIGNING
    valid_from: date = FIRST_DAY        # this version's days in force (versions.py)
    valid_to: date | None = None
    origin: str = ""
    digest: str = ""

    @property
    def version(self) -> str:
        return version_id(self.code, self.valid_from)

    def text(self, key: str, default: str = "") -> str:
        value = self.texts.get(key, default)
        return str(value)

    def lines(self, key: str) -> tuple[str, ...]:
        value = self.texts.get(key, ())
        if isinstance(value, str):
            return (value,)
        return tuple(str(v) for v in value)

    def section(self, code: str) -> ReportSection | None:
        for s in self.sections:
            if s.code == code:
                return s
        return None

    def applies(self, round_kind: str, title: str = "", subject: str = "",
                simplified: bool | None = None) -> bool:
        if self.round_kinds and round_kind not in self.round_kinds:
            return False
        if title and self.titles and title not in self.titles:
            return False
        if subject and self.subjects and subject not in self.subjects:
            return False
        return not (self.simplified is not None and simplified is not None
                    and self.simplified != simplified)


def _fail(path: Path, why: str) -> DocumentKindError:
    return DocumentKindError(f"{path}: {why}")


def _str(data: Mapping[str, Any], key: str, path: Path, *, empty: bool = False) -> str:
    value = data.get(key)
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise _fail(path, f"'{key}' must be a{'' if empty else ' non-empty'} string")
    return value


def _strs(data: Mapping[str, Any], key: str, path: Path, allowed: tuple[str, ...] | None = None
          ) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, f"'{key}' must be an array of strings")
    if allowed is not None and any(v not in allowed for v in value):
        raise _fail(path, f"'{key}' values must be among {allowed}")
    return tuple(value)


def _sections(raw: Any, path: Path) -> tuple[ReportSection, ...]:
    if not isinstance(raw, list):
        raise _fail(path, "[[section]] must be an array of tables")
    out: list[ReportSection] = []
    for i, s in enumerate(raw):
        if not isinstance(s, dict):
            raise _fail(path, f"section[{i}] must be a table")
        lo, hi = s.get("min_chars"), s.get("max_chars")
        if not (isinstance(lo, int) and isinstance(hi, int) and 0 < lo < hi):
            raise _fail(path, f"section[{i}]: 0 < min_chars < max_chars (integers)")
        part = str(s.get("part", "achievements"))
        if part not in ("background", "achievements"):
            raise _fail(path, f"section[{i}].part must be background or achievements")
        out.append(ReportSection(_str(s, "code", path), _str(s, "heading", path),
                                 _str(s, "prompt", path), lo, hi, part))
    codes = [s.code for s in out]
    if len(set(codes)) != len(codes):
        raise _fail(path, "section codes must be unique")
    return tuple(out)


def _placements(raw: Any, path: Path) -> dict[str, Placement]:
    if not isinstance(raw, dict):
        raise _fail(path, "[positions] must be a table of line -> {x_mm, y_mm, ...}")
    out: dict[str, Placement] = {}
    for name, p in raw.items():
        if not isinstance(p, dict) or set(p) - _PLACE_KEYS:
            raise _fail(path, f"positions.{name}: keys must be among {sorted(_PLACE_KEYS)}")
        try:
            out[name] = Placement(float(p["x_mm"]), float(p["y_mm"]), float(p.get("size", 14)),
                                  bool(p.get("bold", False)), bool(p.get("italic", False)),
                                  p.get("color"), str(p.get("align", "center")),
                                  float(p["max_width_mm"]) if "max_width_mm" in p else None,
                                  bool(p.get("underline", False)))
        except (KeyError, TypeError, ValueError) as exc:
            raise _fail(path, f"positions.{name}: {exc}") from exc
        if out[name].align not in ("left", "center", "right"):
            raise _fail(path, f"positions.{name}.align must be left, center or right")
    return out


def load_kind(path: Path, origin: str = "") -> DocumentKind:
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _fail(path, str(exc)) from exc
    try:
        stem, name_day = split_name(path.name)
        validity = read_validity(data, path, name_day)
    except CatalogError as exc:
        raise DocumentKindError(str(exc)) from exc
    code = _str(data, "code", path)
    if code != stem:
        raise _fail(path, f"code '{code}' does not match the file name")
    doc_type = _str(data, "doc_type", path, empty=True)
    if doc_type not in DOC_TYPES:
        raise _fail(path, f"doc_type must be one of {DOC_TYPES}")
    order = data.get("order")
    if not isinstance(order, int) or order <= 0:
        raise _fail(path, "'order' must be a positive integer")
    stem = _str(data, "file_stem", path)
    if not _STEM.match(stem):
        raise _fail(path, "file_stem must be ASCII: a-z, 0-9 and _")
    role = _str(data, "role", path)
    if role not in ROLES:
        raise _fail(path, f"role must be one of {ROLES}")
    per = _str(data, "per", path)
    if per not in PER:
        raise _fail(path, f"per must be one of {PER}")
    scope = data.get("scope", "")
    if scope not in SCOPES:
        raise _fail(path, f"scope must be one of {SCOPES}")
    signing = data.get("signing", "")
    if signing not in SIGNING:
        raise _fail(path, f"signing must be one of {SIGNING}")
    simplified = data.get("simplified")
    if simplified is not None and not isinstance(simplified, bool):
        raise _fail(path, "'simplified' must be true or false")
    texts = data.get("texts", {})
    if not isinstance(texts, dict):
        raise _fail(path, "[texts] must be a table")
    sections = _sections(data.get("section", []), path)
    if role == "report" and not sections:
        raise _fail(path, "an achievement report needs [[section]] entries")
    placements = _placements(data.get("positions", {}), path)
    if role == "certificate" and not placements:
        raise _fail(path, "a certificate needs [positions]")
    return DocumentKind(
        code=code, name=_str(data, "name", path), doc_type=doc_type, order=order,
        file_stem=stem, role=role, per=per, in_dossier=bool(data.get("in_dossier", True)),
        scope=str(scope),
        round_kinds=_strs(data, "round_kinds", path, ROUND_KINDS),
        titles=_strs(data, "titles", path), subjects=_strs(data, "subjects", path, SUBJECTS),
        simplified=simplified, texts=MappingProxyType(texts), sections=sections,
        placements=MappingProxyType(placements), data=MappingProxyType(data),
        signing=str(signing), valid_from=validity.valid_from, valid_to=validity.valid_to,
        origin=origin, digest=hashlib.sha256(raw).hexdigest())


def load_document_versions(files: Sequence[SourceFile], title_codes: set[str] | None = None
                           ) -> dict[str, list[tuple[Validity, DocumentKind]]]:
    """Every version of every kind (forms/documents/*.toml except the page format), checked.
    Unknown title codes are refused when `title_codes` is given; two kinds in force on the
    same day may not share a file_stem (checked by the catalog, day by day)."""
    by_code: dict[str, list[tuple[Validity, DocumentKind, str]]] = {}
    for source in files:
        if split_name(source.name)[0] in NOT_KINDS:
            continue
        kind = load_kind(source.path, source.origin)
        if title_codes is not None:
            unknown = set(kind.titles) - title_codes
            if unknown:
                raise _fail(source.path, f"unknown title codes {sorted(unknown)}")
        by_code.setdefault(kind.code, []).append(
            (Validity(kind.valid_from, kind.valid_to), kind, str(source.path)))
    try:
        return {code: chain_versions(code, items) for code, items in by_code.items()}
    except CatalogError as exc:
        raise DocumentKindError(str(exc)) from exc


def check_file_stems(kinds: Mapping[str, DocumentKind], where: str) -> None:
    stems = [k.file_stem for k in kinds.values()]
    if len(set(stems)) != len(stems):
        raise DocumentKindError(f"{where}: two document kinds share a file_stem")


def load_document_kinds(folder: Path, title_codes: set[str] | None = None
                        ) -> dict[str, DocumentKind]:
    """The kinds of one folder, the latest version of each (tools and tests; the catalog
    reads every version through load_document_versions)."""
    if not folder.is_dir():
        return {}
    files = [SourceFile(p.name, p, "") for p in sorted(folder.glob("*.toml"))]
    kinds = {code: versions[-1][1]
             for code, versions in load_document_versions(files, title_codes).items()}
    check_file_stems(kinds, str(folder))
    return kinds


REPORT_PARTS = frozenset({"bao_cao_thanh_tich", "bao_cao_tom_tat", "bao_cao"})


def report_kind_for(kinds: Mapping[str, DocumentKind], round_kind: str, title: str,
                    subject: str, simplified: bool) -> DocumentKind | None:
    """The achievement-report kind a nomination uses: the first report kind (in legal order)
    whose round kinds, titles, subjects and simplified flag match."""
    reports = sorted((k for k in kinds.values() if k.role == "report"), key=lambda k: k.order)
    for kind in reports:
        if kind.applies(round_kind, title, subject, simplified):
            return kind
    return None

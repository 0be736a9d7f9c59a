"""Loads forms/ (the law as data) into typed, read-only objects.

forms/ holds no Python: titles/*.toml, provinces/*.toml, documents/. Everything that varies
by law or by province is read from there, and every file is checked when loaded so a bad
edit fails at start-up with the file's name, not later in the middle of a dossier.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.core.catalog.documents import DocumentKind, DocumentKindError, load_document_kinds
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model import AwardKind, DisciplineLevel, Rating, Scope, SubjectGroup

SUBJECTS = ("individual", "collective", "household")
CATEGORIES = ("danh_hieu", "hinh_thuc")
QUALITIES = ("exemplary", "solidarity", "movement")
MEMBER_COUNTS = ("completed", "lao_dong_tien_tien", "chien_si_thi_dua_co_so", "women")
PROOF_SOURCES = ("initiative", "research")
VERDICTS = ("eligible", "ineligible", "hold")
PROVINCE_REF = "province:"

# The closed vocabulary of eligibility predicates (DESIGN §4): name -> {param: (type, required)}.
# desktop.core.rules implements exactly these names (a test checks both sides agree); a title
# file naming anything else is refused at load time with the file's name. Parameter types:
# rating, int, share (0..1), scope, title (a catalog code), titles, qualities, groups, kinds,
# level (discipline), sources, of (member count), text, bool. int and share also accept
# "province:<parameter>", resolved from the unit's province profile when evaluated.
PREDICATES: Mapping[str, Mapping[str, tuple[str, bool]]] = MappingProxyType({
    "rating_at_least": {"min": ("rating", True)},
    "consecutive_years": {"count": ("int", True), "min_rating": ("rating", False),
                          "titles": ("titles", False)},
    "qualities": {"which": ("qualities", True)},
    "claim": {"claim": ("text", True), "label": ("text", True), "evidence": ("text", False)},
    "hired_months": {"months": ("int", True)},
    "group_in": {"groups": ("groups", True)},
    "collective_kind_in": {"kinds": ("kinds", True)},
    "meets_title": {"code": ("title", True)},
    "proofs": {"count": ("int", True), "min_scope": ("scope", True), "window": ("int", True),
               "sources": ("sources", True), "research_applied": ("bool", False)},
    "member_share": {"of": ("of", True), "min": ("share", True)},
    "member_count": {"of": ("of", True), "min": ("int", True)},
    "members_discipline_below": {"level": ("level", True)},
    "award_then_years": {"award": ("title", True), "years": ("int", True),
                         "min_rating": ("rating", True), "title": ("title", False),
                         "title_count": ("int", False), "htxs_count": ("int", False)},
    "cycle_titles": {"code": ("title", True), "count": ("int", True), "cycle": ("int", True)},
})
_NODE_KEYS = {"id", "label", "basis"}


@dataclass(frozen=True)
class ProvinceParam:
    """A figure read from the unit's province profile (`province:<name>` in a title file)."""

    name: str


@dataclass(frozen=True)
class Criterion:
    """A leaf of a title's rule: one predicate from PREDICATES with its parameters."""

    predicate: str
    params: Mapping[str, Any]
    basis: str
    id: str
    label: str = ""


@dataclass(frozen=True)
class Group:
    """`all` (every item) or `any` (at least one item) of criteria."""

    mode: str  # "all" | "any"
    items: tuple[Node, ...]
    basis: str
    id: str
    label: str = ""


Node = Criterion | Group


@dataclass(frozen=True)
class Ballot:
    """Secret ballot of the council; threshold is a share of its total membership."""

    required: bool
    threshold: float | ProvinceParam | None = None
    basis: str = ""
    note: str = ""


@dataclass(frozen=True)
class DossierPart:
    code: str
    name: str
    form: str = ""


@dataclass(frozen=True)
class TitleInfo:
    """One title (danh hiệu) or form of commendation (hình thức), from forms/titles."""

    code: str
    name: str
    short_name: str
    category: str
    subjects: tuple[str, ...]
    kinds: tuple[AwardKind, ...]
    authority: str
    decided_by_unit: bool
    rank: int
    data: Mapping[str, Any] = field(default_factory=dict)  # the whole file, for the rules
    criteria: Mapping[str, Node] = field(default_factory=dict)  # subject -> rule
    ballot: Ballot = field(default_factory=lambda: Ballot(False))
    dossier_parts: tuple[DossierPart, ...] = ()
    report_forms: Mapping[str, str] = field(default_factory=dict)  # subject -> Mẫu code
    legal_basis: tuple[str, ...] = ()
    annual: bool = False
    examples: tuple[Mapping[str, Any], ...] = ()

    @property
    def is_title(self) -> bool:
        return self.category == "danh_hieu"

    def for_subject(self, subject: str) -> bool:
        return subject in self.subjects

    def report_form(self, subject: str) -> str:
        return self.report_forms.get(subject, "")

    def ballot_threshold(self, province: ProvinceProfile) -> float | None:
        """Share of the council's total membership needed, or None without a ballot."""
        if not self.ballot.required or self.ballot.threshold is None:
            return None
        return float(province.resolve(self.ballot.threshold))


@dataclass(frozen=True)
class ProvinceProfile:
    code: str
    name: str
    data: Mapping[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def parameter(self, name: str) -> Any:
        """A figure from [parameters]; every name exists in default.toml (checked at load)."""
        params = self.data.get("parameters", {})
        if name not in params:
            raise CatalogError(f"province '{self.code}': no parameter '{name}'")
        return params[name]

    def resolve(self, value: Any) -> Any:
        return self.parameter(value.name) if isinstance(value, ProvinceParam) else value

    def deadline(self, key: str, year: int) -> date | None:
        """A dated deadline from [deadlines] ("MM-DD", or {day = "MM-DD", year_offset = 1})."""
        raw = self.data.get("deadlines", {}).get(key)
        if raw is None:
            return None
        if isinstance(raw, str):
            raw = {"day": raw}
        month, day = (int(x) for x in str(raw["day"]).split("-"))
        return date(year + int(raw.get("year_offset", 0)), month, day)


@dataclass(frozen=True)
class Catalog:
    titles: Mapping[str, TitleInfo]
    provinces: Mapping[str, ProvinceProfile]
    forms_dir: Path
    legal_sources: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    documents: Mapping[str, DocumentKind] = field(default_factory=dict)  # forms/documents

    def title(self, code: str) -> TitleInfo:
        try:
            return self.titles[code]
        except KeyError:
            raise UserError(_("Mã danh hiệu/hình thức khen thưởng không có: “{code}”.")
                            .format(code=code)) from None

    def name_of(self, code: str) -> str:
        info = self.titles.get(code)
        return info.name if info else code

    def province(self, code: str) -> ProvinceProfile:
        try:
            return self.provinces[code]
        except KeyError:
            raise UserError(_("Không có hồ sơ tỉnh “{code}”.").format(code=code)) from None

    def claims(self, subject: str) -> dict[str, str]:
        """Officer confirmations the criteria for `subject` name: code → wording."""
        found: dict[str, str] = {}

        def walk(node: Node) -> None:
            if isinstance(node, Group):
                for item in node.items:
                    walk(item)
            elif node.predicate == "claim":
                found.setdefault(str(node.params["claim"]),
                                 str(node.params.get("label") or node.label or
                                     node.params["claim"]))

        for info in sorted(self.titles.values(), key=lambda t: (t.category, t.rank)):
            rule = info.criteria.get(subject)
            if rule is not None:
                walk(rule)
        return found

    def ordered(self, subject: str | None = None) -> list[TitleInfo]:
        items = [t for t in self.titles.values() if subject is None or t.for_subject(subject)]
        return sorted(items, key=lambda t: (t.category, t.rank, t.code))


class CatalogError(Exception):
    """A file in forms/ is malformed: a packaging or editing bug, named with its file."""


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(f"{path}: {exc}") from exc


def _require(data: Mapping[str, Any], key: str, kind: type, path: Path) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise CatalogError(f"{path}: '{key}' must be {kind.__name__}, got {value!r}")
    return value


def _load_title(path: Path, ctx: _Context) -> TitleInfo:
    data = _read_toml(path)
    code = _require(data, "code", str, path)
    if code != path.stem:
        raise CatalogError(f"{path}: code '{code}' does not match the file name")
    category = _require(data, "category", str, path)
    if category not in CATEGORIES:
        raise CatalogError(f"{path}: category must be one of {CATEGORIES}")
    subjects = tuple(_require(data, "subjects", list, path))
    if not subjects or any(s not in SUBJECTS for s in subjects):
        raise CatalogError(f"{path}: subjects must be a non-empty subset of {SUBJECTS}")
    try:
        kinds = tuple(AwardKind(k) for k in _require(data, "kinds", list, path))
    except ValueError as exc:
        raise CatalogError(f"{path}: {exc}") from exc
    legal_basis = tuple(str(b) for b in data.get("legal_basis", []))
    for text in legal_basis:
        ctx.check_basis(text, path, "legal_basis")
    default_basis = legal_basis[0] if legal_basis else ""
    raw_criteria = data.get("criteria", {})
    if not isinstance(raw_criteria, dict):
        raise CatalogError(f"{path}: [criteria] must be a table of subject -> rule")
    criteria: dict[str, Node] = {}
    for subject, raw in raw_criteria.items():
        if subject not in subjects:
            raise CatalogError(f"{path}: criteria.{subject}: not one of this title's subjects")
        criteria[subject] = _parse_node(raw, f"criteria.{subject}", default_basis, path, ctx)
    ballot = _parse_ballot(data.get("ballot", {}), path, ctx)
    parts = []
    for i, part in enumerate(data.get("dossier", [])):
        if not isinstance(part, dict) or not part.get("code") or not part.get("name"):
            raise CatalogError(f"{path}: dossier[{i}] needs code and name")
        parts.append(DossierPart(str(part["code"]), str(part["name"]), str(part.get("form", ""))))
    examples = data.get("examples", [])
    if not isinstance(examples, list):
        raise CatalogError(f"{path}: examples must be an array of tables")
    for i, ex in enumerate(examples):
        if not isinstance(ex, dict) or ex.get("expected") not in VERDICTS or "id" not in ex:
            raise CatalogError(f"{path}: examples[{i}] needs id and expected in {VERDICTS}")
        if ex.get("subject", {}).get("kind") not in subjects:
            raise CatalogError(f"{path}: examples[{i}]: subject.kind must be one of {subjects}")
    return TitleInfo(
        code=code,
        name=_require(data, "name", str, path),
        short_name=_require(data, "short_name", str, path),
        category=category,
        subjects=subjects,
        kinds=kinds,
        authority=_require(data, "authority", str, path),
        decided_by_unit=bool(_require(data, "decided_by_unit", bool, path)),
        rank=int(_require(data, "rank", int, path)),
        data=MappingProxyType(data),
        criteria=MappingProxyType(criteria),
        ballot=ballot,
        dossier_parts=tuple(parts),
        report_forms=MappingProxyType(_report_forms(data.get("report_form", ""), subjects, path)),
        legal_basis=legal_basis,
        annual=bool(data.get("annual", False)),
        examples=tuple(MappingProxyType(e) for e in examples),
    )


def _report_forms(raw: Any, subjects: tuple[str, ...], path: Path) -> dict[str, str]:
    """report_form = "mau_05" (every subject) or a table subject -> form."""
    if isinstance(raw, str):
        return {s: raw for s in subjects} if raw else {}
    if isinstance(raw, dict) and all(k in subjects and isinstance(v, str) for k, v in raw.items()):
        return dict(raw)
    raise CatalogError(f"{path}: report_form must be a string or a table subject -> form")


@dataclass
class _Context:
    """What a title file may refer to: province parameters, legal sources, title codes."""

    parameters: Mapping[str, Any]
    basis_prefixes: tuple[str, ...]
    title_refs: list[tuple[Path, str, str]] = field(default_factory=list)

    def check_basis(self, text: str, path: Path, where: str) -> None:
        if not any(text.startswith(p) for p in self.basis_prefixes):
            raise CatalogError(f"{path}: {where}: basis '{text}' does not start with a source "
                               "listed in forms/legal-basis.toml (its 'cite' field)")


def _parse_ballot(raw: Any, path: Path, ctx: _Context) -> Ballot:
    if not isinstance(raw, dict):
        raise CatalogError(f"{path}: [ballot] must be a table")
    required = bool(raw.get("required", False))
    threshold = raw.get("threshold")
    if required and threshold is None:
        raise CatalogError(f"{path}: ballot.threshold is needed when a ballot is required")
    if threshold is not None:
        threshold = _param_value("share", threshold, path, "ballot.threshold", ctx)
    basis = str(raw.get("basis", ""))
    if basis:
        ctx.check_basis(basis, path, "ballot.basis")
    return Ballot(required, threshold, basis, str(raw.get("note", "")))


def _parse_node(raw: Any, where: str, basis: str, path: Path, ctx: _Context) -> Node:
    if not isinstance(raw, dict):
        raise CatalogError(f"{path}: {where}: a criterion must be a table")
    node_basis = str(raw.get("basis", basis))
    if node_basis:
        ctx.check_basis(node_basis, path, where)
    label = str(raw.get("label", ""))
    modes = [m for m in ("all", "any") if m in raw]
    if modes:
        if len(modes) > 1 or "predicate" in raw:
            raise CatalogError(f"{path}: {where}: use one of all / any / predicate")
        mode = modes[0]
        extra = set(raw) - _NODE_KEYS - {mode}
        if extra:
            raise CatalogError(f"{path}: {where}: unknown keys {sorted(extra)}")
        items = raw[mode]
        if not isinstance(items, list) or not items:
            raise CatalogError(f"{path}: {where}.{mode} must be a non-empty array")
        return Group(mode, tuple(_parse_node(item, f"{where}.{mode}[{i}]", node_basis, path, ctx)
                                 for i, item in enumerate(items)),
                     node_basis, str(raw.get("id", mode)), label)
    name = str(raw.get("predicate"))
    if name not in PREDICATES:
        raise CatalogError(f"{path}: {where}: unknown predicate {name!r}; the vocabulary is "
                           f"{sorted(PREDICATES)}")
    if not node_basis:
        raise CatalogError(f"{path}: {where}: no legal basis (basis or legal_basis)")
    spec = PREDICATES[name]
    extra = set(raw) - _NODE_KEYS - {"predicate"} - set(spec)
    if extra:
        raise CatalogError(f"{path}: {where}: unknown parameters {sorted(extra)} for {name}")
    params: dict[str, Any] = {}
    for pname, (ptype, required) in spec.items():
        if pname not in raw:
            if required:
                raise CatalogError(f"{path}: {where}: {name} needs '{pname}'")
            continue
        params[pname] = _param_value(ptype, raw[pname], path, f"{where}.{pname}", ctx)
    return Criterion(name, MappingProxyType(params), node_basis, str(raw.get("id", name)), label)


_ENUMS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "rating": tuple(r.value for r in Rating),
    "scope": tuple(s.value for s in Scope),
    "level": tuple(d.value for d in DisciplineLevel),
    "of": MEMBER_COUNTS,
})
_LISTS: Mapping[str, tuple[str, ...] | None] = MappingProxyType({
    "qualities": QUALITIES,
    "groups": tuple(g.value for g in SubjectGroup),
    "sources": PROOF_SOURCES,
    "kinds": None,
    "titles": None,
})


def _param_value(ptype: str, value: Any, path: Path, where: str, ctx: _Context) -> Any:
    bad = CatalogError(f"{path}: {where}: {value!r} is not a valid {ptype}")
    if isinstance(value, str) and value.startswith(PROVINCE_REF) and ptype in ("int", "share"):
        name = value[len(PROVINCE_REF):]
        if name not in ctx.parameters:
            raise CatalogError(f"{path}: {where}: province parameter '{name}' is not defined in "
                               "forms/provinces/default.toml [parameters]")
        return ProvinceParam(name)
    if ptype == "int":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise bad
        return value
    if ptype == "share":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise bad
        return float(value)
    if ptype == "bool":
        if not isinstance(value, bool):
            raise bad
        return value
    if ptype == "text":
        if not isinstance(value, str) or not value.strip():
            raise bad
        return value
    if ptype == "title":
        if not isinstance(value, str):
            raise bad
        ctx.title_refs.append((path, where, value))
        return value
    if ptype in _ENUMS:
        if value not in _ENUMS[ptype]:
            raise bad
        return value
    if ptype in _LISTS:
        allowed = _LISTS[ptype]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise bad
        if allowed is not None and any(v not in allowed for v in value):
            raise bad
        if ptype == "titles":
            ctx.title_refs.extend((path, where, v) for v in value)
        return tuple(value)
    raise bad  # pragma: no cover - every type in PREDICATES is handled above


def _merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _load_provinces(folder: Path) -> dict[str, ProvinceProfile]:
    raw = {p.stem: _read_toml(p) for p in sorted(folder.glob("*.toml"))}
    if "default" not in raw:
        raise CatalogError(f"{folder}: default.toml is missing")
    profiles: dict[str, ProvinceProfile] = {}
    for code, data in raw.items():
        if data.get("code") != code:
            raise CatalogError(f"{folder / (code + '.toml')}: code must be '{code}'")
        chain = [data]
        seen = {code}
        while "extends" in chain[-1]:
            parent = chain[-1]["extends"]
            if parent in seen or parent not in raw:
                raise CatalogError(f"{folder / (code + '.toml')}: bad extends '{parent}'")
            seen.add(parent)
            chain.append(raw[parent])
        merged: dict[str, Any] = {}
        for layer in reversed(chain):
            merged = _merge(merged, layer)
        merged["code"] = code
        merged.pop("extends", None)
        profiles[code] = ProvinceProfile(code, str(merged.get("name", code)),
                                         MappingProxyType(merged))
    return profiles


def _load_legal_sources(path: Path) -> dict[str, Mapping[str, Any]]:
    if not path.exists():
        raise CatalogError(f"{path}: missing")
    data = _read_toml(path)
    sources = data.get("sources", {})
    if not isinstance(sources, dict) or not sources:
        raise CatalogError(f"{path}: [sources.<key>] tables are missing")
    for key, src in sources.items():
        if not isinstance(src, dict) or not src.get("cite") or not src.get("title"):
            raise CatalogError(f"{path}: sources.{key} needs cite and title")
    return {k: MappingProxyType(v) for k, v in sources.items()}


def load_catalog(forms_dir: Path) -> Catalog:
    titles_dir = forms_dir / "titles"
    provinces = _load_provinces(forms_dir / "provinces")
    sources = _load_legal_sources(forms_dir / "legal-basis.toml")
    default_params = provinces["default"].get("parameters", {})
    for profile in provinces.values():
        unknown = set(profile.get("parameters", {})) - set(default_params)
        if unknown:
            raise CatalogError(f"province '{profile.code}': parameters {sorted(unknown)} are not "
                               "defined in default.toml")
    ctx = _Context(default_params,
                   tuple(sorted((str(s["cite"]) for s in sources.values()), key=len,
                                reverse=True)))
    titles = {t.code: t for t in (_load_title(p, ctx) for p in sorted(titles_dir.glob("*.toml")))}
    if not titles:
        raise CatalogError(f"{titles_dir}: no title files")
    for path, where, ref in ctx.title_refs:
        if ref not in titles:
            raise CatalogError(f"{path}: {where}: unknown title code '{ref}'")
    try:
        documents = load_document_kinds(forms_dir / "documents", set(titles))
    except DocumentKindError as exc:
        raise CatalogError(str(exc)) from exc
    return Catalog(MappingProxyType(titles), MappingProxyType(provinces), forms_dir,
                   MappingProxyType(sources), MappingProxyType(documents))

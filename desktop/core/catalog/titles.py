"""Title files (forms/titles/<code>[@YYYY-MM-DD].toml): the closed vocabulary of predicates, the
typed title objects and the checks each file passes when it is loaded.

A title file states, for each subject it applies to, a rule over the vocabulary below (no
`eval`), how its council decides, its dossier parts and worked examples. Each file is one
version of its title, in force from its `valid_from` (versions.py).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.core.catalog.base import (
    PROVINCE_REF,
    CatalogError,
    ProvinceParam,
    only_keys,
    read_toml,
    require,
)
from desktop.core.catalog.provinces import ProvinceProfile
from desktop.core.catalog.rounds import DossierPart, parse_parts
from desktop.core.catalog.versions import (
    FIRST_DAY,
    VALIDITY_KEYS,
    SourceFile,
    Validity,
    read_validity,
    split_name,
    version_id,
)
from desktop.core.model import AwardKind, DisciplineLevel, Rating, Scope, SubjectGroup

SUBJECTS = ("individual", "collective", "household")
CATEGORIES = ("danh_hieu", "hinh_thuc")
QUALITIES = ("exemplary", "solidarity", "movement")
MEMBER_COUNTS = ("completed", "lao_dong_tien_tien", "chien_si_thi_dua_co_so", "women")
PROOF_SOURCES = ("initiative", "research")
VERDICTS = ("eligible", "ineligible", "hold")
COMPARISONS = ("at_least", "more_than")
_TITLE_KEYS = ("code", "name", "short_name", "category", "subjects", "kinds", "authority",
               "decided_by_unit", "award_verb", "rank", "legal_basis", "report_form",
               "report_by_province", "annual", "deadline",
               "ballot", "dossier", "criteria", "examples", *VALIDITY_KEYS)
_EXAMPLE_KEYS = ("id", "expected", "note", "boundary", "subject", "years", "initiatives",
                 "research", "discipline", "members", "claims", "pending_review", "province",
                 "review_year", "as_of")

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
               "sources": ("sources", True), "applied": ("bool", False)},
    "member_share": {"of": ("of", True), "min": ("share", True)},
    "member_count": {"of": ("of", True), "min": ("int", True)},
    "members_discipline_below": {"level": ("level", True)},
    "award_then_years": {"award": ("title", True), "years": ("int", True),
                         "min_rating": ("rating", True), "title": ("title", False),
                         "title_count": ("int", False), "htxs_count": ("int", False)},
    "cycle_titles": {"code": ("title", True), "count": ("int", True), "cycle": ("int", True)},
})
_NODE_KEYS = {"id", "label", "basis"}
EXAMPLE_YEAR = 2026   # the review year of a worked example that names none


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
    """How the council decides a title: by secret ballot when `required`, else by show of
    hands; either way a share of its TOTAL membership, reached `at_least` or `more_than`."""

    required: bool
    threshold: float | ProvinceParam
    comparison: str = "at_least"
    basis: str = ""
    note: str = ""

    @property
    def more_than(self) -> bool:
        return self.comparison == "more_than"


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
    ballot: Ballot
    dossier_parts: tuple[DossierPart, ...]
    criteria: Mapping[str, Node] = field(default_factory=dict)  # subject -> rule
    report_forms: Mapping[str, str] = field(default_factory=dict)  # subject -> Mẫu code
    # The law leaves the individual report to the province (LAW §5.2 case A): the profile's
    # [reports] may ask for a summary or none instead of the full report_form.
    report_by_province: bool = False
    legal_basis: tuple[str, ...] = ()
    annual: bool = False
    deadline: str = ""   # a named dated deadline of the province profile ([deadlines])
    examples: tuple[Mapping[str, Any], ...] = ()
    # The verb of deciding it, as the law writes it: "tặng" (Law 06/2022 Art 80: "quyết định
    # tặng danh hiệu …"). Every document proposing or deciding it uses this one word.
    award_verb: str = field(default="", kw_only=True)
    # This version: in force from valid_from to valid_to (inclusive; None: open-ended), read
    # from `origin` ("forms:<app version>" or "lawpack:<publisher>/<version>"), whose file
    # has this SHA-256.
    valid_from: date = FIRST_DAY
    valid_to: date | None = None
    origin: str = ""
    digest: str = ""

    @property
    def version(self) -> str:
        """"chien_si_thi_dua_co_so@2026-10-01": what a verdict names as the rule it used."""
        return version_id(self.code, self.valid_from)

    @property
    def validity(self) -> Validity:
        return Validity(self.valid_from, self.valid_to)

    @property
    def is_title(self) -> bool:
        return self.category == "danh_hieu"

    def for_subject(self, subject: str) -> bool:
        return subject in self.subjects

    def report_form(self, subject: str) -> str:
        return self.report_forms.get(subject, "")

    def ballot_threshold(self, province: ProvinceProfile) -> float | None:
        """Share of the council's total membership a ballot needs, or None without a ballot."""
        if not self.ballot.required:
            return None
        return self.vote_share(province)

    def vote_share(self, province: ProvinceProfile) -> float:
        """The share of the total membership the council's vote is measured against."""
        return float(province.resolve(self.ballot.threshold))

    def parts_for(self, kind: str) -> tuple[DossierPart, ...]:
        """The dossier parts a nomination in a round of `kind` needs (full procedure)."""
        return tuple(p for p in self.dossier_parts if p.applies(kind))



def load_title(source: SourceFile, ctx: TitleContext) -> TitleInfo:
    """One title file, checked; references to other titles, province parameters and dated
    deadlines are collected in `ctx` and checked against the whole catalog on each day."""
    path = source.path
    data = read_toml(path)
    only_keys(data, _TITLE_KEYS, path)
    stem, name_day = split_name(source.name)
    code = require(data, "code", str, path)
    if code != stem:
        raise CatalogError(f"{path}: code '{code}' does not match the file name")
    validity = read_validity(data, path, name_day)
    category = require(data, "category", str, path)
    if category not in CATEGORIES:
        raise CatalogError(f"{path}: category must be one of {CATEGORIES}")
    subjects = tuple(require(data, "subjects", list, path))
    if not subjects or any(s not in SUBJECTS for s in subjects):
        raise CatalogError(f"{path}: subjects must be a non-empty subset of {SUBJECTS}")
    try:
        kinds = tuple(AwardKind(k) for k in require(data, "kinds", list, path))
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
    ballot = _parse_ballot(data.get("ballot"), path, ctx)
    parts = parse_parts(data.get("dossier"), path, "dossier")
    deadline = str(data.get("deadline", ""))
    if deadline:
        ctx.deadline_refs.append((path, deadline))
    examples = data.get("examples", [])
    if not isinstance(examples, list):
        raise CatalogError(f"{path}: examples must be an array of tables")
    for i, ex in enumerate(examples):
        if not isinstance(ex, dict) or ex.get("expected") not in VERDICTS or "id" not in ex:
            raise CatalogError(f"{path}: examples[{i}] needs id and expected in {VERDICTS}")
        only_keys(ex, _EXAMPLE_KEYS, path, f"examples[{i}]")
        if "as_of" in ex and (not isinstance(ex["as_of"], date) or hasattr(ex["as_of"], "hour")):
            raise CatalogError(f"{path}: examples[{i}].as_of must be a TOML date")
        if ex.get("subject", {}).get("kind") not in subjects:
            raise CatalogError(f"{path}: examples[{i}]: subject.kind must be one of {subjects}")
        _check_boundaries(ex, criteria, path, f"examples[{i}]")
    return TitleInfo(
        code=code,
        name=require(data, "name", str, path),
        short_name=require(data, "short_name", str, path),
        category=category,
        subjects=subjects,
        kinds=kinds,
        authority=require(data, "authority", str, path),
        decided_by_unit=bool(require(data, "decided_by_unit", bool, path)),
        award_verb=_award_verb(data, path),
        rank=int(require(data, "rank", int, path)),
        criteria=MappingProxyType(criteria),
        ballot=ballot,
        dossier_parts=parts,
        report_forms=MappingProxyType(_report_forms(data.get("report_form", ""), subjects, path)),
        report_by_province=_flag(data, "report_by_province", path),
        legal_basis=legal_basis,
        annual=bool(data.get("annual", False)),
        deadline=deadline,
        examples=tuple(MappingProxyType(e) for e in examples),
        valid_from=validity.valid_from,
        valid_to=validity.valid_to,
        origin=source.origin,
        digest=source.digest(),
    )


def example_day(info: TitleInfo, example: Mapping[str, Any]) -> date:
    """The day whose rules a worked example is evaluated under: its `as_of`, else 31/12 of
    its review year (2026 by default) held within the days its version is in force, so each
    version's examples test that version."""
    raw = example.get("as_of")
    if isinstance(raw, date):
        return raw
    day = date(int(example.get("review_year", EXAMPLE_YEAR)), 12, 31)
    if info.valid_to is not None and day > info.valid_to:
        day = info.valid_to
    return max(day, info.valid_from)


def example_boundaries(example: Mapping[str, Any]) -> tuple[str, ...]:
    """The `boundary` notes of a worked example: "<criterion id>: what it tests"."""
    raw = example.get("boundary", ())
    return (raw,) if isinstance(raw, str) else tuple(raw)


def criterion_ids(criteria: Mapping[str, Node]) -> set[str]:
    found: set[str] = set()

    def walk(node: Node) -> None:
        if isinstance(node, Group):
            for item in node.items:
                walk(item)
        else:
            found.add(node.id)

    for rule in criteria.values():
        walk(rule)
    return found


def _check_boundaries(example: Mapping[str, Any], criteria: Mapping[str, Node], path: Path,
                      where: str) -> None:
    """A boundary names the criterion whose figure the example sits on ("member_share:
    exactly 70 %"), so a reader and the tests know what it proves."""
    raw = example.get("boundary", [])
    if not isinstance(raw, str | list) or (isinstance(raw, list) and not all(
            isinstance(b, str) for b in raw)):
        raise CatalogError(f"{path}: {where}.boundary must be a string or a list of strings")
    known = criterion_ids(criteria)
    for text in example_boundaries(example):
        name, sep, what = text.partition(":")
        if not sep or not what.strip() or name.strip() not in known:
            raise CatalogError(f"{path}: {where}.boundary {text!r} must read \"<criterion "
                               f"id>: what it tests\", the id one of {sorted(known)}")


def _flag(data: Mapping[str, Any], key: str, path: Path) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise CatalogError(f"{path}: '{key}' must be true or false, got {value!r}")
    return value


def _award_verb(data: Mapping[str, Any], path: Path) -> str:
    """award_verb: the word a proposal and a decision use ("Đề nghị tặng …"); required, so
    no document falls back on a word of its own."""
    verb = str(require(data, "award_verb", str, path)).strip()
    if not verb or "{" in verb or "}" in verb:
        raise CatalogError(f"{path}: award_verb must be a word such as \"tặng\"")
    return verb


def _report_forms(raw: Any, subjects: tuple[str, ...], path: Path) -> dict[str, str]:
    """report_form = "mau_05" (every subject) or a table subject -> form."""
    if isinstance(raw, str):
        return {s: raw for s in subjects} if raw else {}
    if isinstance(raw, dict) and all(k in subjects and isinstance(v, str) for k, v in raw.items()):
        return dict(raw)
    raise CatalogError(f"{path}: report_form must be a string or a table subject -> form")


@dataclass
class TitleContext:
    """What a title file may refer to: province parameters (any version of default.toml
    defines them), legal sources, title codes. The references each file makes are kept by
    file so the catalog can check them on every day the file is in force."""

    parameters: Collection[str]
    basis_prefixes: tuple[str, ...]
    title_refs: list[tuple[Path, str, str]] = field(default_factory=list)
    deadline_refs: list[tuple[Path, str]] = field(default_factory=list)
    param_refs: list[tuple[Path, str]] = field(default_factory=list)

    def check_basis(self, text: str, path: Path, where: str) -> None:
        if not any(text.startswith(p) for p in self.basis_prefixes):
            raise CatalogError(f"{path}: {where}: basis '{text}' does not start with a source "
                               "listed in forms/legal-basis.toml (its 'cite' field)")


def _parse_ballot(raw: Any, path: Path, ctx: TitleContext) -> Ballot:
    """[ballot] required, threshold (a share or "province:<name>"), comparison; every title
    says how its council decides (LAW §5.4), so none falls back on a figure in Python."""
    if not isinstance(raw, dict):
        raise CatalogError(f"{path}: [ballot] is required (required, threshold, comparison)")
    only_keys(raw, ("required", "threshold", "comparison", "basis", "note"), path, "[ballot]")
    required = require(raw, "required", bool, path, "ballot.")
    if "threshold" not in raw:
        raise CatalogError(f"{path}: ballot.threshold is required (a share of the council's "
                           "total membership, or \"province:<parameter>\")")
    threshold = _param_value("share", raw["threshold"], path, "ballot.threshold", ctx)
    if not isinstance(threshold, ProvinceParam) and threshold <= 0:
        raise CatalogError(f"{path}: ballot.threshold must be above 0")
    comparison = raw.get("comparison")
    if comparison not in COMPARISONS:
        raise CatalogError(f"{path}: ballot.comparison must be one of {COMPARISONS}")
    basis = str(raw.get("basis", ""))
    if basis:
        ctx.check_basis(basis, path, "ballot.basis")
    return Ballot(required, threshold, comparison, basis, str(raw.get("note", "")))


def _parse_node(raw: Any, where: str, basis: str, path: Path, ctx: TitleContext) -> Node:
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


def _param_value(ptype: str, value: Any, path: Path, where: str, ctx: TitleContext) -> Any:
    bad = CatalogError(f"{path}: {where}: {value!r} is not a valid {ptype}")
    if isinstance(value, str) and value.startswith(PROVINCE_REF) and ptype in ("int", "share"):
        name = value[len(PROVINCE_REF):]
        if name not in ctx.parameters:
            raise CatalogError(f"{path}: {where}: province parameter '{name}' is not defined in "
                               "forms/provinces/default.toml [parameters]")
        ctx.param_refs.append((path, name))
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



"""Loads forms/ (the law as data) into typed, read-only objects.

forms/ holds no Python: titles/*.toml, provinces/*.toml, documents/. Everything that varies
by law or by province is read from there, and every file is checked when loaded so a bad
edit fails at start-up with the file's name, not later in the middle of a dossier.

Rule versions by date (versions.py has the whole rule): each file is one version with
`valid_from` / `valid_to`. `load_catalog` reads every version of every file, from the
bundled forms and from the installed law packs laid over them, and checks the catalog as it
stands on every day on which something changes. A `Catalog` is the view on one day
(`as_of`): its `titles`, `provinces` and `documents` are the versions in force that day.
`catalog.on(day)` gives another day's view and `catalog.for_review(year, on)` the view a
review of `year` made on `on` applies: the version in force on the nomination date, or, for
a review made after the year, on 31/12 of the review year. Every verdict names the versions
it used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop import __version__
from desktop.core.catalog.abbreviations import Abbreviations, load_abbreviations
from desktop.core.catalog.base import (
    PROVINCE_REF,
    ROUND_KINDS,
    CatalogError,
    ProvinceParam,
    read_toml,
)
from desktop.core.catalog.documents import (
    DocumentKind,
    DocumentKindError,
    check_file_stems,
    load_document_versions,
)
from desktop.core.catalog.provinces import (
    REPORT_REQUIREMENT_CODE,
    DayOfYear,
    ProvinceBook,
    ProvinceProfile,
    ReportRequirement,
    Transport,
)
from desktop.core.catalog.rounds import (
    DossierPart,
    RoundKindRules,
    RoundRules,
    load_round_rules,
)
from desktop.core.catalog.titles import (
    CATEGORIES,
    COMPARISONS,
    MEMBER_COUNTS,
    PREDICATES,
    PROOF_SOURCES,
    QUALITIES,
    SUBJECTS,
    VERDICTS,
    Ballot,
    Criterion,
    Group,
    Node,
    TitleContext,
    TitleInfo,
    criterion_ids,
    example_boundaries,
    example_day,
    load_title,
)
from desktop.core.catalog.versions import (
    BUNDLED_ORIGIN,
    LEGAL_BASIS,
    Layer,
    Validity,
    boundaries,
    chain_versions,
    in_force,
    layered_files,
    read_validity,
    rule_date,
)
from desktop.core.errors import UserError
from desktop.core.i18n import _

__all__ = [
    "CATEGORIES", "COMPARISONS", "MEMBER_COUNTS", "PREDICATES", "PROOF_SOURCES", "PROVINCE_REF",
    "QUALITIES", "REPORT_REQUIREMENT_CODE", "ROUND_KINDS", "SUBJECTS", "VERDICTS", "Ballot",
    "Catalog", "CatalogError", "Criterion", "DayOfYear", "DocumentKind", "DossierPart", "Group",
    "Layer", "Node", "ProvinceParam", "ProvinceProfile", "ReportRequirement",
    "RoundKindRules", "RoundRules", "TitleInfo",
    "Transport", "bundled_layer", "criterion_ids", "example_boundaries", "example_day",
    "load_catalog",
    "rule_date",
]


@dataclass(frozen=True)
class Catalog:
    """The law as data on one day (`as_of`); `book` holds every version, for other days."""

    titles: Mapping[str, TitleInfo]
    provinces: Mapping[str, ProvinceProfile]
    forms_dir: Path
    rounds: RoundRules
    legal_sources: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    documents: Mapping[str, DocumentKind] = field(default_factory=dict)  # forms/documents
    as_of: date = field(default_factory=date.today)
    book: Lawbook | None = field(default=None, compare=False, repr=False)

    @property
    def abbreviations(self) -> Abbreviations:
        """forms/abbreviations.toml: what the appraisal flags and the bulk fix expands."""
        return load_abbreviations(self.forms_dir)

    # ---- the day ---------------------------------------------------------------------------

    def on(self, day: date) -> Catalog:
        """The catalog as it stands on `day` (the same object for days with the same
        versions in force)."""
        if day == self.as_of or self.book is None:
            return self
        return self.book.on(day)

    def for_review(self, review_year: int, on: date) -> Catalog:
        """The rules a review of `review_year` made on `on` applies (versions.rule_date)."""
        return self.on(rule_date(review_year, on))

    def title_versions(self, code: str) -> tuple[TitleInfo, ...]:
        """Every version of a title, oldest first (empty for an unknown code)."""
        if self.book is None:
            info = self.titles.get(code)
            return (info,) if info else ()
        return tuple(info for _v, info in self.book.titles.get(code, ()))

    def all_title_codes(self) -> list[str]:
        """Every title code with a version on some day, sorted."""
        return sorted(self.book.titles if self.book is not None else self.titles)

    def known(self, code: str) -> TitleInfo | None:
        """The version in force, else the latest version of a code that exists on other days
        (a history record names titles that may since have ended)."""
        return self.titles.get(code) or next(reversed(self.title_versions(code)), None)

    # ---- titles ----------------------------------------------------------------------------

    def title(self, code: str) -> TitleInfo:
        try:
            return self.titles[code]
        except KeyError:
            if self.title_versions(code):
                raise UserError(_("“{name}” không có quy định có hiệu lực ngày {day}.").format(
                    name=self.name_of(code), day=self.as_of.strftime("%d/%m/%Y")),
                    code="catalog.not_in_force") from None
            raise UserError(_("Mã danh hiệu/hình thức khen thưởng không có: “{code}”.")
                            .format(code=code)) from None

    def name_of(self, code: str) -> str:
        info = self.known(code)
        return info.name if info else code

    # ---- provinces -------------------------------------------------------------------------

    def province(self, code: str) -> ProvinceProfile:
        """The profile in force. A province whose own regulation is not in force on this day
        (before its first version) falls back on the national defaults of that day; the
        verdict names the profile that applied."""
        found = self.provinces.get(code)
        if found is not None:
            return found
        known = self.book.provinces.codes if self.book is not None else frozenset()
        if code in known and "default" in self.provinces:
            return self.provinces["default"]
        if "default" not in self.provinces:
            raise UserError(_("Không có quy định nào có hiệu lực ngày {day}.").format(
                day=self.as_of.strftime("%d/%m/%Y")), code="catalog.not_in_force")
        raise UserError(_("Không có hồ sơ tỉnh “{code}”.").format(code=code))

    def province_or_default(self, code: str | None) -> ProvinceProfile:
        """The unit's profile, or the national defaults when the unit names none or one this
        version does not ship (a profile file removed from forms/)."""
        return self.provinces.get(code or "default") or self.provinces["default"]

    # ---- what the criteria name ------------------------------------------------------------

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


class Lawbook:
    """Every version of every file of the layered forms; builds and caches day views."""

    def __init__(self, forms_dir: Path, layers: Sequence[Layer],
                 titles: Mapping[str, list[tuple[Validity, TitleInfo]]],
                 provinces: ProvinceBook,
                 documents: Mapping[str, list[tuple[Validity, DocumentKind]]],
                 rounds: RoundRules, sources: Mapping[str, Mapping[str, Any]]) -> None:
        self.forms_dir = forms_dir
        self.layers = tuple(layers)
        self.titles = titles
        self.provinces = provinces
        self.documents = documents
        self.rounds = rounds
        self.sources = MappingProxyType(dict(sources))
        self._views: dict[tuple[str, ...], Catalog] = {}

    def validities(self) -> list[Validity]:
        return ([v for items in self.titles.values() for v, _t in items]
                + self.provinces.validities()
                + [v for items in self.documents.values() for v, _d in items])

    def on(self, day: date) -> Catalog:
        titles = {code: t for code, items in self.titles.items()
                  if (t := in_force(items, day)) is not None}
        documents = {code: d for code, items in self.documents.items()
                     if (d := in_force(items, day)) is not None}
        provinces = self.provinces.on(day)
        # Days with the same versions in force share one view's mappings (and the caches
        # keyed on them); only as_of differs.
        key = (*sorted(t.version for t in titles.values()),
               *sorted(d.version for d in documents.values()),
               *sorted(p.version for p in provinces.values()))
        base = self._views.get(key)
        if base is None:
            base = Catalog(MappingProxyType(titles), MappingProxyType(provinces),
                           self.forms_dir, self.rounds, self.sources,
                           MappingProxyType(documents), day, self)
            self._views[key] = base
        return base if base.as_of == day else replace(base, as_of=day)


def bundled_layer(forms_dir: Path) -> Layer:
    return Layer(forms_dir, f"{BUNDLED_ORIGIN}:{__version__}")


def _load_legal_sources(layers: Sequence[Layer]) -> dict[str, Mapping[str, Any]]:
    """legal-basis.toml of every layer, merged source by source (a later layer wins on a
    key). Each source has cite, title and its own valid_from / valid_to."""
    merged: dict[str, Mapping[str, Any]] = {}
    for layer in layers:
        path = layer.root / LEGAL_BASIS
        if not path.exists():
            if layer is layers[0]:
                raise CatalogError(f"{path}: missing")
            continue
        sources = read_toml(path).get("sources", {})
        if not isinstance(sources, dict) or (layer is layers[0] and not sources):
            raise CatalogError(f"{path}: [sources.<key>] tables are missing")
        for key, src in sources.items():
            if not isinstance(src, dict) or not src.get("cite") or not src.get("title"):
                raise CatalogError(f"{path}: sources.{key} needs cite and title")
            read_validity(src, path.with_name(f"{path.name} [sources.{key}]"))
            merged[key] = MappingProxyType({**src, "origin": layer.origin})
    return merged


def load_catalog(forms_dir: Path, layers: Sequence[Layer] = (), *,
                 as_of: date | None = None) -> Catalog:
    """The catalog of the bundled `forms_dir` with `layers` (installed law packs) over it,
    checked on every day on which what is in force changes; the view on `as_of` (today by
    default)."""
    stack = [bundled_layer(forms_dir), *layers]
    sources = _load_legal_sources(stack)
    provinces = ProvinceBook(layered_files(stack, "provinces"))
    ctx = TitleContext(
        provinces.parameter_names(),
        tuple(sorted((str(s["cite"]) for s in sources.values()), key=len, reverse=True)))
    by_code: dict[str, list[tuple[Validity, TitleInfo, str]]] = {}
    origins: dict[Path, TitleInfo] = {}
    for source in layered_files(stack, "titles"):
        info = load_title(source, ctx)
        origins[source.path] = info
        by_code.setdefault(info.code, []).append((info.validity, info, str(source.path)))
    if not by_code:
        raise CatalogError(f"{forms_dir / 'titles'}: no title files")
    titles = {code: [(v, replace(info, valid_to=v.valid_to)) for v, info in
                     chain_versions(code, items)] for code, items in by_code.items()}
    for path, where, ref in ctx.title_refs:
        if ref not in titles:
            raise CatalogError(f"{path}: {where}: unknown title code '{ref}'")
    rounds = load_round_rules(forms_dir / "rounds.toml", ctx.check_basis)
    claims = _claim_codes(info for items in titles.values() for _v, info in items)
    for rules in rounds.kinds.values():
        if rules.achievement_claim and rules.achievement_claim not in claims:
            raise CatalogError(f"{forms_dir / 'rounds.toml'}: kinds.{rules.kind}."
                               f"achievement_claim '{rules.achievement_claim}' is not a claim "
                               "of any title's criteria")
    try:
        documents = load_document_versions(
            layered_files(stack, "documents", skip=lambda name: name == "format.toml"),
            set(titles))
    except DocumentKindError as exc:
        raise CatalogError(str(exc)) from exc
    for part, kinds in rounds.made_by_app.items():
        unknown = sorted(set(kinds) - set(documents))
        if unknown:
            raise CatalogError(f"{forms_dir / 'rounds.toml'}: made_by_app.{part} names "
                               f"document kinds not in forms/documents: {unknown}")
    load_abbreviations(forms_dir)   # a bad edit fails at start-up, named
    book = Lawbook(forms_dir, stack[1:], titles, provinces, documents, rounds, sources)
    _check_every_day(book, ctx, origins)
    return book.on(as_of or date.today())


def _check_every_day(book: Lawbook, ctx: TitleContext, by_path: Mapping[Path, TitleInfo]
                     ) -> None:
    """The references between files hold on every day: a title in force names only titles
    in force, province parameters and dated deadlines of default.toml in force; the
    profiles name known titles; document kinds in force have distinct file names."""
    refs: dict[str, list[tuple[Path, str, str]]] = {}
    for path, where, ref in ctx.title_refs:
        refs.setdefault(by_path[path].version, []).append((path, where, ref))
    params: dict[str, list[tuple[Path, str]]] = {}
    for path, name in ctx.param_refs:
        params.setdefault(by_path[path].version, []).append((path, name))
    deadlines = {by_path[path].version: (path, key) for path, key in ctx.deadline_refs}
    ever = set(book.titles)
    for day in boundaries(book.validities()):
        view = book.on(day)
        if not view.titles:
            continue
        default = view.provinces.get("default")
        if default is None:
            raise CatalogError(f"forms/provinces/default.toml: no version in force on {day}, "
                               f"when titles are ({', '.join(sorted(view.titles))})")
        for info in view.titles.values():
            for path, where, ref in refs.get(info.version, ()):
                if ref not in view.titles:
                    raise CatalogError(f"{path}: {where}: title '{ref}' has no version in "
                                       f"force on {day}")
            for path, name in params.get(info.version, ()):
                if name not in default.parameters:
                    raise CatalogError(f"{path}: province parameter '{name}' is not defined in "
                                       f"default.toml in force on {day}")
            if info.version in deadlines:
                path, key = deadlines[info.version]
                if key not in default.deadlines:
                    raise CatalogError(f"{path}: deadline '{key}' is not a dated deadline of "
                                       f"default.toml [deadlines] in force on {day}")
        for profile in view.provinces.values():
            unknown = sorted(set(profile.posting_days) - ever)
            if unknown:
                raise CatalogError(f"forms/provinces/{profile.code}.toml: [public_posting] "
                                   f"names unknown title codes {unknown}")
            _check_reports(profile, view, ever)
        try:
            check_file_stems(view.documents, f"forms/documents on {day}")
        except DocumentKindError as exc:
            raise CatalogError(str(exc)) from exc


def _check_reports(profile: ProvinceProfile, view: Catalog, ever: set[str]) -> None:
    """[reports] names known titles, and lowers the report only of a title whose file says
    the law leaves it to the province (report_by_province); the others keep the full report
    the law prescribes (LAW §5.2 B–E)."""
    where = f"forms/provinces/{profile.code}.toml: [reports]"
    unknown = sorted(set(profile.reports) - ever)
    if unknown:
        raise CatalogError(f"{where} names unknown title codes {unknown}",
                           REPORT_REQUIREMENT_CODE)
    for code, wanted in profile.reports.items():
        info = view.titles.get(code)
        if wanted is not ReportRequirement.FULL and info is not None \
                and not info.report_by_province:
            raise CatalogError(f"{where}: '{code}' = \"{wanted.value}\", but the law fixes the "
                               f"report of this title (its file has no report_by_province); "
                               "only \"full\" is allowed", REPORT_REQUIREMENT_CODE)


def _claim_codes(titles: Iterable[TitleInfo]) -> set[str]:
    found: set[str] = set()

    def walk(node: Node) -> None:
        if isinstance(node, Group):
            for item in node.items:
                walk(item)
        elif node.predicate == "claim":
            found.add(str(node.params["claim"]))

    for info in titles:
        for rule in info.criteria.values():
            walk(rule)
    return found

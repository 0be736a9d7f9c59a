"""What the rounds modules share: finding a round, a nomination or a subject (refused with a
code when gone), the unit's province profile, a refusal that lists every problem, and the
`Changes` a writer returns."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desktop.core.catalog import Catalog, ProvinceProfile
from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import _
from desktop.core.model import Changes, SubjectKind, SubjectRef
from desktop.core.model.rounds import Nomination, NominationStatus, Round
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as repo

# Statuses in which a nomination and its dossier may still change, and its vote be recounted.
EDITABLE = frozenset({NominationStatus.DRAFT, NominationStatus.REVIEWED,
                      NominationStatus.READY, NominationStatus.RETURNED})
VOTABLE = frozenset({NominationStatus.DRAFT, NominationStatus.REVIEWED,
                     NominationStatus.RETURNED})


def subject_label(ref: SubjectRef) -> str:
    """The catalog's name for the subject's kind ("individual" | "collective")."""
    return "individual" if ref.kind is SubjectKind.PERSON else "collective"


def province_code(store: Store, province: str | None) -> str:
    """The province the unit's rules and deadlines come from ("default" when unset)."""
    if province:
        return province
    unit = reg_repo.get_unit(store.db)
    return unit.province if unit and unit.province else "default"


def profile_of(store: Store, catalog: Catalog, province: str | None) -> ProvinceProfile:
    return catalog.province_or_default(province_code(store, province))


def round_or_error(store: Store, round_id: int) -> Round:
    rnd = repo.get_round(store.db, round_id)
    if rnd is None:
        raise UserError(_("Đợt xét này không còn (có thể đã bị xóa)."), code="round.not_found")
    return rnd


def nomination_or_error(store: Store, nomination_id: int) -> Nomination:
    nom = repo.get_nomination(store.db, nomination_id)
    if nom is None:
        raise UserError(_("Đề nghị này không còn (có thể đã bị gỡ khỏi đợt xét)."),
                        code="nomination.not_found")
    return nom


def subject_name_or_error(store: Store, ref: SubjectRef) -> str:
    name = repo.subject_name(store.db, ref)
    if name is None:
        raise UserError(_("Người hoặc tập thể này không còn trong danh sách."),
                        code="subject.not_found")
    return name


def refusal(problems: Sequence[Problem], heading: str = "", hint: str = "") -> ValidationError:
    """Every problem at once, under an optional heading, with advice on what to do."""
    text = "\n".join(f"• {p.message}" for p in problems)
    error = ValidationError(list(problems), f"{heading}\n{text}" if heading else "")
    error.hint = hint
    return error


def changes_for(ref: SubjectRef | None = None, *, rounds: Iterable[int] = (),
                nominations: Iterable[int] = (), meetings: Iterable[int] = (),
                registration_years: Iterable[int] = (), postings: Iterable[int] = ()
                ) -> Changes:
    people = frozenset({ref.id}) if ref is not None and ref.kind is SubjectKind.PERSON \
        else frozenset()
    collectives = frozenset({ref.id}) if ref is not None and \
        ref.kind is SubjectKind.COLLECTIVE else frozenset()
    return Changes(people=people, collectives=collectives, rounds=frozenset(rounds),
                   nominations=frozenset(nominations), meetings=frozenset(meetings),
                   registration_years=frozenset(registration_years),
                   postings=frozenset(postings))

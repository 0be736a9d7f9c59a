"""What every builder shares: the header from the unit profile, the number and code, place and
date, counts ("05 cá nhân, 01 tập thể"), the signer from the unit profile.

Pure functions over frozen data; no store, no Qt. Fixed wording comes from the document kind's
[texts] (forms/documents), never from translations: a dossier is Vietnamese in any UI language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from desktop.core.catalog.documents import DocumentKind
from desktop.core.documents.blocks import Align, Inline, NationalHeader, Paragraph, Run, Signer
from desktop.core.model import Unit, UnitKind
from desktop.core.model.dossier import COLLECTIVE, INDIVIDUAL, DossierData, NominationData
from desktop.core.text import clean, date_phrase, fold

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX")


def upper(text: str) -> str:
    return clean(text).upper()


def roman(n: int) -> str:
    return ROMAN[n - 1] if 0 < n <= len(ROMAN) else str(n)


def two(n: int) -> str:
    """Numbers below 10 get a leading zero ("05 cá nhân", "Số: 05/…"; Decree 30)."""
    return f"{n:02d}"


def number_text(number: int, doc_type: str, code: str) -> str:
    """"05/TTr-UBND": the yearly number, the type code, the issuer's code (Decree 30 Art 7)."""
    return f"{two(number)}/{doc_type}-{code}"


def numbered(number: int | None, doc_type: str, code: str) -> str:
    return f"Số: {number_text(number, doc_type, code)}" if number else ""


def issuer_code(data: DossierData, kind: DocumentKind) -> str:
    """The code after the type in "Số: 05/TTr-UBND": the kind's own (the council's "HĐTĐKT")
    or the unit's."""
    return kind.text("number_code") or data.unit.doc_code


def document_number(data: DossierData, kind: DocumentKind, key: str = "") -> str:
    """"05/TTr-HĐTĐKT" for the number issued under `key` (default: the kind's code)."""
    number = data.number(key or kind.code)
    if not number:
        raise ValueError(f"{key or kind.code}: no number issued")
    return number_text(number, kind.doc_type, issuer_code(data, kind))


def place_date(unit: Unit, when: date) -> str:
    """"Thanh Sơn, ngày 05 tháng 02 năm 2026" (italic in the header; leading zeros)."""
    return f"{clean(unit.place_name)}, {date_phrase(when)}"


def header(data: DossierData, number: str = "", *, issuer: str = "", superior: str = "",
           when: date | None = None) -> NationalHeader:
    unit = data.unit
    return NationalHeader(issuer=upper(issuer or unit.name),
                          superior=upper(superior if issuer else unit.superior_body),
                          number=number, place_date=place_date(unit, when or data.today))


def kind_header(data: DossierData, kind: DocumentKind, number: str = "",
                when: date | None = None) -> NationalHeader:
    """A kind with its own issuer (the council) prints the unit as its superior body."""
    issuer = kind.text("issuer")
    if issuer:
        return header(data, number, issuer=issuer, superior=data.unit.name, when=when)
    return header(data, number, when=when)


PROVINCE_REGULATION = "province_regulation"


def bases(data: DossierData, kind: DocumentKind) -> list[str]:
    """The kind's "Căn cứ …;" lines (its `bases`: keys of forms/legal-basis.toml, and
    "province_regulation" for the province's own rules), those in force on the document's
    date and applying to the unit; a source not in force is left out, never printed stale."""
    out = []
    for key in kind.lines("bases"):
        line = (data.province.regulation if key == PROVINCE_REGULATION
                else data.legal_bases.get(key, ""))
        if line:
            out.append(line)
    return out


def who(kind: DocumentKind, noms: Iterable[NominationData], *, capital: bool = False) -> str:
    """What the text calls the nominees: "cá nhân", "các cá nhân", "tập thể", "các tập thể",
    "các tập thể, cá nhân" — by what is proposed (kind texts who_*), never "các tập thể" in a
    proposal for individuals only."""
    subjects: dict[str, str] = {}
    for n in noms:
        subjects.setdefault(n.subject.ref or f"nomination:{n.id}", n.subject.kind)
    kinds = set(subjects.values())
    many = len(subjects) > 1
    if kinds == {INDIVIDUAL}:
        key = "who_individuals" if many else "who_individual"
    elif kinds == {COLLECTIVE}:
        key = "who_collectives" if many else "who_collective"
    elif kinds and kinds <= {INDIVIDUAL, COLLECTIVE}:
        key = "who_both"
    else:
        key = "who_any"
    text = kind.text(key) or kind.text("who_any", "các tập thể, cá nhân")
    return text[:1].upper() + text[1:] if capital else text


def honorific(kind: DocumentKind, n: NominationData) -> str:
    """"ông Phạm Minh Tuấn", "bà Lê Thị Thu Hằng"; a collective or an unknown gender by name."""
    s = n.subject
    if s.is_individual and s.gender is not None:
        word = kind.text("honorific_nu" if s.gender.value == "nu" else "honorific_nam")
        if word:
            return f"{word} {s.name}"
    return s.name


def nominees(data: DossierData, kind: DocumentKind) -> tuple[NominationData, ...]:
    """Who a proposal lists, by the kind's scope (LAW §5.2): "unit" — the titles the unit head
    decides himself; "province" — the titles decided above; otherwise every proposed one."""
    if kind.scope == "unit":
        return data.decided_here
    if kind.scope == "province":
        return data.sent_up
    return data.proposed


def decider_title(unit: Unit) -> str:
    """"Chủ tịch": the head's title without "Phó" (a proposal goes to the decider, even when a
    deputy signs)."""
    title = clean(unit.head_title)
    if is_deputy(title):
        title = title[4:]
        title = title[:1].upper() + title[1:]
    return title


def council_of(unit: Unit) -> str:
    """Whose council it is, as its name says: "xã Thanh Sơn" for "Ủy ban nhân dân xã Thanh
    Sơn" (the commune's council, not the committee's); an agency by its own name."""
    name = clean(unit.name)
    prefix = "ủy ban nhân dân "
    if unit.kind is UnitKind.XA and fold(name).startswith(fold(prefix)):
        return name[len(prefix):]
    return name


def head_addressee(unit: Unit) -> str:
    """"Chủ tịch Ủy ban nhân dân xã Thanh Sơn"."""
    return f"{decider_title(unit)} {clean(unit.name)}"


def para(*content: Inline, align: Align = Align.JUSTIFY, indent: bool = True,
         keep: bool = False, size: float | None = None) -> Paragraph:
    return Paragraph(tuple(c for c in content if c != ""), align=align, indent_first_line=indent,
                     keep_with_next=keep, size=size)


def bold(text: str) -> Run:
    return Run(text, bold=True)


def italic(text: str) -> Run:
    return Run(text, italic=True)


def subject_unit(kind: DocumentKind, subject_kind: str) -> str:
    return kind.text({INDIVIDUAL: "unit_individual", COLLECTIVE: "unit_collective"}
                     .get(subject_kind, "unit_household"), subject_kind)


def counts(kind: DocumentKind, noms: Iterable[NominationData]) -> str:
    """"05 cá nhân, 01 tập thể": individuals first, then collectives (zero parts left out).
    A subject proposed for two titles counts once."""
    n_ind = n_col = 0
    seen: set[str] = set()
    for n in noms:
        key = n.subject.ref or f"nomination:{n.id}"
        if key in seen:
            continue
        seen.add(key)
        if n.subject.kind == INDIVIDUAL:
            n_ind += 1
        else:
            n_col += 1
    parts = []
    if n_ind:
        parts.append(f"{two(n_ind)} {subject_unit(kind, INDIVIDUAL)}")
    if n_col:
        parts.append(f"{two(n_col)} {subject_unit(kind, COLLECTIVE)}")
    return ", ".join(parts)


def by_title(noms: Sequence[NominationData]) -> list[tuple[NominationData, list[NominationData]]]:
    """Nominations grouped by title: emulation titles first, lower to higher, then forms;
    inside a group individuals before collectives, in the order given (Vietnamese name order
    from the gatherer)."""
    groups: dict[str, list[NominationData]] = {}
    for n in noms:
        groups.setdefault(n.target, []).append(n)
    ordered = sorted(groups.values(), key=lambda g: (g[0].category != "danh_hieu",
                                                      g[0].title_rank, g[0].target))
    return [(g[0], sorted(g, key=lambda n: n.subject.kind != INDIVIDUAL)) for g in ordered]


def award_verb(noms: Sequence[NominationData]) -> str:
    """The verb a subject line naming several titles uses (forms/titles `award_verb`, "tặng"):
    the titles' own, each once in order, should a law pack give two titles different verbs."""
    return " / ".join(dict.fromkeys(n.award_verb for n in noms))


def is_deputy(title: str) -> bool:
    return fold(title).startswith("pho ")


def head_signer(data: DossierData, kind: DocumentKind, *, on_behalf: bool = True,
                note: str = "") -> Signer:
    """The unit head's signature. A commune signs "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" (on behalf
    of a collective body, Decree 30 Art 13); a deputy signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH";
    a decision the Law gives to the chairman personally is signed "CHỦ TỊCH" (on_behalf=False).
    """
    unit = data.unit
    title = upper(unit.head_title)
    authority = ""
    if is_deputy(unit.head_title):
        authority = kind.text("deputy_prefix", "KT. ") + upper(clean(unit.head_title)[4:])
    elif on_behalf and unit.kind is UnitKind.XA:
        authority = kind.text("authority_xa")
    return Signer(title=title, name=clean(unit.head_name), authority=authority, note=note)


def work_unit_head_signer(data: DossierData, n: NominationData, caption: str) -> Signer:
    """The head of the nominee's own work unit, certifying its report ("THỦ TRƯỞNG ĐƠN VỊ XÁC
    NHẬN, ĐỀ NGHỊ" / "HIỆU TRƯỞNG" / name); without one recorded, the unit head signs as
    such ("CHỦ TỊCH"). The head of a work unit never certifies his own report: his direct
    superior, the unit head, does."""
    head = n.subject.head
    if head is not None and fold(head.name) != fold(n.subject.name):
        return Signer(title=upper(head.title), name=head.name, caption=caption)
    unit = data.unit
    return Signer(title=upper(unit.head_title), name=clean(unit.head_name), caption=caption)


def signer_for(data: DossierData, kind: DocumentKind) -> Signer:
    """The council's chair ("TM. HỘI ĐỒNG / CHỦ TỊCH HỘI ĐỒNG") for a kind issued by the council
    — the chair of the recorded meeting, or the unit head when none is recorded; otherwise the
    unit head."""
    title = kind.text("signer_title")
    if not title:
        return head_signer(data, kind)
    chair = clean(data.meeting.chair) if data.meeting is not None else ""
    return Signer(title=title, name=chair or clean(data.unit.head_name),
                  authority=kind.text("signer_authority"))


def fill(template: str, **values: object) -> str:
    return template.format(**values)

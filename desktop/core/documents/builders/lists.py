"""The emulation registration list (đăng ký thi đua) and the public posting list (công khai:
name, unit and title only, LAW.md §9)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from desktop.core.catalog.documents import DocumentKind
from desktop.core.documents.blocks import (
    Align,
    Block,
    Cell,
    Column,
    Document,
    NationalHeader,
    SignatureBlock,
    Signer,
    Table,
    Title,
)
from desktop.core.documents.builders.common import bold, is_deputy, para, place_date, roman, two
from desktop.core.model import Unit, UnitKind
from desktop.core.model.dossier import INDIVIDUAL, RegistrationLine
from desktop.core.model.rounds import PostingRow, PublicPosting
from desktop.core.text import clean, format_date


def _header(unit: Unit, today: date) -> NationalHeader:
    return NationalHeader(issuer=clean(unit.name).upper(), superior=clean(
        unit.superior_body).upper(), place_date=place_date(unit, today))


def _signer(unit: Unit, kind: DocumentKind) -> Signer:
    authority = ""
    if is_deputy(unit.head_title):
        authority = kind.text("deputy_prefix", "KT. ") + clean(unit.head_title)[4:].upper()
    elif unit.kind is UnitKind.XA:
        authority = kind.text("authority_xa")
    return Signer(clean(unit.head_title).upper(), clean(unit.head_name), authority)


def _counts(kind: DocumentKind, lines: Sequence[RegistrationLine]) -> str:
    seen: dict[str, str] = {}
    for i, line in enumerate(lines):
        seen.setdefault(line.ref or str(i), line.subject_kind)
    ind = sum(1 for k in seen.values() if k == INDIVIDUAL)
    col = len(seen) - ind
    parts = []
    if ind:
        parts.append(f"{two(ind)} {kind.text('unit_individual')}")
    if col:
        parts.append(f"{two(col)} {kind.text('unit_collective')}")
    return ", ".join(parts)


def build_registration_list(unit: Unit, year: int, lines: Sequence[RegistrationLine],
                            kind: DocumentKind, today: date, dossier_id: str = "") -> Document:
    groups: dict[str, list[RegistrationLine]] = {}
    for line in lines:
        groups.setdefault(line.target, []).append(line)
    ordered = sorted(groups.values(), key=lambda g: (g[0].category != "danh_hieu",
                                                      g[0].title_rank))
    cols = (Column(kind.text("col_no"), 12, Align.CENTER), Column(kind.text("col_name"), 48),
            Column(kind.text("col_where"), 45), Column(kind.text("col_title"), 30),
            Column(kind.text("col_date"), 22, Align.CENTER), Column(kind.text("col_note"), 8))
    rows: list[tuple[Cell | str, ...]] = []
    for i, group in enumerate(ordered, start=1):
        label = kind.text("group").format(roman=roman(i), title=group[0].title_name,
                                          counts=_counts(kind, group))
        rows.append((Cell((bold(label),), Align.LEFT, colspan=len(cols)),))
        rows += [(str(no), g.name, g.where, g.title_name, format_date(g.registered_on), g.note)
                 for no, g in enumerate(group, start=1)]
    total = kind.text("total").format(counts=_counts(kind, lines))
    blocks: list[Block] = [
        _header(unit, today),
        Title(kind.text("title"), kind.text("subject").format(year=year)),
        Table(cols, tuple(rows), footer=(Cell((bold(total),), Align.LEFT, colspan=len(cols)),)),
        SignatureBlock((_signer(unit, kind),), recipients=kind.lines("recipients")),
    ]
    return Document(kind=kind.code, name=f"{kind.file_stem}_{year}", title=kind.name,
                    dossier_id=dossier_id, blocks=tuple(blocks), metadata={"total": total})


def build_posting_list(unit: Unit, round_name: str, rows: Sequence[PostingRow],
                       posting: PublicPosting | None, kind: DocumentKind, today: date,
                       dossier_id: str) -> Document:
    cols = (Column(kind.text("col_no"), 14, Align.CENTER), Column(kind.text("col_name"), 60),
            Column(kind.text("col_unit"), 52), Column(kind.text("col_title"), 39))
    table_rows = tuple((str(i), r.name, r.unit, r.title) for i, r in enumerate(rows, start=1))
    blocks: list[Block] = [
        _header(unit, today),
        Title(kind.text("title"), kind.text("subject").format(round=clean(round_name))),
    ]
    if posting is not None:
        place = kind.text("period_place").format(place=posting.place) if posting.place else ""
        blocks.append(para(kind.text("period").format(start=format_date(posting.posted_from),
                                                      end=format_date(posting.posted_to),
                                                      place=place)))
    blocks += [Table(cols, table_rows),
               para(kind.text("invite").format(unit=clean(unit.name))),
               SignatureBlock((_signer(unit, kind),))]
    return Document(kind=kind.code, name=kind.file_stem, title=kind.name,
                    dossier_id=dossier_id, blocks=tuple(blocks))

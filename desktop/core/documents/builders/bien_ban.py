"""Biên bản họp Hội đồng TĐKT and biên bản kiểm phiếu (LAW.md §5.4, §6.7). Shares are always
of the council's TOTAL membership."""

from __future__ import annotations

from datetime import time

from desktop.core.catalog.documents import DocumentKind
from desktop.core.documents.blocks import (
    Align,
    Block,
    Column,
    Document,
    Heading,
    SignatureBlock,
    Signer,
    Table,
    Title,
)
from desktop.core.documents.builders.common import (
    by_title,
    council_of,
    counts,
    header,
    number_text,
    para,
    two,
)
from desktop.core.model.dossier import (
    ABSENT,
    ABSENT_WRITTEN,
    PRESENT,
    DossierData,
    NominationData,
)
from desktop.core.model.rounds import CouncilMeeting, VoteMethod
from desktop.core.text import clean, date_phrase, percent


def _meeting(data: DossierData, kind: DocumentKind) -> CouncilMeeting:
    if data.meeting is None:
        raise ValueError(f"{kind.code}: the round has no council meeting")
    return data.meeting


def _number(data: DossierData, kind: DocumentKind) -> str:
    number = data.number(kind.code)
    if not number:
        raise ValueError(f"{kind.code}: no number issued")
    return "Số: " + number_text(number, kind.doc_type, kind.text("number_code"))


def _header(data: DossierData, kind: DocumentKind) -> Block:
    """Dated on the meeting day: the minutes record that meeting, not the printing."""
    when = data.meeting.held_on if data.meeting is not None else data.date_of(kind.code)
    return header(data, _number(data, kind), issuer=kind.text("issuer"),
                  superior=data.unit.name, when=when)


def clock(kind: DocumentKind, value: time) -> str:
    """"14 giờ 00 phút"."""
    return kind.text("time").format(h=f"{value.hour:02d}", m=f"{value.minute:02d}")


def opening(data: DossierData, kind: DocumentKind, m: CouncilMeeting) -> str:
    """"Vào hồi 14 giờ 00 phút, ngày 23 tháng 11 năm 2026, tại …" (or "Hôm nay, …" when the
    record has no time)."""
    details = data.meeting_details
    values = {"date": date_phrase(m.held_on), "place": clean(m.place),
              "unit": clean(data.unit.name), "council_of": council_of(data.unit),
              "round": clean(data.round.name)}
    if details.starts_at is not None and kind.text("opening_time"):
        return kind.text("opening_time").format(time=clock(kind, details.starts_at), **values)
    return kind.text("opening").format(**values)


def ballots_line(kind: DocumentKind, m: CouncilMeeting, issued: int, valid: int) -> str:
    """"Số phiếu phát ra: 11 (10 thành viên có mặt và 01 thành viên vắng mặt có ý kiến bằng
    văn bản); số phiếu hợp lệ: 11." — the figures explained, so "có mặt: 10" and "phát ra: 11"
    never seem to disagree."""
    written = m.absent_with_written_opinion
    how = ""
    if written and issued == m.present + written:
        how = kind.text("ballots_present_written").format(present=two(m.present),
                                                          written=two(written))
    elif issued == m.present:
        how = kind.text("ballots_present").format(present=two(m.present))
    return kind.text("ballots").format(issued=issued, valid=valid, how=how)


def members_table(data: DossierData, kind: DocumentKind) -> list[Block]:
    """The members by name, position and attendance, when the meeting record has them."""
    members = data.meeting_details.members
    if not members:
        return []
    labels = {PRESENT: kind.text("attend_present"), ABSENT_WRITTEN: kind.text("attend_written"),
              ABSENT: kind.text("attend_absent")}
    cols = (Column(kind.text("col_no"), 12, Align.CENTER),
            Column(kind.text("col_member"), 50), Column(kind.text("col_position"), 62),
            Column(kind.text("col_attendance"), 41))
    rows = tuple((str(i), mb.name, mb.position, labels.get(mb.attendance, ""))
                 for i, mb in enumerate(members, start=1))
    return [para(kind.text("members_intro"), keep=True), Table(cols, rows)]


def _result(n: NominationData, kind: DocumentKind) -> str:
    if n.vote is None:
        return kind.text("not_voted", "")
    return kind.text("passed") if n.vote.passed else kind.text("failed")


def build_bien_ban_hop(data: DossierData, kind: DocumentKind) -> Document:
    m = _meeting(data, kind)
    rnd_name = clean(data.round.name)
    absent = m.members_total - m.present
    blocks: list[Block] = [
        _header(data, kind),
        Title(kind.text("title"), kind.text("subject"), kind.text("subtitle").format(
            round=rnd_name)),
        para(opening(data, kind, m)),
        Heading(kind.text("part_members")),
        para(kind.text("chair").format(name=clean(m.chair))),
        para(kind.text("secretary").format(name=clean(m.secretary))),
        para(kind.text("attendance").format(total=two(m.members_total), present=two(m.present),
                                            absent=two(absent),
                                            written=two(m.absent_with_written_opinion))),
        *members_table(data, kind),
        Heading(kind.text("part_content")),
        Heading(kind.text("candidates"), level=2),
    ]
    for first, group in by_title(data.nominations):
        blocks.append(para("- " + kind.text("candidates_line").format(
            title=first.title_name, names=", ".join(n.subject.name for n in group))))
    blocks.append(Heading(kind.text("results"), level=2, align=Align.LEFT))
    cols = (Column(kind.text("col_no"), 11, Align.CENTER), Column(kind.text("col_name"), 44),
            Column(kind.text("col_title"), 36), Column(kind.text("col_method"), 22),
            Column(kind.text("col_votes"), 17, Align.CENTER),
            Column(kind.text("col_share"), 22, Align.CENTER),
            Column(kind.text("col_result"), 18, Align.CENTER))
    rows = []
    no = 0
    for _first, group in by_title(data.nominations):
        for n in group:
            no += 1
            v = n.vote
            method = ""
            if v is not None:
                method = kind.text("method_ballot" if v.method is VoteMethod.BALLOT
                                   else "method_hands")
            rows.append((str(no), n.subject.name, n.title_name, method,
                         f"{v.votes_for}/{v.members_total}" if v else "",
                         percent(v.share_of_total) if v else "", _result(n, kind)))
    blocks.append(Table(cols, tuple(rows)))
    blocks.append(para(kind.text("results_note").format(total=m.members_total)))
    voted = ballot_nominations(data)
    issued = {n.vote.ballots_issued for n in voted if n.vote}
    valid = {n.vote.ballots_valid for n in voted if n.vote}
    if len(issued) == 1 and len(valid) == 1:
        n_issued, n_valid = issued.pop(), valid.pop()
        if n_issued is not None and n_valid is not None:
            blocks.append(para(ballots_line(kind, m, n_issued, n_valid)))
    blocks.append(Heading(kind.text("part_conclusion")))
    blocks.append(para(kind.text("conclusion").format(counts=counts(kind, data.proposed))))
    failed = [n for n in data.nominations if n.vote is not None and not n.vote.passed]
    if failed:
        blocks.append(para(kind.text("conclusion_failed").format(
            names=", ".join(f"{n.subject.name} ({n.title_name})" for n in failed))))
    blocks.append(para(_closing(data, kind), keep=True))
    blocks.append(SignatureBlock((
        Signer(kind.text("signer_secretary"), clean(m.secretary), seal=False),
        Signer(kind.text("signer_chair"), clean(m.chair)))))
    return Document(kind=kind.code, name=kind.file_stem, title=kind.name,
                    dossier_id=data.dossier_id, blocks=tuple(blocks),
                    metadata={"number": _number(data, kind)[5:],
                              "dated": m.held_on.isoformat()})


def _closing(data: DossierData, kind: DocumentKind) -> str:
    ends = data.meeting_details.ends_at
    if ends is not None and kind.text("closing_time"):
        return kind.text("closing_time").format(time=clock(kind, ends)) + " " + \
            kind.text("closing")
    return kind.text("closing")


def ballot_nominations(data: DossierData) -> list[NominationData]:
    return [n for _f, g in by_title(data.nominations) for n in g
            if n.vote is not None and n.vote.method is VoteMethod.BALLOT]


def build_bien_ban_kiem_phieu(data: DossierData, kind: DocumentKind) -> Document:
    m = _meeting(data, kind)
    voted = ballot_nominations(data)
    if not voted:
        raise ValueError("bien_ban_kiem_phieu: no ballot in this round")
    blocks: list[Block] = [
        _header(data, kind),
        Title(kind.text("title"), kind.text("subject"),
              kind.text("subtitle").format(round=clean(data.round.name))),
        para(opening(data, kind, m)),
    ]
    committee = [clean(c) for c in m.counting_committee if clean(c)]
    if committee:
        blocks.append(para(kind.text("committee"), keep=True))
        blocks += [para(kind.text("committee_line").format(n=i, name=c))
                   for i, c in enumerate(committee, start=1)]
    else:
        blocks.append(para(kind.text("committee_none").format(name=clean(m.secretary))))
    blocks.append(para(kind.text("members").format(
        total=two(m.members_total), present=two(m.present),
        written=two(m.absent_with_written_opinion))))
    issued = {n.vote.ballots_issued for n in voted if n.vote}
    valid = {n.vote.ballots_valid for n in voted if n.vote}
    if len(issued) == 1 and len(valid) == 1:
        n_issued, n_valid = issued.pop(), valid.pop()
        if n_issued is not None and n_valid is not None:
            blocks.append(para(ballots_line(kind, m, n_issued, n_valid)))
    blocks.append(para(kind.text("results"), keep=True))
    cols = (Column(kind.text("col_no"), 10, Align.CENTER), Column(kind.text("col_name"), 36),
            Column(kind.text("col_title"), 31), Column(kind.text("col_issued"), 15, Align.CENTER),
            Column(kind.text("col_valid"), 15, Align.CENTER),
            Column(kind.text("col_votes"), 15, Align.CENTER),
            Column(kind.text("col_share"), 22, Align.CENTER),
            Column(kind.text("col_result"), 21, Align.CENTER))
    rows = []
    for i, n in enumerate(voted, start=1):
        v = n.vote
        assert v is not None
        rows.append((str(i), n.subject.name, n.title_name, str(v.ballots_issued or ""),
                     str(v.ballots_valid or ""), str(v.votes_for), percent(v.share_of_total),
                     kind.text("passed") if v.passed else kind.text("failed")))
    blocks.append(Table(cols, tuple(rows)))
    thresholds: dict[str, float] = {}
    for n in voted:
        if n.vote is not None:
            thresholds.setdefault(n.title_name, n.vote.threshold)
    blocks.append(para(kind.text("results_note").format(
        total=m.members_total, threshold="; ".join(
            f"{name} {percent(t)}" if len(thresholds) > 1 else percent(t)
            for name, t in thresholds.items()))))
    blocks.append(para(_closing(data, kind), keep=True))
    signers = [Signer(kind.text("signer_head"), committee[0], seal=False)] if committee else []
    signers += [Signer(kind.text("signer_member"), c, seal=False) for c in committee[1:3]]
    if not signers:
        signers = [Signer(kind.text("signer_secretary"), clean(m.secretary), seal=False)]
    blocks.append(SignatureBlock(tuple(signers)))
    return Document(kind=kind.code, name=kind.file_stem, title=kind.name,
                    dossier_id=data.dossier_id, blocks=tuple(blocks),
                    metadata={"number": _number(data, kind)[5:],
                              "dated": m.held_on.isoformat()})

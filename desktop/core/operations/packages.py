"""Export a round as a signed package, and carry it: removable drive or e-mail draft (issue 6).

The receiving side (import, receipts, decisions) is desktop.core.operations.receiving.

Where the package digest goes on paper
--------------------------------------
DESIGN §5 wants the package digest and a QR code on the printed tờ trình, so the paper copy and
the USB copy can be matched. The tờ trình PDF is itself inside the package, and a file cannot
carry the hash of a ZIP that contains it (nor of a manifest that lists it). So:

- the tờ trình inside the package is rendered before bagging with the box on page 1 left
  empty (the block model reserves it, so nothing reflows);
- after the package is built, the tờ trình is rendered again with `package_digest` = the
  short form of the SHA-256 of the whole ZIP file and `qr_payload` =
  ``HSKT|<dossier id>|r<revision>|<full SHA-256>``; that copy (`<package stem>_to_trinh_in.pdf`,
  next to the package, never inside it) is the one printed and signed on paper.

The digest is of the ZIP file exactly as it travels, so the province can check the paper
against the file with any tool (`sha256sum HSKT_….zip`), not only this app; and the two PDFs
differ only in that box. The same full SHA-256 names the previous package in `Revision-Of`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import desktop
from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.files import intent, temp_dir
from desktop.core.i18n import _
from desktop.core.model import SubjectKind, Unit
from desktop.core.model.rounds import Nomination, NominationStatus, Round
from desktop.core.operations import appraisal as appraisal_ops
from desktop.core.operations import home_titles as home
from desktop.core.operations import keys as key_ops
from desktop.core.operations import rounds as round_ops
from desktop.core.operations.delivery import verify_copy as _verify
from desktop.core.package import bag
from desktop.core.secrets import SecretStore
from desktop.core.store import Store
from desktop.core.store import documents as doc_repo
from desktop.core.store import packages as repo
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as rounds_repo
from desktop.core.text import clean

ProgressFn = Callable[[int, int], None]
EXPORTED_STATUSES = (NominationStatus.READY, NominationStatus.EXPORTED)


# ---- what the export writes ------------------------------------------------------------------


@dataclass(frozen=True)
class DossierFiles:
    """The documents of a round, written into a folder by the documents side."""

    pdfs: Sequence[tuple[Path, str]]           # (file, document kind)
    sources: Sequence[Path] = ()               # the DOCX sources
    reprint: Callable[[str, str, Path], Path] | None = None
    # reprint(package_digest, qr_payload, dest): the tờ trình again, with the package box filled
    signed: Sequence[Mapping[str, Any]] = ()   # signed copies carried (dossier.json entries)
    notes: Sequence[str] = ()                  # what the officer should know (outdated copies)


class DocumentWriter(Protocol):
    def __call__(self, store: Store, catalog: Catalog, round_id: int, folder: Path,
                 today: date) -> DossierFiles: ...


@dataclass(frozen=True)
class ExportResult:
    package: Path
    sha256: str
    size: int
    dossier_id: str
    revision: int
    revision_of: str | None
    key_id: str
    nominations: int
    attachments: int
    documents: int
    printed_to_trinh: Path | None
    verified: bool
    problems: tuple[str, ...] = ()
    signed: tuple[str, ...] = ()        # documents carried as signed copies (file stems)
    notes: tuple[str, ...] = ()         # signed copies left out because the dossier changed

    @property
    def file_name(self) -> str:
        return self.package.name

    @property
    def digest_short(self) -> str:
        return bag.short_digest(self.sha256)

    @property
    def qr_payload(self) -> str:
        return qr_payload(self.dossier_id, self.revision, self.sha256)


def qr_payload(dossier_id: str, revision: int, sha256: str) -> str:
    return f"HSKT|{dossier_id}|r{revision}|{sha256}"


def exports_dir(store: Store) -> Path:
    """The profile's own copy of every package it sent (<profile>/exports)."""
    return store.path.parent / "exports"


# ---- dossier.json ------------------------------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _subject(store: Store, nom: Nomination) -> dict[str, Any]:
    if nom.subject.kind is SubjectKind.PERSON:
        person = reg_repo.get_person(store.db, nom.subject.id)
        out: dict[str, Any] = {"kind": "person", "id": nom.subject.id,
                               "name": nom.subject_name}
        if person is not None:
            out.update(name=person.full_name or nom.subject_name,
                       birth_date=_iso(person.birth_date),
                       gender=person.gender.value if person.gender else None,
                       position=", ".join(p for p in (person.position, person.department)
                                          if p),
                       group=person.group.value)
        return out
    collective = reg_repo.get_collective(store.db, nom.subject.id)
    out = {"kind": "collective", "id": nom.subject.id, "name": nom.subject_name}
    if collective is not None:
        out.update(name=collective.name or nom.subject_name)
    return out


def _council(store: Store, nom: Nomination) -> dict[str, Any] | None:
    assert nom.id is not None
    votes = rounds_repo.votes_of_nomination(store.db, nom.id)
    if not votes:
        return None
    vote = votes[-1]
    meeting = rounds_repo.get_meeting(store.db, vote.meeting_id)
    return {"method": vote.method.value,
            "members_total": meeting.members_total if meeting else 0,
            "present": meeting.present if meeting else 0,
            "votes_for": vote.votes_for,
            "ballots_issued": vote.ballots_issued,
            "ballots_valid": vote.ballots_valid,
            "threshold": vote.threshold,
            "passed": vote.passed,
            "held_on": _iso(meeting.held_on) if meeting else None}


def _eligibility(nom: Nomination) -> dict[str, Any]:
    """The stored verdict, with the rule versions it applied when they were recorded."""
    out: dict[str, Any] = {
        "verdict": nom.eligibility.verdict.value,
        "reasons": [{"code": r.code, "message": r.message, "basis": r.basis,
                     "status": r.status} for r in nom.eligibility.reasons]}
    if nom.eligibility.rule is not None:
        out["rule_version"] = nom.eligibility.rule.to_json()
    return out


def _nomination(store: Store, nom: Nomination) -> dict[str, Any]:
    council = _council(store, nom)
    if council is not None and council["held_on"] is None:
        del council["held_on"]
    out: dict[str, Any] = {
        "subject": _subject(store, nom),
        "target": nom.target,
        "eligibility": _eligibility(nom),
        "council": council,
        "simplified": nom.simplified,
        "status": nom.status.value,
    }
    for key in ("achievement", "justification"):
        value = getattr(nom, key)
        if value:
            out[key] = value
    return out


def dossier_content(store: Store, unit: Unit, rnd: Round, noms: Sequence[Nomination],
                    key_id: str) -> dict[str, Any]:
    """What the caller knows of data/dossier.json (hoso-dossier/1); build_package adds the
    ids, the revision chain and the file lists."""
    round_part: dict[str, Any] = {"kind": rnd.kind.value, "year": rnd.year, "name": rnd.name,
                                  "receiving_body": rnd.receiving_body,
                                  "deadline": rnd.deadline.isoformat()}
    if rnd.movement:
        round_part["movement"] = rnd.movement
    return {
        "unit": {"code": unit.code, "name": unit.name, "province": unit.province or "default",
                 "superior_body": unit.superior_body, "key_id": key_id},
        "round": round_part,
        "nominations": [_nomination(store, n) for n in noms],
    }


def _legal_basis(catalog: Catalog) -> str:
    cites = [str(catalog.legal_sources[k].get("cite", "")) for k in
             ("luat_tdkt_2022", "nd_152_2025") if k in catalog.legal_sources]
    return "; ".join(c for c in cites if c) or "Luật TĐKT 2022"


def _template_set(catalog: Catalog) -> str:
    """forms/documents as it was used: a digest of its files, so a dossier can be re-made."""
    digest = hashlib.sha256()
    folder = catalog.forms_dir / "documents"
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
                digest.update(path.read_bytes())
    packs = sorted({k.origin for k in catalog.documents.values()
                    if k.origin.startswith("lawpack:")})   # document kinds from law packs
    return " ".join([f"hoso-forms {desktop.__version__} {digest.hexdigest()[:12]}", *packs])


# ---- export ------------------------------------------------------------------------------------


def dossier_documents(fonts_dir: Path | None = None, *, unwritten: str = "") -> DocumentWriter:
    """The round's documents as operations.dossier writes them (DOCX + PDF), and the reprint
    of the tờ trình with the package box filled. `unwritten`: a trial's text for report
    sections not written yet (operations.dossier.gather)."""

    def write(store: Store, catalog: Catalog, round_id: int, folder: Path,
              today: date) -> DossierFiles:
        from dataclasses import replace

        from desktop.core.documents.fonts import register_fonts
        from desktop.core.documents.format import load_format
        from desktop.core.documents.render import render_pdf
        from desktop.core.operations import dossier as dossier_ops

        # Only what goes to the province (LAW §5.2 D): the internal proposal, the head's
        # quyết định and the certificates stay with the unit.
        docs = dossier_ops.for_province(
            dossier_ops.build_documents(store, catalog, round_id, today, unwritten=unwritten))
        kinds = {d.name: d.kind for d in docs}
        paths = dossier_ops.write_dossier(store, catalog, round_id, folder, today,
                                          fonts_dir=fonts_dir, unwritten=unwritten)
        pdfs = [(p, kinds[p.stem]) for p in paths if p.suffix == ".pdf" and p.stem in kinds]
        sources = [p for p in paths if p.suffix == ".docx" and p.stem in kinds]
        to_trinh = next((d for d in docs if d.reserve_package_box), None)
        # Signed copies travel in place of the unsigned PDFs they were made from (issue 15).
        from desktop.core.operations.signed_package import carry_signed

        carried = carry_signed(store, catalog, round_id, docs, paths[0].parent,
                               fonts_dir or _fonts_dir()) if paths else None

        def reprint(digest: str, payload: str, dest: Path) -> Path:
            assert to_trinh is not None
            fmt = load_format(catalog.forms_dir / "documents" / "format.toml")
            fonts = register_fonts(fonts_dir or _fonts_dir(), fmt)
            render_pdf(replace(to_trinh, package_digest=digest, qr_payload=payload), fmt,
                       fonts, dest)
            return dest

        return DossierFiles(pdfs=pdfs, sources=sources,
                            reprint=reprint if to_trinh is not None else None,
                            signed=carried.entries if carried else (),
                            notes=carried.notes() if carried else ())

    return write


def _fonts_dir() -> Path:
    from desktop.paths import resources_dir  # the composition root's default

    return resources_dir() / "fonts"


def export_round(store: Store, catalog: Catalog, secrets: SecretStore | None, round_id: int,
                 dest_dir: Path, actor: str, today: date, passphrase: str | None = None,
                 progress: ProgressFn | None = None, *,
                 write_documents: DocumentWriter | None = None,
                 fonts_dir: Path | None = None, override_reason: str = "") -> ExportResult:
    """Sign and write the round's package into `dest_dir`; record it; READY → EXPORTED.

    The nominations sent are those the tờ trình to the receiving body proposes
    (`sent_nominations`): titles decided above the unit, not turned down by the council. A
    round with only titles the unit decides itself has nothing to send and is refused. At
    least one must be READY (or already EXPORTED, when a corrected revision is sent again).
    Each export is a new revision that names the previous package by its SHA-256 (`Revision-Of`).

    The appraisal runs first (operations.appraisal): a dossier the province would send back
    is refused (code export.appraisal_returned, listing why) unless `override_reason` says
    why it goes anyway; the reason is recorded in the audit log and, with the problems, in
    dossier.json (`appraisal`).
    """
    rnd = round_ops.get_round(store, round_id)
    if rnd is None or rnd.id is None:
        raise UserError(_("Đợt xét này không còn (có thể đã bị xóa)."))
    unit = reg_repo.get_unit(store.db)
    if unit is None:
        raise UserError(_("Chưa có thông tin đơn vị."), _("Hãy nhập trong menu Đơn vị."))
    if not unit.code:
        raise UserError(_("Đơn vị chưa có mã đơn vị nên chưa đặt tên được gói hồ sơ."),
                        _("Hãy nhập mã đơn vị do tỉnh cấp (chữ không dấu, chữ số) trong "
                          "Đơn vị → Thông tin đơn vị."))
    noms = sent_nominations(store, round_id, catalog)
    if not noms and sent_nominations(store, round_id):
        raise home.only_unit_titles_refusal(unit)
    if not any(n.status in EXPORTED_STATUSES for n in noms):
        raise UserError(_("Đợt “{r}” chưa có đề nghị nào ở trạng thái “{s}”.").format(
            r=rnd.name, s=NominationStatus.READY.label),
            _("Hồ sơ của từng người phải đủ và được đánh dấu sẵn sàng gửi trước khi xuất gói."))
    checked = appraisal_ops.appraise_round(store, catalog, round_id, today)
    reason = clean(override_reason)
    if checked.would_be_returned and not reason:
        raise appraisal_refusal(checked)
    if checked.would_be_returned and len(reason) < MIN_OVERRIDE_REASON:
        raise UserError(_("Lý do gửi hồ sơ dù còn vấn đề phải rõ ràng (ít nhất {n} ký tự)."
                          ).format(n=MIN_OVERRIDE_REASON), code="export.override_too_short")
    secret = key_ops.load_secret(store, secrets, passphrase)   # fails before any work

    with store.write() as db:
        dossier_id = doc_repo.dossier_id(db, round_id)
    previous = repo.latest_exported_package(store.db, dossier_id)
    revision = previous.revision + 1 if previous else 1
    revision_of = previous.sha256 if previous else None

    writer = write_documents or dossier_documents(fonts_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    final = dest_dir / bag.package_file_name(unit.code, dossier_id, revision)
    # Crash safety (docs/package-format.md is the file; this is its life): the package is
    # built and verified as a .part, then recorded, and renamed to its name as the last step
    # of the transaction that records it. A kill before the rename leaves only a .part; a
    # kill between the rename and the commit leaves the intent marker, and the next start
    # (operations.recovery) removes the unrecorded file. No package that verifies is ever
    # there without its record, nor a record without its package.
    with intent(final), temp_dir("export") as tmp_name:
        tmp = Path(tmp_name)
        files = writer(store, catalog, round_id, tmp / "documents", today)
        attachments = _attachments(store, catalog, noms)
        content = dossier_content(store, unit, rnd, noms, secret.key_id_hex)
        content["appraisal"] = appraisal_record(checked, today,
                                                reason if checked.would_be_returned else "")
        if files.signed:
            content["signed_documents"] = [
                {"path": bag.DIRS["documents"] + bag.safe_name(f"{e['name']}.pdf"), **e}
                for e in files.signed]
        info = bag.build_package(
            dossier=content, documents=list(files.pdfs), sources=list(files.sources),
            attachments=attachments, unit_code=unit.code, unit_name=unit.name,
            dossier_id=dossier_id, revision=revision, revision_of=revision_of,
            secret_key=secret, dest_dir=dest_dir, app_version=desktop.__version__,
            legal_basis=_legal_basis(catalog), template_set=_template_set(catalog),
            bagging_date=today, progress=progress, keep_part=True)
        try:
            report = _verify(info.path, key_ops.public_keys(store))
            if not report.ok:   # never record or send a package we cannot verify ourselves
                raise UserError(_("Gói vừa tạo không qua được kiểm tra: {why}").format(
                    why="; ".join(r.message for r in report.reasons)),
                    _("Đã xóa gói hỏng. Hãy thử lại; nếu vẫn lỗi, báo cho người hỗ trợ."))
            with store.write() as db:
                repo.insert_exported_package(db, round_id, dossier_id, revision, final.name,
                                             info.sha256, info.key_id)
                reg_repo.append_audit(
                    db, actor, "export", "round", round_id,
                    _("Xuất gói hồ sơ {name} (lần {rev}, {n} đề nghị)").format(
                        name=final.name, rev=revision, n=len(noms)),
                    {"file": final.name, "sha256": info.sha256, "revision": revision,
                     "revision_of": revision_of, "key_id": info.key_id,
                     "nominations": [n.id for n in noms],
                     "appraisal_returned": [f.code for f in checked.returned]})
                if checked.would_be_returned:
                    reg_repo.append_audit(
                        db, actor, "override", "round", round_id,
                        _("Gửi hồ sơ {name} dù thẩm định còn {n} vấn đề bị trả lại; lý do: "
                          "{why}").format(name=final.name, n=len(checked.returned), why=reason),
                        {"file": final.name, "reason": reason,
                         "problems": [f.as_json() for f in checked.returned]})
                for nom in noms:
                    if nom.status is NominationStatus.READY and nom.id is not None:
                        round_ops.set_status(store, catalog, nom.id, NominationStatus.EXPORTED,
                                             actor, today)
                info = bag.publish(info, final)
        except BaseException:
            info.path.unlink(missing_ok=True)   # the .part, or the file if the commit failed
            raise
    printed = None
    problems: tuple[str, ...] = ()
    if files.reprint is not None:   # the paper copy, once the package is safely recorded
        try:
            printed = files.reprint(bag.short_digest(info.sha256),
                                    qr_payload(dossier_id, revision, info.sha256),
                                    dest_dir / f"{final.stem}_to_trinh_in.pdf")
        except (OSError, UserError) as exc:
            problems = (_("Chưa in lại được tờ trình có mã gói: {why}").format(why=exc),)
    return ExportResult(package=info.path, sha256=info.sha256, size=info.size,
                        dossier_id=dossier_id, revision=revision, revision_of=revision_of,
                        key_id=info.key_id, nominations=len(noms),
                        attachments=len(attachments), documents=len(files.pdfs),
                        printed_to_trinh=printed, verified=True, problems=problems,
                        signed=tuple(str(e["name"]) for e in files.signed),
                        notes=tuple(files.notes))


MIN_OVERRIDE_REASON = 15


def appraisal_refusal(checked: appraisal_ops.Appraisal) -> UserError:
    """The export's refusal of a dossier the province would send back, listing why."""
    shown = checked.returned[:10]
    items = "\n".join(f"• {f.message}" for f in shown)
    more = len(checked.returned) - len(shown)
    if more:
        items += "\n" + _("… và {n} vấn đề khác.").format(n=more)
    return UserError(_("Thẩm định trước: cấp trên sẽ trả lại hồ sơ này vì {n} vấn đề:\n{items}")
                     .format(n=len(checked.returned), items=items),
                     _("Hãy sửa các vấn đề này (Hồ sơ → Thẩm định trước), hoặc ghi lý do gửi "
                       "dù còn vấn đề; lý do được ghi vào nhật ký và gửi kèm gói."),
                     code="export.appraisal_returned")


def appraisal_record(checked: appraisal_ops.Appraisal, today: date, reason: str
                     ) -> dict[str, Any]:
    """dossier.json `appraisal`: the problems found when the package was made, and the
    officer's reason for sending it with problems the province would send back."""
    return {"checked_on": today.isoformat(), "override_reason": reason or None,
            "problems": [{k: v for k, v in f.as_json().items()
                          if k in ("code", "severity", "document", "subject", "message", "fix")}
                         for f in checked.findings]}


def nothing_to_send(store: Store, catalog: Catalog, round_id: int) -> bool:
    """The round proposes nominations but none goes up (only titles the unit decides itself,
    or those decided above were turned down): `export_round` refuses it with
    `home.only_unit_titles_refusal`, and the export dialog says so before any choice."""
    return not sent_nominations(store, round_id, catalog) and bool(
        sent_nominations(store, round_id))


def sent_nominations(store: Store, round_id: int, catalog: Catalog | None = None
                     ) -> list[Nomination]:
    """The nominations a package carries: those the tờ trình to the receiving body proposes
    (no council vote against), so dossier.json and the signed paper list the same people.
    With `catalog`, only titles decided above the unit (LAW §5.2: the unit's own titles —
    LĐTT, CSTĐCS, TTLĐTT, Giấy khen — are decided at home and never sent); without it, every
    proposed nomination. Their `status` is in dossier.json; the export dialog warns about
    any that is not yet “ready”."""
    out = []
    for nom in round_ops.nominations(store, round_id):
        assert nom.id is not None
        if catalog is not None:
            info = catalog.titles.get(nom.target)
            if info is not None and info.decided_by_unit:
                continue
        votes = rounds_repo.votes_of_nomination(store.db, nom.id)
        if not votes or votes[-1].passed:
            out.append(nom)
    return out


def not_ready(store: Store, round_id: int, catalog: Catalog | None = None
              ) -> list[Nomination]:
    """Nominations the package will carry whose dossier is not marked ready yet."""
    return [n for n in sent_nominations(store, round_id, catalog)
            if n.status not in EXPORTED_STATUSES and n.status is not NominationStatus.DECIDED]


def _attachments(store: Store, catalog: Catalog, noms: Sequence[Nomination]
                 ) -> list[bag.AttachmentFile]:
    """Every scan attached to the nominations sent; the name starts with the nomination's
    number in dossier.json and the dossier part, so the province sees whose it is."""
    out = []
    for index, nom in enumerate(noms, start=1):
        assert nom.id is not None
        for item in round_ops.checklist(store, catalog, nom.id).items:
            for att in item.attachments:
                path = round_ops.attachment_path(store, att)
                out.append(bag.AttachmentFile(
                    path=path, name=f"{index:02d}_{item.part}_{att.original_name}",
                    kind=item.part))
    return out


def history(store: Store, round_id: int | None = None) -> list[repo.ExportedPackageRow]:
    """Packages exported (for one round, or all), oldest first."""
    return repo.exported_packages(store.db, round_id)

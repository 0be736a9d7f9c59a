"""The province office takes packages in: each is verified with the enrolled units' keys,
copied under its SHA-256 into the profile's `received/` folder, recognised when it comes
again, and chained to the earlier revisions of its dossier."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.files import fsync_dir, intent, temp_dir
from desktop.core.i18n import _
from desktop.core.operations.receiving.enrolment import ENROL_HINT, trusted_unit_keys
from desktop.core.operations.receiving.files import (
    copy_part,
    day_of,
    received_dir,
    refuse_encrypted,
)
from desktop.core.package import split
from desktop.core.package.verify import VerifyReport, verify_package
from desktop.core.store import Store
from desktop.core.store import packages as repo
from desktop.core.store import registry as reg_repo
from desktop.core.store.database import now_iso
from desktop.core.text import clean, format_date

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class ReceivedDossier:
    """A package the office received, with what its dossier.json says."""

    id: int
    dossier_id: str
    revision: int
    revision_of: str
    unit_code: str
    unit_name: str
    key_id: str
    sha256: str
    stored_path: Path
    summary: Mapping[str, Any]
    received_at: str
    superseded_by: int | None = None     # the revision that replaces this one, if received
    supersedes: int | None = None        # the earlier revision this one replaces, if received

    @property
    def superseded(self) -> bool:
        return self.superseded_by is not None

    @property
    def received_on(self) -> date:
        return day_of(self.received_at)

    @property
    def counts(self) -> dict[str, int]:
        by_title = self.summary.get("by_title") or {}
        return {str(k): int(v) for k, v in by_title.items()}

    @property
    def nominees(self) -> list[dict[str, Any]]:
        return list(self.summary.get("nominees") or [])


@dataclass(frozen=True)
class ImportResult:
    received: ReceivedDossier
    duplicate: bool                      # the very same package was received before
    message: str
    report: VerifyReport | None = None
    warnings: tuple[str, ...] = ()


class PackageRefused(UserError):
    """The package did not verify; `report` has every reason."""

    def __init__(self, message: str, hint: str, report: VerifyReport, *,
                 code: str = "receiving.package_refused") -> None:
        super().__init__(message, hint, code=code)
        self.report = report


@dataclass(frozen=True)
class _Incoming:
    """What a verified package says it is."""

    dossier: Mapping[str, Any]
    dossier_id: str
    revision: int
    unit_code: str
    revision_of: str        # the SHA-256 of the package it revises, or ""


def _incoming(report: VerifyReport) -> _Incoming:
    dossier = report.dossier or {}
    unit = _part(dossier, "unit")
    revision_of = clean(str(dossier.get("revision_of") or "")) or clean(
        report.info("Revision-Of"))
    return _Incoming(dossier, clean(str(dossier.get("dossier_id", ""))),
                     int(dossier.get("revision", 1)), clean(str(unit.get("code", ""))).upper(),
                     revision_of)


def _refusal(report: VerifyReport) -> PackageRefused:
    if "unknown_key" in report.codes:
        key = report.key_id or "?"
        return PackageRefused(
            _("Gói được ký bằng khóa {key}: khóa chưa đăng ký với cơ quan tiếp nhận.")
            .format(key=key), _(ENROL_HINT), report, code="receiving.unknown_key")
    reasons = "\n".join(f"• {r.message}" for r in report.reasons)
    return PackageRefused(_("Gói không đạt kiểm tra, không nhận:\n{reasons}")
                          .format(reasons=reasons),
                          _("Không dùng gói này; hãy xin đơn vị gửi lại."), report)


def _text(mapping: Mapping[str, Any], key: str) -> str:
    return clean(str(mapping.get(key, "")))


def _part(mapping: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    return mapping.get(key) or {}


def _items(mapping: Mapping[str, Any], key: str) -> Sequence[Any]:
    return mapping.get(key) or []


def _nominee(nomination: Mapping[str, Any]) -> dict[str, Any]:
    subject = _part(nomination, "subject")
    subject_id, birth = subject.get("id"), subject.get("birth_date")
    return {"kind": str(subject.get("kind", "")),
            "id": subject_id if isinstance(subject_id, int) else None,
            "birth_date": birth if isinstance(birth, str) else None,
            "name": _text(subject, "name"),
            "target": str(nomination.get("target", ""))}


def _summary(dossier: Mapping[str, Any], file_name: str, size: int) -> dict[str, Any]:
    """What the lists show of a dossier, taken once from its dossier.json."""
    nominations = [n for n in _items(dossier, "nominations") if isinstance(n, Mapping)]
    nominees = [_nominee(n) for n in nominations]
    by_title = Counter(str(n.get("target", "")) for n in nominations)
    kinds = Counter(x["kind"] for x in nominees)
    unit, rnd = _part(dossier, "unit"), _part(dossier, "round")
    return {
        "unit": {"code": str(unit.get("code", "")), "name": _text(unit, "name"),
                 "province": str(unit.get("province", ""))},
        "round": {"kind": str(rnd.get("kind", "")), "year": rnd.get("year"),
                  "name": _text(rnd, "name")},
        "nominations": len(nominations),
        "individuals": kinds.get("person", 0),
        "collectives": kinds.get("collective", 0),
        "by_title": dict(sorted(by_title.items())),
        "documents": len(_items(dossier, "documents")),
        "attachments": len(_items(dossier, "attachments")),
        "nominees": nominees,
        "package_file": file_name,
        "size": size,
    }


def import_package(store: Store, catalog: Catalog, pkg_path: Path, actor: str, today: date
                   ) -> ImportResult:
    """Verify a package with the enrolled units' keys and take it in.

    Refuses (PackageRefused, with every reason) a package that does not verify — an unknown
    key with "khóa chưa đăng ký" and how to enrol; refuses a package whose signer is enrolled
    for another unit than its dossier names, and a different package under a dossier id and
    revision already received. The same package again is not an error: the result says when
    it was received.
    """
    pkg_path = Path(pkg_path)
    refuse_encrypted(pkg_path)
    if split.is_part_name(pkg_path):   # e-mail parts: rejoined, then taken in as one ZIP
        with temp_dir("join") as tmp:
            joined = split.join_parts(pkg_path, Path(tmp))
            return _import(store, joined, actor)
    return _import(store, pkg_path, actor)


def _import(store: Store, pkg_path: Path, actor: str) -> ImportResult:
    report = verify_package(pkg_path, trusted_unit_keys(store))
    if not report.ok:
        raise _refusal(report)
    incoming = _incoming(report)
    same = repo.received_by_sha(store.db, report.sha256)
    if same is not None:
        return _again(store, same, report)
    signer = _signer(store, report, incoming.unit_code)
    _refuse_other_content(store, incoming)
    warnings = _revision_warnings(store, incoming)
    received = _take_in(store, pkg_path, report, incoming, signer, actor)
    message = _("Đã nhận hồ sơ {id} lần gửi {rev} của {unit}: {n} đề nghị.").format(
        id=incoming.dossier_id, rev=incoming.revision, unit=received.unit_name,
        n=received.summary["nominations"])
    if received.supersedes is not None:
        message += " " + _("Thay cho lần gửi {old}.").format(old=received.supersedes)
    return ImportResult(received, False, message, report, tuple(warnings))


def _again(store: Store, same: repo.ReceivedRow, report: VerifyReport) -> ImportResult:
    received = _one(store, same)
    return ImportResult(received, True, _(
        "Đã nhận gói này ngày {day} (hồ sơ {id}, lần gửi {rev} của {unit}); không nhận lại.")
        .format(day=format_date(received.received_on), id=same.dossier_id, rev=same.revision,
                unit=same.unit_name or same.unit_code), report)


def _signer(store: Store, report: VerifyReport, unit_code: str) -> repo.KnownKey:
    """The enrolled key that signed the package; it must belong to the unit the dossier names."""
    signer = repo.known_key(store.db, report.key_id)
    if signer is None:   # verify_package said the key was known; keep the two honest
        raise _refusal(report)
    if signer.unit_code != unit_code:
        raise UserError(
            _("Gói ghi là hồ sơ của đơn vị {code}, nhưng được ký bằng khóa của đơn vị {signer} "
              "({name}).").format(code=unit_code or "?", signer=signer.unit_code,
                                  name=signer.unit_name),
            _("Không nhận gói này; hãy liên hệ đơn vị để kiểm tra."),
            code="receiving.signer_other_unit")
    return signer


def _refuse_other_content(store: Store, incoming: _Incoming) -> None:
    """A revision is sent once: another package under the same dossier and revision is not
    a correction but a conflict."""
    clash = repo.received_revision(store.db, incoming.dossier_id, incoming.revision)
    if clash is not None:
        raise UserError(
            _("Đã nhận một gói khác cho hồ sơ {id}, lần gửi {rev}, ngày {day}; gói này có nội "
              "dung khác.").format(id=incoming.dossier_id, rev=incoming.revision,
                                   day=format_date(day_of(clash.received_at))),
            _("Đơn vị sửa hồ sơ thì phải gửi lần gửi mới (số lần gửi lớn hơn); hãy liên hệ đơn "
              "vị."), code="receiving.revision_clash")


def _revision_warnings(store: Store, incoming: _Incoming) -> list[str]:
    """What the officer should know about the revision chain (a missing or newer revision);
    a package claiming to revise another dossier's package is refused."""
    db = store.db
    warnings = []
    earlier = repo.received_by_sha(db, incoming.revision_of) if incoming.revision_of else None
    if incoming.revision > 1 and earlier is None:
        warnings.append(_("Đây là lần gửi {rev} nhưng chưa nhận lần gửi trước của hồ sơ này.")
                        .format(rev=incoming.revision))
    if earlier is not None and earlier.dossier_id != incoming.dossier_id:
        raise UserError(_("Gói ghi là bản sửa của một gói thuộc hồ sơ khác ({other})."
                          ).format(other=earlier.dossier_id),
                        _("Không nhận gói này; hãy liên hệ đơn vị để kiểm tra."),
                        code="receiving.revision_of_other_dossier")
    newer = repo.latest_revision(db, incoming.dossier_id)
    if newer is not None and newer > incoming.revision:
        warnings.append(_("Đã nhận lần gửi {newer} của hồ sơ này; lần gửi {rev} là bản cũ hơn.")
                        .format(newer=newer, rev=incoming.revision))
    return warnings


def _take_in(store: Store, pkg_path: Path, report: VerifyReport, incoming: _Incoming,
             signer: repo.KnownKey, actor: str) -> ReceivedDossier:
    """Record the package and give its copy the digest's name, in one transaction with its
    audit entry. As for exports: copied as a .part, recorded, renamed as the transaction's
    last step; a kill between the rename and the commit leaves the intent marker, and the
    next start removes the unrecorded copy (operations.recovery)."""
    size = pkg_path.stat().st_size
    stored = received_dir(store) / f"{report.sha256}.zip"
    summary = _summary(incoming.dossier, pkg_path.name, size)
    with intent(stored):
        part = copy_part(pkg_path, stored.parent, stored.name, report.sha256)
        renamed = False
        try:
            with store.write() as wdb:
                new_id = _record(wdb, store, pkg_path, report, incoming, signer, summary,
                                 stored, actor)
                if part is not None:
                    os.replace(part, stored)
                    renamed = True
                    fsync_dir(stored.parent)
        except BaseException:
            if part is not None:
                part.unlink(missing_ok=True)
            if renamed or part is None:
                # the file named by its digest is harmless, but it belongs to no record now
                stored.unlink(missing_ok=True)
            raise
    row = repo.get_received(store.db, new_id)
    assert row is not None
    return _one(store, row)


def _record(wdb: Database, store: Store, pkg_path: Path, report: VerifyReport,
            incoming: _Incoming, signer: repo.KnownKey, summary: dict[str, Any], stored: Path,
            actor: str) -> int:
    """The received package's row and its audit entry; returns the row's id."""
    unit_name = summary["unit"]["name"]
    new_id = repo.insert_received(wdb, repo.ReceivedRow(
        dossier_id=incoming.dossier_id, revision=incoming.revision,
        revision_of=incoming.revision_of, unit_code=incoming.unit_code,
        unit_name=unit_name or signer.unit_name, key_id=report.key_id,
        sha256=report.sha256, stored_path=str(stored.relative_to(store.path.parent)),
        summary=summary, received_at=now_iso()))
    reg_repo.append_audit(
        wdb, actor, "receive", "received_package", new_id,
        _("Nhận hồ sơ {id} lần gửi {rev} của {unit}").format(
            id=incoming.dossier_id, rev=incoming.revision,
            unit=unit_name or incoming.unit_code),
        {"sha256": report.sha256, "key_id": report.key_id, "file": pkg_path.name,
         "revision_of": incoming.revision_of, "nominations": summary["nominations"]})
    return new_id


# ---- the list of received dossiers ---------------------------------------------------------------


def _chain(rows: Sequence[repo.ReceivedRow]) -> dict[int, tuple[int | None, int | None]]:
    """row id → (superseded_by revision, supersedes revision) within each dossier."""
    revisions: dict[str, list[int]] = {}
    for r in rows:
        revisions.setdefault(r.dossier_id, []).append(r.revision)
    result: dict[int, tuple[int | None, int | None]] = {}
    for r in rows:
        assert r.id is not None
        siblings = revisions[r.dossier_id]
        result[r.id] = (min((v for v in siblings if v > r.revision), default=None),
                        max((v for v in siblings if v < r.revision), default=None))
    return result


def _received(store: Store, row: repo.ReceivedRow,
              chain: Mapping[int, tuple[int | None, int | None]]) -> ReceivedDossier:
    assert row.id is not None
    by, of = chain.get(row.id, (None, None))
    return ReceivedDossier(row.id, row.dossier_id, row.revision, row.revision_of, row.unit_code,
                           row.unit_name, row.key_id, row.sha256,
                           store.path.parent / row.stored_path, row.summary, row.received_at,
                           by, of)


def _one(store: Store, row: repo.ReceivedRow) -> ReceivedDossier:
    siblings = [r for r in repo.received_list(store.db) if r.dossier_id == row.dossier_id]
    return _received(store, row, _chain(siblings))


def received(store: Store) -> list[ReceivedDossier]:
    """Every package received, newest dossier first, latest revision on top."""
    rows = repo.received_list(store.db)
    chain = _chain(rows)
    return [_received(store, r, chain) for r in rows]


def get_received(store: Store, received_id: int) -> ReceivedDossier:
    row = repo.get_received(store.db, received_id)
    if row is None:
        raise UserError(_("Không tìm thấy hồ sơ đã nhận này (có thể đã bị xóa)."),
                        code="receiving.received_missing")
    return _one(store, row)


def latest_received(store: Store, dossier_id: str) -> ReceivedDossier:
    """The latest revision received of a dossier; refused if none was."""
    items = [r for r in received(store) if r.dossier_id == clean(dossier_id)]
    if not items:
        raise UserError(_("Chưa nhận hồ sơ {id}.").format(id=dossier_id),
                        _("Hãy nhận gói hồ sơ trước khi ghi quyết định."),
                        code="receiving.dossier_not_received")
    return max(items, key=lambda r: r.revision)

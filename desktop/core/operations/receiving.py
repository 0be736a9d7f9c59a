"""The way back (issue 6 item 5): a receiving office takes packages in, and answers with a
signed receipt (biên nhận) and later a signed decisions file, which the unit imports.

Any profile can act as a receiving office (the Ban Thi đua – Khen thưởng or the Sở Nội vụ
uses the same app): it enrols each unit's public key (from the unit's enrolment sheet / .pub
file), imports packages — verified with those keys, copied under their SHA-256 into the
profile's `received/` folder, duplicates recognised, revisions chained — and signs receipts
and decisions files with its own signing key (desktop.core.operations.keys).

On the unit side, the province's public key is kept in the profile's `known_units` table under
the reserved unit code PROVINCE (store.packages.PROVINCE_CODE): in the profile's own database,
not in the data dir's settings.json that every profile shares; a new province key is added
beside the old ones, so receipts signed before a rotation still verify.

Every function takes its dependencies as arguments, writes in one transaction with an audit
entry, and raises UserError / ValidationError with what to do.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.files import fsync_dir, intent, part_prefix, private_dir, temp_dir
from desktop.core.i18n import N_, _
from desktop.core.model import SubjectKind
from desktop.core.model.rounds import Nomination, NominationStatus
from desktop.core.operations import rounds as rounds_ops
from desktop.core.package import minisign, split
from desktop.core.package import receipt as rcpt
from desktop.core.package.minisign import PublicKey, SecretKey, SignatureError
from desktop.core.package.verify import VerifyReport, verify_package
from desktop.core.store import Store
from desktop.core.store import packages as repo
from desktop.core.store import registry as reg_repo
from desktop.core.store.database import now_iso, write_error
from desktop.core.text import clean, fold, format_date

RECEIVED_DIR = "received"
PROVINCE_CODE = repo.PROVINCE_CODE
_UNIT_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]{1,23}")
_CHUNK = 1 << 20

ENROL_HINT = N_(
    "Hãy đăng ký khóa của đơn vị trước: mở Gói hồ sơ → Hồ sơ đã nhận (cấp tỉnh) → “Đăng ký "
    "khóa đơn vị…” và chọn tệp khóa công khai (.pub) trong phiếu đăng ký khóa đơn vị gửi, hoặc "
    "chạy: hoso package enrol --unit-code MÃ --unit-name \"TÊN\" TỆP.pub")


# ---- values --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownUnit:
    """One enrolled key of a unit (a unit may have several after rotating its key)."""

    unit_code: str
    unit_name: str
    key_id: str
    public_key_text: str
    enrolled_at: str
    retired_at: str | None = None

    @property
    def fingerprint(self) -> str:
        return " ".join(self.key_id[i:i + 4] for i in range(0, len(self.key_id), 4))

    @property
    def enrolled_on(self) -> date:
        return _day(self.enrolled_at)


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
        return _day(self.received_at)

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

    def __init__(self, message: str, hint: str, report: VerifyReport) -> None:
        super().__init__(message, hint)
        self.report = report


@dataclass(frozen=True)
class Decision:
    """One line of a decisions file: who, what, and by which decision (or not granted)."""

    subject_kind: str          # "person" | "collective", as in dossier.json
    subject_name: str
    target: str
    granted: bool = True
    decision_no: str = ""
    decision_date: date | None = None
    issuer: str = ""
    subject_id: int | None = None
    note: str = ""
    subject_birth_date: str | None = None   # ISO, from dossier.json: tells namesakes apart


@dataclass(frozen=True)
class ReceiptResult:
    dossier_id: str
    revision: int
    received_on: date
    receiving_body: str
    already: bool              # the same receipt had been imported before


@dataclass(frozen=True)
class DecisionsResult:
    dossier_id: str
    decided: tuple[tuple[int, str, str], ...]       # (nomination id, name, decision no)
    not_granted: tuple[tuple[int, str], ...]        # (nomination id, name)
    already_recorded: tuple[tuple[int, str], ...] = ()
    statuses: Mapping[int, NominationStatus] = field(default_factory=dict)


# ---- helpers -------------------------------------------------------------------------------------


def _day(stamp: str) -> date:
    try:
        return datetime.fromisoformat(stamp).date()
    except ValueError:
        return date.fromisoformat(stamp[:10])


def _parse_key(text: str) -> PublicKey:
    try:
        return minisign.parse_public_key(text)
    except SignatureError as exc:
        raise UserError(exc.message, _("Tệp khóa công khai là tệp .pub hai dòng: dòng "
                                       "“untrusted comment: …” và dòng bắt đầu bằng RW.")) \
            from exc


def _known(row: repo.KnownKey) -> KnownUnit:
    return KnownUnit(row.unit_code, row.unit_name, row.key_id, row.public_key, row.enrolled_at,
                     row.retired_at)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def received_dir(store: Store) -> Path:
    """<profile>/received/: packages the office received, each named by its SHA-256."""
    return store.path.parent / RECEIVED_DIR


def _copy_part(source: Path, folder: Path, name: str, sha256: str) -> Path | None:
    """Copy `source` beside folder/name as a temporary .part (flushed, its digest checked:
    a short write on a failing disk must not pass as the package); None when folder/name
    already holds exactly that package."""
    target = folder / name
    try:
        private_dir(folder)
        if target.exists() and sha256_file(target) == sha256:
            return None
        handle, tmp_name = tempfile.mkstemp(dir=folder, prefix=part_prefix(name), suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out, open(source, "rb") as src:
                shutil.copyfileobj(src, out, _CHUNK)
                out.flush()
                os.fsync(out.fileno())
            if sha256_file(Path(tmp_name)) != sha256:
                raise UserError(_("Bản chép gói vào thư mục hồ sơ đã nhận không khớp với gói "
                                  "gốc (ổ đĩa có thể bị lỗi)."),
                                _("Hãy kiểm tra ổ đĩa rồi nhận lại gói."))
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise write_error(exc) or UserError(
            _("Không chép được gói vào {path}: {why}").format(path=folder,
                                                             why=exc.strerror or exc)) from exc
    return Path(tmp_name)


# ---- province side: units and their keys ---------------------------------------------------------


def enrol_unit(store: Store, public_key_file_text: str, unit_code: str, unit_name: str,
               actor: str) -> KnownUnit:
    """Register a unit's public key (from its enrolment sheet or .pub file).

    A new key for a unit code already known is added beside the old ones (key rotation: old
    packages still verify). The same key again for the same unit only updates its name.
    """
    code = clean(unit_code).upper()
    name = clean(unit_name)
    problems = []
    if not _UNIT_CODE.fullmatch(code):
        problems.append(Problem("enrol.unit_code_invalid",
                                "unit_code", _("Mã đơn vị chỉ gồm chữ cái không dấu, chữ số và "
                                               "dấu gạch ngang, từ 2 đến 24 ký tự (ví dụ "
                                               "PT-THANHSON).")))
    elif code == PROVINCE_CODE:
        problems.append(Problem("enrol.unit_code_reserved",
                                "unit_code", _("Mã “{code}” dành riêng cho khóa của cơ quan tiếp "
                                               "nhận; hãy dùng mã đơn vị do tỉnh cấp.")
                                .format(code=PROVINCE_CODE)))
    if not name:
        problems.append(Problem("enrol.unit_name_missing", "unit_name", _("Chưa nhập tên đơn vị.")))
    try:
        public = minisign.parse_public_key(public_key_file_text)
    except SignatureError as exc:
        problems.append(Problem("enrol.public_key_invalid", "public_key", exc.message))
        public = None
    if problems:
        raise ValidationError(problems)
    assert public is not None
    key_id = public.key_id_hex
    text = minisign.public_key_file_text(public, f"hoso {code} {key_id}")
    with store.write() as db:
        existing = repo.known_key(db, key_id)
        if existing is not None and existing.unit_code != code:
            raise UserError(_("Khóa {key} đã được đăng ký cho đơn vị {other} ({name}).").format(
                key=key_id, other=existing.unit_code, name=existing.unit_name),
                _("Mỗi khóa chỉ thuộc một đơn vị. Hãy kiểm tra lại phiếu đăng ký khóa."))
        if existing is None:
            repo.insert_known_key(db, code, name, key_id, text)
        repo.rename_unit(db, code, name)
        reg_repo.append_audit(db, actor, "enrol", "known_unit", None,
                              _("Đăng ký khóa {key} của đơn vị {code} – {name}").format(
                                  key=key_id, code=code, name=name),
                              {"unit_code": code, "key_id": key_id,
                               "again": existing is not None})
        row = repo.known_key(db, key_id)
    assert row is not None
    return _known(row)


def known_units(store: Store) -> list[KnownUnit]:
    """Every enrolled unit key, retired ones included."""
    return [_known(r) for r in repo.known_keys(store.db)]


def retire_unit_key(store: Store, key_id: str, actor: str) -> None:
    """Stop trusting a key for new packages is not possible without breaking old ones, so a
    retired key still verifies; it is marked so the list shows which key is current."""
    with store.write() as db:
        row = repo.known_key(db, key_id)
        if row is None:
            raise UserError(_("Không có khóa {key} trong danh sách.").format(key=key_id))
        repo.retire_key(db, key_id)
        reg_repo.append_audit(db, actor, "retire", "known_unit", row.id,
                              _("Ngừng dùng khóa {key} của đơn vị {code}").format(
                                  key=key_id, code=row.unit_code), {"key_id": key_id})


def trusted_unit_keys(store: Store) -> dict[str, PublicKey]:
    """key id → public key of every enrolled unit key (not the province's own)."""
    keys = {}
    for row in repo.known_keys(store.db):
        with contextlib.suppress(SignatureError):
            keys[row.key_id] = minisign.parse_public_key(row.public_key)
    return keys


# ---- province side: importing packages -----------------------------------------------------------


def _refusal(report: VerifyReport) -> PackageRefused:
    codes = report.codes
    if "unknown_key" in codes:
        key = report.key_id or "?"
        return PackageRefused(
            _("Gói được ký bằng khóa {key}: khóa chưa đăng ký với cơ quan tiếp nhận.")
            .format(key=key), _(ENROL_HINT), report)
    reasons = "\n".join(f"• {r.message}" for r in report.reasons)
    return PackageRefused(_("Gói không đạt kiểm tra, không nhận:\n{reasons}")
                          .format(reasons=reasons),
                          _("Không dùng gói này; hãy xin đơn vị gửi lại."), report)


def _summary(dossier: Mapping[str, Any], file_name: str, size: int) -> dict[str, Any]:
    nominations = [n for n in dossier.get("nominations") or [] if isinstance(n, Mapping)]
    by_title = Counter(str(n.get("target", "")) for n in nominations)
    nominees = []
    for n in nominations:
        subject = n.get("subject") or {}
        nominees.append({"kind": str(subject.get("kind", "")),
                         "id": subject.get("id") if isinstance(subject.get("id"), int) else None,
                         "birth_date": subject.get("birth_date") if isinstance(
                             subject.get("birth_date"), str) else None,
                         "name": clean(str(subject.get("name", ""))),
                         "target": str(n.get("target", ""))})
    kinds = Counter(x["kind"] for x in nominees)
    unit = dossier.get("unit") or {}
    rnd = dossier.get("round") or {}
    return {
        "unit": {"code": str(unit.get("code", "")), "name": clean(str(unit.get("name", ""))),
                 "province": str(unit.get("province", ""))},
        "round": {"kind": str(rnd.get("kind", "")), "year": rnd.get("year"),
                  "name": clean(str(rnd.get("name", "")))},
        "nominations": len(nominations),
        "individuals": kinds.get("person", 0),
        "collectives": kinds.get("collective", 0),
        "by_title": dict(sorted(by_title.items())),
        "documents": len(dossier.get("documents") or []),
        "attachments": len(dossier.get("attachments") or []),
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
    _refuse_encrypted(pkg_path)
    if split.is_part_name(pkg_path):   # e-mail parts: rejoined, then taken in as one ZIP
        with temp_dir("join") as tmp:
            joined = split.join_parts(pkg_path, Path(tmp))
            return _import(store, joined, actor)
    return _import(store, pkg_path, actor)


def _refuse_encrypted(path: Path) -> None:
    if path.name.lower().endswith(".age"):
        raise UserError(_("Gói {name} đã được mã hóa (.age).").format(name=path.name),
                        _("Hãy giải mã bằng khóa age của cơ quan tiếp nhận (age -d -i KHÓA "
                          "{name} > gói.zip) rồi mở tệp .zip.").format(name=path.name))


def _import(store: Store, pkg_path: Path, actor: str) -> ImportResult:
    report = verify_package(pkg_path, trusted_unit_keys(store))
    if not report.ok:
        raise _refusal(report)
    dossier = report.dossier or {}
    dossier_id = clean(str(dossier.get("dossier_id", "")))
    revision = int(dossier.get("revision", 1))
    unit = dossier.get("unit") or {}
    unit_code = clean(str(unit.get("code", ""))).upper()
    db = store.db
    same = repo.received_by_sha(db, report.sha256)
    if same is not None:
        received = _one(store, same)
        return ImportResult(received, True, _(
            "Đã nhận gói này ngày {day} (hồ sơ {id}, lần gửi {rev} của {unit}); không nhận lại.")
            .format(day=format_date(received.received_on), id=same.dossier_id, rev=same.revision,
                    unit=same.unit_name or same.unit_code), report)
    signer = repo.known_key(db, report.key_id)
    if signer is None:   # verify_package said the key was known; keep the two honest
        raise _refusal(report)
    if signer.unit_code != unit_code:
        raise UserError(
            _("Gói ghi là hồ sơ của đơn vị {code}, nhưng được ký bằng khóa của đơn vị {signer} "
              "({name}).").format(code=unit_code or "?", signer=signer.unit_code,
                                  name=signer.unit_name),
            _("Không nhận gói này; hãy liên hệ đơn vị để kiểm tra."))
    clash = repo.received_revision(db, dossier_id, revision)
    if clash is not None:
        raise UserError(
            _("Đã nhận một gói khác cho hồ sơ {id}, lần gửi {rev}, ngày {day}; gói này có nội "
              "dung khác.").format(id=dossier_id, rev=revision,
                                   day=format_date(_day(clash.received_at))),
            _("Đơn vị sửa hồ sơ thì phải gửi lần gửi mới (số lần gửi lớn hơn); hãy liên hệ đơn "
              "vị."))
    warnings = []
    revision_of = clean(str(dossier.get("revision_of") or "")) or clean(
        ((report.bag_info.get("Revision-Of") or [""])[0]) if report.bag_info else "")
    earlier = repo.received_by_sha(db, revision_of) if revision_of else None
    if revision > 1 and earlier is None:
        warnings.append(_("Đây là lần gửi {rev} nhưng chưa nhận lần gửi trước của hồ sơ này.")
                        .format(rev=revision))
    if earlier is not None and earlier.dossier_id != dossier_id:
        raise UserError(_("Gói ghi là bản sửa của một gói thuộc hồ sơ khác ({other})."
                          ).format(other=earlier.dossier_id),
                        _("Không nhận gói này; hãy liên hệ đơn vị để kiểm tra."))
    newer = repo.latest_revision(db, dossier_id)
    if newer is not None and newer > revision:
        warnings.append(_("Đã nhận lần gửi {newer} của hồ sơ này; lần gửi {rev} là bản cũ hơn.")
                        .format(newer=newer, rev=revision))
    size = pkg_path.stat().st_size
    stored = received_dir(store) / f"{report.sha256}.zip"
    summary = _summary(dossier, pkg_path.name, size)
    # As for exports: copied as a .part, recorded, renamed as the transaction's last step; a
    # kill between the rename and the commit leaves the intent marker, and the next start
    # removes the unrecorded copy (operations.recovery).
    with intent(stored):
        part = _copy_part(pkg_path, stored.parent, stored.name, report.sha256)
        renamed = False
        try:
            with store.write() as wdb:
                new_id = repo.insert_received(wdb, repo.ReceivedRow(
                    dossier_id=dossier_id, revision=revision, revision_of=revision_of,
                    unit_code=unit_code, unit_name=summary["unit"]["name"] or signer.unit_name,
                    key_id=report.key_id, sha256=report.sha256,
                    stored_path=str(stored.relative_to(store.path.parent)), summary=summary,
                    received_at=now_iso()))
                reg_repo.append_audit(
                    wdb, actor, "receive", "received_package", new_id,
                    _("Nhận hồ sơ {id} lần gửi {rev} của {unit}").format(
                        id=dossier_id, rev=revision, unit=summary["unit"]["name"] or unit_code),
                    {"sha256": report.sha256, "key_id": report.key_id, "file": pkg_path.name,
                     "revision_of": revision_of, "nominations": summary["nominations"]})
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
    row = repo.get_received(db, new_id)
    assert row is not None
    received = _one(store, row)
    message = _("Đã nhận hồ sơ {id} lần gửi {rev} của {unit}: {n} đề nghị.").format(
        id=dossier_id, rev=revision, unit=received.unit_name, n=summary["nominations"])
    if received.supersedes is not None:
        message += " " + _("Thay cho lần gửi {old}.").format(old=received.supersedes)
    return ImportResult(received, False, message, report, tuple(warnings))


def _chain(rows: Sequence[repo.ReceivedRow]) -> dict[int, tuple[int | None, int | None]]:
    """row id → (superseded_by revision, supersedes revision) within each dossier."""
    by_dossier: dict[str, list[repo.ReceivedRow]] = {}
    for r in rows:
        by_dossier.setdefault(r.dossier_id, []).append(r)
    result: dict[int, tuple[int | None, int | None]] = {}
    for group in by_dossier.values():
        revs = sorted(r.revision for r in group)
        for r in group:
            later = [v for v in revs if v > r.revision]
            earlier = [v for v in revs if v < r.revision]
            assert r.id is not None
            result[r.id] = (min(later) if later else None, max(earlier) if earlier else None)
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
        raise UserError(_("Không tìm thấy hồ sơ đã nhận này (có thể đã bị xóa)."))
    return _one(store, row)


# ---- province side: receipts and decisions -------------------------------------------------------


def _receiving_body(store: Store, given: str) -> str:
    body = clean(given)
    if body:
        return body
    unit = reg_repo.get_unit(store.db)
    return unit.name if unit else ""


def _target_path(dest: Path, default_name: str) -> Path:
    dest = Path(dest)
    return dest / default_name if dest.is_dir() else dest


def _write(path: Path, secret: SecretKey, document: dict[str, Any]) -> Path:
    try:
        return rcpt.write_signed(path, secret, document)
    except OSError as exc:
        raise write_error(exc) or UserError(
            _("Không ghi được tệp {path}: {why}").format(path=path, why=exc.strerror or exc)
        ) from exc


def issue_receipt(store: Store, secret: SecretKey, received_id: int, dest: Path, actor: str,
                  today: date, *, receiving_body: str = "", note: str = "") -> Path:
    """Write the signed receipt (biên nhận) for one received package. `dest` is a file or a
    folder (the file is then named BN_<unit>_<dossier>_r<rev>.bien-nhan.json). `secret` is
    this office's own signing key (keys.load_secret)."""
    item = get_received(store, received_id)
    body = _receiving_body(store, receiving_body)
    if not body:
        raise UserError(_("Chưa có tên cơ quan tiếp nhận để ghi vào biên nhận."),
                        _("Hãy nhập tên cơ quan trong Thông tin đơn vị."))
    summary = item.summary
    document = {
        "schema": rcpt.RECEIPT_SCHEMA, "dossier_id": item.dossier_id, "revision": item.revision,
        "package_sha256": item.sha256,
        "package_file": str(summary.get("package_file", "")),
        "unit": {"code": item.unit_code, "name": item.unit_name},
        "received_on": item.received_on.isoformat(), "receiving_body": body,
        "documents": int(summary.get("documents", 0)),
        "attachments": int(summary.get("attachments", 0)),
        "nominations": int(summary.get("nominations", 0)),
        "issued_at": now_iso(),
    }
    if clean(note):
        document["note"] = clean(note)
    path = _write(_target_path(dest, rcpt.receipt_file_name(item.unit_code, item.dossier_id,
                                                           item.revision)), secret, document)
    with store.write() as db:
        reg_repo.append_audit(db, actor, "receipt", "received_package", item.id,
                              _("Cấp biên nhận hồ sơ {id} lần gửi {rev} cho {unit}").format(
                                  id=item.dossier_id, rev=item.revision, unit=item.unit_name),
                              {"file": path.name, "key_id": secret.key_id_hex,
                               "on": today.isoformat()})
    return path


def _latest_of(store: Store, dossier_id: str) -> ReceivedDossier:
    items = [r for r in received(store) if r.dossier_id == clean(dossier_id)]
    if not items:
        raise UserError(_("Chưa nhận hồ sơ {id}.").format(id=dossier_id),
                        _("Hãy nhận gói hồ sơ trước khi ghi quyết định."))
    return max(items, key=lambda r: r.revision)


def _nominee_key(kind: str, name: str, target: str, birth: str | None = None
                 ) -> tuple[str, str, str, str]:
    return (kind, fold(clean(name)), target, birth or "")


def validate_decisions(item: ReceivedDossier, decisions: Sequence[Decision], today: date
                       ) -> list[Problem]:
    problems = []
    if not decisions:
        problems.append(Problem("decisions.empty", "decisions", _("Chưa có dòng quyết định nào.")))
    nominees = {_nominee_key(n["kind"], n["name"], n["target"], n.get("birth_date"))
                for n in item.nominees}
    seen: set[tuple[str, str, str, str]] = set()
    for i, d in enumerate(decisions, 1):
        name = clean(d.subject_name) or "?"
        key = _nominee_key(d.subject_kind, d.subject_name, d.target, d.subject_birth_date)
        if key not in nominees:
            problems.append(Problem("decisions.not_proposed",
                                    f"row{i}", _("Dòng {i}: {name} không được đề nghị “{t}” "
                                                 "trong hồ sơ {id}.").format(
                i=i, name=name, t=d.target, id=item.dossier_id)))
        if key in seen:
            problems.append(Problem("decisions.duplicate",
                                    f"row{i}", _("Dòng {i}: {name} – “{t}” ghi hai lần.").format(
                i=i, name=name, t=d.target)))
        seen.add(key)
        if d.granted:
            if not clean(d.decision_no):
                problems.append(Problem("decisions.number_missing",
                                        f"row{i}", _("Dòng {i}: {name} chưa có số quyết định.")
                                        .format(i=i, name=name)))
            if d.decision_date is None:
                problems.append(Problem("decisions.date_missing",
                                        f"row{i}", _("Dòng {i}: {name} chưa có ngày quyết định.")
                                        .format(i=i, name=name)))
            elif d.decision_date > today:
                problems.append(Problem("decisions.date_future",
                                        f"row{i}", _("Dòng {i}: ngày quyết định ở tương lai.")
                                        .format(i=i)))
            if not clean(d.issuer):
                problems.append(Problem("decisions.issuer_missing",
                                        f"row{i}", _("Dòng {i}: {name} chưa ghi cấp quyết định.")
                                        .format(i=i, name=name)))
    return problems


def decisions_template(store: Store, dossier_id: str) -> list[Decision]:
    """One not-yet-granted line per nominee of the dossier's latest revision (the table the
    officer fills in)."""
    item = _latest_of(store, dossier_id)
    return [Decision(subject_kind=n["kind"], subject_name=n["name"], target=n["target"],
                     granted=False, subject_id=n.get("id"),
                     subject_birth_date=n.get("birth_date")) for n in item.nominees]


def issue_decisions(store: Store, secret: SecretKey, dossier_id: str,
                    decisions: Sequence[Decision], dest: Path, actor: str, today: date) -> Path:
    """Write the signed decisions file for a received dossier: for each nominee of its latest
    revision, granted or not, with the decision number, date and issuer."""
    item = _latest_of(store, dossier_id)
    problems = validate_decisions(item, decisions, today)
    if problems:
        raise ValidationError(problems)
    ids = {_nominee_key(n["kind"], n["name"], n["target"], n.get("birth_date")): n.get("id")
           for n in item.nominees}
    lines = []
    for d in decisions:
        subject_id = d.subject_id if d.subject_id is not None else ids.get(
            _nominee_key(d.subject_kind, d.subject_name, d.target, d.subject_birth_date))
        line: dict[str, Any] = {
            "subject": {"kind": d.subject_kind, "id": subject_id,
                        "name": clean(d.subject_name)},
            "target": d.target, "granted": bool(d.granted),
            "decision_no": clean(d.decision_no) if d.granted else "",
            "decision_date": d.decision_date.isoformat() if d.granted and d.decision_date
            else None,
            "issuer": clean(d.issuer) if d.granted else ""}
        if d.subject_birth_date:
            line["subject"]["birth_date"] = d.subject_birth_date
        if clean(d.note):
            line["note"] = clean(d.note)
        lines.append(line)
    document = {"schema": rcpt.DECISIONS_SCHEMA, "dossier_id": item.dossier_id,
                "unit": {"code": item.unit_code, "name": item.unit_name},
                "issued_at": now_iso(), "decisions": lines}
    stamp = today.strftime("%Y%m%d")
    path = _write(_target_path(dest, rcpt.decisions_file_name(item.unit_code, item.dossier_id,
                                                             stamp)), secret, document)
    granted = [d for d in decisions if d.granted]
    with store.write() as db:
        reg_repo.append_audit(db, actor, "decisions", "received_package", item.id,
                              _("Ghi quyết định cho hồ sơ {id} của {unit}: {n}/{t} được khen "
                                "thưởng").format(id=item.dossier_id, unit=item.unit_name,
                                                 n=len(granted), t=len(decisions)),
                              {"file": path.name, "key_id": secret.key_id_hex,
                               "decision_no": sorted({clean(d.decision_no) for d in granted})})
    return path


# ---- unit side: the province's key ---------------------------------------------------------------


def set_province_key(store: Store, public_key_file_text: str, actor: str,
                     body_name: str = "") -> KnownUnit:
    """Keep the receiving office's public key (its .pub file) to verify receipts and decisions.
    A second, different key is added beside the first (the office rotated its key)."""
    public = _parse_key(public_key_file_text)
    key_id = public.key_id_hex
    text = minisign.public_key_file_text(public, f"hoso receiving office {key_id}")
    with store.write() as db:
        existing = repo.known_key(db, key_id)
        if existing is not None and existing.unit_code != PROVINCE_CODE:
            raise UserError(_("Khóa {key} đang được lưu là khóa của đơn vị {code}, không phải của "
                              "cơ quan tiếp nhận.").format(key=key_id, code=existing.unit_code))
        if existing is None:
            repo.insert_known_key(db, PROVINCE_CODE, clean(body_name), key_id, text)
            reg_repo.append_audit(db, actor, "enrol", "province_key", None,
                                  _("Lưu khóa công khai {key} của cơ quan tiếp nhận").format(
                                      key=key_id), {"key_id": key_id})
        row = repo.known_key(db, key_id)
    assert row is not None
    return _known(row)


def province_keys(store: Store) -> list[KnownUnit]:
    return [_known(r) for r in repo.known_keys(store.db, province=True)]


def _province_public_keys(store: Store, given: Sequence[PublicKey] | None) -> list[PublicKey]:
    if given:
        return list(given)
    keys = []
    for row in repo.known_keys(store.db, province=True):
        with contextlib.suppress(SignatureError):
            keys.append(minisign.parse_public_key(row.public_key))
    if not keys:
        raise UserError(_("Chưa có khóa công khai của cơ quan tiếp nhận nên chưa kiểm tra được "
                          "biên nhận, quyết định."),
                        _("Hãy lưu tệp khóa công khai (.pub) do cơ quan tiếp nhận gửi: Gói hồ sơ "
                          "→ Nhập biên nhận / quyết định… → Khóa của cơ quan tiếp nhận."))
    return keys


# ---- unit side: receipts -------------------------------------------------------------------------


def import_receipt(store: Store, path: Path, province_public_keys: Sequence[PublicKey] | None,
                   actor: str) -> ReceiptResult:
    """Verify a receipt with the province's key and mark the package it names as received.
    `province_public_keys` None: the keys kept in the profile (set_province_key)."""
    keys = _province_public_keys(store, province_public_keys)
    signed = rcpt.load_signed(Path(path), keys, rcpt.RECEIPT_SCHEMA)
    doc = signed.document
    dossier_id, revision = clean(doc["dossier_id"]), int(doc["revision"])
    db = store.db
    unit = reg_repo.get_unit(db)
    if unit is not None and unit.code and doc["unit"]["code"].upper() != unit.code.upper():
        raise UserError(_("Biên nhận này cấp cho đơn vị {other}, không phải {mine}.").format(
            other=doc["unit"]["code"], mine=unit.code))
    exported = repo.get_exported_package(db, dossier_id, revision)
    if exported is None:
        raise UserError(_("Biên nhận ghi hồ sơ {id} lần gửi {rev}, nhưng đơn vị chưa gửi gói "
                          "nào như vậy từ hồ sơ này.").format(id=dossier_id, rev=revision),
                        _("Hãy kiểm tra đúng hồ sơ (đúng máy, đúng đơn vị) rồi nhập lại."))
    if exported.sha256.lower() != doc["package_sha256"]:
        raise UserError(_("Biên nhận là cho một gói khác với gói đơn vị đã gửi (hồ sơ {id} lần "
                          "gửi {rev}).").format(id=dossier_id, rev=revision),
                        _("Có thể tỉnh đã nhận một bản khác; hãy liên hệ cơ quan tiếp nhận."))
    received_on = date.fromisoformat(doc["received_on"])
    stored = {"document": doc, "key_id": signed.key_id, "file_sha256": signed.sha256}
    already = exported.receipt is not None and exported.receipt.get("file_sha256") == signed.sha256
    if not already:
        with store.write() as wdb:
            assert exported.id is not None
            repo.set_receipt(wdb, exported.id, stored, received_on.isoformat())
            reg_repo.append_audit(
                wdb, actor, "receipt", "exported_package", exported.id,
                _("Tỉnh đã nhận hồ sơ {id} lần gửi {rev} ngày {day} ({body})").format(
                    id=dossier_id, rev=revision, day=format_date(received_on),
                    body=doc["receiving_body"]),
                {"key_id": signed.key_id, "file_sha256": signed.sha256})
    return ReceiptResult(dossier_id, revision, received_on, doc["receiving_body"], already)


# ---- unit side: decisions ------------------------------------------------------------------------


def _match(store: Store, noms: Sequence[Nomination], line: Mapping[str, Any]
           ) -> list[Nomination]:
    subject = line["subject"]
    kind = SubjectKind.PERSON if subject["kind"] == "person" else SubjectKind.COLLECTIVE
    name = fold(clean(subject["name"]))
    # the name must agree even when the id is given: a file for another unit's dossier with
    # colliding ids must not write into the wrong person's history
    same = [n for n in noms if n.subject.kind is kind and n.target == line["target"]
            and fold(n.subject_name) == name]
    if subject.get("id") is not None:
        return [n for n in same if n.subject.id == subject["id"]]
    birth = subject.get("birth_date")
    if len(same) > 1 and birth and kind is SubjectKind.PERSON:
        same = [n for n in same if (p := reg_repo.get_person(store.db, n.subject.id))
                is not None and p.birth_date is not None and p.birth_date.isoformat() == birth]
    return same


def import_decisions(store: Store, catalog: Catalog, path: Path,
                     province_public_keys: Sequence[PublicKey] | None, actor: str, today: date
                     ) -> DecisionsResult:
    """Verify a decisions file and write each granted award into the subject's history, with
    the nomination set to "decided" (decision number and date) — all in one transaction, so
    next year's eligibility reads them. A file already imported is refused."""
    keys = _province_public_keys(store, province_public_keys)
    signed = rcpt.load_signed(Path(path), keys, rcpt.DECISIONS_SCHEMA)
    doc = signed.document
    dossier_id = clean(doc["dossier_id"])
    db = store.db
    done = repo.decisions_by_sha(db, signed.sha256)
    if done is not None:
        raise UserError(_("Tệp quyết định này đã được nhập ngày {day}.").format(
            day=format_date(_day(done.imported_at))),
            _("Không cần nhập lại; xem quá trình khen thưởng của từng người."))
    unit = reg_repo.get_unit(db)
    if unit is not None and unit.code and doc["unit"]["code"].upper() != unit.code.upper():
        raise UserError(_("Tệp quyết định này dành cho đơn vị {other}, không phải {mine}.")
                        .format(other=doc["unit"]["code"], mine=unit.code))
    round_id = repo.round_of_dossier(db, dossier_id)
    if round_id is None:
        raise UserError(_("Không tìm thấy đợt xét có mã hồ sơ {id} trong dữ liệu của đơn vị.")
                        .format(id=dossier_id),
                        _("Hãy kiểm tra đúng hồ sơ (đúng máy, đúng đơn vị) rồi nhập lại."))
    noms = rounds_ops.nominations(store, round_id)
    problems: list[Problem] = []
    plan: list[tuple[Nomination, Mapping[str, Any]]] = []
    not_granted: list[tuple[int, str]] = []
    already: list[tuple[int, str]] = []
    for i, line in enumerate(doc["decisions"], 1):
        name = clean(line["subject"]["name"])
        found = _match(store, noms, line)
        if len(found) != 1:
            problems.append(Problem("decisions.import_unmatched", f"row{i}", (
                _("Dòng {i}: không tìm thấy đề nghị “{t}” cho {name} trong đợt xét này.")
                if not found else
                _("Dòng {i}: có nhiều đề nghị “{t}” cho {name}; không biết ghi vào ai."))
                .format(i=i, t=line["target"], name=name)))
            continue
        nom = found[0]
        assert nom.id is not None
        if not line["granted"]:
            not_granted.append((nom.id, nom.subject_name))
            continue
        if nom.status is NominationStatus.DECIDED:
            if clean(nom.decision_no) == clean(line["decision_no"]):
                already.append((nom.id, nom.subject_name))
                continue
            problems.append(Problem("decisions.import_number_differs", f"row{i}", _(
                "Dòng {i}: {name} đã có quyết định số {old}, khác số {new} trong tệp.").format(
                    i=i, name=nom.subject_name, old=nom.decision_no, new=line["decision_no"])))
            continue
        if nom.status not in (NominationStatus.EXPORTED, NominationStatus.READY):
            problems.append(Problem("decisions.import_not_sent", f"row{i}", _(
                "Dòng {i}: đề nghị của {name} đang ở trạng thái “{s}”, chưa phải hồ sơ đã gửi.")
                .format(i=i, name=nom.subject_name, s=nom.status.label)))
            continue
        if not line["decision_no"] or not line["decision_date"]:
            problems.append(Problem("decisions.import_incomplete",
                                    f"row{i}", _("Dòng {i}: {name} thiếu số hoặc ngày quyết "
                                                 "định.").format(i=i, name=nom.subject_name)))
            continue
        plan.append((nom, line))
    if problems:
        raise ValidationError(problems, _("Không nhập được tệp quyết định (không ghi gì):\n")
                              + "\n".join(f"• {p.message}" for p in problems))
    decided: list[tuple[int, str, str]] = []
    statuses: dict[int, NominationStatus] = {}
    with store.write() as wdb:
        for nom, line in plan:
            assert nom.id is not None
            if nom.status is NominationStatus.READY:
                # decided by the province, so the dossier was sent even if not marked so
                rounds_ops.set_status(store, catalog, nom.id, NominationStatus.EXPORTED, actor,
                                      today)
            saved, _changes = rounds_ops.set_status(
                store, catalog, nom.id, NominationStatus.DECIDED, actor, today,
                decision_no=line["decision_no"],
                decision_date=date.fromisoformat(line["decision_date"]), issuer=line["issuer"])
            statuses[nom.id] = saved.status
            decided.append((nom.id, nom.subject_name, clean(line["decision_no"])))
        numbers = sorted({d[2] for d in decided})
        repo.insert_decisions(wdb, signed.sha256, dossier_id, ", ".join(numbers), len(decided))
        reg_repo.append_audit(
            wdb, actor, "decisions", "round", round_id,
            _("Nhập quyết định khen thưởng cho hồ sơ {id}: {n} được khen thưởng, {m} không")
            .format(id=dossier_id, n=len(decided), m=len(not_granted)),
            {"file_sha256": signed.sha256, "key_id": signed.key_id, "decision_no": numbers,
             "not_granted": [n for _i, n in not_granted]})
    return DecisionsResult(dossier_id, tuple(decided), tuple(not_granted), tuple(already),
                           statuses)


# ---- checking a package (the "Kiểm tra gói" window) ----------------------------------------------

_CHECK_GROUPS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("signature", N_("Chữ ký"), frozenset({
        "missing_signature", "bad_signature_format", "bad_signature", "key_not_given",
        "signature_mismatch"})),
    ("key", N_("Khóa của đơn vị gửi"), frozenset({"unknown_key"})),
    ("manifests", N_("Danh mục tệp (manifest)"), frozenset({
        "not_a_bag", "bad_bagit_txt", "tagmanifest_mismatch", "bag_info_changed",
        "manifest_mismatch", "file_missing", "file_added", "bag_info_invalid", "crc_mismatch"})),
    ("sizes", N_("Kích thước"), frozenset({
        "payload_oxum", "size_mismatch", "too_many_entries", "entry_too_large",
        "total_too_large", "overlapping_entries"})),
    ("paths", N_("Tên và đường dẫn tệp"), frozenset({
        "unreadable_zip", "truncated_zip", "duplicate_entry", "absolute_path", "parent_path",
        "backslash_path", "bad_name", "reserved_name", "name_collision", "symlink_entry",
        "special_entry", "encrypted_entry", "bad_compression"})),
    ("schema", N_("Dữ liệu hồ sơ (dossier.json)"), frozenset({"schema_invalid",
                                                            "dossier_mismatch"})),
)


@dataclass(frozen=True)
class CheckLine:
    """One line of the check list: passed or not, what was checked, and what was found."""

    code: str
    title: str
    ok: bool
    text: str


@dataclass(frozen=True)
class PackageCheck:
    report: VerifyReport
    lines: tuple[CheckLine, ...]
    signer: KnownUnit | None          # the enrolled unit whose key signed it
    own_key: bool                     # signed by this profile's own key
    can_import: bool                  # valid, by an enrolled unit's key

    @property
    def ok(self) -> bool:
        return self.report.ok


def _fmt_size(n: int) -> str:
    if n >= 1024 * 1024:
        return _("{n} MB").format(n=f"{n / 1024 / 1024:.1f}".replace(".", ","))
    if n >= 1024:
        return _("{n} kB").format(n=f"{n / 1024:.0f}")
    return _("{n} byte").format(n=n)


def check_package(store: Store, path: Path) -> PackageCheck:
    """Verify a package with every key this profile trusts (its own keys, to check a package
    before sending it, and the enrolled units' keys) and explain it check by check."""
    own = {}
    for row in repo.signing_keys(store.db):
        with contextlib.suppress(SignatureError):
            own[row.key_id] = minisign.parse_public_key(row.public_key)
    units = trusted_unit_keys(store)
    _refuse_encrypted(Path(path))
    report = verify_package(Path(path), {**units, **own})
    signer_row = repo.known_key(store.db, report.key_id) if report.key_id else None
    signer = _known(signer_row) if signer_row and signer_row.unit_code != PROVINCE_CODE else None
    own_key = report.key_id in own
    by_group: dict[str, list[Any]] = {g: [] for g, _t, _c in _CHECK_GROUPS}
    grouped = set().union(*(codes for _g, _t, codes in _CHECK_GROUPS))
    for r in report.reasons:
        group = next((g for g, _t, codes in _CHECK_GROUPS if r.code in codes), "paths")
        by_group[group].append(r)
    lines = []
    for group, title, _codes in _CHECK_GROUPS:
        found = by_group[group]
        if found:
            text = "\n".join(r.message + (f" ({r.detail})" if r.detail else "") for r in found)
            lines.append(CheckLine(group, _(title), False, text))
            continue
        lines.append(CheckLine(group, _(title), True, _ok_text(group, report, signer, own_key)))
    unknown = [r for r in report.reasons if r.code not in grouped]
    if unknown and not by_group["paths"]:
        lines.append(CheckLine("other", _("Khác"), False, "\n".join(r.message for r in unknown)))
    can_import = report.ok and signer is not None
    return PackageCheck(report, tuple(lines), signer, own_key, can_import)


def _ok_text(group: str, report: VerifyReport, signer: KnownUnit | None, own_key: bool) -> str:
    failed_before = bool(report.reasons)
    if group == "signature":
        if failed_before and not report.key_id:
            return _("Chưa kiểm tra được (gói hỏng ở bước trước).")
        return _("Chữ ký Ed25519 hợp lệ, khóa {key}.").format(key=report.key_id)
    if group == "key":
        if own_key:
            return _("Khóa {key} là khóa ký của chính đơn vị này.").format(key=report.key_id)
        if signer is not None:
            state = (_("đã ngừng dùng, vẫn kiểm tra được gói cũ") if signer.retired_at
                     else _("đang dùng"))
            return _("Khóa của {code} – {name}, đăng ký ngày {day} ({state}).").format(
                code=signer.unit_code, name=signer.unit_name,
                day=format_date(signer.enrolled_on), state=state)
        return _("Chưa kiểm tra được (gói hỏng ở bước trước).")
    if failed_before:
        return _("Không thấy lỗi ở bước này.")
    if group == "manifests":
        return _("Đủ {n} tệp, mã SHA-256 từng tệp khớp danh mục đã ký.").format(
            n=len(report.files))
    if group == "sizes":
        return _("{size}; Payload-Oxum {oxum} khớp.").format(size=_fmt_size(report.size),
                                                           oxum=report.payload_oxum or "–")
    if group == "paths":
        return _("Tên tệp an toàn (không đường dẫn tuyệt đối, không “..”, không trùng tên).")
    return _("Đúng mẫu hoso-dossier/1; mã hồ sơ {id}, lần gửi {rev}.").format(
        id=report.dossier_id, rev=report.revision or "?")


# ---- unit side: what was sent and what came back ----------------------------------------------


@dataclass(frozen=True)
class SentPackage:
    dossier_id: str
    revision: int
    file_name: str
    sha256: str
    created_at: str
    received_on: date | None          # from the province's receipt
    receiving_body: str

    @property
    def sent_on(self) -> date:
        return _day(self.created_at)


def sent_packages(store: Store) -> list[SentPackage]:
    """The packages this unit exported, newest first, with the receipt's date when imported."""
    result = []
    for row in reversed(repo.exported_packages(store.db)):
        doc = (row.receipt or {}).get("document") or {}
        result.append(SentPackage(row.dossier_id, row.revision, row.file_name, row.sha256,
                                  row.created_at,
                                  date.fromisoformat(row.received_at[:10]) if row.received_at
                                  else None, str(doc.get("receiving_body", ""))))
    return result

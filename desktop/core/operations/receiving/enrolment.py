"""Who is trusted: the units' public keys the province office enrols, and, on the unit side,
the receiving office's own public key.

On the unit side the province's public key is kept in the profile's `known_units` table under
the reserved unit code PROVINCE (store.packages.PROVINCE_CODE): in the profile's own database,
not in the data dir's settings.json that every profile shares; a new province key is added
beside the old ones, so receipts signed before a rotation still verify.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from desktop.core.errors import Problem, UserError, ValidationError
from desktop.core.i18n import N_, _
from desktop.core.operations.receiving.files import day_of
from desktop.core.package import minisign
from desktop.core.package.minisign import PublicKey, SignatureError
from desktop.core.store import Store
from desktop.core.store import packages as repo
from desktop.core.store import registry as reg_repo
from desktop.core.text import clean

PROVINCE_CODE = repo.PROVINCE_CODE
_UNIT_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]{1,23}")

ENROL_HINT = N_(
    "Hãy đăng ký khóa của đơn vị trước: mở Gói hồ sơ → Hồ sơ đã nhận (cấp tỉnh) → “Đăng ký "
    "khóa đơn vị…” và chọn tệp khóa công khai (.pub) trong phiếu đăng ký khóa đơn vị gửi, hoặc "
    "chạy: hoso package enrol --unit-code MÃ --unit-name \"TÊN\" TỆP.pub")


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
        return day_of(self.enrolled_at)


def known_unit(row: repo.KnownKey) -> KnownUnit:
    return KnownUnit(row.unit_code, row.unit_name, row.key_id, row.public_key, row.enrolled_at,
                     row.retired_at)


def _parse_key(text: str) -> PublicKey:
    try:
        return minisign.parse_public_key(text)
    except SignatureError as exc:
        raise UserError(exc.message, _("Tệp khóa công khai là tệp .pub hai dòng: dòng "
                                       "“untrusted comment: …” và dòng bắt đầu bằng RW."),
                        code="receiving.public_key_invalid") from exc


def _unit_code_problems(code: str) -> list[Problem]:
    if not _UNIT_CODE.fullmatch(code):
        return [Problem("enrol.unit_code_invalid", "unit_code", _(
            "Mã đơn vị chỉ gồm chữ cái không dấu, chữ số và dấu gạch ngang, từ 2 đến 24 ký tự "
            "(ví dụ PT-THANHSON)."))]
    if code == PROVINCE_CODE:
        return [Problem("enrol.unit_code_reserved", "unit_code", _(
            "Mã “{code}” dành riêng cho khóa của cơ quan tiếp nhận; hãy dùng mã đơn vị do tỉnh "
            "cấp.").format(code=PROVINCE_CODE))]
    return []


def _enrolment(public_key_file_text: str, code: str, name: str) -> PublicKey:
    """The key, or ValidationError with every problem of the enrolment form."""
    problems = _unit_code_problems(code)
    if not name:
        problems.append(Problem("enrol.unit_name_missing", "unit_name", _("Chưa nhập tên đơn vị.")))
    public = None
    try:
        public = minisign.parse_public_key(public_key_file_text)
    except SignatureError as exc:
        problems.append(Problem("enrol.public_key_invalid", "public_key", exc.message))
    if problems or public is None:
        raise ValidationError(problems)
    return public


def enrol_unit(store: Store, public_key_file_text: str, unit_code: str, unit_name: str,
               actor: str) -> KnownUnit:
    """Register a unit's public key (from its enrolment sheet or .pub file).

    A new key for a unit code already known is added beside the old ones (key rotation: old
    packages still verify). The same key again for the same unit only updates its name.
    """
    code = clean(unit_code).upper()
    name = clean(unit_name)
    public = _enrolment(public_key_file_text, code, name)
    key_id = public.key_id_hex
    text = minisign.public_key_file_text(public, f"hoso {code} {key_id}")
    with store.write() as db:
        existing = repo.known_key(db, key_id)
        if existing is not None and existing.unit_code != code:
            raise UserError(_("Khóa {key} đã được đăng ký cho đơn vị {other} ({name}).").format(
                key=key_id, other=existing.unit_code, name=existing.unit_name),
                _("Mỗi khóa chỉ thuộc một đơn vị. Hãy kiểm tra lại phiếu đăng ký khóa."),
                code="enrol.key_of_other_unit")
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
    return known_unit(row)


def known_units(store: Store) -> list[KnownUnit]:
    """Every enrolled unit key, retired ones included."""
    return [known_unit(r) for r in repo.known_keys(store.db)]


def retire_unit_key(store: Store, key_id: str, actor: str) -> None:
    """Stop trusting a key for new packages is not possible without breaking old ones, so a
    retired key still verifies; it is marked so the list shows which key is current."""
    with store.write() as db:
        row = repo.known_key(db, key_id)
        if row is None:
            raise UserError(_("Không có khóa {key} trong danh sách.").format(key=key_id),
                            code="enrol.key_unknown")
        repo.retire_key(db, key_id)
        reg_repo.append_audit(db, actor, "retire", "known_unit", row.id,
                              _("Ngừng dùng khóa {key} của đơn vị {code}").format(
                                  key=key_id, code=row.unit_code), {"key_id": key_id})


class _KeyRow(Protocol):
    @property
    def key_id(self) -> str: ...
    @property
    def public_key(self) -> str: ...


def _parsed(rows: Iterable[_KeyRow]) -> dict[str, PublicKey]:
    """key id → public key; a stored key that no longer parses is left out, not fatal."""
    keys = {}
    for row in rows:
        with contextlib.suppress(SignatureError):
            keys[row.key_id] = minisign.parse_public_key(row.public_key)
    return keys


def trusted_unit_keys(store: Store) -> dict[str, PublicKey]:
    """key id → public key of every enrolled unit key (not the province's own)."""
    return _parsed(repo.known_keys(store.db))


def own_signing_keys(store: Store) -> dict[str, PublicKey]:
    """key id → public key of this profile's own signing keys, retired ones included."""
    return _parsed(repo.signing_keys(store.db))


# ---- unit side: the receiving office's key -------------------------------------------------------


def set_province_key(store: Store, public_key_file_text: str, actor: str,
                     body_name: str = "") -> KnownUnit:
    """Keep the receiving office's public key (its .pub file) to verify receipts and decisions.
    A second, different key is added beside the first (the office rotated its key)."""
    public = _parse_key(public_key_file_text)
    key_id = public.key_id_hex
    text = minisign.public_key_file_text(public, f"hoso receiving office {key_id}")
    if key_id in own_signing_keys(store):
        # the unit's own key would make answers it signed itself look like the province's
        raise UserError(_("Đây là khóa công khai của chính đơn vị này, không phải của cơ quan "
                          "tiếp nhận."),
                        _("Hãy chọn tệp .pub do cơ quan tiếp nhận (tỉnh) gửi."),
                        code="province_key.own_key")
    with store.write() as db:
        existing = repo.known_key(db, key_id)
        if existing is not None and existing.unit_code != PROVINCE_CODE:
            raise UserError(_("Khóa {key} đang được lưu là khóa của đơn vị {code}, không phải của "
                              "cơ quan tiếp nhận.").format(key=key_id, code=existing.unit_code),
                            code="enrol.key_of_a_unit")
        if existing is None:
            repo.insert_known_key(db, PROVINCE_CODE, clean(body_name), key_id, text)
            reg_repo.append_audit(db, actor, "enrol", "province_key", None,
                                  _("Lưu khóa công khai {key} của cơ quan tiếp nhận").format(
                                      key=key_id), {"key_id": key_id})
        row = repo.known_key(db, key_id)
    assert row is not None
    return known_unit(row)


def province_keys(store: Store) -> list[KnownUnit]:
    return [known_unit(r) for r in repo.known_keys(store.db, province=True)]


def province_public_keys(store: Store, given: Sequence[PublicKey] | None) -> list[PublicKey]:
    """The keys a receipt or decisions file must be signed with: `given`, or else those kept
    in the profile (set_province_key); none at all is refused with where to set one."""
    if given:
        return list(given)
    keys = list(_parsed(repo.known_keys(store.db, province=True)).values())
    if not keys:
        raise UserError(_("Chưa có khóa công khai của cơ quan tiếp nhận nên chưa kiểm tra được "
                          "biên nhận, quyết định."),
                        _("Hãy lưu tệp khóa công khai (.pub) do cơ quan tiếp nhận gửi: Gói hồ sơ "
                          "→ Nhập biên nhận / quyết định… → Khóa của cơ quan tiếp nhận."),
                        code="receiving.no_province_key")
    return keys

"""The "Kiểm tra gói" window: verify a package with every key this profile trusts and explain
the result check by check (signature, signer's key, manifests, sizes, paths, dossier.json)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.core.i18n import N_, _
from desktop.core.operations.receiving.enrolment import (
    PROVINCE_CODE,
    KnownUnit,
    known_unit,
    own_signing_keys,
    trusted_unit_keys,
)
from desktop.core.operations.receiving.files import refuse_encrypted
from desktop.core.package.verify import Reason, VerifyReport, verify_package
from desktop.core.store import Store
from desktop.core.store import packages as repo
from desktop.core.text import format_date

# (group, title, the verifier's reason codes it gathers); a code no group names counts
# under "paths"
_CHECK_GROUPS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("signature", N_("Chữ ký"), frozenset({
        "missing_signature", "bad_signature_format", "bad_signature", "key_not_given",
        "signature_mismatch"})),
    ("key", N_("Khóa của đơn vị gửi"), frozenset({"unknown_key"})),
    ("manifests", N_("Các tệp trong gói"), frozenset({
        "not_a_bag", "bad_bagit_txt", "tagmanifest_mismatch", "bag_info_changed",
        "manifest_mismatch", "file_missing", "file_added", "bag_info_invalid", "crc_mismatch"})),
    ("sizes", N_("Dung lượng"), frozenset({
        "payload_oxum", "size_mismatch", "too_many_entries", "entry_too_large",
        "total_too_large", "overlapping_entries"})),
    ("paths", N_("Tên tệp"), frozenset({
        "unreadable_zip", "truncated_zip", "duplicate_entry", "absolute_path", "parent_path",
        "backslash_path", "bad_name", "reserved_name", "name_collision", "symlink_entry",
        "special_entry", "encrypted_entry", "bad_compression"})),
    ("schema", N_("Dữ liệu hồ sơ"), frozenset({"schema_invalid", "dossier_mismatch"})),
)
_DEFAULT_GROUP = "paths"


@dataclass(frozen=True)
class CheckLine:
    """One line of the check list: passed or not, what was checked, and what was found
    (`text` in plain words; `detail` the verifier's exact reasons, for support)."""

    code: str
    title: str
    ok: bool
    text: str
    detail: str = ""


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
    own = own_signing_keys(store)
    units = trusted_unit_keys(store)
    refuse_encrypted(Path(path))
    report = verify_package(Path(path), {**units, **own})
    signer = _signer(store, report)
    own_key = report.key_id in own
    lines = _check_lines(report, _OkContext(report, signer, own_key))
    return PackageCheck(report, lines, signer, own_key, report.ok and signer is not None)


def _signer(store: Store, report: VerifyReport) -> KnownUnit | None:
    row = repo.known_key(store.db, report.key_id) if report.key_id else None
    return known_unit(row) if row and row.unit_code != PROVINCE_CODE else None


def _group_of(code: str) -> str:
    return next((g for g, _t, codes in _CHECK_GROUPS if code in codes), _DEFAULT_GROUP)


def _check_lines(report: VerifyReport, context: _OkContext) -> tuple[CheckLine, ...]:
    """One line per group: what went wrong there, or what was found right."""
    found: dict[str, list[Reason]] = {g: [] for g, _t, _c in _CHECK_GROUPS}
    for r in report.reasons:
        found[_group_of(r.code)].append(r)
    return tuple(_failed_line(group, title, found[group]) if found[group]
                 else CheckLine(group, _(title), True, _OK_TEXT[group](context))
                 for group, title, _codes in _CHECK_GROUPS)


def _failed_line(group: str, title: str, reasons: Sequence[Reason]) -> CheckLine:
    detail = "\n".join(r.message + (f" ({r.detail})" if r.detail else "") for r in reasons)
    text = "\n".join(dict.fromkeys(_plain(r) for r in reasons))
    return CheckLine(group, _(title), False, text, detail)


def key_fingerprint(key_id: str) -> str:
    """A key id as the officer reads it aloud and compares it: "4F1A 09C2 77B0 E315"."""
    text = key_id.upper()
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


# What a refusal means for the officer, by reason code (issue 12: no CRC, Payload-Oxum or
# file-format names); the verifier's own wording stays in `detail`. Codes not listed keep the
# verifier's message.
_PLAIN_REASONS: dict[str, str] = {
    "crc_mismatch": N_("Một tệp trong gói đã bị hỏng hoặc bị sửa: {file}."),
    "manifest_mismatch": N_("Một tệp trong gói đã bị sửa sau khi ký: {file}."),
    "tagmanifest_mismatch": N_("Danh sách các tệp của gói đã bị sửa sau khi ký."),
    "file_missing": N_("Gói thiếu một tệp có lúc ký: {file}."),
    "file_added": N_("Gói có thêm một tệp không có lúc ký: {file}."),
    "payload_oxum": N_("Tổng dung lượng hoặc số tệp khác với lúc ký."),
    "size_mismatch": N_("Dung lượng một tệp khác với lúc ký: {file}."),
    "dossier_mismatch": N_("Dữ liệu hồ sơ không khớp với các tệp trong gói."),
    "schema_invalid": N_("Dữ liệu hồ sơ không đúng mẫu hoặc bị sửa."),
    "bad_signature": N_("Chữ ký không khớp: gói đã bị sửa sau khi ký, hoặc không phải do "
                        "khóa này ký."),
    "signature_mismatch": N_("Chữ ký không khớp: gói đã bị sửa sau khi ký."),
    "missing_signature": N_("Gói không có chữ ký."),
    "unknown_key": N_("Gói được ký bằng một khóa chưa đăng ký (mã khóa {key})."),
}


def _plain(reason: Reason) -> str:
    plain = _PLAIN_REASONS.get(reason.code)
    if plain is None:
        return reason.message
    detail = reason.detail or ""
    return _(plain).format(file=detail.split(" (")[0] or "?",
                           key=key_fingerprint(detail) if reason.code == "unknown_key" else "")


# ---- what a passed check says --------------------------------------------------------------------


@dataclass(frozen=True)
class _OkContext:
    report: VerifyReport
    signer: KnownUnit | None
    own_key: bool

    @property
    def failed_before(self) -> bool:
        """Some other check failed: the later checks may not have run at all."""
        return bool(self.report.reasons)


def _not_vouched() -> str:
    # a refused package vouches for nothing, so a step without its own error does not pass
    return _("Không tin được: gói đã bị từ chối vì lỗi ở dòng khác.")


def _ok_signature(c: _OkContext) -> str:
    if c.failed_before:
        return _not_vouched()
    return _("Chữ ký đúng: gói còn nguyên như lúc được ký, không ai sửa sau đó.")


def _ok_key(c: _OkContext) -> str:
    key = key_fingerprint(c.report.key_id)
    if c.failed_before:
        return _not_vouched()
    if c.own_key:
        return _("Ký bằng khóa của chính đơn vị này (mã khóa {key}).").format(key=key)
    if c.signer is None:
        return _not_vouched()
    state = (_("khóa cũ đã ngừng dùng, vẫn kiểm tra được gói đã gửi trước đây")
             if c.signer.retired_at else _("khóa đang dùng"))
    return _("Ký bằng khóa đã đăng ký của {name} ({code}), mã khóa {key}, đăng ký ngày {day}; "
             "{state}.").format(code=c.signer.unit_code, name=c.signer.unit_name, key=key,
                                day=format_date(c.signer.enrolled_on), state=state)


def _unless_failed_before(text: Callable[[_OkContext], str]) -> Callable[[_OkContext], str]:
    """After a failed check, a later one vouches for nothing either (plain words, issue 12)."""
    def ok_text(c: _OkContext) -> str:
        return _not_vouched() if c.failed_before else text(c)
    return ok_text


_OK_TEXT: dict[str, Callable[[_OkContext], str]] = {
    "signature": _ok_signature,
    "key": _ok_key,
    "manifests": _unless_failed_before(lambda c: _(
        "Đủ {n} tệp như lúc ký: không tệp nào bị sửa, thêm hay bớt.").format(
            n=len(c.report.files))),
    "sizes": _unless_failed_before(lambda c: _("{size}, đúng như lúc ký.").format(
        size=_fmt_size(c.report.size))),
    "paths": _unless_failed_before(lambda c: _(
        "Tên các tệp an toàn: mở gói ra không ghi đè được tệp nào khác trên máy.")),
    "schema": _unless_failed_before(lambda c: _(
        "Đọc được, đúng mẫu hồ sơ; mã hồ sơ {id}, lần gửi {rev}.").format(
            id=c.report.dossier_id, rev=c.report.revision or "?")),
}

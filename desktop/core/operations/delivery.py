"""Carry an exported package: copy it to a removable drive and read it back, or cut it into
e-mail drafts the officer sends from any mail program (issue 6). The export itself is
desktop.core.operations.packages."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate
from pathlib import Path
from typing import Any, BinaryIO

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.files import fsync_dir, part_prefix, sha256_file, write_atomic
from desktop.core.i18n import _
from desktop.core.package import bag
from desktop.core.package.minisign import PublicKey

CHUNK = 1 << 20
# An attachment travels base64-encoded (4 bytes per 3) inside a message that also has headers
# and a body: a part of at most 3/4 of the limit, less this margin, keeps each .eml under it.
EMAIL_OVERHEAD = 256 * 1024


def verify_copy(path: Path, trusted: Mapping[str, PublicKey]) -> Any:
    from desktop.core.package.verify import verify_package

    return verify_package(path, trusted)


# ---- transport: removable drive ----------------------------------------------------------------


@dataclass(frozen=True)
class CopyResult:
    path: Path
    sha256: str
    verified: bool          # read back and checked (signature + manifests, or digest for .age)
    how: str                # what was checked, for the officer


def _copy_stream(source: BinaryIO, target: BinaryIO) -> None:
    """Copy in 1 MiB chunks (a seam for the read-back test, which corrupts a copy)."""
    while chunk := source.read(CHUNK):
        target.write(chunk)


def _sha256(path: Path) -> str:
    return sha256_file(path)[0]


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}"


def _drive_error(exc: OSError, drive_dir: Path, needed: int) -> UserError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT) or getattr(exc, "winerror", 0) in (39, 112):
        return UserError(_("Ổ “{d}” đã đầy: gói cần {mb} MB.").format(d=drive_dir,
                                                                      mb=_mb(needed)),
                         _("Hãy xóa bớt tệp trên ổ hoặc dùng ổ khác."))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return UserError(_("Ổ “{d}” chỉ cho đọc, không ghi được gói lên đó.").format(
            d=drive_dir), _("Hãy gạt khóa chống ghi trên thẻ nhớ/USB (nếu có) hoặc dùng ổ "
                            "khác."))
    return UserError(_("Không ghi được gói lên ổ “{d}”: {e}").format(d=drive_dir,
                                                                     e=exc.strerror or exc),
                     _("Hãy rút ổ ra cắm lại rồi thử lại, hoặc dùng ổ khác."))


def copy_to_drive(package: Path, drive_dir: Path, trusted: Mapping[str, PublicKey]
                  ) -> CopyResult:
    """Copy a package onto a drive safely: a temporary file, flushed and fsynced, renamed, then
    read back from the drive and verified. A copy that does not verify is removed."""
    size = package.stat().st_size
    try:
        free = shutil.disk_usage(drive_dir).free
    except OSError as exc:
        raise UserError(_("Không mở được ổ “{d}”: {e}").format(d=drive_dir,
                                                               e=exc.strerror or exc),
                        _("Hãy kiểm tra ổ đã cắm và chọn lại.")) from exc
    if free < size + 64 * 1024:
        raise UserError(_("Ổ “{d}” không đủ chỗ: gói cần {need} MB, ổ còn {free} MB.").format(
            d=drive_dir, need=_mb(size), free=_mb(free)),
            _("Hãy xóa bớt tệp trên ổ hoặc dùng ổ khác."))
    target = drive_dir / package.name
    tmp = drive_dir / f"{part_prefix(package.name)}part"
    try:
        with open(package, "rb") as source, open(tmp, "wb") as out:
            _copy_stream(source, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
        fsync_dir(drive_dir)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _drive_error(exc, drive_dir, size) from exc

    expected = _sha256(package)
    try:
        got = _sha256(target)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise UserError(_("Không đọc lại được gói vừa chép lên ổ “{d}”: {e}. Đã xóa bản chép.")
                        .format(d=drive_dir, e=exc.strerror or exc),
                        _("Ổ có thể bị lỗi: hãy dùng ổ khác.")) from exc
    problems: list[str] = []
    if got != expected:
        problems.append(_("nội dung khác bản gốc"))
    how = _("đã đọc lại và so mã SHA-256 với bản gốc")
    if package.name.endswith(".zip"):
        report = verify_copy(target, trusted)
        how = _("đã đọc lại từ ổ và kiểm tra chữ ký, danh mục tệp")
        if not report.ok:
            problems.extend(r.message for r in report.reasons)
    if problems:
        target.unlink(missing_ok=True)
        raise UserError(_("Bản chép trên ổ “{d}” bị hỏng khi đọc lại ({why}). Đã xóa bản chép "
                          "hỏng.").format(d=drive_dir, why="; ".join(problems[:3])),
                        _("Hãy thử chép lại; nếu vẫn lỗi, ổ này có vấn đề — dùng ổ khác."))
    return CopyResult(path=target, sha256=got, verified=True, how=how)


# ---- transport: e-mail -------------------------------------------------------------------------


def email_max_bytes(catalog: Catalog, province: str) -> int:
    """The profile's e-mail size limit ([transport] email_max_mb), in bytes."""
    return catalog.province_or_default(province).transport.email_max_bytes


def province_age_recipient(catalog: Catalog, province: str) -> str:
    """The province's age public key from its profile ([transport] age_recipient), or ""."""
    return catalog.province_or_default(province).transport.age_recipient


def province_email(catalog: Catalog, province: str) -> str:
    """The receiving body's e-mail address from the profile ([transport] email_to), or ""."""
    return catalog.province_or_default(province).transport.email_to


def part_limit(email_max: int) -> int:
    """The largest attachment whose message stays under `email_max` bytes."""
    return max((email_max - EMAIL_OVERHEAD) * 3 // 4, 4 * 1024)


@dataclass(frozen=True)
class EmailDrafts:
    drafts: tuple[Path, ...]          # one .eml per part
    parts: tuple[Path, ...]           # the files attached (the package, or its parts)
    encrypted: bool
    sha256: str                       # of the file sent (the .zip, or the .zip.age)
    part_list: Path | None = None     # NAME.parts.json when split
    notes: tuple[str, ...] = field(default=())


def encrypt_package(package: Path, recipient: str) -> Path:
    """The ZIP encrypted to the province's age public key: NAME.zip.age (`age -d` opens it)."""
    from desktop.core.package import encrypt

    recipient = recipient.strip()
    if not recipient.startswith("age1"):
        raise UserError(_("Khóa công khai mã hóa của tỉnh không đúng dạng (phải bắt đầu bằng "
                          "“age1”)."), _("Hãy chép đúng khóa tỉnh gửi, hoặc bỏ chọn mã hóa."))
    return Path(encrypt.encrypt_file(package, [recipient]))


def make_email_drafts(package: Path, out_dir: Path, *, dossier_id: str, revision: int,
                      unit_name: str, email_max: int, to: str = "",
                      age_recipient: str = "") -> EmailDrafts:
    """`.eml` drafts (X-Unsent: 1, so the mail program opens them ready to send) with the
    package attached, split into numbered parts when it is over the e-mail size limit, and
    optionally encrypted to the province's age key first."""
    from desktop.core.package import split

    out_dir.mkdir(parents=True, exist_ok=True)
    sending = encrypt_package(package, age_recipient) if age_recipient.strip() else package
    zip_sha = _sha256(package)
    sha = _sha256(sending) if sending != package else zip_sha
    limit = part_limit(email_max)
    result = split.split_file(sending, limit)
    parts = tuple(Path(p) for p in result.parts)
    part_list = Path(result.part_list) if result.part_list else None
    drafts = []
    for index, part in enumerate(parts, start=1):
        message = _email(part, index, len(parts), parts, dossier_id=dossier_id,
                         revision=revision, unit_name=unit_name, to=to, zip_sha=zip_sha,
                         sent_sha=sha, encrypted=sending != package, whole=sending.name,
                         part_list=part_list if index == 1 else None)
        suffix = f"_phan{index:02d}" if len(parts) > 1 else ""
        target = out_dir / f"{package.stem}{suffix}.eml"
        _write_bytes(target, message.as_bytes(policy=SMTP))
        drafts.append(target)
    return EmailDrafts(drafts=tuple(drafts), parts=parts, encrypted=sending != package,
                       sha256=sha, part_list=part_list)


def _email(part: Path, index: int, total: int, parts: Sequence[Path], *, dossier_id: str,
           revision: int, unit_name: str, to: str, zip_sha: str, sent_sha: str,
           encrypted: bool, whole: str, part_list: Path | None) -> EmailMessage:
    msg = EmailMessage()
    subject = _("Hồ sơ khen thưởng {id} (lần {rev}) – {unit}").format(
        id=dossier_id, rev=revision, unit=unit_name)
    if total > 1:
        subject += " " + _("– phần {i}/{n}").format(i=index, n=total)
    msg["Subject"] = subject
    if to:
        msg["To"] = to
    msg["Date"] = formatdate(localtime=True)
    msg["X-Unsent"] = "1"
    msg["X-Hoso-Dossier"] = f"{dossier_id} r{revision}"
    lines = [
        _("Kính gửi: cơ quan tiếp nhận hồ sơ khen thưởng."),
        "",
        _("{unit} gửi gói hồ sơ đề nghị khen thưởng {id}, lần gửi {rev}.").format(
            unit=unit_name, id=dossier_id, rev=revision),
        _("Mã SHA-256 của gói (tệp .zip, in trên tờ trình): {sha}").format(sha=zip_sha),
        _("Mã rút gọn in trên tờ trình: {short}").format(short=bag.short_digest(zip_sha)),
    ]
    if encrypted:
        lines.append(_("Gói được mã hóa cho khóa age của tỉnh ({name}, SHA-256 {sha}); mở bằng "
                       "“age -d -i <khóa bí mật> {name}” hoặc bằng phần mềm Hồ sơ Khen thưởng.")
                     .format(name=whole, sha=sent_sha))
    if total > 1:
        lines += ["", _("Gói được chia thành {n} phần, gửi trong {n} thư; cần đủ các phần:")
                  .format(n=total)]
        lines += [f"  {i}. {p.name} ({_mb(p.stat().st_size)} MB)"
                  for i, p in enumerate(parts, start=1)]
        lines.append(_("Ghép lại: lưu tất cả các phần vào một thư mục rồi mở phần .001 trong "
                       "“Kiểm tra gói” (hoặc “cat {stem}.0* > {stem}” trên Linux, “copy /b "
                       "{stem}.001+{stem}.002… {stem}” trên Windows).").format(stem=whole))
    lines += ["", _("Thư này do phần mềm Hồ sơ Khen thưởng soạn sẵn.")]
    msg.set_content("\n".join(lines), charset="utf-8")
    data = part.read_bytes()
    maintype, subtype = ("application", "zip") if part.name.endswith(".zip") \
        else ("application", "octet-stream")
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=part.name)
    if part_list is not None:
        msg.add_attachment(part_list.read_bytes(), maintype="application", subtype="json",
                           filename=part_list.name)
    return msg


def _write_bytes(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise UserError(_("Không ghi được tệp “{p}”: {e}").format(p=path,
                                                                   e=exc.strerror or exc),
                        _("Hãy kiểm tra ổ đĩa còn chỗ và cho phép ghi.")) from exc

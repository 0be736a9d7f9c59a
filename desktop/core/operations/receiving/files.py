"""The files the receiving side keeps and writes: packages copied under their SHA-256 into the
profile's `received/` folder, and signed receipts and decisions files written where the
officer chose."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.core import files
from desktop.core.errors import UserError
from desktop.core.files import part_prefix, private_dir
from desktop.core.i18n import _
from desktop.core.package import receipt as rcpt
from desktop.core.package.minisign import SecretKey
from desktop.core.store import Store
from desktop.core.store.database import write_error

RECEIVED_DIR = "received"
_CHUNK = 1 << 20


def day_of(stamp: str) -> date:
    """The day of a stored time stamp (ISO date-time, or a bare date)."""
    try:
        return datetime.fromisoformat(stamp).date()
    except ValueError:
        return date.fromisoformat(stamp[:10])


def sha256_file(path: Path) -> str:
    return files.sha256_file(path)[0]


def received_dir(store: Store) -> Path:
    """<profile>/received/: packages the office received, each named by its SHA-256."""
    return store.path.parent / RECEIVED_DIR


def refuse_encrypted(path: Path) -> None:
    """An .age package is opened with the office's age key first; say how."""
    if path.name.lower().endswith(".age"):
        raise UserError(_("Gói {name} đã được mã hóa (.age).").format(name=path.name),
                        _("Hãy giải mã bằng khóa age của cơ quan tiếp nhận (age -d -i KHÓA "
                          "{name} > gói.zip) rồi mở tệp .zip.").format(name=path.name),
                        code="receiving.package_encrypted")


def copy_part(source: Path, folder: Path, name: str, sha256: str) -> Path | None:
    """Copy `source` beside folder/name as a temporary .part (flushed, its digest checked:
    a short write on a failing disk must not pass as the package); None when folder/name
    already holds exactly that package. The caller renames the part when it records it."""
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
                                _("Hãy kiểm tra ổ đĩa rồi nhận lại gói."),
                                code="receiving.copy_mismatch")
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise write_error(exc) or UserError(
            _("Không chép được gói vào {path}: {why}").format(path=folder,
                                                             why=exc.strerror or exc),
            code="receiving.copy_failed") from exc
    return Path(tmp_name)


def target_path(dest: Path, default_name: str) -> Path:
    """`dest` itself, or `dest/default_name` when `dest` is a folder."""
    dest = Path(dest)
    return dest / default_name if dest.is_dir() else dest


def write_signed(path: Path, secret: SecretKey, document: dict[str, Any]) -> Path:
    try:
        return rcpt.write_signed(path, secret, document)
    except OSError as exc:
        raise write_error(exc) or UserError(
            _("Không ghi được tệp {path}: {why}").format(path=path, why=exc.strerror or exc),
            code="receiving.write_failed") from exc

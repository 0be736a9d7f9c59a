"""Evidence files of a dossier part: a PDF, JPEG or PNG scan copied into
<profile>/attachments/<sha256><ext> (the type read from its first bytes, never its name), the
size limit from the province profile ([attachments] max_mb)."""

from __future__ import annotations

import hashlib
import io
import os
import uuid
from dataclasses import replace
from pathlib import Path

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model import Changes
from desktop.core.model.rounds import Attachment, MediaType
from desktop.core.model.serialize import to_dict
from desktop.core.operations.rounds.base import (
    EDITABLE,
    changes_for,
    nomination_or_error,
    profile_of,
)
from desktop.core.operations.rounds.checklist import part_or_error
from desktop.core.store import Store
from desktop.core.store import registry as reg_repo
from desktop.core.store import rounds as repo
from desktop.core.store.database import write_error

REDUCE_MAX_SIDE = 2480  # pixels: an A4 page at 300 dpi
REDUCE_JPEG_QUALITY = 85

_MAGIC = ((b"%PDF-", MediaType.PDF), (b"\xff\xd8\xff", MediaType.JPEG),
          (b"\x89PNG\r\n\x1a\n", MediaType.PNG))


def sniff(head: bytes) -> MediaType | None:
    """The media type from the first bytes (never from the file name)."""
    for magic, media in _MAGIC:
        if head.startswith(magic):
            return media
    return None


def attachments_dir(store: Store) -> Path:
    return store.path.parent / "attachments"


def attachment_path(store: Store, attachment: Attachment) -> Path:
    return attachments_dir(store) / attachment.file_name


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def _read_head(path: Path) -> tuple[int, MediaType]:
    """The size and the media type of the file at `path` (refused with a code when it cannot
    be read, is empty or is not a PDF, JPEG or PNG)."""
    try:
        if not path.exists():
            raise UserError(_("Không tìm thấy tệp “{n}”.").format(n=path.name),
                            _("Tệp có thể đã bị chuyển hoặc đổi tên; hãy chọn lại."),
                            code="attachment.missing")
        if not path.is_file():
            raise UserError(_("“{n}” không phải là một tệp.").format(n=path.name),
                            code="attachment.not_a_file")
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise UserError(_("Không đọc được tệp “{n}” ({why}).").format(n=path.name,
                                                                      why=exc.strerror or exc),
                        _("Hãy kiểm tra quyền đọc tệp hoặc sao chép tệp ra máy rồi thử lại."),
                        code="attachment.unreadable") from exc
    if size == 0:
        raise UserError(_("Tệp “{n}” rỗng.").format(n=path.name), code="attachment.empty")
    media = sniff(head)
    if media is None:
        raise UserError(_("“{n}” không phải tệp PDF, JPG hoặc PNG (nội dung tệp không đúng "
                          "định dạng, dù tên tệp là gì).").format(n=path.name),
                        _("Hãy quét hoặc lưu văn bản thành PDF, JPG hoặc PNG."),
                        code="attachment.wrong_type")
    return size, media


def _too_large(path: Path, size: int, limit: int, is_image: bool) -> UserError:
    hint = (_("Hãy chọn “Giảm dung lượng ảnh” hoặc quét lại ở 200–300 dpi.") if is_image
            else _("Hãy quét lại ở 200–300 dpi, đen trắng hoặc thang xám, hoặc tách thành "
                   "nhiều tệp."))
    return UserError(_("Tệp “{n}” quá lớn ({s} MB); giới hạn là {m} MB.").format(
        n=path.name, s=_mb(size), m=_mb(limit)), hint, code="attachment.too_large")


def _copy_in(folder: Path, path: Path, media: MediaType, limit: int, reduce: bool
             ) -> tuple[str, bool, int, MediaType, bool]:
    """(sha256, newly created, size, media type, reduced) of the stored copy."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if reduce:
            data, media, reduced = _reduce_image(path, media)
            if len(data) > limit:
                raise UserError(_("Ảnh “{n}” vẫn lớn hơn {m} MB sau khi giảm dung lượng.")
                                .format(n=path.name, m=_mb(limit)),
                                _("Hãy quét lại ở độ phân giải thấp hơn."),
                                code="attachment.too_large")
            digest, created = _store_bytes(folder, data, media)
            return digest, created, len(data), media, reduced
        digest, created, size = _store_copy(folder, path, media)
        return digest, created, size, media, False
    except OSError as exc:
        friendly = write_error(exc)
        if friendly is not None:
            raise friendly from exc
        raise UserError(_("Không sao chép được tệp “{n}” ({why}).").format(
            n=path.name, why=exc.strerror or exc), code="attachment.copy_failed") from exc


def attach_file(store: Store, nomination_id: int, part: str, path: Path, actor: str,
                reduce_images: bool = False, *, catalog: Catalog, province: str | None = None,
                max_bytes: int | None = None) -> tuple[Attachment, Changes]:
    """Copy a PDF/JPEG/PNG scan into <profile>/attachments/<sha256><ext> and attach it.

    The file type comes from its magic bytes. Nothing is written unless the file is
    acceptable; the copy is atomic (temporary file, then rename), and a file already stored
    under the same hash is reused. With reduce_images, images wider or taller than an A4
    page at 300 dpi (or over the size limit) are reduced first. The limit is the province
    profile's ([attachments] max_mb) unless `max_bytes` says otherwise.
    """
    nom = nomination_or_error(store, nomination_id)
    if nom.status not in EDITABLE:
        raise UserError(_("Hồ sơ ở trạng thái “{s}” không thêm tệp được.")
                        .format(s=nom.status.label), code="attachment.not_editable")
    found = part_or_error(store, catalog, nom, part)
    limit = max_bytes or profile_of(store, catalog, province).max_attachment_bytes
    path = Path(path)
    size, media = _read_head(path)
    reduce = reduce_images and media is not MediaType.PDF
    if size > limit and not reduce:
        raise _too_large(path, size, limit, media is not MediaType.PDF)
    folder = attachments_dir(store)
    digest, created, size, media, reduced = _copy_in(folder, path, media, limit, reduce)
    attachment = Attachment(nomination_id=nomination_id, part=part, sha256=digest,
                            original_name=path.name, media_type=media, size=size,
                            reduced=reduced)
    changes = changes_for(rounds=(nom.round_id,), nominations=(nomination_id,))
    try:
        with store.write() as db:
            existing = repo.find_attachment(db, nomination_id, part, digest)
            if existing is not None:
                return existing, changes
            aid = repo.insert_attachment(db, attachment)
            reg_repo.append_audit(db, actor, "attach", "nomination", nomination_id,
                                  _("{name}: đính kèm “{f}” ({part})").format(
                                      name=nom.subject_name, f=path.name, part=found.name),
                                  {"sha256": digest, "size": size, "media_type": media.value})
    except BaseException:
        if created and not repo.sha_in_use(store.db, digest):
            (folder / (digest + media.extension)).unlink(missing_ok=True)
        raise
    return replace(attachment, id=aid), changes


def _store_copy(folder: Path, source: Path, media: MediaType) -> tuple[str, bool, int]:
    """Copy with hashing into a temporary file, then rename to <sha256><ext>."""
    tmp = folder / f".part-{uuid.uuid4().hex}"
    sha = hashlib.sha256()
    size = 0
    try:
        with source.open("rb") as src, tmp.open("wb") as dst:
            while chunk := src.read(1024 * 1024):
                sha.update(chunk)
                dst.write(chunk)
                size += len(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        return (*_place(folder, tmp, sha.hexdigest(), media), size)
    finally:
        tmp.unlink(missing_ok=True)


def _store_bytes(folder: Path, data: bytes, media: MediaType) -> tuple[str, bool]:
    tmp = folder / f".part-{uuid.uuid4().hex}"
    try:
        with tmp.open("wb") as dst:
            dst.write(data)
            dst.flush()
            os.fsync(dst.fileno())
        return _place(folder, tmp, hashlib.sha256(data).hexdigest(), media)
    finally:
        tmp.unlink(missing_ok=True)


def _place(folder: Path, tmp: Path, digest: str, media: MediaType) -> tuple[str, bool]:
    target = folder / (digest + media.extension)
    if target.exists() and target.stat().st_size == tmp.stat().st_size:
        return digest, False  # same content already stored: dedupe
    os.replace(tmp, target)
    return digest, True


def _reduce_image(path: Path, media: MediaType) -> tuple[bytes, MediaType, bool]:
    """Shrink to at most REDUCE_MAX_SIDE pixels; JPEG out unless the PNG has transparency."""
    try:
        from PIL import Image, ImageOps
    except ImportError as exc:  # Pillow comes with reportlab; refuse clearly if it is absent
        raise UserError(_("Máy này không giảm được dung lượng ảnh (thiếu thư viện Pillow)."),
                        code="attachment.cannot_reduce") from exc
    try:
        with Image.open(path) as img:
            if media is MediaType.JPEG:
                img.draft("RGB", (REDUCE_MAX_SIDE, REDUCE_MAX_SIDE))
            image = ImageOps.exif_transpose(img) or img
            if max(image.size) <= REDUCE_MAX_SIDE:
                return path.read_bytes(), media, False
            image.thumbnail((REDUCE_MAX_SIDE, REDUCE_MAX_SIDE))
            out = io.BytesIO()
            if image.mode in ("RGBA", "LA") or "transparency" in image.info:
                image.save(out, format="PNG", optimize=True)
                return out.getvalue(), MediaType.PNG, True
            image.convert("RGB").save(out, format="JPEG", quality=REDUCE_JPEG_QUALITY,
                                      optimize=True)
            return out.getvalue(), MediaType.JPEG, True
    except (Image.DecompressionBombError, OSError, ValueError) as exc:
        raise UserError(_("Không mở được ảnh “{n}” để giảm dung lượng ({why}).").format(
            n=path.name, why=exc), _("Hãy quét lại ở độ phân giải thấp hơn."),
            code="attachment.bad_image") from exc


def detach(store: Store, attachment_id: int, nomination_id: int, actor: str) -> Changes:
    """Remove a file from a nomination. The stored copy stays (it may be shared)."""
    nom = nomination_or_error(store, nomination_id)
    if nom.status not in EDITABLE:
        raise UserError(_("Hồ sơ ở trạng thái “{s}” không bỏ tệp được.")
                        .format(s=nom.status.label), code="attachment.not_editable")
    found = [a for a in repo.attachments_of(store.db, nomination_id) if a.id == attachment_id]
    if not found:
        raise UserError(_("Tệp đính kèm này đã được bỏ."), code="attachment.not_found")
    with store.write() as db:
        repo.delete_attachment(db, attachment_id)
        reg_repo.append_audit(db, actor, "detach", "nomination", nomination_id,
                              _("{name}: bỏ tệp “{f}”").format(name=nom.subject_name,
                                                              f=found[0].original_name),
                              {"attachment": to_dict(found[0])})
    return changes_for(rounds=(nom.round_id,), nominations=(nomination_id,))

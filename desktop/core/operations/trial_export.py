"""A trial export ("bản thử"): everything the package would carry, written into a folder to
look at before sending, and nothing else.

It is not a package: no signature, no ZIP, no revision number taken, no status changed, no
record of a sending. The province can therefore never receive it as a revision, and the first
real export is still the first sending (issue 12: trial exports made revisions that the
province would treat as replacements of packages it never got).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from desktop.core.catalog import Catalog
from desktop.core.errors import UserError
from desktop.core.files import write_atomic
from desktop.core.i18n import N_, _
from desktop.core.model.rounds import Nomination
from desktop.core.operations import packages as pkg
from desktop.core.operations import rounds as round_ops
from desktop.core.store import Store
from desktop.core.store import documents as doc_repo
from desktop.core.store import registry as reg_repo

README = "BAN-THU_doc-truoc.txt"


@dataclass(frozen=True)
class TrialExport:
    folder: Path
    documents: int
    attachments: int
    nominations: int
    next_revision: int      # the sending number the real export will carry


UNWRITTEN = N_("[Chưa viết – bản thử: viết phần này trong Báo cáo thành tích trước khi gửi]")


def export_trial(store: Store, catalog: Catalog, round_id: int, dest_dir: Path, actor: str,
                 today: date, *, write_documents: pkg.DocumentWriter | None = None,
                 fonts_dir: Path | None = None) -> TrialExport:
    """Write the documents, scans and dossier data the package would carry into a new folder
    BAN-THU_<dossier id>_<time> under `dest_dir`. Refused, as the real export, for a round
    with nothing to send to the receiving body; readiness is not required (it is a look)."""
    rnd = round_ops.get_round(store, round_id)
    if rnd is None or rnd.id is None:
        raise UserError(_("Đợt xét này không còn (có thể đã bị xóa)."), code="round.not_found")
    unit = reg_repo.get_unit(store.db)
    if unit is None:
        raise UserError(_("Chưa có thông tin đơn vị."), _("Hãy nhập trong menu Đơn vị."),
                        code="unit.missing")
    noms = pkg.sent_nominations(store, round_id, catalog)
    if not noms:
        raise UserError(_("Đợt “{r}” chưa có đề nghị nào gửi cơ quan tiếp nhận.").format(
            r=rnd.name), code="export.nothing_to_send")
    with store.write() as db:
        dossier_id = doc_repo.dossier_id(db, round_id)
    sent = pkg.history(store, round_id)
    next_revision = (sent[-1].revision + 1) if sent else 1
    stamp = datetime.now(UTC).astimezone().strftime("%Y%m%d-%H%M%S")
    final = dest_dir / f"BAN-THU_{dossier_id}_{stamp}"
    # a look, not a sending: a report section not written yet shows where it is
    writer = write_documents or pkg.dossier_documents(fonts_dir, unwritten=_(UNWRITTEN))
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".ban-thu-", dir=dest_dir) as tmp_name:
            tmp = Path(tmp_name)
            files = writer(store, catalog, round_id, tmp / "build", today)
            folder = tmp / final.name
            (folder / "van-ban").mkdir(parents=True)
            for path in [*(p for p, _kind in files.pdfs), *files.sources]:
                shutil.copyfile(path, folder / "van-ban" / path.name)
            attachments = _copy_attachments(store, catalog, noms, folder / "minh-chung")
            content = pkg.dossier_content(store, unit, rnd, noms, "")
            content.update({"ban_thu": True, "dossier_id": dossier_id,
                            "lan_gui_khi_gui_chinh_thuc": next_revision})
            write_atomic(folder / "dossier.json",
                         json.dumps(content, ensure_ascii=False, indent=1).encode("utf-8"))
            write_atomic(folder / README, _readme(dossier_id, next_revision).encode("utf-8-sig"))
            folder.rename(final)
    except OSError as exc:
        raise UserError(_("Không ghi được bản thử vào “{d}”: {why}").format(
            d=dest_dir, why=exc.strerror or exc), _("Hãy chọn thư mục khác."),
            code="export.trial_write_failed") from exc
    with store.write() as db:
        reg_repo.append_audit(db, actor, "export_trial", "round", round_id,
                              _("Xuất bản thử hồ sơ {id} để xem trước (không phải lần gửi)")
                              .format(id=dossier_id), {"folder": str(final)})
    return TrialExport(final, len(files.pdfs), attachments, len(noms), next_revision)


def _copy_attachments(store: Store, catalog: Catalog, noms: Sequence[Nomination],
                      folder: Path) -> int:
    count = 0
    for index, nom in enumerate(noms, start=1):
        assert nom.id is not None
        for item in round_ops.checklist(store, catalog, nom.id).items:
            for att in item.attachments:
                folder.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(round_ops.attachment_path(store, att),
                                folder / f"{index:02d}_{item.part}_{att.original_name}")
                count += 1
    return count


def _readme(dossier_id: str, revision: int) -> str:
    return "\r\n".join([
        _("BẢN THỬ – CHỈ ĐỂ XEM TRƯỚC, KHÔNG GỬI"), "",
        _("Thư mục này chứa các văn bản, bản quét minh chứng và dữ liệu mà gói hồ sơ {id} sẽ "
          "mang theo, để cán bộ xem lại trước khi gửi.").format(id=dossier_id),
        _("Đây không phải gói hồ sơ: không có chữ ký số của đơn vị, không được tính là một lần "
          "gửi, cơ quan tiếp nhận không nhận được."),
        _("Khi gửi chính thức (Gói hồ sơ → Xuất gói hồ sơ), gói đó sẽ là lần gửi {rev}.").format(
            rev=revision), ""])

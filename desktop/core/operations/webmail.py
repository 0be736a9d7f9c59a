"""Sending the package from webmail (Gmail, Outlook.com, the government mail in a browser):
a webmail page cannot open a `.eml` draft, so next to the drafts the officer gets the files to
attach and a text file with the recipient, subject and body of each message to copy in."""

from __future__ import annotations

import email
import email.policy
import shutil
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.files import write_atomic
from desktop.core.i18n import _
from desktop.core.operations.delivery import EmailDrafts


@dataclass(frozen=True)
class WebmailKit:
    folder: Path
    attachments: tuple[Path, ...]    # the files to attach, one message per part
    instructions: Path               # recipient, subject and body of each message


def _message_text(draft: Path) -> tuple[str, str, str]:
    msg = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    body = msg.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    return str(msg.get("To", "")), str(msg.get("Subject", "")), str(text).strip()


def prepare_webmail(drafts: EmailDrafts, folder: Path) -> WebmailKit:
    """Put the attachments beside the drafts in `folder` and write the instructions file."""
    files = [*drafts.parts, *([drafts.part_list] if drafts.part_list else [])]
    attachments = []
    try:
        for path in files:
            target = folder / path.name
            if path.resolve() != target.resolve():
                shutil.copyfile(path, target)
            attachments.append(target)
        lines = [_("GỬI GÓI HỒ SƠ BẰNG THƯ TRÊN TRANG WEB (Gmail, Outlook.com, thư công vụ)"), "",
                 _("Với mỗi thư dưới đây: mở trang thư, bấm “Soạn thư”; chép người nhận, tiêu "
                   "đề, nội dung; bấm biểu tượng kẹp giấy (“Đính kèm”) và chọn tệp ghi ở dòng "
                   "“Đính kèm” trong thư mục này; rồi bấm “Gửi”."),
                 _("Nếu dùng Outlook hoặc Thunderbird trên máy: mở thẳng tệp .eml, thư đã soạn "
                   "sẵn và đính kèm sẵn."), ""]
        for index, draft in enumerate(drafts.drafts, start=1):
            to, subject, body = _message_text(draft)
            attached = [attachments[index - 1].name] if index - 1 < len(drafts.parts) else []
            if index == 1 and drafts.part_list is not None:
                attached.append(drafts.part_list.name)
            lines += [_("— Thư {i}/{n} —").format(i=index, n=len(drafts.drafts)),
                      _("Người nhận: {to}").format(to=to or _("(địa chỉ của cơ quan tiếp nhận)")),
                      _("Tiêu đề: {s}").format(s=subject),
                      _("Đính kèm: {files}").format(files=", ".join(attached)),
                      _("Nội dung:"), body, ""]
        instructions = folder / f"{drafts.drafts[0].stem}_huong_dan_gui_thu.txt"
        write_atomic(instructions, "\r\n".join(lines).encode("utf-8-sig"))
    except OSError as exc:
        raise UserError(_("Không ghi được vào thư mục “{d}”: {why}").format(
            d=folder, why=exc.strerror or exc), _("Hãy chọn thư mục khác còn chỗ trống."),
            code="email.write_failed") from exc
    return WebmailKit(folder, tuple(attachments), instructions)

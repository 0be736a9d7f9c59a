"""What an official export of a round will be: which sending (lần gửi) it makes and what the
officer is told about the ones before (the export dialog's line and its "Gửi lần 2?" box).

The sample commune built with `hoso demo --out` has sent its round once already, so that its
province can answer (demo/province.py): that sending is said to be the demo's own, with its
date, not left for the officer to take as one they forgot making.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.core.i18n import _
from desktop.core.package.bag import short_digest
from desktop.core.store import Store
from desktop.core.store import packages as repo
from desktop.core.store.packages import ExportedPackageRow
from desktop.core.text import format_date

DEMO_SENDING = "demo_sending"   # the audit action `hoso demo` records for its own sending


@dataclass(frozen=True)
class NextSending:
    revision: int                       # the lần gửi an official export makes now
    previous: tuple[ExportedPackageRow, ...] = ()   # the sendings before, oldest first
    by_demo: bool = False               # the last one was sent by `hoso demo`, not the officer
    demo_folder: str = ""               # where the demo put that package and the answers

    @property
    def last(self) -> ExportedPackageRow | None:
        return self.previous[-1] if self.previous else None

    def _when(self) -> str:
        last = self.last
        if last is None:
            return ""
        try:
            return format_date(date.fromisoformat(last.created_at[:10]))
        except ValueError:
            return last.created_at[:10]

    def previous_text(self) -> str:
        """The line under the choice of export: what was sent before, "" for a first one."""
        last = self.last
        if last is None:
            return ""
        if self.by_demo:
            text = _("Lần gửi {p} đã được dữ liệu mẫu gửi sẵn ngày {d} (gói {f}, mã {s}), để "
                     "tỉnh mẫu có gói mà trả lời: biên nhận và quyết định của tỉnh mẫu nhập ở "
                     "Gói hồ sơ → Nhập biên nhận / quyết định…").format(
                p=last.revision, d=self._when(), f=last.file_name, s=short_digest(last.sha256))
            if self.demo_folder:
                text += " " + _("(trong thư mục {folder}).").format(folder=self.demo_folder)
            return text + " " + _("Lần này sẽ là lần gửi {r}, thay cho gói đó.").format(
                r=self.revision)
        return _("Đã xuất {n} lần; lần gần nhất: {f} ({d}), mã {s}. Lần này sẽ là lần gửi {r}, "
                 "ghi rõ thay cho gói trước.").format(
            n=len(self.previous), f=last.file_name, d=self._when(),
            s=short_digest(last.sha256), r=self.revision)

    def confirm_title(self) -> str:
        return _("Gửi lần {r}?").format(r=self.revision)

    def confirm_text(self) -> str:
        """The question before a sending that replaces an earlier one."""
        text = _("Gói này sẽ là lần gửi {r} của hồ sơ: cơ quan tiếp nhận coi nó là bản thay cho "
                 "lần gửi {p}. Chỉ gửi lại khi hồ sơ đã sửa.\n\nNếu chỉ muốn xem trước, hãy "
                 "chọn “Bản thử”.").format(r=self.revision, p=self.revision - 1)
        if self.by_demo:
            text = _("Lần gửi {p} là gói mẫu mà dữ liệu mẫu đã gửi sẵn ngày {d}, không phải do "
                     "anh/chị gửi.").format(p=self.revision - 1, d=self._when()) + " " + text
        return text


def next_sending(store: Store, round_id: int) -> NextSending:
    """The sending an official export of the round makes now, and those before it."""
    history = tuple(repo.exported_packages(store.db, round_id))
    if not history:
        return NextSending(1)
    demo = repo.demo_sendings(store.db, round_id)
    last = history[-1]
    return NextSending(last.revision + 1, history, last.sha256 in demo,
                       demo.get(last.sha256, ""))

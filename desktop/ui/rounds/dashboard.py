"""The round at a glance (operations.rounds.dashboard): days to the deadline, nominations by
title and status, and the shares of individual nominees who are workers, farmers and direct
labourers, women, and ethnic minorities — drawn with QPainter (QtCharts is not shipped)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.model.rounds import Dashboard, NominationStatus
from desktop.core.operations import home_titles
from desktop.core.operations import rounds as ops
from desktop.core.text import percent
from desktop.ui.context import AppContext

# Okabe–Ito: distinguishable with the common colour-vision deficiencies; every bar also
# carries its numbers in words, so colour is never the only cue.
STATUS_COLOURS = {
    NominationStatus.DRAFT: "#999999",
    NominationStatus.REVIEWED: "#56B4E9",
    NominationStatus.READY: "#009E73",
    NominationStatus.EXPORTED: "#0072B2",
    NominationStatus.RETURNED: "#E69F00",
    NominationStatus.DECIDED: "#CC79A7",
}
SHARE_COLOURS = ("#0072B2", "#D55E00", "#009E73")
TRACK = "#E8E8E8"


def _percent(count: int, total: int) -> str:
    return percent(Fraction(count, total) if total else Fraction(0))


def _text_colour(background: str) -> QColor:
    colour = QColor(background)
    luminance = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return QColor("#000000") if luminance > 150 else QColor("#FFFFFF")


@dataclass(frozen=True)
class Segment:
    value: int
    colour: str
    name: str


@dataclass(frozen=True)
class Bar:
    label: str
    segments: tuple[Segment, ...]
    scale: int     # the value a full-width bar stands for
    text: str      # the numbers written at the end of the bar

    @property
    def value(self) -> int:
        return sum(s.value for s in self.segments)


class BarChart(QWidget):
    """Horizontal bars, each with its label, its numbers in words and optional stacking."""

    ROW = 28
    GAP = 8

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[Bar] = []
        self.legend: list[tuple[str, str]] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_bars(self, bars: list[Bar], legend: list[tuple[str, str]] | None = None,
                 empty_text: str = "") -> None:
        self.bars = bars
        self.legend = legend or []
        self.empty_text = empty_text
        self.setAccessibleDescription("; ".join(f"{b.label}: {b.text}" for b in bars)
                                      or empty_text)
        self.updateGeometry()
        self.update()

    def _heights(self) -> tuple[int, int]:
        line = QFontMetrics(self.font()).height()
        top = line + 12
        legend = line + 14 if self.legend else 0
        return top, legend

    def sizeHint(self) -> QSize:
        top, legend = self._heights()
        rows = max(len(self.bars), 1)
        return QSize(480, top + rows * (self.ROW + self.GAP) + legend + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, p: QPainter) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        metrics = QFontMetrics(self.font())
        width = self.width()
        top, _legend = self._heights()
        title_font = self.font()
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(4, 2, width - 8, top - 6),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        p.setFont(self.font())
        if not self.bars:
            p.drawText(QRectF(4, top, width - 8, self.ROW),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       self.empty_text)
            return
        label_w = min(int(width * 0.38), max(metrics.horizontalAdvance(b.label)
                                             for b in self.bars) + 12)
        text_w = max(metrics.horizontalAdvance(b.text) for b in self.bars) + 12
        x0 = label_w + 4
        bar_w = max(width - x0 - text_w - 8, 40)
        y = top
        for bar in self.bars:
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_w - 8)
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(4, y, label_w - 8, self.ROW),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            p.fillRect(QRectF(x0, y + 3, bar_w, self.ROW - 6), QColor(TRACK))
            x = float(x0)
            for seg in bar.segments:
                if not seg.value or not bar.scale:
                    continue
                w = bar_w * seg.value / bar.scale
                rect = QRectF(x, y + 3, w, self.ROW - 6)
                p.fillRect(rect, QColor(seg.colour))
                p.setPen(QPen(QColor("#FFFFFF"), 1))
                p.drawLine(rect.topRight(), rect.bottomRight())  # separates stacked parts
                number = str(seg.value)
                if metrics.horizontalAdvance(number) + 6 < w:
                    p.setPen(_text_colour(seg.colour))
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, number)
                x += w
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(x0 + bar_w + 8, y, text_w, self.ROW),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, bar.text)
            y += self.ROW + self.GAP
        if self.legend:
            x = float(x0)
            box = metrics.height() - 4
            for name, colour in self.legend:
                p.fillRect(QRectF(x, y + 4, box, box), QColor(colour))
                p.setPen(self.palette().text().color())
                p.drawText(QRectF(x + box + 4, y, metrics.horizontalAdvance(name) + 4,
                                  metrics.height() + 4),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
                x += box + metrics.horizontalAdvance(name) + 18


class DashboardWidget(QWidget):
    """The dashboard of the round given to set_round (None: nothing chosen)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id: int | None = None
        self.data: Dashboard | None = None

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 2)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.deadline = QLabel()
        self.deadline.setWordWrap(True)
        self.days = QLabel()
        big = self.days.font()
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() + 8)
        self.days.setFont(big)
        self.days.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.days.setMinimumWidth(150)
        self.counts_line = QLabel()
        self.counts_line.setWordWrap(True)

        self.status_chart = BarChart(_("Số đề nghị theo danh hiệu và trạng thái"))
        self.share_chart = BarChart(_("Tỷ lệ trong số cá nhân được đề nghị"))
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        # Excel and paper: the tables to a workbook, the whole view to the printer
        self.export_button = QPushButton(_("Xuất &Excel…"))
        self.export_button.setToolTip(_("Xuất các bảng tổng hợp ra tệp Excel (Ctrl+E)"))
        self.export_button.clicked.connect(self.export_excel)
        self.print_button = QPushButton(_("&In tổng hợp…"))
        self.print_button.setToolTip(_("Xem trước và in biểu đồ, bảng tổng hợp (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_preview)
        actions = QHBoxLayout()
        actions.addWidget(self.export_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)

        head = QHBoxLayout()
        text = QVBoxLayout()
        text.addWidget(self.heading)
        text.addWidget(self.deadline)
        text.addWidget(self.counts_line)
        text.addLayout(actions)
        head.addLayout(text, 1)
        head.addWidget(self.days)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(head)
        layout.addWidget(self.status_chart)
        layout.addWidget(self.share_chart)
        layout.addWidget(self.table)
        layout.addStretch(1)
        self.scroller = QScrollArea()  # small screens scroll rather than squeeze the charts
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroller)
        self.set_round(None)

    def set_round(self, round_id: int | None) -> None:
        self.round_id = round_id
        self.refresh()

    def export_excel(self) -> None:
        from desktop.core.operations import rounds as round_ops
        from desktop.ui.list_exports import export_dashboard

        rnd = round_ops.get_round(self.ctx.store, self.round_id) \
            if self.round_id is not None else None
        if rnd is not None:
            export_dashboard(self, self.ctx, rnd)

    def print_preview(self) -> None:
        from desktop.ui.dashboard_print import DashboardPreview

        if self.data is not None and self.round_id is not None:
            DashboardPreview(self.ctx, self.round_id, self).exec()

    def refresh(self) -> None:
        rnd = ops.get_round(self.ctx.store, self.round_id) if self.round_id is not None else None
        for button in (self.export_button, self.print_button):
            button.setEnabled(rnd is not None and rnd.id is not None)
        if rnd is None or rnd.id is None:
            self.data = None
            self.heading.setText(_("Chưa chọn đợt xét."))
            for label in (self.deadline, self.days, self.counts_line):
                label.clear()
            self.status_chart.set_bars([], empty_text=_("Chọn một đợt để xem số liệu."))
            self.share_chart.set_bars([], empty_text="")
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            return
        today = self.ctx.today()
        data = ops.dashboard(self.ctx.store, self.ctx.catalog, rnd.id, today)
        self.data = data
        self.heading.setText(rnd.name)
        self.deadline.setText(ops.deadline_text(
            rnd, today, home_titles.round_decider(self.ctx.store, self.ctx.catalog, rnd.id)))
        n = data.days_left
        self.days.setText(_("Còn {n} ngày").format(n=n) if n > 0 else
                          _("Hôm nay hết hạn") if n == 0 else _("Quá hạn {n} ngày").format(n=-n))
        self.days.setStyleSheet("color: #b42318;" if n <= 3 else "")
        line = _("{i} cá nhân, {c} tập thể được đề nghị.").format(i=data.individuals,
                                                                   c=data.collectives)
        if data.not_registered:
            line += " " + _("⚠ {n} trường hợp đề nghị danh hiệu thi đua mà chưa đăng ký thi "
                            "đua đầu năm.").format(n=data.not_registered)
        self.counts_line.setText(line)
        self._fill_status(data)
        self._fill_shares(data)
        self._fill_table(data)

    def _titles(self, data: Dashboard) -> list[str]:
        catalog = self.ctx.catalog
        return sorted(data.counts, key=lambda code: (
            catalog.titles[code].rank if code in catalog.titles else 0, code))

    def _fill_status(self, data: Dashboard) -> None:
        used = [s for s in NominationStatus if any(s.value in per for per in data.counts.values())]
        titles = self._titles(data)
        scale = max((sum(data.counts[t].values()) for t in titles), default=0)
        total_all = sum(sum(per.values()) for per in data.counts.values())
        bars = []
        for code in titles:
            per = data.counts[code]
            segments = tuple(Segment(per.get(s.value, 0), STATUS_COLOURS[s], s.label)
                             for s in used)
            count = sum(per.values())
            parts = ", ".join(f"{per[s.value]} {s.label.lower()}" for s in used if s.value in per)
            bars.append(Bar(self.ctx.catalog.name_of(code), segments, scale,
                            _("{n} ({p}) – {parts}").format(n=count, p=_percent(count, total_all),
                                                             parts=parts)))
        self.status_chart.set_bars(bars, [(s.label, STATUS_COLOURS[s]) for s in used],
                                   _("Đợt này chưa có đề nghị nào."))

    def _fill_shares(self, data: Dashboard) -> None:
        total = data.individuals
        rows = [(_("Công nhân, nông dân, người lao động trực tiếp"), data.workers_farmers),
                (_("Nữ"), data.women), (_("Người dân tộc thiểu số"), data.ethnic_minorities)]
        bars = [Bar(label, (Segment(count, colour, label),), total,
                    _("{n}/{t} – {p}").format(n=count, t=total, p=_percent(count, total)))
                for (label, count), colour in zip(rows, SHARE_COLOURS, strict=True)]
        self.share_chart.set_bars(bars if total else [],
                                  empty_text=_("Đợt này chưa đề nghị cá nhân nào."))

    def _fill_table(self, data: Dashboard) -> None:
        used = [s for s in NominationStatus if any(s.value in per for per in data.counts.values())]
        titles = self._titles(data)
        self.table.setColumnCount(len(used) + 2)
        self.table.setHorizontalHeaderLabels([_("Danh hiệu / hình thức"),
                                              *(s.label for s in used), _("Cộng")])
        self.table.setRowCount(len(titles) + 1)
        for r, code in enumerate(titles):
            per = data.counts[code]
            cells = [self.ctx.catalog.name_of(code), *(str(per.get(s.value, 0)) for s in used),
                     str(sum(per.values()))]
            self._table_row(r, cells)
        sums = [_("Cộng"), *(str(sum(per.get(s.value, 0) for per in data.counts.values()))
                             for s in used),
                str(sum(sum(per.values()) for per in data.counts.values()))]
        self._table_row(len(titles), sums, bold=True)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth() + sum(
            self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height)

    def _table_row(self, r: int, cells: list[str], bold: bool = False) -> None:
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if bold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(r, c, item)

"""The round dashboard: its numbers come from operations.rounds.dashboard, and the bars are
really painted (grab the widget and find the bar colours), with the numbers in words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from desktop.core.catalog import Catalog
from desktop.core.model.rounds import RoundKind
from desktop.core.operations import demo, profiles
from desktop.core.operations import rounds as ops
from desktop.ui.context import AppContext
from desktop.ui.rounds.dashboard import SHARE_COLOURS, STATUS_COLOURS, DashboardWidget

TODAY = date(2026, 11, 23)


@pytest.fixture
def ctx(tmp_path: Path, catalog: Catalog) -> Iterator[AppContext]:
    info = demo.build_demo(tmp_path, 11, "t", TODAY, catalog)
    store = profiles.open_profile(tmp_path, info.id)
    yield AppContext(store, catalog, "Nguyễn Thị Thu Hà", tmp_path, info.id, lambda: TODAY)
    store.close()


@pytest.fixture
def widget(qtbot, ctx: AppContext) -> DashboardWidget:  # type: ignore[no-untyped-def]
    w = DashboardWidget(ctx)
    qtbot.addWidget(w)
    w.resize(1000, 700)
    w.show()
    qtbot.waitExposed(w)
    return w


def pixels(image: QImage, colour: str) -> int:
    """How many pixels of the image are exactly `colour` (sampled every other pixel)."""
    want = QColor(colour).rgb()
    return sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if image.pixel(x, y) == want)


def settle() -> None:
    for _i in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def year_end(ctx: AppContext) -> int:
    (rnd,) = ops.list_rounds(ctx.store, 2026)
    assert rnd.id is not None
    return rnd.id


def test_numbers_come_from_the_dashboard(widget: DashboardWidget, ctx: AppContext) -> None:
    rid = year_end(ctx)
    widget.set_round(rid)
    data = ops.dashboard(ctx.store, ctx.catalog, rid, TODAY)
    assert widget.data == data
    assert widget.days.text() == f"Còn {data.days_left} ngày" and data.days_left == 17
    bars = {b.label: b for b in widget.status_chart.bars}
    cstd = bars["Chiến sĩ thi đua cơ sở"]
    assert cstd.value == 4 and "1 dự thảo" in cstd.text and "3 hồ sơ đủ" in cstd.text
    assert sum(b.value for b in bars.values()) == 11
    shares = [(b.value, b.scale, b.text) for b in widget.share_chart.bars]
    # the one percent formatter (core.text.percent): a tenth where needed, decimal comma
    assert shares == [(data.workers_farmers, 9, f"{data.workers_farmers}/9 – 22,2%"),
                      (data.women, 9, "5/9 – 55,6%"), (data.ethnic_minorities, 9, "1/9 – 11,1%")]
    assert "chưa đăng ký thi đua" in widget.counts_line.text()
    last = widget.table.rowCount() - 1
    total = widget.table.item(last, widget.table.columnCount() - 1)
    assert total is not None and total.text() == "11"


def test_bars_are_painted_and_follow_the_data(widget: DashboardWidget, ctx: AppContext) -> None:
    widget.set_round(None)
    settle()  # the layout gives the charts their new heights
    empty = widget.grab().toImage()
    ready = STATUS_COLOURS[next(s for s in STATUS_COLOURS if s.value == "ready")]
    assert pixels(empty, ready) == 0 and pixels(empty, SHARE_COLOURS[1]) == 0
    widget.set_round(year_end(ctx))
    settle()
    assert widget.share_chart.height() >= widget.share_chart.sizeHint().height()
    image = widget.share_chart.grab().toImage()
    assert len({image.pixel(x, image.height() // 2) for x in range(image.width())}) > 3
    women = pixels(image, SHARE_COLOURS[1])
    farmers = pixels(image, SHARE_COLOURS[0])
    assert women > 0 and farmers > 0
    assert 2 < women / farmers < 3  # 5 of 9 against 2 of 9: two and a half times as long
    full = widget.grab().toImage()
    assert pixels(full, ready) > pixels(full, STATUS_COLOURS[next(
        s for s in STATUS_COLOURS if s.value == "draft")]) > 0


def test_round_without_nominations(widget: DashboardWidget, ctx: AppContext) -> None:
    rnd, _c = ops.create_round(ctx.store, ctx.catalog, RoundKind.DOT_XUAT, 2026, "", "t", TODAY)
    widget.set_round(rnd.id)
    assert widget.status_chart.bars == [] and widget.share_chart.bars == []
    assert widget.status_chart.empty_text == "Đợt này chưa có đề nghị nào."
    assert widget.days.text() == "Còn 10 ngày"

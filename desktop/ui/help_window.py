"""Help in the app, offline (issue 12): a Vietnamese guide per screen, in Markdown under
resources/help/<page>.md, shown in one help window with a search that ignores diacritics.

Each window calls `install_help(window, page)`: F1 there opens its own page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import _
from desktop.core.text import fold
from desktop.paths import resources_dir
from desktop.ui.screen import resize_to_fit

log = logging.getLogger("hoso.ui.help")

MAX_PAGE_BYTES = 200_000
PAGE_ROLE = 0x0100 + 7


@dataclass(frozen=True)
class HelpPage:
    code: str
    title: str
    text: str      # Markdown

    @property
    def folded(self) -> str:
        return fold(self.text)


def help_dir() -> Path:
    return resources_dir() / "help"


def load_pages(folder: Path | None = None) -> dict[str, HelpPage]:
    """Every page, in the order of their file names ("01_…" sorts first); the title is the
    first heading."""
    folder = folder or help_dir()
    pages: dict[str, HelpPage] = {}
    for path in sorted(folder.glob("*.md")):
        try:
            if path.stat().st_size > MAX_PAGE_BYTES:
                continue
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("help page unreadable: %s (%s)", path.name, exc)
            continue
        code = path.stem.split("_", 1)[1] if path.stem[:2].isdigit() else path.stem
        first = next((line for line in text.splitlines() if line.startswith("# ")), code)
        pages[code] = HelpPage(code, first.removeprefix("# ").strip(), text)
    return pages


class HelpWindow(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Hướng dẫn sử dụng"))
        resize_to_fit(self, 1240, 700)
        self.pages = load_pages()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Tìm trong hướng dẫn (gõ không dấu cũng được)"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(_("&Tìm:"))
        search_label.setBuddy(self.search)
        self.list = QListWidget()
        # a topic's whole title is read ("Bắt đầu: một năm công tác thi đua, khen thưởng"),
        # wrapped onto a second line rather than cut at the list's edge
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(lambda url: self.show_page(url.toString()))
        self.found = QLabel()
        self.found.setObjectName("hint")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search, 1)
        left_layout.addLayout(row)
        left_layout.addWidget(self.found)
        left_layout.addWidget(self.list, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.search.textChanged.connect(self.filter)
        self.list.currentItemChanged.connect(
            lambda item, _prev: self._show(item.data(PAGE_ROLE)) if item else None)
        self.filter("")

    def filter(self, query: str) -> None:
        """Only the pages whose text has every word typed (diacritics ignored)."""
        words = fold(query).split()
        current = self.current_page()
        self.list.blockSignals(True)
        self.list.clear()
        for page in self.pages.values():
            if all(w in page.folded for w in words):
                item = QListWidgetItem(page.title)
                item.setToolTip(page.title)
                item.setData(PAGE_ROLE, page.code)
                self.list.addItem(item)
        self.list.blockSignals(False)
        self.found.setText(_("{n} trang").format(n=self.list.count()) if words else "")
        codes = [self.list.item(i).data(PAGE_ROLE) for i in range(self.list.count())]
        if current in codes:
            self.list.setCurrentRow(codes.index(current))
        elif codes:
            self.list.setCurrentRow(0)

    def current_page(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(PAGE_ROLE)) if item is not None else None

    def show_page(self, code: str) -> None:
        """Open `code` (its item is selected; a search that hides it is cleared)."""
        if code not in self.pages:
            code = next(iter(self.pages), "")
        codes = [self.list.item(i).data(PAGE_ROLE) for i in range(self.list.count())]
        if code not in codes:
            self.search.clear()
            codes = [self.list.item(i).data(PAGE_ROLE) for i in range(self.list.count())]
        if code in codes:
            self.list.setCurrentRow(codes.index(code))
            self._show(code)

    def _show(self, code: str) -> None:
        page = self.pages.get(code)
        if page is not None:
            self.browser.setMarkdown(page.text)

    def shown_text(self) -> str:
        return self.browser.toPlainText()


_window: HelpWindow | None = None


def show_help(parent: QWidget | None, page: str) -> HelpWindow:
    """The help window (one for the app, beside the work), at `page`."""
    global _window
    if _window is None:
        _window = HelpWindow(None)
    _window.show_page(page)
    _window.show()
    _window.raise_()
    _window.activateWindow()
    return _window


def install_help(window: QWidget, page: str) -> QShortcut:
    """F1 in `window` opens `page`."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), window)
    shortcut.activated.connect(lambda: show_help(window, page))
    window.setProperty("help_page", page)
    return shortcut

"""Public entry of the renderers: one Document in, a DOCX or a PDF file out.

    fmt = load_format(forms_dir() / "documents" / "format.toml")
    fonts = register_fonts(resources_dir() / "fonts", fmt)      # once per render session
    base = prepare_docx_base(fmt)                               # optional, once per session
    render_docx(doc, fmt, fonts, out_dir / f"{doc.name}.docx", base=base)
    pages = render_pdf(doc, fmt, fonts, out_dir / f"{doc.name}.pdf")

- `fmt` (PageFormat) holds every Decree 30 value; `fonts` (FontSet) the embedded Liberation
  Serif 2 faces for the PDF and the metrics the DOCX uses to size its rules. Both are passed
  in; render_many keeps the fonts and DOCX base of a process between its batches and calls
  (_session), and each registered font face keeps the font subsets it embedded (fonts.py).
- `base` (DocxBase) is the prepared empty DOCX (fonts, vi-VN, only the styles we use); pass
  it when rendering many documents: each DOCX then costs ~20 ms instead of ~35 ms.
- Writes are atomic: the file is written to a temporary name in the destination folder and
  moved over `dest` with os.replace, so a crash or a full disk never leaves half a document
  where the old one was (and readers never see a partial file).
- Text is normalised to NFC by both renderers.
- `render_pdf` returns the page count; `render_both` writes `<name>.docx` and `<name>.pdf`.
- `render_many(docs, fmt, fonts_dir, out_dir, cache=…, formats=…)` renders a whole dossier:
  documents already in the RenderCache (render_cache.py) are copied from it, the others are
  rendered on every core by default: this process renders while N−1 spawned worker
  processes start and take batches as they become free (spawned, so the same on Windows;
  the frozen app calls multiprocessing.freeze_support() first thing, desktop/__main__.py).
  Worker failures come back as the same exceptions. A few documents only (one report
  edited) are rendered here, without starting any process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from desktop.core.documents.blocks import Document
from desktop.core.documents.docx_render import DocxBase, prepare_docx_base, write_docx
from desktop.core.documents.fonts import FontSet, register_fonts
from desktop.core.documents.format import PageFormat, load_format
from desktop.core.documents.pdf_render import write_pdf
from desktop.core.documents.render_cache import RenderCache
from desktop.core.errors import UserError
from desktop.core.files import atomic_path
from desktop.core.i18n import _

__all__ = ["DocxBase", "FontSet", "PageFormat", "RenderCache", "Rendered", "default_workers",
           "load_format", "prepare_docx_base", "register_fonts", "render_both", "render_docx",
           "render_many", "render_pdf"]

FORMATS = (".docx", ".pdf")


def _write_error(dest: Path, exc: OSError) -> UserError:
    return UserError(
        _("Không ghi được tệp {path}: {error}").format(path=dest, error=exc.strerror or exc),
        _("Kiểm tra thư mục còn chỗ trống, có quyền ghi và tệp không đang mở trong "
          "chương trình khác, rồi thử lại."))


@contextlib.contextmanager
def _atomic_path(dest: Path) -> Iterator[Path]:
    # Not fsynced: a dossier is rendered into a temporary folder that is renamed as a whole.
    try:
        with atomic_path(dest, durable=False) as tmp:
            yield tmp
    except OSError as exc:
        raise _write_error(dest, exc) from exc


def _write(dest: Path, writer: Callable[[Path], int | None]) -> int | None:
    with _atomic_path(dest) as tmp:
        return writer(tmp)


def render_docx(doc: Document, fmt: PageFormat, fonts: FontSet, dest: Path,
                base: DocxBase | None = None) -> Path:
    """Write `doc` as a DOCX (Word, LibreOffice) to `dest`, atomically."""
    _write(dest, lambda tmp: write_docx(doc, fmt, fonts, tmp, base))
    return dest


def render_pdf(doc: Document, fmt: PageFormat, fonts: FontSet, dest: Path) -> int:
    """Write `doc` as a PDF with embedded fonts to `dest`, atomically; returns the page count."""
    pages = _write(dest, lambda tmp: write_pdf(doc, fmt, fonts, tmp))
    return int(pages or 0)


def render_both(doc: Document, fmt: PageFormat, fonts: FontSet, out_dir: Path,
                base: DocxBase | None = None) -> tuple[Path, Path]:
    """`<out_dir>/<doc.name>.docx` and `.pdf`."""
    docx_path = render_docx(doc, fmt, fonts, out_dir / f"{doc.name}.docx", base)
    pdf_path = out_dir / f"{doc.name}.pdf"
    render_pdf(doc, fmt, fonts, pdf_path)
    return docx_path, pdf_path


@dataclass(frozen=True)
class Rendered:
    name: str
    docx: Path
    pdf: Path
    pages: int


# The fonts and DOCX base of the last render sessions of this process (a worker takes some
# six batches of a dossier; the app renders again and again): reading and hashing the four
# font files and preparing the DOCX base cost ~45 ms a batch otherwise. Keyed by the font
# files' size and time, so fonts replaced on disk are registered again.
_SESSIONS: dict[tuple[object, ...], tuple[FontSet, DocxBase | None]] = {}


def _session(fmt: PageFormat, fonts_dir: Path, docx: bool) -> tuple[FontSet, DocxBase | None]:
    try:
        stamps = tuple((name, st.st_size, st.st_mtime_ns) for name in fmt.pdf_font_files
                       for st in [(fonts_dir / name).stat()])
    except OSError:
        stamps = None
    key = (fmt, str(fonts_dir), stamps)
    kept = _SESSIONS.get(key) if stamps is not None else None
    if kept is None or (docx and kept[1] is None):
        fonts = register_fonts(fonts_dir, fmt)   # raises the user's message when unreadable
        kept = (fonts, prepare_docx_base(fmt) if docx else None)
        if stamps is not None:
            if len(_SESSIONS) >= 4:
                _SESSIONS.clear()
            _SESSIONS[key] = kept
    return kept


def _render_batch(docs: Sequence[Document], fmt: PageFormat, fonts_dir: Path,
                  out_dir: Path, formats: tuple[str, ...] = FORMATS) -> list[Rendered]:
    """One render session: fonts and DOCX base (once per process, see _session), then every
    document in `formats`."""
    fonts, base = _session(fmt, fonts_dir, ".docx" in formats)
    done = []
    for doc in docs:
        docx_path = out_dir / f"{doc.name}.docx"
        pdf_path = out_dir / f"{doc.name}.pdf"
        if ".docx" in formats:
            render_docx(doc, fmt, fonts, docx_path, base)
        pages = render_pdf(doc, fmt, fonts, pdf_path) if ".pdf" in formats else 0
        done.append(Rendered(doc.name, docx_path, pdf_path, pages))
    return done


def default_workers() -> int:
    """Every core the process may use (Windows and Linux alike)."""
    cpus = os.process_cpu_count() if hasattr(os, "process_cpu_count") else os.cpu_count()
    return max(1, cpus or 1)


def _weight(doc: Document) -> int:
    """A rough cost, to start the largest documents first and cut even batches."""
    return 1 + len(doc.blocks) + 8 * len(doc.fixed_pages)


def _batches(docs: Sequence[Document], count: int) -> list[list[Document]]:
    """About `count` batches of similar weight, heaviest documents first."""
    ordered = sorted(docs, key=_weight, reverse=True)
    target = max(1, sum(_weight(d) for d in ordered) // max(1, count))
    batches: list[list[Document]] = [[]]
    load = 0
    for doc in ordered:
        if batches[-1] and load + _weight(doc) > target:
            batches.append([])
            load = 0
        batches[-1].append(doc)
        load += _weight(doc)
    return batches


Progress = Callable[[int, int, str], None]


def render_many(docs: Sequence[Document], fmt: PageFormat, fonts_dir: Path, out_dir: Path,
                workers: int | None = None, *, cache: RenderCache | None = None,
                formats: tuple[str, ...] = FORMATS, progress: Progress | None = None,
                render_here: bool = True) -> list[Rendered]:
    """Every document as `<out_dir>/<name>.docx` and `.pdf` (those of `formats`), in the
    order given.

    `cache`: documents rendered before with the same content are copied from it, and what
    is rendered is added to it. `workers` processes render the rest, this one included
    (default: every core, if each gets MIN_DOCUMENTS_PER_PROCESS documents).
    `render_here=False` leaves this process out whenever several documents are to be
    rendered (`workers` spawned processes do it all), so a window on this process's main
    thread stays responsive. Names must be unique: two documents never share a file."""
    names = [d.name for d in docs]
    if len(set(names)) != len(names):
        raise ValueError("document names must be unique within one dossier")
    results: dict[str, Rendered] = {}
    todo: list[Document] = []
    for doc in docs:
        hit = _from_cache(cache, doc, out_dir, formats) if cache is not None else None
        if hit is None:
            todo.append(doc)
        else:
            results[doc.name] = hit
    reported = [len(results)]

    def finished(batch: list[Rendered]) -> None:
        for rendered in batch:
            results[rendered.name] = rendered
            reported[0] += 1
            if progress is not None:
                progress(reported[0], len(docs), rendered.name)

    if progress is not None and results:
        progress(len(results), len(docs), "")
    if workers is None:  # every core, when there is enough to share
        workers = min(default_workers(), len(todo) // MIN_DOCUMENTS_PER_PROCESS) \
            if render_here else default_workers()
    workers = max(1, min(workers, len(todo)))
    if todo and workers == 1 and (render_here or len(todo) == 1):
        finished(_render_batch(todo, fmt, fonts_dir, out_dir, formats))
    elif todo:
        _render_parallel(todo, fmt, fonts_dir, out_dir, formats, workers, finished,
                         render_here)
    if cache is not None:
        by_name = {d.name: d for d in todo}
        for name, doc in by_name.items():
            done = results[name]
            for ext in formats:
                cache.store(doc, ext, done.docx if ext == ".docx" else done.pdf, done.pages)
        if todo:
            cache.prune()
    return [results[name] for name in names]


# Fewer documents than this per process are not worth starting one (~0.5 s to import the
# renderers in a spawned process; a report renders in ~60 ms).
MIN_DOCUMENTS_PER_PROCESS = 8


def _from_cache(cache: RenderCache, doc: Document, out_dir: Path,
                formats: tuple[str, ...]) -> Rendered | None:
    docx_path = out_dir / f"{doc.name}.docx"
    pdf_path = out_dir / f"{doc.name}.pdf"
    pages = 0
    for ext in formats:
        got = cache.fetch(doc, ext, docx_path if ext == ".docx" else pdf_path)
        if got is None:
            return None
        pages = max(pages, got)
    return Rendered(doc.name, docx_path, pdf_path, pages)


def _render_parallel(todo: Sequence[Document], fmt: PageFormat, fonts_dir: Path,
                     out_dir: Path, formats: tuple[str, ...], workers: int,
                     finished: Callable[[list[Rendered]], None],
                     render_here: bool = True) -> None:
    """This process and `workers` − 1 spawned ones take batches from one queue: this one
    starts at once while the others start up, and whoever is free takes the next batch.
    Without `render_here`, `workers` spawned processes take them all."""
    if not render_here:
        workers += 1  # as many spawned processes as asked; this one only waits
    pending = deque(_batches(todo, workers * 6))
    lock = threading.RLock()  # a callback of a future already done runs in this thread
    futures: list[Future[list[Rendered]]] = []
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:

        def feed(_done: Future[list[Rendered]] | None = None) -> None:
            # keep one batch queued per worker beyond the one it renders
            with lock:
                running = sum(1 for f in futures if not f.done())
                while pending and running < 2 * (workers - 1):
                    future = pool.submit(_render_batch, pending.popleft(), fmt, fonts_dir,
                                         out_dir, formats)
                    futures.append(future)
                    future.add_done_callback(feed)
                    running += 1

        feed()
        while render_here:
            with lock:
                batch = pending.popleft() if pending else None
            if batch is None:
                break
            finished(_render_batch(batch, fmt, fonts_dir, out_dir, formats))
            with lock:
                ready = [f for f in futures if f.done()]
                for future in ready:
                    futures.remove(future)
            for future in ready:
                finished(future.result())
        while True:
            with lock:
                feed()  # what a callback may not have submitted yet
                if not futures:
                    break
                future = futures.pop(0)
            finished(future.result())

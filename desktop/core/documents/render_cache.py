"""Rendered documents kept by a hash of what decides their bytes, so that writing the dossier
again after one report was edited renders that report only.

The key of a rendered file is SHA-256 over: the format (DOCX or PDF); the renderer's code
(the source of the modules that turn a Document into a file, or their compiled code in the
frozen app, and the versions of reportlab and python-docx); the page format (PageFormat,
every Decree 30 value); the fonts (FontSet, whose names carry a hash of the font files); and
the Document itself (its repr:
every block, every run of text, the metadata). Any change to one of them is another key, so a
stale file is never served; the files of old keys are simply left to age out.

The cache is a folder of the unit's profile (`<profile>/cache/documents`), private like the
database (0o700 folder, 0o600 files; on Windows the profile folder is the user's own), written
atomically; at most MAX_FILES files are kept, the least recently used removed first.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import marshal
import os
import shutil
from functools import cache
from pathlib import Path

from desktop.core.documents.blocks import Document
from desktop.core.documents.fonts import FontSet
from desktop.core.documents.format import PageFormat
from desktop.core.files import atomic_path

MAX_FILES = 4000  # two files a document: some twenty dossiers of a hundred nominees
# every module whose code decides a rendered file's bytes
_RENDERER_MODULES = tuple(f"desktop.core.documents.{name}" for name in (
    "blocks", "docx_base", "docx_furniture", "docx_render", "docx_xml", "fonts", "format",
    "pdf_flowables", "pdf_render", "render", "sigfields"))


@cache
def renderer_digest() -> str:
    """A hash of the code that renders: its modules' compiled code and library versions."""
    import docx
    import reportlab

    digest = hashlib.sha256()
    digest.update(f"reportlab {reportlab.Version}; python-docx "
                  f"{getattr(docx, '__version__', '?')}".encode())
    for name in _RENDERER_MODULES:
        module = importlib.import_module(name)
        source = Path(str(getattr(module, "__file__", "") or ""))
        if source.suffix == ".py" and source.is_file():
            digest.update(source.read_bytes())
            continue
        # frozen: no source files, the bundle's compiled code instead
        loader = getattr(module, "__loader__", None)
        code = None
        with contextlib.suppress(Exception):
            code = loader.get_code(name) if loader is not None else None  # type: ignore[union-attr]
        digest.update(marshal.dumps(code) if code is not None else name.encode())
    return digest.hexdigest()


class RenderCache:
    """Rendered DOCX and PDF files under `folder`, by key (see the module docstring)."""

    def __init__(self, folder: Path, fmt: PageFormat, fonts: FontSet) -> None:
        self.folder = folder
        self._prefix = hashlib.sha256(
            f"{renderer_digest()}\n{fmt!r}\n{fonts!r}\n".encode()).digest()
        self._content: dict[int, tuple[Document, bytes]] = {}

    def key(self, doc: Document, ext: str) -> str:
        # the document's digest once for both formats (its repr is most of the cost)
        kept = self._content.get(id(doc))
        if kept is None or kept[0] is not doc:
            if len(self._content) > 4096:
                self._content.clear()
            content = hashlib.sha256(self._prefix)
            content.update(repr(doc).encode("utf-8", "surrogatepass"))
            kept = self._content[id(doc)] = (doc, content.digest())
        return hashlib.sha256(kept[1] + ext.encode()).hexdigest()

    def _entry(self, key: str, ext: str) -> Path:
        return self.folder / key[:2] / f"{key}{ext}"

    def fetch(self, doc: Document, ext: str, dest: Path) -> int | None:
        """Copy the cached `ext` (".docx" or ".pdf") of `doc` to `dest`; the PDF's page count
        (0 for a DOCX), or None when it is not cached (or cannot be read)."""
        key = self.key(doc, ext)
        entry = self._entry(key, ext)
        pages = 0
        try:
            if ext == ".pdf":
                pages = int(self._entry(key, ".pages").read_text("ascii"))
            with atomic_path(dest, durable=False) as tmp:
                shutil.copyfile(entry, tmp)
            os.utime(entry)  # recently used: kept longest
        except (OSError, ValueError):
            return None
        return pages

    def store(self, doc: Document, ext: str, rendered: Path, pages: int = 0) -> None:
        """Keep a copy of a freshly rendered file; a cache that cannot be written is skipped
        (the dossier itself is already written)."""
        key = self.key(doc, ext)
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            os.chmod(self.folder, 0o700)
            entry = self._entry(key, ext)
            entry.parent.mkdir(mode=0o700, exist_ok=True)
            if ext == ".pdf":   # the page count first: a PDF without one is never served
                with atomic_path(self._entry(key, ".pages"), mode=0o600, durable=False) as tmp:
                    tmp.write_text(str(pages), "ascii")
            with atomic_path(entry, mode=0o600, durable=False) as tmp:
                shutil.copyfile(rendered, tmp)

    def prune(self, keep: int = MAX_FILES) -> int:
        """Remove the least recently used files beyond `keep`; returns how many went."""
        try:
            files = [p for p in self.folder.glob("*/*") if p.suffix in (".docx", ".pdf")]
        except OSError:
            return 0
        if len(files) <= keep:
            return 0
        aged: list[tuple[float, Path]] = []
        for path in files:
            with contextlib.suppress(OSError):
                aged.append((path.stat().st_mtime, path))
        aged.sort()
        removed = 0
        for _mtime, path in aged[:len(aged) - keep]:
            with contextlib.suppress(OSError):
                path.unlink()
                path.with_suffix(".pages").unlink(missing_ok=True)
                removed += 1
        return removed


def cache_folder(profile_folder: Path) -> Path:
    return profile_folder / "cache" / "documents"

"""What the print preview and printing need from core (issue 5 item 5): the documents as
PDF files rendered by the same renderer as the dossier, so paper, PDF and DOCX say the same
thing, and which reports are not finished (listed, never printed with blanks).

`Document` is the documents' model, named here for the windows that hold them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.core.catalog import Catalog
from desktop.core.documents import builders
from desktop.core.documents.blocks import Document as Document
from desktop.core.model.dossier import DossierData
from desktop.paths import resources_dir


def render_pdfs(catalog: Catalog, documents: Sequence[Document], folder: Path, *,
                workers: int | None = None, render_here: bool = True,
                cache_dir: Path | None = None) -> list[Path]:
    """Each document as a PDF in `folder`, in the order given (`<name>.pdf`, or
    `<nn>_<name>.pdf` when names repeat), on every core unless `workers` says otherwise;
    with `cache_dir` (the profile's folder) unchanged documents come from the render cache.
    `render_here=False` leaves all the rendering to worker processes (the window's thread
    stays free)."""
    from desktop.core.documents.render import (
        RenderCache,
        load_format,
        register_fonts,
        render_many,
        render_pdf,
    )
    from desktop.core.documents.render_cache import cache_folder

    fmt = load_format(catalog.forms_dir / "documents" / "format.toml")
    fonts_dir = resources_dir() / "fonts"
    fonts = register_fonts(fonts_dir, fmt)
    if len({d.name for d in documents}) == len(documents):
        cache = None if cache_dir is None else RenderCache(cache_folder(cache_dir), fmt, fonts)
        done = render_many(documents, fmt, fonts_dir, folder, workers, cache=cache,
                           formats=(".pdf",), render_here=render_here)
        return [r.pdf for r in done]
    paths = []
    for i, doc in enumerate(documents):
        dest = folder / f"{i:03d}_{doc.name}.pdf"
        render_pdf(doc, fmt, fonts, dest)
        paths.append(dest)
    return paths


def unfinished_reports(catalog: Catalog, data: DossierData) -> frozenset[int]:
    """The nominations proposed whose achievement report still has sections to write."""
    return frozenset(n.id for n in data.nominations
                     if n.report_kind and n.proposed
                     and builders.missing_sections(n, catalog.documents[n.report_kind]))

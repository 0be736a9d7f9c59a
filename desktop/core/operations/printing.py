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


def render_pdfs(catalog: Catalog, documents: Sequence[Document], folder: Path) -> list[Path]:
    """Each document as `<folder>/<nn>_<name>.pdf`, in the order given."""
    from desktop.core.documents.render import load_format, register_fonts, render_pdf

    fmt = load_format(catalog.forms_dir / "documents" / "format.toml")
    fonts = register_fonts(resources_dir() / "fonts", fmt)
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

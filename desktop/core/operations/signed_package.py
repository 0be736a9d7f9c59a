"""Signed documents in the package (issue 15): the signed copy travels in place of the
unsigned PDF, and dossier.json says which documents are signed, by whom and when.

A signed copy travels only while it is still the document the dossier would print: the
document is rendered again as it was dated when written for signing, and its bytes must be
exactly the original the signatures were put on. If the dossier changed since (a nominee
added, a text corrected), the package carries the new unsigned PDF and the export says which
signed copy is out of date, so nothing outdated is sent as signed.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.documents.blocks import Document
from desktop.core.i18n import _
from desktop.core.operations import signed_documents as signed_ops
from desktop.core.store import Store
from desktop.core.store import signatures as repo


@dataclass(frozen=True)
class Carried:
    """What the package takes from the signed copies."""

    entries: tuple[dict[str, Any], ...] = ()    # dossier.json "signed_documents" (no path yet)
    outdated: tuple[str, ...] = field(default=())   # titles of signed copies left out

    def notes(self) -> tuple[str, ...]:
        return tuple(_("“{title}” đã ký nhưng hồ sơ đã thay đổi sau khi ký: gói mang bản chưa "
                       "ký; hãy ký lại bản mới rồi xuất lại gói.").format(title=t)
                     for t in self.outdated)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rendered_as_dated(store: Store, catalog: Catalog, round_id: int, names: set[str],
                       dated: str, fonts_dir: Path) -> dict[str, str]:
    """name → SHA-256 of the PDF the dossier prints today for `names`, dated `dated`."""
    from desktop.core.documents.fonts import register_fonts
    from desktop.core.documents.format import load_format
    from desktop.core.documents.render import render_pdf
    from desktop.core.operations import dossier as dossier_ops

    docs = dossier_ops.build_documents(store, catalog, round_id, date.fromisoformat(dated))
    fmt = load_format(catalog.forms_dir / "documents" / "format.toml")
    fonts = register_fonts(fonts_dir, fmt)
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="hoso-signed-") as tmp:
        for doc in docs:
            if doc.name in names:
                target = Path(tmp) / f"{doc.name}.pdf"
                render_pdf(doc, fmt, fonts, target)
                out[doc.name] = _sha256(target)
    return out


def carry_signed(store: Store, catalog: Catalog, round_id: int, docs: Sequence[Document],
                 folder: Path, fonts_dir: Path) -> Carried:
    """Put the current signed copy of each of `docs` over `<folder>/<name>.pdf` when it is
    still current; the entries for dossier.json, and the titles left out."""
    current = signed_ops.signed_documents(store, round_id)
    wanted = {d.name: d for d in docs if d.name in current}
    if not wanted:
        return Carried()
    by_date: dict[str, list[tuple[signed_ops.SignedDocument, repo.SignedRow,
                                  repo.PreparedRow]]] = {}
    rows = {r.name: r for r in repo.current_signed(store.db, round_id)}
    for name in wanted:
        row = rows[name]
        prepared = repo.get_prepared(store.db, row.prepared_id)
        if prepared is not None:
            by_date.setdefault(prepared.dated, []).append((current[name], row, prepared))
    entries: list[dict[str, Any]] = []
    outdated: list[str] = []
    for dated, items in sorted(by_date.items()):
        fresh = _rendered_as_dated(store, catalog, round_id, {s.name for s, _r, _p in items},
                                   dated, fonts_dir)
        for signed, row, prepared in items:
            if fresh.get(signed.name) != prepared.sha256 or _sha256(signed.path) != row.sha256:
                outdated.append(wanted[signed.name].title)
                continue
            shutil.copyfile(signed.path, folder / f"{signed.name}.pdf")
            entries.append({
                "name": signed.name, "kind": prepared.kind, "sha256": row.sha256,
                "original_sha256": prepared.sha256, "original_size": prepared.size,
                "signatures": [_public(s) for s in signed.signatures]})
    return Carried(tuple(entries), tuple(outdated))


def _public(signature: dict[str, Any]) -> dict[str, Any]:
    """What dossier.json says of a signature (the province checks it again itself)."""
    keys = ("field", "signer", "organisation", "position", "signing_time", "timestamp",
            "certificate_sha256")
    return {k: signature.get(k) for k in keys if signature.get(k) not in (None, "")}

"""Which dossier PDFs carry empty signature fields, and where on a certificate (issue 15).

The kind's file says how it is signed (forms/documents/<kind>.toml `signing`); certificates
only where the province profile issues them as signed PDFs ([signing] certificates). The
renderer reads the answer from Document.metadata, so the builders need not know about it.
"""

from __future__ import annotations

from desktop.core.catalog import Catalog
from desktop.core.catalog.documents import DocumentKind

_PT = 0.3528     # mm per point


def certificates_signed(catalog: Catalog, province: str) -> bool:
    return catalog.province_or_default(province).signed_certificates


def field_metadata(kind: DocumentKind, certificates: bool) -> dict[str, str]:
    """metadata["signing"] (and, for a certificate, its signing area) for a document of
    `kind`; {} for a document nobody signs digitally."""
    if not kind.signing:
        return {}
    if kind.role != "certificate":
        return {"signing": kind.signing}
    if not certificates:
        return {}
    title, name = kind.placements.get("signer_title"), kind.placements.get("signer_name")
    if title is None or name is None:
        return {}
    # Between the signer's title line and the name's cap height, centred on the title.
    top = title.y_mm + 2.0
    bottom = name.y_mm - name.size * _PT
    return {"signing": kind.signing,
            "signing_area_mm": f"{title.x_mm:g},{top:g},{bottom:g}"}

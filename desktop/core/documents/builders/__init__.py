"""Builders: pure functions from DossierData (+ the document kind from forms/documents) to
Documents. They never read the store; desktop.core.operations.dossier gathers the data."""

from desktop.core.documents.builders.bien_ban import (
    ballot_nominations,
    build_bien_ban_hop,
    build_bien_ban_kiem_phieu,
    percent,
)
from desktop.core.documents.builders.danh_sach import basis_text, build_danh_sach
from desktop.core.documents.builders.lists import build_posting_list, build_registration_list
from desktop.core.documents.builders.quyet_dinh import (
    build_certificates,
    build_quyet_dinh,
    decided_groups,
    decision_key,
)
from desktop.core.documents.builders.reports import build_report, missing_message, missing_sections
from desktop.core.documents.builders.to_trinh import build_to_trinh

__all__ = [
    "ballot_nominations", "basis_text", "build_bien_ban_hop", "build_bien_ban_kiem_phieu",
    "build_certificates",
    "build_danh_sach", "build_posting_list", "build_quyet_dinh", "build_registration_list",
    "build_report", "build_to_trinh", "decided_groups", "decision_key", "missing_message",
    "missing_sections", "percent",
]

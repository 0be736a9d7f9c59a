"""The demo's province: a receiving office with its own key, so the demo commune can finish
its year in the GUI (issue 12). The office is a second data dir beside the demo's output
(`<out>/tinh`, openable with `hoso --data-dir <out>/tinh`); it enrols the commune's key,
takes in the demo package, and signs a receipt and a decisions file with its own key, which
the commune imports (Gói hồ sơ → Nhập biên nhận / quyết định…) after saving the office's
public key. Before this, the demo's answers were signed with the commune's own key and the
commune rightly refused them."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from desktop.core.catalog import Catalog
from desktop.core.model import Unit, UnitKind
from desktop.core.operations import keys, profiles
from desktop.core.operations import receiving as rc

# A passphrase-protected key file, not the OS keyring, as for the demo commune (scripts and CI
# have no keyring). README gives it.
PROVINCE_KEY_PASSPHRASE = "so noi vu demo"
PROVINCE_DIR = "tinh"
PROVINCE_UNIT = Unit(
    name="Sở Nội vụ tỉnh Phú Thọ",
    kind=UnitKind.CO_QUAN,
    superior_body="ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ",
    doc_code="SNV",
    code="PT-SNV",
    place_name="Phú Thọ",
    head_name="Nguyễn Văn Hòa",
    head_title="Giám đốc",
    officer_name="Trần Thị Lan",
    officer_title="Chuyên viên Ban Thi đua – Khen thưởng",
)
DECISION_NO = "2150/QĐ-UBND"
ISSUER = "Chủ tịch UBND tỉnh Phú Thọ"
INCOMPLETE = "Hồ sơ chưa đủ thành phần khi gửi"


@dataclass(frozen=True)
class ProvinceAnswers:
    """What the demo's province made: its data dir, its public key (for the commune to save)
    and the two signed files the commune imports."""

    data_dir: Path
    public_key: Path
    receipt: Path
    decisions: Path


def answer_demo_package(package: Path, unit_public_key: Path, unit: Unit, out: Path,
                        sent: Collection[tuple[str, int, str]], catalog: Catalog, actor: str,
                        today: date) -> ProvinceAnswers:
    """The province's side of the demo package: a profile in `out/tinh` with its own key,
    the commune enrolled, the package received, a receipt and a decisions file written to
    `out`. `sent`: (kind, subject id, target) of the nominations the commune marked as sent
    (dossier complete); they are granted by one decision, the others in the package (dossier
    still incomplete in the demo) are not granted, with the reason."""
    data_dir = out / PROVINCE_DIR
    _info, store = profiles.create_profile(data_dir, PROVINCE_UNIT, actor)
    try:
        keys.create_signing_key_file(store, None, PROVINCE_KEY_PASSPHRASE, actor, today)
        secret = keys.load_secret(store, None, PROVINCE_KEY_PASSPHRASE)
        office = keys.active_key(store)
        assert office is not None
        rc.enrol_unit(store, unit_public_key.read_text(encoding="utf-8"), unit.code or "",
                      unit.name, actor)
        received = rc.import_package(store, catalog, package, actor, today).received
        receipt = rc.issue_receipt(store, secret, received.id, out, actor, today,
                                   receiving_body=PROVINCE_UNIT.name)
        lines = [replace(d, granted=True, decision_no=DECISION_NO, decision_date=today,
                         issuer=ISSUER)
                 if (d.subject_kind, d.subject_id, d.target) in sent
                 else replace(d, granted=False, note=INCOMPLETE)
                 for d in rc.decisions_template(store, received.dossier_id)]
        decisions = rc.issue_decisions(store, secret, received.dossier_id, lines, out, actor,
                                       today)
    finally:
        store.close()
    public = out / f"{PROVINCE_UNIT.code}.pub"
    public.write_text(office.public_key_text, encoding="utf-8")
    return ProvinceAnswers(data_dir, public, receipt, decisions)


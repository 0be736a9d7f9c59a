"""Two profiles for the way-back tests: a commune that sent a dossier, a province office that
receives it. The commune's package is built with package.bag.build_package from its real
round and nominations (what the export operation does, without the documents issue)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.catalog import Catalog
from desktop.core.model import (
    Award,
    History,
    Initiative,
    Person,
    Rating,
    Scope,
    SubjectKind,
    SubjectRef,
    Unit,
    UnitKind,
    YearRecord,
)
from desktop.core.model.rounds import NominationStatus, RoundKind
from desktop.core.operations import registry as reg_ops
from desktop.core.operations import rounds as rounds_ops
from desktop.core.package import bag, minisign
from desktop.core.store import Store, open_store
from desktop.core.store import documents as doc_repo
from desktop.core.store import packages as pkg_repo
from desktop.core.store import rounds as rounds_repo

ACTOR = "Cán bộ thử"
UNIT_CODE = "PT-THANHSON"


def unit_profile(tmp: Path, name: str = "UBND xã Thanh Sơn", code: str = UNIT_CODE) -> Store:
    folder = tmp / code.lower()
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(folder / "hoso.sqlite", create=True)
    reg_ops.save_unit(store, Unit(
        name=name, kind=UnitKind.XA, superior_body="UBND tỉnh Phú Thọ", doc_code="UBND",
        place_name="Thanh Sơn", head_name="Hà Văn Bình", head_title="Chủ tịch",
        officer_name="Lê Thị Thu", officer_title="Công chức", code=code), ACTOR)
    return store


def province_profile(tmp: Path) -> Store:
    folder = tmp / "so-noi-vu"
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(folder / "hoso.sqlite", create=True)
    reg_ops.save_unit(store, Unit(
        name="Sở Nội vụ tỉnh Phú Thọ", kind=UnitKind.CO_QUAN, superior_body="UBND tỉnh Phú Thọ",
        doc_code="SNV", place_name="Phú Thọ", head_name="Trần Văn An", head_title="Giám đốc",
        officer_name="Phạm Thị Lan", officer_title="Chuyên viên", code="PT-SNV"), ACTOR)
    return store


def cstd_history() -> History:
    """CSTĐCS in 2024 and 2025, HTXS every year, a provincial sáng kiến in 2026: with the
    2026 CSTĐCS (by decision) this person becomes eligible for CSTĐ tỉnh 2026."""
    years = tuple(YearRecord(y, Rating.HTXS, exemplary=True, solidarity=True, movement=True)
                  for y in (2024, 2025, 2026))
    awards = tuple(Award(y, code, decision_no=f"{y}/QĐ-UBND", decision_date=date(y, 12, 20),
                         issuer="Chủ tịch UBND xã")
                   for y in (2024, 2025)
                   for code in ("lao_dong_tien_tien", "chien_si_thi_dua_co_so"))
    return History(years=years, awards=awards, initiatives=(
        Initiative(2026, "Số hóa hồ sơ một cửa", Scope.TINH, "12/QĐ-UBND",
                   date(2026, 6, 1), "UBND tỉnh"),))


@dataclass
class Sent:
    """What the commune sent: its round, nominations and the package."""

    round_id: int
    dossier_id: str
    nominations: dict[str, int]           # person name → nomination id
    people: dict[str, int]                # person name → person id
    secret: minisign.SecretKey
    public: minisign.PublicKey
    packages: list[bag.PackageInfo] = field(default_factory=list)
    with_ids: bool = True                 # False: subjects without ids, as export_round does


def nominate(store: Store, catalog: Catalog, today: date,
             status: NominationStatus = NominationStatus.EXPORTED,
             targets: Mapping[str, str] | None = None
             ) -> tuple[int, str, dict[str, int], dict[str, int]]:
    """Three people nominated (for CSTĐCS 2026 unless `targets` maps a name to another title)
    and moved to `status` (the council and checklist steps are issue 4's tests):
    (round id, dossier id, nominations, people) by name."""
    people = {}
    for name, history in (("Nguyễn Thị Hoà", cstd_history()),
                          ("Đặng Văn Minh", History(years=(YearRecord(2026, Rating.HTXS),))),
                          ("Lò Thị Sinh", History(years=(YearRecord(2026, Rating.HTXS),)))):
        person, _changes = reg_ops.add_person(store, catalog, Person(None, name), history,
                                              ACTOR, today)
        assert person.id is not None
        people[name] = person.id
    rnd, _c = rounds_ops.create_round(store, catalog, RoundKind.CONG_TRANG, 2026,
                                      "Xét khen thưởng cuối năm 2026", ACTOR, today,
                                      deadline=date(2026, 12, 15))
    assert rnd.id is not None
    noms = {}
    for name, pid in people.items():
        nom, _c = rounds_ops.add_nomination(
            store, catalog, rnd.id, SubjectRef(SubjectKind.PERSON, pid),
            (targets or {}).get(name, "chien_si_thi_dua_co_so"),
            "Thành tích xuất sắc trong năm", ACTOR, today)
        assert nom.id is not None
        noms[name] = nom.id
    with store.write() as db:
        dossier_id = doc_repo.dossier_id(db, rnd.id)
        for nid in noms.values():
            rounds_repo.set_nomination_status(db, nid, status)
    return rnd.id, dossier_id, noms, people


def nominate_and_send(store: Store, catalog: Catalog, tmp: Path, today: date,
                      secret: minisign.SecretKey | None = None) -> Sent:
    """Three people nominated for CSTĐCS 2026, marked exported, packed and signed."""
    if secret is None:
        secret, public = minisign.generate_keypair()
    else:
        public = secret.public()
    round_id, dossier_id, noms, people = nominate(store, catalog, today)
    with store.write() as db:
        pkg_repo.insert_signing_key(db, public.key_id_hex, minisign.public_key_file_text(public),
                                    "keyring")
    sent = Sent(round_id, dossier_id, noms, people, secret, public)
    send_revision(store, sent, tmp, 1)
    return sent


def dossier_json(store: Store, sent: Sent) -> dict[str, Any]:
    unit = reg_ops.get_unit(store)
    assert unit is not None
    nominations = []
    for nid in sent.nominations.values():
        nom = rounds_ops.get_nomination(store, nid)
        assert nom is not None
        person = reg_ops.get_person(store, nom.subject.id)
        subject = {"kind": "person", "name": nom.subject_name,
                   "birth_date": person.birth_date.isoformat()
                   if person and person.birth_date else None}
        if sent.with_ids:
            subject["id"] = nom.subject.id
        nominations.append({
            "subject": subject,
            "target": nom.target,
            "eligibility": {"verdict": nom.eligibility.verdict.value,
                            "reasons": [{"code": r.code, "message": r.message}
                                        for r in nom.eligibility.reasons]},
            "council": None})
    return {"unit": {"code": unit.code, "name": unit.name, "province": unit.province},
            "round": {"kind": "cong_trang", "year": 2026,
                      "name": "Xét khen thưởng cuối năm 2026"},
            "nominations": nominations}


def send_revision(store: Store, sent: Sent, tmp: Path, revision: int,
                  extra_note: str = "") -> bag.PackageInfo:
    out = tmp / f"out-r{revision}"
    out.mkdir(parents=True, exist_ok=True)
    pdf = out / "to-trinh.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% to trinh " + extra_note.encode() + b"\n%%EOF\n")
    dossier = dossier_json(store, sent)
    unit = reg_ops.get_unit(store)
    assert unit is not None
    info = bag.build_package(
        dossier=dossier, documents=[(pdf, "to_trinh")], sources=[], attachments=[],
        unit_code=unit.code, unit_name=unit.name, dossier_id=sent.dossier_id,
        revision=revision, revision_of=sent.packages[-1].sha256 if revision > 1 else None,
        secret_key=sent.secret, dest_dir=out, app_version="0.1.0",
        legal_basis="Luật TĐKT 2022", template_set="default")
    with store.write() as db:
        pkg_repo.insert_exported_package(db, sent.round_id, sent.dossier_id, revision,
                                         info.path.name, info.sha256, info.key_id)
    sent.packages.append(info)
    return info

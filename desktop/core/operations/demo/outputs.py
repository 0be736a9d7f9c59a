"""What `hoso demo --out` writes besides the profile: the demo round's full dossier (DOCX and
PDF), with sample report texts where the officer has written none, and the signed package with
the unit's public key that verifies it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.core.catalog import Catalog
from desktop.core.documents import builders as b
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.model.dossier import NominationData
from desktop.core.model.rounds import RoundKind
from desktop.core.operations import keys, packages
from desktop.core.operations import reports as reports_ops
from desktop.core.operations.demo.data import DemoData
from desktop.core.operations.demo.loading import demo_data
from desktop.core.operations.dossier import assemble, empty_round_message, write_dossier
from desktop.core.operations.rounds import list_rounds
from desktop.core.operations.sendings import DEMO_SENDING
from desktop.core.store import Store
from desktop.core.store import registry as repo
from desktop.core.text import format_date

# The demo's signing key is a passphrase-protected file, not the OS keyring: the demo is built
# by scripts and CI where no keyring exists. README gives the passphrase; a real unit's key is
# made in the first-run wizard and kept in the keyring.
DEMO_KEY_PASSPHRASE = "thanh son demo"


def demo_key_passphrase(store: Store) -> str | None:
    """The demo's key passphrase if this profile is the sample commune `hoso demo` built (the
    export dialog tells the officer trying the demo), else None: a real unit's passphrase is
    the officer's own and is written nowhere."""
    return DEMO_KEY_PASSPHRASE if repo.has_audit(store.db, "demo", "unit") else None


def report_sections(data: DemoData, catalog: Catalog, store: Store, n: NominationData,
                     year: int) -> dict[str, str]:
    """Each section of the nominee's report: the registry's suggestion, then the featured
    person's own text or the file's sample sentence, filled in for this nominee."""
    kind = catalog.documents[n.report_kind]
    suggested = reports_ops.prefill(store, catalog, n.id)
    seed = n.id * 7
    values = {"where": n.subject.where or n.subject.name, "n": 20 + seed % 30,
              "n2": 150 + seed % 200, "pct": 100 + seed % 15, "a": 3 + seed % 3,
              "b": 1 + seed % 2, "year": year, "name": n.subject.name,
              "members": n.subject.members, "day": format_date(date(year, 6, 1 + seed % 28))}
    featured = data.featured_person(n.subject.name) if n.subject.is_individual else None
    own_texts = featured.report if featured else {}
    samples = data.report_for(n.subject.where or n.subject.name)
    out = {}
    for section in kind.sections:
        own = (own_texts.get(section.code) or samples.get(section.code, "")).format(**values)
        out[section.code] = "\n".join(t for t in (suggested.get(section.code, ""), own) if t)
    return out


def write_demo_reports(store: Store, catalog: Catalog, today: date, actor: str,
                       data: DemoData | None = None) -> int:
    """Sample report texts for every proposed nominee of the demo round whose report has
    sections not written; returns the demo round's id."""
    data = data or demo_data()
    rounds = list_rounds(store)
    if not rounds:
        raise UserError(empty_round_message())
    rnd = rounds[0]
    assert rnd.id is not None
    dossier = assemble(store, catalog, rnd.id, today)
    for n in dossier.nominations:
        if n.report_kind and n.proposed and b.missing_sections(
                n, catalog.documents[n.report_kind]):
            reports_ops.save_report(store, catalog, n.id,
                                    report_sections(data, catalog, store, n, rnd.year), actor)
    return rnd.id


def write_demo_dossier(store: Store, catalog: Catalog, out: Path, today: date, actor: str,
                       data: DemoData | None = None) -> list[Path]:
    """The demo round's full dossier under `out`: sample report texts where the round has
    none, then every document as DOCX and PDF (issue 5)."""
    round_id = write_demo_reports(store, catalog, today, actor, data)
    return write_dossier(store, catalog, round_id, out, today)


def demo_package(store: Store, catalog: Catalog, out: Path, actor: str, today: date
                 ) -> tuple[Path, Path]:
    """Sign the demo round's province-bound dossier into `out` (issue 6); returns the package
    and the unit's public key file (minisign format) that verifies it."""
    key = keys.active_key(store) or keys.create_signing_key_file(
        store, None, DEMO_KEY_PASSPHRASE, actor, today)
    rounds = [r for r in list_rounds(store) if r.kind is RoundKind.CONG_TRANG and r.id]
    if not rounds:
        raise UserError(_("Dữ liệu mẫu không có đợt xét cuối năm."))
    round_id = rounds[-1].id or 0
    result = packages.export_round(store, catalog, None, round_id, out, actor, today,
                                   passphrase=DEMO_KEY_PASSPHRASE)
    # A sending the officer never made: the export dialog says so (operations.sendings)
    # rather than ask "Gửi lần 2?" as if they had forgotten a first one.
    with store.write() as db:
        repo.append_audit(db, actor, DEMO_SENDING, "round", round_id,
                          _("Dữ liệu mẫu gửi sẵn lần {r} ({name}) để tỉnh mẫu trả lời").format(
                              r=result.revision, name=result.file_name),
                          {"sha256": result.sha256, "revision": result.revision,
                           "out": str(out.resolve())})
    unit = repo.get_unit(store.db)
    public = out / f"{unit.code if unit else 'don-vi'}.pub"
    public.write_text(key.public_key_text, encoding="utf-8")
    return result.package, public

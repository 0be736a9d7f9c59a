"""Checking, installing and rolling back a law pack.

`examine_pack` runs every check and computes what would change without installing (the
`verify` command, the screen's preview); `install_pack` does the same and then switches;
`rollback` returns a publisher to the pack it used before. A pack is refused, each with its
own code, when it is unsafe, unsigned, tampered, from an untrusted key or outside its key's
scope (core.package.lawpack), not for this app version, not newer than the publisher's pack in
use (`lawpack.older`, `lawpack.already_installed`), when the catalog with it does not load
(`lawpack.breaks_catalog`), when its own worked examples fail (`lawpack.examples_fail`), or
when it changes a rule before its effective date (`lawpack.changes_before_effective`).
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.core.catalog import Catalog, CatalogError, Layer, example_day, load_catalog
from desktop.core.catalog.diff import Change, catalog_changes, earliest_change
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.operations.keys import fingerprint
from desktop.core.operations.lawpacks.effective import layers_of, usable_packs
from desktop.core.operations.lawpacks.state import (
    PACKS,
    Installed,
    State,
    dir_name,
    load_installed,
    pack_dir,
    read_state,
    remove_unused,
    root,
    write_json,
    write_state,
)
from desktop.core.operations.lawpacks.trust import trusted_keys
from desktop.core.package.lawpack import LawPack, LawPackRefused, read_lawpack
from desktop.core.package.lawpack_manifest import Manifest
from desktop.core.package.minisign import PublicKey
from desktop.core.rules.batch import BatchError, evaluate_case
from desktop.core.rules.engine import Engine

CHANGES_FORMAT = "hoso-lawpack-changes/1"


@dataclass(frozen=True)
class PackReport:
    """A pack that passed every check, what it changes and, after install_pack, where it
    went."""

    path: Path
    sha256: str
    manifest: Manifest
    key_id: str
    key_name: str
    key_source: str
    changes: tuple[Change, ...]
    previous_version: int | None
    installed: bool = False

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key_id)

    def to_json(self) -> dict[str, Any]:
        m = self.manifest
        return {"ok": True, "file": str(self.path), "sha256": self.sha256,
                "publisher": {"code": m.publisher, "name": m.publisher_name},
                "version": m.version, "replaces": m.replaces,
                "effective": m.effective.isoformat(), "created_at": m.created_at,
                "app_versions": [m.min_app_version, m.max_app_version],
                "summary": m.summary, "files": [f.forms_path for f in m.files],
                "key": {"id": self.key_id, "fingerprint": self.fingerprint,
                        "name": self.key_name, "source": self.key_source},
                "previous_version": self.previous_version, "installed": self.installed,
                "changes": [c.to_json() for c in self.changes]}


@dataclass(frozen=True)
class RollbackReport:
    publisher: str
    from_version: int
    to_version: int | None       # None: back to the forms bundled with the app
    changes: tuple[Change, ...]
    done: bool

    def to_json(self) -> dict[str, Any]:
        return {"ok": True, "publisher": self.publisher, "from_version": self.from_version,
                "to_version": self.to_version, "done": self.done,
                "changes": [c.to_json() for c in self.changes]}


def refused(code: str, message: str, hint: str = "", detail: str = "") -> LawPackRefused:
    return LawPackRefused(code, message, hint, detail)


# ---- the checks that need the catalog ---------------------------------------------------------


def _current(data_dir: Path | None, publisher: str) -> tuple[State, Installed | None]:
    if data_dir is None:
        return State(), None
    state = read_state(data_dir)
    entry = state.publishers.get(publisher, {})
    return state, load_installed(data_dir, publisher, entry, "current")


def _check_newer(pack: LawPack, current: Installed | None) -> None:
    if current is None:
        return
    new, old = pack.manifest.version, current.version
    if new == old:
        raise refused("lawpack.already_installed", _(
            "Gói quy định “{p}” số {n} đã được cài rồi.").format(p=pack.manifest.publisher,
                                                                n=new))
    if new < old:
        raise refused("lawpack.older", _(
            "Gói quy định “{p}” số {n} cũ hơn gói số {old} đang dùng nên không cài.").format(
            p=pack.manifest.publisher, n=new, old=old),
            _("Muốn dùng lại gói cũ, hãy dùng “Quay lại gói trước”."))


def _extract(pack: LawPack, target: Path) -> Path:
    """The pack's files under target/forms (names already checked by the reader, and
    checked again here against leaving the folder)."""
    forms = target / "forms"
    base = forms.resolve()
    for name, data in sorted(pack.files.items()):
        dest = (forms / name).resolve()
        if not dest.is_relative_to(base) or dest == base:
            raise refused("lawpack.bad_file", _("Gói chứa tệp không được phép: {d}.").format(
                d=name))
        dest.parent.mkdir(parents=True, exist_ok=True)
        with open(dest, "xb") as out:
            out.write(data)
    return forms


def _layers_with(data_dir: Path | None, publisher: str, replacement: Layer | None,
                 province: bool, app_version: str) -> tuple[list[Layer], list[Layer]]:
    """(layers now, layers with `publisher`'s pack replaced), in layer order."""
    packs = usable_packs(data_dir, app_version)[0] if data_dir is not None else []
    before = layers_of(packs)
    others = [p for p in packs if p.publisher != publisher]
    national = [Layer(p.forms, p.origin) for p in others if p.province is None]
    provincial = [Layer(p.forms, p.origin) for p in others if p.province is not None]
    extra = [replacement] if replacement is not None else []
    after = national + extra + provincial if not province else national + provincial + extra
    return before, after


def _load(forms_dir: Path, layers: Sequence[Layer], today: date) -> Catalog:
    return load_catalog(forms_dir, layers, as_of=today)


def _catalog_error(exc: CatalogError, staging: Path) -> str:
    return str(exc).replace(str(staging) + os.sep, "").replace(str(staging), "")[:600]


def example_failures(catalog: Catalog, origin: str) -> list[str]:
    """Worked examples of the pack's own title versions that do not give their verdict."""
    failures = []
    for code in catalog.all_title_codes():
        for info in catalog.title_versions(code):
            if info.origin != origin:
                continue
            for example in info.examples:
                view = catalog.on(example_day(info, example))
                try:
                    engine = Engine.for_province(view, str(example.get("province", "default")))
                    _id, verdict = evaluate_case(engine, {"target": code, **example},
                                                 int(example.get("review_year", 2026)))
                except (BatchError, UserError, KeyError, ValueError) as exc:
                    failures.append(f"{info.version} {example['id']}: {exc}")
                    continue
                if verdict.verdict != example["expected"]:
                    failures.append(f"{info.version} {example['id']}: {verdict.verdict} ≠ "
                                    f"{example['expected']}")
    return failures


def _assess(pack: LawPack, staging: Path, *, forms_dir: Path, data_dir: Path | None,
            app_version: str, today: date) -> tuple[tuple[Change, ...], Installed | None]:
    _state, current = _current(data_dir, pack.manifest.publisher)
    _check_newer(pack, current)
    forms = _extract(pack, staging)
    origin = f"lawpack:{pack.manifest.publisher}/{pack.manifest.version}"
    before_layers, after_layers = _layers_with(
        data_dir, pack.manifest.publisher, Layer(forms, origin), pack.key.province is not None,
        app_version)
    try:
        before = _load(forms_dir, before_layers, today)
    except CatalogError:   # what is installed no longer loads: compare with the bundled rules
        before = _load(forms_dir, [], today)
    try:
        after = _load(forms_dir, after_layers, today)
    except CatalogError as exc:
        raise refused("lawpack.breaks_catalog", _(
            "Quy định trong gói không khớp với quy định đang dùng nên không cài: {why}").format(
            why=_catalog_error(exc, forms)), detail=_catalog_error(exc, forms)) from None
    failures = example_failures(after, origin)
    if failures:
        raise refused("lawpack.examples_fail", _(
            "Các ví dụ mẫu trong gói cho kết luận khác với điều gói ghi nên không cài: "
            "{what}").format(what="; ".join(failures[:5])), detail="; ".join(failures))
    changes = tuple(catalog_changes(before, after))
    first = earliest_change(list(changes))
    if first is not None and first < pack.manifest.effective:
        raise refused("lawpack.changes_before_effective", _(
            "Gói ghi hiệu lực từ {effective} nhưng làm đổi quy định từ {first}: không cài, vì "
            "kết luận của những ngày trước đó sẽ bị thay đổi.").format(
            effective=pack.manifest.effective.strftime("%d/%m/%Y"),
            first=first.strftime("%d/%m/%Y")), detail=first.isoformat())
    return changes, current


def _report(pack: LawPack, changes: tuple[Change, ...], current: Installed | None,
            installed: bool) -> PackReport:
    return PackReport(pack.path, pack.sha256, pack.manifest, pack.key.key_id, pack.key.name,
                      pack.key.source, changes, current.version if current else None,
                      installed)


@contextmanager
def _staging(data_dir: Path | None, publisher: str) -> Iterator[Path]:
    """A private folder for a pack's files while they are checked; removed unless renamed."""
    if data_dir is None:
        with tempfile.TemporaryDirectory(prefix="hoso-lawpack-") as tmp:
            yield Path(tmp)
        return
    parent = root(data_dir) / PACKS / publisher
    parent.mkdir(parents=True, exist_ok=True)
    folder = parent / f".staging-{os.getpid()}-{secrets.token_hex(4)}"
    folder.mkdir()
    try:
        yield folder
    finally:
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)


# ---- the operations ---------------------------------------------------------------------------


def examine_pack(pack_path: Path, *, forms_dir: Path, bundled_keys_dir: Path,
                 data_dir: Path | None = None, given_keys: tuple[PublicKey, ...] = (),
                 app_version: str = __version__, today: date | None = None) -> PackReport:
    """Every check install_pack runs, and what installing would change; nothing installed.
    Without `data_dir`, against the bundled forms and keys only."""
    keys = trusted_keys(data_dir, bundled_keys_dir, given_keys)
    pack = read_lawpack(pack_path, keys, app_version)
    with _staging(data_dir, pack.manifest.publisher) as staging:
        changes, current = _assess(pack, staging, forms_dir=forms_dir, data_dir=data_dir,
                                   app_version=app_version, today=today or date.today())
    return _report(pack, changes, current, False)


def install_pack(pack_path: Path, *, forms_dir: Path, bundled_keys_dir: Path, data_dir: Path,
                 actor: str, now: datetime, given_keys: tuple[PublicKey, ...] = (),
                 app_version: str = __version__) -> PackReport:
    """Check the pack, lay it beside the bundled forms in the data dir and switch to it; the
    publisher's pack in use until now is kept for rollback."""
    keys = trusted_keys(data_dir, bundled_keys_dir, given_keys)
    pack = read_lawpack(pack_path, keys, app_version)
    publisher = pack.manifest.publisher
    with _staging(data_dir, publisher) as staging:
        changes, current = _assess(pack, staging, forms_dir=forms_dir, data_dir=data_dir,
                                   app_version=app_version, today=now.date())
        (staging / "pack.zip").write_bytes(pack.raw)
        (staging / "lawpack.json").write_bytes(pack.manifest_raw)
        write_json(staging / "changes.json", {"format": CHANGES_FORMAT,
                                              "changes": [c.to_json() for c in changes]})
        name = dir_name(pack.manifest.version, pack.sha256)
        final = pack_dir(data_dir, publisher, name)
        if final.exists():   # a crashed install's folder that state.json never named
            shutil.rmtree(final)
        os.replace(staging, final)
    state = read_state(data_dir)
    entry = dict(state.publishers.get(publisher, {}))
    old = entry.get("current")
    stamp = now.isoformat(timespec="seconds")
    installed = dict(entry.get("installed", {})) if isinstance(entry.get("installed"),
                                                                dict) else {}
    installed[name] = {"at": stamp, "actor": actor, "key_id": pack.key.key_id,
                       "sha256": pack.sha256}
    keep = {name} | ({old} if old else set())
    state.publishers[publisher] = {
        "current": name, "previous": old, "province": pack.key.province,
        "installed": {k: v for k, v in installed.items() if k in keep}}
    state.history.append({"at": stamp, "actor": actor, "action": "install",
                          "publisher": publisher, "version": pack.manifest.version,
                          "from_version": current.version if current else None})
    write_state(data_dir, state)
    remove_unused(data_dir, publisher, keep)
    return _report(pack, changes, current, True)


def _rollback_target(state: State, publisher: str | None) -> str:
    if publisher:
        if publisher not in state.publishers or not state.publishers[publisher].get("current"):
            raise UserError(_("Chưa cài gói quy định nào của “{p}”.").format(p=publisher),
                            code="lawpack.nothing_to_roll_back")
        return publisher
    for item in reversed(state.history):
        name = item.get("publisher")
        if item.get("action") == "install" and isinstance(name, str) and \
                state.publishers.get(name, {}).get("current"):
            return name
    raise UserError(_("Chưa cài gói quy định nào nên không có gì để quay lại."),
                    code="lawpack.nothing_to_roll_back")


def rollback(data_dir: Path, *, forms_dir: Path, actor: str, now: datetime,
             publisher: str | None = None, dry_run: bool = False,
             app_version: str = __version__) -> RollbackReport:
    """Return `publisher` (by default the one installed last) to the pack it used before,
    or to the bundled forms when it had none; what changes back is computed as for an
    install."""
    state = read_state(data_dir)
    publisher = _rollback_target(state, publisher)
    entry = dict(state.publishers[publisher])
    current = load_installed(data_dir, publisher, entry, "current")
    previous = load_installed(data_dir, publisher, entry, "previous")
    assert current is not None
    replacement = Layer(previous.forms, previous.origin) if previous is not None else None
    before_layers, after_layers = _layers_with(data_dir, publisher, replacement,
                                               current.province is not None, app_version)
    today = now.date()
    try:
        before = _load(forms_dir, before_layers, today)
    except CatalogError:
        before = _load(forms_dir, [], today)
    try:
        after = _load(forms_dir, after_layers, today)
    except CatalogError as exc:
        raise refused("lawpack.breaks_catalog", _(
            "Quay lại gói trước thì quy định không còn khớp nên không quay lại: {why}").format(
            why=str(exc)[:400])) from None
    changes = tuple(catalog_changes(before, after))
    report = RollbackReport(publisher, current.version,
                            previous.version if previous else None, changes, not dry_run)
    if dry_run:
        return report
    stamp = now.isoformat(timespec="seconds")
    if previous is None:
        del state.publishers[publisher]
    else:
        name = str(entry["previous"])
        installed = entry.get("installed", {})
        state.publishers[publisher] = {
            "current": name, "previous": None, "province": entry.get("province"),
            "installed": {name: installed.get(name, {})} if isinstance(installed, dict) else {}}
    state.history.append({"at": stamp, "actor": actor, "action": "rollback",
                          "publisher": publisher,
                          "version": previous.version if previous else None,
                          "from_version": current.version})
    write_state(data_dir, state)
    remove_unused(data_dir, publisher, {str(entry["previous"])} if previous else set())
    return report


@dataclass(frozen=True)
class PackRow:
    """One pack for the list: in use or kept for rollback."""

    pack: Installed
    in_use: bool


def list_packs(data_dir: Path) -> list[PackRow]:
    state = read_state(data_dir)
    rows = []
    for publisher in sorted(state.publishers):
        entry = state.publishers[publisher]
        for which in ("current", "previous"):
            pack = load_installed(data_dir, publisher, entry, which)
            if pack is not None:
                rows.append(PackRow(pack, which == "current"))
    return rows


def history(data_dir: Path) -> list[dict[str, Any]]:
    return list(read_state(data_dir).history)

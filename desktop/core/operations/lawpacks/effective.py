"""The catalog the app and every command use: the bundled forms/ with the installed law packs
laid over them.

Layers, lowest first: the bundled forms, the national publishers' packs (by publisher code),
then the provinces' packs (each may carry only its own profile). A pack not valid for this
app version is set aside, and so is every pack if together they no longer load (an app
update whose forms/ a pack contradicts): the app then starts on its bundled rules and says
which pack it set aside and why, never refusing to start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop import __version__
from desktop.core.catalog import Catalog, CatalogError, Layer, load_catalog
from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.operations.lawpacks.state import Installed, load_installed, read_state
from desktop.core.package.lawpack_manifest import app_version_fits


@dataclass(frozen=True)
class Notice:
    """A pack the app did not use this time, and why (shown on the law-pack screen)."""

    publisher: str
    version: int
    message: str


def installed_packs(data_dir: Path) -> list[Installed]:
    """The packs in use, one per publisher, in layer order (national first)."""
    state = read_state(data_dir)
    found = []
    for publisher, entry in state.publishers.items():
        current = load_installed(data_dir, publisher, entry, "current")
        if current is not None:
            found.append(current)
    return sorted(found, key=lambda p: (p.province is not None, p.publisher))


def layers_of(packs: list[Installed]) -> list[Layer]:
    return [Layer(p.forms, p.origin) for p in packs]


def usable_packs(data_dir: Path, app_version: str = __version__
                 ) -> tuple[list[Installed], list[Notice]]:
    notices: list[Notice] = []
    try:
        packs = installed_packs(data_dir)
    except UserError as exc:
        return [], [Notice("", 0, exc.message)]
    usable = []
    for pack in packs:
        if app_version_fits(pack.manifest, app_version):
            usable.append(pack)
        else:
            notices.append(Notice(pack.publisher, pack.version, _(
                "Gói quy định “{p}” số {n} không dùng được với phiên bản {v} của phần mềm nên "
                "tạm không áp dụng.").format(p=pack.publisher, n=pack.version, v=app_version)))
    return usable, notices


def effective_catalog(forms_dir: Path, data_dir: Path | None, *, as_of: date | None = None,
                      app_version: str = __version__) -> tuple[Catalog, list[Notice]]:
    """The catalog with every usable installed pack, and what was set aside."""
    if data_dir is None:
        return load_catalog(forms_dir, as_of=as_of), []
    packs, notices = usable_packs(data_dir, app_version)
    if not packs:
        return load_catalog(forms_dir, as_of=as_of), notices
    try:
        return load_catalog(forms_dir, layers_of(packs), as_of=as_of), notices
    except CatalogError as exc:
        notices += [Notice(p.publisher, p.version, _(
            "Gói quy định “{p}” số {n} không khớp với quy định kèm phần mềm này ({why}) nên "
            "tạm không áp dụng; hãy cài gói mới hơn hoặc quay lại gói trước.").format(
                p=p.publisher, n=p.version, why=str(exc)[:300])) for p in packs]
        return load_catalog(forms_dir, as_of=as_of), notices

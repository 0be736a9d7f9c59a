"""Where installed law packs live, and the one file that says which are in use.

    <data dir>/lawpacks/state.json           per publisher: the pack in use and the one before
    <data dir>/lawpacks/trusted-keys.json    the provinces' keys the officer enrolled
    <data dir>/lawpacks/packs/<publisher>/<version>-<sha12>/
        pack.zip        the signed pack as received (it can be checked again at any time)
        lawpack.json    its manifest (the signed bytes)
        forms/…         its files, laid over the bundled forms/
        changes.json    what it changed, in words, computed when it was installed

The bundled forms/ are never written. Installing writes a new folder beside the others and
then replaces state.json atomically: until that rename the app uses what it used before, after
it the new pack; a crash in between leaves an unused folder that the next install removes.
The data dir is shared by the unit profiles on this computer, as the law is.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.catalog.diff import Change
from desktop.core.errors import UserError
from desktop.core.files import write_atomic
from desktop.core.i18n import _
from desktop.core.package.lawpack_manifest import Manifest, ManifestError, parse_manifest

FOLDER = "lawpacks"
STATE = "state.json"
STATE_FORMAT = "hoso-lawpacks/1"
KEYS = "trusted-keys.json"
KEYS_FORMAT = "hoso-lawpack-keys/1"
PACKS = "packs"
MAX_STATE_BYTES = 1024 * 1024
MAX_HISTORY = 200
_DIR = re.compile(r"^[0-9]{1,9}-[0-9a-f]{12}$")
_PUBLISHER = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def root(data_dir: Path) -> Path:
    return data_dir / FOLDER


def pack_dir(data_dir: Path, publisher: str, name: str) -> Path:
    return root(data_dir) / PACKS / publisher / name


def dir_name(version: int, sha256: str) -> str:
    return f"{version}-{sha256[:12]}"


def _damaged(path: Path, why: str) -> UserError:
    return UserError(_("Tệp {path} bị hỏng ({why}).").format(path=path, why=why),
                     _("Các gói quy định đã cài tạm không dùng; phần mềm dùng quy định kèm "
                       "theo. Hãy cài lại gói quy định."), code="lawpack.state_damaged")


def read_json(path: Path, expected_format: str) -> dict[str, Any]:
    """A small JSON file of ours; {} when missing, UserError when damaged."""
    try:
        if path.stat().st_size > MAX_STATE_BYTES:
            raise _damaged(path, "too large")
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _damaged(path, str(exc)[:200]) from None
    if not isinstance(data, dict) or data.get("format") != expected_format:
        raise _damaged(path, "format")
    return data


def write_json(path: Path, data: Mapping[str, Any]) -> None:
    try:
        write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n")
                     .encode("utf-8"))
    except OSError as exc:
        raise UserError(_("Không ghi được {path}: {why}").format(path=path,
                                                                why=exc.strerror or exc),
                        _("Hãy kiểm tra ổ đĩa còn chỗ và cho phép ghi."),
                        code="lawpack.write_failed") from exc


@dataclass(frozen=True)
class Installed:
    """One installed pack: its publisher's series, its folder, its manifest and the changes
    it made when installed."""

    publisher: str
    folder: Path
    manifest: Manifest
    province: str | None
    key_id: str
    installed_at: str
    changes: tuple[Change, ...] = ()

    @property
    def version(self) -> int:
        return self.manifest.version

    @property
    def origin(self) -> str:
        return f"lawpack:{self.publisher}/{self.manifest.version}"

    @property
    def forms(self) -> Path:
        return self.folder / "forms"


@dataclass
class State:
    """state.json: per publisher {"current", "previous", "province", …}, and a history."""

    publishers: dict[str, dict[str, Any]] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"format": STATE_FORMAT, "publishers": self.publishers,
                "history": self.history[-MAX_HISTORY:]}


def read_state(data_dir: Path) -> State:
    path = root(data_dir) / STATE
    data = read_json(path, STATE_FORMAT)
    publishers = data.get("publishers", {})
    history = data.get("history", [])
    if not isinstance(publishers, dict) or not isinstance(history, list):
        raise _damaged(path, "structure")
    for code, entry in publishers.items():
        if not _PUBLISHER.match(str(code)) or not isinstance(entry, dict):
            raise _damaged(path, f"publisher {code!r}")
        for key in ("current", "previous"):
            value = entry.get(key)
            if value is not None and (not isinstance(value, str) or not _DIR.match(value)):
                raise _damaged(path, f"{code}.{key}")
    return State(publishers, [h for h in history if isinstance(h, dict)])


def write_state(data_dir: Path, state: State) -> None:
    write_json(root(data_dir) / STATE, state.to_json())


def load_installed(data_dir: Path, publisher: str, entry: Mapping[str, Any], which: str
                   ) -> Installed | None:
    """The pack `which` ("current" or "previous") of a publisher, read from its folder."""
    name = entry.get(which)
    if not name:
        return None
    folder = pack_dir(data_dir, publisher, str(name))
    manifest_path = folder / "lawpack.json"
    try:
        manifest = parse_manifest(manifest_path.read_bytes())
    except (OSError, ManifestError) as exc:
        raise _damaged(manifest_path, str(exc)[:200]) from None
    changes_raw = read_json(folder / "changes.json", "hoso-lawpack-changes/1")
    changes = tuple(Change.from_json(c) for c in changes_raw.get("changes", [])
                    if isinstance(c, dict))
    info = entry.get("installed", {}).get(str(name), {}) if isinstance(
        entry.get("installed"), dict) else {}
    province = entry.get("province")
    return Installed(publisher, folder, manifest,
                     str(province) if isinstance(province, str) else None,
                     str(info.get("key_id", "")), str(info.get("at", "")), changes)


def remove_unused(data_dir: Path, publisher: str, keep: set[str]) -> None:
    """Folders of a publisher that state.json no longer names (older packs, a crashed
    install's leftovers); failing to remove one is not worth stopping for."""
    folder = root(data_dir) / PACKS / publisher
    if not folder.is_dir():
        return
    for child in folder.iterdir():
        if child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)

"""Law packs (issue 14): signed updates of forms/ carried offline, installed beside the
bundled forms, rolled back in one step.

- effective.py — the catalog the app uses: the bundled forms with the packs in use.
- trust.py — whose packs are accepted: the bundled project key, the provinces' keys the
  officer enrolled, a key named on the command line.
- install.py — examine (every check and what would change), install, rollback, the list.
- state.py — the data dir's lawpacks/ folder and its state.json.
- publishing.py — for publishers: a key pair, its enrolment sheet, building a pack.
"""

from __future__ import annotations

from desktop.core.catalog.diff import Change
from desktop.core.operations.keys import fingerprint
from desktop.core.operations.lawpacks.effective import (
    Notice,
    effective_catalog,
    installed_packs,
)
from desktop.core.operations.lawpacks.install import (
    PackReport,
    PackRow,
    RollbackReport,
    examine_pack,
    history,
    install_pack,
    list_packs,
    rollback,
)
from desktop.core.operations.lawpacks.publishing import (
    KeyPairFiles,
    build_pack,
    make_key_pair,
    publisher_name_beside,
    read_secret,
)
from desktop.core.operations.lawpacks.state import Installed
from desktop.core.operations.lawpacks.trust import (
    KeyInfo,
    enrol_province_key,
    list_keys,
    parse_key_text,
    remove_province_key,
    trusted_keys,
)

__all__ = [
    "Change", "Installed", "KeyInfo", "KeyPairFiles", "Notice", "PackReport", "PackRow",
    "RollbackReport", "build_pack", "effective_catalog", "enrol_province_key", "examine_pack",
    "fingerprint", "history", "install_pack", "installed_packs", "list_keys", "list_packs",
    "make_key_pair", "parse_key_text", "publisher_name_beside", "read_secret",
    "remove_province_key", "rollback", "trusted_keys",
]

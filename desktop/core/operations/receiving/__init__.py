"""The way back (issue 6 item 5): a receiving office takes packages in, and answers with a
signed receipt (biên nhận) and later a signed decisions file, which the unit imports.

Any profile can act as a receiving office (the Ban Thi đua – Khen thưởng or the Sở Nội vụ
uses the same app): it enrols each unit's public key (from the unit's enrolment sheet / .pub
file), imports packages — verified with those keys, copied under their SHA-256 into the
profile's `received/` folder, duplicates recognised, revisions chained — and signs receipts
and decisions files with its own signing key (desktop.core.operations.keys).

    enrolment         units' keys (province side) and the province's key (unit side)
    intake            importing packages, the list of dossiers received
    receipts          issuing a receipt (province) and importing it (unit)
    decisions         the province's decisions file: checked, signed, written
    decisions_import  the unit imports it into its nominations and history
    check             the "Kiểm tra gói" explanation of a package, check by check
    sent              the unit's sent packages and their receipts
    files             the received/ folder, digests, atomic copies, signed writes

Every function takes its dependencies as arguments, writes in one transaction with an audit
entry, and raises UserError / ValidationError (with a code) saying what to do.
"""

from desktop.core.operations.receiving.check import (
    CheckLine,
    PackageCheck,
    check_package,
    key_fingerprint,
)
from desktop.core.operations.receiving.decisions import (
    Decision,
    decisions_file_name,
    decisions_template,
    issue_decisions,
    validate_decisions,
)
from desktop.core.operations.receiving.decisions_import import DecisionsResult, import_decisions
from desktop.core.operations.receiving.enrolment import (
    ENROL_HINT,
    PROVINCE_CODE,
    KnownUnit,
    enrol_unit,
    known_units,
    province_keys,
    retire_unit_key,
    set_province_key,
    trusted_unit_keys,
)
from desktop.core.operations.receiving.files import RECEIVED_DIR, received_dir, sha256_file
from desktop.core.operations.receiving.intake import (
    ImportResult,
    PackageRefused,
    ReceivedDossier,
    get_received,
    import_package,
    received,
)
from desktop.core.operations.receiving.receipts import (
    ReceiptResult,
    import_receipt,
    issue_receipt,
    receipt_file_name,
)
from desktop.core.operations.receiving.sent import SentPackage, sent_packages

__all__ = [
    "ENROL_HINT",
    "PROVINCE_CODE",
    "RECEIVED_DIR",
    "CheckLine",
    "Decision",
    "DecisionsResult",
    "ImportResult",
    "KnownUnit",
    "PackageCheck",
    "PackageRefused",
    "ReceiptResult",
    "ReceivedDossier",
    "SentPackage",
    "check_package",
    "decisions_file_name",
    "decisions_template",
    "enrol_unit",
    "get_received",
    "import_decisions",
    "import_package",
    "import_receipt",
    "issue_decisions",
    "issue_receipt",
    "key_fingerprint",
    "known_units",
    "province_keys",
    "receipt_file_name",
    "received",
    "received_dir",
    "retire_unit_key",
    "sent_packages",
    "set_province_key",
    "sha256_file",
    "trusted_unit_keys",
    "validate_decisions",
]

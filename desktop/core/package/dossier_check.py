"""data/dossier.json from outside: strict JSON, the schema's limits, and the cross-field rules
a JSON Schema cannot say (docs/package-format.md §5).

A signed dossier is still refused when it is absurd: a million votes in a twelve-member
council, a meeting after the package was made, a name of ten megabytes. Each class has its
own reason code, so the province sees what is wrong, not only that something is.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from desktop.core.package import strictjson
from desktop.core.package.schema import schema_errors
from desktop.core.package.zipsafe import Finding

MAX_ANY_TEXT = 10_000                 # any string, also under keys this version does not name
MAX_ANY_LIST = 10_000
EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)
MAX_FINDINGS = 20

# A JSON Schema keyword → the reason code of the limit it enforces ("format": the schema's
# only format is "date", a day that does not exist, as the cross-field rules call it).
_KEYWORD_CODES = {"maxLength": "text_too_long", "maxItems": "too_many_items",
                  "maximum": "number_too_large", "exclusiveMaximum": "number_too_large",
                  "format": "dates_out_of_order"}


def load(data: bytes, max_bytes: int) -> tuple[dict[str, Any] | None, list[Finding]]:
    """The dossier when it passes every check; else None and the findings (at most 20)."""
    if len(data) > max_bytes:
        return None, [("dossier_too_large", f"{len(data)} > {max_bytes} byte")]
    try:
        dossier = strictjson.loads(data, max_text=MAX_ANY_TEXT, max_items=MAX_ANY_LIST)
    except strictjson.StrictJSONError as exc:
        return None, [(exc.code, exc.detail)]
    found: list[Finding] = []
    for keyword, where, message in schema_errors(dossier)[:MAX_FINDINGS]:
        found.append((_KEYWORD_CODES.get(keyword, "schema_invalid"), f"{where}: {message}"))
    if found:
        return None, found
    found = list(_cross_field(dossier))[:MAX_FINDINGS]
    return (None, found) if found else (dossier, [])


def _day(text: Any, where: str, problems: list[Finding]) -> date | None:
    if text is None:
        return None
    try:
        day = date.fromisoformat(str(text))
    except ValueError:
        problems.append(("dates_out_of_order", f"{where}: {str(text)[:20]} không có thật"))
        return None
    if not EARLIEST <= day <= LATEST:
        problems.append(("dates_out_of_order", f"{where}: {day}"))
        return None
    return day


def _created(dossier: Mapping[str, Any], problems: list[Finding]) -> date | None:
    text = dossier.get("created_at")
    if text is None:
        return None
    try:
        when = datetime.fromisoformat(str(text))
    except ValueError:
        problems.append(("dates_out_of_order", f"created_at: {str(text)[:40]}"))
        return None
    return _day(when.date().isoformat(), "created_at", problems)


def _cross_field(dossier: Mapping[str, Any]) -> Iterator[Finding]:
    problems: list[Finding] = []
    made = _created(dossier, problems)
    # A meeting or a birth "tomorrow" in the unit's time zone is still today in UTC+7 terms.
    latest = made + timedelta(days=1) if made else None
    _day(dossier["round"].get("deadline"), "round/deadline", problems)
    appraisal = dossier.get("appraisal")
    if appraisal is not None:   # the check runs when the package is made, not later
        checked = _day(appraisal["checked_on"], "appraisal/checked_on", problems)
        if checked is not None and latest is not None and checked > latest:
            problems.append(("dates_out_of_order", f"appraisal/checked_on {checked} > {made}"))
    revision, revision_of = dossier["revision"], dossier.get("revision_of")
    if (revision == 1) != (revision_of is None):
        problems.append(("dossier_mismatch", f"revision {revision}, revision_of {revision_of}"))
    nominations = dossier["nominations"]
    for index, nom in enumerate(nominations):
        where = f"nominations/{index}"
        born = _day(nom["subject"].get("birth_date"), f"{where}/subject/birth_date", problems)
        council = nom.get("council")
        held = None
        if council is not None:
            held = _day(council.get("held_on"), f"{where}/council/held_on", problems)
            problems += _council(council, f"{where}/council")
        if born is not None and held is not None and born >= held:
            problems.append(("dates_out_of_order", f"{where}: birth {born} ≥ meeting {held}"))
        for label, day in (("birth_date", born), ("held_on", held)):
            if day is not None and latest is not None and day > latest:
                problems.append(("dates_out_of_order", f"{where}: {label} {day} > {made}"))
    for group in ("documents", "sources", "attachments"):
        for index, entry in enumerate(dossier.get(group, [])):
            target = entry.get("nomination")
            if target is not None and target >= len(nominations):
                problems.append(("dossier_mismatch", f"{group}/{index}/nomination {target}"))
    yield from problems


def _council(council: Mapping[str, Any], where: str) -> list[Finding]:
    """Counts that cannot be: more present than members, more votes than ballots or members.

    Ballots are not compared with `present`: members absent with a written opinion vote too
    (operations.rounds.record_vote), and dossier.json does not carry their number.
    """
    members, present, votes = (council["members_total"], council["present"],
                               council["votes_for"])
    issued, valid = council.get("ballots_issued"), council.get("ballots_valid")
    chain = [("votes_for", votes)]
    if valid is not None:
        chain.append(("ballots_valid", valid))
    if issued is not None:
        chain.append(("ballots_issued", issued))
    chain.append(("members_total", members))
    found: list[Finding] = []
    pairs = [*itertools.pairwise(chain), (("present", present), ("members_total", members))]
    for (low_name, low), (high_name, high) in pairs:
        if low > high:
            found.append(("council_inconsistent", f"{where}: {low_name} {low} > {high_name} "
                                                  f"{high}"))
    return found

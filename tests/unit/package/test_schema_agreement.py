"""The accept path (fastjsonschema, compiled) and the error list (jsonschema's
Draft202012Validator) must give the same verdict on every dossier: a dossier the first accepts
and the second would refuse, or the reverse, would make the verifier's answer depend on which
one ran. Checked on the signed package's dossier and on the hostile changes the suite makes to
it (test_hostile), plus the places where draft 2019 and Python's re could read the 2020-12
schema differently: a keyword beside "$ref", "$" before a final newline, booleans as numbers,
"format"."""

from __future__ import annotations

import copy
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest

from desktop.core.package import schema

Change = Callable[[dict[str, Any]], None]


def _council(data: dict[str, Any]) -> dict[str, Any]:
    council: dict[str, Any] = data["nominations"][0]["council"]
    return council


def _set(*path: str | int, value: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
    return change


def _drop(*path: str | int) -> Change:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]
    return change


HEX = "a" * 64
CASES: list[tuple[str, Change, bool]] = [
    ("unchanged", lambda d: None, True),
    # test_hostile's signed-but-absurd changes (schema-valid or not, both must agree)
    ("million votes", lambda d: _council(d).update(votes_for=1_000_000, members_total=12),
     False),
    ("votes over members", lambda d: _council(d).update(votes_for=13, members_total=12,
                                                        present=12), True),
    ("present -1", lambda d: _council(d).update(present=-1), False),
    ("held 30 Feb", lambda d: _council(d).update(held_on="2026-02-30"), False),
    ("deadline 31 April", _set("round", "deadline", value="2026-04-31"), False),
    ("deadline in ISO week form", _set("round", "deadline", value="2026-W01-1"), False),
    ("revision_of", lambda d: d.update(revision_of=HEX), True),
    ("201 reasons", lambda d: d["nominations"][0]["eligibility"].update(
        reasons=[{"code": "a", "message": "b"}] * 201), False),
    ("name 5000", _set("nominations", 0, "subject", "name", value="A" * 5000), False),
    ("revision huge", _set("revision", value=int("1" * 50)), False),
    ("threshold 1.5", lambda d: _council(d).update(threshold=1.5), False),
    # a keyword beside "$ref": the path pattern of each list's files
    ("document outside its folder", _set("documents", 0, "path", value="data/sources/x.pdf"),
     False),
    ("attachment path ..", _set("attachments", 0, "path", value="data/attachments/../x"),
     False),
    ("document without sha256", _drop("documents", 0, "sha256"), False),
    # "$" is the end of the text, not "before a final newline"
    ("sha256 with a newline", _set("documents", 0, "sha256", value=HEX + "\n"), False),
    ("revision_of with a newline", _set("revision_of", value=HEX + "\n"), False),
    ("target with a newline", _set("nominations", 0, "target", value="cstdcs\n"), False),
    ("unit code with a newline", _set("unit", "code", value="XTL01\n"), False),
    ("path with a newline", _set("documents", 0, "path", value="data/documents/a.pdf\n"),
     False),
    ("uppercase sha256", _set("documents", 0, "sha256", value="A" * 64), False),
    # JSON types as Python sees them
    ("revision true", _set("revision", value=True), False),
    ("revision 1.0", _set("revision", value=1.0), True),
    ("revision 1.5", _set("revision", value=1.5), False),
    ("simplified 1", _set("nominations", 0, "simplified", value=1), False),
    ("threshold true", lambda d: _council(d).update(threshold=True), False),
    ("council null", _set("nominations", 0, "council", value=None), True),
    ("council list", _set("nominations", 0, "council", value=[]), False),
    ("council without passed", lambda d: _council(d).pop("passed"), False),
    ("schema other", _set("schema", value="hoso-dossier/2"), False),
    ("kind unknown", _set("round", "kind", value="khac"), False),
    ("missing unit", _drop("unit"), False),
    ("extra key", _set("extra", value={"anything": [1, 2]}), True),
    ("empty name", _set("unit", "name", value=""), False),
    ("Vietnamese name of 500", _set("unit", "name", value="Ự" * 500), True),
    ("Vietnamese name of 501", _set("unit", "name", value="Ự" * 501), False),
    # "format": "date" is checked by both (2020-12 leaves it an annotation unless told)
    ("appraisal date not a date", _set("appraisal", value={"checked_on": "abc",
                                                            "problems": []}), False),
    ("appraisal 30 February", _set("appraisal", value={"checked_on": "2026-02-30",
                                                        "problems": []}), False),
    ("appraisal date without dashes", _set("appraisal", value={"checked_on": "20260101",
                                                                "problems": []}), False),
    ("appraisal date of arabic-indic digits", _set("appraisal", value={
        "checked_on": "٢٠٢٦-٠١-٠١", "problems": []}), False),
    ("appraisal 29 February of a leap year", _set("appraisal", value={
        "checked_on": "2028-02-29", "problems": []}), True),
    ("appraisal date a number", _set("appraisal", value={"checked_on": 20260101,
                                                          "problems": []}), False),
    ("appraisal problem code", _set("appraisal", value={
        "checked_on": "2026-01-01",
        "problems": [{"code": "a.b\n", "severity": "fix", "message": "m"}]}), False),
    ("not an object", lambda d: d.clear(), False),
]


@pytest.fixture(scope="module")
def signed_dossier(package_dir: Path) -> dict[str, Any]:
    with zipfile.ZipFile(package_dir / "HSKT_XTL01_HS-2026-001_r1.zip") as archive:
        dossier: dict[str, Any] = json.loads(archive.read("data/dossier.json"))
    return dossier


def _fast_accepts(dossier: Any) -> bool:
    try:
        schema._fast_check()(dossier)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


@pytest.mark.parametrize(("name", "change", "valid"), CASES, ids=[c[0] for c in CASES])
def test_both_validators_agree(signed_dossier: dict[str, Any], name: str, change: Change,
                               valid: bool) -> None:
    dossier = copy.deepcopy(signed_dossier)
    change(dossier)
    before = copy.deepcopy(dossier)
    fast = _fast_accepts(dossier)
    full = schema._full_check().is_valid(dossier)
    assert (fast, full) == (valid, valid)
    assert dossier == before                       # neither fills in defaults
    errors = schema.schema_errors(dossier)
    assert (errors == []) is valid
    assert all(keyword in schema._full_check().VALIDATORS for keyword, _, _ in errors)

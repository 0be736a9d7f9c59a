"""The published input format of `hoso eligibility` (docs/schema/hoso-eligibility-1.schema.json)
agrees with what the batch reader accepts: the contract's example, every worked example of
forms/titles and `as_of` validate; what the schema refuses, the reader refuses too."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from desktop.core.catalog import Catalog
from desktop.core.rules.batch import BatchError, run_batch

REPO = Path(__file__).resolve().parents[3]
SCHEMA = json.loads((REPO / "docs" / "schema" / "hoso-eligibility-1.schema.json")
                    .read_text("utf-8"))
EXAMPLE = json.loads((REPO / "tests" / "e2e" / "data" / "eligibility-example.json")
                     .read_text("utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()
                                 if isinstance(v, date) else dict(v)))


def test_the_schema_is_a_valid_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


def test_the_contract_example_validates_and_runs(catalog: Catalog) -> None:
    VALIDATOR.validate(EXAMPLE)
    dated = dict(EXAMPLE, as_of="2026-11-20")
    VALIDATOR.validate(dated)
    assert [r["verdict"] for r in run_batch(dated, catalog)] == [
        c["expected"] for c in EXAMPLE["cases"]]


def test_every_worked_example_is_a_valid_case(catalog: Catalog) -> None:
    cases = []
    for code in catalog.all_title_codes():
        for info in catalog.title_versions(code):
            for example in info.examples:
                cases.append(_json({"target": code, **example}))
    data = {"format": "hoso-eligibility/1", "review_year": 2026, "province": "default",
            "cases": cases}
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert not errors, errors[:5]


def test_discipline_items_are_level_start_end(catalog: Catalog) -> None:
    case = copy.deepcopy(EXAMPLE["cases"][0])
    case["discipline"] = [{"level": "khien_trach", "start": "2026-03-01", "end": "2026-09-01"}]
    data = dict(EXAMPLE, cases=[case])
    VALIDATOR.validate(data)
    result = run_batch(data, catalog)[0]
    assert result["verdict"] == "ineligible"
    assert any(r["code"] == "discipline" for r in result["reasons"])


def _mutations() -> list[tuple[str, Any]]:
    def without(key: str) -> Any:
        data = copy.deepcopy(EXAMPLE)
        del data["cases"][0][key]
        return data

    def set_(path: list[Any], value: Any) -> Any:
        data = copy.deepcopy(EXAMPLE)
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
        return data

    return [
        ("no target", without("target")),
        ("no years", without("years")),
        ("bad format", set_(["format"], "hoso-eligibility/2")),
        ("bad review year", set_(["review_year"], "2026")),
        ("bad as_of", set_(["as_of"], "20/11/2026")),
        ("bad rating", set_(["cases", 0, "years", "2026", "rating"], "gioi")),
        ("bad scope", set_(["cases", 0, "initiatives", 0, "scope"], "huyen")),
        ("bad discipline level", set_(["cases", 0, "discipline"],
                                      [{"level": "nhac_nho", "start": "2026-01-01"}])),
        ("discipline without start", set_(["cases", 0, "discipline"], [{"level": "canh_cao"}])),
        ("bad subject kind", set_(["cases", 0, "subject", "kind"], "person")),
    ]


@pytest.mark.parametrize(("why", "data"), _mutations(), ids=[m[0] for m in _mutations()])
def test_what_the_schema_refuses_the_reader_refuses(catalog: Catalog, why: str,
                                                    data: Any) -> None:
    assert not VALIDATOR.is_valid(data), why
    with pytest.raises(BatchError):
        run_batch(data, catalog)

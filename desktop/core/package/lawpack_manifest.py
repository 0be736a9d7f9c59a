"""hoso-lawpack/1: the manifest of a law pack (lawpack.json), its JSON Schema and its strict
reading.

The schema lives here (the frozen app ships no docs/); docs/schema/hoso-lawpack-1.schema.json
is the published copy, written by `python -m desktop.core.package.lawpack_manifest --write`
and kept identical by a test. The manifest is read only after its signature has checked out,
and then strictly all the same: no key twice, no NaN, no number longer than 12 digits, every
string and list bounded.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

FORMAT = "hoso-lawpack/1"
PUBLISHED = Path("docs") / "schema" / "hoso-lawpack-1.schema.json"
# The forms/ files a pack may carry: titles, province profiles, document kinds (versioned
# names, versions.py) and the legal sources. Nothing else: no page format, no template, no
# rounds.toml, no folder of any other name.
FILE_PATTERN = (r"^forms/((titles|provinces|documents)/[a-z0-9_]+(@[0-9]{4}-[0-9]{2}-[0-9]{2})?"
                r"\.toml|legal-basis\.toml)$")
FILE_NAME = re.compile(FILE_PATTERN)
FORBIDDEN_STEMS = ("format",)      # documents/format.toml is the renderers', not a kind
APP_VERSION = r"^[0-9]{1,4}(\.[0-9]{1,4}){0,3}$"
MAX_FILES = 500
MAX_FILE_BYTES = 1024 * 1024
MAX_SUMMARY = 4000

_SCHEMA_TEXT = r"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "urn:hoso:schema:hoso-lawpack:1",
  "title": "hoso-lawpack/1 — lawpack.json, the manifest of a signed law pack",
  "description": "The manifest of a signed law pack (README: Law packs)",
  "type": "object",
  "additionalProperties": false,
  "required": ["format", "publisher", "version", "replaces", "effective", "created_at",
               "min_app_version", "max_app_version", "summary", "files"],
  "properties": {
    "format": {"const": "hoso-lawpack/1"},
    "publisher": {
      "type": "object",
      "additionalProperties": false,
      "required": ["code", "name"],
      "properties": {
        "code": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$",
                 "description": "The series: hoso, or a province's profile code"},
        "name": {"type": "string", "minLength": 1, "maxLength": 200}
      }
    },
    "version": {"type": "integer", "minimum": 1, "maximum": 999999999,
                "description": "Rises with every pack of the series"},
    "replaces": {"type": ["integer", "null"], "minimum": 1, "maximum": 999999999,
                 "description": "The version this pack supersedes (null for the first)."},
    "effective": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                  "description": "The first day on which the pack changes any rule"},
    "created_at": {"type": "string", "maxLength": 40},
    "min_app_version": {"type": "string", "pattern": "^[0-9]{1,4}(\\.[0-9]{1,4}){0,3}$"},
    "max_app_version": {"type": ["string", "null"], "pattern": "^[0-9]{1,4}(\\.[0-9]{1,4}){0,3}$"},
    "summary": {"type": "string", "maxLength": 4000,
                "description": "What changes, in Vietnamese, in the publisher's words"},
    "files": {
      "type": "array",
      "minItems": 1,
      "maxItems": 500,
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["path", "sha256", "size"],
        "properties": {
          "path": {"type": "string", "maxLength": 120, "pattern": "PATH_PATTERN"},
          "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
          "size": {"type": "integer", "minimum": 1, "maximum": 1048576}
        }
      }
    }
  }
}
"""


class ManifestError(ValueError):
    """lawpack.json is not a valid hoso-lawpack/1 manifest (the reason in words)."""


@dataclass(frozen=True)
class ManifestFile:
    path: str          # "forms/titles/chien_si_thi_dua_co_so@2026-10-01.toml"
    sha256: str
    size: int

    @property
    def forms_path(self) -> str:
        """The path inside forms/ ("titles/…")."""
        return self.path.removeprefix("forms/")


@dataclass(frozen=True)
class Manifest:
    publisher: str
    publisher_name: str
    version: int
    replaces: int | None
    effective: date
    created_at: str
    min_app_version: str
    max_app_version: str | None
    summary: str
    files: tuple[ManifestFile, ...]

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT,
                "publisher": {"code": self.publisher, "name": self.publisher_name},
                "version": self.version, "replaces": self.replaces,
                "effective": self.effective.isoformat(), "created_at": self.created_at,
                "min_app_version": self.min_app_version,
                "max_app_version": self.max_app_version, "summary": self.summary,
                "files": [{"path": f.path, "sha256": f.sha256, "size": f.size}
                          for f in self.files]}

    def to_bytes(self) -> bytes:
        return (json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    # the file pattern is written once, in Python, and put into the schema here
    schema: dict[str, Any] = json.loads(_SCHEMA_TEXT.replace(
        '"PATH_PATTERN"', json.dumps(FILE_PATTERN)))
    return schema


def schema_text() -> str:
    return json.dumps(load_schema(), ensure_ascii=False, indent=2) + "\n"


def app_version_tuple(text: str) -> tuple[int, ...]:
    """"0.1.0" → (0, 1, 0, 0): compared component by component, missing ones are zero."""
    if not re.match(APP_VERSION, text):
        raise ValueError(f"not an app version: {text!r}")
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (4 - len(parts)))


def app_version_fits(manifest: Manifest, app_version: str) -> bool:
    running = app_version_tuple(app_version)
    if running < app_version_tuple(manifest.min_app_version):
        return False
    return manifest.max_app_version is None or running <= app_version_tuple(
        manifest.max_app_version)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ManifestError(f"key {key!r} appears twice")
        seen[key] = value
    return seen


def _no_constant(name: str) -> Any:
    raise ManifestError(f"{name} is not a number JSON allows")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 12:
        raise ManifestError("a number is too long")
    return int(text)


def _bounded_float(text: str) -> float:
    raise ManifestError(f"{text} is not a whole number")


def parse_manifest(raw: bytes) -> Manifest:
    """The manifest of a pack, checked against the schema and across fields."""
    try:
        data = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates,
                          parse_constant=_no_constant, parse_int=_bounded_int,
                          parse_float=_bounded_float)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ManifestError(f"not UTF-8 JSON: {exc}") from None
    errors = sorted(Draft202012Validator(load_schema()).iter_errors(data),
                    key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(root)"
        raise ManifestError(f"{where}: {first.message[:300]}")
    try:
        effective = date.fromisoformat(data["effective"])
    except ValueError:
        raise ManifestError(f"effective: {data['effective']!r} is not a date") from None
    version, replaces = data["version"], data["replaces"]
    if replaces is not None and replaces >= version:
        raise ManifestError(f"replaces ({replaces}) must be below version ({version})")
    files = tuple(ManifestFile(f["path"], f["sha256"], f["size"]) for f in data["files"])
    paths = [f.path for f in files]
    if len(set(paths)) != len(paths):
        raise ManifestError("a file is listed twice")
    for path in paths:
        if path.rsplit("/", 1)[-1].split("@")[0].removesuffix(".toml") in FORBIDDEN_STEMS \
                and path.startswith("forms/documents/"):
            raise ManifestError(f"{path}: the page format cannot travel in a law pack")
    publisher = data["publisher"]
    return Manifest(publisher["code"], publisher["name"], version, replaces, effective,
                    data["created_at"], data["min_app_version"], data["max_app_version"],
                    data["summary"], files)


def main(argv: list[str]) -> int:
    if argv == ["--write"]:
        PUBLISHED.parent.mkdir(parents=True, exist_ok=True)
        PUBLISHED.write_text(schema_text(), encoding="utf-8")
        return 0
    sys.stdout.write(schema_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""hoso-dossier/1: the JSON Schema of data/dossier.json, and its validation.

The schema lives here (the frozen app ships no docs/); docs/schema/hoso-dossier-1.schema.json
is the published copy for the province's own systems, written by
`python -m desktop.core.package.schema --write` and kept identical by a test.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.core.errors import Problem

SCHEMA_ID = "hoso-dossier/1"
PUBLISHED = Path("docs") / "schema" / "hoso-dossier-1.schema.json"

_SCHEMA_TEXT = r"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "urn:hoso:schema:hoso-dossier:1",
  "title": "hoso-dossier/1 — data/dossier.json of a Hồ sơ Khen thưởng package",
  "description": "data/dossier.json of a signed package. Version 1 only gains optional keys.",
  "type": "object",
  "required": [
    "schema",
    "dossier_id",
    "revision",
    "unit",
    "round",
    "nominations",
    "documents",
    "attachments"
  ],
  "properties": {
    "schema": {
      "const": "hoso-dossier/1"
    },
    "dossier_id": {
      "$ref": "#/$defs/ascii_id",
      "description": "= bag-info External-Identifier = signed dossier"
    },
    "revision": {
      "type": "integer",
      "minimum": 1,
      "maximum": 999,
      "description": "1 for the first sending; each corrected re-sending adds one."
    },
    "revision_of": {
      "type": [
        "string",
        "null"
      ],
      "description": "SHA-256 of the previous revision's ZIP; null for 1",
      "pattern": "^[0-9a-f]{64}$",
      "maxLength": 64
    },
    "created_at": {
      "type": "string",
      "description": "When the package was made (ISO 8601 date-time).",
      "maxLength": 40
    },
    "app_version": {
      "type": "string",
      "maxLength": 40
    },
    "unit": {
      "type": "object",
      "required": [
        "code",
        "name",
        "province"
      ],
      "properties": {
        "code": {
          "$ref": "#/$defs/ascii_id",
          "description": "Mã đơn vị given by the province."
        },
        "name": {
          "$ref": "#/$defs/text"
        },
        "province": {
          "type": "string",
          "minLength": 1,
          "description": "Province profile code (forms/provinces/<code>.toml).",
          "maxLength": 64
        },
        "superior_body": {
          "$ref": "#/$defs/short"
        },
        "key_id": {
          "type": "string",
          "pattern": "^[0-9A-F]{16}$",
          "description": "The signing key id (fingerprint on the enrolment sheet)."
        }
      }
    },
    "round": {
      "type": "object",
      "required": [
        "kind",
        "year",
        "name"
      ],
      "properties": {
        "kind": {
          "enum": [
            "cong_trang",
            "dot_xuat",
            "phong_trao",
            "cong_hien"
          ]
        },
        "year": {
          "type": "integer",
          "minimum": 1945,
          "maximum": 2200
        },
        "name": {
          "$ref": "#/$defs/text"
        },
        "receiving_body": {
          "$ref": "#/$defs/short"
        },
        "deadline": {
          "$ref": "#/$defs/date"
        },
        "movement": {
          "$ref": "#/$defs/short"
        }
      }
    },
    "nominations": {
      "type": "array",
      "description": "Only those sent up: titles decided above the unit, not turned down.",
      "items": {
        "type": "object",
        "required": [
          "subject",
          "target",
          "eligibility",
          "council"
        ],
        "properties": {
          "subject": {
            "type": "object",
            "required": [
              "kind",
              "name"
            ],
            "properties": {
              "kind": {
                "enum": [
                  "person",
                  "collective"
                ]
              },
              "id": {
                "type": "integer",
                "description": "The subject's id in the unit's registry (by kind).",
                "minimum": 0,
                "maximum": 999999999999
              },
              "name": {
                "$ref": "#/$defs/text"
              },
              "birth_date": {
                "type": [
                  "string",
                  "null"
                ],
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                "maxLength": 10
              },
              "gender": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 20
              },
              "position": {
                "$ref": "#/$defs/short"
              },
              "group": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 64
              }
            }
          },
          "target": {
            "type": "string",
            "pattern": "^[a-z][a-z0-9_]*$",
            "description": "A title or form-of-commendation code (DESIGN §3).",
            "maxLength": 64
          },
          "achievement": {
            "type": "string",
            "maxLength": 10000
          },
          "justification": {
            "type": "string",
            "maxLength": 10000
          },
          "simplified": {
            "type": "boolean"
          },
          "status": {
            "enum": [
              "draft",
              "reviewed",
              "ready",
              "exported",
              "returned",
              "decided"
            ],
            "description": "The nomination's status in the unit when the package was signed."
          },
          "eligibility": {
            "type": "object",
            "required": [
              "verdict",
              "reasons"
            ],
            "properties": {
              "verdict": {
                "enum": [
                  "eligible",
                  "ineligible",
                  "hold"
                ]
              },
              "reasons": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "code",
                    "message"
                  ],
                  "properties": {
                    "code": {
                      "type": "string",
                      "maxLength": 100
                    },
                    "message": {
                      "type": "string",
                      "maxLength": 2000
                    },
                    "basis": {
                      "type": "string",
                      "maxLength": 500
                    },
                    "status": {
                      "type": "string",
                      "maxLength": 40
                    }
                  }
                },
                "maxItems": 200
              },
              "rule_version": {
                "type": "object",
                "description": "Rule versions the verdict applied (README: Rule versions)",
                "required": [
                  "as_of",
                  "title",
                  "province",
                  "origin"
                ],
                "properties": {
                  "as_of": {
                    "$ref": "#/$defs/date"
                  },
                  "title": {
                    "type": "string",
                    "maxLength": 200,
                    "pattern": "^[a-z0-9_]+@[0-9]{4}-[0-9]{2}-[0-9]{2}$"
                  },
                  "province": {
                    "type": "string",
                    "maxLength": 400
                  },
                  "origin": {
                    "type": "string",
                    "maxLength": 200
                  }
                }
              }
            }
          },
          "council": {
            "type": [
              "object",
              "null"
            ],
            "description": "null: no vote. Cross-field rules: docs/package-format.md §5.3.",
            "required": [
              "method",
              "members_total",
              "present",
              "votes_for",
              "threshold",
              "passed"
            ],
            "properties": {
              "method": {
                "enum": [
                  "ballot",
                  "hands"
                ]
              },
              "members_total": {
                "$ref": "#/$defs/count"
              },
              "present": {
                "$ref": "#/$defs/count"
              },
              "votes_for": {
                "$ref": "#/$defs/count"
              },
              "ballots_issued": {
                "type": [
                  "integer",
                  "null"
                ],
                "minimum": 0,
                "maximum": 1000
              },
              "ballots_valid": {
                "type": [
                  "integer",
                  "null"
                ],
                "minimum": 0,
                "maximum": 1000
              },
              "threshold": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "passed": {
                "type": "boolean"
              },
              "held_on": {
                "$ref": "#/$defs/date"
              }
            }
          }
        }
      },
      "maxItems": 5000
    },
    "documents": {
      "type": "array",
      "items": {
        "allOf": [{"$ref": "#/$defs/file"}],
        "properties": {
          "path": {
            "pattern": "^data/documents/[A-Za-z0-9][A-Za-z0-9._-]*$"
          }
        }
      },
      "maxItems": 1000
    },
    "sources": {
      "type": "array",
      "items": {
        "allOf": [{"$ref": "#/$defs/file"}],
        "properties": {
          "path": {
            "pattern": "^data/sources/[A-Za-z0-9][A-Za-z0-9._-]*$"
          }
        }
      },
      "maxItems": 1000
    },
    "attachments": {
      "type": "array",
      "items": {
        "allOf": [{"$ref": "#/$defs/file"}],
        "properties": {
          "path": {
            "pattern": "^data/attachments/[A-Za-z0-9][A-Za-z0-9._-]*$"
          }
        }
      },
      "maxItems": 5000
    },
    "appraisal": {
      "type": "object",
      "description": "hoso dossier check when the package was made, and the reason it went anyway.",
      "required": ["checked_on", "problems"],
      "properties": {
        "checked_on": {"$ref": "#/$defs/date"},
        "override_reason": {"type": ["string", "null"], "maxLength": 2000},
        "problems": {
          "type": "array",
          "maxItems": 5000,
          "items": {
            "type": "object",
            "required": ["code", "severity", "message"],
            "properties": {
              "code": {"type": "string", "pattern": "^[a-z_]+\\.[a-z_]+$", "maxLength": 64},
              "severity": {"enum": ["returned", "fix"]},
              "document": {"type": "string", "maxLength": 64},
              "subject": {"type": "string", "maxLength": 500},
              "message": {"type": "string", "maxLength": 4000},
              "fix": {"type": "string", "maxLength": 2000}
            }
          }
        }
      }
    },
    "signed_documents": {
      "type": "array",
      "description": "Documents sent as signed PDFs (PAdES), checked again on receipt.",
      "items": {
        "type": "object",
        "required": [
          "path",
          "name",
          "sha256",
          "original_sha256",
          "signatures"
        ],
        "properties": {
          "path": {
            "type": "string",
            "pattern": "^data/documents/[A-Za-z0-9][A-Za-z0-9._-]*$",
            "maxLength": 255
          },
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 1000
          },
          "kind": {
            "type": "string",
            "maxLength": 64
          },
          "sha256": {
            "type": "string",
            "pattern": "^[0-9a-f]{64}$"
          },
          "original_sha256": {
            "type": "string",
            "pattern": "^[0-9a-f]{64}$"
          },
          "original_size": {
            "type": "integer",
            "minimum": 1,
            "maximum": 536870912
          },
          "signatures": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "signer"
              ],
              "properties": {
                "field": {
                  "type": "string",
                  "maxLength": 500
                },
                "signer": {
                  "type": "string",
                  "maxLength": 500
                },
                "organisation": {
                  "type": "string",
                  "maxLength": 500
                },
                "position": {
                  "type": "string",
                  "maxLength": 500
                },
                "signing_time": {
                  "type": "string",
                  "description": "ISO 8601: a trusted timestamp, else the signer's clock.",
                  "maxLength": 40
                },
                "timestamp": {
                  "type": "string",
                  "maxLength": 40
                },
                "certificate_sha256": {
                  "type": "string",
                  "pattern": "^[0-9A-F]{64}$"
                }
              }
            },
            "maxItems": 50
          }
        }
      },
      "maxItems": 1000
    }
  },
  "$defs": {
    "ascii_id": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
    },
    "text": {
      "type": "string",
      "minLength": 1,
      "maxLength": 500
    },
    "date": {
      "type": "string",
      "format": "date",
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
      "maxLength": 10
    },
    "file": {
      "type": "object",
      "required": [
        "path",
        "kind",
        "sha256"
      ],
      "properties": {
        "path": {
          "type": "string",
          "maxLength": 255
        },
        "kind": {
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        },
        "sha256": {
          "type": "string",
          "pattern": "^[0-9a-f]{64}$"
        },
        "size": {
          "type": "integer",
          "minimum": 0,
          "maximum": 536870912
        },
        "name": {
          "type": "string",
          "description": "The original file name (attachments), NFC.",
          "maxLength": 1000
        },
        "nomination": {
          "type": [
            "integer",
            "null"
          ],
          "minimum": 0,
          "maximum": 4999,
          "description": "Index in nominations of the nomination it belongs to, if any."
        }
      }
    },
    "short": {
      "type": "string",
      "maxLength": 500
    },
    "count": {
      "type": "integer",
      "minimum": 0,
      "maximum": 1000,
      "description": "People in a council: at most 1,000."
    }
  },
  "$comment": "UTF-8 NFC texts, ISO 8601 dates; limits: docs/package-format.md §5."
}
"""


def load_schema() -> dict[str, Any]:
    """A fresh copy of the schema (callers may not mutate a shared one)."""
    schema: dict[str, Any] = json.loads(_SCHEMA_TEXT)
    return schema


def schema_text() -> str:
    """The published file's exact text."""
    return json.dumps(load_schema(), ensure_ascii=False, indent=2) + "\n"


_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def is_date(text: object) -> bool:
    """"format": "date" as both validators check it: a real calendar day written YYYY-MM-DD
    (RFC 3339 full-date). Python 3.11's date.fromisoformat alone also takes "20260101" and
    "2026-W01-1", and the pattern alone takes "2026-02-30"; a non-string is left to "type"."""
    if not isinstance(text, str):
        return True
    if not _FULL_DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def _fast_check() -> Callable[[Any], Any]:
    """The accept path, compiled on first use (never at import: not before the first paint).

    fastjsonschema turns the schema into Python code (~0.2 s, once): a 2 MiB dossier is
    checked in ~0.5 s where jsonschema took ~3 s, and it is pure Python (the Rust
    jsonschema-rs it replaces was a 15 MB library in the frozen bundle). It implements up to
    draft 2019-09, so the schema is written to mean the same in both: no keyword beside a
    "$ref" (an "allOf" holds the ref), and its patterns read "$" as the end of the text, as
    ECMA 262 does; _full_check reads them the same way. "format" is checked, by is_date in
    both (2020-12 validators leave it an annotation unless told): "date" is the only format
    the schema uses, so a 30 February is refused here, not left to the cross-field rules."""
    import fastjsonschema  # imported with its first use, as it is compiled

    return fastjsonschema.compile(load_schema(), use_default=False, use_formats=True,
                                  formats={"date": is_date})


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    """"pattern" with "$" at the end of the text only: Python's "$" also matches before a
    final newline, so "<64 hex digits>\\n" would pass as a SHA-256 (ECMA 262 and
    fastjsonschema refuse it)."""
    from jsonschema import ValidationError

    if isinstance(instance, str) and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=64)
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


@lru_cache(maxsize=1)
def _full_check() -> Any:
    """Every error with its keyword and path, for a dossier the fast check refused: the pure
    jsonschema validator, slow but exact, so the verifier's reasons are the keywords'.
    Imported here, not with the module: jsonschema takes ~0.1 s to import, and only a
    refused dossier needs it."""
    import jsonschema.validators

    validator_class = jsonschema.validators.extend(jsonschema.Draft202012Validator,
                                                   {"pattern": _ecma_pattern})
    formats = jsonschema.FormatChecker(formats=())
    formats.checks("date")(is_date)
    return validator_class(load_schema(), format_checker=formats)


def schema_errors(dossier: Any) -> list[tuple[str, str, str]]:
    """(JSON Schema keyword, JSON path, English message) for every departure from
    hoso-dossier/1, in path order; the keyword ("maxLength", "maximum", "maxItems" …) lets
    the verifier give a limit its own reason code."""
    from fastjsonschema import JsonSchemaValueException

    try:
        _fast_check()(dossier)
    except JsonSchemaValueException as refused:
        errors = sorted(_full_check().iter_errors(dossier),
                        key=lambda e: [str(p) for p in e.absolute_path])
        if not errors:   # the two disagree: refuse all the same, never accept on a doubt
            return [(str(refused.rule or "schema"), "(root)", str(refused.message)[:300])]
        return [(str(e.validator), "/".join(str(p) for p in e.absolute_path) or "(root)",
                 str(e.message)[:300]) for e in errors]
    return []


def validate_dossier(dossier: Any) -> list[Problem]:
    """Every way `dossier` departs from hoso-dossier/1; empty when it conforms.

    Problem.field is the JSON path ("nominations/0/target"), Problem.message the validator's
    English text (technical; the officer sees a translated summary from the caller).
    """
    return [Problem("schema.invalid", where, message)
            for _keyword, where, message in schema_errors(dossier)]


if __name__ == "__main__":  # python -m desktop.core.package.schema --write
    if sys.argv[1:] == ["--write"]:
        PUBLISHED.write_text(schema_text(), encoding="utf-8")
    else:
        sys.stdout.write(schema_text())

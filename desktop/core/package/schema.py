"""hoso-dossier/1: the JSON Schema of data/dossier.json, and its validation.

The schema lives here (the frozen app ships no docs/); docs/schema/hoso-dossier-1.schema.json
is the published copy for the province's own systems, written by
`python -m desktop.core.package.schema --write` and kept identical by a test.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

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
      "pattern": "^[0-9a-f]{64}$"
    },
    "created_at": {
      "type": "string",
      "description": "When the package was made (ISO 8601 date-time)."
    },
    "app_version": {
      "type": "string"
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
          "description": "Province profile code (forms/provinces/<code>.toml)."
        },
        "superior_body": {
          "type": "string"
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
          "type": "string"
        },
        "deadline": {
          "$ref": "#/$defs/date"
        },
        "movement": {
          "type": "string"
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
                "description": "The subject's id in the unit's registry (by kind)."
              },
              "name": {
                "$ref": "#/$defs/text"
              },
              "birth_date": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "gender": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "position": {
                "type": "string"
              },
              "group": {
                "type": [
                  "string",
                  "null"
                ]
              }
            }
          },
          "target": {
            "type": "string",
            "pattern": "^[a-z][a-z0-9_]*$",
            "description": "A title or form-of-commendation code (DESIGN §3)."
          },
          "achievement": {
            "type": "string"
          },
          "justification": {
            "type": "string"
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
                      "type": "string"
                    },
                    "message": {
                      "type": "string"
                    },
                    "basis": {
                      "type": "string"
                    },
                    "status": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          },
          "council": {
            "description": "null: no vote",
            "oneOf": [
              {
                "type": "null"
              },
              {
                "type": "object",
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
                    "type": "integer",
                    "minimum": 0
                  },
                  "present": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "votes_for": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "ballots_issued": {
                    "type": [
                      "integer",
                      "null"
                    ],
                    "minimum": 0
                  },
                  "ballots_valid": {
                    "type": [
                      "integer",
                      "null"
                    ],
                    "minimum": 0
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
            ]
          }
        }
      }
    },
    "documents": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/file",
        "properties": {
          "path": {
            "pattern": "^data/documents/[A-Za-z0-9][A-Za-z0-9._-]*$"
          }
        }
      }
    },
    "sources": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/file",
        "properties": {
          "path": {
            "pattern": "^data/sources/[A-Za-z0-9][A-Za-z0-9._-]*$"
          }
        }
      }
    },
    "attachments": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/file",
        "properties": {
          "path": {
            "pattern": "^data/attachments/[A-Za-z0-9][A-Za-z0-9._-]*$"
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
            "pattern": "^data/documents/[A-Za-z0-9][A-Za-z0-9._-]*$"
          },
          "name": {
            "type": "string",
            "minLength": 1
          },
          "kind": {
            "type": "string"
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
            "minimum": 1
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
                  "type": "string"
                },
                "signer": {
                  "type": "string"
                },
                "organisation": {
                  "type": "string"
                },
                "position": {
                  "type": "string"
                },
                "signing_time": {
                  "type": "string",
                  "description": "ISO 8601: a trusted timestamp, else the signer's clock."
                },
                "timestamp": {
                  "type": "string"
                },
                "certificate_sha256": {
                  "type": "string",
                  "pattern": "^[0-9A-F]{64}$"
                }
              }
            }
          }
        }
      }
    }
  },
  "$defs": {
    "ascii_id": {
      "type": "string",
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
    },
    "text": {
      "type": "string",
      "minLength": 1
    },
    "date": {
      "type": "string",
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
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
          "type": "string"
        },
        "kind": {
          "type": "string",
          "minLength": 1
        },
        "sha256": {
          "type": "string",
          "pattern": "^[0-9a-f]{64}$"
        },
        "size": {
          "type": "integer",
          "minimum": 0
        },
        "name": {
          "type": "string",
          "description": "The original file name (attachments), NFC."
        },
        "nomination": {
          "type": [
            "integer",
            "null"
          ],
          "description": "Index in nominations of the nomination it belongs to, if any."
        }
      }
    }
  },
  "$comment": "Texts are UTF-8 NFC; dates are ISO 8601; package HSKT_<unit>_<dossier>_r<rev>.zip."
}
"""


def load_schema() -> dict[str, Any]:
    """A fresh copy of the schema (callers may not mutate a shared one)."""
    schema: dict[str, Any] = json.loads(_SCHEMA_TEXT)
    return schema


def schema_text() -> str:
    """The published file's exact text."""
    return json.dumps(load_schema(), ensure_ascii=False, indent=2) + "\n"


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    """Built once: the schema is a constant of this module, not a dependency."""
    return Draft202012Validator(load_schema())


def validate_dossier(dossier: Any) -> list[Problem]:
    """Every way `dossier` departs from hoso-dossier/1; empty when it conforms.

    Problem.field is the JSON path ("nominations/0/target"), Problem.message the validator's
    English text (technical; the officer sees a translated summary from the caller).
    """
    problems = []
    for error in sorted(_validator().iter_errors(dossier), key=lambda e: list(map(str, e.path))):
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        problems.append(Problem("schema.invalid", where, error.message[:300]))
    return problems


if __name__ == "__main__":  # python -m desktop.core.package.schema --write
    if sys.argv[1:] == ["--write"]:
        PUBLISHED.write_text(schema_text(), encoding="utf-8")
    else:
        sys.stdout.write(schema_text())

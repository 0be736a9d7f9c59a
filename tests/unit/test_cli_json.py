"""`--json` always means JSON: every path of `hoso package verify|inspect` and of the
receiving subcommands (import, enrol, province-key, receipt, decisions) prints exactly one
JSON document on stdout — success, refusal, unreadable file, bad usage, `--help`, and an
internal error (exit 3). Run in-process through `desktop.cli.main`; stdout is parsed as JSON
in every test. `inspect` shows any string a package may carry, escaped, without crashing."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent / "package"))
import pkgtools

from desktop.cli import main
from desktop.core.package import bag, minisign

Run = Callable[..., tuple[int, Any, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def call(*argv: str) -> tuple[int, Any, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, json.loads(out), err   # one JSON document, nothing else

    return call


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("cli-json")
    secret, public = minisign.generate_keypair()
    info = pkgtools.build(folder, secret)
    pub = folder / "unit.pub"
    pub.write_text(minisign.public_key_file_text(public), encoding="utf-8")
    bad_key = folder / "bad.pub"
    bad_key.write_text("not a key\n", encoding="utf-8")
    not_zip = folder / "x.zip"
    not_zip.write_bytes(b"not a zip at all")
    age = folder / "y.zip.age"
    age.write_bytes(b"age-encryption.org/v1\n")
    return {"package": info.path, "pub": pub, "bad_key": bad_key, "not_zip": not_zip,
            "age": age, "folder": folder}


def test_verify_every_path(run: Run, made: dict[str, Path], tmp_path: Path) -> None:
    pkg, pub = str(made["package"]), str(made["pub"])
    code, data, _ = run("package", "verify", pkg, "--public-key", pub, "--json")
    assert code == 0 and data["ok"] is True
    code, data, _ = run("package", "verify", str(made["not_zip"]), "--public-key", pub, "--json")
    assert code == 1 and {r["code"] for r in data["reasons"]} == {"unreadable_zip"}
    for args in ([str(tmp_path / "missing.zip")], [str(tmp_path)],
                 [pkg, "--public-key", str(tmp_path / "missing.pub")],
                 [pkg, "--public-key", str(made["bad_key"])],
                 [str(made["age"])]):
        code, data, err = run("package", "verify", *args, "--json")
        assert code == 2 and data["ok"] is False and data["error"]["message"], args
        assert "Traceback" not in err


@pytest.mark.parametrize("argv", [
    ["package", "verify", "--json"],                           # the package is missing
    ["package", "verify", "a.zip", "--json", "--bogus"],
    ["package", "--json"],
    ["--json", "package", "inspect"],
    ["package", "verify", "a.zip", "--js", "--public-key"],    # an abbreviation of --json
    ["--json"],                                                # no command: no window
    ["package", "import", "--json"],
])
def test_usage_errors_are_json(run: Run, argv: list[str]) -> None:
    code, data, err = run(*argv)
    assert code == 2 and data["error"]["code"] == "usage"
    assert err


def test_help_with_json_is_json(run: Run) -> None:
    code, data, _ = run("package", "verify", "--help", "--json")
    assert code == 0 and data["ok"] is True and "--public-key" in data["text"]


def test_an_internal_error_is_exit_3_with_json(run: Run, made: dict[str, Path],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr("desktop.cli.package.verify_package", broken)
    for command in ("verify", "inspect"):
        code, data, err = run("package", command, str(made["package"]), "--json")
        assert code == 3 and data["error"]["code"] == "internal", command
        assert "RuntimeError" in err


def test_inspect_every_path(run: Run, made: dict[str, Path], tmp_path: Path) -> None:
    code, data, _ = run("package", "inspect", str(made["package"]), "--json")
    assert code == 0 and data["summary"]["nominations"] == 1 and data["problems"] == []
    code, data, _ = run("package", "inspect", str(made["not_zip"]), "--json")
    assert code == 0 and data["problems"][0]["code"] == "unreadable_zip"
    for path in (tmp_path / "missing.zip", tmp_path, made["age"]):
        code, data, _ = run("package", "inspect", str(path), "--json")
        assert code == 2 and data["ok"] is False


HOSTILE = "UBND\u202e xã\x1b[2J Tân\u200b Lập\u0007"


@pytest.fixture(scope="module")
def odd_strings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid signed package whose texts carry a right-to-left override, a terminal escape,
    a zero-width space and a bell: nothing the verifier must refuse, everything a terminal
    must not receive raw."""
    folder = tmp_path_factory.mktemp("odd")
    secret, _public = minisign.generate_keypair()
    dossier = pkgtools.sample_dossier()
    dossier["unit"]["name"] = HOSTILE
    dossier["round"]["name"] = "Đợt \u2066ẩn\u2069 \ufeff"
    dossier["nominations"][0]["subject"]["name"] = "Nguyễn\u200bVăn \U000e0041"
    pdf = folder / "a.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    info = bag.build_package(
        dossier=dossier, documents=[(pdf, "to_trinh")], sources=[], attachments=[],
        unit_code="XTL01", unit_name="UBND xã Tân Lập", dossier_id="HS-2026-001",
        revision=1, revision_of=None, secret_key=secret, dest_dir=folder, app_version="0.1.0",
        legal_basis="Luật TĐKT 2022", template_set="default", now=datetime(2026, 11, 23, 9))
    return info.path


def test_inspect_prints_any_accepted_string_escaped(odd_strings: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["package", "inspect", str(odd_strings)]) == 0
    out = capsys.readouterr().out
    assert "\\u202e" in out and "\\x1b[2J" in out and "\\u200b" in out and "\\x07" in out
    assert not any(ch in out for ch in "\u202e\x1b\u200b\x07\u2066\ufeff\U000e0041")
    assert "Tân" in out and "Lập" in out          # Vietnamese itself is untouched
    assert main(["package", "inspect", str(odd_strings), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["unit"]["name"] == HOSTILE


# ---- the receiving subcommands ---------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    from receiving_helpers import province_profile

    province_profile(tmp_path / "data" / "profiles").close()
    return tmp_path / "data"


def test_receiving_without_a_profile_is_json(run: Run, tmp_path: Path,
                                             made: dict[str, Path]) -> None:
    empty = str(tmp_path / "empty")
    for argv in (["import", str(made["package"])], ["enrol", str(made["pub"]),
                                                    "--unit-code", "X", "--unit-name", "Y"],
                 ["province-key", str(made["pub"])], ["receipt", "import", "f.json"],
                 ["decisions", "template", "HS-1"]):
        code, data, _ = run("package", *argv, "--data-dir", empty, "--json")
        assert code == 2 and data["ok"] is False, argv


def test_receiving_every_outcome_is_json(run: Run, data_dir: Path, made: dict[str, Path],
                                         tmp_path: Path) -> None:
    d = ["--data-dir", str(data_dir), "--json"]
    missing = str(tmp_path / "missing")
    code, data, _ = run("package", "import", str(made["package"]), *d)
    assert code == 1 and "unknown_key" in {r["code"] for r in data["reasons"]}
    code, data, _ = run("package", "import", str(made["not_zip"]), *d)
    assert code == 1 and data["ok"] is False
    code, data, _ = run("package", "import", missing + ".zip", *d)
    assert code == 2 and data["ok"] is False
    code, data, _ = run("package", "enrol", str(made["pub"]), "--unit-code", "XTL01",
                        "--unit-name", "UBND xã Tân Lập", *d)
    assert code == 0 and data["ok"] is True and data["unit_code"] == "XTL01"
    code, data, _ = run("package", "import", str(made["package"]), *d)
    assert code == 0 and data["dossier_id"] == "HS-2026-001"
    code, data, _ = run("package", "enrol", missing, "--unit-code", "A", "--unit-name", "B", *d)
    assert code == 2 and data["ok"] is False
    code, data, _ = run("package", "enrol", str(made["bad_key"]), "--unit-code", "A",
                        "--unit-name", "B", *d)
    assert code == 1 and data["ok"] is False
    code, data, _ = run("package", "province-key", str(made["pub"]), *d)
    assert code == 1 and data["ok"] is False     # already enrolled as a unit's key
    province = tmp_path / "province.pub"
    province.write_text(minisign.public_key_file_text(minisign.generate_keypair()[1]), "utf-8")
    code, data, _ = run("package", "province-key", str(province), *d)
    assert code == 0 and data["key_id"]
    code, data, _ = run("package", "receipt", "import", missing, *d)
    assert code in (1, 2) and data["ok"] is False
    code, data, _ = run("package", "receipt", "issue", "HS-NONE", "--out", str(tmp_path), *d)
    assert code == 1 and data["ok"] is False
    code, data, _ = run("package", "decisions", "template", "HS-2026-001", *d)
    assert code == 0 and isinstance(data, list) and len(data) == 1
    code, data, _ = run("package", "decisions", "issue", "HS-2026-001", "--from", missing,
                        "--out", str(tmp_path), *d)
    assert code == 2 and data["ok"] is False
    code, data, _ = run("package", "decisions", "import", str(made["not_zip"]), *d)
    assert code == 1 and data["ok"] is False


def test_receiving_internal_error_is_exit_3(run: Run, data_dir: Path, made: dict[str, Path],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("bug")

    monkeypatch.setattr("desktop.cli.receiving.import_package", broken)
    code, data, _ = run("package", "import", str(made["package"]), "--data-dir",
                        str(data_dir), "--json")
    assert code == 3 and data["error"]["code"] == "internal"

"""Verification time of the largest dossier.json the verifier accepts, and of a 25 MB one it
refuses (issue 13: a 25 MB dossier.json took 11.5 s). Prints figures, asserts nothing.

    .venv/bin/python bench/bench_dossier_limits.py

Three shapes fill the 2 MiB limit in the ways that cost the most: the most nominations the
schema allows (5,000), the most small objects (eligibility reasons, 200 a nomination), and
texts at their maximum lengths. Each is signed and must be accepted; the time is the median
of 5 runs of verify_package (every check, the package's SHA-256 included).
"""

from __future__ import annotations

import copy
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests" / "unit" / "package")]

import pkgtools  # noqa: E402

from desktop.core.package import minisign  # noqa: E402
from desktop.core.package.verify import verify_package  # noqa: E402
from desktop.core.package.zipsafe import Limits  # noqa: E402

LIMIT = Limits().max_dossier_json


def nomination(i: int, reasons: int, text: int) -> dict[str, Any]:
    nom = copy.deepcopy(pkgtools.DOSSIER["nominations"][0])
    nom["subject"]["id"] = i
    nom["subject"]["name"] = ("Nguyễn Thị Ánh " * 40)[:min(text, 500)] or "A"
    nom["eligibility"]["reasons"] = [{"code": "r", "message": "m"}] * reasons
    if text:
        nom["achievement"] = "Thành tích xuất sắc. " * (text // 21)
    return nom


def fill(shape: str) -> dict[str, Any]:
    """A dossier whose dossier.json is just under the limit, in the given shape."""
    dossier = pkgtools.sample_dossier()
    one = {"many": nomination(0, 1, 0), "reasons": nomination(0, 200, 0),
           "texts": nomination(0, 1, 9_000)}[shape]
    size = len(str(one).encode()) + 40
    count = min(5000, (LIMIT - 20_000) // size)
    dossier["nominations"] = [nomination(i, len(one["eligibility"]["reasons"]),
                                         9_000 if shape == "texts" else 0) for i in range(count)]
    return dossier


def timed(path: Path, trusted: dict[str, minisign.PublicKey]) -> tuple[float, bool, set[str]]:
    runs = []
    report = None
    for _ in range(5):
        start = time.perf_counter()
        report = verify_package(path, trusted)
        runs.append(time.perf_counter() - start)
    assert report is not None
    return statistics.median(runs), report.ok, report.codes


def main() -> None:
    secret, public = minisign.generate_keypair()
    trusted = {public.key_id_hex: public}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for shape in ("many", "reasons", "texts"):
            dossier = fill(shape)
            while True:
                info = pkgtools.build(folder / shape, secret, dossier=dossier)
                with zipfile.ZipFile(info.path) as zf:
                    size = zf.getinfo("data/dossier.json").file_size
                if size <= LIMIT:
                    break
                dossier["nominations"] = dossier["nominations"][:-max(1, len(
                    dossier["nominations"]) // 50)]
            seconds, ok, codes = timed(info.path, trusted)
            print(f"accepted ({shape:7}): dossier.json {size / 1024 / 1024:.2f} MiB, "
                  f"{len(dossier['nominations'])} nominations: verify {seconds * 1000:.0f} ms "
                  f"(ok={ok}{'' if ok else ', ' + ','.join(sorted(codes))})")
        big = pkgtools.sample_dossier()
        big["nominations"][0]["subject"]["name"] = "A" * (25 * 1000 * 1000)
        # Built as the unit could sign it (build_package would refuse it: the schema).
        info = pkgtools.build(folder / "ok", secret)
        forged = pkgtools.forge(info.path, folder / "big.zip", secret, lambda files: files.update(
            {"data/dossier.json": files["data/dossier.json"].replace(
                "Nguyễn Thị Ánh".encode(), big["nominations"][0]["subject"]["name"].encode())}))
        seconds, ok, codes = timed(forged, trusted)
        print(f"refused (25 MB): verify {seconds * 1000:.0f} ms (ok={ok}, "
              f"{','.join(sorted(codes))})")


if __name__ == "__main__":
    main()

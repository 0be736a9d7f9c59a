"""A bounded fuzz run of the verifier (hypothesis).

Whatever the bytes, verify_package returns a report (it raises only PackageUnreadable, for a
file that cannot be read at all), and it never says ok for a changed package unless the
change is in unsigned ZIP metadata that carries no content (the archive comment, extra
fields, attributes): when it says ok, every entry reads back byte for byte as signed.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.package import minisign
from desktop.core.package.verify import (
    CODES,
    Limits,
    PackageUnreadable,
    VerifyReport,
    verify_package,
)

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
SMALL = Limits(max_entries=200, max_entry_size=1 << 20, max_total_size=4 << 20)


def _contents(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _check(path: Path, trusted: dict[str, minisign.PublicKey]) -> VerifyReport | None:
    try:
        report = verify_package(path, trusted, limits=SMALL)
    except PackageUnreadable:
        return None
    assert isinstance(report, VerifyReport)
    assert report.codes <= set(CODES)
    assert report.ok == (not report.reasons)
    return report


mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**9), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.integers(0, 10**9), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 10**9), st.integers(0, 255)),
    st.tuples(st.just("delete"), st.integers(0, 10**9), st.integers(1, 64)),
)


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=4))
def test_random_mutations_of_a_valid_package(
        package_dir: Path, tmp_path_factory: pytest.TempPathFactory,
        keys: tuple[minisign.SecretKey, minisign.PublicKey],
        mutations: list[tuple[str, int, int]]) -> None:
    original = (package_dir / "HSKT_XTL01_HS-2026-001_r1.zip").read_bytes()
    raw = bytearray(original)
    for kind, position, value in mutations:
        at = position % (len(raw) + 1)
        if kind == "flip" and raw:
            at %= len(raw)
            raw[at] ^= value
        elif kind == "cut":
            del raw[at:]
        elif kind == "insert":
            raw[at:at] = bytes([value])
        elif kind == "delete":
            del raw[at:at + value]
    mutated = bytes(raw)
    path = tmp_path_factory.mktemp("fz") / "p.zip"
    path.write_bytes(mutated)
    report = _check(path, {keys[1].key_id_hex: keys[1]})
    assert report is not None
    if mutated != original and report.ok:
        assert _contents(mutated) == _contents(original), (mutations, report.to_json())


@FUZZ
@given(st.binary(max_size=1, min_size=0) | st.binary(min_size=1, max_size=400).map(
    lambda b: b"PK\x03\x04" + b))
def test_random_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fz") / "r.zip"
    path.write_bytes(data)
    report = _check(path, {})
    assert report is not None and not report.ok


names = st.text(alphabet=st.sampled_from(list("aA./\\:_- Ảá\u0301\x00\x01nulCOM1")),
                min_size=0, max_size=20)


@FUZZ
@given(st.lists(st.tuples(names, st.binary(max_size=300), st.sampled_from([0, 8]),
                          st.integers(0, 0xFFFF)), max_size=12),
       st.binary(max_size=40))
def test_random_zip_structures(tmp_path_factory: pytest.TempPathFactory,
                               entries: list[tuple[str, bytes, int, int]],
                               comment: bytes) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.comment = comment
        for name, data, method, mode in entries:
            info = zipfile.ZipInfo(name or "x")
            info.compress_type = method
            info.create_system = 3
            info.external_attr = mode << 16
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")   # duplicate names are part of the fuzz
                zf.writestr(info, data)
    path = tmp_path_factory.mktemp("fz") / "s.zip"
    path.write_bytes(buffer.getvalue())
    report = _check(path, {})
    assert report is not None and not report.ok   # unsigned: never valid


"""core.files: the target is either the old file or the new one, never half of one."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop.core.files import atomic_path, write_atomic


def test_write_atomic_replaces_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "biên nhận.json"
    write_atomic(target, b"old")
    write_atomic(target, "mới".encode())
    assert target.read_bytes() == "mới".encode()
    assert sorted(p.name for p in target.parent.iterdir()) == ["biên nhận.json"]


def test_a_failure_while_writing_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "goi.zip"
    target.write_bytes(b"the package sent yesterday")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half a pack")
        raise RuntimeError("disk pulled")
    assert target.read_bytes() == b"the package sent yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["goi.zip"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_mode_is_set_before_the_secret_is_written(tmp_path: Path) -> None:
    target = tmp_path / "khoa.key"
    with atomic_path(target, mode=0o600) as tmp:
        assert stat.S_IMODE(tmp.stat().st_mode) == 0o600
        tmp.write_bytes(b"secret")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_sha256_file_reads_in_chunks_and_counts_the_size(tmp_path: Path) -> None:
    import hashlib

    from desktop.core.files import CHUNK, sha256_file

    data = bytes(range(256)) * (CHUNK // 256 * 2 + 7)  # two whole chunks and a part
    path = tmp_path / "gói.zip"
    path.write_bytes(data)
    assert sha256_file(path) == (hashlib.sha256(data).hexdigest(), len(data))
    empty = tmp_path / "rỗng"
    empty.write_bytes(b"")
    assert sha256_file(empty) == (hashlib.sha256(b"").hexdigest(), 0)

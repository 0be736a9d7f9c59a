"""The BagIt layer of a package (docs/package-format.md §3): which files may be there, the
tag files' grammar, and every manifest present checked against the bytes.

Pure functions over what verify.py read: names, digests and the small tag files in memory.
Each returns (code, detail) findings; numbers read from the tag files are bounded before
they are converted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from desktop.core.package.bag import BAG_INFO, BAGIT, BAGIT_TXT, MANIFEST, SIGNATURE
from desktop.core.package.zipsafe import Finding

ALGORITHMS = ("sha256", "sha512", "sha1", "md5")        # sha256 required, others optional
HEX_LENGTH = {"sha256": 64, "sha512": 128, "sha1": 40, "md5": 32}
FETCH = "fetch.txt"
PAYLOAD_DIRS = ("data/documents/", "data/sources/", "data/attachments/")
REQUIRED_BAG_INFO = ("Source-Organization", "External-Identifier", "Bagging-Date",
                     "Payload-Oxum")
SINGLE_BAG_INFO = (*REQUIRED_BAG_INFO, "Revision-Of")
MAX_BAG_INFO_LINES = 200
MAX_BAG_INFO_VALUE = 10_000
MAX_MANIFEST_LINE = 4_096
_MANIFEST_NAME = re.compile(r"^(tag)?manifest-([a-z0-9]{1,16})\.txt$")
_OXUM = re.compile(r"^([0-9]{1,15})\.([0-9]{1,9})$")
_HEX = re.compile(r"^[0-9a-f]+$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def algorithms_present(names: set[str]) -> tuple[list[str], list[Finding]]:
    """The digest algorithms the bag's manifests use (sha256 first), and findings for the
    top-level files hoso never writes (fetch.txt, manifests of other algorithms)."""
    found: list[Finding] = []
    algorithms = ["sha256"]
    for name in sorted(n for n in names if "/" not in n):
        if name == FETCH:
            found.append(("fetch_txt", name))
            continue
        match = _MANIFEST_NAME.match(name)
        if match is None:
            continue
        algorithm = match[2]
        if algorithm not in ALGORITHMS:
            found.append(("unsupported_manifest", name))
        elif algorithm not in algorithms:
            algorithms.append(algorithm)
    return algorithms, found


def layout_findings(names: set[str]) -> list[Finding]:
    """Files outside the grammar: top-level ones other than the tag files, payload outside
    data/documents, data/sources and data/attachments (one level), other folders."""
    found: list[Finding] = []
    for name in sorted(names):
        if "/" not in name:
            match = _MANIFEST_NAME.match(name)
            allowed = name in (BAGIT, BAG_INFO, SIGNATURE, FETCH) or (
                match is not None and match[2] in ALGORITHMS)
            if not allowed:
                found.append(("file_added", name))
        elif name != "data/dossier.json" and not any(
                name.startswith(d) and "/" not in name[len(d):] for d in PAYLOAD_DIRS):
            found.append(("file_added", name))
    return found


def parse_manifest(data: bytes, what: str, algorithm: str
                   ) -> tuple[dict[str, str] | None, Finding | None]:
    """{path: digest} of a (tag) manifest; a finding when a line is not `<hex> <path>`."""
    code = "tagmanifest_mismatch" if algorithm == "sha256" else "other_manifest_mismatch"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, (code, f"{what}: UTF-8")
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        digest, sep, name = line.partition(" ")
        name = name.lstrip(" ")
        if not sep or len(line) > MAX_MANIFEST_LINE or not name or \
                len(digest) != HEX_LENGTH[algorithm] or not _HEX.match(digest.lower()):
            return None, (code, f"{what}:{number}")
        # RFC 8493 §2.1.3: CR, LF and % are percent-encoded in manifest paths.
        name = name.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
        if name in entries:
            return None, (code, f"{what}: {name} x2")
        entries[name] = digest.lower()
    return entries, None


def manifest_findings(kept: Mapping[str, bytes], digests: Mapping[str, Mapping[str, str]],
                      algorithms: list[str], names: set[str], damaged: set[str]
                      ) -> tuple[dict[str, str], list[Finding]]:
    """Every payload and tag manifest present, against the digests of the bytes read.

    Returns the SHA-256 payload manifest ({path: digest}) and the findings. A payload
    manifest lists every payload file exactly once (RFC 8493 §3); a tag manifest lists
    bagit.txt, bag-info.txt and every payload manifest present, and nothing else.
    """
    found: list[Finding] = []
    listed: dict[str, str] = {}
    payload_manifests = {f"manifest-{a}.txt" for a in algorithms} & names
    for algorithm in algorithms:
        for tag in (False, True):
            name = f"{'tag' if tag else ''}manifest-{algorithm}.txt"
            data = kept.get(name)
            if data is None:
                continue
            entries, problem = parse_manifest(data, name, algorithm)
            if entries is None:
                found.append(problem or ("tagmanifest_mismatch", name))
                continue
            if tag:
                found += _tag_manifest(name, algorithm, entries, digests, names,
                                       {BAGIT, BAG_INFO} | payload_manifests, damaged)
            else:
                found += _payload_manifest(name, algorithm, entries, digests, names, damaged)
                if algorithm == "sha256":
                    listed = entries
    return listed, found


def _payload_manifest(name: str, algorithm: str, entries: Mapping[str, str],
                      digests: Mapping[str, Mapping[str, str]], names: set[str],
                      damaged: set[str]) -> list[Finding]:
    primary = algorithm == "sha256"
    other = "other_manifest_mismatch"
    found: list[Finding] = []
    for path, digest in entries.items():
        if not path.startswith("data/"):
            found.append(("tagmanifest_mismatch" if primary else other, f"{name}: {path}"))
        elif path not in names:
            if path not in damaged:
                found.append(("file_missing", path) if primary else (other, f"{name}: {path}"))
        elif path in digests and digests[path][algorithm] != digest:
            found.append(("manifest_mismatch" if primary else other, path))
    for path in sorted(n for n in names if n.startswith("data/") and n not in entries):
        found.append(("file_added", path) if primary else (other, f"{name}: {path}"))
    return found


def _tag_manifest(name: str, algorithm: str, entries: Mapping[str, str],
                  digests: Mapping[str, Mapping[str, str]], names: set[str],
                  expected: set[str], damaged: set[str]) -> list[Finding]:
    primary = algorithm == "sha256"
    other = "other_manifest_mismatch"
    found: list[Finding] = []
    for path, digest in entries.items():
        if path not in expected:
            if path in names or not primary:
                found.append(("tagmanifest_mismatch" if primary else other, f"{name}: {path}"))
            elif path not in damaged:
                found.append(("file_missing", path))
        elif path in digests and digests[path][algorithm] != digest:
            if primary:
                found.append(("bag_info_changed" if path == BAG_INFO
                              else "tagmanifest_mismatch", path))
            else:
                found.append((other, path))
    for path in sorted(expected - set(entries)):
        if not primary:
            found.append((other, f"{name}: {path}"))
        elif path in (BAGIT, BAG_INFO, MANIFEST):
            found.append(("tagmanifest_mismatch", f"{path} (không có trong kê khai)"))
        else:
            found.append(("file_added", path))   # a payload manifest nobody signed
    return found


def bagit_findings(data: bytes | None) -> list[Finding]:
    if data is not None and data.replace(b"\r\n", b"\n") != BAGIT_TXT:
        return [("bad_bagit_txt", BAGIT)]
    return []


def parse_bag_info(data: bytes) -> tuple[dict[str, list[str]] | None, list[Finding]]:
    """bag-info.txt as {label: [values]}; refused when it is not `Label: value` lines (with
    continuation lines), too long, or repeats a label that may appear once."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, [("bag_info_invalid", "UTF-8")]
    lines = text.splitlines()
    if len(lines) > MAX_BAG_INFO_LINES:
        return None, [("bag_info_invalid", f"{len(lines)} dòng")]
    info: dict[str, list[str]] = {}
    last: str | None = None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if line[0] in " \t" and last is not None:
            info[last][-1] += " " + line.strip()
        else:
            label, sep, value = line.partition(":")
            if not sep or not label.strip() or label != label.strip():
                return None, [("bag_info_invalid", f"{BAG_INFO}:{number}")]
            last = label
            info.setdefault(label, []).append(value.strip())
        if len(info[last][-1]) > MAX_BAG_INFO_VALUE:
            return None, [("bag_info_invalid", f"{BAG_INFO}:{number} > {MAX_BAG_INFO_VALUE}")]
    found: list[Finding] = []
    for label in REQUIRED_BAG_INFO:
        if not info.get(label):
            found.append(("bag_info_invalid", label))
    for label in SINGLE_BAG_INFO:
        if len(info.get(label, [])) > 1:
            found.append(("bag_info_invalid", f"{label} x{len(info[label])}"))
    when = (info.get("Bagging-Date") or [""])[0]
    try:
        date.fromisoformat(when) if len(when) == 10 else None
    except ValueError:
        found.append(("bag_info_invalid", f"Bagging-Date {when}"))
    revision_of = (info.get("Revision-Of") or [""])[0]
    if revision_of and not _SHA256.match(revision_of):
        found.append(("bag_info_invalid", f"Revision-Of {revision_of[:80]}"))
    return info, found


def oxum_findings(oxum: str, payload_sizes: list[int]) -> list[Finding]:
    """Payload-Oxum = <octets>.<files>, both bounded (15 and 9 digits) before int()."""
    if not oxum:
        return []
    match = _OXUM.match(oxum)
    if match is None:
        return [("payload_oxum", oxum[:40] + ("…" if len(oxum) > 40 else ""))]
    if (int(match[1]), int(match[2])) != (sum(payload_sizes), len(payload_sizes)):
        return [("payload_oxum", oxum)]
    return []

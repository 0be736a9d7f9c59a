"""Whose law packs the app accepts.

- The project's publisher key, bundled with the app (resources/lawpack/<publisher>.pub; the
  file's name is the series it signs, "hoso"). Its packs may carry any forms/ file.
- A province's key, enrolled by the officer from the enrolment sheet the province prints
  (the key line typed or pasted, its fingerprint compared aloud with the printed one). Its
  packs may carry only that province's profile: provinces/<code>.toml and its versions.
- On the command line, `--public-key FILE`: trusted for that one command, for any content.

The secret halves never come here: the project's is kept offline by its maintainers
(README "Law packs"), a province's by the province.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.i18n import _
from desktop.core.operations.keys import fingerprint
from desktop.core.operations.lawpacks.state import KEYS, KEYS_FORMAT, read_json, root, write_json
from desktop.core.package import minisign
from desktop.core.package.lawpack import TrustedKey
from desktop.core.package.minisign import PublicKey, SignatureError
from desktop.core.text import clean, nfc

PROVINCE_CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_ENROLLED = 100


@dataclass(frozen=True)
class KeyInfo:
    """A trusted key as the screen lists it."""

    key_id: str
    fingerprint: str
    name: str
    publisher: str | None
    province: str | None
    source: str
    public_key_text: str
    enrolled_at: str = ""


def bundled_keys(folder: Path) -> dict[str, TrustedKey]:
    """The publisher keys shipped with the app (resources/lawpack/*.pub)."""
    found: dict[str, TrustedKey] = {}
    for path in sorted(folder.glob("*.pub")) if folder.is_dir() else []:
        text = path.read_text("utf-8")
        public = minisign.parse_public_key(text)
        comment = text.splitlines()[0].removeprefix("untrusted comment:").strip()
        name = comment.partition(": ")[2] or comment or path.stem
        found[public.key_id_hex] = TrustedKey(public, path.stem, None, name, "bundled")
    return found


def _enrolled_raw(data_dir: Path) -> list[dict[str, str]]:
    data = read_json(root(data_dir) / KEYS, KEYS_FORMAT)
    items = data.get("keys", [])
    return [k for k in items if isinstance(k, dict)] if isinstance(items, list) else []


def enrolled_keys(data_dir: Path) -> dict[str, TrustedKey]:
    found: dict[str, TrustedKey] = {}
    for item in _enrolled_raw(data_dir):
        try:
            public = minisign.parse_public_key(str(item.get("public_key", "")))
        except SignatureError:
            continue   # a damaged entry trusts nobody
        province = str(item.get("province", ""))
        if PROVINCE_CODE.match(province):
            found[public.key_id_hex] = TrustedKey(public, province, province,
                                                  str(item.get("name", "")), "enrolled")
    return found


def trusted_keys(data_dir: Path | None, bundled_dir: Path,
                 given: tuple[PublicKey, ...] = ()) -> dict[str, TrustedKey]:
    """Every key whose packs are accepted: bundled, enrolled in `data_dir`, and given."""
    keys = bundled_keys(bundled_dir)
    if data_dir is not None:
        for key_id, key in enrolled_keys(data_dir).items():
            keys.setdefault(key_id, key)
    for public in given:
        keys[public.key_id_hex] = TrustedKey(public, None, None, _("khóa chỉ định khi chạy "
                                                                    "lệnh"), "given")
    return keys


def _info(key: TrustedKey, enrolled_at: str = "") -> KeyInfo:
    return KeyInfo(key.key_id, fingerprint(key.key_id), key.name, key.publisher, key.province,
                   key.source, minisign.public_key_file_text(key.public_key), enrolled_at)


def list_keys(data_dir: Path, bundled_dir: Path) -> list[KeyInfo]:
    """The bundled keys first, then the provinces' keys in the order they were enrolled."""
    dates = {str(k.get("key_id")): str(k.get("enrolled_at", "")) for k in
             _enrolled_raw(data_dir)}
    out = [_info(k) for k in bundled_keys(bundled_dir).values()]
    out += [_info(k, dates.get(k.key_id, "")) for k in enrolled_keys(data_dir).values()]
    return out


def parse_key_text(text: str) -> PublicKey:
    """A public key as the officer gives it: the .pub file, or only its key line copied
    from the enrolment sheet (spaces and line breaks from typing are ignored)."""
    lines = [ln.strip() for ln in nfc(text).splitlines() if ln.strip()]
    if lines and lines[0].startswith("untrusted comment:"):
        lines = lines[1:]
    try:
        return minisign.parse_public_key("".join("".join(lines).split()))
    except SignatureError as exc:
        raise UserError(_("Khóa công khai không đúng: hãy chép đúng dòng khóa trên phiếu đăng "
                          "ký (bắt đầu bằng RW)."), code="lawpack.bad_key") from exc


def enrol_province_key(data_dir: Path, bundled_dir: Path, key_text: str, province: str,
                       name: str, actor: str, now: datetime) -> KeyInfo:
    """Trust a province's key for packs of that province's profile. The caller shows the
    fingerprint (`fingerprint(parse_key_text(text).key_id_hex)`) for the officer to compare
    with the printed sheet before calling."""
    public = parse_key_text(key_text)
    province = clean(province)
    if not PROVINCE_CODE.match(province):
        raise UserError(_("Mã tỉnh “{code}” không hợp lệ (chữ thường không dấu, số, dấu _)."
                          ).format(code=province), code="lawpack.bad_province")
    label = clean(name)
    if not label:
        raise UserError(_("Hãy ghi tên cơ quan giữ khóa (ví dụ: Sở Nội vụ tỉnh …)."),
                        code="lawpack.key_name_missing")
    key_id = public.key_id_hex
    if key_id in bundled_keys(bundled_dir):
        raise UserError(_("Khóa {key} là khóa của dự án, đã được tin cậy sẵn.").format(
            key=fingerprint(key_id)), code="lawpack.key_bundled")
    items = _enrolled_raw(data_dir)
    for item in items:
        if str(item.get("key_id")) == key_id:
            if item.get("province") == province:
                return _info(enrolled_keys(data_dir)[key_id], str(item.get("enrolled_at")))
            raise UserError(_("Khóa {key} đã đăng ký cho tỉnh “{other}”.").format(
                key=fingerprint(key_id), other=item.get("province")),
                code="lawpack.key_other_province")
    if len(items) >= MAX_ENROLLED:
        raise UserError(_("Đã có {n} khóa; hãy bỏ bớt khóa không dùng.").format(n=len(items)),
                        code="lawpack.too_many_keys")
    stamp = now.isoformat(timespec="seconds")
    items.append({"key_id": key_id, "public_key": minisign.public_key_file_text(public),
                  "province": province, "name": label, "enrolled_at": stamp, "actor": actor})
    write_json(root(data_dir) / KEYS, {"format": KEYS_FORMAT, "keys": items})
    return _info(enrolled_keys(data_dir)[key_id], stamp)


def remove_province_key(data_dir: Path, key_id: str) -> None:
    """Stop trusting an enrolled key (packs it signed stay installed until replaced or
    rolled back)."""
    items = _enrolled_raw(data_dir)
    kept = [k for k in items if str(k.get("key_id")) != key_id.upper()]
    if len(kept) == len(items):
        raise UserError(_("Không có khóa {key} trong danh sách đã đăng ký.").format(
            key=fingerprint(key_id)), code="lawpack.key_unknown")
    write_json(root(data_dir) / KEYS, {"format": KEYS_FORMAT, "keys": kept})

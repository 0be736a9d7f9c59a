"""The fields an import can fill, as one table: what each is called in officers' headers,
what kind of value it holds, and what a person gets when the file has no value for it.

Adding a person field is one line in `FIELDS` once `Person` (and the store) has the
attribute: `ImportField("home_town", N_("Quê quán"), Kind.TEXT, ("que quan", "nguyen quan"))`.
The key is the `Person` attribute it fills; conversion, checks, defaults, the wizard's
column list and the CLI's `--map`/`--default` all follow from the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from desktop.core.i18n import N_, _
from desktop.core.model import Gender, Rating, SubjectGroup
from desktop.core.operations.importing.characters import CharPolicy
from desktop.core.text import clean, fold


class Kind(Enum):
    NAME = "name"  # the full name (or its given-name part when split)
    NAME_PART = "name_part"  # family and middle names in a column of their own
    TEXT = "text"
    DATE = "date"
    GENDER = "gender"
    GROUP = "group"
    RATING = "rating"  # one year's xếp loại: goes into the history, not the person
    DIGITS = "digits"  # phone, CCCD: an Excel number may have lost its leading zeros

    @property
    def policy(self) -> CharPolicy:
        return CharPolicy.TEXT if self in (Kind.NAME, Kind.NAME_PART, Kind.TEXT) \
            else CharPolicy.STRICT


class WhenMissing(Enum):
    EMPTY = "empty"  # nothing is recorded: the person's record shows it as not known
    CONFIRM = "confirm"  # a value would be recorded: the officer must choose it for the file


@dataclass(frozen=True)
class ImportField:
    key: str  # the Person attribute (or "family_name", "rating")
    label_id: str  # msgid; `label` translates it
    kind: Kind = Kind.TEXT
    synonyms: tuple[str, ...] = ()  # folded header texts; see mapping.py
    exact_only: tuple[str, ...] = ()  # synonyms that must be the whole header
    when_missing: WhenMissing = WhenMissing.EMPTY
    max_length: int = 255
    zero_fill: tuple[tuple[int, int], ...] = ()  # DIGITS: (length seen, length it must have)

    @property
    def label(self) -> str:
        return _(self.label_id)


FIELDS: tuple[ImportField, ...] = (
    ImportField("full_name", N_("Họ và tên"), Kind.NAME,
                ("ho va ten", "ho ten", "ho va ten can bo", "ten", "ho va ten khai sinh"),
                ("ten",), max_length=200),
    ImportField("family_name", N_("Họ và tên đệm (khi tên tách riêng cột)"), Kind.NAME_PART,
                ("ho va ten dem", "ho dem", "ho va dem", "ho"), ("ho",), max_length=150),
    ImportField("birth_date", N_("Ngày sinh"), Kind.DATE,
                ("ngay sinh", "nam sinh", "ngay thang nam sinh", "sinh ngay")),
    ImportField("gender", N_("Giới tính"), Kind.GENDER, ("gioi tinh", "gioi", "phai"),
                ("gioi",)),
    ImportField("ethnicity", N_("Dân tộc"), Kind.TEXT, ("dan toc",),
                when_missing=WhenMissing.CONFIRM, max_length=60),
    ImportField("position", N_("Chức vụ"), Kind.TEXT,
                ("chuc vu", "chuc danh", "chuc vu chuc danh")),
    ImportField("department", N_("Phòng, ban, bộ phận"), Kind.TEXT,
                ("phong ban", "don vi", "bo phan", "phong", "don vi cong tac", "to"),
                ("phong", "to")),
    ImportField("group", N_("Đối tượng"), Kind.GROUP, ("doi tuong", "loai doi tuong"),
                when_missing=WhenMissing.CONFIRM),
    ImportField("hired_on", N_("Ngày vào làm"), Kind.DATE,
                ("ngay vao lam", "ngay tuyen dung", "ngay vao co quan", "ngay bat dau cong tac",
                 "ngay vao nganh")),
    ImportField("phone", N_("Điện thoại"), Kind.DIGITS,
                ("dien thoai", "sdt", "so dien thoai", "dt", "di dong"), ("dt",),
                max_length=30, zero_fill=((9, 10),)),
    ImportField("national_id", N_("Số CCCD/CMND"), Kind.DIGITS,
                ("cccd", "so dinh danh", "cmnd", "so cccd", "can cuoc", "so cmnd",
                 "so dinh danh ca nhan", "cccd cmnd", "so cccd cmnd"), max_length=30,
                # a CCCD starts with a province code 001–096, so it may lose one or two
                # zeros (10 or 11 digits → 12); a CMND 8 → 9
                zero_fill=((10, 12), (11, 12), (8, 9))),
    ImportField("rating", N_("Xếp loại"), Kind.RATING,
                ("xep loai", "ket qua xep loai", "danh gia xep loai", "xep loai chat luong")),
)
FIELD_KEYS = tuple(f.key for f in FIELDS)
BY_KEY = {f.key: f for f in FIELDS}
# Fields that are not attributes of Person.
NOT_PERSON = frozenset({"family_name", "rating"})

_PUNCT = re.compile(r"[^0-9a-z]+")


def word_key(text: str) -> str:
    """Folded words: "Hoàn thành tốt nhiệm vụ." → "hoan thanh tot nhiem vu"."""
    return " ".join(_PUNCT.split(fold(clean(text)))).strip()


# ---- the coded values --------------------------------------------------------------------------

GENDERS = {"nam": Gender.NAM, "male": Gender.NAM, "trai": Gender.NAM,
           "nu": Gender.NU, "female": Gender.NU, "gai": Gender.NU}

RATINGS: dict[str, Rating] = {}
for _rating, _words in {
    Rating.HTXS: ("htxs", "htxsnv", "hoan thanh xuat sac nhiem vu", "hoan thanh xuat sac",
                  "xuat sac"),
    Rating.HTT: ("htt", "httnv", "hoan thanh tot nhiem vu", "hoan thanh tot", "tot"),
    Rating.HT: ("ht", "htnv", "hoan thanh nhiem vu", "hoan thanh"),
    Rating.KHT: ("kht", "khtnv", "khong hoan thanh nhiem vu", "khong hoan thanh"),
}.items():
    for _w in _words:
        RATINGS[_w] = _rating

GROUPS: dict[str, SubjectGroup] = {}
for _group, _words in {
    SubjectGroup.CBCCVC: ("cbccvc", "can bo cong chuc vien chuc", "can bo", "cong chuc",
                          "vien chuc", "can bo cong chuc", "cong chuc vien chuc"),
    SubjectGroup.NGUOI_LAO_DONG: ("nguoi lao dong", "nld", "lao dong", "hop dong",
                                  "lao dong hop dong"),
    SubjectGroup.CONG_NHAN_NONG_DAN: ("cong nhan nong dan nguoi lao dong truc tiep",
                                      "cong nhan", "nong dan", "lao dong truc tiep",
                                      "cong nhan nong dan"),
    SubjectGroup.VU_TRANG: ("luc luong vu trang", "llvt", "vu trang", "quan doi", "cong an",
                            "dan quan"),
}.items():
    for _w in _words:
        GROUPS[_w] = _group
for _g in SubjectGroup:
    GROUPS[_g.value.replace("_", " ")] = _g

# Suggestions for the "Dân tộc" default (the officer may type any other).
COMMON_ETHNICITIES = ("Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao",
                      "Gia Rai", "Ê Đê", "Ba Na", "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng")


def default_choices(key: str) -> list[tuple[str, str]]:
    """(value as the CLI's --default takes it, label) for a CONFIRM field."""
    if key == "group":
        return [(g.value, g.label) for g in SubjectGroup]
    if key == "ethnicity":
        return [(e, e) for e in COMMON_ETHNICITIES] + [("", _("Để trống (bổ sung sau)"))]
    return []

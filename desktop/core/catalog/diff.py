"""What changes between two catalogs, in words, and from which day.

Both catalogs are compared on every day on which something is in force differently in
either of them (versions.boundaries); each difference is told once, dated by the first day it
applies: "CSTĐCS: từ 01/10/2026 cần HTXSNV và sáng kiến cấp cơ sở (trước đó: …)". A law
pack's changes are computed this way before it is installed (and its rollback's after), so
the officer reads what the rules will do, not only what the publisher wrote; and the first
dated change is checked against the pack's effective date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.core.catalog import ROUND_KINDS, Catalog, TitleInfo
from desktop.core.catalog.describe import ballot_text, node_text, top_items, value_text
from desktop.core.catalog.documents import DocumentKind
from desktop.core.catalog.provinces import DayOfYear, ProvinceProfile
from desktop.core.catalog.versions import VALIDITY_KEYS, boundaries
from desktop.core.i18n import N_, _
from desktop.core.model import AwardKind

AREAS = ("title", "province", "document", "legal_basis")
_SOURCE_FIELDS = {"cite": N_("tên viết tắt"), "title": N_("tên đầy đủ"),
                  "valid_from": N_("ngày có hiệu lực"), "valid_to": N_("ngày hết hiệu lực"),
                  "can_cu": N_("dòng căn cứ"), "formal": N_("tên gọi trong văn bản"),
                  "unit_kinds": N_("loại đơn vị áp dụng")}
# A document kind's tables named in words; a key inside one is kept as its name, in brackets
_DOCUMENT_FIELDS = {"texts": N_("lời văn"), "signing": N_("phần ký"), "name": N_("tên mẫu"),
                    "titles": N_("danh hiệu áp dụng"), "positions": N_("vị trí in"),
                    "bases": N_("văn bản căn cứ"), "subjects": N_("đối tượng")}
_SUBJECT = {"individual": N_("cá nhân"), "collective": N_("tập thể"),
            "household": N_("hộ gia đình")}


@dataclass(frozen=True)
class Change:
    """One difference: its area, the code it concerns, the first day it applies (None for
    the legal sources' own descriptions) and the sentence an officer reads."""

    area: str
    code: str
    day: date | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"area": self.area, "code": self.code,
                "day": self.day.isoformat() if self.day else None, "text": self.text}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Change:
        day = data.get("day")
        return cls(str(data.get("area", "")), str(data.get("code", "")),
                   date.fromisoformat(day) if isinstance(day, str) else None,
                   str(data.get("text", "")))


def _d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def catalog_changes(before: Catalog, after: Catalog) -> list[Change]:
    """Every difference between `before` and `after`, in date order."""
    days = sorted(set(_days(before)) | set(_days(after)))
    changes: list[Change] = []
    seen: set[tuple[str, str, str, str]] = set()
    told: set[tuple[str, tuple[str, ...]]] = set()
    for day in days:
        b, a = before.on(day), after.on(day)
        for code in sorted(set(b.titles) | set(a.titles)):
            bi, ai = b.titles.get(code), a.titles.get(code)
            if _same_title(bi, ai):
                continue
            key = ("title", code, bi.digest if bi else "", ai.digest if ai else "")
            if key not in seen:
                seen.add(key)
                changes += [Change("title", code, day, t) for t in _title(b, a, bi, ai, day)]
        # A profile difference is told on the first day it holds, not again on each later
        # day something else changes (a title's new version) while it still holds
        today = _provinces(b, a, day)
        changes += [Change("province", code, day, text) for code, fact, text in today
                    if (code, fact) not in told]
        told = {(code, fact) for code, fact, _text in today}
        for code in sorted(set(b.documents) | set(a.documents)):
            bd, ad = b.documents.get(code), a.documents.get(code)
            if (bd.digest if bd else "") == (ad.digest if ad else ""):
                continue
            key = ("document", code, bd.digest if bd else "", ad.digest if ad else "")
            if key not in seen:
                seen.add(key)
                changes.append(Change("document", code, day, _document(bd, ad, day)))
    changes += _sources(before.legal_sources, after.legal_sources)
    return changes


def earliest_change(changes: list[Change]) -> date | None:
    """The first day on which a verdict, a profile or a document can differ."""
    days = [c.day for c in changes if c.day is not None]
    return min(days) if days else None


def _days(catalog: Catalog) -> list[date]:
    return boundaries(catalog.book.validities()) if catalog.book is not None else [
        catalog.as_of]


def _same_title(bi: TitleInfo | None, ai: TitleInfo | None) -> bool:
    return (bi.digest if bi else None) == (ai.digest if ai else None)


# ---- titles ---------------------------------------------------------------------------------


def _all(items: list[str]) -> str:
    """Conditions asked together; one alone needs no brackets."""
    if len(items) == 1 and items[0].startswith("(") and items[0].endswith(")"):
        return items[0][1:-1]
    return _(" và ").join(items)


def _title(b: Catalog, a: Catalog, bi: TitleInfo | None, ai: TitleInfo | None, day: date
           ) -> list[str]:
    when = _d(day)
    if bi is None:
        assert ai is not None
        return [_("Thêm “{name}” ({short}), áp dụng từ {day}.").format(
            name=ai.name, short=ai.short_name, day=when)]
    if ai is None:
        return [_("{short}: không còn áp dụng từ {day}.").format(short=bi.short_name,
                                                                  day=when)]
    short = ai.short_name
    prov_b, prov_a = b.provinces.get("default"), a.provinces.get("default")

    def names_b(code: str) -> str:
        info = b.known(code) or a.known(code)
        return info.short_name if info else code

    def names_a(code: str) -> str:
        info = a.known(code) or b.known(code)
        return info.short_name if info else code

    lines: list[str] = []
    subjects = list(dict.fromkeys([*bi.subjects, *ai.subjects]))
    for subject in subjects:
        rb, ra = bi.criteria.get(subject), ai.criteria.get(subject)
        tb = node_text(rb, names_b, prov_b) if rb is not None else ""
        ta = node_text(ra, names_a, prov_a) if ra is not None else ""
        if tb == ta:
            continue
        who = short + (f" ({_(_SUBJECT[subject])})" if len(subjects) > 1 else "")
        if rb is None:
            lines.append(_("{who}: từ {day} xét theo: {rule}.").format(who=who, day=when,
                                                                       rule=ta))
            continue
        if ra is None:
            lines.append(_("{who}: từ {day} không còn xét.").format(who=who, day=when))
            continue
        old = top_items(rb, names_b, prov_b)
        new = top_items(ra, names_a, prov_a)
        added = [x for x in new if x not in old]
        removed = [x for x in old if x not in new]
        if added:
            text = _("{who}: từ {day} cần {what}").format(who=who, day=when, what=_all(added))
            if removed:
                text += _(" (trước đó: {what})").format(what=_all(removed))
            lines.append(text + ".")
        else:
            lines.append(_("{who}: từ {day} không còn cần {what}.").format(
                who=who, day=when, what=_all(removed)))
    old_ballot, new_ballot = ballot_text(bi.ballot, prov_b), ballot_text(ai.ballot, prov_a)
    if old_ballot != new_ballot:
        lines.append(_("{short}: từ {day} Hội đồng {new} (trước đó: {old}).").format(
            short=short, day=when, new=new_ballot, old=old_ballot))
    old_parts = {p.code: p.name for p in bi.dossier_parts}
    new_parts = {p.code: p.name for p in ai.dossier_parts}
    for code, name in new_parts.items():
        if code not in old_parts:
            lines.append(_("{short}: từ {day} hồ sơ cần thêm “{part}”.").format(
                short=short, day=when, part=name))
    for code, name in old_parts.items():
        if code not in new_parts:
            lines.append(_("{short}: từ {day} hồ sơ không còn cần “{part}”.").format(
                short=short, day=when, part=name))
    for label, old_value, new_value in (
            (N_("tên"), bi.name, ai.name), (N_("tên viết tắt"), bi.short_name, ai.short_name),
            (N_("thẩm quyền"), bi.authority, ai.authority),
            (N_("căn cứ"), "; ".join(bi.legal_basis), "; ".join(ai.legal_basis))):
        if old_value != new_value:
            lines.append(_("{short}: từ {day} {label}: “{old}” → “{new}”.").format(
                short=short, day=when, label=_(label), old=old_value, new=new_value))
    if not lines:
        lines.append(_("{short}: từ {day} sửa lời văn hoặc ví dụ; tiêu chí không đổi.")
                     .format(short=short, day=when))
    return lines


# ---- province profiles ----------------------------------------------------------------------


def _day_text(value: DayOfYear | None) -> str:
    if value is None:
        return _("không có")
    text = f"{value.day:02d}/{value.month:02d}"
    return text + (_(" năm sau") if value.year_offset else "")


def _deadline_label(key: str) -> str:
    """"cong_trang" → "hạn nộp hồ sơ khen công trạng"; a named deadline keeps its name."""
    if key in ROUND_KINDS:
        return _("hạn nộp hồ sơ khen {kind}").format(kind=AwardKind(key).label.lower())
    return _("hạn {key}").format(key=key)


def _profile_facts(p: ProvinceProfile) -> dict[str, str]:
    """A profile's figures as (label → words); two profiles differ where these differ."""
    facts = {_("cơ quan tiếp nhận"): p.receiving_body, _("căn cứ"): p.legal_basis,
             _("số bộ hồ sơ"): str(p.dossier_copies),
             _("dung lượng tệp đính kèm tối đa"): f"{p.max_attachment_mb} MB",
             _("gửi thư điện tử tới"): p.transport.email_to,
             _("ký số giấy chứng nhận"): value_text(p.signed_certificates)}
    for name, value in p.parameters.items():
        facts[_("tham số {name}").format(name=name)] = value_text(value)
    for key, day in p.deadlines.items():
        facts[_deadline_label(key)] = _day_text(day)
    for key, days in p.deadline_days.items():
        facts[_deadline_label(key)] = _("{n} ngày").format(n=days)
    for code, days in p.posting_days.items():
        facts[_("niêm yết {code}").format(code=code)] = _("{n} ngày").format(n=days)
    return facts


def _provinces(b: Catalog, a: Catalog, day: date) -> list[tuple[str, tuple[str, ...], str]]:
    """(province code, the difference without its day, its sentence) for each difference
    between the profiles in force on `day`."""
    when = _d(day)
    out: list[tuple[str, tuple[str, ...], str]] = []
    national: set[tuple[str, str, str]] = set()
    for code in sorted(set(b.provinces) | set(a.provinces), key=lambda c: (c != "default", c)):
        pb, pa = b.provinces.get(code), a.provinces.get(code)
        if pa is None and pb is not None:
            out.append((code, ("removed",), _(
                "Hồ sơ tỉnh “{name}”: không còn áp dụng từ {day}.").format(name=pb.name,
                                                                         day=when)))
            continue
        if pa is None:
            continue
        if pb is None:
            out.append((code, ("added",), _(
                "Thêm hồ sơ tỉnh “{name}”, áp dụng từ {day}.").format(name=pa.name, day=when)))
            continue
        old, new = _profile_facts(pb), _profile_facts(pa)
        for label in dict.fromkeys([*old, *new]):
            before, after = old.get(label, "—"), new.get(label, "—")
            if before == after:
                continue
            if code == "default":
                national.add((label, before, after))
            elif (label, before, after) in national:
                continue   # told once, for the national defaults every profile extends
            out.append((code, (label, before, after), _(
                "{name}: từ {day} {label}: {old} → {new}.").format(
                name=pa.name, day=when, label=label, old=before, new=after)))
        if pa.name != pb.name:
            out.append((code, ("name", pb.name, pa.name), _(
                "Hồ sơ tỉnh “{old}”: từ {day} đổi tên thành “{new}”.").format(
                old=pb.name, day=when, new=pa.name)))
    return out


# ---- document kinds and legal sources -------------------------------------------------------


def _document(bd: DocumentKind | None, ad: DocumentKind | None, day: date) -> str:
    when = _d(day)
    if bd is None:
        assert ad is not None
        return _("Thêm mẫu “{name}”, dùng từ {day}.").format(name=ad.name, day=when)
    if ad is None:
        return _("Mẫu “{name}”: không còn dùng từ {day}.").format(name=bd.name, day=when)
    return _("Mẫu “{name}”: từ {day} sửa {what}.").format(
        name=ad.name, day=when, what=_document_fields(_changed_keys(bd.data, ad.data)))


def _document_fields(keys: list[str]) -> str:
    """"texts.request", "texts.heading", "signing" → "lời văn (request, heading), phần ký"."""
    groups: dict[str, list[str]] = {}
    for key in keys:
        top, _dot, inner = key.partition(".")
        label = _(_DOCUMENT_FIELDS[top]) if top in _DOCUMENT_FIELDS else top
        groups.setdefault(label, [])
        if inner:
            groups[label].append(inner)
    return ", ".join(f"{label} ({', '.join(inner)})" if inner else label
                     for label, inner in groups.items()) or _("lời văn")


def _changed_keys(old: Mapping[str, Any], new: Mapping[str, Any], prefix: str = "",
                  skip: tuple[str, ...] = VALIDITY_KEYS) -> list[str]:
    """The keys whose values differ ("texts.request"), one table deep."""
    keys: list[str] = []
    for key in dict.fromkeys([*old, *new]):
        if not prefix and key in skip:
            continue
        ov, nv = old.get(key), new.get(key)
        if ov == nv:
            continue
        if isinstance(ov, dict) and isinstance(nv, dict) and not prefix:
            keys += _changed_keys(ov, nv, f"{key}.", skip)
        else:
            keys.append(prefix + key)
    return keys


def _sources(before: Mapping[str, Mapping[str, Any]], after: Mapping[str, Mapping[str, Any]]
             ) -> list[Change]:
    out: list[Change] = []
    for key in sorted(set(before) | set(after)):
        old = {k: v for k, v in before.get(key, {}).items() if k != "origin"}
        new = {k: v for k, v in after.get(key, {}).items() if k != "origin"}
        if old == new:
            continue
        if not old:
            start = new.get("valid_from")
            out.append(Change("legal_basis", key, None, _(
                "Thêm văn bản căn cứ “{cite}”: {title} (hiệu lực từ {day}).").format(
                cite=new.get("cite"), title=new.get("title"),
                day=_d(start) if isinstance(start, date) else "?")))
        elif not new:
            out.append(Change("legal_basis", key, None, _("Bỏ văn bản căn cứ “{cite}”.").format(
                cite=old.get("cite"))))
        else:
            what = [_(_SOURCE_FIELDS[k]) if k in _SOURCE_FIELDS else k
                    for k in _changed_keys(old, new, skip=())]
            out.append(Change("legal_basis", key, None, _(
                "Văn bản căn cứ “{cite}”: sửa {what}.").format(cite=new.get("cite"),
                                                             what=", ".join(what))))
    return out

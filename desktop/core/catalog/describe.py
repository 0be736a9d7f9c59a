"""A title's rule, ballot and figures in short Vietnamese words, for "what changed" lines
("CSTĐCS: từ 01/10/2026 cần HTXSNV và sáng kiến cấp cơ sở").

The words are built from the rule tree itself, never from a file's comments, so a law pack's
summary cannot claim what its rules do not say.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from desktop.core.catalog.base import ProvinceParam
from desktop.core.catalog.provinces import ProvinceProfile
from desktop.core.catalog.titles import Ballot, Criterion, Group, Node
from desktop.core.i18n import N_, _
from desktop.core.model import CollectiveKind, DisciplineLevel, Rating, Scope, SubjectGroup
from desktop.core.text import percent

Names = Callable[[str], str]   # title code → short name


def _rating(code: str) -> str:
    return Rating(code).short


def _value(value: Any, province: ProvinceProfile | None) -> Any:
    if isinstance(value, ProvinceParam):
        return province.resolve(value) if province is not None else value.name
    return value


def _share(value: Any) -> str:
    return percent(value) if isinstance(value, int | float) else str(value)


_QUALITY = {"exemplary": N_("gương mẫu"), "solidarity": N_("đoàn kết"),
            "movement": N_("tích cực trong phong trào thi đua")}
_MEMBERS = {"completed": N_("hoàn thành nhiệm vụ"), "lao_dong_tien_tien": N_("đạt LĐTT"),
            "chien_si_thi_dua_co_so": N_("đạt CSTĐCS"), "women": N_("là nữ")}


def _collective_kind(code: str) -> str:
    try:
        return CollectiveKind(code).label.lower()
    except ValueError:
        return code


def _proofs(p: Mapping[str, Any], province: ProvinceProfile | None) -> str:
    sources = p["sources"]
    what = (_("sáng kiến hoặc đề tài") if len(sources) > 1 else
            _("sáng kiến") if sources[0] == "initiative" else _("đề tài"))
    count = _value(p["count"], province)
    text = (_("{what} cấp {scope}") if count == 1 else _("{n} {what} cấp {scope}")).format(
        what=what, n=count, scope=Scope(p["min_scope"]).label.lower())
    window = _value(p["window"], province)
    if window != 1:
        text += _(" trong {n} năm").format(n=window)
    return text


def criterion_text(node: Criterion, names: Names, province: ProvinceProfile | None) -> str:
    """One leaf of a rule in words."""
    p = node.params
    name = node.predicate
    if name == "rating_at_least":
        rating = p["min"]
        return _rating(rating) if rating == "htxs" else _("xếp loại từ {r}").format(
            r=_rating(rating))
    if name == "consecutive_years":
        count = _value(p["count"], province)
        if "titles" in p:
            what = _(" hoặc ").join(names(c) for c in p["titles"])
        else:
            rating = p.get("min_rating", "htt")
            what = _rating(rating) if rating == "htxs" else _("xếp loại từ {r}").format(
                r=_rating(rating))
        return _("{n} năm liên tục {what}").format(n=count, what=what)
    if name == "qualities":
        return ", ".join(_(_QUALITY[q]) for q in p["which"])
    if name == "claim":
        label = str(p["label"])
        return label[:1].lower() + label[1:]
    if name == "hired_months":
        return _("làm việc từ {n} tháng trong năm").format(n=_value(p["months"], province))
    if name == "group_in":
        return _("thuộc {groups}").format(
            groups=_(" hoặc ").join(SubjectGroup(g).label.lower() for g in p["groups"]))
    if name == "collective_kind_in":
        return _("tập thể loại {kinds}").format(
            kinds=_(" hoặc ").join(_collective_kind(k) for k in p["kinds"]))
    if name == "meets_title":
        return _("đạt tiêu chuẩn {t}").format(t=names(p["code"]))
    if name == "proofs":
        return _proofs(p, province)
    if name == "member_share":
        return _("từ {pct} thành viên {what}").format(
            pct=_share(_value(p["min"], province)), what=_(_MEMBERS[p["of"]]))
    if name == "member_count":
        return _("ít nhất {n} thành viên {what}").format(n=_value(p["min"], province),
                                                         what=_(_MEMBERS[p["of"]]))
    if name == "members_discipline_below":
        return _("không thành viên nào bị kỷ luật từ {level} trở lên").format(
            level=DisciplineLevel(p["level"]).label.lower())
    if name == "award_then_years":
        text = _("{award}, sau đó {n} năm liên tục xếp loại từ {r}").format(
            award=names(p["award"]), n=_value(p["years"], province), r=_rating(p["min_rating"]))
        if "title" in p:
            text += _(", trong đó {n} lần {t}").format(n=_value(p.get("title_count", 1),
                                                               province), t=names(p["title"]))
        if "htxs_count" in p:
            text += _(", {n} năm HTXSNV").format(n=_value(p["htxs_count"], province))
        return text
    if name == "cycle_titles":
        return _("{n} lần liên tục {t}").format(n=_value(p["count"], province),
                                                 t=names(p["code"]))
    return name   # pragma: no cover - every predicate of the vocabulary is worded above


def node_text(node: Node, names: Names, province: ProvinceProfile | None,
              parent: str = "") -> str:
    """A rule tree in words: `all` joined by "và", `any` by "hoặc", a nested group of the
    other kind in brackets."""
    if isinstance(node, Criterion):
        return criterion_text(node, names, province)
    joiner = _(" và ") if node.mode == "all" else _(" hoặc ")
    text = joiner.join(node_text(item, names, province, node.mode) for item in node.items)
    return f"({text})" if parent and parent != node.mode and len(node.items) > 1 else text


def top_items(node: Node, names: Names, province: ProvinceProfile | None) -> list[str]:
    """The conditions a rule asks for all at once, each in words (one item unless `all`)."""
    if isinstance(node, Group) and node.mode == "all":
        return [node_text(item, names, province, "all") for item in node.items]
    return [node_text(node, names, province)]


def ballot_text(ballot: Ballot, province: ProvinceProfile | None) -> str:
    share = _share(_value(ballot.threshold, province))
    how = _("bỏ phiếu kín") if ballot.required else _("biểu quyết")
    bound = (_("trên {pct}") if ballot.more_than else _("từ {pct}")).format(pct=share)
    return _("{how}, {bound} tổng số thành viên Hội đồng").format(how=how, bound=bound)


def value_text(value: Any) -> str:
    """A province figure: shares as percentages, the rest as written."""
    if isinstance(value, float) and 0 <= value <= 1:
        return percent(value)
    if isinstance(value, bool):
        return _("có") if value else _("không")
    return str(value)

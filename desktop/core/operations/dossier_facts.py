"""The facts a nominee's line in the list and a drafted short report speak of (issue 12), beyond
the grounds the title's criteria name (dossier_subjects.grounds_of): the sáng kiến and đề tài
of the review year with their recognition, and the titles and forms of commendation above the
one proposed received in the last years. One reading of the registry for both, so the list's
"Tóm tắt thành tích" column and the báo cáo tóm tắt never disagree.
"""

from __future__ import annotations

from desktop.core.catalog import QUALITIES, Catalog, TitleInfo
from desktop.core.model import History
from desktop.core.model.dossier import GROUND_INITIATIVE, GROUND_RESEARCH, Ground, ReceivedAward
from desktop.core.text import clean

# Years (ending with the review year) whose higher titles the list names: a CSTĐ tỉnh cycle,
# the span a reader of an LĐTT list looks back over ("CSTĐCS năm 2024, 2025").
RECENT_YEARS = 3


def qualities(history: History, year: int) -> tuple[str, ...]:
    """The qualitative criteria the officer confirmed for the year (exemplary, solidarity,
    movement: LAW §10a.10), in that order."""
    record = next((r for r in history.years if r.year == year), None)
    if record is None:
        return ()
    return tuple(q for q in QUALITIES if getattr(record, q) is True)


def year_works(history: History, year: int) -> tuple[Ground, ...]:
    """The review year's sáng kiến (with the decision recognising it) and đề tài (with its
    acceptance), in name order."""
    out = [Ground(GROUND_INITIATIVE, clean(i.name), decision_no=clean(i.decision_no),
                  decision_date=i.decision_date, issuer=clean(i.recognised_by),
                  scope=i.scope.value)
           for i in sorted(history.initiatives, key=lambda i: i.name) if i.year == year]
    out += [Ground(GROUND_RESEARCH, clean(t.name), decision_date=t.accepted_on,
                   scope=t.scope.value)
            for t in sorted(history.research, key=lambda t: t.name)
            if t.year == year and t.accepted_on is not None]
    return tuple(out)


def recent_awards(catalog: Catalog, title: TitleInfo, history: History, year: int
                  ) -> tuple[ReceivedAward, ...]:
    """Titles and forms of commendation ranked above `title` received in the RECENT_YEARS
    ending with the review year, oldest first (the title proposed itself is the list's
    subject, a lower one says nothing more)."""
    first = year - RECENT_YEARS + 1
    out = []
    for a in history.awards:
        info = catalog.known(a.code)
        if not first <= a.year <= year or a.code == title.code or info is None \
                or info.rank <= title.rank:
            continue
        out.append(ReceivedAward(a.year, a.code, info.name, info.category,
                                 clean(a.decision_no), a.decision_date, clean(a.issuer),
                                 award_verb=info.award_verb))
    return tuple(sorted(out, key=lambda a: (a.year, a.name)))

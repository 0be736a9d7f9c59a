"""Public posting (name, unit, title only) and the round dashboard."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from desktop.core.errors import ValidationError
from desktop.core.model.rounds import NominationStatus, PostingRow, RoundKind
from desktop.core.operations import rounds as ops
from tests.unit.rounds.conftest import ACTOR, World


def test_posting_list_holds_name_unit_and_title_only(world: World) -> None:
    rnd = world.round()
    world.nominate(rnd, world.lan)
    world.nominate(rnd, world.nam, "giay_khen")
    world.nominate(rnd, world.phong, "tap_the_lao_dong_tien_tien")
    assert rnd.id is not None
    rows = ops.posting_list(world.store, world.catalog, rnd.id)
    assert [f.name for f in dataclasses.fields(PostingRow)] == ["name", "unit", "title"]
    assert rows == [
        PostingRow("Đặng Văn Nam", "Ủy ban nhân dân xã Tân Lập", "Giấy khen"),
        PostingRow("Lê Thị Lan", "Tài chính - Kế toán", "Lao động tiên tiến"),
        PostingRow("Phòng Kinh tế", "Ủy ban nhân dân xã Tân Lập", "Tập thể lao động tiên tiến"),
    ]
    text = repr(rows)
    for private in ("0912", "001190012345", "1990", "12/1990", "'nu'"):
        assert private not in text
    only_reviewed = ops.posting_list(world.store, world.catalog, rnd.id,
                                     statuses={NominationStatus.REVIEWED})
    assert only_reviewed == []


def test_posting_dates_are_recorded_and_the_minimum_enforced(world: World) -> None:
    rnd = world.round()
    assert rnd.id is not None
    assert ops.posting_days_required(world.store, world.catalog, rnd.id) == 0
    world.nominate(rnd, world.hoa, "huan_chuong_lao_dong_hang_ba")
    # forms/provinces/default.toml [public_posting]
    assert world.catalog.province("default").posting_days["huan_chuong_lao_dong_hang_ba"] == 10
    assert ops.posting_days_required(world.store, world.catalog, rnd.id) == 10
    with pytest.raises(ValidationError) as err:
        ops.record_posting(world.store, world.catalog, rnd.id, date(2026, 11, 1),
                           date(2026, 11, 5), ACTOR)
    assert err.value.codes == ["posting.too_short"]
    with pytest.raises(ValidationError) as err:
        ops.record_posting(world.store, world.catalog, rnd.id, date(2026, 11, 5),
                           date(2026, 11, 1), ACTOR)
    assert err.value.codes == ["posting.dates_reversed"]
    posted, changes = ops.record_posting(world.store, world.catalog, rnd.id, date(2026, 11, 1),
                                         date(2026, 11, 10), ACTOR, place="Nhà văn hóa xã")
    assert posted.days == 10 and changes.postings == {posted.id}
    assert ops.postings(world.store, rnd.id) == [posted]


def test_dashboard_counts_and_shares(world: World) -> None:
    rnd = world.round()
    ops.register(world.store, world.catalog, 2026, world.hoa, "lao_dong_tien_tien", ACTOR,
                 date(2026, 1, 5))
    world.nominate(rnd, world.hoa)                       # woman, Tày, registered
    world.nominate(rnd, world.hoa, "chien_si_thi_dua_co_so")   # same person again
    world.nominate(rnd, world.nam)                       # man, Kinh, worker/farmer
    world.nominate(rnd, world.lan, "giay_khen")          # woman, Kinh; no registration needed
    world.nominate(rnd, world.phong, "tap_the_lao_dong_tien_tien")
    assert rnd.id is not None
    board = ops.dashboard(world.store, world.catalog, rnd.id, world.today)
    assert board.days_left == 17
    assert board.counts == {"lao_dong_tien_tien": {"draft": 2},
                            "chien_si_thi_dua_co_so": {"draft": 1},
                            "giay_khen": {"draft": 1},
                            "tap_the_lao_dong_tien_tien": {"draft": 1}}
    assert (board.individuals, board.collectives) == (3, 1)
    assert (board.workers_farmers, board.women, board.ethnic_minorities) == (1, 2, 1)
    assert board.share(board.women) == pytest.approx(2 / 3)
    assert board.share(board.ethnic_minorities) == pytest.approx(1 / 3)
    # unregistered emulation titles: Hoa's CSTĐCS, Nam's LĐTT, Phòng Kinh tế's TTLĐTT
    assert board.not_registered == 3


def test_dashboard_of_an_empty_round_and_minority_rule(world: World) -> None:
    rnd = world.round(RoundKind.DOT_XUAT)
    assert rnd.id is not None
    board = ops.dashboard(world.store, world.catalog, rnd.id, world.today)
    assert board.individuals == 0 and board.share(board.women) == 0.0 and board.counts == {}
    assert ops.is_ethnic_minority("Tày") and ops.is_ethnic_minority("H'Mông")
    assert not ops.is_ethnic_minority("Kinh") and not ops.is_ethnic_minority(" kinh ")
    assert not ops.is_ethnic_minority("")

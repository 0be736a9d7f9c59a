"""What the rounds window needs from the core beyond the first cut: undoing a registration
removal."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.errors import UserError
from desktop.core.operations import registry as registry_ops
from desktop.core.operations import rounds as ops
from tests.unit.rounds.conftest import ACTOR, World


def _audit(world: World) -> list[tuple[str, str, str]]:
    return [(e["action"], e["entity"], e["summary"])
            for e in registry_ops.audit_entries(world.store)]


def test_unregister_returns_the_registration_and_undo_puts_it_back(world: World) -> None:
    reg, _c = ops.register(world.store, world.catalog, 2026, world.hoa, "lao_dong_tien_tien",
                           ACTOR, date(2026, 1, 6), note="Đăng ký tại hội nghị cán bộ")
    assert reg.id is not None
    removed, changes = ops.unregister(world.store, reg.id, ACTOR)
    assert removed == reg and changes.registration_years == {2026}
    assert ops.registrations(world.store, 2026) == []
    restored, changes = ops.undo_unregister(world.store, world.catalog, removed, ACTOR)
    assert changes.registration_years == {2026}
    assert restored.id is not None
    assert (restored.subject, restored.target, restored.year, restored.registered_on,
            restored.note) == (world.hoa, "lao_dong_tien_tien", 2026, date(2026, 1, 6),
                               "Đăng ký tại hội nghị cán bộ")
    assert ops.registrations(world.store, 2026) == [restored]
    actions = _audit(world)
    assert actions[0][0] == "create" and "Hoàn tác hủy đăng ký" in actions[0][2]
    assert "Lao động tiên tiến" in actions[0][2]
    assert actions[1][0] == "delete"


def test_restored_registration_still_flags_the_nominee_as_registered(world: World) -> None:
    reg, _c = ops.register(world.store, world.catalog, 2026, world.hoa, "lao_dong_tien_tien",
                           ACTOR, date(2026, 1, 6))
    assert reg.id is not None
    removed, _c = ops.unregister(world.store, reg.id, ACTOR)
    rnd = world.round()
    nom = world.nominate(rnd, world.hoa)
    assert nom.registered is False
    ops.undo_unregister(world.store, world.catalog, removed, ACTOR)
    assert nom.id is not None
    again = ops.get_nomination(world.store, nom.id)
    assert again is not None and again.registered is True


def test_undo_after_registering_again_is_refused_and_keeps_one_registration(world: World
                                                                            ) -> None:
    reg, _c = ops.register(world.store, world.catalog, 2026, world.hoa, "lao_dong_tien_tien",
                           ACTOR, date(2026, 1, 6))
    assert reg.id is not None
    removed, _c = ops.unregister(world.store, reg.id, ACTOR)
    ops.register(world.store, world.catalog, 2026, world.hoa, "lao_dong_tien_tien", ACTOR,
                 date(2026, 2, 1))
    with pytest.raises(UserError) as err:
        ops.undo_unregister(world.store, world.catalog, removed, ACTOR)
    assert err.value.code == "registration.registered_again"
    listed = ops.registrations(world.store, 2026)
    assert [r.registered_on for r in listed] == [date(2026, 2, 1)]


def test_undo_for_a_person_deleted_meanwhile_is_refused(world: World) -> None:
    reg, _c = ops.register(world.store, world.catalog, 2026, world.nam, "lao_dong_tien_tien",
                           ACTOR, date(2026, 1, 6))
    assert reg.id is not None
    removed, _c = ops.unregister(world.store, reg.id, ACTOR)
    registry_ops.delete_person(world.store, world.nam.id, ACTOR, confirm=True)
    with pytest.raises(UserError) as err:
        ops.undo_unregister(world.store, world.catalog, removed, ACTOR)
    assert err.value.code == "subject.not_found"
    assert world.count("registrations") == 0


def test_default_receiving_body_is_what_a_new_round_gets(world: World) -> None:
    body = ops.default_receiving_body(world.store, world.catalog)
    assert body == "Sở Nội vụ (Phòng Thi đua, khen thưởng)"
    assert world.round(receiving_body=None).receiving_body == body

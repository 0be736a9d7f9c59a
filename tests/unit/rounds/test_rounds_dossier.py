"""The dossier checklist, the simplified procedure, and evidence files."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from desktop.core.catalog import DossierPart
from desktop.core.errors import UserError
from desktop.core.model.rounds import MediaType, Nomination, RoundKind
from desktop.core.operations import rounds as ops
from tests.unit.rounds.conftest import ACTOR, World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MakeFile = Callable[[str, bytes], Path]


def png_bytes(width: int, height: int, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 180, 160)).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def nom(world: World) -> Nomination:
    return world.nominate(world.round(), world.hoa, "chien_si_thi_dua_co_so")


def attach(world: World, nom: Nomination, path: Path, part: str = "to_trinh",
           **kw: Any) -> Any:
    assert nom.id is not None
    attachment, changes = ops.attach_file(world.store, nom.id, part, path, ACTOR,
                                          catalog=world.catalog, **kw)
    assert changes.nominations == {nom.id}
    return attachment


def refused(world: World, nom: Nomination, path: Path, part: str = "to_trinh",
            **kw: Any) -> UserError:
    with pytest.raises(UserError) as err:
        attach(world, nom, path, part, **kw)
    return err.value


def stored_files(world: World) -> list[Path]:
    folder = ops.attachments_dir(world.store)
    return sorted(folder.iterdir()) if folder.exists() else []


# ---- checklist ---------------------------------------------------------------------------------


def codes_of(parts: tuple[DossierPart, ...]) -> list[str]:
    return [p.code for p in parts]


def test_parts_come_from_the_title_file_for_the_rounds_kind(world: World) -> None:
    gk = world.catalog.title("giay_khen")
    assert codes_of(ops.dossier_parts(world.catalog, gk, RoundKind.CONG_TRANG, False)) == [
        "to_trinh", "bao_cao_thanh_tich", "bien_ban"]
    assert codes_of(ops.dossier_parts(world.catalog, gk, RoundKind.DOT_XUAT, False)) == [
        "to_trinh", "bao_cao_thanh_tich", "bien_ban", "xac_nhan_dot_xuat"]
    assert codes_of(ops.dossier_parts(world.catalog, gk, RoundKind.DOT_XUAT, True)) == [
        "to_trinh", "bao_cao_tom_tat"]   # forms/rounds.toml [simplified]
    cstdcs = world.catalog.title("chien_si_thi_dua_co_so")
    grounds = [p.code for p in cstdcs.dossier_parts if p.grounds == "initiative"]
    assert grounds == ["xac_nhan_thanh_tich"]
    for info in world.catalog.titles.values():   # every kind a title is given in has parts
        for kind in info.kinds:
            if kind.value in {k.value for k in RoundKind}:
                assert ops.dossier_parts(world.catalog, info, RoundKind(kind.value), False)


def test_checklist_marks_parts_present(world: World, nom: Nomination) -> None:
    """A part the app does not write (the sáng kiến's certificate, the report) needs its
    scan or its tick; the tờ trình, written by the app for the whole round, does not."""
    assert nom.id is not None
    parts = codes_of(ops.dossier_parts(world.catalog, world.catalog.title(nom.target),
                                       RoundKind.CONG_TRANG, False))
    items = ops.checklist(world.store, world.catalog, nom.id)
    assert [i.part for i in items.items] == parts and parts[0] == "to_trinh"
    assert not items.complete and not items.simplified_allowed
    # to_trinh is written by the app; bao_cao, bien_ban (no council yet), xac_nhan are not there
    assert [i.part for i in items.missing] == parts[1:]
    after, changes = ops.mark_part(world.store, world.catalog, nom.id, parts[3], True, ACTOR,
                                   "bản gốc lưu tại văn phòng")
    assert changes.nominations == {nom.id}
    proof = after.items[3]
    assert proof.present and proof.marked and proof.note == "bản gốc lưu tại văn phòng"
    assert not proof.made_by and not proof.made_from
    assert len(after.missing) == len(parts) - 2
    ops.mark_part(world.store, world.catalog, nom.id, parts[3], False, ACTOR)
    assert len(ops.checklist(world.store, world.catalog, nom.id).missing) == len(parts) - 1
    with pytest.raises(UserError) as err:
        ops.mark_part(world.store, world.catalog, nom.id, "xac_nhan_dot_xuat", True, ACTOR)
    assert err.value.code == "checklist.unknown_part"


def test_simplified_procedure_only_for_sudden_feats_and_long_service(world: World,
                                                                     nom: Nomination) -> None:
    assert nom.id is not None
    with pytest.raises(UserError) as err:
        ops.set_simplified(world.store, world.catalog, nom.id, True, ACTOR)
    assert err.value.code == "checklist.simplified_not_allowed"
    sudden = world.nominate(world.round(RoundKind.DOT_XUAT, name="Cứu người đuối nước"),
                            world.nam, "giay_khen", achievement="Cứu người đuối nước")
    assert sudden.id is not None
    full = ops.checklist(world.store, world.catalog, sudden.id)
    assert full.simplified_allowed
    assert "xac_nhan_dot_xuat" in [i.part for i in full.items]
    short_nom, changes = ops.set_simplified(world.store, world.catalog, sudden.id, True, ACTOR)
    assert short_nom.simplified and changes.nominations == {sudden.id}
    short = ops.checklist(world.store, world.catalog, sudden.id)
    assert short.simplified
    assert [i.part for i in short.items] == ["to_trinh", "bao_cao_tom_tat"]


# ---- attachments -------------------------------------------------------------------------------


def test_pdf_is_stored_under_its_sha256_and_ticks_the_part(world: World, nom: Nomination,
                                                           make_file: MakeFile) -> None:
    path = make_file("Tờ trình số 12.pdf", PDF)
    got = attach(world, nom, path)
    digest = hashlib.sha256(PDF).hexdigest()
    assert (got.sha256, got.media_type, got.size) == (digest, MediaType.PDF, len(PDF))
    assert got.original_name == "Tờ trình số 12.pdf"
    target = ops.attachment_path(world.store, got)
    assert target == world.store.path.parent / "attachments" / f"{digest}.pdf"
    assert target.read_bytes() == PDF
    assert nom.id is not None
    item = ops.checklist(world.store, world.catalog, nom.id).items[0]
    assert item.present and item.attachments == (got,)
    assert [p.name for p in stored_files(world)] == [f"{digest}.pdf"]  # no temporary left


def test_type_comes_from_magic_bytes_not_the_name(world: World, nom: Nomination,
                                                  make_file: MakeFile) -> None:
    fake = make_file("bao_cao.pdf", b"Day khong phai PDF, chi la van ban.\n")
    assert refused(world, nom, fake).code == "attachment.wrong_type"
    docx = make_file("bao_cao.docx", b"PK\x03\x04" + b"\x00" * 100)
    assert refused(world, nom, docx).code == "attachment.wrong_type"
    assert stored_files(world) == [] and world.count("attachments") == 0
    png_named_pdf = make_file("anh.pdf", png_bytes(20, 10))
    assert attach(world, nom, png_named_pdf).media_type is MediaType.PNG
    jpeg = make_file("scan.JPG", jpeg_bytes(20, 10))
    assert attach(world, nom, jpeg, "bao_cao_thanh_tich").file_name.endswith(".jpg")


def test_missing_empty_and_unreadable_files(world: World, nom: Nomination, make_file: MakeFile,
                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    assert refused(world, nom, tmp_path / "mat.pdf").code == "attachment.missing"
    assert refused(world, nom, tmp_path).code == "attachment.not_a_file"
    assert refused(world, nom, make_file("rong.pdf", b"")).code == "attachment.empty"
    locked = make_file("khoa.pdf", PDF)
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)
    monkeypatch.setattr(Path, "open", refuse)
    err = refused(world, nom, locked)
    assert err.code == "attachment.unreadable"
    # the one wording check of the attachment refusals: the file is named, advice given
    assert "Không đọc được tệp “khoa.pdf”" in err.message and "quyền đọc" in err.hint
    assert stored_files(world) == [] and world.count("attachments") == 0


def test_a_200_mb_scan_is_refused_with_advice(world: World, nom: Nomination,
                                              make_file: MakeFile) -> None:
    big = make_file("scan_200mb.pdf", PDF)
    with big.open("r+b") as fh:  # sparse: 200 MB on paper, almost nothing on disk
        fh.truncate(200 * 1024 * 1024)
    err = refused(world, nom, big)
    assert err.code == "attachment.too_large"
    # the limit is the province profile's ([attachments] max_mb)
    assert world.catalog.province("default").max_attachment_mb == 50
    assert "(200 MB); giới hạn là 50 MB" in err.message
    assert stored_files(world) == [] and world.count("attachments") == 0


def test_same_file_twice_is_stored_once(world: World, nom: Nomination, make_file: MakeFile
                                        ) -> None:
    first = attach(world, nom, make_file("a.pdf", PDF))
    again = attach(world, nom, make_file("b.pdf", PDF))
    other_part = attach(world, nom, make_file("c.pdf", PDF), "bao_cao_thanh_tich")
    assert again == first
    assert other_part.sha256 == first.sha256 and other_part.id != first.id
    assert len(stored_files(world)) == 1 and world.count("attachments") == 2


def test_large_images_are_reduced_on_request(world: World, nom: Nomination,
                                             make_file: MakeFile) -> None:
    wide = make_file("scan.png", png_bytes(4000, 1000))
    kept = attach(world, nom, wide, "bao_cao_thanh_tich")
    assert kept.media_type is MediaType.PNG and not kept.reduced
    reduced = attach(world, nom, wide, reduce_images=True)
    assert reduced.reduced and reduced.media_type is MediaType.JPEG
    with Image.open(ops.attachment_path(world.store, reduced)) as img:
        assert img.size == (ops.REDUCE_MAX_SIDE, 620)
    small = make_file("nho.png", png_bytes(300, 200))
    assert not attach(world, nom, small, "bao_cao_thanh_tich", reduce_images=True).reduced


def test_an_image_over_the_limit_needs_reduction(world: World, nom: Nomination,
                                                 make_file: MakeFile) -> None:
    data = jpeg_bytes(3000, 3000)
    photo = make_file("anh_chup.jpg", data)
    assert refused(world, nom, photo, max_bytes=len(data) - 1).code == "attachment.too_large"
    assert stored_files(world) == []
    got = attach(world, nom, photo, max_bytes=len(data) - 1, reduce_images=True)
    assert got.reduced and got.size < len(data)


def test_files_cannot_be_added_once_sent(world: World, make_file: MakeFile) -> None:
    rnd = world.round()
    nom = world.nominate(rnd, world.lan, "giay_khen")
    assert nom.id is not None
    world.store.db.execute("UPDATE nominations SET status = 'exported' WHERE id = ?", [nom.id])
    assert refused(world, nom, make_file("x.pdf", PDF)).code == "attachment.not_editable"


def test_detach_keeps_the_stored_copy(world: World, nom: Nomination, make_file: MakeFile
                                      ) -> None:
    got = attach(world, nom, make_file("a.pdf", PDF))
    assert nom.id is not None and got.id is not None
    assert ops.detach(world.store, got.id, nom.id, ACTOR).nominations == {nom.id}
    assert world.count("attachments") == 0
    with pytest.raises(UserError) as err:
        ops.detach(world.store, got.id, nom.id, ACTOR)
    assert err.value.code == "attachment.not_found"
    assert ops.attachment_path(world.store, got).exists()


def test_a_failed_database_write_leaves_no_new_file(world: World, nom: Nomination,
                                                    make_file: MakeFile,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.core.store import rounds as repo

    def broken(*args: Any, **kwargs: Any) -> int:
        raise RuntimeError("disk went away")
    monkeypatch.setattr(repo, "insert_attachment", broken)
    with pytest.raises(RuntimeError):
        attach(world, nom, make_file("a.pdf", PDF))
    assert stored_files(world) == []


def test_parts_the_app_writes_need_no_tick_and_the_minutes_wait_for_the_council(
        world: World) -> None:
    """Issue 12: the tờ trình (with its danh sách) and the biên bản were ticked by hand on
    every one of 82 LĐTT nominees. The tờ trình is the app's for every nominee of the round;
    the biên bản once the council's result for that nominee is recorded, and not before."""
    from desktop.core.model.rounds import CouncilMeeting, VoteEntry, VoteMethod
    from desktop.core.store import signatures as sig_repo

    rnd = world.round()
    first, second = world.nominate(rnd, world.hoa), world.nominate(rnd, world.lan)
    assert first.id is not None and second.id is not None and rnd.id is not None
    before = {i.part: i for i in ops.checklist(world.store, world.catalog, first.id).items}
    assert before["to_trinh"].present and not before["to_trinh"].marked
    assert before["to_trinh"].made_by == "round_list"
    assert before["to_trinh"].made_from == "danh sách của đợt"
    assert before["to_trinh"].made_on is None          # not printed yet: present all the same
    assert not before["bien_ban"].present and before["bien_ban"].made_by == "council_minutes"
    assert "Hội đồng" in before["bien_ban"].waiting
    # LĐTT: the national default asks no individual report (forms/provinces [reports])
    assert "bao_cao_thanh_tich" not in before
    assert ops.checklist(world.store, world.catalog, first.id).missing == (before["bien_ban"],)

    meeting = CouncilMeeting(round_id=rnd.id, held_on=date(2026, 11, 20), place="Hội trường",
                             chair="Nguyễn Văn Chủ", secretary="Lê Thị Thư", members_total=9,
                             present=9)
    ops.save_meeting(world.store, world.catalog, meeting,
                     [VoteEntry(first.id, VoteMethod.HANDS, 8)], ACTOR, world.today)
    after = ops.checklist(world.store, world.catalog, first.id)
    minutes = {i.part: i for i in after.items}["bien_ban"]
    assert after.complete and minutes.present and not minutes.marked and not minutes.waiting
    assert minutes.made_from == "biên bản họp ngày 20/11/2026"
    # the nominee the council did not vote on still waits for its result
    other = {i.part: i for i in ops.checklist(world.store, world.catalog, second.id).items}
    assert not other["bien_ban"].present and other["to_trinh"].present

    with world.store.write() as db:   # printed: the date is shown next to the source
        sig_repo.record_prepared(db, round_id=rnd.id, dossier_id="HS2026-ABC123",
                                 name="01_to_trinh", kind="to_trinh_noi_bo", title="Tờ trình",
                                 number="", sha256=hashlib.sha256(b"x").hexdigest(), size=1,
                                 dated="2026-11-23")
    items = {i.part: i for i in ops.checklist(world.store, world.catalog, first.id).items}
    assert items["to_trinh"].made_on == date(2026, 11, 23)


def test_a_part_not_made_by_the_app_still_needs_its_file_or_tick(world: World) -> None:
    """TTLĐTT: the Party organisation's rating of the collective is not the app's."""
    rnd = world.round()
    nom = world.nominate(rnd, world.phong, "tap_the_lao_dong_tien_tien")
    assert nom.id is not None
    items = {i.part: i for i in ops.checklist(world.store, world.catalog, nom.id).items}
    rating = items["xep_loai_tap_the"]
    assert not rating.present and not rating.made_by and not rating.waiting
    ops.mark_part(world.store, world.catalog, nom.id, "xep_loai_tap_the", True, ACTOR)
    items = {i.part: i for i in ops.checklist(world.store, world.catalog, nom.id).items}
    assert items["xep_loai_tap_the"].present and items["xep_loai_tap_the"].marked


def test_made_by_app_names_known_document_kinds(world: World) -> None:
    from desktop.core.catalog.rounds import MADE_BY_APP_SOURCES

    made = world.catalog.rounds.made_by_app
    assert set(made) == set(MADE_BY_APP_SOURCES)
    assert all(k in world.catalog.documents for kinds in made.values() for k in kinds)
    marked = {p.made_by_app for t in world.catalog.titles.values() for p in t.dossier_parts}
    assert marked == {"", *MADE_BY_APP_SOURCES}

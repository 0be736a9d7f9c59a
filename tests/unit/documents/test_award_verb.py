"""The verb of a proposal and a decision ("Đề nghị tặng danh hiệu …") is the title's own, from
forms/titles `award_verb`: the report, the tờ trình, the danh sách's subject and the decision
use one word for one title. The bundled files say "tặng" for every title and form (Law
06/2022 Art 80: "quyết định tặng danh hiệu …"); a law pack may say otherwise, and every
document follows it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.catalog import Catalog, CatalogError, load_catalog
from desktop.core.documents import builders as b
from desktop.core.documents.builders.to_trinh import subject_line

from .test_builders_dossier import joined, kinds, sample_data

FORMS = Path(__file__).resolve().parents[3] / "forms"
LDTT = "lao_dong_tien_tien"


def _forms_with(tmp_path: Path, old: str, new: str) -> Path:
    forms = tmp_path / "forms"
    shutil.copytree(FORMS, forms)
    path = forms / "titles" / f"{LDTT}.toml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return forms


def test_every_bundled_title_and_form_says_tang(catalog: Catalog) -> None:
    assert {info.award_verb for info in catalog.titles.values()} == {"tặng"}


def test_the_documents_of_a_title_take_its_verb_from_its_file(tmp_path: Path) -> None:
    other = load_catalog(_forms_with(tmp_path, 'award_verb = "tặng"',
                                     'award_verb = "công nhận"'))
    data = sample_data(other)
    ldtt = next(n for n in data.nominations if n.target == LDTT)
    report = joined(b.build_report(data, ldtt, kinds(other, "bao_cao_ca_nhan")))
    assert "Đề nghị công nhận danh hiệu “Lao động tiên tiến”" in report
    decision_kind, internal = kinds(other, "quyet_dinh"), kinds(other, "to_trinh_noi_bo")
    decided = {g[0].target: joined(b.build_quyet_dinh(data, decision_kind, g, internal))
               for g in b.decided_groups(data, decision_kind)}
    assert "Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2025" in decided[LDTT]
    assert "Điều 1. Công nhận danh hiệu “Lao động tiên tiến” năm 2025" in decided[LDTT]
    # the other titles keep their own verb
    cstdcs = decided["chien_si_thi_dua_co_so"]
    assert "Về việc tặng danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025" in cstdcs
    assert "Điều 1. Tặng danh hiệu" in cstdcs
    assert "Về việc tặng Giấy khen" in decided["giay_khen"]
    # the council's tờ trình names both verbs for its several titles, in title order
    assert subject_line(data, internal) == ("Về việc đề nghị công nhận / tặng danh hiệu thi "
                                              "đua và khen thưởng năm 2025")
    # and the default data: one verb
    assert subject_line(sample_data(load_catalog(FORMS)), internal) == (
        "Về việc đề nghị tặng danh hiệu thi đua và khen thưởng năm 2025")


@pytest.mark.parametrize("line", ["", 'award_verb = ""', 'award_verb = "{title}"'])
def test_a_title_file_without_a_verb_is_refused(tmp_path: Path, line: str) -> None:
    forms = _forms_with(tmp_path, 'award_verb = "tặng"', line)
    with pytest.raises(CatalogError, match=f"{LDTT}.toml.*award_verb"):
        load_catalog(forms)

"""The render cache: a document rendered before comes from the cache, byte for byte; any
change to it is rendered again; the parallel renderer gives the same bytes as one process."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from desktop.core.documents import render
from desktop.core.documents.blocks import Document, Paragraph
from desktop.core.documents.fonts import FontSet
from desktop.core.documents.format import PageFormat
from desktop.core.documents.render_cache import RenderCache

from . import samples
from .conftest import FONTS_DIR


def _docs() -> list[Document]:
    docs = [dataclasses.replace(samples.to_trinh(2 + i), name=f"doc_{i}") for i in range(4)]
    return [*docs, samples.certificate()]


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    rendered: list[str] = []
    real = render.render_pdf

    def counting(doc: Document, *args: object, **kwargs: object) -> int:
        rendered.append(doc.name)
        return real(doc, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "render_pdf", counting)
    return rendered


def test_second_render_comes_from_the_cache_and_an_edit_renders_one_document(
        tmp_path: Path, fmt: PageFormat, fonts: FontSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = RenderCache(tmp_path / "cache", fmt, fonts)
    docs = _docs()
    first = render.render_many(docs, fmt, FONTS_DIR, tmp_path / "one", 1, cache=cache)
    rendered = _spy(monkeypatch)
    again = render.render_many(docs, fmt, FONTS_DIR, tmp_path / "two", 1, cache=cache)
    assert rendered == []
    for a, b in zip(first, again, strict=True):
        assert (a.name, a.pages) == (b.name, b.pages)
        assert a.pdf.read_bytes() == b.pdf.read_bytes()
        assert a.docx.read_bytes() == b.docx.read_bytes()
    edited = list(docs)
    edited[2] = dataclasses.replace(docs[2], blocks=(*docs[2].blocks,
                                                      Paragraph(("Một câu thêm.",))))
    third = render.render_many(edited, fmt, FONTS_DIR, tmp_path / "three", 1, cache=cache)
    assert rendered == ["doc_2"]
    assert third[2].pdf.read_bytes() != first[2].pdf.read_bytes()
    assert [r.pdf.read_bytes() for i, r in enumerate(third) if i != 2] == \
        [r.pdf.read_bytes() for i, r in enumerate(first) if i != 2]


def test_a_cache_entry_without_its_page_count_is_rendered_again(
        tmp_path: Path, fmt: PageFormat, fonts: FontSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = RenderCache(tmp_path / "cache", fmt, fonts)
    doc = _docs()[0]
    render.render_many([doc], fmt, FONTS_DIR, tmp_path / "one", 1, cache=cache)
    for path in (tmp_path / "cache").rglob("*.pages"):
        path.write_text("not a number")
    rendered = _spy(monkeypatch)
    (again,) = render.render_many([doc], fmt, FONTS_DIR, tmp_path / "two", 1, cache=cache)
    assert rendered == [doc.name] and again.pages >= 1


def test_keys_differ_by_format_content_and_page_format(fmt: PageFormat, fonts: FontSet,
                                                       tmp_path: Path) -> None:
    cache = RenderCache(tmp_path, fmt, fonts)
    doc = _docs()[0]
    assert cache.key(doc, ".pdf") == cache.key(dataclasses.replace(doc), ".pdf")
    assert cache.key(doc, ".pdf") != cache.key(doc, ".docx")
    assert cache.key(doc, ".pdf") != cache.key(dataclasses.replace(doc, title="x"), ".pdf")
    other = RenderCache(tmp_path, dataclasses.replace(fmt, margin_top_mm=fmt.margin_top_mm + 1),
                        fonts)
    assert other.key(doc, ".pdf") != cache.key(doc, ".pdf")


def test_prune_keeps_the_most_recently_used(tmp_path: Path, fmt: PageFormat,
                                            fonts: FontSet) -> None:
    cache = RenderCache(tmp_path / "cache", fmt, fonts)
    render.render_many(_docs()[:3], fmt, FONTS_DIR, tmp_path / "out", 1, cache=cache)
    assert cache.prune(keep=2) == 4
    left = sorted((tmp_path / "cache").rglob("*.pdf")) + sorted(
        (tmp_path / "cache").rglob("*.docx"))
    assert len(left) == 2


def test_parallel_render_with_a_cache_gives_the_bytes_of_one_process(
        tmp_path: Path, fmt: PageFormat, fonts: FontSet) -> None:
    docs = [dataclasses.replace(samples.to_trinh(2 + i % 3), name=f"doc_{i}")
            for i in range(10)]
    serial = render.render_many(docs, fmt, FONTS_DIR, tmp_path / "serial", 1)
    cache = RenderCache(tmp_path / "cache", fmt, fonts)
    parallel = render.render_many(docs, fmt, FONTS_DIR, tmp_path / "parallel", 2, cache=cache)
    assert [r.name for r in parallel] == [d.name for d in docs]
    for a, b in zip(serial, parallel, strict=True):
        assert a.pages == b.pages and a.pdf.read_bytes() == b.pdf.read_bytes()
    assert len(list((tmp_path / "cache").rglob("*.pdf"))) == len(docs)

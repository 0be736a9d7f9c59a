"""Long identical passages shared between texts: the copy check of achievement reports.

LAW.md §6.4 (writing rules): every person or collective writes its own report, and copying
between reports is forbidden. Two reports "share a passage" when a run of at least
`min_words` consecutive words is the same in both, after folding case, diacritics, đ/d and
white space (so retyping a copied paragraph without marks, or in capitals, still counts).

Method: every text becomes a list of folded words; every window of `min_words` words (a
shingle) gets a 61-bit polynomial rolling hash, computed in one pass per text. Shingles
whose hash occurs in two different documents are candidates; each candidate is checked word
for word (a hash collision never makes a warning), and matches on the same diagonal
(position in A minus position in B) are merged into one passage. The work is linear in the
total number of words plus the number of shared shingles, so a round of 100 reports of five
sections each is checked at once.

Text a document got from its own record (the factual lines the app prefills from the
registry: "Năm 2025 xếp loại Hoàn thành xuất sắc nhiệm vụ…", the same decision numbers for
everyone named in one decision) is not copying: a caller passes that text as `common`, and
every line of a document that is, after folding, one of the lines of its own common text is
left out of the comparison (its words match nothing). A line the officer changed is theirs
and is compared; a copied paragraph after the facts is still found.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from desktop.core.text import fold, nfc

DEFAULT_MIN_WORDS = 25

_WORD = re.compile(r"\w+")
_MOD = (1 << 61) - 1
_BASE = 1_000_003


@dataclass(frozen=True)
class Words:
    """A text cut into folded words, with where each word starts and ends in the text."""

    text: str
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def words_of(text: str) -> Words:
    """Folded words of `text` with their character spans in the NFC text.

    Folding maps one NFC character to at most one base letter (marks are dropped, đ→d), so
    the spans found on the NFC text are the spans of the original words.
    """
    source = nfc(text)
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for match in _WORD.finditer(source):
        folded = _fold_word(match.group())
        if folded:
            words.append(folded)
            spans.append(match.span())
    return Words(source, tuple(words), tuple(spans))


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


def _shingle_hashes(ids: list[int], k: int) -> list[int]:
    """Rolling hash of every window of k word ids (empty when there are fewer than k)."""
    if len(ids) < k:
        return []
    top = pow(_BASE, k - 1, _MOD)
    h = 0
    for wid in ids[:k]:
        h = (h * _BASE + wid) % _MOD
    out = [h]
    for i in range(k, len(ids)):
        h = ((h - ids[i - k] * top) * _BASE + ids[i]) % _MOD
        out.append(h)
    return out


@dataclass(frozen=True)
class SharedPassage:
    """A run of identical words in two texts. Keys are the caller's (document, part) keys;
    starts and ends are character offsets into each text (NFC); `words` its length."""

    key_a: Hashable
    key_b: Hashable
    start_a: int
    end_a: int
    start_b: int
    end_b: int
    words: int
    excerpt: str      # the beginning of the passage as written in A


def _excerpt(text: str, start: int, end: int, limit: int = 90) -> str:
    piece = " ".join(text[start:end].split())
    if len(piece) <= limit:
        return piece
    cut = piece.rfind(" ", 0, limit)
    return piece[: cut if cut > limit // 2 else limit] + "…"


def _lines_in(text: str, lines: set[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Character ranges of the lines of `text` whose folded words are one of `lines`."""
    found = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if words_of(line).words in lines:
            found.append((offset, offset + len(line)))
        offset += len(line)
    return found


def shared_passages(texts: Mapping[Any, str], *,
                    min_words: int = DEFAULT_MIN_WORDS,
                    common: Mapping[Any, Iterable[str]] | None = None,
                    ) -> list[SharedPassage]:
    """Passages of at least `min_words` identical words shared by parts of two different
    documents.

    `texts` maps (document, part) tuples → text; parts of the same document are never compared
    with each other. `common` maps a document to the texts it got from its own record (its
    prefill); see the module docstring. Passages come longest first; within one pair of parts, only
    maximal runs are returned (a run is never reported twice in pieces).
    """
    if min_words < 1:
        raise ValueError("min_words must be at least 1")
    vocabulary: dict[str, int] = {}

    def ids_of(words: tuple[str, ...]) -> list[int]:
        return [vocabulary.setdefault(w, len(vocabulary) + 1) for w in words]

    common_lines: dict[Hashable, set[tuple[str, ...]]] = {}
    for doc, extra in (common or {}).items():
        common_lines[doc] = {words for text in extra for line in nfc(text).splitlines()
                             if (words := words_of(line).words)}

    parsed: dict[tuple[Hashable, Hashable], Words] = {}
    ids: dict[tuple[Hashable, Hashable], list[int]] = {}
    index: dict[int, list[tuple[tuple[Hashable, Hashable], int]]] = defaultdict(list)
    masked_id = 0
    for key, text in texts.items():
        w = words_of(text)
        parsed[key] = w
        word_ids = ids_of(w.words)
        own = common_lines.get(key[0])
        if own:
            for start, end in _lines_in(w.text, own):
                for i, (word_start, _end) in enumerate(w.spans):
                    if start <= word_start < end:
                        masked_id -= 1          # a word that matches nothing anywhere
                        word_ids[i] = masked_id
        ids[key] = word_ids
        masked_before = [0]          # masked words among the first i words
        for wid in word_ids:
            masked_before.append(masked_before[-1] + (wid < 0))
        for pos, h in enumerate(_shingle_hashes(word_ids, min_words)):
            if masked_before[pos + min_words] == masked_before[pos]:
                index[h].append((key, pos))

    # (key_a, key_b) → diagonal → sorted positions in A where a shingle matches
    hits: dict[tuple[tuple[Hashable, Hashable], tuple[Hashable, Hashable]],
               dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for places in index.values():
        if len(places) < 2:
            continue
        docs = {key[0] for key, _pos in places}
        if len(docs) < 2:
            continue
        for i, (ka, pa) in enumerate(places):
            for kb, pb in places[i + 1:]:
                if ka[0] == kb[0]:
                    continue
                if ids[ka][pa:pa + min_words] != ids[kb][pb:pb + min_words]:
                    continue   # a hash collision, not a shared passage
                if (str(ka), pa) > (str(kb), pb):
                    ka, pa, kb, pb = kb, pb, ka, pa
                hits[(ka, kb)][pa - pb].append(pa)

    passages: list[SharedPassage] = []
    for (ka, kb), diagonals in hits.items():
        wa, wb = parsed[ka], parsed[kb]
        for diagonal, starts in diagonals.items():
            starts.sort()
            run_start = prev = starts[0]
            for pos in [*starts[1:], -1]:
                if pos == prev + 1:
                    prev = pos
                    continue
                first, last = run_start, prev + min_words - 1   # word indexes in A
                sa, ea = wa.spans[first][0], wa.spans[last][1]
                sb, eb = wb.spans[first - diagonal][0], wb.spans[last - diagonal][1]
                passages.append(SharedPassage(ka, kb, sa, ea, sb, eb, last - first + 1,
                                              _excerpt(wa.text, sa, ea)))
                if pos >= 0:
                    run_start = prev = pos
    passages.sort(key=lambda p: (-p.words, str(p.key_a), str(p.key_b), p.start_a))
    return passages

"""The annotated corpus: locators that rebuild from the shared data, labels that expand into
training pairs, a split by article, and agreement measured on the blind second annotation."""

from __future__ import annotations

import doctest
from collections import Counter
from pathlib import Path

import pytest

from diplograph.errors import InputError
from diplograph.ingest import annotations
from diplograph.ingest.annotations import (
    SHIPPABLE,
    SOURCES,
    agreement,
    labelled_pairs,
    read_corpus,
    texts,
)
from diplograph.ingest.gold import load_gold

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
AGREEMENT = Path(annotations.__file__).parent / "data" / "annotations" / "agreement"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason=f"shared data not found at {DATA}")
RESERVED = ("news-wikinews-2019-2020", "news-reuters21578")


@pytest.fixture(scope="module")
def corpus():
    return read_corpus()


def test_doctests_pass():
    assert doctest.testmod(annotations).failed == 0


def test_corpus_is_big_enough_and_from_allowed_sources(corpus):
    assert len(corpus) >= 1500
    assert sum(1 for s in corpus for _ in labelled_pairs(s)) >= 3000
    assert {s.dataset for s in corpus} <= set(SOURCES)
    assert not {s.dataset for s in corpus} & set(RESERVED)
    assert SHIPPABLE <= set(SOURCES)


def test_every_key_is_annotated_once(corpus):
    counts = Counter(s.key for s in corpus)
    assert counts.most_common(1)[0][1] == 1


def test_split_is_by_article(corpus):
    splits: dict[tuple[str, str], set[str]] = {}
    for s in corpus:
        splits.setdefault((s.dataset, s.article), set()).add(s.split)
    assert all(len(found) == 1 for found in splits.values())
    assert {s.split for s in corpus} == {"train", "dev", "test"}


def test_events_point_at_parties(corpus):
    for s in corpus:
        for event in s.events:
            assert event.source and all(0 <= i < len(s.parties)
                                        for i in (*event.source, *event.target)), s.key
            assert event.type in {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID",
                                  "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
                                  "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@needs_data
def test_every_locator_rebuilds_its_sentence_from_the_shared_data(corpus):
    for s in corpus:
        text, names = texts(s, DATA)
        assert text and all(names), s.key


@needs_data
def test_a_changed_text_fails_its_hash(corpus):
    from dataclasses import replace

    broken = replace(corpus[0], sha1="0" * 40)
    with pytest.raises(InputError, match="sha1 mismatch"):
        texts(broken, DATA)


def test_blind_second_annotation_covers_a_tenth_and_agrees(corpus):
    second = read_corpus(sorted(AGREEMENT.glob("*.jsonl")))
    assert len(second) >= 0.1 * len(corpus) * 0.9
    kappa, compared, observed = agreement(corpus, second)
    assert compared >= 3000
    assert 0.6 <= kappa <= 1.0 and observed > kappa


@needs_data
def test_ours_test_is_a_gold_set_of_the_test_split(corpus):
    gold = load_gold("ours-test", DATA)
    assert len(gold) == sum(1 for s in corpus if s.split == "test")
    coded = [e for g in gold for e in g.events]
    assert coded and all(a.text for e in coded for a in (*e.source, *e.target))


def test_marks_unwrap_to_the_spans_they_wrapped():
    from diplograph.ingest.gold import unwrap_marks

    text, spans = unwrap_marks("<s>Iran</s> condemned <t>the ruling</t> on Monday.")
    assert text == "Iran condemned the ruling on Monday."
    assert text[slice(*spans["s"])] == "Iran" and text[slice(*spans["t"])] == "the ruling"


@needs_data
def test_zsp_plv_pairs_load_with_their_roots():
    from diplograph.ingest.gold import load_pairs

    rows = load_pairs(DATA)
    assert 1000 <= len(rows) <= 1033
    roots = Counter(root for *_, root, _ in rows)
    assert "YIELD" in roots and "ASSAULT" in roots
    for text, (s0, s1), (t0, t1), _, _ in rows[:50]:
        assert 0 <= s0 < s1 <= len(text) and 0 <= t0 < t1 <= len(text)

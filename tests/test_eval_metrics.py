"""The evaluator's figures on hand-made gold and predictions, where the right answer is known."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

from diplograph.errors import InputError
from diplograph.graph.model import Actor, Article, ArticleGraph, Event
from diplograph.ingest import evaluate as evaluate_module
from diplograph.ingest.evaluate import evaluate, reports_json, reports_markdown, reports_table
from diplograph.ingest.gold import (
    GOLD_SETS,
    PENTA_ROOTS,
    RE3D_ROOTS,
    GoldActor,
    GoldEvent,
    GoldSentence,
    load_gold,
)

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

USA = GoldActor(code="USAGOV", country="USA")
CHN = GoldActor(code="CHN", country="CHN")
RUS = GoldActor(code="RUS", country="RUS")


def person(name: str, country: str | None) -> Actor:
    return Actor(name=name, type="person", country=country)


def country(iso3: str) -> Actor:
    return Actor.country_actor(iso3)


def event(source, target=(), cameo="040", plover="CONSULT", quad=1, **extra) -> Event:
    return Event(article_id="x", sentence_index=0, sentence="", span=(0, 1), trigger="t",
                 predicate="t", plover_type=plover, cameo_code=cameo, goldstein=1.0,
                 quad_class=quad, source=tuple(source), target=tuple(target), **extra)


def sentence(id_: str, events, text: str = "Some sentence.", scheme: str = "cameo",
             contaminated: bool = False, spans=None, date=None) -> GoldSentence:
    return GoldSentence(id=id_, text=text, date=date, events=tuple(events), split="test",
                        contaminated=contaminated, scheme=scheme, spans=spans)


def cameo(source, target, code: str, date: str | None = None) -> GoldEvent:
    return GoldEvent(source=tuple(source), target=tuple(target), label=code[:2], cameo_code=code,
                     quad_class=1 if code < "06" else 3, date=date)


def graphs(**events) -> dict[str, ArticleGraph]:
    return {key: ArticleGraph(article=Article(text="t", id=key), events=tuple(value))
            for key, value in events.items()}


def test_doctests_pass():
    assert doctest.testmod(evaluate_module).failed == 0


def test_perfect_prediction_scores_one():
    gold = [sentence("s1", [cameo([USA], [CHN], "042")])]
    report = evaluate(gold, graphs(s1=[event([person("Joe", "USA")], [country("CHN")], "042")]))
    m = report.subsets["all"]
    assert m.levels["country"].to_dict()["f1"] == 1.0
    assert m.levels["actor"] is None  # codes, not mentions
    assert m.cameo_root_accuracy.value == 1.0 and m.quad_accuracy.value == 1.0
    assert m.extra_per_sentence == 0.0
    assert m.worst == []


def test_missing_event_is_a_false_negative_and_a_wrong_attribute():
    gold = [sentence("s1", [cameo([USA], [CHN], "042")]), sentence("s2", [])]
    m = evaluate(gold, {}).subsets["all"]
    assert (m.levels["country"].tp, m.levels["country"].fp, m.levels["country"].fn) == (0, 0, 1)
    assert m.cameo_root_accuracy.to_dict() == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert m.sentence_type_accuracy.total == 1  # the no-event sentence has no type to guess
    assert m.confusion == {"04": {"-": 1}}


def test_extra_events_lower_precision_and_are_counted_per_sentence():
    gold = [sentence("s1", [cameo([USA], [CHN], "042")]), sentence("s2", [])]
    predicted = graphs(
        s1=[event([country("USA")], [country("CHN")], "040"),
            event([country("USA")], [country("RUS")], "111", "ACCUSE", 3)],
        s2=[event([country("RUS")], [country("CHN")], "040")])
    m = evaluate(gold, predicted).subsets["all"]
    c = m.levels["country"]
    assert (c.tp, c.fp, c.fn) == (1, 2, 0)
    assert c.precision == pytest.approx(1 / 3)
    assert m.extra_per_sentence == 1.0
    assert m.per_type["04"].to_dict()["fp"] == 1 and m.per_type["11"].fp == 1
    assert m.confusion["-"] == {"04": 1, "11": 1}
    assert [case["id"] for case in m.worst] == ["s1", "s2"]


def test_wrong_type_between_the_right_actors():
    gold = [sentence("s1", [cameo([USA], [CHN], "042")])]
    predicted = graphs(s1=[event([country("USA")], [country("CHN")], "112", "ACCUSE", 3)])
    m = evaluate(gold, predicted).subsets["all"]
    assert (m.levels["country"].tp, m.levels["country"].fp, m.levels["country"].fn) == (0, 1, 1)
    # aligned by actors, so the attributes are compared and found wrong
    assert m.type_accuracy.value == 0.0 and m.cameo_root_accuracy.value == 0.0
    assert m.quad_accuracy.value == 0.0
    assert m.confusion == {"04": {"11": 1}}


def test_right_root_different_leaf_still_counts():
    gold = [sentence("s1", [cameo([USA], [CHN], "042")])]
    predicted = graphs(s1=[event([country("USA")], [country("CHN")], "046")])
    assert evaluate(gold, predicted).subsets["all"].levels["country"].f1 == 1.0


def test_wrong_direction_is_not_a_match():
    gold = [sentence("s1", [cameo([USA], [CHN], "042")])]
    predicted = graphs(s1=[event([country("CHN")], [country("USA")], "042")])
    m = evaluate(gold, predicted).subsets["all"]
    assert m.levels["country"].tp == 0
    assert m.cameo_root_accuracy.value == 0.0  # no prediction between these actors this way


def test_country_level_forgives_the_wrong_person_actor_level_does_not():
    gold_event = GoldEvent(
        source=(GoldActor(code="USA", country="USA", text="President Obama"),),
        target=(GoldActor(code="CHN", country="CHN", text="Chinese leader Xi Jinping"),),
        label="CONSULT", plover_type="CONSULT", quad_class=1)
    gold = [sentence("s1", [gold_event], scheme="plover")]
    right = graphs(s1=[event([person("Obama", "USA")], [person("Xi Jinping", "CHN")])])
    wrong = graphs(s1=[event([person("John Kerry", "USA")], [person("Xi Jinping", "CHN")])])
    right_m, wrong_m = (evaluate(gold, p).subsets["all"] for p in (right, wrong))
    assert right_m.levels["country"].tp == 1 and right_m.levels["actor"].tp == 1
    assert wrong_m.levels["country"].tp == 1 and wrong_m.levels["actor"].tp == 0


def test_reciprocal_events_stand_for_both_directions():
    gold_event = GoldEvent(source=(USA, RUS), target=(), label="04", cameo_code="040",
                           quad_class=1)
    gold = [sentence("s1", [gold_event])]
    one_way = graphs(s1=[event([country("USA")], [country("RUS")])])
    joint = graphs(s1=[event([country("USA"), country("RUS")])])
    assert evaluate(gold, one_way).subsets["all"].levels["country"].to_dict()["recall"] == 0.5
    assert evaluate(gold, joint).subsets["all"].levels["country"].f1 == 1.0


def test_compound_target_makes_one_dyad_per_target():
    gold = [sentence("s1", [cameo([USA], [CHN], "042"), cameo([USA], [RUS], "042")])]
    predicted = graphs(s1=[event([country("USA")], [country("CHN"), country("RUS")], "042")])
    c = evaluate(gold, predicted).subsets["all"].levels["country"]
    assert (c.tp, c.fp, c.fn) == (2, 0, 0)


def test_unknown_gold_country_accepts_any_prediction_on_that_side():
    unknown = GoldActor(code="---LEG", country=None)
    gold = [sentence("s1", [cameo([unknown], [CHN], "112")])]
    predicted = graphs(s1=[event([Actor(name="lawmakers", type="group")], [country("CHN")],
                                 "112", "ACCUSE", 3)])
    assert evaluate(gold, predicted).subsets["all"].levels["country"].f1 == 1.0


def test_igo_actors_match_by_kind():
    gold = [sentence("s1", [cameo([GoldActor(code="IGOUNO", country="IGO")], [CHN], "042")])]
    predicted = graphs(s1=[event([Actor(name="United Nations", type="igo")], [country("CHN")],
                                 "042")])
    assert evaluate(gold, predicted).subsets["all"].levels["country"].f1 == 1.0


def test_negated_and_hypothetical_events_are_set_aside():
    gold = [sentence("s1", [cameo([USA], [RUS], "042")])]
    predicted = graphs(s1=[
        event([country("USA")], [country("CHN")], negated=True),
        event([country("USA")], [country("CHN")], modality="hypothetical"),
        event([country("USA")], [country("CHN")], modality="future")])
    m = evaluate(gold, predicted).subsets["all"]
    assert m.set_aside == 2
    assert m.predicted_events == 1 and m.levels["country"].fp == 1


def test_clean_subset_leaves_out_contaminated_sentences():
    gold = [sentence("s1", [cameo([USA], [CHN], "042")], contaminated=True),
            sentence("s2", [cameo([USA], [RUS], "042")])]
    predicted = graphs(s1=[event([country("USA")], [country("CHN")], "042")])
    report = evaluate(gold, predicted)
    assert report.subsets["all"].levels["country"].recall == 0.5
    assert report.subsets["clean"].sentences == 1
    assert report.subsets["clean"].levels["country"].recall == 0.0
    assert "1 of 2 sentences repeat an ICEWS codebook example" in report.notes[-1]


def test_dates_exact_and_within_the_week_before_the_story():
    gold = [sentence(f"s{i}", [cameo([USA], [CHN], "042", date="2008-08-06")]) for i in range(4)]
    predicted = graphs(
        s0=[event([country("USA")], [country("CHN")], date="2008-08-06")],
        s1=[event([country("USA")], [country("CHN")], date="2008-08-04")],
        s2=[event([country("USA")], [country("CHN")], date="2008-07")],
        s3=[event([country("USA")], [country("CHN")], date="2008-09-01")])
    m = evaluate(gold, predicted).subsets["all"]
    assert (m.date_accuracy.correct, m.date_within_week.correct) == (1, 3)


def test_actor_spans_exact_and_overlapping():
    text = "U.S. military chief General Colin Powell said NATO would need to remain strong."
    spans = ((0, 40, "S"), (46, 50, "T"))
    gold_event = GoldEvent(source=(GoldActor(text=text[0:40]),), target=(GoldActor(text="NATO"),),
                           label="0", quad_class=1)
    gold = [sentence("s1", [gold_event], text=text, scheme="penta", spans=spans)]
    predicted = graphs(s1=[event([person("Colin Powell", "USA")],
                                 [Actor(name="NATO", type="igo"),
                                  Actor(name="North Atlantic Treaty Organization", type="igo")],
                                 "010", "SUPPORT")])
    m = evaluate(gold, predicted).subsets["all"]
    assert (m.span_exact.tp, m.span_exact.fp, m.span_exact.fn) == (1, 1, 1)
    assert (m.span_overlap.tp, m.span_overlap.fp, m.span_overlap.fn) == (2, 0, 0)
    assert m.unlocated_actors == 1
    assert m.levels["country"] is None and m.levels["actor"].f1 == pytest.approx(2 / 3)
    assert m.sentence_type_accuracy.value == 1.0


def test_mixed_schemes_are_refused():
    gold = [sentence("a", [], scheme="cameo"), sentence("b", [], scheme="plover")]
    with pytest.raises(InputError, match="mix schemes"):
        evaluate(gold, {})


def test_report_renders_as_table_json_and_markdown():
    gold = [sentence("s1", [cameo([USA], [CHN], "042")], text="The US met China.")]
    report = evaluate(gold, graphs(s1=[event([country("USA")], [country("RUS")], "042")]),
                      name="hand-made", command="diplograph eval hand-made")
    table = report.to_table()
    assert table.splitlines()[0].split()[:3] == ["set", "subset", "sents"]
    assert "hand-made  all" in table and "0.0/0.0/0.0" in table
    data = json.loads(report.to_json())
    assert data["set"] == "hand-made"
    assert data["subsets"]["all"]["levels"]["country"] == {
        "tp": 0, "fp": 1, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert data["subsets"]["all"]["worst"][0]["predicted"] == ["USA [USA] -04-> RUS [RUS]"]
    markdown = report.to_markdown()
    assert markdown.startswith("### hand-made")
    assert "Command: `diplograph eval hand-made`" in markdown
    assert "- `s1` (2 errors): The US met China." in markdown
    # confusion: the gold 04 found no partner between its actors; our 04 had no gold partner
    assert "| 04 | 1 | 0 |" in markdown and "| - | 0 | 1 |" in markdown
    both = [report, report]
    assert len(json.loads(reports_json(both))) == 2
    assert reports_table(both).count("hand-made") == 4
    assert reports_markdown(both, details=False).count("### hand-made") == 2


def _perfect(sentence: GoldSentence) -> ArticleGraph:
    """Predictions that say exactly what the gold says, in our model's terms."""
    def actor(gold: GoldActor) -> Actor:
        if gold.country == "IGO":
            return Actor(name=gold.text or "igo", type="igo")
        if gold.country:
            return Actor(name=gold.text or gold.country, type="country", country=gold.country)
        return Actor(name=gold.text or "someone", type="group")

    def code(gold: GoldEvent) -> str:
        if sentence.scheme == "cameo":
            return gold.cameo_code
        if sentence.scheme == "penta":
            return f"{PENTA_ROOTS[int(gold.label)][0]:02d}0"
        if sentence.scheme == "re3d":
            return RE3D_ROOTS[gold.label][0] + "0"
        return "010"

    return ArticleGraph(article=Article(text=sentence.text, id=sentence.id), events=tuple(
        event([actor(a) for a in e.source], [actor(a) for a in e.target], code(e),
              e.plover_type or "SUPPORT", e.quad_class or 1, date=e.date)
        for e in sentence.events))


@pytest.mark.skipif(not DATA.is_dir(), reason=f"gold sets not found at {DATA}")
@pytest.mark.parametrize("name", sorted(GOLD_SETS))
def test_gold_restated_as_predictions_scores_perfectly_on_every_real_set(name):
    gold = load_gold(name, DATA)
    m = evaluate(gold, {s.id: _perfect(s) for s in gold}, name=name).subsets["all"]
    for counts in filter(None, m.levels.values()):
        assert counts.f1 == 1.0
    assert any(m.levels.values())
    assert m.type_accuracy.value == 1.0
    for accuracy in filter(None, (m.cameo_root_accuracy, m.quad_accuracy, m.date_accuracy)):
        assert accuracy.value == 1.0
    if m.span_overlap is not None:
        # the rare mention that also occurs earlier in the text is located there
        assert m.span_overlap.f1 > 0.97

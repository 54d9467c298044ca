"""`compare`: a dyad in two periods, the same on both backends; and answers as DataFrames."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from diplograph.errors import QueryError
from diplograph.graph.stores.neo4j.store import Neo4jStore
from diplograph.graph.stores.oxigraph.store import OxigraphStore
from diplograph.queries.timeline import timeline
from diplograph.queries.compare import compare, parse_period
from diplograph.queries.events import events
from diplograph.queries.frames import flat_rows, to_frame
from test_questions_parity import hand_built


@pytest.fixture(scope="module")
def rdf(tmp_path_factory) -> Iterator[OxigraphStore]:
    with OxigraphStore(tmp_path_factory.mktemp("compare")) as store:
        store.write(hand_built())
        yield store


def by_measure(changes) -> dict:
    return {c.measure: c for c in changes}


def test_compare_gives_totals_rates_and_types_of_each_period(rdf) -> None:
    changes = by_measure(compare(rdf, "KGZ", "CHN", "2017", "2019"))
    # 2017: a meeting and a joint agreement dated to January (the year-only praise has no month);
    # 2019: a visit, two receptions and an award in June (the negated meeting does not count).
    assert (changes["events"].period1, changes["events"].period2) == (2, 4)
    assert changes["events"].change == 2 and changes["events"].ratio == 2.0
    assert changes["months"].period1 == changes["months"].period2 == 12
    assert changes["events per month"].period2 == round(4 / 12, 4)
    assert (changes["goldstein sum"].period1, changes["goldstein sum"].period2) == (5.0, 15.5)
    assert changes["goldstein mean"].period2 == round(15.5 / 4, 4)
    assert changes["cooperation share"].period2 == 1.0
    assert changes["AGREE per month"].period2 == 0.0
    assert changes["SUPPORT per month"].period1 == 0.0 and changes["SUPPORT per month"].ratio is None


def test_compare_agrees_with_the_events_in_each_period(rdf) -> None:
    changes = by_measure(compare(rdf, "CHN", "KGZ", "2019-06", "2023", directed=True))
    assert changes["events"].period1 == len(
        events(rdf, actor="CHN", counterpart="KGZ", directed=True, since="2019-06",
               until="2019-06"))
    assert changes["events"].period2 == 0 and changes["goldstein mean"].period2 is None
    assert changes["goldstein mean"].change is None


def test_compare_passes_type_filters_to_the_timeline(rdf) -> None:
    changes = by_measure(compare(rdf, "KGZ", "CHN", "2017", "2019", plover_types="CONSULT"))
    assert (changes["events"].period1, changes["events"].period2) == (1, 3)


@pytest.mark.parametrize(("text", "message"), [
    ("2019/2017", "ends before it starts"),
    ("2017-13", "real date"),
    ("", "needs a date"),
])
def test_bad_periods_are_explained(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_period(text)


def test_a_timeline_frame_has_one_column_per_type_and_quad_class(rdf) -> None:
    rows = timeline(rdf, "KGZ", "CHN", since="2019-05", until="2019-07")
    frame = to_frame(rows)
    assert list(frame["period"]) == ["2019-05", "2019-06", "2019-07"]
    assert list(frame["events"]) == [0, 4, 0]
    assert list(frame["by_type.CONSULT"]) == [0, 3, 0]
    assert list(frame["by_quad_class.1"]) == [0, 4, 0]
    assert frame["goldstein_sum"].sum() == pytest.approx(15.5)


def test_an_events_frame_has_the_csv_export_columns(rdf) -> None:
    records = events(rdf, actor="KGZ", counterpart="CHN")
    frame = to_frame(records)
    assert len(frame) == len(records) > 0
    assert list(frame.columns) == list(flat_rows(records)[0])
    assert set(frame["event_id"]) == {r.id for r in records}
    assert "source_names" in frame.columns and "span_start" in frame.columns


@pytest.mark.neo4j
def test_compare_is_the_same_on_neo4j(rdf, neo4j_server) -> None:
    with Neo4jStore(neo4j_server.uri) as cypher:
        cypher.query("MATCH (n) DETACH DELETE n", write=True)
        cypher.write(hand_built())
        for args in (("KGZ", "CHN", "2017", "2019"), ("RUS", "CHN", "2019", "2023-01/2023-12")):
            expected = compare(rdf, *args)
            assert compare(cypher, *args) == expected
            assert any(c.measure == "events" and (c.period1 or c.period2) for c in expected)

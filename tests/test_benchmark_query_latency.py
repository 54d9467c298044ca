"""The latency benchmark measures real answers: its data, its expected counts and its checks.

benchmarks/query_latency.py is a script, not part of the package, so it is loaded from its file.
Everything here runs on about 2,000 synthetic events and the embedded Oxigraph store only.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from diplograph.graph import codes
from diplograph.graph.stores.oxigraph.store import OxigraphStore
from diplograph.graph.rollup import article_tallies

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "query_latency.py"
EVENTS = 2000


def _load_script():
    spec = importlib.util.spec_from_file_location("query_latency", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


bench = _load_script()


@pytest.fixture(scope="module")
def corpus():
    return bench.synthetic(EVENTS)


@pytest.fixture(scope="module")
def store(corpus, tmp_path_factory):
    with OxigraphStore(tmp_path_factory.mktemp("qlat")) as opened:
        opened.write(corpus.graphs)
        yield opened


def country_pairs_from_tallies(graphs) -> Counter:
    """Factual events per pair of country keys, summed from the stores' own unit of counting."""
    counts: Counter = Counter()
    for ag in graphs:
        for cell, events in article_tallies(ag).items():
            first, second = cell.first_key, cell.second_key
            if cell.factual and first != second and first.startswith("country:") \
                    and second.startswith("country:"):
                counts[first.removeprefix("country:"), second.removeprefix("country:")] += events
    return counts


def test_the_same_seed_gives_the_same_events_and_another_seed_others():
    again, other = bench.synthetic(300), bench.synthetic(300, seed=12)
    ids = [e.id for ag in again.graphs for e in ag.events]
    assert ids == [e.id for ag in bench.synthetic(300).graphs for e in ag.events]
    assert ids != [e.id for ag in other.graphs for e in ag.events]


def test_the_events_have_the_shape_the_benchmark_promises(corpus):
    events = [e for ag in corpus.graphs for e in ag.events]
    assert corpus.events == len(events) == EVENTS
    assert all(3 <= len(ag.events) <= 8 for ag in corpus.graphs[:-1])
    table = codes.cameo_codes()
    assert all((table[e.cameo_code].goldstein, table[e.cameo_code].quad_class,
                table[e.cameo_code].plover_type) == (e.goldstein, e.quad_class, e.plover_type)
               for e in events)
    precisions = Counter(e.date_precision for e in events)
    assert set(precisions) == {"day", "month", "year", None}
    assert precisions["day"] > EVENTS / 2
    assert any(e.negated for e in events) and any(e.modality == "future" for e in events)
    assert any(not e.target and len(e.source) == 2 for e in events)  # joint acts
    assert any(a.type == "person" and a.country for e in events for a in e.actors)
    years = {e.date[:4] for e in events if e.date}
    assert len(years) >= 18


def test_activity_is_skewed_towards_the_leading_pair(corpus):
    busiest, events = corpus.pairs.most_common(1)[0]
    assert busiest == ("CHN", "USA")
    total = sum(corpus.pairs.values())
    assert events > 0.02 * total and events > 10 * total / len(corpus.pairs)


def test_expected_counts_agree_with_the_tallies_the_stores_keep(corpus):
    assert country_pairs_from_tallies(corpus.graphs) == corpus.pairs


def test_the_sample_starts_with_the_busiest_pair_and_is_fixed(corpus):
    chosen = bench.sample(corpus, 4)
    assert chosen.pairs[0] == ("CHN", "USA") and chosen.actors[0] == "USA"
    assert len(chosen.pairs) == len(chosen.actors) == 9
    assert chosen == bench.sample(corpus, 4)


def test_oxigraph_timelines_count_every_event_of_the_pair(corpus, store):
    expected = country_pairs_from_tallies(corpus.graphs)
    for pair in bench.sample(corpus, 4).pairs:
        assert bench.timeline_total(store, pair) == expected[pair] > 0


def test_a_wrong_expectation_is_reported_as_a_problem(corpus, store):
    wrong = Counter(corpus.pairs)
    wrong["CHN", "USA"] += 1
    tampered = bench.Corpus(corpus.graphs, corpus.events, wrong, corpus.countries)
    chosen = bench.Sample((("CHN", "USA"),), ("USA",))
    assert bench.problems(store, corpus, chosen) == []
    found = bench.problems(store, tampered, chosen)
    assert found and found[0].startswith("timeline CHN-USA counts")


def test_the_script_prints_measured_latencies(capsys, tmp_path):
    code = bench.main(["--sizes", str(EVENTS), "--backends", "oxigraph", "--repeat", "2",
                       "--sample", "2", "--keep", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0, out
    row = next(line for line in out.splitlines() if line.startswith(f"| {EVENTS:,} | oxigraph"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    load_s, rate, p50, p90, busiest = (float(c.replace(",", "")) for c in cells[2:7])
    assert load_s > 0 and rate > 0
    assert 0 < p50 <= p90 and busiest > 0
    assert "every sampled answer equals the count made from the events" in out
    assert re.search(r"target timeline p50 < 50 ms at 2k: oxigraph [\d.]+ ms, (met|NOT met)",
                     out)
    assert (tmp_path / f"oxigraph-{EVENTS}").is_dir()

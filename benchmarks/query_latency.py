"""Query latency: `timeline` and `partners` on Oxigraph, Neo4j and remote SPARQL servers, with
rdflib as the baseline.

Issue 7 sets the target: a dyad's `timeline` answers in under 50 ms (p50) at a million events, on
the embedded store and on Neo4j alike. This script generates deterministic synthetic events shaped
like real event data (a few countries in most of the news, so the busiest pair carries tens of
thousands of events at 1M), loads the same events into each backend, and times the two questions
through diplograph's own Python API over a fixed sample of pairs and actors. rdflib's in-memory
SPARQL runs the very same SPARQL templates on the same quads, at 100k events only (it holds
everything in Python objects: a million events would need tens of GB), so the ratios come from
one run on one machine. The remote SPARQL backend (`SparqlStore`, issue 16) runs against real
Fuseki 5 (TDB2) and `oxigraph serve` servers started on loopback, so its figures sit next to the
embedded store's: the difference is HTTP and the server's own engine.

Before any time is reported, every sampled answer is checked against a count made straight from
the generated events, so a fast wrong answer cannot pass as a result.

Usage:
    python benchmarks/query_latency.py                          # 100k and 1M
    python benchmarks/query_latency.py --sizes 10000 --backends oxigraph,rdflib
    python benchmarks/query_latency.py --neo4j-uri bolt://localhost:7687   # emptied first!
    python benchmarks/query_latency.py --sizes 100000 --backends oxigraph,fuseki,oxigraph-serve
    python benchmarks/query_latency.py --backends sparql --sparql-url http://host:3030/ds  # DROP ALL!
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from diplograph.graph import codes
from diplograph.graph.model import Actor, Affiliation, Article, ArticleGraph, Event, Location
from diplograph.graph.rdf import article_nquads
from diplograph.graph.stores import Store
from diplograph.queries.timeline import timeline as ask_timeline

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 50.0
COUNTRIES = 200
# The countries that lead international news, most active first; the rest follow in a seeded
# order. Activity falls off as 1/rank (Zipf), so the first pair holds about 3% of all events.
LEADERS = ("USA", "CHN", "RUS", "GBR", "FRA", "DEU", "IRN", "ISR", "UKR", "JPN", "IND", "TUR",
           "PRK", "KOR", "SAU", "PAK", "SYR", "AFG", "IRQ", "EGY")
# How often each CAMEO root is coded, roughly as in GDELT: mostly talk and visits.
ROOT_SHARE = {"01": 12, "02": 6, "03": 9, "04": 24, "05": 9, "06": 3, "07": 3, "08": 3, "09": 1,
              "10": 3, "11": 7, "12": 3, "13": 3, "14": 2, "15": 1, "16": 3, "17": 4, "18": 2,
              "19": 2, "20": 0.2}
JOINT_ROOTS = ("03", "05", "06")  # what two sides do together ("A and B signed")
PREDICATES = {"AGREE": "agreed with", "CONSULT": "met", "SUPPORT": "praised",
              "CONCEDE": "eased", "COOPERATE": "cooperated with", "AID": "aided",
              "RETREAT": "withdrew from", "REQUEST": "asked", "ACCUSE": "accused",
              "REJECT": "rejected", "THREATEN": "threatened", "PROTEST": "protested",
              "SANCTION": "sanctioned", "MOBILIZE": "mobilized against", "COERCE": "coerced",
              "ASSAULT": "attacked"}
ROLES = (("President", "head_of_state"), ("Prime Minister", "head_of_government"),
         ("Foreign Minister", "foreign_minister"), ("Defence Minister", "defence_minister"),
         ("Ambassador", "ambassador"), ("Envoy", "envoy"))
FIRST_DAY = 732_000  # 2005-02-24 as a proleptic ordinal; dates run over the next 20 years
DAYS = 20 * 365


# --- synthetic events -------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    """Generated articles and what a correct answer must say about them.

    `pairs` counts, per unordered pair of country codes, the factual events (not negated, asserted
    or reported) with a dyad between an actor of one and an actor of the other: exactly what an
    unfiltered, undirected timeline of the two codes sums to.
    """

    graphs: list[ArticleGraph]
    events: int
    pairs: Counter[tuple[str, str]]
    countries: tuple[str, ...]


def country_table() -> list[tuple[str, str]]:
    """(ISO3, short name) of the countries the gazetteer knows, in file order."""
    text = (resources.files("diplograph.ingest") / "data" / "countries.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#"))
    return [(row["iso3"], row["name"]) for row in rows]


def synthetic(events: int, seed: int = 11) -> Corpus:
    """`events` events in articles of 3-8, deterministic for a seed.

    Each article is about one pair of countries drawn by activity (three quarters of its events
    are between them, either way), the rest between other drawn pairs. Four in ten sides are a
    person of the country rather than the state itself. Dates spread over twenty years: most to
    the day, some to the month or year only, some undated. About 5% of events are joint acts of
    both sides, 3% negated, one in ten future or hypothetical.
    """
    rng = random.Random(seed)
    table = country_table()
    leaders = [row for row in table if row[0] in LEADERS]
    leaders.sort(key=lambda row: LEADERS.index(row[0]))
    rest = [row for row in table if row[0] not in LEADERS]
    rng.shuffle(rest)
    ranked = (leaders + rest)[:COUNTRIES]
    weights = [1.0 / (rank + 1) for rank in range(len(ranked))]
    states = [Actor.country_actor(code, name) for code, name in ranked]
    people = [[Actor(f"{name} Official {n}", "person", code,
                     role=ROLES[n % len(ROLES)][0])
               for n in range(3 + int(3000 * w))] for (code, name), w in zip(ranked, weights)]
    role_class = dict(ROLES)
    by_root: dict[str, list[codes.CameoCode]] = {}
    for entry in codes.cameo_codes().values():
        if len(entry.code) >= 3:
            by_root.setdefault(entry.root, []).append(entry)
    roots = list(ROOT_SHARE)
    root_weights = [ROOT_SHARE[r] for r in roots]
    cumulative = _cumulative(weights)

    def country() -> int:
        return rng.choices(range(len(ranked)), cum_weights=cumulative)[0]

    def pair() -> tuple[int, int]:
        first = country()
        while (second := country()) == first:
            pass
        return first, second

    def side(index: int) -> Actor:
        return rng.choice(people[index]) if rng.random() < 0.4 else states[index]

    graphs: list[ArticleGraph] = []
    pairs: Counter[tuple[str, str]] = Counter()
    made = 0
    number = 0
    while made < events:
        article_id = f"qlat-{number:07d}"
        day = FIRST_DAY + rng.randrange(DAYS)
        date = _iso(day)
        focus = pair()
        items: list[Event] = []
        for i in range(min(rng.randint(3, 8), events - made)):
            a, b = focus if rng.random() < 0.75 else pair()
            if rng.random() < 0.5:
                a, b = b, a
            joint = rng.random() < 0.05
            root = rng.choice(JOINT_ROOTS) if joint else rng.choices(roots, root_weights)[0]
            code = rng.choice(by_root[root])
            source = (side(a), side(b)) if joint else (side(a),)
            target = () if joint else (side(b),)
            negated = rng.random() < 0.03
            modality = rng.choices(("asserted", "reported", "future", "hypothetical"),
                                   (80, 10, 6, 4))[0]
            precision = rng.random()
            when = (_iso(day - rng.randrange(4)) if precision < 0.65 else date[:7]
                    if precision < 0.80 else date[:4] if precision < 0.88 else None)
            predicate = PREDICATES[code.plover_type]
            event = Event(
                article_id, i, f"Sentence {i} of synthetic article {number}.",
                (i * 50, i * 50 + len(predicate)), predicate, predicate, code.plover_type,
                code.code, code.goldstein, code.quad_class, source, target,
                plover_mode=code.plover_mode, plover_context=code.plover_context, date=when,
                location=Location(f"{ranked[b][1]} capital", ranked[b][0])
                if rng.random() < 0.3 else None,
                negated=negated, modality=modality, confidence=round(rng.uniform(0.3, 0.95), 2),
                date_basis=None if when is None else rng.choice(("text", "context", "article")))
            items.append(event)
            if not negated and modality in ("asserted", "reported"):
                pairs[tuple(sorted((ranked[a][0], ranked[b][0])))] += 1
        named = {x.id: x for e in items for x in e.actors if x.type == "person"}
        affiliations = tuple(
            Affiliation(p.id, p.country, role_class[p.role], date, date, article_id, 0, p.role)
            for p in list(named.values())[:2])
        graphs.append(ArticleGraph(
            Article(f"Synthetic article {number}.", id=article_id, date=date,
                    title=f"{ranked[focus[0]][1]} and {ranked[focus[1]][1]}"),
            tuple(items), affiliations))
        made += len(items)
        number += 1
    return Corpus(graphs, made, pairs, tuple(code for code, _ in ranked))


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


# --- what is asked ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """The pairs a timeline is asked for and the countries a partner list is asked for."""

    pairs: tuple[tuple[str, str], ...]
    actors: tuple[str, ...]


def sample(corpus: Corpus, k: int, seed: int = 5) -> Sample:
    """The busiest pair, `k` pairs drawn by their event count, `k` drawn uniformly from the pairs
    that have any event; the busiest country, `k` countries by activity, `k` uniformly."""
    rng = random.Random(seed)
    ranked = sorted(corpus.pairs, key=lambda p: (-corpus.pairs[p], p))
    by_weight = rng.choices(ranked, [corpus.pairs[p] for p in ranked], k=k)
    uniform = rng.sample(ranked, min(k, len(ranked)))
    activity: Counter[str] = Counter()
    for (a, b), n in corpus.pairs.items():
        activity[a] += n
        activity[b] += n
    busy = sorted(activity, key=lambda c: (-activity[c], c))
    actors = ([busy[0]] + rng.choices(busy, [activity[c] for c in busy], k=k)
              + rng.sample(corpus.countries, k))
    return Sample(tuple([ranked[0]] + by_weight + uniform), tuple(actors))


def behind_pairs(corpus: Corpus, chosen: Sample) -> tuple[Corpus, Sample]:
    """The articles with an event between a sampled pair, and the timeline sample alone.

    A pair's rollup sums the events between its two keys and nothing else, so with every such
    article loaded the sampled pairs' timelines read exactly what a full load would give them,
    however much else the full corpus holds. Partner lists would miss counterparts: none asked.
    """
    wanted = {tuple(sorted(pair)) for pair in chosen.pairs}

    def touches(ag: ArticleGraph) -> bool:
        return any(source.country and target and target.country
                   and tuple(sorted((source.country, target.country))) in wanted
                   for event in ag.events for source, target in event.dyads())

    graphs = [ag for ag in corpus.graphs if touches(ag)]
    kept = Corpus(graphs, sum(len(ag.events) for ag in graphs), corpus.pairs, corpus.countries)
    return kept, Sample(chosen.pairs, ())


def timeline_total(store: Store, pair: tuple[str, str]) -> int:
    """Factual events between the pair, all months plus the month-less ones."""
    return sum(row.events for row in ask_timeline(store, *pair))


def partners_available() -> bool:
    try:
        import diplograph.queries.partners  # noqa: F401
    except ImportError:
        return False
    return True


def partner_events(store: Store, actor: str) -> dict[str, int]:
    """Events with each of the actor's top country partners, keyed by ISO3."""
    from diplograph.queries.partners import partners

    return {r.counterpart_key.removeprefix("country:"): r.events
            for r in partners(store, actor, by="country")}


def problems(store: Store, corpus: Corpus, chosen: Sample) -> list[str]:
    """Where a backend's answers disagree with the counts made from the events (none, we hope).

    A question that raises is a problem too, so an hour-long run still reports what it measured.
    """
    found = []
    for pair in dict.fromkeys(chosen.pairs):
        want = corpus.pairs[tuple(sorted(pair))]
        try:
            got = timeline_total(store, pair)
        except Exception as err:  # noqa: BLE001 - reported, never hidden
            found.append(f"timeline {'-'.join(pair)} raised {err!r}")
            continue
        if got != want:
            found.append(f"timeline {'-'.join(pair)} counts {got} events, the data hold {want}")
    if partners_available():
        for actor in dict.fromkeys(chosen.actors):
            try:
                answer = partner_events(store, actor)
            except Exception as err:  # noqa: BLE001
                found.append(f"partners of {actor} raised {err!r}")
                continue
            for counterpart, got in answer.items():
                want = corpus.pairs[tuple(sorted((actor, counterpart)))]
                if got != want:
                    found.append(f"partners of {actor} count {got} events with {counterpart}, "
                                 f"the data hold {want}")
    return found


# --- timing -----------------------------------------------------------------------------------


@dataclass
class Timings:
    """Milliseconds per call of one question on one backend, all repeats together, in the order
    called: each round asks every input once, the busiest pair or actor first."""

    inputs: int
    ms: list[float] = field(default_factory=list)

    @property
    def busiest(self) -> float:
        """The median over the rounds of the first input's calls."""
        return statistics.median(self.ms[::self.inputs])

    @property
    def p50(self) -> float:
        return statistics.median(self.ms)

    @property
    def p90(self) -> float:
        ordered = sorted(self.ms)
        return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def time_calls(call: Callable[[Any], object], inputs: Sequence[Any], repeat: int,
               label: str) -> Timings:
    """Time `call` on every input, `repeat` rounds, after one untimed call warms caches up."""
    from tqdm import tqdm

    call(inputs[0])
    timings = Timings(len(inputs))
    for _ in tqdm(range(repeat), desc=label, unit="round", file=sys.stderr, leave=False):
        for item in inputs:
            start = time.perf_counter()
            call(item)
            timings.ms.append(1000 * (time.perf_counter() - start))
    return timings


@dataclass
class Result:
    backend: str
    events: int
    load_s: float
    timeline: Timings | None
    partners: Timings | None
    problems: list[str]


def measure(store: Store, backend: str, corpus: Corpus, chosen: Sample, repeat: int,
            load_s: float) -> Result:
    """Check the answers, then time both questions; a question that fails is left untimed."""
    wrong = problems(store, corpus, chosen)
    failed = " ".join(wrong)

    def timed(question: str, call: Callable[[Any], object], inputs: Sequence[Any]) -> Timings | None:
        if f"{question} " in failed and "raised" in failed:
            return None
        return time_calls(call, inputs, repeat, f"{backend} {question}")

    timeline = timed("timeline", lambda pair: ask_timeline(store, *pair), chosen.pairs)
    partners = None
    if partners_available() and chosen.actors:
        from diplograph.queries.partners import partners as ask

        partners = timed("partners", lambda actor: ask(store, actor, by="country"),
                         chosen.actors)
    return Result(backend, corpus.events, load_s, timeline, partners, wrong)


# --- backends ---------------------------------------------------------------------------------


def chunks(graphs: Sequence[ArticleGraph], events: int) -> Iterator[Sequence[ArticleGraph]]:
    """Consecutive slices of about `events` events."""
    start, count = 0, 0
    for end, ag in enumerate(graphs, 1):
        count += len(ag.events)
        if count >= events:
            yield graphs[start:end]
            start, count = end, 0
    if start < len(graphs):
        yield graphs[start:]


def load(store: Store, corpus: Corpus, batch_events: int, label: str) -> float:
    """Write every article, `batch_events` events a call; seconds taken."""
    from tqdm import tqdm

    started = time.perf_counter()
    with tqdm(total=corpus.events, desc=f"{label} load", unit="ev", unit_scale=True,
              file=sys.stderr, leave=False) as bar:
        for part in chunks(corpus.graphs, batch_events):
            store.write(part)
            bar.update(sum(len(ag.events) for ag in part))
    return time.perf_counter() - started


class RdflibStore:
    """rdflib's in-memory Dataset behind the two methods a question calls (not a diplograph Store:
    it exists only to run the same SPARQL templates on the baseline engine).

    It holds the same quads as the Oxigraph store: the articles' graphs, and the rollup graph
    that `OxigraphStore` derives from them, copied over as N-Quads (rdflib has no writer of its
    own that would keep a rollup).
    """

    language = "sparql"

    def __init__(self) -> None:
        from rdflib import Dataset

        self.dataset = Dataset(default_union=True)

    def write(self, batch: Iterable[ArticleGraph]) -> int:
        graphs = list(batch)
        self.add_nquads("".join(article_nquads(ag) for ag in graphs))
        return len(graphs)

    def add_nquads(self, text: str) -> None:
        self.dataset.parse(data=text, format="nquads")

    def query(self, text: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        from rdflib import Literal, URIRef

        params = dict(params or {})
        bindings = {name: URIRef(value) if name.endswith("_iri") else Literal(value)
                    for name, value in params.items()}
        result = self.dataset.query(text, initBindings=bindings)
        names = [str(v) for v in result.vars if str(v) not in params]
        return [{name: _python(row[name]) for name in names} for row in result]


def _python(term: Any) -> Any:
    """An rdflib term as the plain value the Oxigraph store would give.

    rdflib sums integers into xsd:decimal where Oxigraph keeps xsd:integer, so a whole decimal
    becomes an int; otherwise the rows would differ in type, not in value.
    """
    from decimal import Decimal

    from rdflib import Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return value if isinstance(value, (bool, int, float)) else str(term)
    return str(term)


def rollup_nquads(store: Any) -> str:
    """The rollup graph of an `OxigraphStore`, as N-Quads text."""
    import pyoxigraph as ox

    from diplograph.graph.vocab import ROLLUP

    quads = store.store.quads_for_pattern(None, None, None, ox.NamedNode(ROLLUP))
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")


def run_oxigraph(corpus: Corpus, chosen: Sample, args: argparse.Namespace,
                 shared: dict[str, Any]) -> Result:
    from diplograph.graph.stores.oxigraph.store import OxigraphStore

    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="qlat-oxigraph-"))
    path = base / f"oxigraph-{corpus.events}"
    if path.exists():
        shutil.rmtree(path)
    try:
        with OxigraphStore(path) as store:
            seconds = load(store, corpus, args.oxigraph_batch, "oxigraph")
            result = measure(store, "oxigraph", corpus, chosen, args.repeat, seconds)
            if corpus.events <= args.rdflib_max:
                shared["rollup"] = rollup_nquads(store)
            return result
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


def run_neo4j(corpus: Corpus, chosen: Sample, args: argparse.Namespace,
              shared: dict[str, Any]) -> Result:
    from diplograph.graph.stores.neo4j.store import Neo4jStore

    server = None
    if not args.neo4j_uri:
        sys.path.insert(0, str(ROOT / "scripts"))
        import devservers

        print("starting Neo4j ...", file=sys.stderr)
        server = devservers.start_neo4j(heap=args.neo4j_heap, page_cache=args.neo4j_page_cache)
    try:
        with Neo4jStore(args.neo4j_uri or server.uri, batch_size=args.neo4j_batch) as store:
            _empty(store)
            store.ensure_schema()
            seconds = load(store, corpus, args.neo4j_batch * 5, "neo4j")
            return measure(store, "neo4j", corpus, chosen, args.repeat, seconds)
    finally:
        if server:
            server.stop()


def _empty(store: Any) -> None:
    """Delete everything, in slices so a large graph does not exhaust transaction memory."""
    with store.driver.session(database=store.database) as session:
        for statement in ("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
                          "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS"):
            session.run(statement).consume()


def run_rdflib(corpus: Corpus, chosen: Sample, args: argparse.Namespace,
               shared: dict[str, Any]) -> Result:
    """Load time counts the articles' quads only; the rollup is copied in untimed."""
    if "rollup" not in shared:  # rdflib on its own: build the rollup in a scratch Oxigraph
        from diplograph.graph.stores.oxigraph.store import OxigraphStore

        scratch = Path(tempfile.mkdtemp(prefix="qlat-rollup-"))
        try:
            with OxigraphStore(scratch) as store:
                load(store, corpus, args.oxigraph_batch, "rollup")
                shared["rollup"] = rollup_nquads(store)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    store = RdflibStore()
    seconds = load(store, corpus, 5000, "rdflib")  # type: ignore[arg-type]
    store.add_nquads(shared["rollup"])
    return measure(store, "rdflib", corpus, chosen, args.rdflib_repeat,  # type: ignore[arg-type]
                   seconds)


def run_sparql(corpus: Corpus, chosen: Sample, args: argparse.Namespace,
               shared: dict[str, Any], server_kind: str = "sparql") -> Result:
    """A remote SPARQL store: `--sparql-url` (emptied with DROP ALL), or a throwaway server."""
    from diplograph.graph.stores.sparql.store import SparqlStore

    server = None
    if server_kind != "sparql":
        sys.path.insert(0, str(ROOT / "scripts"))
        import devservers

        print(f"starting {server_kind} ...", file=sys.stderr)
        server = (devservers.start_fuseki(heap=args.fuseki_heap) if server_kind == "fuseki"
                  else devservers.start_oxigraph_server())
    elif not args.sparql_url:
        raise SystemExit("--backends sparql needs --sparql-url")
    try:
        with SparqlStore(server.query_url if server else args.sparql_url) as store:
            store.query("DROP ALL", write=True)
            seconds = load(store, corpus, args.sparql_batch, server_kind)
            return measure(store, server_kind, corpus, chosen, args.repeat, seconds)
    finally:
        if server:
            server.stop()


RUNNERS = {"oxigraph": run_oxigraph, "neo4j": run_neo4j, "rdflib": run_rdflib,
           "fuseki": functools.partial(run_sparql, server_kind="fuseki"),
           "oxigraph-serve": functools.partial(run_sparql, server_kind="oxigraph-serve"),
           "sparql": run_sparql}


# --- report -----------------------------------------------------------------------------------


def report(results: list[Result], chosen_sizes: Mapping[int, Sample]) -> str:
    """The results as a markdown table, ratios to rdflib at the same size, and the verdict."""
    lines = ["| events | backend | load s | events/s | timeline p50 ms | p90 | busiest "
             "| partners p50 ms | p90 | busiest | timeline vs rdflib | partners vs rdflib |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    baseline = {r.events: r for r in results if r.backend == "rdflib"}
    notes: list[str] = []
    for r in results:
        base = baseline.get(r.events)
        ratios = [_ratio(base.timeline, r.timeline), _ratio(base.partners, r.partners)] if (
            base and r is not base) else ["", ""]
        if ratios[0]:
            notes.append(f"{r.backend} is {ratios[0]} as fast as rdflib on timeline at "
                         f"{_size(r.events)} events (p50)"
                         + (f", {ratios[1]} on partners" if ratios[1] else ""))
        lines.append(f"| {r.events:,} | {r.backend} | {r.load_s:.1f} | "
                     f"{r.events / r.load_s:,.0f} | {_cells(r.timeline)} | {_cells(r.partners)} "
                     f"| {ratios[0] or '-'} | {ratios[1] or '-'} |")
    for size, chosen in chosen_sizes.items():
        notes.append(f"at {_size(size)}: {len(chosen.pairs)} timeline pairs (busiest "
                     f"{'-'.join(chosen.pairs[0])}), {len(chosen.actors)} partner actors")
    biggest = max(r.events for r in results)
    for r in results:
        if r.events == biggest and r.backend != "rdflib" and r.timeline:
            verdict = "met" if r.timeline.p50 < TARGET_MS else "NOT met"
            notes.append(f"target timeline p50 < {TARGET_MS:.0f} ms at {_size(biggest)}: "
                         f"{r.backend} {r.timeline.p50:.1f} ms, {verdict}")
    if not partners_available():
        notes.append("partners: diplograph.queries.partners does not exist yet; not measured")
    for r in results:
        shown = "; ".join(r.problems[:3]) + (f" (and {len(r.problems) - 3} more)"
                                             if len(r.problems) > 3 else "")
        notes.append(f"{r.backend} at {_size(r.events)}: "
                     + (f"WRONG ANSWERS: {shown}" if r.problems else
                        "every sampled answer equals the count made from the events"))
    return "\n".join(lines + [""] + [f"- {n}" for n in notes])


def _cells(timings: Timings | None) -> str:
    """p50, p90 and the busiest input's median, as table cells."""
    if not timings:
        return "n/a | n/a | n/a"
    return f"{timings.p50:.1f} | {timings.p90:.1f} | {timings.busiest:.1f}"


def _ratio(baseline: Timings | None, timings: Timings | None) -> str:
    """How many times faster than the baseline, at p50; "" when either is missing."""
    if not baseline or not timings:
        return ""
    ratio = baseline.p50 / timings.p50
    return f"{ratio:,.0f}x" if ratio >= 10 else f"{ratio:.1f}x"


def _size(events: int) -> str:
    return f"{events // 1_000_000}M" if events % 1_000_000 == 0 else (
        f"{events // 1000}k" if events % 1000 == 0 else f"{events:,}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000",
                        help="comma-separated event counts")
    parser.add_argument("--backends", default="oxigraph,neo4j,rdflib")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds over the sample")
    parser.add_argument("--rdflib-repeat", type=int, default=1)
    parser.add_argument("--rdflib-max", type=int, default=100_000,
                        help="run rdflib only at sizes up to this many events")
    parser.add_argument("--sample", type=int, default=10,
                        help="pairs drawn by weight and uniformly (each), plus the busiest")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", metavar="DIR",
                        help="leave the Oxigraph stores in DIR/oxigraph-<events>")
    parser.add_argument("--oxigraph-batch", type=int, default=50_000, help="events a write")
    parser.add_argument("--neo4j-uri", help="an existing Neo4j (its database is emptied!)")
    parser.add_argument("--neo4j-batch", type=int, default=2000, help="events a transaction")
    parser.add_argument("--neo4j-heap", default="2g")
    parser.add_argument("--neo4j-page-cache", default="1g")
    parser.add_argument("--sparql-url", help="an existing SPARQL server for --backends sparql "
                        "(a Fuseki dataset URL or oxigraph serve's root; emptied with DROP ALL!)")
    parser.add_argument("--sparql-batch", type=int, default=2000,
                        help="events a write to a SPARQL server")
    parser.add_argument("--fuseki-heap", default="2g")
    parser.add_argument("--pairs-only", action="store_true",
                        help="load only the articles behind the sampled timeline pairs (whose "
                             "rollups are then exactly as a full load makes them) and skip "
                             "partners: a timeline measurement at sizes too large to load")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(backends) - set(RUNNERS)
    if unknown:
        parser.error(f"unknown backends {sorted(unknown)}; choose from {sorted(RUNNERS)}")
    results: list[Result] = []
    samples: dict[int, Sample] = {}
    load_before = os.getloadavg()[0]
    for size in sizes:
        started = time.perf_counter()
        corpus = synthetic(size, args.seed)
        print(f"generated {corpus.events:,} events in {len(corpus.graphs):,} articles in "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
        chosen = samples[size] = sample(corpus, args.sample)
        if args.pairs_only:
            corpus, chosen = behind_pairs(corpus, chosen)
            samples[size] = chosen
            print(f"kept the {corpus.events:,} events of {len(corpus.graphs):,} articles behind "
                  f"the {len(set(chosen.pairs))} sampled pairs", file=sys.stderr)
        shared: dict[str, Any] = {}
        for backend in backends:
            if backend == "rdflib" and size > args.rdflib_max:
                continue
            result = RUNNERS[backend](corpus, chosen, args, shared)
            results.append(result)
            print(f"{backend} {size:,}: load {result.load_s:.1f} s, timeline p50|p90|busiest "
                  f"{_cells(result.timeline)} ms, partners {_cells(result.partners)} ms, "
                  f"{len(result.problems)} problems", file=sys.stderr, flush=True)
    print(report(results, samples))
    print(f"\n{os.cpu_count()} CPUs; 1-minute load average {load_before:.1f} at the start, "
          f"{os.getloadavg()[0]:.1f} at the end; repeat {args.repeat} (rdflib "
          f"{args.rdflib_repeat}); seed {args.seed}")
    return 1 if any(r.problems for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Bulk load: the write path `diplograph import` takes (`write_bulk`) against the current writer
(`Store.write`), on Oxigraph and Neo4j, measured in the same run on the same events.

Issue 15 sets the targets: a 1M-event load into an empty store at >= 20,000 events/s on Oxigraph
(memory <= 4 GB) and >= 10,000 on Neo4j; appending 100k events to the loaded store at >= 5,000
events/s on both; and `ask timeline` / `ask partners` after the load at p50 <= 50 / 300 ms, with
answers equal to the counts made from the generated events.

The events are those of benchmarks/query_latency.py (same generator, same seed), so figures
compare with that file's. For each backend, in one process:

1. the current writer loads the first `--writer-sample` events into an empty store (the same
   batching query_latency.py uses), for its events/s: at the full size it would take hours;
2. `write_bulk` loads `--size` events into an empty store;
3. every sampled timeline and partner list is checked against the generator's counts, then
   timed (query_latency.measure);
4. `write_bulk` appends `--append` more events, and the answers are checked again.

Usage:
    python benchmarks/bulk_load.py                                  # 1M + 100k, both stores
    python benchmarks/bulk_load.py --size 200000 --append 20000 --backends oxigraph
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import query_latency as ql  # noqa: E402  (the generator and checks, shared)

from diplograph.graph.model import ArticleGraph  # noqa: E402
from diplograph.graph.rollup import is_factual  # noqa: E402
from diplograph.graph.stores import Store  # noqa: E402
from diplograph.graph.stores.bulk import write_bulk  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    backend: str
    events: int
    writer_events: int
    writer_s: float
    bulk_s: float
    rss_gb: float
    result: ql.Result
    append_events: int
    append_s: float
    append_problems: list[str]


def pair_counts(graphs: Sequence[ArticleGraph]) -> Counter[tuple[str, str]]:
    """What an undirected timeline of two countries sums to, counted from the events (the rule
    of query_latency.synthetic: one per factual event, between its two sides' countries)."""
    pairs: Counter[tuple[str, str]] = Counter()
    for ag in graphs:
        for event in ag.events:
            if is_factual(event):
                other = event.target[0] if event.target else event.source[1]
                pairs[tuple(sorted((event.source[0].country, other.country)))] += 1
    return pairs


def split(graphs: Sequence[ArticleGraph], events: int) -> int:
    """How many leading articles hold `events` events (or just over)."""
    count = 0
    for n, ag in enumerate(graphs, 1):
        count += len(ag.events)
        if count >= events:
            return n
    return len(graphs)


def timed_load(store: Store, graphs: Sequence[ArticleGraph], label: str,
               write: Callable[[Store, Sequence[ArticleGraph], Any], None]) -> float:
    from tqdm import tqdm

    started = time.perf_counter()
    with tqdm(total=len(graphs), desc=label, unit="art", unit_scale=True, file=sys.stderr,
              leave=False) as bar:
        write(store, graphs, bar.update)
    return time.perf_counter() - started


def bulk(store: Store, graphs: Sequence[ArticleGraph], step: Callable[[int], Any]) -> None:
    write_bulk(store, iter(graphs), on_written=step)


def current(batch_events: int) -> Callable[[Store, Sequence[ArticleGraph], Any], None]:
    def write(store: Store, graphs: Sequence[ArticleGraph], step: Callable[[int], Any]) -> None:
        for part in ql.chunks(graphs, batch_events):
            store.write(part)
            step(len(part))
    return write


def rss_gb() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def run_backend(backend: str, base: list[ArticleGraph], extra: list[ArticleGraph],
                corpus: ql.Corpus, chosen: ql.Sample, args: argparse.Namespace) -> Run:
    writer = base[:split(base, args.writer_sample)]
    writer_events = sum(len(ag.events) for ag in writer)
    with EmptyStore(backend, args) as (store, fresh):
        batch = args.oxigraph_batch if backend == "oxigraph" else args.neo4j_batch * 5
        writer_s = timed_load(store, writer, f"{backend} current writer", current(batch))
        print(f"{backend}: current writer {writer_events:,} events in {writer_s:.1f} s",
              file=sys.stderr, flush=True)
        store = fresh(store)
        bulk_s = timed_load(store, base, f"{backend} write_bulk", bulk)
        peak = rss_gb()
        print(f"{backend}: write_bulk {corpus.events:,} events in {bulk_s:.1f} s",
              file=sys.stderr, flush=True)
        result = ql.measure(store, backend, corpus, chosen, args.repeat, bulk_s)
        append_events = sum(len(ag.events) for ag in extra)
        append_s = timed_load(store, extra, f"{backend} append", bulk) if extra else 0.0
        whole = ql.Corpus(base + extra, corpus.events + append_events,
                          pair_counts(base + extra), corpus.countries)
        return Run(backend, corpus.events, writer_events, writer_s, bulk_s, peak, result,
                   append_events, append_s, ql.problems(store, whole, chosen) if extra else [])


class EmptyStore:
    """An empty store of the backend, and a function that empties it again (a new Oxigraph
    directory; Neo4j's database emptied in slices)."""

    def __init__(self, backend: str, args: argparse.Namespace):
        self.backend, self.args = backend, args
        self.server = None
        self.folder = Path(tempfile.mkdtemp(prefix="bulk-load-"))

    def __enter__(self) -> tuple[Store, Callable[[Store], Store]]:
        if self.backend == "oxigraph":
            from diplograph.graph.stores.oxigraph.store import OxigraphStore

            counter = iter(range(1_000))

            def fresh(store: Store) -> Store:
                store.close()
                self.store = OxigraphStore(self.folder / f"db{next(counter)}")
                return self.store

            self.store = OxigraphStore(self.folder / "writer")
            return self.store, fresh
        from diplograph.graph.stores.neo4j.store import Neo4jStore

        if not self.args.neo4j_uri:
            sys.path.insert(0, str(ROOT / "scripts"))
            import devservers

            print("starting Neo4j ...", file=sys.stderr)
            self.server = devservers.start_neo4j(heap=self.args.neo4j_heap,
                                                 page_cache=self.args.neo4j_page_cache)
        self.store = Neo4jStore(self.args.neo4j_uri or self.server.uri,
                                batch_size=self.args.neo4j_batch)
        ql._empty(self.store)
        self.store.ensure_schema()

        def empty(store: Store) -> Store:
            ql._empty(store)
            return store

        return self.store, empty

    def __exit__(self, *exc: object) -> None:
        self.store.close()
        if self.server:
            self.server.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


TARGETS = {"oxigraph": 20_000, "neo4j": 10_000}


def report(runs: list[Run]) -> str:
    lines = ["| backend | events | current writer ev/s | write_bulk s | write_bulk ev/s | "
             "ratio | target | peak RSS GB | append ev/s | timeline p50 ms | partners p50 ms "
             "| answers |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in runs:
        writer = r.writer_events / r.writer_s
        rate = r.events / r.bulk_s
        append = f"{r.append_events / r.append_s:,.0f}" if r.append_s else "-"
        wrong = r.result.problems + r.append_problems
        lines.append(
            f"| {r.backend} | {r.events:,} | {writer:,.0f} | {r.bulk_s:,.1f} | {rate:,.0f} | "
            f"{rate / writer:.1f}x | {TARGETS[r.backend]:,} | {r.rss_gb:.1f} | {append} | "
            f"{r.result.timeline.p50 if r.result.timeline else float('nan'):.1f} | "
            f"{r.result.partners.p50 if r.result.partners else float('nan'):.1f} | "
            + ("all equal the generator's counts" if not wrong else "WRONG: " + "; ".join(
                wrong[:3])) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="events in the bulk load")
    parser.add_argument("--append", type=int, default=100_000,
                        help="events appended to the loaded store")
    parser.add_argument("--writer-sample", type=int, default=20_000,
                        help="events the current writer loads, for its rate")
    parser.add_argument("--backends", default="oxigraph,neo4j")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sample", type=int, default=10)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--oxigraph-batch", type=int, default=50_000,
                        help="events a write call of the current writer")
    parser.add_argument("--neo4j-uri", help="an existing Neo4j (its database is emptied!)")
    parser.add_argument("--neo4j-batch", type=int, default=2000,
                        help="events a transaction of the current writer")
    parser.add_argument("--neo4j-heap", default="2g")
    parser.add_argument("--neo4j-page-cache", default="1g")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    generated = ql.synthetic(args.size + args.append, args.seed)
    cut = split(generated.graphs, args.size)
    base, extra = generated.graphs[:cut], generated.graphs[cut:]
    corpus = ql.Corpus(base, sum(len(ag.events) for ag in base), pair_counts(base),
                       generated.countries)
    chosen = ql.sample(corpus, args.sample)
    print(f"generated {generated.events:,} events in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    load_before = os.getloadavg()[0]
    runs = [run_backend(b.strip(), base, extra, corpus, chosen, args)
            for b in args.backends.split(",") if b.strip()]
    print(report(runs))
    print(f"\n{os.cpu_count()} CPUs; 1-minute load average {load_before:.1f} at the start, "
          f"{os.getloadavg()[0]:.1f} at the end; size {args.size:,}, append {args.append:,}, "
          f"current writer on {args.writer_sample:,}; seed {args.seed}")
    return 1 if any(r.result.problems or r.append_problems for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Extraction speed and memory: the learned coder against the rules, same articles, same run.

Reads the first --articles Reuters-21578 stories that have a body (a throughput set only: the
collection is reserved for evaluation, so nothing here looks at what is extracted), and runs
`diplograph.ingest.pipeline.extract` over them once per coder, each in a fresh process pinned
to one core's worth of threads, so the figures are per core and the memory is each coder's own.
Resident memory is sampled after each quarter of the articles: flat means the last quarter
holds no more than the first plus a small margin.

Usage:
    python benchmarks/extract_throughput.py                    # 2,000 articles, both coders
    python benchmarks/extract_throughput.py --articles 300     # a quick look
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-reuters21578"
_STORY = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_NEWID = re.compile(r'NEWID="(\d+)"')


def reuters(limit: int) -> list[tuple[str, str]]:
    """(id, body) of the first `limit` stories with a body, in file order."""
    found: list[tuple[str, str]] = []
    for path in sorted(DATA.glob("reut2-*.sgm.gz")):
        text = gzip.open(path, "rb").read().decode("latin-1")
        for story in _STORY.findall(text):
            body = _BODY.search(story)
            if body:
                found.append((_NEWID.search(story).group(1), html.unescape(body.group(1))))
                if len(found) == limit:
                    return found
    return found


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_one(coder: str, limit: int) -> dict:
    """One coder in this process: warm up on 20 articles, then time the rest."""
    from diplograph.graph.model import Article
    from diplograph.ingest.pipeline import extract

    stories = [Article(text=body, id=f"reuters-{i}") for i, body in reuters(limit + 20)]
    list(extract(stories[:20], coder=coder))  # model loads and first batches are not timed
    timed = stories[20:]
    marks, events = [], 0
    started = time.perf_counter()
    for n, graph in enumerate(extract(timed, coder=coder), 1):
        events += len(graph.events)
        if n % max(1, len(timed) // 4) == 0:
            marks.append(round(rss_mb()))
    seconds = time.perf_counter() - started
    return {"coder": coder, "articles": len(timed), "seconds": round(seconds, 1),
            "articles_per_s": round(len(timed) / seconds, 2), "events": events,
            "rss_mb_by_quarter": marks}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--coders", default="rules,model")
    parser.add_argument("--one", default=None, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.articles)))
        return
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    results = []
    for coder in args.coders.split(","):
        out = subprocess.run([sys.executable, __file__, "--one", coder, "--articles",
                              str(args.articles)], env=env, check=True, capture_output=True,
                             text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    base = results[0]
    print(f"{'coder':8} {'articles':>8} {'seconds':>8} {'art/s':>7} {'vs ' + base['coder']:>9} "
          f"{'events':>7}  rss MB by quarter")
    for r in results:
        ratio = r["articles_per_s"] / base["articles_per_s"]
        print(f"{r['coder']:8} {r['articles']:>8} {r['seconds']:>8} {r['articles_per_s']:>7} "
              f"{ratio:>8.2f}x {r['events']:>7}  {r['rss_mb_by_quarter']}")


if __name__ == "__main__":
    main()

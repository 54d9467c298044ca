#!/usr/bin/env python3
"""A reading sample: extracted events a person checks against their sentences, attribute by
attribute, to measure what a new user meets first (issue 13).

``sample`` extracts a fixed, seeded selection of articles from three annotation sets in the
shared data folder (news-guardian-sdf-sample, news-bbc-politics, wcep-2015-09; never the
evaluation-only Wikinews or Reuters sets), pools the events per set and draws a seeded sample
from each (34/33/33), writing one JSON line per event with its sentence and the attributes to
check. ``score`` reads that sheet plus a marks file (CSV: key, then for each attribute ``1``
right, ``0`` wrong, ``-`` not determined by the text) and prints the figures.

Usage:
    benchmarks/reading.py sample --out sheet.jsonl        # events to mark
    benchmarks/reading.py score sheet.jsonl marks.csv     # per-attribute and fully-right rates
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SEED = 13
ATTRIBUTES = ("source", "source_country", "target", "target_country", "type", "date",
              "modality")
QUOTAS = {"guardian": 34, "bbc": 33, "wcep": 33}
ARTICLES = {"guardian": 25, "bbc": 40, "wcep": 428}


def articles(name: str):
    """Every article of one set, in file order."""
    from diplograph.graph.model import Article

    if name == "guardian":
        with open(DATA / "news-guardian-sdf-sample" / "Guardian_SDF_sample.csv",
                  encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                yield Article(text=row["text"], id=f"guardian-{row['']}", date=row["date"])
    elif name == "bbc":
        with open(DATA / "news-bbc-politics" / "bbc_politics.jsonl", encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                yield Article(text=row["text"], id="bbc-" + row["id"], title=row["title"])
    else:
        rows = json.loads((DATA / "wcep-2015-09" / "wikitimes_CEP_2015-09.json").read_text())
        for row in rows:
            yield Article(text=row["description"].strip(), id=f"wcep-{row['id']}",
                          date=row["date"])


def sample(out: Path) -> None:
    from diplograph.ingest.pipeline import extract

    rng = random.Random(SEED)
    with out.open("w", encoding="utf-8") as handle:
        for name, quota in QUOTAS.items():
            pool = list(articles(name))
            chosen = sorted(rng.sample(range(len(pool)), min(ARTICLES[name], len(pool))))
            events = [e for g in extract([pool[i] for i in chosen]) for e in g.events]
            for event in sorted(rng.sample(events, min(quota, len(events))),
                                key=lambda e: (e.article_id, e.sentence_index)):
                handle.write(json.dumps({
                    "key": f"{event.article_id}/{event.sentence_index}/{event.trigger}",
                    "set": name, "sentence": event.sentence, "trigger": event.trigger,
                    "type": f"{event.plover_type} {event.cameo_code}",
                    "source": [[a.name, a.country] for a in event.source],
                    "target": [[a.name, a.country] for a in event.target],
                    "date": event.date, "date_basis": event.date_basis,
                    "modality": event.modality + (" negated" if event.negated else ""),
                }, ensure_ascii=False) + "\n")


def score(sheet: Path, marks: Path) -> None:
    keys = [json.loads(line)["key"] for line in sheet.read_text(encoding="utf-8").splitlines()]
    with marks.open(encoding="utf-8") as handle:
        rows = {row["key"]: row for row in csv.DictReader(handle)}
    missing = [k for k in keys if k not in rows]
    if missing:
        sys.exit(f"{len(missing)} events have no marks, e.g. {missing[0]}")
    for attribute in ATTRIBUTES:
        marked = [rows[k][attribute] for k in keys if rows[k][attribute] in ("0", "1")]
        print(f"{attribute:15} {sum(m == '1' for m in marked):3}/{len(marked):3} "
              f"{100 * sum(m == '1' for m in marked) / max(1, len(marked)):5.1f}%")
    full = sum(all(rows[k][a] != "0" for a in ATTRIBUTES) for k in keys)
    print(f"{'fully right':15} {full:3}/{len(keys):3} {100 * full / len(keys):5.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("sample").add_argument("--out", type=Path, required=True)
    scoring = commands.add_parser("score")
    scoring.add_argument("sheet", type=Path)
    scoring.add_argument("marks", type=Path)
    args = parser.parse_args()
    if args.command == "sample":
        sample(args.out)
    else:
        score(args.sheet, args.marks)


if __name__ == "__main__":
    main()

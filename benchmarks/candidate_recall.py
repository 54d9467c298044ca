"""Candidate recall: how many gold (source, target) pairs the learned coder is even asked about.

The coder only judges the pairs diplograph.ingest.candidates offers, so a gold pair with no
candidate is lost before the model runs. For each gold set that marks its actors' words, a
gold pair counts as covered when some candidate pair has a source overlapping the gold source
span and a target overlapping the gold target span (a reciprocal or target-less gold event:
a source-only candidate overlapping one of its sources). Also printed: parties and pairs per
sentence, the price of a wider net.

Usage:
    python benchmarks/candidate_recall.py                 # plover-gsr, multicoped-test, ours-test
    python benchmarks/candidate_recall.py --sets plover-gsr
"""

from __future__ import annotations

import argparse
from pathlib import Path

from diplograph.ingest.actors import find_mentions
from diplograph.ingest.candidates import pairs, parties
from diplograph.ingest.gold import load_gold
from diplograph.ingest.nlp import load_model

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def recall(name: str) -> dict:
    gold = [s for s in load_gold(name, DATA) if s.spans]
    nlp = load_model()
    wanted = covered = n_parties = n_pairs = 0
    for sentence, doc in zip(gold, nlp.pipe(s.text for s in gold)):
        mentions = find_mentions(doc)
        offered = []
        for sent in doc.sents:
            found = parties(sent, mentions)
            n_parties += len(found)
            for pair in pairs(found):
                n_pairs += 1
                offered.append(((pair.source.start_char, pair.source.end_char),
                                None if pair.target is None else
                                (pair.target.start_char, pair.target.end_char)))
        sources = [(a, b) for a, b, role in sentence.spans if role in ("S", "R")]
        targets = [(a, b) for a, b, role in sentence.spans if role == "T"]
        goals = [(s, t) for s in sources for t in targets] if targets else \
            [(s, None) for s in sources]
        for source, target in goals:
            wanted += 1
            covered += any(_overlaps(source, s) and (
                (target is None and t is None) or
                (target is not None and t is not None and _overlaps(target, t)))
                for s, t in offered)
    return {"set": name, "sentences": len(gold), "gold pairs": wanted, "covered": covered,
            "recall": round(covered / wanted, 3) if wanted else 0.0,
            "parties/sent": round(n_parties / len(gold), 1) if gold else 0.0,
            "pairs/sent": round(n_pairs / len(gold), 1) if gold else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="plover-gsr,multicoped-test,ours-test")
    args = parser.parse_args()
    rows = [recall(name) for name in args.sets.split(",")]
    columns = list(rows[0])
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(str(row[c]) for c in columns))


if __name__ == "__main__":
    main()

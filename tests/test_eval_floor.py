"""Accuracy must not fall below the floor in benchmarks/eval_floor.json (the quick subset).

Runs the real extractor on the PETRARCH-2 GSR and the first sentences of the Multi-CoPED test
split; when quality improves, raise the floor with `scripts/run-eval --quick --write-floor`.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from diplograph.ingest.evaluate import Counts, Metrics, Report, check_floor, figures, run_eval

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
FLOOR = ROOT / "benchmarks" / "eval_floor.json"


@pytest.mark.skipif(not DATA.is_dir(), reason=f"gold sets not found at {DATA}")
def test_quick_subset_stays_above_the_floor():
    floor = json.loads(FLOOR.read_text(encoding="utf-8"))
    started = time.monotonic()
    reports = run_eval(floor["quick"]["sets"], DATA, limit=floor["quick"]["limit"])
    elapsed = time.monotonic() - started
    assert {r.name for r in reports} == set(floor["sets"])
    fallen = check_floor(reports, floor)
    assert not fallen, "accuracy fell below the floor:\n" + "\n".join(fallen) + "\nnow: " + \
        json.dumps({r.name: figures(r.subsets["all"]) for r in reports}, indent=1)
    assert elapsed < 60, f"the quick subset took {elapsed:.0f} s; CI allows 60"


def test_floor_check_reports_each_fallen_and_missing_figure():
    metrics = Metrics(levels={"country": Counts(tp=1, fp=1, fn=1), "actor": None})
    report = Report(name="petr2-gsr", scheme="cameo", subsets={"all": metrics})
    floor = {"sets": {"petr2-gsr": {"all": {"country_f1": 0.4, "cameo_root_accuracy": 0.1}}}}
    assert check_floor([report], floor) == ["petr2-gsr/all/cameo_root_accuracy: missing < floor "
                                            "0.1000"]
    floor["sets"]["petr2-gsr"]["all"]["country_f1"] = 0.6
    assert check_floor([report], floor)[0] == "petr2-gsr/all/country_f1: 0.5000 < floor 0.6000"
    assert check_floor([], floor)  # a set that did not run has fallen too

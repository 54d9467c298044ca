"""Announced, hypothetical, refused and failed events are not what happened: they carry their
modality or negation, never an asserted AGREE, and stay out of `ask met` and `ask agreements` by
default. Sentences are our own."""

from __future__ import annotations

import pytest

from diplograph.graph.model import Article
from diplograph.graph.stores.oxigraph_store import OxigraphStore
from diplograph.ingest.pipeline import extract
from diplograph.queries.agreements import agreements
from diplograph.queries.questions import met

UNSURE = ("The Kenyan president is likely to visit Ethiopia. Kenya may meet Somalia. "
          "If Kenya met Somalia, Ethiopia would protest. Kenya plans to visit Uganda.")
DENIED = ("There was no sign that Serbia was willing to recognise Kosovo. Armenia refused to "
          "sign the agreement with Azerbaijan. Sudan and Ethiopia failed to agree on the dam.")


def coded(events) -> list[tuple]:
    return [(e.plover_type, e.cameo_code, [a.country for a in e.source],
             [a.country for a in e.target], e.modality, e.negated, e.date) for e in events]


def test_likely_may_if_would_and_plans_to_are_not_asserted(code):
    assert coded(code(UNSURE)) == [
        ("CONSULT", "042", ["KEN"], ["ETH"], "hypothetical", False, None),
        ("CONSULT", "040", ["KEN"], ["SOM"], "hypothetical", False, None),
        ("PROTEST", "140", ["ETH"], [], "hypothetical", False, None),
        ("AGREE", "036", ["KEN"], ["UGA"], "future", False, None),
    ]


def test_no_sign_refused_and_failed_are_negated_or_reject(code):
    assert coded(code(DENIED)) == [
        ("AGREE", "030", ["SRB"], ["XKX"], "asserted", True, "2021-03-17"),
        ("REJECT", "127", ["ARM"], ["AZE"], "asserted", False, "2021-03-17"),
        ("SUPPORT", "057", ["ARM"], ["AZE"], "asserted", True, "2021-03-17"),
        ("AGREE", "030", ["SDN", "ETH"], [], "asserted", True, "2021-03-17"),
    ]


@pytest.mark.parametrize("text", [
    "China and Russia vetoed a Security Council resolution to impose sanctions on Myanmar.",
    "Russia and China vetoed a resolution to impose sanctions on Syria.",
])
def test_vetoing_a_sanctions_resolution_rejects_it_and_threatens_no_one(code, text):
    events = code(text)
    [veto] = [e for e in events if e.modality == "asserted"]
    assert (veto.plover_type, veto.negated) == ("REJECT", False)
    assert not [e for e in events if e.plover_type in ("THREATEN", "SANCTION")
                and e.modality in ("asserted", "reported")]


def test_unsure_and_denied_events_stay_out_of_met_and_agreements(nlp, tmp_path):
    graphs = list(extract([Article(text=UNSURE, id="u", date="2021-03-17"),
                           Article(text=DENIED, id="d", date="2021-03-17")], nlp=nlp))
    with OxigraphStore(str(tmp_path / "store")) as store:
        store.write(graphs)
        assert met(store, "KEN") == []
        assert agreements(store, "SRB") == [] and agreements(store, "SDN") == []
        assert len(met(store, "KEN", include_all=True)) == 2


"""One happening, one event: a headline restating the lead, and the content of a signed
statement, add no second event. Sentences are our own."""

from __future__ import annotations


def test_a_headline_restating_the_lead_adds_no_event(code):
    events = code("Chile and Peru agree to expand fisheries cooperation\n\n"
                  "Chilean President Sebastian Pinera and Peruvian President Martin Vizcarra "
                  "agreed on Monday to expand fisheries cooperation.")
    assert [(e.plover_type, e.date, e.date_basis, e.sentence_index, e.mention_sentences)
            for e in events] == [("AGREE", "2021-03-15", "text", 1, (0,))]
    assert [(a.id, a.country) for a in events[0].source] == [
        ("person:sebastian-pinera", "CHL"), ("person:martin-vizcarra", "PER")]


def test_signing_a_statement_on_deepening_ties_is_one_event(code):
    events = code("Greece and Egypt signed a joint statement on expanding maritime cooperation "
                  "in Athens on Tuesday.")
    assert [(e.plover_type, e.cameo_code, e.date, e.date_basis) for e in events] == [
        ("SUPPORT", "057", "2021-03-16", "text")]
    assert [a.id for a in events[0].source] == ["country:GRC", "country:EGY"]

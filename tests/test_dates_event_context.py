"""The date an event gets from its own sentence and article, not from a neighbouring clause, a
duration, or a sentence before it. Sentences are our own; the article of 2021-03-17 is a
Wednesday."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "date", "modality"), [
    # announced events: a weekday is the coming one
    ("The foreign ministers of Chile and Peru will meet on Friday.", "2021-03-19", "future"),
    ("Kenyan President Uhuru Kenyatta will visit Ethiopia on Friday and Saturday.", "2021-03-19",
     "future"),
    ("The Kremlin said Putin would visit Turkey on Monday.", "2021-03-22", "future"),
    ("Egypt's foreign minister is due to visit Sudan on Tuesday.", "2021-03-23", "future"),
    ("The talks between Iran and France will end on Wednesday.", "2021-03-17", "future"),
    # past events: the weekday just gone
    ("Chile and Peru held talks on Monday.", "2021-03-15", "asserted"),
])
def test_weekdays_run_forward_for_announced_events(code, text, date, modality):
    [event] = code(text)
    assert (event.date, event.date_precision, event.date_basis, event.modality) == \
        (date, "day", "text", modality)


@pytest.mark.parametrize(("text", "date", "basis"), [
    # a date inside a clause about another event belongs to that clause
    ("Turkey expelled ten Austrian diplomats who were linked to the coup in 2016.",
     "2021-03-17", "article"),
    ("Germany criticized Russia over last year's decision to annex the island.",
     "2021-03-17", "article"),
    ("In Idlib, scene of the 2017 gas attack, Russian jets bombed a market on Tuesday.",
     "2021-03-16", "text"),
    ("Turkey condemned the 2016 coup attempt on Tuesday.", "2021-03-16", "text"),
    # ... while a date that modifies the event itself still dates it
    ("Monday's talks between Chile and Peru ended without a deal.", "2021-03-15", "text"),
    # durations and counts of occasions say nothing of when
    ("Japan and India signed a five-year agreement.", "2021-03-17", "article"),
    ("Britain accused Iran of piracy for the second time in seven weeks.", "2021-03-17",
     "article"),
    ("Japan and India signed a ten-year agreement on Monday.", "2021-03-15", "text"),
])
def test_other_clauses_and_durations_do_not_date_the_event(code, text, date, basis):
    [event] = code(text)
    assert (event.date, event.date_precision, event.date_basis) == (date, "day", basis)


def test_a_date_carried_from_before_does_not_make_a_second_meeting(code):
    events = code("Brazilian President Jair Bolsonaro met Argentine President Alberto Fernandez "
                  "in Brasilia on Monday. Later, Brazil and Argentina held talks on trade.")
    assert len(events) == 1
    [met] = events
    assert (met.cameo_code, met.date, met.date_basis, met.mention_sentences) == \
        ("040", "2021-03-15", "text", (1,))
    assert [(a.id, a.country) for a in met.actors] == [
        ("person:jair-bolsonaro", "BRA"), ("person:alberto-fernandez", "ARG")]


def test_two_meetings_dated_by_their_own_sentences_stay_two(code):
    events = code("Brazilian President Jair Bolsonaro met Argentine President Alberto Fernandez "
                  "in Brasilia on Monday. The two presidents met again in Buenos Aires on "
                  "Tuesday.")
    assert [(e.cameo_code, e.date, e.date_basis) for e in events] == [
        ("040", "2021-03-15", "text"), ("040", "2021-03-16", "text")]

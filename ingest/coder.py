"""The learned coder: which PLOVER type, if any, links a source to a target in a sentence.

A fine-tuned MiniLM encoder reads the sentence once per candidate source, with that source
wrapped in marks ("@ Xi Jinping @ met ..."), so it knows whose act it is reading; a small head
then judges every target of that source (and the source alone) from the marked source's first
wordpiece and the target's pooled wordpieces. A sentence with four parties costs four encoder
passes rather than one per pair (sixteen or more). The network ships as one int8 ONNX file in
the package (`data/coder/`) and runs on onnxruntime with the `tokenizers` library: no torch
and no model hub at run time. `scripts/train-coder` trains it through the same `readings` as
here, so training and run time cannot drift apart; the model card beside the weights says
what it learned from and how well it does.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from diplograph.errors import ModelError

if TYPE_CHECKING:
    import numpy as np
    from tokenizers import Tokenizer

NONE = "NONE"
MAX_WORDPIECES = 160
# Passes per onnxruntime call: enough to amortise the call, few enough that padding to the
# longest sentence of the batch wastes little.
BATCH = 16
MARK = "@"
Span = tuple[int, int]


@dataclass(frozen=True)
class Encoded:
    """A sentence as wordpieces, with each wordpiece's character span in the sentence."""

    ids: tuple[int, ...]
    offsets: tuple[Span, ...]


@dataclass(frozen=True)
class Reading:
    """One encoder pass: the sentence with one source marked, and the pairs judged in it
    (their indexes in the caller's list, and each target's wordpiece mask; all zeros when the
    pair is the source alone)."""

    encoded: Encoded
    source_index: int
    pairs: tuple[int, ...]
    targets: tuple[tuple[float, ...], ...]


def encode(tokenizer: Tokenizer, text: str) -> Encoded:
    """Wordpieces of a sentence, [CLS] and [SEP] included, cut at MAX_WORDPIECES."""
    out = tokenizer.encode(text)
    ids, offsets = list(out.ids), list(out.offsets)
    if len(ids) > MAX_WORDPIECES:
        ids, offsets = ids[:MAX_WORDPIECES - 1] + ids[-1:], offsets[:MAX_WORDPIECES - 1] + [(0, 0)]
    return Encoded(tuple(ids), tuple((int(a), int(b)) for a, b in offsets))


def masks(encoded: Encoded, span: Span | None) -> list[float]:
    """1.0 on the wordpieces inside a character span (special tokens never are), else 0.0."""
    if span is None:
        return [0.0] * len(encoded.ids)
    start, end = span
    return [1.0 if b > a and a < end and b > start else 0.0 for a, b in encoded.offsets]


def readings(tokenizer: Tokenizer, text: str, pairs: Sequence[tuple[Span, Span | None]]
             ) -> list[Reading]:
    """The passes that judge `pairs` of one sentence: one per distinct source.

    A pair whose source falls past MAX_WORDPIECES, or whose target overlaps its source, is in
    no reading (the caller treats it as NONE).

    >>> from tokenizers import Tokenizer
    >>> from tokenizers.models import WordLevel
    >>> from tokenizers.pre_tokenizers import Whitespace
    >>> t = Tokenizer(WordLevel({"@": 0, "A": 1, "met": 2, "B": 3}, unk_token="@"))
    >>> t.pre_tokenizer = Whitespace()
    >>> [r] = readings(t, "A met B", [((0, 1), (6, 7)), ((0, 1), None)])
    >>> r.encoded.ids, r.source_index, r.pairs, r.targets
    ((0, 1, 0, 2, 3), 0, (0, 1), ((0.0, 0.0, 0.0, 0.0, 1.0), (0.0, 0.0, 0.0, 0.0, 0.0)))
    """
    by_source: dict[Span, list[int]] = {}
    for k, (source, _) in enumerate(pairs):
        by_source.setdefault(source, []).append(k)
    found = []
    for (start, end), members in by_source.items():
        marked = f"{text[:start]}{MARK} {text[start:end]} {MARK}{text[end:]}"
        encoded = encode(tokenizer, marked)
        index = next((i for i, (a, b) in enumerate(encoded.offsets)
                      if a == start and b > a), None)
        if index is None:
            continue
        kept, targets = [], []
        for k in members:
            target = pairs[k][1]
            if target is not None and target[0] < end and start < target[1]:
                continue
            kept.append(k)
            targets.append(tuple(masks(encoded, _shifted(target, start, end))))
        if kept:
            found.append(Reading(encoded, index, tuple(kept), tuple(targets)))
    return found


def _shifted(span: Span | None, start: int, end: int) -> Span | None:
    """Where a span sits once the source [start, end) is wrapped in marks ("@ " and " @")."""
    if span is None:
        return None
    shift = 0 if span[1] <= start else 2 * (len(MARK) + 1)
    return span[0] + shift, span[1] + shift


@dataclass(frozen=True)
class Judgement:
    """The coder's reading of one pair: the likeliest type and how sure it is of an event."""

    type: str
    probability: float


class Coder:
    """The shipped network, loaded once per process; `judge` is all a caller needs."""

    def __init__(self, folder: Path | None = None, threads: int = 1):
        try:
            import numpy  # noqa: F401
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError(f"the learned coder needs onnxruntime and tokenizers ({exc}); "
                             f"pip install onnxruntime tokenizers, or use --coder rules") from exc
        folder = folder or Path(str(resources.files("diplograph.ingest") / "data" / "coder"))
        model = folder / "model.onnx"
        if not model.is_file():
            raise ModelError(f"no coder model at {model}; reinstall diplograph or use "
                             f"--coder rules")
        self.card = json.loads((folder / "coder.json").read_text(encoding="utf-8"))
        self.labels: tuple[str, ...] = tuple(self.card["labels"])
        self.threshold: float = float(self.card["threshold"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model), options,
                                            providers=["CPUExecutionProvider"])

    def judge(self, sentences: Sequence[tuple[str, Sequence[tuple[Span, Span | None]]]]
              ) -> list[list[Judgement]]:
        """For each sentence (text, pairs of character spans), a Judgement per pair.

        A pair whose source falls beyond MAX_WORDPIECES is judged NONE with probability 0.
        """
        probabilities = self.probabilities(sentences)
        return [[self._judgement(row) for row in rows] for rows in probabilities]

    def probabilities(self, sentences: Sequence[tuple[str, Sequence[tuple[Span, Span | None]]]]
                      ) -> list[np.ndarray]:
        """Softmax over `labels` for every pair, one array [pairs, labels] per sentence."""
        import numpy as np

        results: list[np.ndarray] = []
        passes: list[tuple[int, Reading]] = []
        for i, (text, pairs) in enumerate(sentences):
            rows = np.zeros((len(pairs), len(self.labels)), np.float32)
            rows[:, 0] = 1.0  # NONE for pairs no reading holds
            results.append(rows)
            passes += [(i, r) for r in readings(self.tokenizer, text, pairs)]
        passes.sort(key=lambda p: len(p[1].encoded.ids))
        for n in range(0, len(passes), BATCH):
            chunk = passes[n:n + BATCH]
            feed, owners = batch_inputs([r for _, r in chunk])
            logits = self.session.run(None, feed)[0]
            logits = logits - logits.max(axis=1, keepdims=True)
            soft = np.exp(logits)
            soft /= soft.sum(axis=1, keepdims=True)
            for (row, k), values in zip(owners, soft):
                results[chunk[row][0]][k] = values
        return results

    def _judgement(self, row: np.ndarray) -> Judgement:
        """The likeliest type; an event only when the type beats NONE by the tuned margin."""
        best = int(row[1:].argmax()) + 1
        event = 1.0 - float(row[0])
        if event < self.threshold:
            return Judgement(NONE, event)
        return Judgement(self.labels[best], event)


def batch_inputs(batch: Sequence[Reading]) -> tuple[dict, list[tuple[int, int]]]:
    """The network's inputs for a batch of readings, padded to the longest, and for each pair
    row the (reading, pair index) it belongs to. Training feeds the same arrays."""
    import numpy as np

    width = max(len(r.encoded.ids) for r in batch)
    ids = np.zeros((len(batch), width), np.int64)
    attention = np.zeros((len(batch), width), np.int64)
    sources = np.array([r.source_index for r in batch], np.int64)
    index, targets, owners = [], [], []
    for row, reading in enumerate(batch):
        n = len(reading.encoded.ids)
        ids[row, :n] = reading.encoded.ids
        attention[row, :n] = 1
        for k, target in zip(reading.pairs, reading.targets):
            index.append(row)
            targets.append(list(target) + [0.0] * (width - n))
            owners.append((row, k))
    return {"input_ids": ids, "attention_mask": attention, "source_index": sources,
            "pair_index": np.array(index, np.int64),
            "target_mask": np.array(targets, np.float32)}, owners


@cache
def shipped_coder() -> Coder:
    """The packaged model, loaded on first use (about 0.3 s) and kept for the process."""
    return Coder()

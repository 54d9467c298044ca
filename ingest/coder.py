"""The learned coder: which PLOVER type, if any, links a source to a target in a sentence.

A fine-tuned MiniLM encoder reads each sentence once; a small head then judges every candidate
pair (diplograph.ingest.candidates) from the pooled wordpieces of the two parties, so a
sentence with eight parties costs one encoder pass, not seventy-two. The network ships as one
int8 ONNX file in the package (`data/coder/`) and runs on onnxruntime with the `tokenizers`
library: no torch and no model hub at run time. `scripts/train-coder` trains it, through the
same `encode` and `masks` as here, so training and run time cannot drift apart; the model card
beside the weights says what it learned from and how well it does.
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
# Sentences per encoder batch: enough to amortise onnxruntime's call cost, small enough that
# padding to the longest sentence of the batch wastes little.
BATCH = 16
Span = tuple[int, int]


@dataclass(frozen=True)
class Encoded:
    """A sentence as wordpieces, with each wordpiece's character span in the sentence."""

    ids: tuple[int, ...]
    offsets: tuple[Span, ...]


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

        encoded = [encode(self.tokenizer, text) for text, _ in sentences]
        results: list[np.ndarray] = [np.zeros((len(pairs), len(self.labels)), np.float32)
                                     for _, pairs in sentences]
        order = sorted((i for i, (_, pairs) in enumerate(sentences) if pairs),
                       key=lambda i: len(encoded[i].ids))
        for n in range(0, len(order), BATCH):
            chunk = order[n:n + BATCH]
            width = max(len(encoded[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), np.int64)
            attention = np.zeros((len(chunk), width), np.int64)
            index, sources, targets, owners = [], [], [], []
            for row, i in enumerate(chunk):
                e = encoded[i]
                ids[row, :len(e.ids)] = e.ids
                attention[row, :len(e.ids)] = 1
                for k, (source, target) in enumerate(sentences[i][1]):
                    source_mask = masks(e, source)
                    if not any(source_mask):
                        results[i][k, 0] = 1.0
                        continue
                    pad = [0.0] * (width - len(e.ids))
                    index.append(row)
                    sources.append(source_mask + pad)
                    targets.append(masks(e, target) + pad)
                    owners.append((i, k))
            if not owners:
                continue
            logits = self.session.run(None, {
                "input_ids": ids, "attention_mask": attention,
                "pair_index": np.array(index, np.int64),
                "source_mask": np.array(sources, np.float32),
                "target_mask": np.array(targets, np.float32)})[0]
            logits = logits - logits.max(axis=1, keepdims=True)
            soft = np.exp(logits)
            soft /= soft.sum(axis=1, keepdims=True)
            for (i, k), row_probabilities in zip(owners, soft):
                results[i][k] = row_probabilities
        return results

    def _judgement(self, row: np.ndarray) -> Judgement:
        """The likeliest type; an event only when the type beats NONE by the tuned margin."""
        best = int(row[1:].argmax()) + 1
        event = 1.0 - float(row[0])
        if event < self.threshold:
            return Judgement(NONE, event)
        return Judgement(self.labels[best], event)


@cache
def shipped_coder() -> Coder:
    """The packaged model, loaded on first use (about 0.3 s) and kept for the process."""
    return Coder()

"""Fit the quotation-form model (bot/extract/quote_form.py) on PolNeAR train's tuning part.

Each quoted span of two words or more is one example: the features of its surroundings against
whether PolNeAR annotates it as a quotation of its own (an exact gold quotation in
eval/quotes_polnear.py's sense) rather than as words inside the writer's sentence (part of a
larger, indirect Content) or nothing. The logistic regression is fit_speaker_confidence's; the
threshold is the one giving the best exact span F1 on the tuning part. Both are written to
bot/extract/quote_form_weights.py.

Run: .venv/bin/python eval/fit_quote_form.py   (then eval/quotes_polnear.py --split heldout and
--split dev to check on articles the fit never saw)
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "eval"))

from fit_speaker_confidence import fit  # noqa: E402
from quotes_polnear import _core, document_of, load_split  # noqa: E402

from bot.extract.quote_form import features  # noqa: E402
from bot.extract.quotes import quoted_spans  # noqa: E402

WEIGHTS_FILE = REPO / "bot" / "extract" / "quote_form_weights.py"


def examples(split: str) -> tuple[list[tuple[dict[str, float], bool]], int]:
    """(features, is a gold quotation) for every quoted span of two words or more, and how
    many gold quotations the split has."""
    rows = []
    golds = 0
    for article in load_split(split):
        document = document_of(article)
        gold = {_core(article.text, g.start, g.end) for g in article.gold}
        golds += len(gold)
        masked, spans = quoted_spans(document)
        for sentence, start, end in spans:
            if len(article.text[start:end].split()) >= 2:
                rows.append((features(article.text, masked, sentence, start, end),
                             _core(article.text, start, end) in gold))
    return rows, golds


def main() -> int:
    rows, golds = examples("tune")
    bias, weights = fit(rows)
    scores = np.array([1 / (1 + np.exp(-(bias + sum(weights.get(n, 0.0) * v
                                                     for n, v in f.items())))) for f, _ in rows])
    right = np.array([y for _, y in rows])
    print(f"{len(rows)} quoted spans, {int(right.sum())} of {golds} gold quotations among them")
    print("threshold precision recall F1 (exact, over the spans)")
    best = (0.0, 0.5)
    for threshold in np.arange(0.1, 0.91, 0.05):
        kept = scores >= threshold
        tp = int((kept & right).sum())
        precision = tp / max(int(kept.sum()), 1)
        recall = tp / golds
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        print(f"{threshold:9.2f} {precision:9.3f} {recall:6.3f} {f1:5.3f}")
        best = max(best, (round(f1, 3), round(float(threshold), 2)))
    lines = ['"""Weights of the quotation-form model (quote_form.chance_standalone), written by',
             "eval/fit_quote_form.py from PolNeAR train's tuning part "
             f"({len(rows)} quoted spans).",
             "MIN_CHANCE gives the best exact span F1 there. Do not edit by hand: refit.\"\"\"",
             "",
             f"BIAS = {round(bias, 3)}",
             "WEIGHTS: dict[str, float] = {"]
    lines += [f"    {name!r}: {value}," for name, value in sorted(weights.items())]
    lines += ["}", f"MIN_CHANCE = {best[1]}", ""]
    WEIGHTS_FILE.write_text("\n".join(lines), encoding="utf-8")
    print(f"threshold {best[1]} (F1 {best[0]}); weights written to "
          f"{WEIGHTS_FILE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

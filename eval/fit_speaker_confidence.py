"""Fit the speaker-confidence model (bot/extract/attribution.py) on PolNeAR train's tuning part.

Each quotation that matches a gold quotation and was given a speaker is one example: its
evidence (how the speaker was found, and a few features of it) against whether the speaker is
right (eval/quotes_polnear.py's `speaker_is_right`). A logistic regression with a little L2
penalty, fitted by Newton's method, gives one weight per feature; the threshold is the lowest
confidence at which the tuning part's speaker precision reaches `--precision`. Both are written
to bot/extract/speaker_weights.py, and the precision/coverage trade-off is printed.

Run: .venv/bin/python eval/fit_speaker_confidence.py   (then eval/quotes_polnear.py --split
heldout and --split dev to check on data the fit never saw)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "eval"))

from quotes_polnear import (  # noqa: E402
    Gold,
    _core,
    document_of,
    half_overlap,
    load_split,
    speaker_is_right,
)

from bot.extract.attribution import Evidence  # noqa: E402
from bot.extract.quotes import Quote, attributed  # noqa: E402

WEIGHTS_FILE = REPO / "bot" / "extract" / "speaker_weights.py"
PENALTY = 1.0  # L2, on the weights only


def examples(split: str) -> list[tuple[dict[str, float], bool]]:
    """(features, speaker right) for every matched quotation that was given a speaker."""
    rows = []
    for article in load_split(split):
        found = attributed(document_of(article))
        free = list(range(len(found)))
        pairs: list[tuple[Gold, tuple[Quote, Evidence]]] = []
        for gold in article.gold:
            core = _core(article.text, gold.start, gold.end)
            match = next((i for i in free if _core(article.text, found[i][0].start,
                                                   found[i][0].end) == core), None)
            if match is None:
                match = next((i for i in free if half_overlap(
                    (gold.start, gold.end), (found[i][0].start, found[i][0].end))), None)
            if match is not None:
                free.remove(match)
                pairs.append((gold, found[match]))
        for gold, (quote, evidence) in pairs:
            if quote.speaker and evidence.kind not in ("none", "interview"):
                rows.append((features_of(evidence), speaker_is_right(quote.speaker, gold)))
    return rows


def features_of(evidence: Evidence) -> dict[str, float]:
    return {f"evidence={evidence.kind}": 1.0, **evidence.features}


def fit(rows: list[tuple[dict[str, float], bool]]) -> tuple[float, dict[str, float]]:
    names = sorted({name for features, _ in rows for name in features})
    x = np.array([[features.get(n, 0.0) for n in names] for features, _ in rows])
    x = np.hstack([np.ones((len(rows), 1)), x])
    y = np.array([float(right) for _, right in rows])
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], PENALTY)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), {n: round(float(v), 3) for n, v in zip(names, w[1:], strict=True)}


def trade_off(rows: list[tuple[dict[str, float], bool]], bias: float,
              weights: dict[str, float]) -> list[tuple[float, float, float]]:
    """(threshold, precision, coverage) over the matched quotations given a speaker."""
    scores = [1 / (1 + np.exp(-(bias + sum(weights.get(n, 0.0) * v for n, v in f.items()))))
              for f, _ in rows]
    table = []
    for threshold in np.arange(0.0, 0.96, 0.05):
        kept = [right for (_, right), s in zip(rows, scores, strict=True) if s >= threshold]
        precision = sum(kept) / len(kept) if kept else 1.0
        table.append((round(float(threshold), 2), precision, len(kept) / len(rows)))
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--precision", type=float, default=0.95,
                        help="speaker precision the threshold must reach on the tuning part")
    args = parser.parse_args(argv)
    rows = examples("tune")
    bias, weights = fit(rows)
    table = trade_off(rows, bias, weights)
    print(f"{len(rows)} examples, {sum(r for _, r in rows) / len(rows):.3f} right")
    print("threshold precision coverage (of the speakers found)")
    for threshold, precision, coverage in table:
        print(f"{threshold:9.2f} {precision:9.3f} {coverage:8.3f}")
    threshold = next((t for t, p, _ in table if p >= args.precision), table[-1][0])
    lines = ['"""Weights of the speaker-confidence model (attribution.confidence), written by',
             'eval/fit_speaker_confidence.py from PolNeAR train\'s tuning part '
             f'({len(rows)} quotations).',
             f"MIN_CONFIDENCE is where speaker precision there reaches {args.precision}. "
             'Do not edit by hand: refit."""',
             "",
             f"BIAS = {round(bias, 3)}",
             "WEIGHTS: dict[str, float] = {"]
    lines += [f"    {name!r}: {value}," for name, value in sorted(weights.items())]
    lines += ["}", f"MIN_CONFIDENCE = {threshold}", ""]
    WEIGHTS_FILE.write_text("\n".join(lines), encoding="utf-8")
    print(f"threshold {threshold}; weights written to {WEIGHTS_FILE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

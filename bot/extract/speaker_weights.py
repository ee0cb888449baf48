"""Weights of the speaker-confidence model (attribution.confidence), written by
eval/fit_speaker_confidence.py from PolNeAR train's tuning part. Do not edit by hand: refit."""

BIAS = 0.0
WEIGHTS: dict[str, float] = {}
MIN_CONFIDENCE = 0.0

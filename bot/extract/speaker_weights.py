"""Weights of the speaker-confidence model (attribution.confidence), written by
eval/fit_speaker_confidence.py from PolNeAR train's tuning part (3023 quotations).
MIN_CONFIDENCE is where speaker precision there reaches 0.875. Do not edit by hand: refit."""

BIAS = 1.114
WEIGHTS: dict[str, float] = {
    'adjacent': 0.744,
    'cue_before': -0.704,
    'cue_trailing': -0.057,
    'cue_without_subject': -0.882,
    'evidence=continuation': -0.361,
    'evidence=cue+name': 1.258,
    'evidence=cue+pronoun': -0.538,
    'evidence=cue+role': -0.456,
    'evidence=cue+source': 0.77,
    'evidence=subject': -0.674,
    'far_back': -1.968,
    'fits': 0.859,
    'fragment': -0.563,
    'inverted': 0.494,
    'last_named': -1.711,
    'last_named_spoke': 0.846,
    'mention=name': 0.584,
    'mention=pronoun': -0.538,
    'mention=role': -0.456,
    'nearest': -0.204,
    'next_sentence': -1.598,
    'object': -0.674,
    'one_word_name': -0.159,
    'others_before_cue': -0.969,
    'paragraphs_back': -1.087,
    'rivals': -0.367,
    'run_on': -0.862,
    'same_as_last': 1.143,
}
MIN_CONFIDENCE = 0.45

"""Weights of the speaker-confidence model (attribution.confidence), written by
eval/fit_speaker_confidence.py from PolNeAR train's tuning part (2990 quotations).
MIN_CONFIDENCE is where speaker precision there reaches 0.875. Do not edit by hand: refit."""

BIAS = 1.219
WEIGHTS: dict[str, float] = {
    'adjacent': 0.712,
    'cue_before': -0.719,
    'cue_trailing': -0.136,
    'cue_without_subject': -1.036,
    'evidence=continuation': -0.431,
    'evidence=cue+name': 1.12,
    'evidence=cue+pronoun': -0.475,
    'evidence=cue+role': -0.608,
    'evidence=cue+source': 0.753,
    'evidence=subject': -0.359,
    'far_back': -1.987,
    'fits': 0.886,
    'inverted': 0.431,
    'last_named': -1.68,
    'last_named_spoke': 1.251,
    'mention=name': 0.761,
    'mention=pronoun': -0.475,
    'mention=role': -0.608,
    'nearest': -0.354,
    'next_sentence': -1.613,
    'object': -0.61,
    'one_word_name': -0.162,
    'others_before_cue': -0.91,
    'paragraphs_back': -1.038,
    'rivals': -0.401,
    'run_on': -0.913,
    'same_as_last': 1.062,
}
MIN_CONFIDENCE = 0.45

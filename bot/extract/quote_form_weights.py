"""Weights of the quotation-form model (quote_form.chance_standalone), written by
eval/fit_quote_form.py from PolNeAR train's tuning part (5138 quoted spans).
MIN_CHANCE gives the best exact span F1 there. Do not edit by hand: refit."""

BIAS = -1.956
WEIGHTS: dict[str, float] = {
    'after_colon': 0.074,
    'after_comma': -0.167,
    'after_cue': 2.143,
    'after_cue_that': -0.6,
    'after_dash': -1.962,
    'after_that': -1.613,
    'after_word': -1.87,
    'capital': 1.183,
    'capital_after_that': -0.703,
    'cue_after': 1.065,
    'ends_comma': -0.604,
    'ends_sentence': -0.198,
    'log_words': 0.054,
    'lower': -0.303,
    'lower_after': -0.864,
    'opens_sentence': 1.597,
    'own_punctuation': 1.797,
    'sentences_inside': -1.04,
    'short': -0.43,
}
MIN_CHANCE = 0.45

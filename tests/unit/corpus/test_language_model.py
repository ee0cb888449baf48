"""The numpy walk of py3langid's model gives py3langid's own answers, probabilities included."""

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from bot.corpus.language_model import FastIdentifier

ARTICLE = (
    "The city council voted on Tuesday to close the old bridge for repairs.\n"
    "\"We cannot wait another winter,\" the mayor said after the vote.\n"
    "El alcalde dijo que las obras durarán seis meses y costarán dos millones.\n"
    "Residents, who cross it every day, were told to use the ferry instead."
)


@cache
def identifiers() -> tuple[FastIdentifier, LanguageIdentifier]:
    return FastIdentifier.load(), LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def same_answers(texts: list[str]) -> None:
    fast, reference = identifiers()
    for text in texts:
        assert fast.classify(text) == reference.classify(text), text


def test_an_article_then_its_lines_as_py3langid_classifies_them() -> None:
    """The article first, then its lines: the rows kept from the article are reused."""
    same_answers([ARTICLE, *ARTICLE.split("\n"), ARTICLE.upper(), "El alcalde dijo"])


def test_texts_shorter_than_the_window_and_without_features() -> None:
    same_answers(["", " ", "a", "ab", "abcde", "abcdef", "ÉCOLE", "日本語", "e\u0301", "\x00"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=120) |
                st.sampled_from(ARTICLE.split()).map(lambda w: f"{w} {w.lower()} "),
                min_size=1, max_size=6))
def test_any_text_gets_py3langids_language_and_probability(texts: list[str]) -> None:
    same_answers(texts)


def test_texts_with_more_features_than_are_kept() -> None:
    """Rows are kept for 64 features only: a text with more reads them from the model, and the
    block starts again when the next text does not fit; the answers stay py3langid's."""
    small, reference = FastIdentifier.load(kept_rows=64), identifiers()[1]
    texts = [ARTICLE, "Vote", "El alcalde", *ARTICLE.split("\n"), "bridge", ARTICLE]
    assert [small.classify(t) for t in texts] == [reference.classify(t) for t in texts]

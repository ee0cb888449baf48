from bot.text import content_keys, fold, query_terms, tokenize, words_around


def test_accents_and_case_fold_so_spellings_of_a_name_match() -> None:
    assert tokenize("Sánchez-Ruiz") == tokenize("sanchez-ruiz") == tokenize("SANCHEZ RUIZ")
    assert fold("Lázaro Álvarez") == "lazaro alvarez"


def test_hyphenated_names_split_into_parts() -> None:
    assert tokenize("Sanchez-Ruiz") == ["sanchez", "ruiz"]


def test_stemming_joins_singular_and_plural() -> None:
    assert tokenize("immigrant") == tokenize("immigrants")
    assert tokenize("cooperation") == tokenize("cooperate")


def test_stopwords_dropped_but_negation_kept() -> None:
    assert tokenize("the of and") == []
    assert "not" in tokenize("not the blockade")


def test_possessive_is_the_name() -> None:
    assert tokenize("Ann’s") == tokenize("Ann's") == tokenize("Ann")


def test_emoji_and_non_latin_text_do_not_break_tokenizing() -> None:
    assert tokenize("🇨🇺🇨🇳 !!!") == []
    assert tokenize("中国 Куба") == ["中国", "куба"]


def test_dotted_acronyms_are_one_word() -> None:
    assert tokenize("the N.A.A.C.P. said") == tokenize("the NAACP said") == ["naacp", "said"]
    assert tokenize("U.N. vote") == tokenize("UN vote")


def test_the_united_states_is_not_the_pronoun_us() -> None:
    usa = tokenize("USA")
    assert tokenize("U.S.") == tokenize("US") == tokenize("U.S.A.") == usa
    assert tokenize("the U.S. blockade") == usa + tokenize("blockade")
    assert tokenize("for us") != usa


def test_fold_casefolds_beyond_lower_case() -> None:
    assert fold("STRAUß") == fold("Strauss") == "strauss"


def test_content_keys_meet_across_word_forms() -> None:
    assert content_keys("recognized") == content_keys("recognition") == frozenset({"recog"})
    assert content_keys("It is on the way to me") == frozenset({"way"})  # no stopwords, 3+ letters
    assert content_keys("the 12 ships sailed", ignore=frozenset({"sailed"})) == {"ship"}


def test_words_around_a_span() -> None:
    text = "one two three FOUR five six seven"
    start = text.index("FOUR")
    assert words_around(text, start, start + 4, 2) == "two three five six"
    assert words_around(text, 0, 3, 10) == "two three FOUR five six seven"


def test_plain_ascii_folds_as_text_with_accents_does() -> None:
    assert fold("Ana Perez-Soto, U.S.") == "ana perez-soto, u.s."
    assert fold("Ana Pérez-Soto, U.S.") == fold("Ana Perez-Soto, U.S.")


def test_spanish_passages_are_stemmed_and_stopped_in_spanish() -> None:
    assert tokenize("los bloqueos", "es") == tokenize("el bloqueo", "es") == ["bloque"]
    assert tokenize("las relaciones diplomáticas", "es") == tokenize("relación diplomática", "es")
    assert "estad" in tokenize("Estados Unidos", "es")  # not a stopword: the country
    assert tokenize("no al bloqueo", "es")[0] == "no"  # negation kept


def test_a_language_without_its_own_analyzer_is_read_as_english() -> None:
    assert tokenize("blockades", "fr") == tokenize("blockades") == tokenize("blockade", "")


def test_a_query_is_read_in_both_languages() -> None:
    assert set(tokenize("bloqueo", "es")) <= set(query_terms("bloqueo"))
    assert set(tokenize("blockade")) <= set(query_terms("blockade"))
    assert query_terms("el bloqueo de la isla") == query_terms("bloqueo isla")  # Spanish stops
    assert query_terms("the blockade") == query_terms("blockade")

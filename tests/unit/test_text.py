from bot.text import fold, tokenize


def test_accents_and_case_fold_so_spellings_of_a_name_match() -> None:
    assert tokenize("Díaz-Canel") == tokenize("diaz-canel") == tokenize("DIAZ CANEL")
    assert fold("Lázaro Álvarez") == "lazaro alvarez"


def test_hyphenated_names_split_into_parts() -> None:
    assert tokenize("Diaz-Canel") == ["diaz", "canel"]


def test_stemming_joins_singular_and_plural() -> None:
    assert tokenize("immigrant") == tokenize("immigrants")
    assert tokenize("cooperation") == tokenize("cooperate")


def test_stopwords_dropped_but_negation_kept() -> None:
    assert tokenize("the of and") == []
    assert "not" in tokenize("not the blockade")


def test_possessive_is_the_name() -> None:
    assert tokenize("Xi’s") == tokenize("Xi's") == tokenize("Xi")


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

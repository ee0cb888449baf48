"""One identity per person across the corpus, whatever each outlet's spelling."""

from __future__ import annotations

import random
import unicodedata

from bot.answers.quote import group_same_quotes
from bot.extract.identities import identify
from bot.extract.quotes import extract_quotes
from bot.text import fold
from tests.unit.extract.documents import make_document


def test_spellings_of_one_person_share_an_identity() -> None:
    identities = identify(["Miguel Diaz-Canel Bermudez", "Miguel Díaz-Canel", "miguel",
                           "Miguel Díaz-Canel Bermúdez", "Díaz-Canel Bermúdez", "Xi",
                           "Xi Jinping and his Cuban counterpart", "Fidel Castro",
                           "Raul Castro Ruz", "Castro", "Raul Castro"])
    label = "Miguel Díaz-Canel Bermúdez"  # the fullest form printed, accents kept
    for spelling in ("Miguel Diaz-Canel Bermudez", "Miguel Díaz-Canel"):
        assert identities.label(spelling) == label
    assert identities.label("Raul Castro") == "Raul Castro Ruz"
    assert identities.label("Castro") == "Castro"  # Fidel or Raúl: not guessed
    assert identities.label("Xi and Miguel Díaz-Canel") == f"Xi and {label}"


def test_a_bare_surname_is_not_given_another_articles_full_name() -> None:
    # Only one full name holds these surnames in the corpus, but it comes from other articles:
    # the articles printing the bare surnames never said whom they meant.
    identities = identify(["Tomas Ekwueme Varga", "Ekwueme", "Ekwueme Varga", "Varga"])
    assert identities.label("Ekwueme") == "Ekwueme"
    assert identities.label("Ekwueme Varga") == "Ekwueme Varga"
    assert identities.label("Varga") == "Varga"
    assert identities.label("Tomas Varga") == "Tomas Varga"  # not a spelling seen: as given


def test_an_article_that_ties_a_surname_to_its_full_name_is_followed() -> None:
    tied = make_document('Foreign Minister Lindiwe Osei arrived on Monday.',
                         '"We came to listen before we speak," Osei said.')
    bare = make_document('"The harbour will open to every ship next spring," Osei said.')
    other = make_document('"Our farmers need the new road before the rains," said Kofi Osei '
                          'Mensah, a regional governor.')
    quotes = extract_quotes(tied) + extract_quotes(bare) + extract_quotes(other)
    assert [q.speaker for q in quotes] == ["Lindiwe Osei", "Osei", "Kofi Osei Mensah"]
    identities = identify(q.speaker for q in quotes)
    assert [identities.label(q.speaker) for q in quotes] == [
        "Lindiwe Osei", "Osei", "Kofi Osei Mensah"]  # the bare "Osei" is neither of them


def test_unrelated_people_sharing_a_first_name_stay_apart() -> None:
    identities = identify(["Maria Lopez", "Maria Gomez", "Maria Lopez Vega"])
    assert identities.label("Maria Gomez") == "Maria Gomez"
    assert identities.label("Maria Lopez") == "Maria Lopez Vega"


def test_the_same_quotation_by_two_spellings_is_one() -> None:
    first = make_document('Miguel Diaz-Canel Bermudez said "the blockade is a crime against '
                          'our people."')
    second = make_document('Miguel Díaz-Canel said "the blockade is a crime against our '
                           'people."')
    quotes = extract_quotes(first) + extract_quotes(second)
    identities = identify(q.speaker for q in quotes)
    assert len({q.speaker for q in quotes}) == 2
    assert len({identities.label(q.speaker) for q in quotes}) == 1
    assert len(group_same_quotes(quotes, identities)) == 1


def test_the_same_words_under_a_bare_surname_are_one_quotation_of_two_names() -> None:
    full = make_document('"The harbour will open to every ship next spring," said Lindiwe '
                         'Osei, the transport minister.')
    bare = make_document('"The harbour will open to every ship next spring," Osei said.')
    quotes = extract_quotes(full) + extract_quotes(bare)
    identities = identify(q.speaker for q in quotes)
    assert {identities.label(q.speaker) for q in quotes} == {"Lindiwe Osei", "Osei"}
    assert len(group_same_quotes(quotes, identities)) == 1
    other = make_document('"The harbour will open to every ship next spring," said Kwame '
                          'Osei, who runs the port.')
    quotes += extract_quotes(other)  # the same words, said to be another Osei's: apart
    assert len(group_same_quotes(quotes, identify(q.speaker for q in quotes))) == 2


def _identify_by_all_pairs(names: list[str]) -> dict[str, str]:
    """The rule of `identify` applied to every pair of spellings: slow, plainly right."""
    spellings: dict[tuple[str, ...], list[str]] = {}
    for name in names:
        for part in name.split(" and "):
            if part[:1].isupper():
                spellings.setdefault(tuple(fold(w) for w in part.split()), []).append(part)
    keys = sorted(spellings, key=len, reverse=True)
    owner: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key in keys:
        fuller = {owner[k] for k in keys if len(k) > len(key) and _names_one_person(key, k)}
        owner[key] = fuller.pop() if len(fuller) == 1 else key
    labels = {}
    for key in keys:
        printed = spellings[owner[key]]
        accents = {s: sum(unicodedata.normalize("NFKD", c) != c for c in s) for s in printed}
        label = max(sorted(set(printed)), key=lambda s: (accents[s], printed.count(s)))
        labels.update((spelling, label) for spelling in spellings[key])
    return labels


def _names_one_person(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    rest = iter(long[1:])
    return len(short) > 1 and short[0] == long[0] and all(word in rest for word in short[1:])


def test_identities_by_buckets_equal_those_of_every_pair() -> None:
    rng = random.Random(5)
    given = ["Ana", "Ána", "Bo", "Cleo", "Dario", "Darío", "Eun", "Femi", "Gus", "Hana"]
    family = ["Roe", "Röe", "Soto", "Vega", "Vegà", "Lind", "Okoro", "Park", "Quist", "Ruiz",
              "de", "la", "Tanaka", "Ulm", "Weir", "Yates", "Zell"]
    names = []
    for _ in range(2000):
        words = [rng.choice(given)] if rng.random() < 0.8 else []
        words += rng.sample(family, rng.choice([0, 1, 1, 2, 2, 3]))
        name = " ".join(words) or rng.choice(family)
        if rng.random() < 0.05:
            name = name.lower()  # not a name: left out by both
        if rng.random() < 0.1:
            name += " and " + rng.choice(given) + " " + rng.choice(family)
        names.append(name)
    assert identify(names).labels == _identify_by_all_pairs(names)
    assert len(set(identify(names).labels.values())) > 50  # many people, not one

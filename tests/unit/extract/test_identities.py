"""One identity per person across the corpus, whatever each outlet's spelling."""

from __future__ import annotations

from bot.answers.quote import group_same_quotes
from bot.extract.identities import identify
from bot.extract.quotes import extract_quotes
from tests.unit.extract.documents import make_document


def test_spellings_of_one_person_share_an_identity() -> None:
    identities = identify(["Miguel Diaz-Canel Bermudez", "Miguel Díaz-Canel", "miguel",
                           "Miguel Díaz-Canel Bermúdez", "Díaz-Canel Bermúdez", "Xi",
                           "Xi Jinping and his Cuban counterpart", "Fidel Castro",
                           "Raul Castro Ruz", "Castro", "Raul Castro"])
    label = "Miguel Díaz-Canel Bermúdez"  # the fullest form printed, accents kept
    for spelling in ("Miguel Diaz-Canel Bermudez", "Miguel Díaz-Canel", "Díaz-Canel Bermúdez"):
        assert identities.label(spelling) == label
    assert identities.label("Xi") == "Xi Jinping"
    assert identities.label("Raul Castro") == "Raul Castro Ruz"
    assert identities.label("Castro") == "Castro"  # Fidel or Raúl: not guessed
    assert identities.label("Xi and Miguel Díaz-Canel") == f"Xi Jinping and {label}"
    spellings = sorted(s for s, owner in identities.labels.items() if owner == "Xi Jinping")
    assert spellings == ["Xi", "Xi Jinping"]


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
    assert len(group_same_quotes(quotes, identities)) == 1
    assert len(group_same_quotes(quotes)) == 2

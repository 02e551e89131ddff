import pytest

from basewatch import aliases


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("TRT English", "trt english"),  # a language edition is part of the name, not a legal form
        ("Kanal Ost English", "kanal ost english"),
        ("Deutsche Welle GmbH", "deutsche welle"),  # legal forms of any country, not only Ltd and Inc
        ("Acme Pty Ltd", "acme"),
        ("Grupo Norte S.A.", "grupo norte"),
        ("the Harbor Ledger", "harbor ledger"),
        ("Harbor Ledger Media", "harbor ledger"),
    ],
)
def test_organisation_key_drops_legal_forms_and_publishing_words_only(name, key):
    assert aliases.organisation_key(name) == key


def test_a_language_edition_is_still_the_same_organisation_as_its_parent():
    assert aliases.same_organisation("Kanal Ost English", "Kanal Ost")
    assert not aliases.same_organisation("Kanal Ost English", "Kanal West")


def test_an_acronym_inside_another_name_is_not_that_organisation():
    assert not aliases.same_organisation("Capital Post", "AP")
    assert not aliases.same_organisation("Bloomberg", "Bloom")
    assert aliases.same_organisation("The Capital Post", "Capital Post Media")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Bay Observer Ltd", "Bay Observer"), ("Smith & Co.", "Smith"),
     ("Nordwind Verlag GmbH & Co. KG", "Nordwind Verlag"), ("TRT English", "TRT English"), ("Reuters", "Reuters")],
)  # fmt: skip
def test_without_legal_form_keeps_the_name_as_written(name, expected):
    assert aliases.without_legal_form(name) == expected


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [("San Jose", "SAN JOSE", "case only"), ("O’Neill", "O'Neill", "apostrophe form"),
     ("San José", "San Jose", "accents"), ("al-Assad", "Assad", "article prefix"),
     ("Varga", "Varga’s", "possessive form"), ("Al Mayadeen", "Al-Mayadeen", "hyphen or space")],
)  # fmt: skip
def test_each_folded_pair_carries_the_reason_that_applies(a, b, reason):
    groups = aliases.build([("doc", [a, b])], [f"{a} and {b}"])
    assert [({g.canonical, *g.variants}, g.reason) for g in groups] == [({a, b}, reason)]

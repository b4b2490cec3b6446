"""The glossaries (handbook/glossary.py): each language's own alphabetical order (ICU), terms
found in their forms, the Norwegian word beside the translated term."""

from __future__ import annotations

import pytest

from handbook import glossary


@pytest.mark.parametrize(
    "lang, words, expected",
    [
        # Norwegian: Æ, Ø and Å come after Z (code point order would put them there too, but
        # not «aa», which ICU sorts as Å in Norwegian names; and Ä/Ö sort with Æ/Ø)
        ("nb", ["ørn", "åpen", "ære", "zebra", "apple", "Ärlig"], ["apple", "zebra", "ære", "Ärlig", "ørn", "åpen"]),
        # Polish: ł after l, ź and ż after z (code point order would put them after every Latin letter)
        (
            "pl",
            ["żaba", "łza", "mapa", "lato", "źle", "zebra", "ćma", "cel"],
            ["cel", "ćma", "lato", "łza", "mapa", "zebra", "źle", "żaba"],
        ),
        # Ukrainian: ґ after г, є after е, і and ї after и (code point order puts є, і, ї before а)
        ("uk", ["ґанок", "гора", "єнот", "дім", "їжак", "ірис", "кіт"], ["гора", "ґанок", "дім", "єнот", "ірис", "їжак", "кіт"]),
    ],
)
def test_each_language_sorts_in_its_own_order(lang, words, expected):
    assert sorted(words, key=glossary.sort_key(lang)) == expected
    assert sorted(words) != expected, "the case must differ from code point order to prove anything"


def test_terms_are_found_in_their_forms_and_as_whole_words(project):
    terms = glossary.glossary(project).terms
    teacher = terms["kontaktlaerer"]
    assert glossary.uses_term("Snakk med kontaktlæreren først.", teacher)
    assert glossary.uses_term("Kontaktlærerne møtes.", teacher)
    assert not glossary.uses_term("kontaktlærerrommet", teacher)


def test_the_norwegian_glossary_groups_terms_under_letters_in_norwegian_order(project):
    text = glossary.glossary_markdown(project)
    letters = [line.split()[1] for line in text.splitlines() if line.startswith("## ")]
    assert letters == sorted(letters, key=glossary.sort_key("nb"))
    assert len(letters) > 5


def test_the_parents_glossary_shows_the_norwegian_word_marked_as_norwegian(project):
    text = glossary.parent_glossary_markdown(project, "en")
    assert "## contact teacher {#kontaktlaerer}" in text
    assert '<bdi lang="nb" dir="ltr">kontaktlærer</bdi>' in text


def test_a_term_is_used_only_as_a_word_of_its_own_in_any_case(project):
    """uses_term tries the pattern only where a form occurs at all (issue 19: the translation
    status and the letters ask every page about every term); the answer is the pattern's."""
    from handbook.glossary import glossary, uses_term

    term = next(t for t in glossary(project).terms.values() if len(t.term) >= 5)
    word = term.term
    assert uses_term(f"Om {word.upper()} i dag.", term)
    assert uses_term(f"{word}.", term)
    assert not uses_term(f"for{word}", term)  # inside another word
    assert not uses_term(f"{word}x", term)
    assert not uses_term("Ingenting her.", term)

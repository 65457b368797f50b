"""The "did you mean" word list on PostgreSQL: words split in Python
(search.engines.postgres.suggestion_words) as the database's `simple` parser and `unaccent`
split and fold them (Latin letters, symbols, punctuation; words the parser takes as parts of a
file path or host name, such as "yes/no", are split in Python), counted the same way by page
indexing and by a rebuild."""

import unicodedata
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection

from search.engines.postgres import UNACCENT_RULES, suggestion_words
from search.models import SearchDocument, SearchWord
from tests import factories

pytestmark = pytest.mark.django_db

TEXTS = [
    "Café naïve Straße Łódź Ærø Søren Caerffili Ŵyr Tŷ Þór İstanbul",
    "Ångström façade déjà-vu coöperate ﬁnance ÉCOLE",
    "Anti-social behaviour: the council's 2nd review of covid19 and 2020s plans",
    "Write to info@glanrhyd.gov.uk or see https://glanrhyd.gov.uk/asb and www.example.org.",
    "snake_case words_with underscores, ab, abc, x" + "y" * 39 + " and " + "z" * 41,
    "Прозрачность αβγ 漢字 مرحبا mixed Latinкириллица end",
    "Contact:info@x.org, council@home team; www.x.org,council (see http://x.org/a).",
    "Brand™ scheme footnote¹ text № 5 caŀlar Ħal",
    "",
]


def database_words(text: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple', unaccent(%s)))) w "
            "WHERE w ~ '^[a-z]{3,40}$'",
            [text],
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.parametrize("text", TEXTS)
def test_words_are_split_and_folded_as_the_database_does(text):
    assert suggestion_words(text) == database_words(text)


def test_every_latin_letter_unaccent_folds_is_folded_the_same_way():
    """Each letter the rules fold to letters a-z, inside a word: the same word as the
    database makes of it (whatever its locale: both sides of the letter are ASCII then)."""
    letters = []
    for line in UNACCENT_RULES.read_text(encoding="utf-8").splitlines():
        source, _tab, target = line.partition("\t")
        if unicodedata.category(source).startswith("L") and target.isascii() and target.isalpha():
            letters.append(source)
    assert len(letters) > 1000
    texts = [f"abc{letter}def" for letter in letters]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t, ARRAY(SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple', "
            "unaccent(t)))) w WHERE w ~ '^[a-z]{3,40}$') FROM unnest(%s::text[]) AS t",
            [texts],
        )
        database = {text: set(words) for text, words in cursor.fetchall()}
    assert {t: suggestion_words(t) for t in texts} == database


def test_the_reader_s_word_is_folded_in_the_database_to_the_same_word():
    with connection.cursor() as cursor:
        cursor.execute("SELECT lower(unaccent(%s))", ["Ærøskøbing"])
        assert suggestion_words("Ærøskøbing") == {cursor.fetchone()[0]}


def words():
    return {
        (word.word, word.community_id, word.audience): word.documents
        for word in SearchWord.objects.all()
    }


def words_by_the_database():
    """What "did you mean" should hold: each word counted once per document that has it (by
    the database's own parse of the documents' titles and summaries)."""
    expected = Counter()
    for document in SearchDocument.objects.all():
        group = (document.community_id, document.audience)
        words_of = database_words(f"{document.title} {document.summary}")
        expected.update((word, *group) for word in words_of)
    return dict(expected)


def test_indexing_keeps_the_count_of_documents_with_each_word(open_community):
    first = factories.make_case_study(open_community, title="Zanzibarian rooftop gardens")
    second = factories.make_case_study(open_community, title="Rooftop gardens, again")
    counted = words()
    assert counted == words_by_the_database()
    assert counted[("zanzibarian", open_community.pk, 0)] >= 1

    first.title = "Kelvedon rooftop gardens"
    first.summary = "Gardens on the roofs of two libraries."
    first.save_revision().publish()  # re-indexed: its old words leave, the new ones count
    second.save_revision().publish()  # indexed again, counted once
    counted = words()
    assert counted == words_by_the_database()
    assert ("zanzibarian", open_community.pk, 0) not in counted
    assert counted[("kelvedon", open_community.pk, 0)] >= 1

    second.unpublish()
    assert words() == words_by_the_database()

    call_command("rebuild_search_index", stdout=None, stderr=None)
    assert words() == words_by_the_database()

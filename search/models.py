"""The search index, its word list, the search log and the synonyms administrators edit.

`SearchDocument` is a denormalised copy of everything searchable (case studies, their
lessons one by one, wiki pages, communities and their discussions), kept up to date by
background tasks (search/indexing.py). Each row carries the fields needed to apply the
privacy rule inside the query: `audience` and `community_id` (docs/search.md explains how).
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models


class Kind(models.TextChoices):
    CASE_STUDY = "case_study", "Case study"
    LESSON = "lesson", "Lesson"
    WIKI = "wiki", "Wiki page"
    COMMUNITY = "community", "Community"
    DISCUSSION = "discussion", "Discussion"


class Audience(models.IntegerChoices):
    """Who may read a document. Members of `community_id` (and administrators) read all."""

    EVERYONE = 0, "Everyone"
    APPROVED = 1, "Signed-in, approved members of the site"
    MEMBERS = 2, "Members of the community only"


class SearchDocument(models.Model):
    key = models.CharField(max_length=40, unique=True)  # "page:12", "lesson:34", "discussion:5"
    kind = models.CharField(max_length=16, choices=Kind.choices)
    page_id = models.IntegerField(db_index=True)  # the page shown (a lesson's case study)
    community_id = models.IntegerField(null=True, db_index=True)
    audience = models.SmallIntegerField(choices=Audience.choices)
    url = models.CharField(max_length=500)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    organisation = models.CharField(max_length=255, blank=True)  # lead organisation's name
    search_vector = SearchVectorField(null=True)
    # The title, summary and lesson part (weights A and B) of search_vector, derived by the
    # database: a small vector that is cheap to rank for every match of a common word
    # (docs/search.md, "PostgreSQL engine: design and measured costs").
    rank_vector = models.GeneratedField(
        expression=models.Func(
            models.F("search_vector"),
            models.Value("{a,b}"),
            function="ts_filter",
            output_field=SearchVectorField(),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # Facets
    theme_ids = ArrayField(models.IntegerField(), default=list)
    service_area_ids = ArrayField(models.IntegerField(), default=list)
    organisation_ids = ArrayField(models.IntegerField(), default=list)
    organisation_types = ArrayField(models.CharField(max_length=32), default=list)
    regions = ArrayField(models.CharField(max_length=32), default=list)
    stage = models.CharField(max_length=32, blank=True)
    year = models.SmallIntegerField(null=True)
    lesson_kind = models.CharField(max_length=16, blank=True)
    lesson_category = models.CharField(max_length=16, blank=True)
    published_at = models.DateTimeField(null=True)
    fingerprint = models.CharField(max_length=40)
    indexed_at = models.DateTimeField()

    class Meta:
        indexes = [
            GinIndex(fields=["search_vector"], name="search_doc_vector"),
            GinIndex(fields=["theme_ids"], name="search_doc_themes"),
            # Similar case studies start from those sharing a theme: case study rows only,
            # without the lessons' rows that carry the same themes (five times as many).
            GinIndex(
                fields=["theme_ids"],
                name="search_doc_case_study_themes",
                condition=models.Q(kind="case_study"),
            ),
            GinIndex(
                name="search_doc_title_trgm",
                fields=["title"],
                opclasses=["gin_trgm_ops"],
            ),
            models.Index(fields=["-published_at"], name="search_doc_published"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class SearchSample(models.Model):
    """A fixed pseudo-random 1 in 8 of the index rows (chosen by a hash of the key; those in
    bucket 0 are a 1 in 64 tier, and the `sparse` ones among them a 1 in 512 tier, each with
    an index of its own), narrow: what matching, the
    privacy rule, ranking and facet counting need, without the text. Searches that match
    very many documents count and rank here and scale up (docs/search.md, "Very common
    queries"). Kept in step with `SearchDocument` by the
    PostgreSQL engine in the same transactions."""

    id = models.BigIntegerField(primary_key=True)  # the SearchDocument's id
    bucket = models.SmallIntegerField()  # hash of the key modulo 64
    sparse = models.BooleanField(db_default=False)  # hash of the key modulo 512 is 0
    page_id = models.IntegerField(db_index=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    community_id = models.IntegerField(null=True)
    audience = models.SmallIntegerField(choices=Audience.choices)
    search_vector = SearchVectorField(null=True)
    rank_vector = SearchVectorField(null=True)
    theme_ids = ArrayField(models.IntegerField(), default=list)
    service_area_ids = ArrayField(models.IntegerField(), default=list)
    organisation_ids = ArrayField(models.IntegerField(), default=list)
    organisation_types = ArrayField(models.CharField(max_length=32), default=list)
    regions = ArrayField(models.CharField(max_length=32), default=list)
    stage = models.CharField(max_length=32, blank=True)
    year = models.SmallIntegerField(null=True)
    lesson_kind = models.CharField(max_length=16, blank=True)
    lesson_category = models.CharField(max_length=16, blank=True)
    published_at = models.DateTimeField(null=True)
    # Every facet value of the row as "facet:value", counted in one pass.
    facet_codes = ArrayField(models.TextField(), default=list)

    class Meta:
        indexes = [
            GinIndex(fields=["search_vector"], name="search_sample_vector"),
            GinIndex(
                fields=["search_vector"],
                name="search_sample_vector_64",
                condition=models.Q(bucket=0),
            ),
            GinIndex(
                fields=["search_vector"],
                name="search_sample_vector_512",
                condition=models.Q(sparse=True),
            ),
        ]

    def __str__(self):
        return f"sample {self.id}"


class SearchWord(models.Model):
    """Words of titles, summaries and lessons, for "did you mean". Kept per community and
    audience so that a suggestion never comes from a document the reader may not see."""

    word = models.CharField(max_length=60)
    community_id = models.IntegerField(null=True)
    audience = models.SmallIntegerField(choices=Audience.choices)
    documents = models.IntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["word", "community_id", "audience"],
                name="search_word_unique",
                nulls_distinct=False,
            )
        ]
        indexes = [
            GinIndex(name="search_word_trgm", fields=["word"], opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self):
        return self.word


class SearchLog(models.Model):
    """One search someone ran. Pruned after SEARCH_LOG_RETENTION_DAYS."""

    query = models.CharField(max_length=500, blank=True)
    filters = models.JSONField(default=dict, blank=True)
    result_count = models.IntegerField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    community_id = models.IntegerField(null=True, blank=True)
    engine = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.query!r} ({self.result_count})"


def _terms(text: str) -> list[str]:
    return [term.strip() for term in text.split(",") if term.strip()]


class Synonym(models.Model):
    """Words and phrases that mean the same, such as "FOI, freedom of information".

    A search for any of them finds documents that use any other."""

    terms = models.CharField(
        max_length=500,
        unique=True,
        help_text="Words or phrases that mean the same, separated by commas: for example "
        '"FOI, freedom of information".',
    )

    class Meta:
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    def clean(self):
        terms = _terms(self.terms)
        if len(terms) < 2:
            raise ValidationError(
                {"terms": "Give at least two words or phrases, separated by commas."}
            )
        for term in terms:
            if len(term) > 100 or not any(ch.isalnum() for ch in term):
                raise ValidationError({"terms": f"“{term[:100]}” is not a word or phrase."})
        self.terms = ", ".join(terms)

    @property
    def term_list(self) -> list[str]:
        return _terms(self.terms)

from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class OrganisationType(models.TextChoices):
    COUNTY = "county", "County council"
    DISTRICT = "district", "District council"
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN = "metropolitan", "Metropolitan borough"
    LONDON_BOROUGH = "london_borough", "London borough"
    WELSH = "welsh", "Welsh council"
    SCOTTISH = "scottish", "Scottish council"
    NORTHERN_IRISH = "northern_irish", "Northern Irish council"
    POLICE = "police", "Police"
    FIRE = "fire", "Fire and rescue"
    HEALTH = "health", "Health (NHS)"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    CENTRAL = "central", "Central government"
    OTHER = "other", "Other public body"


class Region(models.TextChoices):
    NORTH_EAST = "north_east", "North East"
    NORTH_WEST = "north_west", "North West"
    YORKSHIRE = "yorkshire", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east_midlands", "East Midlands"
    WEST_MIDLANDS = "west_midlands", "West Midlands"
    EAST = "east", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern_ireland", "Northern Ireland"
    NATIONAL = "national", "National"


class PopulationBand(models.TextChoices):
    UNDER_100K = "under_100k", "Under 100,000"
    FROM_100K = "100k_250k", "100,000 to 250,000"
    FROM_250K = "250k_500k", "250,000 to 500,000"
    FROM_500K = "500k_1m", "500,000 to 1 million"
    OVER_1M = "over_1m", "Over 1 million"


class Organisation(ClusterableModel):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    type = models.CharField(max_length=32, choices=OrganisationType.choices)
    region = models.CharField(max_length=32, choices=Region.choices)
    population_band = models.CharField(max_length=16, choices=PopulationBand.choices, blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        super().save(*args, **kwargs)


class OrganisationDomain(models.Model):
    """An email domain that belongs to one organisation (lower case, no trailing dot)."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True)

    class Meta:
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().rstrip(".").lower()
        super().save(*args, **kwargs)

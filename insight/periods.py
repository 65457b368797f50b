"""The period a dashboard covers: a preset (the last 7, 30 or 90 days) or dates of one's own.

Read from the query string, so a dashboard for a period can be bookmarked and shared, and
the CSV downloads use the same address. Bad dates give messages for a GOV.UK error summary
and the dashboard falls back to nothing: it is shown with the form and its errors only.
"""

import datetime as dt
from dataclasses import dataclass, field

from insight import clock

PRESETS = {"7": 7, "30": 30, "90": 90}
DEFAULT_PRESET = "30"
LONGEST = 731  # days: two years


@dataclass
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


@dataclass
class PeriodChoice:
    """What was asked for, the period it means (None when there are errors), and errors as
    (field id, message) pairs in the order of the form."""

    preset: str
    values: dict
    period: Period | None = None
    errors: list = field(default_factory=list)

    def query_string(self) -> str:
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        query["period"] = self.preset
        if self.preset == "custom":
            for key in DATE_FIELDS:
                query[key] = self.values.get(key, "")
        return query.urlencode()

    def error_for(self, prefix: str) -> str:
        return next((message for key, message in self.errors if key.startswith(prefix)), "")

    def date_inputs(self) -> list[dict]:
        """The two GOV.UK date inputs (from, to) with their values and errors."""
        inputs = []
        for prefix, legend, hint in (
            ("from", "From", "For example, 1 3 2026"),
            ("to", "To", "For example, 31 3 2026. Days after today are not counted."),
        ):
            error = self.error_for(prefix)
            error_ids = {key for key, _ in self.errors if key.startswith(prefix)}
            # A missing part marks that part; any other error marks the whole date.
            whole = bool(error) and "must include" not in error
            inputs.append(
                {
                    "prefix": prefix,
                    "legend": legend,
                    "hint": hint,
                    "error": error,
                    "parts": [
                        {
                            "id": f"{prefix}-{part}",
                            "label": part.capitalize(),
                            "value": self.values.get(f"{prefix}-{part}", ""),
                            "width": 4 if part == "year" else 2,
                            "error": whole or f"{prefix}-{part}" in error_ids,
                        }
                        for part in ("day", "month", "year")
                    ],
                }
            )
        return inputs


DATE_FIELDS = ["from-day", "from-month", "from-year", "to-day", "to-month", "to-year"]


def _date(values, prefix, name, errors):
    parts = [values.get(f"{prefix}-{part}", "").strip() for part in ("day", "month", "year")]
    if not any(parts):
        errors.append((f"{prefix}-day", f"Enter the {name} date"))
        return None
    names = ("day", "month", "year")
    missing = [part for part, value in zip(names, parts, strict=True) if not value]
    if missing:
        errors.append((f"{prefix}-{missing[0]}", f"The {name} date must include a {missing[0]}"))
        return None
    try:
        day, month, year = (int(value) for value in parts)
        if year < 1000:
            raise ValueError
        return dt.date(year, month, day)
    except ValueError:
        errors.append((f"{prefix}-day", f"The {name} date must be a real date"))
        return None


def period_from(query) -> PeriodChoice:
    """The period named by a query string (a QueryDict or a dict)."""
    preset = query.get("period", "") or DEFAULT_PRESET
    if preset not in PRESETS and preset != "custom":
        preset = DEFAULT_PRESET
    today = clock.today()
    values = {key: query.get(key, "") for key in DATE_FIELDS}
    choice = PeriodChoice(preset=preset, values=values)
    if preset in PRESETS:
        choice.period = Period(start=today - dt.timedelta(days=PRESETS[preset] - 1), end=today)
        return choice
    errors = choice.errors
    start = _date(values, "from", "start", errors)
    end = _date(values, "to", "end", errors)
    if start and start > today:
        errors.append(("from-day", "The start date must be today or in the past"))
    elif start and end and end < start:
        errors.append(("to-day", "The end date must be the same as or after the start date"))
    elif start and end and (end - start).days + 1 > LONGEST:
        errors.append(("to-day", "The period must be two years or shorter"))
    if not errors:
        choice.period = Period(start=start, end=min(end, today))
    return choice

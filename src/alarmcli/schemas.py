"""Pydantic models of the public file formats; ``schemas/*.json`` is generated from these.

The validator checks whole files with vectorised polars expressions for speed; these
models are the specification it implements, and a test holds the two to agreement.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from alarmcli.contract import (
    AGE_MAX,
    AGE_MIN,
    COUNT_MAX_DIGITS,
    METRICS_BY_CHANNEL,
    UNKNOWN,
    Channel,
    Dimension,
    Metric,
)
from alarmcli.periods import MONTH_PATTERN, days_in_month, parse_month

ID_PATTERN = r"^[a-z0-9][a-z0-9_]*$"
TOPIC_PATTERN = r"^[a-z0-9][a-z0-9_]*(/[a-z0-9][a-z0-9_]*)?$"
BAND_PATTERN = r"^[0-9]{1,2}-[0-9]{1,2}$"


class CountRow(BaseModel):
    """One row of a monthly count file: a count of one category in one month."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Count row", defer_build=True)

    month: Annotated[str, Field(pattern=MONTH_PATTERN, description="The month, YYYY-MM.")]
    channel: Annotated[Channel, Field(description="The contact channel, or web.")]
    metric: Annotated[Metric, Field(description="answered or missed; web: visits, …")]
    dimension: Annotated[Dimension, Field(description="total, or the breakdown.")]
    category: Annotated[
        str,
        Field(
            description="Empty for total; else an id of the dimension in the taxonomy, "
            "an hour 0-23, a day of the month, or an age 0-25 or unknown.",
            pattern=r"^([a-z0-9_/]*)$",
        ),
    ] = ""
    count: Annotated[int, Field(ge=0, strict=True, description="A whole number ≥ 0.")]

    @model_validator(mode="after")
    def _consistent(self) -> CountRow:
        if self.metric not in METRICS_BY_CHANNEL[self.channel]:
            allowed = ", ".join(METRICS_BY_CHANNEL[self.channel])
            msg = f"metric {self.metric} is not one of {self.channel}'s: {allowed}"
            raise ValueError(msg)
        if (self.dimension is Dimension.TOTAL) != (self.category == ""):
            msg = "category is empty exactly when dimension is total"
            raise ValueError(msg)
        if not _number_category_ok(self.dimension, self.category, self.month):
            msg = f"category {self.category!r} is out of range for {self.dimension}"
            raise ValueError(msg)
        return self


def _number_category_ok(dimension: Dimension, category: str, month: str) -> bool:
    """Range rules of the numeric dimensions: hour 0-23, day of month, age 0-25.

    Numbers are written plainly, without leading zeros: ``05`` and ``5`` would otherwise
    be two categories of one hour.
    """
    number = int(category) if _PLAIN_NUMBER.fullmatch(category) else None
    if dimension is Dimension.HOUR:
        return number is not None and 0 <= number <= 23
    if dimension is Dimension.DAY:
        return number is not None and 1 <= number <= days_in_month(*parse_month(month))
    if dimension is Dimension.AGE:
        return category == UNKNOWN or (number is not None and AGE_MIN <= number <= AGE_MAX)
    return True


_PLAIN_NUMBER = re.compile(r"0|[1-9][0-9]{0,3}")


class Category(BaseModel):
    """A category id's labels, and optionally its Child Helpline International code."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nb: Annotated[str, Field(min_length=1, description="Norwegian (bokmål) label.")]
    en: Annotated[str, Field(min_length=1, description="English label.")]
    chi: Annotated[
        str | None, Field(description="The matching Child Helpline International category.")
    ] = None
    valid_from: Annotated[
        int | None,
        Field(
            ge=1900,
            le=2999,
            description="The first year whose counts may use the id (default: any year).",
        ),
    ] = None
    valid_to: Annotated[
        int | None,
        Field(
            ge=1900,
            le=2999,
            description="The last year whose counts may use the id (default: any year).",
        ),
    ] = None


IdMap = dict[Annotated[str, Field(pattern=ID_PATTERN)], Category]


class Group(BaseModel):
    """A named group of categories of one dimension, counted together."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nb: Annotated[str, Field(min_length=1, description="Norwegian (bokmål) label.")]
    en: Annotated[str, Field(min_length=1, description="English label.")]
    members: Annotated[
        list[Annotated[str, Field(min_length=1)]],
        Field(min_length=1, description="The ids of the dimension the group counts together."),
    ]


class Groups(BaseModel):
    """Named groups by dimension: ``[groups.on_behalf]``, ``acute = {…, members = […]}``."""

    model_config = ConfigDict(extra="forbid")

    site: dict[Annotated[str, Field(pattern=ID_PATTERN)], Group] = {}
    gender: dict[Annotated[str, Field(pattern=ID_PATTERN)], Group] = {}
    caller: dict[Annotated[str, Field(pattern=ID_PATTERN)], Group] = {}
    topic: dict[Annotated[str, Field(pattern=ID_PATTERN)], Group] = {}
    outcome: dict[Annotated[str, Field(pattern=ID_PATTERN)], Group] = {}
    on_behalf: dict[Annotated[str, Field(pattern=ID_PATTERN)], Group] = {}
    age: dict[Annotated[str, Field(pattern=ID_PATTERN)], Group] = {}
    hour: dict[Annotated[str, Field(pattern=ID_PATTERN)], Group] = {}


#: Clock hours a service is open: ``14-24``; ``22-08`` runs past midnight; ``00-24`` all day.
HOURS_PATTERN = r"^([01][0-9]|2[0-3])-([01][0-9]|2[0-4])$"
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class OpeningHours(BaseModel):
    """The clock hours a channel is open from a day on, until the next entry's ``from``."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    start: Annotated[date, Field(alias="from", description="The first day these hours apply.")]
    open: Annotated[
        list[Annotated[str, Field(pattern=HOURS_PATTERN)]],
        Field(
            description='Clock hours open, each "HH-HH" (14-24; 22-08 runs past midnight; '
            "00-24 round the clock); [] for closed."
        ),
    ]
    weekdays: Annotated[
        list[Weekday],
        Field(min_length=1, description="The weekdays these hours apply to (default: all)."),
    ] = list(WEEKDAYS)

    @model_validator(mode="after")
    def _ranges(self) -> OpeningHours:
        for text in self.open:
            low, high = (int(x) for x in text.split("-"))
            if low == high:
                msg = f"hours {text!r} are empty: write 00-24 for round the clock"
                raise ValueError(msg)
        return self


class Service(BaseModel):
    """A channel's service calendar: when it opened and closed, its hours, days closed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    opened: Annotated[
        date | None, Field(description="The first day the channel was open (default: always).")
    ] = None
    closed: Annotated[
        date | None,
        Field(description="The last day the channel was open (default: it still is)."),
    ] = None
    hours: Annotated[
        list[OpeningHours],
        Field(description="Opening hours over time; before the first entry: round the clock."),
    ] = []
    closed_days: Annotated[
        list[date], Field(description="Whole days the channel was closed (a strike, an outage).")
    ] = []

    @model_validator(mode="after")
    def _in_order(self) -> Service:
        if self.opened and self.closed and self.closed < self.opened:
            msg = f"closed ({self.closed}) is before opened ({self.opened})"
            raise ValueError(msg)
        return self


class TaxonomyFile(BaseModel):
    """A taxonomy: the built-in one, or the ids a ``DATA_DIR/taxonomy.toml`` adds to it.

    Each table maps ids to labels; ``topic`` ids are ``group`` or ``group/sub``, and a
    sub-topic's group must exist once the file is merged with the built-in taxonomy.
    """

    model_config = ConfigDict(extra="forbid", title="Taxonomy")

    site: IdMap = {}
    gender: IdMap = {}
    caller: IdMap = {}
    topic: dict[Annotated[str, Field(pattern=TOPIC_PATTERN)], Category] = {}
    outcome: IdMap = {}
    on_behalf: IdMap = {}
    age_bands: Annotated[
        list[Annotated[str, Field(pattern=BAND_PATTERN)]],
        Field(description="Inclusive age bands such as 5-13, derived from single ages."),
    ] = []
    groups: Groups = Groups()
    service: Annotated[
        dict[Channel, Service],
        Field(description="Service calendars by channel: opening days and hours."),
    ] = {}

    @model_validator(mode="after")
    def _bands_in_range(self) -> TaxonomyFile:
        for band in self.age_bands:
            low, high = band_bounds(band)
            if not AGE_MIN <= low <= high <= AGE_MAX:
                msg = f"age band {band!r} must run upwards within {AGE_MIN}-{AGE_MAX}"
                raise ValueError(msg)
        return self


class SuppressionSettings(BaseModel):
    """``[suppression]``: small-count suppression of every published figure."""

    model_config = ConfigDict(extra="forbid")

    threshold: Annotated[
        int,
        Field(
            ge=0,
            le=1000,
            strict=True,
            description="Hide every published count from 1 to threshold − 1 (0 or 1: none). "
            "--suppress may raise it, never lower it.",
        ),
    ]


COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"


class ReportSettings(BaseModel):
    """``[report]``: how ``alarm report`` presents a helpline's annual report."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[
        str | None, Field(min_length=1, description="The helpline's name, on the title page.")
    ] = None
    logo: Annotated[
        str | None,
        Field(min_length=1, description="A PNG or SVG file, relative to the data directory."),
    ] = None
    colour: Annotated[
        str, Field(pattern=COLOUR_PATTERN, description="The main colour of headings and bars.")
    ] = "#b5121b"
    accent: Annotated[
        str, Field(pattern=COLOUR_PATTERN, description="The second colour (missed contacts).")
    ] = "#7f8c8d"
    introduction: Annotated[
        str | None, Field(description="A paragraph under the title (Markdown not interpreted).")
    ] = None
    chapters: Annotated[
        list[str] | None,
        Field(description="The chapters in this order (ids as in docs/report.md); others after."),
    ] = None
    off: Annotated[list[str], Field(description="Chapters left out.")] = []
    hours: Annotated[
        list[Annotated[str, Field(pattern=HOURS_PATTERN)]],
        Field(
            description='Hours the opening-hours chapter counts on their own, e.g. ["00-04"] '
            "(the 2024 report's nights)."
        ),
    ] = []


class ConfigFile(BaseModel):
    """A data directory's settings, ``DATA_DIR/alarm.toml``."""

    model_config = ConfigDict(extra="forbid", title="Settings")

    suppression: SuppressionSettings | None = None
    report: ReportSettings | None = None


PERIOD_PATTERN = r"^[0-9]{4}$|^[0-9]{4}-(0[1-9]|1[0-2])(\.\.[0-9]{4}-(0[1-9]|1[0-2]))?$"
#: Free text (a page, a place, a campaign): no control character, no spaces around it.
FREE_TEXT_PATTERN = (
    r"^$|^[^\s\x00-\x1f\x7f-\x9f]([^\x00-\x1f\x7f-\x9f]{0,198}[^\s\x00-\x1f\x7f-\x9f])?$"
)


class PeriodRow(BaseModel):
    """One row of a period file: a figure measured over a period (a year, a campaign)."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Period row", defer_build=True)

    period: Annotated[
        str,
        Field(
            pattern=PERIOD_PATTERN,
            description="What the figure was measured over: a year (2024), a month "
            "(2020-09) or a range of months (2020-07..2020-12).",
        ),
    ]
    channel: Annotated[Literal["web", "campaign"], Field(description="The website, or a campaign.")]
    metric: Annotated[
        Literal[
            "visits", "pageviews", "users", "reached", "exposures", "opens", "clicks", "swipe_ups"
        ],
        Field(
            description="web: visits, pageviews, users; campaign: reached, exposures, opens, "
            "clicks, swipe_ups. users and reached do not add up across months or categories."
        ),
    ]
    dimension: Annotated[
        Literal["total", "source", "device", "page", "place", "visit_frequency", "region"],
        Field(
            description="total, or the breakdown: web source, device, page, place, "
            "visit_frequency; campaign region."
        ),
    ]
    category: Annotated[
        str,
        Field(
            pattern=FREE_TEXT_PATTERN,
            description="Empty for total; else free text as published (a page, a place), "
            "not checked against the taxonomy; visit_frequency: 1, 9-14 or 201+.",
        ),
    ] = ""
    count: Annotated[
        int, Field(ge=0, lt=10**COUNT_MAX_DIGITS, strict=True, description="A whole number ≥ 0.")
    ]
    campaign: Annotated[
        str,
        Field(
            pattern=FREE_TEXT_PATTERN,
            description="The campaign's name on campaign rows; empty on web rows.",
        ),
    ] = ""
    list: Annotated[
        Literal["", "partial"],
        Field(
            description="partial: the breakdown gives some of its categories only (a top "
            "10), so its rows may add up to less than the total."
        ),
    ] = ""

    @model_validator(mode="after")
    def _consistent(self) -> PeriodRow:
        from alarmcli.contract import PERIOD_DIMENSIONS, PERIOD_METRICS, VISIT_FREQUENCY
        from alarmcli.periodic import bucket_bounds

        if (
            self.metric not in PERIOD_METRICS[self.channel]
            or self.dimension not in PERIOD_DIMENSIONS[self.channel]
        ):
            msg = f"{self.metric} by {self.dimension} is not a {self.channel} figure"
            raise ValueError(msg)
        if (self.dimension == "total") != (self.category == ""):
            msg = "category is empty exactly when dimension is total"
            raise ValueError(msg)
        if (self.channel == "campaign") != (self.campaign != ""):
            msg = "campaign names the campaign of a campaign row, and is empty on a web row"
            raise ValueError(msg)
        if self.dimension == VISIT_FREQUENCY and bucket_bounds(self.category) is None:
            msg = f"visit frequency {self.category!r} is not 1, 9-14 or 201+"
            raise ValueError(msg)
        from alarmcli.periods import Period

        try:
            Period.parse(self.period)
        except ValueError as error:
            raise ValueError(str(error)) from None
        return self


def json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of every public format, by file name under ``schemas/``."""
    return {
        "count-row.schema.json": CountRow.model_json_schema(),
        "taxonomy.schema.json": TaxonomyFile.model_json_schema(),
        "alarm-toml.schema.json": ConfigFile.model_json_schema(),
        "period-row.schema.json": PeriodRow.model_json_schema(),
    }


def band_bounds(band: str) -> tuple[int, int]:
    """The bounds written in a band id: ``band_bounds("5-13") == (5, 13)``."""
    match = re.fullmatch(r"([0-9]+)-([0-9]+)", band)
    if not match:
        msg = f"not an age band: {band!r}"
        raise ValueError(msg)
    return int(match[1]), int(match[2])

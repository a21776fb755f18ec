"""The vocabulary of the count-file contract: channels, metrics, dimensions, columns.

Plain constants with no heavy imports, shared by the schemas, the validator, the
figures and the CLI.
"""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    """A contact channel, or the website."""

    PHONE = "phone"
    SMS = "sms"
    CHAT = "chat"
    EMAIL = "email"
    UNGNO = "ungno"
    WEB = "web"


class Metric(StrEnum):
    """What a count counts."""

    ANSWERED = "answered"
    MISSED = "missed"
    VISITS = "visits"
    PAGEVIEWS = "pageviews"
    USERS = "users"
    #: sums of durations in whole seconds, not counts (see DURATIONS)
    ANSWER_SECONDS = "answer_seconds"
    TALK_SECONDS = "talk_seconds"
    ABANDON_SECONDS = "abandon_seconds"


class Dimension(StrEnum):
    """How a count is broken down; ``total`` is not broken down."""

    TOTAL = "total"
    SITE = "site"
    GENDER = "gender"
    AGE = "age"
    CALLER = "caller"
    TOPIC = "topic"
    OUTCOME = "outcome"
    ON_BEHALF = "on_behalf"
    HOUR = "hour"
    DAY = "day"


#: Channels whose ``answered`` counts are contacts, summed into the ``all`` row.
CONTACT_CHANNELS: tuple[Channel, ...] = (
    Channel.PHONE,
    Channel.SMS,
    Channel.CHAT,
    Channel.EMAIL,
    Channel.UNGNO,
)

#: Sums of durations, each over the contacts of a count metric: the time from a contact's
#: arrival to its answer and from its answer to its end (answered contacts), and the time a
#: missed contact waited before it gave up. A mean is the sum over that count.
DURATIONS: dict[Metric, Metric] = {
    Metric.ANSWER_SECONDS: Metric.ANSWERED,
    Metric.TALK_SECONDS: Metric.ANSWERED,
    Metric.ABANDON_SECONDS: Metric.MISSED,
}
#: The sums of durations' metric ids, for filtering them from the contacts counted.
DURATION_METRICS: tuple[str, ...] = tuple(m.value for m in DURATIONS)
#: A count has at most this many digits: a trillion contacts, whose sums cannot overflow.
COUNT_MAX_DIGITS = 12
#: A count as written: whole, not negative, at most :data:`COUNT_MAX_DIGITS` digits.
COUNT_RE = rf"^[0-9]{{1,{COUNT_MAX_DIGITS}}}$"
#: Joins the two dimensions of a cross-tab (``topic*age``) and their categories.
CROSS = "*"

#: The metrics each channel may carry.
METRICS_BY_CHANNEL: dict[Channel, tuple[Metric, ...]] = {
    **dict.fromkeys(CONTACT_CHANNELS, (Metric.ANSWERED, Metric.MISSED, *DURATIONS)),
    Channel.WEB: (Metric.VISITS, Metric.PAGEVIEWS, Metric.USERS),
}

#: Metrics that do not add up across months: a person who visits the website in March and
#: in June is one user of the year. They are summed over no months by any command; a
#: period file holds them for the period they were measured over (:mod:`alarmcli.periodic`).
NON_ADDITIVE: frozenset[str] = frozenset({Metric.USERS.value, "reached"})

#: Every contact has exactly one value: these rows sum to the total.
EXHAUSTIVE: frozenset[Dimension] = frozenset(
    {
        Dimension.SITE,
        Dimension.GENDER,
        Dimension.AGE,
        Dimension.CALLER,
        Dimension.HOUR,
        Dimension.DAY,
    }
)

#: A contact may have several values, or none: no row exceeds the total.
MULTI_LABEL: frozenset[Dimension] = frozenset(
    {Dimension.TOPIC, Dimension.OUTCOME, Dimension.ON_BEHALF}
)

#: Dimensions whose ids come from the taxonomy (the others are numbers).
TAXONOMY_DIMENSIONS: tuple[Dimension, ...] = (
    Dimension.SITE,
    Dimension.GENDER,
    Dimension.CALLER,
    Dimension.TOPIC,
    Dimension.OUTCOME,
    Dimension.ON_BEHALF,
)

#: Ages are whole years in this range, or ``unknown``.
AGE_MIN, AGE_MAX = 0, 25
UNKNOWN = "unknown"

#: The helpline's time zone, unless told otherwise: contact logs' local times are there.
DEFAULT_TZ = "Europe/Oslo"

#: The columns of a count file, in the order we write them.
COUNT_COLUMNS: tuple[str, ...] = ("month", "channel", "metric", "dimension", "category", "count")

# --- values the command line offers -----------------------------------------------------
# Defined once, here: typer checks, suggests and completes them before any data is
# read. A new value (a channel ``all``, a two-way breakdown) is added here.

#: Values of ``--channel``.
CHANNEL_CHOICES: tuple[str, ...] = tuple(c.value for c in Channel)
#: The contact channels together: the ``all`` row of summary, a breakdown's sum.
ALL_CHANNELS = "all"
#: Values of ``--channel`` where the contact channels together make sense.
CHANNEL_OR_ALL_CHOICES: tuple[str, ...] = (*CHANNEL_CHOICES, ALL_CHANNELS)
#: Values of ``alarm compare --by``: the total, month by month, or a breakdown (days do
#: not pair up between years).
COMPARE_BY_CHOICES: tuple[str, ...] = (
    Dimension.TOTAL.value,
    "month",
    *(d.value for d in Dimension if d not in {Dimension.TOTAL, Dimension.DAY}),
)
#: Dimensions of a cross-tab (a day of the month pairs with nothing).
CROSSTAB_CHOICES: tuple[str, ...] = tuple(
    d.value for d in Dimension if d not in {Dimension.TOTAL, Dimension.DAY}
)
#: Values of ``alarm breakdown --by``.
BREAKDOWN_BY_CHOICES: tuple[str, ...] = tuple(
    d.value for d in Dimension if d is not Dimension.TOTAL
)
#: Values of ``alarm times --by`` and ``--unit``.
TIMES_BY: tuple[str, ...] = ("total", "month", "site", "hour")
#: Units a mean is shown in, with their seconds, largest first; ``auto`` picks one a row.
UNIT_SECONDS: dict[str, int] = {"days": 86_400, "h": 3_600, "min": 60, "s": 1}
AUTO_UNIT = "auto"
TIMES_UNITS: tuple[str, ...] = (AUTO_UNIT, *UNIT_SECONDS)

#: Period files (the website's and the campaigns' tables): their channels, the metrics and
#: the breakdowns each may carry.
WEB, CAMPAIGN_CHANNEL = "web", "campaign"
#: Visits to the site by how many times the visitor came: ``1``, ``9-14``, ``201+``.
VISIT_FREQUENCY = "visit_frequency"
PERIOD_METRICS: dict[str, tuple[str, ...]] = {
    WEB: ("visits", "pageviews", "users"),
    CAMPAIGN_CHANNEL: ("reached", "exposures", "opens", "clicks", "swipe_ups"),
}
PERIOD_DIMENSIONS: dict[str, tuple[str, ...]] = {
    WEB: (Dimension.TOTAL.value, "source", "device", "page", "place", VISIT_FREQUENCY),
    CAMPAIGN_CHANNEL: (Dimension.TOTAL.value, "region"),
}
#: Values of ``alarm web --channel`` and ``--by``.
WEB_CHANNELS: tuple[str, ...] = tuple(PERIOD_METRICS)
WEB_BY: tuple[str, ...] = tuple(dict.fromkeys(d for ds in PERIOD_DIMENSIONS.values() for d in ds))

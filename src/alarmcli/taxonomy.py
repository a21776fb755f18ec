"""The taxonomy of categories: built-in ids and labels, extended by a data directory's own.

The built-in taxonomy lives in ``alarmcli/data/taxonomy.toml``; ``DATA_DIR/taxonomy.toml``
adds sites, topics and the like in the same format (``schemas/taxonomy.schema.json``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alarmcli.contract import AGE_MAX, AGE_MIN, TAXONOMY_DIMENSIONS, UNKNOWN, Dimension
from alarmcli.errors import DataError
from alarmcli.messages import Message, excerpt, hint, msg
from alarmcli.problems import Code, Problem, closest, sort_key
from alarmcli.services import Calendar, Service

if TYPE_CHECKING:
    from alarmcli.schemas import TaxonomyFile

TAXONOMY_FILE = "taxonomy.toml"
Lang = str  # "nb" or "en"


@dataclass(frozen=True)
class Label:
    """A category's labels in Norwegian and English."""

    nb: str
    en: str
    chi: str | None = None
    #: the first and last year whose counts may use the id (None: no limit)
    valid_from: int | None = None
    valid_to: int | None = None

    def text(self, lang: Lang) -> str:
        """The label in ``lang`` (``nb`` or ``en``)."""
        return self.nb if lang == "nb" else self.en

    @property
    def dated(self) -> bool:
        """Whether the id is valid in some years only."""
        return self.valid_from is not None or self.valid_to is not None

    def years_text(self) -> str:
        """``2016–2020``, ``2021–`` or ``–2020``: the years the id is valid in."""
        return f"{self.valid_from or ''}–{self.valid_to or ''}"


#: Dimensions whose categories may be grouped: the taxonomy's, ages and hours.
GROUPED: tuple[Dimension, ...] = (*TAXONOMY_DIMENSIONS, Dimension.AGE, Dimension.HOUR)
#: The ids of the dimensions that are numbers, for checking a group's members.
NUMBERED_IDS: dict[Dimension, frozenset[str]] = {
    Dimension.AGE: frozenset([*(str(a) for a in range(AGE_MIN, AGE_MAX + 1)), UNKNOWN]),
    Dimension.HOUR: frozenset(str(h) for h in range(24)),
}


@dataclass(frozen=True)
class Group:
    """A named group of one dimension's categories, with its labels."""

    label: Label
    members: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    """Every known category id of every dimension, with labels, the age bands and groups."""

    labels: dict[Dimension, dict[str, Label]]
    age_bands: tuple[str, ...]
    groups: dict[Dimension, dict[str, Group]] = field(default_factory=dict)
    #: the days and hours each channel was open (``[service.CHANNEL]``)
    calendar: Calendar = field(default_factory=Calendar)

    def ids(self, dimension: Dimension) -> frozenset[str]:
        """The ids of a taxonomy dimension (``site``, ``topic`` …)."""
        return frozenset(self.labels.get(dimension, {}))

    def sorted_ids(self, dimension: Dimension) -> tuple[str, ...]:
        """The ids of a taxonomy dimension in order."""
        return tuple(sorted(self.labels.get(dimension, {})))

    def dated(self) -> list[tuple[Dimension, str, Label]]:
        """Every id valid in some years only, with its label (which holds the years).

        A taxonomy changes over the years: the 2020 topic list ("andre forhold ved
        barnets situasjon", "atferdsproblemer") was replaced in 2021. Each list's ids
        carry ``valid_from``/``valid_to``, so a year's counts are checked against the
        ids of that year.
        """
        return [
            (dim, key, label)
            for dim, labels in self.labels.items()
            for key, label in sorted(labels.items())
            if label.dated
        ]

    def out_of_years(self, dimension: Dimension, value: str, year: int) -> Message:
        """The message for an id used in a year outside its ``valid_from``–``valid_to``."""
        label = self.labels[dimension][value]
        return msg(
            "row.id-out-of-years",
            dimension=dimension.value,
            value=value,
            year=year,
            years=label.years_text(),
            file=TAXONOMY_FILE,
        )

    def closest(self, dimension: Dimension, value: str, n: int = 3) -> list[str]:
        """The known ids nearest to a mistyped ``value``, best first."""
        return closest(value, self.sorted_ids(dimension), n)

    def unknown_message(self, dimension: Dimension, value: str) -> str:
        """:meth:`unknown` in English (kept for code written before the catalogue)."""
        return self.unknown(dimension, value).text("en")

    def unknown(self, dimension: Dimension, value: str) -> Message:
        """The message for an id the taxonomy lacks, naming the closest known ids."""
        close = self.closest(dimension, value)
        return msg(
            "row.unknown-id",
            dimension=dimension.value,
            value=value,
            hint=hint(close),
            file=TAXONOMY_FILE,
        )

    def label(self, dimension: Dimension, category: str, lang: Lang) -> str:
        """The display label of a category; numbers and unknown ids show as they are."""
        known = self.labels.get(dimension, {}).get(category)
        if known is not None:
            return known.text(lang)
        group = self.groups.get(dimension, {}).get(category)
        if group is not None:
            return group.label.text(lang)
        if category == UNKNOWN:
            return "ukjent" if lang == "nb" else "unknown"
        if dimension is Dimension.AGE and re.fullmatch(r"[0-9]+(-[0-9]+)?", category):
            return f"{category} år" if lang == "nb" else f"aged {category}"
        if dimension is Dimension.HOUR and category.isdigit():
            hour = int(category)
            return f"{hour:02d}–{(hour + 1) % 24:02d}"
        return category

    def band_ages(self, band: str) -> list[str]:
        """The single ages in a band, as age categories: ``"11-13"`` → 11, 12, 13."""
        low, high = (int(x) for x in band.split("-"))
        return [str(a) for a in range(max(low, AGE_MIN), min(high, AGE_MAX) + 1)]


def _from_model(model: TaxonomyFile) -> Taxonomy:
    labels = {
        dim: {
            key: Label(cat.nb, cat.en, cat.chi, cat.valid_from, cat.valid_to)
            for key, cat in getattr(model, dim.value).items()
        }
        for dim in TAXONOMY_DIMENSIONS
    }
    groups = {
        dim: {
            key: Group(Label(g.nb, g.en), tuple(g.members))
            for key, g in getattr(model.groups, dim.value).items()
        }
        for dim in GROUPED
    }
    calendar = Calendar({ch.value: Service.of(m) for ch, m in model.service.items()})
    return Taxonomy(
        labels=labels, age_bands=tuple(model.age_bands), groups=groups, calendar=calendar
    )


def loads_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads``; arrays or tables nested too deeply for it are a TOML error too."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise tomllib.TOMLDecodeError("arrays or tables nested too deeply") from None


@cache
def builtin() -> Taxonomy:
    """The built-in taxonomy shipped with alarmcli."""
    from alarmcli.schemas import TaxonomyFile

    text = resources.files("alarmcli").joinpath("data", TAXONOMY_FILE).read_text("utf-8")
    return _from_model(TaxonomyFile.model_validate(loads_toml(text)))


def merge(base: Taxonomy, extra: Taxonomy) -> Taxonomy:
    """``base`` with ``extra``'s ids and bands added (``extra``'s labels win)."""
    labels = {dim: {**base.labels.get(dim, {}), **extra.labels.get(dim, {})} for dim in base.labels}
    bands = base.age_bands + tuple(b for b in extra.age_bands if b not in base.age_bands)
    groups = {dim: {**base.groups.get(dim, {}), **extra.groups.get(dim, {})} for dim in GROUPED}
    calendar = Calendar({**base.calendar.services, **extra.calendar.services})
    return Taxonomy(labels=labels, age_bands=bands, groups=groups, calendar=calendar)


def load(data_dir: Path) -> Taxonomy:
    """The built-in taxonomy merged with ``data_dir/taxonomy.toml`` when there is one.

    Raises:
        DataError: the file is not valid TOML or not a valid taxonomy; every problem
            names the file and line.
    """
    path = data_dir / TAXONOMY_FILE
    if not path.is_file():
        return builtin()
    return merge(builtin(), read_file(path))


def read_file(path: Path) -> Taxonomy:
    """Read and validate one taxonomy file on its own, against the built-in groups.

    Raises:
        DataError: with a problem per invalid entry, each at its line.
    """
    from pydantic import ValidationError

    from alarmcli.schemas import TaxonomyFile

    name = str(path)
    try:
        text = path.read_text("utf-8-sig")
    except UnicodeDecodeError as err:
        problem = _problem(name, None, msg("taxonomy.not-utf8", reason=err.reason))
        raise DataError([problem]) from None
    except OSError as err:
        problem = _problem(name, None, msg("file.unreadable", reason=err.strerror))
        raise DataError([problem]) from None
    try:
        raw = loads_toml(text)
    except tomllib.TOMLDecodeError as err:
        match = re.search(r"\(at line (\d+), column \d+\)", str(err))
        line = int(match[1]) if match else None
        reason = re.sub(r"\s*\(at line.*\)$", "", str(err))
        raise DataError([_problem(name, line, msg("taxonomy.not-toml", reason=reason))]) from None
    lines = text.splitlines()
    try:
        model = TaxonomyFile.model_validate(raw)
    except ValidationError as err:
        problems = [
            _problem(name, _locate(lines, e["loc"]), _describe(e["loc"], e["type"], e["input"]))
            for e in err.errors()
        ]
        raise DataError(sorted(problems, key=sort_key)) from None
    extra = _from_model(model)
    backwards = [
        _problem(
            name,
            _locate(lines, (dim.value, key)),
            msg("taxonomy.years-backwards", path=f"{dim.value}.{key}", years=label.years_text()),
        )
        for dim, key, label in extra.dated()
        if label.valid_from is not None
        and label.valid_to is not None
        and label.valid_from > label.valid_to
    ]
    if backwards:
        raise DataError(backwards)
    groups = builtin().ids(Dimension.TOPIC) | extra.ids(Dimension.TOPIC)
    orphans = [t for t in extra.ids(Dimension.TOPIC) if "/" in t and t.split("/")[0] not in groups]
    if orphans:
        raise DataError(
            [
                _problem(
                    name,
                    _locate(lines, ("topic", t)),
                    msg("taxonomy.orphan-topic", topic=t, group=t.split("/")[0]),
                )
                for t in sorted(orphans)
            ]
        )
    merged = merge(builtin(), extra)
    problems = [
        _problem(name, _locate(lines, ("groups", dim.value, key)), message)
        for dim, groups in extra.groups.items()
        for key, group in groups.items()
        for message in _group_problems(merged, dim, key, group)
    ]
    if problems:
        raise DataError(problems)
    return extra


def _group_problems(tax: Taxonomy, dimension: Dimension, key: str, group: Group) -> list[Message]:
    """A group's id must be new to its dimension, and its members known ids of it."""
    out = []
    ids = tax.ids(dimension) or NUMBERED_IDS[dimension]
    if key in ids:
        out.append(msg("taxonomy.group-is-id", group=key, dimension=dimension.value))
    for member in group.members:
        if member not in ids:
            out.append(
                msg(
                    "taxonomy.group-member",
                    group=key,
                    member=member,
                    dimension=dimension.value,
                    hint=hint(closest(member, sorted(ids))),
                )
            )
    return out


def _problem(file: str, line: int | None, message: Message) -> Problem:
    return Problem(file, line, None, Code.TAXONOMY, message.text(), message)


#: pydantic's error types, in our words.
_ERRORS = {
    "missing": "toml.missing",
    "extra_forbidden": "taxonomy.unknown-key",
    "string_type": "taxonomy.not-text",
    "string_too_short": "taxonomy.empty-text",
    "dict_type": "taxonomy.not-table",
    "model_type": "taxonomy.not-table",
    "model_attributes_type": "taxonomy.not-table",
    "list_type": "taxonomy.not-list",
}


def key_path(loc: tuple[int | str, ...]) -> str:
    """A pydantic error's location as a TOML key path (``site.oslo``), each key an excerpt."""
    return ".".join(excerpt(str(p)) for p in loc if p != "[key]")


def _describe(loc: tuple[int | str, ...], kind: str, value: object) -> Message:
    """A pydantic error (its location, type and input) as a message in our words."""
    path = key_path(loc) or "age_bands"
    if loc[:1] == ("service",):
        return _service_message(path, kind, value)
    if loc and loc[-1] == "[key]":
        return msg("taxonomy.bad-id", path=path)
    if loc[:1] == ("age_bands",) or kind == "value_error":  # a band's form or its range
        bands = value.get("age_bands", []) if isinstance(value, dict) else [value]
        bad = [str(b) for b in bands if not _good_band(b)] or [str(value)]
        return msg("taxonomy.bad-band", path=path, value=bad[0], low=AGE_MIN, high=AGE_MAX)
    return msg(_ERRORS.get(kind, "taxonomy.invalid"), path=path)


#: pydantic's error types in a ``[service.CHANNEL]`` table, in our words.
_SERVICE_ERRORS = {
    "date_type": "taxonomy.not-date",
    "date_from_datetime_parsing": "taxonomy.not-date",
    "date_from_datetime_inexact": "taxonomy.not-date",
    "date_parsing": "taxonomy.not-date",
    "string_pattern_mismatch": "taxonomy.bad-hours",
    "literal_error": "taxonomy.bad-weekday",
}

#: What each list of a ``[service.CHANNEL]`` table looks like.
_SERVICE_LISTS = {
    "hours": '[{ from = 2024-01-01, open = ["14-24"] }]',
    "open": '["00-04", "14-24"]',
    "weekdays": '["sat", "sun"]',
    "closed_days": "[2024-12-24, 2024-12-25]",
}


def _service_message(path: str, kind: str, value: object) -> Message:
    """A problem in a service calendar: a channel, a date, hours or a weekday."""
    from alarmcli.contract import Channel
    from alarmcli.schemas import WEEKDAYS

    if kind == "enum":  # the channel
        channels = [c.value for c in Channel]
        close = closest(str(value), channels)
        return msg("taxonomy.bad-channel", value=str(value), hint=hint(close))
    if kind == "value_error":
        hours = isinstance(value, dict) and "open" in value  # else: the channel's dates
        return msg("taxonomy.empty-hours" if hours else "taxonomy.closed-before-opened", path=path)
    name = path.rsplit(".", 1)[-1]
    if kind == "list_type" and name in _SERVICE_LISTS:
        return msg("taxonomy.service-not-list", path=path, example=_SERVICE_LISTS[name])
    if kind == "too_short" and name == "weekdays":
        return msg("taxonomy.no-weekdays", path=path)
    key = _SERVICE_ERRORS.get(kind)
    if key == "taxonomy.bad-weekday":
        return msg(key, path=path, value=str(value), hint=hint(closest(str(value), WEEKDAYS)))
    if key is not None:
        return msg(key, path=path, value=str(value))
    return msg(_ERRORS.get(kind, "taxonomy.invalid"), path=path)


def _good_band(band: object) -> bool:
    match = re.fullmatch(r"([0-9]+)-([0-9]+)", band) if isinstance(band, str) else None
    return match is not None and AGE_MIN <= int(match[1]) <= int(match[2]) <= AGE_MAX


def _locate(lines: list[str], loc: tuple[int | str, ...]) -> int | None:
    """The line of the deepest key of ``loc`` that the file shows, searching after its table.

    An inline table (``drammen = { nb = "…" }``) holds its keys on its own line; an index
    (``hours.1``) is the line of that item of a multi-line array, or of that ``[[…]]`` table.
    """
    found: int | None = None
    parts = [p for p in loc if p != "[key]"]
    for n, part in enumerate(parts):
        if isinstance(part, int):
            if found is not None:
                found = _item(lines, found, part)
        else:
            quoted = rf"(\"{re.escape(part)}\"|\b{re.escape(part)}\b)"
            pattern = re.compile(rf"^\s*\[\s*([^\]]*\.\s*)?{quoted}\s*\]|{quoted}\s*=")
            start = found or 0
            for i in range(start, len(lines)):
                if pattern.search(lines[i]):
                    found = i + 1
                    break
        item_next = isinstance(parts[n + 1] if n + 1 < len(parts) else None, int)
        if found is not None and "{" in lines[found - 1] and not item_next:
            break
    return found


def _item(lines: list[str], line: int, index: int) -> int:
    """The line where item ``index`` of the array starting on ``line`` starts (else ``line``)."""
    header = lines[line - 1].strip()
    if header.startswith("[["):  # an array of tables: the index-th such header
        same = [i + 1 for i in range(line - 1, len(lines)) if lines[i].strip() == header]
        return same[index] if index < len(same) else line
    depth, seen, expect, quote = 0, -1, False, ""
    for number in range(line, len(lines) + 1):
        text = lines[number - 1]
        chars = iter(text.partition("=")[2] if number == line else text)
        for char in chars:
            if quote:
                if char == "\\" and quote == '"':
                    next(chars, None)
                elif char == quote:
                    quote = ""
                continue
            if char == "#":
                break
            if depth == 1 and expect and not char.isspace() and char not in ",]":
                seen, expect = seen + 1, False
                if seen == index:
                    return number
            if char in "\"'":
                quote = char
            elif char in "[{":
                depth += 1
                expect = expect or depth == 1
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    return line
            elif char == "," and depth == 1:
                expect = True
            elif depth == 0 and not char.isspace():
                return line  # not an array
    return line

"""Every sentence alarm says to a person, in each language, in one catalogue.

The core never words a problem, a note or a warning: it builds a :class:`Message`, a
stable key and its parameters (``msg("row.unknown-id", dimension="site", value="osloo",
hint=...)``), and the edge renders it in the reader's language with :meth:`Message.text`,
as frictionless's error catalogue does. Another language is one more entry per template.

Rendering makes every value safe to print: control characters (line breaks, terminal
escapes) are written out, so no value can forge a ``FILE:LINE`` line or colour a
terminal, and a value quoted from a file (:data:`QUOTED`) is cut to a short excerpt, so
a 200 MB cell makes a short message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: The languages every template has; the first is the fallback.
LANGS = ("en", "nb")
#: The longest value a message quotes in full; longer ones are cut.
EXCERPT = 80
#: Parameters that quote what a file holds (a cell, a column name): cut to an excerpt.
QUOTED = frozenset({"value", "fix", "column", "tz", "guess", "started_at"})

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_OR = {"en": "or", "nb": "eller"}
_AND = {"en": "and", "nb": "og"}


def printable(text: str) -> str:
    r"""``text`` with control characters written out: a line break as ``\n``, ESC as ``\x1b``."""
    return _CONTROL.sub(lambda m: _ESCAPES.get(m[0], f"\\x{ord(m[0]):02x}"), text)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """``text`` printable, cut to ``limit`` characters with the full length named."""
    if len(text) <= limit:
        return printable(text)
    return f"{printable(text[:limit])}… ({len(text):,} characters)"


@dataclass(frozen=True)
class Alternatives:
    """Ids to offer in a hint: ```oslo` or `bergen``` (``eller`` in Norwegian)."""

    ids: tuple[str, ...]


@dataclass(frozen=True)
class Together:
    """Values named together: ``a, b and c`` (``og`` in Norwegian).

    Each is formatted as a parameter is (a :class:`Message`, a :class:`Term` …).
    """

    items: tuple[Any, ...]


@dataclass(frozen=True)
class Term:
    """An id shown as its label in the reader's language: ``Term("channel", "phone")``.

    ``kind`` is ``channel``, ``metric`` or ``dimension``; the labels are those of the
    tables' cells (:mod:`alarmcli.render`).
    """

    kind: str
    id: str


@dataclass(frozen=True)
class Named:
    """A label given in each language: a taxonomy category's or group's."""

    nb: str
    en: str


@dataclass(frozen=True)
class Verbatim:
    """Text already worded (a sentence): made printable, never cut, even as a quoted value."""

    text: str


@dataclass(frozen=True)
class Message:
    """A sentence as data: a catalogue key and its parameters, worded at the edge."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str = "en") -> str:
        """The sentence in ``lang`` (English where the catalogue lacks ``lang``)."""
        templates = CATALOGUE[self.key]
        template = templates.get(lang, templates["en"])
        params = dict(self.params)
        if isinstance(template, tuple):  # (one, other): chosen by the parameter n
            template = template[0] if params.get("n") == 1 else template[1]
        return template.format(
            **{k: _quoted(v) if k in QUOTED else _format(v, lang) for k, v in params.items()}
        )

    def __str__(self) -> str:
        return self.text("en")


def msg(key: str, /, **params: Any) -> Message:  # noqa: ANN401
    """A :class:`Message` for ``key`` (which must be in :data:`CATALOGUE`)."""
    if key not in CATALOGUE:
        raise KeyError(key)
    return Message(key, tuple(params.items()))


def titles(key: str, /, **params: Any) -> dict[str, str]:  # noqa: ANN401
    """The catalogue's ``key`` worded in every language, by language: a table's title."""
    message = msg(key, **params)
    return {lang: message.text(lang) for lang in LANGS}


def hint(ids: Sequence[str], question: str = "hint.did-you-mean") -> Message:
    """The `` (did you mean `x`?)`` tail of a message; empty when ``ids`` is."""
    return msg(question, ids=Alternatives(tuple(ids))) if ids else msg("empty")


def _quoted(value: object) -> str:
    return excerpt(value) if isinstance(value, str) else str(value)


def _format(value: object, lang: str) -> str:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, Term):
        from alarmcli.render import label

        return printable(label(value.kind, value.id, lang))
    if isinstance(value, Verbatim):
        return printable(value.text)
    if isinstance(value, Named):
        return printable(value.nb if lang == "nb" else value.en)
    if isinstance(value, Together):
        items = [_format(v, lang) for v in value.items]
        if len(items) < 2:
            return "".join(items)
        return f"{', '.join(items[:-1])} {_AND.get(lang, 'and')} {items[-1]}"
    if isinstance(value, Alternatives):
        quoted = [f"`{excerpt(i)}`" for i in value.ids]
        return f" {_OR.get(lang, 'or')} ".join(quoted)
    if isinstance(value, list | tuple):
        return ", ".join(_format(v, lang) for v in value)
    if value is None:
        return ""
    if isinstance(value, str):
        return printable(value)
    return str(value)


Template = str | tuple[str, str]

#: Every sentence, by key: a template per language. ``{n}`` chooses between a
#: (singular, plural) pair. Keys are stable; wording may improve.
CATALOGUE: dict[str, Mapping[str, Template]] = {
    "empty": {"en": "", "nb": ""},
    "hint.did-you-mean": {"en": " (did you mean {ids}?)", "nb": " (mente du {ids}?)"},
    "hint.misspelt-as": {"en": " (is it misspelt as {ids}?)", "nb": " (er den feilstavet {ids}?)"},
    # --- counts of things ---------------------------------------------------------------
    "n.problems": {
        "en": ("{n} problem", "{n} problems"),
        "nb": ("{n} problem", "{n} problemer"),
    },
    "n.files": {"en": ("{n} file", "{n} files"), "nb": ("{n} fil", "{n} filer")},
    "n.rows": {"en": ("{n} row", "{n} rows"), "nb": ("{n} rad", "{n} rader")},
    "n.months": {"en": ("{n} month", "{n} months"), "nb": ("{n} måned", "{n} måneder")},
    "n.backups": {
        "en": ("{n} backup", "{n} backups"),
        "nb": ("{n} sikkerhetskopi", "{n} sikkerhetskopier"),
    },
    "error": {"en": "error: {text}", "nb": "feil: {text}"},
    "warning": {"en": "warning: {text}", "nb": "advarsel: {text}"},
    "error.problems": {
        "en": ("{n} problem found", "{n} problems found"),
        "nb": ("{n} problem funnet", "{n} problemer funnet"),
    },
    "error.no-data": {
        "en": "no data; give --data-dir or set ALARM_DATA_DIR",
        "nb": "ingen data; gi --data-dir eller sett ALARM_DATA_DIR",
    },
    "error.problems-in": {
        "en": (
            "{n} problem in {path}; run `alarm validate` for the details",
            "{n} problems in {path}; run `alarm validate` for the details",
        ),
        "nb": (
            "{n} problem i {path}; kjør `alarm validate` for detaljene",
            "{n} problemer i {path}; kjør `alarm validate` for detaljene",
        ),
    },
    "error.os": {
        "en": "cannot write or read {path}: {reason}",
        "nb": "kan ikke skrive eller lese {path}: {reason}",
    },
    "error.os-nameless": {
        "en": "cannot write or read: {reason}",
        "nb": "kan ikke skrive eller lese: {reason}",
    },
    "usage.choice": {
        "en": "`{value}` is not one of the choices{hint}; choose {choices}",
        "nb": "`{value}` er ikke et av valgene{hint}; velg {choices}",
    },
    # --- validate -----------------------------------------------------------------------
    "validate.verdict": {"en": "{files}, {rows}: {verdict}", "nb": "{files}, {rows}: {verdict}"},
    "validate.no-problems": {"en": "no problems", "nb": "ingen problemer"},
    "validate.repeated": {
        "en": " ({n} times: lines {lines})",
        "nb": " ({n} ganger: linjene {lines})",
    },
    "validate.leftovers": {
        "en": "{path}: a temporary file left by an interrupted write (a killed `alarm "
        "aggregate`?); it is not read; the next `alarm aggregate` into this directory "
        "removes it, and any month it names may be the old or the new one",
        "nb": "{path}: en midlertidig fil etter en avbrutt skriving (en stoppet `alarm "
        "aggregate`?); den leses ikke; neste `alarm aggregate` til denne mappen fjerner "
        "den, og måneden den gjelder kan være den gamle eller den nye",
    },
    "aggregate.cleaned": {
        "en": "removed {path}, a temporary file left by an interrupted run",
        "nb": "fjernet {path}, en midlertidig fil etter en avbrutt kjøring",
    },
    "aggregate.busy": {
        "en": "another `alarm aggregate` is writing to {path}; wait for it to finish",
        "nb": "en annen `alarm aggregate` skriver til {path}; vent til den er ferdig",
    },
    # --- reading files ------------------------------------------------------------------
    "file.unreadable": {"en": "cannot be read: {reason}", "nb": "kan ikke leses: {reason}"},
    "file.dangling-link": {
        "en": "cannot be read: a link to nothing",
        "nb": "kan ikke leses: en lenke til ingenting",
    },
    "file.not-regular": {
        "en": "cannot be read: not a regular file (a pipe or a device?)",
        "nb": "kan ikke leses: ikke en vanlig fil (en pipe eller en enhet?)",
    },
    "file.missing": {"en": "no such file or directory", "nb": "finnes ikke"},
    "file.no-count-files": {
        "en": "no count files (*.csv, *.xlsx, *.ods) here",
        "nb": "ingen tellefiler (*.csv, *.xlsx, *.ods) her",
    },
    "file.empty-workbook": {
        "en": "the workbook has no rows; a count sheet starts with the header row "
        "month, channel, metric, dimension, category, count",
        "nb": "arbeidsboken har ingen rader; et telleark begynner med overskriftsraden "
        "month, channel, metric, dimension, category, count",
    },
    "file.no-data-dir": {"en": "no such data directory", "nb": "datamappen finnes ikke"},
    "file.utf16": {
        "en": "the file is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8)",
        "nb": "filen er UTF-16-tekst; lagre den som UTF-8 (i Excel: CSV UTF-8)",
    },
    "file.empty": {
        "en": "the file is empty; a count file starts with the header row {header}",
        "nb": "filen er tom; en tellefil begynner med overskriftsraden {header}",
    },
    "file.binary": {
        "en": "this is not a text file (it holds binary data); a count file is CSV text",
        "nb": "dette er ikke en tekstfil (den har binære data); en tellefil er CSV-tekst",
    },
    "file.not-utf8": {
        "en": "the file is not UTF-8 (byte 0x{byte}, `{guess}` in Windows-1252); save it as "
        "UTF-8 (in Excel: CSV UTF-8)",
        "nb": "filen er ikke UTF-8 (byte 0x{byte}, `{guess}` i Windows-1252); lagre den som "
        "UTF-8 (i Excel: CSV UTF-8)",
    },
    "file.header-cr": {
        "en": "the header row holds a carriage return (CR) inside it; save the file with "
        "ordinary line endings",
        "nb": "overskriftsraden har et vognretur-tegn (CR) inni seg; lagre filen med "
        "vanlige linjeskift",
    },
    "file.header-unreadable": {
        "en": "the header row cannot be read: {reason}",
        "nb": "overskriftsraden kan ikke leses: {reason}",
    },
    "file.duplicate-column": {
        "en": "column `{column}` appears twice",
        "nb": "kolonnen `{column}` står to ganger",
    },
    "file.missing-column": {
        "en": "the header has no column `{column}`{hint}; it needs {header}",
        "nb": "overskriften mangler kolonnen `{column}`{hint}; den trenger {header}",
    },
    "file.long-line": {
        "en": "this line runs on for more than {limit} MiB; a count file's rows are short, "
        "so the file is not read (is it a count file?)",
        "nb": "denne linjen er lengre enn {limit} MiB; radene i en tellefil er korte, så "
        "filen leses ikke (er det en tellefil?)",
    },
    "file.ragged-row": {
        "en": "this row has {cells} cells, the header has {columns}",
        "nb": "denne raden har {cells} celler, overskriften har {columns}",
    },
    # --- count rows ---------------------------------------------------------------------
    "row.spaces": {
        "en": "the {column} `{value}` has spaces around it; write `{fix}`",
        "nb": "{column} `{value}` har mellomrom rundt seg; skriv `{fix}`",
    },
    "row.empty": {"en": "the {column} is empty", "nb": "{column} er tom"},
    "row.bad-month": {
        "en": "`{value}` is not a month; write YYYY-MM, as in 2024-06",
        "nb": "`{value}` er ikke en måned; skriv ÅÅÅÅ-MM, som 2024-06",
    },
    "row.month-mismatch": {
        "en": "the month is {month} in a file named {file_month}.csv, which holds that month only",
        "nb": "måneden er {month} i en fil som heter {file_month}.csv, som bare har den måneden",
    },
    "row.unknown-choice": {
        "en": "unknown {column} `{value}`{hint}; it is one of {choices}",
        "nb": "ukjent {column} `{value}`{hint}; gyldige verdier er {choices}",
    },
    "row.unknown-metric": {
        "en": "unknown metric `{value}`{hint}; {channel} has {choices}",
        "nb": "ukjent metric `{value}`{hint}; {channel} har {choices}",
    },
    "row.total-with-category": {
        "en": "a total row has an empty category, not `{value}`",
        "nb": "en total-rad har tom category, ikke `{value}`",
    },
    "row.no-category": {
        "en": "a {dimension} row needs a category",
        "nb": "en {dimension}-rad trenger en category",
    },
    "row.leading-zeros": {
        "en": "write the {dimension} as `{fix}`, without leading zeros, not `{value}`",
        "nb": "skriv {dimension} som `{fix}`, uten nuller foran, ikke `{value}`",
    },
    "row.bad-hour": {
        "en": "hour `{value}` is not a whole hour from 0 to 23",
        "nb": "time `{value}` er ikke en hel time fra 0 til 23",
    },
    "row.bad-day": {
        "en": "day `{value}` is not a day of {month}, which has days 1 to {days}",
        "nb": "dag `{value}` er ikke en dag i {month}, som har dagene 1 til {days}",
    },
    "row.bad-age": {
        "en": "age `{value}` is not a whole number of years from {low} to {high}, or unknown",
        "nb": "alder `{value}` er ikke et helt antall år fra {low} til {high}, eller unknown",
    },
    "row.id-out-of-years": {
        "en": "{dimension} `{value}` is not in use in {year}: {file} has it for {years} only",
        "nb": "{dimension} `{value}` er ikke i bruk i {year}: {file} har den bare for {years}",
    },
    "row.unknown-id": {
        "en": "unknown {dimension} `{value}`{hint}; add it to {file} if it is new",
        "nb": "ukjent {dimension} `{value}`{hint}; legg den til i {file} hvis den er ny",
    },
    "row.count-too-large": {
        "en": "the count `{value}` is larger than any real count (at most {digits} digits)",
        "nb": "antallet `{value}` er større enn noe reelt antall (høyst {digits} sifre)",
    },
    "row.bad-count": {
        "en": "the count `{value}` is not a whole number ≥ 0",
        "nb": "antallet `{value}` er ikke et helt tall ≥ 0",
    },
    "row.duplicate": {
        "en": "{key} is given twice; it is first given at {first}",
        "nb": "{key} står to ganger; første gang på {first}",
    },
    "row.sum-mismatch": {
        "en": "the {dimension} rows of {key} sum to {sum} ({where}), but the total is {total}, "
        "a difference of {difference}",
        "nb": "{dimension}-radene for {key} summeres til {sum} ({where}), men totalen er "
        "{total}, en forskjell på {difference}",
    },
    "row.breakdowns-disagree": {
        "en": "{key} has no total row, so its breakdowns must agree, but {sums}",
        "nb": "{key} har ingen total-rad, så fordelingene må stemme overens, men {sums}",
    },
    "row.breakdown-sum": {
        "en": "{dimension} to {sum} ({where})",
        "nb": "{dimension} til {sum} ({where})",
    },
    "row.missing-total": {
        "en": "{key} has {dimension} rows but no total: give a total row (or an exhaustive "
        "breakdown such as site), so that shares can be computed",
        "nb": "{key} har {dimension}-rader, men ingen total: gi en total-rad (eller en "
        "fullstendig fordeling som site), så andelene kan regnes ut",
    },
    "row.bad-crosstab": {
        "en": "`{value}` is not a cross-tab: write two different dimensions joined by `*`, "
        "such as `topic*age`, each one of {choices}",
        "nb": "`{value}` er ikke en krysstabell: skriv to forskjellige dimensjoner med `*` "
        "mellom, som `topic*age`, hver av {choices}",
    },
    "row.crosstab-category": {
        "en": "the category of a {dimension} row is two ids joined by `*` "
        "(`violence/parental_abuse*12`), not `{value}`",
        "nb": "kategorien i en {dimension}-rad er to id-er med `*` mellom "
        "(`violence/parental_abuse*12`), ikke `{value}`",
    },
    "row.crosstab-sum": {
        "en": "the {cross} cells of {key} {category} sum to {sum}, but its {dimension} row "
        "says {margin} ({where}); every contact has one {other}",
        "nb": "{cross}-cellene for {key} {category} summeres til {sum}, men {dimension}-raden "
        "sier {margin} ({where}); hver henvendelse har én {other}",
    },
    "row.crosstab-exceeds": {
        "en": "{key} counts {count}, more than its {dimension} row {category} ({margin}, {where})",
        "nb": "{key} teller {count}, mer enn {dimension}-raden {category} ({margin}, {where})",
    },
    "row.exceeds-total": {
        "en": "{key} counts {count}, more than the total of {total} {metric} {channel} "
        "contacts in {month}",
        "nb": "{key} teller {count}, mer enn totalen på {total} {metric} {channel}-"
        "henvendelser i {month}",
    },
    # --- period files (periodic.py) ---------------------------------------------------
    "period.backwards": {
        "en": "`{value}` runs backwards; write the earlier month first",
        "nb": "`{value}` går baklengs; skriv den tidligste måneden først",
    },
    "period.bad-period": {
        "en": "`{value}` is not a period; write a year (2024), a month (2024-06) or a range "
        "of months (2020-07..2020-12)",
        "nb": "`{value}` er ikke en periode; skriv et år (2024), en måned (2024-06) eller "
        "et tidsrom av måneder (2020-07..2020-12)",
    },
    "period.bad-text": {
        "en": "the {column} `{value}` holds a control character or runs over {limit} "
        "characters; write the name as it is shown",
        "nb": "{column} `{value}` har et kontrolltegn eller er lengre enn {limit} tegn; "
        "skriv navnet slik det vises",
    },
    "period.campaign-on-web": {
        "en": "a web row has an empty campaign, not `{value}`",
        "nb": "en web-rad har tom campaign, ikke `{value}`",
    },
    "period.no-campaign": {
        "en": "a campaign row names its campaign in the column campaign",
        "nb": "en campaign-rad navngir kampanjen i kolonnen campaign",
    },
    "period.bad-bucket": {
        "en": "visit frequency `{value}` is not a number of visits (`1`), a range of them "
        "(`9-14`) or an open end (`201+`)",
        "nb": "besøksfrekvens `{value}` er ikke et antall besøk (`1`), et spenn (`9-14`) "
        "eller en åpen ende (`201+`)",
    },
    "period.bucket-overlap": {
        "en": "visit frequency `{value}` overlaps `{other}` ({where})",
        "nb": "besøksfrekvens `{value}` overlapper `{other}` ({where})",
    },
    "period.bad-list": {
        "en": "list is empty (the whole list) or `partial` (some categories only, such as "
        "a top 10), not `{value}`",
        "nb": "list er tom (hele listen) eller `partial` (bare noen kategorier, som en "
        "topp 10), ikke `{value}`",
    },
    "period.list-disagrees": {
        "en": "the {dimension} rows of {key} are a whole list at some lines and a partial "
        "one at others: this one differs from {first}",
        "nb": "{dimension}-radene for {key} er en hel liste på noen linjer og en delvis "
        "liste på andre: denne er ulik {first}",
    },
    "period.exceeds-total": {
        "en": "{key} counts {count}, more than its total of {total} ({where})",
        "nb": "{key} teller {count}, mer enn totalen på {total} ({where})",
    },
    "period.sum-mismatch": {
        "en": "the {dimension} rows of {key} add up to {sum} ({where}), but the total is "
        "{total}; a partial list (a top 10) says `partial` in the column list",
        "nb": "{dimension}-radene for {key} summeres til {sum} ({where}), men totalen er "
        "{total}; en delvis liste (en topp 10) har `partial` i kolonnen list",
    },
    "period.partial-exceeds": {
        "en": "the {dimension} rows of {key}, a partial list, add up to {sum} ({where}), "
        "more than the total of {total}",
        "nb": "{dimension}-radene for {key}, en delvis liste, summeres til {sum} ({where}), "
        "mer enn totalen på {total}",
    },
    "period.months-disagree": {
        "en": "{key} says {count}, but the count files' months {period} add up to {sum}",
        "nb": "{key} sier {count}, men tellefilenes måneder {period} summeres til {sum}",
    },
    # --- alarm import -------------------------------------------------------------------
    "import.sheet-channel": {
        "en": "sheet `{sheet}` is not named after a channel{hint}; name it one of {channels} "
        "(or their Norwegian labels), or leave it empty",
        "nb": "arket `{sheet}` har ikke navnet til en kanal{hint}; kall det en av {channels} "
        "(eller de norske navnene), eller la det være tomt",
    },
    "import.no-month-header": {
        "en": "no header row with the months across the top (januar, feb, 2024-03 or dates)",
        "nb": "ingen overskriftsrad med månedene bortover (januar, feb, 2024-03 eller datoer)",
    },
    "import.no-year": {
        "en": "the months name no year and the workbook's name has none: give --year",
        "nb": "månedene har ikke årstall, og det har heller ikke arbeidsbokens navn: gi --year",
    },
    "import.no-label-column": {
        "en": "the months start in the first column, so no column is left for the labels",
        "nb": "månedene begynner i første kolonne, så det er ingen kolonne igjen til etikettene",
    },
    "import.unknown-heading": {
        "en": "`{label}` has no numbers, so it should name a breakdown (Kjønn, Alder, Tema, "
        "Svarsted …){hint}",
        "nb": "`{label}` har ingen tall, så den skal være navnet på en fordeling (Kjønn, "
        "Alder, Tema, Svarsted …){hint}",
    },
    "import.no-label": {
        "en": "this row has counts but no label",
        "nb": "denne raden har tall, men ingen etikett",
    },
    "import.unknown-metric": {
        "en": "`{label}` is not a {channel} metric (Besvarte, Tapte …), and no breakdown "
        "heading comes before it{hint}",
        "nb": "`{label}` er ikke et måltall for {channel} (Besvarte, Tapte …), og ingen "
        "fordelingsoverskrift står foran den{hint}",
    },
    "import.unknown-category": {
        "en": "`{label}` is not a {dimension} in the taxonomy{hint}; add it to taxonomy.toml "
        "or correct the label",
        "nb": "`{label}` er ikke en {dimension} i taksonomien{hint}; legg den til i "
        "taxonomy.toml eller rett etiketten",
    },
    "import.not-a-count": {
        "en": "column {column} holds `{value}`, which is not a whole number",
        "nb": "kolonne {column} har `{value}`, som ikke er et helt tall",
    },
    "import.row-sum": {
        "en": "the sum column says {given}, the months add up to {total}",
        "nb": "sumkolonnen sier {given}, månedene summeres til {total}",
    },
    "import.section-sum": {
        "en": "the sum row says {given} in column {column}, the rows above add up to {total}",
        "nb": "sumraden sier {given} i kolonne {column}, radene over summeres til {total}",
    },
    "import.account": {
        "en": "{rows} imported; {months} written ({first} to {last}){backups}",
        "nb": "{rows} importert; {months} skrevet ({first} til {last}){backups}",
    },
    "import.nothing": {
        "en": "the workbook holds no counts",
        "nb": "arbeidsboken har ingen tall",
    },
    "import.refused": {
        "en": (
            "{n} problem in the workbook; nothing was written",
            "{n} problems in the workbook; nothing was written",
        ),
        "nb": (
            "{n} problem i arbeidsboken; ingenting ble skrevet",
            "{n} problemer i arbeidsboken; ingenting ble skrevet",
        ),
    },
    # --- alarm.toml ---------------------------------------------------------------------
    "config.unreadable": {
        "en": "cannot read the settings: {reason}",
        "nb": "kan ikke lese innstillingene: {reason}",
    },
    "config.unknown-key": {
        "en": "`{path}` is not a setting alarm knows; check its spelling ({doc})",
        "nb": "`{path}` er ingen innstilling alarm kjenner; sjekk stavemåten ({doc})",
    },
    "config.invalid": {
        "en": "`{path}` must be a whole number from 0 to 1000",
        "nb": "`{path}` må være et helt tall fra 0 til 1000",
    },
    "config.invalid-report": {
        "en": "`{path}` is not a value it can take (colours as #rrggbb, chapters as lists of "
        "ids: docs/report.md)",
        "nb": "`{path}` har en verdi den ikke kan ha (farger som #rrggbb, kapitler som lister "
        "med id-er: docs/report.md)",
    },
    "usage.xlsx-needs-output": {
        "en": "--format xlsx writes a workbook: give --output FILE.xlsx",
        "nb": "--format xlsx skriver en arbeidsbok: gi --output FIL.xlsx",
    },
    "cache.cleared": {
        "en": ("Removed {n} kept output from {where}", "Removed {n} kept outputs from {where}"),
        "nb": ("Fjernet {n} lagret utdata fra {where}", "Fjernet {n} lagrede utdata fra {where}"),
    },
    "suppress.unprotectable": {
        "en": "the figures cannot be published at threshold {threshold} consistently with "
        "the year's other figures: with every count of this table that may be hidden "
        "hidden, a hidden count can still be worked out to within less than {threshold} "
        "(docs/suppression.md, rule 4)",
        "nb": "tallene kan ikke publiseres med terskel {threshold} i samsvar med årets andre "
        "tall: selv med alle tallene i denne tabellen som kan skjules skjult, kan et skjult "
        "tall regnes ut til nærmere enn {threshold} (docs/suppression.md, regel 4)",
    },
    "usage.suppress-lower": {
        "en": "--suppress {option} is lower than the threshold {threshold} that {file} sets "
        "for every published figure; lower it in that file if you mean to",
        "nb": "--suppress {option} er lavere enn terskelen {threshold} som {file} setter "
        "for alle publiserte tall; senk den i den filen hvis det er meningen",
    },
    # --- taxonomy.toml ------------------------------------------------------------------
    "taxonomy.group-is-id": {
        "en": "group `{group}` has the id of a {dimension} category; give the group its own id",
        "nb": "gruppen `{group}` har id-en til en {dimension}-kategori; gi gruppen en egen id",
    },
    "taxonomy.group-member": {
        "en": "group `{group}` names `{member}`, which is no {dimension} id{hint}",
        "nb": "gruppen `{group}` nevner `{member}`, som ikke er en {dimension}-id{hint}",
    },
    "taxonomy.not-utf8": {"en": "not UTF-8 text ({reason})", "nb": "ikke UTF-8-tekst ({reason})"},
    "taxonomy.not-toml": {"en": "not valid TOML: {reason}", "nb": "ikke gyldig TOML: {reason}"},
    "taxonomy.bad-id": {
        "en": "`{path}` is not a valid id: use lower-case letters a-z, digits and _",
        "nb": "`{path}` er ikke en gyldig id: bruk små bokstaver a-z, sifre og _",
    },
    "toml.missing": {"en": "`{path}` is missing", "nb": "`{path}` mangler"},
    "taxonomy.unknown-key": {
        "en": "`{path}` is not a key a taxonomy has; check its spelling",
        "nb": "`{path}` er ingen nøkkel i en taksonomi; sjekk stavemåten",
    },
    "taxonomy.not-text": {
        "en": "`{path}` must be text in quotes",
        "nb": "`{path}` må være tekst i anførselstegn",
    },
    "taxonomy.empty-text": {"en": "`{path}` is empty", "nb": "`{path}` er tom"},
    "taxonomy.not-table": {
        "en": "`{path}` must be a table of ids, each with nb and en labels",
        "nb": "`{path}` må være en tabell med id-er, hver med nb- og en-etiketter",
    },
    "taxonomy.not-list": {
        "en": '`{path}` must be a list such as ["5-13", "13-16"]',
        "nb": '`{path}` må være en liste som ["5-13", "13-16"]',
    },
    "taxonomy.bad-band": {
        "en": "`{path}`: `{value}` is not an age band from {low} to {high} such as 5-13",
        "nb": "`{path}`: `{value}` er ikke en aldersgruppe fra {low} til {high} som 5-13",
    },
    "taxonomy.invalid": {
        "en": "`{path}` is not valid here",
        "nb": "`{path}` er ikke gyldig her",
    },
    "taxonomy.years-backwards": {
        "en": "`{path}`: valid_from is after valid_to ({years})",
        "nb": "`{path}`: valid_from er etter valid_to ({years})",
    },
    "taxonomy.orphan-topic": {
        "en": "sub-topic `{topic}` has no group `{group}`; add the group too",
        "nb": "undertemaet `{topic}` har ingen gruppe `{group}`; legg til gruppen også",
    },
    "row.duration-without-contacts": {
        "en": "{metric} sums {seconds} seconds over {of} contacts, but the same month, channel "
        "and category have {missing} {of} count; a mean needs both",
        "nb": "{metric} summerer {seconds} sekunder over {of}-henvendelser, men samme måned, "
        "kanal og kategori har {missing} {of}-tall; et snitt trenger begge",
    },
    "row.closed-month": {
        "en": "{channel} was not open in {month} ({where}: {open}), yet the month has counts",
        "nb": "{channel} var ikke åpen i {month} ({where}: {open}), men måneden har tall",
    },
    "row.closed-hour": {
        "en": "{channel} was closed at {hours} throughout {month} ({where}: open {open}), "
        "yet this row counts {count}",
        "nb": "{channel} var stengt kl. {hours} hele {month} ({where}: åpent {open}), "
        "men raden teller {count}",
    },
    "row.closed-day": {
        "en": "{channel} was closed on {day} ({where}), yet this row counts {count}",
        "nb": "{channel} var stengt {day} ({where}), men raden teller {count}",
    },
    "taxonomy.bad-channel": {
        "en": "`service.{value}`: `{value}` is not a channel{hint}",
        "nb": "`service.{value}`: `{value}` er ingen kanal{hint}",
    },
    "taxonomy.not-date": {
        "en": "`{path}`: `{value}` is not a date; write it as 2024-01-01, without quotes",
        "nb": "`{path}`: `{value}` er ingen dato; skriv den som 2024-01-01, uten anførselstegn",
    },
    "taxonomy.bad-hours": {
        "en": "`{path}`: `{value}` is not clock hours HH-HH such as 14-24, 22-08 or 00-24",
        "nb": "`{path}`: `{value}` er ikke klokketimer TT-TT som 14-24, 22-08 eller 00-24",
    },
    "taxonomy.empty-hours": {
        "en": "`{path}`: an empty range of hours; write 00-24 for round the clock, [] for closed",
        "nb": "`{path}`: et tomt tidsrom; skriv 00-24 for hele døgnet, [] for stengt",
    },
    "taxonomy.bad-weekday": {
        "en": "`{path}`: `{value}` is not a weekday (mon, tue … sun){hint}",
        "nb": "`{path}`: `{value}` er ingen ukedag (mon, tue … sun){hint}",
    },
    "taxonomy.service-not-list": {
        "en": "`{path}` must be a list such as {example}",
        "nb": "`{path}` må være en liste som {example}",
    },
    "taxonomy.no-weekdays": {
        "en": "`{path}` lists no weekday; leave it out for all seven",
        "nb": "`{path}` har ingen ukedager; utelat den for alle sju",
    },
    "taxonomy.closed-before-opened": {
        "en": "`{path}`: `closed` is before `opened`",
        "nb": "`{path}`: `closed` er før `opened`",
    },
    # --- contact logs and aggregate -----------------------------------------------------
    "log.not-regular": {
        "en": "not a regular file (a pipe or a device?); save the log to a file first",
        "nb": "ikke en vanlig fil (en pipe eller en enhet?); lagre loggen i en fil først",
    },
    "log.not-utf8": {
        "en": "not UTF-8 text; save the log as UTF-8",
        "nb": "ikke UTF-8-tekst; lagre loggen som UTF-8",
    },
    "log.damaged-gzip": {
        "en": "the compressed data is damaged or cut short",
        "nb": "de komprimerte dataene er skadet eller avkortet",
    },
    "log.damaged": {"en": "the file is damaged", "nb": "filen er skadet"},
    "log.missing-column": {
        "en": "missing required column `{column}`",
        "nb": "mangler den påkrevde kolonnen `{column}`",
    },
    "aggregate.closed": {
        "en": "the logs have contacts when taxonomy.toml's service calendar has the channel "
        "closed ({n} counts); nothing written: correct the calendar, or the log",
        "nb": "loggene har henvendelser da tjenestekalenderen i taxonomy.toml har kanalen "
        "stengt ({n} tall); ingenting skrevet: rett kalenderen, eller loggen",
    },
    "log.missing": {"en": "missing {column}", "nb": "{column} mangler"},
    "log.bad-time-of": {
        "en": "{column} `{value}` is not an ISO 8601 date and time (2024-03-05T22:14:03)",
        "nb": "{column} `{value}` er ikke dato og klokkeslett etter ISO 8601 (2024-03-05T22:14:03)",
    },
    "log.time-order": {
        "en": "{column} `{value}` is before {earlier}",
        "nb": "{column} `{value}` er før {earlier}",
    },
    "log.missed-answered": {
        "en": "a missed contact has answered_at `{value}`; leave it empty, or make the "
        "status answered",
        "nb": "en tapt henvendelse har answered_at `{value}`; la den stå tom, eller sett "
        "status til answered",
    },
    "log.bad-time": {
        "en": "started_at `{value}` is not an ISO 8601 date and time "
        "(2024-03-05T22:14:03, or with an offset: +01:00, Z)",
        "nb": "started_at `{value}` er ikke dato og klokkeslett etter ISO 8601 "
        "(2024-03-05T22:14:03, eller med tidssone: +01:00, Z)",
    },
    "log.unknown-choice": {
        "en": "unknown {column} `{value}`{hint}; expected {choices}",
        "nb": "ukjent {column} `{value}`{hint}; gyldige verdier er {choices}",
    },
    "log.control": {"en": "holds a control character", "nb": "har et kontrolltegn"},
    "log.age-range": {
        "en": "age {age} is out of range {low}-{high}",
        "nb": "alder {age} er utenfor {low}-{high}",
    },
    "log.age-not-number": {
        "en": "age `{value}` is not a whole number of years or `unknown`",
        "nb": "alder `{value}` er ikke et helt antall år eller `unknown`",
    },
    "aggregate.bad-rows": {
        "en": (
            "{n} bad row; nothing written (give --rejects FILE to set it aside and count the rest)",
            "{n} bad rows; nothing written (give --rejects FILE to set them aside and count "
            "the rest)",
        ),
        "nb": (
            "{n} feil rad; ingenting skrevet (gi --rejects FIL for å legge den til side og "
            "telle resten)",
            "{n} feil rader; ingenting skrevet (gi --rejects FIL for å legge dem til side og "
            "telle resten)",
        ),
    },
    "aggregate.no-contacts": {
        "en": "no contacts in {logs}; nothing written",
        "nb": "ingen henvendelser i {logs}; ingenting skrevet",
    },
    "aggregate.exists": {
        "en": (
            "the month file for {months} already exists; give --replace to overwrite it "
            "(the old file is kept as a backup)",
            "the month files for {months} already exist; give --replace to overwrite them "
            "(the old files are kept as backups)",
        ),
        "nb": (
            "månedsfilen for {months} finnes allerede; gi --replace for å erstatte den "
            "(den gamle filen beholdes som sikkerhetskopi)",
            "månedsfilene for {months} finnes allerede; gi --replace for å erstatte dem "
            "(de gamle filene beholdes som sikkerhetskopier)",
        ),
    },
    "aggregate.unknown-tz": {
        "en": "unknown time zone `{tz}`{hint}; use an IANA name such as Europe/Oslo",
        "nb": "ukjent tidssone `{tz}`{hint}; bruk et IANA-navn som Europe/Oslo",
    },
    "aggregate.log-twice": {
        "en": "the log {log} is given twice; give each log once, or it would be counted twice",
        "nb": "loggen {log} er gitt to ganger; gi hver logg én gang, ellers telles den dobbelt",
    },
    "aggregate.log-same-file": {
        "en": "the log {log} is the same file as {first}; give each log once, or it would be "
        "counted twice",
        "nb": "loggen {log} er samme fil som {first}; gi hver logg én gang, ellers telles den "
        "dobbelt",
    },
    "aggregate.rejects-is-log": {
        "en": "--rejects {path} is one of the logs being read; inputs are never changed",
        "nb": "--rejects {path} er en av loggene som leses; inndata endres aldri",
    },
    "aggregate.rejects-inside": {
        "en": "--rejects {path} is inside the data directory, where it would be read as a "
        "count file; write it elsewhere",
        "nb": "--rejects {path} ligger i datamappen, der den ville bli lest som en tellefil; "
        "skriv den et annet sted",
    },
    "aggregate.account": {
        "en": "{rows} read, {aggregated} aggregated, {rejected} rejected{rejects}; "
        "{months} written{span}{backups}",
        "nb": "{rows} lest, {aggregated} talt, {rejected} avvist{rejects}; "
        "{months} skrevet{span}{backups}",
    },
    "aggregate.rejects-to": {"en": " (to {path})", "nb": " (til {path})"},
    "aggregate.span-one": {"en": " ({first})", "nb": " ({first})"},
    "aggregate.span": {"en": " ({first} to {last})", "nb": " ({first} til {last})"},
    "aggregate.backups-kept": {"en": "; {backups} kept", "nb": "; {backups} beholdt"},
    "aggregate.no-backup-name": {
        "en": "cannot find a free backup name beside {path}",
        "nb": "finner ikke et ledig navn for sikkerhetskopi ved siden av {path}",
    },
    # --- notes under a table (warnings with csv and json) ----------------------------------
    "note.subject": {"en": "{channel} {metric}", "nb": "{channel} {metric}"},
    "note.campaign-subject": {
        "en": "{subject} of the campaign {campaign}",
        "nb": "{subject} i kampanjen {campaign}",
    },
    "note.partial-list": {
        "en": "{subject} ({period}): a partial list ({n} of the categories, as published), "
        "so its rows add up to less than the total",
        "nb": "{subject} ({period}): en delvis liste ({n} av kategoriene, slik de er "
        "publisert), så radene summeres til mindre enn totalen",
    },
    "note.no-total": {
        "en": "{subject} ({period}): the data has no total, so no shares",
        "nb": "{subject} ({period}): dataene har ingen total, så ingen andeler",
    },
    "note.non-additive-rows": {
        "en": "{subject}: one person can count in several categories ({metric} are not "
        "added up), so the rows may add up to more than the total",
        "nb": "{subject}: én person kan telle i flere kategorier ({metric} summeres ikke), "
        "så radene kan summeres til mer enn totalen",
    },
    "note.measured": {
        "en": "{subject}: the figure measured over {measured} ({where}); {metric} do not "
        "add up across months, so it has no per-month or per-day figure and no peak month",
        "nb": "{subject}: tallet målt over {measured} ({where}); {metric} kan ikke summeres "
        "over måneder, så det har ikke tall pr. måned eller pr. døgn og ingen toppmåned",
    },
    "note.not-measured": {
        "en": "{subject}: none shown for {period}; {metric} do not add up across months, "
        "and no period file holds a figure measured over {period} (alarm series shows "
        "each month's own)",
        "nb": "{subject}: ikke vist for {period}; {metric} kan ikke summeres over måneder, "
        "og ingen periodefil har et tall målt over {period} (alarm series viser hver "
        "måneds eget)",
    },
    "note.subject-by": {
        "en": "{channel} {metric} by {dimension}",
        "nb": "{channel} {metric} fordelt på {dimension}",
    },
    "note.all-channels-new": {
        "en": "all channels: each period counts the channels that had data then; new in "
        "{year}: {channels}",
        "nb": "alle kanaler: hver periode teller kanalene som hadde tall da; nye i {year}: "
        "{channels}",
    },
    "note.all-channels-gone": {
        "en": "all channels: each period counts the channels that had data then; in {last} "
        "but not in {year}: {channels}",
        "nb": "alle kanaler: hver periode teller kanalene som hadde tall da; i {last}, men "
        "ikke i {year}: {channels}",
    },
    "note.over-channels": {
        "en": "{subject}: the sum of the channels that record {dimension}: {channels}",
        "nb": "{subject}: summen av kanalene som registrerer {dimension}: {channels}",
    },
    "note.group-sum": {
        "en": "{group} adds up {members}: a contact with several of them counts once for "
        "each, so it counts mentions, at most that many contacts",
        "nb": "{group} er summen av {members}: en henvendelse med flere av dem telles én "
        "gang for hver, så tallet teller omtaler, høyst så mange henvendelser",
    },
    "note.none-this-year": {
        "en": "{subject}: data in {last} but none in {year}",
        "nb": "{subject}: tall for {last}, men ingen for {year}",
    },
    "note.opening-assumption": {
        "en": "{channel}: last year's ({last}) answered contacts in the hours closed this "
        "year, month by month (hours closed every day of the month): what those hours would "
        "have had if they had stayed open and demand had not changed",
        "nb": "{channel}: fjorårets ({last}) besvarte henvendelser i timene som er stengt i år, "
        "måned for måned (timer stengt hver dag i måneden): det de timene ville hatt om de "
        "hadde vært åpne og pågangen var som i fjor",
    },
    "note.opening-no-hours": {
        "en": "{channel}: no hour breakdown for {months}; those months are left out",
        "nb": "{channel}: ingen fordeling på timer for {months}; de månedene er utelatt",
    },
    "note.opening-varies": {
        "en": "{channel}: the closed hours differ between months; closed_hours lists them all",
        "nb": "{channel}: de stengte timene varierer mellom månedene; «Stengt kl.» viser alle",
    },
    "note.compare-unsummed": {
        "en": "{subject}: not compared here, as they do not add up across months; alarm "
        "summary compares the figures measured over each period",
        "nb": "{subject}: ikke sammenlignet her, fordi de ikke kan legges sammen over "
        "måneder; alarm summary sammenligner tallene målt over hver periode",
    },
    "note.web-across": {
        "en": "tables measured over {periods} reach outside {period} and are left out; ask "
        "for a period that holds them",
        "nb": "tabeller målt over {periods} går utenfor {period} og er utelatt; be om en "
        "periode som rommer dem",
    },
    "note.times-rate-months": {
        "en": "{channel}: the answer rate is over the months with both answered and missed "
        "contacts; {months} left out",
        "nb": "{channel}: svarprosenten gjelder månedene med både besvarte og tapte "
        "henvendelser; {months} er utelatt",
    },
    "note.times-months": {
        "en": "{channel}: no {metric} for {months}; its mean is over the other months",
        "nb": "{channel}: ingen {metric} for {months}; snittet gjelder de andre månedene",
    },
    "note.open-days": {
        "en": "{channel}: per day over the {days} days it was open, not all {every} ({where})",
        "nb": "{channel}: per døgn over de {days} dagene den var åpen, ikke alle {every} ({where})",
    },
    "note.months-missing": {
        "en": "{subject}: {n} of {of} months in {year} (no data for {missing}); totals cover "
        "those months only",
        "nb": "{subject}: {n} av {of} måneder i {year} (mangler {missing}); summene gjelder "
        "bare disse månedene",
    },
    "note.no-previous": {
        "en": "{subject}: no previous-year figure, {last} lacks {missing}",
        "nb": "{subject}: ingen tall for fjoråret, {last} mangler {missing}",
    },
    "note.left-out": {
        "en": "{subject}: left out {months}, which the other year lacks",
        "nb": "{subject}: utelatt {months}, som det andre året mangler",
    },
    "note.multi-label": {
        "en": "{subject}: one contact can have several {dimension} categories, so the shares "
        "add up to more than 100 %",
        "nb": "{subject}: én henvendelse kan ha flere kategorier for {dimension}, så andelene "
        "summeres til mer enn 100 %",
    },
    "note.busiest-day": {
        "en": "{subject}: the busiest day was {day} with {count}",
        "nb": "{subject}: travleste døgn var {day} med {count}",
    },
    "note.breakdown-months": {
        "en": "{subject}: {dimension} is recorded for {n} months of {year}; shares are of "
        "those months' total",
        "nb": "{subject}: {dimension} er registrert for {n} måneder i {year}; andelene gjelder "
        "disse månedenes sum",
    },
    "note.compare-reversed": {
        "en": "{year_a} is later than {year_b}: every change is from {year_a} to {year_b}; "
        "`alarm compare {year_b} {year_a}` gives the change since {year_b}",
        "nb": "{year_a} er senere enn {year_b}: hver endring går fra {year_a} til {year_b}; "
        "`alarm compare {year_b} {year_a}` gir endringen siden {year_b}",
    },
    # --- figures: what cannot be answered -------------------------------------------------
    "figures.no-web": {
        "en": "no website or campaign table measured within {period}; the period files "
        "have {years}",
        "nb": "ingen nettside- eller kampanjetabell målt innenfor {period}; periodefilene "
        "har {years}",
    },
    "figures.no-web-by": {
        "en": "no table by {by} measured within {period} (alarm web {period} shows what is)",
        "nb": "ingen tabell fordelt på {by} målt innenfor {period} (alarm web {period} viser "
        "hva som finnes)",
    },
    "figures.no-year": {
        "en": "no data for {year}; the data has years {years}",
        "nb": "ingen tall for {year}; dataene har årene {years}",
    },
    "figures.no-all": {
        "en": "alarm {command} works channel by channel: leave out --channel all, or name one",
        "nb": "alarm {command} regner kanal for kanal: dropp --channel all, eller velg én",
    },
    "figures.no-times": {
        "en": "no answer times or missed contacts in {year}: the count files need "
        "answer_seconds, talk_seconds, abandon_seconds or missed rows",
        "nb": "ingen svartider eller tapte henvendelser i {year}: tellefilene trenger "
        "answer_seconds-, talk_seconds-, abandon_seconds- eller missed-rader",
    },
    "figures.no-channel-year": {
        "en": "no data for {channel} in {year}; the data has years {years}",
        "nb": "ingen tall for {channel} i {year}; dataene har årene {years}",
    },
    "figures.no-years": {
        "en": "none in the monthly count files",
        "nb": "ingen i månedsfilene",
    },
    "figures.unknown-channel": {
        "en": "unknown channel `{value}`; it is one of {choices}",
        "nb": "ukjent kanal `{value}`; gyldige kanaler er {choices}",
    },
    "figures.compare-by": {
        "en": "cannot compare by `{value}`; --by takes one of {choices}",
        "nb": "kan ikke sammenligne etter `{value}`; --by tar en av {choices}",
    },
    "figures.compare-month-unaligned": {
        "en": "--by month compares the same months of two years; {a} and {b} are not the "
        "same months (compare their totals, or use alarm series)",
        "nb": "--by month sammenligner de samme månedene i to år; {a} og {b} er ikke de "
        "samme månedene (sammenlign summene, eller bruk alarm series)",
    },
    "figures.crosstab-same": {
        "en": "a cross-tab needs two different dimensions, not {dimension} twice",
        "nb": "en krysstabell trenger to forskjellige dimensjoner, ikke {dimension} to ganger",
    },
    "figures.no-crosstab": {
        "en": "no {rows}*{columns} cross-tab in {year}: the count files have no such rows",
        "nb": "ingen krysstabell {rows}*{columns} i {year}: tellefilene har ingen slike rader",
    },
    "figures.same-year": {
        "en": "compare needs two different periods, not {year} twice",
        "nb": "compare trenger to forskjellige perioder, ikke {year} to ganger",
    },
    "figures.no-common-months": {
        "en": "{year_a} and {year_b} have no {by} data for the same months",
        "nb": "{year_a} og {year_b} har ikke tall for {by} for de samme månedene",
    },
    "figures.no-sites": {
        "en": "{channel} has no counts by site in {year}",
        "nb": "{channel} har ingen tall fordelt på svarsted i {year}",
    },
    "figures.breakdown-by": {
        "en": "cannot break down by `{value}`; --by takes one of {choices}",
        "nb": "kan ikke fordele på `{value}`; --by tar en av {choices}",
    },
    "figures.bands": {
        "en": "--bands goes with --by age",
        "nb": "--bands hører sammen med --by age",
    },
    "figures.no-breakdown": {
        "en": "no counts by {dimension} in {year}",
        "nb": "ingen tall fordelt på {dimension} i {year}",
    },
    "figures.no-breakdown-channel": {
        "en": "no counts by {dimension} in {year} for {channel}",
        "nb": "ingen tall fordelt på {dimension} i {year} for {channel}",
    },
    # --- the annual report ------------------------------------------------------------
    "report.default-name": {"en": "Annual report", "nb": "Årsrapport"},
    "report.subtitle": {"en": "Figures for {year}", "nb": "Tall for {year}"},
    "report.made": {"en": "made {date}", "nb": "laget {date}"},
    "report.key-figures": {"en": "Key figures", "nb": "Nøkkeltall"},
    "report.key-line": {
        "en": "{channel}: {total} answered contacts, {change} from {last} ({previous}).",
        "nb": "{channel}: {total} besvarte henvendelser, {change} fra {last} ({previous}).",
    },
    "report.channel": {"en": "{channel}", "nb": "{channel}"},
    "report.channel-line": {
        "en": "{total} answered contacts: {per_month} a month, {per_day} a day.",
        "nb": "{total} besvarte henvendelser: {per_month} i måneden, {per_day} i døgnet.",
    },
    # the busiest and quietest month; one whose count is hidden is not named
    "report.extremes": {
        "en": "Most in {peak} ({peak_count}), fewest in {low} ({low_count}).",
        "nb": "Flest i {peak} ({peak_count}), færrest i {low} ({low_count}).",
    },
    "report.extremes-no-peak": {
        "en": "Fewest in {low} ({low_count}); the busiest month is not published.",
        "nb": "Færrest i {low} ({low_count}); måneden med flest er ikke publisert.",
    },
    "report.extremes-no-low": {
        "en": "Most in {peak} ({peak_count}); the quietest month is not published.",
        "nb": "Flest i {peak} ({peak_count}); måneden med færrest er ikke publisert.",
    },
    "report.extremes-hidden": {
        "en": "The busiest and the quietest month are not published.",
        "nb": "Månedene med flest og færrest er ikke publisert.",
    },
    "report.answer-rate": {"en": "Answer rate {rate}.", "nb": "Svarprosent {rate}."},
    "report.mean-answer": {
        "en": "Mean time to answer {value} {unit}.",
        "nb": "Gjennomsnittlig svartid {value} {unit}.",
    },
    "report.mean-talk": {
        "en": "Mean length {value} {unit}.",
        "nb": "Gjennomsnittlig samtaletid {value} {unit}.",
    },
    "report.mean-abandon": {
        "en": "Missed contacts waited {value} {unit} on average.",
        "nb": "Tapte henvendelser ventet i snitt {value} {unit}.",
    },
    "report.no-channel": {
        "en": "{channel}: no answered contacts in the data this year, so no chapter",
        "nb": "{channel}: ingen besvarte henvendelser i dataene dette året, så intet kapittel",
    },
    "report.answered": {"en": "answered", "nb": "besvart"},
    "report.missed": {"en": "missed", "nb": "tapt"},
    "report.per-month": {"en": "{channel} per month", "nb": "{channel} per måned"},
    "report.hours": {
        "en": "{channel}: time of day (answered contacts)",
        "nb": "{channel}: når på døgnet (besvarte henvendelser)",
    },
    "report.by": {"en": "By {dimension}", "nb": "Fordelt på {dimension}"},
    "report.age-group": {"en": "Children aged {band}", "nb": "Barn {band} år"},
    "report.age-group-line": {
        "en": "What children aged {band} talked about: each topic's share of the contacts "
        "in the age group (one contact may have several topics).",
        "nb": "Hva barn {band} år snakket om: hvert temas andel av henvendelsene i "
        "aldersgruppen (én henvendelse kan ha flere tema).",
    },
    "report.no-age-group": {
        "en": "the chapter on children aged {band} needs topic*age rows in the count files",
        "nb": "kapittelet om barn {band} år trenger topic*age-rader i tellefilene",
    },
    "report.web": {"en": "The website", "nb": "Nettsiden"},
    "report.web-per-month": {
        "en": "Visits and page views per month",
        "nb": "Besøk og sidevisninger per måned",
    },
    "report.web-line": {
        "en": "The website had {figures}.",
        "nb": "Nettsiden hadde {figures}.",
    },
    "report.web-users": {
        "en": "The users are unique users as measured over {period}, not the months' users "
        "added up.",
        "nb": "Brukerne er unike brukere målt over {period}, ikke månedenes brukere lagt sammen.",
    },
    "report.figure": {"en": "{count} {metric}", "nb": "{count} {metric}"},
    "report.web-table": {
        "en": "Website {metric} by {dimension}, {period}",
        "nb": "Nettsidens {metric} fordelt på {dimension}, {period}",
    },
    "report.web-chart": {
        "en": "The website by {dimension}, {period}",
        "nb": "Nettsiden fordelt på {dimension}, {period}",
    },
    "report.top": {
        "en": "{caption} (the {n} largest)",
        "nb": "{caption} (de {n} største)",
    },
    "report.visits": {"en": "visits", "nb": "besøk"},
    "report.pageviews": {"en": "page views", "nb": "sidevisninger"},
    "report.no-web": {
        "en": "the website chapter needs web visits in the count files or a period file",
        "nb": "kapittelet om nettsiden trenger besøkstall (web) i tellefilene eller en periodefil",
    },
    "report.campaigns": {"en": "Campaigns", "nb": "Kampanjer"},
    "report.campaign-line": {
        "en": "{campaign} ({period}): {figures}.",
        "nb": "{campaign} ({period}): {figures}.",
    },
    "report.campaigns-table": {"en": "Campaigns {year}", "nb": "Kampanjer {year}"},
    "report.no-campaigns": {
        "en": "the campaigns chapter needs campaign figures in a period file (docs/count-files.md)",
        "nb": "kapittelet om kampanjer trenger kampanjetall i en periodefil (docs/count-files.md)",
    },
    "report.opening-hours": {"en": "Opening hours", "nb": "Åpningstid"},
    "report.opening-line": {
        "en": "{channel} was closed at {hours} in {year}. In {last}, {count} contacts were "
        "answered in those hours ({share} of {total}): contacts that could have been answered "
        "had the hours stayed open, if demand was as the year before.",
        "nb": "{channel} var stengt kl. {hours} i {year}. I {last} ble {count} henvendelser "
        "besvart i de timene ({share} av {total}): henvendelser som kunne vært besvart om "
        "åpningstiden var den samme, hvis pågangen var som året før.",
    },
    "report.opening-range": {
        "en": "{count} of them at {hours}.",
        "nb": "{count} av disse kl. {hours}.",
    },
    "report.opening-chart": {
        "en": "{channel} {last} by hour: in hours open or closed in {year}",
        "nb": "{channel} {last} fordelt på time: i timer som er åpne eller stengt i {year}",
    },
    "report.open": {"en": "open", "nb": "åpent"},
    "report.closed": {"en": "closed", "nb": "stengt"},
    "report.no-opening-hours": {
        "en": "the opening-hours chapter needs a service calendar in taxonomy.toml "
        "([service.CHANNEL]) with hours closed this year, and last year's hour breakdown",
        "nb": "kapittelet om åpningstid trenger en tjenestekalender i taxonomy.toml "
        "([service.CHANNEL]) med timer stengt i år, og fjorårets fordeling på timer",
    },
    "report.notes": {"en": "Notes", "nb": "Merknader"},
    "report.contents": {"en": "Contents", "nb": "Innhold"},
    "usage.chart-format": {
        "en": "--output must end in .svg or .png, not `{value}`",
        "nb": "--output må slutte på .svg eller .png, ikke `{value}`",
    },
    "usage.report-format": {
        "en": "--output must end in .html, .pdf or .md, not `{value}`",
        "nb": "--output må slutte på .html, .pdf eller .md, ikke `{value}`",
    },
    # --- titles of tables ------------------------------------------------------------------
    "title.summary": {"en": "Key figures {year}", "nb": "Nøkkeltall {year}"},
    "title.web": {
        "en": "Website and campaigns {period}",
        "nb": "Nettside og kampanjer {period}",
    },
    "title.compare": {
        "en": "{year_a} compared with {year_b}",
        "nb": "{year_a} sammenlignet med {year_b}",
    },
    "title.crosstab": {
        "en": "{year}: {rows} by {columns}",
        "nb": "{year}: {rows} fordelt på {columns}",
    },
    "title.series": {"en": "Month by month {year}", "nb": "Måned for måned {year}"},
    "title.opening": {"en": "Opening hours {year}", "nb": "Åpningstid {year}"},
    "title.times": {"en": "Answer times {year}", "nb": "Svartider {year}"},
    "title.sites": {"en": "Answering sites {year}", "nb": "Svarsteder {year}"},
    "title.breakdown": {"en": "{year} by {dimension}", "nb": "{year} fordelt på {dimension}"},
    # --- progress of a long run -------------------------------------------------------------
    "progress.reading": {"en": "reading {path}", "nb": "leser {path}"},
    "progress.writing": {"en": "writing month files", "nb": "skriver månedsfiler"},
    "progress.done": {"en": "done", "nb": "ferdig"},
}

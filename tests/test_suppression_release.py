"""Figure commands published together: two commands at one threshold pin no hidden count.

Each command's table is published with the year's base release (``alarmcli.yearly``), so
what one command hides another does not give away. The pairs are the independent
attack's, on the examples: protected alone, each pair let a reader work a hidden count
out exactly. The tables are the ones the CLI shows (captured at ``show``), attacked
together as ``alarm audit`` attacks a release.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from alarmcli.audit import audit
from alarmcli.cli import common
from alarmcli.figures import Table
from conftest import invoke

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "data"
CHAT_TOPIC_AGE = ["crosstab", "2024", "--rows", "topic", "--columns", "age", "-c", "chat"]


def shown(monkeypatch: pytest.MonkeyPatch, *args: str, n: int) -> Table:
    """The table ``alarm ARGS --suppress N`` publishes on the examples."""
    tables: list[Table] = []
    monkeypatch.setattr(common, "show", lambda table, *_: tables.append(table))
    result = invoke(*args, "-d", EXAMPLES, "--suppress", str(n))
    assert result.exit_code == 0, result.output
    (table,) = tables
    return table


@pytest.mark.parametrize(
    ("commands", "n"),
    [
        ([CHAT_TOPIC_AGE, ["breakdown", "2024", "--by", "topic", "-c", "chat"]], 5),
        ([["series", "2024", "-c", "email"], ["summary", "2024"]], 15),
        ([["sites", "2024", "-c", "phone"], ["sites", "2024", "-c", "phone", "--groups"]], 50),
        (
            [["breakdown", "2024", "--by", "day", "-c", "chat"], ["series", "2024", "-c", "chat"]],
            15,
        ),
    ],
)
def test_commands_together_pin_no_hidden_count(
    monkeypatch: pytest.MonkeyPatch, commands: list[list[str]], n: int
) -> None:
    """Each pair (protected alone, it pinned a count: a cross-tab's cell from the topic's
    row, email's July from the year's total, Unknown from Finnmark's group, ung.no's other
    a day from its month) leaves every hidden count at
    least N wide when attacked together."""
    tables = [shown(monkeypatch, *args, n=n) for args in commands]
    findings = audit(tables, n)
    assert findings, "nothing hidden: the pair tests nothing"
    assert [f.key for f in findings if not f.safe] == []


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def run(*args: str, n: int) -> list[dict[str, str]]:
    """The csv rows ``alarm ARGS --suppress N`` prints on the examples."""
    result = invoke(*args, "-d", EXAMPLES, "--suppress", str(n), "-f", "csv")
    assert result.exit_code == 0, result.output
    return rows(result.stdout)


def test_a_topic_row_does_not_give_away_the_cross_tab_s_hidden_cell() -> None:
    """The cross-tab hides harassment by parents at age 7. Protected alone it hid no other
    cell of that topic, and the breakdown by topic showed the topic's 373 (the other ages
    add up to 372): now the topic's row is hidden, or at least two of its cells are."""
    topic = "conflict/parents_harassment"
    crosstab = run(*CHAT_TOPIC_AGE, n=5)
    cells = {r["column_category"]: r["count"] for r in crosstab if r["row_category"] == topic}
    assert cells["7"] == "c"
    breakdown = run("breakdown", "2024", "--by", "topic", "-c", "chat", n=5)
    row = {r["category"]: r["count"] for r in breakdown}[topic]
    assert row == "c" or sum(v == "c" for v in cells.values()) >= 2


def test_a_month_does_not_give_away_its_hidden_day() -> None:
    """Chat's 29 June 2024 is hidden at 15; protected alone, the series showed June, and
    June less its other days was that day's 14. Now June is hidden, or another day of it."""
    days = {
        r["category"]: r["count"]
        for r in run("breakdown", "2024", "--by", "day", "-c", "chat", n=15)
    }
    assert days["2024-06-29"] == "c"
    series = run("series", "2024", "-c", "chat", n=15)
    (june,) = (r["count"] for r in series if r["month"] == "2024-06" and r["metric"] == "answered")
    hidden_days = sum(v == "c" for d, v in days.items() if d.startswith("2024-06"))
    assert june == "c" or hidden_days >= 2


def test_the_channels_do_not_give_away_ung_no_s_hidden_gender() -> None:
    """ung.no's 24 of gender other is hidden at 50; all's other less chat's and sms's (the
    other channels recording gender) is 24 unless one of them is hidden too."""
    other = {
        channel: {
            r["category"]: r["count"]
            for r in run("breakdown", "2024", "--by", "gender", "-c", channel, n=50)
        }["other"]
        for channel in ("all", "chat", "sms", "ungno")
    }
    assert other["ungno"] == "c"
    assert "c" in (other["all"], other["chat"], other["sms"])


def test_the_report_and_a_command_publish_the_same_release(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The report's tables and ``alarm sites`` (one of the year's tables) are the base
    release's protected copies: the same hidden counts, attacked together in it."""
    from alarmcli import config, dataset, report, yearly

    data, settings = dataset.load(EXAMPLES), config.load(EXAMPLES).report
    release = yearly.chain(data, 2024, 50, settings)[2024].published
    doc = report.build(data, 2024, "en", settings, 50)
    blocks = [b.table for c in doc.chapters for b in c.blocks if isinstance(b, report.TableBlock)]
    assert blocks
    assert all(t in release for t in blocks)
    assert shown(monkeypatch, "sites", "2024", "-c", "phone", n=50) in release


def test_a_table_that_cannot_be_protected_is_an_error_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where hiding every count that may be hidden still leaves one narrower than N,
    nothing is printed but a message saying so, in the reader's language (exit 1)."""
    from alarmcli import suppression, yearly

    def stuck(*_: object, **__: object) -> list[Table]:
        raise suppression.UnprotectableError("a count")

    monkeypatch.setattr(yearly, "protect_with", stuck)
    result = invoke("sites", "2024", "-c", "phone", "-d", EXAMPLES, "--suppress", "3")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "cannot be published at threshold 3 consistently" in result.stderr
    norwegian = invoke("sites", "2024", "-d", EXAMPLES, "--suppress", "3", "--lang", "nb")
    assert "kan ikke publiseres med terskel 3" in norwegian.stderr

"""The busiest and the quietest month: never named where their count is hidden.

A name shown beside a hidden count bounds it by every other month (``lowest`` on a
hidden July: July is at most each published month). So the name goes with the count
(summary's ``peak_month``/``low_month``, series' ``mark``); what a reader still knows,
that a withheld extreme is one of the hidden months, the audit models as a disjunction.
The cases are worked by hand; a brute-force reader checks the audit on random series.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alarmcli import dataset, figures
from alarmcli.audit import audit
from alarmcli.figures import Table
from alarmcli.suppression import SUPPRESSED, key, protect, publish, release
from conftest import invoke, write_counts
from test_suppression_pinned import series, summary

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "data"


def test_summary_hides_a_busiest_month_with_its_count() -> None:
    """Missed chats of 2024 at --suppress 300: the busiest month (March, 155) and the
    quietest (July, 55) are under 300, so neither is named; the year's 1 140 stays."""
    result = invoke("summary", "2024", "-d", EXAMPLES, "--suppress", "300", "-f", "csv")
    assert result.exit_code == 0, result.output
    (row,) = [line for line in result.stdout.splitlines() if line.startswith("chat,missed,")]
    assert row == "chat,missed,2024,1140,865,275,31.8,12,95.0,3.1,c,c,2024,c,c,366"
    plain = invoke("summary", "2024", "-d", EXAMPLES, "-f", "csv").stdout
    assert "chat,missed,2024,1140,865,275,31.8,12,95.0,3.1,2024-03,155,2024,2024-07,55,366" in plain
    table = invoke("summary", "2024", "-d", EXAMPLES, "--suppress", "300", "--lang", "en")
    assert "2024-03" not in table.stdout  # the displayed table: ':' where the month was


def missed_chats(tmp_path: Path, counts: list[int]) -> Table:
    """``alarm series 2024`` of chats missed month by month (and a steady 500 answered)."""
    for m, count in enumerate(counts, start=1):
        month = f"2024-{m:02d}"
        rows = [
            (month, "chat", metric, "total", "", n)
            for metric, n in (("answered", 500), ("missed", count))
        ]
        write_counts(tmp_path, f"{month}.csv", rows)
    return figures.series(dataset.load(tmp_path), 2024)


def marks(table: Table) -> dict[str, object]:
    return {r["month"]: r["mark"] for r in table.records if r["metric"] == "missed"}


def test_a_hidden_month_is_not_marked(tmp_path: Path) -> None:
    """Missed chats 30, 10, 4, 28 at N = 10: March (4) is hidden and so is its mark
    ``lowest``; every hidden month's mark is hidden alike, so the marks tell no hidden
    month from another; January keeps ``peak``."""
    (out,) = protect([missed_chats(tmp_path, [30, 10, 4, 28])], 10)
    hidden = {
        r["month"] for r in out.records if r["metric"] == "missed" and r["count"] is SUPPRESSED
    }
    assert "2024-03" in hidden
    assert {m: v for m, v in marks(out).items() if m in hidden} == dict.fromkeys(hidden, SUPPRESSED)
    assert marks(out)["2024-01"] == "peak"
    assert "lowest" not in marks(out).values()
    result = invoke("series", "2024", "-c", "chat", "-d", tmp_path, "--suppress", "10", "-f", "csv")
    rows = [r for r in csv.DictReader(io.StringIO(result.stdout)) if r["metric"] == "missed"]
    assert [(r["count"], r["mark"]) for r in rows] == [
        ("30", "peak"),
        ("c", "c"),
        ("c", "c"),
        ("28", ""),
    ]


def test_a_withheld_quietest_month_still_bounds_the_only_hidden_month(tmp_path: Path) -> None:
    """Missed chats 30, 10, 4, 28 shown without a total, March alone hidden with its mark:
    no published month is marked ``lowest``, so March is; it is under February's 10 (not
    equal: the earliest of equal months is marked), so 1 to 9, narrower than 10. Hiding
    February too (what suppression does): one of the two is the quietest, each at most 30
    (January, the busiest, is named); each can be anything from 1 to 30."""
    table = missed_chats(tmp_path, [30, 10, 4, 28])
    months = {m: key("chat", "missed", "total", "", [m]) for m in ("2024-02", "2024-03")}
    rel = release([table])
    (only_march,) = publish(rel, {months["2024-03"]})
    assert marks(only_march)["2024-03"] is SUPPRESSED
    found = {f.key[4][0]: (f.low, f.high) for f in audit([only_march], 10)}
    assert found == {"2024-03": (1, 9)}
    both = publish(rel, set(months.values()))
    found = {f.key[4][0]: (f.low, f.high) for f in audit(both, 10)}
    assert found == {"2024-02": (1, 30), "2024-03": (1, 30)}
    (out,) = protect([table], 10)
    hidden = [r["month"] for r in out.records if r["count"] is SUPPRESSED]
    assert hidden == ["2024-02", "2024-03"]  # one month more than March alone


def test_a_named_busiest_month_bounds_the_hidden_months() -> None:
    """Emails of 2024 at --suppress 20: eleven months under 20, December 21 and marked
    ``peak``; shown, it would say that every other month is at most 20 (each earlier
    month fewer than 21): hidden counts from 1 to 20, 19 wide. So December goes too."""
    result = invoke(
        "series", "2024", "-c", "email", "-d", EXAMPLES, "--suppress", "20", "-f", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["count"], r["mark"]) for r in rows] == [("c", "c")] * 12
    plain = list(
        csv.DictReader(
            io.StringIO(invoke("series", "2024", "-c", "email", "-d", EXAMPLES, "-f", "csv").stdout)
        )
    )
    assert (plain[-1]["count"], plain[-1]["mark"]) == ("21", "peak")


def test_the_report_does_not_name_a_hidden_extreme() -> None:
    """The report at --suppress 50: phone's quietest month is hidden, so the sentence on
    phone says it is not published and names only the busiest, with its count; no
    sentence names a month beside a hidden count (before: "fewest in February (:)")."""
    from alarmcli import config
    from alarmcli.report import build

    data = dataset.load(EXAMPLES)
    settings = config.load(EXAMPLES).report
    lines = {
        "en": "14,242 answered contacts: 1,186.8 a month, 38.9 a day. Most in June (1,473); "
        "the quietest month is not published.",
        "nb": "14\u00a0242 besvarte henvendelser: 1\u00a0186,8 i måneden, 38,9 i døgnet. Flest i "
        "juni (1\u00a0473); måneden med færrest er ikke publisert.",
    }
    for lang, line in lines.items():
        document = build(data, 2024, lang, settings, threshold=50)
        (phone,) = [c for c in document.chapters if c.id == "phone"]
        assert phone.blocks[0] == line
        text = " ".join(b for c in document.chapters for b in c.blocks if isinstance(b, str))
        assert not re.search(r"(?<!\w)[^\W\d]+ \(:\)", text)  # a month's name, not a year


# --- a brute-force reader -----------------------------------------------------------------


def reader(published: list[Table], counts: list[int], cap: int) -> dict[str, tuple[int, int]]:
    """Each hidden month's interval as a reader finds it by trying every value up to ``cap``:
    the values for which the key figures and the series, made anew and published with the
    same counts hidden (and so the names of those that are the busiest or quietest), are
    the published tables."""
    months = [f"2024-{m:02d}" for m in range(1, len(counts) + 1)]
    hidden = [i for i, r in enumerate(published[1].records) if r["count"] is SUPPRESSED]
    keys = {key("phone", "answered", "total", "", [months[i]]) for i in hidden}
    if published[0].records[0]["total"] is SUPPRESSED:
        keys.add(key("phone", "answered", "total", "", months))
    key_figures = published[0].records[0]
    sums = {"total": sum, "peak_count": max, "low_count": min}  # to try fewer in full
    seen: dict[str, list[int]] = {months[i]: [] for i in hidden}
    for values in itertools.product(range(1, cap + 1), repeat=len(hidden)):
        trial = list(counts)
        for i, v in zip(hidden, values, strict=True):
            trial[i] = v
        if any(key_figures[c] not in (SUPPRESSED, f(trial)) for c, f in sums.items()):
            continue
        remade = publish(release([summary(trial), series(trial, [None] * len(trial))]), keys)
        if [t.records for t in remade] == [t.records for t in published]:
            for i, v in zip(hidden, values, strict=True):
                seen[months[i]].append(v)
    return {m: (min(v), max(v)) for m, v in seen.items()}


def compare(published: list[Table], counts: list[int], n: int) -> None:
    """The audit's interval of each hidden month is the brute-force reader's (up to a cap
    above the total: an interval that reaches it is unbounded)."""
    cap = len(counts) * max(counts) + 2
    brute = reader(published, counts, cap)
    found = {f.key[4][0]: (f.low, f.high) for f in audit(published, n) if len(f.key[4]) == 1}
    assert found.keys() == brute.keys()
    for month, (low, high) in brute.items():
        assert found[month] == (low, high if high < cap else float("inf")), month


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 9), min_size=2, max_size=4), st.integers(2, 6))
def test_the_audit_knows_what_a_reader_of_the_marks_knows(counts: list[int], n: int) -> None:
    """Key figures and the monthly series of random small months, protected: the audit
    finds each hidden month where a reader trying every value finds it."""
    compare(protect([summary(counts), series(counts, [None] * len(counts))], n), counts, n)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(1, 6), min_size=2, max_size=3), st.data())
def test_the_audit_is_exact_on_any_months_hidden(counts: list[int], data: st.DataObject) -> None:
    """The same with any months hidden, and the year's total or not: also where the
    disjunction narrows a month (a withheld quietest month, one hidden month that can be it)."""
    tables = [summary(counts), series(counts, [None] * len(counts))]
    months = [
        key("phone", "answered", "total", "", [f"2024-{m:02d}"]) for m in range(1, len(counts) + 1)
    ]
    hidden = set(data.draw(st.lists(st.sampled_from(months), min_size=1, unique=True)))
    if data.draw(st.booleans()):
        hidden.add(key("phone", "answered", "total", "", [m[4][0] for m in months]))
    compare(publish(release(tables), hidden), counts, 3)

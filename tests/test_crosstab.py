"""Two-dimensional breakdowns: the count-file rows, their validation, crosstab, aggregate."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import invoke, write_counts
from test_figures import run_csv

TOPICS = ["violence/parental_abuse", "violence/bullying", "mental_health/suicide"]
AGES = ["11", "12", "13", "15"]


def month(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    return [("2024-01", "chat", "answered", *row) for row in rows]


def grid_rows(cells: dict[tuple[str, str], int], total: int) -> list[tuple[object, ...]]:
    """A total, the topic and age margins of ``cells``, and the cells as topic*age rows."""
    topic: dict[str, int] = {}
    age: dict[str, int] = {}
    for (t, a), n in cells.items():
        topic[t] = topic.get(t, 0) + n
        age[a] = age.get(a, 0) + n
    ages_total = sum(age.values())
    rows: list[tuple[object, ...]] = [("total", "", total)]
    rows += [("topic", t, n) for t, n in topic.items()]
    rows += [("age", a, n) for a, n in age.items()]
    rows.append(("age", "unknown", total - ages_total))
    rows += [("topic*age", f"{t}*{a}", n) for (t, a), n in cells.items()]
    return month(rows)


def problems(data: Path) -> list[str]:
    result = invoke("validate", data, "--all")
    return [line for line in result.stdout.splitlines() if line]


def test_a_consistent_cross_tab_validates(tmp_path: Path) -> None:
    cells = {("violence/parental_abuse", "12"): 4, ("violence/parental_abuse", "15"): 1}
    write_counts(tmp_path, "2024/2024-01.csv", grid_rows(cells, 10))
    assert invoke("validate", tmp_path).exit_code == 0


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("topic*agee", "violence/bullying*12", 1), "`topic*agee` is not a cross-tab"),
        (("topic*topic", "violence/bullying*violence", 1), "`topic*topic` is not a cross-tab"),
        (("topic*day", "violence/bullying*3", 1), "`topic*day` is not a cross-tab"),
        (("topic*age", "violence/bullyng*12", 1), "unknown topic `violence/bullyng`"),
        (("topic*age", "violence/bullying*12*1", 1), "two ids joined by `*`"),
        (("topic*age", "violence/bullying*44", 1), "age"),
    ],
)
def test_a_bad_cross_tab_row_is_named(
    tmp_path: Path, row: tuple[object, ...], message: str
) -> None:
    """Both dimensions and both ids are checked, each problem at its line."""
    path = write_counts(tmp_path, "2024/2024-01.csv", month([("total", "", 10), row]))
    (problem,) = problems(tmp_path)
    assert problem.startswith(f"{path}:3: ")
    assert message in problem


def test_cells_must_add_up_to_an_exhaustive_margin(tmp_path: Path) -> None:
    """Every contact has one age: the ages of the violence row (6) must sum to 6, not 5."""
    rows = grid_rows(
        {("violence/parental_abuse", "12"): 4, ("violence/parental_abuse", "15"): 2}, 10
    )
    rows[-1] = (*rows[-1][:5], 1)  # parental_abuse*15: 2 → 1
    path = write_counts(tmp_path, "2024/2024-01.csv", rows)
    (problem,) = problems(tmp_path)
    assert problem.startswith(f"{path}:")
    assert "sum to 5, but its topic row says 6" in problem


def test_no_cell_exceeds_a_margin_or_the_total(tmp_path: Path) -> None:
    """A multi-label margin (topic) is not a sum, but no cell may exceed it."""
    rows = month(
        [
            ("total", "", 10),
            ("age", "12", 10),
            ("topic", "mental_health", 3),
            ("topic*age", "mental_health*12", 4),
        ]
    )
    path = write_counts(tmp_path, "2024/2024-01.csv", rows)
    found = problems(tmp_path)
    assert any(p.startswith(f"{path}:5: ") and "more than its topic row" in p for p in found)


def test_a_cross_tab_twice_is_a_duplicate(tmp_path: Path) -> None:
    rows = month(
        [("total", "", 10), ("topic*age", "violence*12", 1), ("topic*age", "violence*12", 1)]
    )
    path = write_counts(tmp_path, "2024/2024-01.csv", rows)
    (problem,) = problems(tmp_path)
    assert problem.startswith(f"{path}:4: ")


cells_strategy = st.dictionaries(
    st.tuples(st.sampled_from(TOPICS), st.sampled_from(AGES)), st.integers(0, 40), min_size=1
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cells=cells_strategy, extra=st.integers(0, 20), bump=st.integers(1, 5), data=st.data())
def test_property_consistent_grids_validate_and_one_broken_cell_is_named(
    tmp_path_factory: pytest.TempPathFactory,
    cells: dict[tuple[str, str], int],
    extra: int,
    bump: int,
    data: st.DataObject,
) -> None:
    """Any cross-tab with consistent margins validates; raising one cell makes exactly that
    cell's line the problem (its sum disagrees with its topic row)."""
    total = sum(cells.values()) + extra
    root = tmp_path_factory.mktemp("grid")
    rows = grid_rows(cells, total)
    write_counts(root, "2024/2024-01.csv", rows)
    assert invoke("validate", root).exit_code == 0
    broken = data.draw(st.sampled_from(list(cells)))
    index = next(i for i, r in enumerate(rows) if r[4] == f"{broken[0]}*{broken[1]}")
    rows[index] = (*rows[index][:5], int(str(rows[index][5])) + bump)
    path = write_counts(root, "2024/2024-01.csv", rows)
    lines = {p.split(": ", 1)[0] for p in problems(root)}
    first = min(
        i
        for i, r in enumerate(rows)
        if r[3] == "topic*age" and str(r[4]).startswith(broken[0] + "*")
    )
    assert f"{path}:{first + 2}" in lines  # the topic's first cell names the sum
    assert all(line.startswith(str(path)) for line in lines)


def test_crosstab_shares_are_of_the_column_not_of_topics(tmp_path: Path) -> None:
    """Aged 11-13: 2 + 3 + 1 = 6 contacts (single ages summed); violence from parents 4 of
    them is 66.7 %, whatever other topics they also mentioned."""
    cells = {
        ("violence/parental_abuse", "12"): 3,
        ("violence/parental_abuse", "13"): 1,
        ("mental_health/suicide", "11"): 2,
        ("mental_health/suicide", "15"): 5,
    }
    rows = grid_rows(cells, 14)
    write_counts(tmp_path, "2024/2024-01.csv", rows)
    (abuse, suicide) = run_csv(
        "crosstab", "2024", "--rows", "topic", "--columns", "age", "--bands", "--only", "11-13",
        "-d", tmp_path,
    )  # fmt: skip
    assert (abuse["row_category"], abuse["count"], abuse["column_total"]) == (
        "violence/parental_abuse",
        "4",
        "6",
    )
    assert abuse["share_pct"] == "66.7"
    assert (suicide["count"], suicide["share_pct"]) == ("2", "33.3")


def test_crosstab_without_two_dimensional_rows_says_so(tmp_path: Path) -> None:
    write_counts(tmp_path, "2024/2024-01.csv", month([("total", "", 10)]))
    result = invoke("crosstab", "2024", "--rows", "topic", "--columns", "age", "-d", tmp_path)
    assert result.exit_code == 1
    assert "no topic*age cross-tab in 2024" in result.stderr


def test_aggregate_writes_cross_tabs_and_only_the_columns_a_channel_has(tmp_path: Path) -> None:
    """Chats with topics and ages give topic*age rows (a group once a contact); calls with
    no gender column give no gender rows for phone, not "unknown: 100 %"."""
    chats = tmp_path / "chats.csv"
    chats.write_text(
        "started_at,channel,status,gender,age,topics\n"
        "2025-01-02T10:00:00,chat,answered,girl,12,violence/bullying|violence/online_abuse\n"
        "2025-01-02T11:00:00,chat,answered,boy,,mental_health/suicide\n",
        "utf-8",
    )
    calls = tmp_path / "calls.csv"
    calls.write_text("started_at,channel,status\n2025-01-02T12:00:00,phone,answered\n", "utf-8")
    data = tmp_path / "data"
    result = invoke("aggregate", chats, calls, "-d", data)
    assert result.exit_code == 0, result.output
    with (data / "2025" / "2025-01.csv").open(encoding="utf-8") as handle:
        rows = {
            (r["channel"], r["dimension"], r["category"]): r["count"]
            for r in csv.DictReader(handle)
        }
    assert rows[("chat", "topic*age", "violence*12")] == "1"  # two violence sub-topics: once
    assert rows[("chat", "topic*age", "violence/bullying*12")] == "1"
    assert rows[("chat", "topic*age", "mental_health/suicide*unknown")] == "1"
    assert not any(c == "phone" and d in {"gender", "age"} for c, d, _ in rows)
    assert invoke("validate", data).exit_code == 0

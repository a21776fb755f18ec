"""Taxonomy versions: an id valid in some years only (issue 7, item 8).

The 2020 report used an older topic list ("andre forhold ved barnets situasjon",
"atferdsproblemer") that was replaced in 2021; each year's counts are checked against
the ids of that year.
"""

from __future__ import annotations

from pathlib import Path

from conftest import invoke, write_counts

TAXONOMY = """\
[topic]
behaviour_problems = { nb = "Atferdsproblemer", en = "Behaviour problems", valid_to = 2020 }
"mental_health/suicide" = { nb = "Selvmord", en = "Suicide", valid_from = 2021 }
"""


def rows(month: str, topic: str) -> list[tuple[object, ...]]:
    return [
        (month, "phone", "answered", "total", "", 10),
        (month, "phone", "answered", "topic", "mental_health", 4),
        (month, "phone", "answered", "topic", topic, 3),
    ]


def test_an_id_is_valid_in_its_years(tmp_path: Path) -> None:
    """2020 uses the old topic, 2024 the new sub-topic: both valid."""
    (tmp_path / "taxonomy.toml").write_text(TAXONOMY, encoding="utf-8")
    write_counts(tmp_path, "2020/2020-12.csv", rows("2020-12", "behaviour_problems"))
    write_counts(tmp_path, "2024/2024-01.csv", rows("2024-01", "mental_health/suicide"))
    result = invoke("validate", "--data-dir", tmp_path)
    assert result.exit_code == 0, result.output


def test_an_id_outside_its_years_is_named_at_its_line(tmp_path: Path) -> None:
    """The old topic in 2021 and the new sub-topic in 2020: each at FILE:LINE, exit 1."""
    (tmp_path / "taxonomy.toml").write_text(TAXONOMY, encoding="utf-8")
    old = write_counts(tmp_path, "2021/2021-01.csv", rows("2021-01", "behaviour_problems"))
    new = write_counts(tmp_path, "2020/2020-05.csv", rows("2020-05", "mental_health/suicide"))
    result = invoke("validate", "--data-dir", tmp_path, "--lang", "en")
    assert result.exit_code == 1
    assert (
        f"{old}:4: topic `behaviour_problems` is not in use in 2021: "
        "taxonomy.toml has it for –2020 only"
    ) in result.stdout
    assert (
        f"{new}:4: topic `mental_health/suicide` is not in use in 2020: "
        "taxonomy.toml has it for 2021– only"
    ) in result.stdout
    json_result = invoke("validate", "--data-dir", tmp_path, "--format", "json")
    assert json_result.stdout.count('"category-out-of-years"') == 2


def test_years_that_run_backwards_are_a_taxonomy_error(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.toml").write_text(
        '[site]\nx = { nb = "X", en = "X" }\n'
        'follo = { nb = "Follo", en = "Follo", valid_from = 2021, valid_to = 2019 }\n',
        encoding="utf-8",
    )
    write_counts(tmp_path, "2020/2020-01.csv", rows("2020-01", "mental_health"))
    result = invoke("validate", "--data-dir", tmp_path, "--lang", "en")
    assert result.exit_code == 1
    assert "taxonomy.toml:3: `site.follo`: valid_from is after valid_to (2021–2019)" in (
        result.output
    )

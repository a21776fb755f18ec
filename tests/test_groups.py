"""Sums over the contact channels and named groups of categories, worked by hand."""

from __future__ import annotations

from pathlib import Path

from conftest import invoke, write_counts
from test_figures import run_csv

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "data"

GROUPS = """
[groups.on_behalf]
acute = { nb = "Politi eller AMK", en = "Police or ER", members = ["police", "ambulance_er"] }

[groups.caller]
adults = { nb = "Voksne", en = "Adults", members = ["parent", "other_adult", "professional"] }
"""


def data(tmp_path: Path) -> Path:
    """Phone 100 (6 concern reports; callers), chat 50 (12; gender), sms 10 (no outcome)."""
    write_counts(
        tmp_path,
        "2024/2024-01.csv",
        [
            ("2024-01", "phone", "answered", "total", "", 100),
            ("2024-01", "phone", "answered", "outcome", "concern_report", 6),
            ("2024-01", "phone", "answered", "on_behalf", "police", 4),
            ("2024-01", "phone", "answered", "on_behalf", "ambulance_er", 3),
            ("2024-01", "phone", "answered", "caller", "child", 60),
            ("2024-01", "phone", "answered", "caller", "parent", 25),
            ("2024-01", "phone", "answered", "caller", "professional", 15),
            ("2024-01", "chat", "answered", "total", "", 50),
            ("2024-01", "chat", "answered", "outcome", "concern_report", 12),
            ("2024-01", "chat", "answered", "gender", "girl", 40),
            ("2024-01", "chat", "answered", "gender", "boy", 10),
            ("2024-01", "sms", "answered", "total", "", 10),
        ],
    )
    (tmp_path / "taxonomy.toml").write_text(GROUPS, "utf-8")
    return tmp_path


def test_a_breakdown_over_all_channels_sums_those_that_record_it(tmp_path: Path) -> None:
    """Concern reports: 6 by phone + 12 by chat = 18 of the 150 contacts of the two channels
    that record outcomes (12.0 %); sms, which records none, adds nothing."""
    (row,) = run_csv("breakdown", "2024", "--by", "outcome", "-c", "all", "-d", data(tmp_path))
    assert (row["channel"], row["count"], row["total"], row["share_pct"]) == (
        "all",
        "18",
        "150",
        "12.0",
    )
    girls = run_csv("breakdown", "2024", "--by", "gender", "-c", "all", "-d", tmp_path)[0]
    assert (girls["count"], girls["total"]) == ("40", "50")  # phone records no gender


def test_the_channels_summed_are_named(tmp_path: Path) -> None:
    result = invoke(
        "breakdown", "2024", "--by", "outcome", "-c", "all", "-d", data(tmp_path), "-f", "csv"
    )
    assert "the sum of the channels that record outcome: Phone, Chat" in result.stderr


def test_groups_exact_in_an_exhaustive_dimension(tmp_path: Path) -> None:
    """Adults = parent + other adult + professional = 25 + 0 + 15 = 40 of 100 (40.0 %)."""
    rows = run_csv("breakdown", "2024", "--by", "caller", "--groups", "-d", data(tmp_path))
    assert [r["category"] for r in rows] == ["child", "parent", "professional", "adults"]
    assert (rows[-1]["count"], rows[-1]["share_pct"]) == ("40", "40.0")


def test_groups_in_a_multi_label_dimension_count_mentions(tmp_path: Path) -> None:
    """Acute = police 4 + AMK 3 = 7 mentions; a note says a contact may count twice."""
    result = invoke(
        "breakdown", "2024", "--by", "on_behalf", "--groups", "-d", data(tmp_path), "-f", "csv"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("phone,answered,2024,on_behalf,acute,7,100,")
    assert "counts mentions, at most that many contacts" in result.stderr


def test_the_example_figures_of_2024() -> None:
    """The 2024 report: 18 concern reports against 34 in 2023, and acute contacts summed."""
    rows = run_csv("compare", "2023", "2024", "--by", "outcome", "-c", "all", "-d", EXAMPLES)
    concern = next(r for r in rows if r["category"] == "concern_report")
    assert (concern["count_a"], concern["count_b"]) == ("34", "18")
    acute = run_csv(
        "breakdown", "2024", "--by", "on_behalf", "-c", "all", "--groups", "-d", EXAMPLES
    )[-1]
    assert (acute["category"], acute["count"]) == ("acute", "16")


def test_summary_and_series_of_all_channels(tmp_path: Path) -> None:
    (row,) = run_csv("summary", "2024", "-c", "all", "-d", data(tmp_path))
    assert (row["channel"], row["total"]) == ("all", "160")
    (month,) = run_csv("series", "2024", "-c", "all", "-d", tmp_path)
    assert (month["channel"], month["count"]) == ("all", "160")


def test_a_group_naming_an_unknown_member_is_refused_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.toml").write_text(
        '[groups.on_behalf]\nacute = { nb = "A", en = "A", members = ["polise"] }\n', "utf-8"
    )
    write_counts(tmp_path, "2024/2024-01.csv", [("2024-01", "phone", "answered", "total", "", 1)])
    result = invoke("validate", tmp_path)
    assert result.exit_code == 1
    assert (
        f"{tmp_path / 'taxonomy.toml'}:2: group `acute` names `polise`, which is no on_behalf id"
        " (did you mean `police`" in result.stdout + result.stderr
    )


def test_a_group_may_not_take_a_category_id(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.toml").write_text(
        '[groups.caller]\nparent = { nb = "A", en = "A", members = ["child"] }\n', "utf-8"
    )
    write_counts(tmp_path, "2024/2024-01.csv", [("2024-01", "phone", "answered", "total", "", 1)])
    result = invoke("validate", tmp_path)
    assert result.exit_code == 1
    assert "group `parent` has the id of a caller category" in result.stdout + result.stderr


def test_a_group_does_not_give_its_hidden_members_away() -> None:
    """Police 8 and AMK 8 (under 10) hidden, the group's 16 shown: each is still anywhere
    from 1 to 15, which the audit confirms."""
    from alarmcli import dataset, figures
    from alarmcli.audit import audit
    from alarmcli.suppression import SUPPRESSED, protect

    table = figures.breakdown(dataset.load(EXAMPLES), 2024, "on_behalf", "all", groups=True)
    (out,) = protect([table], 10)
    counts = {r["category"]: r["count"] for r in out.records}
    assert counts["police"] is counts["ambulance_er"] is SUPPRESSED
    assert counts["acute"] == 16
    assert all(f.safe for f in audit([out], 10))


def test_sites_with_groups_add_the_answering_network() -> None:
    """2024: Kristiansand answered 63.0 % of 14 242 calls; the network, every other site,
    5 235 (36.8 %), against 5 042 in 2023; unknown 35 makes up the rest."""
    rows = run_csv("sites", "2024", "--groups", "-d", EXAMPLES)
    network = rows[-1]
    assert (network["site"], network["count"], network["share_pct"]) == ("network", "5235", "36.8")
    assert (network["previous_count"], network["change_pct"]) == ("5042", "3.8")
    members = [r for r in rows[:-1] if r["site"] not in {"kristiansand", "unknown"}]
    assert sum(int(r["count"]) for r in members) == 5235
    kristiansand = next(r for r in rows if r["site"] == "kristiansand")
    unknown = next(r for r in rows if r["site"] == "unknown")
    assert unknown["count"] == "35"
    assert int(kristiansand["count"]) + 5235 + int(unknown["count"]) == 14242
    assert [r["site"] for r in run_csv("sites", "2024", "-d", EXAMPLES)] == [
        r["site"] for r in rows[:-1]
    ]  # without --groups, the sites alone, as before


def test_a_site_group_does_not_give_a_hidden_site_away() -> None:
    from alarmcli import dataset, figures
    from alarmcli.audit import audit
    from alarmcli.suppression import SUPPRESSED, protect

    table = figures.sites(dataset.load(EXAMPLES), 2024, "phone", groups=True)
    (out,) = protect([table], 100)
    counts = {r["site"]: r["count"] for r in out.records}
    network = table.groups["network"]
    hidden = [s for s in network if s in counts and counts[s] is SUPPRESSED]
    # Finnmark's 60 is under 100: with the network's sum shown (5 235), one hidden site
    # alone would be the network less the others, so more of its sites are hidden with it
    assert counts["finnmark"] is SUPPRESSED
    assert counts["network"] == 5235
    assert len(hidden) >= 2
    assert all(f.safe for f in audit([out], 100))


def test_groups_of_hours_give_the_cost_of_shorter_opening_hours() -> None:
    """The 2024 report: 10 140 chats of 2023 came in the hours chat closed in 2024, 5 043
    of them 00-04; groups of hours in taxonomy.toml make each one figure."""
    rows = run_csv(
        "compare", "2023", "2024", "--by", "hour", "-c", "chat", "--groups", "-d", EXAMPLES
    )
    counts = {r["category"]: (r["count_a"], r["count_b"]) for r in rows}
    assert counts["closed_2024"] == ("10140", "0")
    assert counts["night"] == ("5043", "0")


def test_an_hour_group_names_hours(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.toml").write_text(
        '[groups.hour]\nnight = { nb = "N", en = "N", members = ["0", "24"] }\n', "utf-8"
    )
    write_counts(tmp_path, "2024/2024-01.csv", [("2024-01", "phone", "answered", "total", "", 1)])
    result = invoke("validate", tmp_path)
    assert result.exit_code == 1
    assert "group `night` names `24`, which is no hour id" in result.stdout + result.stderr

"""alarm times: exact means from sums of seconds, answer rates, and the rules of the sums."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from alarmcli.arithmetic import round_half_away
from conftest import invoke, write_counts
from test_figures import run_csv

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "data"


def chat_month(month: str, answered: int, missed: int, **seconds: int) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [
        (month, "chat", "answered", "total", "", answered),
        (month, "chat", "missed", "total", "", missed),
    ]
    rows += [(month, "chat", metric, "total", "", n) for metric, n in seconds.items()]
    return rows


def test_a_mean_is_the_sum_over_the_contacts_not_a_mean_of_monthly_means(tmp_path: Path) -> None:
    """January: 10 chats, 600 s to answer (60 s each); February: 30 chats, 600 s (20 s each).
    The year's mean is 1 200 / 40 = 30 s, not (60 + 20) / 2 = 40 s. Missed: 5 + 5 of 50;
    answer rate 40 / 50 = 80 %; 130 s waited by the 10 missed: 13 s."""
    write_counts(
        tmp_path,
        "2024/2024-01.csv",
        chat_month("2024-01", 10, 5, answer_seconds=600, abandon_seconds=50),
    )
    write_counts(
        tmp_path,
        "2024/2024-02.csv",
        chat_month("2024-02", 30, 5, answer_seconds=600, abandon_seconds=80),
    )
    (row,) = run_csv("times", "2024", "--data-dir", tmp_path, "--unit", "s")
    assert row == {
        "channel": "chat", "dimension": "total", "category": "", "answered": "40",
        "missed": "10", "answer_rate_pct": "80.0", "mean_answer": "30.0", "mean_talk": "",
        "mean_abandon": "13.0", "unit": "s", "period": "2024",
    }  # fmt: skip
    rows = run_csv("times", "2024", "--data-dir", tmp_path, "--by", "month", "--unit", "s")
    assert [(r["category"], r["mean_answer"]) for r in rows] == [
        ("2024-01", "60.0"),
        ("2024-02", "20.0"),
    ]


def test_ungno_answer_time_of_the_2024_report_in_days() -> None:
    """ "Svartiden var 1,8 dager": 54 432 000 s over 350 questions is 155 520 s, 1.8 days."""
    (row,) = run_csv("times", "2024", "-c", "ungno", "--data-dir", EXAMPLES)
    assert (row["answered"], row["mean_answer"], row["unit"]) == ("350", "1.8", "days")
    (row,) = run_csv("times", "2024", "-c", "ungno", "--unit", "h", "--data-dir", EXAMPLES)
    assert row["mean_answer"] == "43.2"  # 155 520 / 3 600


def test_a_month_without_the_sum_is_left_out_of_the_mean_with_a_note(tmp_path: Path) -> None:
    write_counts(tmp_path, "2024/2024-01.csv", chat_month("2024-01", 10, 0, answer_seconds=100))
    write_counts(tmp_path, "2024/2024-02.csv", chat_month("2024-02", 30, 0))
    result = invoke("times", "2024", "--data-dir", tmp_path, "-f", "csv", "--unit", "s")
    assert result.exit_code == 0, result.stderr
    assert ",40,0,100.0,10.0,," in result.stdout  # 100 s over January's 10, not over 40
    assert "no answer_seconds for 2024-02" in result.stderr


def test_by_site(tmp_path: Path) -> None:
    rows = [
        ("2024-01", "phone", "answered", "site", "oslo", 4),
        ("2024-01", "phone", "answered", "site", "bergen", 1),
        ("2024-01", "phone", "answer_seconds", "site", "oslo", 50),
        ("2024-01", "phone", "answer_seconds", "site", "bergen", 25),
    ]
    write_counts(tmp_path, "2024/2024-01.csv", rows)
    out = run_csv("times", "2024", "--by", "site", "--data-dir", tmp_path, "--unit", "s")
    assert [(r["category"], r["mean_answer"]) for r in out] == [
        ("bergen", "25.0"),
        ("oslo", "12.5"),
    ]
    (total,) = run_csv("times", "2024", "--data-dir", tmp_path, "--unit", "s")
    assert total["mean_answer"] == "15.0"  # the sites' sums make the total: 75 / 5


def test_a_sum_without_its_contacts_is_an_error_at_its_line(tmp_path: Path) -> None:
    write_counts(
        tmp_path,
        "2024/2024-01.csv",
        [
            ("2024-01", "chat", "answered", "total", "", 0),
            ("2024-01", "chat", "answer_seconds", "total", "", 30),
            ("2024-01", "chat", "abandon_seconds", "total", "", 30),
        ],
    )
    result = invoke("validate", tmp_path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].endswith(
        "2024-01.csv:3: answer_seconds sums 30 seconds over answered contacts, but the same "
        "month, channel and category have 0 answered count; a mean needs both"
    )
    assert "2024-01.csv:4: abandon_seconds" in lines[1]
    assert "have no missed count" in lines[1]


def test_sums_of_seconds_are_never_counted_as_contacts(tmp_path: Path) -> None:
    """summary, series and breakdown give the same figures with the sums as without."""
    site = [("2024-01", "chat", "answered", "site", "oslo", 10)]
    commands = [["summary"], ["series"], ["breakdown", "--by", "site"]]

    def figures() -> list[str]:
        return [
            invoke(c[0], "2024", *c[1:], "--data-dir", tmp_path, "-f", "csv").stdout
            for c in commands
        ]

    write_counts(tmp_path, "2024/2024-01.csv", [*chat_month("2024-01", 10, 5), *site])
    before = figures()
    seconds = [("2024-01", "chat", "answer_seconds", "site", "oslo", 9999)]
    write_counts(
        tmp_path,
        "2024/2024-01.csv",
        [
            *chat_month("2024-01", 10, 5, answer_seconds=9999, talk_seconds=5, abandon_seconds=7),
            *site,
            *seconds,
        ],
    )
    after = figures()
    assert all(after), after  # every command gave figures
    assert before == after
    assert "9999" not in "".join(after)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), st.integers(0, 10**6)), min_size=1, max_size=60))
def test_means_from_sums_equal_a_plain_tally_of_contacts(contacts: list[tuple[int, int]]) -> None:
    """Contacts (month, seconds to answer) summed into count files give the mean of a plain
    tally of the contacts, rounded once."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for month in sorted({m for m, _ in contacts}):
            these = [s for m, s in contacts if m == month]
            mid = f"2024-{month:02d}"
            write_counts(
                root, f"2024/{mid}.csv", chat_month(mid, len(these), 0, answer_seconds=sum(these))
            )
        (row,) = run_csv("times", "2024", "--data-dir", root, "--unit", "s")
    expected = round_half_away(Fraction(sum(s for _, s in contacts), len(contacts)))
    assert float(row["mean_answer"]) == expected


def mismatched(tmp_path: Path) -> Path:
    """January: 10 answered, 5 missed, 300 s; February: 30 and 0, no sum; March: 20
    answered and 400 s, no missed row."""
    write_counts(tmp_path, "2024/2024-01.csv", chat_month("2024-01", 10, 5, answer_seconds=300))
    write_counts(tmp_path, "2024/2024-02.csv", chat_month("2024-02", 30, 0))
    march = [r for r in chat_month("2024-03", 20, 0, answer_seconds=400) if r[2] != "missed"]
    write_counts(tmp_path, "2024/2024-03.csv", march)
    return tmp_path


def test_each_figure_over_its_own_months_with_a_note(tmp_path: Path) -> None:
    """The rate over January and February, which have both: 40 / 45 = 88.9 %; the mean
    over January and March, which have the sum: 700 / 30 = 23.3 s."""
    result = invoke("times", "2024", "-d", mismatched(tmp_path), "-f", "csv", "--unit", "s")
    assert result.exit_code == 0, result.stderr
    assert "chat,total,,60,5,88.9,23.3,,,s,2024" in result.stdout
    assert "answer rate is over the months with both answered and missed contacts; " in (
        result.stderr
    )
    assert "2024-03 left out" in result.stderr


def test_suppressed_over_their_own_months(tmp_path: Path) -> None:
    """5 missed is hidden at 10, and the rate with it; the mean time to answer, which
    does not depend on the missed contacts, is shown. No figure contradicts another."""
    result = invoke("times", "2024", "-d", mismatched(tmp_path), "-f", "csv", "--unit", "s",
                    "--suppress", "10")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "chat,total,,60,c,c,23.3,,,s,2024" in result.stdout


def test_all_channels_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("times", "2024", "-d", mismatched(tmp_path), "-c", "all")
    assert result.exit_code == 2
    assert "works channel by channel" in result.stderr

"""The benchmark's reference query finds the problems ``alarm validate`` finds.

``benchmarks/reference.py`` is the yardstick of ``alarm validate``'s speed; it is only a
fair one if it checks every rule. Here both judge files with one planted error of every
kind, and must count the same problems by reason code.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from alarmcli import taxonomy
from conftest import invoke

HEADER = "month,channel,metric,dimension,category,count\n"

#: Valid rows, then one row (or a few) breaking each rule, with the code it is reported by.
PLANTED = {
    None: [
        "2024-06,chat,answered,total,,100",
        "2024-06,chat,answered,site,oslo,60",
        "2024-06,chat,answered,site,bergen,40",
        "2024-06,chat,answered,topic,violence,30",
        "2024-06,chat,answered,age,12,100",
        "2024-06,chat,answered,topic*age,violence*12,30",
    ],
    "bad-month": ["2024-13,chat,answered,total,,5"],
    "bad-channel": ["2024-06,fax,answered,total,,5"],
    "bad-metric": ["2024-06,web,answered,total,,5"],
    "bad-dimension": [
        "2024-06,chat,missed,colour,red,5",
        "2024-06,chat,missed,topic*topic,violence*violence,1",
    ],
    "unknown-category": [
        "2024-06,phone,answered,site,osloo,5",
        "2024-06,sms,answered,day,31,3",  # June has 30 days
    ],
    "bad-count": ["2024-06,sms,missed,total,,-4"],
    "duplicate-row": [
        "2024-05,chat,answered,total,,50",
        "2024-05,chat,answered,topic,conflict,10",
        "2024-05,chat,answered,topic,conflict,10",
    ],
    "sum-mismatch": [
        "2024-04,phone,answered,total,,100",
        "2024-04,phone,answered,site,oslo,60",
        "2024-04,phone,answered,site,bergen,30",
    ],
    "breakdowns-disagree": [
        "2024-04,sms,answered,site,oslo,10",
        "2024-04,sms,answered,gender,girl,12",
    ],
    "exceeds-total": [
        "2024-04,chat,answered,total,,20",
        "2024-04,chat,answered,topic,violence,25",
    ],
    "missing-total": ["2024-04,email,answered,outcome,advice,3"],
    "category-out-of-years": ["2024-03,chat,answered,topic,behaviour_problems,5"],
    "no-contacts": ["2024-06,email,talk_seconds,total,,300"],
    "closed": [  # sms opens 08-20 from 2024 and was closed on 14 February 2024
        "2024-02,sms,answered,hour,3,2",
        "2024-02,sms,answered,day,14,2",
    ],
    # rules 6 and 7: a cell above its margin, and the ages of violence not adding up to it
    "exceeds-total+sum-mismatch": [
        "2024-03,chat,answered,total,,100",
        "2024-03,chat,answered,topic,violence,20",
        "2024-03,chat,answered,age,12,100",
        "2024-03,chat,answered,topic*age,violence*12,25",
    ],
}
TAXONOMY = """
[topic]
behaviour_problems = { nb = "Atferd", en = "Behaviour", valid_to = 2020 }

[service.sms]
hours = [{ from = 2024-01-01, open = ["08-20"] }]
closed_days = [2024-02-14]
"""


def reference_module() -> object:
    path = Path(__file__).parent.parent / "benchmarks" / "reference.py"
    spec = importlib.util.spec_from_file_location("reference", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def alarm_codes(path: Path) -> dict[str, int]:
    result = invoke("validate", "--format", "json", path)
    return dict(Counter(p["code"] for p in json.loads(result.stdout)))


@pytest.mark.parametrize("name", ["counts.csv", "2024-06.csv"])
def test_reference_finds_what_alarm_finds(tmp_path: Path, name: str) -> None:
    """Every planted problem, counted alike; a file named by its month adds a mismatch."""
    rows = [row for planted in PLANTED.values() for row in planted]
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(rows) + "\n", "utf-8")
    (tmp_path / "taxonomy.toml").write_text(TAXONOMY, "utf-8")

    found = alarm_codes(path)
    reference = reference_module().reference(path, taxonomy.load(tmp_path))  # type: ignore[attr-defined]

    planted = {code for key in PLANTED if key for code in key.split("+")}
    if name == "2024-06.csv":
        planted.add("month-mismatch")
    assert set(found) == planted
    assert reference == found


def test_reference_finds_a_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "counts.csv"
    path.write_text("month,channel,metric,dimension,count\n2024-06,chat,answered,total,1\n")
    assert reference_module().reference(path, taxonomy.builtin()) == alarm_codes(path)  # type: ignore[attr-defined]

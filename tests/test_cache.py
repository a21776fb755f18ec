"""The output cache: a hit imports nothing heavy, and every change to the data is seen.

Each run is a fresh process through the ``alarm`` entry point (the cache sits in front of
the Typer app), with its own cache directory.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "data"
RUN = (
    "import sys\n"
    "from alarmcli.launch import main\n"
    "try:\n"
    "    main()\n"
    "finally:\n"
    "    heavy = [m for m in ('polars', 'pydantic', 'typer') if m in sys.modules]\n"
    "    sys.stderr.write('imported:' + ','.join(heavy) + '\\n')\n"
)


def alarm(cache: Path, *args: str | Path, env: dict[str, str] | None = None) -> tuple[str, str]:
    """Run ``alarm ARGS`` in a fresh process; its stdout, and what it imported."""
    environment = {**os.environ, "ALARM_CACHE_DIR": str(cache), "LANG": "C.UTF-8", **(env or {})}
    environment.pop("LC_ALL", None)
    done = subprocess.run(
        [sys.executable, "-c", RUN, *map(str, args)],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    imported = done.stderr.splitlines()[-1].removeprefix("imported:")
    return done.stdout, imported


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns("201*"))
    return root


FIGURES = ("breakdown", "2024", "--by", "topic", "-f", "csv")


def summary(cache: Path, data: Path) -> tuple[str, str]:
    return alarm(cache, *FIGURES, "-d", data)


def test_a_hit_prints_the_same_bytes_without_the_data_stack(tmp_path: Path, data: Path) -> None:
    first, imported = summary(tmp_path / "c", data)
    assert "polars" in imported
    second, imported = summary(tmp_path / "c", data)
    assert second == first
    assert imported == ""  # neither polars, pydantic nor typer


def one_more_violence(text: str) -> str:
    """The phone's violence row of June one higher, in as many characters (still valid)."""
    old = next(line for line in text.splitlines() if line.startswith(VIOLENCE))
    count = int(old.rsplit(",", 1)[1])
    new = f"{VIOLENCE}{count - 1 if len(str(count - 1)) == len(str(count)) else count + 1}"
    return text.replace(old + "\n", new + "\n")


VIOLENCE = "2024-06,phone,answered,topic,violence,"


def edit_same_size_same_second(data: Path) -> None:
    path = data / "2024" / "2024-06.csv"
    stat = path.stat()
    path.write_text(one_more_violence(path.read_text("utf-8")), "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size


def replace_file(data: Path) -> None:
    path = data / "2024" / "2024-06.csv"
    fresh = path.with_name(".new.tmp")
    fresh.write_text(one_more_violence(path.read_text("utf-8")), "utf-8")
    fresh.replace(path)


def remove_file(data: Path) -> None:
    (data / "2024" / "2024-12.csv").unlink()


def add_file(data: Path) -> None:
    (data / "2024" / "email-topics.csv").write_text(
        "month,channel,metric,dimension,category,count\n2024-06,email,answered,topic,violence,1\n",
        "utf-8",
    )


def change_taxonomy(data: Path) -> None:
    with (data / "taxonomy.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[outcome]\nnew_outcome = { nb = "Ny", en = "New" }\n')


def change_settings(data: Path) -> None:
    (data / "alarm.toml").write_text("[suppression]\nthreshold = 400\n", "utf-8")


@pytest.mark.parametrize(
    "change",
    [edit_same_size_same_second, replace_file, remove_file, add_file, change_taxonomy,
     change_settings],
)  # fmt: skip
def test_every_change_to_the_data_is_seen(
    tmp_path: Path, data: Path, change: Callable[[Path], None]
) -> None:
    """The cached output is never shown once any file below the data directory changed."""
    cache = tmp_path / "c"
    before, _ = summary(cache, data)
    summary(cache, data)
    change(data)
    after, imported = summary(cache, data)
    assert "polars" in imported  # computed again
    fresh, _ = alarm(tmp_path / "empty-cache", *FIGURES, "-d", data)
    assert after == fresh
    if change is not change_taxonomy:  # a new id changes no figure, only the key
        assert after != before


def test_the_cache_can_be_bypassed(tmp_path: Path, data: Path) -> None:
    cache = tmp_path / "c"
    summary(cache, data)
    _, imported = alarm(cache, "--no-cache", "summary", "2024", "-d", data, "-f", "csv")
    assert "polars" in imported
    _, imported = alarm(
        cache, "summary", "2024", "-d", data, "-f", "csv", env={"ALARM_CACHE": "off"}
    )
    assert "polars" in imported


def test_clear_cache_removes_what_it_kept_and_nothing_else(tmp_path: Path, data: Path) -> None:
    """``alarm --clear-cache`` empties the cache: the next run computes again."""
    cache = tmp_path / "c"
    summary(cache, data)
    alarm(cache, "summary", "2024", "-d", data, "-f", "csv")
    (cache / "notes.txt").write_text("mine", "utf-8")  # not the cache's: it stays
    assert len(list(cache.glob("*.json"))) == 2
    out, _ = alarm(cache, "--clear-cache")
    assert out == f"Removed 2 kept outputs from {cache}\n"
    assert sorted(p.name for p in cache.iterdir()) == ["notes.txt"]
    _, imported = summary(cache, data)
    assert "polars" in imported  # computed again
    assert alarm(cache, "--clear-cache", env={"LANG": "nb_NO.UTF-8"})[0].startswith("Fjernet 1 ")


def test_old_outputs_go_when_another_is_kept(tmp_path: Path, data: Path) -> None:
    """An output not stored again for 30 days is removed when a new one is kept."""
    from alarmcli.cache import MAX_AGE

    cache = tmp_path / "c"
    summary(cache, data)
    (old,) = cache.glob("*.json")
    aged = old.stat().st_mtime - MAX_AGE - 60
    os.utime(old, (aged, aged))
    summary(cache, data)  # a hit keeps nothing: the old entry is still served
    assert old.exists()
    alarm(cache, "summary", "2024", "-d", data, "-f", "csv")  # a miss keeps its output
    assert not old.exists()
    assert len(list(cache.glob("*.json"))) == 1


def test_other_options_and_languages_are_other_entries(tmp_path: Path, data: Path) -> None:
    cache = tmp_path / "c"
    english, _ = alarm(cache, "summary", "2024", "-d", data)
    norwegian, _ = alarm(cache, "summary", "2024", "-d", data, "--lang", "nb")
    assert english != norwegian
    again, imported = alarm(cache, "summary", "2024", "-d", data, "--lang", "nb")
    assert (again, imported) == (norwegian, "")


def test_every_figure_command_is_cached() -> None:
    """Every command but those that write files or check data prints figures of the data
    directory alone, and is kept: a new figure command must be added to CACHED."""
    from typer.main import get_command

    from alarmcli.cache import CACHED
    from alarmcli.cli import app

    commands = set(get_command(app).commands)  # type: ignore[attr-defined]
    not_figures = {"validate", "aggregate", "schema", "import", "report", "chart"}
    assert commands - not_figures == CACHED


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file modes")
def test_kept_outputs_are_private_and_others_entries_not_trusted(
    tmp_path: Path, data: Path
) -> None:
    """Counts about children kept for the next run are readable by their user only.

    An entry that others could have written is never printed: it is computed again.
    """
    cache = tmp_path / "c"
    first, _ = summary(cache, data)
    (entry,) = cache.glob("*.json")
    assert (mode(cache), mode(entry)) == (0o700, 0o600)

    entry.chmod(0o644)  # as an older alarmcli kept it: served, and made private
    assert summary(cache, data) == (first, "")
    assert mode(entry) == 0o600

    forged = first.replace("violence", "forged")
    entry.write_text(json.dumps({"stdout": forged, "stderr": ""}), "utf-8")
    entry.chmod(0o666)  # anyone could have written it
    again, imported = summary(cache, data)
    assert (again, "polars" in imported) == (first, True)
    assert mode(entry) == 0o600  # kept again, privately


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="POSIX links")
def test_a_link_planted_as_an_entry_is_neither_read_nor_changed(tmp_path: Path, data: Path) -> None:
    """An entry that is a link to another file is not followed: not printed, not chmodded."""
    cache = tmp_path / "c"
    first, _ = summary(cache, data)
    (entry,) = cache.glob("*.json")
    victim = tmp_path / "victim.json"
    victim.write_text(json.dumps({"stdout": "forged\n", "stderr": ""}), "utf-8")
    victim.chmod(0o644)
    entry.unlink()
    entry.symlink_to(victim)
    again, imported = summary(cache, data)
    assert (again, "polars" in imported) == (first, True)
    assert mode(victim) == 0o644

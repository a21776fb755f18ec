"""Fuzzing the count-file reader and the contact-log reader with mutated files.

A hostile or broken file must give a message, never a traceback or a hang: every run
exits 0 or 1, and whatever ``aggregate`` writes validates. Bounded (a few dozen
examples each, small files) so that the suite stays fast; raise ``FUZZ_EXAMPLES`` to
search longer.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import invoke

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

COUNT_SEED = (
    b"month,channel,metric,dimension,category,count\n"
    b"2024-06,phone,answered,total,,10\n"
    b"2024-06,phone,answered,site,oslo,4\n"
    b"2024-06,phone,answered,site,bergen,6\n"
    b"2024-06,chat,answered,topic,mental_health/suicide,3\n"
    b"2024-06,chat,answered,total,,5\n"
    b'2024-06,chat,answered,gender,"girl",5\n'
)
LOG_SEED = (
    b"started_at,channel,status,site,age,gender,caller,topics,outcomes,on_behalf\n"
    b"2025-01-03T10:05:00,chat,answered,oslo,13,girl,child,violence/bullying|conflict,advice,\n"
    b"2025-01-03T23:59:59+01:00,phone,missed,,,,,,,\n"
    b'2025-01-31 22:00:00,sms,answered,bergen,unknown,boy,parent,"mental_health",,police\n'
    b"2025-02-01T00:00:00Z,email,answered,kristiansand,7,other,professional,,referred_health,\n"
)
#: Bytes a hostile file is made of: separators, quotes, line ends, control characters,
#: a byte-order mark, invalid UTF-8, glob and formula characters, long runs.
PIECES = st.sampled_from(
    [
        b",", b";", b'"', b"\n", b"\r", b"\r\n", b"\x00", b"\x1f", b"\x1b[31m", b"\xef\xbb\xbf",
        b"\xff", b"\xc3", b"|", b"/", b"*", b"[1]", b"=", b"-", b"+", b" ", b"\t", b"0",
        b"99999999999999", b"-1", b"1.5", b"2024-13", b"unknown", b"total", b"oslo", b"\xc3\xa6",
        b"x" * 300, b"\n\n\n",
    ]
)  # fmt: skip


def variants(seed: bytes) -> list[bytes]:
    """``seed`` as written, with ``;``, with CRLF and CR line ends, and with a BOM."""
    return [
        seed,
        seed.replace(b",", b";"),
        seed.replace(b"\n", b"\r\n"),
        seed.replace(b"\n", b"\r"),
        b"\xef\xbb\xbf" + seed,
    ]


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """A variant of ``seed`` with insertions, deletions, duplications and truncations."""
    data = bytearray(draw(st.sampled_from(variants(seed))))
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "duplicate", "truncate"]))
        if op == "insert":
            data[at:at] = draw(PIECES) if draw(st.booleans()) else draw(st.binary(max_size=4))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif op == "replace" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "duplicate":
            data[at:at] = data[max(0, at - 40) : at]
        elif op == "truncate":
            del data[at:]
    return bytes(data)


def assert_clean(result: object) -> None:
    """Exit 0 or 1, and no exception but the exit itself."""
    code = result.exit_code  # type: ignore[attr-defined]
    exception = result.exception  # type: ignore[attr-defined]
    assert code in {0, 1}, (code, result.output)  # type: ignore[attr-defined]
    assert exception is None or isinstance(exception, SystemExit), repr(exception)
    if code == 1:
        assert result.stderr.strip(), "exit 1 without a message"  # type: ignore[attr-defined]


@FUZZ
@given(data=mutated(COUNT_SEED), name=st.sampled_from(["2024-06.csv", "counts.csv"]))
def test_mutated_count_files_give_messages(
    tmp_path_factory: object, data: bytes, name: str
) -> None:
    """A mutated count file validates or is refused with messages naming it."""
    root = tmp_path_factory.mktemp("counts")  # type: ignore[attr-defined]
    path = root / "2024" / name
    path.parent.mkdir()
    path.write_bytes(data)
    result = invoke("validate", root)
    assert_clean(result)
    if result.exit_code == 1:
        assert str(path) in result.output
    figures = invoke("summary", "2024", "--data-dir", root)
    assert_clean(figures)


@FUZZ
@given(data=mutated(LOG_SEED), gz=st.booleans(), rejects=st.booleans())
def test_mutated_logs_give_messages_or_valid_counts(
    tmp_path_factory: object, data: bytes, gz: bool, rejects: bool
) -> None:
    """A mutated log is aggregated into files that validate, or refused naming it."""
    root: Path = tmp_path_factory.mktemp("logs")  # type: ignore[attr-defined]
    log = root / ("log.csv.gz" if gz else "log.csv")
    log.write_bytes(gzip.compress(data) if gz else data)
    args = ["aggregate", log, "--data-dir", root / "data"]
    if rejects:
        args += ["--rejects", root / "rejects.csv"]
    result = invoke(*args)
    assert_clean(result)
    if result.exit_code == 1:
        assert str(log) in result.stderr, result.stderr
    elif (root / "data").exists():  # else every row was rejected
        check = invoke("validate", root / "data")
        assert check.exit_code == 0, check.output


def parquet_seed() -> bytes:
    """A small Parquet log with typed columns (a float age, as pandas writes one)."""
    import io

    import polars as pl

    rows = 20
    frame = pl.DataFrame(
        {
            "started_at": ["2025-01-03T10:05:00"] * rows,
            "channel": ["chat"] * rows,
            "status": ["answered"] * rows,
            "site": ["oslo"] * rows,
            "age": [13.0] * rows,
        }
    )
    out = io.BytesIO()
    frame.write_parquet(out)
    return out.getvalue()


@settings(FUZZ, max_examples=max(EXAMPLES // 4, 5))
@given(data=st.data())
def test_damaged_parquet_logs_give_messages(tmp_path_factory: object, data: st.DataObject) -> None:
    """A Parquet log with damaged bytes is refused naming it (polars may panic inside)."""
    seed = bytearray(parquet_seed())
    for _ in range(data.draw(st.integers(1, 4))):
        seed[data.draw(st.integers(0, len(seed) - 1))] = data.draw(st.integers(0, 255))
    root: Path = tmp_path_factory.mktemp("parquet")  # type: ignore[attr-defined]
    log = root / "log.parquet"
    log.write_bytes(bytes(seed))
    result = invoke("aggregate", log, "--data-dir", root / "data")
    assert_clean(result)
    if result.exit_code == 1:
        assert str(log) in result.stderr, result.stderr
    elif (root / "data").exists():
        assert invoke("validate", root / "data").exit_code == 0

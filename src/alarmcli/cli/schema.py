"""``alarm schema``: write the JSON Schemas of the public file formats, or check them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from alarmcli.cli.common import edge, err

STALE = "differs from the schema the code generates; run alarm schema"


def render_schemas() -> dict[str, str]:
    """Every schema's file name and text: sorted keys, indent 2, a trailing newline."""
    import json

    from alarmcli.schemas import json_schemas

    return {
        name: json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
        for name, schema in json_schemas().items()
    }


def schema(
    out_dir: Annotated[
        Path,
        typer.Option("--out-dir", help="Directory of the schema files.", file_okay=False),
    ] = Path("schemas"),
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Write nothing; exit 1 naming every file that is missing or differs."
        ),
    ] = False,
) -> None:
    """Write the JSON Schemas of a count row and of taxonomy.toml, generated from the models.

    With --check, compare the files on disk with the models instead, so CI can tell
    when a committed schema has drifted from the code.

    Example: alarm schema --check
    """
    from alarmcli.atomic import write_text

    with edge():
        texts = render_schemas()
        if check:
            stale = [name for name, text in texts.items() if _read(out_dir / name) != text]
            for name in stale:
                err(f"{out_dir / name}: {STALE}")
            if stale:
                raise typer.Exit(1)
            return
        for name, text in texts.items():
            write_text(out_dir / name, text)
            err(f"wrote {out_dir / name}")


def _read(path: Path) -> str | None:
    try:
        return path.read_text("utf-8")
    except OSError:
        return None

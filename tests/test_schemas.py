"""``alarm schema``: the committed JSON Schemas are the ones the models generate."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from alarmcli.schemas import json_schemas
from conftest import invoke

SCHEMAS = Path(__file__).parent.parent / "schemas"


def test_committed_schemas_match_the_models() -> None:
    """It finds the committed schemas/*.json equal to json_schemas(), and --check exits 0."""
    committed = {p.name: json.loads(p.read_text("utf-8")) for p in SCHEMAS.glob("*.json")}

    assert committed == json_schemas()
    result = invoke("schema", "--check", "--out-dir", SCHEMAS)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_schema_writes_sorted_indented_files(tmp_path: Path) -> None:
    """It writes one file per schema, keys sorted, indent 2, a trailing newline; exits 0."""
    out = tmp_path / "out"

    result = invoke("schema", "--out-dir", out)

    assert result.exit_code == 0
    assert result.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == sorted(json_schemas())
    for name, schema in json_schemas().items():
        text = (out / name).read_text("utf-8")
        assert text == json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert (out / "count-row.schema.json").read_bytes() == (
        SCHEMAS / "count-row.schema.json"
    ).read_bytes()


def test_check_names_an_altered_file(tmp_path: Path) -> None:
    """It exits 1 with --check after a schema file is altered, naming that file only."""
    out = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, out)
    assert invoke("schema", "--check", "--out-dir", out).exit_code == 0
    altered = out / "taxonomy.schema.json"
    altered.write_text(altered.read_text("utf-8").replace('"Taxonomy"', '"Taxonomie"'), "utf-8")
    before = altered.read_bytes()

    result = invoke("schema", "--check", "--out-dir", out)

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{altered}: differs from the schema the code generates; run alarm schema"
    ]
    assert altered.read_bytes() == before  # --check writes nothing


def test_check_names_a_missing_file(tmp_path: Path) -> None:
    """It exits 1 with --check when a schema file is missing, naming every missing file."""
    result = invoke("schema", "--check", "--out-dir", tmp_path)

    assert result.exit_code == 1
    assert sorted(result.stderr.splitlines()) == sorted(
        f"{tmp_path / name}: differs from the schema the code generates; run alarm schema"
        for name in json_schemas()
    )

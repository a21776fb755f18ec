"""`alarm report`: the annual report, checked against the figure commands and as seen."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alarmcli import dataset
from alarmcli.report import Chapter, TableBlock, build, caption, keeps, rows
from alarmcli.report.charts import Chart
from alarmcli.schemas import ReportSettings
from conftest import invoke, write_counts

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "data"


@pytest.fixture(scope="module")
def english() -> object:
    return build(dataset.load(EXAMPLES), 2024, "en", ReportSettings())


def command_rows(block: TableBlock) -> list[dict[str, str]]:
    """The csv rows of the figure command that gives ``block``'s table."""
    table, first = block.table, block.table.records[0]
    args: list[str] = []
    if table.kind == "summary":
        args = ["summary", "2024"]
    elif table.kind == "sites":
        args = ["sites", "2024", "-c", first["channel"]]
    elif table.kind == "breakdown":
        args = ["breakdown", "2024", "--by", first["dimension"], "-c", first["channel"], "--groups"]
        args += ["--bands"] if first["dimension"] == "age" else []
    elif table.kind == "opening":
        args = ["opening", "2024"]
    elif table.kind == "times":
        args = ["times", "2024"]
    elif table.kind == "crosstab":
        args = ["crosstab", "2024", "--rows", "topic", "--columns", "age", "--bands", "--only"]
        args += [first["column_category"]]
    elif table.kind == "web":
        args = ["web", "2024", "-c", first["channel"]]
    result = invoke(*args, "-d", EXAMPLES, "-f", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def shown_in(block: TableBlock, row: dict[str, str]) -> bool:
    """Which of its command's rows a block should show, written here, not asked of the
    report: the key figures' answered contacts, the web chapter's web rows, a block's
    own selection (``where``), every row of the other tables."""
    if block.where:
        return all(row[column] == value for column, value in block.where)
    if block.table.kind == "summary" and block.columns[0] == "metric":
        return row["channel"] == "web"
    if block.table.kind == "summary":
        return row["metric"] == "answered"
    return True


def test_every_table_of_the_report_is_what_a_command_prints(english: object) -> None:
    """Each table in the report has exactly the rows and figures of its command's csv."""
    from alarmcli.render import plain

    blocks = [b for c in english.chapters for b in c.blocks if isinstance(b, TableBlock)]  # type: ignore[attr-defined]
    assert {b.table.kind for b in blocks} >= {"summary", "sites", "breakdown", "web"}
    assert {b.table.records[0]["channel"] for b in blocks if b.table.kind == "web"} == {
        "web",
        "campaign",
    }
    for block in blocks:
        # the rows the block shows, against the command's rows this test expects there
        expected = [r for r in command_rows(block) if shown_in(block, r)]
        kept = [r for r in block.table.records if keeps(block, r)]
        assert kept, block.table.title
        shown = [{c: str(plain(r[c])) for c in block.columns} for r in kept]
        assert shown == [{c: r[c] for c in block.columns} for r in expected], block.table.title


def test_chapters_and_key_figures(english: object) -> None:
    """The seed reports' structure: key figures, a chapter per channel, the website, notes;
    the key figures say 14,242 phone contacts, +9.7 % from 2023."""
    doc = english
    assert [c.id for c in doc.chapters] == [
        "key_figures",
        "phone",
        "sms",
        "chat",
        "email",
        "ungno",
        "age_group",
        "opening_hours",
        "web",
        "campaigns",
    ]  # type: ignore[attr-defined]
    key = doc.chapters[0].blocks  # type: ignore[attr-defined]
    assert key[0] == "Phone: 14,242 answered contacts, +9.7% from 2023 (12,983)."
    chat = next(c for c in doc.chapters if c.id == "chat")  # type: ignore[attr-defined]
    assert chat.blocks[0] == (
        "8,770 answered contacts: 730.8 a month, 24.0 a day. "
        "Most in March (974), fewest in July (548)."
    )
    assert "Chat answered: the busiest day was 2024-01-11 with 49" in chat.blocks
    assert chat.blocks[1] == (
        "Answer rate 88.5%. Mean time to answer 0.8 min. Mean length 24.0 min. "
        "Missed contacts waited 1.3 min on average."
    )  # alarm times 2024 -c chat: 8 770 of 9 910
    ungno = next(c for c in doc.chapters if c.id == "ungno")  # type: ignore[attr-defined]
    assert ungno.blocks[1] == "Mean time to answer 1.8 days."  # "Svartiden var 1,8 dager"
    age = next(c for c in doc.chapters if c.id == "age_group")  # type: ignore[attr-defined]
    table = next(b for b in age.blocks if isinstance(b, TableBlock)).table
    counts = {r["row_category"]: r["count"] for r in table.records if r["channel"] == "chat"}
    assert (counts["violence/parental_abuse"], counts["mental_health/suicide"]) == (317, 352)
    assert (counts["violence/bullying"], counts["violence/online_abuse"]) == (176, 48)


def test_the_opening_hours_chapter_gives_the_cost_of_shorter_chat_hours() -> None:
    """The 2024 report: 10 140 chats in the hours closed in 2024, 5 043 of them 00-04 (the
    examples' [report] hours), and 2023's hour profile with the closed hours apart."""
    doc = build(dataset.load(EXAMPLES), 2024, "en", ReportSettings(hours=["00-04"]))
    chapter = next(c for c in doc.chapters if c.id == "opening_hours")
    assert chapter.blocks[0] == (
        "Chat was closed at 00-14 in 2024. In 2023, 10,140 contacts were answered in those "
        "hours (53.0% of 19,150): contacts that could have been answered had the hours stayed "
        "open, if demand was as the year before. 5,043 of them at 00-04."
    )
    chart = next(b for b in chapter.blocks if isinstance(b, Chart))
    (_, still_open), (_, closed) = chart.series
    assert sum(v or 0 for v in closed) == 10140
    assert [v is None for v in still_open] == [h < 14 for h in range(24)]


def _chapter(doc: object, chapter_id: str) -> Chapter:
    return next(c for c in doc.chapters if c.id == chapter_id)  # type: ignore[attr-defined]


def _shown(doc: object, chapter_id: str) -> dict[str, list[list[str]]]:
    """Each table of a chapter as the reader sees it, by caption."""
    chapter = _chapter(doc, chapter_id)
    tables = [b for b in chapter.blocks if isinstance(b, TableBlock)]
    return {caption(b, doc.lang): rows(b, EXAMPLE_TAXONOMY, doc.lang)[1] for b in tables}  # type: ignore[attr-defined]


EXAMPLE_TAXONOMY = dataset.load(EXAMPLES).taxonomy


def test_the_web_chapter_has_the_website_tables_of_2024(english: object) -> None:
    """The 2024 report's "Nettside": sources, devices (bars), most visited pages, places,
    each the rows of `alarm web 2024 -c web`; the users as measured over the year."""
    web = _chapter(english, "web")
    assert web.blocks[0] == (
        "The website had 71,776 visits, 89,882 page views and 47,903 users. The users are "
        "unique users as measured over 2024, not the months' users added up."
    )
    tables = _shown(english, "web")
    assert list(tables) == [
        "Key figures 2024",
        "Website visits by source, 2024 (the 10 largest)",
        "Website users by source, 2024 (the 10 largest)",
        "Website visits by device, 2024",
        "Website page views by page, 2024 (the 9 largest)",
        "Website visits by place, 2024 (the 22 largest)",
    ]
    assert tables["Website users by source, 2024 (the 10 largest)"][0] == [
        "google / organic",
        "26,444",
        "55.2%",
    ]
    assert tables["Website visits by device, 2024"] == [
        ["mobile", "52,112", "72.6%"],
        ["desktop", "17,954", "25.0%"],
        ["tablet", "1,710", "2.4%"],
    ]
    assert tables["Website page views by page, 2024 (the 9 largest)"][0][:2] == [
        "Forsiden",
        "67,972",
    ]
    assert tables["Website visits by place, 2024 (the 22 largest)"][-1][:2] == [
        "Bodø kommune",
        "361",
    ]
    charts = [b for b in web.blocks if isinstance(b, Chart)]
    assert [c.title for c in charts] == [
        "Visits and page views per month",
        "The website by device, 2024",
    ]
    assert charts[1].labels == ("mobile", "desktop", "tablet")
    assert charts[1].series == (("visits", (52112, 17954, 1710)),)
    partial = "Website page views by page (2024): a partial list (9 of the categories"
    assert any(n.startswith(partial) for n in english.notes)  # type: ignore[attr-defined]


def test_the_campaigns_chapter_has_the_snapchat_campaign_of_2024_in_both_languages() -> None:
    """ "Vi har nådd 563 623 unike personer, 66 712 åpninger og 22 015 klikk på annonsene."."""
    data = dataset.load(EXAMPLES)
    for lang, line, table in (
        (
            "en",
            "Snapchat (mars og desember) (2024): 563,623 reached, 66,712 opens and 22,015 clicks.",
            ("Campaigns 2024", ["Snapchat (mars og desember)", "2024", "reached", "563,623"]),
        ),
        (
            "nb",
            "Snapchat (mars og desember) (2024): 563\u00a0623 nådd, 66\u00a0712 åpninger og "
            "22\u00a0015 klikk.",
            ("Kampanjer 2024", ["Snapchat (mars og desember)", "2024", "nådd", "563\u00a0623"]),
        ),
    ):
        doc = build(data, 2024, lang, ReportSettings())
        assert [c.id for c in doc.chapters][-2:] == ["web", "campaigns"]
        assert _chapter(doc, "campaigns").blocks[0] == line
        title, first = table
        assert _shown(doc, "campaigns")[title][0] == first


def test_the_2020_report_shows_visit_frequency_and_the_campaigns_by_region() -> None:
    """2020: the website opened in July; 556 visits were a visitor's 9th to 14th (bars of
    visits and page views); four campaigns with their Finnmark figures."""
    doc = build(dataset.load(EXAMPLES), 2020, "nb", ReportSettings())
    web = _chapter(doc, "web")
    frequency = "Nettsidens besøk fordelt på antall besøk, 2020-07..2020-12"
    assert ["9-14", "556", "1,8\u00a0%"] in _shown(doc, "web")[frequency]
    chart = next(b for b in web.blocks if isinstance(b, Chart) and "antall besøk" in b.title)
    assert chart.labels[8:10] == ("9-14", "15-25")
    assert [name for name, _ in chart.series] == ["besøk", "sidevisninger"]
    assert [values[8] for _, values in chart.series] == [556, 1028]
    assert not chart.horizontal
    sources = [t for t in _shown(doc, "web") if "fordelt på kilde" in t]
    assert sources == [
        "Nettsidens sidevisninger fordelt på kilde, 2020-07..2020-12 (de 10 største)",
        "Nettsidens brukere fordelt på kilde, 2020-07..2020-12 (de 10 største)",
    ]  # 2020 has no visits by source: no such table, never an empty one
    campaigns = _chapter(doc, "campaigns")
    assert campaigns.blocks[0] == (
        "September A (2020-09): 211\u00a0948 eksponeringer og 1\u00a0573 swipe-ups."
    )
    assert sum(isinstance(b, str) for b in campaigns.blocks) == 4
    region = ["September A", "2020-09", "eksponeringer", "Finnmark", "40\u00a0327", "19,0\u00a0%"]
    assert region in _shown(doc, "campaigns")["Kampanjer 2020"]


def test_without_period_files_the_web_chapter_has_its_months_and_no_campaigns(
    tmp_path: Path,
) -> None:
    """No period file: the website's months only, and a note instead of a campaigns chapter."""
    rows = [(f"2024-{m:02d}", "web", "visits", "total", "", 100 + m) for m in range(1, 13)]
    write_counts(
        tmp_path, "2024/web.csv", [*rows, ("2024-01", "phone", "answered", "total", "", 9)]
    )
    doc = build(dataset.load(tmp_path), 2024, "en", ReportSettings())
    assert [c.id for c in doc.chapters] == ["key_figures", "phone", "web"]
    web = _chapter(doc, "web")
    assert [b.table.kind for b in web.blocks if isinstance(b, TableBlock)] == ["summary"]
    assert [b.title for b in web.blocks if isinstance(b, Chart)] == [
        "Visits and page views per month"
    ]
    assert "the campaigns chapter needs campaign figures in a period file" in " ".join(doc.notes)


def test_a_website_without_contact_channels_still_gets_its_report(tmp_path: Path) -> None:
    """Web counts only: no opening-hours table to compute, and no error for it."""
    write_counts(tmp_path, "2024/web.csv", [("2024-01", "web", "visits", "total", "", 7)])
    doc = build(dataset.load(tmp_path), 2024, "en", ReportSettings())
    assert [c.id for c in doc.chapters] == ["key_figures", "web"]
    assert any("opening-hours chapter needs a service calendar" in n for n in doc.notes)


PERIOD_HEADER = (
    "period",
    "channel",
    "metric",
    "dimension",
    "category",
    "count",
    "campaign",
    "list",
)


def test_suppression_hides_small_counts_in_the_web_and_campaign_tables_too(
    tmp_path: Path,
) -> None:
    """The period files' tables are protected with the others: 3 tablets hidden, and so
    much else that it cannot be worked out; no bar drawn for them."""
    write_counts(tmp_path, "2024/2024-01.csv", [("2024-01", "phone", "answered", "total", "", 50)])
    write_counts(
        tmp_path,
        "2024/web-2024.csv",
        [
            ("2024", "web", "visits", "total", "", 100, "", ""),
            ("2024", "web", "visits", "device", "mobile", 60, "", ""),
            ("2024", "web", "visits", "device", "desktop", 37, "", ""),
            ("2024", "web", "visits", "device", "tablet", 3, "", ""),
            ("2024", "campaign", "clicks", "total", "", 40, "Vår", ""),
            ("2024", "campaign", "clicks", "region", "Finnmark", 2, "Vår", "partial"),
        ],
        header=PERIOD_HEADER,
    )
    doc = build(dataset.load(tmp_path), 2024, "en", ReportSettings(), threshold=5)
    devices = _shown(doc, "web")["Website visits by device, 2024"]
    assert [r[0] for r in devices if r[1] == ":"] == ["desktop", "tablet"]
    chart = next(b for b in _chapter(doc, "web").blocks if isinstance(b, Chart))
    assert chart.series == (("visits", (None, 60, None)),)  # by id once anything is hidden
    finnmark = _shown(doc, "campaigns")["Campaigns 2024"][1]
    assert finnmark[3:5] == ["Finnmark", ":"]


def test_a_chapter_without_data_is_left_out_with_a_note(tmp_path: Path) -> None:
    write_counts(tmp_path, "2024/2024-01.csv", [("2024-01", "chat", "answered", "total", "", 5)])
    doc = build(dataset.load(tmp_path), 2024, "en", ReportSettings())
    assert [c.id for c in doc.chapters] == ["key_figures", "chat"]
    assert any("children aged 11-13 needs topic*age rows" in n for n in doc.notes)
    assert any("website chapter needs web visits" in n for n in doc.notes)
    assert any("opening-hours chapter needs a service calendar" in n for n in doc.notes)


def test_html_is_one_self_contained_file_and_the_same_each_time(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert invoke("report", "2024", "-o", out, "-d", EXAMPLES, "--lang", "nb").exit_code == 0
    html = out.read_text("utf-8")
    assert html.count("<svg") >= 10
    assert "<script" not in html
    assert 'src="http' not in html
    assert 'href="http' not in html
    assert "Nøkkeltall" in html
    assert "14\u00a0242" in html
    first = out.read_bytes()
    assert invoke("report", "2024", "-o", out, "-d", EXAMPLES, "--lang", "nb").exit_code == 0
    assert out.read_bytes() == first


def test_pdf_pages_are_drawn_and_the_file_is_the_same_each_time(tmp_path: Path) -> None:
    """A page rendered to pixels has dark text and the report's red bars, not a blank page."""
    import pypdfium2 as pdfium

    out = tmp_path / "report.pdf"
    result = invoke("report", "2024", "-o", out, "-d", EXAMPLES)
    assert result.exit_code == 0, result.output
    pdf = pdfium.PdfDocument(out)
    assert len(pdf) > 5
    image = pdf[2].render(scale=0.5).to_pil().convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert sum(n for n, (r, g, b) in colours if r + g + b < 150) > 200  # text
    assert sum(n for n, (r, g, b) in colours if r > 150 and g < 60 and b < 60) > 2000  # bars
    first = out.read_bytes()
    assert invoke("report", "2024", "-o", out, "-d", EXAMPLES).exit_code == 0
    assert out.read_bytes() == first


def test_markdown_has_the_tables(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    assert invoke("report", "2024", "-o", out, "-d", EXAMPLES).exit_code == 0
    text = out.read_text("utf-8")
    assert text.startswith("# Alarmtelefonen for barn og unge")
    assert "| Alarmtelefonen, Kristiansand" in text


def test_only_phone_data_gives_only_the_phone_chapter(tmp_path: Path) -> None:
    write_counts(tmp_path, "2024/2024-01.csv", [("2024-01", "phone", "answered", "total", "", 10)])
    out = tmp_path / "r.html"
    result = invoke("report", "2024", "-o", out, "-d", tmp_path)
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert '<section id="phone">' in html
    assert '<section id="chat">' not in html
    assert "Chat: no answered contacts in the data this year" in html


def test_settings_name_order_and_chapters_off(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLES, data)
    (data / "alarm.toml").write_text(
        '[report]\nname = "Alarmtelefonen for barn og unge"\nchapters = ["chat"]\n'
        'off = ["web", "campaigns"]\n',
        "utf-8",
    )
    out = tmp_path / "r.html"
    assert invoke("report", "2024", "-o", out, "-d", data).exit_code == 0
    html = out.read_text("utf-8")
    assert "<h1>Alarmtelefonen for barn og unge</h1>" in html
    assert html.index('<section id="chat">') < html.index('<section id="key_figures">')
    assert '<section id="web">' not in html
    assert '<section id="campaigns">' not in html


def test_a_bad_colour_is_named_at_its_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLES, data)
    (data / "alarm.toml").write_text('[report]\ncolour = "red"\n', "utf-8")
    result = invoke("report", "2024", "-o", tmp_path / "r.html", "-d", data)
    assert result.exit_code == 1
    assert f"{data / 'alarm.toml'}:2: `report.colour` is not a value it can take" in result.stderr


def test_suppression_covers_the_whole_report(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert invoke("report", "2024", "-o", out, "-d", EXAMPLES, "--suppress", "100").exit_code == 0
    html = out.read_text("utf-8")
    assert "<td class=n>:</td>" in html
    assert "counts from 1 to 99 are hidden" in html


def test_a_table_the_report_holds_but_did_not_protect_is_refused() -> None:
    """Every table in the report's figures is swapped for its protected copy; a table left
    out of the protected set stops the report instead of being published as it is."""
    from alarmcli.figures import Table
    from alarmcli.report import _protected

    kept, left_out, safe = Table("a", (), []), Table("b", (), []), Table("a", (), [])
    swap = {id(kept): safe}
    swapped = _protected({"x": [kept], "n": 3}, swap)
    assert swapped["x"][0] is safe
    assert swapped["n"] == 3
    with pytest.raises(KeyError):
        _protected({"x": left_out}, swap)


def test_an_unknown_output_suffix_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("report", "2024", "-o", tmp_path / "r.docx", "-d", EXAMPLES)
    assert result.exit_code == 2
    assert ".html, .pdf or .md" in result.stderr


def test_figure_commands_do_not_import_the_report_libraries() -> None:
    """`alarm summary` stays as fast as before: no matplotlib, no typst."""
    code = (
        "import sys\n"
        f"sys.argv = ['alarm', 'summary', '2024', '-d', {str(EXAMPLES)!r}, '-f', 'csv']\n"
        "from alarmcli.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('|' + ','.join(m for m in ('matplotlib', 'typst') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "|"


@pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")),
    reason="no headless Chromium here (Debian package chromium); CI does not install one",
)
def test_the_html_opens_in_a_real_browser(tmp_path: Path) -> None:
    """Headless Chromium prints the page to PDF without a console error."""
    out = tmp_path / "r.html"
    assert invoke("report", "2024", "-o", out, "-d", EXAMPLES).exit_code == 0
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    result = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu",
         f"--print-to-pdf={tmp_path / 'p.pdf'}", out.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert (tmp_path / "p.pdf").stat().st_size > 10_000, result.stderr
    assert "Uncaught" not in result.stderr


def test_chart_writes_one_figure_the_same_each_time(tmp_path: Path) -> None:
    """`alarm chart` draws a channel's months or a breakdown; SVG or PNG; same bytes twice."""
    svg = tmp_path / "chat.svg"
    args = ["chart", "2024", "-c", "chat", "-o", svg, "-d", EXAMPLES, "--lang", "nb"]
    assert invoke(*args).exit_code == 0
    first = svg.read_bytes()
    assert first.startswith(b"<?xml")
    assert b"<svg" in first
    assert invoke(*args).exit_code == 0
    assert svg.read_bytes() == first
    png = tmp_path / "gender.png"
    result = invoke("chart", "2024", "-c", "chat", "--by", "gender", "-o", png, "-d", EXAMPLES)
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    wrong = invoke("chart", "2024", "-o", tmp_path / "c.gif", "-d", EXAMPLES)
    assert wrong.exit_code == 2


@pytest.mark.parametrize(
    ("settings", "args"),
    [
        ("[suppression]\nthreshold = 50\n", ["-c", "email"]),
        ("", ["-c", "ungno", "--by", "gender", "--suppress", "50"]),
    ],
)
def test_chart_draws_no_bar_for_a_hidden_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: str, args: list[str]
) -> None:
    """`alarm chart` is suppressed as the tables are (alarm.toml or --suppress).

    Unsuppressed, email's months (14-21) and ung.no's other gender (24) are under 50; a bar
    would give each away to within a fraction of a count.
    """
    from alarmcli.report import charts

    data = tmp_path / "data"
    shutil.copytree(EXAMPLES, data, ignore=shutil.ignore_patterns("201*"))
    (data / "alarm.toml").write_text(settings, "utf-8")
    drawn: list[Chart] = []
    draw = charts.draw
    monkeypatch.setattr(charts, "draw", lambda chart, *a: drawn.append(chart) or draw(chart, *a))
    run = ["chart", "2024", "-o", tmp_path / "c.svg", "-d", data, *args]
    result = invoke(*run)
    assert result.exit_code == 0, result.output
    values = [v for _, bars in drawn[0].series for v in bars]
    assert None in values
    assert all(v is None or v == 0 or v >= 50 for v in values), values
    (data / "alarm.toml").unlink()
    assert invoke(*[a for a in run if a not in {"--suppress", "50"}]).exit_code == 0
    assert any(v is not None and 0 < v < 50 for _, bars in drawn[1].series for v in bars)


def test_a_logo_is_embedded_in_the_html_and_placed_in_the_pdf(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLES, data)
    (data / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
        '<circle cx="20" cy="20" r="18" fill="#b5121b"/></svg>',
        "utf-8",
    )
    (data / "alarm.toml").write_text('[report]\nlogo = "logo.svg"\n', "utf-8")
    assert invoke("report", "2024", "-o", tmp_path / "r.html", "-d", data).exit_code == 0
    assert 'src="data:image/svg+xml;base64,' in (tmp_path / "r.html").read_text("utf-8")
    result = invoke("report", "2024", "-o", tmp_path / "r.pdf", "-d", data)
    assert result.exit_code == 0, result.output


def test_a_website_counted_for_the_year_only_has_its_totals_in_the_report(tmp_path: Path) -> None:
    """No web rows in the month files; visits, page views and users measured over 2024 in
    a period file: the web chapter states all three."""
    write_counts(tmp_path, "2024/2024-01.csv", [("2024-01", "phone", "answered", "total", "", 5)])
    (tmp_path / "2024" / "web.csv").write_text(
        "period,channel,metric,dimension,category,count\n"
        "2024,web,visits,total,,71776\n2024,web,pageviews,total,,89882\n"
        "2024,web,users,total,,47903\n",
        encoding="utf-8",
    )
    doc = build(dataset.load(tmp_path), 2024, "en", ReportSettings())
    web = next(c for c in doc.chapters if c.id == "web")
    assert "47,903 users, 71,776 visits and 89,882 page views" in web.blocks[0]

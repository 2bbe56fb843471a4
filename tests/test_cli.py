"""The command line: every subcommand has --help, and the README documents every one."""

import pytest

from pipeline import build_parser
from tests.conftest import ROOT, run_pipeline

COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)


def test_expected_commands_exist():
    assert set(COMMANDS) >= {"crawl", "process", "serve", "nightly", "demo", "parse", "extract"}


@pytest.mark.parametrize("command", COMMANDS)
def test_help(command):
    result = run_pipeline(command, "--help")
    assert "usage: pipeline.py " + command in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_documents_command(command):
    assert f"python pipeline.py {command}" in (ROOT / "README.md").read_text()


def test_parse_prints_contract_json(tmp_path):
    import json

    page = tmp_path / "page.html"
    page.write_text(
        "<html lang='en'><head><title>Court jails recruiter</title>"
        "<link rel='canonical' href='https://news.example.org/a/court-jails-recruiter?utm_source=x'>"
        "<meta property='article:published_time' content='2025-02-03T08:00:00Z'>"
        "<meta name='author' content='Dara Kim'></head><body><nav>Home | World</nav><article>"
        "<h1>Court jails recruiter</h1>"
        + "<p>The Kandal Provincial Court jailed a recruiter for seven years on Monday for sending four women to work in a factory where they were not paid.</p>"
        * 4
        + "</article><footer>Copyright</footer></body></html>"
    )
    (row,) = [json.loads(line) for line in run_pipeline("parse", str(page)).stdout.splitlines()]
    assert {"url", "title", "text", "published", "authors", "language"} <= set(row)
    assert row["url"] == "https://news.example.org/a/court-jails-recruiter"
    assert row["title"] == "Court jails recruiter"
    assert row["published"] == "2025-02-03"
    assert row["authors"] == ["Dara Kim"]
    assert row["language"] == "en"
    assert row["text"].startswith("The Kandal Provincial Court") and "Copyright" not in row["text"]


def test_parse_survives_broken_and_empty_files(tmp_path):
    import json

    empty, binary = tmp_path / "empty.html", tmp_path / "binary.html"
    empty.write_text("")
    binary.write_bytes(bytes(range(256)) * 50)
    result = run_pipeline("parse", str(empty), str(binary), check=False)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in rows] == [None, None]
    assert "error" not in rows[0] and "binary data" in rows[1]["error"]  # reported, not parsed as junk
    assert result.returncode == 3 and "binary.html: not a text or HTML file" in result.stderr


def test_read_html_decodes_a_page_as_parse_reads_it(tmp_path):
    """pipeline.read_html is the decoder outside checks call to give plain trafilatura the
    same HTML as `parse` (a declared charset is honoured, a gzip file is unpacked)."""
    import gzip

    import pipeline

    page = tmp_path / "page.html"
    page.write_bytes(
        "<html><head><meta charset='windows-1252'></head><body>Caf\u00e9 \u2013 court</body></html>".encode("cp1252")
    )
    zipped = tmp_path / "page.html.gz"
    zipped.write_bytes(gzip.compress(page.read_bytes()))
    for path in (page, zipped):
        html = pipeline.read_html(path)
        assert "Caf\u00e9 \u2013 court" in html

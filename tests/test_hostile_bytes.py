"""Broken bytes through the real crawl, `parse` and `extract` (issue 12, items 4, 9 and 14).

The crafted pages of testbed/bytes_site.py are served on 127.0.0.1 and crawled with
`pipeline.py crawl`, and written as files for one mixed `parse` batch (with a corrupt
.gz, a 1 GiB gzip bomb, a binary file and a missing path) and one `extract` batch.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sqlite_utils

from crawler.article_html import guess_language
from testbed.bytes_site import (
    ENGLISH_WITH_NAMES,
    EXTRACT_PERSON,
    NAME,
    extract_batch,
    gzip_bomb,
    name_survives,
    pages,
    parse_batch,
    serve,
    sources_toml,
)
from tests.conftest import ROOT, run_pipeline


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    site = serve()
    folder = tmp_path_factory.mktemp("bytes")
    (folder / "sources.toml").write_text(sources_toml(site), encoding="utf-8")
    result = run_pipeline(
        "crawl", "--sources", str(folder / "sources.toml"), "--db", str(folder / "t.db"), check=False, timeout=180
    )
    yield {"site": site, "db": sqlite_utils.Database(folder / "t.db"), "result": result}
    site.shutdown()


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    return gzip_bomb(tmp_path_factory.mktemp("bomb") / "bomb.html.gz")


def test_crawl_keeps_every_name_whole(crawled):
    site, db = crawled["site"], crawled["db"]
    assert crawled["result"].returncode == 0, crawled["result"].stderr[-3000:]
    status = dict(db.execute("select url, status from fetched_urls").fetchall())
    stored = {row["url"]: row for row in db.query("select url, title, text, language from articles")}
    for path in pages():
        url = site.main + path
        assert status.get(url) == "article", (path, status.get(url))
        assert name_survives(stored[url]["title"], stored[url]["text"]), (path, stored[url]["title"])
        assert stored[url]["language"] == "en", path
    damaged = stored[site.main + "/story/declared-utf8-bad-bytes"]["text"]
    assert damaged.count("\ufffd") == 2  # the two bad bytes, and only them


def test_crawl_logs_the_repaired_labels(crawled):
    site, db = crawled["site"], crawled["db"]
    notes = dict(db.execute("select url, reason from run_errors where code = 'charset'").fetchall())
    assert set(notes) == {site.main + "/story/undeclared-bad-bytes", site.main + "/story/latin1-label-bad-bytes"}
    assert "decoded as utf-8" in notes[site.main + "/story/latin1-label-bad-bytes"]


def test_english_prose_full_of_names_is_english():
    text = "\n".join(ENGLISH_WITH_NAMES)
    assert guess_language(text) == "en"
    assert guess_language(text, "vi") == "en"
    # the prose of those languages is still told apart
    assert (
        guess_language(
            "Cảnh sát tỉnh An Giang đã bắt giữ một người đàn ông vì tội mua bán người. Theo cơ "
            "quan điều tra, nghi phạm đã đưa nhiều phụ nữ sang Campuchia để làm việc."
        )
        == "vi"
    )
    assert guess_language("ตำรวจช่วยเหลือเหยื่อค้ามนุษย์ 20 คนจากโรงงานในจังหวัดตาก " + NAME) == "th"
    assert guess_language("សមត្ថកិច្ចបានជួយសង្គ្រោះជនរងគ្រោះពីការជួញដូរមនុស្ស Sok Chanthy") == "km"


def test_parse_batch_one_line_per_input_in_order(tmp_path, bomb):
    batch = parse_batch(tmp_path / "batch", bomb)
    result = run_pipeline("parse", *[str(path) for path, _ in batch], check=False, timeout=300)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["file"] for row in rows] == [str(path) for path, _ in batch]
    for (path, good), row in zip(batch, rows):
        if good:
            assert "error" not in row and name_survives(row["title"], row["text"]), (path.name, row)
            assert row["language"] == "en", path.name
        else:
            assert row["error"] and row["text"] is None, path.name
            assert f"error: {path}: {row['error']}" in result.stderr
    errors = {path.name: row["error"] for (path, good), row in zip(batch, rows) if not good}
    assert "once decompressed" in errors["bomb.html.gz"]
    assert "gzip" in errors["corrupt.html.gz"]
    assert "binary data" in errors["photo.html"]
    assert "No such file" in errors["missing.html"]
    assert result.returncode == 3  # partial: the batch ran, some inputs had no page (README, Exit codes)


def test_parse_of_good_files_only_exits_0(tmp_path, bomb):
    good = [str(path) for path, ok in parse_batch(tmp_path / "batch", bomb) if ok]
    result = run_pipeline("parse", *good)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["file"] for row in rows] == good and not result.stderr.strip()
    assert all(name_survives(row["title"], row["text"]) for row in rows)


def test_extract_batch_reports_missing_and_binary_and_honours_boms(tmp_path, bomb):
    batch = extract_batch(tmp_path / "batch", bomb)
    result = run_pipeline("extract", *[str(path) for path, _ in batch], check=False, timeout=300)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(batch)
    for (path, good), row in zip(batch, rows):
        names = [p["name"] for p in row["persons"]]
        if good:
            assert "error" not in row and EXTRACT_PERSON in names, (path.name, row)
            assert not any(set(n) & set("\x00\ufffdÿþï»¿") for n in names), (path.name, names)
        else:
            assert row["error"].startswith(f"{path}: ") and not names, path.name
    assert "binary data" in rows[-1]["error"] and "No such file" in rows[1]["error"]
    assert "binary data (NUL bytes)" in rows[3]["error"]  # the bomb: read up to the page limit, no further
    assert result.returncode == 3


def test_bench_prints_every_figure_at_target():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "hostile_bytes.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0 and result.stdout.startswith("command: python bench/hostile_bytes.py")
    figures = dict(line.split(": ", 1) for line in result.stdout.splitlines()[1:])
    for name in (
        "mojibake names, crawl",
        "mojibake names, parse",
        "lost outputs, parse batch",
        "lost outputs, extract batch",
    ):
        assert figures[name] == "0", (name, result.stdout)
    assert float(figures["parse gzip bomb (1 MB -> 1 GiB) peak RSS MB"]) > 0

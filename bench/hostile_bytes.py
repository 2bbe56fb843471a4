"""Broken bytes (issue 12, items 4, 9 and 14): mojibake names, lost outputs, memory on a gzip bomb.

The crafted pages of testbed/bytes_site.py (each names "Nguyễn Văn Thắng": UTF-8 with two bad
bytes under four kinds of label, an XML declaration, BOMs, 300 levels of nesting, an English
article full of Vietnamese, Khmer and Thai names) are crawled from 127.0.0.1 with
`pipeline.py crawl` and parsed as files; mixed `parse` and `extract` batches add a corrupt
.gz, a 1 MB gzip that expands to 1 GiB, binary files and missing paths. A name is lost when
it is not stored whole or reads as mojibake; an output is lost when an input has no line,
a good input has no name, or a bad one no error. Targets: 0 everywhere.

    python bench/hostile_bytes.py
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from testbed.bytes_site import (
    EXTRACT_PERSON,
    extract_batch,
    gzip_bomb,
    name_survives,
    pages,
    parse_batch,
    serve,
    sources_toml,
)

PIPELINE = [sys.executable, str(ROOT / "pipeline.py")]


def run(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    """The command's result and its peak RSS in MB (from the kernel's rusage of that child)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen([*PIPELINE, *args], stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        result = subprocess.CompletedProcess(args, child.returncode, out.read().decode(), err.read().decode())
    return result, usage.ru_maxrss / 1024


def crawl_lost_names(folder: Path) -> int:
    site = serve()
    try:
        (folder / "sources.toml").write_text(sources_toml(site), encoding="utf-8")
        run("crawl", "--sources", str(folder / "sources.toml"), "--db", str(folder / "crawl.db"))
        with sqlite3.connect(folder / "crawl.db") as db:
            stored = {url: (title, text) for url, title, text in db.execute("select url, title, text from articles")}
        return sum(not name_survives(*stored.get(site.main + path, (None, None))) for path in pages())
    finally:
        site.shutdown()


def lost(rows: list[dict], batch: list[tuple[Path, bool]], good_line) -> int:
    """Inputs without their line: none at all, a good one without its result, a bad one without an error."""
    rows = rows + [{}] * (len(batch) - len(rows))
    return sum(not (row and (good_line(row) if good else row.get("error"))) for (_, good), row in zip(batch, rows))


def measure() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bomb = gzip_bomb(folder / "bomb.html.gz")
        figures = {"crafted pages": len(pages()), "mojibake names, crawl": crawl_lost_names(folder)}
        batch = parse_batch(folder / "parse", bomb)
        good = [path for path, ok in batch if ok]
        result, _ = run("parse", *map(str, good))
        by_file = {row["file"]: row for row in map(json.loads, result.stdout.splitlines())}
        figures["mojibake names, parse"] = sum(
            not name_survives(by_file.get(str(path), {}).get("title"), by_file.get(str(path), {}).get("text"))
            for path in good
        )
        result, _ = run("parse", *[str(path) for path, _ in batch])
        figures["parse batch inputs"] = len(batch)
        figures["lost outputs, parse batch"] = lost(
            [json.loads(line) for line in result.stdout.splitlines()],
            batch,
            lambda row: "error" not in row and name_survives(row["title"], row["text"]),
        )
        texts = extract_batch(folder / "extract", bomb)
        result, _ = run("extract", *[str(path) for path, _ in texts])
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        figures["extract batch inputs"] = len(texts)
        figures["lost outputs, extract batch"] = lost(
            rows, texts, lambda row: "error" not in row and EXTRACT_PERSON in [p["name"] for p in row["persons"]]
        )
        _, rss = run("parse", str(bomb))
        figures["parse gzip bomb (1 MB -> 1 GiB) peak RSS MB"] = round(rss, 1)
        _, rss = run("parse", str(batch[1][0]))  # for comparison: one ordinary page
        figures["parse one ordinary page peak RSS MB"] = round(rss, 1)
    return figures


def main() -> int:
    print("command: python bench/hostile_bytes.py")
    for name, value in measure().items():
        print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

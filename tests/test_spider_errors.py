"""An exception in a spider callback or an item pipeline is a bug in our code: the crawl
records it with its URL, goes on with the other pages, and the run is partial (exit 3).

Faults are injected into a real `pipeline.py crawl` through settings (`testbed/crawl_faults.py`).
"""

from __future__ import annotations

import json

import sqlite_utils

from testbed import crawl_faults
from testbed.hostile_site import FAULT_STORIES, source_toml, start_hostile_site
from tests.conftest import free_port, run_pipeline


def test_callback_and_pipeline_exceptions_make_the_run_partial(tmp_path):
    site = start_hostile_site(dead_port=free_port())
    try:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            source_toml("faults", [site.main + "/faults/feed.xml"], article_pattern="/faults/"), encoding="utf-8"
        )
        db_path = tmp_path / "t.db"
        faults = [
            "--set",
            f"SPIDER_MIDDLEWARES={json.dumps(crawl_faults.SPIDER_MIDDLEWARES)}",
            "--set",
            f"ITEM_PIPELINES={json.dumps(crawl_faults.ITEM_PIPELINES)}",
        ]
        broken = run_pipeline(
            "crawl", "--sources", str(sources), "--db", str(db_path), *faults, check=False, timeout=120
        )
        # the sources were all readable; only our own code failed
        fixed = run_pipeline("crawl", "--sources", str(sources), "--db", str(db_path), check=False, timeout=120)
    finally:
        site.shutdown()
    assert broken.returncode == 3, broken.stdout + broken.stderr[-3000:]
    db = sqlite_utils.Database(db_path)
    callback, pipeline, fine = (site.main + path for path in FAULT_STORIES)
    rows = {r["code"]: r for r in db.query("select * from run_errors where run_id = 1")}
    assert set(rows) == {"spider_error", "item_error"}
    assert rows["spider_error"]["url"] == callback and rows["spider_error"]["source_id"] == "faults"
    assert "NameError: name 'extracted_body' is not defined" in rows["spider_error"]["reason"]
    assert rows["item_error"]["url"] == pipeline and "KeyError" in rows["item_error"]["reason"]
    run = db["runs"].get(1)
    assert run["status"] == "partial" and run["exit_code"] == 3
    assert run["errors"] == 2 and json.loads(run["problem_counts"]) == {"item_error": 1, "spider_error": 1}
    assert "exceptions in spider callbacks or item pipelines" in (tmp_path / "logs" / "pipeline.log").read_text()
    # the page without a fault was stored; the two others are tried again once the bug is fixed
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr[-3000:]
    stored = {r[0] for r in db.execute("select url from articles")}
    assert stored == {callback, pipeline, fine}
    assert db.execute("select count(*) from run_errors where run_id = 2").fetchone()[0] == 0

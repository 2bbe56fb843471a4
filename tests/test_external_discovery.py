"""Other projects' feed and sitemap tests (../shared/external-checks, discovery part), as a
regression check: every feed is sniffed as a feed and no URL is requested that a listing
does not give (no enclosure, licence or self link, no half-written <loc>, no entity bomb)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, free_port, needs_shared


def test_external_feeds_are_all_sniffed_and_no_extra_url_is_requested():
    scorer = needs_shared("external-checks", "discovery", "score.py")
    result = subprocess.run(
        [sys.executable, "-W", "ignore", str(scorer), "--project", str(ROOT), "--port", str(free_port())],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("HEADLINE ")), None)
    assert line, result.stdout + result.stderr[-3000:]
    summary = json.loads(line[len("HEADLINE ") :])
    assert summary["feed_not_sniffed"] == 0
    assert summary["feed_extra"] == 0 and summary["usp_extra"] == 0
    assert summary["crashes"] == 0
    assert summary["scrapy_locs"][0] == summary["scrapy_locs"][1]
    assert summary["usp_urls"][0] == summary["usp_urls"][1]

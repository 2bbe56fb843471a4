"""Other projects' article-extraction tests (../shared/external-checks, extraction part), as a
regression check of `parse` on real pages nobody here wrote: the scorer's calls into this
project (pipeline.main, pipeline.read_html) keep working, the command line agrees with the
in-process call, and on the pages scored `parse` is nowhere below plain trafilatura."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from tests.conftest import ROOT, needs_shared


def test_parse_scores_at_least_as_well_as_plain_trafilatura_on_other_projects_pages():
    scorer = needs_shared("external-checks", "extraction", "score.py")
    result = subprocess.run(
        [sys.executable, "-W", "ignore", str(scorer), "--project", str(ROOT), "--limit", "10", "--cli-check", "2"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert re.search(r"cli-check: 2 pages, 0 differ", result.stdout), result.stdout[-2000:]
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("HEADLINE "))
    scores = json.loads(line[len("HEADLINE ") :])
    ours, plain = scores["project"], scores["anchor"]
    for field in ("substrF1", "tokF1", "prefix", "title", "date", "authors"):
        assert ours[field] >= plain[field], (field, ours[field], plain[field])

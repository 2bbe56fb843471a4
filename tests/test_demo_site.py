"""The bundled demo site is consistent: pages parse, links resolve, the answer key matches."""

import subprocess
import sys

from tests.conftest import ROOT


def test_demo_site_verifies():
    result = subprocess.run(
        [sys.executable, str(ROOT / "demo" / "verify_site.py")], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_committed_site_is_a_fresh_build(tmp_path):
    """demo/site and demo/expected.json are what build_site.py makes of demo/articles and
    demo/layout: an edit to the data without a rebuild (or the reverse) fails here."""
    out, key = tmp_path / "site", tmp_path / "expected.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "demo" / "build_site.py"), "--out", str(out), "--expected", str(key)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    committed = ROOT / "demo" / "site"
    built = {p.relative_to(out) for p in out.rglob("*") if p.is_file()}
    assert built == {p.relative_to(committed) for p in committed.rglob("*") if p.is_file()}
    changed = [str(p) for p in sorted(built) if (out / p).read_bytes() != (committed / p).read_bytes()]
    assert changed == []
    assert key.read_bytes() == (ROOT / "demo" / "expected.json").read_bytes()

"""The bundled demo site is consistent: pages parse, links resolve, the answer key matches."""
import subprocess
import sys

from tests.conftest import ROOT


def test_demo_site_verifies():
    result = subprocess.run([sys.executable, str(ROOT / "demo" / "verify_site.py")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr

"""The sources file: valid files load, broken ones fail with a message naming the problem."""
import re

import pytest

from crawler.sources import SourcesFileError, load_sources
from tests.conftest import ROOT, run_pipeline


def test_real_sources_file_loads():
    sources = load_sources(ROOT / "crawler" / "sources.toml")
    assert sources, "the default sources file lists real outlets"
    for source in sources:
        assert source.homepage.startswith("http")
        assert source.start_urls and source.allowed_domains


def test_demo_sources_file_loads():
    (source,) = load_sources(ROOT / "demo" / "sources.toml")
    assert source.allows("http://127.0.0.1:8765/news/2025/01/x.html")
    assert source.is_article_url("http://127.0.0.1:8765/news/2025/01/some-story.html")
    assert not source.is_article_url("http://127.0.0.1:8765/news/crime/index.html")


@pytest.mark.parametrize("content, message", [
    ("this is = not [ toml", "not valid TOML"),
    ("[[source]]\nname = 'X'\nhomepage = 'http://x.org/'\n", "missing required field 'start_urls'"),
    ("[[source]]\nname = 'X'\nhomepage = 'ftp://x.org/'\nstart_urls = ['http://x.org/feed']\n", "not an http(s) URL"),
    ("[[source]]\nname = 'X'\nhomepage = 'http://x.org/'\nstart_urls = ['http://x.org/f']\narticle_pattern = '(['\n", "bad article_pattern"),
    ("title = 'nothing here'\n", "no [[source]] tables"),
])
def test_malformed_sources_file_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "sources.toml"
    path.write_text(content)
    with pytest.raises(SourcesFileError, match=re.escape(message)):
        load_sources(path)


def test_crawl_with_malformed_sources_exits_2_with_message(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text("[[source]]\nname = 'Broken'\n")
    result = run_pipeline("crawl", "--sources", str(path), "--db", str(tmp_path / "t.db"), check=False)
    assert result.returncode == 2
    assert "missing required field 'homepage'" in result.stderr

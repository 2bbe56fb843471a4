"""The sources file: valid files load, broken ones fail with a message naming the problem."""

import re

import pytest

from crawler.sources import SourcesFileError, load_sources
from testbed.malformed_sources import DEAD, MALFORMED, source_table
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


@pytest.mark.parametrize(
    "content, message",
    [
        ("this is = not [ toml", "not valid TOML"),
        ("[[source]]\nname = 'X'\nhomepage = 'http://x.org/'\n", "missing required field 'start_urls'"),
        (
            "[[source]]\nname = 'X'\nhomepage = 'ftp://x.org/'\nstart_urls = ['http://x.org/feed']\n",
            "not an http(s) URL",
        ),
        (
            "[[source]]\nname = 'X'\nhomepage = 'http://x.org/'\nstart_urls = ['http://x.org/f']\narticle_pattern = '(['\n",
            "bad article_pattern",
        ),
        ("title = 'nothing here'\n", "no [[source]] tables"),
    ],
)
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


# -- every malformed file: exit 2, naming the file, the source and the field -----------
@pytest.fixture(scope="module")
def cli_answers(tmp_path_factory):
    from testbed.malformed_sources import crawl_each

    return crawl_each(tmp_path_factory.mktemp("malformed"))


@pytest.mark.parametrize("case, text, field", MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_sources_file_exits_2_naming_file_source_and_field(cli_answers, case, text, field):
    path, answer = cli_answers[case]
    assert not answer.traceback, answer.stderr
    assert answer.returncode == 2, answer.stderr
    assert str(path) in answer.stderr and "source" in answer.stderr and f"'{field}'" in answer.stderr, answer.stderr
    with pytest.raises(SourcesFileError, match=re.escape(f"'{field}'")):
        load_sources(path)


def test_malformed_set_has_the_audits_29_files_and_more():
    assert len(MALFORMED) >= 29 and len({c[0] for c in MALFORMED}) == len(MALFORMED)


@pytest.mark.parametrize(
    "typo, meant",
    [
        ("max_article", "max_articles"),
        ("start_url", "start_urls"),
        ("allowd_domains", "allowed_domains"),
        ("langauges", "languages"),
        ("Homepage", "homepage"),
    ],
)
def test_unknown_field_suggests_the_nearest_valid_one(tmp_path, typo, meant):
    path = tmp_path / "sources.toml"
    path.write_text(source_table(**{typo: '"x"'}))
    with pytest.raises(SourcesFileError, match=re.escape(f"'{typo}': unknown field (did you mean '{meant}'?)")):
        load_sources(path)


def test_every_problem_of_a_file_is_listed_at_once(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(source_table(name="42", max_pages='"3"') + "\n" + source_table(name='"B"', maxpages="1"))
    message = str(pytest.raises(SourcesFileError, load_sources, path).value)
    assert "source #1: field 'name'" in message and "source #1: field 'max_pages'" in message
    assert "source #2 (B): field 'maxpages'" in message


def test_limits_of_zero_mean_zero_and_single_start_url_is_a_list(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(source_table(max_articles="0", max_pages="0", start_urls=f'"{DEAD}/feed.xml"'))
    (source,) = load_sources(path)
    assert source.max_articles == 0 and source.max_pages == 0
    assert source.start_urls == [f"{DEAD}/feed.xml"] and source.allowed_domains == ["127.0.0.1"]


def test_max_articles_0_requests_no_article_page(demo_sources, tmp_path):
    """The crawl reads the listings and requests no article, even with --max-articles."""
    from storage import open_db

    text = demo_sources.read_text(encoding="utf-8")
    sources = tmp_path / "sources.toml"
    sources.write_text(text.replace("[[source]]\n", "[[source]]\nmax_articles = 0\n", 1), encoding="utf-8")
    assert load_sources(sources)[0].max_articles == 0
    db_path = tmp_path / "t.db"
    run_pipeline("crawl", "--sources", str(sources), "--db", str(db_path), "--max-articles", "5")
    db = open_db(db_path)
    run = db.execute("select pages_fetched, listings_fetched from runs").fetchone()
    assert db.execute("select count(*) from articles").fetchone()[0] == 0
    assert db.execute("select count(*) from fetched_urls").fetchone()[0] == 0
    assert run[0] == 0 and run[1] >= 1, run

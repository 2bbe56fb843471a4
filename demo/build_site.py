#!/usr/bin/env python3
"""Build the bundled offline demo news site, "The Mekong Ledger".

Everything in it is fictional: the outlet, the cases, the people and the quotes.
Institutions and places are real and used as they exist.

The content is data and the pages are templates, so a new demo article is a new file:
- `demo/articles/<slug>.md`: one article, TOML front matter between `+++` lines (title,
  standfirst, date, section, country, author, on_topic, its sentences and traps), then
  the body, paragraphs separated by blank lines;
- `demo/layout/`: the Jinja page layouts, the feed, sitemap and robots templates and the
  static files (stylesheet, logo), copied as they are.

Run:  python demo/build_site.py [--out DIR] [--expected FILE]
Writes: demo/site/**  (static site, document root for a plain HTTP server)
        demo/expected.json  (answer key: articles, sentences, not-sentences)

Internal links are root-relative. Only feed.xml, sitemap.xml, robots.txt,
<link rel="canonical"> and og:url carry absolute URLs, all with the literal
prefix BASE below (the demo command rewrites the port when needed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import html
import json
import shutil
import tomllib
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import jinja2

HERE = Path(__file__).resolve().parent
ARTICLES_DIR = HERE / "articles"
LAYOUT = HERE / "layout"
SITE = HERE / "site"
EXPECTED = HERE / "expected.json"
BASE = "http://127.0.0.1:8765"
TZ = dt.timezone(dt.timedelta(hours=7))
SITE_NAME = "The Mekong Ledger"
SECTIONS = {"crime": "Crime", "region": "Region", "business": "Business", "sport": "Sport"}
NAV = [
    ("Home", "/"),
    ("Crime", "/news/crime/index.html"),
    ("Region", "/news/region/index.html"),
    ("Business", "/news/business/index.html"),
    ("Sport", "/news/sport/index.html"),
    ("About", "/about.html"),
]
PER_PAGE = 8
SENTENCE_FIELDS = {  # the answer key's fields and their values when the file leaves them out
    "defendant": None,
    "prison_months": None,
    "suspended_months": None,
    "life": False,
    "death": False,
    "fine": None,
    "court": None,
    "place": None,
}
BANNED_OFF_TOPIC = [
    "traffick",
    "smuggl",
    "forced labour",
    "forced labor",
    "exploit",
    "sentenc",
    "jail",
    "prison",
    "convict",
    "court",
]


def read_article(path: Path) -> dict:
    """One article file: its front matter, body paragraphs and the fields pages derive."""
    _, front, body = path.read_text(encoding="utf-8").split("+++\n", 2)
    a = tomllib.loads(front)
    a["slug"] = path.stem
    a.setdefault("also", [])
    a.setdefault("traps", [])
    a["sentences"] = [{**SENTENCE_FIELDS, **s} for s in a.get("sentences", [])]
    a["dt"] = a.pop("date").replace(tzinfo=TZ)
    a["path"] = f"/news/{a['dt']:%Y}/{a['dt']:%m}/{a['slug']}.html"
    a["paragraphs"] = [" ".join(p.split()) for p in body.strip().split("\n\n")]
    if a["on_topic"]:
        a["tags"] = ["Human trafficking", a["country"]] + (["Courts"] if a["sentences"] else [])
    a.setdefault("tags", [])
    return a


def read_articles() -> list[dict]:
    return sorted((read_article(p) for p in ARTICLES_DIR.glob("*.md")), key=lambda a: a["dt"])


def human_date(d: dt.datetime, style: int) -> str:
    """Three date styles, one per article layout, as different CMSs print them."""
    if style == 0:
        return f"{d.day} {d:%B %Y}, {d:%H:%M}"
    if style == 1:
        return f"{d:%b} {d.day}, {d:%Y} {d:%H:%M} ICT"
    return f"{d:%A} {d.day} {d:%B %Y}"


def templates() -> jinja2.Environment:
    """Templates escape by explicit filters: `text` leaves quotes alone so sentences stay
    verbatim in the HTML (the answer key's traps are searched for there), `attr` escapes them."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(LAYOUT),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        text=lambda s: html.escape(s, quote=False), attr=html.escape, xml=xml_escape, rfc822=email.utils.format_datetime
    )
    env.globals.update(base=BASE, site_name=SITE_NAME, sections=SECTIONS, nav=NAV)
    return env


def related_for(a: dict, articles: list[dict]) -> list[dict]:
    pool = [b for b in articles if b is not a and b["on_topic"] == a["on_topic"]]
    pool.sort(key=lambda b: (b["section"] != a["section"], abs((b["dt"] - a["dt"]).days)))
    return pool[:3]


def jsonld(a: dict) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a["title"],
        "description": a["standfirst"],
        "datePublished": a["dt"].isoformat(),
        "dateModified": a["dt"].isoformat(),
        "author": {"@type": "Person", "name": a["author"]},
        "publisher": {"@type": "Organization", "name": SITE_NAME},
        "articleSection": SECTIONS[a["section"]],
        "inLanguage": "en",
    }
    return json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")


def article_pages(env: jinja2.Environment, articles: list[dict]) -> dict[str, str]:
    """Article pages in three layouts (and JSON-LD on every other one), so the crawler
    meets the variety of real templates."""
    template = env.get_template("article.html")
    pages = {}
    for idx, a in enumerate(articles):
        section = SECTIONS[a["section"]]
        pages[a["path"]] = template.render(
            a=a,
            variant=idx % 3,
            when=human_date(a["dt"], idx % 3),
            jsonld=jsonld(a) if idx % 2 == 0 else "",
            related_stories=related_for(a, articles),
            section=section,
            section_href=f"/news/{a['section']}/index.html",
            title=f"{a['title']} | {SITE_NAME}",
            description=a["standfirst"],
            body_class=f"article-page variant-{idx % 3}",
            active=section,
            canonical=a["path"],
        )
    return pages


def section_pages(env: jinja2.Environment, articles: list[dict], key: str) -> dict[str, str]:
    """A section's listing, newest first, PER_PAGE stories a page with rel=prev/next."""
    template = env.get_template("section.html")
    label = SECTIONS[key]
    items = sorted(
        (a for a in articles if a["section"] == key or key in a["also"]), key=lambda a: a["dt"], reverse=True
    )
    chunks = [items[i : i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [[]]

    def page_path(n: int) -> str:
        return f"/news/{key}/index.html" if n == 1 else f"/news/{key}/page/{n}.html"

    pages = {}
    for n, chunk in enumerate(chunks, start=1):
        pages[page_path(n)] = template.render(
            stories=chunk,
            page=n,
            section=label,
            prev_path=page_path(n - 1) if n > 1 else None,
            next_path=page_path(n + 1) if n < len(chunks) else None,
            title=f"{label} | {SITE_NAME}" if n == 1 else f"{label} (page {n}) | {SITE_NAME}",
            description=f"Latest {label.lower()} news from The Mekong Ledger.",
            body_class="section",
            active=label,
            canonical=page_path(n),
        )
    return pages


def render_site(articles: list[dict]) -> dict[str, str]:
    """Every file of the site by its URL path."""
    env = templates()
    newest = sorted(articles, key=lambda a: a["dt"], reverse=True)
    rendered = article_pages(env, articles)
    check_off_topic_pages(articles, rendered)
    for key in SECTIONS:
        rendered.update(section_pages(env, articles, key))
    rendered["/index.html"] = env.get_template("home.html").render(
        top=newest[0],
        latest=newest[1:10],
        title=f"{SITE_NAME} — News from the Mekong region",
        description="Independent English-language news from Cambodia, Thailand, Vietnam, Laos, "
        "Myanmar and the wider region.",
        body_class="home",
        active="Home",
        canonical="/",
    )
    rendered["/about.html"] = env.get_template("about.html").render(
        title=f"About us | {SITE_NAME}",
        description="About The Mekong Ledger.",
        body_class="static",
        active="About",
        canonical="/about.html",
    )
    rendered["/feed.xml"] = env.get_template("feed.xml").render(latest=newest[:12])
    rendered["/sitemap.xml"] = env.get_template("sitemap.xml").render(articles=newest)
    rendered["/robots.txt"] = env.get_template("robots.txt").render()
    for path in sorted((LAYOUT / "static").iterdir()):
        rendered[f"/static/{path.name}"] = path.read_text(encoding="utf-8")
    return rendered


# ---------------------------------------------------------------------------
# Self-checks and answer key
# ---------------------------------------------------------------------------
def check_content(articles: list[dict]) -> None:
    """Article files a test could not rely on: wrong length, an answer-key field or trap
    that is not verbatim in the text, sentences in an off-topic article."""
    problems = []
    for a in articles:
        text = " ".join(a["paragraphs"])
        words = len(text.split())
        if not 300 <= words <= 900:
            problems.append(f"{a['path']}: {words} words")
        if not 5 <= len(a["paragraphs"]) <= 12:
            problems.append(f"{a['path']}: {len(a['paragraphs'])} paragraphs")
        if a["section"] not in SECTIONS:
            problems.append(f"{a['path']}: unknown section {a['section']!r}")
        for s in a["sentences"]:
            for field in ("defendant", "court", "fine"):
                if s[field] and s[field] not in text:
                    problems.append(f"{a['path']}: {field} {s[field]!r} not in text")
        for t in a["traps"]:
            if not any(t in p for p in a["paragraphs"]):
                problems.append(f"{a['path']}: trap not verbatim: {t[:50]}")
        if a["sentences"] and not a["on_topic"]:
            problems.append(f"{a['path']}: off-topic article with sentences")
    if problems:
        raise SystemExit("content problems:\n  " + "\n  ".join(problems))


def check_off_topic_pages(articles: list[dict], rendered: dict[str, str]) -> None:
    """An off-topic page (related links included) must give the relevance filter nothing."""
    for a in articles:
        if a["on_topic"]:
            continue
        page = rendered[a["path"]].lower()
        hits = [w for w in BANNED_OFF_TOPIC if w in page]
        body = " ".join(a["paragraphs"]).lower() + " " + a["title"].lower() + " " + a["standfirst"].lower()
        hits += [w for w in ("crime", "criminal", "police", "arrest", "victim") if w in body]
        if hits:
            raise SystemExit(f"{a['path']}: off-topic page mentions {hits}")


def answer_key(articles: list[dict]) -> dict:
    return {
        "articles": [
            {
                "path": a["path"],
                "title": a["title"],
                "published": a["dt"].date().isoformat(),
                "author": a["author"],
                "on_topic": a["on_topic"],
            }
            for a in articles
        ],
        "sentences": [{"path": a["path"], **s} for a in articles for s in a["sentences"]],
        "not_sentences": [{"path": a["path"], "text": t} for a in articles for t in a["traps"]],
    }


def build(site: Path = SITE, expected: Path = EXPECTED) -> dict[str, str]:
    """Write the site and the answer key; returns the rendered files."""
    articles = read_articles()
    check_content(articles)
    rendered = render_site(articles)
    if site.exists():
        shutil.rmtree(site)
    for path, content in rendered.items():
        target = site / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    expected.write_text(json.dumps(answer_key(articles), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    on = sum(a["on_topic"] for a in articles)
    print(f"wrote {len(rendered)} files to {site}")
    print(
        f"articles: {len(articles)} ({on} on-topic, {len(articles) - on} off-topic); "
        f"sentences: {sum(len(a['sentences']) for a in articles)} in "
        f"{sum(bool(a['sentences']) for a in articles)} articles; "
        f"not_sentences: {sum(len(a['traps']) for a in articles)}"
    )
    return rendered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=SITE, help="document root to write")
    parser.add_argument("--expected", type=Path, default=EXPECTED, help="answer key to write")
    args = parser.parse_args()
    build(args.out, args.expected)


if __name__ == "__main__":
    main()

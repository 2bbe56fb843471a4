#!/usr/bin/env python3
"""Check the generated demo site against itself and demo/expected.json.

Run after build_site.py:  python demo/verify_site.py
"""

from __future__ import annotations

import email.utils
import json
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE = HERE / "site"
BASE = "http://127.0.0.1:8765"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
errors: list[str] = []


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.links: list[tuple[str, str, dict]] = []
        self.meta: dict[str, str] = {}
        self.h1: list[str] = []
        self.bylines: list[str] = []
        self.times: list[str] = []
        self.paras: list[str] = []
        self.jsonld: list[str] = []
        self.canonical = None
        self.doctype = False
        self._cap: list[list] = []  # [tag, kind, buf]
        self.ids: set[str] = set()
        self.dup_ids: set[str] = set()

    def handle_decl(self, decl):
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            (self.dup_ids if a["id"] in self.ids else self.ids).add(a["id"])
        if tag not in VOID:
            self.stack.append(tag)
        for key in ("href", "src", "action"):
            if key in a:
                self.links.append((tag, a[key], a))
        if tag == "meta":
            k = a.get("name") or a.get("property")
            if k:
                self.meta[k] = a.get("content", "")
            if "charset" in a:
                self.meta["charset"] = a["charset"]
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        if tag == "time":
            self.times.append(a.get("datetime", ""))
        kind = None
        if tag == "h1":
            kind = "h1"
        elif tag == "span" and a.get("class") == "byline":
            kind = "byline"
        elif tag == "p" and any(s in self.stack[:-1] for s in ("article",)):
            kind = "p"
        elif tag == "script" and a.get("type") == "application/ld+json":
            kind = "jsonld"
        if kind:
            self._cap.append([tag, kind, []])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            errors.append(f"{self.name}: unbalanced </{tag}> (open: {self.stack[-3:]})")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if self._cap and self._cap[-1][0] == tag:
            _, kind, buf = self._cap.pop()
            text = "".join(buf).strip()
            {"h1": self.h1, "byline": self.bylines, "p": self.paras, "jsonld": self.jsonld}[kind].append(text)

    def handle_data(self, data):
        for cap in self._cap:
            cap[2].append(data)


def parse(path: Path) -> Page:
    p = Page()
    p.name = str(path.relative_to(SITE))
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    if p.stack:
        errors.append(f"{p.name}: unclosed tags {p.stack}")
    if not p.doctype:
        errors.append(f"{p.name}: missing <!DOCTYPE html>")
    if p.meta.get("charset", "").lower() != "utf-8":
        errors.append(f"{p.name}: missing <meta charset=utf-8>")
    if p.dup_ids:
        errors.append(f"{p.name}: duplicate ids {p.dup_ids}")
    return p


def resolve(url: str) -> Path:
    url = url.split("#", 1)[0].split("?", 1)[0]
    target = SITE / url.lstrip("/")
    return target / "index.html" if url.endswith("/") else target


def main() -> int:
    key = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    articles = {a["path"]: a for a in key["articles"]}
    pages = {"/" + str(f.relative_to(SITE)): parse(f) for f in sorted(SITE.rglob("*.html"))}
    print(f"parsed {len(pages)} HTML files")

    # links
    n_links = 0
    for name, p in pages.items():
        for tag, url, a in p.links:
            if url.startswith(("http://", "https://", "//")):
                allowed = tag == "link" and a.get("rel") == "canonical"
                if not allowed:
                    errors.append(f"{name}: absolute URL in <{tag}>: {url}")
                elif not url.startswith(BASE):
                    errors.append(f"{name}: canonical not on {BASE}: {url}")
                continue
            if not url.startswith("/"):
                errors.append(f"{name}: non-root-relative link {url}")
                continue
            n_links += 1
            if not resolve(url).is_file():
                errors.append(f"{name}: broken link {url}")
        for k, v in p.meta.items():
            if v.startswith("http") and k != "og:url":
                errors.append(f"{name}: absolute URL in meta {k}")
    print(f"checked {n_links} internal links")

    # section reachability and pagination
    section_pages = [n for n in pages if n.startswith("/news/") and not re.match(r"/news/\d{4}/", n)]
    reachable = set()
    for n in section_pages:
        for _tag, url, _attrs in pages[n].links:
            if url in articles:
                reachable.add(url)
    for sec in ("crime", "region"):
        first = pages[f"/news/{sec}/index.html"]
        nxt = [a for t, u, a in first.links if t == "a" and a.get("rel") == "next" and a.get("class") == "next"]
        if not nxt or nxt[0]["href"] != f"/news/{sec}/page/2.html":
            errors.append(f"{sec}: missing <a class=next rel=next> to page 2")
        count = sum(1 for t, u, a in first.links if t == "a" and u in articles)
        print(
            f"/news/{sec}/index.html lists {count} articles; page 2 lists "
            f"{sum(1 for t, u, a in pages[f'/news/{sec}/page/2.html'].links if t == 'a' and u in articles)}"
        )
    missing = set(articles) - reachable
    if missing:
        errors.append(f"articles not reachable from a section page: {sorted(missing)}")

    # article pages vs key
    article_files = {n for n in pages if re.match(r"/news/\d{4}/\d{2}/[^/]+\.html$", n)}
    if article_files != set(articles):
        errors.append(f"article files != key: {article_files ^ set(articles)}")
    n_jsonld = 0
    text_of = {}
    for path, a in articles.items():
        p = pages.get(path)
        if p is None:
            continue
        text_of[path] = "\n".join(p.paras)
        if p.h1 != [a["title"]]:
            errors.append(f"{path}: h1 {p.h1} != title")
        if p.meta.get("og:title") != a["title"]:
            errors.append(f"{path}: og:title mismatch")
        if p.bylines != [f"By {a['author']}"] or p.meta.get("author") != a["author"]:
            errors.append(f"{path}: byline/author mismatch {p.bylines}")
        pub = p.meta.get("article:published_time", "")
        if not pub.startswith(a["published"]) or not pub.endswith("+07:00"):
            errors.append(f"{path}: published_time {pub}")
        if not any(t.startswith(a["published"] + "T") and t.endswith("+07:00") for t in p.times):
            errors.append(f"{path}: no <time> for {a['published']}")
        if p.canonical != BASE + path or p.meta.get("og:url") != BASE + path:
            errors.append(f"{path}: canonical/og:url")
        for k in ("description",):
            if not p.meta.get(k):
                errors.append(f"{path}: missing meta {k}")
        related = re.search(r'<aside class="related".*?</aside>', (SITE / path.lstrip("/")).read_text(), re.S)
        if not related or len(re.findall(r"<a href=", related.group(0))) != 3:
            errors.append(f"{path}: related stories aside must have 3 links")
        for j in p.jsonld:
            n_jsonld += 1
            d = json.loads(j.replace("<\\/", "</"))
            if (
                d["@type"] != "NewsArticle"
                or d["headline"] != a["title"]
                or d["author"]["name"] != a["author"]
                or not d["datePublished"].startswith(a["published"])
            ):
                errors.append(f"{path}: JSON-LD mismatch")
        words = len(text_of[path].split())
        if not 300 <= words <= 900:
            errors.append(f"{path}: {words} words in <p>s")
    print(f"JSON-LD blocks: {n_jsonld} of {len(articles)} article pages")

    for s in key["sentences"]:
        t = text_of.get(s["path"], "")
        if not articles[s["path"]]["on_topic"]:
            errors.append(f"sentence on off-topic page {s['path']}")
        for f in ("defendant", "court", "fine"):
            if s[f] and s[f] not in t:
                errors.append(f"{s['path']}: {f} {s[f]!r} not in page text")
        if sum([s["prison_months"] is not None, s["life"], s["death"]]) > 1:
            errors.append(f"{s['path']}: inconsistent sentence {s['defendant']}")
    for ns in key["not_sentences"]:
        if ns["text"] not in text_of.get(ns["path"], ""):
            errors.append(f"{ns['path']}: trap not verbatim in page")

    # feed + sitemap
    rss = ET.parse(SITE / "feed.xml").getroot()
    items = rss.findall("./channel/item")
    dc = "{http://purl.org/dc/elements/1.1/}creator"
    newest = sorted(key["articles"], key=lambda a: a["published"], reverse=True)[:12]
    if len(items) != 12:
        errors.append(f"feed has {len(items)} items")
    for it in items:
        link = it.findtext("link")
        path = link[len(BASE) :]
        a = articles.get(path)
        if a is None or it.findtext("title") != a["title"] or it.findtext(dc) != a["author"]:
            errors.append(f"feed item mismatch {link}")
        d = email.utils.parsedate_to_datetime(it.findtext("pubDate"))
        if a and d.date().isoformat() != a["published"]:
            errors.append(f"feed pubDate mismatch {link}")
        if not it.findtext("description"):
            errors.append(f"feed item without description {link}")
    if {BASE + a["path"] for a in newest} != {it.findtext("link") for it in items}:
        errors.append("feed does not hold the 12 newest articles")
    sm = ET.parse(SITE / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in sm.findall("s:url", ns)}
    if {BASE + p for p in articles} != set(locs):
        errors.append("sitemap does not list exactly the articles")
    for loc, lastmod in locs.items():
        if not lastmod or not lastmod.startswith(articles[loc[len(BASE) :]]["published"]):
            errors.append(f"sitemap lastmod {loc}")
    robots = (SITE / "robots.txt").read_text()
    if f"Sitemap: {BASE}/sitemap.xml" not in robots or "Allow: /" not in robots:
        errors.append("robots.txt")
    print(f"feed items: {len(items)}; sitemap urls: {len(locs)}")

    on = sum(a["on_topic"] for a in key["articles"])
    print(
        f"key: {len(key['articles'])} articles ({on} on-topic), {len(key['sentences'])} sentences in "
        f"{len({s['path'] for s in key['sentences']})} articles, {len(key['not_sentences'])} not_sentences"
    )
    if errors:
        print("ERRORS:\n  " + "\n  ".join(errors))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Generated news articles for the local test sites (hostile site, throughput bench).

Deterministic (seeded) and varied: each article draws its own people, places, numbers
and sentences, so different articles are not near-duplicates of each other, while the
topic vocabulary makes them relevant to the trafficking filter (or not, on request).
"""

from __future__ import annotations

import html
import random
from pathlib import Path

PEOPLE = [
    "Sok Dara",
    "Chan Vuthy",
    "Nguyen Thi Lan",
    "Somchai Prasert",
    "Aung Kyaw",
    "Maria Santos",
    "Siti Rahayu",
    "Lim Wei Ming",
    "Tran Van Hung",
    "Kanya Srisuk",
    "Hem Sophal",
    "Rizal Dela Cruz",
    "Ei Mon",
    "Phan Sokha",
    "Ahmad Faizal",
    "Pich Sreymom",
    "Le Quang Minh",
    "Nopparat Chai",
]
PLACES = [
    "Poipet",
    "Siem Reap",
    "Koh Kong",
    "Sihanoukville",
    "Mae Sot",
    "Chiang Rai",
    "Lao Cai",
    "Johor Bahru",
    "Batam",
    "Zamboanga",
    "Myawaddy",
    "Kampot",
    "Battambang",
    "Ranong",
    "Kuala Lumpur",
    "Manila",
    "Tachileik",
    "Bavet",
]
AGENCIES = [
    "the Anti-Human Trafficking and Juvenile Protection Department",
    "the Provincial Court",
    "the Ministry of Interior",
    "the Department of Special Investigation",
    "the immigration police",
    "the National Committee for Counter Trafficking",
    "the labour ministry",
    "the Appeal Court",
]
CRIMES = [
    "human trafficking",
    "forced labour",
    "sex trafficking",
    "debt bondage",
    "forced marriage",
    "child trafficking",
    "smuggling of migrants",
    "labour trafficking",
]
TEMPLATES = [
    "{agency} said {n} people had been rescued from a {crime} ring operating near {place}.",
    "{person}, {age}, was charged with {crime} after a raid in {place} on {weekday}.",
    "Police in {place} said the suspects recruited victims with promises of jobs paying ${pay} a month.",
    "The victims told investigators they were held in a compound for {months} months and forced to work.",
    "{person} said her cousin had been sold into a forced marriage across the border in {year}.",
    "A court in {place} sentenced {person} to {years} years in prison for {crime}.",
    "Prosecutors said the network moved at least {n} workers through {place} since {year}.",
    "{agency} has opened {n} new cases of {crime} this year, up from {m} last year.",
    "Rights groups said the scam compound near {place} still held hundreds of foreign workers.",
    "Officers found {n} passports in a safe house in {place}, according to {agency}.",
    "The brokers charged each worker ${pay} in fees, creating debt bondage that took years to repay.",
    "{person} told the court she had answered an online job advertisement for work in {place}.",
    "Investigators traced payments of ${pay} to accounts held by {person} in {place}.",
    "The case was referred to {agency} after a tip from a hotline run by a local charity.",
    "Families in {place} said {n} young men had not been heard from since leaving for work.",
    "{agency} urged job seekers to check recruitment agencies before travelling to {place}.",
    "The defendants denied the charges of {crime} and said they ran a legitimate agency.",
    "Border officials in {place} said smuggling of migrants rose sharply during the rainy season.",
    "A survivor, who asked not to be named, described being moved between {n} sites near {place}.",
    "The verdict in {place} was the {ordinal} conviction for {crime} in the province this year.",
    "According to the charge sheet, {person} kept the wages of {n} workers for {months} months.",
    "Lawyers for {person} said they would appeal the ruling to a higher court in {place}.",
    "Labour inspectors visited {n} factories around {place} and found underage workers at {m} of them.",
    "An interpreter helped {n} survivors give evidence by video link from a shelter in {place}.",
    "The embassy in {place} said it had repatriated {n} of its citizens since {weekday}.",
    "Two brokers from {place} were arrested at the airport with forged work permits for {n} people.",
    "{person} said recruiters promised her daughter a job as a waitress earning ${pay}.",
    "Local officials in {place} were accused of taking bribes to ignore the {crime} network.",
    "A shelter run by {agency} now houses {n} women and {m} children rescued in {year}.",
    "Prosecutors asked for a sentence of {years} years, citing the age of the youngest victim.",
    "Messages on the suspects' phones showed the price of each worker was about ${pay}.",
    "The raid followed a {months}-month investigation by {agency} with help from foreign police.",
    "Some victims were moved by boat across the river at night, {person} told the hearing.",
    "Authorities in {place} froze {n} bank accounts linked to the suspected traffickers.",
    "In {year}, {agency} reported {m} convictions for {crime}, a figure critics called too low.",
    "{person} fled the compound on a {weekday} night and walked for {months} hours to the nearest town.",
    "The charity said calls to its hotline from {place} had doubled to {n} a month.",
    "Three police officers in {place} were suspended pending an inquiry into the case.",
    "Workers described being fined ${pay} for talking during shifts or taking sick days.",
    "The judge ordered {person} to pay compensation of ${pay} to each of the {n} victims.",
]
OFF_TOPIC = [
    "The home side scored twice in the second half to win the derby in {place} on {weekday}.",
    "{person} said the team had trained hard for {months} months before the final.",
    "Ticket prices rose to ${pay} for the match, which drew {n} fans to the stadium in {place}.",
    "The coach praised the midfield and said the league title was still open.",
    "Rain delayed the kick-off by {months} minutes, but the pitch in {place} held up well.",
    "Fans in {place} celebrated late into the night after the {ordinal} win of the season.",
    "{person}, {age}, was named player of the match after setting up both goals.",
    "The club will travel to {place} next {weekday} for the return leg.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh"]


def article_text(seed: int | str, sentences: int = 12, on_topic: bool = True) -> list[str]:
    """Paragraphs (two sentences each) of a generated article."""
    rng = random.Random(str(seed))
    pool = TEMPLATES if on_topic else OFF_TOPIC
    picked = [rng.choice(pool) for _ in range(sentences)]
    out = []
    for template in picked:
        out.append(
            template.format(
                agency=rng.choice(AGENCIES),
                person=rng.choice(PEOPLE),
                place=rng.choice(PLACES),
                crime=rng.choice(CRIMES),
                n=rng.randint(3, 240),
                m=rng.randint(2, 90),
                age=rng.randint(19, 64),
                pay=rng.randint(3, 25) * 100,
                months=rng.randint(2, 30),
                years=rng.randint(2, 20),
                year=rng.randint(2015, 2024),
                weekday=rng.choice(WEEKDAYS),
                ordinal=rng.choice(ORDINALS),
            )
        )
    out[0] = out[0][0].upper() + out[0][1:]
    return [" ".join(out[i : i + 2]) for i in range(0, len(out), 2)]


def article_page(
    title: str,
    paragraphs: list[str],
    *,
    url: str | None = None,
    published: str | None = None,
    modified: str | None = None,
    author: str | None = "Staff reporter",
    lang: str = "en",
    charset_meta: str | None = "utf-8",
    extra_head: str = "",
    site: str = "The Test Post",
    byline_date: str | None = None,
) -> str:
    """A realistic article page: navigation, header, article body, related links, footer."""
    esc = html.escape
    head = [
        f'<meta charset="{charset_meta}">' if charset_meta else "",
        f"<title>{esc(title)} | {esc(site)}</title>",
        f'<meta property="og:title" content="{esc(title)}">',
    ]
    if url:
        head.append(f'<link rel="canonical" href="{esc(url)}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    if modified:
        head.append(f'<meta property="article:modified_time" content="{modified}">')
    if author:
        head.append(f'<meta name="author" content="{esc(author)}">')
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    dateline = f'<p class="dateline">{esc(byline_date)}</p>' if byline_date else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head>{"".join(head)}{extra_head}</head>
<body>
<header><a href="/">{esc(site)}</a><nav><a href="/section/news/">News</a> | <a href="/section/sport/">Sport</a>
| <a href="/about/">About us</a></nav></header>
<main><article>
<h1>{esc(title)}</h1>
<div class="byline">By {esc(author or "Staff")}</div>{dateline}
{body}
</article>
<aside><h2>Most read</h2><ul><li><a href="/section/news/">Weather warning for the weekend</a></li>
<li><a href="/section/sport/">Cup final tickets on sale</a></li></ul></aside></main>
<footer><p>Copyright {esc(site)}. All rights reserved.</p><p><a href="/about/">Contact the newsroom</a></p></footer>
</body></html>"""


PER_SECTION_PAGE = 50


def generate_site(folder: Path, pages: int) -> list[str]:
    """A news site of `pages` generated articles (one in ten off topic) in `folder`: one XML
    sitemap, section pages of 50 links each, a robots.txt; returns the article paths."""
    origin = "http://127.0.0.1:8765"  # replaced by the real origin when served (demo/server.py)
    paths = []
    for n in range(pages):
        on_topic = n % 10 != 9
        path = f"/news/2025/{n % 12 + 1:02d}/story-{n:05d}-{'trafficking-case' if on_topic else 'football-report'}.html"
        title = f"{'Trafficking case' if on_topic else 'Match report'} number {n}"
        html = article_page(
            title,
            article_text(f"bench-{n}", 14, on_topic=on_topic),
            url=origin + path,
            published=f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}T08:00:00Z",
            author=f"Reporter {n % 37}",
        )
        target = folder / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        paths.append(path)
    urls = "".join(f"<url><loc>{origin}{p}</loc></url>" for p in paths)
    (folder / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
        encoding="utf-8",
    )
    section_pages = (pages + PER_SECTION_PAGE - 1) // PER_SECTION_PAGE
    for page in range(1, section_pages + 1):
        links = "".join(
            f'<li><a href="{p}">{p}</a></li>' for p in paths[(page - 1) * PER_SECTION_PAGE : page * PER_SECTION_PAGE]
        )
        nxt = f'<a rel="next" href="/section/page-{page + 1}.html">Next</a>' if page < section_pages else ""
        (folder / "section").mkdir(exist_ok=True)
        (folder / "section" / f"page-{page}.html").write_text(
            f"<html><body><h1>News, page {page}</h1><ul>{links}</ul>{nxt}</body></html>", encoding="utf-8"
        )
    (folder / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    (folder / "index.html").write_text(
        '<html><body><a href="/section/page-1.html">News</a></body></html>', encoding="utf-8"
    )
    return paths


def bench_sources(origin: str, pages: int) -> str:
    """The sources file of the site `generate_site` made, served at `origin`."""
    return f"""[[source]]
id = "bench"
name = "Generated bench site"
homepage = "{origin}/"
start_urls = ["{origin}/sitemap.xml", "{origin}/section/page-1.html"]
allowed_domains = ["127.0.0.1"]
article_pattern = "/news/\\\\d{{4}}/"
max_pages = {pages // PER_SECTION_PAGE + 1}
"""

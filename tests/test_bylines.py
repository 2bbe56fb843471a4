"""A byline is stored as the names of the people it credits, without what the page prints
around them (invented bylines, in the shapes content systems and trafilatura give them)."""

from __future__ import annotations

import pytest

from crawler.article_html import read_article_html
from crawler.bylines import byline_names


@pytest.mark.parametrize(
    "raw, names",
    [
        ("Sok Chea", ["Sok Chea"]),
        ("Sok Chea and Khuon Narim", ["Sok Chea", "Khuon Narim"]),
        ("Nguyen Thu Trang; Hoang Minh", ["Nguyen Thu Trang", "Hoang Minh"]),
        ("Aisyah Putri, Rahmat Hidayat, Dewi Lestari", ["Aisyah Putri", "Rahmat Hidayat", "Dewi Lestari"]),
        # a lead-in
        ("View all posts by Maria Santos", ["Maria Santos"]),
        ("Written by: Tom Hale", ["Tom Hale"]),
        # a date or time run into the name
        ("Chan Sokha May 3, 2026", ["Chan Sokha"]),
        ("Chan Sokha June", ["Chan Sokha"]),
        ("Laura June Bell", ["Laura June Bell"]),
        ("Niem Vuthy Updated 10:42 GMT", ["Niem Vuthy"]),
        ("Niem Vuthy 2 hours ago", ["Niem Vuthy"]),
        ("By Niem Vuthy | Publication date 03 December 2026", ["Niem Vuthy"]),
        # a degree, a post, "says" after the name
        ("Helen Marsh, PhD", ["Helen Marsh"]),
        ("Helen Marsh MD", ["Helen Marsh"]),
        ("Ben Carter Crime Reporter", ["Ben Carter"]),
        ("Ben Carter Gazette Staff", ["Ben Carter"]),
        ("Ben Carter, Senior Correspondent", ["Ben Carter"]),
        ("Art Pham says", ["Art Pham"]),
        # a surname that is also a post stays; so does a desk credited alone
        ("Anna Porter", ["Anna Porter"]),
        ("Theresa May", ["Theresa May"]),
        ("Jorg Staff", ["Jorg Staff"]),
        ("Staff Writer", ["Staff Writer"]),
        ("Reuters", ["Reuters"]),
        # placeholders are no one
        ("admin", []),
        ("wpadmin", []),
        ("No Author", []),
        ("Username", []),
        ("", []),
        (None, []),
        # each person once
        ("Mech Dara and mech dara", ["Mech Dara"]),
    ],
)
def test_a_byline_gives_the_people_it_credits(raw, names):
    assert byline_names(raw) == names


def test_a_page_stores_its_byline_as_names():
    html = """<html><head><title>Two jailed over Poipet casino scheme</title>
    <meta name="author" content="View all posts by Sok Chea"></head><body><article>
    <h1>Two jailed over Poipet casino scheme</h1>
    <p>The Banteay Meanchey Provincial Court on Tuesday sentenced two men to nine years in prison for
    luring workers to an online scam compound near the Thai border, a court official said.</p>
    <p>The court heard that the men had promised the victims jobs in a hotel and then sold them to the
    compound's managers for $2,000 each. Both men denied the charges and may appeal.</p>
    </article></body></html>"""
    assert read_article_html(html, "https://news.example/2026/12/jailed.html")["authors"] == ["Sok Chea"]

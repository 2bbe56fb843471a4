"""Canonical URLs: one spelling per article, so the same page under two URLs is stored once.

Only http(s) URLs are ever stored as an article's address (`web_url`): a page's
rel=canonical or og:url may say `javascript:...`, and the site links to what is stored.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlparse, urlunparse

TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "ref",
    "ref_src",
    "cmpid",
    "ocid",
    "share",
    "amp",
    "output",
    "s_cid",
    "sr_share",
}


WEB_SCHEMES = ("http", "https")


def web_url(url: str | None) -> str | None:
    """`url` if it is an http(s) URL with a host, else None (javascript:, data:, mailto:...)."""
    if not url:
        return None
    parts = urlparse(url.strip())
    return url if parts.scheme.lower() in WEB_SCHEMES and parts.hostname else None


def canonical_url(url: str) -> str:
    """Lower-case scheme/host, no default port, no fragment, no tracking parameters, the
    query sorted.

    Still by hand: the libraries at hand are wrong on cases that matter (see
    tests/test_crawl_urls.py::test_canonical_url_keeps_one_page_one_url). w3lib's
    canonicalize_url keeps `:80` / `:443` (one page, two articles) and url_query_cleaner
    cannot drop `utm_*` by prefix; courlan.normalize_url keeps the fragment (`#comments`:
    one page, two articles), and with strict=True drops an article's id in the query
    (`news.php?story=123` and `?story=124` become one article). Any new spelling would also
    change the stored URLs and ids (`article_id` hashes this URL), which old databases
    dedupe against, so a switch needs a migration of articles.id/url and fetched_urls.url.
    """
    parts = urlparse(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
    ]
    netloc = parts.netloc.lower()
    if parts.scheme == "http" and netloc.endswith(":80"):
        netloc = netloc[:-3]
    if parts.scheme == "https" and netloc.endswith(":443"):
        netloc = netloc[:-4]
    path = parts.path or "/"
    return urlunparse((parts.scheme.lower(), netloc, path, "", urlencode(sorted(query)), ""))

"""Canonical URLs: one spelling per article, so the same page under two URLs is stored once.

Only http(s) URLs are ever stored as an article's address (`web_url`): a page's
rel=canonical or og:url may say `javascript:...`, and the site links to what is stored.
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlparse, urlunparse

TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref",
                   "ref_src", "cmpid", "ocid", "share", "amp", "output", "s_cid", "sr_share"}


WEB_SCHEMES = ("http", "https")


def web_url(url: str | None) -> str | None:
    """`url` if it is an http(s) URL with a host, else None (javascript:, data:, mailto:...)."""
    if not url:
        return None
    parts = urlparse(url.strip())
    return url if parts.scheme.lower() in WEB_SCHEMES and parts.hostname else None


def canonical_url(url: str) -> str:
    """Lower-case scheme/host, no fragment, no tracking parameters, no trailing 'index.html'."""
    parts = urlparse(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS]
    netloc = parts.netloc.lower()
    if parts.scheme == "http" and netloc.endswith(":80"):
        netloc = netloc[:-3]
    if parts.scheme == "https" and netloc.endswith(":443"):
        netloc = netloc[:-4]
    path = parts.path or "/"
    return urlunparse((parts.scheme.lower(), netloc, path, "", urlencode(sorted(query)), ""))

"""The faster matcher given to the model's attribute_ruler (`nlp.loader.fast_attribute_ruler`)
must set exactly what spaCy's own Matcher-based ruler sets, token for token."""

from __future__ import annotations

import json

import spacy

from nlp.loader import DEFAULT_MODEL, TokenRuleMatcher, fast_attribute_ruler
from tests.conftest import ROOT

ATTRS = ("tag_", "pos_", "lemma_", "dep_", "morph")


def token_attrs(nlp, texts):
    return [[tuple(str(getattr(t, a)) for a in ATTRS) for t in doc] for doc in nlp.pipe(texts)]


def test_the_fast_ruler_sets_what_spacys_sets():
    texts = [
        json.loads(line)["text"]
        for line in (ROOT / "nlp" / "eval" / "fiction-tune.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    ]
    texts += ["", " ", "\n\n", "U.S. Attorney's Office", "He didn't go -- 'twas 3:00 p.m.!"]
    spacys = spacy.load(DEFAULT_MODEL)
    fast = spacy.load(DEFAULT_MODEL)
    fast_attribute_ruler(fast)
    assert isinstance(fast.get_pipe("attribute_ruler").match, TokenRuleMatcher), "the model's patterns are supported"
    assert token_attrs(fast, texts) == token_attrs(spacys, texts)

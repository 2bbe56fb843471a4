"""The cache given to the model's rule lemmatizer (`nlp.loader.cached_lemmatizer`) must give
exactly the lemmas spaCy's own lemmatizer gives, token for token, cold and warm."""

from __future__ import annotations

import json

import spacy

from nlp.loader import DEFAULT_MODEL, cached_lemmatizer
from tests.conftest import ROOT


def lemmas(nlp, texts):
    return [[t.lemma_ for t in doc] for doc in nlp.pipe(texts)]


def test_the_cached_lemmatizer_gives_spacys_lemmas():
    texts = [
        json.loads(line)["text"]
        for line in (ROOT / "nlp" / "eval" / "fiction-tune.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    ]
    texts += ["", " ", "\n\n", "They were sentenced; he was being held.", "He didn't go -- 'twas 3:00 p.m.!"]
    spacys = spacy.load(DEFAULT_MODEL, disable=["ner"])
    cached = spacy.load(DEFAULT_MODEL, disable=["ner"])
    cached_lemmatizer(cached)
    assert cached.get_pipe("lemmatizer").lemmatize.__name__ == "lemmatize", "the cache is in place"
    expected = lemmas(spacys, texts)
    assert lemmas(cached, texts) == expected  # cold
    assert lemmas(cached, texts) == expected  # every token from the cache

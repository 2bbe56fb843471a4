"""SimHash near-duplicates: edited copies are found, different stories on the same topic are not."""

import re

from crawler.dedup import NearDuplicateIndex, distance, from_hex, jaccard, shingles, simhash, to_hex
from testbed.sitegen import article_text


def story(seed, sentences=14):
    return "\n".join(article_text(seed, sentences))


def edited(text):
    sentences = re.split(r"(?<=[.!?])\s+", text)
    sentences[0] = "PHNOM PENH (Wire) — " + sentences[0]
    sentences[len(sentences) // 2] = "A spokesman for the ministry declined to comment on Tuesday."
    return " ".join(sentences) + " Additional reporting by Sok Dara."


def test_fingerprint_is_stable_and_round_trips():
    text = story(1)
    assert simhash(text) == simhash(text) and simhash(text) != 0
    assert from_hex(to_hex(simhash(text))) == simhash(text) and len(to_hex(simhash(text))) == 16
    assert simhash("") == 0 and shingles("") == set()


def test_edited_copy_is_close_and_other_stories_are_far():
    original = story("wire")
    assert distance(simhash(original), simhash(edited(original))) <= 16
    assert jaccard(shingles(original), shingles(edited(original))) >= 0.5
    others = [story(n) for n in range(40)]
    mean = sum(distance(simhash(original), simhash(o)) for o in others) / len(others)
    assert mean > 24, "different stories on the same topic are far apart on average"
    # ...but templated texts can come within 16 bits, which is why candidates are confirmed by text
    assert max(jaccard(shingles(original), shingles(o)) for o in others) < 0.5


def test_index_confirms_candidates_with_text():
    texts = {f"a{n}": story(n) for n in range(30)}
    index = NearDuplicateIndex(max_distance=16, min_jaccard=0.5)
    for aid, text in texts.items():
        index.add(aid, simhash(text))
    copy = edited(texts["a7"])
    match = index.find(copy, simhash(copy), texts.get)
    assert match and match.article_id == "a7" and match.similarity >= 0.5
    fresh = story("something else")
    assert index.find(fresh, simhash(fresh), texts.get) is None
    # a candidate by fingerprint alone is not enough: the text must agree
    strict = NearDuplicateIndex(max_distance=64, min_jaccard=0.5, fingerprints=dict(index.fingerprints))
    assert strict.find(fresh, simhash(fresh), texts.get) is None

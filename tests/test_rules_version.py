"""RULES_VERSION changes whenever the extraction rules or their data do: stored articles are
reprocessed when the NLP version changes, so a rule change without it would leave every
stored article extracted by the old rules."""

import tomllib

from nlp.loader import RULES_VERSION, rules_fingerprint
from tests.conftest import ROOT

FINGERPRINTS = ROOT / "tests" / "data" / "rules_fingerprints.toml"


def test_rule_changes_come_with_a_new_rules_version():
    recorded = tomllib.loads(FINGERPRINTS.read_text(encoding="utf-8"))
    current = rules_fingerprint()
    assert recorded.get(RULES_VERSION) == current, (
        f"the rule files (nlp.loader.RULE_FILES) changed since RULES_VERSION {RULES_VERSION} was "
        f"recorded: bump RULES_VERSION in nlp/loader.py and add "
        f'`{int(RULES_VERSION) + 1} = "{current}"` to {FINGERPRINTS.relative_to(ROOT)}'
        if RULES_VERSION in recorded
        else f'record the new version: add `{RULES_VERSION} = "{current}"` to {FINGERPRINTS.relative_to(ROOT)}'
    )
    older = {v: f for v, f in recorded.items() if v != RULES_VERSION}
    assert current not in older.values(), "the rules are those of an older RULES_VERSION"


def test_the_fingerprint_sees_rule_and_data_changes_but_not_the_version(tmp_path, monkeypatch):
    import shutil

    import nlp.loader

    real = rules_fingerprint()
    copy = tmp_path / "nlp"
    shutil.copytree(ROOT / "nlp", copy, ignore=shutil.ignore_patterns("__pycache__", "eval"))
    monkeypatch.setattr(nlp.loader, "__file__", str(copy / "loader.py"))
    unchanged = rules_fingerprint()
    assert unchanged == real  # the copy's rules are the same
    with (copy / "data" / "places.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"name": "Nowhere Village"}\n')
    data_changed = rules_fingerprint()
    assert data_changed != unchanged
    (copy / "sentencing.py").write_text(
        (copy / "sentencing.py").read_text(encoding="utf-8") + "\n# a new rule\n", encoding="utf-8"
    )
    assert rules_fingerprint() != data_changed
    rule_changed = rules_fingerprint()
    loader = (copy / "loader.py").read_text(encoding="utf-8")
    (copy / "loader.py").write_text(loader.replace('RULES_VERSION = "', 'RULES_VERSION = "9'), encoding="utf-8")
    assert rules_fingerprint() == rule_changed  # the version's own line is left out

"""`pipeline.py extract`: the public JSON contract, on fixture articles and the seed article."""

import json

from tests.conftest import DATA, needs_shared, run_pipeline

CONTRACT = {
    "persons": {"name", "mentions"},
    "agencies": {"name", "kind", "mentions"},
    "places": {"name", "mentions"},
    "sentences": {
        "defendant",
        "prison_months",
        "suspended_months",
        "life",
        "death",
        "fine",
        "court",
        "place",
        "charge",
        "text",
    },
    "events": {"person", "stage", "outcome", "date", "date_source", "court", "place", "role", "text"},
}


def extract(*paths, stdin=None):
    result = run_pipeline("extract", *map(str, paths), input=stdin)
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def names(items):
    return {item["name"] for item in items}


def test_contract_shape_one_line_per_input():
    outputs = extract(DATA / "koh_kong_sentencing.txt", DATA / "plural_backreference.txt")
    assert len(outputs) == 2
    for output in outputs:
        assert set(output) == set(CONTRACT)
        for key, fields in CONTRACT.items():
            for item in output[key]:
                assert fields <= set(item), (key, item)


def test_fixture_article_people_agencies_places_and_sentence():
    (out,) = extract(DATA / "koh_kong_sentencing.txt")
    persons = names(out["persons"])
    assert {"Mao Sophea", "Keo Vuthy", "Ros Chanthy", "Chum Sreymom"} <= persons
    assert not any(p.startswith(("Judge", "Presiding", "Lieutenant")) for p in persons)
    assert {"Koh Kong Provincial Court", "Licadho", "International Organization for Migration"} <= names(
        out["agencies"]
    )
    assert {"Koh Kong", "Thailand", "Cambodia"} <= names(out["places"])
    (sentence,) = out["sentences"]  # the law's 15-year maximum is not a sentence
    assert sentence["defendant"] == "Mao Sophea"
    assert sentence["prison_months"] == 108
    assert sentence["court"] == "Koh Kong Provincial Court"
    assert sentence["place"] == "Koh Kong"
    assert "nine years" in sentence["text"]


def test_plural_back_reference_and_traps():
    (out,) = extract(DATA / "plural_backreference.txt")
    by_defendant = {s["defendant"]: s for s in out["sentences"]}
    assert set(by_defendant) == {"Lim Chhay", "Pich Rotha", "Ny Sokunthea"}
    for sentence in by_defendant.values():
        assert sentence["prison_months"] == 84  # not the 12 years prosecutors sought
        assert sentence["fine"] == "20 million riel"
    assert "Heng Dara" not in by_defendant  # acquitted


def test_stdin_input():
    (out,) = extract(
        "-",
        stdin="The Phnom Penh Municipal Court sentenced Chan Dara, 33, to 18 months in prison for procuring prostitution.",
    )
    assert [(s["defendant"], s["prison_months"]) for s in out["sentences"]] == [("Chan Dara", 18)]


def test_seed_article():
    """The issue's acceptance check on the shared seed article."""
    seed = needs_shared("seed-article.txt")
    (out,) = extract(seed)
    persons = {p["name"]: p for p in out["persons"]}
    assert set(persons) == {"Hun Sen", "Prum Thary", "Seng Savoeun", "Eva Galabru"}
    assert persons["Seng Savoeun"]["role"] == "defendant"
    agencies = names(out["agencies"])
    assert len(agencies) == len(set(agencies)), "each ministry once"
    assert len([a for a in agencies if "Women" in a]) == 1, "Women's Affairs spellings merged"
    assert {
        "Ministry of Interior",
        "Ministry of Justice",
        "Ministry of Foreign Affairs",
        "Krousar Thmey",
        "Licadho",
        "International Organization for Migration",
    } <= set(agencies)
    assert set(names(out["places"])) == {"Cambodia", "Thailand", "Banteay Meanchey"}
    assert [(s["defendant"], s["prison_months"], s["place"]) for s in out["sentences"]] == [
        ("Seng Savoeun", 180, "Banteay Meanchey")
    ]  # not the law's 15- and 20-year maximums


def test_empty_input_gives_empty_lists(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    (out,) = [json.loads(line) for line in run_pipeline("extract", str(empty)).stdout.splitlines()]
    assert out == {"persons": [], "agencies": [], "places": [], "sentences": [], "events": []}


def test_text_beyond_the_model_limit_is_cut_not_fatal():
    from nlp.loader import clip_text

    assert clip_text("abcdef", 4) == "abcd"
    assert clip_text("abc", 4) == "abc"

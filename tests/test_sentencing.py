"""Court-sentence rules, one test per pattern and per trap."""

import pytest

from nlp.extract import doc_to_contract


def sentences(nlp, text):
    return [(s["defendant"], s["prison_months"]) for s in doc_to_contract(nlp(text))["sentences"]]


def first(nlp, text):
    found = doc_to_contract(nlp(text))["sentences"]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sok Pisey was sentenced to 15 years in prison for trafficking two girls.", [("Sok Pisey", 180)]),
        ("The Kandal Provincial Court sentenced Chhim Vanna to eight years in prison.", [("Chhim Vanna", 96)]),
        ("Nguyen Van Hung was jailed for 18 months by the court.", [("Nguyen Van Hung", 18)]),
        ("Tran Thi Mai received a 15-year prison sentence for selling women to China.", [("Tran Thi Mai", 180)]),
        ("Somchai Boonmee was given two and a half years in jail.", [("Somchai Boonmee", 30)]),
        ("A court in Tak jailed Aung Kyaw Min for seven years on Monday.", [("Aung Kyaw Min", 84)]),
    ],
)
def test_single_defendant_voices_and_numbers(nlp, text, expected):
    assert sentences(nlp, text) == expected


def test_several_defendants_in_one_sentence(nlp):
    text = (
        "Keo Sambath, 45, and Meas Sopheap, 39, were sentenced to 10 years in prison by the "
        "Phnom Penh Municipal Court on Thursday."
    )
    assert sorted(sentences(nlp, text)) == [("Keo Sambath", 120), ("Meas Sopheap", 120)]


def test_plural_back_reference(nlp):
    text = (
        "Police arrested Ouk Rithy, Sam Bunthoeun and Chea Leakhena in May. "
        "All three were sentenced to seven years in prison on Friday."
    )
    assert sorted(sentences(nlp, text)) == [("Chea Leakhena", 84), ("Ouk Rithy", 84), ("Sam Bunthoeun", 84)]


def test_handed_terms(nlp):
    text = "The Criminal Court handed Preecha Saelim and Wichai Thongdee 12-year prison terms."
    assert sorted(sentences(nlp, text)) == [("Preecha Saelim", 144), ("Wichai Thongdee", 144)]


def test_suspended_part(nlp):
    record = first(nlp, "Lay Sothea was sentenced to five years in prison, with two years suspended.")
    assert (record["prison_months"], record["suspended_months"]) == (60, 24)


def test_fine(nlp):
    record = first(nlp, "The court sentenced Ratana Srisuk to three years in prison and fined her 500,000 baht.")
    assert record["prison_months"] == 36
    assert record["fine"] == "500,000 baht"


def test_life_sentence(nlp):
    record = first(nlp, "Somsak Chaiyaporn was sentenced to life imprisonment for trafficking 40 Rohingya migrants.")
    assert record["life"] is True and record["prison_months"] is None


def test_death_sentence(nlp):
    record = first(nlp, "The People's Court of Ho Chi Minh City sentenced Le Van Thanh to death for trafficking.")
    assert record["death"] is True
    assert record["defendant"] == "Le Van Thanh"


@pytest.mark.parametrize(
    "trap",
    [
        "Under the law, Sok Dara faces up to 15 years in prison if convicted.",
        "Human trafficking carries a maximum sentence of 20 years in prison.",
        "Prosecutors sought 12 years for Chan Sophal.",
        "Chan Sophal could be jailed for 10 years if found guilty.",
        "Courts sentenced 120 traffickers to prison terms last year, the ministry said.",
        "Heng Dara, 51, was acquitted of trafficking charges.",
        "The law provides for sentences of between seven and 15 years.",
        "A 3-year-old law sets a 15-year maximum.",
    ],
)
def test_traps_are_not_sentences(nlp, trap):
    assert sentences(nlp, trap) == []


def test_court_and_place(nlp):
    record = first(
        nlp, "The Siem Reap Provincial Court sentenced Ros Vanny, 52, to 12 years in prison for sex trafficking."
    )
    assert record["court"] == "Siem Reap Provincial Court"
    assert record["place"] == "Siem Reap"
    assert record["charge"] == "sex trafficking"


def test_wholly_suspended_sentence(nlp):
    record = first(nlp, "Pen Sokha was given a two-year suspended sentence for harbouring the victims.")
    assert (record["prison_months"], record["suspended_months"]) == (24, 24)


def records(nlp, name):
    from tests.conftest import DATA

    out = doc_to_contract(nlp((DATA / name).read_text()))
    return {s["defendant"]: s for s in out["sentences"]}, out


def test_uk_co_defendants_respectively(nlp):
    found, _ = records(nlp, "uk_crown_court.txt")
    assert {k: v["prison_months"] for k, v in found.items()} == {
        "Tuan Anh Nguyen": 144,
        "Thi Lan Pham": 90,
        "Daniel Hughes": 48,
    }
    assert found["Tuan Anh Nguyen"]["court"] == "Birmingham Crown Court"
    assert found["Tuan Anh Nguyen"]["place"] == "Birmingham"


def test_us_federal_months_and_roles(nlp):
    found, out = records(nlp, "us_federal_court.txt")
    assert {k: v["prison_months"] for k, v in found.items()} == {"Marcus Dwayne Jackson": 210, "Keisha Brown": 87}
    roles = {p["name"]: p["role"] for p in out["persons"]}
    assert roles["Alamdar Hamdani"] == "prosecutor"
    assert roles["Lee H. Rosenthal"] == "judge"
    assert "United States" not in [p["name"] for p in out["places"]]  # "U.S. Attorney" is a title


def test_reclusion_perpetua_reduced_terms_and_split_fines(nlp):
    found, _ = records(nlp, "philippines_thailand_indonesia.txt")
    assert found["Rodel Santos"]["life"] and found["Jennifer Santos"]["life"]
    assert found["Somchai Wongsa"]["prison_months"] == 300  # reduced from 50 years to 25
    assert found["Yosef Bria"]["fine"] == "Rp 200 million"
    assert found["Somchai Wongsa"]["fine"] is None

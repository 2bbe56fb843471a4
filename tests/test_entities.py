"""People, agencies and places: canonical names, types, resolution, junk, roles."""

from nlp.extract import doc_to_contract


def run(nlp, text):
    return doc_to_contract(nlp(text))


def names(items):
    return [item["name"] for item in items]


def person(out, name):
    return next(p for p in out["persons"] if p["name"] == name)


def test_titles_possessives_and_articles_are_stripped(nlp):
    out = run(
        nlp,
        "Prime Minister Hun Sen met Lt. Gen. Sok Phal on Monday. Hun Sen's order was read out "
        "by Ms. Chou Bun Eng at the Ministry of Interior's headquarters.",
    )
    assert set(names(out["persons"])) == {"Hun Sen", "Sok Phal", "Chou Bun Eng"}
    assert person(out, "Hun Sen")["title"] == "Prime Minister"
    assert person(out, "Hun Sen")["mentions"] == 2
    assert names(out["agencies"]) == ["Ministry of Interior"]


def test_age_is_kept(nlp):
    out = run(nlp, "Police arrested Lim Heng Huot, 43, at his home in Kandal province.")
    assert person(out, "Lim Heng Huot")["age"] == 43
    assert names(out["places"]) == ["Kandal"]


def test_place_designators_are_dropped(nlp):
    out = run(nlp, "The girls were taken from Narathiwat province to Sabah state and then to Kandal Province.")
    assert set(names(out["places"])) == {"Narathiwat", "Sabah", "Kandal"}
    assert all(p["lat"] is not None and p["country"] for p in out["places"])


def test_variant_spellings_and_acronyms_merge(nlp):
    out = run(
        nlp,
        "The Ministry of Womens Affairs and the Ministry of Women's Affairs are one ministry. "
        "The National Committee for Counter Trafficking met. The NCCT said it would act.",
    )
    agencies = names(out["agencies"])
    assert agencies.count("Ministry of Women's Affairs") == 1
    assert len([a for a in agencies if "Counter Trafficking" in a or a == "NCCT"]) == 1


def test_short_mentions_resolve_to_the_full_name(nlp):
    out = run(
        nlp,
        "Presiding judge Kor Vandy read the verdict. Judge Vandy said the evidence was clear. "
        "Defence lawyer Nguyen Thi Ngoc disagreed. Ngoc said she would appeal.",
    )
    assert set(names(out["persons"])) == {"Kor Vandy", "Nguyen Thi Ngoc"}
    assert person(out, "Kor Vandy")["mentions"] == 2
    assert person(out, "Kor Vandy")["role"] == "judge"


def test_gazetteer_beats_model_labels(nlp):
    out = run(nlp, "Chab Dai and Licadho run shelters in Banteay Meanchey, near the border with Thailand.")
    assert {"Chab Dai", "Licadho"} <= set(names(out["agencies"]))
    assert {"Banteay Meanchey", "Thailand"} <= set(names(out["places"]))
    assert not out["persons"]
    kinds = {a["name"]: a["kind"] for a in out["agencies"]}
    assert kinds["Chab Dai"] == "ngo"


def test_context_makes_a_person(nlp):
    out = run(nlp, "Phum Sapha, 52, was arrested in Poipet. Um Rada was charged with human trafficking.")
    assert {"Phum Sapha", "Um Rada"} <= set(names(out["persons"]))
    assert "Phum Sapha" not in names(out["agencies"]) + names(out["places"])


def test_junk_is_dropped(nlp):
    out = run(nlp, "Covid 19 closed the border. Exit mobile version")
    everything = names(out["persons"]) + names(out["agencies"]) + names(out["places"])
    assert "Covid 19" not in everything and "Exit" not in everything


def test_roles_from_context(nlp):
    out = run(
        nlp,
        "Chea Sophal, 31, was arrested on Monday. Sok Mean, a survivor who was trafficked to "
        "Malaysia in 2019, told reporters she was relieved. Keo Sreyleak, director of Chab Dai, "
        "welcomed the arrest.",
    )
    roles = {p["name"]: p["role"] for p in out["persons"]}
    assert roles["Chea Sophal"] == "suspect"
    assert roles["Sok Mean"] == "victim"
    assert roles["Keo Sreyleak"] == "ngo"


def test_victims_are_never_stored(nlp, tmp_path):
    from storage import open_db
    from storage.articles import store_article
    from storage.extractions import save_extraction

    text = (
        "Sok Mean, a survivor who was trafficked to Malaysia, testified against Chea Sophal. "
        "The Kandal Provincial Court sentenced Chea Sophal to nine years in prison."
    )
    db = open_db(tmp_path / "t.db")
    store_article(db, {"url": "https://example.org/a", "text": text, "content_hash": "h", "relevant": True})
    (article_id,) = [r[0] for r in db.execute("select id from articles")]
    save_extraction(db, article_id, text, nlp(text)._.extraction, "test")
    stored = {r[0] for r in db.execute("select name from entities")}
    assert "Chea Sophal" in stored
    assert "Sok Mean" not in stored
    assert not list(db.execute("select * from mentions where surface like '%Sok Mean%'"))


def test_names_as_the_article_writes_them_and_gazetteer_name_for_the_database(nlp):
    doc = nlp("Officials in Sihanoukville said the Interior Ministry would act. The Interior Ministry denied it.")
    out = doc_to_contract(doc)
    assert "Interior Ministry" in names(out["agencies"])  # as written, not the gazetteer's spelling
    (ministry,) = [e for e in doc._.extraction["entities"] if e["kind"] == "agency"]
    assert ministry["canonical"] == "Ministry of Interior"  # what the database stores
    assert "Sihanoukville" in names(out["places"])


def test_organisation_names_that_run_past_the_model_span(nlp):
    out = run(
        nlp,
        "She reached the Cambodian Embassy in Bangkok in May. The Regional Trial Court Branch 12 "
        "convicted him. Officials of the Ministry of Maritime Affairs and Fisheries declined to comment.",
    )
    agencies = set(names(out["agencies"]))
    assert {
        "Cambodian Embassy in Bangkok",
        "Regional Trial Court Branch 12",
        "Ministry of Maritime Affairs and Fisheries",
    } <= agencies
    assert "Bangkok" in names(out["places"])


def test_descriptions_are_not_agencies(nlp):
    out = run(nlp, "Thai police and the Appeals court were not available. Malaysian police said nothing.")
    assert not {"Thai police", "Appeals court", "Malaysian police"} & set(names(out["agencies"]))


def test_common_name_parts_make_people_of_mislabelled_names(nlp):
    out = run(
        nlp,
        "Touch Sokhom of the provincial labour office said the company had not paid. "
        "Rahmat Hidayat told the court he was a driver.",
    )
    assert {"Touch Sokhom", "Rahmat Hidayat"} <= set(names(out["persons"]))
    assert not {"Touch Sokhom", "Rahmat Hidayat"} & set(names(out["agencies"]))


def test_witness_role(nlp):
    out = run(nlp, "Police arrested Sok Dara in May. Chan Vichet, a witness, testified that he saw the girls.")
    roles = {p["name"]: p["role"] for p in out["persons"]}
    assert roles["Chan Vichet"] == "witness"


def test_institutions_laws_facilities_and_articles(nlp):
    out = run(
        nlp,
        "She contacted the Cambodian Embassy in Beijing. Officers from West Midlands Police "
        "raided a flat near Khao San Road. He was charged under the Law on the Eradication of the "
        "Crime of Trafficking in Persons, the Mekong Ledger reported.",
    )
    agencies, persons = set(names(out["agencies"])), set(names(out["persons"]))
    assert {"Cambodian Embassy in Beijing", "West Midlands Police"} <= agencies
    assert not any("Eradication" in a for a in agencies)
    assert "Khao San Road" not in persons and "Mekong Ledger" not in persons

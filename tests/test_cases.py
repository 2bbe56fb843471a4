"""Cases across articles: one defendant's prosecution from arrest to appeal, on invented
reports in real outlets' styles, through the real NLP stage and the real database."""

import json

import pytest

from cases.linking import link_cases
from cases.names import compare_names
from nlp.process import process_articles
from storage import open_db
from tests.conftest import run_pipeline

ARREST = (
    "PHNOM PENH — Chhun Sokha, 41, a marriage broker, was arrested on Friday by the Kampong Cham Provincial "
    "Police with his accomplice Meas Vanna, 36, after a woman escaped from a forced marriage in China."
)
CHARGE = (  # another outlet, a day later, spelling the name another way
    "Police in Kampong Cham said Chhun Sokhar, 41, and Meas Vanna were charged with cross-border human "
    "trafficking on Saturday and sent to the Kampong Cham Provincial Court."
)
SENTENCE = (
    "The Phnom Penh Municipal Court on Tuesday sentenced Chhun Sokha, 42, to 12 years in prison for trafficking "
    "three women to China as brides. His accomplice Meas Vanna was sentenced to seven years."
)
APPEAL = (
    "The Appeal Court on Monday reduced the sentence of Chhun Sokha, 43, to nine years in prison for human "
    "trafficking, citing the compensation his family paid the women."
)
NAMESAKE = "Chhun Sokha, 23, a student, was arrested in Siem Reap on Monday on suspicion of human trafficking."
LONE = (  # the same name, no age, nothing else in common: doubtful
    "Police in Battambang arrested Chhun Sokha on Monday on suspicion of human trafficking, officers said."
)


def stored(nlp, tmp_path, articles):
    db = open_db(tmp_path / "cases.db")
    db["sources"].insert_all(
        [
            {"id": "kt", "name": "Khmer Times", "country": "KH"},
            {"id": "pp", "name": "Phnom Penh Post", "country": "KH"},
        ],
        pk="id",
    )
    for aid, source, published, text in articles:
        db["articles"].insert(
            {
                "id": aid,
                "url": f"https://news.example/{aid}",
                "source_id": source,
                "published": published,
                "title": f"Story {aid}",
                "text": text,
                "relevant": 1,
                "fetched_at": published,
            }
        )
    process_articles(db, nlp=nlp)
    link_cases(db)
    return db


def cases_of(db):
    return {row["defendant"]: row for row in db.query("select * from cases")}


@pytest.mark.parametrize(
    "a, b, kind",
    [
        ("Somchai Wongsakul", "Somchai Wongsakul", "exact"),
        ("Somchai Wongsakul", "Wongsakul Somchai", "reordered"),  # family name first
        ("Somchai Wongsakul", "Somchay Wongsakun", "variant"),  # transliteration
        ("Chhun Sokha", "Chhun Sokhar", "variant"),  # a misspelling
        ("Nguyễn Văn Thắng", "Nguyen Van Thang", "exact"),  # accents
        ("Patrick W. Carlineo Jr", "Patrick Carlineo", "variant"),  # initial and suffix left out
        ("Sokha", "Chhun Sokha", "partial"),  # a name part alone
        ("Nguyen Van Thang", "Nguyen Van Thanh", None),  # two people
        ("Chan Dara", "Chan Sokha", None),
        ("Lim Sokha", "Lim Sokhom", None),
        ("Jian Hua Chen", "Jianhua Chen", "variant"),  # a given name written as one part or two
        ("Ma. Luisa Cruz", "Maria Luisa Cruz", "variant"),  # "Ma." of "Maria"
        ("Le Thi Mai", "Mai Thi Le", "reordered"),  # family name first in Hanoi, last in Houston
        ("Nguyen Van Hung", "Nguyen Van Hoa", None),
        ("Phongsak Thongkham", "Pongsak Tongkam", "variant"),  # Thai ph/p, th/t, kh/k across outlets
        ("Min Htet Naing", "Min Tet Naing", "variant"),  # Burmese "Htet" without its "h"
        ("Houn Sokkea", "Hun Sokea", "variant"),  # Khmer ou/u, a doubled letter
        ("Djoko Susilo", "Joko Susilo", "variant"),  # the old Indonesian spelling and the new
        ("Tjahjono Wibowo", "Cahyono Wibowo", "variant"),
        ("Soetrisno Hadi", "Sutrisno Hadi", "variant"),
        ("Jaruwan Saelim", "Charuwan Saelim", "variant"),  # Thai j/ch
        ("Vichai Srisuk", "Wichai Srisuk", "variant"),  # Thai v/w
        ("Jaruwan Saelim", "Charoen Saelim", None),  # one family name, two given names
        ("Sorn Chanthou", "Sorn Chanthu", "variant"),
        ("Shahrul Nizam Abd Rahman", "Shahrul Nizam Abdul Rahman", "variant"),  # "Abd" of "Abdul"
        ("Mohd Faizal Ismail", "Mohamad Faizal Ismail", "variant"),  # "Mohd" of "Mohamad"
        ("Mohd Shahrul Nizam Abdul Rahman", "Shahrul Nizam Abd Rahman", "variant"),  # "Mohd" left out too
        ("Ngyuen Van Tuan", "Nguyen Van Tuan", "variant"),  # a misspelt family name
        ("Tuan Van Nguyen", "Ngyuen Van Tuan", "variant"),  # ... given name first in the UK press
        ("Xiao-Ling Chen", "Chen Xiaoling", "variant"),  # family name first, then last with a hyphen
        ("Marcus D. Whitfield", "Marcus Whitfield", "variant"),  # a middle initial in one report only
        ("Le Van Thanh", "Le Van Thinh", None),  # brothers: a Vietnamese given name one vowel apart
        ("Tran Thi Minh", "Tran Thi Manh", None),
        ("Pham Van Tam", "Pham Van Tham", None),  # Vietnamese "t" and "th" are two letters
        ("Aung Myo Thant", "Aung Myo Htet", None),  # brothers sharing all but one name part
        ("Tan Kok Seng", "Lim Kok Seng", None),  # one family name for another
        ("Tan Sri Lim Kok Seng", "Lim Kok Seng", "exact"),  # an honorific in one report only
        ("Tan Sri Lim Kok Seng", "Tan Kok Seng", None),  # "Tan" of "Tan Sri" is no family name
        ("Sri Wong Chee Keong", "Wong Chee Keong", "exact"),  # what "Dato' Sri" leaves
        ("Sri Wahyuni Lestari", "Wahyuni Lestari", "variant"),  # Javanese "Sri" is a given name
        ("U Min Htet", "Min Htet", "exact"),
        ("Pol Col Thanakorn Saengsuwan", "Thanakorn Saengsuwan", "exact"),
        ("Hj Rosli Ismail", "Rosli Ismail", "exact"),
        ("Mohd Rosli bin Ismail", "Mohd Rosli Ismail", "exact"),  # Malay "bin" left out
        ("Ahmad bin Ali", "Ahmad Ali", "exact"),
        ("Siti Aminah binti Yusof", "Siti Aminah", "variant"),  # the father's name left out
        ("Đặng Văn Đức", "Dang Van Duc", "exact"),  # a letter with a stroke: no mark to drop, a "D"
        ("Nguyễn Thị Hoà", "Nguyen Thi Hoa", "exact"),  # the marks dropped
        ("Somchai Inthachak", "Somchay Inthajak", "variant"),  # Thai ai/ay, ch/j inside a name
        ("Kittipong Saetang", "Kittiphong Sae-tang", "variant"),  # one part written as two: same block
        ("Nurul Huda binti Kamaruddin", "Nurul Huda Kamarudin", "variant"),  # "binti" and a doubled letter
        ("Mohd Faizal Ismail", "Mohd Fairuz Ismail", None),  # brothers
        ("Tran Thi Thu", "Tran Thi Thuy", None),  # a Vietnamese given name one letter longer
        ("Chhum Sreyneang", "Chum Sreyneang", "variant"),  # Khmer "Chh" written "Ch"
        ("Chhoeun Sophea", "Sophea Choeun", "variant"),  # ... and the order reversed
    ],
)
def test_name_variants(a, b, kind):
    from cases.names import block_keys, initials, initials_fit

    match = compare_names(a, b)
    assert (match.kind if match else None) == kind
    if match:  # names that match meet in a block and pass the initials filter
        assert block_keys(a) & block_keys(b) and initials_fit(initials(a), initials(b))


def test_one_case_from_arrest_to_appeal_across_outlets(nlp, tmp_path):
    db = stored(
        nlp,
        tmp_path,
        [
            ("a1", "kt", "2024-03-10", ARREST),
            ("a2", "pp", "2024-03-11", CHARGE),
            ("a3", "kt", "2025-06-05", SENTENCE),
            ("a4", "pp", "2026-05-12", APPEAL),
        ],
    )
    cases = cases_of(db)
    case = cases["Chhun Sokha"]
    assert json.loads(case["name_variants"]) == ["Chhun Sokha", "Chhun Sokhar"]
    assert (case["articles"], case["outlets"], case["country"]) == (4, 2, "KH")
    assert (case["current_stage"], case["current_outcome"], case["prison_months"]) == ("appeal_decided", "reduced", 108)
    assert (case["first_event"], case["year"]) == ("2024-03-08", 2024)  # "on Friday" before 10 March 2024
    assert "Meas Vanna" in json.loads(case["co_defendants"])
    timeline = [
        (row["stage"], row["date"], row["term"])
        for row in db.query("select * from case_timeline where case_id = ? order by date", [case["id"]])
    ]
    assert timeline == [
        ("arrested", "2024-03-08", None),
        ("charged", "2024-03-09", None),
        ("sentenced", "2025-06-03", "12 years"),
        ("appeal_decided", "2026-05-11", "9 years"),
    ]
    vanna = cases["Meas Vanna"]
    assert (vanna["current_stage"], vanna["prison_months"], vanna["articles"]) == ("sentenced", 84, 3)
    assert db.execute("select count(*) from events where case_id is null").fetchone()[0] == 0
    # the CSV export's links to the sources: every article of the case, first report first
    urls = json.loads(case["article_urls"])
    assert urls == [f"https://news.example/{aid}" for aid in ("a1", "a2", "a3", "a4")]


def test_a_namesake_whose_age_does_not_fit_is_another_case(nlp, tmp_path):
    db = stored(nlp, tmp_path, [("a1", "kt", "2024-03-10", ARREST), ("a5", "kt", "2024-06-03", NAMESAKE)])
    assert db.execute("select count(*) from cases where defendant = 'Chhun Sokha'").fetchone()[0] == 2
    (link,) = db.query("select * from case_links")
    assert link["verdict"] == "different" and "ages do not fit" in link["evidence"]


def test_a_doubtful_match_is_kept_apart_for_review_until_a_reviewer_decides(nlp, tmp_path):
    db = stored(nlp, tmp_path, [("a1", "kt", "2020-03-10", ARREST), ("a6", "pp", "2030-01-20", LONE)])
    assert db.execute("select count(*) from cases").fetchone()[0] == 3  # Meas Vanna too
    (review,) = db.query("select * from case_review")
    assert "years apart" in review["evidence"] and review["case_id"] != review["other_case_id"]
    db.close()
    path = tmp_path / "cases.db"
    run_pipeline("cases", "--db", str(path), "--same", review["report_id"], review["other_id"], "--note", "court file")
    db = open_db(path)
    case = cases_of(db)["Chhun Sokha"]
    assert case["articles"] == 2 and db.execute("select count(*) from case_review").fetchone()[0] == 0
    (link,) = db.query("select * from case_links")
    assert (link["verdict"], link["decided_by"], link["evidence"]) == ("same", "reviewer", "court file")
    # every later run keeps the decision: a full reprocessing rebuilds the reports and the cases
    process_articles(db, nlp=nlp, reprocess=True)
    link_cases(db)
    assert cases_of(db)["Chhun Sokha"]["articles"] == 2
    db.close()
    run_pipeline("cases", "--db", str(path), "--different", review["report_id"], review["other_id"])
    db = open_db(path)
    assert db.execute("select count(*) from cases where defendant = 'Chhun Sokha'").fetchone()[0] == 2
    assert db.execute("select count(*) from case_review").fetchone()[0] == 0  # decided: not doubtful any more


TOUT = (
    "POIPET — Police in Banteay Meanchey arrested Keo Samnang, 38, a casino tout, on Friday for allegedly "
    "selling two women to a brothel in Poipet."
)
DRIVER = (  # a namesake of the same town a month later: the ages tell the two apart
    "Keo Samnang, 61, a taxi driver, was arrested in Poipet on Monday on suspicion of smuggling five men "
    "across the border into Thailand."
)
TOUT_CHARGED = "Keo Samnang, 38, was charged in Banteay Meanchey on Tuesday with selling two women to a brothel."
TRIAL_OF_ONE_OF_THEM = (  # the name and the town, nothing that says which of the two
    "The trial of Keo Samnang, accused of trafficking women through Poipet, opened on Wednesday, prosecutors said."
)


def test_a_report_that_fits_two_namesakes_kept_apart_joins_neither_until_a_reviewer_decides(nlp, tmp_path):
    db = stored(
        nlp,
        tmp_path,
        [
            ("a1", "kt", "2024-02-10", TOUT),
            ("a2", "pp", "2024-03-05", DRIVER),
            ("a3", "kt", "2024-04-02", TOUT_CHARGED),
            ("a4", "kt", "2024-06-12", TRIAL_OF_ONE_OF_THEM),
        ],
    )
    case_of = dict(db.execute("select article_id, case_id from events").fetchall())
    assert case_of["a1"] == case_of["a3"] != case_of["a2"]  # the tout's age fits, the driver's does not
    assert case_of["a4"] not in {case_of["a1"], case_of["a2"]}  # the trial is either man's: neither case
    review = list(db.query("select * from case_review where ? in (case_id, other_case_id)", [case_of["a4"]]))
    assert {r["case_id"] for r in review} | {r["other_case_id"] for r in review} == set(case_of.values())
    assert len(review) == 3 and all("fits two cases kept apart" in r["evidence"] for r in review)
    tout = next(r for r in review if case_of["a1"] in {r["case_id"], r["other_case_id"]})
    db.close()
    path = tmp_path / "cases.db"
    run_pipeline("cases", "--db", str(path), "--same", tout["report_id"], tout["other_id"], "--note", "court file")
    db = open_db(path)
    case_of = dict(db.execute("select article_id, case_id from events").fetchall())
    assert case_of["a4"] == case_of["a1"] != case_of["a2"]


def test_process_links_cases_and_a_rerun_keeps_their_ids(nlp, tmp_path):
    db = stored(nlp, tmp_path, [("a1", "kt", "2024-03-10", ARREST), ("a3", "kt", "2025-06-05", SENTENCE)])
    before = {row["defendant"]: row["id"] for row in db.query("select * from cases")}
    events = {row["id"] for row in db.query("select id from events")}
    process_articles(db, nlp=nlp, reprocess=True)
    link_cases(db)
    assert {row["defendant"]: row["id"] for row in db.query("select * from cases")} == before
    assert {row["id"] for row in db.query("select id from events")} == events  # the feeds' entry ids
    assert cases_of(db)["Chhun Sokha"]["articles"] == 2


def test_a_name_part_alone_meets_the_full_names_holding_it_and_is_kept_for_review():
    from cases.linking import Report, candidate_links

    reports = {
        "r1": Report(
            "r1", "a1", "p1", "Chhun Sokha", "2024-03-10", "kt", "KH", None, courts={"Kampot Provincial Court"}
        ),
        "r2": Report("r2", "a2", "p2", "Sokha", "2024-03-12", "pp", "KH", None, courts={"Kampot Provincial Court"}),
        "r3": Report("r3", "a3", "p3", "Chan Sokha", "2024-05-01", "kt", "KH", None),
        "r4": Report("r4", "a4", "p4", "Chan Dara", "2024-05-02", "kt", "KH", None),
    }
    links = candidate_links(reports)
    verdicts = {pair: link.verdict for pair, link in links.items()}
    assert verdicts[("r1", "r2")] == "review"  # a lone part and a court in common: for a reviewer
    assert verdicts[("r2", "r3")] == "different"  # a lone part and nothing else in common
    assert ("r3", "r4") not in links and ("r1", "r3") not in links  # one shared part is no match


def _snapshot(db):
    """What a reader sees of the cases: each case's reports and row, every link, every sentence's case columns."""
    members = {}
    for case_id, report in db.execute("select case_id, report_id from events"):
        members.setdefault(case_id, set()).add(report)
    return (
        sorted(sorted(m) for m in members.values()),
        sorted(tuple(row.values()) for row in db.query("select * from cases")),
        sorted(tuple(row.values()) for row in db.query("select * from case_links")),
        sorted(
            tuple(row.values())
            for row in db.query("select id, case_id, case_row, reports, current_term, earlier_terms from sentences")
        ),
    )


def test_nightly_linking_of_new_reports_gives_the_cases_a_full_rebuild_gives(nlp, tmp_path):
    """The process stage links each night's new reports to the stored cases only (its cost
    follows the new articles, not the archive); `pipeline.py cases` rebuilds them all. On the
    linking dev set, fed night by night in date order, both give the same cases and links."""
    from cases.evaluate import DEV_SETS, load, store_articles
    from cases.linking import link_new_reports

    sources, articles, _ = load(DEV_SETS["linking-tune"])
    db = open_db(tmp_path / "nightly.db")
    db["sources"].insert_all(sources, pk="id")
    nights = sorted(articles, key=lambda a: a["published"])
    for night in (nights[:10], nights[10:22], nights[22:35], nights[35:]):
        store_articles(db, night)
        process_articles(db, nlp=nlp)
        counts = link_new_reports(db)
        assert counts["reports"] > 0
        assert db.execute("select count(*) from events where case_id is null").fetchone()[0] == 0
    nightly = _snapshot(db)
    assert len(nightly[0]) < db.execute("select count(distinct report_id) from events").fetchone()[0]  # some joined
    link_cases(db)
    assert _snapshot(db) == nightly


def test_cases_built_under_other_linking_rules_are_rebuilt_on_the_next_night(nlp, tmp_path, monkeypatch):
    """The stored blocking index and links are the old rules' work: with another
    LINKING_VERSION the next night rebuilds every case, even one with no new article, and
    records the version; under the same version a night with nothing new touches nothing."""
    from cases import linking
    from storage.cases import linking_version

    db = stored(nlp, tmp_path, [("a1", "kt", "2024-03-10", ARREST), ("a3", "kt", "2025-06-05", SENTENCE)])
    assert linking_version(db) == linking.LINKING_VERSION
    before = _snapshot(db)
    assert linking.link_new_reports(db)["reports"] == 0
    monkeypatch.setattr(linking, "LINKING_VERSION", "next")
    with db.conn:  # what the new rules would not find: the old rules' index and links
        db.execute("delete from case_blocks")
        db.execute("delete from case_links")
    counts = linking.link_new_reports(db)
    assert counts["reports"] == db.execute("select count(distinct report_id) from events").fetchone()[0] > 0
    assert linking_version(db) == "next"
    assert db.execute("select count(*) from case_blocks").fetchone()[0] > 0
    assert _snapshot(db) == before


def test_a_reprocessed_article_that_lost_its_reports_rebuilds_the_cases(nlp, tmp_path):
    from cases.linking import link_new_reports

    db = stored(nlp, tmp_path, [("a1", "kt", "2024-03-10", ARREST), ("a3", "kt", "2025-06-05", SENTENCE)])
    assert cases_of(db)["Chhun Sokha"]["articles"] == 2
    db["articles"].update("a1", {"text": "Police in Kampong Cham said on Friday that the investigation goes on."})
    process_articles(db, nlp=nlp, reprocess=True)
    link_new_reports(db)
    assert cases_of(db)["Chhun Sokha"]["articles"] == 1
    assert db.execute("select count(*) from case_links").fetchone()[0] == 0


def test_a_death_sentence_commuted_on_appeal_shows_as_life_in_prosecutions(nlp, tmp_path):
    verdict = (
        "The Phnom Penh Municipal Court on Monday sentenced Bounmy Sisavath, 44, to death for trafficking "
        "30 women to China."
    )
    appeal = (
        "The Supreme Court has commuted the death sentence of Bounmy Sisavath to life imprisonment, his "
        "lawyer said on Friday."
    )
    db = stored(nlp, tmp_path, [("v1", "kt", "2024-03-10", verdict), ("v2", "pp", "2025-02-14", appeal)])
    rows = list(db.query("select * from prosecutions where defendant = 'Bounmy Sisavath'"))
    assert len(rows) == 1
    assert (rows[0]["life"], rows[0]["death"], rows[0]["reports"]) == (1, 0, 2)
    assert cases_of(db)["Bounmy Sisavath"]["current_stage"] == "appeal_decided"


def _report(rid, name, published, country="KH", **fields):
    from cases.linking import Report

    return Report(rid, "article-" + rid, "person-" + rid, name, published, "src", country, None, **fields)


def _events(*stages):
    return [{"id": stage, "stage": stage, "outcome": None, "date": None, "role": None} for stage in stages]


def test_a_court_by_its_city_and_the_same_court_by_its_branch_are_not_two_trials():
    """One outlet names the city's court, the other its branch, and the article also tells the
    arrest by a police unit: no two trials. Two branch numbers are."""
    from cases.linking import compare_reports

    def verdict(rid, name, published, court, arrest_unit=None):
        events = [{"id": "s", "stage": "sentenced", "outcome": None, "date": None, "role": None, "court": court}]
        if arrest_unit:
            events.append(
                {"id": "a", "stage": "arrested", "outcome": None, "date": None, "role": None, "court": arrest_unit}
            )
        courts = {court} | ({arrest_unit} if arrest_unit else set())
        return _report(rid, name, published, "PH", courts=courts, events=events, co_defendants={"Rodel Villanueva"})

    by_branch = verdict("r1", "Maria Cristina Villanueva", "2024-03-06", "Regional Trial Court Branch 54")
    by_city = verdict("r2", "Cristina Villanueva", "2024-03-07", "Lapu-Lapu City Regional Trial Court", "NBI")
    link = compare_reports(by_branch, by_city)
    assert link.verdict == "same" and not any(e.startswith("tried by different courts") for e in link.evidence)
    other_branch = verdict("r3", "Cristina Villanueva", "2024-03-07", "Regional Trial Court Branch 12")
    link = compare_reports(by_branch, other_branch)
    assert link.verdict != "same" and any(e.startswith("tried by different courts") for e in link.evidence)


def test_a_transliteration_with_a_place_the_articles_name_in_common_is_one_case():
    """An arrest months before the trial, with only the town in common, and the name spelt
    another way: the place the articles name ("a Mae Sai bar owner") is the evidence."""
    from cases.linking import compare_reports

    arrest = _report("r1", "Somchai Wongsakul", "2023-01-18", places={"Mae Sai"}, events=_events("arrested"))
    trial = _report("r2", "Somchay Wongsakun", "2023-07-05", article_places={"mae sai", "bokeo"})
    link = compare_reports(arrest, trial)
    assert link.verdict == "same" and "places named: mae sai" in link.evidence
    stranger = _report("r3", "Somchay Wongsakun", "2023-07-05", article_places={"songkhla"})
    assert compare_reports(arrest, stranger).verdict == "review"  # a variant and nothing else: doubtful


def test_one_court_in_two_outlets_wordings_is_the_same_court():
    from cases.linking import compare_reports

    a = _report("r1", "Somchai Wongsakul", "2023-11-22", courts={"Chiang Rai Provincial Court"})
    b = _report("r2", "Somchay Wongsakun", "2023-11-22", courts={"the court in Chiang Rai province"})
    link = compare_reports(a, b)
    assert link.verdict == "same" and any(e.startswith("court:") for e in link.evidence)


def test_the_same_name_sentenced_by_two_trial_courts_is_kept_for_review():
    from cases.linking import compare_reports

    a = _report("r1", "Siti Aminah", "2021-10-07", courts={"Surabaya District Court"}, events=_events("sentenced"))
    b = _report("r2", "Siti Aminah", "2023-11-21", courts={"Malang District Court"}, events=_events("sentenced"))
    link = compare_reports(a, b)
    assert link.verdict == "review" and any(e.startswith("tried by different courts") for e in link.evidence)
    appeal = _report("r3", "Siti Aminah", "2022-06-01", courts={"Surabaya High Court"}, events=_events("sentenced"))
    assert compare_reports(a, appeal).verdict == "same"  # an appeal court is another court of the same case


def test_an_arrest_years_after_a_sentence_of_the_same_name_is_kept_for_review():
    from cases.linking import compare_reports

    sentenced = _report("r1", "Nguyen Van Hung", "2018-09-12", "VN", events=_events("sentenced"))
    arrested = _report("r2", "Nguyen Van Hung", "2024-03-28", "VN", events=_events("arrested"))
    link = compare_reports(sentenced, arrested)
    assert link.verdict == "review" and any(e.startswith("stages go back") for e in link.evidence)
    arrest_then_verdict = compare_reports(
        _report("r3", "Nguyen Van Hung", "2022-01-05", "VN", events=_events("arrested")),
        _report("r4", "Nguyen Van Hung", "2023-05-02", "VN", events=_events("sentenced")),
    )
    assert arrest_then_verdict.verdict == "same"
    quiet = compare_reports(
        _report("r5", "Nguyen Van Hung", "2019-01-05", "VN", events=_events("arrested")),
        _report("r6", "Nguyen Van Hung", "2024-05-02", "VN", events=_events("arrested")),
    )
    assert quiet.verdict == "review" and any("nothing else in common" in e for e in quiet.evidence)


def test_a_case_covered_from_two_countries_is_one_case_when_the_co_defendants_agree():
    """A Vietnamese paper on a Houston trial names both defendants family name first."""
    from cases.linking import compare_reports

    us = _report("r1", "Mai Thi Le", "2023-08-15", "US", co_defendants={"Long Van Pham"})
    vn = _report("r2", "Le Thi Mai", "2023-08-17", "VN", co_defendants={"Pham Van Long"})
    assert compare_reports(us, vn).verdict == "same"
    alone = _report("r3", "Le Thi Mai", "2023-08-17", "VN")
    assert compare_reports(us, alone).verdict == "review"  # two countries, nothing in common


def test_a_report_s_country_is_where_its_article_is_about():
    from cases.linking import _place_report

    vn_paper = _report("r1", "Le Thi Mai", "2023-08-17", "VN")
    _place_report(vn_paper, [("Houston", "US", "city"), ("Texas", None, None), ("Vietnam", "VN", "country")])
    assert vn_paper.country == "US" and vn_paper.article_places == {"houston", "texas"}
    home = _report("r2", "Ouk Sreymao", "2023-03-14", "KH")
    _place_report(home, [("Hebei", "CN", "province"), ("Kampong Cham", "KH", "province")])
    assert home.country == "KH"  # the outlet's country, named in the story: a story at home
    wire = _report("r3", "Somchay Wongsakun", "2023-11-22", "")
    _place_report(wire, [("Bangkok", "TH", "city"), ("Laos", "LA", "country")])
    assert wire.country == "TH"


def test_a_short_name_does_not_chain_two_people_into_one_case():
    """ "Aung Kyaw" matches "Aung Kyaw Moe" and "Aung Kyaw Min", who do not match each other:
    the second join is kept for review."""
    from cases.linking import candidate_links, cluster

    court = {"Tak Provincial Court"}
    reports = {
        "r1": _report("r1", "Aung Kyaw Moe", "2023-01-01", "TH", courts=court),
        "r2": _report("r2", "Aung Kyaw", "2023-02-01", "TH", courts=court),
        "r3": _report("r3", "Aung Kyaw Min", "2023-03-01", "TH", courts=court),
    }
    links = candidate_links(reports)
    case_of = cluster(reports, links)
    assert case_of["r1"] != case_of["r3"]
    assert "review" in {links[("r1", "r2")].verdict, links[("r2", "r3")].verdict}


def test_initials_that_do_not_fit_rule_out_a_match():
    """The blocking index reads of a big block only the names whose initials fit: that must
    never drop a pair the names would match (cases.names.initials_fit is necessary)."""
    import tomllib
    from itertools import combinations

    from cases.evaluate import DEV_SETS
    from cases.names import initials, initials_fit

    data = tomllib.loads(DEV_SETS["linking-tune"].read_text(encoding="utf-8"))
    names = {name for article in data["article"] for name in article.get("gold", {})}
    names |= {"W. Carlineo", "William Carlineo", "Jian Hua Chen", "Jianhua Chen", "Ma. Luisa Cruz"}
    for a, b in combinations(sorted(names), 2):
        if compare_names(a, b) is not None:
            assert initials_fit(initials(a), initials(b)), (a, b)
    assert not initials_fit(initials("Nguyen Van Thang"), initials("Nguyen Van Hoa"))


def test_a_court_named_after_the_place_of_the_arrest_is_evidence():
    """Arrested in Kampong Cham, sentenced by the Kampong Cham Provincial Court, the name spelt
    two ways: the court's seat is the place of the arrest."""
    from cases.linking import compare_reports

    arrest = _report("r1", "Ouk Sreymao", "2023-03-14", places={"Kampong Cham"}, events=_events("arrested"))
    verdict = _report("r2", "Ouk Sreymau", "2023-11-02", courts={"Kampong Cham Provincial Court"})
    link = compare_reports(arrest, verdict)
    assert link.verdict == "same" and any(e.startswith("court of the place") for e in link.evidence)
    elsewhere = _report("r3", "Ouk Sreymau", "2023-11-02", courts={"Kampot Provincial Court"})
    assert compare_reports(arrest, elsewhere).verdict == "review"


@pytest.mark.parametrize(
    "a, b, verdict, evidence",
    [
        (  # one common name in two provinces of one year, nothing else in common: two people
            dict(name="Budi Santoso", published="2023-03-15", country="ID", article_places={"medan", "north sumatra"}),
            dict(name="Budi Santoso", published="2023-10-26", country="ID", places={"South Sulawesi"}),
            "review",
            "places differ",
        ),
        (
            dict(name="Jose Santos", published="2021-09-14", country="PH", article_places={"cebu city", "talisay"}),
            dict(name="Jose Santos", published="2023-11-07", country="PH", places={"Davao City"}),
            "review",
            "places differ",
        ),
        (  # an arrest months before the trial, only the province in common
            dict(name="Budi Santoso", published="2023-03-15", country="ID", article_places={"medan", "north sumatra"}),
            dict(name="Budi Santoso", published="2023-10-26", country="ID", places={"North Sumatra"}),
            "same",
            "places named: north sumatra",
        ),
        (  # the same name, places apart, but the ages fit: something in common, not a contradiction
            dict(name="Jose Santos", published="2021-09-14", country="PH", age=47, article_places={"cebu city"}),
            dict(name="Jose Santos", published="2022-11-07", country="PH", age=48, places={"Davao City"}),
            "same",
            "ages fit: 47 / 48",
        ),
        (  # an appeal is heard in another city than the trial
            dict(name="Le Van Thinh", published="2023-03-22", country="VN", places={"Quang Ninh"}),
            dict(
                name="Le Van Thinh",
                published="2024-03-26",
                country="VN",
                places={"Hanoi"},
                courts={"High People's Court in Hanoi"},
            ),
            "same",
            "names exact",
        ),
        (  # a name spelt two ways, places apart: doubtful, kept for review, not ruled out
            dict(name="Budi Santoso", published="2023-03-15", country="ID", article_places={"medan"}),
            dict(name="Budi Santosa", published="2023-10-26", country="ID", places={"Makassar"}),
            "review",
            "names variant",
        ),
        (  # a father and son: "Sr." in one name only, no age to tell which
            dict(name="Ricardo Morales Sr.", published="2023-04-25", country="US", article_places={"houston"}),
            dict(name="Ricardo Morales", published="2022-10-18", country="US", article_places={"houston"}),
            "review",
            "Jr./Sr. in one name only",
        ),
        (  # ... the ages tell
            dict(name="Ricardo Morales Jr.", published="2022-03-09", country="US", age=29, article_places={"katy"}),
            dict(name="Ricardo Morales", published="2022-10-18", country="US", age=30, article_places={"houston"}),
            "same",
            "ages fit",
        ),
        (  # a Hanoi paper on a Bradford trial: the outlet's country, the place of the events in common
            dict(name="Nguyen Van Tuan", published="2023-02-08", country="GB", places={"Bradford"}),
            dict(name="Ngyuen Van Tuan", published="2023-02-10", country="VN", places={"Bradford"}),
            "same",
            "place: bradford",
        ),
        (  # the events placed in East Java by one article, in Hong Kong by the other; both name both
            dict(
                name="Djoko Prasetyo",
                published="2023-02-20",
                country="HK",
                country_from_place=True,
                places={"Hong Kong"},
                article_places={"east java", "hong kong", "sidoarjo"},
            ),
            dict(
                name="Joko Prasetyo",
                published="2023-09-13",
                country="ID",
                country_from_place=True,
                places={"East Java"},
                article_places={"east java", "hong kong"},
            ),
            "same",
            "countries differ: HK / ID (both articles name",
        ),
        (  # ... but two countries the places themselves give stay a contradiction
            dict(
                name="Jose Santos", published="2023-02-08", country="US", country_from_place=True, places={"San Jose"}
            ),
            dict(
                name="Jose Santos", published="2023-02-10", country="PH", country_from_place=True, places={"San Jose"}
            ),
            "review",
            "countries differ: US / PH",
        ),
    ],
)
def test_where_two_reports_of_one_name_happened(a, b, verdict, evidence):
    from cases.linking import compare_reports

    reports = []
    for rid, fields in (("r1", dict(a)), ("r2", dict(b))):
        age = fields.pop("age", None)
        reports.append(_report(rid, fields.pop("name"), fields.pop("published"), **fields))
        reports[-1].age = age
    link = compare_reports(*reports)
    assert link.verdict == verdict and any(e.startswith(evidence) for e in link.evidence), link.evidence


def _archive(tmp_path, people):
    """A database holding reports as the process stage stores them, without the NLP: for each
    (article, published, name, age, stage), the article, the person, their mention and event."""
    db = open_db(tmp_path / "archive.db")
    db["sources"].insert({"id": "kt", "name": "Khmer Times", "country": "KH"}, pk="id")
    _add(db, people)
    return db


def _add(db, people):
    from storage.cases import report_id
    from storage.schema import stable_id

    for aid, published, name, age, stage in people:
        if not db["articles"].count_where("id = ?", [aid]):
            db["articles"].insert(
                {
                    "id": aid,
                    "url": f"https://kt.example/{aid}",
                    "source_id": "kt",
                    "published": published,
                    "relevant": 1,
                }
            )
        pid = stable_id("person", name)
        db.execute("insert or ignore into entities (id, kind, name) values (?, 'person', ?)", [pid, name])
        db.execute(
            "insert into mentions (id, article_id, entity_id, surface, age) values (?, ?, ?, ?, ?)",
            [stable_id(aid, pid), aid, pid, name, age],
        )
        db.execute(
            "insert into events (id, article_id, person_id, person, stage, report_id) values (?, ?, ?, ?, ?, ?)",
            [stable_id(aid, pid, stage), aid, pid, name, stage, report_id(aid, pid)],
        )
    db.conn.commit()


def test_a_night_rewrites_only_the_cases_its_new_reports_change(tmp_path):
    """A new report compared with a stored namesake and kept apart (ages that do not fit) leaves
    the namesake's case row as it was: a night writes what it changes, not a row per namesake
    of its names; the case it joins is rewritten, and the cases equal a rebuild's."""
    from cases.linking import link_new_reports

    db = _archive(
        tmp_path,
        [
            ("a1", "2024-03-10", "Chhun Sokha", 41, "arrested"),
            ("a1", "2024-03-10", "Meas Vanna", 36, "arrested"),
            ("a2", "2024-04-02", "Keo Dara", 30, "arrested"),
        ],
    )
    link_cases(db)
    rowid = dict(db.execute("select defendant, rowid from cases").fetchall())
    _add(
        db,
        [
            ("a3", "2024-05-20", "Chhun Sokha", 41, "charged"),  # joins Chhun Sokha's case
            ("a3", "2024-05-20", "Meas Vanna", 36, "charged"),
            ("a4", "2024-06-01", "Keo Dara", 62, "arrested"),  # a namesake: the ages do not fit
        ],
    )
    link_new_reports(db)
    after = {row["defendant"]: row for row in db.query("select rowid, * from cases")}
    assert after["Chhun Sokha"]["articles"] == 2 and after["Meas Vanna"]["articles"] == 2
    namesakes = {
        row["rowid"]: row["articles"] for row in db.query("select rowid, * from cases where defendant = 'Keo Dara'")
    }
    assert len(namesakes) == 2 and namesakes[rowid["Keo Dara"]] == 1  # the stored one untouched
    assert after["Chhun Sokha"]["rowid"] != rowid["Chhun Sokha"]  # rewritten
    assert db.execute("select verdict from case_links where verdict = 'different'").fetchall() == [("different",)]
    nightly = _snapshot(db)
    link_cases(db)
    assert _snapshot(db) == nightly


def test_a_night_decides_again_a_report_kept_from_two_namesakes_with_both_their_cases(tmp_path):
    """A report kept for review because it fits two namesakes kept apart is decided again, as a
    rebuild decides it, when a later night regroups one of their cases: the night regroups the
    other namesake's case too, though no new report comes near it."""
    from cases.linking import link_new_reports

    db = _archive(
        tmp_path,
        [("a1", "2024-03-10", "Keo Dara", 30, "arrested"), ("a2", "2024-04-02", "Keo Dara", None, "charged")],
    )
    link_new_reports(db)
    assert db.execute("select count(distinct case_id) from events").fetchone()[0] == 1  # nothing against it yet
    _add(db, [("a3", "2024-05-10", "Keo Dara", 62, "arrested")])  # a namesake: a2 fits him as well
    link_new_reports(db)
    assert db.execute("select count(distinct case_id) from events").fetchone()[0] == 3
    _add(db, [("a4", "2024-06-01", "Keo Dara", 30, "on_trial")])  # the first man's; a2 still fits either
    link_new_reports(db)
    nightly = _snapshot(db)
    assert sorted(map(len, nightly[0])) == [1, 1, 2]
    link_cases(db)
    assert _snapshot(db) == nightly


def test_a_night_applies_a_reviewers_decision_between_stored_reports_it_regroups(tmp_path):
    """The decisions a night reads are those on two of the reports it regroups: a reviewer's
    'different' on two stored reports of one name still holds when a third report of the name
    comes, which fits both alike and so joins neither: its links wait for the reviewer too."""
    from cases.linking import link_new_reports
    from storage.cases import record_decision, report_id
    from storage.schema import stable_id

    db = _archive(
        tmp_path,
        [("a1", "2024-03-10", "Chhun Sokha", 41, "arrested"), ("a2", "2024-04-10", "Chhun Sokha", 41, "charged")],
    )
    first, second = (report_id(a, stable_id("person", "Chhun Sokha")) for a in ("a1", "a2"))
    record_decision(db, first, second, "different", "two brokers of one name")
    link_cases(db)
    assert db.execute("select count(*) from cases").fetchone()[0] == 2
    _add(db, [("a3", "2024-05-10", "Chhun Sokha", 41, "on_trial")])
    link_new_reports(db)
    cases = db.execute("select case_id, count(distinct report_id) from events group by case_id").fetchall()
    assert sorted(n for _, n in cases) == [1, 1, 1]  # the third joins neither of the two, never both
    third = report_id("a3", stable_id("person", "Chhun Sokha"))
    kept = db.execute("select verdict, evidence from case_links where ? in (report_id, other_id)", [third]).fetchall()
    assert len(kept) == 2 and all(v == "review" and "fits two cases kept apart" in e for v, e in kept), kept
    decided = db.execute(
        "select decided_by from case_links where report_id = ? and other_id = ?", sorted((first, second))
    ).fetchone()
    assert decided == ("reviewer",)
    nightly = _snapshot(db)
    link_cases(db)
    assert _snapshot(db) == nightly


def test_an_older_databases_blocking_index_is_reclustered_with_its_rows(tmp_path):
    """case_blocks was a rowid table with three indexes beside it; open_db makes it the
    clustered (WITHOUT ROWID) table, rows kept, and a night's linking still finds the stored
    reports through it."""
    from cases.linking import link_new_reports

    db = _archive(tmp_path, [("a1", "2024-03-10", "Chhun Sokha", 41, "arrested")])
    link_cases(db)
    rows = db.execute("select * from case_blocks order by key").fetchall()
    db.execute("drop table case_blocks")
    db.execute(
        "create table case_blocks (key text, report_id text, name text, single integer, initials text, "
        "primary key (key, report_id))"
    )
    for columns in (["report_id"], ["single", "key"], ["key", "initials", "name", "report_id"]):
        db["case_blocks"].create_index(columns)
    db.conn.executemany("insert into case_blocks values (?, ?, ?, ?, ?)", rows)
    db.conn.commit()
    db.close()
    db = open_db(tmp_path / "archive.db")
    sql = db.execute("select sql from sqlite_master where name = 'case_blocks'").fetchone()[0]
    assert sql.upper().endswith("WITHOUT ROWID")
    assert db.execute("select * from case_blocks order by key").fetchall() == rows
    btrees = db.execute("select name from sqlite_master where tbl_name = 'case_blocks' and type = 'index'").fetchall()
    assert btrees == []  # the table itself is the block index (and answers "seen before?" by its key)
    _add(db, [("a2", "2024-04-10", "Chhun Sokha", 41, "charged")])
    link_new_reports(db)
    assert db.execute("select count(*), max(articles) from cases").fetchone() == (1, 2)
    rows = db.execute("select * from case_blocks order by key, report_id").fetchall()
    db.close()
    db = open_db(tmp_path / "archive.db")  # a second open changes nothing
    assert db.execute("select * from case_blocks order by key, report_id").fetchall() == rows


HAT_YAI = {"hat yai": (7.0086, 100.4747, False)}  # a city
SONGKHLA = {"songkhla": (7.1897, 100.5954, True)}  # its province
NGHE_AN = {"nghe an": (18.6796, 105.6813, True)}
HA_TINH = {"ha tinh": (18.3559, 105.8877, True)}  # the next province


def _sentence(months, court="Phnom Penh Municipal Court"):
    term = f"{months // 12} years"
    return {"prison_months": months, "prison_term": term, "life": 0, "death": 0, "court": court}


@pytest.mark.parametrize(
    "a, b, verdict, evidence",
    [
        (  # arrested in a town by a police unit, sentenced by the provincial court months later
            dict(
                name="Kittipong Saetang",
                published="2023-01-10",
                country="TH",
                age=49,
                article_places={"hat yai"},
                points=HAT_YAI,
                events=_events("arrested"),
            ),
            dict(
                name="Kittiphong Sae-tang",
                published="2023-09-19",
                country="TH",
                age=49,
                article_places={"songkhla"},
                points=SONGKHLA,
                events=_events("sentenced"),
            ),
            "same",
            "places near: hat yai / songkhla",
        ),
        (  # two neighbouring provinces are not one place: the same name in each, nothing else
            dict(
                name="Nguyen Van Tuan", published="2023-02-10", country="VN", article_places={"nghe an"}, points=NGHE_AN
            ),
            dict(
                name="Nguyen Van Tuan", published="2023-06-20", country="VN", article_places={"ha tinh"}, points=HA_TINH
            ),
            "review",
            "places differ",
        ),
        (  # one court, one week, names one vowel apart, 15 years and 7: two trials
            dict(
                name="Sok Chanthy",
                published="2024-06-11",
                courts={"Phnom Penh Municipal Court"},
                events=_events("sentenced"),
                sentence=_sentence(180),
            ),
            dict(
                name="Sok Chanthou",
                published="2024-06-14",
                courts={"Phnom Penh Municipal Court"},
                events=_events("sentenced"),
                sentence=_sentence(84),
            ),
            "different",
            "prison terms differ",
        ),
        (  # ... the same term: one verdict in two outlets' spellings
            dict(
                name="Sok Chanthy",
                published="2024-06-11",
                courts={"Phnom Penh Municipal Court"},
                events=_events("sentenced"),
                sentence=_sentence(180),
            ),
            dict(
                name="Sok Chanthou",
                published="2024-06-12",
                courts={"Phnom Penh Municipal Court"},
                events=_events("sentenced"),
                sentence=_sentence(180),
            ),
            "same",
            "court: phnom penh municipal court",
        ),
        (  # an Indonesian single name on both sides, the co-defendant and the city in common
            dict(
                name="Sutrisno",
                published="2023-05-09",
                country="ID",
                co_defendants={"Wahyuni"},
                article_places={"batam"},
                events=_events("arrested"),
            ),
            dict(
                name="Sutrisno",
                published="2023-12-14",
                country="ID",
                co_defendants={"Wahyuni"},
                article_places={"batam"},
                events=_events("sentenced"),
            ),
            "same",
            "co-defendants: Wahyuni",
        ),
        (  # ... the single name and nothing else in common
            dict(name="Sutrisno", published="2023-05-09", country="ID", article_places={"batam"}),
            dict(name="Sutrisno", published="2024-02-27", country="ID", article_places={"sidoarjo"}),
            "different",
            "places differ",
        ),
        (  # a surname alone once the full name is known: the place and the court in common
            dict(
                name="Emmanuel Okafor",
                published="2023-06-30",
                country="GB",
                courts={"Wolverhampton Crown Court"},
                article_places={"walsall"},
                events=_events("sentenced"),
            ),
            dict(
                name="Okafor",
                published="2023-07-20",
                country="GB",
                courts={"Wolverhampton Crown Court"},
                article_places={"walsall"},
                events=_events("sentenced"),
            ),
            "same",
            "names partial",
        ),
        (  # ... one thing in common only: doubtful
            dict(name="Emmanuel Okafor", published="2023-06-30", country="GB", article_places={"walsall"}),
            dict(name="Okafor", published="2024-03-12", country="GB", article_places={"walsall"}),
            "review",
            "places named: walsall",
        ),
        (  # ... a family name two people of the other article hold: which of them?
            dict(
                name="Heng Sambath",
                published="2023-03-01",
                co_defendants={"Heng Samnang"},
                courts={"Siem Reap Provincial Court"},
                article_places={"siem reap"},
            ),
            dict(
                name="Heng",
                published="2023-03-08",
                courts={"Siem Reap Provincial Court"},
                article_places={"siem reap"},
            ),
            "review",
            "Heng Sambath's article also names Heng Samnang",
        ),
        (  # a spelling variant of one brother's name when the other article names the other brother
            dict(
                name="Sovannak Meas",
                published="2024-02-08",
                country="KH",
                age=40,
                events=_events("appeal_decided"),
            ),
            dict(
                name="Meas Sovann",
                published="2022-10-11",
                country="KH",
                age=44,
                co_defendants={"Meas Sovannak"},
                events=_events("charged"),
            ),
            "different",
            "Meas Sovann's article also names Meas Sovannak",
        ),
        (  # ... with the court and the place in common too: kept for review, not merged
            dict(
                name="Meas Sovann",
                published="2023-06-20",
                country="KH",
                courts={"Kampot Provincial Court"},
                article_places={"kampot"},
                events=_events("sentenced"),
            ),
            dict(
                name="Meas Sovannak",
                published="2022-10-11",
                country="KH",
                courts={"Kampot Provincial Court"},
                article_places={"kampot"},
                co_defendants={"Meas Sovann"},
                events=_events("charged"),
            ),
            "review",
            "Meas Sovannak's article also names Meas Sovann",
        ),
    ],
)
def test_what_two_reports_have_in_common_beside_the_name(a, b, verdict, evidence):
    from cases.linking import compare_reports

    reports = []
    for rid, fields in (("r1", dict(a)), ("r2", dict(b))):
        age = fields.pop("age", None)
        reports.append(_report(rid, fields.pop("name"), fields.pop("published"), **fields))
        reports[-1].age = age
    link = compare_reports(*reports)
    assert link.verdict == verdict and any(e.startswith(evidence) for e in link.evidence), link.evidence


@pytest.mark.parametrize(
    "a, b, verdict, evidence",
    [
        (  # one name sentenced twice by one court two years apart, two terms: two prosecutions
            dict(
                name="Narong Sritong",
                published="2022-08-17",
                country="TH",
                courts={"Songkhla Provincial Court"},
                events=_events("sentenced"),
                sentence=_sentence(96, "Songkhla Provincial Court"),
            ),
            dict(
                name="Narong Sritong",
                published="2024-10-09",
                country="TH",
                courts={"Songkhla Provincial Court"},
                events=_events("sentenced"),
                sentence=_sentence(240, "Songkhla Provincial Court"),
            ),
            "review",
            "prison terms differ: 8 years / 20 years",
        ),
        (  # ... the same day, one verdict told two ways (20 years, halved for a confession)
            dict(
                name="Narong Sritong",
                published="2024-10-09",
                country="TH",
                courts={"Songkhla Provincial Court"},
                events=_events("sentenced"),
                sentence=_sentence(240, "Songkhla Provincial Court"),
            ),
            dict(
                name="Narong Sritong",
                published="2024-10-10",
                country="TH",
                courts={"Songkhla Provincial Court"},
                events=_events("sentenced"),
                sentence=_sentence(120, "Songkhla Provincial Court"),
            ),
            "same",
            "court: songkhla provincial court",
        ),
        (  # ... a release story's term, cut by a pardon, is no second verdict
            dict(
                name="Narong Sritong",
                published="2022-08-17",
                country="TH",
                courts={"Songkhla Provincial Court"},
                events=_events("sentenced"),
                sentence=_sentence(96, "Songkhla Provincial Court"),
            ),
            dict(
                name="Narong Sritong",
                published="2026-12-07",
                country="TH",
                article_places={"songkhla"},
                events=_events("released"),
                sentence=_sentence(60, None),
            ),
            "same",
            "court of the place: Songkhla Provincial Court",
        ),
        (  # an arrest story sixteen months after another arrest story of the name: a prosecution has one
            dict(
                name="Mohd Rizal Hassan",
                published="2022-03-08",
                country="MY",
                places={"Rantau Panjang"},
                events=_events("arrested"),
            ),
            dict(
                name="Mohd Rizal Hassan",
                published="2023-07-19",
                country="MY",
                places={"Rantau Panjang"},
                events=_events("arrested"),
            ),
            "review",
            "arrested twice: 2022-03 and 2023-07",
        ),
        (  # ... one arrest told by two papers a day apart
            dict(
                name="Mohd Rizal Hassan",
                published="2022-03-08",
                country="MY",
                places={"Rantau Panjang"},
                events=_events("arrested"),
            ),
            dict(
                name="Mohd Rizal Hassan",
                published="2022-03-09",
                country="MY",
                places={"Rantau Panjang"},
                events=_events("arrested"),
            ),
            "same",
            "place: rantau panjang",
        ),
        (  # an arrest sixteen months after a nine-year sentence, one calendar year later
            dict(
                name="Tran Van Quang",
                published="2023-05-10",
                country="VN",
                places={"Nghe An"},
                events=_events("sentenced"),
            ),
            dict(
                name="Tran Van Quang",
                published="2024-09-03",
                country="VN",
                places={"Nghe An"},
                events=_events("arrested"),
            ),
            "review",
            "stages go back",
        ),
        (  # a common name, one country, one year, each article with its own co-defendants
            dict(name="Li Qiang", published="2024-02-12", co_defendants={"Zhou Bin", "Huang Tao"}),
            dict(name="Li Qiang", published="2024-05-08", co_defendants={"Sok Rany", "Mao Sophal"}),
            "review",
            "co-defendants differ",
        ),
        (  # ... one article names no one else: nothing against the name
            dict(name="Li Qiang", published="2024-02-12", co_defendants={"Zhou Bin", "Huang Tao"}),
            dict(name="Li Qiang", published="2024-05-08"),
            "same",
            "names exact",
        ),
        (  # one verdict, the local paper and the wire the same day, the name spelt two ways, no place
            dict(
                name="Prasert Kongkaew",
                published="2024-04-19",
                country="TH",
                courts={"Lamphun Provincial Court"},
                article_places={"lamphun"},
                events=_events("sentenced"),
                sentence=_sentence(144, "Lamphun Provincial Court"),
            ),
            dict(
                name="Prasoet Kongkaew",
                published="2024-04-19",
                country="TH",
                article_places={"bangkok"},
                events=_events("sentenced"),
                sentence=_sentence(144, None),
            ),
            "same",
            "same sentence: 12 years, 0 days apart",
        ),
        (  # ... the same term a month later is no such evidence
            dict(
                name="Prasert Kongkaew",
                published="2024-04-19",
                country="TH",
                events=_events("sentenced"),
                sentence=_sentence(144, None),
            ),
            dict(
                name="Prasoet Kongkaew",
                published="2024-05-21",
                country="TH",
                events=_events("sentenced"),
                sentence=_sentence(144, None),
            ),
            "review",
            "names variant",
        ),
    ],
)
def test_what_tells_one_name_s_two_prosecutions_apart(a, b, verdict, evidence):
    from cases.linking import compare_reports

    link = compare_reports(
        *(_report(rid, f.pop("name"), f.pop("published"), **f) for rid, f in (("r1", dict(a)), ("r2", dict(b))))
    )
    assert link.verdict == verdict and any(e.startswith(evidence) for e in link.evidence), link.evidence


def test_a_case_s_country_does_not_depend_on_the_order_its_reports_come_in():
    """Two reports, two countries (an arrest in East Java, the verdict placed in Hong Kong): the
    earliest report's, in a night that reads them in one order and a rebuild in the other."""
    from cases.linking import case_record

    arrest = _report("r1", "Djoko Prasetyo", "2023-02-20", "ID")
    verdict = _report("r2", "Joko Prasetyo", "2023-09-12", "HK")
    assert case_record("c", [arrest, verdict])["country"] == "ID"
    assert case_record("c", [verdict, arrest])["country"] == "ID"


def test_a_night_keeps_the_counts_without_counting_the_tables(tmp_path):
    """A night's counts (cases, same links, links kept for review between two cases) are the
    stored ones plus what it changed, and equal the tables counted; a namesake kept for review
    stays in its own case, which the night does not regroup."""
    from cases.linking import _counts, link_new_reports
    from storage.cases import read_counts

    db = _archive(
        tmp_path,
        [
            ("a1", "2024-03-10", "Chhun Sokha", 41, "arrested"),
            ("a2", "2024-04-02", "Keo Dara", 30, "arrested"),
            ("a3", "2016-04-02", "Pich Sovann", None, "arrested"),
        ],
    )
    link_cases(db)
    assert read_counts(db) == _counts(db)
    rowid = dict(db.execute("select defendant, rowid from cases").fetchall())
    _add(
        db,
        [
            ("a4", "2024-05-20", "Chhun Sokha", 41, "charged"),  # joins
            ("a5", "2024-06-01", "Keo Dara", 62, "arrested"),  # ages do not fit: another case
            ("a6", "2024-06-01", "Pich Sovann", None, "arrested"),  # eight years on: kept for review
        ],
    )
    counts = link_new_reports(db)
    assert {k: counts[k] for k in ("cases", "links_same", "links_review")} == _counts(db) == read_counts(db)
    assert counts["cases"] == 5 and counts["links_same"] == 1 and counts["links_review"] == 1
    assert link_new_reports(db)["cases"] == 5  # nothing new: the stored counts
    stored = {rowid for (rowid,) in db.execute("select rowid from cases")}
    assert rowid["Keo Dara"] in stored  # the namesake's case: not rewritten
    review = db.execute("select case_id, other_case_id from case_links where verdict = 'review'").fetchall()
    assert len(review) == 1 and review[0][0] != review[0][1]
    doubtful = db.execute("select count(*) from cases where doubtful_links = 1").fetchone()[0]
    assert doubtful == 2  # both ends of the review link count it
    nightly = _snapshot(db)
    link_cases(db)
    assert _snapshot(db) == nightly

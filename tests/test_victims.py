"""No victim is ever named: not as a person, not as a defendant, not in any stored text.

`tests/data/victim_phrasings.toml` holds fictional phrasings that name victims (children,
survivors, rescued workers) in the styles of the region's press, UK and US court reports,
and phrasings where defendants stand next to victims. They go through the extractor, and
through a real crawl of a site on 127.0.0.1 and `process`, after which every text column of
every table, and every full-text index, is searched for each victim's name.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
import sqlite_utils

from nlp.redaction import PLACEHOLDER, withhold_victims
from testbed.database import names_found
from testbed.sitegen import article_page, article_text
from tests.conftest import run_pipeline

PHRASINGS = tomllib.loads((Path(__file__).parent / "data" / "victim_phrasings.toml").read_text("utf-8"))["phrasing"]
VICTIM_PHRASINGS = [p for p in PHRASINGS if p["victims"]]
# after each phrasing: a paragraph with no names and generated ones (testbed/sitegen.py), so
# every phrasing makes an on-topic article of a real length, no two alike
CONTEXT = (
    "Anti-trafficking groups say recruiters in the region target poor families with false "
    "promises of work abroad, and that human trafficking cases often take years to reach court. "
    "Police say brokers now find most of their victims through social media and messaging apps."
)


def _same(a: str, b: str) -> bool:
    return a == b or a in b or b in a


def test_the_set_is_large_and_varied():
    assert len(VICTIM_PHRASINGS) >= 30
    assert sum(len(p["victims"]) for p in VICTIM_PHRASINGS) >= 40


@pytest.mark.parametrize("phrasing", PHRASINGS, ids=[p["id"] for p in PHRASINGS])
def test_victims_are_marked_and_never_sentenced(nlp, phrasing):
    extraction = nlp(phrasing["text"])._.extraction
    persons = [e for e in extraction["entities"] if e["kind"] == "person"]
    for victim in phrasing["victims"]:
        exposed = [p["name"] for p in persons if _same(p["name"], victim) and p["role"] != "victim"]
        assert not exposed, f"{victim} would be stored as {exposed}"
        assert not [s for s in extraction["sentences"] if _same(s["defendant"], victim)]
    if "defendants" in phrasing:
        assert sorted({s["defendant"] for s in extraction["sentences"]}) == sorted(phrasing["defendants"])


def test_withholding_keeps_every_other_offset_on_its_words(nlp):
    text = next(p["text"] for p in PHRASINGS if p["id"] == "couple-after-two-girls")
    extraction = nlp(text)._.extraction
    new_text, kept, names = withhold_victims(text, extraction)
    assert set(names) >= {"Srey Neang", "Chan Sreyleak"}
    assert "Srey Neang" not in new_text and "Chan Sreyleak" not in new_text
    assert new_text.count(PLACEHOLDER) == 2
    assert [e["name"] for e in kept["entities"] if e["kind"] == "person"] == ["Heng Sopheap", "Ros Vanna"]
    for entity in kept["entities"]:
        for start, end, surface, sent_start, sent_end in entity["mentions"]:
            assert new_text[start:end] == surface
            assert sent_start <= start < end <= sent_end
    for record in kept["sentences"]:
        assert (
            new_text[record["start"] : record["end"]]
            == text[
                next(s for s in extraction["sentences"] if s["defendant"] == record["defendant"])["start"] : next(
                    s for s in extraction["sentences"] if s["defendant"] == record["defendant"]
                )["end"]
            ]
        )


def test_withholding_with_no_victim_changes_nothing(nlp):
    text = next(p["text"] for p in PHRASINGS if p["id"] == "defendant-who-sold-girls")
    extraction = nlp(text)._.extraction
    assert withhold_victims(text, extraction) == (text, extraction, [])


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """The phrasings as a news site (one article each, a victim's name in one title),
    crawled and processed through the command line."""
    from demo.server import TEMPLATE_ORIGIN, origin_of, serve_directory

    folder = tmp_path_factory.mktemp("victims")
    site = folder / "site"
    (site / "news").mkdir(parents=True)
    items = []
    for n, phrasing in enumerate(PHRASINGS):
        path = f"/news/2026/11/{phrasing['id']}"
        title = (
            f"Court jails couple who sold {phrasing['victims'][0]}"
            if n == 0
            else f"Trafficking case {n}: {phrasing['id'].replace('-', ' ')}"
        )
        published = f"2026-11-{1 + n % 28:02d}T08:00:00+07:00"
        (site / "news" / "2026" / "11").mkdir(parents=True, exist_ok=True)
        body = [phrasing["text"], CONTEXT, *article_text(1000 + n, sentences=6)]  # distinct, long enough
        page = article_page(title, body, url=TEMPLATE_ORIGIN + path, published=published)
        (site / f"{path.lstrip('/')}.html").write_text(page, encoding="utf-8")
        items.append(
            f"<item><title>{escape(title)}</title><link>{TEMPLATE_ORIGIN}{path}.html</link>"
            f"<pubDate>{published}</pubDate></item>"
        )
    (site / "feed.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test Post</title>'
        f"<link>{TEMPLATE_ORIGIN}/</link><description>News</description>{''.join(items)}</channel></rss>",
        encoding="utf-8",
    )
    server = serve_directory(site)
    origin = origin_of(server)
    sources = folder / "sources.toml"
    sources.write_text(
        f'[[source]]\nid = "test-post"\nname = "The Test Post"\nhomepage = "{origin}/"\n'
        f'start_urls = ["{origin}/feed.xml"]\nallowed_domains = ["127.0.0.1"]\n'
        f'article_pattern = "/news/"\nmax_articles = 200\n',
        encoding="utf-8",
    )
    db_path = folder / "victims.db"
    run_pipeline(
        "crawl",
        "--sources",
        str(sources),
        "--db",
        str(db_path),
        "--set",
        "DOWNLOAD_DELAY=0",
        "--set",
        "AUTOTHROTTLE_ENABLED=false",
    )
    run_pipeline("process", "--db", str(db_path))
    yield sqlite_utils.Database(db_path)
    server.shutdown()


def test_every_phrasing_was_stored_and_processed(crawled):
    assert crawled.execute("select count(*) from articles where processed_at is not null").fetchone()[0] == len(
        PHRASINGS
    )


def test_no_victim_name_in_any_table_or_search_index(crawled):
    names = sorted({v for p in VICTIM_PHRASINGS for v in p["victims"]})
    found = names_found(crawled, names)
    assert not found, found


def test_defendants_stay_and_the_text_says_a_name_was_withheld(crawled):
    db = crawled
    defendants = {row[0] for row in db.execute("select defendant from sentences")}
    assert {"Heng Sopheap", "Ros Vanna", "Somchai Kaewta", "Kim Sokun", "Tariq Hussain"} <= defendants
    text, title = db.execute("select text, title from articles where url like '%couple-after-two-girls%'").fetchone()
    assert text.count(PLACEHOLDER) == 2 and "Heng Sopheap" in text
    assert title == f"Court jails couple who sold {PLACEHOLDER}"
    context = db.execute(
        "select context from mentions m join entities e on e.id = m.entity_id where e.name = 'Kim Sokun'"
    ).fetchone()[0]
    assert PLACEHOLDER in context


def test_a_second_crawl_reextraction_and_reprocessing_keep_the_names_withheld(crawled):
    db_path = Path(crawled.conn.execute("pragma database_list").fetchone()[2])
    before = crawled.execute("select count(*) from articles").fetchone()[0]
    sources = db_path.parent / "sources.toml"
    run_pipeline(
        "crawl",
        "--sources",
        str(sources),
        "--db",
        str(db_path),
        "--set",
        "DOWNLOAD_DELAY=0",
        "--set",
        "AUTOTHROTTLE_ENABLED=false",
    )
    run_pipeline("parse", "--reextract", "--db", str(db_path))  # from the stored HTML, names and all
    run_pipeline("process", "--db", str(db_path), "--reprocess")
    db = sqlite_utils.Database(db_path)
    assert db.execute("select count(*) from articles").fetchone()[0] == before
    names = sorted({v for p in VICTIM_PHRASINGS for v in p["victims"]})
    for name in names:
        assert (
            db.execute(
                "select count(*) from articles where instr(text, ?) or instr(title, ?)", [name, name]
            ).fetchone()[0]
            == 0
        )


def test_a_victims_short_name_shared_with_a_defendant_leaves_the_defendant_whole():
    text = "Chan Sreyleak, 15, was rescued in Poipet. Police said Chan had been sold. Chan Vuthy, 40, was jailed."

    def person(name, role, *spans):
        return {
            "kind": "person",
            "name": name,
            "role": role,
            "canonical": None,
            "mentions": [[s, s + len(t), t, 0, len(text)] for s, t in spans],
        }

    extraction = {
        "entities": [
            person("Chan Sreyleak", "victim", (0, "Chan Sreyleak"), (text.index("Chan had"), "Chan")),
            person("Chan Vuthy", "defendant", (text.index("Chan Vuthy"), "Chan Vuthy")),
        ],
        "sentences": [],
        "warnings": [],
    }
    new_text, kept, names = withhold_victims(text, extraction)
    assert names == ["Chan Sreyleak"]
    assert new_text == (
        "[name withheld], 15, was rescued in Poipet. Police said [name withheld] had been sold. "
        "Chan Vuthy, 40, was jailed."
    )
    ((start, end, surface, _, _),) = kept["entities"][0]["mentions"]
    assert new_text[start:end] == surface == "Chan Vuthy"


@pytest.mark.parametrize(
    "text, name",
    [
        (
            '"Being invisible is what makes them easy to exploit," said Ms. Grace Wong, a UNICEF child protection '
            "officer in Kota Kinabalu.",
            "Grace Wong",
        ),
        (
            "Chhim Sothy, a girls' shelter director in Battambang, said the two survivors were now in school.",
            "Chhim Sothy",
        ),
        (
            "Lt. Gen. Huot Chanthol, who heads the Anti-Human Trafficking and Juvenile Protection Department, said a "
            "worker's sister reported that he was being beaten.",
            "Huot Chanthol",
        ),
        # an official in the first person, and the one among others arrested
        (
            '"We were forced to wait three days for the court order," said Police Colonel Sok Pheap, the Poipet '
            "police chief.",
            "Sok Pheap",
        ),
        ("Ros Dara was among five Cambodians arrested at the Poipet checkpoint on Friday.", "Ros Dara"),
    ],
)
def test_people_who_speak_of_victims_stay_named(nlp, text, name):
    persons = {e["name"]: e["role"] for e in nlp(text)._.extraction["entities"] if e["kind"] == "person"}
    assert name in persons and persons[name] != "victim", persons


@pytest.mark.parametrize(
    "text, relative, victim",
    [
        # a relative joined to the one arrested or charged shares that part
        (
            "Police arrested Ahmad Zaki Hassan, 41, and his brother Mohd Fairuz Ismail, 38, in Johor Bahru on Monday.",
            "Mohd Fairuz Ismail",
            False,
        ),
        (
            "Ahmad Zaki Hassan and his brother Mohd Fairuz Ismail were charged at the Johor Bahru Sessions Court "
            "with trafficking four Bangladeshi workers.",
            "Mohd Fairuz Ismail",
            False,
        ),
        # a family speaking for someone missing or held, and a relative rescued, stay victims
        (
            "Nguyen Thi Hoa said her son Tran Van Minh had answered an online job advertisement before he vanished "
            "in Myanmar.",
            "Tran Van Minh",
            True,
        ),
        ("A mother and her daughter Siti Aminah were rescued from the house in Batam.", "Siti Aminah", True),
    ],
)
def test_a_relative_is_a_victim_only_beside_a_victim(nlp, text, relative, victim):
    persons = {e["name"]: e["role"] for e in nlp(text)._.extraction["entities"] if e["kind"] == "person"}
    assert relative in persons, persons
    assert (persons[relative] == "victim") is victim, persons


@pytest.mark.parametrize(
    "text, victim",
    [
        # one of a group the text says was freed or brought home
        (
            "Eleven Filipino workers rescued from a scam compound in Sihanoukville were flown home on Sunday. "
            "Among them was Arnel Bautista, 31, a former call centre agent from Cebu.",
            "Arnel Bautista",
        ),
        (
            "Nine Cambodian fishermen were freed from a Thai trawler off Pattani on Monday. Sok Chea, 41, one of "
            "the nine, said the crew were beaten for resting.",
            "Sok Chea",
        ),
        (
            "Fourteen Indonesian workers were repatriated from a plantation in Sarawak. Another former worker, "
            "Rina Kusuma, said she was never shown a contract.",
            "Rina Kusuma",
        ),
        (
            "The trawler's crew had not been paid for three years, the DSI said. Another crewman, Aung Kyaw Moe, "
            "said he had not seen his children since 2020.",
            "Aung Kyaw Moe",
        ),
        (
            "Rosalie Mendoza, 34, spoke to reporters at the airport in Manila, where she landed with 22 other "
            "repatriated workers.",
            "Rosalie Mendoza",
        ),
        # the name others gave a girl the text describes
        (
            "The boy, whom officers called only Lwin, said he had been brought to Mae Sot by a man on a motorbike.",
            "Lwin",
        ),
        # made or forced to labour
        (
            "A farmer and his son made Lee Burrows work on their land for six years without pay, Leicester Crown "
            "Court heard.",
            "Lee Burrows",
        ),
        ("The couple forced Maria Gonzalez to clean their house in Houston for 14 hours a day.", "Maria Gonzalez"),
        # what was done to the speaker, told in the third person, and how the police found her
        (
            "Giving evidence from behind a screen, Nguyen Thi Bich, 24, said the defendant kept her passport and "
            "wages for a year.",
            "Nguyen Thi Bich",
        ),
        (
            "A Cambodian maid, Srey Touch, 29, was found with burns on her hands at a house in Petaling Jaya, "
            "police said.",
            "Srey Touch",
        ),
        (
            "\u201cI wanted to send money home,\u201d said Min Thu, 26, who spent seven months in a compound outside "
            "Myawaddy.",
            "Min Thu",
        ),
        # the worker the story is about, named in apposition after "the maid" or "fishermen such as"
        (
            "The Filipino domestic helper, Analyn Ramos, 33, was taken to hospital by neighbours in Ampang.",
            "Analyn Ramos",
        ),
        (
            "Deckhands such as Aung Ko Ko, 27, said the captain made them haul nets for 20 hours a day.",
            "Aung Ko Ko",
        ),
        # what was done to the person, said in an apposition or in the second of two verbs
        (
            "Heng Rithy, 41, a rice farmer who was lured to Malaysia with his brother, said he was never paid.",
            "Heng Rithy",
        ),
        (
            "The jury heard that Elena Dumitru was driven between flats in Slough and Reading and forced to work "
            "as a cleaner.",
            "Elena Dumitru",
        ),
        # the British courts' word for her, a list of victims, one of a group found together
        ("The complainant, Joanna Nowak, told the jury she was paid nothing for two years.", "Joanna Nowak"),
        ("The victims included Rowena Santos, 19, and Liza Bautista, 21, both from Iloilo.", "Liza Bautista"),
        ("Police found Chan Sreyroth and six other women in a locked room behind the spa.", "Chan Sreyroth"),
        # a worker or a returnee picked out of the group the story is about
        ("The worker, Yuliana Bere, 29, said her passport was taken from her at the airport.", "Yuliana Bere"),
        (
            "Forty Cambodians were handed back at the checkpoint. Among the group was Ros Sreymao, 20, from Takeo.",
            "Ros Sreymao",
        ),
        (
            "One of the men, Nicolae Stan, slept in a van. Another, Florin Ilie, said he was threatened with a knife.",
            "Florin Ilie",
        ),
        ("Among the victims were sisters Lanie and Joy Dizon, aged 9 and 12.", "Lanie Dizon"),
        (
            "Eight fishermen who escaped a trawler reached Ambon. Ko Ko Lwin, 31, one of the eight, said the captain "
            "beat them.",
            "Ko Ko Lwin",
        ),
        ("The girl, Vang Thi Mai, from Sa Pa, was lured to China by a woman she met online.", "Vang Thi Mai"),
        # a speaker in apposition telling what was done to her
        ("A second woman, Tamika Reed, testified that the defendant took her phone and beat her.", "Tamika Reed"),
    ],
)
def test_victims_the_press_picks_out_of_a_group_or_a_story(nlp, text, victim):
    persons = {e["name"]: e["role"] for e in nlp(text)._.extraction["entities"] if e["kind"] == "person"}
    assert persons.get(victim) == "victim", persons


@pytest.mark.parametrize(
    "text, name",
    [
        # one of a number of suspects, and staff telling what was done to someone else
        (
            "Seven suspects were arrested in the raid. Chan Dara, 38, one of the seven, was later charged with "
            "human trafficking.",
            "Chan Dara",
        ),
        (
            "Police spokesman Kim Sok said the broker kept his passport and wages for a year.",
            "Kim Sok",
        ),
        (
            "Sok Vanna, 45, who made the workers sleep in a shed, was jailed for eight years.",
            "Sok Vanna",
        ),
        # leaders are not workers, and a suspect detained "and forced" to hand over a phone stays a suspect
        ("Ministers such as Chan Sophal have promised to close the compounds.", "Chan Sophal"),
        ("The broker, Tran Van Phuc, was detained and forced to hand over his phone.", "Tran Van Phuc"),
        ("The maid agency owner, Lim Ah Seng, 58, was charged at the Sessions Court.", "Lim Ah Seng"),
        ("Police arrested Keo Rithy and two other men at a guesthouse in Poipet.", "Keo Rithy"),
        ("The social worker, Chan Sokunthea, said the girls were now safe at the shelter.", "Chan Sokunthea"),
        ("The suspect, Nguyen Van Long, was smuggled across the border by his associates.", "Nguyen Van Long"),
        ("Rohana binti Ali, 39, was acquitted by the High Court and was freed on Friday.", "Rohana binti Ali"),
    ],
)
def test_the_cues_leave_suspects_and_staff_named(nlp, text, name):
    persons = {e["name"]: e["role"] for e in nlp(text)._.extraction["entities"] if e["kind"] == "person"}
    assert name in persons and persons[name] != "victim", persons

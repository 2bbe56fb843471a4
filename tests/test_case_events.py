"""Case events: each named person's legal stage, on invented texts in real outlets' styles.

Each row is one pattern: the text, the article's date, and the events expected as
(person, stage, appeal outcome, date, date_source); "nothing" rows are traps that must
give no event at all (a prospect, a condition, a fee, an owner's name, a victim).
"""

import json

import pytest

from nlp.event_dates import find_dates, resolve
from nlp.extract import EVENT_FIELDS, doc_to_contract
from tests.conftest import run_pipeline


def events(nlp, text, published="2025-06-05"):
    return {
        (e["person"], e["stage"], e["outcome"], e["date"], e["date_source"])
        for e in doc_to_contract(nlp(text), published)["events"]
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # Khmer press: arrest by a named unit with a month, charge, trial "last month"
            "Sokha Chhun, 41, a marriage broker from Kampong Cham province, was arrested in March 2024 by the "
            "Anti-Human Trafficking and Juvenile Protection Department. He was charged with cross-border "
            "trafficking and stood trial last month.",
            {
                ("Sokha Chhun", "arrested", None, "2024-03", "text"),
                ("Sokha Chhun", "charged", None, "2025-06-05", "article"),
                ("Sokha Chhun", "on_trial", None, "2025-05", "text"),
            },
        ),
        (  # a description arrested, named as the next sentence's subject (Khmer / Vietnamese press)
            "Police in Tbong Khmum province have arrested a woman for selling two girls to a brothel in Thailand. "
            "Khat Sreyleak, 36, of Memot district, promised the girls jobs in a restaurant, police said.",
            {("Khat Sreyleak", "arrested", None, "2025-06-05", "article")},
        ),
        (  # a counted description ("Three men"), remanded: "sent to pre-trial detention" follows a charge
            "Three men arrested in a raid on a casino in Bavet have been sent to pre-trial detention. "
            "Chinese national Zhou Ming, 33, and guards Phan Rotha and Keo Vichet were charged with confinement.",
            {
                ("Zhou Ming", "arrested", None, "2025-06-05", "article"),
                ("Phan Rotha", "arrested", None, "2025-06-05", "article"),
                ("Keo Vichet", "arrested", None, "2025-06-05", "article"),
                ("Zhou Ming", "charged", None, "2025-06-05", "article"),
                ("Phan Rotha", "charged", None, "2025-06-05", "article"),
                ("Keo Vichet", "charged", None, "2025-06-05", "article"),
            },
        ),
        (  # a family described before its members are named ("two brothers", "three sisters")
            "Police in Kampot have arrested three sisters for selling girls to a brothel in Thailand. "
            "Chea Srey, 30, Chea Mony, 28, and Chea Lina, 25, ran a karaoke bar in Kampot town, police said.",
            {
                ("Chea Srey", "arrested", None, "2025-06-05", "article"),
                ("Chea Mony", "arrested", None, "2025-06-05", "article"),
                ("Chea Lina", "arrested", None, "2025-06-05", "article"),
            },
        ),
        (  # a Malay "binti" the parser takes for the next sentence's head: the verb after the names
            "KLANG: A couple were charged in the Sessions Court here with trafficking 16 Indonesian women for forced "
            "labour. Nurul Huda binti Kamaruddin, 35, and her husband Mohd Faizal Ismail, 41, claimed trial to the "
            "charges under ATIPSOM.",
            {
                ("Nurul Huda binti Kamaruddin", "charged", None, "2025-06-05", "article"),
                ("Mohd Faizal Ismail", "charged", None, "2025-06-05", "article"),
            },
        ),
        (  # the next sentence's subject is an official, not the one the description introduced
            "Police arrested a man in Poipet on Sunday. Police chief Sin Saroeun said the case was under "
            "investigation.",
            set(),
        ),
        (  # a thing released, not a person: the next sentence's subject is no one it introduced
            "A video showing the raid on the compound was released on Monday. Sok Chea, 30, who filmed it, said "
            "he feared for his safety.",
            set(),
        ),
        (  # "the man" points back to someone named before: not an introduction
            "Officers arrested the man in Kampot. Lim Chhay, a local official, said he had fled before.",
            set(),
        ),
        (  # "detained along with", "walked free", "the indictment against"
            "Wang Lei, 35, was detained along with a guard, Nhem Dara, 26. A week later Wang Lei walked free. "
            "A federal grand jury returned the indictment against Roberto Salas on Friday.",
            {
                ("Wang Lei", "arrested", None, "2025-06-05", "article"),
                ("Nhem Dara", "arrested", None, "2025-06-05", "article"),
                ("Wang Lei", "released", None, "2025-06-05", "article"),
                ("Roberto Salas", "charged", None, "2025-05-30", "text"),
            },
        ),
        (  # Philippine names keep "Ma." ("Maria"), the judge keeps her title and is no defendant
            "A regional trial court has sentenced a woman to life imprisonment for trafficking. Judge Ma. Elena "
            "Reyes of the Regional Trial Court Branch 43 found Ma. Luisa Ramos, 38, guilty of qualified trafficking.",
            {
                ("Ma. Luisa Ramos", "sentenced", None, "2025-06-05", "article"),
                ("Ma. Luisa Ramos", "convicted", None, "2025-06-05", "article"),
            },
        ),
        (  # active voice: the police unit is the subject, the person the object; a weekday
            "Officers from the Koh Kong Provincial Police arrested Deng Ming, 38, on Tuesday at a resort near the "
            "border.",
            {("Deng Ming", "arrested", None, "2025-06-03", "text")},
        ),
        (  # US Attorney's Office: plea, then the sentence from the sentence extractor
            "Maria Salinas, 52, of Valdosta, pleaded guilty in January 2025 to forced labor conspiracy. On June 2, "
            "U.S. District Judge Hugh Lawson sentenced Salinas to 120 months in federal prison.",
            {
                ("Maria Salinas", "convicted", None, "2025-01", "text"),
                ("Maria Salinas", "sentenced", None, "2025-06-02", "text"),
            },
        ),
        (  # found guilty / found not guilty in one story
            "The Criminal Court found Somchai Wongsakul guilty of trafficking on 12 May 2025, but found his driver, "
            "Narong Pimpa, not guilty.",
            {
                ("Somchai Wongsakul", "convicted", None, "2025-05-12", "text"),
                ("Narong Pimpa", "acquitted", None, "2025-06-05", "article"),
            },
        ),
        (  # acquittal and release, passive
            "Norhayati binti Sulaiman, 41, was acquitted by the Sessions Court and was freed on Monday.",
            {
                ("Norhayati binti Sulaiman", "acquitted", None, "2025-06-05", "article"),
                ("Norhayati binti Sulaiman", "released", None, "2025-06-02", "text"),
            },
        ),
        (  # appeals: filed, upheld (possessive owner, passive), reduced (on appeal)
            "Tep Vuthy filed an appeal in 2023. The Supreme Court upheld Vuthy's conviction on 4 March 2025, "
            "while the Appeal Court reduced the sentence of his co-defendant Ly Sokunthea to eight years.",
            {
                ("Tep Vuthy", "appeal_filed", None, "2023", "text"),
                ("Tep Vuthy", "appeal_decided", "upheld", "2025-03-04", "text"),
                ("Ly Sokunthea", "appeal_decided", "reduced", "2025-06-05", "article"),
            },
        ),
        (  # quashed on appeal, passive with a possessive pronoun resolved to the person
            "Ahmad Faizal bin Osman, 45, had been jailed for 10 years in 2022. Last month his conviction was "
            "quashed by the Court of Appeal.",
            {
                ("Ahmad Faizal bin Osman", "sentenced", None, "2022", "text"),
                ("Ahmad Faizal bin Osman", "appeal_decided", "overturned", "2025-05", "text"),
            },
        ),
        (  # deported; "taken into custody"; a pronoun that resolves to the person before it
            "Wang Lei, 34, was taken into custody at Phnom Penh International Airport on 3 June. He was deported "
            "to China yesterday.",
            {
                ("Wang Lei", "arrested", None, "2025-06-03", "text"),
                ("Wang Lei", "deported", None, "2025-06-04", "text"),
            },
        ),
        (  # "after being arrested": the subject of the clause it modifies
            "Hoang Van Thinh confessed after being arrested at a rest stop in Nghe An province.",
            {("Hoang Van Thinh", "arrested", None, "2025-06-05", "article")},
        ),
        (  # an appeal decision on "the term of his manager, X": the person the description names
            "The Appeal Court Region 5 has upheld the 15-year prison sentence of Somchai Wongsakul. The court "
            "reduced the term of his manager, Nattaya Boonmee, to three years.",
            {
                ("Somchai Wongsakul", "appeal_decided", "upheld", "2025-06-05", "article"),
                ("Nattaya Boonmee", "appeal_decided", "reduced", "2025-06-05", "article"),
            },
        ),
        (  # "found X, 40, and Y, 45, guilty": the parser hangs "guilty" on the last of the two
            "Presiding judge Tep Sothy found Ouk Sreymao, 40, and Kim Vuthy, 45, guilty of cross-border human "
            "trafficking.",
            {
                ("Ouk Sreymao", "convicted", None, "2025-06-05", "article"),
                ("Kim Vuthy", "convicted", None, "2025-06-05", "article"),
            },
        ),
        (  # "the trial of X began" and a court in the sentence
            "The trial of Rudy Tambunan opened at the Medan District Court on Thursday.",
            {("Rudy Tambunan", "on_trial", None, "2025-06-05", "text")},
        ),
        (  # an inverted passive (Philippine press): "Arrested were A, her nephew B, and a cashier, C"
            "Police raided a massage parlour in Dumaguete City and arrested six people. Arrested were Liza Manalo, "
            "44, her nephew Ramon Salcedo, 27, and a cashier, Gina Tolentino, 31.",
            {
                ("Liza Manalo", "arrested", None, "2025-06-05", "article"),
                ("Ramon Salcedo", "arrested", None, "2025-06-05", "article"),
                ("Gina Tolentino", "arrested", None, "2025-06-05", "article"),
            },
        ),
        (  # charges filed "against" them after the offences named ("of trafficking in persons and ...")
            "Prosecutors have filed charges of trafficking in persons and child abuse against Ernesto Villamor and "
            "Cynthia Ramos before the Iloilo City Regional Trial Court.",
            {
                ("Ernesto Villamor", "charged", None, "2025-06-05", "article"),
                ("Cynthia Ramos", "charged", None, "2025-06-05", "article"),
            },
        ),
        (  # bail refused is no release
            "Ong Kah Seng and Lee Boon Huat were charged at the Sessions Court and claimed trial. The court refused "
            "them bail.",
            {
                ("Ong Kah Seng", "charged", None, "2025-06-05", "article"),
                ("Lee Boon Huat", "charged", None, "2025-06-05", "article"),
            },
        ),
        (  # a plural role in the description ("its owner and two accomplices"), named in the next sentence
            "Police boarded a trawler and arrested its owner and two accomplices at a pier in Samut Sakhon. Prasit "
            "Jaidee, 49, Anan Sukprasert, 38, and Wirat Chaiyo, 40, were taken to the provincial police station.",
            {
                ("Prasit Jaidee", "arrested", None, "2025-06-05", "article"),
                ("Anan Sukprasert", "arrested", None, "2025-06-05", "article"),
                ("Wirat Chaiyo", "arrested", None, "2025-06-05", "article"),
            },
        ),
        (  # an appeal court that refused to cut a term, or declined to reduce it, upheld it
            "Somsak Boonmee, 50, was jailed for nine years in 2023. The Court of Appeal refused to cut "
            "Boonmee's sentence. The High Court declined to reduce the 12-year sentence of Lek Chaiyo.",
            {
                ("Somsak Boonmee", "sentenced", None, "2023", "text"),
                ("Somsak Boonmee", "appeal_decided", "upheld", "2025-06-05", "article"),
                ("Lek Chaiyo", "appeal_decided", "upheld", "2025-06-05", "article"),
            },
        ),
        (  # an operator described, named as the next sentence's subject
            "A recruitment agency operator was charged in the Magistrate's Court with trafficking 12 Bangladeshi "
            "men. Rahim Uddin, 52, claimed trial.",
            {("Rahim Uddin", "charged", None, "2025-06-05", "article")},
        ),
    ],
)
def test_stage_patterns(nlp, text, expected):
    assert events(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "If convicted, Sok Rotha and Heng Dara could each be jailed for up to 15 years.",  # a condition
        "Prosecutors said Montell Figgins is going to be indicted next week.",  # a prospect
        "Chan Dara's lawyer said he would appeal the verdict.",  # an intention (modal)
        "Chan Dara plans to appeal.",  # an intention
        "Lim Sokha will be charged on Monday.",  # to come
        "Chea Sophal has not been charged.",  # negated
        "Investigators said Maria Salinas charged each worker $300 for housing.",  # a fee
        "Taylor Swift's first six albums were released through Big Machine.",  # an owner's name
        "The judge dismissed the prosecution's appeal against the acquittal of Lee Jun Wei, 31.",  # not his appeal
        "Police arrested a 57-year-old man suspected of killing Fritz Eckart von Weizsacker.",  # not the victim
        "The ministry released a statement on Tuesday naming Ith Samheng as its spokesman.",  # a statement
        "Meas Vanna appealed to the public for information about the missing women.",  # not a court appeal
        # "the" further down the phrase does not make "suspect" point back to the man killed
        "Heng Dara, a doctor, was stabbed to death on Monday. Police arrested a 57-year-old man suspect of "
        "committing the killing.",
    ],
)
def test_no_event(nlp, text):
    assert events(nlp, text) == set()


def test_victims_have_no_events(nlp):
    text = (
        "The victim, Srey Leak, 16, was rescued and released to her family on Monday. The broker, Chan Dara, "
        "was arrested the same day."
    )
    people = {person for person, *_ in events(nlp, text)}
    assert people == {"Chan Dara"}


def test_roles_from_the_iom_vocabulary(nlp):
    text = (
        "Police arrested Chan Dara, a 35-year-old recruiter, and Lim Sokha, who drove the women to the border, "
        "and the karaoke owner Pov Rina. Broker Hem Sopheak was charged with trafficking."
    )
    found = doc_to_contract(nlp(text))["events"]
    roles = {e["person"]: e["role"] for e in found}
    assert roles == {
        "Chan Dara": "recruiter",
        "Lim Sokha": "transporter",
        "Pov Rina": "exploiter",
        "Hem Sopheak": "broker",
    }


def test_event_fields_and_evidence(nlp):
    text = (
        "PHNOM PENH — The Phnom Penh Municipal Court on Tuesday sentenced Chhun Sokha, 41, to 12 years in prison "
        "for trafficking three women to China."
    )
    (event,) = doc_to_contract(nlp(text), "2025-06-05")["events"]
    assert tuple(event) == EVENT_FIELDS
    assert event["court"] == "Phnom Penh Municipal Court" and event["place"] == "Phnom Penh"
    assert event["date"] == "2025-06-03" and event["date_source"] == "text"
    assert event["text"].startswith("PHNOM PENH — The Phnom Penh Municipal Court on Tuesday sentenced")


def test_without_the_articles_date_relative_dates_are_unknown(nlp):
    text = "Deng Ming was arrested on Tuesday. He was charged on 4 March 2025."
    assert events(nlp, text, published=None) == {
        ("Deng Ming", "arrested", None, None, None),
        ("Deng Ming", "charged", None, "2025-03-04", "text"),
    }


@pytest.mark.parametrize(
    "expression, published, expected",
    [
        ("on 3 March 2025", None, "2025-03-03"),
        ("March 3, 2025", None, "2025-03-03"),
        ("on March 3", "2025-06-05", "2025-03-03"),
        ("on December 28", "2025-01-04", "2024-12-28"),  # late in the year before
        ("in March 2024", None, "2024-03"),
        ("in 2019", None, "2019"),
        ("In September", "2025-11-02", "2025-09"),  # at the start of a sentence
        ("in March last year", "2025-06-05", "2024-03"),
        ("on Tuesday", "2025-06-05", "2025-06-03"),  # a Thursday article
        ("on Thursday", "2025-06-05", "2025-06-05"),
        ("last Thursday", "2025-06-05", "2025-05-29"),
        ("yesterday", "2025-03-01", "2025-02-28"),
        ("last month", "2025-01-15", "2024-12"),
        ("last year", "2025-01-15", "2024"),
        ("last week", "2025-01-15", None),  # names no day
        ("on Tuesday", None, None),
        ("on 31 February 2025", None, None),
    ],
)
def test_date_resolution(expression, published, expected):
    assert resolve(expression, published) == expected


def test_dates_found_are_dates_not_terms_or_counts():
    text = "jailed for 12 years in 2019, after 2,000 people in 12 May protests; 15 years later"
    assert [expression for _, _, expression in find_dates(text)] == ["in 2019", "12 May"]


def test_extract_dates_events_against_the_date_given(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Deng Ming, 38, was arrested on Tuesday by the Koh Kong Provincial Police.\n", encoding="utf-8")
    out = run_pipeline("extract", "--date", "2025-06-05", str(path)).stdout
    (line,) = out.splitlines()
    (event,) = json.loads(line)["events"]
    assert (event["person"], event["stage"], event["date"], event["date_source"]) == (
        "Deng Ming",
        "arrested",
        "2025-06-03",
        "text",
    )
    assert event["court"] == "Koh Kong Provincial Police"
    bad = run_pipeline("extract", "--date", "5 June", str(path), check=False)
    assert bad.returncode == 2 and "not a date" in bad.stderr

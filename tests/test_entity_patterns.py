"""Patterns real articles use that the entity rules must handle (issue: extraction on real
articles, part 3). Every text is invented; each test asserts on the real pipeline's output."""

from __future__ import annotations

import json

import pytest

from nlp.extract import doc_to_contract
from nlp.names import person_name


def extract(nlp, text: str) -> dict:
    return doc_to_contract(nlp(text))


def persons(out) -> set[str]:
    return {p["name"] for p in out["persons"]}


def agencies(out) -> set[str]:
    return {a["name"] for a in out["agencies"]}


def places(out) -> set[str]:
    return {p["name"] for p in out["places"]}


@pytest.mark.parametrize(
    "written, title, name",
    [
        ("Labour Minister Ith Samheng", "Labour Minister", "Ith Samheng"),
        ("Country Director Jane Hollis", "Country Director", "Jane Hollis"),
        ("Regional Director Marco Ruiz", "Regional Director", "Marco Ruiz"),
        ("Deputy Governor Sok Lou", "Deputy Governor", "Sok Lou"),
        ("Lt Col Somchai Wongsakul", "Lt Col", "Somchai Wongsakul"),
        ("Pol Maj Gen Surasak Kongkaew", "Pol Maj Gen", "Surasak Kongkaew"),
        ("Brig-Gen Arnel Santos", "Brig-Gen", "Arnel Santos"),
        ("Datuk Seri Ahmad Faizal", "Datuk Seri", "Ahmad Faizal"),
        ("Tan Sri Lim Kok Wing", "Tan Sri", "Lim Kok Wing"),
        ("Salesian Father Albeiro Vasquez", "Salesian Father", "Albeiro Vasquez"),
        ("Venerable Loun Sovath", "Venerable", "Loun Sovath"),
        ("U Tin Win", "U", "Tin Win"),
        ("Daw Khin Sandar", "Daw", "Khin Sandar"),
        ("Attorneys Dana Whitlow", "Attorneys", "Dana Whitlow"),
        ("Australian Timothy Hale", "Australian", "Timothy Hale"),
        ("Drivers Sok Pisey", "Drivers", "Sok Pisey"),
        ("Recruiter Ek Sophal", "Recruiter", "Ek Sophal"),
        ("Defendants Sutrisno", "Defendants", "Sutrisno"),
        # Malay courtesy titles: "Tuan" only before a Malay name, "Hajji"/"Hj", engineer "Ir"
        ("Tuan Mohd Azlan bin Yusof", "Tuan", "Mohd Azlan bin Yusof"),
        ("Tuan Ahmad Zaki Hassan", "Tuan", "Ahmad Zaki Hassan"),
        ("Hajji Salleh Omar", "Hajji", "Salleh Omar"),
        ("Hj Kamarudin Said", "Hj", "Kamarudin Said"),
        ("Datuk Ir Faizal bin Hashim", "Datuk Ir", "Faizal bin Hashim"),
        # Malaysian police ranks as the press abbreviates them
        ("Asst Comm Mohd Azam Ismail", "Asst Comm", "Mohd Azam Ismail"),
        ("Senior Asst Comm Lee Chong Wei", "Senior Asst Comm", "Lee Chong Wei"),
        ("ACP Razali Mohd Noor", "ACP", "Razali Mohd Noor"),
        ("Supt Kamal Arifin", "Supt", "Kamal Arifin"),
    ],
)
def test_a_post_before_a_name_goes_to_the_title(written, title, name):
    assert person_name(written) == (title, name)


@pytest.mark.parametrize(
    "name",
    [
        "Tan Wei Ming",
        "Sri Wahyuni",
        "John Major",
        "Ou Sokhom",
        "Y Chhean",
        "Ko Aung",
        "Tun Tun Lwin",
        "Nyi Nyi Aung",
        "Tuan Anh Nguyen",  # Vietnamese "Tuan" is a given name, not the Malay title
        "Nguyen Tuan Kiet",
        "Le Van Tuan",
    ],
)
def test_names_that_look_like_titles_stay_whole(name):
    assert person_name(name) == (None, name)


def test_titles_in_an_article(nlp):
    out = extract(
        nlp,
        "PHNOM PENH - Labour Minister Ith Samheng and Country Director Jane Hollis of the "
        "International Labour Organization visited a garment factory on Monday. Pol Maj Gen "
        "Surasak Kongkaew told reporters in Bangkok that the case was closed.",
    )
    assert {"Ith Samheng", "Jane Hollis", "Surasak Kongkaew"} <= persons(out)
    assert not any(n.startswith(("Labour", "Country", "Pol")) for n in persons(out))
    titles = {p["name"]: p["title"] for p in out["persons"]}
    assert titles["Ith Samheng"] == "Labour Minister"


def test_south_east_asian_names_are_kept_whole(nlp):
    out = extract(
        nlp,
        "Ou Sokhom, 41, and Y Chhean, 38, were charged with human trafficking by the "
        "Kampong Cham Provincial Court. In Malaysia, Nur Aisyah binti Hamzah, 34, was charged "
        "at the Muar Sessions Court.",
    )
    assert {"Ou Sokhom", "Y Chhean", "Nur Aisyah binti Hamzah"} <= persons(out)
    assert "Sokhom" not in persons(out) and "Hamzah" not in agencies(out)
    assert "Muar Sessions Court" in agencies(out)


@pytest.mark.parametrize(
    "text, name",
    [
        # the parser ends a sentence after the Vietnamese middle name
        ("Dinh Van Quang received 20 years, Lo Van Thai 16 years and Cam Thi Nga 12 years.", "Cam Thi Nga"),
        # written with diacritics, the family name is read as a verb
        (
            "Nguy\u1ec5n V\u0103n H\u00f9ng, 35, the ring leader, was sentenced to 12 years.",
            "Nguy\u1ec5n V\u0103n H\u00f9ng",
        ),
        # Burmese "U", then a name part that is an English stop word
        ("A broker, U Than Htike, received 10 years.", "Than Htike"),
        # after a Burmese honorific, "Tun" opens the name (it is Malaysia's title only in a Malay name)
        ("The broker, U Tun Lwin, could not be reached for comment.", "Tun Lwin"),
        ("Police arrested Ko Tun Naing in Myawaddy on Friday.", "Tun Naing"),
        ("Former prime minister Tun Mahathir Mohamad said the law was too weak.", "Mahathir Mohamad"),
        # the model calls the name a work of art or a product; the age makes a person
        ("The judge meted out the sentence on Mohd Zaki Ismail, 42, after he pleaded guilty.", "Mohd Zaki Ismail"),
        ("Demetrius Cole, 34, pleaded guilty in May.", "Demetrius Cole"),
        # an initial before a Malaysian Indian name, Balinese "I", a Filipino particle, a single name
        ("Judge Azman Ahmad ordered M. Saravanan, 46, to serve the jail term.", "M. Saravanan"),
        ("The agency director, I Made Suardana, received five years.", "I Made Suardana"),
        ("Another accused, Mark Anthony dela Cruz, was sentenced to 20 years.", "Mark Anthony dela Cruz"),
        ("Police arrested Yohanes Manek, 38, and Rusdi, 33, a boat operator, on Monday.", "Rusdi"),
        # a given name that is also a known place ("Rizal"), before "bin"
        ("Mohd Rizal bin Abdul Rahman, 38, was jailed for five years.", "Mohd Rizal bin Abdul Rahman"),
    ],
)
def test_names_the_model_or_the_parser_cuts_are_whole(nlp, text, name):
    assert name in persons(extract(nlp, text))


def test_a_one_letter_family_name_in_a_list_of_ages(nlp):
    # "Sarom" alone is tagged a place; the age after it and "Y" before it make the person
    out = extract(nlp, "Recruiters Ek Sophal, 41, Y Sarom, 33, and Un Chenda, 27, were sentenced to seven years.")
    assert {"Ek Sophal", "Y Sarom", "Un Chenda"} <= persons(out)
    assert "Sarom" not in persons(out)


def test_junk_is_no_entity(nlp):
    out = extract(
        nlp,
        "Scam Boss Jailed\n\nPolice raided a bar on Sukhumvit Soi 11 and a shop on Jalan "
        "Dunlop. Meanwhile, Survivors said the Tier 2 Watch List matters. The report on OSEC "
        "was shared on Facebook.",
    )
    names = persons(out) | agencies(out) | places(out)
    for junk in (
        "Scam Boss Jailed",
        "Sukhumvit Soi 11",
        "Jalan Dunlop",
        "Meanwhile",
        "Survivors",
        "Tier 2 Watch List",
        "OSEC",
    ):
        assert junk not in names


def test_agency_names_with_and_and_commas_are_whole(nlp):
    out = extract(
        nlp,
        "The Ministry of Labour and Vocational Training and the Ministry of Women, Family and "
        "Community Development signed the agreement. The Ministry of Social Affairs, Veterans, "
        "and Youth Rehabilitation runs the shelter.",
    )
    assert {
        "Ministry of Labour and Vocational Training",
        "Ministry of Women, Family and Community Development",
        "Ministry of Social Affairs, Veterans, and Youth Rehabilitation",
    } <= agencies(out)
    assert not {"Youth Rehabilitation", "Veterans", "Community Development"} & agencies(out)


def test_full_official_names_and_acronyms_as_written(nlp):
    out = extract(
        nlp,
        "The Attorney General's Office (AGO) and the National Task Force to Combat Trafficking "
        "in Persons met the Anti-Trafficking in Persons Division of the\nRoyal Thai Police. "
        "Later the ILO said the ILO would help. The Dobo District Court heard the case.",
    )
    found = agencies(out)
    assert {
        "Attorney General's Office",
        "National Task Force to Combat Trafficking in Persons",
        "Dobo District Court",
        "ILO",
    } <= found
    assert not any(name.endswith((" of the", " of")) for name in found)
    assert "General's Office" not in found and "District Court" not in found


def test_laws_plans_and_programmes_are_not_agencies(nlp):
    out = extract(
        nlp,
        "The Government adopted the National Action Plan and the Family Hope Program, and the "
        "Labor Force Survey showed progress on the Elimination of the Worst Forms of Child Labor.",
    )
    assert not agencies(out) & {
        "Government",
        "National Action Plan",
        "Family Hope Program",
        "Labor Force Survey",
        "Elimination of the Worst Forms of Child Labor",
    }


def test_places_the_gazetteer_lacks(nlp):
    out = extract(
        nlp,
        "The workers came from Sangkat Chom Chao in Phnom Penh and were taken to a farm in "
        "Sre Ambel district. Others were found near Chau Doc.",
    )
    assert {"Chom Chao", "Sre Ambel", "Chau Doc"} <= places(out)
    assert not persons(out) & {"Sre Ambel", "Chau Doc", "Chom Chao"}


def test_one_word_guesses_need_a_persons_context(nlp):
    out = extract(
        nlp,
        "The Bill was passed in Kendari. Respond teams met. Davis Cup Finals begin soon.\n"
        '"We will appeal," Mr. Sokha said.',
    )
    assert persons(out) & {"Bill", "Kendari", "Respond", "Davis Cup Finals"} == set()
    assert "Sokha" in persons(out)


def test_khmer_short_family_names_the_tokenizer_or_the_model_would_lose(nlp):
    """ "Im" is an English tokenizer exception (as "I'm"); "Un" is not the UN."""
    out = extract(
        nlp, "Un Rithy and Im Sophorn, both 30, were charged. Police said Im Vannak, 41, recruited the women."
    )
    assert {"Un Rithy", "Im Sophorn", "Im Vannak"} <= persons(out)
    assert "Un Rithy" not in agencies(out) and "Vannak" not in persons(out)


def test_malay_names_with_bin_and_binti_and_honorifics(nlp):
    out = extract(nlp, "Police arrested Norhayati binti Sulaiman, 45, and Datin Seri Rohani binti Kassim in Johor.")
    assert {"Norhayati binti Sulaiman", "Rohani binti Kassim"} <= persons(out)
    assert not persons(out) & {"Sulaiman", "Seri", "Seri Rohani binti Kassim"}


def test_philippine_abbreviations_ma_sta_sto_stay_in_the_name(nlp):
    """ "Ma." (Maria) and "Sta."/"Sto." (Santa/Santo) keep their full stop: no sentence ends
    there, the judge keeps her title and the town its first word."""
    out = extract(
        nlp,
        "Judge Ma. Corazon Villanueva of the regional trial court in Sta. Rosa, Laguna, convicted Ma. Cristina "
        "Dela Paz, 44, of qualified trafficking. She was arrested in Sto. Tomas, Batangas, in 2022.",
    )
    assert {"Ma. Corazon Villanueva", "Ma. Cristina Dela Paz"} <= persons(out)
    assert {"Sta. Rosa", "Sto. Tomas"} <= places(out)
    assert not {"Rosa", "Tomas", "Corazon Villanueva"} & (persons(out) | places(out))
    judge = next(p for p in out["persons"] if p["name"] == "Ma. Corazon Villanueva")
    assert judge["title"] == "Judge"


def test_posts_venues_and_temples_are_not_people_or_places(nlp):
    out = extract(
        nlp,
        "The Karaoke Boss was held at Wat Bo in Siem Reap, and the Golden Lotus Hotel on "
        "Walking Street was closed. Sub-Lt said nothing.",
    )
    names = persons(out) | places(out) | agencies(out)
    assert not names & {"Karaoke Boss", "Wat Bo", "Golden Lotus Hotel", "Walking Street", "Sub-Lt"}
    assert "Siem Reap" in places(out)


def test_footnote_markers_and_events_are_cut_or_dropped(nlp):
    out = extract(
        nlp,
        "Shelters opened in West Java.(39) The Attorney General's Office (AGO) met at the "
        "Davis Cup Finals and the ATP Finals.",
    )
    assert "West Java" in places(out)
    assert not agencies(out) & {"Davis Cup Finals", "ATP Finals"}


def test_place_names_used_as_family_names_and_adjectival_countries(nlp):
    out = extract(
        nlp,
        "Arnel Baguio, 41, and Prasert Chaiyaphum, 38, were arrested. Chong Kah Wai, 52, was "
        "charged. U.S. citizens were told to leave. He was born in Baguio and lives in "
        "Chaiyaphum province.",
    )
    assert {"Arnel Baguio", "Prasert Chaiyaphum", "Chong Kah Wai"} <= persons(out)
    assert {"Baguio", "Chaiyaphum"} <= places(out) and "U.S." not in places(out)


def test_villages_and_communes_the_gazetteer_lacks_are_one_place(nlp):
    out = extract(
        nlp,
        "The girls came from Trapeang Thma village in Banteay Meanchey. Police in Muong Xen "
        "commune and Nam Can district raided a house.",
    )
    assert {"Trapeang Thma", "Muong Xen", "Nam Can"} <= places(out)
    assert not places(out) & {"Trapeang", "Thma", "Muong", "Xen"}


def test_name_runs_stop_at_datelines_headlines_and_line_breaks(nlp):
    out = extract(
        nlp,
        "Chinese Co-Accused Freed\n\nMEDAN - The Medan District Court jailed Rusdi, 40. HA NOI - The "
        "High People's Court upheld it, as did the U.S. Attorney's Office for the District of New "
        "Jersey.",
    )
    found = agencies(out)
    assert {
        "Medan District Court",
        "High People's Court",
        "U.S. Attorney's Office for the District of New Jersey",
    } <= found
    assert not any(name.startswith(("Medan -", "HA NOI", "Chinese")) for name in found)


def test_ranks_one_letter_family_names_and_korean_surnames(nlp):
    out = extract(
        nlp,
        "Y Sokunthea, 33, and Sen Dina, 29, were charged. Pol Col Anusorn Phetcharat said "
        "Kevin Park was held at Clark Air Base near Fort Lee.",
    )
    assert {"Y Sokunthea", "Sen Dina", "Anusorn Phetcharat", "Kevin Park"} <= persons(out)
    assert not persons(out) & {"Sokunthea", "Dina", "Clark Air Base", "Fort Lee"}
    assert "Pol Col Anusorn Phetcharat" not in agencies(out)


def test_co_prosecutors_keep_their_middle_initials_and_the_office_its_district(nlp):
    out = extract(
        nlp,
        "The case was prosecuted by Assistant U.S. Attorneys Dana Raman and Michael J. Costa of "
        "the U.S. Attorney's Office for the District of New Jersey's Special Prosecutions Division.",
    )
    assert {"Dana Raman", "Michael J. Costa"} <= persons(out) and "Michael" not in persons(out)
    assert {"U.S. Attorney's Office for the District of New Jersey", "Special Prosecutions Division"} <= agencies(out)


def test_coordinated_and_designated_places_and_a_town_of(nlp):
    out = extract(
        nlp,
        "They came from villages in Ky Son and Tuong Duong districts, from the small market town "
        "of Kampong Kdei and from houses in Hanley and Longton. Markus Leba and Agustina got seven "
        "years each.",
    )
    assert {"Ky Son", "Tuong Duong", "Kampong Kdei", "Hanley", "Longton"} <= places(out)
    assert not persons(out) & {"Tuong Duong", "Kampong Kdei", "Longton"}
    assert {"Markus Leba", "Agustina"} <= persons(out)


# -- credits, cut names, datelines, headlines, agency lists and posts (issue 11, part 3) --
def test_bylines_and_credits_name_persons(nlp):
    out = extract(
        nlp,
        "Thai court jails ex-officer\n\nHaroon Siddique Legal affairs correspondent\n\n"
        "BANGKOK (Reuters) - A court jailed a former officer on Tuesday, a lawyer said.\n\n"
        "(Reporting by Panu Wongcha-um; Editing by Martin Petty) - With a report from "
        "Delfin T. Mallari Jr.",
    )
    assert {"Haroon Siddique", "Panu Wongcha-um", "Martin Petty", "Delfin T. Mallari Jr"} <= persons(out)
    assert "Delfin T. Mallari Jr" not in places(out) and "Haroon Siddique Legal" not in persons(out)


def test_a_name_the_model_cuts_in_two_is_one_person(nlp):
    out = extract(
        nlp,
        "Earlier, Home Minister Datuk Seri Saifuddin Nasution Ismail told reporters that police "
        "had rescued 1,204 victims. Director Datuk Seri Mohd Shuhaily Mohd Zain said 312 suspects "
        "were held. Riau Islands Police spokesman Sr. Comr. Zahwani Pandra Arsyad said the women "
        "came from East Nusa Tenggara.",
    )
    assert {"Saifuddin Nasution Ismail", "Mohd Shuhaily Mohd Zain", "Zahwani Pandra Arsyad"} <= persons(out)
    assert not {"Ismail", "Mohd Zain", "Sr. Comr"} & persons(out)
    assert not {"Zahwani", "Pandra Arsyad"} & places(out)


@pytest.mark.parametrize(
    "written, name",
    [
        ("Judge Tahir Khan KC", "Tahir Khan"),
        ("Det Ch Supt Daniel Wood", "Daniel Wood"),
        ("Sr. Comr. Zahwani Arsyad", "Zahwani Arsyad"),
        ("Dame Sara Thornton OBE", "Sara Thornton"),
    ],
)
def test_ranks_and_post_nominals_are_no_part_of_the_name(written, name):
    assert person_name(written)[1] == name


def test_the_dateline_is_a_place_and_capitalised_headlines_name_nothing(nlp):
    out = extract(
        nlp,
        "Indonesia frees fishermen held on slave boats\n\nDOBO, Indonesia (AFP) — Indonesian "
        "authorities have freed 47 fishermen, officials said Thursday.\n\nSCORES QUARANTINED\n\n"
        "The men were taken to Ambon.",
    )
    assert "dobo" in {p.casefold() for p in places(out)}
    assert "QUARANTINED" not in agencies(out)


def test_an_advice_column_salutation_is_no_dateline(nlp):
    out = extract(
        nlp,
        "DEAR ABBY: My husband bought plane tickets to India.\n\nDEAR FEELING: Of course you "
        "should be happy.\n\nDEAR ABBY: My sister is ill.",
    )
    assert not {p for p in places(out) if p.upper().startswith("DEAR")}


def test_agency_names_with_comma_lists_and_head_first(nlp):
    out = extract(
        nlp,
        "The provincial Department of Labour, Invalids and Social Affairs said it had received 11 "
        "victims. Sen. Risa Hontiveros, who chairs the Senate Committee on Women, Children, Family "
        "Relations and Gender Equality, called for a hearing. Tan Sri Lee Lam Thye, chairman of the "
        "Alliance for a Safe Community, urged action.",
    )
    assert {
        "Department of Labour, Invalids and Social Affairs",
        "Alliance for a Safe Community",
        "Senate Committee on Women, Children, Family Relations and Gender Equality",
    } <= agencies(out)
    assert not {"Family Relations", "Gender Equality"} & persons(out)
    assert "Social Affairs" not in agencies(out)


def test_and_before_a_person_ends_the_agency(nlp):
    out = extract(
        nlp,
        "A letter went to Kevin McAleenan, the acting director of the Department of Homeland "
        "Security and Alex Azar, the health secretary, said officials.",
    )
    assert "Alex Azar" in persons(out)
    assert not any("Azar" in a for a in agencies(out))


def test_a_post_after_the_body_is_stripped_from_the_agency(nlp):
    out = extract(
        nlp,
        "The Senate paid tribute to former House of Representatives Speaker , Benjamin Nzeribe.\n\n"
        "Senate Leader, Ahmad Lawan raised a motion.",
    )
    assert "House of Representatives" in agencies(out)
    assert not {"House of Representatives Speaker", "Senate Leader"} & agencies(out)


def test_names_after_a_post_or_after_said_are_persons(nlp):
    out = extract(
        nlp,
        "Tak Governor Chucheep Pongchai said 7,000 foreigners had been released. The men had "
        "been kept in a cage on Benjina island, some for years, said Yunus Husein, head of a task "
        "force. Police codenamed the raid Operation Aurora.",
    )
    assert {"Chucheep Pongchai", "Yunus Husein"} <= persons(out)
    assert "Operation Aurora" not in persons(out)


def test_a_town_listed_after_a_known_place_is_a_place_but_a_speaker_is_not(nlp):
    out = extract(
        nlp,
        "The workers went to estates in Sandakan and Lahad Datu. LPN's coordinator in Songkhla, "
        "Patima Jaidee, said the case was typical.",
    )
    assert "Lahad Datu" in places(out) and "Lahad Datu" not in agencies(out)
    assert "Patima Jaidee" in persons(out) and "Patima Jaidee" not in places(out)


def test_streets_posts_and_a_bar_of_lawyers(nlp):
    out = extract(
        nlp,
        "Police raided a karaoke centre in Jalan Ipoh. Earlier, Home Minister Datuk Seri "
        "Saifuddin Nasution Ismail spoke to Tenaganita and the Malaysian Bar.",
    )
    assert "Ipoh" not in places(out) and "Jalan" not in places(out)
    assert "Home" not in agencies(out)
    assert "Malaysian Bar" in agencies(out)


def test_district_procuracy_company_and_owner_forms(nlp):
    out = extract(
        nlp,
        "Tran Thi Mai, 26, of Cam Xuyen District, posted the ads. The case has been sent to the "
        "People's Procuracy of Ha Tinh Province. The boats belonged to PT Pusaka Benjina Resources, "
        "which denied wrongdoing. Romania's Directorate for Investigating Organised Crime and "
        "Terrorism (DIICOT) helped. A woman from Sta. Cruz town was held.",
    )
    assert {"Cam Xuyen", "Sta. Cruz", "Romania"} <= places(out)
    assert {
        "People's Procuracy of Ha Tinh Province",
        "PT Pusaka Benjina Resources",
        "Directorate for Investigating Organised Crime and Terrorism",
    } <= agencies(out)
    assert "Cam Xuyen District" not in agencies(out) and "Pusaka Benjina Resources" not in persons(out)


def test_a_unit_of_another_organisation_ends_before_it(nlp):
    out = extract(
        nlp,
        "Colonel Tran Ngoc Tuan, head of the Anti-Drug Crime Police Division of the Nghe An "
        "Provincial Police, said officers had followed the group.",
    )
    assert {"Anti-Drug Crime Police Division", "Nghe An Provincial Police"} <= agencies(out)


def test_who_a_report_is_credited_to_is_an_organisation(nlp):
    out = extract(
        nlp,
        "This article was originally published by Futurism. Analysts told Polygraph.info the "
        "claims were false. He spoke, according to the Intelligencer. Earlier this year, Johnston "
        "told Billboard the Doobies have been in the studio. Indonesia has 500 people on death row, according to the Institute "
        "for Criminal Justice Reform (ICJR). He told Smith it was over.\n\nMain image credit: Getty",
    )
    assert {
        "Futurism",
        "Polygraph.info",
        "Intelligencer",
        "Billboard",
        "Getty",
        "Institute for Criminal Justice Reform",
    } <= agencies(out)
    assert "Smith" not in agencies(out) and "Institute" not in agencies(out)


def test_a_curly_possessive_stays_inside_the_agency_name(nlp):
    out = extract(
        nlp,
        "A Bartholomew County Sheriff\u2019s Department canine later alerted officers to the odor "
        "of narcotics in the vehicle.",
    )
    assert "Bartholomew County Sheriff's Department" in {a.replace("\u2019", "'") for a in agencies(out)}


def test_people_after_a_lower_case_post_or_between_people_are_persons(nlp):
    out = extract(
        nlp,
        "Said The We Company\u2019s recently named executive chair Marcelo Claure in an email to "
        "staff. The Tennis Podcast team of Catherine Whitaker, David Law and Matt Roberts gave "
        "their impressions.",
    )
    assert {"Marcelo Claure", "David Law", "Catherine Whitaker", "Matt Roberts"} <= persons(out)
    assert "Marcelo Claure" not in agencies(out)


def test_jails_and_auditoriums_are_venues_not_places(nlp):
    out = extract(
        nlp,
        "Tays was taken to the Bartholomew County Jail in Columbus. The band played at Cleveland's Public Auditorium.",
    )
    assert not {"Bartholomew County Jail", "Cleveland's Public Auditorium", "Public Auditorium"} & (
        places(out) | agencies(out)
    )


def test_two_agencies_joined_by_and_and_a_known_one_with_its_head_noun(nlp):
    out = extract(
        nlp,
        "In 2020, the MSDHS worked with Save the Children Foundation and Thailand Association of "
        "Social Workers to conduct monthly training.",
    )
    assert {"Save the Children Foundation", "Thailand Association of Social Workers"} <= agencies(out)
    assert not any(a.startswith("Foundation and") for a in agencies(out))


def test_an_oxford_comma_list_a_court_of_a_town_and_a_taskforce_the_model_calls_a_law(nlp):
    out = extract(
        nlp,
        "The National Committee on the Suppression of Human Trafficking, Smuggling, and Labor and "
        "Sexual Exploitation, in collaboration with NGOs, provided training. In addition, the "
        "National Anti-Trafficking Taskforce investigated 91 cases of child trafficking. During the "
        "reporting period, the High Court of Kendari, Southeast Sulawesi, upheld a decision.",
    )
    assert {
        "National Committee on the Suppression of Human Trafficking, Smuggling, and Labor and Sexual Exploitation",
        "National Anti-Trafficking Taskforce",
        "High Court of Kendari",
    } <= agencies(out)


def test_a_comma_before_the_next_agency_ends_the_first(nlp):
    out = extract(
        nlp,
        "The Ministry of Education ran a program with the Ministry of Labor, the Office of the "
        "Ombudsman, and other related government agencies.",
    )
    assert {"Office of the Ombudsman"} <= agencies(out)
    assert not any("," in a for a in agencies(out))


def test_place_names_with_a_particle_are_one_place(nlp):
    out = extract(
        nlp,
        "Police arrested a woman in Barangay Tibanban, Digos City, Davao del Sur on Saturday. She "
        "was from Lanao del Norte. Lee Bradbury, 52, of Stoke-on-Trent, who rented out the houses, "
        "was jailed. Lawyer Jose de Leon said the case was closed.",
    )
    assert {"Davao del Sur", "Lanao del Norte", "Stoke-on-Trent"} <= places(out)
    assert "Jose de Leon" in persons(out) and "Stoke-on-Trent" not in persons(out)


def test_one_unknown_word_is_a_place_only_where_places_stand(nlp):
    out = extract(
        nlp,
        "Apple said Siri would answer faster. Fans lit lamps for Diwali on Sunday. The men had been "
        "kept on Benjina island. Voters in states like Ohio, Michigan and Pennsylvania turned out. "
        "Stratfor, the Texas-based firm, agreed. A Georgia man was sentenced.",
    )
    assert not {"Siri", "Diwali"} & places(out)
    assert {"Benjina", "Ohio", "Texas", "Georgia"} <= places(out)


def test_a_name_before_a_product_noun_is_a_product_not_an_agency(nlp):
    out = extract(
        nlp,
        "Apple will move all MacBook Pro and MacBook Air models to new keyboards. The price of the "
        "PS4 DualShock controllers dropped. Walmart cut prices.",
    )
    assert not {"MacBook Air", "DualShock"} & agencies(out)


def test_an_honorific_alone_is_no_agency(nlp):
    out = extract(
        nlp,
        "KOTA KINABALU: A businessman with a Datuk title and four others were charged on Monday with "
        "trafficking 37 workers. Datuk Lim Keng Hock, 58, pleaded not guilty.",
    )
    assert "Datuk" not in agencies(out) and "Lim Keng Hock" in persons(out)


@pytest.mark.parametrize(
    "written, name",
    [
        ("Ko Myo Thant", "Myo Thant"),
        ("Ma Thida Win", "Thida Win"),
        ("Ma Su Su Hlaing", "Su Su Hlaing"),
        ("Romo Paschal Saturnus", "Paschal Saturnus"),
        ("Ko Ko Gyi", "Ko Ko Gyi"),  # doubled: a name
        ("Ma Jian", "Ma Jian"),  # two words: the Chinese family name
        ("Ko Un", "Ko Un"),
    ],
)
def test_burmese_honorifics_before_a_longer_name(written, name):
    assert person_name(written)[1] == name


def test_burmese_honorifics_in_an_article(nlp):
    out = extract(
        nlp,
        "The Muse District Court found Daw Nan Hsu Mon, 45, guilty of trafficking. Her accomplice, "
        "Ko Myo Thant, 32, received seven years. Ma Thida Win, a volunteer, said families had asked for help.",
    )
    assert {"Nan Hsu Mon", "Myo Thant", "Thida Win"} <= persons(out)
    assert not any(n.startswith(("Ko ", "Ma ")) for n in persons(out))
    assert "Myo Thant" in {s["defendant"] for s in out["sentences"]}


def test_a_company_name_runs_to_its_legal_form(nlp):
    out = extract(
        nlp,
        "The suspects posted offers for a firm called Siam Global Marketing Co., police said. The "
        "workers ran love scams for Lucky South 99 Outsourcing Incorporated. The managing director of "
        "Mega Perabot Sdn Bhd, a 52-year-old local man, was arrested.",
    )
    assert {"Siam Global Marketing Co.", "Lucky South 99 Outsourcing Incorporated", "Mega Perabot Sdn Bhd"} <= agencies(
        out
    )
    assert "Mega Perabot Sdn Bhd" not in persons(out) and "Siam" not in places(out)


def test_a_credit_naming_no_one_is_no_agency(nlp):
    out = extract(
        nlp, "Police raided a compound in Bavet on Monday.\n\nPhoto: Supplied\n\nMore arrests followed. Photo: File"
    )
    assert not agencies(out)


def test_a_hotline_is_no_agency(nlp):
    out = extract(
        nlp,
        "Anyone with information about human trafficking should call the National Human Trafficking "
        "Hotline at 1-888-373-7888 or the Modern Slavery Helpline.",
    )
    assert not agencies(out)


def test_a_known_agency_inside_a_longer_name(nlp):
    out = extract(
        nlp,
        "Staff from Hagar International, World Vision Cambodia and Terre des Hommes Netherlands ran the "
        "sessions. The minister said the National Security Council would decide. The case began with a "
        "referral to the Philippine National Police Women and Children Protection Center (PNP-WCPC). "
        "A PNP-WCPC officer said the children were safe. A spokesman told Reuters Cambodia had deported 300 people.",
    )
    assert {
        "World Vision Cambodia",
        "Terre des Hommes Netherlands",
        "National Security Council",
        "Philippine National Police Women and Children Protection Center",
    } <= agencies(out)
    assert not {"World Vision", "UN Security Council", "Women and Children Protection Center", "PNP-WCPC"} & agencies(
        out
    )
    assert "Reuters" in agencies(out) and "Cambodia" in places(out)


def test_a_mission_named_after_its_country(nlp):
    out = extract(
        nlp,
        "The workshop was funded by the Embassy of Australia in Phnom Penh. Families asked the Embassy "
        "of the Philippines for help.",
    )
    assert {"Embassy of Australia in Phnom Penh", "Embassy of the Philippines"} <= agencies(out)
    assert "Phnom Penh" in places(out) and "Embassy" not in agencies(out)


def test_an_organisation_before_another_in_a_list_is_not_cut(nlp):
    out = extract(
        nlp,
        "Officials from the Kampong Cham Provincial Department of Labour and Vocational Training and the "
        "Kampong Cham Provincial Police also spoke.",
    )
    assert {
        "Kampong Cham Provincial Department of Labour and Vocational Training",
        "Kampong Cham Provincial Police",
    } <= agencies(out)
    assert not persons(out)


def test_a_short_name_in_brackets_is_the_agency_later(nlp):
    out = extract(
        nlp,
        "The Sabah Anti-Trafficking Council (Satco) met on Monday. Later, Satco said it would review the case.",
    )
    assert "Sabah Anti-Trafficking Council" in agencies(out) and not persons(out)


def test_a_post_after_a_dash_in_a_byline_is_no_part_of_the_name(nlp):
    out = extract(
        nlp,
        "BI stops nine trafficking victims at airport\n\nBy: Jane Bautista - Reporter / @JBautistaINQ\n\n"
        "MANILA, Philippines — Immigration officers intercepted nine Filipinos on Monday.",
    )
    assert "Jane Bautista" in persons(out)


def test_a_township_or_sub_district_loses_its_designator(nlp):
    out = extract(
        nlp,
        "They were taken from Kyauktaw Township to Ruili. Police in Sagulung sub-district said.",
    )
    assert {"Kyauktaw", "Sagulung"} <= places(out) and "Kyauktaw Township" not in places(out)


def test_a_region_after_the_outlet_in_a_byline_is_no_person(nlp):
    out = extract(
        nlp,
        "Teenagers found at cannabis farm\n\nBy Phil McCann, BBC News, West Midlands\n\nTwo boys were found. "
        "Janine Smith, Chief Crown Prosecutor for CPS East Midlands, said the men were exploited.",
    )
    assert persons(out) == {"Phil McCann", "Janine Smith"}
    assert "West Midlands" in places(out)


def test_the_first_words_of_a_post_or_an_event_are_no_agency(nlp):
    out = extract(
        nlp,
        "Labour Permanent Secretary Pairoj Chotikasathien said the Department of Fisheries would inspect "
        "boats. The campaign will end with a Seafarers' Day event. Khmer Times Editor Sok Dara agreed.",
    )
    assert agencies(out) == {"Department of Fisheries", "Khmer Times"}
    assert "Pairoj Chotikasathien" in persons(out)


def test_a_mission_the_model_took_for_a_person(nlp):
    out = extract(nlp, "Acting on a request from the Embassy of Indonesia in Phnom Penh, officers seized phones.")
    assert agencies(out) == {"Embassy of Indonesia in Phnom Penh"} and not persons(out)


def test_a_preposition_opening_a_sentence_is_no_part_of_a_name(nlp):
    out = extract(nlp, "In Rakhine, fighting goes on. At Poipet, police waited for the buses.")
    assert not persons(out)


def test_an_unknown_acronym_or_a_party_is_no_place(nlp):
    out = extract(
        nlp,
        "A team led by researchers out of NASA's flight centre confirmed it. Democrats won, flipping "
        "historically Republican districts. Officials in UAE agreed.",
    )
    assert not {"NASA", "Republican"} & places(out) and "UAE" in places(out)


def test_a_police_department_and_its_unit_are_one_name(nlp):
    out = extract(
        nlp,
        "Officers from the Columbus Police Department Intelligence Led Policing Unit conducted a traffic stop.",
    )
    assert agencies(out) == {"Columbus Police Department Intelligence Led Policing Unit"}


def test_plans_awards_events_units_and_camps_are_no_agencies(nlp):
    out = extract(
        nlp,
        "The initiative is part of the Fourth Energy Technology Development Plan and Roadmap. Henshaw won the "
        "Africa Movie Academy Award for Best Actress in a Leading Role. The group leads two charities (Deworm "
        "the World Initiative and No Lean Season). The car is based on the new MEB platform. Sources in the "
        "Rukban camp said the claims were false. The plants produce 30-600 MW each.",
    )
    assert not agencies(out)


def test_the_town_a_defendant_is_of_is_a_place(nlp):
    out = extract(
        nlp,
        "Officers arrested Christopher L. Tays, 32, of Franklin, on several charges. Ryan Hollman, 31, of Hope "
        'and Victor Burton, 57, were held. Smith, 52, of Walsall, was jailed. "It is wrong," said Phil '
        "Robertson, of Human Rights Watch. Det Insp Rachel Moody, of Staffordshire Police, said so.",
    )
    assert {"Franklin", "Hope", "Walsall"} <= places(out)
    assert not {"Franklin", "Hope", "Walsall"} & (agencies(out) | persons(out))
    assert {"Human Rights Watch", "Staffordshire Police"} <= agencies(out)


def test_a_firm_named_with_a_bare_co_or_a_person_inside_it(nlp):
    out = extract(
        nlp,
        "Junta Court Jails Scam Recruiters\n\nThe court raised the sentence of Chatchai Pongsiri, 58, owner of "
        "Siam Ocean Seafood Co, to 18 years. The company that employed the workers, Seri Jaya Gloves Sdn Bhd, "
        "was fined RM250,000.",
    )
    assert agencies(out) == {"Siam Ocean Seafood Co", "Seri Jaya Gloves Sdn Bhd"}


def test_an_office_of_a_department_before_and_another_agency(nlp):
    out = extract(
        nlp,
        "The U.S. Department of Labor Office of Inspector General and Homeland Security Investigations (HSI) "
        "investigated the case.",
    )
    assert agencies(out) == {"U.S. Department of Labor Office of Inspector General", "Homeland Security Investigations"}


def test_a_person_or_a_description_before_an_organisation_is_no_part_of_it(nlp):
    out = extract(
        nlp,
        "Thandar Myint of the Thailand-based Karen Women's Organization said the girls were safe. Companies "
        "have tried niche streaming services, such as CBS All Access, Disney has made an enormous bet.",
    )
    assert "Karen Women's Organization" in agencies(out) and persons(out) == {"Thandar Myint"}
    assert not any(n.startswith(("Thandar", "Thailand")) or "," in n for n in agencies(out))


def test_every_place_of_a_list_before_a_plural_designator(nlp):
    out = extract(
        nlp,
        "The training was for 46 council members from Batheay, Cheung Prey and Prey Chhor districts.",
    )
    assert {"Batheay", "Cheung Prey", "Prey Chhor"} <= places(out) and not agencies(out)


# -- patterns found on the real-news and government sets (invented texts) -------------------
def test_a_role_noun_before_a_name_makes_it_a_person(nlp):
    out = extract(
        nlp,
        "Fenwick quarterback Mason Tully was shoved to the ground, and Lakeside center Dorian "
        "Okafor was suspended for two games. The suspensions also hit Hartwell center Maurkice "
        "Dellaney.",
    )
    assert {"Mason Tully", "Dorian Okafor", "Maurkice Dellaney"} <= persons(out)
    assert "Mason Tully" not in agencies(out)


def test_a_name_joined_by_and_to_a_person_after_of_is_a_person(nlp):
    out = extract(nlp, "The gallery hung photographs of Lorcan Abernethy and Evel Marchetti beside the door.")
    assert {"Lorcan Abernethy", "Evel Marchetti"} <= persons(out)
    assert not agencies(out)
    out = extract(
        nlp,
        "Florin Dumitru, 44, of Dudley, Ionut Radu, 37, of Wolverhampton, and Cristian Stan, 26, "
        "of West Bromwich were jailed. Patrick Moss of Victoria Hospital and Chris Kuo treated them.",
    )
    assert {"Dudley", "Wolverhampton", "West Bromwich"} <= places(out)  # a town after "of" stays a place
    assert "Victoria Hospital" not in persons(out)


def test_an_institution_owning_another_is_two_organisations(nlp):
    out = extract(nlp, "said Marta Quill, a lecturer at Brandmoor University\u2019s Halvorsen School of Public Health.")
    assert {"Brandmoor University", "Halvorsen School of Public Health"} <= agencies(out)
    out = extract(nlp, "Researchers at MIT's Lincoln Laboratory Center said the device worked.")
    assert "Lincoln Laboratory Center" in agencies(out)
    out = extract(nlp, "In December, 70 prosecutors from the Union Attorney General\u2019s Office received training.")
    assert "Union Attorney General's Office" in agencies(out)  # a post owns nothing


def test_what_an_organisation_owns_is_no_part_of_its_name(nlp):
    out = extract(
        nlp, "The singer was inducted into the Riverbend Music Hall of Fame\u2019s Class of 2019, the group said."
    )
    assert agencies(out) == {"Riverbend Music Hall of Fame"}


def test_a_unit_after_a_known_agency_and_a_court_of_justice(nlp):
    out = extract(nlp, "Cadets now train at the Royal Thai Police Academy before they are posted.")
    assert agencies(out) == {"Royal Thai Police Academy"}
    out = extract(
        nlp, "Cases now go to a new division of the Criminal Court of Justice and to the provincial prosecutors."
    )
    assert agencies(out) == {"Criminal Court of Justice"}
    out = extract(nlp, "She won the Africa Movie Academy Award for Best Actress in 2009.")
    assert not agencies(out)  # an award, though its name holds an academy


def test_every_state_of_an_oxford_comma_list(nlp):
    out = extract(
        nlp,
        "Soldiers forced villagers to carry supplies in the border areas of Kayah, Mon, and Kayin states, witnesses said.",
    )
    assert {"Kayah", "Mon", "Kayin"} <= places(out)


def test_a_place_the_text_calls_a_village_or_whose_regent_someone_is(nlp):
    out = extract(
        nlp, "Ou Trapeang, a village of 400 families in Banteay Meanchey, has lost half its young men to Thailand."
    )
    assert "Ou Trapeang" in places(out) and "Ou Trapeang" not in persons(out)
    out = extract(nlp, "In Kouk Sla, a small border village near Poipet, the costs are evident.")
    assert "Kouk Sla" in places(out)
    out = extract(nlp, "The court upheld the conviction of the former Regent of South Lamboya for abusing two girls.")
    assert "South Lamboya" in places(out)
    out = extract(nlp, "Sok Dara, a village chief in Takeo, said Keo Dara, a commune councillor, was absent.")
    assert {"Sok Dara", "Keo Dara"} <= persons(out)


def test_a_name_made_of_personal_names_where_only_places_stand(nlp):
    assert places(extract(nlp, "The brokers took them across the border at Tan Thanh, police said.")) == {"Tan Thanh"}
    assert places(extract(nlp, "The women entered the country through Pasir Gudang on social visit passes.")) == {
        "Pasir Gudang"
    }
    out = extract(nlp, "Complaints were filed by families in Garut and Sumber Jaya last year.")
    assert places(out) == {"Garut", "Sumber Jaya"} and not persons(out)
    assert persons(extract(nlp, "Police in Kandal and Sok Dara said the case was closed.")) == {"Sok Dara"}
    assert persons(extract(nlp, "The women were found in Sok Dara's house in Takeo.")) == {"Sok Dara"}


def test_missions_banks_and_unions_named_after_a_country_or_a_people(nlp):
    out = extract(nlp, "The Myanmar Embassy in Jakarta has asked for the bodies to be returned.")
    assert any(a.startswith("Myanmar Embassy") for a in agencies(out))
    out = extract(nlp, "Officials examined accounts at Kasikornbank and Siam Commercial Bank, he said.")
    assert "Siam Commercial Bank" in agencies(out) and "Siam" not in places(out)
    assert places(extract(nlp, "Settlers in the West Bank protested.")) == {"West Bank"}
    out = extract(nlp, "The Lao Youth Union ran the campaign in three provinces.")
    assert agencies(out) == {"Lao Youth Union"} and not persons(out)


def test_an_outlet_web_name_opening_the_dateline(nlp):
    out = extract(nlp, "KOMPAS.COM, Surabaya - The East Java Regional Police arrested four people.")
    assert "KOMPAS.COM" in agencies(out) and "KOMPAS.COM" not in places(out)


def test_a_gerund_opening_a_sentence_or_an_address_is_no_person(nlp):
    assert persons(extract(nlp, "Hosting Marlene Okafor at the summit was an honour, Benning said.")) == {
        "Marlene Okafor"
    }
    out = extract(nlp, "Police searched a garage behind 4182 Marlowe Place on Monday.")
    assert not persons(out) and not agencies(out)


def test_a_police_force_named_after_its_county_or_state(nlp):
    out = extract(
        nlp,
        "The teenagers were found by Staffordshire Police during a visit to a salon in August. "
        "Greater Manchester Police said two more arrests had been made.\n\n"
        "Meanwhile Police said there were 20 Anti-Trafficking Police officers in each province.",
    )
    assert {"Staffordshire Police", "Greater Manchester Police", "Anti-Trafficking Police"} <= agencies(out)
    assert not any(a.startswith("Meanwhile") for a in agencies(out))


def test_every_province_of_china_is_a_known_place(nlp):
    out = extract(nlp, "The women were sold as brides to men in Hebei, Anhui and Inner Mongolia.")
    assert {"Hebei", "Anhui", "Inner Mongolia"} <= places(out)
    assert "Mongolia" not in places(out)


def test_a_name_after_a_noun_for_a_company_is_an_organisation(nlp):
    out = extract(
        nlp,
        "Bids came from the Turkish-based carrier SunExpress, and the newspaper chains Gannett and Lorimer Media merged.",
    )
    assert {"SunExpress", "Gannett"} <= agencies(out)
    assert not {"SunExpress", "Gannett"} & (places(out) | persons(out))


def test_a_lettered_option_or_pool_is_no_name(nlp):
    out = extract(
        nlp,
        "Hungary or Romania would fill the empty slot in Path C, and which three would go into Path A.\n\nFour more follow.",
    )
    assert places(out) == {"Hungary", "Romania"} and not persons(out) and not agencies(out)


def test_a_person_owning_a_company_is_the_person_not_the_whole_phrase(nlp):
    """News names a founder with what they own: "Elon Musk's SpaceX". The model often runs the
    possessive into one person span; the person is the owner."""
    out = extract(
        nlp,
        "The agency picked the upstarts, Maria Delgado's Orbit Freight and Tomas Reyes’s Lunar Works among them, "
        "to build the landers.",
    )
    assert {"Maria Delgado", "Tomas Reyes"} <= persons(out)
    assert not any("'s" in p or "’s" in p or "Freight" in p or "Works" in p for p in persons(out))


def test_a_person_run_into_a_following_abbreviation_is_the_name_before_it(nlp):
    """Review boxes and captions put a field label in capitals right after a name ("Tested by:
    John Milbank RRP: £23.99"); the model runs it into the person. Roman numerals stay."""
    out = extract(nlp, "Tested by: Helen Marsh RRP: £19.99 More info: www.example.co.uk\n\nThe manual is good.")
    assert "Helen Marsh" in persons(out)
    assert not any(p.endswith("RRP") for p in persons(out))
    out = extract(nlp, "The shipyard was sold by Henry Ford III to a trust in Manila.")
    assert not any(p.endswith("Ford") for p in persons(out))


def test_us_states_and_cities_are_known_places_even_as_modifiers(nlp):
    """US news names states and cities the model often misses, most of all one word before a
    noun ("the Minneapolis ad agency", "a Texas shelter"). A state name starting a person's
    name does not."""
    out = extract(
        nlp,
        "The Minneapolis ad agency was paid by the state, a paper in Sioux Falls reported. "
        "A Minnesota charity and a Texas shelter helped; the team met in Dekalb, Ill., and Virginia Hale spoke.",
    )
    assert {"Minneapolis", "Sioux Falls", "Minnesota", "Texas"} <= places(out)
    assert "Virginia" not in places(out)


def test_a_newspaper_named_after_its_city_is_one_organisation(nlp):
    """US papers carry their city's name ("Pittsburgh Post-Gazette", "San Jose Mercury News");
    a known city must not cut the paper's name."""
    out = extract(
        nlp,
        "The Tacoma Herald and the Denver Post both reported it; the San Jose Mercury News followed from San Jose.",
    )
    assert {"Denver Post", "San Jose Mercury News"} <= agencies(out)
    assert "Denver" not in places(out)


def test_a_name_written_once_as_a_product_is_no_agency_anywhere_in_the_article(nlp):
    out = extract(
        nlp,
        "The first car built on the new Korvax platform arrives next year. The Korvax's flexibility lets "
        "Halvorsen Motors stretch the body. Halvorsen Motors says the older Halvorsen models will stay.",
    )
    assert "Korvax" not in agencies(out)
    assert "Halvorsen Motors" in agencies(out)


def test_sports_teams_before_a_post_and_clubs_named_after_their_town(nlp):
    out = extract(
        nlp,
        "Hours before the game, Ravens coach Dale Morrow praised his line. The Ravens lost 4-1 to the Comets, "
        "and Comets center Tomas Ekberg scored twice. Pittsburgh center Ray Lund was injured in Pittsburgh.\n\n"
        "Later he managed Real Madrid and Manchester United before a spell in Madrid.",
    )
    assert {"Ravens", "Comets", "Real Madrid", "Manchester United"} <= agencies(out)
    assert {"Dale Morrow", "Tomas Ekberg", "Ray Lund"} <= persons(out)
    assert {"Pittsburgh", "Madrid"} <= places(out)
    assert not {"Ravens", "Comets"} & persons(out)


def test_a_firm_by_its_apposition_its_founder_named_tail_and_an_airline(nlp):
    out = extract(
        nlp,
        "The deal was signed with Korvalis, a group co-founded by a former footballer. The stage lights came "
        "from Peter Hallam Design. Orders came from the budget carrier SkyTrek, Kazakhstan's Air Astana and "
        "a third buyer. Ana Ruiz, a European Space Agency research fellow, said the plains were dry.",
    )
    assert {"Korvalis", "Peter Hallam Design", "SkyTrek", "Air Astana"} <= agencies(out)
    assert "Ana Ruiz" in persons(out) and "Ana Ruiz" not in agencies(out)
    assert not {"SkyTrek", "Air Astana"} & places(out)


def test_a_venue_the_model_cut_before_its_venue_word_and_a_newspaper_called_leader(nlp):
    out = extract(
        nlp,
        "He took the girl to Hollow Creek's BrightStay Suites hotel. The band plays June 10 - Tampa, FL @ "
        "SUNCOAST Credit Union Amphitheatre. The campaign cost $449,000, according to the Marlow Falls Argus Leader.",
    )
    assert not any("BrightStay" in a or "SUNCOAST" in a for a in agencies(out))
    assert "Marlow Falls Argus Leader" in agencies(out)


def test_what_someone_owns_titles_of_works_things_weekdays_and_car_abbreviations_are_no_agencies(nlp):
    out = extract(
        nlp,
        "“Dana has my Complete and Total Endorsement,” he wrote. Since his Westfield Park exit he has coached "
        "abroad. Years before Ann Kettle wrote A Tale of Salt and Iron, Ford wrote history. The band closed with "
        "“Running Down to the Harbour.” Titan is larger than the planet Mercury. Tue - Sat 4PM (Closed on Sun & Mon). "
        "The car could just as easily be AWD. RRP: 49.95 Euro. The Ministry of Labour said the Tenaga Foundation "
        "and its Anti-Trafficking Unit would help.",
    )
    found = agencies(out)
    assert not {"Complete and Total Endorsement", "Westfield Park", "Tale of Salt", "Harbour", "Mercury"} & found
    assert not {"Sun & Mon", "AWD", "RRP"} & found
    assert {"Ministry of Labour", "Tenaga Foundation", "Anti-Trafficking Unit"} <= found


def test_a_stock_exchange_named_after_its_city_is_an_organisation(nlp):
    out = extract(nlp, "The listing ceremony is due to be held at the Hong Kong Stock Exchange next Tuesday.")
    assert "Hong Kong Stock Exchange" in agencies(out)


def test_the_islamic_state_is_an_organisation_not_an_adjective(nlp):
    out = extract(
        nlp,
        "Yazidi women were sold by fighters of the Islamic State group in Syria. Survivors of ISIS captivity "
        "said Islamic State commanders kept lists of buyers.",
    )
    assert "Islamic State" in {a["name"].replace(" group", "") for a in out["agencies"]}
    assert len([a for a in out["agencies"] if "Islamic" in a["name"] or a["name"] == "ISIS"]) == 1


def test_a_town_before_lower_case_police_is_a_place(nlp):
    out = extract(nlp, "It was around midnight when a tip led Pine Hill police officers to Webb's room.")
    assert "Pine Hill" in places(out) and "Pine Hill" not in agencies(out)


def test_every_name_run_match_contains_one_of_the_words_its_prefilter_looks_for():
    """A text without any of a name run's words is not searched for it: a word the pattern
    gains and the prefilter lacks would silently drop those names."""
    from nlp.entities import NAME_RUN_WORDS
    from nlp.evaluate import EVAL_DIR

    examples = (
        "the Hong Kong Stock Exchange, Siam Commercial Bank, Biman Bangladesh Airlines, Thai Airways, "
        "Staffordshire Police, Greater Manchester Police, the Embassy of Australia, the British Embassy, "
        "the European Commission, Phnom Penh Municipal Court, Udon Thani Provincial Court, PNP-WCPC"
    )
    texts = [examples, *(json.loads(line)["text"] for line in (EVAL_DIR / "fiction-tune.jsonl").open(encoding="utf-8"))]
    matched = set()
    for pattern, words in NAME_RUN_WORDS.items():
        for text in texts:
            for match in pattern.finditer(text):
                matched.add(pattern)
                assert any(word in match.group() for word in words), (pattern.pattern[:60], match.group())
    assert matched == set(NAME_RUN_WORDS)  # every pattern was tried on a match


# General news writing (issue 11, rules 10): each row an invented sentence, the kind of name
# looked at, the names that must be there and the names that must not.
NEWS_PATTERNS = [
    # "U.S.-Mexico": the hyphen after an initialism splits two places
    ("He toured the U.S.-Mexico border near El Paso on Friday.", "places", {"U.S.", "Mexico"}, {"U.S.-Mexico"}),
    ("The U.K.-France agreement on small boats was signed in Calais.", "places", {"U.K.", "France"}, set()),
    ("Officials said U.S.-China talks would resume in Geneva.", "places", {"U.S.", "China"}, {"U.S.-China"}),
    # a compass word before a known place names another place, not the known one
    ("Wales drew with Northern Ireland on Sunday.", "places", {"Northern Ireland"}, {"Ireland"}),
    ("The drought hit Southern California and Western Australia hard.", "places",
     {"Southern California", "Western Australia"}, {"California", "Australia"}),
    ("Patrols in the South China Sea were stepped up.", "places", {"South China Sea"}, {"China", "South"}),
    ("Floods hit North Sumatra and East Java again.", "places", {"North Sumatra", "East Java"}, set()),
    # an acronym after "in" is a body, not a place
    ("The moon is one of the top targets in NASA's search for life, officials said.", "agencies", {"NASA"}, set()),
    ("The moon is one of the top targets in NASA's search for life, officials said.", "places", set(), {"NASA"}),
    # a university named with its campus town stays a university
    ("Dr Lena Ortiz, a chemist at the University of Kent, Canterbury, led the work.", "places", set(),
     {"University of Kent"}),
    ("Dr Lena Ortiz, a chemist at the University of Kent, Canterbury, led the work.", "agencies",
     {"University of Kent"}, set()),
    # a lower-case occupation before a name: the name is a person
    ("The senator tied the attack to Fox News host Marla Keane\u2019s comments on the bill.", "persons",
     {"Marla Keane"}, set()),
    ("The segment was cut after presenter Owen Talbot apologised.", "persons", {"Owen Talbot"}, set()),
    ("The menu was designed by chef Ingrid Solvang, the restaurant said.", "persons", {"Ingrid Solvang"}, set()),
    # a weekday after a newspaper's name is no part of it
    ('"We expect a decision soon," Governor Dana Holt told the Harbor Courier Monday afternoon.', "agencies",
     {"Harbor Courier"}, {"Harbor Courier Monday"}),
    ("The mayor told the Lakeside Tribune Wednesday that the road would reopen.", "agencies",
     {"Lakeside Tribune"}, {"Lakeside Tribune Wednesday"}),
    ('"It is over," the coach told the Daily Ledger Sunday night.', "agencies", {"Daily Ledger"},
     {"Daily Ledger Sunday"}),
    # a model word after a name: a product line, not a person, wherever it stands
    ("The bundle includes a controller, Zephyr Ultra and a month of the service.", "persons", set(),
     {"Zephyr Ultra"}),
    ("The compact Vega Arcade Lite costs less. The Vega Arcade gives up the dock but gains battery life.",
     "persons", set(), {"Vega Arcade", "Vega Arcade Lite"}),
    # a won-lost record after "the" and a name: a sports team, wherever the article writes it
    ("The Otters (12-9-3) lost again. Coach Dana Pruitt said the Otters must defend better.", "agencies",
     {"Otters"}, set()),
    ("The Pelicans (9-1) won again on Friday night, and the Pelicans now lead the conference.", "agencies",
     {"Pelicans"}, set()),
    ("The Falcons (7-3, 4-2) beat the visitors 31-10 on Saturday.", "agencies", {"Falcons"}, set()),
    # an outlet as the source of a report
    ("According to a report in the Prairie Courier, lawmakers will vote on Friday.", "agencies",
     {"Prairie Courier"}, set()),
    ("The Desert Sentinel first reported the closure on Tuesday.", "agencies", {"Desert Sentinel"}, set()),
    ("Officials said the vote was close. Valley Courier reported the result on Tuesday.", "agencies",
     {"Valley Courier"}, set()),
    # a one-word name after "his wife," / "my friend": a person
    ("The news came days after his wife, Marisol, had suffered a loss. He and Marisol were grateful.",
     "persons", {"Marisol"}, set()),
    ("Over breakfast, my friend Helen handed me a novel about a quest. Helen placed it in my hands.",
     "persons", {"Helen"}, set()),
    # an occupation before a one-word name: the article names a person
    ("Portugal star Ronaldo was among the 40,000 in attendance on Sunday.", "persons", {"Ronaldo"}, set()),
    ("The crowd cheered as rapper Kessa took the stage.", "persons", {"Kessa"}, set()),
    # a one-word name that is the subject of two sentences is named; one written after "the" is not
    ("Ravelli played well on Sunday. Later, Ravelli scored twice as the home side won.", "persons",
     {"Ravelli"}, set()),
    ("Stadia launches today. Stadia is a streaming service, and the new Stadia costs ten dollars.", "persons",
     set(), {"Stadia"}),
    # an untagged name after a lower-case noun for a kind of organisation
    ("Lewis Ward, research director at tech market research firm IDC, sees the lineup as weak.", "agencies",
     {"IDC"}, set()),
    ("Passengers of the carrier Nordwind were stranded for a day.", "agencies", {"Nordwind"}, set()),
    ("The company Tuesday said profits rose. A firm spokesman declined to comment.", "agencies", set(),
     {"Tuesday"}),
    # a modal opening a question is no part of the name
    ("Will Dalton continue to face the heat, or will the ascendant Pruitt take more hits? Dalton said nothing.",
     "persons", {"Dalton"}, {"Will Dalton"}),
    # the plural of a product the article names is a product too
    ("The butterfly keyboard found its way into all Zenbook models in 2016. Repairs are now free for all "
     "Zenbooks with the new design.", "agencies", set(), {"Zenbook", "Zenbooks"}),
    # a headline's preposition opening a "name", a registered brand, a list of works: no persons
    ("Despite The Monthly Fee, You Still Buy Games", "persons", set(), {"Despite The Monthly Fee"}),
    ("Add a 16-ounce Don Vito\u00ae Orange Blossom Honey Jar to the basket.", "persons", set(),
     {"Don Vito", "Orange Blossom Honey Jar"}),
    ("The store sells games like Marcus Vale, Lunar Drift and Iron Tide.", "persons", set(),
     {"Marcus Vale", "Iron Tide"}),
    ("Critics including Anna Berg and Tom Hale praised the film.", "persons", {"Anna Berg", "Tom Hale"}, set()),
    # a lower-case noun for a work before a name: a title, no person
    ("The auction house said the painting Blue Harbor sold for a record price.", "persons", set(),
     {"Blue Harbor"}),
]  # fmt: skip


@pytest.mark.parametrize("text, kind, present, absent", NEWS_PATTERNS)
def test_general_news_patterns(nlp, text, kind, present, absent):
    got = {"persons": persons, "agencies": agencies, "places": places}[kind](extract(nlp, text))
    assert present <= got and not (absent & got), got


@pytest.mark.parametrize(
    "text, full_name",
    [
        ("Hours before Zack Morelli\u2019s goal, the coach was calm. Now Morelli is brimming with confidence.",
         "Zack Morelli"),
        ("Long before Ryan Holtby's arrest, neighbours had complained. Holtby told reporters he was innocent.",
         "Ryan Holtby"),
    ],
)  # fmt: skip
def test_an_untagged_full_name_before_a_tagged_surname_is_the_person(nlp, text, full_name):
    """The model tags the later surname alone and leaves the full name untagged."""
    from spacy.tokens import Span

    from nlp.entities import _full_names_before_surnames

    doc = nlp(text)
    surname = full_name.split()[-1]
    last = [t.i for t in doc if t.text == surname][-1]
    doc.ents = [Span(doc, last, last + 1, label="PERSON")]  # what the model gave on the real article
    assert full_name in {e.text for e in _full_names_before_surnames(doc) if e.label_ == "PERSON"}


@pytest.mark.parametrize(
    "text, name, not_name",
    [
        ("Minister of Interior Sok Vannarith said the raids would go on.", "Sok Vannarith", "Interior Sok Vannarith"),
        ("Deputy Minister of Labour Pham Thi Hoa opened the shelter.", "Pham Thi Hoa", "Labour Pham Thi Hoa"),
        ("The Secretary of Justice Ramon Villareal signed the order.", "Ramon Villareal", "Justice Ramon Villareal"),
    ],
)
def test_the_last_word_of_a_post_with_of_is_no_part_of_the_name(nlp, text, name, not_name):
    out = extract(nlp, text)
    assert name in persons(out) and not_name not in persons(out)


@pytest.mark.parametrize(
    "text, name",
    [
        ('Police arrested driver Prasert "Lek" Wongchai, 37, at the checkpoint.', "Prasert Wongchai"),
        ('The court convicted Ma. Cecilia "Cecil" Ramos, 44, of qualified trafficking.', "Ma. Cecilia Ramos"),
        ('Among those charged was Arnel "Bunso" dela Pena, a barangay tanod.', "Arnel dela Pena"),
        ("Witnesses named the recruiter as Edwin \u201cEd\u201d Manalastas of Pampanga.", "Edwin Manalastas"),
    ],
)
def test_a_nickname_in_quotes_inside_a_name_leaves_one_person(nlp, text, name):
    found = persons(extract(nlp, text))
    assert name in found
    assert not any(n != name and n in name for n in found)  # no piece of the name as a second person


@pytest.mark.parametrize(
    "text, name",
    [
        ("Survivors wait at the shelter in Poipet. KT/Touch Sovann", "Touch Sovann"),
        ("A girl at the centre in Kampong Cham.\n\nPhoto: Chab Dai / Lim Sreypov", "Lim Sreypov"),
        ("Police said 12 women were rescued.\n\nReporter: Agus Wibisono\nEditor: Rina Lestari", "Agus Wibisono"),
        ("Police said 12 women were rescued.\n\nReporter: Agus Wibisono\nEditor: Rina Lestari", "Rina Lestari"),
        ("Officers escort the suspects. (Photo by SOVANN PHEAKDEY / AFP)", "SOVANN PHEAKDEY"),
        ("Ministry Denies Delay in Repatriation\n\nTEMPO | DIMAS PRASETYO\n\nThe ministry said", "DIMAS PRASETYO"),
    ],
)
def test_credit_lines_name_their_writers_and_photographers(nlp, text, name):
    out = extract(nlp, text)
    assert name in persons(out)
    assert not any("/" in a or a.endswith("Editor") for a in agencies(out) | persons(out))


def test_a_desk_credit_without_a_name_is_nobody(nlp):
    out = extract(nlp, "Rescued workers board a bus in Bavet. KT/Photo supplied")
    assert not any("KT" in n for n in agencies(out) | persons(out))


@pytest.mark.parametrize(
    "text",
    [
        "Police named three suspects, identified by their initials as AR, MS and YT, after the raid.",
        "A recruiter with the initials DK was handed to the regional police on Friday.",
    ],
)
def test_suspects_named_by_initials_are_no_agencies(nlp, text):
    out = extract(nlp, text)
    assert not agencies(out) & {"AR", "MS", "YT", "DK"}


@pytest.mark.parametrize(
    "text, place",
    [
        ("Officers searched a house in tambon Nong Kae of Hua Hin district.", "Nong Kae"),
        ("The workers came from kecamatan Sukaraja in Sukabumi.", "Sukaraja"),
        ("She was recruited in kabupaten Indramayu by a neighbour.", "Indramayu"),
        ("The building stands in sangkat Tuek Thla near the airport.", "Tuek Thla"),
        ("He rented rooms in Phnom Penh's Khan Mean Chey for the workers.", "Mean Chey"),
        ("Two brokers from Khan Kamboul were arrested.", "Kamboul"),
        ("A raid in barangay Mabolo freed six girls.", "Mabolo"),
    ],
)
def test_the_name_after_a_local_designator_is_a_place(nlp, text, place):
    out = extract(nlp, text)
    assert place in places(out)
    assert not any(place in n for n in persons(out) | agencies(out))
    assert not places(out) & {"Khan", "Tambon", "Kecamatan"}


@pytest.mark.parametrize(
    "text, owner, unit",
    [
        (
            "The Central Java Regional Police's Directorate of Special Crimes named four suspects.",
            "Central Java Regional Police",
            "Directorate of Special Crimes",
        ),
        (
            "Officers from the Sabah Marine Police's Intelligence Division boarded the boat.",
            "Sabah Marine Police",
            "Intelligence Division",
        ),
    ],
)
def test_a_police_force_owning_its_unit_is_two_agencies(nlp, text, owner, unit):
    found = agencies(extract(nlp, text))
    assert {owner, unit} <= found
    assert not any("'s" in a for a in found)


@pytest.mark.parametrize(
    "text",
    [
        "PUBLISHED : 14 Jun\n\nBANGKOK: Police freed nine women from a bar in Huai Khwang.",
        "Updated 2 Feb\n\nHANOI - Border guards stopped a car carrying six people.",
    ],
)
def test_a_pages_date_label_is_no_place(nlp, text):
    out = extract(nlp, text)
    assert not {n.casefold() for n in places(out) | agencies(out) | persons(out)} & {"published", "updated"}


@pytest.mark.parametrize(
    "text",
    [
        "Cambodian Fishermen Rescued Off Ranong\n\nThai navy officers freed 14 men from a trawler on Monday.",
        "Lao Girls Repatriated After Bar Raid\n\nNine girls were sent home through Nong Khai on Friday.",
        "Foreign Workers Deported From Sabah\n\nThe 40 men were flown out of Tawau.",
    ],
)
def test_a_headlines_subject_and_participle_are_no_person(nlp, text):
    found = persons(extract(nlp, text))
    assert not any(n.split()[-1] in {"Rescued", "Repatriated", "Deported"} for n in found)


@pytest.mark.parametrize(
    "text, agency",
    [
        (
            "Sok Lina, deputy director of the provincial Department of Women's Affairs, visited the shelter.",
            "Department of Women's Affairs",
        ),
        (
            "Inspectors from the municipal Department of Labour and Vocational Training closed the factory.",
            "Department of Labour and Vocational Training",
        ),
        (
            "The raid was carried out by the Johor Criminal Investigation Department on Tuesday night.",
            "Johor Criminal Investigation Department",
        ),
    ],
)
def test_lower_case_words_and_dates_at_an_agencys_edges_are_cut_off(nlp, text, agency):
    found = agencies(extract(nlp, text))
    assert agency in found
    assert not any(a.startswith(("provincial", "municipal")) or "Tuesday" in a for a in found)


@pytest.mark.parametrize(
    "text, agency",
    [
        ("Officers of the Mekong Migrant Workers Network (MMWN) met the families.", "Mekong Migrant Workers Network"),
        ("A complaint was lodged with the Seafarers Rights Alliance (SRA) in Songkhla.", "Seafarers Rights Alliance"),
    ],
)
def test_a_name_spelled_out_before_its_initials_is_an_agency(nlp, text, agency):
    assert agency in agencies(extract(nlp, text))


# -- general news: companies, outlets, teams' players, US towns (real-news, 115 texts) --------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Flooding closed roads in the Harlan, Perry and Letcher counties on Monday.", {"Harlan", "Perry", "Letcher"}),
        ("Cases were reported in Barry, Cass and Van Buren counties last week.", {"Barry", "Cass", "Van Buren"}),
    ],
)
def test_names_listed_before_a_plural_county_designator_are_places(nlp, text, expected):
    out = extract(nlp, text)
    assert expected <= places(out)
    assert not expected & persons(out)


@pytest.mark.parametrize(
    "text, maker, product",
    [
        (
            "Korvex's Unite Link for clinics received clearance, and hospitals in Norway use Korvex's Unite Link daily.",
            "Korvex",
            "Unite Link",
        ),
    ],
)
def test_a_makers_possessive_product_is_the_maker_alone(nlp, text, maker, product):
    found = agencies(extract(nlp, text))
    assert maker in found
    assert not any(product in a for a in found)


@pytest.mark.parametrize(
    "text, agency",
    [
        ("A spokesperson confirmed to the Harbour Ledger that the plant will close.", "Harbour Ledger"),
        ("Ad spending rose in 2017, according to an analysis from Brightmere, its data showed.", "Brightmere"),
        ("Teens want the new phone, a new survey from Halden Moss found this week.", "Halden Moss"),
    ],
)
def test_who_a_report_survey_or_confirmation_comes_from_is_an_agency(nlp, text, agency):
    assert agency in agencies(extract(nlp, text))


@pytest.mark.parametrize(
    "text, unit, parent",
    [
        ("The game was shown by CBS Sports on Sunday night.", "CBS Sports", "CBS"),
        ("Markets fell, analysts told CNN Business on Monday.", "CNN Business", "CNN"),
        ("The car is sold by Nissan North America Inc. in Texas.", "Nissan North America Inc.", "Nissan"),
    ],
)
def test_a_known_company_or_outlet_starting_a_longer_name_is_the_longer_name(nlp, text, unit, parent):
    found = agencies(extract(nlp, text))
    assert unit in found and parent not in found


@pytest.mark.parametrize(
    "text, maker",
    [
        ("The laptop runs an Intel Core chip and ships in May.", "Intel"),
        ("Gamers bought the Nintendo Switch Lite in droves.", "Nintendo"),
    ],
)
def test_a_known_maker_before_its_product_stays_the_maker(nlp, text, maker):
    assert maker in agencies(extract(nlp, text))


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Fans streamed the album on Spotify, and Engadget and TechCrunch reviewed the headphones Samsung released.",
            {"Spotify", "Engadget", "TechCrunch", "Samsung"},
        ),
    ],
)
def test_big_technology_companies_and_outlets_written_bare_are_agencies(nlp, text, expected):
    assert expected <= agencies(extract(nlp, text))


@pytest.mark.parametrize(
    "text, person, owner",
    [
        ("Leeds West's Amy Cole won the 100 metres in a record time.", "Amy Cole", "Leeds West"),
    ],
)
def test_a_player_owned_by_a_team_or_school_is_the_person(nlp, text, person, owner):
    out = extract(nlp, text)
    assert person in persons(out) and owner not in persons(out)


def test_the_one_an_inquiry_is_into_is_no_place(nlp):
    out = extract(nlp, "Lawmakers pressed for an investigation into Maria Lenz, the former treasurer, last month.")
    assert "Maria Lenz" in persons(out) and "Maria Lenz" not in places(out)


@pytest.mark.parametrize(
    "text, person",
    [
        ("Riverside diver Tomas Reyna won the state title on Saturday.", "Tomas Reyna"),
        ("Eastwood junior Kayla Britt finished second in the relay.", "Kayla Britt"),
    ],
)
def test_a_name_after_a_sport_or_school_year_role_is_a_person(nlp, text, person):
    out = extract(nlp, text)
    assert person in persons(out) and person not in agencies(out)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The horse show runs Oct. 5-7 in Gladstone, NJ; tickets are online.", {"Gladstone", "NJ"}),
        ("The expo opens in Elkton, MD, from May 2.", {"Elkton", "MD"}),
    ],
)
def test_a_town_with_a_us_state_code_is_two_places(nlp, text, expected):
    assert expected <= places(extract(nlp, text))


def test_a_doctors_post_nominal_md_is_no_state(nlp):
    out = extract(nlp, "The clinic is run by Jane Cole, MD, and her partner.")
    assert "MD" not in places(out) and "Jane Cole" in persons(out)


@pytest.mark.parametrize(
    "text, agency",
    [
        ("Analysts said the best choice was simply SpaceX.\n\nOthers disagreed.", "SpaceX"),
        ("The contract went to Blue Origin and SpaceX. Both will fly in 2022.", "SpaceX"),
    ],
)
def test_a_camel_case_name_before_a_full_stop_is_found(nlp, text, agency):
    assert agency in agencies(extract(nlp, text))


@pytest.mark.parametrize(
    "text, place",
    [
        ("Marta Lind, the former envoy to Kyiv, testified on Tuesday.", "Kyiv"),
        ("The delegation flew from Ankara to Bogota last week.", "Bogota"),
    ],
)
def test_national_capitals_are_places(nlp, text, place):
    assert place in places(extract(nlp, text))


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("HONOLULU, Hawaii (KhnlNewsNow) - Scientists using a telescope found water.", "KhnlNewsNow"),
        ("Hong Kong (Mercer Business) A muddled view of trade talks weighs on investors.", "Mercer Business"),
    ],
)
def test_the_outlet_in_brackets_after_a_dateline_is_an_agency(nlp, text, outlet):
    out = extract(nlp, text)
    assert outlet in agencies(out) and outlet not in persons(out)


def test_two_teams_joined_by_a_hyphen_for_their_game_are_two_teams(nlp):
    text = (
        "In the closing seconds of last week's Hawks-Rangers game in Denver, Hawks defensive end "
        "Mike Dorsey pulled off Rangers quarterback Sam Tully's helmet."
    )
    out = extract(nlp, text)
    assert {"Hawks", "Rangers"} <= agencies(out) and "Hawks-Rangers" not in agencies(out)
    assert {"Mike Dorsey", "Sam Tully"} <= persons(out)


@pytest.mark.parametrize(
    "text, agency",
    [
        (
            "Trump spoke after the House Select Committee on Intelligence ended its hearing.",
            "House Select Committee on Intelligence",
        ),
        ("The Standing Committee on Finance said no to the plan.", "Standing Committee on Finance"),
    ],
)
def test_a_committee_on_one_subject_is_an_agency(nlp, text, agency):
    assert agency in agencies(extract(nlp, text))


@pytest.mark.parametrize(
    "text, agency",
    [
        ("Spend a day at The Dutta Corp. Fair Hill International Three-Day Event in Elkton, MD.", "Dutta Corp"),
        ("Spend a day with Harlan Corp. staff in Elkton.", "Harlan Corp"),
    ],
)
def test_a_firm_ends_at_its_legal_form(nlp, text, agency):
    assert agency in agencies(extract(nlp, text))


def test_the_datelines_town_stays_a_place_when_the_parser_makes_it_a_subject(nlp):
    text = (
        "SANTA FE, N.M. (AP) — A dog missing for two years in Tulsa, Oklahoma, has been found in Santa Fe, New Mexico."
    )
    out = extract(nlp, text)
    assert "Santa Fe" in places(out) and not {"SANTA FE", "Santa Fe"} & persons(out)


@pytest.mark.parametrize(
    "text, agency",
    [
        ("A new game is finally coming out. Developer Valve called it a flagship VR game.", "Valve"),
        ("The headset was made by supplier Quantix for the launch.", "Quantix"),
    ],
)
def test_a_name_after_a_kind_of_firm_is_an_agency(nlp, text, agency):
    assert agency in agencies(extract(nlp, text))


def test_a_product_looking_name_with_a_firms_apposition_is_an_agency(nlp):
    text = "Google has bought CloudSimple, a startup that once helped Microsoft. CloudSimple grew fast."
    assert "CloudSimple" in agencies(extract(nlp, text))


def test_an_unknown_town_after_analysis_from_is_the_firm_that_did_it(nlp):
    out = extract(nlp, "Ad spending rose in 2017, according to analysis from Poynter.")
    assert "Poynter" in agencies(out) and "Poynter" not in places(out)


def test_a_family_name_speaking_after_a_quote_is_a_person(nlp):
    text = "\u201cIf the agency focuses on the rocket, there is a better chance of an earlier date,\u201d Cooke said."
    out = extract(nlp, text)
    assert "Cooke" in persons(out) and "Cooke" not in agencies(out)


@pytest.mark.parametrize("name", ["Mike Dunmore", "Steve Korbel", "Jeff Marlow", "Zach Pelham", "Matt Rourke"])
def test_common_english_short_given_names_start_a_persons_name(name):
    from nlp.entities import _starts_with_given_name

    assert _starts_with_given_name(name)


@pytest.mark.parametrize(
    "text, title, person",
    [
        (
            "The painter loved the night sky. His Starry Night hangs in the museum, Kemal Oduya said.",
            "Starry Night",
            "Kemal Oduya",
        ),
        ("Each case was written up, and Case Reports printed it, said Dr Lena Broek.", "Case Reports", "Lena Broek"),
    ],
)
def test_a_name_of_common_words_the_article_also_writes_in_lower_case_is_no_person(nlp, text, title, person):
    out = extract(nlp, text)
    assert title not in persons(out) and person in persons(out)


def test_an_agency_made_of_words_the_article_writes_in_lower_case_is_no_agency(nlp):
    text = "The plague spread fast, a black death in every town. The Black Death killed millions, the Harlow Foundation said."
    out = extract(nlp, text)
    assert "Black Death" not in agencies(out) and "Harlow Foundation" in agencies(out)


# -- issue 11, real news round 24 ---------------------------------------------------------
@pytest.mark.parametrize(
    "text, name",
    [
        ("Police said the man, identified only as Sutrisno, was detained at the port in Batam.", "Sutrisno"),
        ("A recruiter known simply as Bayu promised the women jobs in Malaysia.", "Bayu"),
        ("One survivor, who gave only her first name, Lina, said she was beaten.", "Lina"),
        ("A broker identified by his first name, Kosal, took their passports.", "Kosal"),
    ],
)
def test_a_one_word_name_the_text_says_is_all_it_knows_is_a_person(nlp, text, name):
    assert name in persons(extract(nlp, text))


def test_identified_only_as_a_nationality_is_no_person(nlp):
    assert not persons(extract(nlp, "The victims were identified only as Indonesians."))


@pytest.mark.parametrize(
    "text, title",
    [
        ("Players can now download Shadow Quest on the Nintendo Switch, the studio said.", "Shadow Quest"),
        ("Fans can play Ember Vale for PS4 from Friday.", "Ember Vale"),
        ("The studio's catalogue includes classics such as \u201cSilver Lantern\u201d and more.", "Silver Lantern"),
        ("The band closed with \u201cAnna Bell,\u201d a song about a sailor.", "Anna Bell"),
    ],
)
def test_games_and_quoted_titles_are_no_persons(nlp, text, title):
    assert title not in persons(extract(nlp, text))


def test_a_quoted_nickname_inside_a_name_stays_a_person(nlp):
    out = extract(nlp, 'Reynaldo "Dodong" Amistoso was jailed in Davao.')
    assert "Reynaldo Amistoso" in persons(out)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("Teens Rescued From Fishing Boat In Ambon", "Teens Rescued From Fishing Boat In Ambon"),
        (
            "Workers Trapped At Sawmill After Raid\n\nPolice in Jambi said on Monday.",
            "Workers Trapped At Sawmill After Raid",
        ),
    ],
)
def test_title_case_headlines_with_a_participle_and_a_capital_preposition_are_no_agencies(nlp, text, fragment):
    out = extract(nlp, text)
    assert fragment not in agencies(out) and fragment not in persons(out)


def test_participles_in_organisation_names_stay(nlp):
    out = extract(nlp, "The United Nations Office on Drugs and Crime said the Associated Press reported it.")
    assert {"United Nations Office on Drugs and Crime", "Associated Press"} <= agencies(out)


def test_a_country_inside_an_organisations_name_is_no_place(nlp):
    out = extract(nlp, "The case was brought by the U.S. Attorney's Office and the UK Border Force.")
    assert {"U.S. Attorney's Office", "UK Border Force"} <= agencies(out)
    assert not places(out) & {"U.S.", "UK"}


@pytest.mark.parametrize(
    "text, team",
    [
        ("Golden Valley Wildcats beat the Riverside Hawks 3-1 on Friday, said coach Mark Ellis.", "Riverside Hawks"),
        ("The Harbor City Sharks lost to Bayview Rovers 70-44 in the final.", "Bayview Rovers"),
    ],
)
def test_a_score_after_a_team_is_no_part_of_its_name(nlp, text, team):
    found = agencies(extract(nlp, text))
    assert team in found and not any(a.startswith(team + " ") for a in found)


@pytest.mark.parametrize(
    "text, currency",
    [
        ("Each was fined 16 million riel (about 3,900 U.S. dollars), the court in Phnom Penh said.", "U.S."),
        ("The fee was 500 Singapore dollars, and the men flew to Hong Kong.", "Singapore"),
    ],
)
def test_a_country_naming_a_currency_is_no_place(nlp, text, currency):
    assert currency not in places(extract(nlp, text))


@pytest.mark.parametrize(
    "text, feature",
    [
        ("The phone's new Night Mode impressed reviewers, Kestrel Mobile said.", "Night Mode"),
        ("The Orvane Smart Thermostat went on sale at Amazon for $199.", "Orvane Smart Thermostat"),
    ],
)
def test_a_name_ending_in_a_device_or_feature_noun_is_no_agency(nlp, text, feature):
    assert feature not in agencies(extract(nlp, text))


GERMAN_TEXT = (
    "Die Digitalisierung verändert seit Jahren die Arbeit in der Verwaltung. Viele Ämter setzen auf neue "
    "Software, doch die Effizienz bleibt oft hinter den Erwartungen zurück. Fachleute sprechen von einem "
    "langen Weg, denn die Prozesse sind über Jahrzehnte gewachsen und die Zuständigkeiten verteilt. "
    "Der Verband BITKOM fordert deshalb klare Regeln für die Zusammenarbeit zwischen Bund und Ländern. "
    "Auch die Kosten spielen eine Rolle: Jede Umstellung verlangt Schulungen, Geräte und Geduld. In vielen "
    "Behörden fehlt dafür das Personal, und die Einführung neuer Systeme dauert länger als geplant. "
    "Trotzdem sehen die meisten Beschäftigten Vorteile, wenn Formulare online ausgefüllt werden können "
    "und die Bearbeitung schneller geht. Die Erfahrung zeigt, dass kleine Schritte besser gelingen als "
    "große Reformen, die alles auf einmal ändern wollen."
)


def test_capitalised_nouns_of_a_text_not_in_english_are_no_agencies(nlp):
    found = agencies(extract(nlp, GERMAN_TEXT))
    assert not found & {"Effizienz", "Digitalisierung", "Software", "Erfahrung", "Personal", "Behörden"}


def test_english_prose_is_not_taken_for_a_foreign_text():
    from nlp.entities import _not_english

    text = " ".join(["The officers said that the men were taken to a shelter in the city and were safe."] * 10)
    import spacy

    assert not _not_english(spacy.blank("en")(text))
    assert _not_english(spacy.blank("en")(GERMAN_TEXT))


BOX_SCORE = (
    "BOYS BASKETBALL\n\n"
    "Lakeview d. Orchard Hill 61-47\n\n"
    "Lakeview (2-0): Marrow 21 points. Quillan 12 points. T. Osterby 8 points and 4 steals.\n\n"
    "Orchard Hill (0-2): Dashiell Prentiss 18 points. Kenard Vollmer and Rhys Abernathy 6 total.\n"
)
STANDINGS = (
    "Final standings after 20 rounds:\n\n"
    "Pos. Rider Points Wins\n"
    "1 Tobias Wrenfield 412 6\n"
    "2 Marek Dolansky 398 4\n"
    "3 Jory Castellane 377 3\n"
    "4 Emmett Halvorsen Jr. 350 2\n"
)


@pytest.mark.parametrize(
    "text, players",
    [
        (BOX_SCORE, {"Marrow", "Quillan", "T. Osterby", "Dashiell Prentiss", "Kenard Vollmer", "Rhys Abernathy"}),
        (STANDINGS, {"Tobias Wrenfield", "Marek Dolansky", "Jory Castellane", "Emmett Halvorsen Jr"}),
    ],
)
def test_players_of_box_scores_and_results_tables_are_persons(nlp, text, players):
    found = persons(extract(nlp, text))
    assert players <= found
    assert not found & {"Lakeview", "Orchard Hill", "Lakeview d. Orchard Hill"}


def test_a_table_of_teams_is_no_list_of_persons(nlp):
    table = "Premier table:\n\n1 Liverpool 38 99\n2 Manchester City 38 81\n3 Leicester City 38 66\n"
    assert not persons(extract(nlp, table)) & {"Liverpool", "Manchester City", "Leicester City"}


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Menurut riwayat, Utsman ra dan Hamzah ra pernah berkata bahwa Dan janganlah kamu berputus asa.", set()),
        ("Ia berkata: Telah datang orang-orang yang baik kepada Zubair ra dan Thalhah ra.", set()),
        ("Police also questioned Karel van der Berg, 61, and Hamid bin Rashid, 54.", {"Karel van der Berg"}),
    ],
)
def test_a_person_name_ends_before_a_lower_case_word_that_is_no_particle(nlp, text, kept):
    from nlp.entities import NAME_PARTICLES

    found = persons(extract(nlp, text))
    assert kept <= found
    assert not [n for n in found if any(w[:1].islower() and w not in NAME_PARTICLES for w in n.split())]


GERMAN_WORKPLACE_TEXT = (
    "Im Bereich Logistik verändert die Digitalisierung seit Jahren die Arbeit der Betriebe. Viele Firmen "
    "setzen auf neue Software, doch die Effizienz bleibt oft hinter den Erwartungen zurück. Langwierige "
    "Abstimmungen bremsen jede Umstellung, und die Zuständigkeiten sind verteilt. Kommen Sie mit uns ins "
    "Gespräch, sagt Stefan Becker, der seit zehn Jahren Projekte in der Branche leitet. Auch die Kosten "
    "spielen eine Rolle: Jede Umstellung verlangt Schulungen, Geräte und Geduld. In vielen Betrieben "
    "fehlt dafür das Personal, und die Einführung neuer Systeme dauert länger als geplant. Trotzdem sehen "
    "die meisten Beschäftigten Vorteile, wenn Formulare online ausgefüllt werden können und die "
    "Bearbeitung schneller geht. Status Quo ist für niemanden eine Lösung, meint Becker. Die Erfahrung "
    "zeigt, dass kleine Schritte besser gelingen als große Reformen, die alles auf einmal ändern wollen."
)


def test_capitalised_nouns_of_a_text_not_in_english_are_no_persons(nlp):
    found = persons(extract(nlp, GERMAN_WORKPLACE_TEXT))
    assert "Stefan Becker" in found
    assert not found & {"Im Bereich Logistik", "Kommen Sie", "Jahren Projekte", "Beschäftigten Vorteile", "Status Quo"}


GERMAN_TRADE_FAIR_TEXT = (
    "Die Messe findet in diesem Jahr wieder in Hamburg statt, und viele Aussteller kommen aus dem "
    "Ausland. Dieses Jahr sind wir in Zusammenarbeit mit einem Partner vor Ort, der seit Jahren Lösungen "
    "für den Handel entwickelt. Darüber hinaus zeigen wir neue Werkzeuge für die Planung, die Kosten in "
    "Millionenhöhe sparen sollen. Die Besucher können sich am Stand beraten lassen und die Produkte "
    "ausprobieren. Wer mehr wissen möchte, kann sich vorab anmelden und einen Termin vereinbaren. Die "
    "Veranstalter erwarten mehr Gäste als im letzten Jahr, denn das Interesse an digitalen Lösungen ist "
    "groß. Auch kleine Firmen zeigen, wie sie mit wenig Aufwand ihre Abläufe in Buchhaltung und Lager "
    "verbessern."
)


def test_a_text_not_in_english_keeps_only_the_places_the_gazetteer_knows(nlp):
    found = places(extract(nlp, GERMAN_TRADE_FAIR_TEXT))
    assert "Hamburg" in found
    assert not found & {"Zusammenarbeit", "Millionenhöhe", "Buchhaltung"}


def test_the_uk_nations_and_small_states_are_places_the_gazetteer_knows(nlp):
    text = (
        "Wales beat Andorra 3-0 and England drew with Gibraltar 1-1 on Saturday, while Scotland lost at home. "
        "Officers of the National Crime Agency said Police Scotland would review the crowd trouble in Sydney, "
        "New South Wales, where fans from Trinidad and Tobago had gathered."
    )
    out = extract(nlp, text)
    assert {"Wales", "Andorra", "England", "Gibraltar", "Scotland", "New South Wales", "Trinidad and Tobago"} <= places(
        out
    )
    assert "Police Scotland" in agencies(out)


@pytest.mark.parametrize(
    "text, seat, person",
    [
        (
            "The Senator representing Kebbi South , Musa Garba , on Monday moved a motion for the debate.",
            "Kebbi South",
            "Musa Garba",
        ),
        (
            "Sarah Cole, the MP for Bolton West, said the lawyer representing Tom Hardy would appeal.",
            "Bolton West",
            "Tom Hardy",
        ),
    ],
)
def test_a_legislators_seat_is_a_place_and_a_lawyers_client_a_person(nlp, text, seat, person):
    out = extract(nlp, text)
    assert seat in places(out) and seat not in persons(out)
    assert person in persons(out)


def test_a_gerund_opening_a_sentence_before_a_named_surname_is_no_given_name(nlp):
    text = (
        "Marc Lowry said the deal would close soon. Dana Cook, the chief executive of Apricot, agreed.\n\n"
        'Meeting Cook in Oslo "was a highlight for us," Lowry said.'
    )
    found = persons(extract(nlp, text))
    assert "Dana Cook" in found and "Meeting Cook" not in found


def test_a_mountain_after_atop_is_no_person(nlp):
    text = "Scientists using a telescope atop Mauna Loa have confirmed the presence of ice."
    assert "Mauna Loa" not in persons(extract(nlp, text))


def test_a_name_with_a_blessing_after_it_is_a_person_even_alone(nlp):
    text = (
        "Dalam riwayat itu, menghina istri Nabi yaitu Siti Khadijah tidak dibenarkan. Kisah ini diceritakan oleh "
        "Hafsah ra dan para sahabat lain kepada murid-murid mereka di Madinah pada masa itu."
    )
    assert "Hafsah" in persons(extract(nlp, text))


@pytest.mark.parametrize(
    "text, term",
    [
        ("Doctors said the worker had extrinsic allergic alveolitis, or EAA, after years in the mill.", "EAA"),
        ("Vets found chronic wasting disease, or CWD, in two deer near the farm. CWD spreads in saliva.", "CWD"),
        (
            "The hospital keeps its records in a Patientenverwaltungssystem (PVS) that the Ministry of Health certified.",
            "PVS",
        ),
    ],
)
def test_an_acronym_spelled_out_in_common_words_is_no_agency(nlp, text, term):
    assert term not in agencies(extract(nlp, text))


def test_an_acronym_spelled_out_in_capitals_stays_an_agency(nlp):
    text = "The Migrant Workers Rights Network (MWRN) said MWRN had helped 40 workers in Samut Sakhon."
    assert "Migrant Workers Rights Network" in agencies(extract(nlp, text))


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("CBS Sports NFL analyst Dana Whitfield reported that the league will review the hit.", "CBS Sports"),
        ("The ruling was first shown on NBC News on Tuesday, hours after the verdict in Manila.", "NBC News"),
    ],
)
def test_a_media_division_after_an_outlet_is_part_of_its_name(nlp, text, outlet):
    assert outlet in agencies(extract(nlp, text))


@pytest.mark.parametrize(
    "text, team",
    [
        (
            "Their season is over.\n\n... Coltrane State quarterback Mike Dorsey said he received threats online.",
            "Coltrane State",
        ),
        ("... Ridgemont athletic director Carla Boone said the coach keeps her full support.", "Ridgemont"),
        (
            "Cole Hart threw for two touchdowns and Western Ontario rolled past Southern Idaho, 31-10, on Friday.",
            "Southern Idaho",
        ),
        (
            "The Owls ended Ridgemont's title hopes in the Mid-Plains Conference West Division with one game left.",
            "Mid-Plains Conference",
        ),
    ],
)
def test_sports_teams_and_leagues_the_press_names(nlp, text, team):
    assert team in agencies(extract(nlp, text))


def test_players_in_a_scored_result_stay_persons(nlp):
    out = extract(nlp, "Canada won the tie after Tomas Berdan edged Reilly Hulme 7-6 (5), 7-6 (7) in Madrid.")
    assert {"Tomas Berdan", "Reilly Hulme"} <= persons(out)


def test_a_national_side_in_a_scored_result_stays_a_place(nlp):
    out = extract(nlp, "Wales beat Hungary 2-0 on Tuesday to earn the last spot at the tournament.")
    assert "Hungary" in places(out) and "Hungary" not in agencies(out)


def test_a_product_after_a_firm_is_no_media_division(nlp):
    assert "Amazon Music" not in agencies(
        extract(nlp, "Listeners without a subscription to Amazon Music Unlimited can now stream ads.")
    )


def test_a_name_listed_among_organisations_is_one(nlp):
    found = agencies(extract(nlp, "Customers can pick from Visa, Mastercard, Zelle and PayPal at checkout."))
    assert {"Mastercard", "Zelle"} <= found


def test_a_list_with_places_is_not_read_as_organisations(nlp):
    out = extract(nlp, "Workers came from Cambodia, Laos, Myanmar and Vietnam, the ILO and IOM said.")
    assert {"Cambodia", "Laos", "Myanmar", "Vietnam"} <= places(out)


@pytest.mark.parametrize(
    "text, call",
    [
        ("Dates for riders\n\nSPEND a day at the county fair cheering on the young riders; www.example.org.", "SPEND"),
        ("Autumn listings\n\nATTEND a two-day clinic with coach Dana Holm, Oct. 3-4, in Ocala, Fla.", "ATTEND"),
    ],
)
def test_a_listing_s_capitalised_verb_is_no_agency(nlp, text, call):
    assert call not in agencies(extract(nlp, text))


def test_an_acronym_opening_a_line_stays_an_agency(nlp):
    assert "UNICEF" in agencies(extract(nlp, "Aid update\n\nUNICEF said the children were safe in Kupang."))


def test_a_state_university_campus_is_part_of_its_name(nlp):
    text = "Dana Whitlow, a chemist at the University of California, Santa Cruz, led the study."
    assert "University of California, Santa Cruz" in agencies(extract(nlp, text))


def test_a_sentence_s_first_word_joined_to_an_organisation_is_one(nlp):
    text = "Wistrel and Global Lighting Technologies are said to be among the suppliers for the 14-inch model."
    assert "Wistrel" in agencies(extract(nlp, text))


@pytest.mark.parametrize(
    "text, arm",
    [
        (
            "The Mazda CX-9 arrives in March. Considering how Mazda Philippines offers every model, it may come.",
            "Mazda Philippines",
        ),
        ("Nissan Philippines offers the Terra in four trims, and Nissan dealers expect demand.", "Nissan Philippines"),
    ],
)
def test_a_company_s_national_arm_is_one_name(nlp, text, arm):
    assert arm in agencies(extract(nlp, text))


def test_a_name_set_beside_an_organisation_s_own_service_is_a_product(nlp):
    text = "Amazon has updated its voice service. The company's voice assistant, Nova, launched Tuesday, and Nova can now order food."
    found = agencies(extract(nlp, text))
    assert "Nova" not in found and "Amazon" in found


def test_an_outlet_described_as_a_service_stays_an_organisation(nlp):
    assert "Netflix" in agencies(extract(nlp, "Netflix, the streaming service, raised its prices in Manila on Monday."))


@pytest.mark.parametrize(
    "text, thing",
    [
        ("We tested the 15-inch model with 16GB of RAM and a 1TB drive.", "RAM"),
        ("The two modes match the quality settings on Xbox One X, the studio said in Manila.", "Xbox One"),
        (
            "Kestrel Motors offers the hatchback in nine finishes, among them a new Lagoon Blue for the GT.",
            "Lagoon Blue",
        ),
    ],
)
def test_a_finish_a_console_or_a_part_is_no_agency(nlp, text, thing):
    assert thing not in agencies(extract(nlp, text))


def test_an_acronym_the_model_took_for_a_person_is_an_organisation(nlp):
    assert "KNTV" in agencies(extract(nlp, "(Photos: KNTV, Haneul Media)"))


def extract_with_model_guess(nlp, text: str, surface: str, label: str | None) -> dict:
    """The pipeline's output when the model takes `surface` for a `label`, or misses it
    (None), as it does with some unfamiliar names: the spaCy model runs, its spans are set so,
    the components after it run as they do in the pipeline."""
    from spacy.tokens import Span

    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "ner":
            guess = doc.char_span(text.index(surface), text.index(surface) + len(surface))
            doc.ents = [e for e in doc.ents if e.end <= guess.start or e.start >= guess.end] + (
                [Span(doc, guess.start, guess.end, label=label)] if label else []
            )
    return doc_to_contract(doc)


def test_the_other_side_of_a_player_s_scored_result_is_a_player(nlp):
    text = "Canada levelled the tie after Vaclo Berdanek edged Reilly Hulme 7-6 (5), 7-6 (7) in Madrid."
    out = extract_with_model_guess(nlp, text, "Vaclo Berdanek", "ORG")
    assert "Vaclo Berdanek" not in agencies(out) and "Vaclo Berdanek" in persons(out)


def test_the_owner_of_a_work_after_a_kind_of_organisation_is_one(nlp):
    text = "Only one game is exclusive to the service, indie developer Mezcal Works' Drift, while the rest are ports."
    out = extract_with_model_guess(nlp, text, "Mezcal Works' Drift", "PERSON")
    assert "Mezcal Works" in agencies(out)


def test_an_outlet_named_for_its_town_is_credited_whole(nlp):
    text = "The campaign ran on TV and online, according to the Des Moines Evening Ledger."
    assert "Des Moines Evening Ledger" in agencies(extract(nlp, text))


@pytest.mark.parametrize(
    "text, thing",
    [
        (
            "Sales fell 10 percent, according to the AutoPulse Trends report from CarMetrics, a data provider.",
            "AutoPulse Trends",
        ),
        ("Deals on Kestrel's latest HomeHub with voice control are now live at Amazon.", "HomeHub"),
    ],
)
def test_a_makers_latest_model_or_a_report_s_title_is_no_agency(nlp, text, thing):
    assert thing not in agencies(extract(nlp, text))


def test_a_body_s_new_unit_stays_an_agency(nlp):
    assert "Anti-Trafficking Division" in agencies(
        extract(nlp, "The ministry's new Anti-Trafficking Division opened in Hanoi.")
    )


def test_who_a_survey_comes_from_is_an_organisation(nlp):
    text = "Teens want tablets more than ever. That is according to a new survey from Piper Halvorsen."
    out = extract(nlp, text)
    assert "Piper Halvorsen" in agencies(out) and "Piper Halvorsen" not in places(out)


def test_who_a_study_is_by_may_stay_a_person(nlp):
    assert "John Smith" in persons(extract(nlp, "A new study by John Smith found that most workers were unpaid."))


def test_a_game_s_other_side_is_a_team(nlp):
    text = "Their playoff hopes are slim after Sunday's loss to the Mudcats, coach Dan Reyes said."
    assert "Mudcats" in agencies(extract_with_model_guess(nlp, text, "Mudcats", None))


def test_a_race_after_its_distance_is_no_agency(nlp):
    text = "Senior Mia Ortiz defended her crown, winning the 100 yard Butterfly Sprint state title on Friday."
    assert "Butterfly Sprint" not in agencies(extract(nlp, text))


@pytest.mark.parametrize(
    "text, event",
    [
        (
            "WATCH the riders compete in the Hunter Pony Talent Search Finals West, Oct. 2-4, in Lexington, Ky.",
            "Hunter Pony Talent Search Finals West",
        ),
        ("The historic show features the Prix de Saratoga, a family day and a trade fair.", "Prix de Saratoga"),
    ],
)
def test_an_event_s_name_is_no_agency(nlp, text, event):
    assert event not in agencies(extract(nlp, text))


@pytest.mark.parametrize(
    "text, name",
    [
        ("Vo Thi My Linh, 29, and Tran Van Nam, 33, were jailed for eight and six years.", "Vo Thi My Linh"),
        ("Border guards arrested Dang Thi My Hanh and two men near the Mong Cai crossing.", "Dang Thi My Hanh"),
    ],
)
def test_a_vietnamese_given_name_that_is_an_english_word_stays_in_the_name(nlp, text, name):
    """The given name My (Mỹ) is an English stop word: the name must not stop before it."""
    assert name in persons(extract(nlp, text))


@pytest.mark.parametrize(
    "text, names",
    [
        ("The court sentenced the couple, Joko and Wati, to six years each.", {"Joko", "Wati"}),
        ("Police charged three brokers – Somsak, Chai and Noi – with trafficking.", {"Somsak", "Chai", "Noi"}),
    ],
)
def test_one_word_names_set_after_the_people_a_sentence_counts_are_persons(nlp, text, names):
    assert names <= set(persons(extract(nlp, text)))


@pytest.mark.parametrize(
    "text, name",
    [
        ("Ramon de los Santos was convicted of qualified trafficking.", "Ramon de los Santos"),
        (
            "Maria Santos dela Rosa and Pedro de los Reyes were convicted of qualified trafficking.",
            "Maria Santos dela Rosa",
        ),
    ],
)
def test_a_philippine_family_name_with_its_particle_stays_whole(nlp, text, name):
    assert name in persons(extract(nlp, text))


def test_an_age_before_a_dash_marks_the_last_name_of_a_list_as_a_person(nlp):
    text = (
        "Three Indonesians – Andi Saputra, 31, Budi Hartono, 29, and Citra Dewi, 27 – were each jailed for five years."
    )
    assert {"Andi Saputra", "Budi Hartono", "Citra Dewi"} <= set(persons(extract(nlp, text)))

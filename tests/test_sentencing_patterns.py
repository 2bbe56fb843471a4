"""Sentencing patterns seen in real reporting, one test (or more) per pattern, on invented texts.

Every text here is made up; the styles copy wire services, UK regional papers, US Justice
Department releases and South-East Asian English-language dailies.
"""

import pytest

from nlp.extract import doc_to_contract


def contract(nlp, text):
    return doc_to_contract(nlp(text))


def terms(nlp, text):
    """{defendant: prison_months} (or "life" / "death")."""
    found = {}
    for s in contract(nlp, text)["sentences"]:
        found[s["defendant"]] = "death" if s["death"] else "life" if s["life"] else s["prison_months"]
    return found


def one(nlp, text):
    found = contract(nlp, text)["sentences"]
    assert len(found) == 1, found
    return found[0]


# --- gapped lists and "respectively" -------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Police arrested Chan Vuthy, Lim Sokha, Pov Rina and Hem Sopheak in March. At their trial, "
            "Chan Vuthy got nine years, Lim Sokha six years, and Pov Rina and Hem Sopheak five years each.",
            {"Chan Vuthy": 108, "Lim Sokha": 72, "Pov Rina": 60, "Hem Sopheak": 60},
        ),
        (
            "The Kuala Lumpur Sessions Court jailed Ahmad Razali for eight years, Lee Chong Wei for five "
            "years and Siti Rohana for three years.",
            {"Ahmad Razali": 96, "Lee Chong Wei": 60, "Siti Rohana": 36},
        ),
    ],
)
def test_gapped_list_gives_each_group_its_term(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The Bangkok Criminal Court jailed Anan Srisawat and Kittisak Phrom for 14 and 11 years respectively.",
            {"Anan Srisawat": 168, "Kittisak Phrom": 132},
        ),
        (
            "HANOI - Pham Van Long, 41, and Dang Thi Thu, 36, were sentenced to 12 and nine years in prison, "
            "respectively, the newspaper said.",
            {"Pham Van Long": 144, "Dang Thi Thu": 108},
        ),
        (
            "Nguyen Minh Duc, 30, and Hoang Van Son, 28, were sentenced to 13 and 10 years respectively, while "
            "Bui Thi Hanh, 25, and Trinh Van Quy, 33, received four years each.",
            {"Nguyen Minh Duc": 156, "Hoang Van Son": 120, "Bui Thi Hanh": 48, "Trinh Van Quy": 48},
        ),
    ],
)
def test_respectively_over_a_list_of_numbers(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The two men, Arif Rahman and Bashir Khan, were jailed for seven and five years.",
            {"Arif Rahman": 84, "Bashir Khan": 60},
        ),
        ("Mohd Nazri was sentenced to five years and Azlan Shah to three years.", {"Mohd Nazri": 60, "Azlan Shah": 36}),
        (
            "Ko Aung, 45, and Ma Hla, 38, were given 20-year and 15-year prison terms respectively.",
            {"Ko Aung": 240, "Ma Hla": 180},
        ),
    ],
)
def test_listed_terms_without_respectively(nlp, text, expected):
    assert terms(nlp, text) == expected


# --- aggregates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The court jailed four men, Kyaw Zin Htet, Min Khant, Soe Paing and Aung Naing Oo, for a combined 60 years.",
        "Ahmad Faizal and Rosli Hamid were sentenced to a total of 30 years in prison.",
    ],
)
def test_aggregate_term_is_nobodys_term(nlp, text):
    found = contract(nlp, text)["sentences"]
    assert all(s["prison_months"] is None for s in found), found  # nothing, or null terms
    assert not any(s["prison_months"] in (720, 360) for s in found)


def test_one_persons_total_is_their_term(nlp):
    record = one(nlp, "Hakim Razak was sentenced to a total of 22 years in prison on three counts of trafficking.")
    assert record["prison_months"] == 264


# --- suspended parts --------------------------------------------------------------------------


def test_suspended_part_on_top_of_custody(nlp):
    record = one(nlp, "Maria Dela Cruz was sentenced to 18 months in prison with two years suspended.")
    assert (record["prison_months"], record["suspended_months"]) == (42, 24)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Touch Sreyneang was sentenced to three years in prison, two of them suspended.", (36, 24)),
        ("Sok Dara was jailed for five years, three of which were suspended.", (60, 36)),
    ],
)
def test_a_counted_part_suspended_is_in_the_terms_unit(nlp, text, expected):
    record = one(nlp, text)
    assert (record["prison_months"], record["suspended_months"]) == expected


def test_most_of_it_suspended_with_time_served_told(nlp):
    record = one(
        nlp,
        "Ingrid Hansen was sentenced to three years, most of it suspended, so that she will "
        "spend seven months in jail.",
    )
    assert (record["prison_months"], record["suspended_months"]) == (36, 29)


def test_uk_suspended_sentence_order(nlp):
    record = one(nlp, "At Leeds Crown Court, Karen Lee was given a suspended sentence order of two years.")
    assert (record["prison_months"], record["suspended_months"]) == (24, 24)


# --- plural back-references -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Police detained Tran Van Nam, Le Thi Hoa, Pham Duc Anh and Vo Minh Tuan at the border in May. "
            "All four were jailed for 18 months.",
            {"Tran Van Nam": 18, "Le Thi Hoa": 18, "Pham Duc Anh": 18, "Vo Minh Tuan": 18},
        ),
        (
            "Nguyen Thi Lan and her husband Do Van Binh ran the karaoke bar for three years. "
            "The couple were each handed five-year prison terms.",
            {"Nguyen Thi Lan": 60, "Do Van Binh": 60},
        ),
        (
            "Officers arrested Somchai Wongsa and Prasert Kaewmanee in 2019. Both men received 12-year "
            "sentences on Tuesday.",
            {"Somchai Wongsa": 144, "Prasert Kaewmanee": 144},
        ),
        # "a third suspect" is not one of "the two"
        (
            "Chea Sophal and Mao Srey Pov were arrested in June. A third suspect, Keo Rith, fled.\n\n"
            "On Tuesday, the two were sentenced to 10 years each.",
            {"Chea Sophal": 120, "Mao Srey Pov": 120},
        ),
    ],
)
def test_plural_back_references(nlp, text, expected):
    assert terms(nlp, text) == expected


# --- the subject is the defendant, never the judge --------------------------------------------


def test_jailed_after_judge_found_him_guilty(nlp):
    found = terms(nlp, "Rahman Ali was jailed for six years after Judge Helen Carter found him guilty of trafficking.")
    assert found == {"Rahman Ali": 72}


def test_time_span_after_a_term_is_still_a_trap(nlp):
    assert terms(nlp, "Chen Wei was arrested in 2015 and sentenced in 2021, six years after the raid.") == {}


# --- handed / received ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Pedro Santos was handed a 15-year jail term by the regional trial court.", {"Pedro Santos": 180}),
        ("Juan Reyes received a sentence of eight years for recruiting the workers.", {"Juan Reyes": 96}),
        ("Noor Aziz and Karim Shah were each handed five-year prison terms.", {"Noor Aziz": 60, "Karim Shah": 60}),
        # "apiece" parsed as modified by the years
        (
            "Drivers Sok Pisey, Nhem Vanna and Chhun Rithy got five years apiece.",
            {"Sok Pisey": 60, "Nhem Vanna": 60, "Chhun Rithy": 60},
        ),
    ],
)
def test_handed_and_received_terms(nlp, text, expected):
    assert terms(nlp, text) == expected


# --- reductions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Boonchai Thongkam was sentenced to 50 years, halved to 25 for a confession.",
        "Boonchai Thongkam was sentenced to 50 years, reduced to 25 years because he confessed.",
        "The Songkhla Provincial Court sentenced Boonchai Thongkam to 50 years, but halved the term because he confessed.",
    ],
)
def test_thai_reduction_gives_the_final_term(nlp, text):
    assert terms(nlp, text) == {"Boonchai Thongkam": 300}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The court sentenced Prayut Saeng to 20 years, but reduced the term by half because he confessed.", 120),
        ("Prayut Saeng was sentenced to 30 years, reduced by one-third to 20 years.", 240),
    ],
)
def test_reduction_by_a_fraction(nlp, text, expected):
    assert terms(nlp, text) == {"Prayut Saeng": expected}


def test_year_before_to_is_not_a_range(nlp):
    assert terms(nlp, "Kim Sovann was sentenced in 2019 to eight years.") == {"Kim Sovann": 96}


# --- unstated length --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Police charged Siti Aminah and Budi Santoso last year. The couple were given prison terms on Monday.",
        "Siti Aminah and Budi Santoso were sentenced to prison, the prosecutor's office said.",
    ],
)
def test_unstated_length_still_makes_records(nlp, text):
    found = contract(nlp, text)["sentences"]
    assert sorted(s["defendant"] for s in found) == ["Budi Santoso", "Siti Aminah"]
    assert all(s["prison_months"] is None and not s["life"] for s in found)


# --- appeals ----------------------------------------------------------------------------------


def test_appeal_cut_gives_the_current_term(nlp):
    text = "Ly Chanthou was jailed for 15 years in 2021. The appeals court cut his sentence from 15 to 10 years."
    assert terms(nlp, text) == {"Ly Chanthou": 120}


def test_a_term_cut_to_years_and_months(nlp):
    text = (
        "The court sentenced a former village chief to 10 years in prison.\n\nPrayoon Saengkham, 57, was found "
        "guilty and his term was reduced to six years and eight months because his testimony was useful."
    )
    assert terms(nlp, text) == {"Prayoon Saengkham": 80}


def test_appeal_cut_for_someone_told_by_role_and_named_next(nlp):
    text = (
        "The Appeal Court on Monday upheld the conviction of a broker who sent 14 women to work as maids in "
        "Saudi Arabia, but reduced his sentence to seven years from 10.\n\nIm Pheakdey, 48, had been "
        "sentenced by the Phnom Penh Municipal Court in 2023."
    )
    assert terms(nlp, text) == {"Im Pheakdey": 84}


def test_appeal_increase_to_life(nlp):
    text = "Ly Chanthou was jailed for 15 years in 2021. On appeal, the sentence was increased to life."
    assert terms(nlp, text) == {"Ly Chanthou": "life"}


def test_law_change_is_not_an_appeal(nlp):
    text = (
        "Ly Chanthou was jailed for 15 years in 2021. Parliament later raised the maximum "
        "penalty for trafficking to 20 years."
    )
    assert terms(nlp, text) == {"Ly Chanthou": 180}


# --- aliases and pronouns ---------------------------------------------------------------------


def test_alias_resolves_to_the_full_name(nlp):
    text = "Sok Dara, also known as Meng, 36, ran the recruitment ring. Meng was sentenced to 12 years in prison."
    assert terms(nlp, text) == {"Sok Dara": 144}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "David Jones, 52, of Walsall, trafficked three women from Romania to work in car washes. "
            "He was jailed for nine years.",
            {"David Jones": 108},
        ),
        # the model reads "Halesowen" as a person: a name only ever in a place's slot is not "he"
        (
            "Paul Smith, 47, of Halesowen, recruited the men from Poland. He was jailed for nine years.",
            {"Paul Smith": 108},
        ),
    ],
)
def test_pronoun_goes_to_the_person_not_the_town(nlp, text, expected):
    assert terms(nlp, text) == expected


# --- UK / US / Philippine styles ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mark Evans was jailed for nine years and four months at Birmingham Crown Court.", {"Mark Evans": 112}),
        (
            "John Miller was sentenced to 188 months in federal prison, followed by five years of supervised release.",
            {"John Miller": 188},
        ),
        ("Jose Ramos was sentenced to reclusion perpetua by the Regional Trial Court.", {"Jose Ramos": "life"}),
        ("Peter Hall was sentenced to life imprisonment.", {"Peter Hall": "life"}),
        ("The People's Court of Lao Cai sentenced Vang Seo Pao to death.", {"Vang Seo Pao": "death"}),
        (
            "The government convicted Dutch national Jan de Vries to life imprisonment for online sexual "
            "exploitation of children.",
            {"Jan de Vries": "life"},
        ),
    ],
)
def test_outlet_styles(nlp, text, expected):
    assert terms(nlp, text) == expected


# --- traps stay rejected ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "trap",
    [
        "Under the law, Chea Sokha faces up to 20 years in prison.",
        "Prosecutors demanded 10 years for Chea Sokha.",
        "Chea Sokha could be jailed for 10 years.",
        "Chea Sokha was acquitted of all charges.",
        "A 17-year-old girl was rescued from the house of Rina Dewi, who was arrested.",
        "In 2020, courts convicted 19 traffickers with sentences between two and 15 years.",
        "Courts sentenced Joko Widodo's co-accused to between two and 15 years.",
        "Mr Tan Boon Huat could be sentenced to prison if found guilty.",
        "Noy Kham was jailed for two to five years, the report said.",
    ],
)
def test_traps_stay_rejected(nlp, trap):
    assert terms(nlp, trap) == {}


# --- more shapes of the same patterns -----------------------------------------------------------


def test_gapped_list_across_descriptions_and_fines(nlp):
    text = (
        "The Battambang Provincial Court sentenced Wang Jun to 10 years and a fine of 20 million riel, "
        "Zhao Peng and Liu Yang to seven years each, and Cambodian driver Sok Heng to four years."
    )
    assert terms(nlp, text) == {"Wang Jun": 120, "Zhao Peng": 84, "Liu Yang": 84, "Sok Heng": 48}


def test_respective_years_and_months(nlp):
    text = (
        "Colin Marsh, 61, and his wife Janet Marsh, 58, who let the flat, received five years and "
        "30 months respectively."
    )
    assert terms(nlp, text) == {"Colin Marsh": 60, "Janet Marsh": 30}


def test_respective_life_and_term(nlp):
    text = (
        "Pham Thi Ngoc, 40, and Dao Van Khoa, 29, were sentenced to life imprisonment and 16 years "
        "in prison respectively."
    )
    assert terms(nlp, text) == {"Pham Thi Ngoc": "life", "Dao Van Khoa": 192}


def test_each_handed_two_year_sentences(nlp):
    text = "Lam Van Tho, 27, and Chu Thi Na, 31, were each handed two-year sentences suspended for two years."
    assert terms(nlp, text) == {"Lam Van Tho": 24, "Chu Thi Na": 24}


def test_headline_and_byline_names_are_not_defendants(nlp):
    text = (
        "Bar Boss Gets 12 Years For Selling Girls\n\nBy Nattapong Srisai\n\n"
        "CHIANG RAI: The provincial court on Monday sentenced the owner of a bar to prison for "
        "trafficking four girls.\n\nThe owner, Wichai Kaewta, 51, was jailed for 12 years."
    )
    assert terms(nlp, text) == {"Wichai Kaewta": 144}


def test_forward_reference_follows_the_same_noun(nlp):
    text = (
        "The Takeo Provincial Court has sentenced a grandmother to five years in prison for selling "
        "her granddaughter.\n\nThe broker, Chan Rath, 39, was jailed for 11 years.\n\n"
        "The grandmother, Nhem Sokha, 66, wept as the verdict was read."
    )
    assert terms(nlp, text) == {"Nhem Sokha": 60, "Chan Rath": 132}


def test_appeal_told_before_the_trial(nlp):
    text = (
        "The Court of Appeal on Tuesday cut the sentence of a Chinese national from 16 years to 12 years.\n\n"
        "Zhou Bin, 40, was jailed for 16 years by the municipal court in 2022."
    )
    assert terms(nlp, text) == {"Zhou Bin": 144}


def test_appeal_names_the_owner(nlp):
    text = (
        "Somkiat Rakdee, 60, was sentenced to life imprisonment in 2019. The Supreme Court reduced "
        "the sentence of Anuwat Thong, 45, a boat owner who hid the migrants, from 30 years to 22 years."
    )
    assert terms(nlp, text) == {"Somkiat Rakdee": "life", "Anuwat Thong": 264}


def test_upheld_term(nlp):
    text = (
        "The accountant, Lim Sreyneang, 34, had asked the appeal court to acquit her. Her six-year sentence was upheld."
    )
    assert terms(nlp, text) == {"Lim Sreyneang": 72}


@pytest.mark.parametrize(
    "trap",
    [
        "Mey Sophea was jailed for nine years in 2020. Judges upheld the law's 20-year maximum sentence on Monday.",
        "Mey Sophea was jailed for nine years in 2020. Parliament voted to increase the penalty to 20 years.",
    ],
)
def test_law_changes_leave_the_term_alone(nlp, trap):
    assert terms(nlp, trap) == {"Mey Sophea": 108}


def test_witness_speaking_about_an_appeal_is_not_its_owner(nlp):
    text = (
        "Ros Sambo, 50, was jailed for 12 years in 2021. Keo Bopha, a victim, said she wept when "
        "the appeal court cut his sentence to eight years."
    )
    assert terms(nlp, text) == {"Ros Sambo": 96}


# --- continued lists: semicolons and left-out units ------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # VnExpress style: each segment "name, age, [apposition,] term"
        (
            "At the first-instance trial, Tran Van Hieu, 36, the ringleader, was sentenced to 14 years; "
            "Do Thi Mai, 31, his girlfriend, 12 years; Ngo Van Phuc, 29, ten years; and Ly Van Tam, 22, "
            "and Cao Van Dat, 24, five years each.",
            {"Tran Van Hieu": 168, "Do Thi Mai": 144, "Ngo Van Phuc": 120, "Ly Van Tam": 60, "Cao Van Dat": 60},
        ),
        # Khmer Times style: descriptors before names, an alias, "received"
        (
            "The compound's manager, Zhang Wei, 44, received 12 years; his deputy Chen Hao, also known as "
            '"Ah Hao", 38, ten years; guards Sok Vanna, 29, and Keo Rithy, 31, seven years each; and '
            "accountant Liu Yang, 33, five years.",
            {"Zhang Wei": 144, "Chen Hao": 120, "Sok Vanna": 84, "Keo Rithy": 84, "Liu Yang": 60},
        ),
        # Bangkok Post style: bare commas inside the segments
        (
            "Somchai Wongsa received 12 years; Prasit Boonma, 10 years; and Anan Chaiyo, eight years.",
            {"Somchai Wongsa": 144, "Prasit Boonma": 120, "Anan Chaiyo": 96},
        ),
        # US Justice Department style: the verb's own person got life, the gapped ones years
        (
            "Jose Luis Moreno, 45, was sentenced to life in prison; Carlos Ortega, 38, to 30 years; and "
            "Manuel Ruiz, 33, to 17 and a half years.",
            {"Jose Luis Moreno": "life", "Carlos Ortega": 360, "Manuel Ruiz": 210},
        ),
    ],
)
def test_semicolon_list_gives_each_segment_its_term(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The court sentenced Kim Sokha to 10 years, Chan Dara to eight and Heng Vibol to six.",
            {"Kim Sokha": 120, "Chan Dara": 96, "Heng Vibol": 72},
        ),
        (
            "The Shah Alam Sessions Court sentenced Ahmad Zaki to 12 years and Rosli Daud to nine.",
            {"Ahmad Zaki": 144, "Rosli Daud": 108},
        ),
    ],
)
def test_left_out_unit_is_the_first_terms(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_semicolon_after_term_is_not_a_list_of_demands(nlp):
    found = terms(nlp, "Ali Hassan was jailed for nine years; prosecutors had asked for 15 years for Omar Farouk.")
    assert "Omar Farouk" not in found


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "According to the verdict, Somchai's wife, Duangporn Srisuk, who managed the group's finances, "
            "received 16 years and the couple's nephew, Thanakrit Boonsri, 12 years.",
            {"Duangporn Srisuk": 192, "Thanakrit Boonsri": 144},
        ),
        (
            "Ko Min Thu, who ran the brothel, was jailed for 12 years while Ma Aye Aye, who kept the money, got five years.",
            {"Min Thu": 144, "Aye Aye": 60},  # Burmese "Ko" and "Ma" are honorifics, no part of the name
        ),
    ],
)
def test_relative_clause_after_a_name_in_a_gapped_list(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_modified_penalty_on_appeal_is_the_term(nlp):
    text = (
        "Bar manager Liza Tolentino had been sentenced by the trial court to 20 years. "
        "The Court of Appeals modified her penalty to 15 years of imprisonment."
    )
    assert terms(nlp, text) == {"Liza Tolentino": 180}


# --- common phrasings across outlets ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # Khmer Times: three names, "each jailed"
        (
            "Chan Dara, Sok Heng and Lim Pov were each jailed for seven years by the Kandal Provincial Court.",
            {"Chan Dara": 84, "Sok Heng": 84, "Lim Pov": 84},
        ),
        # VnExpress: the term in a later sentence after the names
        (
            "Police arrested Nguyen Van An, Tran Thi Binh and Le Van Cuong in 2023. The three were found guilty "
            "of trafficking. They were each sentenced to nine years in prison.",
            {"Nguyen Van An": 108, "Tran Thi Binh": 108, "Le Van Cuong": 108},
        ),
        # AFP: in absentia
        (
            "Wang Jun, a Chinese national, was sentenced in absentia to 15 years in prison by the Preah Sihanouk "
            "Provincial Court.",
            {"Wang Jun": 180},
        ),
        # Bangkok Post: "a 15-year prison term"
        ("Somchai Kaewta was given a 15-year prison term by the Criminal Court.", {"Somchai Kaewta": 180}),
        # BBC/CPS: one person's total over several counts
        (
            "Ahmad Kamal was jailed for a total of 24 years after the court ordered the terms to run consecutively.",
            {"Ahmad Kamal": 288},
        ),
        ("Mark Hughes was ordered to serve eight years in prison.", {"Mark Hughes": 96}),
        # Bangkok Post: "handed down sentences of ... to"
        (
            "The Criminal Court handed down sentences of 20 years to Anan Sukjai and 10 years to Preecha Dee.",
            {"Anan Sukjai": 240, "Preecha Dee": 120},
        ),
        (
            "The court handed down prison terms of 12 years to Lim Sokha, eight years to Chan Dara and five years "
            "to Heng Vibol.",
            {"Lim Sokha": 144, "Chan Dara": 96, "Heng Vibol": 60},
        ),
        # Inquirer: "got life"
        ("Juan dela Cruz got life for trafficking minors in Pampanga.", {"Juan dela Cruz": "life"}),
        # The Star: ages and a shared origin, "years' jail"
        (
            "Lim Ah Seng, 34, and Tan Boon Hock, 29, both from Johor Bahru, were sentenced to 10 years' jail each.",
            {"Lim Ah Seng": 120, "Tan Boon Hock": 120},
        ),
        # The Star: whipping
        ("The Sessions Court jailed Rosli Hamid 10 years and ordered six strokes of the cane.", {"Rosli Hamid": 120}),
        # Jakarta Post: fine with a subsidiary term
        (
            "Budi Santoso was sentenced to 6 years in prison and fined Rp 200 million, or an additional 3 months.",
            {"Budi Santoso": 72},
        ),
        # US Attorney's Office
        (
            "Michael Brown, 45, of Houston, was sentenced to 188 months in federal prison for sex trafficking.",
            {"Michael Brown": 188},
        ),
        # UK: years and months
        (
            "Darren Whitfield, 52, was jailed for six years and nine months at Wolverhampton Crown Court.",
            {"Darren Whitfield": 81},
        ),
        # death, and a commutation
        (
            "Nguyen Thi Lan was sentenced to death by the Hanoi People's Court for trafficking women.",
            {"Nguyen Thi Lan": "death"},
        ),
        (
            "The death sentence of Tran Van Hoa was commuted to life imprisonment by the president.",
            {"Tran Van Hoa": "life"},
        ),
    ],
)
def test_common_phrasings(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The judge said Ramon Santos would have got life had he not pleaded guilty.",
        "The court handed down a sentence of 12 years to Lim Sokha, and prosecutors sought 20 years for Chan Dara.",
    ],
)
def test_common_phrasing_traps(nlp, text):
    found = terms(nlp, text)
    assert "Ramon Santos" not in found and "Chan Dara" not in found, found


def test_what_is_left_after_a_reduction_is_the_term(nlp):
    text = (
        "Prasit Yodmanee, 52, the captain, was sentenced to 16 years and fined 400,000 baht, but because he "
        "confessed the court halved both, leaving him with eight years in prison and a fine of 200,000 baht."
    )
    assert terms(nlp, text) == {"Prasit Yodmanee": 96}


def test_had_her_sentence_upheld(nlp):
    assert terms(nlp, "Maria Goreti Seran, 39, had her four-year sentence upheld.") == {"Maria Goreti Seran": 48}
    assert terms(nlp, "Siti Rahma had asked the court to uphold her four-year sentence.") == {}


def test_term_halved_in_the_next_sentence(nlp):
    text = (
        "Somsak Thongchai, 45, a former tour operator, was initially sentenced to 60 years on charges of "
        "human trafficking. Because he confessed, the court cut the term by half."
    )
    assert terms(nlp, text) == {"Somsak Thongchai": 360}


def test_halving_after_several_people_is_not_guessed(nlp):
    text = (
        "Anan Dee and Preecha Kham were sentenced to 20 years each. Because one of them confessed, "
        "the court cut his term by half."
    )
    assert terms(nlp, text) == {"Anan Dee": 240, "Preecha Kham": 240}


# --- patterns from the tune texts of round 3 (tun-101 .. tun-129) ------------------------------


def test_he_and_she_resolve_by_gender(nlp):
    text = (
        "Kevin Jones, 52, of Bloxwich Road, Walsall, and his wife Lan Jones, 44, were sentenced at "
        "Wolverhampton Crown Court on Friday after being convicted of holding a person in slavery.\n\n"
        "He was jailed for seven years. She was given 40 months."
    )
    assert terms(nlp, text) == {"Kevin Jones": 84, "Lan Jones": 40}


def test_her_sentence_raised_is_not_her_husbands(nlp):
    text = (
        "The district court in June sentenced Rina Wulandari, 41, to six years in prison. Her husband, "
        "Agus Setiawan, 45, was sentenced to five years.\n\nOn Tuesday, the high court judges raised her "
        "sentence to 10 years."
    )
    assert terms(nlp, text) == {"Rina Wulandari": 120, "Agus Setiawan": 60}


def test_given_a_term_after_a_finding(nlp):
    text = (
        "Ong Kah Seng, 51, got eight years' jail while his wife, Teoh Siew Lan, 48, was given six years "
        "after the court found them guilty of trafficking a maid for forced labour."
    )
    assert terms(nlp, text) == {"Ong Kah Seng": 96, "Teoh Siew Lan": 72}


def test_each_after_a_colon_list(nlp):
    text = (
        "The Koh Kong Provincial Court yesterday sentenced seven people to prison for trafficking men to "
        "fishing boats.\n\nThe defendants: Chhorn Vibol, 47; Meas Rithy, 36; Phan Sophal, 52; Long Dara, 29; "
        "Yem Chantha, 41; Sar Kimheng, 33; and Kong Sothea, 38. Each was sentenced to seven years in prison."
    )
    assert terms(nlp, text) == {
        name: 84
        for name in (
            "Chhorn Vibol",
            "Meas Rithy",
            "Phan Sophal",
            "Long Dara",
            "Yem Chantha",
            "Sar Kimheng",
            "Kong Sothea",
        )
    }


def test_given_a_term_halved_from_a_longer_one(nlp):
    text = (
        "His accomplice, Wasana Jaidee, 37, a broker from Songkhla, was given 12 years, halved from 24 years "
        "for her confession."
    )
    assert terms(nlp, text) == {"Wasana Jaidee": 144}


def test_time_served_is_a_sentence_without_a_term(nlp):
    text = "A manager, Joko Prasetyo, 34, who cooperated with the government, was sentenced to time served."
    found = one(nlp, text)
    assert found["defendant"] == "Joko Prasetyo" and found["prison_months"] is None


def test_fined_him_in_the_same_sentence_is_the_same_defendant(nlp):
    text = (
        "Kupang court jails recruiter 12 years\n\nYohanes Bria Seran\nThe Jakarta Post\n\n"
        "The Kupang District Court has sentenced a labor recruiter to 12 years in prison and fined him "
        "Rp 500 million for sending 19 women to Malaysia.\n\nThe panel of judges found Yosef Nahak, 45, guilty "
        "of human trafficking."
    )
    assert terms(nlp, text) == {"Yosef Nahak": 144}


def test_semicolon_list_after_a_colon(nlp):
    text = (
        "All nine defendants were convicted, and the sentences were as follows: Kittipong Srisuk, the "
        "ringleader, 20 years; Jintana Phromma, 15 years; Sompong Duangjai, eight years and eight months; "
        "Lao national Khamphone Sisavath, life imprisonment; and Suda Chanthara, two years, suspended for "
        "three years."
    )
    found = {s["defendant"]: s for s in contract(nlp, text)["sentences"]}
    assert {k: "life" if v["life"] else v["prison_months"] for k, v in found.items()} == {
        "Kittipong Srisuk": 240,
        "Jintana Phromma": 180,
        "Sompong Duangjai": 104,
        "Khamphone Sisavath": "life",
        "Suda Chanthara": 24,
    }
    assert found["Suda Chanthara"]["suspended_months"] == 24 and found["Kittipong Srisuk"]["suspended_months"] is None


def test_a_colon_list_of_ages_is_no_sentence(nlp):
    text = "Police arrested the suspects in May. The suspects: Chhorn Vibol, 47; Meas Rithy, 36; and Kong Sothea, 38."
    assert terms(nlp, text) == {}


def test_them_with_listed_terms_named_in_the_next_sentence(nlp):
    text = (
        "Last week the Battambang Provincial Court convicted the two recruiters who sent a 17-year-old girl "
        "to work in a karaoke parlour in Poipet, and sentenced them to 12 and 10 years in prison, respectively."
        "\n\nRos Sokhom, 39, and Thorng Vanny, 33, were found guilty of trafficking a minor."
    )
    assert terms(nlp, text) == {"Ros Sokhom": 144, "Thorng Vanny": 120}


def test_the_convict_identified_by_a_police_spokesman(nlp):
    text = (
        "DUMAGUETE CITY – A regional trial court here has sentenced a 42-year-old woman to life imprisonment "
        "for trafficking minors, police said Tuesday.\n\nPolice Lt. Col. Ariel Buenaflor, spokesperson of the "
        "Negros Oriental Police Provincial Office, identified the convict as Maria Lourdes Caballero, a "
        "resident of Barangay Taclobo."
    )
    assert terms(nlp, text) == {"Maria Lourdes Caballero": "life"}


def test_supervised_release_is_not_a_prison_term(nlp):
    text = (
        "A Georgia man was sentenced today to 210 months in prison for leading a forced labor conspiracy.\n\n"
        "According to court documents, Jose Luis Ramirez-Cortez, 54, of Tifton, brought workers from Mexico. "
        "Ramirez-Cortez was also ordered to serve three years of supervised release and to pay $1.9 million."
    )
    assert terms(nlp, text) == {"Jose Luis Ramirez-Cortez": 210}


def test_ordered_him_to_serve(nlp):
    text = (
        "A federal jury convicted Preecha Thongdee in March following a six-day trial. Today, U.S. District "
        "Judge Harold B. Carter ordered him to serve 188 months in federal prison."
    )
    assert terms(nlp, text) == {"Preecha Thongdee": 188}


def test_co_defendant_had_her_sentence_upheld(nlp):
    text = (
        "His co-defendant, Maria Goreti Seran, 39, who acted as a field agent in villages around Soe, had her "
        "four-year sentence upheld."
    )
    assert terms(nlp, text) == {"Maria Goreti Seran": 48}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The court sentenced former immigration officer Natthawut Rakthai, 45, to life imprisonment, reduced to "
            "33 years and four months because he confessed.",
            {"Natthawut Rakthai": 400},
        ),
        (
            "Somchai Boonmee, 40, was sentenced to death, commuted to life imprisonment because he confessed.",
            {"Somchai Boonmee": "life"},
        ),
        # scraped copy: the sentence runs on past a paragraph break and a line of page furniture
        (
            "The court sentenced Natthawut Rakthai, 45, to life imprisonment,\n\nADVERTISEMENT\n\nreduced to 33 years "
            "and four months because he confessed.",
            {"Natthawut Rakthai": 400},
        ),
    ],
)
def test_life_or_death_reduced_for_a_confession(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_a_demand_to_reduce_is_no_reduction(nlp):
    text = "Lim Sokha was sentenced to life in prison, and his lawyer asked the court to reduce it to 10 years."
    assert terms(nlp, text) == {"Lim Sokha": "life"}


def test_a_couple_sentenced_to_years_named_next(nlp):
    # the parser reads "a couple to 10 years" as a quantity ("a couple to ten")
    text = (
        "A court in Myawaddy has sentenced a married couple to 10 years each with hard labour for recruiting "
        "young women.\n\nThe Myawaddy District Court sentenced U Zaw Min Tun, 49, and his wife Daw Khin Sandar, "
        "45, under Section 24(a) of the Anti-Trafficking in Persons Law on February 20."
    )
    assert terms(nlp, text) == {"Zaw Min Tun": 120, "Khin Sandar": 120}


@pytest.mark.parametrize(
    "text, expected",
    [
        # "him" is the person the same sentence found guilty (this raised StopIteration before)
        (
            "The court found Chan Dara, 35, guilty of human trafficking and sentenced him to 15 years in prison.",
            {"Chan Dara": 180},
        ),
        ("The court convicted Chan Dara of trafficking and jailed him for 15 years.", {"Chan Dara": 180}),
        (
            "Police said the court found the couple, Chan Dara and Lim Sokha, guilty and sentenced them to 15 years "
            "in prison.",
            {"Chan Dara": 180, "Lim Sokha": 180},
        ),
    ],
)
def test_found_guilty_and_sentenced_him(nlp, text, expected):
    out = contract(nlp, text)
    assert not out.get("warnings"), out.get("warnings")
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chan Dara's 12-year sentence was upheld by the Appeal Court.", {"Chan Dara": 144}),
        ("The Appeal Court upheld Chan Dara's 12-year sentence.", {"Chan Dara": 144}),
        ("The Supreme Court upheld the 15-year sentence handed to Chan Dara.", {"Chan Dara": 180}),
        ("His co-defendant Ou Virak, whose 10-year sentence was upheld, was not in court.", {"Ou Virak": 120}),
    ],
)
def test_upheld_sentence_whose_owner_is_named(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_suspended_for_after_in_prison(nlp):
    found = one(nlp, "Chan Dara was sentenced to 18 months in prison, suspended for two years.")
    assert (found["prison_months"], found["suspended_months"]) == (18, 18)


def test_decades_and_a_death_penalty_given(nlp):
    assert terms(nlp, "Chan Dara was sentenced to two decades in prison.") == {"Chan Dara": 240}
    assert terms(nlp, "Chan Dara was given the death penalty.") == {"Chan Dara": "death"}
    assert terms(nlp, "Chan Dara, who has lived in Phnom Penh for two decades, was sentenced to 10 years.") == {
        "Chan Dara": 120
    }


def test_acquittal_of_a_third_in_a_while_clause(nlp):
    text = "Chan Dara was sentenced to 10 years and Lim Sokha to eight years, while Pov Rina was acquitted."
    assert terms(nlp, text) == {"Chan Dara": 120, "Lim Sokha": 96}


def test_got_eight_after_in_jail(nlp):
    assert terms(nlp, "Chan Dara got 10 years in jail, and Lim Sokha got eight.") == {"Chan Dara": 120, "Lim Sokha": 96}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Also sentenced were Chan Dara (10 years), Lim Sokha (eight years) and Pov Rina (five years).",
            {"Chan Dara": 120, "Lim Sokha": 96, "Pov Rina": 60},
        ),
        (
            "The court jailed Chan Dara (life imprisonment), Lim Sokha (20 years) and Pov Rina (18 months, suspended).",
            {"Chan Dara": "life", "Lim Sokha": 240, "Pov Rina": 18},
        ),
    ],
)
def test_terms_in_brackets_after_each_name(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_ages_in_brackets_are_no_terms(nlp):
    assert terms(nlp, "Chan Dara (35) and Lim Sokha (40) were jailed for 10 years.") == {
        "Chan Dara": 120,
        "Lim Sokha": 120,
    }


def test_total_with_unnamed_accomplices_is_not_ones_term(nlp):
    found = contract(nlp, "Nguyen Van Nam and his accomplices were sentenced to a total of 40 years in prison.")
    assert all(s["prison_months"] is None for s in found["sentences"]), found["sentences"]
    assert terms(nlp, "Nguyen Van Nam was sentenced to a total of 40 years in prison for five counts.") == {
        "Nguyen Van Nam": 480
    }


@pytest.mark.parametrize(
    "text",
    [
        "Chan Dara was sentenced to 10 years. So was Lim Sokha.",
        "Chan Dara was sentenced to 10 years, as was his wife, Lim Sokha.",
    ],
)
def test_as_was_y(nlp, text):
    assert terms(nlp, text) == {"Chan Dara": 120, "Lim Sokha": 120}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Police arrested Chan Dara, a 35-year-old recruiter, and Lim Sokha, a driver, in May. The recruiter was "
            "jailed for 10 years.",
            {"Chan Dara": 120},
        ),
        (
            "Police arrested Chinese national Wang Lei and Cambodian Chan Dara in May. On Tuesday the Chinese national "
            "was sentenced to 12 years.",
            {"Wang Lei": 144},
        ),
    ],
)
def test_the_noun_points_back_to_the_person_it_described(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the model tags the name before "alias" as a place; an alias makes it a person
        ("The Batam District Court on Thursday sentenced Darmawan alias Awan, 48, to death.", {"Darmawan": "death"}),
        (
            "Presiding judge Dwi Nuraini said the defendant, Rudianto alias Anto, 40, was sentenced to nine years.",
            {"Rudianto": 108},
        ),
        # a doubled Burmese name is no honorific ("Tun" is one in Malaysia)
        (
            "The court sentenced Myo Thant, 29, Tun Tun Lwin, 38, and Khin Sandar Win, 26, to 10 years each.",
            {"Myo Thant": 120, "Tun Tun Lwin": 120, "Khin Sandar Win": 120},
        ),
    ],
)
def test_defendants_named_with_an_alias_or_a_doubled_name(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The defendants were sentenced as follows:\n\nJohn Smith, 34, of Leeds – eight years\nJane Doe, 29, of "
            "Bradford – six years and nine months\nAdam Brown, 41, of Halifax – 18 months, suspended for two years",
            {"John Smith": 96, "Jane Doe": 81, "Adam Brown": 18},
        ),
        (
            "The following defendants were sentenced at Leeds Crown Court:\n• John Smith (34), of Leeds: eight years\n"
            "• Jane Doe (29), of Bradford: six years",
            {"John Smith": 96, "Jane Doe": 72},
        ),
        (
            "The court handed down these sentences:\nChan Dara, 35, 10 years\nLim Sokha, 40, life imprisonment",
            {"Chan Dara": 120, "Lim Sokha": "life"},
        ),
    ],
)
def test_one_line_per_defendant_after_a_heading(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_a_line_list_of_suspects_is_no_sentence(nlp):
    assert terms(nlp, "Police arrested these suspects:\nChan Dara, 35\nLim Sokha, 40") == {}


def test_who_was_jailed_after_of_a_town(nlp):
    text = (
        "Those jailed were:\n\n- John Smith, 34, of Leeds, who was jailed for eight years\n- Jane Doe, 29, of "
        "Bradford, who was jailed for six years and nine months"
    )
    assert terms(nlp, text) == {"John Smith": 96, "Jane Doe": 81}


def test_known_locally_as_is_an_alias(nlp):
    assert terms(nlp, "Prasit Saengthong, known locally as Sia Prasit, was sentenced to 12 years.") == {
        "Prasit Saengthong": 144
    }


def test_the_two_points_back_past_several_sentences(nlp):
    text = (
        "Police arrested Chan Dara, 35, and Lim Sokha, 40, in May 2023 after a raid. The raid followed a tip from "
        "a hotline. Officers found 12 women in a house. The women had been promised jobs. Some were under 18. "
        "They were taken to a shelter. An NGO provided counselling. The case went to court in March. On Tuesday, "
        "the two were each jailed for 10 years."
    )
    assert terms(nlp, text) == {"Chan Dara": 120, "Lim Sokha": 120}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Chan Dara, 45, was sentenced to 10 years in 2022. Ms Lim Sokha got eight years. On Monday the Appeal Court "
            "overturned her conviction.",
            {"Chan Dara": 120},
        ),
        (
            "Abdul Hakim, 46, was given eight years' jail. His co-accused, clerk Jamilah binti Osman, 39, was given four "
            "years' jail. The judge found that the prosecution had not proven its case against Ms Jamilah, and set aside "
            "her conviction and sentence.",
            {"Abdul Hakim": 96},
        ),
        # a wish is not a ruling
        (
            "Chan Dara was sentenced to 10 years in 2022. His lawyer said he would ask the court to overturn the "
            "conviction.",
            {"Chan Dara": 120},
        ),
    ],
)
def test_conviction_quashed_on_appeal_leaves_no_sentencing(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_the_court_sentenced_both(nlp):
    text = "Chan Dara and Lim Sokha were arrested in 2023. The court sentenced both to 12 years."
    assert terms(nlp, text) == {"Chan Dara": 144, "Lim Sokha": 144}


def test_they_are_names_after_an_unnamed_sentencing(nlp):
    text = "Three Cambodians were sentenced to 12 years each. They are Chan Dara, Lim Sokha and Pov Rina."
    assert terms(nlp, text) == {"Chan Dara": 144, "Lim Sokha": 144, "Pov Rina": 144}


# --- phrasings of the real coverage the first rules missed (tune texts tun-130 upward) -----


def test_a_date_right_before_to_is_not_a_range(nlp):
    # US releases: "was sentenced on May 6 to 87 months": "6 to 87" is no span of terms
    text = (
        "Maria Lopez, 40, of Houston, Texas, was sentenced on June 12 to 97 months in federal prison followed by "
        "three years of supervised release."
    )
    assert terms(nlp, text) == {"Maria Lopez": 97}


def test_gapped_to_list_keeps_officers_as_defendants(nlp):
    # an officer sentenced is a defendant: a title that makes him "police" does not drop him
    text = (
        "The Sessions Court sentenced police inspector Zulkarnain Hashim, 45, to eight years' jail and immigration "
        "officer Azri Salleh, 33, to four years' jail."
    )
    assert terms(nlp, text) == {"Zulkarnain Hashim": 96, "Azri Salleh": 48}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Sok Dara, 44, and his wife Chea Srey, 39, were convicted of trafficking. He received 12 years and she "
            "received eight.",
            {"Sok Dara": 144, "Chea Srey": 96},
        ),
        (
            "The court convicted Ali Hassan and Siti Aminah of trafficking. Ali Hassan got nine years and Siti Aminah "
            "got six.",
            {"Ali Hassan": 108, "Siti Aminah": 72},
        ),
    ],
)
def test_a_second_clause_leaves_out_the_unit(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_must_serve_is_what_the_court_ruled(nlp):
    text = (
        "The Muse court ruled that U Kyaw Lwin, 50, must serve 12 years with hard labour under Section 24, and "
        "Daw Mya Mya, 41, seven years."
    )
    assert terms(nlp, text) == {"Kyaw Lwin": 144, "Mya Mya": 84}


def test_must_serve_at_least_is_no_term(nlp):
    text = "Under federal law, Kevin Ross must serve at least 85 percent of any sentence, or a minimum of 10 years."
    assert terms(nlp, text) == {}


def test_upheld_his_sentence_is_of_the_person_just_named(nlp):
    text = (
        "Lim Ah Kow, 58, was jailed for three years by the High Court. The Court of Appeal dismissed the "
        "prosecution's appeal against his driver, Arif Hamid, 41, and upheld his two-year jail sentence."
    )
    assert terms(nlp, text) == {"Lim Ah Kow": 36, "Arif Hamid": 24}


def test_a_jail_term_substituted_for_a_fine(nlp):
    text = (
        "PUTRAJAYA - The Court of Appeal today set aside the RM200,000 fine imposed on factory owner Tan Ah Seng "
        "for forced labour and substituted a jail term of four years."
    )
    assert terms(nlp, text) == {"Tan Ah Seng": 48}


def test_a_substituted_term_replaces_the_first_one(nlp):
    text = (
        "Rahman Salleh, 46, had been sentenced by the Sessions Court in 2024 to eight years' jail. In allowing the "
        "appeal in part, the judge substituted a jail term of five years for Mr Rahman."
    )
    assert terms(nlp, text) == {"Rahman Salleh": 60}


def test_handed_down_a_penalty_to_each_of_them(nlp):
    text = (
        "Judge Rosa Lim found Ana Reyes, 51, Paolo Cruz, 33, and Mark Dizon, 27, guilty of qualified trafficking. "
        "The court handed down the penalty of life imprisonment to each of the three and ordered them to pay a "
        "fine of P2 million each."
    )
    assert terms(nlp, text) == {"Ana Reyes": "life", "Paolo Cruz": "life", "Mark Dizon": "life"}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Court jails Thai skipper 11 years over enslaved crew\n\nJAKARTA (AFP) - An Indonesian court has "
            "convicted the skipper of a fishing boat whose crew were kept in a cage. The court found Somchai Rakdee, "
            "49, guilty of human trafficking, court spokesman Budi Santoso said.",
            {"Somchai Rakdee": 132},
        ),
        (
            "Kandal Court Jails Former Monk 8 Years for Trafficking Boys\n\nThe Kandal court on Friday convicted a "
            "former monk of trafficking three boys. Chan Sokha, 45, who was defrocked after his arrest, took the boys "
            "to a brick kiln, court spokesman Keo Dara said.",
            {"Chan Sokha": 96},
        ),
        # the body tells the term: the headline adds nothing
        (
            "Recruiter jailed 10 years for trafficking\n\nThe Kampot court on Monday sentenced Lim Sokha, 40, to 10 years "
            "in prison. "
            "Her driver, Chan Dara, 31, was acquitted.",
            {"Lim Sokha": 120},
        ),
        # the one person the body names was acquitted, or only speaks: no defendant
        (
            "Man jailed 10 years for trafficking girls\n\nThe court on Monday convicted a man of trafficking. His "
            "co-accused, Chan Dara, 31, was acquitted.",
            {},
        ),
        (
            "Man jailed 10 years for trafficking girls\n\nA court on Monday convicted a man of trafficking two girls. "
            "Police spokesman Col Keo Dara said the case was closed.",
            {},
        ),
        # a headline about a demand or a maximum is no sentencing
        (
            "Prosecutors seek 20 years for Phuket tour boss\n\nPhuket prosecutors on Tuesday asked the court to jail "
            "Kittipong Sangsri, 50, for 20 years.",
            {},
        ),
    ],
)
def test_headline_term_with_the_name_only_in_the_body(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_philippine_number_in_words_then_digits(nlp):
    text = (
        "Judge Victor Santos of the Regional Trial Court sentenced Maria Bautista, 52, to imprisonment of twenty (20) "
        "years and a fine of P1 million, while her niece, Joy Ramos, 29, was meted the penalty of eight (8) years "
        "imprisonment."
    )
    assert terms(nlp, text) == {"Maria Bautista": 240, "Joy Ramos": 96}


def test_handed_a_list_its_terms_as_appositions(nlp):
    # no "prison" or "sentence" word: the terms hang off the names the verb hands them to
    text = (
        "Presiding judge Chhun Dara handed Chinese nationals Zhang Wei, 38, Liu Bo, 32, and Chen Gang, 27, seven "
        "years each, and Cambodian guard Sok Rithy, 30, five years."
    )
    assert terms(nlp, text) == {"Zhang Wei": 84, "Liu Bo": 84, "Chen Gang": 84, "Sok Rithy": 60}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Judge Aida Rahman sentenced immigration officer Zulkarnain Hashim, 45, to eight years' jail and police "
            "corporal Mohd Azri Salleh, 33, to four years' jail.",
            {"Zulkarnain Hashim": 96, "Mohd Azri Salleh": 48},
        ),
        (
            "Judge Datuk Hamid Yusof handed syndicate leader Lee Kah Wai, 48, ten years' jail and three strokes of "
            "the rotan after finding him guilty on six charges.",
            {"Lee Kah Wai": 120},
        ),
    ],
)
def test_verb_the_parser_reads_as_an_adjective(nlp, text, expected):
    # "sentenced immigration officer X": the small model makes the verb an adjective of "officer"
    assert terms(nlp, text) == expected


def test_a_number_inside_the_relative_clause_is_no_head_count(nlp):
    # "who sent four women": the four are the victims, not four defendants to look back for
    text = (
        "A recruiter who sent four women to Malaysia has been jailed for nine years.\n\nChan Dara, 41, of Kampot, "
        "was found guilty of trafficking after a trial at the provincial court."
    )
    assert terms(nlp, text) == {"Chan Dara": 108}


def test_listed_terms_with_a_half(nlp):
    text = (
        "HANOI - Pham Van Long, 41, and Dang Thi Thu, 36, were sentenced to 12 and eight and a half years in prison "
        "respectively."
    )
    assert terms(nlp, text) == {"Pham Van Long": 144, "Dang Thi Thu": 102}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Suharto alias Anto, 40, was sentenced to seven years in prison by the Batam District Court.",
            {"Suharto": 84},
        ),
        ("The court sentenced Thai national Wichai Boonma in absentia to 15 years in prison.", {"Wichai Boonma": 180}),
        # a lower-case post before the name is no part of it
        (
            "The Angeles City Regional Trial Court sentenced former kagawad Edgardo Manalo, 58, to life imprisonment.",
            {"Edgardo Manalo": "life"},
        ),
        # a court or a place in the slot is no person
        ("The Batam District Court was sentenced to nothing.", {}),
    ],
)
def test_the_one_sentenced_is_a_person_even_when_the_model_missed_the_name(nlp, text, expected):
    found = contract(nlp, text)
    assert terms(nlp, text) == expected
    assert {p["name"] for p in found["persons"]} >= set(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "A Kandal court yesterday sentenced two people to 10 years in prison each: Sok Samnang, 32, and his "
            "cousin Sok Pisey, 29.",
            {"Sok Samnang": 120, "Sok Pisey": 120},
        ),
        (
            "The court sentenced them to 20 years each. They are Chinese nationals Liu Yang, 35, and Zhao Lei, 30.",
            {"Liu Yang": 240, "Zhao Lei": 240},
        ),
        (  # Philippine copy: "Convicted were A; B, alias C; and D."
            "A Davao court has sentenced three recruiters to 20 years in prison each.\n\nConvicted were Arnel "
            "Bautista, 44; Marites Lacson, 39, alias Mamang Tess; and Jun Ferrer, 51, all of Davao City.",
            {"Arnel Bautista": 240, "Marites Lacson": 240, "Jun Ferrer": 240},
        ),
        (
            "The court convicted a bar owner and two of his employees and sentenced them to life imprisonment.\n\n"
            "Sentenced were Gerardo Manalo, 55, Liza Dimalanta, 33, and Renato Sison, 46.",
            {"Gerardo Manalo": "life", "Liza Dimalanta": "life", "Renato Sison": "life"},
        ),
    ],
)
def test_the_people_named_after_a_colon_or_in_a_naming_sentence(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Three men were sentenced to between four and six years' jail by the Sessions Court today. They are "
            "Rahim Osman, Nor Azman Yusof and Zulkifli Ahmad.",
            {"Rahim Osman": None, "Nor Azman Yusof": None, "Zulkifli Ahmad": None},
        ),
        # a statistic names no one
        ("In 2023, 89 individuals were convicted and sentenced to between five and 10 years in prison.", {}),
    ],
)
def test_a_range_sentences_each_to_a_term_it_does_not_tell(nlp, text, expected):
    assert terms(nlp, text) == expected


# --- session 7: recall on real coverage -------------------------------------------------------


def test_a_dateline_day_is_not_a_count_of_people(nlp):
    """ "KUALA LUMPUR, Sept 9 - A ... woman": the parser hangs the 9 under the subject."""
    text = (
        "KUALA LUMPUR, Sept 9 - A Thai woman was today sentenced to 15 years in jail by the Sessions Court here "
        "after pleading guilty to trafficking two of her compatriots.\n\n"
        "Siriporn Kaewdee, 33, was charged with committing the offence at a hotel in May."
    )
    assert terms(nlp, text) == {"Siriporn Kaewdee": 180}


def test_a_decade_behind_bars_is_a_term(nlp):
    text = (
        "PHNOM PENH - Two men who lured villagers to scam compounds in Myanmar were handed a decade behind bars "
        "each by the Phnom Penh Municipal Court yesterday.\n\n"
        "The court said Sem Vichet, 34, and Hang Bora, 30, had recruited the victims through Facebook."
    )
    assert terms(nlp, text) == {"Sem Vichet": 120, "Hang Bora": 120}


def test_the_noun_of_the_sentencing_names_the_person_in_the_next_sentence(nlp):
    """Khmer Times style: "A 37-year-old man ... has been jailed ... The man, X, denied the charge."
    (no court word, no age in the naming sentence: the noun "man" ties them)."""
    text = (
        "A 37-year-old man who sold his neighbour's daughter has been jailed for 13 years, the Kandal "
        "Provincial Court said on Monday. The man, Chhay Vuthy, denied the charge."
    )
    assert terms(nlp, text) == {"Chhay Vuthy": 156}


def test_a_term_upheld_against_a_person_is_theirs(nlp):
    text = (
        "The Supreme Court on Thursday upheld a 20-year prison sentence against Chinese national Wu Hao for "
        "running a scam compound in Sihanoukville."
    )
    assert terms(nlp, text) == {"Wu Hao": 240}


def test_people_handed_a_range_each_get_a_term_not_told(nlp):
    text = (
        "Giang Seo Pao, 36, the leader, received 15 years, while Sung Thi Dua, 30, and Vang Seo Lu, 25, were "
        "handed between six and nine years."
    )
    assert terms(nlp, text) == {"Giang Seo Pao": 180, "Sung Thi Dua": None, "Vang Seo Lu": None}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "PETALING JAYA: Former nightclub manager Ong Kah Seng was put behind bars for nine years by the "
            "Sessions Court for harbouring women forced into prostitution.",
            {"Ong Kah Seng": 108},
        ),
        (
            "Harjit Kaur, 41, from Slough, will spend the next 12 years behind bars after trafficking workers to "
            "her restaurants, a judge at Reading Crown Court ruled.",
            {"Harjit Kaur": 144},
        ),
        # time in custody before trial, and a hypothesis, are no sentence
        ("Harjit Kaur spent two years in jail awaiting trial.", {}),
        ("If convicted, Harjit Kaur will spend 20 years in prison.", {}),
        ("Harjit Kaur could spend up to 20 years in prison.", {}),
    ],
)
def test_put_behind_bars_and_will_spend_are_sentences(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Sok Lina was jailed for 12 years by the Phnom Penh Municipal Court on Monday for selling her niece. "
            "Her husband, Chan Sophea, was jailed for eig",
            {"Sok Lina": 144, "Chan Sophea": None},
        ),
        (
            "The police said the ring was run from Poipet. The court sentenced Chan Sophea, 34, to",
            {"Chan Sophea": None},
        ),
        # not cut: a full stop ends it; cut, but a hypothesis
        ("Chan Sophea could be sentenced to", {}),
    ],
)
def test_a_text_cut_off_at_the_term_still_sentences_the_person(nlp, text, expected):
    """The held-out articles are the opening 2,000-3,000 characters: a sentencing may be cut."""
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the parser makes the post the object and the name an adverb
        (
            "The court sentenced former police lieutenant colonel Surachai Wongsa to 27 years in prison.",
            {"Surachai Wongsa": 324},
        ),
        # one named person among a group sentenced
        ("Kim Sovann was among five people sentenced to 10 years in prison on Monday.", {"Kim Sovann": 120}),
        ("Kim Sovann was among the victims rescued two years ago.", {}),
        # the second clause leaves the unit out
        (
            "Kim Sovann was sentenced to 10 years, while his wife Chan Raksa received five.",
            {"Kim Sovann": 120, "Chan Raksa": 60},
        ),
        ("Kim Sovann was sentenced to 10 years, while police received five complaints.", {"Kim Sovann": 120}),
        # INVERTED: the people come after "were"
        (
            "Sentenced to 10 years in prison each were Thai nationals Somboon Jaidee, 39, and Prasert Khamsuk, 44, "
            "who had kept 30 Cambodians on fishing boats, the court said.",
            {"Somboon Jaidee": 120, "Prasert Khamsuk": 120},
        ),
    ],
)
def test_people_the_parse_puts_out_of_the_verbs_slots(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Two Chinese nationals were sentenced to life in prison on Monday. The men, Wang Jian and Zhou Peng, "
            "ran a scam compound.",
            {"Wang Jian": "life", "Zhou Peng": "life"},
        ),
        (
            "A woman who sold three girls to a brothel was jailed for 15 years on Tuesday. Police named her as "
            "Kim Sreyleak.",
            {"Kim Sreyleak": 180},
        ),
        # ROLE PAIRS: each role its own term, named together in the next sentence
        (
            "The Shah Alam Sessions Court today sentenced a woman to 10 years' jail and a man to eight years' "
            "jail for trafficking 11 Myanmar nationals.\n\nThe two, Tan Mei Ling, 44, and Lim Kok Wai, 50, were "
            "found guilty at the end of the prosecution's case.",
            {"Tan Mei Ling": 120, "Lim Kok Wai": 96},
        ),
        (
            "The Sessions Court sentenced a glove factory's human resources manager to three years' jail and a "
            "Nepali recruitment agent to four years' jail.\n\nJudge Norhayati Yunus imposed the sentences on "
            "Saravanan Muniandy, 52, and Ram Bahadur Thapa, 45, after both pleaded guilty.",
            {"Saravanan Muniandy": 36, "Ram Bahadur Thapa": 48},
        ),
        # "for" as well as "to", a number of people for one role, and the nouns naming them
        (
            "The Phnom Penh Municipal Court yesterday jailed three Chinese men for 10 years each and a Cambodian "
            "woman for five years.\n\nThey were named as Li Wei, 34, Chen Hao, 29, Zhou Bin, 41, and Sok Leakena, 26.",
            {"Li Wei": 120, "Chen Hao": 120, "Zhou Bin": 120, "Sok Leakena": 60},
        ),
        (
            "The court jailed a driver for six years and a recruiter for nine years. Police identified the "
            "recruiter as Lim Sopheak, 40, and the driver as Ouk Samnang, 29.",
            {"Ouk Samnang": 72, "Lim Sopheak": 108},
        ),
        # a term, suspended, is no pair of roles
        (
            "His partner, Lan Huong Tran, 38, of Longton, was given two years suspended for 18 months.",
            {"Lan Huong Tran": 24},
        ),
        # a stray "nothing" parsed as a second subject is not the one jailed
        (
            "A gang leader who forced Romanian men to work at car washes for almost nothing has been jailed for "
            "11 years.\n\nIonut Popescu, 39, of Leicester, was sentenced at Leicester Crown Court on Friday.",
            {"Ionut Popescu": 132},
        ),
        # OTHER ROLE: the broker named next is not "the mother" of the sentencing
        (
            "The court sentenced a 24-year-old mother to three years in prison for selling her son.\n\n"
            "Touch Sreyneang was arrested in January with the broker, Vong Sambath, 40, who was sentenced to "
            "eight years.",
            {"Touch Sreyneang": 36, "Vong Sambath": 96},
        ),
        # WITHHELD NAME: the one sentenced is unnamed on purpose; those named next are others
        (
            "Judge Arlene Lim-Tan sentenced the mother, whose name was withheld to protect her children, to life "
            "imprisonment. Co-accused Ronaldo Bautista and Maricel Ocampo were sentenced to 20 years of "
            "imprisonment.",
            {"Ronaldo Bautista": 240, "Maricel Ocampo": 240},
        ),
        # the name right after any noun with an article, though the parser hangs it off the verb
        (
            "Presiding judge Chhun Davy sentenced the head guard, Liang Zhiwei, to 11 years.",
            {"Liang Zhiwei": 132},
        ),
        # the next sentence names victims, not the people sentenced
        (
            "Two men were sentenced to life in prison on Monday. The victims, Wang Jian and Zhou Peng, were "
            "rescued in May.",
            {},
        ),
    ],
)
def test_people_sentenced_unnamed_are_named_in_the_next_sentence(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_slapped_with_a_jail_term(nlp):
    assert terms(nlp, "Lim Boon Hock was slapped with a 10-year jail term by the Sessions Court.") == {
        "Lim Boon Hock": 120
    }
    assert terms(nlp, "Lim Boon Hock was slapped with a lawsuit two years ago.") == {}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Meas Chanthy lost her appeal against a 10-year sentence.", {"Meas Chanthy": 120}),
        (
            "The Appeal Court dismissed the appeal of Meas Chanthy against her 10-year sentence.",
            {"Meas Chanthy": 120},
        ),
        # an appeal announced, against a term only sought: nothing stands
        ("Meas Chanthy said she would appeal against the 10-year sentence sought by prosecutors.", {}),
    ],
)
def test_an_appeal_lost_leaves_the_term_standing(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Boonchu Saengthong and Anan Phimpa each received a 12-year term, but the sentences were reduced by "
            "half because they confessed.",
            {"Boonchu Saengthong": 72, "Anan Phimpa": 72},
        ),
        (
            "Boonchu Saengthong was originally sentenced to 24 years, but the court reduced the term by half as he "
            "pleaded guilty.",
            {"Boonchu Saengthong": 144},
        ),
    ],
)
def test_a_term_the_court_halves_in_the_same_sentence(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Vu Dinh Khoa was sentenced to 12 years for 'human trafficking' and eight years for 'organising "
            "illegal emigration', making a total of 20 years.",
            {"Vu Dinh Khoa": 240},
        ),
        (
            "The court sentenced Vu Dinh Khoa to 12 years for human trafficking and eight years for organising "
            "illegal emigration. His combined sentence is 20 years.",
            {"Vu Dinh Khoa": 240},
        ),
        (
            "Nguyen Van Binh was sentenced to 14 years in prison for human trafficking and three years for "
            "forging documents, a total of 17 years.",
            {"Nguyen Van Binh": 204},
        ),
        (
            "Ly Van Tuan received nine years for human trafficking and two years for fraud, totalling 11 years.",
            {"Ly Van Tuan": 132},
        ),
        # two people's terms and their sum: no one's term is the sum
        (
            "John Carter was sentenced to 12 years and Mary Jones to eight years, for a combined 20 years.",
            {"John Carter": 144, "Mary Jones": 96},
        ),
        (
            "Nguyen Van Binh was sentenced to 14 years for human trafficking and Le Van Tam to three years for "
            "forging documents, a total of 17 years.",
            {"Nguyen Van Binh": 168, "Le Van Tam": 36},
        ),
    ],
)
def test_one_persons_terms_for_several_charges_add_up(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_an_elided_unit_after_a_kin_apposition(nlp):
    """ "..., and his wife, Y, for five": the second person named through her relation."""
    text = "The court jailed Agus Salim for seven years, and his wife, Rina Wati, for five."
    assert terms(nlp, text) == {"Agus Salim": 84, "Rina Wati": 60}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The court found Marissa Dela Paz guilty beyond reasonable doubt of qualified trafficking and imposed "
            "on her the penalty of life imprisonment.",
            {"Marissa Dela Paz": "life"},
        ),
        ("Marissa Dela Paz was sentenced to suffer the penalty of 20 years imprisonment.", {"Marissa Dela Paz": 240}),
    ],
)
def test_the_wording_of_philippine_decisions(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_an_officer_sentenced_is_the_officer_named_next(nlp):
    """ "sentenced a former senior police officer" ... "found Pol Col X guilty": the police title
    does not make X someone speaking for the police here."""
    text = (
        "BANGKOK (Reuters) - A Thai court on Tuesday sentenced a former senior police officer to 27 years in "
        "prison for his role in trafficking Rohingya migrants, a lawyer said.\n\n"
        "The Criminal Court found Pol Col Surasak Thongchai guilty of human trafficking. Six other defendants, "
        "including Aung Thura, a Myanmar national, received between four and 16 years."
    )
    assert terms(nlp, text).get("Surasak Thongchai") == 324
    assert "Aung Thura" not in terms(nlp, text) or terms(nlp, text)["Aung Thura"] != 324


def test_the_same_noun_names_the_person_three_sentences_on(nlp):
    text = (
        "The Kandal Provincial Court has sentenced a mother to three years in prison for handing her daughter to "
        "a broker. The broker, Im Sophal, 41, from the same commune, was jailed for nine years. He was also fined "
        "8 million riel. The mother, Chan Sarom, 48, wept as the verdict was read on Monday."
    )
    assert terms(nlp, text) == {"Im Sophal": 108, "Chan Sarom": 36}


# --- outlets' court news (tune texts tun-400 upward) -----------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The Ho Chi Minh City People's Court sentenced Nguyen Thanh Phong, 39, to death for murder and Tran "
            "Van Dat, 35, to 18 years in prison for human trafficking.",
            {"Nguyen Thanh Phong": "death", "Tran Van Dat": 216},
        ),
        (
            "The court sentenced Somchai Deeprom to life in prison and his wife, Malee Deeprom, to 18 years.",
            {"Somchai Deeprom": "life", "Malee Deeprom": 216},
        ),
        (
            "The Criminal Court sentenced Anan Sukjai to 20 years, and his partner Wichai Thongmee, 44, to life "
            "imprisonment.",
            {"Anan Sukjai": 240, "Wichai Thongmee": "life"},
        ),
    ],
)
def test_each_object_with_its_own_outcome_life_or_death_among_them(nlp, text, expected):
    """PAIRED OUTCOMES: "sentenced A to death and B to 18 years": not one outcome for both."""
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The Supreme People's Court has commuted the death sentence of a woman convicted of trafficking "
            "children to life in prison.\n\nNong Thi Hoa, 41, of Cao Bang Province, was sentenced to death by the "
            "provincial court last year.",
            {"Nong Thi Hoa": "life"},
        ),
        (
            "The Appeal Court Region 9 has increased the prison term of a Songkhla man convicted of trafficking "
            "migrants from six years to 10 years.\n\nYutthana Saelim, 43, was first sentenced by the Songkhla "
            "Provincial Court in 2022.",
            {"Yutthana Saelim": 120},
        ),
        (
            "The appeals court reduced the sentence of a Cambodian broker to seven years. Sok Dara, 41, had been "
            "jailed for 12 years in 2021.",
            {"Sok Dara": 84},
        ),
    ],
)
def test_a_sentence_changed_for_someone_told_by_role_then_named(nlp, text, expected):
    """CHANGED, THEN NAMED: the change is the outcome, whatever the later sentence recalls."""
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Nine members of a ring have been sentenced to federal prison.\n\nThe defendants and their sentences "
            "are:\n- Hector Morales-Cruz, 44, of Norcross, Georgia, 240 months\n- Arturo Reyes, 39, of Doraville, "
            "Georgia, 180 months\n- Marisol Vega, 35, of Chamblee, Ga., 87 months",
            {"Hector Morales-Cruz": 240, "Arturo Reyes": 180, "Marisol Vega": 87},
        ),
        (
            "Those sentenced today:\n- Dwayne Carter, 31, of Gary, Indiana, 70 months\n- Luis Ortega, 28, of "
            "Joliet, 46 months",
            {"Dwayne Carter": 70, "Luis Ortega": 46},
        ),
    ],
)
def test_a_line_list_with_home_town_and_state(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Florin Constantin, 41, of Beeston, was given eight years after a jury convicted him of arranging "
            "travel with a view to exploitation. He must serve half before he is eligible for release.",
            {"Florin Constantin": 96},
        ),
        (
            "Darren Holt, 39, received six years after he admitted the offences at Hull Crown Court.",
            {"Darren Holt": 72},
        ),
        ("Kelly Moore, 33, was given 16 months when she appeared at Derby Crown Court.", {"Kelly Moore": 16}),
        # a time span, not a term: the verb gives something else, or gives nothing
        ("Sok Dara was given bail two years after the raid.", {}),
        ("Sok Dara got a job three years after the girls were rescued.", {}),
        ("Sok Dara was arrested two years after he had sold the girls.", {}),
    ],
)
def test_a_term_the_parser_hangs_on_the_clause_after_it(nlp, text, expected):
    """ "given eight years after a jury convicted him": the years are what the verb gives."""
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The Takeo Provincial Court on Thursday sentenced a mother to 15 years in prison for selling her "
            "daughter, and jailed the broker for 10 years.\n\nJudge Kim Sophorn named the mother as Chan Sokha, 38, "
            "of Bati district, and the broker as Nget Sreyleak, 45.",
            {"Chan Sokha": 180, "Nget Sreyleak": 120},
        ),
        (
            "The court jailed a recruiter for nine years and sentenced the driver to six years. Police identified "
            "the driver as Ouk Samnang, 29, and the recruiter as Lim Sopheak, 40.",
            {"Lim Sopheak": 108, "Ouk Samnang": 72},
        ),
    ],
)
def test_people_told_by_role_then_named_as(nlp, text, expected):
    """ "named the mother as X, and the broker as Y": each noun names its own person."""
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Sugeng Riyadi, 45, alias Ateng, was sentenced to six years in prison. Ateng had hired the boats.",
            "Sugeng Riyadi",
        ),
        ("Liza Dimalanta, 33, a.k.a. Mamang Liza, was sentenced to life imprisonment.", "Liza Dimalanta"),
    ],
)
def test_an_alias_after_the_age_is_the_same_person(nlp, text, name):
    assert list(terms(nlp, text)) == [name]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Elizabeth Harlow, 52, of Bradford, who admitted the charges, was jailed for three years and four "
            "months, and her husband, Neil Harlow, 55, for 30 months.",
            {"Elizabeth Harlow": 40, "Neil Harlow": 30},
        ),
        (
            "Jason Reid, 41, of Moss Side, was jailed for nine years, Kyle Barton, 29, of Salford, for six years "
            "and Dean Ashby, 33, of no fixed address, for four years.",
            {"Jason Reid": 108, "Kyle Barton": 72, "Dean Ashby": 48},
        ),
        (
            "Gary Lowe, 44, of Walsall, was jailed for seven years and Carl Lowe, 40, also of Walsall, for five years.",
            {"Gary Lowe": 84, "Carl Lowe": 60},
        ),
        (
            "Lim Sokha, 39, from Kampong Cham province's Cheung Prey district, received six years and Chan Dara, "
            "45, nine years.",
            {"Lim Sokha": 72, "Chan Dara": 108},
        ),
        # Vietnamese copy gives the year of birth
        (
            "Nguyen Van Tuan (born 1985) was sentenced to 12 years and Tran Thi Lan (born 1990) to seven years.",
            {"Nguyen Van Tuan": 144, "Tran Thi Lan": 84},
        ),
        (
            "Nguyen Van Tuan, born in 1985, was sentenced to 12 years, and Tran Thi Lan, born in 1990, to seven years.",
            {"Nguyen Van Tuan": 144, "Tran Thi Lan": 84},
        ),
        (
            "Nguyen Van Tuan (SN 1985, residing in Ky Son district) was sentenced to 12 years and Tran Thi Lan "
            "(SN 1990) to seven years.",
            {"Nguyen Van Tuan": 144, "Tran Thi Lan": 84},
        ),
        (
            "Nguyen Van Tuan (39 years old, residing in Ky Son district) was sentenced to 12 years and Tran Thi "
            "Lan (34 years old) to seven years.",
            {"Nguyen Van Tuan": 144, "Tran Thi Lan": 84},
        ),
        # a year inside a relative clause is no term
        (
            "Chan Dara, who was arrested in 2022, was jailed for nine years and Lim Sokha, who surrendered in May, "
            "for six years.",
            {"Chan Dara": 108, "Lim Sokha": 72},
        ),
    ],
)
def test_a_home_town_between_name_and_term_in_a_gapped_list(nlp, text, expected):
    """UK copy: "X, 41, of Moss Side, was jailed for nine years, Y, 29, of Salford, for six"; a
    year of birth or a relative clause stands there too."""
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The pair, Tran Minh Khoa and Le Van Phuc, were punished with 12 years in prison each.",
            {"Tran Minh Khoa": 144, "Le Van Phuc": 144},
        ),
        ("Tran Minh Khoa was punished with nine years in prison for human trafficking.", {"Tran Minh Khoa": 108}),
        # the law, not a ruling
        ("Human trafficking is punished with up to 15 years in prison.", {}),
        ("Offenders were punished with up to 15 years in prison under the old code.", {}),
    ],
)
def test_punished_with_a_term(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tran Thi Hoa was sentenced to 18 months of non-custodial reform.", {}),
        (
            "Pham Van Duc was sentenced to six years in prison, while his wife received 24 months of "
            "non-custodial reform.",
            {"Pham Van Duc": 72},
        ),
    ],
)
def test_vietnams_non_custodial_reform_is_no_prison_term(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The defendants Nguyen Van Tuan (born 1985), Tran Thi Lan (born 1990) and Ly A Sinh (born 1979) were "
            "sentenced to 12, 9 and 7 years in prison respectively.",
            {"Nguyen Van Tuan": 144, "Tran Thi Lan": 108, "Ly A Sinh": 84},
        ),
        (
            "The accused Giang A Chu (born 1990), Vang Thi Mai (born 1995) and Lo Van Pao (born 1988) were each "
            "sentenced to eight years in prison.",
            {"Giang A Chu": 96, "Vang Thi Mai": 96, "Lo Van Pao": 96},
        ),
    ],
)
def test_a_list_the_parser_splits_into_two_subjects(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, fine",
    [
        ("Ahmad Ismail was sentenced to three years' jail and fined RM10,000.", "RM10,000"),
        ("Budi Santoso was jailed for five years and fined Rp 2.5 billion.", "Rp 2.5 billion"),
        ("Chea Dara was jailed for five years and fined 10,000,000 riels, the court said.", "10,000,000 riels"),
    ],
)
def test_a_fine_at_the_end_of_a_sentence_leaves_out_its_full_stop(nlp, text, fine):
    assert one(nlp, text)["fine"] == fine


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Three defendants, including Vang A Sinh, Giang Thi Mai and Lo Van Pao, received prison sentences of "
            "20, 15 and 9 years respectively.",
            {"Vang A Sinh": 240, "Giang Thi Mai": 180, "Lo Van Pao": 108},
        ),
        # the women trafficked "including" those named are not the ones sentenced
        (
            "Lo Van Pao was sentenced to 9 years for trafficking four women, including Vang Thi Mai and Giang Thi Ha.",
            {"Lo Van Pao": 108},
        ),
    ],
)
def test_the_people_a_subject_includes(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Sok Chenda, a 51-year-old broker, was arrested in Poipet with his nephew. The court jailed him for 11 "
            "years and the nephew, Sok Rithy, 24, for five.",
            {"Sok Chenda": 132, "Sok Rithy": 60},
        ),
        (
            "Lim Wei, 40, was convicted in May. The judge sentenced him to eight years and his accomplice Tan Hock, "
            "33, to four years.",
            {"Lim Wei": 96, "Tan Hock": 48},
        ),
        (
            "Ahmad Zaki was jailed for 10 years and his wife Siti Aisyah for six.",
            {"Ahmad Zaki": 120, "Siti Aisyah": 72},
        ),
        # a number in another clause is no elided term
        (
            "Lim Wei, 40, was convicted in May. The judge sentenced him to eight years after hearing from Tan Hock, "
            "33, who spoke for two years.",
            {"Lim Wei": 96},
        ),
    ],
)
def test_a_gapped_list_after_a_pronoun_or_with_its_unit_left_out(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The court sentenced Somchai Boonma to 16 years; because he confessed, the sentence was reduced by half "
            "to eight years.",
            {"Somchai Boonma": 96},
        ),
        (
            "The court sentenced Somchai Boonma to 16 years; the sentence was later reduced to 10 years on appeal.",
            {"Somchai Boonma": 120},
        ),
        ("Prosecutors sought to have Somchai Boonma sentenced to 16 years; the court refused.", {}),
    ],
)
def test_a_sentencing_before_a_semicolon_and_its_reduction(nlp, text, expected):
    """The parser hangs "sentenced" under "reduced" after the semicolon: not a law's reduction."""
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "In his judgment, Judge Abdul Rahman said the accused, Muhammad Faiz, 31, would serve seven years' jail "
            "from the date of his arrest.",
            {"Muhammad Faiz": 84},
        ),
        ("The court ruled that Muhammad Faiz would serve seven years in prison.", {"Muhammad Faiz": 84}),
        # what others say would happen, or a term in default of a fine, is no ruling
        ("Prosecutors said Muhammad Faiz would serve seven years in prison.", {}),
        ("His lawyer said Muhammad Faiz would serve seven years at most.", {}),
        ("The judge said Muhammad Faiz would serve six months if he failed to pay the fine.", {}),
    ],
)
def test_would_serve_in_a_judges_reported_ruling(nlp, text, expected):
    assert terms(nlp, text) == expected


# --- patterns from the fiction rows tun-501..526 (each case a sentence of its own) ------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # EACH after two named people, a victim told by a noun in between ("She" is the girl)
        (
            "Judge Keo Mony named the accused as Chea Sokha, 47, and Heng Dara, 52. The court heard that "
            "Dara took the girl to Shandong. She was rescued in May. Each was sentenced to nine years in prison.",
            {"Chea Sokha": 108, "Heng Dara": 108},
        ),
        # A FIFTH SUSPECT, IDENTIFIED ONLY AS X, is not one of "the four"
        (
            "Those jailed were: Wang Tao, 15 years; Liu Yang, 12 years; Sok Pisey, nine years; and "
            "Meas Rith, six years. A fifth suspect, identified only as Ah Long, remains at large. "
            "A court official said the four were also fined 40 million riel.",
            {"Wang Tao": 180, "Liu Yang": 144, "Sok Pisey": 108, "Meas Rith": 72},
        ),
    ],
)
def test_who_a_group_reference_counts(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the sentence's own reduction does not change the term of someone sentenced earlier
        (
            "Somporn Kaewdee, 50, was jailed for nine years and four months. The karaoke owner, Malai "
            "Thongsri, 44, was sentenced to 24 years, but the term was cut to 16 years because she confessed.",
            {"Somporn Kaewdee": 112, "Malai Thongsri": 192},
        ),
        # "his sentence" is the one named before it in the sentence, not the last one sentenced
        (
            "Do Van Minh, 33, was sentenced to 10 years in prison. His co-defendant, Bui Thi Lan, 28, "
            "received seven years. On appeal, the judges found that Minh had repaid the families, "
            "and reduced his sentence to eight years.",
            {"Do Van Minh": 96, "Bui Thi Lan": 84},
        ),
    ],
)
def test_which_earlier_term_a_change_applies_to(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a dash list with a lower-case description before the colon
        (
            "The Songkhla Provincial Court handed down these sentences:\n"
            "- Prasert Wongdee, 51, trawler owner: 14 years\n"
            "- Nok Saengthong, 37, labour broker: nine years and four months\n",
            {"Prasert Wongdee": 168, "Nok Saengthong": 112},
        ),
        # a colon list with a street and its town between the name and the term
        (
            "Jailed at Leicester Crown Court were: Imran Shah, 41, of Narborough Road, Leicester, eight years; "
            "and Bilal Shah, 36, of Oadby, five years and six months.",
            {"Imran Shah": 96, "Bilal Shah": 66},
        ),
    ],
)
def test_lists_with_descriptions_and_addresses(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a quoted nickname after "known as" between the name and the term
        (
            'The People\'s Court of Ha Tinh Province sentenced Tran Van Duc, known as "Duc Den", 39, to 15 years '
            "in prison for human trafficking and two years for organising illegal emigration, making a "
            "combined sentence of 17 years.",
            {"Tran Van Duc": 204},
        ),
        # one term per count and the total
        (
            "The Chiang Rai Provincial Court sentenced Malee Sukjai, 33, to five years per count, "
            "for a total of 15 years.",
            {"Malee Sukjai": 180},
        ),
    ],
)
def test_a_total_for_one_person(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a Vietnamese name the model tags as a facility, with an age after it
        (
            "His accomplices Dinh Thi Hoa, 31, got 11 years, and Vu Van Nam, 27, seven years and six months.",
            {"Dinh Thi Hoa": 132, "Vu Van Nam": 90},
        ),
        # the middle "A" of a Hmong name after a dateline
        (
            "DIEN BIEN - Sung A Tua, a 38-year-old man from Muong Cha District, was sentenced to 20 years "
            "in prison for selling two girls in China.",
            {"Sung A Tua": 240},
        ),
        # a police rank of three words tagged apart from the name
        (
            "Her brother, Pol Sen Sgt Maj Wichit Kaewta, 45, a police officer in Phop Phra district, "
            "received six years for driving the victims across the border.",
            {"Wichit Kaewta": 72},
        ),
        # a role noun capitalised at the start of a sentence is no part of the name
        (
            "The two Chinese bosses were tried in absentia. Enforcers Sok Meng, 30, and Chhun Dara, 26, got six years.",
            {"Sok Meng": 72, "Chhun Dara": 72},
        ),
    ],
)
def test_names_kept_whole_for_the_defendant(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bare title read as a second subject of the sentencing verb
        (
            "PENANG: A property developer with the title Datuk was sentenced by the Sessions Court here to "
            "seven years' jail for trafficking 15 Nepali workers.\n\nJudge Rohani Ismail ordered Datuk Tan Kok "
            "Leong, 61, to serve the sentence from today.",
            {"Tan Kok Leong": 84},
        ),
        # "a couple to N years' imprisonment each", then the couple named
        (
            "The Sessions Court here today sentenced an Indonesian couple to five years' imprisonment each "
            "for forcing a maid to work without pay.\n\nThe couple, Budi Santoso, 44, and Sri Wahyuni, 40, "
            "pleaded guilty.",
            {"Budi Santoso": 60, "Sri Wahyuni": 60},
        ),
        # "sentenced a recruiter for <a firm>, X, to ..."
        (
            "The Kupang District Court has sentenced a recruiter for an unlicensed labour agency, Yosef Nahak, "
            "to six years in prison.\n\nCourt spokesperson Maria Bere said the verdict was final.",
            {"Yosef Nahak": 72},
        ),
    ],
)
def test_the_person_a_sentencing_is_about(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "A landlord who housed migrant workers in a disused garage and kept most of their pay has been "
            "locked up for six years and two months.\n\nGary Pritchard, 52, of Hanley, admitted the offence.",
            {"Gary Pritchard": 74},
        ),
        ("His cousin Dean Maddox, 29, of Longton, was locked up for 30 months.", {"Dean Maddox": 30}),
        ("Lee Barrow, 35, of Leek, was sent down for four years.", {"Lee Barrow": 48}),
        ("Tom Hale could be locked up for ten years if he is convicted.", {}),
    ],
)
def test_locked_up_and_sent_down(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Karen Doyle, 44, was given a suspended sentence of 18 months.", {"Karen Doyle": 18}),
        ("Mark Doyle, 47, was given a two-year sentence suspended for 18 months.", {"Mark Doyle": 24}),
    ],
)
def test_one_persons_suspended_term_alone(nlp, text, expected):
    out = contract(nlp, text)
    assert not out.get("warnings")
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a list of names the parser hangs on the first one as modifiers
        (
            "Bodyguards Chen Hao, Li Wei, Sun Bo and Xu Lin received four years each.",
            {"Chen Hao": 48, "Li Wei": 48, "Sun Bo": 48, "Xu Lin": 48},
        ),
        # one name part standing alone, for the one person named in full with it
        (
            "Chhim Rotha, a 50-year-old broker from Takeo, and his cousin Chhim Vanny were found guilty "
            "of trafficking 11 fishermen to Thailand. The court gave Rotha 10 years and Vanny six years.",
            {"Chhim Rotha": 120, "Chhim Vanny": 72},
        ),
        # a dateline the parser makes the subject is no defendant
        (
            "BOISE, Idaho (AP) — A dairy manager who kept Honduran workers in debt bondage was sentenced "
            "Monday to nine years in federal prison.\n\nRicardo Alvarez Soto, 47, of Nampa, pleaded guilty in May.",
            {"Ricardo Alvarez Soto": 108},
        ),
    ],
)
def test_who_is_named_by_position_and_part(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a single name, subject of the second clause of a sentencing
        (
            "The Jambi District Court sentenced Agus Setiawan to 4 years and 2 months in prison, while "
            "Nurhayati received 2 years and 6 months.",
            {"Agus Setiawan": 50, "Nurhayati": 30},
        ),
        # a single name with an age at a sentence's start, after the one sentenced was told by role
        (
            "The Serang District Court has sentenced a hamlet head to six years in prison for sending "
            "women to Riyadh.\n\nSukardi, 61, the head of Cikande hamlet, was also fined Rp 80 million.",
            {"Sukardi": 72},
        ),
    ],
)
def test_single_name_defendants(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the parse loses the subject of a passive lede; the noun with the relative clause is it
        (
            "A man who made a trafficked Albanian teenager tend a cannabis farm in a Burslem house has been "
            "locked up for four years and two months.\n\nArdit Kola, 31, of Tunstall, admitted the offences.",
            {"Ardit Kola": 50},
        ),
        # a single name with its age in brackets, in a list after a named person
        (
            "Defendants Suparman (51) and Kartini (44) were found guilty of trafficking nine women to Brunei "
            "and sentenced to five years and four months each by the Tarakan District Court.",
            {"Suparman": 64, "Kartini": 64},
        ),
    ],
)
def test_lede_subjects_and_bracketed_ages(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a name after "and" parsed as a verb does not take its term away from the sentencing verb
        (
            "Ionel Barbu, 40, and Florin Dinu, 36, were sentenced at Isleworth Crown Court on Friday.\n\n"
            "Barbu was jailed for eight years and Dinu for five years.",
            {"Ionel Barbu": 96, "Florin Dinu": 60},
        ),
        # a floating "each" beside the real subject, the years hung on "under the law"
        (
            "Daw Khin Thida, 50, received nine years. Her son, Ko Min Naing, 27, and a broker, Ko Zaw Htet, 35, "
            "each got six years under the anti-trafficking law.",
            {"Khin Thida": 108, "Min Naing": 72, "Zaw Htet": 72},
        ),
    ],
)
def test_elliptical_and_floating_each(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Burmese "Maung" is an honorific before a name of two words
        (
            "A court in Myitkyina sentenced Maung Kyaw Thura, 24, and Ko Zaw Lin, 30, to 15 years each.",
            {"Kyaw Thura": 180, "Zaw Lin": 180},
        ),
        # the Vietnamese family name Ma before "Van" or "Thi" is no Burmese honorific
        ("Ma Van Hoang, 41, was sentenced to nine years in prison.", {"Ma Van Hoang": 108}),
        # a Thai local official's title before the name
        ("Kamnan Prayoon Jaidee, 58, a subdistrict headman, got 30 years.", {"Prayoon Jaidee": 360}),
        # capitalised words the model takes for a facility, with an age after them
        (
            "The court sentenced Rodel Maglaya, 50, his niece Kristine Joy Maglaya, 23, and neighbor "
            "Arnel Cabrera, 41, to life imprisonment.",
            {"Rodel Maglaya": "life", "Kristine Joy Maglaya": "life", "Arnel Cabrera": "life"},
        ),
    ],
)
def test_names_with_honorifics_and_facility_guesses(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "their N-year terms upheld" for two people named together
        (
            "The Appeal Court raised the sentence of Liu Bin from eight to 12 years. His co-defendants, "
            "Keo Rotha and Sam Vichea, had their five-year terms upheld.",
            {"Liu Bin": 144, "Keo Rotha": 60, "Sam Vichea": 60},
        ),
        # "cut the term by a third to N years" in the sentencing's own sentence
        (
            "The Trang Provincial Court sentenced Anan Sukkasem, 45, to 15 years in prison, but cut the term "
            "by a third to 10 years because he confessed.",
            {"Anan Sukkasem": 120},
        ),
        # "combined the terms into a N-year sentence" in the next sentence
        (
            "Nong Van Phuc, 36, was given 10 years for human trafficking and two years for illegally crossing "
            "the border. The court combined the terms into a 12-year sentence.",
            {"Nong Van Phuc": 144},
        ),
        # a possessive description between a listed name and its term
        (
            "Peter Kovac, 50, was sentenced to five years, and Eva Kovacova, 47, Peter's wife, to two years "
            "and nine months.",
            {"Peter Kovac": 60, "Eva Kovacova": 33},
        ),
    ],
)
def test_terms_changed_upheld_combined_and_listed(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the body's exact term beats the headline's rounded one
        (
            "Three Laotians get 16 years for selling girls to Bangkok bars\n\n"
            "Three Lao nationals were each sentenced to 16 years and eight months in prison on Monday. "
            "The court named them as Khamphet Vong, 41, Bounmy Sith, 36, and Noy Chanthala, 30.",
            {"Khamphet Vong": 200, "Bounmy Sith": 200, "Noy Chanthala": 200},
        ),
        # "drew a sentence of"
        ("A Thai broker, Wichai Sukjai, 33, drew a sentence of six years and eight months.", {"Wichai Sukjai": 80}),
        # "two other men" are not the people named before
        (
            "Tran Van Hai, 40, was jailed for five years at Leeds Crown Court. Two other men were convicted "
            "alongside Tran last year and received sentences of two years each.",
            {"Tran Van Hai": 60},
        ),
    ],
)
def test_headline_terms_drew_and_other_people(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a gapped list reported after "said", its groups told by a description before the names
        (
            "Judge Sok Leang said trawler owner Chum Rithy got 12 years, his brother Chum Visal nine years, "
            "and their two brokers, Phan Sokha and Ros Dara, five years each.",
            {"Chum Rithy": 144, "Chum Visal": 108, "Phan Sokha": 60, "Ros Dara": 60},
        ),
        # a later term in a report that is a law's, not a sentence
        (
            "The prosecutor said Chum Rithy got 12 years, and that the law provides up to 20 years for such crimes.",
            {"Chum Rithy": 144},
        ),
    ],
)
def test_a_gapped_list_reported_after_said(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a dash list whose names the model misses, and a "time served" line that is no prison term
        (
            "DES MOINES, Iowa - Four defendants were sentenced this week for forcing Honduran workers to "
            "work at meat plants.\n\nThe defendants and their sentences are:\n"
            "- Edgar Humberto Lainez-Mejia, 44, of Storm Lake, Iowa, 151 months;\n"
            "- Dilcia Marisol Varela, 39, of Storm Lake, Iowa, 57 months;\n"
            "- Jose Armando Cruz-Vasquez, 27, of Sioux City, Iowa, time served;\n"
            "- Marvin Orlando Paz-Reyes, 31, of Honduras, 24 months.\n",
            {"Edgar Humberto Lainez-Mejia": 151, "Dilcia Marisol Varela": 57, "Marvin Orlando Paz-Reyes": 24},
        ),
    ],
)
def test_a_dash_list_with_missed_names_and_time_served(nlp, text, expected):
    assert terms(nlp, text) == expected


# --- pronoun pairs, listed order, kin groups, a conviction quashed in the same sentence ----


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # PRONOUN PAIR: the pronouns in the order the sentence before named the two
            "Liang Qiu, 40, and Mey Sopheap, 33, were found guilty of trafficking. "
            "He was sentenced to 14 years and she to nine, and each was fined 20 million riel.",
            {"Liang Qiu": 168, "Mey Sopheap": 108},
        ),
        (  # PRONOUN PAIR: she first, the second term with its own unit
            "Dorota Wisniewska, 39, and Piotr Wisniewski, 46, admitted the offences at Leeds Crown Court. "
            "She was jailed for five years and he for three years and eight months.",
            {"Dorota Wisniewska": 60, "Piotr Wisniewski": 44},
        ),
        (  # IN ORDER: a group noun with a possessive before the two names
            "The court jailed the ringleader for 15 years. Her helpers Do Van Quang and Mai Thi Lan "
            "were sentenced to eight and six years respectively.",
            {"Do Van Quang": 96, "Mai Thi Lan": 72},
        ),
        (  # SHARED FAMILY NAME after a kin noun
            "A court in Cebu convicted spouses Arnel and Rosario Dumaguete of qualified trafficking "
            "and sentenced them to life imprisonment.",
            {"Arnel Dumaguete": "life", "Rosario Dumaguete": "life"},
        ),
        (  # QUASHED HERE: the quashed person's term told in the same sentence
            "The appeals court affirmed the life sentence of recruiter Danilo Pascual, 50, but "
            "overturned the conviction of Gina Lorenzo, who had been sentenced to 15 years.",
            {"Danilo Pascual": "life"},
        ),
    ],
)
def test_pronoun_pairs_listed_order_kin_groups_and_quashed(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # PRONOUN PAIR in the naming sentence, one verb each, a semicolon between
            "Jan Kowal, 52, and Zofia Kowal, 47, were convicted after a trial. "
            "He was jailed for six years and three months; she was jailed for four years.",
            {"Jan Kowal": 75, "Zofia Kowal": 48},
        ),
        (  # OWNER NOT LISTED: the possessive owner is not one of the listed people
            "Delgado was sentenced to 120 months. Delgado's co-defendants, Ramon Vega, 35, and "
            "Teresa Lugo, 30, were sentenced to 70 and 46 months, respectively.",
            {"Delgado": 120, "Ramon Vega": 70, "Teresa Lugo": 46},
        ),
    ],
)
def test_pronoun_pair_with_semicolon_and_possessive_owner(nlp, text, expected):
    found = terms(nlp, text)
    assert {k: v for k, v in found.items() if k in expected} == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # CHANGED AND UPHELD in one sentence: the upheld people keep the upheld term
            "The Court of Appeal reduced the prison term of Mok Sina, 39, from 12 years to nine years, "
            "and upheld the six-year sentences of his two co-accused, Ouk Dara, 28, and Lim Pov, 35.",
            {"Mok Sina": 108, "Ouk Dara": 72, "Lim Pov": 72},
        ),
    ],
)
def test_a_term_changed_and_others_upheld_in_one_sentence(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # LIST SUBJECT SPLIT: honorifics in a list the parser cut into two sentences
            "U Myint Oo, Daw Khin Khin and Ma Su Su Hlaing were sentenced to eight years each.",
            {"Myint Oo": 96, "Khin Khin": 96, "Su Su Hlaing": 96},
        ),
        (  # LIST SUBJECT SPLIT with ages
            "Tin Maung, 40, Aye Aye, 35, and Zaw Zaw, 29, were each sentenced to seven years.",
            {"Tin Maung": 84, "Aye Aye": 84, "Zaw Zaw": 84},
        ),
    ],
)
def test_a_listed_subject_shares_the_plural_verb(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # CHANGED BY: increased by a number of years, the owner named
            "The trial court sentenced Ramil Soriano to 12 years in 2023. The Court of Appeals "
            "increased the 12-year prison term of Ramil Soriano by four years.",
            {"Ramil Soriano": 192},
        ),
        (  # CHANGED BY: cut by, the owner a pronoun
            "Nguyen Van Loc was jailed for 14 years in 2022. On Friday the appeals court cut his "
            "14-year sentence by two years.",
            {"Nguyen Van Loc": 144},
        ),
    ],
)
def test_a_term_changed_by_an_amount(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # INDETERMINATE SENTENCE: "as minimum ... as maximum", the maximum is the term
            "Judge Teodoro Salas sentenced Marivic Ocampo, 38, to an indeterminate term of six years and one day "
            "of prision mayor as minimum to 12 years and one day of reclusion temporal as maximum.",
            {"Marivic Ocampo": 144},
        ),
        (  # INDETERMINATE SENTENCE: commas, and a maximum told in three parts
            "Danilo Pascual, 27, was sentenced to eight years and one day of prision mayor, as minimum, to "
            "14 years, eight months and one day of reclusion temporal, as maximum.",
            {"Danilo Pascual": 176},
        ),
        (  # INDETERMINATE SENTENCE: only the penalties' names tell the range
            "Arlene Buenaventura was sentenced to an indeterminate term of 10 years of prision mayor to "
            "17 years of reclusion temporal.",
            {"Arlene Buenaventura": 204},
        ),
        (  # INDETERMINATE SENTENCE: only the minimum's "and one day" tells the range
            "Rhea Mangubat received a sentence of 12 years and one day to 20 years for qualified trafficking.",
            {"Rhea Mangubat": 240},
        ),
    ],
)
def test_an_indeterminate_sentence_is_its_maximum(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # TOTAL AND ITS PARTS: "for a combined sentence of" after one person's terms per charge
            "The People's Court of Lang Son Province sentenced Hoang Van Dung, 44, of Cao Loc District, to 12 years "
            'for "trafficking in persons" and four years for "organizing illegal emigration," for a combined '
            "sentence of 16 years.",
            {"Hoang Van Dung": 192},
        ),
        (  # TOTAL AND ITS PARTS: the total first, its parts after a colon
            "Gary Penhale, 47, of Wigan, received a total of nine years: six years for arranging travel for "
            "exploitation and three years, to run consecutively, for money laundering.",
            {"Gary Penhale": 108},
        ),
        (  # "received a total of" alone
            "Ionel Petrescu, 39, received a total of eight years and four months.",
            {"Ionel Petrescu": 100},
        ),
    ],
)
def test_one_persons_total_over_its_parts(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_a_combined_term_of_two_is_neither_ones(nlp):
    found = terms(nlp, "Nguyen Van Binh and Tran Van Long were sentenced to a combined prison term of 30 years.")
    assert found.get("Nguyen Van Binh") != 360 and found.get("Tran Van Long") != 360


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # CONSECUTIVE TERMS: counted adjectival terms, "to be served consecutively" later
            "The Mandalay District Court sentenced Daw Thida Soe, 51, to three five-year terms with hard labour, "
            "to be served consecutively.",
            {"Thida Soe": 180},
        ),
        (  # CONSECUTIVE TERMS: "N consecutive terms of X"
            "Raymond Pruitt was sentenced to two consecutive terms of 96 months.",
            {"Raymond Pruitt": 192},
        ),
        (  # concurrent terms are served at once
            "Raymond Pruitt was sentenced to two 96-month terms, to run concurrently.",
            {"Raymond Pruitt": 96},
        ),
    ],
)
def test_consecutive_equal_terms_add_up(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_a_term_served_only_if_a_fine_is_unpaid_is_not_the_sentence(nlp):
    # FINE DEFAULT, and a fine in a story that has told a sentencing though it names no court
    text = (
        "SINGAPORE - Lim Ah Huat, 52, was jailed for three years on Monday for trafficking a domestic worker.\n\n"
        "A client, Ong Kim Seng, 61, was fined $3,000, and will spend 15 days in jail if he does not pay."
    )
    found = {s["defendant"]: (s["prison_months"], s["fine"]) for s in contract(nlp, text)["sentences"]}
    assert found == {"Lim Ah Huat": (36, None), "Ong Kim Seng": (None, "$3,000")}


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # UPHELD FOR: "a sentence for his nephew, X", then a second term for a listed pair
            "The Supreme Court upheld a 25-year sentence for his cousin, Anurak Meesri, 40, and 12-year terms "
            "for two drivers, Min Min Oo, 33, and Zaw Htike, 37.",
            {"Anurak Meesri": 300, "Min Min Oo": 144, "Zaw Htike": 144},
        ),
        (  # OWNERS LISTED: the second owner is listed after the first
            "The appeals court upheld the 12-year prison terms of Niran Sukjai and Boonmee Thongdee.",
            {"Niran Sukjai": 144, "Boonmee Thongdee": 144},
        ),
    ],
)
def test_upheld_terms_for_each_owner(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_numbered_defendants_are_the_listed_names_in_order(nlp):
    # NUMBERED DEFENDANT: the age right after "The first defendant", the names listed before;
    # the lead's unstated term gives way to each one's own; "He was also fined" is the first
    text = (
        "The Songkhla Provincial Court on Monday sentenced three people to prison for trafficking Myanmar "
        "fishermen.\n\n"
        "The defendants were named as Chaiwat Thongsuk, Ratana Meesang and Somboon Kaeowong.\n\n"
        "The first defendant, 52, a boat owner, was sentenced to 15 years. He was also fined 200,000 baht.\n\n"
        "The second defendant, 44, received nine years. The third defendant, 31, was jailed for four years."
    )
    found = {s["defendant"]: (s["prison_months"], s["fine"]) for s in contract(nlp, text)["sentences"]}
    assert found == {
        "Chaiwat Thongsuk": (180, "200,000 baht"),
        "Ratana Meesang": (108, None),
        "Somboon Kaeowong": (48, None),
    }


def test_a_term_told_only_in_the_headline_is_the_convicted_persons(nlp):
    # HEADLINE ONLY: the body gives a co-defendant's term, not hers
    text = (
        "Court jails grandmother 12 years for selling granddaughter\n\n"
        "The Kampong Speu Provincial Court on Monday convicted a woman of selling her 14-year-old "
        "granddaughter to a man in Phnom Penh.\n\n"
        "Chea Sokhom, 61, a rice farmer from Oudong district, was found guilty of the sale of a minor. The court "
        "also sentenced her neighbour, Meas Rithy, 47, to four years in prison for arranging the sale."
    )
    assert terms(nlp, text) == {"Chea Sokhom": 144, "Meas Rithy": 48}


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # CORPORAL PUNISHMENT between two people's terms
            "Judge Rozana Ali sentenced Ong Chee Meng to 10 years' jail and three strokes of the rotan, and his "
            "brother, Ong Chee Keat, to six years' jail.",
            {"Ong Chee Meng": 120, "Ong Chee Keat": 72},
        ),
        (
            "The Sessions Court sentenced Zainal Abidin to nine years' jail and whipping, and Roslan Musa to "
            "four years' jail.",
            {"Zainal Abidin": 108, "Roslan Musa": 48},
        ),
    ],
)
def test_caning_told_with_a_term_does_not_end_the_list(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_a_term_handed_down_to_no_one_named_is_the_story_subjects(nlp):
    # TERM AS OBJECT: "handed down a 36-year term" names no recipient; the next named person
    # is not it, and "each received 12 years after the same reduction" is their own term
    text = (
        "The Criminal Court found Anan Prasertsak, 51, guilty of human trafficking on Thursday. The court "
        "initially handed down a 30-year term but reduced it by one third as he had confessed.\n\n"
        "Two members of the network, Somchai Deeprom, 45, and Yusof Mahama, 39, each received 10 years after "
        "the same reduction."
    )
    found = terms(nlp, text)
    assert found["Somchai Deeprom"] == 120 and found["Yusof Mahama"] == 120
    assert found.get("Anan Prasertsak") in (None, 240)


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # TOLD BY AGE
            "Darren Pike, 52, of Walsall, ran the brothels with his partner. The 52-year-old was jailed for "
            "nine years at Wolverhampton Crown Court.",
            {"Darren Pike": 108},
        ),
        (  # TOLD BY AGE, with a noun after the age
            "Police arrested Marek Lisowski, 38, and Anna Lisowska, 35, in 2023. The 38-year-old father of two "
            "was sentenced to seven years.",
            {"Marek Lisowski": 84},
        ),
    ],
)
def test_a_defendant_referred_to_by_age(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # ELIDED UNIT, NEXT SENTENCE
            "Le Van Thanh was sentenced to 12 years. His cousin, Do Minh Tri, got seven.",
            {"Le Van Thanh": 144, "Do Minh Tri": 84},
        ),
        (
            "The court jailed Imran Sheikh for 40 months. His brother Faisal Sheikh received 28.",
            {"Imran Sheikh": 40, "Faisal Sheikh": 28},
        ),
        (  # a number with more after it is no term
            "Le Van Thanh was sentenced to 12 years. She got six of the women jobs in Hanoi.",
            {"Le Van Thanh": 144},
        ),
    ],
)
def test_a_bare_number_in_the_next_sentence_takes_the_terms_unit(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # TOLD BY NATIONALITY: the noun differs from the adjective
            "Police arrested British national Neil Carver in Pattaya in 2023. The Briton was jailed for 12 years "
            "on Monday.",
            {"Neil Carver": 144},
        ),
        (  # TOLD BY NATIONALITY: only one of two named people is called Australian
            "Brett Cole, an Australian, ran the bar with his Thai partner, Noi Saengdao. The Australian was "
            "sentenced to eight years.",
            {"Brett Cole": 96},
        ),
    ],
)
def test_a_defendant_referred_to_by_nationality(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Marcus Reed was sentenced to 25 years to life in state prison.", {"Marcus Reed": "life"}),  # BESIDE LIFE
        ("Troy Barnes was sentenced to life plus 20 years.", {"Troy Barnes": "life"}),
    ],
)
def test_years_beside_a_life_term_are_not_its_length(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_time_served_in_a_semicolon_list_is_a_sentence(nlp):
    text = (
        "The other defendants received the following sentences: Ramon Garza, 108 months; Elena Vidal, "
        "63 months; Pedro Salinas, time served."
    )
    assert terms(nlp, text) == {"Ramon Garza": 108, "Elena Vidal": 63, "Pedro Salinas": None}


def test_a_semicolon_list_opened_by_those_sentenced_were(nlp):
    text = "Those sentenced were Pham Quoc Dat, 18 years; Vu Van Khanh, 13 years; and Dinh Thi Lan, nine years."
    assert terms(nlp, text) == {"Pham Quoc Dat": 216, "Vu Van Khanh": 156, "Dinh Thi Lan": 108}


def test_one_word_names_after_the_couple_each_get_the_term(nlp):
    """Indonesian single names and Thai nicknames set after "the couple," are the defendants."""
    assert terms(nlp, "The Surabaya District Court sentenced the couple, Joko and Wati, to six years each.") == {
        "Joko": 72,
        "Wati": 72,
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Mya Mya Win was sentenced to death, while her husband, Zaw Lin, received life imprisonment.",
            {"Mya Mya Win": "death", "Zaw Lin": "life"},
        ),
        (
            "The High Court sentenced Rahim Karim to death and Osman Ghani to life in prison.",
            {"Rahim Karim": "death", "Osman Ghani": "life"},
        ),
        (
            "Heng Pisey was sentenced to life imprisonment and his driver, Chhay Sokha, to death.",
            {"Heng Pisey": "life", "Chhay Sokha": "death"},
        ),
    ],
)
def test_life_and_death_in_one_sentence_go_each_to_its_own_person(nlp, text, expected):
    assert terms(nlp, text) == expected


def test_sentenced_in_absentia_before_the_name(nlp):
    """ "sentenced in absentia X to ...": the parser hangs X on "in"; X is still the one sentenced."""
    text = "The Phnom Penh Municipal Court sentenced in absentia Chen Wei, a Chinese national, to 15 years."
    assert terms(nlp, text) == {"Chen Wei": 180}

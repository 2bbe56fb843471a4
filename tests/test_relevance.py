"""The topic filter: weighted phrases in title and text, and its substring shortcut."""

from crawler import relevance as relevance_module
from crawler.relevance import load_filter

TEXTS = [
    (
        "Court jails trafficker",
        "The Takeo Provincial Court jailed a TRAFFICKER for nine years for human "
        "trafficking. Anti-trafficking police said the victims were trafficked to Malaysia.",
    ),
    ("Football", "The home side won 2-0 on Sunday in front of a full stadium."),
    (
        "Scam compound raid",
        "Police raided a scam-compound near the border; forced\nlabour and debt "
        "bondage were common there, rescued workers said.",
    ),
    ("Anti-human trafficking unit", ""),
    ("", "Modern Slavery Act reports mention slavery, forced marriage and child begging."),
]


def test_the_substring_shortcut_scores_exactly_like_every_regex(monkeypatch):
    relevance = load_filter()
    with_shortcut = [relevance.score(title, text) for title, text in TEXTS]
    monkeypatch.setattr(relevance_module, "_first_word", lambda phrase: "")  # "" is in every text
    assert [relevance.score(title, text) for title, text in TEXTS] == with_shortcut
    assert any(score for score, _ in with_shortcut)


def test_trafficking_news_passes_and_sports_does_not():
    relevance = load_filter()
    score, matched = relevance.score(*TEXTS[0])
    assert relevance.is_relevant(score) and {"trafficker", "human trafficking", "anti-trafficking"} <= set(matched)
    score, matched = relevance.score(*TEXTS[1])
    assert score == 0 and matched == [] and not relevance.is_relevant(score)
    assert "scam compound" in relevance.score(*TEXTS[2])[1]  # hyphen or space between words

"""Stage 1 on the real default corpus: what must be removed, kept and normalized."""

from __future__ import annotations

import datetime as dt

from nkreport.cleaning import check_offsets, clean_article, clean_corpus, latest_text_date
from nkreport.corpus import RawArticle, load_corpus
from nkreport.paths import PROJECT_ROOT

PULL_QUOTE = "the effort to reassure the public does send another, albeit unintentional, message"


def article_text(articles, article_id):
    return articles.set_index("article_id").loc[article_id, "text"]


def test_pull_quote_of_acknowledgement_article_kept_once(cleaned):
    articles, _, audit = cleaned
    assert article_text(articles, "acknowledgement").lower().count(PULL_QUOTE) == 1
    rules = audit[audit.article_id == "acknowledgement"].rule.tolist()
    assert rules.count("pull_quote") == 1


def test_defencereport_boilerplate_removed(cleaned):
    articles, _, audit = cleaned
    text = article_text(articles, "defencereport-webb")
    for gone in ("[email protected]", "Feature Photo", "Aberystwyth", "By Stewart Webb", "KN-23 Launch"):
        assert gone not in text
    removed = set(audit[(audit.article_id == "defencereport-webb") & (audit.action == "removed")].rule)
    assert removed == {"author_biography", "byline", "caption", "email_placeholder", "photo_credit"}
    assert text.endswith("will only be revealed in time to come.")


def test_name_variants_mapped(cleaned):
    articles, _, audit = cleaned
    webb = article_text(articles, "defencereport-webb")
    assert "Brysan" not in webb and "Kursk and Bryansk oblasts" in webb
    assert "Zelenskyy" not in webb and webb.count("Zelensky") == 2
    assert "Kim Jong Nam" in article_text(articles, "won-youngsu")
    assert "Kim Jong Un praised" in article_text(articles, "acknowledgement")
    row = audit[(audit.rule == "name_variant") & (audit.before == "Zelenskyy")].iloc[0]
    assert (row["after"], row["count"]) == ("Zelensky", 2)


def test_headline_and_republication_line_removed(cleaned):
    articles, _, audit = cleaned
    diplomat = article_text(articles, "diplomat-casualties")
    assert diplomat.startswith("At the beginning of November 2024, rumours")
    assert "Originally published" not in diplomat
    assert set(audit[audit.article_id == "diplomat-casualties"].rule) >= {"headline", "republication_line"}


def test_quotes_straightened(cleaned):
    articles, _, _ = cleaned
    assert not any(ch in "".join(articles.text) for ch in "\u2018\u2019\u201c\u201d")
    assert 'praised the "heroism and bravery"' in article_text(articles, "acknowledgement")


def test_sentence_offsets_and_ids(cleaned):
    articles, sentences, _ = cleaned
    check_offsets(articles, sentences)
    assert sentences.sentence_id.is_unique
    assert sentences.groupby("article_id").size().to_dict() == dict(
        zip(articles.article_id, articles.sentences, strict=True)
    )
    first = sentences[sentences.article_id == "unprecedented-intervention"].iloc[0]
    assert first.sentence_id == "unprecedented-intervention-s001"
    assert first.text.startswith("The involvement of North Korean troops") and first.start == 0


def test_date_bounds(cleaned):
    articles = cleaned[0].set_index("article_id")
    diplomat = articles.loc["diplomat-casualties"]
    assert (diplomat.date_low, diplomat.date_high, diplomat.date_precision) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 1, 31),
        "month",
    )
    webb = articles.loc["defencereport-webb"]
    assert (webb.date_low, webb.date_precision) == (dt.date(2024, 5, 1), "lower bound")
    assert articles.loc["acknowledgement"].date_precision == "unknown"


def test_latest_text_date_ignores_future_and_impossible_dates():
    today = dt.date(2025, 6, 1)
    # 31 February is not a day, so only its month counts; March 2030 is after today.
    assert latest_text_date("On 14 October 2024 and 31 February 2025, in March 2030.", today) == (
        dt.date(2025, 2, 1),
        "month",
    )
    assert latest_text_date("On 14 October 2024, in March 2030.", today) == (dt.date(2024, 10, 14), "day")


def test_html_markup_removed_and_audited(name_variants):
    raw = RawArticle(
        "x",
        "x.txt",
        "<p>Some <b>3,000</b> troops were sent.</p>\n<script>alert(1)</script> Text.",
        {"title": ""},
        2,
        "h",
    )
    result = clean_article(raw, name_variants)
    assert "<" not in result.article["text"]
    assert "Some 3,000 troops were sent." in result.article["text"]
    assert sum(a["rule"] == "html_markup" for a in result.audit) == 6


def test_cleaning_is_deterministic(cleaned, name_variants):
    again = clean_corpus(load_corpus(PROJECT_ROOT / "data" / "raw"), name_variants)
    for first, second in zip(cleaned, again, strict=True):
        assert first.equals(second)

"""Reading numbers, actors, forces, scopes and dates of estimates in single sentences (written for the test)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from nkreport import stages
from nkreport.claims.dates import estimate_date
from nkreport.claims.numbers import word_alternation
from nkreport.stages import reference


def read(text: str) -> list[dict]:
    engine = reference.extractor()
    return engine.sentence_claims(engine.nlp.tokenizer(text))


def read_article(texts: list[str], paragraphs: list[int] | None = None, outlet: object = ""):
    """The claims of one article dated 17 Jan 2025, published by ``outlet``, whose sentences are ``texts`` (one
    paragraph unless ``paragraphs`` numbers them; with ``paragraphs=[]`` each sentence is a paragraph of its own)."""
    import pandas as pd

    sentences = pd.DataFrame(
        {"article_id": "t", "sentence_id": [f"t-s{i:03d}" for i in range(len(texts))], "text": texts}
    )
    if paragraphs != []:
        sentences["paragraph"] = paragraphs or 1
    articles = pd.DataFrame([{"article_id": "t", "outlet": outlet, "date_high": "2025-01-17", "date_precision": "day"}])
    return stages.claims.extract(sentences, articles)


def values(text: str) -> list[float]:
    return [c["value_low"] for c in read(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kyiv said on Jan. 4 that an estimated 1,200 North Korean soldiers were wounded.", [1200]),
        ("On Feb. 13 the agency said 300 soldiers had been killed.", [300]),
        ("By 4 January some 3,000 troops had been killed or wounded.", [3000]),
        ("As many as 3,000 may have been killed.", [3000]),
        ("Sixty North Korean soldiers were killed.", [60]),
        ("Ninety-one soldiers were captured.", [91]),
    ],
)
def test_days_of_the_month_are_never_counts_and_number_words_are_read(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Russia lost 20 842 soldiers killed and wounded.", 20842, 20842),
        ("Ukraine says 1 200 000 Russians were killed or wounded.", 1_200_000, 1_200_000),
        ("Kyiv said 10-12,000 North Korean soldiers were deployed.", 10_000, 12_000),
        ("Seoul said between 2 and 3,000 North Korean soldiers were deployed.", 2_000, 3_000),
        ("Kyiv said 5-100,000 North Korean soldiers could be deployed.", 5, 100_000),
    ],
)
def test_thousands_set_off_by_a_space_and_shorthand_ranges_are_read_whole(text, low, high):
    claim = read(text)[0]
    assert (claim["value_low"], claim["value_high"]) == (low, high)


def test_the_quick_number_test_skips_only_sentences_without_a_number_word():
    engine = reference.extractor()
    assert not engine.may_count("Most of the soldiers of the regiment said so.")  # 'of' alone is no number
    for text in ("They lost 1,200.", "Sixty soldiers died.", "A couple thousand more came.", "Two-thirds died."):
        assert engine.may_count(text)


def test_word_alternation_matches_exactly_its_words():
    pattern = re.compile(word_alternation({"five", "fifteen", "fifty", "few"}))
    assert [w for w in ("five", "fifteen", "fifty", "few", "fi", "fift", "fives") if pattern.fullmatch(w)] == [
        "five",
        "fifteen",
        "fifty",
        "few",
    ]


def test_vague_quantities_keep_only_what_the_words_fix():
    couple = read("A couple thousand more North Korean troops arrived.")[0]
    assert (couple["value_low"], couple["hedge"]) == (2000, "approximate")
    several = read("Several hundred North Korean soldiers were killed.")[0]
    assert (several["value_low"], several["hedge"]) == (300, "at_least")
    alone = read("Several North Korean soldiers were killed in the strike.")[0]
    assert (alone["number_text"], alone["value_low"], alone["hedge"]) == ("Several", 3, "at_least")
    assert values("A half dozen North Korean officers were killed.") == [6]
    assert values("Half a dozen North Korean officers were killed.") == [6]
    assert values('He said, "It seems that nearly 3,000 [North Korean soldiers] were sent [to Russia]."') == [3000]
    assert values("Several news agencies said that 300 North Korean soldiers were killed.") == [300]
    assert values("Losses came from several challenges facing the North Korean forces.") == []
    assert values("Dozens of drones and hundreds of shells were fired.") == []


def test_shares_keep_their_base_and_rates_their_unit():
    share = read("About two-thirds of the 11,000 troops were killed.")
    third = next(c for c in share if c["scope"] == "share")
    assert (third["value_low"], third["unit"], third["base"]) == (0.67, "share", "the 11,000 troops")
    fronted = read("Of the 11,000 North Korean troops, about a third were killed.")[-1]
    assert (fronted["value_low"], fronted["category"], fronted["base"]) == (
        0.33,
        "killed",
        "the 11,000 North Korean troops",
    )
    percent = read("Out of the 10,000 troops believed to be training in Russia, 80% are in Kursk.")[-1]
    assert (percent["value_low"], percent["unit"], percent["scope"]) == (80, "percent", "share")
    assert values("Of the 100 soldiers in the unit, 12 were killed.") == [100, 12]  # a count, not a share
    for text, value in (("One in three North Korean soldiers died.", 0.33), ("One out of every ten troops died.", 0.1)):
        ratio = read(text)
        assert [(c["value_low"], c["scope"], c["category"]) for c in ratio] == [(value, "share", "killed")]
    rate = read("Russia loses about 1,000 soldiers a day.")[0]
    assert (rate["scope"], rate["unit"], rate["subject"]) == ("rate", "soldiers per day", "russia")


@pytest.mark.parametrize(
    "text",
    [
        "Around 3,000 soldiers are about to arrive.",
        "Another 2,000 soldiers were transferred from the east.",
        "Moscow dispatches 1,000 soldiers each week.",
        "Pyongyang sends 1,000 soldiers with every train.",
    ],
)
def test_a_verb_of_sending_in_any_form_makes_a_deployment(text):
    assert read(text)[0]["category"] == "deployed"


@pytest.mark.parametrize(
    ("text", "subject", "category"),
    [
        ("Russia has 50,000 troops in Kursk.", "russia", "force_size"),
        ("Ukraine's own losses reached 5,000 soldiers.", "ukraine", "casualties"),
        ("Ukrainian forces captured two North Korean soldiers.", "north_korea", "captured"),
        ("Another 550,000 Russians have been wounded.", "russia", "wounded"),
        ("About 20,000 Ukrainians were killed in the battle.", "ukraine", "killed"),
        ("The fighting in Kursk has cost Russia thousands of troops.", "russia", "casualties"),
        ("Russia fired 3,000 shells and lost 200 soldiers.", "russia", "casualties"),
        ("The Ukrainian military suffered over 76,000 casualties in Kursk.", "ukraine", "casualties"),
        ("The total casualties of Russian troops in Ukraine have surpassed one million.", "russia", "casualties"),
    ],
)
def test_the_force_counted_is_never_north_korean_by_default(text, subject, category):
    claim = read(text)[0]
    assert (claim["subject"], claim["category"]) == (subject, category)


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        (
            "According to Kyiv and Washington, about 11,000 North Korean troops were sent.",
            {"ukraine_government", "us_government"},
        ),
        (
            "According to South Korean and Western intelligence, 300 were killed.",
            {"south_korea_nis", "western_officials"},
        ),
        ("Pyongyang itself has admitted losing about 100 soldiers.", {"north_korea_state"}),
        ('"We counted 200 dead," the Ukrainian command said.', {"ukraine_government"}),
        ("The Ukrainian president told a news agency that 3,000 were killed.", {"ukraine_president"}),
        ("Seoul's legislators said that about 600 soldiers were killed.", {"south_korea_nis"}),
        (
            "A source in Ukraine's military intelligence told a newspaper that 400 were captured.",
            {"ukraine_government"},
        ),
        ("A U.S. security expert said 3,000 North Korean soldiers were killed.", {"think_tank"}),
        ("According to the Ukrainian president, Russian forces have 60,000 troops in Kursk.", {"ukraine_president"}),
        (
            "Vladimir Putin's spokesman told reporters that 500 North Korean soldiers were in Kursk.",
            {"russia_government"},
        ),
        ("Former president Joe Biden's national security adviser said 10,000 troops had gone.", {"us_government"}),
        ("The talks followed an allegation by the United States that 10,000 troops had been sent.", {"us_government"}),
        ("The findings of British intelligence put the number killed at 1,000.", {"uk_defence_intelligence"}),
        ("Citing the Kremlin, the newspaper said 3,000 North Korean soldiers had been killed.", {"russia_government"}),
        ("Seoul put the number of North Korean dead at 3,000.", {"south_korea_nis"}),
        ("A news agency reported that Washington has evidence that 3,000 troops are in Russia.", {"us_government"}),
        ("A senior U.S. official now puts North Korean losses at around 3,000.", {"us_government"}),
        (
            "Vadym Skibitsky told a newspaper that 3,000 more North Korean troops were on the way.",
            {"ukraine_government"},
        ),
        (
            "Healey told MPs that about 6,000 North Korean soldiers had been killed or wounded.",
            {"uk_defence_intelligence"},
        ),
    ],
)
def test_actors_are_recognized_compositionally(text, actors):
    assert {c["attributed_to"] for c in read(text)} == actors


def test_a_speaker_carries_within_a_paragraph_but_not_beyond_its_reach():
    texts = [
        "South Korea's spy agency briefed lawmakers on Thursday.",
        "About 300 North Korean soldiers have been killed, the agency said.",
        "Some 2,700 more were wounded.",
    ]
    found = read_article(texts)
    assert found["attributed_to"].tolist() == ["south_korea_nis", "south_korea_nis"]
    assert found["as_of"].tolist() == [dt.date(2025, 1, 17)] * 2


@pytest.mark.parametrize("verb", ["emphasizes", "explains", "argues", "insists", "commented"])
def test_a_speaker_carries_whatever_form_of_a_reporting_verb_names_him(verb):
    texts = [f"An analyst at a Seoul institute {verb} that the unit is an elite one.", "It has 80,000 personnel."]
    assert read_article(texts)["attributed_to"].tolist() == ["think_tank"]


def test_the_named_source_of_the_figure_before_carries_to_the_next_sentence_of_its_paragraph():
    texts = [
        "Ukraine's special forces eliminated 13 North Korean soldiers, according to an official statement.",
        "The raid left five North Korean soldiers dead and eight more wounded.",
    ]
    found = read_article(texts)
    assert found[["number_text", "attributed_to"]].values.tolist() == [
        ["13", "ukraine_government"],
        ["five", "ukraine_government"],
        ["eight", "ukraine_government"],
    ]


def test_a_quotation_closed_by_a_speaker_referred_back_to_is_that_speakers_in_a_later_paragraph():
    texts = [
        "South Korea's spy agency briefed lawmaker Lee Seong-kweun on Thursday.",
        '"In December at least 100 North Korean soldiers died.',
        'The agency also reports that about 1,000 North Korean soldiers were wounded," says Lee.',
    ]
    found = read_article(texts, paragraphs=[1, 2, 2])
    assert found["attributed_to"].tolist() == ["south_korea_nis", "south_korea_nis"]


def test_a_belief_reported_by_a_speaker_referred_back_to_is_that_speakers_not_hearsay():
    texts = [
        "Citing Western officials, the report said North Korean troops had suffered 4,000 casualties.",
        "Of these, around 1,000 are believed to have been killed, it said.",
        "It is estimated that 500 more were captured.",
    ]
    found = read_article(texts)
    assert found["attributed_to"].tolist() == ["western_officials", "western_officials", "unattributed"]


@pytest.mark.parametrize(
    "text",
    [
        "More than 1,000 North Korean soldiers were killed or wounded in the past week alone.",
        "About 30 North Korean soldiers were killed in a recent clash.",
        "Some 500 North Korean soldiers died in a missile strike on their positions.",
    ],
)
def test_a_count_of_one_episode_is_a_part(text):
    assert [c["scope"] for c in read(text)] == ["part"]


def test_a_speaker_referred_back_to_passes_on_the_speaker_it_refers_to():
    texts = [
        "Ukraine's president told a podcaster on Sunday that the war could last for years.",
        "The leader said that 11,000 North Korean soldiers had reached the front.",
        "So far, 4,000 North Korean soldiers have been killed or wounded.",
    ]
    found = read_article(texts, paragraphs=[1, 2, 2])
    assert found["attributed_to"].tolist() == ["ukraine_president", "ukraine_president"]
    assert found["attribution_rule"].tolist()[1] == "speaker carried from earlier in the paragraph"


@pytest.mark.parametrize(
    ("text", "as_of", "precision"),
    [
        ("The agency said on Jan. 13 that 300 were killed.", dt.date(2025, 1, 13), "sentence (day)"),
        ("In April the agency put the dead at 600.", dt.date(2025, 4, 1), "sentence (month)"),
        ("Last month the agency put the dead at 600.", dt.date(2025, 9, 1), "sentence (month)"),
        ("The agency said on Thursday that 600 were killed.", dt.date(2025, 10, 16), "sentence (day)"),
        ("The spy agency earlier said 600 were killed.", dt.date(2025, 10, 17), "earlier than article (day)"),
        ("About 600 were killed, the agency said.", dt.date(2025, 10, 17), "article (day)"),
        ("Fighting since January 2025 has killed 600.", dt.date(2025, 10, 17), "article (day)"),
    ],
)
def test_the_date_of_an_estimate(text, as_of, precision):
    engine = reference.extractor()
    article = {"date_high": "2025-10-17", "date_low": "2025-10-17", "date_precision": "day"}  # a Friday
    assert estimate_date(text, article, engine.lexicon, engine.earlier) == (as_of, precision)


def test_the_total_a_part_is_taken_from_counts_the_force_sent():
    out_of = read("About 4,000 soldiers out of a total of 12,000 were killed, the president said.")
    assert [(c["value_low"], c["category"]) for c in out_of] == [(4000, "killed"), (12000, "deployed")]
    of_the = read("Officials said that of the 11,000 troops believed to be in the region, 1,000 had been wounded.")
    assert [(c["value_low"], c["category"]) for c in of_the] == [(11000, "deployed"), (1000, "wounded")]


@pytest.mark.parametrize(
    ("text", "source", "rule"),
    [
        ("It is reported that around 4,000 casualties have occurred.", "unattributed", "hearsay"),
        ("The White House has yet to confirm reports that 12,000 soldiers are in Russia.", "unattributed", "hearsay"),
        ("There are other reports that the force will include 10,000 soldiers.", "unattributed", "hearsay"),
        (
            "Kyiv has not confirmed these reports, which suggest that 12,000 soldiers have arrived.",
            "unattributed",
            "hearsay",
        ),
        ("There are indications that Pyongyang had promised 10,000 more soldiers.", "unattributed", "hearsay"),
        ("Seoul was unable to confirm that 500 soldiers had died.", "author", "author"),
        ("The deployment is said to number more than 1,000 troops.", "unattributed", "hearsay"),
        ('"Several hundred casualties is our estimate," the official said.', "unattributed", "referred back to"),
        ("About 300 soldiers were killed near the border, the ministry added.", "unattributed", "referred back to"),
        ("A source said 500 North Korean soldiers were killed.", "unattributed", "first mentioned"),
        ("Another senior official stated that about 1,000 troops had arrived.", "unattributed", "first mentioned"),
        ("An estimated 5,000 casualties makes this war the third deadliest.", "author", "author"),
        ("North Korea has sent 11,000 troops to Russia.", "author", "author"),
        ("The deal saw the latter sending a reported 11,000 troops to the front.", "unattributed", "hearsay"),
        ("Reports reveal that up to 40 soldiers were killed in the first clashes.", "unattributed", "hearsay"),
        ("Unnamed sources claimed that 2,000 North Korean soldiers were wounded.", "unattributed", "hearsay"),
        ("American sources estimate that 1,000 North Korean soldiers were killed.", "us_government", "reporting actor"),
        ("The spy agency said 1,000 soldiers were killed.", "unattributed", "referred back to"),
        ("Zelensky's office said 3,000 soldiers were killed.", "ukraine_president", "reporting actor before"),
        (
            "An analyst said North Korean military casualties are estimated at about 3,000.",
            "think_tank",
            "reporting actor before",
        ),
    ],
)
def test_an_unnamed_speaker_is_never_the_author_and_a_side_is_not_a_speaker(text, source, rule):
    claim = read(text)[0]
    assert claim["attributed_to"] == source
    assert rule in claim["attribution_rule"]


def test_the_object_of_a_loss_verb_is_counted_on_the_side_named_after_it_not_on_the_side_that_inflicts_it():
    claims_read = read("Ukrainian soldiers have killed 77 and wounded as many as 40 North Korean soldiers.")
    assert [(c["value_low"], c["category"], c["subject"]) for c in claims_read] == [
        (77, "killed", "north_korea"),
        (40, "wounded", "north_korea"),
    ]
    assert read("Ukrainian forces killed 50 Russian soldiers near the border.")[0]["subject"] == "russia"
    own = read("Russia lost over 300 soldiers near Kursk, the ministry said.")[0]
    assert (own["category"], own["subject"]) == ("casualties", "russia")


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("The South Korean government said 300 North Korean soldiers were killed.", ["south_korea_government"]),
        ("South Korean officials said 300 North Korean soldiers were killed.", ["south_korea_nis"]),
        ("South Korea's presidential office said about 2,000 were killed.", ["south_korea_government"]),
        ("A captured North Korean soldier said 100 of his comrades had died.", ["prisoner_of_war"]),
        ("Ukraine holds two North Korean prisoners of war, officials in Kyiv said.", ["ukraine_government"]),
    ],
)
def test_seoul_without_an_agency_and_prisoners_of_war_are_sources_of_their_own(text, sources):
    assert [c["attributed_to"] for c in read(text)] == sources


def test_a_figure_inside_a_quotation_belongs_to_the_speaker_named_where_the_quotation_closes():
    texts = [
        '"It is hard to know, with as many as 1,000 killed.',
        'Those are staggering losses for a force of 12,000," the Ukrainian command said.',
        '"About 300 were wounded.',
        'It was a hard week," a source said.',
        "Another 200 soldiers arrived.",
    ]
    found = read_article(texts, [1, 1, 2, 2, 3])
    assert found["attributed_to"].tolist() == ["ukraine_government", "ukraine_government", "unattributed", "author"]


@pytest.mark.parametrize(
    ("text", "value", "category"),
    [
        ("North Korea may be prepared to deploy up to 100,000 on Russia's side.", 100000, "deployed"),
        ("Pyongyang has dispatched some 3,000 to Russia.", 3000, "deployed"),
        ("The contingent in Russia may eventually rise to around 12,000.", 12000, "deployed"),
        ("Estimates put the number of soldiers sent somewhere between 10,000 and 12,000.", 10000, "deployed"),
        ("According to officials, 11,000 were deployed.", 11000, "deployed"),
        ("Another 1,500 had already arrived.", 1500, "deployed"),
    ],
)
def test_people_sent_are_counted_without_a_noun_after_the_number(text, value, category):
    assert [(c["value_low"], c["category"]) for c in read(text)] == [(value, category)]


@pytest.mark.parametrize(
    "text",
    [
        "North Korea sent 2 letters to Moscow.",
        "Troops are training with Russian forces at three specialized military sites.",
        "Officials cited unfamiliarity with drones as one reason for the losses.",
        "Pyongyang is paid $2,000 per soldier.",
        "Pyongyang is paid 2,000 USD per soldier.",
    ],
)
def test_numbers_of_things_near_people_are_not_claims(text):
    assert read(text) == []


def test_countries_listed_before_their_estimates_are_one_joint_source():
    found = read("U.S., Ukrainian and South Korean estimates put the number of troops sent at about 11,000.")
    assert sorted(c["attributed_to"] for c in found) == ["south_korea_nis", "ukraine_government", "us_government"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("According to the Wall Street Journal, 11,000 troops were sent.", "news_media"),
        ("The Kyiv Post reported 200 North Korean soldiers dead.", "news_media"),
        ("The Korean Central News Agency said 101 soldiers died.", "north_korea_state"),
        ("The Korea Herald reported that 300 soldiers died, citing the NIS.", "south_korea_nis"),
    ],
)
def test_an_outlet_is_known_by_its_name_and_relays_the_source_it_cites(text, source):
    assert [c["attributed_to"] for c in read(text)] == [source]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'He said 3,800 of the approximately 12,000 soldiers deployed had "died or been injured".',
            [(3800, "casualties"), (12000, "deployed")],
        ),
        ("North Korea may send another 20-25 thousand soldiers.", [(20000, "deployed")]),
        ("They enlisted the help of 12,000 North Korean soldiers.", [(12000, "deployed")]),
        ("Officials say the number of soldiers fighting on Russia's behalf may exceed 10,000.", [(10000, "deployed")]),
        ("Ukraine places the figure of troops sent closer to 12,000.", [(12000, "deployed")]),
        ("Pyongyang called in over 10,000 reinforcements.", [(10000, "deployed")]),
        ("The experience reaches the entire 1.3-million-strong army of the DPRK.", [(1300000, "force_size")]),
        ("Troops found the bodies of more than a dozen slain North Korean soldiers.", [(12, "killed")]),
        ("At least 2,600 would be sent to the Kursk region.", [(2600, "deployed")]),
        ("Russia has suffered more than half a million casualties.", [(500000, "casualties")]),
        ("This follows earlier deployments of 10,000–12,000 troops.", [(10000, "deployed")]),
        ("A video shows the bodies of more than 20 North Korean soldiers.", [(20, "killed")]),
        ("The agency reported the death of six soldiers during a two-month mission.", [(6, "killed")]),
        ("The loss of 300 soldiers in one week was a heavy blow.", [(300, "casualties")]),
        ("The number of soldiers killed or wounded in the war has exceeded 4,000.", [(4000, "casualties")]),
        ("Up to 1,500 Russian soldiers are dying every day.", [(1500, "killed")]),
        ("Their regiment killed 77 North Koreans and wounded 40 over three days.", [(77, "killed"), (40, "wounded")]),
        ("At least 3,000 have lost their lives or been wounded in the fighting.", [(3000, "casualties")]),
        ("North Korean troops in Kursk now number about 11,000.", [(11000, "deployed")]),
        ("The North Korean dead number 3,000, the NIS said.", [(3000, "killed")]),
        ("State media honoured 101 martyrs of the Kursk operation.", [(101, "killed")]),
        (
            "The NIS said North Korea has lost 4,700 soldiers, including 600 killed.",
            [(4700, "casualties"), (600, "killed")],
        ),
        ("Seoul confirmed that at least one wounded North Korean prisoner died from his injuries.", [(1, "killed")]),
        ("Thirty were killed or wounded in the assault and three went missing.", [(30, "casualties"), (3, "other")]),
        ("The detention of two North Korean soldiers by Ukraine proved the North's role.", [(2, "captured")]),
        ("Pyongyang sent a contingent numbering 11,000.", [(11000, "deployed")]),
        ("The North Korean contingent in Kursk will number 10,000 soldiers.", [(10000, "deployed")]),
        (
            "Officials counted 4,000 North Korean soldiers killed or wounded, including 1,000 in January.",
            [(4000, "casualties"), (1000, "casualties")],
        ),
        ("Russia will bring 12,000 workers from North Korea to a drone plant.", [(12000, "other")]),
    ],
)
def test_parts_wholes_ranges_and_restatements(text, expected):
    assert [(c["value_low"], c["category"]) for c in read(text)] == expected


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("About 3,800 soldiers had been injured or killed in fighting so far.", "category", "casualties"),
        ("There are over three thousand wounded and killed soldiers in the region.", "category", "casualties"),
        ("Some 2,500 were killed, wounded or captured.", "category", "casualties"),
        ("Some 2,500 were killed and 900 wounded.", "category", "killed"),
        ("Ukraine is responsible for over 3,000 casualties among North Korean troops.", "subject", "north_korea"),
        ("Soldiers killed five servicemen of the Democratic People's Republic of Korea.", "subject", "north_korea"),
        ("Russia is suffering over 70,000 casualties.", "subject", "russia"),
        (
            "Moscow has not confirmed Western estimates that 11,000 soldiers are fighting.",
            "attributed_to",
            "western_officials",
        ),
        (
            "About 12,000 troops were deployed, according to various intelligence sources.",
            "attributed_to",
            "unattributed",
        ),
        (
            "The NIS, which questioned the captured soldiers in Kyiv, said 300 North Koreans were killed.",
            "attributed_to",
            "south_korea_nis",
        ),
        (
            "The NIS, as quoted by the Polish Press Agency, estimates 3,000 soldiers were sent.",
            "attributed_to",
            "south_korea_nis",
        ),
        ("Russia's media reported that Pyongyang will send 5,000 builders.", "attributed_to", "news_media"),
        ("The institute stated the daily casualty rate could reach 92 soldiers.", "attributed_to", "think_tank"),
        (
            "The South Korean and U.S. governments revealed that 12,000 soldiers were sent.",
            "attributed_to",
            "south_korea_government",
        ),
        ("Zelensky warned Pyongyang may soon send as many as 12,000 soldiers.", "attributed_to", "ukraine_president"),
        (
            "The deployment, which was confirmed by Putin in April, saw 4,000 soldiers killed.",
            "attributed_to",
            "author",
        ),
        (
            "Some 3,000 casualties were counted, according to recent updates from President Zelensky.",
            "attributed_to",
            "ukraine_president",
        ),
        (
            "Some 10,000 reinforcements came from his pal in North Korea, claim Ukraine and the West.",
            "attributed_to",
            "ukraine_government",
        ),
        (
            "North Korea's leader mourned 101 soldiers killed, according to photographs in the country's state media.",
            "attributed_to",
            "north_korea_state",
        ),
        ("North Korea sent 3,000 more soldiers to Russia, South Korea has said.", "attributed_to", "south_korea_nis"),
        ("Ukraine places the figure of soldiers sent closer to 12,000.", "attributed_to", "ukraine_government"),
        ("A quarter of the 11,000 soldiers sent to Russia were killed or wounded.", "category", "casualties"),
        (
            "South Korean lawmakers, citing intelligence sources, reported that 2,000 were killed.",
            "attributed_to",
            "south_korea_nis",
        ),
        (
            "Some 12,000 workers will come, according to the Ministry of Civil Protection of Ukraine.",
            "attributed_to",
            "ukraine_government",
        ),
        (
            "This follows earlier claims by the United States that 12,000 troops were sent.",
            "attributed_to",
            "us_government",
        ),
        (
            "Reports have suggested that Russia stationed 12,000 North Korean soldiers in Kursk.",
            "attributed_to",
            "unattributed",
        ),
        (
            "North Korea committed to sending 12,000 troops, with reports indicating the number could rise to 100,000.",
            "attributed_to",
            "author",
        ),
        (
            "At least 18 soldiers stationed in Kursk, near the border, have reportedly deserted.",
            "attributed_to",
            "unattributed",
        ),
        (
            "According to the high-ranking Ukrainian intelligence officer, the 1.3-million-strong army learns.",
            "attributed_to",
            "ukraine_government",
        ),
        (
            "According to a social media post by the SBU, troops found a dozen slain soldiers.",
            "attributed_to",
            "ukraine_government",
        ),
        (
            "As reported by the Financial Times, Russia has deployed around 3,000 North Korean soldiers.",
            "attributed_to",
            "news_media",
        ),
        ("Sources indicate that a contingent of up to 12,000 personnel is training.", "attributed_to", "unattributed"),
        ("North Korean leader Kim Jong-un sent roughly 12,000 soldiers to Russia.", "attributed_to", "author"),
        (
            "Operators of Ukraine's special forces neutralized 21 North Korean soldiers.",
            "attributed_to",
            "ukraine_government",
        ),
        (
            "The two soldiers are the first North Koreans fighting with Russia that Ukraine said it captured.",
            "attributed_to",
            "ukraine_government",
        ),
        (
            "Ukraine will swap two North Koreans held in Russia, Ukrainian President Volodymyr Zelenskyy said.",
            "attributed_to",
            "ukraine_president",
        ),
        ("At least 18 soldiers stationed in Kursk have abandoned their posts.", "category", "deserted"),
        ("Ukraine is ready to send two North Koreans captured in battle back home.", "category", "captured"),
        (
            "Casualty estimates were 4,000 for Zelensky and 1,200 for the U.S. Department of Defense.",
            "attributed_to",
            "ukraine_president",
        ),
        (
            "Ukraine's top diplomat in Seoul reported that 20,000 soldiers could gain experience.",
            "attributed_to",
            "ukraine_government",
        ),
        (
            "Seoul reveals that nearly 2,000 North Korean soldiers have died, reports The Moscow Times.",
            "attributed_to",
            "south_korea_nis",
        ),
        (
            "According to data provided in mid-January by the South Korean intelligence agency, 300 died.",
            "attributed_to",
            "south_korea_nis",
        ),
        (
            "Estimates suggest that up to 100,000 North Korean soldiers could be deployed.",
            "attributed_to",
            "unattributed",
        ),
        ("North Korea is believed to have sent over 10,000 troops to Russia.", "attributed_to", "unattributed"),
        (
            "Seoul, Washington and Kyiv have said that around 12,000 North Korean troops are in Russia.",
            "attributed_to",
            "south_korea_nis",
        ),
        ("Ukraine admits to losing 43,000 men with another 370,000 wounded.", "subject", "ukraine"),
        ("South Korean sources suggest 2,700 injured North Korean soldiers.", "subject", "north_korea"),
    ],
)
def test_first_claim_reads_category_side_and_source(text, field, expected):
    """Loss words joined count casualties; the side counted after 'among' or 'of'; speakers in relative clauses,
    relayers, negated verbs and unnamed sources."""
    assert read(text)[0][field] == expected


def test_a_restatement_refers_back_to_the_last_claim_of_its_paragraph():
    texts = ["The NIS estimated 1,000 casualties in December.", "It now puts the figure at about 2,000."]
    found = read_article(texts)
    assert found[["value_low", "category", "attributed_to"]].values.tolist() == [
        [1000, "casualties", "south_korea_nis"],
        [2000, "casualties", "south_korea_nis"],
    ]


def test_the_next_sentence_can_name_the_source_of_the_figures_before_it():
    texts = [
        "North Korea will send 1,000 sappers to Russia, reportedly to help rebuild.",
        "This was announced by Russian Security Council Secretary Sergei Shoigu, according to a news site.",
        "At least 18 North Korean soldiers have reportedly deserted their posts.",
        "This information was shared by Suspilne, citing intelligence sources.",
    ]
    found = read_article(texts, [])  # each sentence a paragraph of its own
    assert found["attributed_to"].tolist() == ["russia_government", "unattributed"]
    assert set(found["attribution_rule"]) == {"source named in the next sentence"}


def test_hearsay_carries_to_the_next_sentence_of_its_paragraph_as_an_unnamed_source():
    texts = [
        "Sources indicate that a contingent of up to 12,000 personnel is training in Russia.",
        "This contingent includes at least 500 officers.",
    ]
    found = read_article(texts)
    assert found["attributed_to"].tolist() == ["unattributed", "unattributed"]


def test_hearsay_without_a_number_carries_too():
    texts = [
        "It is believed that Pyongyang is preparing another deployment.",  # no figure: only its hearsay carries
        "This contingent includes at least 500 officers.",
    ]
    found = read_article(texts)
    assert found[["attributed_to", "attribution_rule"]].values.tolist() == [
        ["unattributed", "speaker carried from earlier in the paragraph"]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On December 14 and 15, 30 soldiers were killed near the village.", [30]),
        ("On 3 and 4 March, army units from the North lost 20 soldiers.", [20]),
        ("Between 14 and 15 soldiers were wounded.", [14]),
        ("Officials say that 3, 000 North Korean troops are already in Russia.", [3000]),
        ("Officials say that 3 ,000 North Korean troops are already in Russia.", [3000]),
        ("There are 10.000 North Korean soldiers in Russia, the minister noted.", [10000]),
    ],
)
def test_days_joined_to_a_date_are_dates_and_thousands_may_be_spaced_or_dotted(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "category", "source"),
    [
        ("Ukrainian drone operators killed 40 North Korean soldiers near the border.", "killed", "ukraine_government"),
        ("The special forces eliminated 17 DPRK soldiers.", "killed", "ukraine_government"),
        ("Russian paratroopers killed 25 Ukrainian soldiers overnight.", "killed", "russia_government"),
        (
            "The Russian armed forces have eliminated more than 900 Ukrainian servicemen.",
            "casualties",
            "russia_government",
        ),
        ("Reports say drone operators killed 30 North Korean soldiers.", "killed", "unattributed"),
    ],
)
def test_a_units_count_of_the_losses_it_inflicted_is_its_sides(text, category, source):
    """With no speaker named, the side whose unit inflicted the losses gives the count; Ukraine's forces report
    the enemy 'eliminated' for killed, Russia's for all its losses; hearsay stays unnamed."""
    first = read(text)[0]
    assert (first["category"], first["attributed_to"]) == (category, source)


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        (
            "According to the White House and the Pentagon, North Korea has suffered 1,000 casualties.",
            {"us_government"},
        ),
        (
            "According to Kyiv but also Seoul, 12,000 North Korean soldiers are in Kursk.",
            {"ukraine_government", "south_korea_nis"},
        ),
        (
            "According to South Korean, Ukrainian, and Western intelligence sources, more than 6,000 were killed.",
            {"south_korea_nis", "ukraine_government", "western_officials"},
        ),
        ("Two soldiers were captured last week, and the Ukrainian president said they would be exchanged.", {"author"}),
        (
            "Oleksandr, the commander of a Ukrainian drone unit in Kursk, told reporters that 60 North Koreans came.",
            {"ukraine_government"},
        ),
        (
            "North Korea's first deployment, which was confirmed by Putin in April, saw 4,000 soldiers killed.",
            {"author"},
        ),
        ("The decision was announced by Sergei Shoigu, who said 5,000 builders would be sent.", {"russia_government"}),
        ("Kim Jong Un is doubling down on his commitment, sending an additional 10,000 troops.", {"author"}),
    ],
)
def test_sources_listed_in_appositions_or_coordinated_clauses(text, sources):
    """A comma after a source opens a list only when the list goes on; a role shared by a list of countries; a
    speaker of a later coordinated clause, in a relative clause, or a sender is not the figure's source."""
    found = read(text)
    assert {c["attributed_to"] for c in found if c["start"] == found[0]["start"]} == sources


@pytest.mark.parametrize(
    ("outlet", "source"),
    [("U.S. Department of Defense", "us_government"), ("Center for Strategic and International Studies", "author")],
)
def test_an_official_publishers_own_text_speaks_for_it_but_a_think_tanks_is_its_writers(outlet, source):
    text = "We believe the DPRK has sent around 10,000 soldiers to train in eastern Russia."
    assert read_article([text], outlet=outlet)["attributed_to"].tolist() == [source]


def test_a_figure_that_adds_to_one_just_given_counts_what_it_counted():
    found = read("Seoul's spy agency says 3,000 troops have been sent, with up to 8,000 more expected.")
    assert [(c["value_low"], c["category"], c["attributed_to"]) for c in found] == [
        (3000, "deployed", "south_korea_nis"),
        (8000, "deployed", "south_korea_nis"),
    ]


def test_soldiers_counted_outside_any_war_are_a_forces_size():
    assert read("The North has one of the largest armies, with around 1.2 million active soldiers.")[0]["category"] == (
        "force_size"
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Between 12% and 40% of the troops were killed.", "12% and 40%"),
        ("Some 12% to 40% of them died.", "12% to 40%"),
    ],
)
def test_a_range_of_percentages_is_one_share(text, written):
    assert [(c["number_text"], c["value_low"], c["value_high"], c["scope"]) for c in read(text)] == [
        (written, 12, 40, "share")
    ]


def test_an_article_without_an_outlet_is_its_authors():
    found = read_article(["We think 3,000 soldiers died."], outlet=float("nan"))  # a missing outlet read from CSV
    assert found["attributed_to"].tolist() == ["author"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Casualty figures for North Korean forces range from 2,000 to 4,000 killed.", "unattributed"),
        (
            "With estimates of up to 4,000 soldiers lost, Pyongyang is sending an additional 10,000 troops.",
            "unattributed",
        ),
        ("North Korea sent 10,000 troops in October.", "author"),
    ],
)
def test_an_estimate_whose_source_is_not_named_is_not_the_authors(text, source):
    assert read(text)[0]["attributed_to"] == source


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian missiles struck four civilian ships and three villages, killing 10 people.", [10]),
        ("A Russian brigade is about 8,000 soldiers, so the contribution is about one brigade.", [8000]),
        ("Three thousand or even ten thousand North Koreans would make no difference.", [3000]),
        ("Hundreds of thousands were killed and seriously wounded.", [200000]),
    ],
)
def test_places_units_and_vague_ranges_are_read_as_written(text, expected):
    """Places and units of a force are not people; 'X or even Y' is one range; 'hundreds of thousands' one
    vague quantity."""
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "value", "field", "expected"),
    [
        (
            "The diplomat expects 12,000 North Koreans, more than Zelensky's alert of 10,000.",
            10000,
            "attributed_to",
            "ukraine_president",
        ),
        (
            "The diplomat expects 12,000 North Koreans, more than Zelensky's alert of 10,000.",
            10000,
            "category",
            "deployed",
        ),
        (
            "Ukraine's letter alleges that Russia intends to deploy about 12,000 personnel from the DPRK.",
            12000,
            "attributed_to",
            "ukraine_government",
        ),
        (
            "Shoigu characterized the support as solidarity, involving the deployment of 5,000 deminers.",
            5000,
            "attributed_to",
            "russia_government",
        ),
        (
            "A diary published by Ukraine's military suggests 1,000 casualties among the 12,000 deployed.",
            1000,
            "attributed_to",
            "author",
        ),
        (
            "About 12,000 North Korean troops, including around 500 military officers, are training in Russia.",
            500,
            "category",
            "deployed",
        ),
        ("Some 15,000 North Korean laborers are working in Russia.", 15000, "subject", "other"),
        ("North Korea will send 5,000 military construction workers to Kursk.", 5000, "subject", "north_korea"),
        ("Hundreds of thousands were killed and seriously wounded.", 200000, "category", "casualties"),
    ],
)
def test_owners_papers_parts_and_civilians(text, value, field, expected):
    """An owner of a later figure, an actor speaking through its papers, a verb of describing, a publisher that
    relays; parts listed after 'including'; workers are people, not a force; losses joined by an adverb."""
    claim = next(c for c in read(text) if c["value_low"] == value)
    assert claim[field] == expected


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "A delegation of South Korea's NIS that spent the week briefing officials at NATO has spoken of 1,500 "
            "North Korean soldiers.",
            "south_korea_nis",
        ),
        (
            "US officials who briefed Ukraine's defence ministry said 300 North Korean soldiers were killed.",
            "us_government",
        ),
        (
            "Kim told South Korean lawmakers that Ukraine's claims of six North Korean dead were true.",
            "ukraine_government",
        ),
    ],
)
def test_an_actor_in_a_relative_clause_about_the_subject_is_not_the_speaker(text, source):
    assert read(text)[0]["attributed_to"] == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The figure of 300 North Korean dead was provided by Ukraine's military intelligence.", "ukraine_government"),
        ("The list of 300 North Korean dead was compiled by South Korea's NIS.", "south_korea_nis"),
    ],
)
def test_a_figure_provided_or_compiled_by_an_actor_is_its(text, source):
    assert read(text)[0]["attributed_to"] == source


@pytest.mark.parametrize(
    ("texts", "source"),
    [
        (
            ["Russia's defence ministry gave new figures.", "According to the General Staff, 300 soldiers died."],
            "russia_government",
        ),
        (
            ["Ukraine's defence ministry gave new figures.", "According to the ministry, 300 soldiers died."],
            "ukraine_government",
        ),
        (
            ["President Zelensky spoke on Monday.", "According to the head of state, 300 soldiers died."],
            "ukraine_president",
        ),
        (
            ["South Korean lawmakers met.", "A lawmaker briefed by the country's spy agency said 300 died."],
            "south_korea_nis",
        ),
        (
            ["A source in the General Staff reported that Russia has about 575,000 troops in Ukraine."],
            "ukraine_government",
        ),
        (["Fighting went on.", "According to the ministry, 300 North Korean soldiers died."], "unattributed"),
    ],
)
def test_a_role_named_without_a_country_takes_the_country_of_the_actor_named_before_it(texts, source):
    assert read_article(texts)["attributed_to"].tolist() == [source]


def test_a_speaker_referred_back_to_is_named_not_a_sentence_of_hearsay_between():
    texts = [
        "The South Korean government published a press release.",
        "A map shows sites linked to the reported presence of North Korean soldiers.",
        "According to the press release, 1,500 North Korean troops were shipped to Vladivostok.",
    ]
    assert read_article(texts, paragraphs=[1, 2, 3])["attributed_to"].tolist() == ["south_korea_government"]


def test_the_actor_a_sentence_cites_is_the_speaker_the_next_sentence_inherits():
    texts = [
        "About 25,000 more soldiers are expected in Russia, CNN reported, citing Ukrainian intelligence.",
        "They would join the 11,000 North Korean troops sent in November.",
    ]
    assert read_article(texts)["attributed_to"].tolist() == ["ukraine_government", "ukraine_government"]


def test_a_sentence_opening_with_this_inherits_the_speaker_of_the_paragraph_before():
    texts = [
        "Ukraine's military intelligence said 25,000 more North Korean soldiers would arrive.",
        "This would add to the 11,000 North Korean troops sent in November.",
    ]
    assert read_article(texts, paragraphs=[1, 2])["attributed_to"].tolist() == ["ukraine_government"] * 2
    assert read_article(
        ["Ukraine's military intelligence spoke.", "About 11,000 North Korean troops came in November."],
        paragraphs=[1, 2],
    )["attributed_to"].tolist() == ["author"]


@pytest.mark.parametrize(
    ("phrase", "category"),
    [
        ("were hurt", "wounded"),
        ("suffered injuries", "wounded"),
        ("sustained wounds", "wounded"),
        ("were taken captive", "captured"),
        ("were put out of action", "casualties"),
        ("fell in battle", "killed"),
    ],
)
def test_each_way_of_naming_a_loss_gives_its_category(phrase, category):
    for frame in (
        "About 300 North Korean soldiers {}, Kyiv said.",
        "At least 300 of them {} last week, officials said.",
    ):
        assert [c["category"] for c in read(frame.format(phrase))] == [category]


@pytest.mark.parametrize(
    "second",
    [
        "That is according to Ukraine's military intelligence.",
        "That's according to Ukraine's military intelligence.",
        "The figure comes from Ukraine's military intelligence.",
    ],
)
def test_a_source_the_next_sentence_gives_for_a_figure_is_its(second):
    texts = ["About 3,000 North Korean soldiers have been killed.", second]
    assert read_article(texts)["attributed_to"].tolist() == ["ukraine_government"]


@pytest.mark.parametrize("lead", ["According to its estimate", "According to officials", "According to lawmakers"])
def test_according_to_its_estimate_or_to_officials_refers_back_to_the_actor_named_before(lead):
    texts = ["Ukraine's military intelligence gave new figures.", f"{lead}, 3,000 soldiers died."]
    assert read_article(texts, paragraphs=[1, 2])["attributed_to"].tolist() == ["ukraine_government"]
    assert read_article([texts[1]])["attributed_to"].tolist() == ["unattributed"]


@pytest.mark.parametrize("hedge", ["nearly", "almost", "just under", "fewer than", "less than"])
def test_a_figure_the_count_falls_short_of_is_a_ceiling(hedge):
    assert read(f"Kyiv said {hedge} 3,000 North Korean soldiers were killed.")[0]["hedge"] == "at_most"


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        (
            "Zelensky says 160,000 soldiers will be called up, a figure confirmed by Oleksandr Lytvynenko.",
            ["ukraine_president", "ukraine_government"],
        ),
        (
            "Kyiv says 3,000 North Korean soldiers were killed, an estimate shared by South Korea's spy agency.",
            ["ukraine_government", "south_korea_nis"],
        ),
        ("About 3,000 North Korean soldiers were killed, a figure confirmed by the NIS.", ["south_korea_nis"]),
    ],
)
def test_a_source_confirming_a_figure_in_an_apposition_joins_its_speaker(text, sources):
    assert [c["attributed_to"] for c in read(text)] == sources


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Seoul: North Korea Has Sent 3,000 More Soldiers To Russia", "south_korea_nis"),
        ("Pentagon: 3,000 North Korean troops killed in Kursk", "us_government"),
        ("Russia: 3,000 North Korean soldiers arrived, Kyiv said.", "ukraine_government"),
    ],
)
def test_an_actor_opening_a_headline_with_a_colon_is_its_source_unless_another_reports(text, source):
    assert [c["attributed_to"] for c in read(text)] == [source]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ('"The North Koreans have lost about 3,000 men," said a senior Ukrainian commander.', "ukraine_government"),
        ('"They lost 3,000 men," said a Ukrainian commander, who asked not to be named.', "ukraine_government"),
        ("Oleksiy Hetman, a Ukrainian defence specialist, claimed that North Korea may send 100,000.", "think_tank"),
    ],
)
def test_a_speaker_set_after_its_verb_speaks_but_not_the_subject_of_what_it_said(text, source):
    assert [c["attributed_to"] for c in read(text)] == [source]

"""Every way of naming a source, a loss, a force and a number, in every common sentence structure.

A grid of actor phrases (a country or agency in its forms, a person, an anonymous official) and sentence
structures written for this test (the source before or after the figure, 'according to', 'citing', quotations,
'it added' in the next sentence, a verb of estimating with 'at'). Each cell is one passage read as an article;
the figure 3,000 must be attributed to the actor and counted as killed (as casualties where the words are
'lost' or 'losses', which count the dead and the wounded). Smaller tables, also written for the test, check one
field each: the category each way of naming a loss gives, the value of each way of writing a number, numbers
that count no people, sendings, more forms of each source, hearsay, each side's own losses, the phrasing of
Seoul's briefings, speakers far from their verbs, sources that own the figure, the side a loss is inflicted
on and the predicate that gives a loss beside other loss words.
"""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from nkreport.stages import claims as stage
from nkreport.stages import reference

ACTORS = {
    "Ukraine's military intelligence": "ukraine_government",
    "the HUR": "ukraine_government",
    "Kyiv": "ukraine_government",
    "Ukraine's General Staff": "ukraine_government",
    "President Zelensky": "ukraine_president",
    "South Korea's spy agency": "south_korea_nis",
    "the NIS": "south_korea_nis",
    "Seoul": "south_korea_nis",
    "South Korea's Joint Chiefs of Staff": "south_korea_jcs",
    "a South Korean lawmaker": "south_korea_nis",
    "the Pentagon": "us_government",
    "a senior U.S. official": "us_government",
    "Washington": "us_government",
    "British defence intelligence": "uk_defence_intelligence",
    "the UK Ministry of Defence": "uk_defence_intelligence",
    "the Kremlin": "russia_government",
    "Moscow": "russia_government",
    "KCNA": "north_korea_state",
    "Pyongyang": "north_korea_state",
    "analysts at the Institute for the Study of War": "think_tank",
    "Western officials": "western_officials",
    "NATO": "nato",
}
PERSONS = {"President Zelensky"}
STRUCTURES = [
    "{A} said 3,000 North Korean soldiers had been killed.",
    "According to {A}, about 3,000 North Korean soldiers have been killed.",
    "About 3,000 North Korean soldiers have been killed, {A} said.",
    "About 3,000 North Korean soldiers have been killed, according to {A}.",
    "{A} estimates that 3,000 North Korean soldiers have been killed.",
    "{A} told reporters that 3,000 North Korean soldiers had been killed.",
    "In a statement, {A} said 3,000 North Korean soldiers had been killed.",
    "{A} has said that as many as 3,000 North Korean soldiers may have been killed.",
    "{A} believes some 3,000 North Korean soldiers have died.",
    "{A} put the number of North Korean dead at 3,000.",
    "The number of North Korean soldiers killed has reached 3,000, {A} said on Tuesday.",
    "{A} previously estimated that 3,000 North Korean soldiers had been killed.",
    "3,000 North Korean soldiers have been killed, {A} claimed.",
    "Citing {A}, the newspaper said 3,000 North Korean soldiers had been killed.",
    "{A} reported that North Korea has lost 3,000 soldiers.",
    "North Korea has lost about 3,000 soldiers, {A} reported on Friday.",
    "{A} now puts North Korean losses at around 3,000.",
    "{A} said on Monday that the war had intensified. It estimated that 3,000 North Korean soldiers had been killed.",
    "{A} said on Monday that the war had intensified. About 3,000 North Korean soldiers have been killed, it added.",
    "In its latest update, {A} said 3,000 North Korean soldiers had been killed.",
    "{A}'s latest estimate is that 3,000 North Korean soldiers have been killed.",
    "The death toll among North Korean troops has reached 3,000, according to the latest estimate from {A}.",
    "{A} said that of the 11,000 North Korean soldiers deployed, 3,000 had been killed.",
    "Speaking on Monday, {A} said 3,000 North Korean soldiers had been killed.",
    "As many as 3,000 North Korean soldiers may have been killed, {A} warned.",
    "{A} said on Monday that the war had intensified. The fighting has killed 3,000 North Korean soldiers.",
    '"The North Koreans are taking heavy losses. We believe 3,000 have been killed," {A} said.',
    "{A} disclosed the figures on Monday: 3,000 North Korean soldiers killed and 2,000 wounded.",
    "{A} said on Monday, citing intelligence, that 3,000 North Korean soldiers had been killed.",
    "{A} said on Monday that 11,000 North Korean troops were in Kursk. Some 3,000 of them have been killed.",
    "Data from {A} show that 3,000 North Korean soldiers have been killed.",
]


def passage(actor: str, structure: str) -> str:
    """The structure with the actor in it (a person's pronouns for a person), capitalized."""
    text = structure.replace("{A}", actor)
    if actor in PERSONS:
        text = text.replace(" It ", " He ").replace(", it ", ", he ").replace("In its", "In his")
    return text[0].upper() + text[1:]


@pytest.fixture(scope="module")
def grid() -> pd.DataFrame:
    cells = [
        {"passage_id": f"g-{n:04d}", "actor": actor, "text": passage(actor, structure)}
        for n, (actor, structure) in enumerate(itertools.product(ACTORS, STRUCTURES))
    ]
    frame = pd.DataFrame(cells)
    passages = frame.assign(outlet="Probe News", outlet_kind="other", url="", published="2025-03-01", split="tune")
    found = stage.devset_extraction(passages)
    found = found[found["value_low"].eq(3000)]
    read = found.groupby("article_id").agg(
        source=("attributed_to", lambda s: "+".join(sorted(set(s)))), category=("category", "first")
    )
    return frame.join(read, on="passage_id")


def test_every_source_is_read_in_every_structure(grid):
    wrong = grid[grid["source"].ne(grid["actor"].map(ACTORS))]
    assert wrong[["text", "source"]].values.tolist() == []
    assert len(grid) == len(ACTORS) * len(STRUCTURES)


def test_every_figure_of_the_grid_is_a_count_of_the_dead_or_of_losses(grid):
    losses = grid["text"].str.contains(r"has lost|losses at")
    assert grid.loc[grid["category"].ne("killed") & ~losses, "text"].tolist() == []
    assert set(grid.loc[losses, "category"]) == {"casualties"}


NATIONS = {
    "russia": ("Russia", "Russian", "Russians"),
    "ukraine": ("Ukraine", "Ukrainian", "Ukrainians"),
    "north_korea": ("North Korea", "North Korean", "North Koreans"),
}
FORCE_STRUCTURES = [
    "3,000 {Adj} soldiers were killed in Kursk.",
    "{Country} has lost 3,000 soldiers in Kursk.",
    "{Country}'s losses have reached 3,000.",
    "Some 3,000 {Plural} have been killed.",
    "{Country} says it has lost 3,000 troops.",
    "The {Adj} army has suffered 3,000 casualties.",
    "{Adj} forces have lost about 3,000 men.",
    "The losses of the {Adj} army reached 3,000.",
    "{Adj} casualties in Kursk have reached 3,000.",
    "The {Adj} death toll has risen to 3,000.",
    "{Adj} troops suffered 3,000 casualties in the fighting.",
    "At least 3,000 {Adj} servicemen have died.",
    "{Country} admitted that 3,000 of its soldiers had died.",
    "Among the dead were 3,000 {Adj} soldiers.",
]


def test_the_force_counted_is_the_one_named_whichever_way_it_is_named():
    cells = [
        (force, structure.format(Country=country, Adj=adjective, Plural=plural))
        for (force, (country, adjective, plural)), structure in itertools.product(NATIONS.items(), FORCE_STRUCTURES)
    ]
    passages = pd.DataFrame([{"passage_id": f"f-{n:03d}", "text": text} for n, (_, text) in enumerate(cells)]).assign(
        outlet="Probe News", outlet_kind="other", url="", published="2025-03-01", split="tune"
    )
    found = stage.devset_extraction(passages)
    counted = found[found["value_low"].eq(3000)].groupby("article_id")["subject"].first()
    read = [counted.get(f"f-{n:03d}") for n in range(len(cells))]
    assert [(text, got) for (force, text), got in zip(cells, read, strict=True) if got != force] == []


REFERRED = {  # a source named in one sentence, and the words a later sentence refers back to it with
    "South Korea's National Intelligence Service": ("south_korea_nis", "the agency"),
    "The Pentagon": ("us_government", "the department"),
    "Ukraine's defence ministry": ("ukraine_government", "the ministry"),
    "A senior U.S. official": ("us_government", "the official"),
    "Lawmaker Lee Seong-kweun": ("south_korea_nis", "the lawmaker"),
    "President Zelensky": ("ukraine_president", "he"),
    "The Kremlin": ("russia_government", "it"),
    "Analysts at the Institute for the Study of War": ("think_tank", "they"),
}
FIRST_SENTENCES = [
    "{A} briefed reporters on Monday about the war.",
    "{A} said on Monday that the fighting in Kursk had intensified.",
    "{A} gave new figures on Monday.",
]
REFERRING_SENTENCES = [
    "About 3,000 North Korean soldiers have been killed, {R} said.",
    "{R} added that about 3,000 North Korean soldiers had been killed.",
    "According to {R}, about 3,000 North Korean soldiers have been killed.",
    "{R} also estimated that 3,000 North Korean soldiers had been killed.",
    '"About 3,000 North Korean soldiers have been killed," {R} said.',
]
OBJECTS = {"he": "him", "it": "it", "they": "them"}


def referring(sentence: str, reference: str) -> str:
    """The second sentence with its reference to the source ('the agency', 'he'; 'according to him')."""
    if sentence.startswith("According to"):
        reference = OBJECTS.get(reference, reference)
    text = sentence.replace("{R}", reference)
    return text if text.startswith('"') else text[0].upper() + text[1:]


def test_a_source_named_before_is_the_one_a_later_sentence_refers_back_to():
    cells = [
        (source, first.replace("{A}", name) + " " + referring(second, reference))
        for (name, (source, reference)), first, second in itertools.product(
            REFERRED.items(), FIRST_SENTENCES, REFERRING_SENTENCES
        )
    ]
    passages = pd.DataFrame([{"passage_id": f"r-{n:03d}", "text": text} for n, (_, text) in enumerate(cells)]).assign(
        outlet="Probe News", outlet_kind="other", url="", published="2025-03-01", split="tune"
    )
    found = stage.devset_extraction(passages)
    read = found[found["value_low"].eq(3000)].groupby("article_id")["attributed_to"].agg(lambda s: "+".join(sorted(s)))
    got = [read.get(f"r-{n:03d}") for n in range(len(cells))]
    assert [(text, source) for (want, text), source in zip(cells, got, strict=True) if source != want] == []


PAIRS = [  # two sources, each with its own figure
    ("Kyiv", "ukraine_government", "Seoul", "south_korea_nis"),
    ("Ukraine's military intelligence", "ukraine_government", "South Korea's spy agency", "south_korea_nis"),
    ("The Pentagon", "us_government", "the NIS", "south_korea_nis"),
    ("Zelensky", "ukraine_president", "British defence intelligence", "uk_defence_intelligence"),
]
PAIR_STRUCTURES = [
    "{A} says 4,000 North Korean soldiers have been killed, while {B} says 3,000.",
    "{A} says 4,000 North Korean soldiers have been killed; {B} says 3,000.",
    "{B} puts the death toll at 3,000, lower than the 4,000 given by {A}.",
    "{B} estimates 3,000 North Korean dead, compared with 4,000 according to {A}.",
    "{A} has said 4,000 North Korean soldiers were killed, but {B} believes the figure is closer to 3,000.",
    "While {A} says 4,000 North Korean soldiers have died, {B} estimates 3,000.",
    "{A} estimated that 4,000 North Korean soldiers had been killed. {B} put the figure at 3,000.",
    "{A} estimated that 4,000 North Korean soldiers had been killed. {B}, however, said 3,000.",
    "{A} estimated 4,000 North Korean dead; {B} estimated 3,000.",
    "{B} said 3,000 North Korean soldiers had died, against 4,000 claimed by {A}.",
]


def test_two_sources_in_a_passage_each_keep_their_own_figure():
    cells = []
    for (a, source_a, b, source_b), structure in itertools.product(PAIRS, PAIR_STRUCTURES):
        text = structure.format(A=a, B=b)
        cells.append(((source_a, source_b), text[0].upper() + text[1:]))
    passages = pd.DataFrame([{"passage_id": f"t-{n:03d}", "text": text} for n, (_, text) in enumerate(cells)]).assign(
        outlet="Probe News", outlet_kind="other", url="", published="2025-03-01", split="tune"
    )
    found = stage.devset_extraction(passages)
    source = found.groupby(["article_id", "value_low"])["attributed_to"].agg(lambda s: "+".join(sorted(s)))
    got = [(source.get((f"t-{n:03d}", 4000.0)), source.get((f"t-{n:03d}", 3000.0))) for n in range(len(cells))]
    assert [(text, read) for (want, text), read in zip(cells, got, strict=True) if read != want] == []


def sentence_claims(text: str) -> list[dict]:
    """The claims of one sentence read on its own."""
    engine = reference.extractor()
    return engine.sentence_claims(engine.nlp.tokenizer(text))


def passage_misread(cases, field: str, value: float) -> list[tuple[str, list]]:
    """As ``misread``, each text read as a passage of its own article (sentences see the ones before them)."""
    texts = [text for text, _ in cases]
    passages = pd.DataFrame({"passage_id": [f"m-{n:03d}" for n in range(len(texts))], "text": texts}).assign(
        outlet="Probe News", outlet_kind="other", url="", published="2025-03-01", split="tune"
    )
    found = stage.devset_extraction(passages)
    found = found[found["value_low"].eq(value)]
    read = [found.loc[found["article_id"].eq(f"m-{n:03d}"), field].tolist() for n in range(len(texts))]
    return [(text, got) for (text, wanted), got in zip(cases, read, strict=True) if got != [wanted]]


def capitalized(text: str) -> str:
    return text[0].upper() + text[1:]


def misread(cases, field: str, value: float | None = None) -> list[tuple[str, list]]:
    """(text, what was read) of each (text, wanted) case whose claims (of ``value``, if given) do not give exactly
    the wanted ``field``."""
    wrong = []
    for text, wanted in cases:
        read = [c[field] for c in sentence_claims(text) if value is None or c["value_low"] == value]
        if read != [wanted]:
            wrong.append((text, read))
    return wrong


LOSS_PHRASES = {  # each way of naming a loss, in sentence frames: the category it gives
    "killed": [
        "were killed",
        "died",
        "are dead",
        "lost their lives",
        "perished",
        "were killed in action",
        "fell in battle",
        "were killed in combat",
        "have been confirmed dead",
        "were slain",
        "were shot dead",
        "died in battle",
        "died of their wounds",
        "have died",
        "were buried",
        "are missing, presumed dead",
        "were liquidated",
        "were neutralized",
        "were executed",
        "blew themselves up",
        "took their own lives",
        "committed suicide",
        "killed themselves",
    ],
    "wounded": [
        "were wounded",
        "were injured",
        "were hurt",
        "suffered injuries",
        "sustained wounds",
        "were badly wounded",
        "were seriously injured",
        "were hospitalized with wounds",
        "received injuries",
        "were evacuated with wounds",
        "were treated for wounds",
        "were evacuated to hospitals",
        "were hospitalized",
    ],
    "captured": [
        "were captured",
        "were taken prisoner",
        "surrendered",
        "were taken captive",
        "were taken prisoner of war",
        "laid down their arms",
        "were detained",
        "gave themselves up",
        "are held as prisoners",
    ],
    "casualties": [
        "were killed or wounded",
        "were killed and injured",
        "were dead or wounded",
        "were put out of action",
        "were killed, wounded or captured",
        "became casualties",
        "were lost",
        "were killed or taken prisoner",
        "were wounded or killed",
        "were taken out of action",
    ],
    "deployed": [
        "were sent to Russia",
        "arrived in Russia",
        "were dispatched to Kursk",
        "were transferred to Russia",
        "were deployed to Kursk",
        "have been sent to the front",
        "were moved to Russia",
        "have arrived in Kursk",
        "were shipped to Russia",
        "were flown to Russia",
        "were rotated into Kursk",
    ],
    "deserted": [
        "deserted",
        "fled their posts",
        "abandoned their posts",
        "went AWOL",
        "fled the front",
        "have deserted",
        "ran away from their units",
    ],
    "other": [
        "went missing",
        "are missing in action",
        "were repatriated",
        "returned home",
        "were listed as missing",
        "were reported missing",
    ],
}
LOSS_FRAMES = [
    "About 300 North Korean soldiers {}, Kyiv said.",
    "Kyiv said 300 North Korean soldiers {}.",
    "At least 300 of them {} last week, officials said.",
    "Some 300 North Korean troops {} in Kursk.",
]


def test_every_way_of_naming_a_loss_gives_its_category_in_every_frame():
    cases = [
        (frame.format(phrase), category)
        for (category, phrases), frame in itertools.product(LOSS_PHRASES.items(), LOSS_FRAMES)
        for phrase in phrases
    ]
    assert misread(cases, "category", 300) == []


NUMBER_FORMS = {  # a number as outlets write it, and its value
    "3,000": 3000,
    "3000": 3000,
    "3 000": 3000,
    "3, 000": 3000,
    "10.000": 10000,
    "three thousand": 3000,
    "3 thousand": 3000,
    "1.5 million": 1_500_000,
    "half a million": 500_000,
    "a thousand": 1000,
    "twelve thousand": 12000,
    "twenty-five thousand": 25000,
    "1 200 000": 1_200_000,
    "2,00,000": 200_000,
    "1.5 lakh": 150_000,
    "two lakh": 200_000,
    "1,5 million": 1_500_000,
}


def test_every_way_of_writing_a_number_gives_its_value():
    assert (
        misread([(f"Kyiv said {form} soldiers died.", value) for form, value in NUMBER_FORMS.items()], "value_low")
        == []
    )


NO_PEOPLE = [  # sentences about the troops whose numbers count no people
    "Ukraine says it has destroyed 28,623 Russian artillery systems and hundreds of artillery pieces.",
    "Russian advances near the North Korean positions averaged just 135 meters per day.",
    "Where Russia captured Avdiivka, its advances against North Korean units averaged just 135 meters per day.",
    "Three groups of prisoners, including young servicemen under the age of 25, will be exchanged.",
    "Two Ukrainian units said the North Koreans attacked in waves.",
    "Two North Korean brigades were moved closer to the front.",
    "CNN, citing two officials, reported that the North Korean troops had suffered heavy losses.",
    "Two senior U.S. defense officials said the North Korean troops were poorly trained.",
    "North Korean soldiers arrived in Kursk on 5 November 2024.",
    "North Korean troops arrived on November 5, 2024, officials said.",
    "North Korean troops were seen at 10:30 near the border.",
    "The soldiers advanced 50 km into Ukrainian territory.",
    "North Korean troops were paid $2,000 a month.",
    "North Korean soldiers fired 11,000 shells at Ukrainian positions.",
    "Russia received 300 tanks and 1,000 drones from North Korea.",
    "North Korean soldiers retook 14 villages in Kursk.",
    "The captured soldier, aged 20, said he was trained for a week.",
    "A 26-year-old North Korean soldier was captured, Kyiv said.",
    "The 94th brigade of the North Korean army was sent to Russia.",
    "Soldiers of Unit 1234 were sent to Russia.",
    "North Korea sent KN-23 missiles and Hwasong-11 rockets to Russia.",
    "UN Security Council Resolution 2270 bans such deployments.",
    "North Korean troops have been in Russia since October 2024.",
    "Losses were 4-to-1 in Russia's favour, Kyiv said.",
    "North Korean troops trained for 3 weeks before deployment.",
    "In the past 24 hours North Korean soldiers attacked 12 times.",
    "The POWs were held in cell 12 in Kyiv.",
]


def test_numbers_that_count_no_people_make_no_claim():
    assert [(text, claims) for text in NO_PEOPLE if (claims := sentence_claims(text))] == []


DEPLOYMENTS = [  # North Korean troops sent or present, said in every common way: the force sent (category deployed)
    "About 3,000 North Korean troops are fighting in Kursk, Kyiv said.",
    "About 3,000 North Korean troops are stationed in Russia, Kyiv said.",
    "About 3,000 North Korean troops are in Russia, Kyiv said.",
    "About 3,000 North Korean troops are on Russian soil, Kyiv said.",
    "About 3,000 North Korean troops are present in Kursk, Kyiv said.",
    "About 3,000 North Korean troops have been training in Russia, Kyiv said.",
    "North Korea has about 3,000 troops in Russia, Kyiv said.",
    "Kyiv said a contingent of 3,000 North Korean soldiers reached Kursk.",
    "Kyiv said a force of 3,000 North Korean soldiers is in Kursk.",
    "About 3,000 North Korean soldiers have joined the war, Kyiv said.",
    "About 3,000 North Korean soldiers joined Russian forces, Kyiv said.",
    "About 3,000 North Korean soldiers took part in the fighting, Kyiv said.",
    "About 3,000 North Korean soldiers participated in the assault, Kyiv said.",
    "About 3,000 North Korean soldiers are serving in Russia, Kyiv said.",
    "About 3,000 North Korean soldiers are involved in the war, Kyiv said.",
    "North Korea will send 3,000 more soldiers, Kyiv said.",
    "North Korea plans to send 3,000 soldiers, Kyiv said.",
    "North Korea could send up to 3,000 soldiers, Kyiv said.",
    "North Korea has promised 3,000 troops, Kyiv said.",
    "Kyiv said 3,000 more North Korean troops came, bringing the total to 14,000.",
    "Pyongyang has provided 3,000 soldiers to Moscow, Kyiv said.",
    "Pyongyang has contributed 3,000 soldiers to the war, Kyiv said.",
    "Russia has received 3,000 North Korean soldiers, Kyiv said.",
    "Russia is using 3,000 North Korean soldiers in Kursk, Kyiv said.",
    "Russia has enlisted 3,000 North Korean soldiers, Kyiv said.",
    "Kyiv said 3,000 North Korean soldiers were moved to the front.",
    "Kyiv said 3,000 North Korean soldiers were redeployed to Donetsk.",
    "Kyiv said 3,000 North Korean soldiers were rotated into Kursk.",
    "Kyiv said 3,000 North Korean soldiers have been thrown into battle.",
    "Kyiv said 3,000 North Korean soldiers were committed to the offensive.",
    "Kyiv said North Korea's contingent numbers 3,000.",
    "Kyiv said North Korean troops in Russia total 3,000.",
    "Kyiv said 3,000 North Korean soldiers are expected to arrive.",
    "Kyiv said 3,000 North Korean soldiers were flown to Russia.",
    "Kyiv said 3,000 North Korean soldiers were shipped to Vladivostok.",
    "Kyiv said 3,000 North Korean soldiers crossed into Russia.",
    "Kyiv said 3,000 North Korean soldiers are now in the combat zone.",
    "Kyiv said 3,000 North Korean soldiers are currently at the front.",
    "Kyiv said 3,000 North Korean soldiers are still in Kursk.",
    "Pyongyang has committed 3,000 troops to Russia's war, Kyiv said.",
    "North Korea's 3,000-strong contingent is in Kursk, Kyiv said.",
    "Kyiv said an expeditionary force of 3,000 North Korean soldiers is in Kursk.",
    "Kyiv said the deployment of 3,000 North Korean soldiers was complete.",
    "North Korea has bolstered Russia with 3,000 troops, Kyiv said.",
    "Kyiv said North Korea sent reinforcements of 3,000 soldiers.",
    "Kyiv said a fresh batch of 3,000 North Korean soldiers arrived.",
    "Kyiv said North Korea rotated in 3,000 new soldiers.",
    "Kyiv said 3,000 North Korean soldiers are fighting for Russia.",
    "Kyiv said 3,000 North Korean soldiers are in Russia's service.",
    "Kyiv said North Korean soldiers, numbering 3,000, are in Kursk.",
    "Kyiv said North Korea is ready to deploy 3,000 more soldiers.",
    "Kyiv said a second wave of 3,000 North Korean troops is expected.",
    "Kyiv said North Korea lent Russia 3,000 soldiers.",
    "Kyiv said Moscow has recruited 3,000 North Korean soldiers.",
    "Kyiv said 3,000 North Korean soldiers were handed over to Russian command.",
    "Kyiv said 3,000 North Korean soldiers have been integrated into Russian units.",
    "Kyiv said 3,000 North Korean soldiers are deployed along the border.",
    "Kyiv said 3,000 North Korean soldiers are positioned near Kursk.",
    "Kyiv said North Korea has dispatched a further 3,000 troops.",
    "Kyiv said 3,000 North Korean soldiers are being sent in.",
    "Kyiv said 3,000 North Korean soldiers are on their way to Russia.",
    "Kyiv said 3,000 North Korean soldiers were bused to the front.",
    "Kyiv said 3,000 North Korean soldiers landed in Vladivostok.",
]


def test_every_way_of_saying_north_korean_troops_were_sent_or_are_there_is_a_deployment():
    assert misread([(text, "deployed") for text in DEPLOYMENTS], "category", 3000) == []
    assert misread([(text, "north_korea") for text in DEPLOYMENTS], "subject", 3000) == []


ACTOR_FORMS = {  # more ways outlets name each source, in three frames (before, 'according to', after)
    "Ukraine's Defence Ministry": "ukraine_government",
    "Ukraine's defence intelligence agency": "ukraine_government",
    "the Ukrainian Armed Forces": "ukraine_government",
    "Ukraine's armed forces": "ukraine_government",
    "the Armed Forces of Ukraine": "ukraine_government",
    "Ukraine's SBU": "ukraine_government",
    "the SBU": "ukraine_government",
    "Ukraine's Special Operations Forces": "ukraine_government",
    "Ukrainian special forces": "ukraine_government",
    "Ukraine's GUR": "ukraine_government",
    "Kyrylo Budanov": "ukraine_government",
    "Budanov": "ukraine_government",
    "Ukraine's foreign minister": "ukraine_government",
    "Ukraine's ambassador to the UN": "ukraine_government",
    "Ukrainian officials": "ukraine_government",
    "a Ukrainian official": "ukraine_government",
    "a Ukrainian military source": "ukraine_government",
    "Ukrainian sources": "ukraine_government",
    "the Ukrainian military": "ukraine_government",
    "Ukraine's military": "ukraine_government",
    "Ukrainian intelligence": "ukraine_government",
    "the Ukrainian General Staff": "ukraine_government",
    "Ukraine's Main Intelligence Directorate": "ukraine_government",
    "Ukrainian President Volodymyr Zelensky": "ukraine_president",
    "Zelensky": "ukraine_president",
    "Ukraine's president": "ukraine_president",
    "the Ukrainian president": "ukraine_president",
    "South Korea's Defence Ministry": "south_korea_defence_ministry",
    "the South Korean military": "south_korea_jcs",
    "Seoul's military": "south_korea_jcs",
    "the Joint Chiefs of Staff": "south_korea_jcs",
    "South Korea's presidential office": "south_korea_government",
    "the South Korean government": "south_korea_government",
    "South Korean intelligence": "south_korea_nis",
    "South Korean officials": "south_korea_nis",
    "a South Korean official": "south_korea_nis",
    "the National Intelligence Service": "south_korea_nis",
    "lawmakers briefed by the NIS": "south_korea_nis",
    "Rep. Lee Seong-kweun": "south_korea_nis",
    "South Korean lawmakers": "south_korea_nis",
    "South Korea": "south_korea_nis",
    "the U.S. State Department": "us_government",
    "the White House": "us_government",
    "John Kirby": "us_government",
    "U.S. officials": "us_government",
    "a U.S. official": "us_government",
    "the Pentagon's spokesman": "us_government",
    "US intelligence": "us_government",
    "the US Defense Department": "us_government",
    "Lloyd Austin": "us_government",
    "Antony Blinken": "us_government",
    "the United States": "us_government",
    "American officials": "us_government",
    "a senior Biden administration official": "us_government",
    "NATO": "nato",
    "NATO chief Mark Rutte": "nato",
    "the UK's Ministry of Defence": "uk_defence_intelligence",
    "British intelligence": "uk_defence_intelligence",
    "the British government": "uk_defence_intelligence",
    "UK defence officials": "uk_defence_intelligence",
    "Britain": "uk_defence_intelligence",
    "Russia's defence ministry": "russia_government",
    "the Russian Defence Ministry": "russia_government",
    "Russian officials": "russia_government",
    "Dmitry Peskov": "russia_government",
    "Russian state media": "russia_government",
    "TASS": "russia_government",
    "the Kremlin": "russia_government",
    "North Korean state media": "north_korea_state",
    "KCNA": "north_korea_state",
    "Kim Jong Un": "north_korea_state",
    "the Korean Central News Agency": "north_korea_state",
    "North Korea": "north_korea_state",
    "the ISW": "think_tank",
    "CSIS": "think_tank",
    "RUSI": "think_tank",
    "analysts": "think_tank",
    "a think tank": "think_tank",
    "an expert": "think_tank",
    "Western intelligence": "western_officials",
    "Western officials": "western_officials",
    "Western intelligence officials": "western_officials",
    "Reuters": "news_media",
    "the New York Times": "news_media",
    "Yonhap": "news_media",
    "NK News": "daily_nk",
    "Daily NK": "daily_nk",
    "a defector": "defector",
    "a captured North Korean soldier": "prisoner_of_war",
    "Ukraine's Deputy Defense Minister": "ukraine_government",
    "a spokesperson for Ukraine's military intelligence": "ukraine_government",
    "Ukraine's National Security and Defense Council": "ukraine_government",
    "the Office of the President of Ukraine": "ukraine_president",
    "the Ukrainian presidential office": "ukraine_president",
    "Ukraine's State Border Guard Service": "ukraine_government",
    "Ukrainian border guards": "ukraine_government",
    "the Ukrainian Navy": "ukraine_government",
    "Ukraine's top general": "ukraine_government",
    "Ukraine's commander-in-chief": "ukraine_government",
    "a Ukrainian drone unit commander": "ukraine_government",
    "Ukraine's defence minister": "ukraine_government",
    "Ukraine's foreign ministry": "ukraine_government",
    "Ukrainian military intelligence chief Kyrylo Budanov": "ukraine_government",
    "Seoul's defence ministry": "south_korea_defence_ministry",
    "South Korea's Unification Ministry": "south_korea_unification_ministry",
    "South Korea's spy chief": "south_korea_nis",
    "the head of South Korea's spy agency": "south_korea_nis",
    "South Korea's Defense Intelligence Agency": "south_korea_jcs",
    "a South Korean military official": "south_korea_jcs",
    "the South Korean president's office": "south_korea_government",
    "the US Department of Defense": "us_government",
    "a Pentagon spokesperson": "us_government",
    "a US defence official": "us_government",
    "the US State Department's spokesperson": "us_government",
    "Washington's envoy to the UN": "us_government",
    "the US ambassador to NATO": "us_government",
    "the US National Security Council": "us_government",
    "a senior US intelligence official": "us_government",
    "the British Ministry of Defence": "uk_defence_intelligence",
    "the UK's defence intelligence": "uk_defence_intelligence",
    "British defence officials": "uk_defence_intelligence",
    "the Russian Ministry of Defense": "russia_government",
    "Russia's foreign ministry": "russia_government",
    "the Kremlin's spokesman": "russia_government",
    "Russian state news agency TASS": "russia_government",
    "Moscow's defence ministry": "russia_government",
    "Pyongyang's state media": "north_korea_state",
    "North Korea's official news agency": "north_korea_state",
    "the Rodong Sinmun": "north_korea_state",
    "the Institute for the Study of War": "think_tank",
    "researchers at CSIS": "think_tank",
    "a military analyst": "think_tank",
    "defence analysts": "think_tank",
    "NATO's secretary general": "nato",
    "a NATO official": "nato",
    "NATO officials": "nato",
    "a North Korean defector": "defector",
    "a North Korean prisoner of war": "prisoner_of_war",
    "border guard spokesman Andriy Demchenko": "ukraine_government",
    "Col. Lee Sung-jun": "south_korea_jcs",
    "Pentagon press secretary Pat Ryder": "us_government",
    "Vassily Nebenzia": "russia_government",
    "NIS director Lee Jong-seok": "south_korea_nis",
    "Ukraine's top military officer": "ukraine_government",
    "a Ukrainian army commander": "ukraine_government",
    "Russia's top general": "russia_government",
    "the Kremlin-aligned Interfax news agency": "russia_government",
    "Kremlin-controlled media": "russia_government",
    "Pyongyang-controlled media": "north_korea_state",
    "Seoul's National Security Office": "south_korea_government",
    "Ukraine's Coordination Headquarters": "ukraine_government",
    "Russian delegation head Vladimir Medinsky": "russia_government",
    "the Ukrainian delegation": "ukraine_government",
}
ACTOR_FRAMES = [
    "{X} said 3,000 North Korean soldiers were killed.",
    "About 3,000 North Korean soldiers were killed, according to {X}.",
    "About 3,000 North Korean soldiers were killed, {X} said.",
]


def test_every_form_of_naming_a_source_is_read_before_and_after_the_figure():
    cases = [
        (capitalized(frame.format(X=form)), source)
        for (form, source), frame in itertools.product(ACTOR_FORMS.items(), ACTOR_FRAMES)
    ]
    assert misread(cases, "attributed_to", 3000) == []


HEARSAY = {  # figures no one is named for: unattributed (media: the news media; 'an estimated': the writer's own)
    "About 3,000 North Korean soldiers have reportedly been killed.": "unattributed",
    "Speaking in Seoul, lawmakers said 3,000 North Korean soldiers had been killed.": "unattributed",  # not the writer
    "The newspaper reported, citing sources in the military, that 3,000 North Korean soldiers died.": "unattributed",
    "Reuters, citing unnamed officials, reported that 3,000 North Korean soldiers had died.": "unattributed",
    "About 3,000 North Korean soldiers are believed to have been killed.": "unattributed",
    "About 3,000 North Korean soldiers are thought to have been killed.": "unattributed",
    "About 3,000 North Korean soldiers are said to have been killed.": "unattributed",
    "About 3,000 North Korean soldiers have been killed, according to reports.": "unattributed",
    "About 3,000 North Korean soldiers have been killed, according to media reports.": "news_media",
    "About 3,000 North Korean soldiers have been killed, according to unconfirmed reports.": "unattributed",
    "Reports suggest about 3,000 North Korean soldiers have been killed.": "unattributed",
    "Sources say about 3,000 North Korean soldiers have been killed.": "unattributed",
    "It is understood that about 3,000 North Korean soldiers have been killed.": "unattributed",
    "Local media reported that about 3,000 North Korean soldiers have been killed.": "news_media",
    "Rumours suggest 3,000 North Korean soldiers have been killed.": "unattributed",
    "About 3,000 North Korean soldiers have been killed, sources said.": "unattributed",
    "About 3,000 North Korean soldiers have allegedly been killed.": "unattributed",
    "There are reports that 3,000 North Korean soldiers have been killed.": "unattributed",
    "Some estimates put North Korean losses at 3,000.": "unattributed",
    "By some estimates, 3,000 North Korean soldiers have been killed.": "unattributed",
    "Estimates suggest 3,000 North Korean soldiers have been killed.": "unattributed",
    "An estimated 3,000 North Korean soldiers have been killed.": "author",
}


def test_hearsay_in_every_common_form_is_unattributed():
    assert misread(HEARSAY.items(), "attributed_to") == []


OWN_LOSSES = [  # each side's losses as each side's outlets write them ('the enemy' is the speaker's opponent)
    ("The enemy lost 1,200 soldiers over the past day, the General Staff said.", "russia"),
    ("Russian occupiers lost 1,200 soldiers in a day.", "russia"),
    ("The invaders lost 1,200 troops yesterday, Kyiv said.", "russia"),
    ("Moscow has lost 1,200 soldiers in Kursk.", "russia"),
    ("Russia has suffered 1,200 casualties in a day.", "russia"),
    ("Russian casualties reached 1,200 a day.", "russia"),
    ("Russia's losses reached 1,200 a day.", "russia"),
    ("The Russian army lost 1,200 soldiers.", "russia"),
    ("Kremlin forces lost 1,200 troops.", "russia"),
    ("Putin's army has lost 1,200 soldiers.", "russia"),
    ("Some 1,200 Russian servicemen were killed.", "russia"),
    ("About 1,200 Russian soldiers were killed.", "russia"),
    ("Russian troops lost 1,200 men.", "russia"),
    ("Ukraine has lost 1,200 soldiers.", "ukraine"),
    ("Ukrainian casualties reached 1,200.", "ukraine"),
    ("Kyiv's losses reached 1,200 soldiers.", "ukraine"),
    ("The AFU lost 1,200 servicemen, Moscow said.", "ukraine"),
    ("About 1,200 Ukrainian soldiers were killed.", "ukraine"),
    ("Zelensky's army lost 1,200 soldiers, Moscow claimed.", "ukraine"),
    ("Ukrainian forces lost 1,200 troops in Kursk.", "ukraine"),
    ("Ukrainian formations lost up to 1,200 servicemen, the ministry said.", "ukraine"),
    ("Over the past day, the Kyiv regime lost over 1,200 soldiers.", "ukraine"),
    ("Russian units suffered 1,200 casualties.", "russia"),
    ("Pyongyang's losses reached 1,200.", "north_korea"),
    ("The North's troops lost 1,200 soldiers.", "north_korea"),
    ("About 1,200 DPRK soldiers were killed.", "north_korea"),
    ("Kim's soldiers lost 1,200 men in Kursk.", "north_korea"),
    ("About 1,200 North Korean mercenaries were killed.", "north_korea"),
    ("North Korea has lost 1,200 soldiers.", "north_korea"),
    ("About 1,200 Korean soldiers were killed in Kursk.", "north_korea"),
]


def test_each_sides_losses_are_its_own_however_it_is_named():
    assert misread(OWN_LOSSES, "subject", 1200) == []


INFLICTED = [  # the side that inflicts a loss is not the side counted; 'we' and 'our' are the speaker's side
    ("Ukrainian soldiers have killed 77.", "north_korea"),
    ("Ukrainian forces have killed about 200.", "north_korea"),
    ("Ukrainian troops captured 2 soldiers.", "north_korea"),
    ("Ukrainian special forces killed 50 of them near Sudzha.", "north_korea"),
    ("Ukraine's army has wounded some 300.", "north_korea"),
    ("Russian troops killed 40 Ukrainian soldiers.", "ukraine"),
    ("Russian forces have captured 12 Ukrainian servicemen.", "ukraine"),
    ('"We have killed 200 of them," the Ukrainian command said.', "north_korea"),
    ('"We killed 200 North Korean soldiers," a Ukrainian officer said.', "north_korea"),
    ('"Our fighters eliminated 200 of them," the Ukrainian command said.', "north_korea"),
    ('"We have lost 200 men," the Ukrainian command said.', "ukraine"),
    ('"We lost 200 soldiers in a week," a Ukrainian commander said.', "ukraine"),
    ('"Our losses are about 200 a day," the Ukrainian general said.', "ukraine"),
    ('"We have lost 200 soldiers," a Russian commander told the newspaper.', "russia"),
    ('"We lost 200 of our men," Zelensky said.', "ukraine"),
    ('"Our troops have suffered 200 casualties," the Russian defence ministry said.', "russia"),
    ("Kyiv says its forces have killed 300 North Koreans.", "north_korea"),
    ("Ukraine's drones have killed 300 in a month.", "north_korea"),
]


def test_the_side_inflicting_a_loss_is_not_the_side_counted_and_we_is_the_speakers_side():
    assert misread(INFLICTED, "subject") == []


PREDICATES = [  # the predicate of the counted people gives the category, not a word beside it
    ("Some 300 wounded North Korean soldiers died in captivity.", "killed"),
    ("At least 300 injured North Korean prisoners died of their wounds.", "killed"),
    ("About 300 captured North Korean soldiers were later killed.", "killed"),
    ("Some 300 injured North Korean soldiers were captured.", "captured"),
    ("Russian troops took 300 Ukrainian soldiers prisoner.", "captured"),
    ("Ukraine took 300 North Koreans prisoner.", "captured"),
    ("About 300 North Korean soldiers, who had been captured by Ukrainian forces, died of their injuries.", "killed"),
    ("About 300 North Korean soldiers, who were wounded near Sudzha, were taken prisoner.", "captured"),
    ("Some 300 North Korean troops, which arrived in December, have been killed.", "killed"),
    ("North Korea sent 300 soldiers to Kursk, of whom 40 were killed.", "deployed"),
    ("North Korea sent 300 soldiers to Kursk, of which 40 have died.", "deployed"),
    ("Putin brought about 300 North Korean soldiers into the war, of whom they lost 40.", "deployed"),
    ("About 300 North Korean soldiers have died or been wounded.", "casualties"),
    ("About 300 North Korean soldiers were killed or captured.", "casualties"),
    ("About 300 North Korean soldiers have been wounded or have died.", "casualties"),
    ("About 300 North Korean soldiers have either died or been injured.", "casualties"),
    ("About 300 North Korean soldiers have been killed or taken prisoner.", "casualties"),
]


def test_what_befell_the_people_counted_gives_the_category_not_a_word_beside_it():
    assert misread(PREDICATES, "category", 300) == []


POSSESSED_LEADS = [  # a figure given as the estimate of a speaker only mentioned before ('spoke', 'met')
    (f"{first} {lead}, about 3,000 North Korean soldiers have been killed.", actor)
    for first, pronoun, actor in [
        ("Kyrylo Budanov, Ukraine's intelligence chief, spoke on Friday.", "his", "ukraine_government"),
        ("President Zelensky met reporters in Kyiv.", "his", "ukraine_president"),
        ("The NIS gave a closed-door briefing to lawmakers.", "its", "south_korea_nis"),
        ("The Pentagon updated its figures on Monday.", "its", "us_government"),
        ("Western officials gave an update.", "their", "western_officials"),
    ]
    for lead in (
        f"By {pronoun} count",
        f"In {pronoun} view",
        f"In {pronoun} estimate",
        f"By {pronoun} reckoning",
        f"In {pronoun} assessment",
        f"By {pronoun} tally",
        f"In {pronoun} words",
    )
]
PRESENT = [  # a number with no noun said to be somewhere counts the people of the figure before it
    "North Korea has sent 11,000 troops to Russia. About 3,000 are already in Kursk.",
    "North Korea has sent 11,000 troops to Russia. Of those, 3,000 are in Kursk.",
    "North Korea has sent 11,000 troops to Russia. Of these, some 3,000 remain near the border.",
    "North Korea has sent 11,000 troops to Russia, and about 3,000 are now in Kursk.",
    "North Korea has sent 11,000 troops to Russia. Some 3,000 were still inside the Kursk region in March.",
    "North Korea has sent 11,000 troops to Russia. Roughly 3,000 are currently at the front.",
]


def test_a_figure_given_as_the_estimate_of_a_speaker_mentioned_before_is_that_speakers():
    assert passage_misread(POSSESSED_LEADS, "attributed_to", 3000) == []


def test_a_number_said_to_be_somewhere_counts_the_people_of_the_figure_before_it():
    assert passage_misread([(text, "deployed") for text in PRESENT], "category", 3000) == []


JOINT = {  # two sources named together: one claim for each
    "Ukraine and the United States": "ukraine_government+us_government",
    "Kyiv and Washington": "ukraine_government+us_government",
    "Seoul and Kyiv": "south_korea_nis+ukraine_government",
    "South Korean and Western intelligence": "south_korea_nis+western_officials",
    "US and South Korean officials": "south_korea_nis+us_government",
    "the Pentagon and the NIS": "south_korea_nis+us_government",
    "Ukrainian and South Korean intelligence": "south_korea_nis+ukraine_government",
    "Ukraine's military intelligence and the NIS": "south_korea_nis+ukraine_government",
    "Washington and Seoul": "south_korea_nis+us_government",
    "US, Ukrainian and South Korean officials": "south_korea_nis+ukraine_government+us_government",
    "the intelligence services of Ukraine and South Korea": "south_korea_nis+ukraine_government",
    "officials in Kyiv and Seoul": "south_korea_nis+ukraine_government",
    "Ukraine, the United States and South Korea": "south_korea_nis+ukraine_government+us_government",
}
JOINT_FRAMES = [
    "{A} say about 3,000 North Korean soldiers have been killed.",
    "About 3,000 North Korean soldiers have been killed, according to {A}.",
    "About 3,000 North Korean soldiers have been killed, {A} said.",
    "According to {A}, about 3,000 North Korean soldiers have been killed.",
]


def test_sources_named_together_each_get_the_claim():
    cells = [(capitalized(frame.format(A=a)), want) for a, want in JOINT.items() for frame in JOINT_FRAMES]
    read = [(text, "+".join(sorted(c["attributed_to"] for c in sentence_claims(text)))) for text, _ in cells]
    assert [(text, got) for (text, got), (_, want) in zip(read, cells, strict=True) if got != want] == []


RATES = [  # losses per day or month, in each verb form: (sentence, category, force)
    ("North Korean troops are suffering about 92 casualties a day.", "casualties", "north_korea"),
    ("The North Koreans lose about 92 soldiers per day, the think tank said.", "casualties", "north_korea"),
    ("North Korea has been losing roughly 92 troops every day.", "casualties", "north_korea"),
    ("Russia is losing 92 soldiers daily.", "casualties", "russia"),
    ("Russia could lose 92 soldiers a day.", "casualties", "russia"),
    ("Russia continues to lose 92 soldiers a day.", "casualties", "russia"),
    ("Russian losses average 92 a day.", "casualties", "russia"),
    ("Ukrainian drones kill 92 Russian soldiers a day.", "killed", "russia"),
    ("About 92 North Korean soldiers die every day.", "killed", "north_korea"),
    ("Some 92 North Korean soldiers are wounded each day.", "wounded", "north_korea"),
    ("Ukraine captures about 92 Russian soldiers a month.", "captured", "russia"),
    ("The Russian army loses some 92 soldiers per day to desertion.", "casualties", "russia"),
    ("The North Korean unit was losing 92 men a day.", "casualties", "north_korea"),
]


@pytest.mark.parametrize("field", ["scope", "category", "subject"])
def test_a_rate_of_losses_keeps_its_unit_its_category_and_its_force(field):
    wanted = {"scope": lambda c, f: "rate", "category": lambda c, f: c, "subject": lambda c, f: f}[field]
    assert misread([(text, wanted(category, force)) for text, category, force in RATES], field, 92) == []


SPOKEN_TO = [  # the outlet or audience spoken to is not a source; a dash signs a headline's figure
    ("In an interview with CNN, Zelensky said about 3,000 North Korean soldiers had been killed.", "ukraine_president"),
    ("In an interview with the BBC, Budanov said 3,000 North Korean soldiers had been killed.", "ukraine_government"),
    ("Speaking to the BBC, Zelensky said about 3,000 North Korean soldiers had been killed.", "ukraine_president"),
    ("In a podcast with Reuters, a senior US official said 3,000 North Korean soldiers had died.", "us_government"),
    ("In a call with Yonhap, the NIS said 3,000 North Korean soldiers had been killed.", "south_korea_nis"),
    ("Zelensky told the newspaper that about 3,000 North Korean soldiers had been killed.", "ukraine_president"),
    ("About 3,000 North Korean soldiers have been killed — Zelensky", "ukraine_president"),
    ("About 3,000 North Korean soldiers have been killed – Ukraine's military intelligence.", "ukraine_government"),
    ("North Korea lost 3,000 troops in Kursk - Pentagon", "us_government"),
    ("3,000 North Korean soldiers killed in Kursk: Zelensky", "ukraine_president"),
    ("3,000 North Korean soldiers killed (Ukrainian intelligence)", "ukraine_government"),
    (
        "Ukrainian forces killed 3,000 soldiers of the Democratic People's Republic of Korea (DPRK).",
        "ukraine_government",
    ),
]


def test_who_is_spoken_to_is_no_source_and_a_dash_signs_the_figure():
    assert misread(SPOKEN_TO, "attributed_to", 3000) == []


FORCES_AND_STRENGTHS = [  # a force's size and whose it is; people who suffered losses: (text, value, category, force)
    ("North Korea has a 1.2 million-strong army.", 1_200_000, "force_size", "north_korea"),
    ("The contingent is 3,000 strong.", 3000, "force_size", "other"),
    ("A 3,000-strong North Korean contingent arrived in Kursk.", 3000, "deployed", "north_korea"),
    ("Russia's 50,000-strong force in Kursk includes North Koreans.", 50000, "force_size", "russia"),
    ("Ukraine's 800,000-strong army is stretched.", 800_000, "force_size", "ukraine"),
    ("North Korea's 12,000 soldiers in Kursk have suffered heavy losses.", 12000, "deployed", "north_korea"),
    ("The 11,000 North Korean troops sent to Kursk have taken significant losses.", 11000, "deployed", "north_korea"),
    ("About 300 North Korean soldiers suffered injuries.", 300, "wounded", "north_korea"),
]


@pytest.mark.parametrize("field", ["category", "subject"])
def test_a_forces_size_is_its_owners_and_people_who_suffered_losses_are_no_count_of_them(field):
    cases = [(text, category if field == "category" else force) for text, _, category, force in FORCES_AND_STRENGTHS]
    values = [value for _, value, _, _ in FORCES_AND_STRENGTHS]
    assert [wrong for case, value in zip(cases, values, strict=True) for wrong in misread([case], field, value)] == []


NAMED_BY_OFFICE = [  # a person not in actors.csv speaks for the institution an apposition names
    (
        "About 3,000 North Korean soldiers were killed, said Petro Ivanenko, spokesman for Ukraine's Southern Defence "
        "Forces.",
        "ukraine_government",
    ),
    (
        "About 3,000 North Korean soldiers were killed, said Petro Ivanenko, a Ukrainian military spokesman.",
        "ukraine_government",
    ),
    (
        "About 3,000 North Korean soldiers were killed, said Petro Ivanenko, a spokesman for the Ukrainian military.",
        "ukraine_government",
    ),
    (
        "About 3,000 North Korean soldiers were killed, according to Petro Ivanenko, a spokesman for the Ukrainian "
        "military.",
        "ukraine_government",
    ),
    (
        "According to Kim Min-su, a senior official at South Korea's spy agency, 3,000 North Korean soldiers were "
        "killed.",
        "south_korea_nis",
    ),
    (
        "Petro Ivanenko, spokesman for Ukraine's Southern Defence Forces, told the Associated Press that 3,000 North "
        "Korean soldiers had been killed.",
        "ukraine_government",
    ),
    (
        "According to Jane Smith, head of research at the Institute for the Study of War, 3,000 North Korean soldiers "
        "were killed.",
        "think_tank",
    ),
]


def test_a_person_not_in_the_reference_speaks_for_the_institution_named_beside_them():
    assert misread(NAMED_BY_OFFICE, "attributed_to", 3000) == []


NAMED_AFTER = [  # the next sentence says whose figure it was
    ("About 3,000 North Korean soldiers have been killed. That's a Ukrainian estimate.", "ukraine_government"),
    ("About 3,000 North Korean soldiers have been killed. That is the NIS's latest estimate.", "south_korea_nis"),
    ("About 3,000 North Korean soldiers have been killed. It is a Pentagon figure.", "us_government"),
    ("About 3,000 North Korean soldiers have been killed. This was announced by Kyiv.", "ukraine_government"),
    ("About 3,000 North Korean soldiers have been killed. That is according to Seoul.", "south_korea_nis"),
    ("About 3,000 North Korean soldiers have been killed. That is a large number of troops.", "author"),
]


def test_a_source_named_in_the_next_sentence_is_the_figures():
    assert passage_misread(NAMED_AFTER, "attributed_to", 3000) == []


LOSSES_AS_REASONS = [  # a loss named as a reason or circumstance of a sending is not what befell the people sent
    "Pyongyang reinforced its troops with 3,000 additional soldiers following battlefield casualties.",
    "North Korea sent 3,000 more soldiers to replace its dead.",
    "North Korea sent 3,000 more soldiers despite mounting casualties.",
    "North Korea deployed 3,000 soldiers amid heavy losses.",
    "North Korea dispatched 3,000 soldiers to replenish its losses in Kursk.",
]


def test_a_loss_given_as_a_reason_leaves_a_sending_a_sending():
    assert misread([(text, "deployed") for text in LOSSES_AS_REASONS], "category", 3000) == []


HELPED_FORCES = [  # the side another force helps, or the war it is in, does not own that force's figure
    (
        "North Korean troops are suffering heavy casualties while aiding Russian forces, with over 3,000 killed or "
        "injured.",
        "north_korea",
    ),
    (
        "About 11,000 North Korean troops were deployed to assist Russian forces, with over 3,000 killed or wounded.",
        "north_korea",
    ),
    ("The count of North Korean troops fighting with Russian forces is 3,000.", "north_korea"),
    (
        "North Korean forces are taking heavy casualties on the front lines of Russia's war, with 3,000 of their "
        "troops killed or wounded.",
        "north_korea",
    ),
    ("The NIS of South Korea has reported that Pyongyang has sent around 3,000 soldiers to Russia.", "north_korea"),
    ("The total losses of the Armed Forces of Ukraine reached 3,000.", "ukraine"),
    ("Russia's combat losses in the Kursk region reached 3,000.", "russia"),
    ("Both sides agreed to return the bodies of 3,000 fallen soldiers.", "other"),
    ("Russia has reported a significant loss of 3,000 soldiers in a week.", "russia"),
    ("The exchange would involve 3,000 prisoners from each side.", "other"),
]


def test_the_side_a_force_helps_does_not_own_its_figure():
    assert misread(HELPED_FORCES, "subject", 3000) == []


OTHER_FORCES = [  # Russia's and Ukraine's own figures, however their side is named, read as passages
    ("Ukraine estimates that Russian military fatalities have now reached about 3,000 a day.", "russia"),
    ("London assesses that Russia has likely incurred 3,000 casualties in a week.", "russia"),
    ("Kyiv said Russia has experienced heavy losses, with 3,000 soldiers killed or wounded in a day.", "russia"),
    (
        "Moscow said about 475 Ukrainian troops were killed in the centre. Losses in the south were put at 3,000.",
        "ukraine",
    ),
    ("Russia's losses passed 700,000 in October. Another 3,000 were killed in the first days of November.", "russia"),
]


def test_a_figure_with_no_side_named_counts_the_side_of_the_figure_before_it():
    assert passage_misread(OTHER_FORCES, "subject", 3000) == []


BRIEFING_PHRASES = [  # casualties and sendings as Seoul's briefings are reported in English
    ("North Korea additionally dispatched 3,000 troops to Russia, the NIS said.", "deployed"),
    ("The NIS said there was an additional deployment of 3,000 troops.", "deployed"),
    ("About 3,000 troops were additionally deployed to Russia, the NIS said.", "deployed"),
    ("North Korea replenished its forces with 3,000 troops, the NIS said.", "deployed"),
    ("North Korea sent 3,000 replacement troops, the NIS said.", "deployed"),
    ("North Korea sent 3,000 reinforcements, the NIS said.", "deployed"),
    ("The casualties of North Korean troops reached 3,000, the NIS said.", "casualties"),
    ("The number of North Korean casualties has reached 3,000, the NIS said.", "casualties"),
    ("North Korean troops' casualties reached 3,000, the NIS said.", "casualties"),
    ("The NIS estimated North Korean casualties at 3,000.", "casualties"),
    ("The death toll among North Korean troops reached 3,000, the NIS said.", "killed"),
    ("The number of dead North Korean soldiers reached 3,000, the NIS said.", "killed"),
    ("The number of North Korean soldiers killed reached 3,000, the NIS said.", "killed"),
    ("North Korean troops have suffered 3,000 casualties, the NIS said.", "casualties"),
    ("North Korean troops have suffered 3,000 deaths, the NIS said.", "killed"),
    ("About 3,000 North Korean soldiers were killed in action, the NIS said.", "killed"),
    ("The NIS said 3,000 North Korean soldiers were killed or injured.", "casualties"),
    ("About 3,000 North Korean soldiers were wounded in action, the NIS said.", "wounded"),
    ("The NIS said 3,000 North Korean soldiers were injured.", "wounded"),
    ("The NIS said the North lost 3,000 soldiers.", "casualties"),
    ("The NIS said the North's losses stood at 3,000.", "casualties"),
    ("The NIS said North Korea's casualties are estimated at 3,000.", "casualties"),
    ("The NIS said North Korea repatriated 3,000 wounded soldiers.", "wounded"),
    ("The NIS said 3,000 bodies of North Korean soldiers were cremated.", "killed"),
    ("The NIS said 3,000 North Korean soldiers went missing.", "other"),
    ("The NIS said 3,000 North Korean soldiers are missing in action.", "other"),
    ("Ukraine holds 3,000 North Korean prisoners, the NIS said.", "captured"),
    ("The NIS said 3,000 North Korean soldiers were taken as prisoners of war.", "captured"),
]


def test_briefing_phrases_give_their_category():
    assert misread(BRIEFING_PHRASES, "category", 3000) == []


LONG_SUBJECTS = [  # a speaker far from its verb: appositions, relative clauses, insertions
    ("Kyiv did not give details, but said 3,000 North Korean soldiers were killed.", "ukraine_government"),
    ("The NIS gave no details but estimated that 3,000 North Korean soldiers were killed.", "south_korea_nis"),
    (
        "Petro Ivanenko, who heads Ukraine's military intelligence, said 3,000 North Korean soldiers were killed.",
        "ukraine_government",
    ),
    (
        "Kim Min-su, who is a senior official at South Korea's spy agency, said 3,000 North Korean soldiers were "
        "killed.",
        "south_korea_nis",
    ),
    (
        "Lee Seong-kweun, a lawmaker on the intelligence committee who was briefed by the NIS, said 3,000 North "
        "Korean soldiers were killed.",
        "south_korea_nis",
    ),
    (
        "The head of Ukraine's military intelligence agency, who spoke on condition that his comments not be "
        "published until Monday, said 3,000 North Korean soldiers were killed.",
        "ukraine_government",
    ),
    (
        "Officials at the Pentagon, where Defense Secretary Lloyd Austin met his South Korean counterpart this week, "
        "said 3,000 North Korean soldiers were killed.",
        "us_government",
    ),
    (
        "A senior official at South Korea's presidential office, speaking to reporters on condition of anonymity "
        "because of the sensitivity of the matter, said 3,000 North Korean soldiers were killed.",
        "south_korea_government",
    ),
    (
        "The Institute for the Study of War, a Washington-based think tank that tracks the conflict, estimated that "
        "3,000 North Korean soldiers were killed.",
        "think_tank",
    ),
    (
        "Ukraine's defence intelligence, known by its acronym HUR, said on its Telegram channel late on Sunday that "
        "3,000 North Korean soldiers were killed.",
        "ukraine_government",
    ),
    (
        "In its latest intelligence update, published on X on Tuesday, Britain's defence ministry said 3,000 North "
        "Korean soldiers were killed.",
        "uk_defence_intelligence",
    ),
    (
        "Zelensky, who met NATO leaders in Brussels this week to press for more air defence systems, said 3,000 "
        "North Korean soldiers were killed.",
        "ukraine_president",
    ),
    (
        "Kyiv, which has repeatedly urged Seoul to send weapons, said 3,000 North Korean soldiers were killed.",
        "ukraine_government",
    ),
    (
        "The South Korean spy agency, which has been monitoring the deployment closely since October with help from "
        "Ukraine's intelligence services, said 3,000 North Korean soldiers were killed.",
        "south_korea_nis",
    ),
    (
        "A delegation of South Korea's NIS that spent the week briefing officials at NATO has spoken of 3,000 North "
        "Korean soldiers killed.",
        "south_korea_nis",
    ),
]


def test_a_speaker_far_from_its_verb_is_still_the_speaker():
    assert misread(LONG_SUBJECTS, "attributed_to", 3000) == []


OWNED_FIGURES = [  # a source named as the owner of the figure ('by Kyiv's count', 'in Seoul's assessment')
    (
        "Ukraine's defence ministry's Telegram channel said 3,000 North Korean soldiers have been killed.",
        "ukraine_government",
    ),
    ("Zelensky's Telegram account said 3,000 North Korean soldiers had been killed.", "ukraine_president"),
    ("The Kremlin's website said 3,000 North Korean soldiers had been killed.", "russia_government"),
    ("By Kyiv's count, 3,000 North Korean soldiers have been killed.", "ukraine_government"),
    ('In Budanov\'s words, "about 3,000 North Korean soldiers were killed."', "ukraine_government"),
    ("In Seoul's opinion, 3,000 North Korean soldiers have been killed.", "south_korea_nis"),
    ("By Seoul's estimate, 3,000 North Korean soldiers have been killed.", "south_korea_nis"),
    ("In Seoul's assessment, 3,000 North Korean soldiers have been killed.", "south_korea_nis"),
    ("Kyiv's tally puts North Korean losses at 3,000.", "ukraine_government"),
    ("The Pentagon's latest figures put North Korean losses at 3,000.", "us_government"),
    ("By the Pentagon's reckoning, 3,000 North Korean soldiers have been killed.", "us_government"),
    ("On Ukraine's numbers, 3,000 North Korean soldiers have been killed.", "ukraine_government"),
    ("In the NIS's view, 3,000 North Korean soldiers have been killed.", "south_korea_nis"),
    ("Ukraine's figure of 3,000 North Korean dead could not be verified.", "ukraine_government"),
    ("Kyiv's claim that 3,000 North Korean soldiers were killed could not be verified.", "ukraine_government"),
    ("Seoul's estimate of 3,000 North Korean casualties is lower than Kyiv's.", "south_korea_nis"),
    ("A South Korean assessment says 3,000 North Korean soldiers were killed.", "south_korea_nis"),
    ("A Pentagon assessment says 3,000 North Korean soldiers were killed.", "us_government"),
    ("A NATO official estimated 3,000 North Korean soldiers were killed.", "nato"),
    ("US intelligence assessments show 3,000 North Korean soldiers were killed.", "us_government"),
]


def test_a_source_owning_the_figure_is_its_source():
    assert misread(OWNED_FIGURES, "attributed_to", 3000) == []

"""Every way of naming a source, in every common sentence structure: the source read must be the one named.

A grid of actor phrases (a country or agency in its forms, a person, an anonymous official) and sentence
structures written for this test (the source before or after the figure, 'according to', 'citing', quotations,
'it added' in the next sentence, a verb of estimating with 'at'). Each cell is one passage read as an article;
the figure 3,000 must be attributed to the actor and counted as killed (as casualties where the words are
'lost' or 'losses', which count the dead and the wounded).
"""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from nkreport.stages import claims as stage

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

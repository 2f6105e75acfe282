"""Property tests: cleaning and extraction never fail on arbitrary text, offsets stay valid, extraction is stable."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkreport import stages
from nkreport.cleaning import SENTENCE_COLUMNS, clean_article
from nkreport.corpus import RawArticle
from nkreport.stages import reference

pytestmark = pytest.mark.slow  # 150 examples per property
FUZZ = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
DOMAIN_WORDS = st.sampled_from(
    [
        "troops",
        "killed",
        "wounded",
        "up to",
        "at least",
        "about",
        "Zelensky",
        "said",
        "North Korean",
        "between",
        "and",
        "3,000",
        "1.5 million",
        "two",
        "officers",
        "1992",
        "<script>",
        "$",
        "\\",
        "_",
        "%",
        "#",
        "{",
        "}",
        "\n\n",
        ".",
        ",",
        "—",
        "\u00a0",
        "\u200b",
        "é",
        "김정은",
        "\r\n",
        "Sixty",
        "several",
        "a couple of",
        "thousands",
        "two-thirds",
        "half of",
        "first",
        "zero",
        "\u0130",  # İ, which lower() makes two characters
        "\u212a",  # the Kelvin sign, which lower() makes 'k'
    ]
)
TEXT = st.one_of(
    st.text(max_size=400), st.lists(st.one_of(DOMAIN_WORDS, st.text(max_size=8)), max_size=80).map(" ".join)
)


def raw(text: str) -> RawArticle:
    return RawArticle("fuzz", "fuzz.txt", text, {"published": "2025-01-01"}, 2, "0" * 64)


@FUZZ
@given(TEXT)
def test_cleaning_never_fails_and_offsets_slice_the_text(name_variants, text):
    result = clean_article(raw(text), name_variants)
    cleaned = result.article["text"]
    for sentence in result.sentences:
        assert cleaned[sentence["start"] : sentence["end"]] == sentence["text"]


@FUZZ
@given(TEXT)
def test_extraction_never_fails_and_numbers_lie_in_their_sentence(text):
    sentences = pd.DataFrame([{"article_id": "fuzz", "sentence_id": "fuzz-s001", "text": text}])
    articles = pd.DataFrame([{"article_id": "fuzz", "date_low": None, "date_high": None, "date_precision": "unknown"}])
    found = stages.claims.extract(sentences, articles)
    for row in found.itertuples():
        assert text[row.start : row.end] == row.number_text
        assert row.value_low <= row.value_high


@FUZZ
@given(TEXT)
def test_extraction_is_idempotent_on_its_own_quotes(name_variants, text):
    result = clean_article(raw(text), name_variants)
    sentences = pd.DataFrame(result.sentences, columns=SENTENCE_COLUMNS)
    articles = pd.DataFrame([result.article])
    first = stages.claims.extract(sentences, articles)
    quotes = first[["article_id", "sentence_id", "quote"]].drop_duplicates().rename(columns={"quote": "text"})
    again = stages.claims.extract(quotes, articles)
    pd.testing.assert_frame_equal(first.reset_index(drop=True), again.reset_index(drop=True))


@FUZZ
@given(TEXT)
def test_a_sentence_the_quick_number_test_skips_has_no_number_to_read(text):
    engine = reference.extractor()
    if not engine.may_count(text):
        doc = engine.nlp.tokenizer(text)
        assert all(engine.span_values(span) is None for span in engine.number_spans(doc))  # 'first': no value
        assert engine.sentence_claims(doc) == []

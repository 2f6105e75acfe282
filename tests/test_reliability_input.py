"""Bad input said aloud: control characters in the manifest, near-duplicates, unreadable articles, stray files,
undetectable encodings and bad parameter files each give a clear message naming what to fix."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from nkreport import cleaning, corpus, stages
from nkreport.corpus import CorpusError, ignored_files, load_corpus, reading_status
from nkreport.params import ParamError, load_params
from nkreport.pipeline import check_inputs, unread_articles

ARTICLE = (
    "Seoul's spy agency said on Monday that about 300 North Korean soldiers had been killed near Kursk.\n\n"
    "It's the agency's first estimate of deaths since the deployment began."
)
KOREAN = (
    "국가정보원은 월요일 러시아 쿠르스크 지역에서 북한군 약 300명이 사망했다고 밝혔다.\n\n파병 이후 첫 사망자 추정치다."
)


def add_article(corpus_dir: Path, name: str, text: str | bytes, **fields: str) -> None:
    data = text.encode("utf-8") if isinstance(text, str) else text
    (corpus_dir / "articles" / name).write_bytes(data)
    row = {"article_id": Path(name).stem.replace(".", "-"), "file": name, "title": "Added", "outlet": "Test"}
    row |= {"author": "", "published": "2025-01-20", "url": "", "notes": ""} | fields
    with open(corpus_dir / "manifest.csv", "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(row.values())


def test_a_control_character_in_a_manifest_field_names_line_field_and_column(corpus_copy):
    add_article(corpus_copy, "added.txt", ARTICLE, title="Losses \x1b[0m rising")
    with pytest.raises(CorpusError, match=r"manifest\.csv line 7, field title: control character U\+001B at column 8"):
        load_corpus(corpus_copy)


def test_the_same_url_twice_names_both_files(corpus_copy):
    add_article(corpus_copy, "first.txt", ARTICLE, url="https://www.example.com/news/300-killed/")
    add_article(corpus_copy, "second.txt", ARTICLE + "\n\nMore.", url="HTTPS://example.com/news/300-killed#top")
    with pytest.raises(
        CorpusError,
        match=r"line 8: article 'second' \(second\.txt\) has the same url as article 'first' \(first\.txt\)",
    ):
        load_corpus(corpus_copy)


def test_a_copy_with_a_bom_and_straight_apostrophes_is_a_duplicate_once_cleaned(corpus_copy, tmp_path):
    add_article(corpus_copy, "curly.txt", ARTICLE.replace("'", "\u2019"))
    add_article(corpus_copy, "straight.txt", b"\xef\xbb\xbf" + ARTICLE.replace("'s", "'s ").encode())
    assert len(load_corpus(corpus_copy)) == 7  # the raw files differ
    with pytest.raises(CorpusError, match=r"straight\.txt and curly\.txt hold the same article once cleaned"):
        stages.cleaning.run(corpus_copy, tmp_path / "build")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (ARTICLE, "read"),
        (KOREAN, "not read: Korean"),
        ("Kim Jong Un (김정은) visited the troops' families in Pyongyang, state media said.", "read"),
        ("Северокорейские военные понесли потери под Курском.", "not read: Cyrillic script"),
        ("300 — 1,000 … 2,000", "not read: no words"),
        ("", "not read: no words"),
    ],
)
def test_reading_status_names_the_script_or_the_missing_words(text, status):
    assert reading_status(text) == status


def test_unreadable_articles_are_a_row_of_chapter_one_and_a_warning(corpus_copy, tmp_path, capsys):
    add_article(corpus_copy, "korean.txt", KOREAN)
    add_article(corpus_copy, "photos.txt", "Photo: Reuters\n")  # only a photo credit: nothing left once cleaned
    articles, sentences, audit = stages.cleaning.run(corpus_copy, tmp_path / "build")
    table = cleaning.manifest_table(articles).set_index("Article")
    assert table.loc["korean", "Read"] == "not read: Korean"
    assert table.loc["photos", "Read"] == "not read: no words"
    assert (table["Read"] == "read").sum() == 5
    assert cleaning.corpus_summary(articles, sentences, audit)["unread"] == 2
    warnings = unread_articles(tmp_path / "build")
    assert warnings == [
        "warning: korean.txt: not read: Korean; it gives no claims",
        "warning: photos.txt: not read: no words; it gives no claims",
    ]


def test_files_that_are_not_articles_are_ignored_with_a_note(corpus_copy, capsys):
    (corpus_copy / "articles" / "README.md").write_text("Articles go here.\n")
    (corpus_copy / "articles" / ".DS_Store").write_bytes(b"\x00\x01")
    articles = load_corpus(corpus_copy)
    assert len(articles) == 5
    assert ignored_files(corpus_copy, articles) == [".DS_Store", "README.md"]
    check_inputs(None, [("corpus_dir", str(corpus_copy))])
    assert "not articles (not .txt), ignored: .DS_Store, README.md" in capsys.readouterr().err


def test_an_unlisted_text_file_is_still_an_error(corpus_copy):
    (corpus_copy / "articles" / "forgotten.txt").write_text(ARTICLE)
    with pytest.raises(CorpusError, match=r"forgotten\.txt: no row in"):
        load_corpus(corpus_copy)


def test_an_undetectable_encoding_gets_advice_without_unknown(corpus_copy, monkeypatch):
    class Nothing:
        def best(self):
            return None

    monkeypatch.setattr(corpus, "from_bytes", lambda data: Nothing())
    add_article(corpus_copy, "odd.txt", b"Troops \xff\xfe were sent.")
    with pytest.raises(CorpusError) as error:
        load_corpus(corpus_copy)
    message = str(error.value)
    assert "its encoding could not be detected" in message and "iconv -f <encoding> -t utf-8" in message
    assert "unknown" not in message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"p\.yaml: the parameter file is empty"),
        ("# only a comment\n", r"p\.yaml: the parameter file is empty"),
        (
            "projection_horizon_months: 12\nengine: pandas\nprojection_horizon_months: 36\n",
            r"p\.yaml line 3: parameter 'projection_horizon_months' is given twice \(first on line 1\); keep one",
        ),
    ],
)
def test_empty_or_duplicate_key_parameter_files_are_refused(tmp_path, text, message):
    (tmp_path / "p.yaml").write_text(text)
    with pytest.raises(ParamError, match=message):
        load_params(tmp_path / "p.yaml")


@pytest.mark.parametrize("value", [".nan", ".inf"])
def test_a_loss_rate_that_is_not_a_number_is_said_so(value):
    with pytest.raises(ParamError) as error:
        load_params(None, [("projection_guard_loss_rate", value)])
    message = str(error.value)
    assert "Input should be a finite number" in message and "<= 1 or null" in message
    assert "should be less than or equal to 1" not in message


def test_parameter_errors_are_words_not_json_schema():
    with pytest.raises(ParamError) as error:
        load_params(None, [("projection_tour_months", "0")])
    message = str(error.value)
    assert "allowed: integer >= 1 and <= 120 or null; months before a tranche is relieved" in message
    assert "anyOf" not in message and "exclusiveMinimum" not in message

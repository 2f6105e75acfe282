"""Bad corpus input: each case gets a clear error naming the file, line or field, or a documented handling."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pandas as pd
import pytest

from nkreport.cleaning import MAX_SENTENCE_CHARS, clean_article
from nkreport.corpus import CorpusError, corpus_hash, load_corpus
from nkreport.stages.claims import extract

FIRST_FILE = "000_e2fa12f25b57093f.txt"


def manifest_lines(corpus: Path) -> list[str]:
    return (corpus / "manifest.csv").read_text(encoding="utf-8").splitlines()


def write_manifest(corpus: Path, lines: list[str]) -> None:
    (corpus / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def add_article(corpus: Path, name: str, data: bytes, published: str = "") -> None:
    (corpus / "articles" / name).write_bytes(data)
    write_manifest(corpus, [*manifest_lines(corpus), f"extra,{name},,,,{published},,"])


def test_default_corpus_loads_in_manifest_order(corpus_copy):
    articles = load_corpus(corpus_copy)
    assert [a.article_id for a in articles] == [
        "diplomat-casualties",
        "acknowledgement",
        "unprecedented-intervention",
        "defencereport-webb",
        "won-youngsu",
    ]
    assert articles[3].meta["outlet"] == "DefenceReport" and articles[3].manifest_line == 5


def test_non_utf8_file_names_offset_line_and_detected_encoding(corpus_copy):
    text = "Line one.\nLine two.\n" + "North Korea’s troops – 3,000 in Kursk. " * 20
    add_article(corpus_copy, "cp1252.txt", text.encode("cp1252"))
    with pytest.raises(
        CorpusError, match=r"cp1252\.txt: not valid UTF-8 at byte offset 31 \(line 3, byte 0x92\)"
    ) as err:
        load_corpus(corpus_copy)
    assert re.search(r"it looks like cp125\d\. Convert it, e\.g\. `iconv -f cp125\d -t utf-8`", str(err.value))


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", "\u200b\u00a0\ufeff\n".encode()])
def test_empty_or_whitespace_file(corpus_copy, data):
    add_article(corpus_copy, "empty.txt", data)
    with pytest.raises(CorpusError, match=r"empty\.txt: the file is empty or holds only whitespace"):
        load_corpus(corpus_copy)


def test_binary_file(corpus_copy):
    add_article(corpus_copy, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(CorpusError, match=r"image\.txt: the file is binary \(NUL byte at offset 8\)"):
        load_corpus(corpus_copy)


def test_manifest_row_without_file(corpus_copy):
    (corpus_copy / "articles" / FIRST_FILE).unlink()
    with pytest.raises(CorpusError, match=rf"manifest\.csv line 2: file '{FIRST_FILE}' not found"):
        load_corpus(corpus_copy)


def test_file_without_manifest_row(corpus_copy):
    (corpus_copy / "articles" / "stray.txt").write_text("A stray article about 3,000 troops.", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"stray\.txt: no row in .*manifest\.csv"):
        load_corpus(corpus_copy)


def test_duplicate_article_text(corpus_copy):
    text = (corpus_copy / "articles" / FIRST_FILE).read_bytes()
    add_article(corpus_copy, "copy.txt", text.replace(b"\n", b"\r\n"))
    with pytest.raises(
        CorpusError,
        match=r"line 7: article 'extra' \(copy\.txt\) has the same text as article 'diplomat-casualties' \(000_",
    ):
        load_corpus(corpus_copy)


def test_duplicate_article_id(corpus_copy):
    lines = manifest_lines(corpus_copy)
    write_manifest(corpus_copy, [*lines, lines[1].replace(FIRST_FILE, "other.txt")])
    (corpus_copy / "articles" / "other.txt").write_text("Another text.", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"line 7: duplicate article_id 'diplomat-casualties' \(first on line 2\)"):
        load_corpus(corpus_copy)


@pytest.mark.parametrize(
    ("published", "message"),
    [
        ("2025-13-40", r"published '2025-13-40' is not a real date"),
        ("13/04/2025", r"published '13/04/2025' is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2999-01-01", r"published '2999-01-01' is in the future"),
    ],
)
def test_bad_dates(corpus_copy, published, message):
    add_article(corpus_copy, "dated.txt", b"Some 1,000 troops were sent in 2024.", published)
    with pytest.raises(CorpusError, match=r"line 7, field published: " + message):
        load_corpus(corpus_copy)


def test_empty_corpus(corpus_copy):
    write_manifest(corpus_copy, manifest_lines(corpus_copy)[:1])
    for path in (corpus_copy / "articles").iterdir():
        path.unlink()
    with pytest.raises(CorpusError, match=r"the corpus is empty"):
        load_corpus(corpus_copy)


def test_missing_manifest_column(corpus_copy):
    lines = manifest_lines(corpus_copy)
    write_manifest(corpus_copy, [lines[0].replace(",published", ",date"), *lines[1:]])
    with pytest.raises(CorpusError, match=r"manifest\.csv line 1: missing column\(s\) published"):
        load_corpus(corpus_copy)


def test_bom_and_line_ends_are_handled_and_audited(corpus_copy, name_variants):
    add_article(corpus_copy, "windows.txt", b"\xef\xbb\xbfFirst line with 2,000 troops.\r\nSecond line.\rThird.")
    article = load_corpus(corpus_copy)[-1]
    assert article.decoding_notes == ("utf8_bom", "crlf_line_ends", "cr_line_ends")
    result = clean_article(article, name_variants)
    assert result.article["text"] == "First line with 2,000 troops.\n\nSecond line.\n\nThird."
    assert [a["rule"] for a in result.audit][:3] == ["utf8_bom", "crlf_line_ends", "cr_line_ends"]


@pytest.mark.parametrize(
    ("data", "notes"), [(b"One.\r\nTwo.", ("crlf_line_ends",)), (b"One.\rTwo.", ("cr_line_ends",))]
)
def test_crlf_and_lone_cr_line_ends(corpus_copy, name_variants, data, notes):
    add_article(corpus_copy, "ends.txt", data)
    article = load_corpus(corpus_copy)[-1]
    assert article.decoding_notes == notes
    assert clean_article(article, name_variants).article["text"] == "One.\n\nTwo."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Troops\nwere \x1b[31msent.", r"control character U\+001B on line 2, column 6"),
        ("Kim\u0092s troops.".encode(), r"control character U\+0092 on line 1, column 4"),  # mojibake
    ],
)
def test_control_characters_are_refused(corpus_copy, data, message):
    add_article(corpus_copy, "control.txt", data)
    with pytest.raises(CorpusError, match=r"control\.txt: " + message):
        load_corpus(corpus_copy)


def test_hidden_files_are_ignored_and_cannot_be_listed(corpus_copy):
    digest = corpus_hash(corpus_copy)
    (corpus_copy / "articles" / ".DS_Store").write_bytes(b"\x00\x01binary")
    assert len(load_corpus(corpus_copy)) == 5 and corpus_hash(corpus_copy) == digest
    add_article(corpus_copy, ".hidden.txt", b"Some 1,000 troops.")
    with pytest.raises(CorpusError, match=r"line 7: file '\.hidden\.txt' must be a plain, not hidden, file name"):
        load_corpus(corpus_copy)


def test_article_that_cleans_to_nothing_is_kept_with_no_sentences(corpus_copy, name_variants):
    add_article(corpus_copy, "boiler.txt", b"By John Smith\n<p></p>\nPhoto: Reuters\n")
    result = clean_article(load_corpus(corpus_copy)[-1], name_variants)
    assert result.sentences == [] and result.article["words"] == 0
    assert sorted(a["rule"] for a in result.audit) == ["byline", "html_markup", "html_markup", "photo_credit"]


def test_large_article_is_cleaned(corpus_copy, name_variants):
    paragraph = "In December 2024, about 1,000 soldiers were reported killed near Kursk. " * 14
    add_article(corpus_copy, "large.txt", ((paragraph + "\n") * 1000).encode())
    article = load_corpus(corpus_copy)[-1]
    assert len(article.text) > 1_000_000
    result = clean_article(article, name_variants, today=dt.date(2026, 1, 1))
    assert len(result.sentences) == 1  # every further copy is a repeat
    assert sum(a["rule"] == "repeated_paragraph" for a in result.audit) == 999


@pytest.mark.slow
def test_one_megabyte_paragraph_without_stops_is_cut_and_extracted(corpus_copy, name_variants):
    words = ["North", "Korean", "troops", "about", "killed", "near", "Kursk", "Ukraine", "said", "and", "3,000"]
    text = " ".join(random.Random(0).choices(words, weights=[10] * 10 + [1], k=180_000))
    add_article(corpus_copy, "wall.txt", text.encode())
    article = load_corpus(corpus_copy)[-1]
    assert len(article.text) > 1_000_000 and "\n" not in article.text  # one paragraph, no sentence stop
    result = clean_article(article, name_variants, today=dt.date(2026, 1, 1))
    text = result.article["text"]
    assert max(s["end"] - s["start"] for s in result.sentences) <= MAX_SENTENCE_CHARS
    assert all(text[s["start"] : s["end"]] == s["text"] for s in result.sentences)
    assert text == article.text  # cut at spaces: the cleaned text is unchanged
    cut = [a for a in result.audit if a["rule"] == "long_sentence"]
    assert len(cut) == 1 and cut[0]["after"] == f"{len(result.sentences)} pieces"
    found = extract(pd.DataFrame(result.sentences), pd.DataFrame([result.article]))
    assert len(found) > 1_000 and found["number_text"].str.fullmatch(r"3,000( 3,000)*").all()


def test_raw_files_untouched_and_hash_stable(corpus_copy):
    before = {p.name: p.read_bytes() for p in (corpus_copy / "articles").iterdir()}
    digest = corpus_hash(corpus_copy)
    load_corpus(corpus_copy)
    assert {p.name: p.read_bytes() for p in (corpus_copy / "articles").iterdir()} == before
    assert corpus_hash(corpus_copy) == digest and re.fullmatch(r"[0-9a-f]{64}", digest)

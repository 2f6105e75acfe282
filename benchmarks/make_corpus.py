"""Write a synthetic corpus of N articles for scale tests, from the sentences of the default corpus.

Each article recombines 20-60 cleaned sentences of the default corpus, with every number written in
digits replaced by a random value of the same magnitude, every date replaced by a random date of the
same form (between 2024-10-01 and 2025-12-31), some names swapped and a random publication date; the
manifest has the columns of the real one. The same seed gives the same corpus.

    python benchmarks/make_corpus.py --articles 10000 --out /tmp/corpus-10k --seed 0
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import random
import re
from pathlib import Path

from nkreport.cleaning import clean_corpus
from nkreport.corpus import load_corpus
from nkreport.paths import PROJECT_ROOT
from nkreport.stages import reference

MONTH = "|".join(calendar.month_name[1:])
DATE_OR_NUMBER = re.compile(
    rf"(?P<dmy>\b\d{{1,2}} (?:{MONTH})(?:,? \d{{4}})?\b)"
    rf"|(?P<mdy>\b(?:{MONTH}) \d{{1,2}}(?:,? \d{{4}})?\b)"
    rf"|(?P<my>\b(?:{MONTH}),? \d{{4}}\b)"
    rf"|(?P<m>\b(?:{MONTH})\b)"
    r"|(?P<number>\b\d{1,3}(?:,\d{3})+\b|\b\d+\b)"
)
NAMES = {
    "Zelensky": ["Zelensky", "Syrskyi", "Budanov"],
    "Kim Jong Un": ["Kim Jong Un", "Kim Yo Jong", "Choe Son Hui"],
    "Putin": ["Putin", "Shoigu", "Lavrov"],
    "Kursk": ["Kursk", "Bryansk", "Belgorod"],
}
OUTLETS = ["Daily Monitor", "Northeast Asia Review", "Frontline Post", "Defence Weekly", "Peninsula Times"]
FIRST_DAY, LAST_DAY = dt.date(2024, 10, 1), dt.date(2025, 12, 31)


def source_sentences() -> list[str]:
    """The cleaned sentences of the default corpus."""
    corpus = load_corpus(PROJECT_ROOT / "data" / "raw")
    _, sentences, _ = clean_corpus(corpus, reference.name_variants())
    return sentences["text"].tolist()


def random_date(rng: random.Random) -> dt.date:
    """A random day between FIRST_DAY and LAST_DAY."""
    return FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))


def vary_number(text: str, rng: random.Random) -> str:
    """A random number with as many digits as the original (years stay as they are)."""
    digits = text.replace(",", "")
    if len(digits) == 4 and 1900 <= int(digits) <= 2100:
        return text
    low = 10 ** (len(digits) - 1) if len(digits) > 1 else 1
    value = rng.randint(low, 10 ** len(digits) - 1)
    return f"{value:,}" if "," in text else str(value)


def vary_date(kind: str, text: str, rng: random.Random) -> str:
    """A random date written in the same form as ``text`` (day month [year], month day [year], month year)."""
    date = random_date(rng)
    month = calendar.month_name[date.month]
    has_year = bool(re.search(r"\d{4}$", text))
    comma = "," if "," in text else ""
    if kind == "dmy":
        return f"{date.day} {month}" + (f" {date.year}" if has_year else "")
    if kind == "mdy":
        return f"{month} {date.day}" + (f"{comma} {date.year}" if has_year else "")
    if kind == "my":
        return f"{month}{comma} {date.year}"
    return month


def vary_match(match: re.Match[str], rng: random.Random) -> str:
    """The replacement of one date or number."""
    kind = match.lastgroup
    return vary_number(match.group(0), rng) if kind == "number" else vary_date(kind, match.group(0), rng)


def vary(sentence: str, rng: random.Random) -> str:
    """A sentence with new numbers and dates and, sometimes, another name."""
    sentence = DATE_OR_NUMBER.sub(lambda m: vary_match(m, rng), sentence)
    for name, choices in NAMES.items():
        if name in sentence:
            sentence = sentence.replace(name, rng.choice(choices))
    return sentence


def article_text(pool: list[str], rng: random.Random) -> str:
    """20-60 varied sentences in paragraphs of two to five sentences."""
    chosen = [vary(s, rng) for s in rng.sample(pool, rng.randint(20, 60))]
    paragraphs, i = [], 0
    while i < len(chosen):
        size = rng.randint(2, 5)
        paragraphs.append(" ".join(chosen[i : i + size]))
        i += size
    return "\n\n".join(paragraphs) + "\n"


def write_corpus(out: Path, articles: int, seed: int = 0) -> Path:
    """Write ``articles`` synthetic articles and their manifest into ``out``; return ``out``."""
    rng = random.Random(seed)
    pool = source_sentences()
    (out / "articles").mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    rows = []
    for index in range(1, articles + 1):
        text = article_text(pool, rng)
        while text in seen:
            text = article_text(pool, rng)
        seen.add(text)
        article_id = f"synthetic-{index:05d}"
        (out / "articles" / f"{article_id}.txt").write_text(text, encoding="utf-8")
        published = random_date(rng)
        rows.append(
            [
                article_id,
                f"{article_id}.txt",
                f"Synthetic article {index}",
                rng.choice(OUTLETS),
                "",
                published.isoformat(),
                "",
                "synthetic (benchmarks/make_corpus.py)",
            ]
        )
    with open(out / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["article_id", "file", "title", "outlet", "author", "published", "url", "notes"])
        writer.writerows(rows)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write_corpus(args.out, args.articles, args.seed)
    print(f"wrote {args.articles:,} articles to {args.out}")


if __name__ == "__main__":
    main()

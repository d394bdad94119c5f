"""Sentence splitting and language detection on our own news-like sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangulate.config import Config
from triangulate.text import (
    detect_language,
    is_foreign,
    paragraph_languages,
    paragraph_spans,
    script_of,
    split_sentences,
)


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dotted acronyms inside a sentence, and ending one before a typical opener
        (
            "The U.S. embassy moved staff to Lviv. Officials in the U.S. The move surprised few.",
            [
                "The U.S. embassy moved staff to Lviv.",
                "Officials in the U.S.",
                "The move surprised few.",
            ],
        ),
        (
            "Reacting coolly, the U.S. Army said nothing.",
            ["Reacting coolly, the U.S. Army said nothing."],
        ),
        # month abbreviations before a day number
        (
            "The vote is set for Feb. 15 in the capital. Results follow on Sept. 3.",
            ["The vote is set for Feb. 15 in the capital.", "Results follow on Sept. 3."],
        ),
        # titles before a name, also after a hyphen
        (
            "Gen. Mark Alder and Sen. Rosa Vint met then-Gov. Paul Ek. They spoke for an hour.",
            [
                "Gen. Mark Alder and Sen. Rosa Vint met then-Gov. Paul Ek.",
                "They spoke for an hour.",
            ],
        ),
        (
            "Dr. Lena Ortiz said she packed a bag. Prof. Ian Hale agreed.",
            ["Dr. Lena Ortiz said she packed a bag.", "Prof. Ian Hale agreed."],
        ),
        # numbers after "No."
        (
            "Talks were held at No. 10 on Monday. The answer was No. Then the talks ended.",
            ["Talks were held at No. 10 on Monday.", "The answer was No.", "Then the talks ended."],
        ),
        # initials
        (
            "The report by Jan M. Olsen and J. R. Ward came out. It was long.",
            ["The report by Jan M. Olsen and J. R. Ward came out.", "It was long."],
        ),
        # a quote spanning two sentences: the closing mark belongs to the sentence it ends
        (
            "He said: “It is over. We held the line.” The crowd cheered.",
            ["He said: “It is over.", "We held the line.”", "The crowd cheered."],
        ),
        (
            '"We will not leave," she said. "Never." Then she left.',
            ['"We will not leave," she said.', '"Never."', "Then she left."],
        ),
        # a question or exclamation inside a quote followed by the attribution
        (
            '"Why now?" he asked. "Because!" she replied.',
            ['"Why now?" he asked.', '"Because!" she replied.'],
        ),
        # ellipses: inside a sentence, and before a new one
        (
            "He paused... and went on. There is no panic... You can see it.",
            ["He paused... and went on.", "There is no panic...", "You can see it."],
        ),
        ("They waited … The ferry never came.", ["They waited …", "The ferry never came."]),
        # times and company names
        (
            "The vote closed at 10 a.m. ET on Tuesday. Acme Corp. said it would appeal.",
            ["The vote closed at 10 a.m. ET on Tuesday.", "Acme Corp. said it would appeal."],
        ),
        # decimals and a bracketed abbreviation before a number
        (
            "Growth was 3.5 per cent. Strikes come on (Feb.) 16th or the 17th, he said.",
            ["Growth was 3.5 per cent.", "Strikes come on (Feb.) 16th or the 17th, he said."],
        ),
        # a stray quote mark left by scraping joins the sentence before it
        ("Units will move on their own. “", ["Units will move on their own. “"]),
        # a list marker opens its sentence
        ("3. Ferries resume on Friday.", ["3. Ferries resume on Friday."]),
    ],
)
def test_hard_cases(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_paragraphs_and_cover() -> None:
    text = "First para one. First para two.\n\nSecond para, one sentence.\n\n\n\nThird para."
    sents = split_sentences(text)
    assert [s.paragraph for s in sents] == [0, 0, 1, 2]
    assert [s.index for s in sents] == [0, 1, 2, 3]
    for s in sents:
        assert text[s.start : s.end] == s.text
    # every non-space character is in exactly one sentence
    covered = "".join(s.text for s in sents).replace(" ", "")
    assert covered == text.replace(" ", "").replace("\n", "")
    assert [text[a:b] for a, b in paragraph_spans(text)] == [
        "First para one. First para two.",
        "Second para, one sentence.",
        "Third para.",
    ]


def test_empty_and_blank() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n\n  ") == []


def test_deterministic() -> None:
    text = "Mr. Vance arrived. The U.S. The end! “Yes,” she said."
    assert split_sentences(text) == split_sentences(text)


def test_detect_language() -> None:
    en = "The council said on Monday that the footbridge would stay closed while engineers checked it."
    assert detect_language(en)[0] == "en"
    fr = "Le conseil municipal a annoncé lundi que la passerelle resterait fermée pendant les travaux."
    lang, prob = detect_language(fr)
    assert lang == "fr" and 0.0 < prob <= 1.0
    de = "Der Stadtrat teilte am Montag mit, dass die Brücke bis zum Abschluss der Prüfung gesperrt bleibt."
    assert detect_language(de)[0] == "de"
    ru = "Городской совет сообщил в понедельник, что мост будет закрыт до окончания проверки."
    assert detect_language(ru)[0] == "ru"
    assert detect_language("12 34 -- !!") == ("und", 0.0)


def test_identifier_scores_equal_py3langid() -> None:
    """Our identifier widens py3langid's float16 rows before the product: same scores."""
    from py3langid.langid import LanguageIdentifier, visit_counts

    from triangulate.text import _identifier

    model = _identifier()
    for text in (
        "Le conseil municipal a annoncé lundi que la passerelle resterait fermée.",
        "Der Stadtrat teilte am Montag mit, dass die Brücke gesperrt bleibt.",
        "Городской совет сообщил в понедельник, что мост будет закрыт.",
        "Photo: Jane Doe / Reuters",
        "東京で会議が開かれた",
    ) * 2:  # the second time, from rows widened before
        visits = visit_counts(
            model.tk_nextmove, model._rowbase, model.tk_output, model._encode(text)
        )
        ours = model._sparse_score(visits, model.nb_ptc)
        stock = LanguageIdentifier._sparse_score(model, visits, model.nb_ptc)
        assert ours.dtype == stock.dtype and (ours == stock).all(), text


def test_script_check() -> None:
    assert script_of("Plain ASCII text")[0] == "Latn"
    script, share = script_of("Министерство обороны")
    assert script == "Cyrl" and share > 0.9
    assert script_of("東京で会議が開かれた")[0] == "Hani"


def test_foreign_paragraphs() -> None:
    config = Config()
    # a short Cyrillic heading inside an English article is foreign regardless of length
    assert is_foreign("Заявление министерства", "en", config)[0]
    # a short Latin-script line is never judged by the model
    assert not is_foreign("Merci beaucoup", "en", config)[0]
    # a long French paragraph in an English article is
    fr = "Le conseil municipal a annoncé lundi que la passerelle resterait fermée pendant les travaux."
    foreign, lang, _ = is_foreign(fr, "en", config)
    assert foreign and lang == "fr"
    # a Latin-script handle inside a Russian article is not set aside
    assert not is_foreign("Аккаунт: @some_cook_account", "ru", config)[0]


def test_short_paragraphs_inherit_the_main_language() -> None:
    paras = [
        "Der Stadtrat teilte am Montag mit, dass die Brücke bis zum Abschluss der Prüfung gesperrt bleibt.",
        "Ja.",
        "Die Fähren fahren ab Freitag wieder nach dem normalen Fahrplan, sagte eine Sprecherin.",
    ]
    main, langs = paragraph_languages(paras, Config())
    assert main == "de"
    assert [lang for lang, _ in langs] == ["de", "de", "de"]
    assert langs[1][1] == 0.0  # inherited, not measured
    sents = split_sentences("\n\n".join(paras))
    assert {s.language for s in sents} == {"de"}


# --------------------------------------------------------------------------- properties

_TOKENS = [
    "The",
    "ferry",
    "said",
    "Mr.",
    "U.S.",
    "Gen.",
    "No.",
    "10",
    "3.5",
    "Feb.",
    "15",
    "J.",
    "“We",
    "left.”",
    '"Yes?"',
    "he",
    "asked.",
    "end.",
    "It",
    "…",
    "...",
    "(Reuters)",
    "—",
    "'",
    "”",
    "“",
    "a.m.",
    "Inc.",
    "!",
    "?",
    "and",
    "The",
    "pier.",
    "\n",
    "\n\n",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=60))
def test_sentences_are_ordered_disjoint_slices_covering_the_text(tokens: list[str]) -> None:
    text = " ".join(tokens)
    sents = split_sentences(text)
    prev_end = 0
    for i, s in enumerate(sents):
        assert s.index == i
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= prev_end
        prev_end = s.end
    covered = "".join(s.text for s in sents)
    assert "".join(covered.split()) == "".join(text.split())
    assert [s.paragraph for s in sents] == sorted(s.paragraph for s in sents)


def test_paragraph_with_line_breaks_and_odd_spaces() -> None:
    # a single line break, a no-break space and a tab inside one paragraph
    text = "He met Gen.\nSmith at noon. Then they left.\n\nShe paid 5\u00a0U.S. dollars.\tThe end."
    assert texts(text) == [
        "He met Gen.\nSmith at noon.",
        "Then they left.",
        "She paid 5\u00a0U.S. dollars.",
        "The end.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He moved to the U.S.\n\nthe next day he left. Then Gen.\n\nSmith spoke.",
        '8.\n\nb. Items follow. “Why?”\n\n"\n\nA stray quote above. It ends here!',
        "No.\n\n10 Downing St.\n\nIt was late… “Very,” he said.\n\n(Reporting by J. Doe.)",
    ],
)
def test_one_search_over_all_paragraphs_equals_one_per_paragraph(text: str) -> None:
    from triangulate.text import sentence_spans

    got = [(s.start, s.end) for s in split_sentences(text)]
    want = [
        span for start, end in paragraph_spans(text) for span in sentence_spans(text, start, end)
    ]
    assert got == want

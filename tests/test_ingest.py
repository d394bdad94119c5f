"""Ingest: each input kind, sniffing by content, folders, stdin, and every kind of bad input.

All fixtures are written here, into tmp_path: small made-up articles, no copied text.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import sys
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangulate.config import DEFAULT, Config
from triangulate.ingest import read, read_bytes, sniff
from triangulate.ingest.dates import parse_date
from triangulate.model import Document, Rejected

BODY = (
    "The harbour ferry service stopped at noon on Tuesday after a crane toppled onto the "
    "pier, the port authority said.\n\nNo one was hurt, according to a spokeswoman, who "
    "added that repairs could take two weeks."
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Crane falls on ferry pier | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta name="author" content="Mira Tallis">
<meta property="article:published_time" content="2022-02-15T09:30:00+00:00">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Crane falls on ferry pier</h1>
<p>The harbour ferry service stopped at noon on Tuesday after a crane toppled onto the pier,
the port authority said in a statement issued to reporters at the terminal.</p>
<p>No one was hurt, according to a spokeswoman, who added that repairs could take two weeks
and that passengers would be offered places on buses in the meantime.</p>
<p>Engineers from the city council were inspecting the damaged section of the pier on
Tuesday afternoon, and the authority said it would publish their findings.</p>
</article><footer>Copyright Harbour Gazette</footer></body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<language>en-GB</language>
<item><title>Crane falls on ferry pier</title><link>https://gazette.example/crane</link>
<pubDate>Tue, 15 Feb 2022 09:30:00 +0000</pubDate><dc:creator>Mira Tallis</dc:creator>
<description>Short summary only.</description>
<content:encoded><![CDATA[<p>The ferry stopped at <b>noon</b>.</p><p>Nobody was hurt.</p>
<script>track()</script>]]></content:encoded></item>
<item><title>Buses replace ferries</title><link>https://gazette.example/buses</link>
<pubDate>not a date at all</pubDate>
<description>&lt;p&gt;Buses will run every ten minutes.&lt;/p&gt;</description></item>
<item><title>Nothing here</title><link>https://gazette.example/empty</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Port Weekly</title>
<link href="https://port.example/"/>
<entry><title>Pier to reopen</title><link href="https://port.example/pier"/>
<id>tag:port.example,2022:1</id><published>2022-02-20T08:00:00+01:00</published>
<author><name>Ade Okafor</name></author>
<content type="html">&lt;p&gt;The pier reopens on Monday.&lt;/p&gt;&lt;p&gt;Ferries resume.&lt;/p&gt;</content>
</entry></feed>
"""


def items(paths: list[str | Path] | str | Path, config: Config = DEFAULT) -> list:
    return list(read(paths, config))


def one(paths: str | Path, config: Config = DEFAULT) -> Document | Rejected:
    out = items(paths, config)
    assert len(out) == 1, out
    return out[0]


def doc(paths: str | Path, config: Config = DEFAULT) -> Document:
    item = one(paths, config)
    assert isinstance(item, Document), item
    return item


def rejected(paths: str | Path, config: Config = DEFAULT) -> Rejected:
    item = one(paths, config)
    assert isinstance(item, Rejected), item
    assert item.stage == "ingest"
    return item


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# --- plain text --------------------------------------------------------------------------


def test_text_headline_and_body_unchanged(tmp_path: Path) -> None:
    body = BODY + "\n\nShare this article\n"  # residue stays: cleaning is not ingest's job
    d = doc(write(tmp_path / "a.txt", f"\n  Crane falls on ferry pier  \n\n{body}"))
    assert (d.kind, d.title, d.text) == ("text", "Crane falls on ferry pier", body)
    assert d.outlet is None and d.url is None and d.published is None
    assert d.raw == f"\n  Crane falls on ferry pier  \n\n{body}"
    assert d.metadata["encoding"] == "utf-8"


def test_text_header_block(tmp_path: Path) -> None:
    content = (
        "URL: https://www.gazette.example/crane\nDate: 2022-02-15T09:30:00+01:00\n"
        "Author: Mira Tallis\nLanguage: en\nSection: Local news\n\n"
        f"Crane falls on ferry pier\n\n{BODY}\n"
    )
    d = doc(write(tmp_path / "a.txt", content))
    assert d.url == "https://www.gazette.example/crane"
    assert d.outlet == "gazette.example"  # no Outlet key: the URL's domain
    assert d.published == datetime(2022, 2, 15, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert (d.byline, d.language, d.title) == ("Mira Tallis", "en", "Crane falls on ferry pier")
    assert d.metadata["section"] == "Local news"
    assert d.text == BODY + "\n"


def test_text_header_title_and_outlet(tmp_path: Path) -> None:
    content = f"title: Pier closed\nOUTLET: Harbour Gazette\npublished: 15 February 2022\n\n{BODY}"
    d = doc(write(tmp_path / "a.txt", content))
    assert (d.title, d.outlet, d.text) == ("Pier closed", "Harbour Gazette", BODY)
    assert d.published == datetime(2022, 2, 15)  # no zone given: naive


def test_text_header_after_the_headline(tmp_path: Path) -> None:
    content = (
        "Crane falls on ferry pier\nURL: https://gazette.example/crane\nOutlet: Harbour Gazette\n"
        f"Date: March 4, 2025 7:05 pm\nByline: Mira Tallis\n\n{BODY}"
    )
    d = doc(write(tmp_path / "a.txt", content))
    assert (d.title, d.url, d.outlet, d.byline) == (
        "Crane falls on ferry pier",
        "https://gazette.example/crane",
        "Harbour Gazette",
        "Mira Tallis",
    )
    assert d.published == datetime(2025, 3, 4, 19, 5)
    assert d.text == BODY


def test_text_headline_with_colon_is_not_a_header(tmp_path: Path) -> None:
    d = doc(write(tmp_path / "a.txt", f"Breaking: crane falls on pier\n\n{BODY}"))
    assert d.title == "Breaking: crane falls on pier"
    assert d.text == BODY
    assert "breaking" not in d.metadata


def test_text_unparseable_header_date_kept_raw(tmp_path: Path) -> None:
    d = doc(write(tmp_path / "a.txt", f"Date: sometime last week\n\nHeadline\n\n{BODY}"))
    assert d.published is None
    assert d.metadata["date_raw"] == "sometime last week"


def test_text_original_url_trailer_gives_url_and_outlet(tmp_path: Path) -> None:
    content = f"Headline\n\n{BODY}\n\nOriginal url:\n\n<https://www.portnews.example/a/1>\n"
    d = doc(write(tmp_path / "a.txt", content))
    assert d.url == "https://www.portnews.example/a/1"
    assert d.outlet == "portnews.example"
    assert "Original url:" in d.text  # the body is left for cleaning


def test_text_single_line_is_body_without_headline(tmp_path: Path) -> None:
    line = BODY.replace("\n\n", " ")
    d = doc(write(tmp_path / "a.txt", line + "\n"))
    assert (d.title, d.text) == ("", line + "\n")


def test_text_crlf_newlines(tmp_path: Path) -> None:
    d = doc(write(tmp_path / "a.txt", f"Headline\r\n\r\n{BODY}".replace("\n\n", "\r\n\r\n")))
    assert (d.title, d.text) == ("Headline", BODY)


# --- HTML --------------------------------------------------------------------------------


def test_html_page(tmp_path: Path) -> None:
    d = doc(write(tmp_path / "page.html", HTML_PAGE))
    assert d.kind == "html"
    assert "crane toppled onto the pier" in d.text
    assert "Copyright Harbour Gazette" not in d.text
    assert d.title.startswith("Crane falls on ferry pier")
    assert d.outlet == "Harbour Gazette"
    assert d.byline == "Mira Tallis"
    assert d.language == "en"
    assert d.published is not None and d.published.date().isoformat() == "2022-02-15"
    assert d.raw == HTML_PAGE


def test_malformed_html_with_text_is_read(tmp_path: Path) -> None:
    broken = HTML_PAGE.replace("</p>", "").replace("</article>", "").replace("</body></html>", "")
    d = doc(write(tmp_path / "broken.html", broken))
    assert "repairs could take two weeks" in d.text


def test_html_without_text_is_rejected(tmp_path: Path) -> None:
    r = rejected(write(tmp_path / "x.html", "<html><body><div><span></div></p></body>"))
    assert "no article text could be extracted" in r.reason
    assert r.source == str(tmp_path / "x.html")


# --- JSONL -------------------------------------------------------------------------------


def record(**fields: object) -> str:
    return json.dumps(fields)


def test_jsonl_fields_aliases_and_metadata(tmp_path: Path) -> None:
    lines = [
        record(
            id="r1",
            url="https://www.gazette.example/crane",
            title="Crane falls",
            maintext=BODY,
            date_publish="2022-02-15 09:30:00",
            authors=["Mira Tallis", "Sam Ortiz"],
            event="crane",
        ),
        record(
            headline="Buses",
            body="Buses run.",
            source={"id": "pw", "name": "Port Weekly"},
            pubDate="Tue, 15 Feb 2022 09:30:00 GMT",
            author="Ade",
            lang="en",
        ),
        record(text="Third.", publisher="Coast FM", date="yesterday", title="T", headline="H"),
    ]
    out = items(write(tmp_path / "a.jsonl", "\n".join(lines) + "\n"))
    assert [i.source for i in out] == [f"{tmp_path / 'a.jsonl'}:{n}" for n in (1, 2, 3)]
    a, b, c = out
    assert (a.kind, a.title, a.text, a.byline) == (
        "jsonl",
        "Crane falls",
        BODY,
        "Mira Tallis, Sam Ortiz",
    )
    assert (a.outlet, a.published) == ("gazette.example", datetime(2022, 2, 15, 9, 30))
    assert a.metadata["id"] == "r1" and a.metadata["event"] == "crane"
    assert a.raw == lines[0]
    assert (b.title, b.text, b.outlet, b.byline, b.language) == (
        "Buses",
        "Buses run.",
        "Port Weekly",
        "Ade",
        "en",
    )
    assert b.published == datetime(2022, 2, 15, 9, 30, tzinfo=UTC)
    assert c.published is None and c.metadata["date_raw"] == "yesterday"
    assert (c.title, c.metadata["headline"], c.outlet) == ("T", "H", "Coast FM")


def test_jsonl_broken_middle_line_rest_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        record(title="One", text="First article."),
        '{"title": "Two", "text": "unterminated',
        "",
        record(title="Four", text="Fourth article."),
        record(title="No text here", text="   "),
        "[1, 2]",
        record(title="Seven", text="Seventh article."),
    ]
    out = items(write(path, "\n".join(lines)))
    assert [type(i).__name__ for i in out] == [
        "Document",
        "Rejected",
        "Document",
        "Rejected",
        "Rejected",
        "Document",
    ]
    assert [i.source for i in out] == [f"{path}:{n}" for n in (1, 2, 4, 5, 6, 7)]
    assert str(out[1]).startswith(f"{path}:2: invalid JSON (")
    assert "column" in out[1].reason
    assert out[3].reason.startswith("record has no text")
    assert out[4].reason == "not a JSON object (got a JSON array)"
    assert [d.title for d in out if isinstance(d, Document)] == ["One", "Four", "Seven"]


def test_jsonl_long_line_rejected_by_number(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", record(text="x" * 500) + "\n" + record(text="short") + "\n")
    out = items(path, DEFAULT.with_(max_jsonl_line_bytes=200))
    assert isinstance(out[0], Rejected) and out[0].source == f"{path}:1"
    assert "over the limit of 200" in out[0].reason
    assert isinstance(out[1], Document) and out[1].text == "short"


def test_jsonl_wrong_text_type(tmp_path: Path) -> None:
    r = rejected(write(tmp_path / "a.jsonl", record(text={"a": 1}) + "\n"))
    assert r.reason == "field 'text' is a JSON object, expected a string"


def test_jsonl_record_with_html(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.jsonl", record(url="https://gazette.example/c", html=HTML_PAGE) + "\n"
    )
    d = doc(path)
    assert d.kind == "html" and "crane toppled" in d.text
    assert d.url == "https://gazette.example/c"
    assert "html" not in d.metadata


def test_jsonl_html_text_is_rendered(tmp_path: Path) -> None:
    rec = record(title="T", content="<p>First <em>para</em>.</p>\n<p>Second&nbsp;one.</p>")
    d, second = items(
        write(tmp_path / "a.jsonl", f"{rec}\n{record(text='Plain <b>not</b> HTML.')}")
    )
    assert d.text == "First para.\n\nSecond one."
    assert d.metadata["text_from_html"] is True
    assert second.text == "Plain <b>not</b> HTML." and "text_from_html" not in second.metadata


def test_json_array_file(tmp_path: Path) -> None:
    data = json.dumps(
        [{"title": "A", "text": "Alpha."}, 3, {"title": "C", "text": "Gamma."}], indent=2
    )
    out = items(write(tmp_path / "a.json", data))
    assert [i.source.rsplit("#", 1)[1] for i in out] == ["record-1", "record-2", "record-3"]
    assert isinstance(out[1], Rejected) and "got a JSON number" in out[1].reason
    assert [o.text for o in out if isinstance(o, Document)] == ["Alpha.", "Gamma."]


def set_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_dash_reads_jsonl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = (
        record(title="A", text="Alpha.") + "\nnot json\n" + record(title="B", text="Beta.") + "\n"
    )
    set_stdin(monkeypatch, codecs.BOM_UTF8 + data.encode())
    textfile = write(tmp_path / "t.txt", f"Headline\n\n{BODY}")
    out = items(["-", textfile])
    assert [i.source for i in out] == ["<stdin>:1", "<stdin>:2", "<stdin>:3", str(textfile)]
    assert [type(i).__name__ for i in out] == ["Document", "Rejected", "Document", "Document"]
    assert out[0].title == "A" and out[2].text == "Beta."


def test_stdin_bad_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (
        record(text="x" * 300).encode()
        + b"\n"
        + b'{"text": "caf\xe9"}\n'
        + record(text="ok").encode()
    )
    set_stdin(monkeypatch, data)
    out = items("-", DEFAULT.with_(max_jsonl_line_bytes=100))
    assert [str(i) if isinstance(i, Rejected) else i.text for i in out] == [
        "<stdin>:1: line is 312 bytes, over the limit of 100 (Config.max_jsonl_line_bytes)",
        "<stdin>:2: not UTF-8 (invalid byte 0xE9 at column 14)",
        "ok",
    ]


def test_stdin_plain_text_is_one_rejection(monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, f"\nHeadline\n\n{BODY}\n".encode())
    assert [str(i) for i in items("-")] == [
        "<stdin>: not JSON Lines: line 2 does not start with '{' "
        "(- reads JSON Lines, one article object per line)"
    ]


def test_stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, b"")
    assert [str(i) for i in items("-")] == ["<stdin>: empty input (no JSON lines)"]


# --- feeds -------------------------------------------------------------------------------


def test_rss_feed(tmp_path: Path) -> None:
    path = write(tmp_path / "gazette.txt", RSS)  # the extension does not matter
    out = items(path)
    assert [i.source for i in out] == [f"{path}#item-{n}" for n in (1, 2, 3)]
    first, second, third = out
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.kind == "feed"
    assert first.text == "The ferry stopped at noon.\n\nNobody was hurt."  # content beats summary
    assert (first.title, first.url, first.outlet) == (
        "Crane falls on ferry pier",
        "https://gazette.example/crane",
        "Harbour Gazette",
    )
    assert first.published == datetime(2022, 2, 15, 9, 30, tzinfo=UTC)
    assert (first.byline, first.language, first.metadata["language_raw"]) == (
        "Mira Tallis",
        "en",
        "en-GB",
    )
    assert first.raw.startswith("<item><title>Crane falls on ferry pier</title>")
    assert first.raw.endswith("<script>track()</script>]]></content:encoded></item>")
    assert second.text == "Buses will run every ten minutes."
    assert second.published is None and second.metadata["date_raw"] == "not a date at all"
    assert isinstance(third, Rejected) and "no content or summary" in third.reason


def test_atom_feed(tmp_path: Path) -> None:
    d = doc(write(tmp_path / "port.html", ATOM))
    assert d.source.endswith("port.html#item-1") and d.kind == "feed"
    assert (d.title, d.url, d.outlet, d.byline) == (
        "Pier to reopen",
        "https://port.example/pier",
        "Port Weekly",
        "Ade Okafor",
    )
    assert d.text == "The pier reopens on Monday.\n\nFerries resume."
    assert d.published == datetime(2022, 2, 20, 7, 0, tzinfo=UTC)
    assert d.metadata["guid"] == "tag:port.example,2022:1"
    assert d.raw.startswith("<entry><title>Pier to reopen</title>") and d.raw.endswith("</entry>")


def test_feed_in_declared_single_byte_encoding(tmp_path: Path) -> None:
    rss = (
        '<?xml version="1.0" encoding="windows-1252"?>\n<rss version="2.0"><channel>'
        "<title>Caf\u00e9 Times</title><item><title>Na\u00efve \u201cplan\u201d</title>"
        "<description>The caf\u00e9 closes \u2014 for good.</description></item></channel></rss>"
    )
    d = doc(write(tmp_path / "cafe.rss", rss.encode("cp1252")))
    assert (d.outlet, d.title, d.text) == (
        "Caf\u00e9 Times",
        "Na\u00efve \u201cplan\u201d",
        "The caf\u00e9 closes \u2014 for good.",
    )
    assert d.metadata["encoding"] == "cp1252"
    assert "declared in the document" in d.metadata["encoding_note"]


def test_html_declared_charset(tmp_path: Path) -> None:
    page = HTML_PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').replace(
        "in the meantime", "in the meantime \u2013 at the caf\u00e9"
    )
    d = doc(write(tmp_path / "latin.html", page.encode("cp1252")))
    assert "in the meantime \u2013 at the caf\u00e9" in d.text
    assert d.metadata["encoding"] == "cp1252"


def test_feed_with_external_entity_is_rejected_unread(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "TOP-SECRET-MARKER")
    xxe = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<rss version="2.0"><channel><title>x</title>'
        "<item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>"
    )
    path = write(tmp_path / "feeds" / "evil.xml", xxe)
    out = items(path)
    assert len(out) == 1 and isinstance(out[0], Rejected)
    assert out[0].source == str(path)
    assert out[0].reason.startswith("unsafe XML: <!DOCTYPE rss> declares an external entity (XXE)")
    assert "TOP-SECRET-MARKER" not in repr(out)


def test_html_with_external_entity_does_not_resolve_it(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "TOP-SECRET-MARKER")
    page = HTML_PAGE.replace(
        "<!DOCTYPE html>", f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    ).replace("Engineers from", "&xxe; Engineers from")
    out = items(write(tmp_path / "evil.html", page))
    assert "TOP-SECRET-MARKER" not in repr(out)


def test_billion_laughs_is_rejected_fast(tmp_path: Path) -> None:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    ]
    bomb = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [{"".join(entities)}]>\n'
        "<rss><channel><item><description>&lol9;</description></item></channel></rss>"
    )
    started = time.perf_counter()
    r = rejected(write(tmp_path / "lol.rss", bomb))
    assert time.perf_counter() - started < 2
    assert r.reason.startswith("unsafe XML: <!DOCTYPE rss> declares entities (entity expansion")


def test_doctype_without_entities_rejected(tmp_path: Path) -> None:
    xml = '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://feeds.example/rss.dtd"><rss/>'
    r = rejected(write(tmp_path / "a.xml", xml))
    assert r.reason.startswith("unsafe XML: <!DOCTYPE rss>")


def test_not_well_formed_feed(tmp_path: Path) -> None:
    r = rejected(write(tmp_path / "bad.xml", "<rss><channel><item><title>x</channel></rss>"))
    assert r.reason.startswith("not a feed (not well-formed XML: mismatched tag: line 1")


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    r = rejected(write(tmp_path / "map.xml", '<?xml version="1.0"?><urlset><url/></urlset>'))
    assert r.reason == "not a feed (root element is <urlset>, expected <rss>, <feed> or <rdf:RDF>)"


def test_feed_without_items(tmp_path: Path) -> None:
    r = rejected(write(tmp_path / "a.rss", "<rss><channel><title>Empty</title></channel></rss>"))
    assert r.reason == "feed has no items (RSS feed)"


# --- sniffing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (HTML_PAGE, "html"),
        ("<html><body><p>x</p></body></html>", "html"),
        ("\n<!-- saved page -->\n<html>", "html"),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml">',
            "html",
        ),
        ("<div><p>a</p><p>b</p><p>c</p><p>d</p></div>", "html"),
        (RSS, "feed"),
        (ATOM, "feed"),
        ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', "feed"),
        ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><rss/>', "feed"),
        ('<?xml version="1.0"?><urlset/>', "feed"),
        ('\n\n{"text": "a"}\n{"text": "b"}', "jsonl"),
        (f"Headline\n\n{BODY}", "text"),
        ("Why <b>bold</b> claims about the <i>pier</i> fail\n\nBody.", "text"),
        ("{not json at all}\n\nA brace-led headline", "text"),
    ],
)
def test_sniff_by_content(content: str, kind: str) -> None:
    assert sniff(content, "whatever.txt") == kind


def test_sniff_json_file_name_breaks_ties() -> None:
    assert sniff('{"text": "a",\n "title": "b"}', "a.json") == "jsonl"
    assert sniff('{"text": "a",\n "title": "b"}', "a.txt") == "text"


def test_kind_is_chosen_by_content_not_extension(tmp_path: Path) -> None:
    write(tmp_path / "1.html", f"Headline\n\n{BODY}")
    write(tmp_path / "2.txt", HTML_PAGE)
    write(tmp_path / "3.xml", record(text="From JSON.") + "\n")
    write(tmp_path / "4.jsonl", ATOM)
    kinds = [(Path(d.source).name, d.kind) for d in items(tmp_path)]
    assert kinds == [
        ("1.html", "text"),
        ("2.txt", "html"),
        ("3.xml:1", "jsonl"),
        ("4.jsonl#item-1", "feed"),
    ]


# --- folders and paths -------------------------------------------------------------------


def test_folder_recursion_order_and_hidden_files(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for name in [
        "b.txt",
        "a/z.txt",
        "a/m/k.txt",
        "a/c.txt",
        "c.txt",
        "B.txt",
        ".hidden.txt",
        ".git/x.txt",
        "a/.cache/y.txt",
    ]:
        write(root / name, f"Headline {name}\n\nBody of {name}.")
    sources = [Path(i.source).relative_to(root).as_posix() for i in items(root)]
    assert sources == ["B.txt", "a/c.txt", "a/m/k.txt", "a/z.txt", "b.txt", "c.txt"]
    assert [i.source for i in items(root)] == [i.source for i in items(root)]  # deterministic


def test_folder_symlink_loop_is_followed_once(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "sub" / "a.txt", f"Headline\n\n{BODY}")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    assert [Path(i.source).relative_to(root).as_posix() for i in items(root)] == ["sub/a.txt"]


def test_paths_in_given_order_with_duplicates_kept(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", f"A\n\n{BODY}")
    b = write(tmp_path / "b.txt", f"B\n\n{BODY}")
    assert [i.source for i in items([b, str(a), b])] == [str(b), str(a), str(b)]


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path / "empty" / ".only-hidden", "x")
    good = write(tmp_path / "ok.txt", f"Headline\n\n{BODY}")
    out = items([tmp_path / "nope.txt", tmp_path / "empty", good])
    assert [str(i) for i in out[:2]] == [
        f"{tmp_path / 'nope.txt'}: no such file or directory",
        f"{tmp_path / 'empty'}: folder has no files (hidden files are skipped)",
    ]
    assert isinstance(out[2], Document)


def test_broken_symlink_and_fifo(tmp_path: Path) -> None:
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(tmp_path / "pipe")
    assert rejected(tmp_path / "link.txt").reason == "broken symbolic link"
    assert rejected(tmp_path / "pipe").reason == "not a regular file (a named pipe (FIFO))"


def test_unreadable_file_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", f"Headline\n\n{BODY}")
    if os.geteuid() != 0:  # root reads anything: simulate below as well
        path.chmod(0)
        assert rejected(path).reason == "permission denied (cannot read the file)"
        path.chmod(0o644)

    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    r = rejected(path)
    assert (r.source, r.reason) == (str(path), "permission denied (cannot read the file)")


# --- bad bytes ---------------------------------------------------------------------------


def test_empty_files(tmp_path: Path) -> None:
    assert rejected(write(tmp_path / "e.txt", b"")).reason == "empty file (0 bytes)"
    assert (
        rejected(write(tmp_path / "w.txt", b"\n  \r\n\t\n")).reason
        == "empty file (only 7 bytes of whitespace)"
    )
    r = rejected(write(tmp_path / "u16.txt", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")))
    assert r.reason == "empty file (only whitespace after decoding as utf-16-le)"


def test_binary_files(tmp_path: Path) -> None:
    r = rejected(write(tmp_path / "x.txt", b"ab\x00\x01\x02cd" * 200))
    assert r.reason.startswith("binary file (43% NUL/control bytes in the first 1,400 bytes")
    r = rejected(write(tmp_path / "page.html.gz", gzip.compress(HTML_PAGE.encode())))
    assert r.reason == "binary file (gzip-compressed data), not text"
    r = rejected(write(tmp_path / "doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"))
    assert r.reason == "binary file (a PDF document), not text"


def test_binary_ratio_is_a_config_limit(tmp_path: Path) -> None:
    data = f"Headline\n\n{BODY}".encode() + b"\x00" * 30  # ~10% NULs
    path = write(tmp_path / "a.txt", data)
    assert isinstance(one(path, DEFAULT.with_(binary_control_ratio=0.5)), Document)
    assert "binary file" in rejected(path, DEFAULT.with_(binary_control_ratio=0.05)).reason


def test_encodings(tmp_path: Path) -> None:
    text = "Caf\u00e9 owner says \u201cno\u201d\n\nThe na\u00efve plan \u2014 a long, rainy day in the city."
    d = doc(write(tmp_path / "bom8.txt", codecs.BOM_UTF8 + text.encode()))
    assert (d.title, d.metadata["encoding"]) == ("Caf\u00e9 owner says \u201cno\u201d", "utf-8-sig")
    d = doc(write(tmp_path / "u16.txt", codecs.BOM_UTF16_BE + text.encode("utf-16-be")))
    assert (d.text, d.metadata["encoding"]) == (text.split("\n\n", 1)[1], "utf-16-be")
    d = doc(write(tmp_path / "cp.txt", text.encode("cp1252")))
    assert d.text == text.split("\n\n", 1)[1] and d.metadata["encoding"] == "cp1252"
    assert d.metadata["encoding_note"].startswith("not UTF-8 (invalid byte 0xE9 at line 1)")


def test_mixed_encodings(tmp_path: Path) -> None:
    data = (
        "Caf\u00e9 closes\n\nThe owner said \u201cno\u201d.\n".encode()
        + "The na\u00efve plan.\n".encode("cp1252")
    )
    d = doc(write(tmp_path / "mixed.txt", data))
    assert d.text == "The owner said \u201cno\u201d.\nThe na\u00efve plan.\n"
    assert d.metadata["encoding"] == "utf-8+cp1252"
    assert (
        "mixed encodings" in d.metadata["encoding_note"] and "line 4" in d.metadata["encoding_note"]
    )


def test_undecodable(tmp_path: Path) -> None:
    r = rejected(
        write(tmp_path / "a.txt", codecs.BOM_UTF16_LE + "Headline".encode("utf-16-le") + b"\x00")
    )
    assert r.reason.startswith("cannot decode: starts with a UTF-16-LE byte-order mark")
    noise = bytes((i * 151 + 7) % 128 + 128 for i in range(4000))
    r = rejected(write(tmp_path / "b.txt", noise))
    assert r.reason.startswith("cannot decode: not UTF-8 (invalid byte 0x87 at line 1)")


def test_over_size_limit_rejected_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: 200 MB without writing them
    small = write(tmp_path / "small.txt", f"Headline\n\n{BODY}")

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("an over-size file was opened")

    monkeypatch.setattr(Path, "open", no_open)
    started = time.perf_counter()
    r = rejected(big)  # the default limit
    assert time.perf_counter() - started < 0.5
    assert r.reason == (
        f"file is {200 * 1024 * 1024:,} bytes, over the limit of {DEFAULT.max_input_bytes:,} "
        "(Config.max_input_bytes); not read"
    )
    r = rejected(small, DEFAULT.with_(max_input_bytes=100))
    assert r.reason.startswith(f"file is {small.stat().st_size:,} bytes, over the limit of 100")


def test_read_bytes_in_memory() -> None:
    out = list(read_bytes("mem:1", f"Headline\n\n{BODY}".encode()))
    assert len(out) == 1 and isinstance(out[0], Document) and out[0].source == "mem:1"
    too_big = list(read_bytes("mem:2", b"x" * 200, DEFAULT.with_(max_input_bytes=100)))
    assert [str(r) for r in too_big] == [
        "mem:2: file is 200 bytes, over the limit of 100 (Config.max_input_bytes); not read"
    ]


def test_bad_inputs_do_not_stop_the_batch(tmp_path: Path) -> None:
    write(tmp_path / "1-empty.txt", b"")
    write(tmp_path / "2-binary.dat", b"\x00\x01" * 100)
    write(tmp_path / "3-good.txt", f"Headline\n\n{BODY}")
    write(
        tmp_path / "4-xxe.xml", '<!DOCTYPE rss [<!ENTITY e SYSTEM "file:///etc/hostname">]><rss/>'
    )
    write(tmp_path / "5-good.jsonl", record(text="Fine.") + "\n{oops\n")
    out = items(tmp_path)
    assert [(Path(i.source).name, type(i).__name__) for i in out] == [
        ("1-empty.txt", "Rejected"),
        ("2-binary.dat", "Rejected"),
        ("3-good.txt", "Document"),
        ("4-xxe.xml", "Rejected"),
        ("5-good.jsonl:1", "Document"),
        ("5-good.jsonl:2", "Rejected"),
    ]


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2022-02-15", datetime(2022, 2, 15)),
        ("2022-02-15T09:30:00Z", datetime(2022, 2, 15, 9, 30, tzinfo=UTC)),
        (
            "2022-02-15T09:30:00-05:00",
            datetime(2022, 2, 15, 9, 30, tzinfo=timezone(timedelta(hours=-5))),
        ),
        ("Tue, 15 Feb 2022 09:30:00 GMT", datetime(2022, 2, 15, 9, 30, tzinfo=UTC)),
        ("15 February 2022", datetime(2022, 2, 15)),
        ("March 4, 2025 7:05 pm", datetime(2025, 3, 4, 19, 5)),
        (
            "Tue, 15 Feb 2022 09:30:00 +0100",
            datetime(2022, 2, 15, 9, 30, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("Updated: Feb. 15, 2022", datetime(2022, 2, 15)),
        ("15 février 2022", datetime(2022, 2, 15)),
        (1644917400, datetime(2022, 2, 15, 9, 30, tzinfo=UTC)),
        ("February 15", None),  # no year: never filled in from today
        ("yesterday", None),
        ("3 hours ago", None),
        ("soon", None),
        ("", None),
        (12, None),
    ],
)
def test_parse_date(raw: object, expected: datetime | None) -> None:
    assert parse_date(raw) == expected


# --- never raises ------------------------------------------------------------------------

_PREFIXES = [b"", b"<?xml version='1.0'?>", b"<rss><channel><item>", b"<html><body><p>", b"{", b"["]
_PREFIXES += [
    b"Url: https://x.example\n\n",
    codecs.BOM_UTF16_LE,
    b"<feed xmlns='http://www.w3.org/2005/Atom'>",
]


@given(prefix=st.sampled_from(_PREFIXES), data=st.binary(max_size=400), text=st.text(max_size=200))
@settings(max_examples=150, deadline=None)
def test_any_input_gives_documents_or_rejections(prefix: bytes, data: bytes, text: str) -> None:
    for payload in (prefix + data, prefix + text.encode("utf-8", "surrogatepass")):
        out = list(read_bytes("fuzz", payload))
        assert out and all(isinstance(i, Document | Rejected) for i in out)
        for i in out:
            assert i.source.startswith("fuzz")
            if isinstance(i, Rejected):
                assert i.reason and i.stage == "ingest"

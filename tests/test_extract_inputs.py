"""Raw inputs of `actorgraph extract`: encodings, the .txt header, page-dump cleanup, saved .html pages."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from actorgraph.graph.errors import InputError
from actorgraph.ingest.extract.cleanup import clean_page_dump
from actorgraph.ingest.extract.encoding import decode_bytes
from actorgraph.ingest.extract.header import split_header
from actorgraph.ingest.extract.inputs import detect_language, read_raw
from tests.extract_samples import (
    AR_BODY,
    AR_COMMENT,
    AR_DUMP,
    AR_TITLE,
    EN_BODY,
    EN_COMMENT,
    EN_DUMP,
    EN_PAGE,
    EN_TITLE,
    HEADER,
)

ARABIC = "قالت قوات سوريا الديمقراطية إن التحالف الدولي يدعمها."


# ---- encodings ---------------------------------------------------------------------------------
@pytest.mark.parametrize("encoded, encoding", [
    (ARABIC.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), "utf-16"),
    (ARABIC.encode("cp1256"), "cp1256"),
])
def test_arabic_text_is_read_in_every_supported_encoding(encoded: bytes, encoding: str) -> None:
    assert decode_bytes(encoded, "a.txt") == (ARABIC, encoding)


def test_windows_1256_is_not_taken_for_latin_text() -> None:
    french = "Le président a visité Alep: la coalition soutient les FDS, a-t-il déclaré à l'été."
    text, encoding = decode_bytes(french.encode("cp1252"), "fr.txt")
    assert text == french and encoding != "cp1256"


def test_binary_file_is_one_clear_error() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(InputError, match="is a binary file, not text"):
        decode_bytes(png, "image.txt")


def test_utf16_without_bom_is_named() -> None:
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        decode_bytes("The SDF said the coalition backs it.".encode("utf-16-le"), "a.txt")


def test_invalid_bytes_after_a_bom_name_the_encoding() -> None:
    with pytest.raises(InputError, match="UTF-16"):
        decode_bytes(codecs.BOM_UTF16_LE + "abc".encode("utf-16-le") + b"\x00", "odd.txt")


# ---- header ------------------------------------------------------------------------------------
def test_header_fields_and_body() -> None:
    header = split_header(HEADER + "The text.\nSecond line.", "a.txt")
    assert header.fields == {"title": "A header title", "publisher": "example-news", "published": "2023-05-02",
                             "language": "en", "id": "header-article"}
    assert header.body == "The text.\nSecond line."
    assert header.lines == 6 and header.warnings == []


@pytest.mark.parametrize("text", [
    "Update: the SDF said on Monday that\n---\nmore text",  # a first line that is not key: value
    "title: only a key line and no separator\nThe text.",
    "---\ntitle: x\n",  # separator first: no header
    "The text.\n\ntitle: x\n---\n",  # prose before the key lines
])
def test_text_without_a_header_is_all_body(text: str) -> None:
    header = split_header(text, "a.txt")
    assert header.fields == {} and header.body == text


def test_bad_header_date_names_its_line() -> None:
    with pytest.raises(InputError) as caught:
        split_header("title: x\ndate: 21/01/2022\n---\ntext", "a.txt")
    assert str(caught.value).startswith("a.txt:line 2:") and "ISO" in str(caught.value)


def test_unknown_header_key_is_a_warning() -> None:
    header = split_header("title: x\nauthor: someone\n---\ntext", "a.txt")
    assert header.fields == {"title": "x"} and header.body == "text"
    assert len(header.warnings) == 1 and "author" in header.warnings[0]


# ---- page dump cleanup -------------------------------------------------------------------------
def test_arabic_page_dump_loses_comments_furniture_and_repeated_title() -> None:
    cleaned = clean_page_dump(AR_DUMP)
    assert cleaned.text == f"{AR_TITLE}\n\n{AR_BODY}"
    assert AR_COMMENT not in cleaned.text
    assert [note.split(" ")[0] for note in cleaned.removed] == ["comments", "repeated"]


def test_english_page_dump_keeps_comments_in_a_sentence() -> None:
    cleaned = clean_page_dump(EN_DUMP)
    assert cleaned.text == f"{EN_TITLE}\n\n{EN_BODY}"  # "said in comments to reporters" stays
    assert EN_COMMENT not in cleaned.text


def test_trailing_furniture_without_comments_is_cut() -> None:
    text = f"{EN_TITLE}\n\n{EN_BODY}\n\nRelated articles\nOne headline\nAnother one here\n"
    assert clean_page_dump(text).text == f"{EN_TITLE}\n\n{EN_BODY}"


def test_read_also_inside_the_article_stays() -> None:
    paragraph = ("The SDF said the coalition supported its offensive against ISIS " * 4).strip()
    text = f"Title\n\n{paragraph}\n\nRead also\nA related headline\n\n{paragraph}"
    assert clean_page_dump(text).text == text


def test_a_clean_article_is_unchanged() -> None:
    text = f"{EN_TITLE}\n\n{EN_BODY}"
    assert clean_page_dump(text).text == text and clean_page_dump(text).removed == []


# ---- language and files ------------------------------------------------------------------------
@pytest.mark.parametrize("text, language", [(ARABIC, "ar"), (EN_BODY, "en"), (f"{ARABIC} SDF ISIS", "ar"),
                                            ("123 456 !!!", None)])
def test_language_is_told_from_the_script(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_txt_with_header_gives_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text(HEADER + EN_BODY, encoding="utf-8")
    article = read_raw(path).article
    assert (article.id, article.title, article.publisher, article.published, article.language) == (
        "header-article", "A header title", "example-news", "2023-05-02", "en")
    assert article.text == EN_BODY


def test_options_fill_what_the_file_does_not_say(tmp_path: Path) -> None:
    path = tmp_path / "Raw Article 1.txt"
    path.write_bytes(AR_DUMP.encode("cp1256", errors="ignore"))
    found = read_raw(path, {"publisher": "example-news", "date": "2023-05-02"})
    article = found.article
    assert found.encoding == "cp1256"
    assert (article.id, article.title, article.language, article.publisher, article.published) == (
        "raw-article-1", AR_TITLE, "ar", "example-news", "2023-05-02")
    assert AR_COMMENT not in article.text


def test_saved_html_page_gives_main_text_without_comments_scripts_or_menus(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(EN_PAGE, encoding="utf-8")
    article = read_raw(path).article
    first, second = EN_BODY.split("\n\n")
    assert first in article.text and second in article.text
    for noise in (EN_COMMENT, "Iraq attacks Iran", "tracker", "Sport", "Another headline", "Copyright"):
        assert noise not in article.text
    assert (article.title, article.published, article.publisher, article.language) == (
        EN_TITLE, "2023-05-02", "Example News", "en")


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"   \n\t\n  ", "is empty"),
    ("\u200f \u00a0\n".encode("utf-8"), "no letters"),
    (b"12345 67890\n", "no letters"),
    (b"<html><head><script>var a = 1;</script></head><body></body></html>", "no article text"),
])
def test_empty_inputs_are_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / ("page.html" if content.startswith(b"<") else "empty.txt")
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        read_raw(path)
    assert "\n" not in str(caught.value)

"""Fuzzing the raw inputs of `actorgraph extract`: the .txt header parser, page cleanup and the HTML path.

As for the readers (test_fuzz_readers.py, whose hypothesis profiles apply: `ci` by default, `fuzz`
under `make fuzz`), the only outcomes allowed are a correct result or the project's own one-line
error: never a traceback or a hang.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import tests.test_fuzz_readers  # noqa: F401 - registers and loads the hypothesis profiles
from actorgraph.graph.errors import InputError
from actorgraph.ingest.extract.cleanup import clean_page_dump
from actorgraph.ingest.extract.header import KEYS, split_header
from actorgraph.ingest.extract.html import html_article
from actorgraph.ingest.extract.inputs import read_raw
from tests.extract_samples import AR_DUMP, EN_DUMP, EN_PAGE, HEADER
from tests.fuzzing import apply_plan, mutation_plans

BOUNDED = settings(max_examples=settings().max_examples)  # the profile bounds it: 150 (ci), 10,000 (fuzz)
_KEY_NAMES = [*sorted(KEYS), "author", "Title", "DATE", "x-y", "تاريخ"]
header_lines = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", st.sampled_from(_KEY_NAMES), st.text(max_size=30)),
    st.sampled_from(["---", " --- ", "----", "", "   ", "Update: the SDF said", "title:", "date: 2022-13-40"]),
    st.text(max_size=40),
)


def _one_line_error(exc: InputError, path: str) -> None:
    message = str(exc)
    assert message.startswith(path) and "\n" not in message


@BOUNDED
@given(lines=st.lists(header_lines, max_size=12), body=st.text(max_size=200))
def test_header_parser_splits_or_says_which_line(lines: list[str], body: str) -> None:
    text = "\n".join([*lines, body])
    try:
        header = split_header(text, "f.txt")
    except InputError as exc:
        _one_line_error(exc, "f.txt")
        assert exc.location.startswith("line ")
        return
    assert text.endswith(header.body)
    assert set(header.fields) <= set(KEYS.values())
    if header.lines == 0:
        assert header.fields == {} and header.body == text


@BOUNDED
@given(text=st.text(max_size=400) | st.sampled_from([AR_DUMP, EN_DUMP]).map(lambda t: t[: len(t) // 2]))
def test_cleanup_only_removes_lines(text: str) -> None:
    """What stays is the input's lines in their order (right-stripped): cleanup cuts, never rewrites."""
    kept = clean_page_dump(text).text.split("\n")
    source = iter(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert all(any(line == candidate for candidate in source) for line in kept)


def _fuzz_file(name: str, original: bytes) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="fuzz-extract-"))
    target = workdir / name

    @BOUNDED
    @given(plan=mutation_plans())
    def damaged(plan: list[tuple[int, int, int]]) -> None:
        target.write_bytes(apply_plan(original, plan))
        try:
            found = read_raw(target)
        except InputError as exc:
            _one_line_error(exc, str(target))
            return
        article = found.article
        assert article.text.strip() and article.title and re.fullmatch(r"[a-z]{2,3}", article.language)

    try:
        damaged()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def test_damaged_page_dumps_read_or_fail_in_one_line() -> None:
    _fuzz_file("dump.txt", (HEADER + AR_DUMP).encode("utf-8"))


def test_damaged_saved_pages_read_or_fail_in_one_line() -> None:
    _fuzz_file("page.html", EN_PAGE.encode("utf-8"))


@BOUNDED
@given(markup=st.lists(st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<!--", "-->",
                                        "<article>", "</article>", "<h1>", "<table><tr><td>", "&amp;", "&#x0;",
                                        "<![CDATA[", "]]>", "<style>", "<meta charset=x>", "\x00"])
                       | st.text(max_size=30), max_size=60))
def test_html_path_on_random_markup(markup: list[str]) -> None:
    try:
        text, fields = html_article("".join(markup), "p.html")
    except InputError as exc:
        _one_line_error(exc, "p.html")
        return
    assert text.strip() and all(isinstance(v, str) and v for v in fields.values())

"""Metadata sidecars: read like every other YAML in the project, errors with line:column."""
from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.graph.errors import InputError
from actorgraph.ingest.metadata import sidecar


def test_yaml_sidecar_is_read(tmp_path: Path) -> None:
    (tmp_path / "doc.meta.yaml").write_text("title: عنوان\ndate: '2022-01-21'\n", encoding="utf-8")
    assert sidecar(tmp_path / "doc.ann") == {"title": "عنوان", "published": "2022-01-21"}


def test_bad_yaml_sidecar_names_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "doc.meta.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        sidecar(tmp_path / "doc.ann")
    assert str(caught.value).startswith(f"{tmp_path / 'doc.meta.yaml'}:2:1: invalid YAML:")


def test_deeply_nested_yaml_sidecar_is_refused_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "doc.meta.yaml").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    with pytest.raises(InputError, match="nested 5000 levels deep"):
        sidecar(tmp_path / "doc.ann")

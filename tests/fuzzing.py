"""Mutations for fuzzing readers: what broken exports look like in the wild.

Each mutation takes the bytes of a valid file and returns damaged bytes: truncated JSON, flipped
or dropped bytes, invalid UTF-8, a BOM, CRLF line ends, NUL bytes, RTL marks, shifted digits
(wrong offsets), deep nesting, a huge file, a YAML alias bomb. Used by the hypothesis tests in test_fuzz_readers.py.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from hypothesis import strategies as st

Mutation = Callable[[bytes, int, int], bytes]


def truncate(data: bytes, a: int, b: int) -> bytes:
    return data[: a % max(len(data), 1)]


def flip_byte(data: bytes, a: int, b: int) -> bytes:
    if not data:
        return data
    i = a % len(data)
    return data[:i] + bytes([(data[i] ^ (b % 255 + 1)) & 0xFF]) + data[i + 1:]


def drop_slice(data: bytes, a: int, b: int) -> bytes:
    i = a % max(len(data), 1)
    return data[:i] + data[i + b % 64:]


def invalid_utf8(data: bytes, a: int, b: int) -> bytes:
    i = a % max(len(data), 1)
    return data[:i] + b"\xff\xfe\xc3" + data[i:]


def add_bom(data: bytes, a: int, b: int) -> bytes:
    return b"\xef\xbb\xbf" + data


def crlf(data: bytes, a: int, b: int) -> bytes:
    return data.replace(b"\n", b"\r\n")


def nul_bytes(data: bytes, a: int, b: int) -> bytes:
    i = a % max(len(data), 1)
    return data[:i] + b"\x00" * (1 + b % 4) + data[i:]


def rtl_marks(data: bytes, a: int, b: int) -> bytes:
    i = a % max(len(data), 1)
    mark = ("\u200f", "\u202e", "\u2067", "\u200e")[b % 4].encode("utf-8")
    return data[:i] + mark + data[i:]


_NUMBER = re.compile(rb"\d+")


def shift_offsets(data: bytes, a: int, b: int) -> bytes:
    """Change one number (offsets, ids) by a small amount: the classic wrong-offset export."""
    numbers = list(_NUMBER.finditer(data))
    if not numbers:
        return data
    match = numbers[a % len(numbers)]
    value = max(0, int(match.group()) + (b % 7) - 3)
    return data[: match.start()] + str(value).encode() + data[match.end():]


def deep_nesting(data: bytes, a: int, b: int) -> bytes:
    depth = 2000 + b % 100000
    return b"[" * depth + b"]" * depth if a % 2 else b'{"a":' * depth + b"1" + b"}" * depth


def huge(data: bytes, a: int, b: int) -> bytes:
    return data + b" " * (30 * 1024 * 1024)


def alias_bomb_lines(levels: int = 9, width: int = 9, key: str = "text") -> str:
    """YAML whose `key` stands for width**levels strings in a few hundred bytes ("billion laughs")."""
    names = [chr(ord("a") + i) for i in range(levels)]
    lines = [f"{names[0]}: &{names[0]} [{', '.join(['lol'] * width)}]"]
    lines += [f"{name}: &{name} [{', '.join(['*' + previous] * width)}]"
              for previous, name in itertools.pairwise(names)]
    return "\n".join([*lines, f"{key}: *{names[-1]}"]) + "\n"


def alias_bomb(data: bytes, a: int, b: int) -> bytes:
    """A YAML mapping with an alias bomb of 2 to 9 levels in place of the file's first lines."""
    keep = data.split(b"\n")[a % 3:]
    return alias_bomb_lines(2 + b % 8, key=f"zz{a % 7}").encode() + b"\n".join(keep)


# Append new mutations at the end: FOUND_BY_FUZZING replays plans by index.
MUTATIONS: tuple[Mutation, ...] = (truncate, flip_byte, drop_slice, invalid_utf8, add_bom, crlf, nul_bytes,
                                   rtl_marks, shift_offsets, shift_offsets, deep_nesting, alias_bomb)


def mutation_plans(max_steps: int = 3) -> st.SearchStrategy[list[tuple[int, int, int]]]:
    """Lists of (mutation index, a, b): applied in order to a valid file."""
    step = st.tuples(st.integers(0, len(MUTATIONS) - 1), st.integers(0, 2**31), st.integers(0, 2**31))
    return st.lists(step, min_size=1, max_size=max_steps)


def apply_plan(data: bytes, plan: list[tuple[int, int, int]]) -> bytes:
    for index, a, b in plan:
        data = MUTATIONS[index](data, a, b)
    return data

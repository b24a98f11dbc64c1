"""Clean a plain-text dump of a news page down to the article: no reader comments, no page furniture.

People save pages by "select all, copy, paste": the result holds the article, but also the title
twice, the reader comments and the site's lists of other stories. Comments are the dangerous part:
they are full sentences naming actors ("the Kurdish gangs and ISIS are all terrorists"), so an
extractor would turn a reader's insult into a claim of the article. The rules, in order:

1. **Comments**: everything from the first comments heading on is cut. A comments heading is a
   whole line that is only that heading, optionally with a count: "التعليقات (2)", "تعليقات
   القراء", "أضف تعليقك", "Comments", "3 Comments", "Leave a Reply", "Join the discussion". A
   whole short line, not a phrase inside a sentence, so "said in comments to Reuters" stays.
   News sites put comments after the article, so a heading is only honoured after the first
   line (a heading on the first line would leave nothing).
2. **Trailing furniture**: from a furniture heading ("الأكثر قراءة", "اقرأ أيضاً", "أهم المواضيع",
   "مواضيع ذات صلة", "Most read", "Related articles", "Read more", "Tags"...) to the end, when no
   line after it is a paragraph (>= PARAGRAPH_WORDS words): a list of headlines and links, not
   more of the article. A "read also" line inside the article, followed by paragraphs, stays.
3. **Trailing scraps**: short lines at the very end (fewer than SCRAP_WORDS words, no sentence
   punctuation): counters, share buttons, emoji section titles.
4. **Repeated title**: when the first two non-empty lines are the same (a page's <title> and its
   <h1>), the second is dropped.

Line ends are normalised to "\n" first. What was removed is reported, never silent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

PARAGRAPH_WORDS = 25
SCRAP_WORDS = 4

_COUNT = r"(?:\s*[:：]?\s*(?:[(\[（]\s*[0-9٠-٩]+\s*[)\]）]|[0-9٠-٩]+))?"
_COMMENTS = re.compile(
    r"^\W*(?:[0-9٠-٩]+\s+)?(?:"
    r"(?:ال)?تعليقات(?:\s+(?:ال)?(?:قراء|زوار|فيسبوك))?|(?:ال)?تعليق|"
    r"(?:أضف|اضف|اكتب|أكتب|اترك|أترك)\s+(?:ت|ال)?تعليق(?:ك|ا|اً|ًا)?|شارك(?:نا)?\s+(?:برأيك|رأيك)|آراء\s+القراء|"
    r"(?:reader(?:s'?)?\s+)?comments?|responses?|replies|leave\s+a\s+(?:comment|reply)|add\s+(?:a\s+)?comment|"
    r"post\s+a\s+comment|join\s+the\s+(?:discussion|conversation)|show\s+comments|what\s+do\s+you\s+think\??"
    r")" + _COUNT + r"\W*$",
    re.IGNORECASE)
_FURNITURE = re.compile(
    r"^\W*(?:"
    r"(?:ال)?أكثر\s+(?:قراءة|مشاهدة|تداولا|تداولاً)|(?:ال)?اكثر\s+(?:قراءة|مشاهدة)|"
    r"اقرأ\s+(?:أيضا|أيضاً|ايضا|ايضاً|المزيد)|إقرأ\s+(?:أيضا|أيضاً)|"
    r"أهم\s+(?:المواضيع|التصنيفات|الأخبار)|(?:مواضيع|أخبار|مقالات)\s+(?:ذات\s+صلة|متعلقة|مشابهة)|"
    r"(?:ال)?وسوم|كلمات\s+مفتاحية|تابعونا|شارك(?:\s+(?:المقال|الخبر|هذا\s+المقال))?|"
    r"most\s+(?:read|popular|viewed|shared)|related(?:\s+(?:articles?|stories|news|posts|content))?|"
    r"read\s+(?:more|also|next)|more\s+(?:from|on|stories|news)(?:\s+.*)?|tags|topics|share(?:\s+this(?:\s+\w+)?)?|"
    r"follow\s+us|trending(?:\s+now)?|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?"
    r")\W*$",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?؟。…\"»”'’)\]]\s*$")


@dataclass
class Cleaned:
    text: str
    removed: list[str] = field(default_factory=list)  # one short note per rule that removed something


def _words(line: str) -> int:
    return len(line.split())


def _cut_comments(lines: list[str], removed: list[str]) -> list[str]:
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    for i in range(first + 1, len(lines)):
        if lines[i].strip() and _words(lines[i]) <= 8 and _COMMENTS.match(lines[i].strip()):
            dropped = "\n".join(lines[i:])
            removed.append(f"comments from line {i + 1} ({len(dropped)} chars)")
            return lines[:i]
    return lines


def _cut_furniture(lines: list[str], removed: list[str]) -> list[str]:
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    last_paragraph = max((i for i, line in enumerate(lines) if _words(line) >= PARAGRAPH_WORDS), default=-1)
    for i in range(max(first + 1, last_paragraph + 1), len(lines)):
        line = lines[i].strip()
        if line and _words(line) <= 8 and _FURNITURE.match(line):
            removed.append(f"furniture from line {i + 1} ({len(lines) - i} lines)")
            return lines[:i]
    return lines


def _cut_scraps(lines: list[str], removed: list[str]) -> list[str]:
    end = len(lines)
    scraps = 0
    while end > 1:
        line = lines[end - 1].strip()
        if line and (_words(line) >= SCRAP_WORDS or _SENTENCE_END.search(line)):
            break
        scraps += bool(line)
        end -= 1
    if scraps:
        removed.append(f"{scraps} trailing scraps")
    return lines[:end]


def _drop_repeated_title(lines: list[str], removed: list[str]) -> list[str]:
    filled = [i for i, line in enumerate(lines) if line.strip()][:2]
    if len(filled) == 2 and " ".join(lines[filled[0]].split()) == " ".join(lines[filled[1]].split()):
        removed.append(f"repeated title (line {filled[1] + 1})")
        return lines[:filled[1]] + lines[filled[1] + 1:]
    return lines


def clean_page_dump(text: str) -> Cleaned:
    """The article part of a page dump (see the module docstring for the rules)."""
    removed: list[str] = []
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = _cut_comments(lines, removed)
    lines = _cut_furniture(lines, removed)
    lines = _cut_scraps(lines, removed)
    lines = _drop_repeated_title(lines, removed)
    return Cleaned("\n".join(lines).strip("\n"), removed)

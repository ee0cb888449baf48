"""Article prose out of a scraped text: site furniture dropped, header read, broken lines joined.

Scraped news text arrives with site furniture ("Related videos:", "No comments: Post a Comment",
image captions ending in " |") and with paragraphs broken mid-sentence. Both are repaired here,
once, so that everything downstream sees article prose only. What a file says about itself (a
site name in its header, a byline, a date line) is read into a `SourceMeta`.
"""

from __future__ import annotations

import re

from bot.corpus.metadata import SourceMeta, parse_header_date, parse_header_month_day

_TERMINAL = tuple('.!?:;"”’)')

_FURNITURE = re.compile(
    r"""^(?:related\ videos?:?|comments?|no\ comments?:?|post\ a\ comment|filed\ under:?.*
        |share\ this:?|advertisement|read\ more:?|\d+\ min\ read|images?\ via\ .*|photos?:?\ .*
        |.*\blicen[cs]e\ cc-by.*|tags?:.*|print|email|subscribe.*)$""",
    re.IGNORECASE | re.VERBOSE,
)
_CAPTION = re.compile(r".*\s\|$")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(\S(?:.*?\S)?)\1")
_LINK_ONLY = re.compile(r"^\s*(?:[-*]\s*)?\[[^\]]*\]\([^)]*\)\s*$")
_LEADING_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
_BYLINE = re.compile(r"^(?:written\s+by|by)\s+(.+)$", re.IGNORECASE)
_SITE = re.compile(r"^(?:[\w-]+\.)+[a-z]{2,}$|^-\s+(?:The\s+)?[A-Z][\w'’ -]{2,40}$")


def article_lines(lines: list[str]) -> list[str]:
    """Lines with markdown reduced to its text and link-only lines dropped."""
    return [_strip_markdown(line) for line in lines if not _LINK_ONLY.match(line)]


def _strip_markdown(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_EMPHASIS.sub(r"\2", line)
    return re.sub(r"^#{1,6}\s+", "", line).rstrip()



def read_header(lines: list[str], header: SourceMeta) -> list[str]:
    """Consume header lines (title, site, byline, date) and return the body lines."""
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        match = _LEADING_DATE.match(line)
        if match:
            header.date = header.date or parse_header_date(match.group(1))
            lines[index] = line[match.end():]
            break
        bare = _without_list_marker(line)
        if not line or _FURNITURE.match(bare):
            index += 1
            continue
        if len(line) > 90 or line.endswith(_TERMINAL[:3]):
            break
        byline = _BYLINE.match(bare)
        date = parse_header_date(bare)
        month_day = parse_header_month_day(bare) if date is None else None
        if date is not None:
            header.date = header.date or date
        elif month_day is not None:
            header.month_day = header.month_day or month_day
        elif byline:
            header.author = header.author or byline.group(1).split(",")[0].strip()
        elif _SITE.match(line):
            header.outlet = header.outlet or bare
        elif not header.title:
            header.title = bare
        else:
            break
        index += 1
    return lines[index:]


def _without_list_marker(line: str) -> str:
    return line.lstrip("-•* ").strip()


def _continues(previous: str, line: str) -> bool:
    """Whether `line` carries on a sentence that a line break cut.

    A short line without final punctuation followed by a capitalized one is a heading; a line of
    prose (it already holds a sentence end) that stops mid-sentence is a wrapped line.
    """
    if previous.endswith(_TERMINAL):
        return False
    return line[0].islower() or bool(re.search(r"[.!?][\"”’]?\s+[A-Z]", previous))


def paragraphs(lines: list[str]) -> list[tuple[str, bool]]:
    """(text, is_heading) blocks; lines broken mid-sentence are joined back together."""
    blocks: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if _FURNITURE.match(_without_list_marker(line)) or _CAPTION.match(line):
            continue
        if blocks and _continues(blocks[-1], line):
            blocks[-1] = f"{blocks[-1]} {line}"
        else:
            blocks.append(line)
    result: list[tuple[str, bool]] = []
    for position, block in enumerate(blocks):
        is_heading = (
            len(block) <= 90
            and not block.endswith(_TERMINAL)
            and position + 1 < len(blocks)
        )
        result.append((block, is_heading))
    return result


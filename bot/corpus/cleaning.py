"""Article prose out of a scraped text: site furniture dropped, header read, broken lines joined.

Scraped news text arrives with site furniture ("Related videos:", "No comments: Post a Comment",
photo captions and credits, bylines, "Related:" lines, share prompts) and with paragraphs broken
mid-sentence. Both are repaired here, once, so that everything downstream (passages, events,
quotations) sees article prose only. What a file says about itself (a site name in its header, a
byline, a date line, the dateline a story opens with) is read into a `SourceMeta`.
"""

from __future__ import annotations

import re

from bot.corpus.metadata import (
    _MONTH,
    SourceMeta,
    parse_header_date,
    parse_header_month_day,
)

_TERMINAL = tuple('.!?:;"”’)')

_FURNITURE = re.compile(
    r"""^(?:related\ videos?:?|comments?|no\ comments?:?|post\ a\ comment|filed\ under:?.*
        |share\ this:?|advertisement|read\ more:?|\d+\ min\ read|images?\ via\ .*|photos?:?\ .*
        |.*\blicen[cs]e\ cc-by.*|tags?:.*|print|email|subscribe.*)$""",
    re.IGNORECASE | re.VERBOSE,
)
_CAPTION = re.compile(r".*\s\|$")
# Photo credits: "(AP Photo/Jane Roe)", "(Photo: Agency)", "[Photo: Wikimedia]", "| Photo: Agency",
# "Photo credit: …", "(Getty Images)". A line ending with one is a caption and is dropped; one
# inside a line is cut out of it.
_IMAGE_WORD = r"(?:photo(?:graph)?s?|images?|pictures?|fotos?|credits?|illustrations?|video)"
_CREDIT = re.compile(
    rf"""\s*(?:\((?:[^()]*\b{_IMAGE_WORD}\b\s*[:/][^()]*|[^()]*\b(?:getty|shutterstock)\b[^()]*)\)
        |\[\s*{_IMAGE_WORD}\b[^\]]*\]
        |\|\s*{_IMAGE_WORD}\s*(?:by|:)[^|]*)""",
    re.IGNORECASE | re.VERBOSE,
)
_CAPTION_LINE = re.compile(
    rf"^(?:{_IMAGE_WORD}(?:\s+credits?)?\s*(?:by\b|:)|caption\s*:|(?:file\s+)?photo\s*\|)"
    r"(?:(?![.!?](?:\s|$)).){0,120}$",
    re.IGNORECASE,
)
# A credit some sites print before the paragraph under the photo: "Photograph: Jane Roe/Agency The
# ferry left…": the credit (it names the agency after a slash) is cut, the paragraph kept.
_LEADING_CREDIT = re.compile(
    rf"^{_IMAGE_WORD}\s*:\s*[^/.:]{{1,60}}?(?:\\?/\s*[A-Z][\w-]*(?:\s+Images)?)+\s+(?=\S)",
    re.IGNORECASE,
)
# "Related: …", "Read also: …", share and follow prompts, newsletter boxes: whole lines only.
_PROMPT = re.compile(
    r"""^(?:(?:related|see\ also|read\ also|also\ read|read\ more|more|recommended|watch
            |listen|more\ on\ this\ story|trending|don'?t\ miss)\s*:.*
        |(?:click\ to\ )?share\ (?:this|on|via)\b.{0,80}|share\ (?:this\ )?(?:article|story)\b.*
        |follow\ us\ on\b.{0,80}|(?:sign\ up|subscribe)\b.{0,120}(?:newsletter|inbox|updates).*
        |(?:tweet|pin\ it|whatsapp|telegram|facebook|twitter|linkedin|reddit|email)
            (?:\s*[|·/,]?\s*(?:tweet|pin\ it|whatsapp|telegram|facebook|twitter|linkedin|reddit
            |email|print))*)$""",
    re.IGNORECASE | re.VERBOSE,
)
# Bylines and wire trailers standing on their own line: "By Jane Roe, Agency", "BY JANE ROE",
# "(Reporting by …; Editing by …)". A line "By the end of the year, …" is prose: a byline names
# people in capitals and ends without a full stop.
_BYLINE_LINE = re.compile(
    r"""^(?i:by|written\ by|story\ by|words\ by)\s+[A-Z][\w.'’-]*
        (?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von))*
        (?:\s*[,|/–—-]\s*[^.!?]{0,60})?$
        |^\(?(?i:(?:additional\ )?(?:reporting|writing|editing)\ by)\b[^()]*\)?\.?$""",
    re.VERBOSE,
)
# A dateline opening a story: "HAVANA, Sept 29 (Agency) –", "WASHINGTON (Agency) —",
# "SAN JUAN, Puerto Rico, May 2 --". The city is in capitals and a dash ends it; the date and
# the agency are optional. The sentence after it is the story's first.
_DATELINE = re.compile(
    rf"""^(?P<city>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){{0,3}})
        (?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}})?
        (?:,?\s+(?P<date>(?i:{_MONTH})\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+(?i:{_MONTH})(?:\s+\d{{4}})?))?
        (?:\s*\((?P<agency>[^()]{{1,40}})\))?
        \s*(?P<dash>[–—]|--?)\s+(?=\S)""",
    re.VERBOSE,
)
# Markdown, with no bracket inside a link's brackets and no delimiter inside emphasis: each
# try at a "[" or "*" then stops at the next one, so a line of a thousand unclosed brackets or
# stars is read once, not once per bracket (they are never nested in scraped text anyway).
_TARGET = r"\((?:[^()\[\]]|\([^()\[\]]*\))*\)"  # an address, with one level of brackets
_MD_IMAGE = re.compile(rf"!\[[^\[\]]*\]{_TARGET}")
_MD_LINK = re.compile(rf"\[([^\[\]]*)\]{_TARGET}")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(\S(?:(?:(?!\1).)*?\S)?)\1")
_LINK_ONLY = re.compile(rf"^\s*(?:[-*]\s*)?\[[^\[\]]*\]{_TARGET}\s*$")
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
        rest = read_dateline(line, header)
        if rest is not None:
            if rest:
                lines[index] = rest
                break
            index += 1  # a dateline on a line of its own
            continue
        bare = _without_list_marker(line)
        if not line or _FURNITURE.match(bare) or _CAPTION_LINE.match(bare) or _PROMPT.match(bare):
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


def read_dateline(line: str, header: SourceMeta) -> str | None:
    """The line without the dateline it opens with (its date read into `header` when the header
    has none), "" for a dateline alone, None when the line opens with none.

    A capitalised word and a dash could be a headline ("TRADE – a new deal"): a dateline gives a
    date or an agency, or is followed by a sentence."""
    match = _DATELINE.match(line)
    if match is None:
        return None
    rest = line[match.end():].strip()
    prose = len(rest.split()) >= 6 and rest.endswith(_TERMINAL) and match.group("dash") != "-"
    if not (match.group("date") or match.group("agency") or prose):
        return None
    if match.group("date"):
        date = parse_header_date(match.group("date"))
        month_day = parse_header_month_day(match.group("date")) if date is None else None
        header.date = header.date or date
        if header.date is None:
            header.month_day = header.month_day or month_day
    return rest


def is_furniture(line: str) -> bool:
    """Whether a line (list marker and spacing removed) is site furniture, not article prose:
    a caption or photo credit, a byline, a "Related:" line, a share or newsletter prompt."""
    if (_FURNITURE.match(line) or _CAPTION.match(line) or _CAPTION_LINE.match(line)
            or _PROMPT.match(line) or _BYLINE_LINE.match(line)):
        return True
    credit = _CREDIT.search(line)
    return bool(credit and credit.end() == len(line) and len(line) <= 300)


def _without_list_marker(line: str) -> str:
    return line.lstrip("-•* ").strip()


_SENTENCE_END = re.compile(r"[.!?][\"”’]?\s+[A-Z]")


def _continues(previous: str, prose: bool, line: str) -> bool:
    """Whether `line` carries on a sentence that a line break cut, after the line `previous`
    (`prose`: whether its block already holds a sentence end).

    A short line without final punctuation followed by a capitalized one is a heading; a line of
    prose (it already holds a sentence end) that stops mid-sentence is a wrapped line.
    """
    if previous.endswith(_TERMINAL):
        return False
    return line[0].islower() or prose


def paragraphs(lines: list[str]) -> list[tuple[str, bool]]:
    """(text, is_heading) blocks; lines broken mid-sentence are joined back together.

    A block's lines are joined once it is complete, and whether it holds a sentence end is
    kept as lines join it (a line joins only a block not ending in one, so no sentence end
    spans two lines): a whole book wrapped at 72 columns is one pass, not one per line.
    """
    blocks: list[list[str]] = []
    prose = False
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if is_furniture(_without_list_marker(line)):
            continue
        line = " ".join(_CREDIT.sub("", _LEADING_CREDIT.sub("", line)).split())
        if not line:
            continue
        if blocks and _continues(blocks[-1][-1], prose, line):
            blocks[-1].append(line)
        else:
            blocks.append([line])
            prose = False
        prose = prose or _SENTENCE_END.search(line) is not None
    result: list[tuple[str, bool]] = []
    for position, lines_of_block in enumerate(blocks):
        block = " ".join(lines_of_block)
        is_heading = (
            len(block) <= 90
            and not block.endswith(_TERMINAL)
            and position + 1 < len(blocks)
        )
        result.append((block, is_heading))
    return result

"""A small but faithful fake of the Telegram Bot API HTTP server, for end-to-end tests.

Why: handler unit tests with mocked ``Bot`` objects cannot catch the bugs that matter most in a
chat bot -- HTML Telegram refuses to parse, messages over the length limit, callback data that is
too long, a ``CommandHandler`` that never fires because the update lacks its ``bot_command``
entity. This fake speaks the real wire protocol, so the *real* python-telegram-bot ``Application``
(polling) and ``Bot`` talk to it unchanged::

    with FakeBotApi() as fake:
        app = Application.builder().token(fake.token).base_url(fake.base_url).build()
        ...
        fake.push_message("/start")
        call = await fake.wait_for("sendMessage")

PTB builds request URLs as ``f"{base_url}{token}/{method}"`` (``base_url`` may also contain a
``{token}`` placeholder), so ``base_url`` is ``http://127.0.0.1:PORT/bot``. PTB sends parameters
``application/x-www-form-urlencoded`` -- ``str`` values raw, everything else (ints, bools, lists,
dicts) JSON-dumped -- and ``multipart/form-data`` with the same fields when it uploads files.
JSON bodies and query strings are accepted as well, like the real server does.

Only the standard library is used for the server: a ``ThreadingHTTPServer`` in a daemon thread.
All test-side helpers are thread-safe; ``wait_for`` is a coroutine for async tests.

Deliberate deviations from the live server (documented so nobody is surprised):

* With ``strict_entities=True`` (default) a ``&`` that does not start a supported HTML entity
  (``&lt; &gt; &amp; &quot;`` or numeric) is rejected, as the Bot API documentation demands.
  The live server leniently shows such a stray ``&`` literally; pass ``strict_entities=False``
  for exactly that behaviour.
* ``Markdown``/``MarkdownV2`` texts are accepted but not parsed (``plain_text`` is the raw text).
* ``sendPhoto`` uploads must look like an image (PNG/JPEG/GIF/WEBP/BMP magic bytes), otherwise
  ``IMAGE_PROCESS_FAILED`` -- like Telegram, which really decodes the picture.
* Unknown numeric chat ids are accepted (a private chat for positive ids, a group/supergroup for
  negative ones) instead of ``chat not found``, so tests need not register chats first.
* Long polls are capped at ``long_poll_cap`` (2 s) so stopping an ``Application`` is fast.
* A group has no creator or administrators until a test names them with ``set_admins``:
  ``getChatMember`` answers ``member`` for everyone else, ``getChatAdministrators`` the list.

Files users send: ``push_document`` stores the file and sends it as a document message;
``getFile`` answers its ``file_path`` (or ``file is too big`` over 20 MB, the limit for bots on
the live server; ``invalid file_id`` for an unknown one), and ``GET /file/bot<token>/<file_path>``
gives its bytes, as ``base_file_url`` (``http://127.0.0.1:PORT/file/bot``) expects.

Faults a live server has, injected per method: ``fail_next`` (the next calls answer an error:
a burst of 5xx), ``fail_for`` (every call for some seconds: a sustained 429 with
``retry_after``), ``delay_next`` (the call is done, its answer comes late: a slow Bot API),
``drop_next`` (the connection closes before anything is done: a network error). Garbage button
presses: ``push_callback_query`` with any data, none, or on no message (an inline one).
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import re
import struct
import threading
import time
import traceback
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, cast
from urllib.parse import parse_qsl, unquote, urlsplit

from telegram.ext import Application

__all__ = [
    "CONTENT_SAMPLES",
    "Call",
    "FakeBotApi",
    "HtmlParseError",
    "InlineAnswer",
    "UploadedFile",
    "parse_html",
    "utf16_len",
]

JSON = dict[str, Any]

MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64

# What users send besides text, as Telegram delivers it (``push_message(content=...)``).
CONTENT_SAMPLES: dict[str, JSON] = {
    "photo": {"photo": [{"file_id": "AgAD-photo", "file_unique_id": "AQ-p", "width": 90,
                         "height": 60}]},
    "sticker": {"sticker": {"file_id": "CAAD-sticker", "file_unique_id": "AQ-s",
                            "type": "regular", "width": 512, "height": 512,
                            "is_animated": False, "is_video": False, "emoji": "🙂"}},
    "location": {"location": {"latitude": 23.1136, "longitude": -82.3666}},
    "voice": {"voice": {"file_id": "AwAD-voice", "file_unique_id": "AQ-v", "duration": 3}},
    "contact": {"contact": {"phone_number": "+10000000000", "first_name": "Bob"}},
    "dice": {"dice": {"emoji": "🎲", "value": 4}},
    "document": {"document": {"file_id": "BQAD-doc", "file_unique_id": "AQ-d",
                              "file_name": "notes.pdf", "mime_type": "application/pdf"}},
}


# --------------------------------------------------------------------------------------------
# Telegram's HTML dialect
# --------------------------------------------------------------------------------------------


class HtmlParseError(ValueError):
    """Raised by :func:`parse_html`; the message mimics tdlib's wording."""


# tdlib's is_space(); used for tag tokenising and for trimming the resulting text.
_SPACES = " \t\r\n\v\f\0"

_ALLOWED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
        "tg-spoiler", "span", "pre", "code", "blockquote",
    }
)  # fmt: skip

_TAG_ENTITY_TYPE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: how Telegram counts lengths and entity offsets."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _byte_offset(text: str, pos: int) -> int:
    """tdlib reports error positions as UTF-8 byte offsets into the original text."""
    return len(text[:pos].encode("utf-8", "surrogatepass"))


def _decode_entity(text: str, pos: int) -> tuple[str | None, int]:
    """Decode the HTML entity at ``text[pos] == '&'`` exactly like tdlib (';' is optional).

    Returns ``(None, pos)`` when it is not a supported entity.
    """
    n = len(text)
    end = pos + 1
    if end < n and text[end] == "#":
        end += 1
        value = 0
        if end < n and text[end] == "x":
            end += 1
            while end < n and text[end] in "0123456789abcdefABCDEF":
                value = value * 16 + int(text[end], 16)
                end += 1
                if value >= 0x10FFFF:
                    return None, pos
        else:
            while end < n and text[end] in "0123456789":
                value = value * 10 + int(text[end])
                end += 1
                if value >= 0x10FFFF:
                    return None, pos
        if value == 0 or end - pos >= 10:
            return None, pos
        decoded = chr(value)
    else:
        while end < n and text[end].isascii() and text[end].isalpha():
            end += 1
        named = _NAMED_ENTITIES.get(text[pos + 1 : end])
        if named is None:
            return None, pos
        decoded = named
    if end < n and text[end] == ";":
        end += 1
    return decoded, end


def _entity_snippet(text: str, pos: int) -> str:
    match = re.match(r"&[#\w]{0,10};?", text[pos:])
    return match.group(0) if match else "&"


@dataclass
class _OpenTag:
    name: str
    argument: str
    offset: int
    expandable: bool


def _is_valid_link(url: str) -> bool:
    """Rough version of tdlib's link check: a scheme it knows, or a bare domain."""
    if re.match(r"(?i)^(https?|tg|ton)://", url):
        parts = urlsplit(url)
        return bool(parts.netloc) or parts.scheme.lower() in ("tg", "ton")
    return re.match(r"(?i)^[a-z0-9.-]+\.[a-z]{2,}(/|$|\?|#|:)", url) is not None


def parse_html(text: str, *, strict_entities: bool = True) -> tuple[str, list[JSON]]:
    """Parse Telegram-flavoured HTML into ``(plain_text, entities)`` or raise HtmlParseError.

    Follows tdlib's ``parse_html`` (tag tokenising, error wording, byte offsets) so a text the
    fake accepts is a text Telegram accepts. Offsets/lengths of entities are UTF-16 units. The
    result is trimmed of leading/trailing whitespace the way Telegram trims message texts.
    """
    out: list[str] = []
    u16 = 0
    n = len(text)
    entities: list[JSON] = []
    code_languages: dict[int, str] = {}  # id(code entity) -> language, for <pre><code class>
    stack: list[_OpenTag] = []
    i = 0

    def error(message: str) -> HtmlParseError:
        return HtmlParseError(message)

    def entity_at(pos: int) -> tuple[str, int]:
        decoded, end = _decode_entity(text, pos)
        if decoded is None:
            if strict_entities:
                raise error(
                    f'Unsupported HTML entity "{_entity_snippet(text, pos)}" at byte offset '
                    f"{_byte_offset(text, pos)}; escape a literal '&' as &amp;"
                )
            return "&", pos + 1
        return decoded, end

    while i < n:
        ch = text[i]
        if ch == "&":
            decoded, i = entity_at(i)
            out.append(decoded)
            u16 += utf16_len(decoded)
            continue
        if ch != "<":
            out.append(ch)
            u16 += 2 if ord(ch) > 0xFFFF else 1
            i += 1
            continue

        begin = i
        begin_bytes = _byte_offset(text, begin)
        if i + 1 < n and text[i + 1] == "/":
            # ---- end tag
            if not stack:
                raise error(f"Unexpected end tag at byte offset {begin_bytes}")
            j = i + 2
            while j < n and text[j] not in _SPACES and text[j] != ">":
                j += 1
            end_name = text[i + 2 : j]
            while j < n and text[j] in _SPACES:
                j += 1
            if j >= n or text[j] != ">":
                raise error(f"Unclosed end tag at byte offset {begin_bytes}")
            tag = stack[-1]
            if end_name and end_name.lower() != tag.name:
                raise error(
                    f"Unmatched end tag at byte offset {begin_bytes}, expected "
                    f'"</{tag.name}>", found "</{end_name}>"'
                )
            stack.pop()
            length = u16 - tag.offset
            if length > 0:
                _close_entity(tag, length, out, entities, code_languages)
            i = j + 1
            continue

        # ---- start tag
        j = i + 1
        while j < n and text[j] not in _SPACES and text[j] != ">":
            j += 1
        if j >= n:
            raise error(f"Unclosed start tag at byte offset {begin_bytes}")
        name = text[i + 1 : j].lower()
        if name not in _ALLOWED_TAGS:
            raise error(f'Unsupported start tag "{name}" at byte offset {begin_bytes}')
        argument = ""
        expandable = False
        while True:
            while j < n and text[j] in _SPACES:
                j += 1
            if j >= n:
                raise error(f"Unclosed start tag at byte offset {begin_bytes}")
            if text[j] == ">":
                break
            attr_begin = j
            while j < n and text[j] not in _SPACES and text[j] not in "=>":
                j += 1
            attr = text[attr_begin:j].lower()
            if not attr:
                raise error(
                    f'Empty attribute name in the tag "{name}" at byte offset {begin_bytes}'
                )
            while j < n and text[j] in _SPACES:
                j += 1
            if j >= n:
                raise error(f"Unclosed start tag at byte offset {begin_bytes}")
            if text[j] != "=":
                if name == "blockquote" and attr == "expandable":
                    expandable = True
                continue
            j += 1
            while j < n and text[j] in _SPACES:
                j += 1
            if j >= n:
                raise error(f"Unclosed start tag at byte offset {begin_bytes}")
            if text[j] not in "'\"":
                token_begin = j
                while j < n and ((text[j].isascii() and text[j].isalnum()) or text[j] in ".-"):
                    j += 1
                value = text[token_begin:j].lower()
                if j >= n:
                    raise error(f"Unclosed start tag at byte offset {begin_bytes}")
                if text[j] not in _SPACES and text[j] != ">":
                    raise error(
                        "Unexpected end of name token at byte offset "
                        f"{_byte_offset(text, token_begin)}"
                    )
            else:
                quote = text[j]
                j += 1
                chars: list[str] = []
                while j < n and text[j] != quote:
                    if text[j] == "&":
                        decoded, j = entity_at(j)
                        chars.append(decoded)
                    else:
                        chars.append(text[j])
                        j += 1
                if j >= n:
                    raise error(f"Unclosed start tag at byte offset {begin_bytes}")
                j += 1
                value = "".join(chars)
            if name == "a" and attr == "href":
                argument = value
            elif name == "code" and attr == "class" and value.startswith("language-"):
                argument = value[len("language-") :]
            elif name == "span" and attr == "class" and value.startswith("tg-"):
                argument = value[len("tg-") :]
        if name == "span" and argument != "spoiler":
            raise error(f'Tag "span" must have class "tg-spoiler" at byte offset {begin_bytes}')
        stack.append(_OpenTag(name, argument, u16, expandable))
        i = j + 1

    if stack:
        raise error(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    return _trim("".join(out), entities)


def _close_entity(
    tag: _OpenTag,
    length: int,
    out: list[str],
    entities: list[JSON],
    code_languages: dict[int, str],
) -> None:
    """Turn a closed tag into a MessageEntity dict (or nothing, as tdlib does for bad links)."""
    entity: JSON = {"offset": tag.offset, "length": length}
    if tag.name == "a":
        url = tag.argument
        if not url:
            # <a> without href: tdlib uses the enclosed text as the URL.
            inner: list[str] = []
            remaining = length
            for ch in reversed(out):
                if remaining <= 0:
                    break
                inner.append(ch)
                remaining -= 2 if ord(ch) > 0xFFFF else 1
            url = "".join(reversed(inner))
        if not _is_valid_link(url):
            return  # Telegram silently drops links it does not understand
        if "://" not in url:
            url = "http://" + url
        entity.update(type="text_link", url=url)
    elif tag.name == "pre":
        last = entities[-1] if entities else None
        if (
            last is not None
            and last["type"] == "code"
            and last["offset"] == tag.offset
            and last["length"] == length
            and id(last) in code_languages
        ):
            last.update(type="pre", language=code_languages.pop(id(last)))
            return
        entity["type"] = "pre"
    elif tag.name == "blockquote":
        entity["type"] = "expandable_blockquote" if tag.expandable else "blockquote"
    else:
        entity["type"] = _TAG_ENTITY_TYPE[tag.name]
    entities.append(entity)
    if tag.name == "code" and tag.argument:
        code_languages[id(entity)] = tag.argument


def _trim(text: str, entities: list[JSON]) -> tuple[str, list[JSON]]:
    """Strip leading/trailing whitespace like Telegram and clip the entities accordingly."""
    stripped = text.strip(_SPACES)
    if stripped == text:
        return text, sorted(entities, key=lambda e: (e["offset"], -e["length"]))
    lead = utf16_len(text[: len(text) - len(text.lstrip(_SPACES))])
    end = lead + utf16_len(stripped)
    clipped: list[JSON] = []
    for entity in entities:
        start = max(entity["offset"], lead)
        stop = min(entity["offset"] + entity["length"], end)
        if stop > start:
            clipped.append({**entity, "offset": start - lead, "length": stop - start})
    return stripped, sorted(clipped, key=lambda e: (e["offset"], -e["length"]))


# --------------------------------------------------------------------------------------------
# Recorded calls and request decoding
# --------------------------------------------------------------------------------------------


@dataclass
class UploadedFile:
    """A file part of a multipart request (e.g. the ``photo`` of sendPhoto)."""

    name: str
    filename: str | None
    content_type: str | None
    data: bytes = field(repr=False)

    @property
    def size(self) -> int:
        """Number of bytes uploaded."""
        return len(self.data)


@dataclass
class Call:
    """One request the fake received, successful or rejected.

    ``params`` holds the decoded parameters (JSON-encoded values decoded; uploaded files as
    :class:`UploadedFile`). For sendMessage/editMessageText (and captions of sendPhoto)
    ``html`` is the raw text as sent and ``plain_text`` the text after entity parsing, which is
    what a user would see. ``ok`` is False for rejected calls, with ``error_code`` and
    ``description`` as returned to the client.
    """

    method: str
    params: dict[str, Any]
    plain_text: str | None = None
    html: str | None = None
    files: dict[str, UploadedFile] = field(default_factory=dict)
    ok: bool = True
    error_code: int | None = None
    description: str | None = None
    result: Any = None
    seq: int = -1

    def summary(self) -> str:
        """One line for assertion messages."""
        status = "ok" if self.ok else f"FAILED {self.error_code}: {self.description}"
        shown = {
            key: (value if not isinstance(value, str) or len(value) <= 80 else value[:77] + "...")
            for key, value in self.params.items()
        }
        return f"#{self.seq} {self.method} [{status}] {shown}"


class _ApiError(Exception):
    """An error response of the Bot API: ``{"ok": false, "error_code", "description"}``."""

    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


@dataclass
class _Failure:
    code: int
    description: str
    retry_after: int | None
    remaining: int
    until: float | None = None  # time.monotonic() until which every call fails


class _Dropped(Exception):
    """The connection is closed without an answer: the client sees a network error."""


# Parameters Telegram treats as strings: never JSON-decode them ("123" must stay "123").
_STRING_FIELDS = frozenset(
    {
        "text", "caption", "parse_mode", "callback_query_id", "inline_message_id", "action",
        "language_code", "url", "description", "short_description", "name", "title", "emoji",
        "question", "explanation", "business_connection_id", "message_effect_id", "photo",
        "document", "video", "audio", "animation", "voice", "sticker", "thumbnail",
        "secret_token", "ip_address", "query", "custom_title", "first_name", "last_name",
        "phone_number", "address", "payload", "currency", "start_parameter",
        "inline_query_id", "next_offset",
    }
)  # fmt: skip

# Parameters that are JSON objects/arrays even inside a JSON body they may arrive as strings.
_JSON_FIELDS = frozenset(
    {
        "reply_markup", "reply_parameters", "entities", "caption_entities", "commands",
        "scope", "link_preview_options", "allowed_updates", "media",
        "results", "button",
    }
)  # fmt: skip


def _decode_value(key: str, value: str) -> Any:
    """Undo PTB's encoding: raw strings stay strings, everything else was JSON-dumped."""
    if key in _STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


_HEADER_PARAM = re.compile(r';\s*([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))')


def _header_params(value: str) -> dict[str, str]:
    return {
        m.group(1).lower(): (m.group(2) if m.group(2) is not None else m.group(3))
        for m in _HEADER_PARAM.finditer(value)
    }


def _parse_multipart(body: bytes, content_type: str) -> tuple[dict[str, str], list[UploadedFile]]:
    """Minimal, byte-exact multipart/form-data parser (``cgi`` is gone in 3.13)."""
    boundary = _header_params(content_type).get("boundary")
    if not boundary:
        raise _ApiError(400, "Bad Request: multipart boundary is missing")
    fields: dict[str, str] = {}
    files: list[UploadedFile] = []
    for part in body.split(b"--" + boundary.encode("latin-1"))[1:]:
        if part.startswith(b"--"):
            break
        part = part.removeprefix(b"\r\n").removesuffix(b"\r\n")
        head, _, content = part.partition(b"\r\n\r\n")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        disposition = _header_params(headers.get("content-disposition", ""))
        name = disposition.get("name")
        if name is None:
            continue
        if "filename" in disposition or "filename*" in disposition:
            files.append(
                UploadedFile(
                    name=name,
                    filename=disposition.get("filename"),
                    content_type=headers.get("content-type"),
                    data=content,
                )
            )
        else:
            fields[name] = content.decode("utf-8")
    return fields, files


def _decode_request(
    query: str, content_type: str, body: bytes
) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Decode query string + form/multipart/JSON body into one parameter dict."""
    params: dict[str, Any] = {
        key: _decode_value(key, value) for key, value in parse_qsl(query, keep_blank_values=True)
    }
    files: dict[str, UploadedFile] = {}
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime == "application/json":
        try:
            data = json.loads(body or b"{}")
        except ValueError as exc:
            raise _ApiError(400, "Bad Request: can't parse JSON encoded request") from exc
        if not isinstance(data, dict):
            raise _ApiError(400, "Bad Request: JSON object expected as request body")
        for key, value in data.items():
            if key in _JSON_FIELDS and isinstance(value, str):
                value = _decode_value(key, value)
            params[key] = value
    elif mime == "application/x-www-form-urlencoded":
        for key, value in parse_qsl(body.decode("utf-8"), keep_blank_values=True):
            params[key] = _decode_value(key, value)
    elif mime == "multipart/form-data":
        fields, uploads = _parse_multipart(body, content_type)
        for key, value in fields.items():
            params[key] = _decode_value(key, value)
        for upload in uploads:
            files[upload.name] = upload
            params.setdefault(upload.name, upload)
        for key, value in list(params.items()):  # resolve attach://<name> references
            if isinstance(value, str) and value.startswith("attach://"):
                attached = files.get(value[len("attach://") :])
                if attached is not None:
                    params[key] = attached
    return params, files


def _image_size(data: bytes) -> tuple[int, int] | None:
    """Width/height of PNG, GIF, BMP, JPEG; WEBP is recognised but not measured."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"BM") and len(data) >= 26:
        width, height = struct.unpack("<ii", data[18:26])
        return abs(int(width)), abs(int(height))
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return 512, 512
    if data.startswith(b"\xff\xd8"):
        pos = 2
        while pos + 9 <= len(data):
            if data[pos] != 0xFF:
                pos += 1
                continue
            marker = data[pos + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
                pos += 1 if marker == 0xFF else 2
                continue
            (seg_len,) = struct.unpack(">H", data[pos + 2 : pos + 4])
            if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD):
                height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
                return int(width), int(height)
            pos += 2 + seg_len
        return 1280, 720
    return None


_BOT_COMMAND = re.compile(
    r"(?<![A-Za-z0-9_/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_/<>@])"
)

_CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice",
        "upload_voice", "upload_document", "choose_sticker", "find_location",
        "record_video_note", "upload_video_note",
    }
)  # fmt: skip

_BUTTON_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
)  # fmt: skip

# Update kinds Telegram only delivers when explicitly listed in allowed_updates.
_OPT_IN_UPDATES = ("chat_member", "message_reaction", "message_reaction_count")

_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")


def _as_int(value: Any, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise _ApiError(400, f"Bad Request: invalid integer value {value!r}") from exc


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)


# --------------------------------------------------------------------------------------------
# Inline mode: limits and the record of an answer (the methods are at the end of FakeBotApi)
# --------------------------------------------------------------------------------------------

MAX_INLINE_RESULTS = 50
MAX_INLINE_QUERY_LENGTH = 256
MAX_NEXT_OFFSET_BYTES = 64
_START_PARAMETER = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_INLINE_RESULT_TYPES = frozenset(
    {
        "article", "photo", "gif", "mpeg4_gif", "video", "audio", "voice", "document",
        "location", "venue", "contact", "game", "sticker",
    }
)  # fmt: skip


@dataclass
class InlineAnswer:
    """An accepted answerInlineQuery: the results as sent, and each result's message as the
    user would see it after sending it (``texts``, plain text after parsing; ``htmls`` raw)."""

    query_id: str
    results: list[JSON]
    texts: list[str]
    htmls: list[str]
    next_offset: str
    cache_time: int
    is_personal: bool
    button: JSON | None


def _suffix(file_name: str) -> str:
    """The file's extension, as Telegram keeps it in a file_path ("" if odd)."""
    match = re.search(r"\.[A-Za-z0-9]{1,8}$", file_name)
    return match.group(0).lower() if match else ""


# --------------------------------------------------------------------------------------------
# HTTP plumbing
# --------------------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeBotApi

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients cancelling long polls (PTB does on stop) are normal; stay quiet."""


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.0 + Connection: close: no keep-alive sockets survive stop().
    protocol_version = "HTTP/1.0"
    server_version = "nginx"
    sys_version = ""

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the per-request stderr logging of BaseHTTPRequestHandler."""

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _handle(self, verb: str) -> None:
        fake = cast(_Server, self.server).fake
        if self.path.startswith("/file/"):
            self._send_file(fake)
            return
        try:
            body = self._read_body()
        except (OSError, ValueError):
            return
        status, payload, delay = fake._handle_http(
            self.path, self.headers.get("Content-Type", ""), body
        )
        if payload is None:  # a dropped connection: no answer at all
            self.close_connection = True
            return
        if delay:
            time.sleep(delay)
        data = json.dumps(payload).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client gave up (e.g. a cancelled long poll)


    def _send_file(self, fake: FakeBotApi) -> None:
        """A file's bytes, as Telegram's file server gives them (404 for anything else)."""
        data = fake._file_bytes(self.path)
        try:
            if data is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass


# --------------------------------------------------------------------------------------------
# The fake
# --------------------------------------------------------------------------------------------


class FakeBotApi:
    """Fake Telegram Bot API server on 127.0.0.1 with test-side helpers.

    Use as a context manager or via :meth:`start`/:meth:`stop`. Thread-safe: the HTTP server
    runs in daemon threads while tests (usually async) push updates and inspect calls.
    """

    METHODS = (
        "getMe", "deleteWebhook", "getUpdates", "sendMessage", "editMessageText",
        "answerCallbackQuery", "setMyCommands", "getMyCommands", "deleteMyCommands",
        "sendPhoto", "sendChatAction", "getChatMember", "getChatAdministrators", "close",
        "logOut", "answerInlineQuery", "getFile",
    )  # fmt: skip
    DOWNLOAD_LIMIT = 20 * 1024 * 1024  # the largest file a bot may download (getFile)

    def __init__(
        self,
        token: str = "123456:TEST-token",
        *,
        long_poll_cap: float = 2.0,
        strict_entities: bool = True,
    ) -> None:
        self.token = token
        self.long_poll_cap = long_poll_cap
        self.strict_entities = strict_entities
        self.bot_id = 4242
        self.bot_first_name = "NewsBot"
        self.bot_username = "newsbot_test_bot"
        self.default_user_id = 1001
        #: Tracebacks of exceptions inside the fake itself (answered with HTTP 500).
        self.internal_errors: list[str] = []

        self._cond = threading.Condition(threading.RLock())
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._closing = False

        self._calls: list[Call] = []
        self._consumed: set[int] = set()
        self._updates: list[JSON] = []
        self._next_update_id = 100_001
        self._allowed_updates: list[str] = []
        self._chats: dict[int, JSON] = {}
        self._users: dict[int, JSON] = {}
        self._messages: dict[tuple[int, int], JSON] = {}
        self._last_message_id: dict[int, int] = {}
        self._callback_queries: dict[str, bool] = {}  # id -> answered
        self._callback_ids = itertools.count(4_000_000_000_000_000_001)
        self._commands: dict[tuple[str, str], list[JSON]] = {}
        self._failures: dict[str, list[_Failure]] = {}
        self._delays: dict[str, list[list[float]]] = {}  # method -> [[seconds, times left]]
        self._drops: dict[str, int] = {}  # method -> connections still to drop
        self._file_ids: dict[str, int] = {}
        self._files: dict[str, tuple[str, bytes | int]] = {}  # file_id -> (path, data or size)
        self._admins: dict[int, tuple[int | None, list[int]]] = {}  # chat -> (owner, admins)
        self._inline_queries: dict[str, InlineAnswer | None] = {}  # id -> answer (inline mode)

        self._handlers: dict[str, Callable[[Call], Any]] = {
            "getMe": lambda call: self.bot_user,
            "deleteWebhook": self._delete_webhook,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendPhoto": self._send_photo,
            "sendChatAction": self._send_chat_action,
            "getChatMember": self._get_chat_member,
            "getChatAdministrators": self._get_chat_administrators,
            "close": lambda call: True,
            "logOut": lambda call: True,
            "answerInlineQuery": self._answer_inline_query,  # inline mode, see below
            "getFile": self._get_file,
        }
        # Telegram matches method names case-insensitively.
        self._canonical = {name.lower(): name for name in self._handlers}

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> FakeBotApi:
        """Bind 127.0.0.1 on a free port and serve in a daemon thread."""
        if self._server is not None:
            return self
        self._closing = False
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.01},
            name="FakeBotApi",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; wakes pending long polls so nothing lingers."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound port (only while running)."""
        if self._server is None:
            raise RuntimeError("FakeBotApi is not running; call start() first")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """Pass to ``Bot(base_url=...)``/``ApplicationBuilder.base_url``; PTB appends the token."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """For symmetry with PTB's ``base_file_url`` (file downloads are not implemented)."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    @property
    def bot_user(self) -> JSON:
        """The getMe result."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _bot_from(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    # ---------------------------------------------------------------- test-side API

    @property
    def calls(self) -> list[Call]:
        """Snapshot of every request received so far, in completion order."""
        with self._cond:
            return list(self._calls)

    def calls_of(self, method: str) -> list[Call]:
        """All calls (successful or rejected) of one method."""
        name = self._canonical.get(method.lower(), method)
        with self._cond:
            return [call for call in self._calls if call.method == name]

    def sent_texts(self, chat_id: int | str) -> list[str]:
        """Plain texts (after HTML parsing) of successful sendMessage calls to ``chat_id``."""
        with self._cond:
            return [
                call.plain_text or ""
                for call in self._calls
                if call.method == "sendMessage"
                and call.ok
                and isinstance(call.result, dict)
                and (call.result["chat"]["id"] == chat_id or call.params.get("chat_id") == chat_id)
            ]

    def message(self, chat_id: int, message_id: int) -> JSON | None:
        """The current state of a stored message (user or bot), or None."""
        with self._cond:
            stored = self._messages.get((chat_id, message_id))
            return copy.deepcopy(stored) if stored is not None else None

    def commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        """The command list set via setMyCommands for a scope/language."""
        with self._cond:
            return copy.deepcopy(self._commands.get(self._commands_key(scope, language_code), []))

    @property
    def pending_updates(self) -> list[JSON]:
        """Updates not yet confirmed by a getUpdates offset."""
        with self._cond:
            return copy.deepcopy(self._updates)

    def fail_next(
        self,
        method: str,
        error_code: int = 400,
        description: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail with this error.

        A 429 carries ``"parameters": {"retry_after": N}`` (default N=1), which PTB turns
        into ``telegram.error.RetryAfter``.
        """
        if error_code == 429 and retry_after is None:
            retry_after = 1
        if description is None:
            description = {
                400: "Bad Request: injected failure",
                401: "Unauthorized",
                403: "Forbidden: bot was blocked by the user",
                404: "Not Found",
                409: "Conflict: terminated by other getUpdates request",
                429: f"Too Many Requests: retry after {retry_after}",
            }.get(error_code, "Internal Server Error")
        with self._cond:
            self._failures.setdefault(method.lower(), []).append(
                _Failure(error_code, description, retry_after, times)
            )

    def fail_for(
        self,
        method: str,
        seconds: float,
        error_code: int = 429,
        description: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        """Make every call of ``method`` fail with this error for the next ``seconds``: a
        sustained flood limit (429 with ``retry_after``, default 1) or outage (5xx)."""
        self.fail_next(method, error_code, description, retry_after, times=1)
        with self._cond:
            self._failures[method.lower()][-1].until = time.monotonic() + seconds

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` ``seconds`` late. The call is done (a
        message is sent) before the wait, as when Telegram is slow to reply: a client that
        gives up early does not know it went through."""
        with self._cond:
            self._delays.setdefault(method.lower(), []).append([seconds, times])

    def drop_next(self, method: str, times: int = 1) -> None:
        """Close the connection of the next ``times`` calls of ``method`` without an answer and
        without doing them: the client sees a network error."""
        with self._cond:
            self._drops[method.lower()] = self._drops.get(method.lower(), 0) + times

    @property
    def unanswered_callback_queries(self) -> list[str]:
        """Ids of button presses the bot never answered (the user's spinner keeps turning)."""
        with self._cond:
            return [query for query, answered in self._callback_queries.items() if not answered]

    def set_admins(self, chat_id: int, admins: list[int], owner: int | None = None) -> None:
        """Name a group's creator and administrators, for getChatMember/getChatAdministrators."""
        with self._cond:
            self._admins[chat_id] = (owner, [a for a in admins if a != owner])

    def push_update(self, update: JSON) -> JSON:
        """Queue a raw Update dict (an ``update_id`` is assigned if missing)."""
        with self._cond:
            update = copy.deepcopy(update)
            if "update_id" not in update:
                update["update_id"] = self._next_update_id
            self._next_update_id = max(self._next_update_id, update["update_id"]) + 1
            self._updates.append(update)
            self._cond.notify_all()
            return copy.deepcopy(update)

    def push_message(
        self,
        text: str,
        chat_id: int | None = None,
        chat_type: str = "private",
        user_id: int = 1001,
        first_name: str = "Alice",
        message_id: int | None = None,
        *,
        username: str | None = None,
        title: str | None = None,
        reply_to_message_id: int | None = None,
        content: JSON | None = None,
        language_code: str = "en",
    ) -> JSON:
        """Queue an Update with a user's text Message, as Telegram would deliver it.

        With ``content`` (e.g. one of ``CONTENT_SAMPLES``) the message carries that instead of
        a text, and ``text``, if any, as its caption.

        Commands get ``bot_command`` entities (the one at offset 0 is what PTB's
        CommandHandler needs), covering an ``@botname`` suffix too. Private chats default to
        ``chat_id == user_id``; group chats get a title. Returns the message dict.
        """
        if chat_type not in ("private", "group", "supergroup"):
            raise ValueError(f"unsupported chat_type {chat_type!r}")
        if chat_id is None:
            chat_id = {"private": user_id, "group": -100_001, "supergroup": -1_001_000_000_001}[
                chat_type
            ]
        user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        user["language_code"] = language_code  # as the user's Telegram app is set
        if chat_type == "private":
            chat: JSON = {"id": chat_id, "first_name": first_name, "type": "private"}
            if username:
                chat["username"] = username
        else:
            chat = {"id": chat_id, "title": title or "Test Group", "type": chat_type}
        entities = [
            {
                "offset": utf16_len(text[: match.start()]),
                "length": utf16_len(match.group(0)),
                "type": "bot_command",
            }
            for match in _BOT_COMMAND.finditer(text)
        ]
        with self._cond:
            self._users[user_id] = user
            self._chats[chat_id] = chat
            if message_id is None:
                message_id = self._next_message_id(chat_id)
            else:
                self._last_message_id[chat_id] = max(
                    self._last_message_id.get(chat_id, 0), message_id
                )
            message: JSON = {
                "message_id": message_id,
                "from": dict(user),
                "chat": dict(chat),
                "date": int(time.time()),
                "text": text,
            }
            if entities:
                message["entities"] = entities
            if content is not None:
                del message["text"]
                message.pop("entities", None)
                message.update(copy.deepcopy(content))
                if text:
                    message["caption"] = text
            if reply_to_message_id is not None:
                target = self._messages.get((chat_id, reply_to_message_id))
                if target is None:
                    raise KeyError(f"no message {reply_to_message_id} in chat {chat_id}")
                message["reply_to_message"] = self._without_reply(target)
            self._messages[(chat_id, message_id)] = message
            self.push_update({"message": message})
            return copy.deepcopy(message)

    def push_document(
        self, file_name: str, data: bytes | int, mime_type: str = "application/octet-stream",
        caption: str = "", **message: Any,
    ) -> JSON:
        """Queue a message carrying a document, as a user sends a file: `data` is its bytes, or
        only its size (a file too big to be downloaded need not be made). Returns the message."""
        file_id = "BQACAgIAAxkBAAI" + uuid.uuid4().hex
        size = data if isinstance(data, int) else len(data)
        with self._cond:
            self._files[file_id] = (f"documents/file_{len(self._files)}{_suffix(file_name)}",
                                    data)
        document = {"file_id": file_id, "file_unique_id": "AgAD" + uuid.uuid4().hex[:12],
                    "file_name": file_name, "mime_type": mime_type, "file_size": size}
        return self.push_message(caption, content={"document": document}, **message)

    def _get_file(self, call: Call) -> JSON:
        file_id = call.params.get("file_id")
        with self._cond:
            if not isinstance(file_id, str) or file_id not in self._files:
                raise _ApiError(400, "Bad Request: invalid file_id")
            path, data = self._files[file_id]
        size = data if isinstance(data, int) else len(data)
        if size > self.DOWNLOAD_LIMIT:
            raise _ApiError(400, "Bad Request: file is too big")
        return {"file_id": file_id, "file_unique_id": "AgAD" + file_id[-12:], "file_size": size,
                "file_path": path}

    def _file_bytes(self, path: str) -> bytes | None:
        """The bytes of the file at `/file/bot<token>/<file_path>`, if there is one."""
        prefix = f"/file/bot{self.token}/"
        path = unquote(urlsplit(path).path)
        if not path.startswith(prefix):
            return None
        with self._cond:
            for file_path, data in self._files.values():
                if file_path == path[len(prefix):] and isinstance(data, bytes):
                    return data
        return None

    def push_callback_query(
        self, chat_id: int, message_id: int | None, data: str | None, user_id: int | None = None
    ) -> str:
        """Queue a button press on a stored (bot) message; returns the callback query id.

        With ``message_id=None`` the press comes from an inline message (no message, only an
        ``inline_message_id``); with ``data=None`` it carries a game's short name instead."""
        with self._cond:
            message = self._messages.get((chat_id, message_id)) if message_id is not None else None
            if message is None and message_id is not None:
                raise KeyError(f"no stored message {message_id} in chat {chat_id}")
            if user_id is None:
                chat = self._chats.get(chat_id, {})
                user_id = chat_id if chat.get("type") == "private" else self.default_user_id
            user = self._users.get(user_id) or {
                "id": user_id,
                "is_bot": False,
                "first_name": "User",
            }
            query_id = str(next(self._callback_ids))
            self._callback_queries[query_id] = False
            query: JSON = {
                "id": query_id,
                "from": dict(user),
                "chat_instance": str(abs(hash((chat_id, self.bot_id))) % 10**18),
            }
            if message is not None:
                query["message"] = copy.deepcopy(message)
            else:
                query["inline_message_id"] = f"AAAA{query_id}"
            if data is not None:
                query["data"] = data
            else:
                query["game_short_name"] = "game"
            self.push_update({"callback_query": query})
            return query_id

    async def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 10.0,
        *,
        include_failed: bool = False,
    ) -> Call:
        """Wait for the next not-yet-consumed call of ``method`` matching ``predicate``.

        Rejected calls are skipped unless ``include_failed``; on timeout the AssertionError
        lists every recorded call (rejections included), which usually explains the failure.
        """
        name = self._canonical.get(method.lower(), method)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            with self._cond:
                for call in self._calls:
                    if call.seq in self._consumed or call.method != name:
                        continue
                    if not call.ok and not include_failed:
                        continue
                    if predicate is not None and not predicate(call):
                        continue
                    self._consumed.add(call.seq)
                    return call
            if loop.time() >= deadline:
                raise AssertionError(self._describe_timeout(name, timeout))
            await asyncio.sleep(0.01)

    def _describe_timeout(self, method: str, timeout: float) -> str:
        with self._cond:
            calls = list(self._calls)
        polls = sum(1 for call in calls if call.method == "getUpdates" and call.ok)
        lines = [call.summary() for call in calls if not (call.method == "getUpdates" and call.ok)]
        listing = "\n  ".join(lines) if lines else "(none)"
        errors = "\n".join(self.internal_errors)
        return (
            f"timed out after {timeout}s waiting for a {method} call\n"
            f"recorded calls ({polls} successful getUpdates omitted):\n  {listing}"
            + (f"\nfake internal errors:\n{errors}" if errors else "")
        )

    # ---------------------------------------------------------------- request handling

    def _handle_http(
        self, path: str, content_type: str, body: bytes
    ) -> tuple[int, JSON | None, float]:
        """Route one HTTP request; returns (status, JSON payload or None to drop the
        connection, seconds to wait before answering). Records a Call."""
        parts = urlsplit(path)
        call = Call(method="?", params={})
        payload: JSON | None
        try:
            if not parts.path.startswith("/bot"):
                raise _ApiError(404, "Not Found")
            token, _, raw_method = parts.path[len("/bot") :].partition("/")
            call.method = raw_method
            if token != self.token:
                raise _ApiError(401, "Unauthorized")
            call.params, call.files = _decode_request(parts.query, content_type, body)
            name = self._canonical.get(raw_method.lower())
            if name is None:
                raise _ApiError(404, "Not Found: method not found")
            call.method = name
            self._maybe_drop(name)
            self._maybe_fail(name)
            call.result = self._handlers[name](call)
            status, payload = 200, {"ok": True, "result": call.result}
        except _Dropped:
            call.ok, call.description = False, "connection dropped"
            status, payload = 0, None
        except _ApiError as exc:
            call.ok, call.error_code, call.description = False, exc.code, exc.description
            status, payload = exc.code, exc.payload()
        except Exception as exc:
            self.internal_errors.append(traceback.format_exc())
            description = f"Internal Server Error: fake raised {exc!r}"
            call.ok, call.error_code, call.description = False, 500, description
            status, payload = 500, {"ok": False, "error_code": 500, "description": description}
        with self._cond:
            call.seq = len(self._calls)
            self._calls.append(call)
            self._cond.notify_all()
        return status, payload, self._delay(call.method)

    def _maybe_drop(self, method: str) -> None:
        with self._cond:
            if self._drops.get(method.lower(), 0) > 0:
                self._drops[method.lower()] -= 1
                raise _Dropped

    def _delay(self, method: str) -> float:
        with self._cond:
            queue = self._delays.get(method.lower())
            if not queue:
                return 0.0
            seconds, times = queue[0]
            queue[0][1] = times - 1
            if times <= 1:
                queue.pop(0)
            return seconds

    def _maybe_fail(self, method: str) -> None:
        with self._cond:
            queue = self._failures.get(method.lower())
            while queue and queue[0].until is not None and queue[0].until < time.monotonic():
                queue.pop(0)
            if not queue:
                return
            failure = queue[0]
            if failure.until is None:
                failure.remaining -= 1
                if failure.remaining <= 0:
                    queue.pop(0)
        params = {"retry_after": failure.retry_after} if failure.retry_after is not None else None
        raise _ApiError(failure.code, failure.description, params)

    # ---------------------------------------------------------------- helpers (lock held)

    def _next_message_id(self, chat_id: int) -> int:
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    @staticmethod
    def _without_reply(message: JSON) -> JSON:
        nested = copy.deepcopy(message)
        nested.pop("reply_to_message", None)
        return nested

    def _resolve_chat(self, chat_id: Any) -> JSON:
        if chat_id is None or chat_id == "":
            raise _ApiError(400, "Bad Request: chat_id is empty")
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            for candidate in self._chats.values():
                if candidate.get("username", "").lower() == chat_id[1:].lower():
                    return candidate
            raise _ApiError(400, "Bad Request: chat not found")
        if isinstance(chat_id, bool) or not isinstance(chat_id, int):
            raise _ApiError(400, "Bad Request: chat not found")
        known = self._chats.get(chat_id)
        if known is not None:
            return known
        if chat_id > 0:
            chat: JSON = {"id": chat_id, "first_name": "User", "type": "private"}
        elif chat_id <= -1_000_000_000_000:
            chat = {"id": chat_id, "title": "Test Supergroup", "type": "supergroup"}
        else:
            chat = {"id": chat_id, "title": "Test Group", "type": "group"}
        self._chats[chat_id] = chat
        return chat

    def _render(
        self, call: Call, text: Any, parse_mode: Any, entities: Any, *, caption: bool
    ) -> tuple[str, list[JSON]]:
        """Parse a text/caption like Telegram and enforce the length limits."""
        text = "" if text is None else str(text)
        call.html = text
        mode = str(parse_mode or "").lower()
        if entities:
            if not isinstance(entities, list):
                raise _ApiError(400, "Bad Request: can't parse entities JSON object")
            plain, parsed = text, [dict(e) for e in entities if isinstance(e, dict)]
        elif mode == "html":
            try:
                plain, parsed = parse_html(text, strict_entities=self.strict_entities)
            except HtmlParseError as exc:
                raise _ApiError(400, f"Bad Request: can't parse entities: {exc}") from exc
        elif mode in ("", "markdown", "markdownv2"):
            plain, parsed = text, []
        else:
            raise _ApiError(400, "Bad Request: unsupported parse_mode")
        plain, parsed = _trim(plain, parsed)
        call.plain_text = plain
        length = utf16_len(plain)
        if caption:
            if length > MAX_CAPTION_LENGTH:
                raise _ApiError(400, "Bad Request: message caption is too long")
        elif length == 0:
            raise _ApiError(400, "Bad Request: message text is empty")
        elif length > MAX_MESSAGE_LENGTH:
            raise _ApiError(400, "Bad Request: message is too long")
        return plain, parsed

    def _check_markup(self, markup: Any) -> JSON | None:
        """Validate reply_markup; returns what Telegram echoes (inline keyboards only)."""
        if markup is None or markup == "":
            return None
        if not isinstance(markup, dict):
            raise _ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return None
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _ApiError(
                400,
                'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be '
                "an Array of Arrays",
            )
        for row in rows:
            for button in row:
                self._check_button(button)
        return copy.deepcopy(markup)

    @staticmethod
    def _check_button(button: Any) -> None:
        prefix = "Bad Request: can't parse inline keyboard button: "
        if not isinstance(button, dict):
            raise _ApiError(400, prefix + "InlineKeyboardButton must be an Object")
        if not isinstance(button.get("text"), str):
            raise _ApiError(400, prefix + 'Field "text" must be of type String')
        if "callback_data" in button:
            data = button["callback_data"]
            if not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES:
                raise _ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        elif "url" in button:
            url = button["url"]
            if not isinstance(url, str) or not _is_valid_link(url):
                raise _ApiError(
                    400,
                    f"Bad Request: inline keyboard button URL '{url}' is invalid: Wrong HTTP URL",
                )
        elif not any(key in button for key in _BUTTON_ACTIONS):
            raise _ApiError(400, prefix + "Text buttons are unallowed in the inline keyboard")

    def _reply_target(self, chat_id: int, params: dict[str, Any]) -> JSON | None:
        reply_parameters = params.get("reply_parameters")
        allow_without = _as_bool(params.get("allow_sending_without_reply", False))
        target_id = params.get("reply_to_message_id")
        target_chat = chat_id
        if reply_parameters is not None:
            if not isinstance(reply_parameters, dict):
                raise _ApiError(400, "Bad Request: can't parse reply parameters JSON object")
            target_id = reply_parameters.get("message_id")
            allow_without = _as_bool(reply_parameters.get("allow_sending_without_reply", False))
            if reply_parameters.get("chat_id") is not None:
                target_chat = self._resolve_chat(reply_parameters["chat_id"])["id"]
        if target_id is None:
            return None
        target = self._messages.get((target_chat, _as_int(target_id, 0)))
        if target is None:
            if allow_without:
                return None
            raise _ApiError(400, "Bad Request: message to be replied not found")
        return self._without_reply(target)

    def _new_message(self, chat: JSON, params: dict[str, Any]) -> JSON:
        reply_to = self._reply_target(chat["id"], params)
        message: JSON = {
            "message_id": self._next_message_id(chat["id"]),
            "from": self._bot_from(),
            "chat": dict(chat),
            "date": int(time.time()),
        }
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return message

    @staticmethod
    def _commands_key(scope: Any, language_code: Any) -> tuple[str, str]:
        scope = scope if isinstance(scope, dict) else {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(language_code or "")

    # ---------------------------------------------------------------- Bot API methods

    def _delete_webhook(self, call: Call) -> bool:
        if _as_bool(call.params.get("drop_pending_updates", False)):
            with self._cond:
                self._updates.clear()
        return True

    def _get_updates(self, call: Call) -> list[JSON]:
        """Long poll: block up to min(timeout, long_poll_cap), wake on push_*()."""
        params = call.params
        offset = _as_int(params.get("offset"), 0)
        limit = min(max(_as_int(params.get("limit"), 100), 1), 100)
        try:
            timeout = max(0.0, min(float(params.get("timeout") or 0), self.long_poll_cap))
        except (TypeError, ValueError) as exc:
            raise _ApiError(400, "Bad Request: invalid timeout") from exc
        deadline = time.monotonic() + timeout
        with self._cond:
            if offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            elif offset < 0:
                self._updates = self._updates[offset:]
            allowed = params.get("allowed_updates")
            if isinstance(allowed, list):
                self._allowed_updates = [str(kind) for kind in allowed]
            while True:
                batch = [u for u in self._updates if self._is_allowed(u)][:limit]
                remaining = deadline - time.monotonic()
                if batch or self._closing or remaining <= 0:
                    return copy.deepcopy(batch)
                self._cond.wait(remaining)

    def _is_allowed(self, update: JSON) -> bool:
        if not self._allowed_updates:
            return not any(key in update for key in _OPT_IN_UPDATES)
        return any(key in update for key in self._allowed_updates)

    def _send_message(self, call: Call) -> JSON:
        params = call.params
        with self._cond:
            chat = self._resolve_chat(params.get("chat_id"))
            plain, entities = self._render(
                call, params.get("text"), params.get("parse_mode"), params.get("entities"),
                caption=False,
            )  # fmt: skip
            markup = self._check_markup(params.get("reply_markup"))
            message = self._new_message(chat, params)
            message["text"] = plain
            if entities:
                message["entities"] = entities
            if isinstance(params.get("link_preview_options"), dict):
                message["link_preview_options"] = params["link_preview_options"]
            if markup is not None:
                message["reply_markup"] = markup
            self._messages[(chat["id"], message["message_id"])] = message
            return copy.deepcopy(message)

    def _edit_message_text(self, call: Call) -> JSON | bool:
        params = call.params
        with self._cond:
            if params.get("inline_message_id"):
                self._render(
                    call, params.get("text"), params.get("parse_mode"), params.get("entities"),
                    caption=False,
                )  # fmt: skip
                self._check_markup(params.get("reply_markup"))
                return True
            chat = self._resolve_chat(params.get("chat_id"))
            if params.get("message_id") is None:
                raise _ApiError(400, "Bad Request: message identifier is not specified")
            message = self._messages.get((chat["id"], _as_int(params["message_id"], 0)))
            if message is None:
                raise _ApiError(400, "Bad Request: message to edit not found")
            if message["from"]["id"] != self.bot_id:
                raise _ApiError(400, "Bad Request: message can't be edited")
            if "text" not in message:
                raise _ApiError(400, "Bad Request: there is no text in the message to edit")
            plain, entities = self._render(
                call, params.get("text"), params.get("parse_mode"), params.get("entities"),
                caption=False,
            )  # fmt: skip
            # Omitting reply_markup removes an existing inline keyboard, as on Telegram.
            markup = self._check_markup(params.get("reply_markup"))
            if (
                plain == message["text"]
                and entities == message.get("entities", [])
                and markup == message.get("reply_markup")
            ):
                raise _ApiError(
                    400,
                    "Bad Request: message is not modified: specified new message content and "
                    "reply markup are exactly the same as a current content and reply markup "
                    "of the message",
                )
            message["text"] = plain
            message.pop("entities", None)
            message.pop("reply_markup", None)
            if entities:
                message["entities"] = entities
            if markup is not None:
                message["reply_markup"] = markup
            message["edit_date"] = int(time.time())
            return copy.deepcopy(message)

    def _answer_callback_query(self, call: Call) -> bool:
        query_id = str(call.params.get("callback_query_id") or "")
        with self._cond:
            if self._callback_queries.get(query_id, True):
                raise _ApiError(
                    400,
                    "Bad Request: query is too old and response timeout expired or query ID is "
                    "invalid",
                )
            self._callback_queries[query_id] = True
        return True

    def _set_my_commands(self, call: Call) -> bool:
        commands = call.params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _ApiError(400, "Bad Request: can't parse commands JSON object")
        cleaned: list[JSON] = []
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND_NAME.match(
                str(command.get("command", ""))
            ):
                raise _ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            description = command.get("description")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise _ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": command["command"], "description": description})
        key = self._commands_key(call.params.get("scope"), call.params.get("language_code"))
        with self._cond:
            if cleaned:
                self._commands[key] = cleaned
            else:
                self._commands.pop(key, None)
        return True

    def _get_my_commands(self, call: Call) -> list[JSON]:
        key = self._commands_key(call.params.get("scope"), call.params.get("language_code"))
        with self._cond:
            return copy.deepcopy(self._commands.get(key, []))

    def _delete_my_commands(self, call: Call) -> bool:
        key = self._commands_key(call.params.get("scope"), call.params.get("language_code"))
        with self._cond:
            self._commands.pop(key, None)
        return True

    def _send_photo(self, call: Call) -> JSON:
        params = call.params
        with self._cond:
            chat = self._resolve_chat(params.get("chat_id"))
            photo = params.get("photo")
            width, height = 1280, 720
            if isinstance(photo, UploadedFile):
                if photo.size == 0:
                    raise _ApiError(400, "Bad Request: file must be non-empty")
                dims = _image_size(photo.data)
                if dims is None:
                    raise _ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
                width, height = dims
                size: int | None = photo.size
            elif isinstance(photo, str) and photo in self._file_ids:
                size = self._file_ids[photo]
            elif isinstance(photo, str) and re.match(r"(?i)^https?://", photo):
                size = None  # no internet: pretend Telegram fetched it
            elif photo:
                raise _ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
            else:
                raise _ApiError(400, "Bad Request: there is no photo in the request")
            caption_plain, caption_entities = "", list[JSON]()
            if params.get("caption") not in (None, ""):
                caption_plain, caption_entities = self._render(
                    call, params.get("caption"), params.get("parse_mode"),
                    params.get("caption_entities"), caption=True,
                )  # fmt: skip
            markup = self._check_markup(params.get("reply_markup"))
            message = self._new_message(chat, params)
            file_id = "AgACAgIAAxkBAAI" + uuid.uuid4().hex
            if size is not None:
                self._file_ids[file_id] = size
            photo_size: JSON = {
                "file_id": file_id,
                "file_unique_id": "AQAD" + uuid.uuid4().hex[:12],
                "width": width,
                "height": height,
            }
            if size is not None:
                photo_size["file_size"] = size
            message["photo"] = [photo_size]
            if caption_plain:
                message["caption"] = caption_plain
                if caption_entities:
                    message["caption_entities"] = caption_entities
            if markup is not None:
                message["reply_markup"] = markup
            self._messages[(chat["id"], message["message_id"])] = message
            return copy.deepcopy(message)

    def _send_chat_action(self, call: Call) -> bool:
        with self._cond:
            self._resolve_chat(call.params.get("chat_id"))
        if call.params.get("action") not in _CHAT_ACTIONS:
            raise _ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    def _member(self, chat_id: int, user_id: int) -> JSON:
        """A ChatMember as Telegram sends it: creator, administrator or plain member."""
        owner, admins = self._admins.get(chat_id, (None, []))
        user = self._users.get(user_id) or {"id": user_id, "is_bot": False, "first_name": "User"}
        if user_id == owner:
            return {"status": "creator", "user": dict(user), "is_anonymous": False}
        if user_id in admins:
            rights = ("can_manage_chat", "can_delete_messages", "can_manage_video_chats",
                      "can_restrict_members", "can_change_info", "can_invite_users",
                      "can_post_stories", "can_edit_stories", "can_delete_stories")
            return {"status": "administrator", "user": dict(user), "can_be_edited": False,
                    "is_anonymous": False, "can_promote_members": False,
                    **dict.fromkeys(rights, True)}
        return {"status": "member", "user": dict(user)}

    def _get_chat_member(self, call: Call) -> JSON:
        with self._cond:
            chat = self._resolve_chat(call.params.get("chat_id"))
            user_id = call.params.get("user_id")
            if isinstance(user_id, bool) or not isinstance(user_id, int):
                raise _ApiError(400, "Bad Request: invalid user_id specified")
            return self._member(chat["id"], user_id)

    def _get_chat_administrators(self, call: Call) -> list[JSON]:
        with self._cond:
            chat = self._resolve_chat(call.params.get("chat_id"))
            if chat["type"] == "private":
                raise _ApiError(400, "Bad Request: there are no administrators in the private "
                                     "chat")
            owner, admins = self._admins.get(chat["id"], (None, []))
            ids = ([owner] if owner is not None else []) + admins
            return [self._member(chat["id"], user_id) for user_id in ids]


    # ============================================================================================
    # Inline mode: inline queries pushed as a user typing "@bot words", and answerInlineQuery
    # checked like Telegram checks it. (Kept in one part of the file; the rest of the class only
    # registers the method and holds `_inline_queries`.)
    # ============================================================================================

    def push_inline_query(
        self,
        query: str,
        offset: str = "",
        user_id: int = 1001,
        first_name: str = "Alice",
        chat_type: str = "sender",
        language_code: str = "en",
    ) -> str:
        """Queue an Update with an InlineQuery, as Telegram sends one when a user types
        "@botname query" (``offset`` as the bot gave it in ``next_offset``, when scrolling).
        ``chat_type`` is where the user types: "sender" (their chat with the bot), "private",
        "group", "supergroup" or "channel". Returns the query id to answer."""
        if utf16_len(query) > MAX_INLINE_QUERY_LENGTH:
            raise ValueError("Telegram never sends inline queries over 256 characters")
        user = self._users.get(user_id) or {
            "id": user_id, "is_bot": False, "first_name": first_name,
        }  # fmt: skip
        user = {**user, "language_code": language_code}  # as the user's Telegram app is set
        with self._cond:
            self._users[user_id] = user
            query_id = str(next(self._callback_ids))
            self._inline_queries[query_id] = None
            self.push_update(
                {
                    "inline_query": {
                        "id": query_id,
                        "from": dict(user),
                        "query": query,
                        "offset": offset,
                        "chat_type": chat_type,
                    }
                }
            )
        return query_id

    def inline_answer(self, query_id: str) -> InlineAnswer | None:
        """The accepted answer to an inline query, or None while it has none."""
        with self._cond:
            return copy.deepcopy(self._inline_queries.get(query_id))

    async def wait_for_inline_answer(self, query_id: str, timeout: float = 10.0) -> InlineAnswer:
        """Wait until the bot's answerInlineQuery for ``query_id`` is accepted; a rejected one
        fails the wait with the reason (Telegram would have shown the user nothing)."""
        call = await self.wait_for(
            "answerInlineQuery",
            lambda c: str(c.params.get("inline_query_id")) == query_id,
            timeout,
            include_failed=True,
        )
        if not call.ok:
            raise AssertionError(f"answerInlineQuery rejected: {call.description}")
        answer = self.inline_answer(query_id)
        assert answer is not None
        return answer

    def _answer_inline_query(self, call: Call) -> bool:
        params = call.params
        query_id = str(params.get("inline_query_id") or "")
        results = params.get("results")
        if not isinstance(results, list):
            raise _ApiError(400, "Bad Request: can't parse inline query results JSON object")
        if len(results) > MAX_INLINE_RESULTS:
            raise _ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        next_offset = str(params.get("next_offset") or "")
        if len(next_offset.encode()) > MAX_NEXT_OFFSET_BYTES:
            raise _ApiError(400, "Bad Request: NEXT_OFFSET_INVALID")
        cache_time = params.get("cache_time", 300)
        if isinstance(cache_time, bool) or not isinstance(cache_time, int) or cache_time < 0:
            raise _ApiError(400, "Bad Request: invalid cache_time specified")
        button = params.get("button")
        if button is not None:
            self._check_inline_button(button)
        texts, htmls, ids = [], [], set()
        for result in results:
            if not isinstance(result, dict):
                raise _ApiError(400, "Bad Request: can't parse InlineQueryResult JSON object")
            result_id = result.get("id")
            if not isinstance(result_id, str) or not 1 <= len(result_id.encode()) <= 64:
                raise _ApiError(400, "Bad Request: RESULT_ID_INVALID")
            if result_id in ids:
                raise _ApiError(400, "Bad Request: RESULT_ID_DUPLICATE")
            ids.add(result_id)
            plain, html = self._check_inline_result(call, result)
            texts.append(plain)
            htmls.append(html)
        with self._cond:
            if query_id not in self._inline_queries or self._inline_queries[query_id]:
                raise _ApiError(
                    400,
                    "Bad Request: query is too old and response timeout expired or query ID is "
                    "invalid",
                )
            self._inline_queries[query_id] = InlineAnswer(
                query_id=query_id,
                results=copy.deepcopy(results),
                texts=texts,
                htmls=htmls,
                next_offset=next_offset,
                cache_time=cache_time,
                is_personal=_as_bool(params.get("is_personal", False)),
                button=copy.deepcopy(button),
            )
        call.plain_text = call.html = None  # one text per result: see InlineAnswer
        return True

    def _check_inline_result(self, call: Call, result: JSON) -> tuple[str, str]:
        """Check one result like Telegram; returns its message's (plain text, raw text), or
        ("", "") for a result that sends no text."""
        kind = result.get("type")
        if kind not in _INLINE_RESULT_TYPES:
            raise _ApiError(400, "Bad Request: RESULT_TYPE_INVALID")
        if kind == "article" and not str(result.get("title") or "").strip():
            raise _ApiError(400, "Bad Request: RESULT_TITLE_EMPTY")
        for key in ("description", "url", "thumbnail_url"):
            if key in result and not isinstance(result[key], str):
                raise _ApiError(400, f'Bad Request: field "{key}" must be of type String')
        self._check_markup(result.get("reply_markup"))
        content = result.get("input_message_content")
        if content is None:
            if kind == "article":
                raise _ApiError(400, "Bad Request: MESSAGE_EMPTY")
            return "", ""
        if not isinstance(content, dict):
            raise _ApiError(400, "Bad Request: can't parse InputMessageContent JSON object")
        if "message_text" not in content:
            return "", ""  # a location, venue, contact or invoice: not checked here
        text = content.get("message_text")
        if not isinstance(text, str) or not text.strip():
            raise _ApiError(400, "Bad Request: MESSAGE_EMPTY")
        try:
            plain, _ = self._render(
                call, text, content.get("parse_mode"), content.get("entities"), caption=False
            )
        except _ApiError as error:  # inline results name the errors of sendMessage so
            if "too long" in error.description:
                raise _ApiError(400, "Bad Request: MESSAGE_TOO_LONG") from error
            if "is empty" in error.description:
                raise _ApiError(400, "Bad Request: MESSAGE_EMPTY") from error
            raise
        return plain, text

    @staticmethod
    def _check_inline_button(button: Any) -> None:
        if not isinstance(button, dict):
            raise _ApiError(400, "Bad Request: can't parse InlineQueryResultsButton JSON object")
        if not isinstance(button.get("text"), str) or not button["text"].strip():
            raise _ApiError(400, "Bad Request: BUTTON_TEXT_INVALID")
        if "web_app" in button:
            return
        parameter = button.get("start_parameter")
        if not isinstance(parameter, str) or not _START_PARAMETER.match(parameter):
            raise _ApiError(400, "Bad Request: START_PARAM_INVALID")

    # ============================================================================================
    # end of inline mode
    # ============================================================================================


AnyApplication = Application[Any, Any, Any, Any, Any, Any]


@asynccontextmanager
async def polling(
    application: AnyApplication, allowed_updates: list[str] | None = None
) -> AsyncIterator[AnyApplication]:
    """Run a real Application against the fake the way `run_polling` does, `post_init` included
    (and the kinds of update it asks for, when given), and always stop it, so a failing test
    cannot leave a poller behind."""
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(
        poll_interval=0.0, timeout=1, allowed_updates=allowed_updates
    )
    try:
        yield application
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()

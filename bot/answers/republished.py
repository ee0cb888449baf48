"""Who else carried an article: a wire story republished by several sites is kept once (the
near-duplicates of bot/ingest/duplicates.py), and every answer that names its outlet names the
others too ("AP, carried by ExBulletin, …"), whatever the command.

One pass over the finished answer, so that no command has to remember it: every item that names
an article (`doc_id`) or an outlet's articles (`doc_ids`) and has a `republished_by` field gets
the outlets that carried them, in the order they were found.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any


def note_republished(item: Any, carriers: Mapping[str, list[str]]) -> None:
    """Fill `republished_by` throughout the answer `item` (nothing to do when no article was
    republished)."""
    if not carriers or not dataclasses.is_dataclass(item):
        return
    if hasattr(item, "republished_by"):
        ids = getattr(item, "doc_ids", None) or [getattr(item, "doc_id", "")]
        found = [outlet for doc_id in ids for outlet in carriers.get(doc_id, ())]
        own = getattr(item, "outlet", "")
        item.republished_by = [o for o in dict.fromkeys(found) if o != own]
    for part in dataclasses.fields(item):
        value = getattr(item, part.name)
        for inner in value if isinstance(value, list) else (value,):
            note_republished(inner, carriers)

"""The bot's own words when there is no answer to show: usage, nothing found, weak evidence,
nothing in the chat's outlets, an unknown command.

Every notice that can suggests a query known to work on this corpus (`Library.examples`).
"""

from __future__ import annotations

from bot.answers.library import Library
from bot.answers.scope import Scope
from bot.answers.types import Notice
from bot.commands import BY_NAME, N_
from bot.i18n import tr
from bot.retrieval.coverage import Coverage
from bot.text import fold, query_terms

# What was not found, by what the command looks for.
NOTHING = {
    "passages": N_("No passages in the corpus for “{query}”."),
    "dated events": N_("No dated events in the corpus for “{query}”."),
    "dated events at all": N_("No dated events at all in the corpus."),
    "quotations": N_("No quotations in the corpus for “{query}”."),
    "coverage": N_("No coverage in the corpus for “{query}”."),
}


def usage(library: Library, command: str) -> Notice:
    spec = BY_NAME[command]
    example = library.examples.get(command) or spec.example
    return Notice(
        command, "", kind="usage",
        message=tr("{summary}. Usage: {usage}", summary=tr(spec.summary), usage=tr(spec.usage)),
        suggestions=[f"/{command} {example}"],
    )


def not_found(library: Library, command: str, query: str, what: str) -> Notice:
    # Any corpus word finds passages; timelines and quotes need a topic known to work.
    picks = (list(library.examples.values()) if command in ("search", "sources", "compare")
             else [])
    picks.insert(0, library.examples.get(command, ""))
    picks = [q for q in dict.fromkeys(picks) if q and fold(q) != fold(query)]
    return Notice(
        command, query, kind="not_found",
        message=tr(NOTHING[what], query=query),
        suggestions=[f"/{command} {q}" for q in picks][:3],
    )


def out_of_scope(command: str, query: str) -> Notice:
    """Other outlets have something, but none this chat includes."""
    message = (tr("Nothing from the outlets this chat includes on “{query}”. /settings changes "
                  "which outlets.", query=query) if query else
               tr("Nothing from the outlets this chat includes. /settings changes which "
                  "outlets."))
    return Notice(command, query, kind="not_found", message=message)


def weak_evidence(library: Library, command: str, query: str, coverage: Coverage,
                  scope: Scope) -> Notice:
    """Say plainly that the corpus hardly covers a topic, rather than summarize noise."""
    notice = not_found(library, command, query, "coverage")
    if coverage.touched:
        notice.kind = "weak_evidence"
        notice.message = tr("{weakness}, so I won't summarize passing mentions.",
                            weakness=hardly_covers(query, coverage, scope))
    return notice


def hardly_covers(query: str, coverage: Coverage, scope: Scope) -> str:
    """"The corpus hardly covers “q”: <why>", of the chat's outlets when it leaves some out."""
    if scope.excluded:
        return tr("The outlets this chat includes hardly cover “{query}”: {why}", query=query,
                  why=_weakness(query, coverage))
    return tr("The corpus hardly covers “{query}”: {why}", query=query,
              why=_weakness(query, coverage))


def _weakness(query: str, coverage: Coverage) -> str:
    """Why no passage covers the query: the words no article has, or that never meet."""
    absent = [w for w in dict.fromkeys(query.split())
              if (t := query_terms(w)) and not set(t) & coverage.found_terms]
    return (tr("no article mentions {words}", words=", ".join(f"“{w}”" for w in absent))
            if absent else tr("its words hardly ever come together in one passage"))


def unknown_command(raw_command: str) -> Notice:
    return Notice(
        "unknown", raw_command, kind="unknown_command",
        message=tr("I don't know /{command}. Try /help for what I can do.",
                   command=raw_command),
    )

from bot.commands import parse_inline_query, parse_message


def test_plain_text_is_a_search() -> None:
    parsed = parse_message("  blockade of Cuba ")
    assert (parsed.command, parsed.args) == ("search", "blockade of Cuba")


def test_command_with_bot_name_and_arguments() -> None:
    parsed = parse_message("/Quote@newsbot_test_bot  Xi Jinping")
    assert (parsed.command, parsed.args, parsed.addressed_to) == (
        "quote", "Xi Jinping", "newsbot_test_bot")


def test_unknown_command_is_flagged() -> None:
    parsed = parse_message("/frobnicate now")
    assert parsed.command == "" and parsed.raw_command == "frobnicate"


def test_inline_queries_are_searches_unless_they_name_an_inline_command() -> None:
    read = {text: (p.command, p.args) for text in (
        "  blockade of  Cuba ", "timeline 1960s", "Quote Xi Jinping", "/sources blockade",
        "/sources@newsbot_test_bot", "quotes from Xi", "/compare Xi", "/frobnicate", "")
        for p in [parse_inline_query(text)]}
    assert read == {
        "  blockade of  Cuba ": ("search", "blockade of Cuba"),
        "timeline 1960s": ("timeline", "1960s"),
        "Quote Xi Jinping": ("quote", "Xi Jinping"),
        "/sources blockade": ("sources", "blockade"),
        "/sources@newsbot_test_bot": ("sources", ""),
        "quotes from Xi": ("search", "quotes from Xi"),
        "/compare Xi": ("compare", "Xi"),  # not offered inline: the caller says so
        "/frobnicate": ("", ""),
        "": ("search", ""),
    }

from bot.commands import parse_message


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

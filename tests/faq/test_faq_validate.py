import pytest

from bot.errors import InvalidInput
from bot.faq import validate as v


@pytest.mark.parametrize("raw", ["a", "A-b_9", "x" * 64, "  Mixed Case  "])
def test_valid_names_are_folded_to_lower_case(raw):
    assert v.check_key(raw) == "-".join(raw.strip().lower().split())


def test_name_of_65_characters_is_rejected_with_the_limit():
    with pytest.raises(InvalidInput, match="at most 64"):
        v.check_key("x" * 65)


@pytest.mark.parametrize("raw", ["", "   ", "\x00"])
def test_empty_name_is_rejected(raw):
    with pytest.raises(InvalidInput, match="empty"):
        v.check_key(raw)


@pytest.mark.parametrize("raw", ["a.b", "a/b", "naïve", "\u0430bc", "a'b", "a;drop"])
def test_name_outside_ascii_letters_digits_dash_underscore_is_rejected(raw):
    with pytest.raises(InvalidInput, match="may only use"):
        v.check_key(raw)


def test_fullwidth_letters_fold_to_ascii():
    assert v.check_key("\uff41\uff42\uff43") == "abc"


@pytest.mark.parametrize("word", sorted(v.RESERVED))
def test_every_subcommand_name_is_reserved(word):
    with pytest.raises(InvalidInput, match="subcommand"):
        v.check_key(word.upper())


def test_ten_aliases_pass_and_eleven_fail():
    assert len(v.check_aliases([f"a{i}" for i in range(10)], "name")) == 10
    with pytest.raises(InvalidInput, match="at most 10 aliases"):
        v.check_aliases([f"a{i}" for i in range(11)], "name")


def test_aliases_drop_duplicates_and_the_name_itself():
    assert v.check_aliases(["X", "x", "name", "y"], "name") == ("x", "y")


def test_content_of_2000_characters_passes_and_2001_fails_with_the_length():
    assert len(v.check_content("a" * 2000)) == 2000
    with pytest.raises(InvalidInput, match="2001 characters long; the limit is 2000"):
        v.check_content("a" * 2001)


def test_content_keeps_newlines_and_drops_nul():
    assert v.check_content("a\n\tb\x00c") == "a\n\tbc"


def test_blank_content_is_rejected():
    with pytest.raises(InvalidInput, match="empty"):
        v.check_content(" \n ")


def test_title_and_reason_limits():
    assert v.check_title("t" * 200) == "t" * 200
    with pytest.raises(InvalidInput, match="title is too long"):
        v.check_title("t" * 201)
    with pytest.raises(InvalidInput, match="reason is too long"):
        v.check_reason("r" * 501)


def test_query_limit_and_empty_query():
    assert v.check_query("q" * 200)
    with pytest.raises(InvalidInput, match="at most 200"):
        v.check_query("q" * 201)
    with pytest.raises(InvalidInput, match="what to look up"):
        v.check_query(" \x00 ")


@pytest.mark.parametrize("bad", [-1, 2**63, True, "1", None])
def test_ids_must_be_non_negative_64_bit_ints(bad):
    with pytest.raises(InvalidInput):
        v.check_id(bad, "server id")

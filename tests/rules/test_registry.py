"""Every registered rule is documented, has messages in both languages and a stable id."""

import itertools
import re
import string

import pytest

from tthc_cli.messages import en, vi
from tthc_cli.rules import READ_CHECKS, RULES
from tthc_cli.rules.docs_vi import DOCS

KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
RULE_IDS = sorted(RULES)


def test_rules_are_registered() -> None:
    assert len(RULES) >= 17
    assert not set(RULES) & set(READ_CHECKS)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_has_kebab_case_id(rule_id: str) -> None:
    assert KEBAB.match(rule_id)
    assert RULES[rule_id].id == rule_id


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_docstring_has_summary_and_examples(rule_id: str) -> None:
    doc = RULES[rule_id].doc
    summary = RULES[rule_id].summary
    assert summary.endswith(".") and summary != rule_id
    assert "Passes" in doc
    assert "Fails" in doc
    assert doc.index("Passes") < doc.index("Fails")


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_has_message_in_vi_and_en(rule_id: str) -> None:
    assert rule_id in vi.MESSAGES
    assert rule_id in en.MESSAGES


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_rule_message_keys_match_across_languages() -> None:
    prefixes = tuple(RULES)
    vi_keys = {k for k in vi.MESSAGES if k.startswith(prefixes)}
    en_keys = {k for k in en.MESSAGES if k.startswith(prefixes)}
    assert vi_keys == en_keys
    for key in vi_keys:
        assert _fields(vi.MESSAGES[key]) == _fields(en.MESSAGES[key]), key


def examples(doc: str) -> list[str]:
    """The literal blocks that follow a "Passes"/"Fails" ("Đạt"/"Không đạt") paragraph."""
    found: list[str] = []
    blocks = re.split(r"\n\s*\n", doc.strip())
    for head, block in itertools.pairwise(blocks):
        first = head.strip().split()[0].rstrip(":")
        if head.rstrip().endswith("::") and first in ("Passes", "Fails", "Đạt", "Không"):
            found.append(block)
    return found


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_is_documented_in_vietnamese_with_the_same_examples(rule_id: str) -> None:
    doc = DOCS[rule_id].strip()
    assert doc.splitlines()[0].endswith(".")
    assert "Đạt" in doc and "Không đạt" in doc
    assert doc.index("Đạt") < doc.index("Không đạt")
    assert examples(doc) == examples(RULES[rule_id].doc)
    assert examples(doc), "the examples are found"


def test_every_read_check_is_described_in_both_languages() -> None:
    for check in READ_CHECKS:
        assert f"check.{check}" in vi.MESSAGES and f"check.{check}" in en.MESSAGES
    assert set(DOCS) == set(RULES)

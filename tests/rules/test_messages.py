"""Every message a rule can emit reads as a sentence in every language: never the key itself,
never a placeholder left unfilled."""

from __future__ import annotations

import re

import pytest

from tthc_cli.messages import LANGUAGES, text
from tthc_cli.rules import RULES

EMITTED = [(rule.id, key, args) for rule in RULES.values() for key, args in rule.messages.items()]
UNFILLED = re.compile(r"\{[a-z_]+\}")


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize(("rule", "key", "args"), EMITTED, ids=[k for _, k, _ in EMITTED])
def test_each_declared_message_renders(
    rule: str, key: str, args: tuple[str, ...], lang: str
) -> None:
    assert key in LANGUAGES[lang], f"{rule}: no {lang} text for {key}"
    shown = text(key, lang, **{name: f"<{name}>" for name in args})
    assert shown != key and not UNFILLED.search(shown)
    for name in args:  # every argument the rule passes is said
        assert f"<{name}>" in shown or name in UNSAID.get(key, ()), (key, name)


# Arguments a message may leave unsaid, with the reason.
UNSAID: dict[str, tuple[str, ...]] = {
    # the field's own name in English: the message names the part in words (part_name)
    "mandatory-parts": ("part",),
    "plan-decision": ("part",),
    "target-not-heavier": ("measure",),
    "target-not-heavier.time": ("measure",),
    "online-level": ("channel",),
    # ids kept for machine formats; the message names the thing by its label or name
    "consult-specific.group": ("unit",),
    "consult-specific.group.text": ("unit",),
    "component-quantity": ("component",),
    # the role's id kept for machine formats; the message names it in words (role_name)
    "unit-exists": ("role",),
    "unit-exists.suggest": ("role",),
    # the field's own name in English kept for machine formats; said in words (field_name)
    "units-registry-consistent": ("field",),
    "units-registry-consistent.suggest": ("field",),
    "units-registry-consistent.self": ("field",),
    "units-registry-consistent.not-yet": ("field",),
    "units-registry-consistent.already-gone": ("field",),
}


def test_every_rule_declares_its_messages() -> None:
    assert all(rule.messages for rule in RULES.values())


def test_a_legal_basis_without_a_number_has_a_real_message() -> None:
    for lang in LANGUAGES:
        shown = text("legal-number.missing", lang, title="Luật Cư trú")
        assert "Luật Cư trú" in shown and "legal-number" not in shown

"""Every user-facing string, looked up by key: one catalog per language (vi default, en)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date

from tthc_cli.dates import show_day
from tthc_cli.findings import ArgValue, Day, Ref
from tthc_cli.messages import en, vi

LANGUAGES: dict[str, Mapping[str, str]] = {"vi": vi.MESSAGES, "en": en.MESSAGES}
DEFAULT_LANG = "vi"
# Under tests (TTHC_STRICT_MESSAGES=1) an unknown key or an unfilled placeholder raises instead
# of showing the key or the template: a user must never read either.
STRICT = os.environ.get("TTHC_STRICT_MESSAGES") == "1"


def text(key: str, lang: str = DEFAULT_LANG, /, **args: ArgValue) -> str:
    """The message ``key`` in ``lang`` with ``args`` filled in (falls back to vi, then the key).

    An argument made by :func:`~tthc_cli.findings.ref` is itself a message, rendered in the
    same language; one made by :func:`~tthc_cli.findings.day` is a date, shown as the language
    writes dates (:func:`~tthc_cli.dates.show_day`); every other argument is printed as it is.
    """
    template = LANGUAGES.get(lang, vi.MESSAGES).get(key) or vi.MESSAGES.get(key)
    if template is None:
        if STRICT:
            raise KeyError(f"no message {key!r}")
        template = key
    resolved = {name: _shown(value, lang) for name, value in args.items()}
    try:
        return template.format(**resolved)
    except (KeyError, IndexError, ValueError):
        if STRICT:
            raise
        return template


def _shown(value: ArgValue, lang: str) -> ArgValue:
    if isinstance(value, Ref):
        return text(value[1:], lang)
    if isinstance(value, Day):
        return show_day(date.fromisoformat(value), lang)
    return value


def render(key: str, args: Mapping[str, ArgValue], lang: str = DEFAULT_LANG) -> str:
    return text(key, lang, **dict(args))

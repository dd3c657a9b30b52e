"""The one way rich output is rendered to a string, so every command treats colour alike."""

from __future__ import annotations

import io

from rich.console import Console


def recording_console(
    *, color: bool, width: int, markup: bool = True, soft_wrap: bool = False
) -> tuple[Console, io.StringIO]:
    """A console writing into a buffer: ANSI colour only when ``color`` (the caller decided,
    from the terminal and NO_COLOR), no emoji or syntax highlighting guessed from the text."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=width,
        highlight=False,
        emoji=False,
        markup=markup,
        soft_wrap=soft_wrap,
    )
    return console, buffer

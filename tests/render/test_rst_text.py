"""The rules' reST documentation as a terminal shows it: no reST markup, re-flowed paragraphs,
literal blocks untouched."""

from __future__ import annotations

from tthc_cli.render.rst_text import inline_text, terminal_text

DOC = """Tiêu đề với ``units.yaml``.

Một đoạn văn dài có ``processing_time`` được ngắt dòng
cứng ở nguồn, và phải
được dàn lại theo bề rộng.

- mục một có ``parent`` và
  tiếp tục;
- mục hai.

Đạt::

    steps:
      - {id: a, kind: review}

      - {id: b,    kind: return}

Câu kết ::

    units: {}

Hết.
"""


def test_inline_literals_and_roles_lose_their_markup() -> None:
    assert inline_text("xem ``units.yaml`` và :mod:`tthc_cli.rules.today`") == (
        "xem units.yaml và today"
    )


def test_paragraphs_reflow_and_literal_blocks_stay() -> None:
    out = terminal_text(DOC, 40)
    assert "``" not in out and "::" not in out
    assert out.startswith("Tiêu đề với units.yaml.\n\n")
    assert (
        "Một đoạn văn dài có processing_time được\nngắt dòng cứng ở nguồn, và phải được dàn\n"
        in out
    )
    assert "- mục một có parent và tiếp tục;\n- mục hai.\n" in out
    assert (
        "Đạt:\n\n    steps:\n      - {id: a, kind: review}\n\n      - {id: b,    kind: return}\n"
        in out
    )
    assert "Câu kết\n\n    units: {}\n\nHết.\n" in out
    assert all(len(line) <= 40 for line in out.splitlines() if not line.startswith(" "))


def test_a_list_item_wraps_under_its_bullet() -> None:
    out = terminal_text("- " + "từ " * 30, 30)
    lines = out.splitlines()
    assert lines[0].startswith("- ") and all(line.startswith("  ") for line in lines[1:])

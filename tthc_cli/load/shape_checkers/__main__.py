"""Regenerate the committed schema checkers: ``python -m tthc_cli.load.shape_checkers``."""

from tthc_cli.load.shape_checkers import regenerate

for path in regenerate():
    print(path)

"""Regenerate the committed schema checkers: ``python -m tthc_cli.schemachecks``."""

from tthc_cli.schemachecks import regenerate

for path in regenerate():
    print(path)

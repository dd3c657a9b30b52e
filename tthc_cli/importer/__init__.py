"""``tthc import``: national-portal records and list exports turned into catalog files.

Reading input is confined to :mod:`tthc_cli.load.portal`; the parsers take text and return
data plus what they could not understand (:class:`~tthc_cli.importer.common.Issue`), never a
guess; :mod:`tthc_cli.importer.emit` writes the canonical YAML.
"""

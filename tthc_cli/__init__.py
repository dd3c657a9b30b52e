"""tthc: a catalog of Vietnamese administrative procedures (thủ tục hành chính)."""

__version__ = "0.1.0"

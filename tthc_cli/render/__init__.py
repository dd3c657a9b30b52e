"""Renderers for generated documents (report formats); they may import rich, never read files."""

"""One procedure file, bytes to model: parse, check the shape, build. Pure: bytes in, result out."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from tthc_cli.config import Limits
from tthc_cli.findings import Finding
from tthc_cli.load import shape
from tthc_cli.load.pickling import Codec
from tthc_cli.load.yamlsafe import parse_yaml

if TYPE_CHECKING:  # the model is imported when something is built, not for a cached result
    from tthc_cli.model import Procedure


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one procedure file gave: the model (when usable) and the findings."""

    procedure: Procedure | None
    findings: tuple[Finding, ...]


def process_procedure(raw: bytes, file: str, limits: Limits) -> FileResult:
    """Parse, schema-check and build one procedure file. Pure: bytes in, model out."""
    parsed = parse_yaml(raw, file, limits)
    if parsed.data is None:
        return FileResult(None, parsed.findings)
    problems = shape.check(parsed.data, "procedure", file)
    if problems:
        return FileResult(None, (*parsed.findings, *problems))
    from tthc_cli.load import build

    content = hashlib.blake2b(raw, digest_size=16).digest()
    return FileResult(build.procedure(parsed.data, file, content), parsed.findings)


@cache
def results_codec() -> Codec:
    """How file results are pickled (for workers, the cache and reuse): findings, the model and
    :class:`FileResult`. The model is imported here, when results are built or read back."""
    from tthc_cli import findings, model

    return Codec(findings, model, sys.modules[__name__])

"""What a rule is, and the context it gets. Rules take the model and return findings: no I/O."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from tthc_cli.findings import ArgValue, Finding, Pos, Severity, make
from tthc_cli.messages import STRICT
from tthc_cli.model import Catalog, Procedure
from tthc_cli.rules.today import DayWindow


@dataclass(frozen=True)
class RuleContext:
    """What a rule may look at besides the procedure: the whole catalog and its settings, and
    the files the run is about (``only``; None for all) — where a catalog rule that sums up many
    files places its one finding.

    ``today`` is the only way a rule learns the date (``as_of``, else today): with a
    ``window``, a date that records how it is used, so the cache knows how long the result
    holds (:mod:`tthc_cli.rules.today`)."""

    catalog: Catalog
    window: DayWindow | None = None
    only: frozenset[str] | None = None

    @property
    def today(self) -> date:
        if self.window is not None:
            return self.window.watched()
        return self.catalog.config.today()

    @property
    def hours_per_day(self) -> float:
        return self.catalog.config.hours_per_working_day


ProcedureCheck = Callable[[Procedure, RuleContext], Iterable[Finding]]
CatalogCheck = Callable[[Catalog, RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A semantic rule: a stable kebab-case id, a default severity, and its documentation.

    ``messages`` lists every message key the rule can emit with the argument names it passes:
    a test renders each in every language, so no user ever reads a bare key.

    Exactly one of ``check`` (runs per procedure) and ``check_catalog`` (runs once over the
    whole catalog, for cross-file rules) is set. ``doc`` is the rule module's docstring, which
    is its user documentation (``tthc rules ID``).

    ``needs`` names the registries the rule reads (``"units"``): while one of them fails its
    schema, the rule does not run, so a typo in ``units.yaml`` is one finding, not one per
    procedure.
    """

    id: str
    severity: Severity
    doc: str
    messages: Mapping[str, tuple[str, ...]]  # every message it emits → the arguments given
    check: ProcedureCheck | None = None
    check_catalog: CatalogCheck | None = None
    needs: frozenset[str] = frozenset()

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.id

    def finding(
        self, pos: Pos, /, message: str | None = None, item: str | None = None, **args: ArgValue
    ) -> Finding:
        """A finding of this rule at its default severity (the engine applies the config).

        Under ``TTHC_STRICT_MESSAGES=1`` (the test suite) a message the rule does not declare,
        or other arguments than it declares, raise at once."""
        key = message or self.id
        if STRICT and tuple(sorted(args)) != tuple(sorted(self.messages.get(key, ("?",)))):
            raise ValueError(f"{self.id}: undeclared message {key} or arguments {sorted(args)}")
        return make(self.id, self.severity, pos, message=message or self.id, item=item, **args)

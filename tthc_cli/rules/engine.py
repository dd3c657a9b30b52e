"""Validation: run the rules over a loaded catalog, grade and suppress. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from tthc_cli.findings import Finding, Pos, Severity, ValidationResult, make, sorted_findings

if TYPE_CHECKING:
    from tthc_cli.model import Catalog, Suppression
    from tthc_cli.rules import Rule
    from tthc_cli.rules.today import DayWindow


def broken_registries(catalog: Catalog) -> frozenset[str]:
    """The registries that failed to read or failed their schema (``"units"``): the rules that
    need them do not run (see :attr:`Rule.needs <tthc_cli.rules.base.Rule.needs>`)."""
    units = catalog.units_file
    if units is not None and any(
        f.file == units and f.severity is Severity.ERROR for f in catalog.findings
    ):
        return frozenset({"units"})
    return frozenset()


def run_rules(
    catalog: Catalog,
    rules: Mapping[str, Rule],
    only: frozenset[str] | None = None,
    window: DayWindow | None = None,
    skip: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Findings of ``rules`` but those in ``skip``; with ``only``, per-procedure rules run on
    those files alone; with ``window``, narrowed to the days on which they would come out the
    same."""
    from tthc_cli.rules import RuleContext

    ctx = RuleContext(catalog, window, only)
    config = catalog.config
    out: list[Finding] = []
    for rule in rules.values():
        if rule.id in skip or config.severity_for(rule.id, rule.severity) is None:
            continue
        if rule.check_catalog is not None:
            out.extend(rule.check_catalog(catalog, ctx))
        if rule.check is not None:
            for procedure in catalog.procedures:
                if only is None or procedure.path in only:
                    out.extend(rule.check(procedure, ctx))
    return out


class _Suppressor:
    """Matches findings to suppressions (config, file, item) and remembers which were used."""

    def __init__(self, catalog: Catalog, skipped: frozenset[str] = frozenset()) -> None:
        self.config = catalog.config.suppress
        self.by_file: dict[str, tuple[Suppression, ...]] = {}
        self.by_item: dict[tuple[str, str], tuple[Suppression, ...]] = {}
        for procedure in catalog.procedures:
            self.by_file[procedure.path] = procedure.suppress
            for item, entries in procedure.item_suppressions().items():
                self.by_item[(procedure.path, item)] = entries
        self.used: set[Pos] = set()
        self.root = catalog.root
        self.skipped = skipped  # rules that did not run: their suppressions are not unused
        self.last_in_config = False

    def reason(self, finding: Finding) -> str | None:
        self.last_in_config = False
        candidates: list[Suppression] = []
        if finding.item is not None:
            candidates += self.by_item.get((finding.file, finding.item), ())
        candidates += self.by_file.get(finding.file, ())
        for entry in candidates:
            if entry.rule == finding.rule:
                self.used.add(entry.pos)
                return entry.reason
        rel = finding.file
        if self.root and rel.startswith(self.root.rstrip("/") + "/"):
            rel = rel[len(self.root.rstrip("/")) + 1 :]
        for config_entry in self.config:
            if config_entry.covers(finding.rule, rel):
                self.last_in_config = True
                return config_entry.reason
        return None

    def unused(self) -> Iterable[Finding]:
        from tthc_cli.rules import known_ids

        known = known_ids()
        entries = [s for group in (*self.by_file.values(), *self.by_item.values()) for s in group]
        for entry in entries:
            if entry.rule not in known:
                yield make("unknown-rule", Severity.WARNING, entry.pos, rule=entry.rule)
            elif entry.pos not in self.used and entry.rule not in self.skipped:
                yield make("unused-suppression", Severity.WARNING, entry.pos, rule=entry.rule)


def concerns(finding: Finding, files: frozenset[str], cross_file: frozenset[str]) -> bool:
    """Whether ``finding`` is about one of ``files``: it lies in one, or it comes from a
    cross-file rule (in ``cross_file``) and names one (``unique-code``'s ``other``)."""
    if finding.file in files:
        return True
    return finding.rule in cross_file and any(value in files for _, value in finding.args)


def validate(
    catalog: Catalog,
    rules: Mapping[str, Rule] | None = None,
    only: frozenset[str] | None = None,
    window: DayWindow | None = None,
) -> ValidationResult:
    """Every finding for ``catalog``: read and schema findings, then rule findings.

    ``only`` (files as findings name them) keeps the findings that concern those files (see
    :func:`concerns`), checked against the whole catalog: per-procedure rules run on those
    files alone, cross-file rules on everything. ``ValidationResult.paths`` lists the checked files.
    ``window`` (a :class:`~tthc_cli.rules.today.DayWindow` for the config's today) is narrowed to
    the days for which the result holds.
    """
    if rules is None:
        from tthc_cli.rules import RULES

        rules = RULES
    broken = broken_registries(catalog)
    skipped = frozenset(rule.id for rule in rules.values() if rule.needs & broken)
    raw = [*catalog.findings, *run_rules(catalog, rules, only, window, skipped)]
    if catalog.units_file is None and catalog.procedures:
        root = catalog.root or "."
        raw.append(make("units-registry-missing", Severity.WARNING, Pos(root), root=root))
    elif "units" in broken and skipped:
        where = Pos(catalog.units_file or catalog.root)
        raw.append(
            make(
                "units-registry-invalid", Severity.WARNING, where, rules=", ".join(sorted(skipped))
            )
        )
    suppressor = _Suppressor(catalog, skipped)
    graded: list[Finding] = []
    config = catalog.config
    for finding in raw:
        severity = config.severity_for(finding.rule, finding.severity)
        if severity is None:
            continue
        finding = finding.with_severity(severity)
        reason = suppressor.reason(finding)
        if reason is not None:
            finding = finding.with_suppression(reason, suppressor.last_in_config)
        graded.append(finding)
    for finding in suppressor.unused():
        severity = config.severity_for(finding.rule, finding.severity)
        if severity is not None:
            graded.append(finding.with_severity(severity))
    if only is None:
        return ValidationResult(registries_first(graded, catalog), tuple(catalog.files))
    cross_file = frozenset(r.id for r in rules.values() if r.check_catalog is not None)
    kept = [f for f in graded if concerns(f, only, cross_file)]
    return ValidationResult(
        registries_first(kept, catalog), tuple(f for f in catalog.files if f in only)
    )


def registries_first(found: Iterable[Finding], catalog: Catalog) -> tuple[Finding, ...]:
    """Findings in file order, the units registry's first: what is wrong there explains what
    follows."""
    ordered = sorted_findings(found)
    first = [f for f in ordered if f.file == catalog.units_file]
    return (*first, *(f for f in ordered if f.file != catalog.units_file))

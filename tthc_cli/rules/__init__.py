"""The explicit registry of semantic rules: one module per rule, its docstring its documentation."""

from __future__ import annotations

from tthc_cli.rules import (
    code_format,
    code_matches_filename,
    component_abolished,
    component_quantity,
    consult_specific,
    district_level,
    internal_scope,
    legal_basis_in_force,
    legal_number,
    legal_register_consistent,
    mandatory_parts,
    online_level,
    plan_decision,
    step_single_lead,
    steps_fit_total,
    target_not_heavier,
    unique_code,
    unit_dissolved,
    unit_exists,
    units_registry_consistent,
)
from tthc_cli.rules.base import Rule, RuleContext

RULES: dict[str, Rule] = {
    module.RULE.id: module.RULE
    for module in (
        # identity
        unique_code,
        code_matches_filename,
        code_format,
        # completeness and kind
        mandatory_parts,
        internal_scope,
        district_level,
        # units
        unit_exists,
        unit_dissolved,
        units_registry_consistent,
        # steps and time
        step_single_lead,
        consult_specific,
        steps_fit_total,
        # channels, components, legal basis
        online_level,
        component_quantity,
        component_abolished,
        legal_number,
        # the register of legal documents
        legal_basis_in_force,
        legal_register_consistent,
        # simplification
        target_not_heavier,
        plan_decision,
    )
}

# Checks done while reading files, before any rule runs. They share the findings type, can be
# re-graded or switched off in tthc.yaml like rules, and are listed by ``tthc rules``.
READ_CHECKS: dict[str, str] = {
    "file-too-large": "error",
    "file-binary": "error",
    "file-encoding": "error",
    "file-unreadable": "error",
    "text-not-nfc": "warning",
    "walk-symlink-loop": "warning",
    "file-symlink": "warning",
    "file-outside-catalog": "error",
    "file-not-regular": "error",
    "text-control-char": "warning",
    "text-line-break": "warning",
    "yaml-syntax": "error",
    "yaml-multi-document": "error",
    "yaml-empty": "error",
    "yaml-not-mapping": "error",
    "yaml-duplicate-key": "error",
    "yaml-ambiguous-value": "warning",
    "yaml-tag": "error",
    "yaml-too-deep": "error",
    "yaml-too-many-nodes": "error",
    "yaml-alias-cycle": "error",
    "yaml-complex-key": "error",
    "yaml-bad-merge": "error",
    "schema": "error",
    "unused-suppression": "warning",
    "unknown-rule": "warning",
    "units-registry-missing": "warning",
    "units-registry-invalid": "warning",
}


def known_ids() -> set[str]:
    return set(RULES) | set(READ_CHECKS)


__all__ = ["READ_CHECKS", "RULES", "Rule", "RuleContext", "known_ids"]

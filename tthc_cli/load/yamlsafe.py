"""Reading YAML as hostile input: bytes in, plain data with positions (or findings) out.

The loader calls :func:`parse_yaml` once per file. It never constructs Python objects from
tags, resolves scalars the YAML 1.2 way (``NO`` stays text, ``010`` stays text, dates stay
text), warns where YAML 1.1 tools would read a value differently, keeps ``.inf``, ``.nan``,
overflowing numbers and scalars tagged ``!!str`` or ``!`` as text, rejects duplicate keys with
both positions, bounds nesting and alias expansion, and reports encodings it cannot read.
Mappings and sequences come back as :class:`MDict` / :class:`MList`, which carry the line and
column of every key and item so that findings can point at them without parsing again.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any, ClassVar, cast
from unicodedata import is_normalized, normalize

import yaml

from tthc_cli.config import Limits
from tthc_cli.findings import Finding, Pos, Severity, make
from tthc_cli.load.decoding import Mark, decode
from tthc_cli.load.scalars import (
    ALLOWED_TAGS,
    MISMATCH,
    NON_FINITE,
    OCTAL,
    STR_TAG,
    YAML12_ONLY,
    resolve_plain,
    resolve_tagged,
    short_tag,
)
from tthc_cli.load.yamlmarks import EditorMarks, syntax_finding

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HAVE_LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False))


class _Loader(_BaseLoader):  # type: ignore[misc]
    """A composer with no implicit resolvers: every plain scalar arrives tagged as a string.

    With no implicit and no path resolvers, PyYAML's ``resolve`` can only return the default
    tag of the node kind; answering that directly saves three Python calls per node.
    """

    _DEFAULT_TAGS: ClassVar[dict[type, str]] = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
        yaml.MappingNode: "tag:yaml.org,2002:map",
    }

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return self._DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


_Loader.yaml_implicit_resolvers = {}

_SCALAR, _SEQUENCE = yaml.ScalarNode, yaml.SequenceNode
_SEQ_TAG, _MAP_TAG = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_SEPARATION = " \t\r\n\x85\u2028\u2029"  # what may stand between node properties
_NESTING_CHARS = "[{-:?"
_INTERN_UP_TO = 48  # characters
# Control characters in a value (``text-control-char``): C0 but tab and newline, DEL, C1, and
# the bidirectional embeddings, overrides and isolates. YAML lets them in only through escapes
# in double quotes (``"\e"``, ``"\u202e"``) or, for the bidirectional ones, as they are: a
# file with neither a backslash nor such a character is not searched value by value.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MAYBE_CONTROL = re.compile(r"[\\\u202a-\u202e\u2066-\u2069]")
# Fields that hold one line (``text-line-break``): a line break in a name or a code would start
# a line of its own in plain-text output, where a CI runner reads ``::command::`` lines. Notes,
# descriptions and quotes legitimately hold several lines and are not listed.
ONE_LINE_FIELDS = frozenset(
    {"code", "field", "form", "id", "issuer", "merged_into", "name", "number", "parent"}
    | {"renamed_to", "short_name", "signer", "title", "title_en", "url"}
)
_LINE_BREAK = re.compile("[\r\n\x0b\x0c\x85\u2028\u2029]")


class MDict(dict[str, Any]):
    """A mapping that remembers where it, each key and each value stood in the file."""

    __slots__ = ("key_marks", "mark", "raw", "value_marks")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[str, Mark] = {}
        self.value_marks: dict[str, Mark] = {}
        self.raw: dict[str, str] = {}


class MList(list[Any]):
    """A sequence that remembers where it and each item stood in the file."""

    __slots__ = ("item_marks", "mark", "raw")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.item_marks: list[Mark] = []
        self.raw: dict[int, str] = {}


@dataclass(frozen=True, slots=True)
class Parsed:
    """The result of reading one YAML file: data (None when unusable) and what was found."""

    data: Any
    findings: tuple[Finding, ...]


class _Stop(Exception):
    """Construction cannot continue; the finding says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def _mark(node: yaml.Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed node tree into MDict/MList/scalars, collecting findings."""

    def __init__(
        self, file: str, limits: Limits, text: str = "", where: EditorMarks | None = None
    ) -> None:
        self.file = file
        self.limits = limits
        self.text = text  # the document, to see how a scalar's tag was written
        self.where = where  # None when the parser's marks are the editor's
        self.findings: list[Finding] = []
        self.nodes = 0
        self.done: dict[int, Any] = {}
        self.active: set[int] = set()
        self.controls = _MAYBE_CONTROL.search(text) is not None  # values may hold some

    def pos(self, mark: Mark) -> Pos:
        if self.where is not None:
            mark = self.where.mark(mark)
        return Pos(self.file, mark[0], mark[1])

    def warn(
        self, rule: str, node: yaml.Node, severity: Severity = Severity.WARNING, **args: Any
    ) -> None:
        self.findings.append(make(rule, severity, self.pos(_mark(node)), **args))

    def build(self, node: yaml.Node, depth: int) -> Any:
        if depth > self.limits.max_depth:
            raise self._too_deep(node)
        key = id(node)
        if key in self.active:
            raise _Stop(make("yaml-alias-cycle", Severity.ERROR, self.pos(_mark(node))))
        if key in self.done:
            # An alias: count what it expands to, but share the object.
            self.nodes += self._size(node)
            self._check_budget(node)
            return self.done[key]
        kind = node.__class__
        if kind is _SCALAR:
            return self.scalar(cast(yaml.ScalarNode, node))
        self.nodes += 1
        self._check_budget(node)
        if node.tag != (_SEQ_TAG if kind is _SEQUENCE else _MAP_TAG):
            if node.tag not in ALLOWED_TAGS:
                self.warn("yaml-tag", node, Severity.ERROR, tag=node.tag)
            else:  # !!str {…}, !!int […], !!map […]
                self.warn(
                    "yaml-tag",
                    node,
                    Severity.ERROR,
                    message="yaml-tag.collection",
                    tag=short_tag(node.tag),
                )
        self.active.add(key)
        if kind is _SEQUENCE:
            value: Any = self.sequence(cast(yaml.SequenceNode, node), depth)
        else:
            value = self.mapping(cast(yaml.MappingNode, node), depth)
        self.active.discard(key)
        self.done[key] = value
        return value

    def child(self, node: yaml.Node, depth: int) -> Any:
        """An item or a value: a scalar seen for the first time goes straight to
        :meth:`scalar` (most nodes are such scalars), anything else through :meth:`build`."""
        if (
            node.__class__ is _SCALAR
            and depth <= self.limits.max_depth
            and id(node) not in self.done
        ):
            return self.scalar(node)
        return self.build(node, depth)

    def _too_deep(self, node: yaml.Node) -> _Stop:
        limit = self.limits.max_depth
        return _Stop(make("yaml-too-deep", Severity.ERROR, self.pos(_mark(node)), limit=limit))

    def _size(self, node: yaml.Node) -> int:
        """Number of nodes an alias to ``node`` adds (bounded by the budget)."""
        total, stack = 0, [node]
        while stack:
            current = stack.pop()
            total += 1
            if total > self.limits.max_nodes:
                return total
            if isinstance(current, yaml.SequenceNode):
                stack.extend(current.value)
            elif isinstance(current, yaml.MappingNode):
                for k, v in current.value:
                    stack.append(k)
                    stack.append(v)
        return total

    def _check_budget(self, node: yaml.Node) -> None:
        if self.nodes > self.limits.max_nodes:
            raise _Stop(
                make(
                    "yaml-too-many-nodes",
                    Severity.ERROR,
                    self.pos(_mark(node)),
                    limit=self.limits.max_nodes,
                )
            )

    def scalar(self, node: yaml.ScalarNode) -> Any:
        """A scalar seen for the first time (an alias to one goes through :meth:`build`)."""
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            self._check_budget(node)
        # Short texts (codes, unit ids, channel and form names) repeat across a catalog: one
        # shared copy each keeps 100,000 procedures in far less memory.
        text: str = node.value if len(node.value) > _INTERN_UP_TO else sys.intern(node.value)
        tag = node.tag
        value: Any
        if tag == STR_TAG:
            if node.style:  # quoted or a block scalar: text as written
                value = text
            else:  # plain (libyaml says "", PyYAML's own composer None)
                value, ambiguity = resolve_plain(text)
                if (ambiguity is not None or value.__class__ is not str) and self._tagged(node):
                    value = text  # !!str 1.000426, ! 010, !!str alone: text as written
                elif ambiguity is not None:
                    self._ambiguous(node, text, ambiguity)
        elif tag not in ALLOWED_TAGS:
            self.warn("yaml-tag", node, Severity.ERROR, tag=tag)
            value = text
        else:
            value, problem = resolve_tagged(text, tag)
            if problem == MISMATCH:
                self.warn(
                    "yaml-tag",
                    node,
                    Severity.ERROR,
                    message="yaml-tag.mismatch",
                    value=text,
                    tag=short_tag(tag),
                )
            elif problem in NON_FINITE:
                self._ambiguous(node, text, problem)
            elif problem is not None:  # !!int 010: 8 for YAML 1.1 tools, 10 for YAML 1.2
                self.warn(
                    "yaml-tag",
                    node,
                    Severity.ERROR,
                    message="yaml-tag.ambiguous",
                    value=text,
                    tag=short_tag(tag),
                    reading=problem,
                )
        if self.controls:  # escapes are possible
            if (found := _CONTROL.search(text)) is not None:
                self.warn("text-control-char", node, char=f"U+{ord(found.group()):04X}")
            if node.style == '"' and value.__class__ is str and not is_normalized("NFC", value):
                # "C\u0301": escapes write what the file's own NFC normalisation cannot see
                value = normalize("NFC", value)
                self.warn("text-not-nfc", node)
        self.done[id(node)] = value
        return value

    def _tagged(self, node: yaml.ScalarNode) -> bool:
        """Whether a plain scalar that the composer reports as a string carries a tag in the
        file: ``!!str``, ``!<tag:yaml.org,2002:str>`` or the non-specific ``!``, which all make
        it text. Node properties (anchor and tag, in either order) start where the node does."""
        text = self.text
        at = node.start_mark.index
        if at >= len(text) or text[at] not in "!&":
            return False  # the scalar's own first character: no properties
        if text[at] == "!":
            return True
        while at < len(text) and text[at] not in _SEPARATION and text[at] not in ",[]{}":
            at += 1  # past the anchor's name
        while at < len(text):
            char = text[at]
            if char == "#":  # a comment between the anchor and what follows
                while at < len(text) and text[at] not in "\r\n\x85\u2028\u2029":
                    at += 1
            elif char in _SEPARATION:
                at += 1
            else:
                return char == "!"
        return False

    def _ambiguous(self, node: yaml.ScalarNode, text: str, ambiguity: str) -> None:
        rule = "yaml-ambiguous-value"
        if ambiguity == YAML12_ONLY:
            self.warn(rule, node, message=f"{rule}.v12", value=text)
        elif ambiguity == OCTAL and text.lstrip("+-").isdigit():
            # 010 is read as 8 by YAML 1.1 tools: quoting keeps the text, but a count wants 10
            number = str(int(text))
            self.warn(
                rule, node, message=f"{rule}.octal", value=text, reading=ambiguity, number=number
            )
        elif ambiguity in NON_FINITE:  # .inf, .nan, 1.5e+400: never a number in tthc
            self.warn(rule, node, message=f"{rule}.nonfinite", value=text, reading=ambiguity)
        else:
            self.warn(rule, node, value=text, reading=ambiguity)

    def sequence(self, node: yaml.SequenceNode, depth: int) -> MList:
        mark = node.start_mark
        out = MList((mark.line + 1, mark.column + 1))
        marks = out.item_marks
        deeper = depth + 1
        for child in node.value:
            value = self.child(child, deeper)
            if child.__class__ is _SCALAR and not child.style and value.__class__ is not str:
                out.raw[len(out)] = child.value  # as written: 010, 1.001230
            out.append(value)
            mark = child.start_mark
            marks.append((mark.line + 1, mark.column + 1))
        return out

    def mapping(self, node: yaml.MappingNode, depth: int) -> MDict:
        mark = node.start_mark
        out = MDict((mark.line + 1, mark.column + 1))
        key_marks, value_marks = out.key_marks, out.value_marks
        merges: list[tuple[yaml.Node, Any]] = []
        deeper = depth + 1
        for key_node, value_node in node.value:
            if key_node.__class__ is not _SCALAR:
                raise _Stop(make("yaml-complex-key", Severity.ERROR, self.pos(_mark(key_node))))
            key = sys.intern(key_node.value)
            if key == "<<" and not key_node.style:
                merges.append((value_node, self.build(value_node, deeper)))
                continue
            mark = key_node.start_mark
            if key in key_marks:
                first = key_marks[key]
                if self.where is not None:
                    first = self.where.mark(first)
                self.findings.append(
                    make(
                        "yaml-duplicate-key",
                        Severity.ERROR,
                        self.pos((mark.line + 1, mark.column + 1)),
                        key=key,
                        first_line=first[0],
                        first_column=first[1],
                    )
                )
                continue
            self.nodes += 1
            value = self.child(value_node, deeper)
            if key in ONE_LINE_FIELDS and value.__class__ is str and _LINE_BREAK.search(value):
                self.warn("text-line-break", value_node, field=key)
            if (
                value_node.__class__ is _SCALAR
                and not value_node.style
                and value.__class__ is not str
            ):
                out.raw[key] = value_node.value  # as written: 010, 1.001230
            out[key] = value
            key_marks[key] = (mark.line + 1, mark.column + 1)
            mark = value_node.start_mark
            value_marks[key] = (mark.line + 1, mark.column + 1)
        for value_node, merged in merges:
            sources = merged if isinstance(merged, list) else [merged]
            for source in sources:
                if not isinstance(source, MDict):
                    raise _Stop(make("yaml-bad-merge", Severity.ERROR, self.pos(_mark(value_node))))
                for k, v in source.items():
                    if k not in out:
                        out[k] = v
                        out.key_marks[k] = source.key_marks[k]
                        out.value_marks[k] = source.value_marks[k]
                        if k in source.raw:  # as written there: 1.001230
                            out.raw[k] = source.raw[k]
        return out


def _relocate(data: Any, where: EditorMarks) -> None:
    """Move the marks of every mapping and sequence in ``data`` to the editor's places."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MDict):
            node.mark = where.mark(node.mark)
            for marks in (node.key_marks, node.value_marks):
                marks.update({key: where.mark(mark) for key, mark in marks.items()})
            stack.extend(node.values())
        elif isinstance(node, MList):
            node.mark = where.mark(node.mark)
            node.item_marks[:] = [where.mark(mark) for mark in node.item_marks]
            stack.extend(node)


def _too_deep(
    text: str, file: str, limits: Limits, where: EditorMarks | None, original: str
) -> Finding | None:
    """Find nesting beyond the limit with the event stream, which never recurses.

    libyaml's composer recurses in C and crashes the process on very deep input, so anything
    that could be deep is scanned first. A cheap character count proves most files shallow.
    """
    if sum(text.count(ch) for ch in _NESTING_CHARS) < 1000:
        return None
    depth = 0
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, starts):
            depth += 1
            if depth > limits.max_depth:
                mark = event.start_mark
                where = where or EditorMarks(text, original)
                line, column = where.index(mark.index) if mark is not None else (1, 1)
                return make(
                    "yaml-too-deep",
                    Severity.ERROR,
                    Pos(file, line, column),
                    limit=limits.max_depth,
                )
        elif isinstance(event, ends):
            depth -= 1
    return None


def parse_yaml(raw: bytes, file: str, limits: Limits | None = None) -> Parsed:
    """Read one YAML document from bytes; never raises on bad input."""
    limits = limits or Limits()
    text, findings, original = decode(raw, file, limits.max_file_bytes)
    if text is None:
        return Parsed(None, tuple(findings))
    where = EditorMarks(text, original) if EditorMarks.needed(text, original) else None
    try:
        deep = _too_deep(text, file, limits, where, original)
        if deep is not None:
            return Parsed(None, (*findings, deep))
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        syntax = syntax_finding(
            exc, file, text, limits.max_depth, where or EditorMarks(text, original)
        )
        return Parsed(None, (*findings, syntax))
    if node is None:
        return Parsed(None, (*findings, make("yaml-empty", Severity.ERROR, Pos(file, 1, 1))))
    builder = _Builder(file, limits, text, where)
    try:
        data = builder.build(node, 1)
    except _Stop as stop:
        return Parsed(None, (*findings, *builder.findings, stop.finding))
    findings.extend(builder.findings)
    if not isinstance(data, MDict):
        findings.append(make("yaml-not-mapping", Severity.ERROR, builder.pos(_mark(node))))
        return Parsed(None, tuple(findings))
    if where is not None:
        _relocate(data, where)
    return Parsed(data, tuple(findings))

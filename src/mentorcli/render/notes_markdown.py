"""A note's own Markdown, written back with only what a shared document can safely hold."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .markdown import block_start, escape_text, quoted_block, unlinked
from .text import ASTRAL_HIDDEN, HIDDEN_RANGES, visible

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The one parser, made when a note first needs it: plain notes never do, and loading it
    is a good part of a small export's time."""
    from markdown_it import MarkdownIt

    # Reference definitions are off: a definition would vanish from the text and resolve links
    # the note's reader never sees; written out as text, both stay visible.
    return MarkdownIt("commonmark").enable("strikethrough").disable("reference")


# Deeper notes are shown literally: the parser drops what lies past its nesting limit (20), and
# the export nests a note one level further in.
_DEEPEST = 12
# A fence's info string is kept when it is a plain language name.
_LANGUAGE = re.compile(r"[\w+#.-]{1,40}")
_BACKTICKS = re.compile(r"`+")
# Containers and the blocks that can follow a paragraph line without a blank line between.
_INTERRUPTS = frozenset({"fence", "code_block", "html_block", "blockquote", "hr"})
_DELIMITED = frozenset({"em", "strong", "s"})
_EDGES = frozenset({"open", "close"})
# What may stand beside an underscore for it to delimit emphasis.
_APART = frozenset(" \t!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


# Characters the plain path cannot write as they are: inline syntax (and `|`, escaped in any
# text); the hidden characters `visible` escapes; whitespace but spaces and newlines (tabs, and
# the Unicode spaces `str.strip` removes at a line's edges).
_SYNTAX = "\\`*_[]<>&|~!"
_SPACES = "\t\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


@lru_cache(maxsize=1)
def _unsafe_character() -> re.Pattern[str]:
    """Any of those characters: made when a note first holds more than ASCII."""
    ranges = [(ord(first), ord(last)) for first, last in HIDDEN_RANGES] + list(ASTRAL_HIDDEN)
    hidden = "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in ranges)
    return re.compile(f"[{re.escape(_SYNTAX)}{_SPACES}{hidden}]")


# The ASCII characters the plain path writes as they are: deleting them from an ASCII note
# leaves nothing when it has no other (a byte loop, several times faster than a search). The
# hidden ones among the others are the controls, tab included, and DEL; newline is plain.
_SAFE_ASCII = bytes(range(32, 127)).translate(None, _SYNTAX.encode()) + b"\n"
# Line starts the plain path does not write, matched at the newline before each line (one is
# put before the note): a space (indented code), `+`, `=` or a digit (lists, setext
# underlines); `-` but an item's `- text`, and an item's text starting so, or followed right
# away by a plain line, which would continue the item's paragraph (lazily); `#` but a heading's
# run of one to six and a space, with text after it starting as a paragraph's may.
_UNSAFE_START = re.compile(
    r"\n(?:[ +=0-9]|-(?! \S)|- (?:[-+=0-9]|[^\n]*+\n(?!- |#|\n|\Z))"
    r"|#(?:#{0,5} [-+=0-9]|#{6}|#*+(?! \S)))"
)
# A `#` inside a line.
_INNER_HASH = re.compile(r"#(?<=[^#\n]#)")


def _plain(text: str) -> bool:
    """Whether the note may be plain paragraphs, `#` headings and `- ` items without any
    other Markdown (trailing spaces aside: `plain_note_markdown` sees them line by line)."""
    if text.isascii():
        if text.encode("ascii").translate(None, _SAFE_ASCII):
            return False
    elif _unsafe_character().search(text):
        return False
    if _UNSAFE_START.search(f"\n{text}\n"):
        return False
    return "#" not in text or not _INNER_HASH.search(text)


def note_markdown(text: str) -> list[str]:
    """A note as the lines of a block quote: lists, emphasis, code, breaks and quotes as the
    writer wrote them; headings demoted to bold lines; raw HTML, images and links shown as the
    text they were typed as."""
    plain = plain_note_markdown(text)
    return parsed_note_markdown(text) if plain is None else plain


def parsed_note_markdown(text: str) -> list[str]:
    """`note_markdown` as the parser reads the note: any note."""
    from markdown_it.tree import SyntaxTreeNode

    tokens = _parser().parse(visible(text))
    if any(token.level > _DEEPEST for token in tokens):
        return quoted_block(text)
    return _quoted(_blocks(SyntaxTreeNode(tokens).children, tight=False))


def plain_note_markdown(text: str) -> list[str] | None:
    """`note_markdown` without the parser, for a note of plain paragraphs, `#` headings and
    `- ` items with no other Markdown in it (most notes); None for any other note. Such a
    note's text needs no escaping but the link-breaking one, which reads the same over the
    whole note as line by line."""
    if not _plain(text):
        return None
    out: list[str] = []
    kind = ""  # of the last line with text: "#", "-", or "" for a paragraph's
    blank = False  # whether a blank line came after it
    items = 0  # where the list being read starts in `out`
    loose = False  # whether a blank line parts two of its items
    for line in unlinked(text).split("\n"):
        if not line:
            blank = True
            continue
        if line[-1] == " ":  # a hard break, or spaces the parser strips
            return None
        first = line[0]
        if first == "-":
            if kind != "-":
                if out:
                    out.append(">")
                items, loose = len(out), False
            elif loose:
                out.append(">")
            elif blank:
                # Loose after all: every item of the list stands apart, those before too.
                out[items:] = [part for item in out[items:] for part in (item, ">")]
                loose = True
            out.append(f"> {line}")
        elif first == "#":
            if out:
                out.append(">")
            out.append(f"> **{line[line.index(' ') + 1 :]}**")
        else:
            first = ""
            if out and (blank or kind):
                out.append(">")
            out.append(f"> {line}")
        kind, blank = first, False
    return out


def note_line(text: str) -> str:
    """One line of a note as inline Markdown (emphasis, code spans), safe at a line's start."""
    from markdown_it.tree import SyntaxTreeNode

    tokens = _parser().parseInline(" ".join(visible(text).split()))
    children = tokens[0].children or [] if tokens else []
    line = " ".join(_inline(SyntaxTreeNode(children, create_root=True).children))
    # Strikethrough's tildes can open a line with a fence (`~~~~a~~~~`): one escaped, it is text.
    return "\\" + line if line.startswith(("~~~", "```")) else line


def _quoted(lines: list[str]) -> list[str]:
    return [f"> {line}" if line else ">" for line in lines]


def _blocks(nodes: Sequence[SyntaxTreeNode], *, tight: bool) -> list[str]:
    out: list[str] = []
    previous: SyntaxTreeNode | None = None
    for node in nodes:
        lines = _block(node, previous)
        if not lines:
            continue
        if out and not (tight and _follows_closely(previous, node)):
            out.append("")
        out += lines
        previous = node
    return out


def _follows_closely(previous: SyntaxTreeNode | None, node: SyntaxTreeNode) -> bool:
    """Whether node can sit on the line after previous in a tight list item, as it did."""
    if previous is None or previous.type != "paragraph":
        return False
    if node.type in _INTERRUPTS:
        return True
    if node.type in ("bullet_list", "ordered_list"):
        first = node.children[0]
        starts_at_one = node.type == "bullet_list" or _start(node) == 1
        return starts_at_one and bool(first.children)
    return False


def _block(node: SyntaxTreeNode, previous: SyntaxTreeNode | None) -> list[str]:
    kind = node.type
    if kind == "paragraph":
        return _inline(node.children[0].children)
    if kind == "heading":
        return _inline(node.children[0].children, bold=True)
    if kind == "blockquote":
        return _quoted(_blocks(node.children, tight=False)) or [">"]
    if kind in ("bullet_list", "ordered_list"):
        return _list(node, previous)
    if kind == "hr":
        # Underscores: `* ***` or `- ---` would be a rule, not a list item holding one.
        return ["___"]
    # Code, and raw HTML shown as the text it is.
    info = node.info.split(maxsplit=1)[0] if kind == "fence" and node.info.strip() else ""
    return _fenced(node.content, info if _LANGUAGE.fullmatch(info) else "")


def _fenced(content: str, info: str) -> list[str]:
    longest = max((len(run) for run in _BACKTICKS.findall(content)), default=0)
    fence = "`" * max(3, longest + 1)
    body = content[:-1] if content.endswith("\n") else content
    return [fence + info, *(body.split("\n") if content else []), fence]


def _start(node: SyntaxTreeNode) -> int:
    start = node.attrs.get("start", 1)
    return int(start) if isinstance(start, (int, float, str)) else 1


def _list(node: SyntaxTreeNode, previous: SyntaxTreeNode | None) -> list[str]:
    items = node.children
    tight = all(
        child.hidden for item in items for child in item.children if child.type == "paragraph"
    )
    markers = _markers(node, previous, len(items))
    out: list[str] = []
    for marker, item in zip(markers, items, strict=True):
        if out and not tight:
            out.append("")
        lines = _blocks(item.children, tight=tight)
        indent = " " * (len(marker) + 1)
        out.append(f"{marker} {lines[0]}" if lines else marker)
        out += [indent + line if line else "" for line in lines[1:]]
    return out


def _markers(node: SyntaxTreeNode, previous: SyntaxTreeNode | None, count: int) -> list[str]:
    """Each item's marker, as the writer chose it; a list right after another of the same
    marker (once an empty heading between them is gone) takes another, or the two would join."""
    mark = node.markup
    if previous is not None and previous.type == node.type and previous.markup == mark:
        mark = {"-": "*", "*": "+", "+": "-", ".": ")", ")": "."}[mark]
    if node.type == "bullet_list":
        return [mark] * count
    start = _start(node)
    numbers = range(start, start + count)
    if len(str(numbers[-1])) > 9:  # a marker has at most nine digits; only the first counts
        return [f"{start}{mark}"] * count
    return [f"{number}{mark}" for number in numbers]


@dataclass
class _Piece:
    kind: str  # text, code, open, close, break
    markdown: str


def _inline(nodes: Sequence[SyntaxTreeNode], *, bold: bool = False) -> list[str]:
    pieces = list(_pieces(nodes))
    if bold and pieces:
        pieces = _bold(pieces)
    _apart(pieces)
    lines: list[str] = []
    line: list[str] = []
    for index, piece in enumerate(pieces):
        if piece.kind == "break":
            lines.append("".join(line) + piece.markdown)
            line = []
            continue
        if piece.kind == "text":
            before = pieces[index - 1].kind if index else "break"
            after = pieces[index + 1].kind if index + 1 < len(pieces) else "break"
            markdown = escape_text(
                piece.markdown,
                at_start=before in ("break", "open"),
                at_end=after in ("break", "close"),
            )
            line.append(block_start(markdown) if before == "break" else markdown)
        else:
            line.append(piece.markdown)
    lines.append("".join(line))
    return lines if lines != [""] else []


def _bold(pieces: list[_Piece]) -> list[_Piece]:
    """A heading's text made strong, with the delimiter its own emphasis does not use: runs
    of the same one would pair up across (`**h***a***`)."""
    used = {piece.markdown[0] for piece in pieces if piece.kind in _EDGES}
    free = [mark for mark in ("**", "__") if mark[0] not in used]
    if not free:  # `*a* and _b_`: left as a plain line
        return pieces
    return [_Piece("open", free[0]), *pieces, _Piece("close", free[0])]


def _apart(pieces: list[_Piece]) -> None:
    """Emphasis written with the other delimiter (`*` or `_`) where its own would touch a
    literal one (`\\**a*`): joined into one run, delimiters pair up differently than they did
    in the note. Runs of delimiters alone were runs in the note too, and are kept."""
    pairs: list[tuple[int, int]] = []
    opened: list[int] = []
    for index, piece in enumerate(pieces):
        if piece.kind == "open":
            opened.append(index)
        elif piece.kind == "close":
            pairs.append((opened.pop(), index))
    for start, end in pairs:
        mark = pieces[start].markdown
        if mark[0] not in "*_":
            continue
        outside = (_edge(pieces, start - 1, -1), _edge(pieces, end + 1, 0))
        sides = ((start - 1, -1), (start + 1, 0), (end - 1, -1), (end + 1, 0))
        touching = {_edge(pieces, i, side) for i, side in sides if _is_text(pieces, i)}
        other = "_" if mark[0] == "*" else "*"
        fits = other == "*" or all(c in _APART for c in outside)  # `_` is never intraword
        if mark[0] in touching and other not in touching and fits:
            pieces[start] = _Piece("open", other * len(mark))
            pieces[end] = _Piece("close", other * len(mark))


def _is_text(pieces: list[_Piece], index: int) -> bool:
    return 0 <= index < len(pieces) and pieces[index].kind == "text"


def _edge(pieces: list[_Piece], index: int, side: int) -> str:
    """The character at one side of a piece as written; a line's edge reads as a space."""
    if not 0 <= index < len(pieces) or pieces[index].kind == "break":
        return " "
    return pieces[index].markdown[side : side + 1 or None] or " "


def _pieces(nodes: Sequence[SyntaxTreeNode]) -> Iterator[_Piece]:
    pending: list[str] = []
    for piece in _raw_pieces(nodes):
        if piece.kind == "text":
            pending.append(piece.markdown)
            continue
        if "".join(pending):  # the parser leaves empty text where delimiters were
            yield _Piece("text", "".join(pending))
        pending = []
        yield piece
    if "".join(pending):
        yield _Piece("text", "".join(pending))


def _raw_pieces(nodes: Sequence[SyntaxTreeNode]) -> Iterator[_Piece]:
    """The inline nodes as pieces; text is still raw (escaped once its neighbours are known)."""
    for node in nodes:
        kind = node.type
        if kind in ("text", "html_inline"):
            yield _Piece("text", node.content)
        elif kind == "softbreak":
            yield _Piece("break", "")
        elif kind == "hardbreak":
            yield _Piece("break", "\\")
        elif kind == "code_inline":
            yield _Piece("code", _code_span(node.content))
        elif kind in _DELIMITED:
            yield _Piece("open", node.markup)
            yield from _raw_pieces(node.children)
            yield _Piece("close", node.markup)
        elif kind in ("link", "image"):
            yield from _shown_link(node)
        else:
            yield _Piece("text", node.content)


def _shown_link(node: SyntaxTreeNode) -> Iterator[_Piece]:
    """A link or image as the text the writer typed, its label still formatted. Brackets and
    all: an emphasis beside it reads its edges as it did in the note."""
    if node.info == "auto":
        yield _Piece("text", "<")
        yield from _raw_pieces(node.children)
        yield _Piece("text", ">")
        return
    target = node.attrs.get("src" if node.type == "image" else "href", "")
    yield _Piece("text", "![" if node.type == "image" else "[")
    yield from _raw_pieces(node.children)
    yield _Piece("text", f"]({_parser().normalizeLinkText(str(target))})")


def _code_span(content: str) -> str:
    runs = {len(run) for run in _BACKTICKS.findall(content)}
    ticks = "`" * next(n for n in range(1, len(runs) + 2) if n not in runs)
    padded = content.startswith("`") or content.endswith("`")
    padded = padded or (content[:1] == " " == content[-1:] and content.strip(" ") != "")
    return f"{ticks} {content} {ticks}" if padded else f"{ticks}{content}{ticks}"

"""Notes as Markdown in exports: any note, written into a document and read back with
CommonMark and GFM-like parsers, keeps its text and formatting and adds no structure."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from mentorcli.render.markdown import inline
from mentorcli.render.notes_markdown import note_line, note_markdown
from mentorcli.render.text import visible

# What the writer parses notes with, to say what a note means.
NOTE_PARSER = MarkdownIt("commonmark").enable("strikethrough").disable("reference")
READERS = {
    "commonmark": MarkdownIt("commonmark").enable(["table", "strikethrough"]),
    "gfm": MarkdownIt("gfm-like").enable(["linkify", "table", "strikethrough"]),
}
FRAGMENTS = [
    "# ",
    "## h",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "999999999. ",
    "> ",
    "```",
    "~~~",
    "    ",
    "\t",
    "***",
    "___",
    "===",
    "---",
    "<div>",
    "</div>",
    "<!-- c -->",
    "<script>x</script>",
    "<b>",
    "[x]: /u",
    "[x]",
    "[^1]",
    "[^1]: note",
    "| a | b |",
    "|---|---|",
    "*",
    "**",
    "_",
    "`",
    "``",
    "~~",
    "\\",
    "  ",
    "\n",
    "\n\n",
    "http://x.com",
    "https://a.example/p?q=1",
    "example.com",
    "www.a.org",
    "a@b.co",
    "//host/x",
    "localhost:8000",
    "mailto:a@b.co",
    "<http://a.b>",
    "<a@b.co>",
    "[a](http://x.com)",
    "[a](<b c> 't')",
    "![i](y.png)",
    "![*i*](y.png)",
    "[**a**](%1b%0a)",
    "&amp;",
    "&copy;",
    "&#10;",
    "&#9;",
    "&#32;",
    "&nbsp;",
    "&#x202e;",
    "&#x1b;",
    "\x1b[31m",
    "\u202e",
    "\x00",
    "\r\n",
    ".",
    ":",
    "/",
    "a",
    "word",
    " ",
]
NOTES = st.lists(
    st.sampled_from(FRAGMENTS) | st.text(st.characters(codec="utf-8"), max_size=4), max_size=24
).map("".join)

DOCUMENT = (
    "# Title\n\n## Sessions\n\n### 1. Mon\n\n- video, 60 min\n\n{note}\n\n### 2. Tue\n\n- chat\n"
)
HEADINGS = ["Title", "Sessions", "1. Mon", "2. Tue"]


def document(note: str) -> str:
    lines = note_markdown(note)
    return DOCUMENT.format(note="\n".join(lines) if lines else "No notes.")


def every_token(tokens: list[Token]) -> list[Token]:
    found = []
    for token in tokens:
        found.append(token)
        found.extend(every_token(token.children or []))
    return found


def headings(tokens: list[Token]) -> list[str]:
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


def assert_adds_no_structure(markdown: str) -> None:
    for name, reader in READERS.items():
        tokens = reader.parse(markdown)
        kinds = {t.type for t in every_token(tokens)}
        bad = kinds & {"html_block", "html_inline", "image", "link_open", "table_open"}
        assert not bad, (name, bad)
        assert headings(tokens) == HEADINGS, name
        top = [t.type for t in tokens if t.level == 0 and t.nesting != -1]
        assert top[-1] == "bullet_list_open" and top.count("bullet_list_open") == 2, (name, top)


def outline_blocks(nodes: list[SyntaxTreeNode]) -> list[Any]:
    """What a reader sees of the blocks: their kinds, nesting, text and formatting."""
    out: list[Any] = []
    for node in nodes:
        kind = node.type
        if kind == "paragraph":
            shown = outline_inline(node.children[0].children)
            if shown:  # a paragraph of Unicode spaces alone is nothing to see, there or here
                out.append(("paragraph", shown))
        elif kind == "heading":  # demoted to a bold line
            children = node.children[0].children
            shown = outline_inline(children)
            if shown:
                # Bold by the delimiter the text's emphasis does not use; plain if it uses both.
                used = {c.markup[0] for c in delimited(children)}
                out.append(("paragraph", shown if {"*", "_"} <= used else [("strong", shown)]))
        elif kind in ("fence", "code_block", "html_block"):
            info = node.info.split(maxsplit=1)[0] if kind == "fence" and node.info.strip() else ""
            info = info if re.fullmatch(r"[\w+#.-]{1,40}", info) else ""  # a language name, kept
            # A fence left open at the note's end holds no last newline; written, it is closed.
            content = node.content if node.content.endswith("\n") else node.content + "\n"
            out.append(("code", visible(content) if node.content else "", info))
        elif kind == "hr":
            out.append(("hr",))
        elif kind == "blockquote":
            out.append(("quote", outline_blocks(node.children)))
        elif kind in ("bullet_list", "ordered_list"):
            start = node.attrs.get("start", 1) if kind == "ordered_list" else None
            items = [outline_blocks(item.children) for item in node.children]
            out.append((kind, start, items))
        else:
            raise AssertionError(kind)
    return out


def delimited(nodes: list[SyntaxTreeNode]) -> list[SyntaxTreeNode]:
    found = [node for node in nodes if node.type in ("em", "strong")]
    return found + [inner for node in nodes for inner in delimited(node.children)]


def outline_inline(nodes: list[SyntaxTreeNode]) -> list[Any]:
    out: list[Any] = []

    def text(content: str) -> None:
        if not content:  # the parser leaves empty text where delimiters were
            return
        if out and isinstance(out[-1], str):
            out[-1] += content
        else:
            out.append(content)

    for node in nodes:
        kind = node.type
        if kind in ("text", "html_inline"):
            text(visible(node.content))
        elif kind == "softbreak":
            text("\n")
        elif kind == "hardbreak":
            out.append(("br",))
        elif kind == "code_inline":
            out.append(("code", node.content))
        elif kind in ("em", "strong", "s"):
            out.append((kind, outline_inline(node.children)))
        elif kind in ("link", "image"):  # shown as typed, the label still formatted
            auto = node.info == "auto"
            target = visible(NOTE_PARSER.normalizeLinkText(str(node.attrs.get("href", ""))))
            text("<" if auto else "![" if kind == "image" else "[")
            for part in outline_inline(node.children):
                if isinstance(part, str):
                    text(part)
                else:
                    out.append(part)
            if kind == "image":
                target = visible(NOTE_PARSER.normalizeLinkText(str(node.attrs["src"])))
            text(">" if auto else f"]({target})")
        else:
            raise AssertionError(kind)
    return out


def note_outline(markdown: str) -> list[Any]:
    """The outline of the note as the document's CommonMark reader shows it."""
    tokens = READERS["commonmark"].parse(markdown)
    tree = SyntaxTreeNode(tokens)
    quotes = [node for node in tree.children if node.type == "blockquote"]
    assert len(quotes) <= 1
    return outline_blocks(quotes[0].children) if quotes else []


RUNS = re.compile(r"[*_]{3}")


def flat(outline: Any) -> Any:
    """The outline without emphasis, and without the stars and underscores that made it."""
    if isinstance(outline, str):
        return outline.replace("*", "").replace("_", "")
    if isinstance(outline, tuple) and outline and outline[0] in ("em", "strong"):
        return flat(outline[1])
    if isinstance(outline, (list, tuple)):
        parts = [flat(part) for part in outline]
        merged: list[Any] = []
        for part in parts:
            if isinstance(part, list) and not isinstance(outline, tuple):
                merged.extend(part)
            else:
                merged.append(part)
        return "".join(merged) if all(isinstance(p, str) for p in merged) else merged
    return outline


def meant(note: str) -> list[Any]:
    return outline_blocks(SyntaxTreeNode(NOTE_PARSER.parse(visible(note))).children)


def too_deep(note: str) -> bool:
    return any(token.level > 12 for token in NOTE_PARSER.parse(visible(note)))


@settings(max_examples=1500, deadline=None)
@given(NOTES)
@example("**pip-tools**\n- feature flags\n- `uv` and _speed_")
@example("```\nleft open\n- \n# not a heading")
@example("para\n# heading after lazy\n===\n<div>\n[r]: /u\n| a |\n|-|\n[^1]\n&amp;")
@example("- a\n#\n- b")
@example("*&#32;x*")
@example("> " * 30 + "deep")
def test_any_note_keeps_its_text_and_adds_no_structure(note: str) -> None:
    markdown = document(note)
    assert_adds_no_structure(markdown)
    if too_deep(note):
        return
    if RUNS.search(note):
        # Runs of three delimiters nest emphasis by rules that look at the whole run: the text
        # and blocks survive, emphasis may nest otherwise.
        assert flat(note_outline(markdown)) == flat(meant(note))
    else:
        assert note_outline(markdown) == meant(note)


def test_what_the_writer_meant_is_shown() -> None:
    note = (
        "# Plan\n**pip-tools** and `uv`, see example.com.\n\n- feature flags\n- *canary*\n\n"
        "```python\nprint(1)\n```\n<b>raw</b> [docs](http://x.org/a) ![shot](s.png)\nend\\\nnext"
    )
    lines = note_markdown(note)
    assert lines == [
        "> **Plan**",
        ">",
        "> **pip-tools** and `uv`, see example\\.com.",
        ">",
        "> - feature flags",
        "> - *canary*",
        ">",
        "> ```python",
        "> print(1)",
        "> ```",
        ">",
        "> \\<b\\>raw\\</b\\> \\[docs\\](http\\:\\//x\\.org/a) \\!\\[shot\\](s\\.png)",
        "> end\\",
        "> next",
    ]


def test_control_characters_stay_visible() -> None:
    lines = note_markdown("\x1b[31mred `\x1b]8;;x\x07` &#x202e;\u202e\n```\n\x00\n```")
    assert not any(c in "".join(lines) for c in "\x1b\x07\x00\u202e")
    html = READERS["commonmark"].render("\n".join(lines))
    assert "\\x1b[31mred" in html and "\\x1b]8;;x\\x07" in html and html.count("\\u202e") == 2


@settings(max_examples=600, deadline=None)
@given(NOTES)
def test_a_note_on_one_line_stays_inline(note: str) -> None:
    """The agenda's recap: the note's first line, inline formatting only."""
    line = note_line(note)
    assert "\n" not in line
    markdown = DOCUMENT.format(note=f"> {line}")
    assert_adds_no_structure(markdown)
    for reader in READERS.values():
        tokens = reader.parse(markdown)
        start = next(i for i, t in enumerate(tokens) if t.type == "blockquote_open")
        end = next(i for i, t in enumerate(tokens) if t.type == "blockquote_close")
        quote = [t.type for t in tokens[start + 1 : end]]
        assert quote in ([], ["paragraph_open", "inline", "paragraph_close"]), quote


@settings(max_examples=600, deadline=None)
@given(NOTES)
def test_literal_text_is_never_a_link(text: str) -> None:
    assert_adds_no_structure(DOCUMENT.format(note=f"> {inline(text)}"))

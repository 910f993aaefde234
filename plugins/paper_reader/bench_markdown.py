"""Time the safe Markdown the reader renders abstracts with (paperfeed/markdown.py) on
abstracts made to be slow; it prints, asserts nothing.

    python plugins/paper_reader/bench_markdown.py [--max-seconds S] [SIZE ...]

For each kind of input (a run of `[`, of `[a](`, nested lists, ...) and each size in
characters (default 10,000, the limit MAX_ABSTRACT_LENGTH, and 50,000), the seconds
safe_markdown takes to convert it, past the limit too: the reader refuses longer abstracts,
but the time shows how the work grows. A kind is not timed at larger sizes once it took more
than --max-seconds (default 30).
"""

import argparse
import time

from paperfeed.markdown import safe_markdown
from paperfeed.validate import MAX_ABSTRACT_LENGTH


def _repeat(unit: str):
    return lambda size: unit * (size // len(unit))


def _nested_list(marker: str):
    def make(size: int) -> str:
        lines, total, depth = [], 0, 0
        while total < size:
            lines.append("    " * depth + marker + " a\n")
            total += len(lines[-1])
            depth += 1
        return "".join(lines)

    return make


# What each input is made of; the first kinds took time quadratic in their length.
INPUTS = {
    "[": _repeat("["),
    "[a](": _repeat("[a]("),
    "[x][": _repeat("[x]["),
    "[a] [": _repeat("[a] ["),
    "[](": _repeat("[]("),
    "[](()": _repeat("[](()"),
    '[]("x)': _repeat('[]("x)'),
    "[a](<": _repeat("[a](<"),
    "[[a](x)](x)...": lambda size: "[" * (size // 5) + "a" + "](x)" * (size // 5),
    "---\\n": _repeat("---\n"),
    "a\\n===\\n": _repeat("a\n===\n"),
    "# a\\n": _repeat("# a\n"),
    "nested - lists": _nested_list("-"),
    "nested 1. lists": _nested_list("1."),
    "> a\\n\\n": _repeat("> a\n\n"),
    ">": _repeat(">"),
    "*a": _repeat("*a"),
    "*_ nested": lambda size: "*_" * (size // 4) + "a" + "_*" * (size // 4),
    "`a": _repeat("`a"),
    "<a": _repeat("<a"),
    "&#": _repeat("&#"),
    "\\": _repeat("\\"),
    "$a": _repeat("$a"),
    "a\\n\\n": _repeat("a\n\n"),
    "words": _repeat("word "),
    "an abstract": _repeat(
        "We study $O(n)$ *attention* with [code](https://github.com/a/b) and `x`. "
    ),
}


def main() -> None:
    """Print a table: one row per kind of input, the seconds for each size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[MAX_ABSTRACT_LENGTH, 50_000])
    parser.add_argument("--max-seconds", type=float, default=30.0)
    arguments = parser.parse_args()
    markdown = safe_markdown()
    print(f"{'input':18}" + "".join(f"{size:>12,}" for size in arguments.sizes))
    for name, make in INPUTS.items():
        row = f"{name:18}"
        for size in arguments.sizes:
            text = make(size)
            start = time.perf_counter()
            markdown.reset().convert(text)
            seconds = time.perf_counter() - start
            row += f"{seconds:12.3f}"
            if seconds > arguments.max_seconds:
                break
        print(row, flush=True)


if __name__ == "__main__":
    main()

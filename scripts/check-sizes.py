#!/usr/bin/env python3
"""Files a person can own: the code of a source file (above its tests) is at most 600 lines,
and a function over 100 lines says why, in a `// Long: …` comment among the lines above it.
Prints the longest files and functions; exits 1 naming each file or function that breaks a rule.
Integration test suites (`tests/*.rs`) are held to the function rule only."""

import pathlib
import re
import sys

MAX_FILE, MAX_FN = 600, 100
FN = re.compile(r"^(\s*)(pub(\([^)]*\))?\s+)?(async\s+)?(const\s+)?(unsafe\s+)?fn\s+(\w+)")


def functions(lines):
    """(first line, length, name, reason) of each function with a body."""
    i = 0
    while i < len(lines):
        m = FN.match(lines[i])
        if not m:
            i += 1
            continue
        indent = len(m.group(1))
        j = i
        while j < len(lines) and not lines[j].rstrip().endswith(("{", ";")):
            j += 1
        if j == len(lines) or lines[j].rstrip().endswith(";"):
            i += 1
            continue
        k = j + 1
        while k < len(lines) and not (
            lines[k].startswith(" " * indent + "}") and len(lines[k]) - len(lines[k].lstrip()) == indent
        ):
            k += 1
        above = []
        a = i - 1
        while a >= 0 and lines[a].strip().startswith(("//", "#[")):
            above.append(lines[a].strip())
            a -= 1
        reason = any(x.startswith("// Long:") for x in above)
        yield i + 1, k - i + 1, m.group(7), reason
        i += 1


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    problems, sizes, long_fns = [], [], []
    for path in sorted(root.glob("crates/*/**/*.rs")):
        rel = path.relative_to(root)
        if "target" in rel.parts:
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        code = next((n for n, l in enumerate(lines) if l.startswith("#[cfg(test)]")), len(lines))
        in_src = "src" in rel.parts
        sizes.append((code, rel))
        if in_src and code > MAX_FILE:
            problems.append(f"{rel}: {code} lines of code above its tests (at most {MAX_FILE}): split it")
        for line, n, name, reason in functions(lines):
            if n > MAX_FN:
                long_fns.append((n, f"{rel}:{line} {name}", reason))
                if not reason:
                    problems.append(
                        f"{rel}:{line}: fn {name} is {n} lines (over {MAX_FN}): split it or say why in a `// Long:` comment above it"
                    )
    print("longest files (lines of code above the tests):")
    for n, rel in sorted(sizes, reverse=True)[:5]:
        print(f"  {n:5} {rel}")
    print(f"functions over {MAX_FN} lines: {len(long_fns)}, each with its reason" if not problems else "")
    for n, where, reason in sorted(long_fns, reverse=True):
        print(f"  {n:5} {where}{'' if reason else '  (no reason)'}")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Cut the book's math and text fonts down to the characters a book of this
kind uses, so that a page (the print page above all) loads far less.

The originals are pulldown-latex 0.8.0's fonts (see book/src/mathml/NOTICE.txt), kept under
book/fonts/original/. The subsets keep the OpenType MATH table (fontTools subsets
it with its size variants and assembly parts, so big operators, roots and
stretched brackets still draw) and every layout feature.

Each subset's covered code points are written beside it, as ranges, to book/src/mathml/
font/NAME.codepoints; the book builder refuses a formula with a character
outside them (naming the character and this script). To cover more, add a
range below and run, from the repository's root:

    python3 -m venv /tmp/fonts && /tmp/fonts/bin/pip install fonttools brotli
    /tmp/fonts/bin/python book/fonts/subset.py
"""

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent / "src" / "mathml" / "font"
ORIGINAL = HERE / "original"
THEME_FONTS = HERE.parent / "theme" / "fonts"

TEXT = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1: no-break space, ×, ±, accented letters
    (0x0131, 0x0131), (0x0237, 0x0237),  # dotless i and j, for accents
    (0x02C6, 0x02DC),  # spacing accents
    (0x0300, 0x036F),  # combining accents
    (0x0391, 0x03F6),  # Greek
    (0x2000, 0x206F),  # spaces, dashes, primes, …, function application
]

MATH = TEXT + [
    (0x20D0, 0x20F0),  # combining marks for symbols (vector arrows)
    (0x2100, 0x214F),  # letterlike: ℝ, ℕ, ℓ, ℎ (the italic h)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x2300, 0x23FF),  # ceilings, floors, over- and underbraces
    (0x25A0, 0x25FF),  # geometric shapes
    (0x27C0, 0x27FF),  # angle brackets, long arrows
    (0x2980, 0x29FF),  # more brackets
    (0x2A00, 0x2A0C),  # big ⊙ ⊕ ⊗, iterated integrals
    (0x1D400, 0x1D467),  # bold and italic Latin
    (0x1D49C, 0x1D4CF),  # script Latin (\mathcal)
    (0x1D538, 0x1D56B),  # double-struck Latin
    (0x1D6A8, 0x1D71B),  # bold and italic Greek
    (0x1D7CE, 0x1D7E1),  # bold and double-struck digits
]

# mdBook's own fonts (Open Sans for prose, Source Code Pro for code) ship
# with every charset; the book's prose and listings are English, with Greek,
# sub- and superscripts, arrows, operators and box drawing in code comments.
PROSE = TEXT + [
    (0x0100, 0x017F),  # Latin Extended-A
    (0x1D00, 0x1DBF),  # phonetic letters: ᵀ and the other small capitals
    (0x2070, 0x209F),  # superscripts and subscripts
    (0x20A0, 0x20BF),  # currency
    (0x2100, 0x214F),  # letterlike
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x2300, 0x23FF),  # technical
    (0x2500, 0x25FF),  # box drawing, blocks, geometric shapes
    (0xFFFD, 0xFFFD),
]

MDBOOK = {
    f"open-sans-v17-all-charsets-{style}.woff2": PROSE
    for style in ["300", "300italic", "regular", "italic", "600", "600italic",
                  "700", "700italic", "800", "800italic"]
} | {"source-code-pro-v11-all-charsets-500.woff2": PROSE}

FONTS = {
    "latinmodern-math.woff2": MATH,
    "lmroman12-regular.woff2": TEXT,
    "lmroman12-bold.woff2": TEXT,
    "lmroman12-italic.woff2": TEXT,
}


def cut(source, target, ranges):
    wanted = {c for low, high in ranges for c in range(low, high + 1)}
    options = subset.Options()
    options.layout_features = ["*"]
    options.flavor = "woff2"
    options.name_IDs = ["*"]  # keep the licence and copyright records
    options.notdef_outline = True
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(target)
    print(f"{target.name}: {source.stat().st_size} -> {target.stat().st_size} bytes")


def main():
    for name, ranges in MDBOOK.items():
        cut(ORIGINAL / "mdbook" / name, THEME_FONTS / name.replace("all-charsets", "subset"), ranges)
    for name, ranges in FONTS.items():
        cut(ORIGINAL / name, FONT / name, ranges)
        covered = sorted(TTFont(FONT / name).getBestCmap())
        lines, start = [], None
        for i, c in enumerate(covered):
            if start is None:
                start = c
            if i + 1 == len(covered) or covered[i + 1] != c + 1:
                lines.append(f"{start:04X}-{c:04X}" if c != start else f"{c:04X}")
                start = None
        stem = name.removesuffix(".woff2")
        (FONT / f"{stem}.codepoints").write_text(
            f"# The characters font/{name} covers (written by book/fonts/subset.py).\n"
            + "\n".join(lines) + "\n"
        )


if __name__ == "__main__":
    main()

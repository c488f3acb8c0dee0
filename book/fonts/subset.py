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

# The math font is the biggest file a page loads, and most of it is glyphs
# a book of this kind never draws: the whole Mathematical Alphanumeric
# Symbols block alone is 100 KB. So it keeps the letters a formula is drawn
# in (ASCII, Greek, and their italics, which the browser substitutes for a
# one-letter <mi>), the digit 1 in bold (the vector of ones), and of the
# symbol blocks what the book's formulas use and their close relatives.
# The builder refuses a formula with anything else (book/builder/math.rs).
MATH = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00A0), (0x00AC, 0x00AC), (0x00B1, 0x00B1),  # no-break space, ¬, ±
    (0x00B7, 0x00B7), (0x00D7, 0x00D7), (0x00F7, 0x00F7),  # ·, ×, ÷
    (0x0131, 0x0131), (0x0237, 0x0237),  # dotless i and j, for accents
    (0x02C6, 0x02C7), (0x02D8, 0x02DC),  # spacing accents
    (0x0300, 0x030C),  # combining accents (hat, bar, dot, tilde, ...)
    (0x0391, 0x03C9), (0x03D1, 0x03D1), (0x03D5, 0x03D6),  # Greek, ϑ, ϕ, ϖ
    (0x03F0, 0x03F1), (0x03F5, 0x03F5),  # ϰ, ϱ, ϵ
    (0x2000, 0x206F),  # spaces, dashes, primes, …, function application
    (0x20D6, 0x20D7), (0x20E1, 0x20E1),  # vector arrows
    (0x210E, 0x210E), (0x2113, 0x2113),  # ℎ (the italic h), ℓ
    (0x2115, 0x2115), (0x211D, 0x211D), (0x2124, 0x2124),  # ℕ, ℝ, ℤ
    (0x2190, 0x2195), (0x21A6, 0x21A6), (0x21D0, 0x21D5),  # ← ↑ → ↓ ↔ ↕, ↦, ⇐ ⇒ ⇔
    (0x2200, 0x221E),  # ∀ ∂ ∃ ∅ ∇ ∈ ∉ ∏ ∑ − ∓ ∕ ∗ ∘ ∙ √ ∝ ∞
    (0x2223, 0x222B),  # ∣ ∥ ∧ ∨ ∩ ∪ ∫
    (0x2243, 0x2248), (0x2260, 0x2265),  # ≃ ≅ ≈, ≠ ≡ ≤ ≥
    (0x226A, 0x226B), (0x2282, 0x2287),  # ≪ ≫, ⊂ ⊃ ⊆ ⊇
    (0x2295, 0x2299), (0x22A4, 0x22A5),  # ⊕ ⊖ ⊗ ⊘ ⊙, ⊤ ⊥
    (0x22C4, 0x22C6), (0x22EE, 0x22F1),  # ⋄ ⋅ ⋆, ⋮ ⋯ ⋰ ⋱
    (0x2308, 0x230B),  # ceilings and floors
    (0x23B4, 0x23B5), (0x23DC, 0x23E1),  # over- and underbrackets, braces
    (0x25A1, 0x25A1), (0x25B3, 0x25B3),  # □, △
    (0x27E8, 0x27E9), (0x27F5, 0x27FA),  # angle brackets, long arrows
    (0x2A00, 0x2A02),  # big ⊙ ⊕ ⊗
    (0x1D434, 0x1D467),  # italic Latin
    (0x1D6A4, 0x1D6A5),  # dotless italic i and j
    (0x1D6E2, 0x1D71B),  # italic Greek
    (0x1D7CE, 0x1D7D7),  # bold digits
]

# mdBook's own fonts (Open Sans for prose, Source Code Pro for code) ship
# with every charset; the book's prose and listings are English, with Greek,
# sub- and superscripts, arrows and operators in code comments. Accented
# Latin beyond Latin-1, combining accents, currency signs and box drawing
# are left out (4-11 KB a font); a character outside these is drawn from
# another font, so nothing breaks, it only looks different.
PROSE = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1: no-break space, ×, ±, é, ü
    (0x0131, 0x0131), (0x0237, 0x0237),  # dotless i and j
    (0x02C6, 0x02DC),  # spacing accents
    (0x0391, 0x03F6),  # Greek
    (0x1D00, 0x1DBF),  # phonetic letters: ᵀ, ᵢ and the other small letters
    (0x2000, 0x206F),  # spaces, dashes, quotes, …
    (0x2070, 0x209F),  # superscripts and subscripts
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x2300, 0x23FF),  # technical
    (0x25A0, 0x25FF),  # geometric shapes
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

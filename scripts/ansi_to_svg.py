#!/usr/bin/env python3
"""Turns a terminal screen captured with `tmux capture-pane -p -e` (text with SGR colour sequences) into an SVG
picture of that screen, for scripts/screenshot. Standard library only.

  ansi_to_svg.py --columns 80 --rows 24 [--cursor X,Y,VISIBLE] [--title TEXT] < screen.ansi > screen.svg

Each cell keeps its column: runs of one style become one <text> stretched to exactly their cells' width, so the
picture does not depend on the viewer's monospace font having the same advance as ours.
"""
import argparse
import re
import sys
from html import escape

CELL_W = 9
CELL_H = 18
FONT_SIZE = 15
PAD = 12
BAR = 28
DEFAULT_FG = (0xD0, 0xD0, 0xD0)
DEFAULT_BG = (0x1C, 0x1C, 0x1C)
# The 16 basic colours (xterm's defaults), for 30-37, 40-47, 90-97 and 100-107.
BASIC = [
    (0x00, 0x00, 0x00), (0xCD, 0x00, 0x00), (0x00, 0xCD, 0x00), (0xCD, 0xCD, 0x00),
    (0x00, 0x00, 0xEE), (0xCD, 0x00, 0xCD), (0x00, 0xCD, 0xCD), (0xE5, 0xE5, 0xE5),
    (0x7F, 0x7F, 0x7F), (0xFF, 0x00, 0x00), (0x00, 0xFF, 0x00), (0xFF, 0xFF, 0x00),
    (0x5C, 0x5C, 0xFF), (0xFF, 0x00, 0xFF), (0x00, 0xFF, 0xFF), (0xFF, 0xFF, 0xFF),
]
SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def palette256(n):
    if n < 16:
        return BASIC[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    level = 8 + (n - 232) * 10
    return (level, level, level)


class Style:
    def __init__(self):
        self.fg = None
        self.bg = None
        self.bold = False
        self.underline = False
        self.reverse = False

    def key(self):
        return (self.fg, self.bg, self.bold, self.underline, self.reverse)

    def apply(self, params):
        codes = [int(p) if p else 0 for p in re.split("[;:]", params)] if params else [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                self.__init__()
            elif c == 1:
                self.bold = True
            elif c == 22:
                self.bold = False
            elif c == 4:
                self.underline = True
            elif c == 24:
                self.underline = False
            elif c == 7:
                self.reverse = True
            elif c == 27:
                self.reverse = False
            elif c in (38, 48) and i + 1 < len(codes):
                if codes[i + 1] == 2 and i + 4 < len(codes):
                    colour = tuple(codes[i + 2:i + 5])
                    i += 4
                elif codes[i + 1] == 5 and i + 2 < len(codes):
                    colour = palette256(codes[i + 2])
                    i += 2
                else:
                    colour = None
                if c == 38:
                    self.fg = colour
                else:
                    self.bg = colour
            elif c == 39:
                self.fg = None
            elif c == 49:
                self.bg = None
            elif 30 <= c <= 37:
                self.fg = BASIC[c - 30]
            elif 90 <= c <= 97:
                self.fg = BASIC[c - 90 + 8]
            elif 40 <= c <= 47:
                self.bg = BASIC[c - 40]
            elif 100 <= c <= 107:
                self.bg = BASIC[c - 100 + 8]
            i += 1


def parse(text, columns, rows):
    """The screen as rows of (character, style key) cells."""
    screen = []
    style = Style()
    for line in text.split("\n")[:rows]:
        cells = []
        pos = 0
        for match in SGR.finditer(line + "\x1b[m"):
            for ch in line[pos:match.start()]:
                cells.append((ch, style.key()))
            style.apply(match.group(1))
            pos = match.end()
        cells = cells[:columns]
        cells += [(" ", style.key())] * (columns - len(cells))
        screen.append(cells)
    while len(screen) < rows:
        screen.append([(" ", Style().key())] * columns)
    return screen


def hex_colour(rgb):
    return "#%02x%02x%02x" % rgb


def colours(key):
    fg, bg, _, _, reverse = key
    fg = fg or DEFAULT_FG
    bg = bg or DEFAULT_BG
    return (bg, fg) if reverse else (fg, bg)


def runs(cells):
    """Consecutive cells of one style: (first column, text, style key)."""
    start = 0
    for i in range(1, len(cells) + 1):
        if i == len(cells) or cells[i][1] != cells[start][1]:
            yield start, "".join(ch for ch, _ in cells[start:i]), cells[start][1]
            start = i


def render(screen, columns, rows, cursor, title):
    width = columns * CELL_W + 2 * PAD
    height = rows * CELL_H + 2 * PAD + BAR
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, monospace" font-size="{FONT_SIZE}">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" rx="8" fill="#2b2b2b"/>',
    ]
    for i, colour in enumerate(("#ff5f56", "#ffbd2e", "#27c93f")):
        out.append(f'<circle cx="{PAD + 8 + i * 20}" cy="{BAR // 2}" r="6" fill="{colour}"/>')
    out.append(f'<text x="{width // 2}" y="{BAR // 2 + 5}" fill="#9a9a9a" text-anchor="middle" font-size="13">{escape(title)}</text>')
    top = BAR + PAD
    out.append(f'<rect x="{PAD}" y="{top}" width="{columns * CELL_W}" height="{rows * CELL_H}" fill="{hex_colour(DEFAULT_BG)}"/>')
    for y, cells in enumerate(screen):
        for x, text, key in runs(cells):
            _, bg = colours(key)
            if bg != DEFAULT_BG:
                out.append(f'<rect x="{PAD + x * CELL_W}" y="{top + y * CELL_H}" width="{len(text) * CELL_W}" height="{CELL_H}" fill="{hex_colour(bg)}"/>')
    if cursor is not None:
        cx, cy = cursor
        out.append(f'<rect x="{PAD + cx * CELL_W}" y="{top + cy * CELL_H}" width="{CELL_W}" height="{CELL_H}" fill="{hex_colour(DEFAULT_FG)}" opacity="0.7"/>')
    for y, cells in enumerate(screen):
        baseline = top + y * CELL_H + CELL_H - 5
        for x, text, key in runs(cells):
            if not text.strip():
                continue
            fg, _ = colours(key)
            attributes = f'x="{PAD + x * CELL_W}" y="{baseline}" fill="{hex_colour(fg)}"'
            attributes += f' textLength="{len(text) * CELL_W}" lengthAdjust="spacingAndGlyphs"'
            if key[2]:
                attributes += ' font-weight="bold"'
            if key[3]:
                attributes += ' text-decoration="underline"'
            out.append(f'<text {attributes} xml:space="preserve">{escape(text)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--columns", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--cursor", help="X,Y,VISIBLE as tmux's #{cursor_x},#{cursor_y},#{cursor_flag}")
    parser.add_argument("--title", default="btrchat")
    args = parser.parse_args()
    cursor = None
    if args.cursor:
        x, y, visible = (int(v) for v in args.cursor.split(","))
        cursor = (x, y) if visible else None
    screen = parse(sys.stdin.read(), args.columns, args.rows)
    sys.stdout.write(render(screen, args.columns, args.rows, cursor, args.title))


if __name__ == "__main__":
    main()

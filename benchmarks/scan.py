"""A notice as a scan: a text laid out on A4 pages the way GB/T 9704-2012 prints it, as images.

Used to build the OCR fixtures (tests/data/*.scan.pdf, *.png) and by benchmarks/ocr_bench.py.
The layout is the standard's: a red 发文机关标志 and red rule on the first page, 22 lines of 28
characters in a 156 × 225 mm text block, paragraphs indented two characters, the title centred,
signature and date to the right under a red seal, page numbers `— 3 —` at the foot. Needs a CJK
font (Debian's fonts-noto-cjk); nothing of it is needed to run zqdoc or its tests.

    python3 benchmarks/scan.py corpora/zhaoqing-2012-plan.txt out.pdf --mark 肇庆市人民政府办公室文件
"""
from __future__ import annotations

import argparse
import math
import re
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
SERIF_BOLD = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
RED = (220, 30, 30)
MM = 1 / 25.4  # inches
_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|[①-⑳])")
_DOC_NUMBER = re.compile(r"[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号")
_DATE = re.compile(r"^[〇○零一二三四五六七八九十\d]{4}年[〇○零一二三四五六七八九十\d]{1,2}月[〇○零一二三四五六七八九十\d]{1,3}日$")


def _kind(line: str, i: int, lines: list[str]) -> str:
    """How a line is set: centre (title), right (signature, date) or body."""
    s = line.strip()
    if _DATE.match(s):
        return "right"
    if i + 1 < len(lines) and _DATE.match(lines[i + 1].strip()) and len(s) <= 20:
        return "right"
    if len(s) <= 24 and not _MARKER.match(s) and s[-1:] not in "。；：:;，," and "：" not in s and ":" not in s:
        return "centre"
    return "body"


def render(text: str, dpi: int = 150, mark: str | None = None, columns: int = 1) -> list[Image.Image]:
    """The pages of `text` as RGB images at `dpi`. `mark`: the red 发文机关标志 of page one.
    `columns=2` sets the body in two columns (a gazette page), to test reading order."""
    px = lambda mm: round(mm * MM * dpi)  # noqa: E731
    width, height = px(210), px(297)
    left, top, block_w, block_h = px(28), px(37), px(156), px(225)
    gutter = px(8)
    col_w = block_w if columns == 1 else (block_w - gutter) // 2
    size = px(156 / 28) if columns == 1 else px(156 / 28 * 0.8)
    pitch = block_h / 22 if columns == 1 else block_h / 26
    font = ImageFont.truetype(SERIF, size)
    title_font = ImageFont.truetype(SERIF_BOLD, round(size * 1.3))
    mark_font = ImageFont.truetype(SERIF_BOLD, round(size * 2.2))
    number_font = ImageFont.truetype(SERIF, round(size * 0.8))
    pages: list[Image.Image] = []
    state = {"col": 0, "y": 0.0}

    def new_page():
        img = Image.new("RGB", (width, height), "white")
        img.info["text"] = []  # the black text drawn on it, for measuring OCR
        pages.append(img)
        d = ImageDraw.Draw(img)
        label = f"— {len(pages)} —"
        img.info["text"].append(label)
        d.text((width / 2, top + block_h + px(12)), label, font=number_font, fill="black", anchor="mm")
        state["col"], state["y"] = 0, 0.0
        if len(pages) == 1 and mark:
            d.text((width / 2, top + px(10)), mark, font=mark_font, fill=RED, anchor="mm")
            state["y"] = px(30)
        return d

    draw = new_page()

    def advance(lines: float = 1.0):
        nonlocal draw
        state["y"] += pitch * lines
        if state["y"] + pitch > block_h:
            if columns == 2 and state["col"] == 0:
                state["col"], state["y"] = 1, 0.0
            else:
                draw = new_page()

    def x0() -> int:
        return left + state["col"] * (col_w + gutter)

    lines = [ln for ln in text.split("\n") if ln.strip()]
    last_right = None
    for i, line in enumerate(lines):
        s = line.strip()
        kind = _kind(s, i, lines)
        if (title_font if kind == "centre" else font).getlength(s) > col_w:
            kind = "body"
        y = top + state["y"]
        number_line = i == 0 and mark and _DOC_NUMBER.search(s)
        if kind != "body" or number_line:
            pages[-1].info["text"].append(s)
        if number_line:  # 发文字号, centred above the red rule
            draw.text((width / 2, y + pitch / 2), s, font=font, fill="black", anchor="mm")
            draw.line([(left, y + pitch * 1.2), (left + block_w, y + pitch * 1.2)], fill=RED, width=max(2, px(0.6)))
            advance(1.6)
            continue
        if kind == "centre":
            draw.text((x0() + col_w / 2, y + pitch / 2), s, font=title_font, fill="black", anchor="mm")
            advance()
            continue
        if kind == "right":
            right = x0() + col_w - 4 * size
            draw.text((right, y + pitch / 2), s, font=font, fill="black", anchor="rm")
            if _DATE.match(s) and last_right:  # the seal sits over signature and date
                _seal(pages[-1], (last_right[0], (last_right[1] + y + pitch / 2) / 2), px(21), font)
            last_right = None if _DATE.match(s) else (right - font.getlength(s) / 2, y + pitch / 2)
            advance()
            continue
        indent = 0 if s.endswith(("：", ":")) and i < 6 else 2 * size
        rest = s
        while rest:
            n = 0  # as many characters as the measure holds
            while n < len(rest) and indent + font.getlength(rest[:n + 1]) <= col_w:
                n += 1
            chunk, rest = rest[:max(n, 1)], rest[max(n, 1):]
            pages[-1].info["text"].append(chunk)
            y = top + state["y"]
            # a full line is justified: the space left is spread between its characters
            extra = (col_w - indent - font.getlength(chunk)) / max(1, len(chunk) - 1) if rest else 0
            x = x0() + indent
            for ch in chunk:
                draw.text((x, y + pitch / 2), ch, font=font, fill="black", anchor="lm")
                x += font.getlength(ch) + extra
            indent = 0
            advance()
    return pages


def _seal(img: Image.Image, centre: tuple[float, float], radius: int, font) -> None:
    """A red round seal with a star and an arc of text, drawn over the signature."""
    over = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(over)
    cx, cy = centre
    d.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline=RED + (200,), width=max(3, radius // 14))
    star = [(cx + radius * 0.3 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
             cy - radius * 0.3 * math.sin(math.pi / 2 + k * 4 * math.pi / 5)) for k in range(5)]
    d.polygon(star, fill=RED + (200,))
    small = font.font_variant(size=max(8, radius // 4))
    label = "肇庆市人民政府办公室"
    for k, ch in enumerate(label):
        a = math.pi * (1.1 - 1.2 * k / (len(label) - 1))
        d.text((cx + radius * 0.72 * math.cos(a), cy - radius * 0.72 * math.sin(a)), ch, font=small,
               fill=RED + (200,), anchor="mm")
    # ink on paper multiplies: black under the seal stays black, white turns red
    ink = Image.alpha_composite(Image.new("RGBA", img.size, "white"), over).convert("RGB")
    img.paste(ImageChops.multiply(img, ink))


def save_pdf(pages: list[Image.Image], path: Path, dpi: int, quality: int = 60) -> None:
    """An image-only PDF (no text layer), each page one JPEG, as scanners save them."""
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=quality)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("text", type=Path)
    ap.add_argument("out", type=Path, help=".pdf (all pages) or .png (page one)")
    ap.add_argument("--dpi", type=int, default=150)
    ap.add_argument("--mark", help="the red 发文机关标志 of page one")
    ap.add_argument("--columns", type=int, default=1, choices=(1, 2))
    ap.add_argument("--pages", type=int, help="only the first N pages")
    args = ap.parse_args()
    pages = render(args.text.read_text(encoding="utf-8"), args.dpi, args.mark, args.columns)[:args.pages]
    if args.out.suffix == ".pdf":
        save_pdf(pages, args.out, args.dpi)
    else:
        pages[0].save(args.out, optimize=True)


if __name__ == "__main__":
    main()

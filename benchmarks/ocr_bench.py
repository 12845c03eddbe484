"""OCR engines measured on the same pages: character error rate against the text drawn, seconds a page.

The pages are corpus documents set as GB/T 9704 scans by benchmarks/scan.py (red 版头, red rule,
seal over the signature, page numbers), saved as JPEG the way scanners save them. Engines:

* rapidocr — `rapidocr-onnxruntime` (PP-OCR models in the wheel), red ink removed as zqdoc does;
* tesseract — Debian's tesseract-ocr with chi_sim (`--psm 6`), on the same red-free page.

CER = edit distance / characters of the text, both sides with whitespace removed and NFKC-folded
(full- and half-width punctuation count as one, as zqdoc's normaliser makes them), page numbers
included. Needs fonts-noto-cjk and, for tesseract, tesseract-ocr-chi-sim.

    python3 benchmarks/ocr_bench.py corpora/zhaoqing-2012-plan.txt --pages 4 --dpi 150 200

With --parse, each text is set as an image-only PDF (150 dpi, JPEG quality 60 and 45; a red 版头
"ISSUER文件" when the gold names the issuer), parsed by zqdoc with OCR, and scored against its gold
(corpora/NAME.gold.json), as `zqdoc eval` scores:

    python3 benchmarks/ocr_bench.py --parse corpora/zhaoqing-2012-plan.txt corpora/jianli-2022-fenjie.txt
"""
from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from scan import render  # noqa: E402

from PIL import Image  # noqa: E402

from zqdoc.formats.ocr import _engine, without_red  # noqa: E402


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def distance(a: str, b: str) -> int:
    """Levenshtein distance (two rows)."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _as_scanned(page: Image.Image, quality: int = 60) -> Image.Image:
    buf = io.BytesIO()
    page.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def rapidocr(page: Image.Image) -> str:
    result, _ = _engine()(without_red(page), use_cls=False)
    return "\n".join(t for _, t, s in result or [] if float(s) >= 0.5)


def tesseract(page: Image.Image) -> str:
    buf = io.BytesIO()
    Image.fromarray(without_red(page)).save(buf, "PNG")
    out = subprocess.run(["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "6"], input=buf.getvalue(),
                         capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def parse_scans(texts: list[Path], dpi: int = 150) -> None:
    import json
    import tempfile

    import zqdoc
    from scan import save_pdf
    from zqdoc.evaluate import Evaluation, evaluate_document

    print("| document | pages | JPEG quality | headings | assignments | targets | overall F1 | meta | s/page |")
    print("|---|---|---|---|---|---|---|---|---|")
    for text in texts:
        gold = json.loads(text.with_name(text.stem + ".gold.json").read_text(encoding="utf-8"))
        issuer = (gold.get("meta") or {}).get("issuer")
        pages = render(text.read_text(encoding="utf-8"), dpi, f"{issuer}文件" if issuer else None)  # a red 版头
        for quality in (60, 45):
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"{text.stem}.pdf"
                save_pdf(pages, path, dpi, quality)
                started = time.perf_counter()
                doc = zqdoc.parse(path)
                seconds = (time.perf_counter() - started) / len(pages)
            r = evaluate_document(gold, doc, text.stem)
            f1 = {k: f"{c.f1:.3f}" for k, c in r.fields.items()}
            print(f"| {text.stem} | {len(pages)} | {quality} | {f1['headings']} | {f1['assignments']} | {f1['targets']} "
                  f"| {Evaluation([r]).overall_f1():.3f} | {sum(r.meta.values())}/{len(r.meta)} | {seconds:.1f} |", flush=True)


def main() -> None:
    if sys.argv[1:2] == ["--parse"]:
        return parse_scans([Path(a) for a in sys.argv[2:]])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("text", type=Path)
    ap.add_argument("--pages", type=int, default=4)
    ap.add_argument("--dpi", type=int, nargs="+", default=[150, 200])
    ap.add_argument("--mark", default="肇庆市人民政府办公室文件")
    args = ap.parse_args()
    engines = {"rapidocr": rapidocr}
    if shutil.which("tesseract"):
        engines["tesseract"] = tesseract
    _engine()  # loaded once, not timed
    print(f"{args.text.name}, first {args.pages} pages")
    print("| engine | dpi | CER | s/page |\n|---|---|---|---|")
    for dpi in args.dpi:
        drawn = render(args.text.read_text(encoding="utf-8"), dpi, args.mark)[:args.pages]
        truths = [_fold("".join(p.info["text"])) for p in drawn]
        pages = [_as_scanned(p) for p in drawn]
        for name, engine in engines.items():
            errors = chars = 0
            started = time.perf_counter()
            for page, truth in zip(pages, truths):
                got = _fold(engine(page))
                errors += distance(truth, got)
                chars += len(truth)
            seconds = (time.perf_counter() - started) / len(pages)
            print(f"| {name} | {dpi} | {errors / chars:.4f} | {seconds:.2f} |", flush=True)


if __name__ == "__main__":
    main()

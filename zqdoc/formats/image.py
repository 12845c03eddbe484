"""Images of a notice (PNG, JPEG, TIFF — a multi-page TIFF is a multi-page scan —, BMP, WebP): read
by OCR (`ocr`), page by page, into the same layout as a PDF's text layer."""
from __future__ import annotations

import io

from ..errors import DamagedFile, InputTooLarge, NoTextLayer
from . import Extracted
from .layout import paragraphs, strip_running

_KINDS = ((b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"BM", "BMP"),
          (b"RIFF", "WebP"))
MAX_PIXELS = 60_000_000  # a page at 600 dpi is 35 million; more is a decompression bomb
MAX_FRAMES = 500


def read_image(data: bytes, name: str | None) -> Extracted:
    from . import ocr

    shown = name or "<bytes>"
    if not ocr.available():
        raise NoTextLayer(shown, f"is an image, which zqdoc reads by OCR: install it ({ocr.INSTALL})")
    from PIL import Image, ImageSequence

    Image.MAX_IMAGE_PIXELS = None  # checked below, with our own message
    try:
        img = Image.open(io.BytesIO(data))
        frames = getattr(img, "n_frames", 1)
        if frames > MAX_FRAMES:
            raise InputTooLarge(shown, f"is an image of {frames} pages, over the cap of {MAX_FRAMES}")
        if img.width * img.height > MAX_PIXELS:
            raise InputTooLarge(shown, f"is an image of {img.width}×{img.height} pixels, over the cap of {MAX_PIXELS}")
        pages = []
        for number, frame in enumerate(ImageSequence.Iterator(img)):
            frame.load()
            pages.append(ocr.page_lines(frame.convert("RGB"), number, of=frames, name=shown))
    except (InputTooLarge, NoTextLayer):
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as e:  # PIL's ways to say "broken"
        kind = next((k for magic, k in _KINDS if data.startswith(magic)), "")
        why = "not an image PIL can identify" if "cannot identify" in str(e) else str(e)
        raise DamagedFile(shown, f"is {('a ' + kind) if kind else 'an'} image that cannot be read (damaged or truncated?): {why}") from e
    text = ocr.fix_misreadings("\n".join(paragraphs(strip_running(pages))))
    if not text.strip():
        raise NoTextLayer(shown, f"is an image on which OCR found no text ({frames} page{'s' if frames > 1 else ''})")
    numbers = list(range(1, len(pages) + 1))
    return Extracted(text=text, format="image", ocr_pages=numbers,
                     warnings=[f"the text was read by OCR ({ocr.ENGINE}) from an image: OCR misreads some characters"])

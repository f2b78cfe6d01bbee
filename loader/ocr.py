"""Text of scanned PDF pages by OCR: each page's images composited as printed, read by Tesseract.

LegCo publishes some submissions as scans: a page is a background photograph plus sharp
black-and-white text layers (CCITT fax image masks) or a single JPEG. ``ocr_pdf`` paints every
image of a page where the page places it, at ``DPI``, and runs the ``tesseract`` command line
(Debian ``tesseract-ocr`` with ``tesseract-ocr-chi-tra``) over it, several pages at a time.
Results are cached by the page image's hash, so a document is read once per machine.
"""

import hashlib
import io
import os
import shutil
import struct
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTImage, LTPage
from PIL import Image, ImageOps

#: Tesseract's language models: Traditional Chinese (LegCo's) and English.
LANGUAGES = "chi_tra+eng"
#: Resolution the page is rendered at for OCR (Tesseract reads CJK best at about 300 dpi).
DPI = 300
#: Longest a single page may take before it is given up.
PAGE_TIMEOUT = 120
#: Fewer non-space characters a page than this, on average, and a PDF counts as scanned.
THIN_PAGE = 40
#: Where page results are kept between runs (``$LEGISGRAPH_OCR_CACHE`` overrides it).
DEFAULT_CACHE = Path.home() / ".cache" / "legisgraph" / "ocr"


class OcrUnavailable(RuntimeError):
    """The ``tesseract`` command or its Chinese model is not installed."""


def available() -> bool:
    """True when ``tesseract`` and every model in ``LANGUAGES`` are installed."""
    try:
        _check_installed()
    except OcrUnavailable:
        return False
    return True


def _check_installed() -> None:
    if shutil.which("tesseract") is None:
        raise OcrUnavailable("no tesseract (apt-get install tesseract-ocr tesseract-ocr-chi-tra)")
    listed = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, check=False
    ).stdout.split()
    missing = [lang for lang in LANGUAGES.split("+") if lang not in listed]
    if missing:
        raise OcrUnavailable(f"tesseract lacks the models {', '.join(missing)}")


def is_scanned(layer: str) -> bool:
    """True when a PDF's text layer (pages split by form feeds) averages under ``THIN_PAGE``
    characters a page: a scan, perhaps with a stamped paper number, not a born-digital text."""
    pages = layer.rstrip("\f").split("\f")
    return sum(len("".join(page.split())) for page in pages) < THIN_PAGE * len(pages)


def ocr_pdf(data: bytes, *, layer: str = "", max_pages: int | None = None) -> str:
    """The text of a scanned PDF's pages (up to ``max_pages``), separated by form feeds: a page
    whose text ``layer`` is thin gets its OCR text after what the layer holds (a stamp)."""
    _check_installed()
    printed = layer.split("\f")
    pages = list(extract_pages(io.BytesIO(data), maxpages=max_pages or 0))[:max_pages]
    workers = max(1, min(len(pages), os.cpu_count() or 1))
    with ThreadPoolExecutor(workers) as pool:
        texts = list(pool.map(_ocr_cached, pages))
    joined = []
    for number, text in enumerate(texts):
        stamp = printed[number].strip() if number < len(printed) else ""
        joined.append(f"{stamp}\n\n{text}" if stamp else text)
    return "\f".join(joined)


def render_page(page: LTPage) -> Image.Image:
    """The page's images painted where the page places them, in grey, at ``DPI``."""
    scale = DPI / 72
    width, height = round(page.width * scale), round(page.height * scale)
    canvas = Image.new("L", (width, height), 255)
    for image in _images(page):
        picture = _decode(image)
        if picture is None:
            continue
        x0, y0, x1, y1 = image.bbox
        box = (round(x0 * scale), round(height - y1 * scale))
        size = (max(1, round((x1 - x0) * scale)), max(1, round((y1 - y0) * scale)))
        picture = picture.resize(size)
        if image.stream.get("ImageMask"):
            ink = Image.new("L", size, 0)
            canvas.paste(ink, box, mask=ImageOps.invert(picture.convert("L")))
        else:
            canvas.paste(picture.convert("L"), box)
    return canvas


def _images(node: object) -> Iterator[LTImage]:
    if isinstance(node, LTImage):
        yield node
    elif hasattr(node, "__iter__"):
        for child in node:  # type: ignore[union-attr]
            yield from _images(child)


def _decode(image: LTImage) -> Image.Image | None:
    """The image's pixels: JPEG (DCT) through Pillow, CCITT fax through a TIFF wrapper."""
    stream = image.stream
    filters = [name for name, _ in stream.get_filters()]
    try:
        if filters and filters[-1] == "CCITTFaxDecode":
            params = stream.get_filters()[-1][1] or {}
            return _ccitt(stream.get_rawdata() or b"", image.srcsize, params)
        data = stream.get_data()
        if filters and filters[-1] in ("DCTDecode", "JPXDecode"):
            return Image.open(io.BytesIO(data))
        width, height = image.srcsize
        bits = stream.get("BitsPerComponent", 8)
        mode = "1" if bits == 1 else ("RGB" if len(data) >= width * height * 3 else "L")
        return Image.frombytes(mode, (width, height), data)
    except (OSError, ValueError):
        return None  # an image Pillow cannot read is left out of the page


def _ccitt(data: bytes, size: tuple[int, int], params: dict) -> Image.Image:
    """A CCITT G3/G4 stream decoded by wrapping it in a one-strip TIFF (libtiff decodes it)."""
    width, height = size
    k = params.get("K", 0)
    compression = 4 if k < 0 else 3
    black_is_1 = bool(params.get("BlackIs1", False))
    tags = [
        (256, 4, width),
        (257, 4, height),
        (258, 3, 1),
        (259, 3, compression),
        (262, 3, 1 if black_is_1 else 0),
        (273, 4, 8),
        (278, 4, height),
        (279, 4, len(data)),
    ]
    header = b"II*\x00" + struct.pack("<I", 8 + len(data))
    entries = b"".join(struct.pack("<HHII", tag, kind, 1, value) for tag, kind, value in tags)
    ifd = struct.pack("<H", len(tags)) + entries + b"\x00\x00\x00\x00"
    picture = Image.open(io.BytesIO(header + data + ifd))
    picture.load()
    return ImageOps.invert(picture.convert("L"))


def _page_key(page: LTPage) -> str:
    """A page's cache key: its images' raw bytes and places, and the models read with."""
    digest = hashlib.sha256(f"{LANGUAGES} {DPI} {page.bbox}".encode())
    for image in _images(page):
        digest.update(repr(image.bbox).encode())
        digest.update(image.stream.get_rawdata() or image.stream.get_data())
    return digest.hexdigest()


def _ocr_cached(page: LTPage) -> str:
    folder = Path(os.environ.get("LEGISGRAPH_OCR_CACHE", DEFAULT_CACHE))
    cached = folder / f"{_page_key(page)}.txt"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    buffer = io.BytesIO()
    render_page(page).save(buffer, format="PNG")
    text = _tesseract(buffer.getvalue())
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".part")
        partial.write_text(text, encoding="utf-8")
        partial.replace(cached)
    except OSError:
        pass  # a read-only home still gets the text, only not cached
    return text


def _tesseract(png: bytes) -> str:
    """One page through the ``tesseract`` command (one thread each; pages run side by side)."""
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", LANGUAGES, "--psm", "3"],
        input=png,
        capture_output=True,
        timeout=PAGE_TIMEOUT,
        check=False,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise OcrUnavailable(f"tesseract failed: {' '.join(detail) or result.returncode}")
    return result.stdout.decode("utf-8", "replace")

"""Images from the data (the coat of arms): checked by their real format, SVG cleaned by an allow-list.

An SVG is a document that can run scripts when opened from the site's own address. It is parsed by a real
XML parser with entities, DTDs and external references refused (defusedxml); only known SVG elements and
attributes are kept (no unknown namespace, no event handler, links only to the drawing itself), and
stylesheets that import or fetch are dropped. The published file is the cleaned one; an SVG with nothing
left to draw is refused. PNG, JPEG and WebP are published as they are, if their bytes are what their name
says.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
ElementTree.register_namespace("", SVG)
ElementTree.register_namespace("xlink", XLINK)

ELEMENTS = {"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "defs", "title", "desc",
            "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "symbol", "use", "text",
            "tspan", "style"}
DRAWING = {"path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "use", "text"}
ATTRIBUTES = {
    "id", "class", "d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "width", "height",
    "viewBox", "points", "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
    "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "fill-opacity", "fill-rule", "clip-rule", "opacity",
    "transform", "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
    "patternUnits", "patternTransform", "clipPathUnits", "maskUnits", "clip-path", "mask", "preserveAspectRatio",
    "version", "font-family", "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline", "style",
    "display", "visibility", "color", "href", "role", "aria-label", "aria-hidden", "focusable",
}
# A value may point inside the drawing (url(#a), href="#a") and nowhere else.
_OUTSIDE = re.compile(r"@import|url\s*\(\s*(?![\"']?#)|expression\s*\(|javascript:|behaviou?r\s*:|-moz-binding",
                      re.IGNORECASE)
MAX_SVG_BYTES = 2 * 1024 * 1024

FORMATS = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}


class RefusedImage(Exception):
    """An image that cannot be published; the message is Italian."""


def checked(raw: bytes, suffix: str) -> bytes:
    """The bytes to publish for an image file named with ``suffix``, or RefusedImage."""
    suffix = suffix.lower()
    if suffix == ".svg":
        return clean_svg(raw)
    if suffix == ".webp":
        if raw[:4] == b"RIFF" and raw[8:12] == b"WEBP":
            return raw
    elif any(raw.startswith(magic) for magic in FORMATS.get(suffix, ())):
        return raw
    raise RefusedImage(f"il contenuto del file non è un'immagine {suffix[1:].upper()}")


def dimensions(raw: bytes, suffix: str) -> tuple[int, int] | None:
    """The image's width and height in pixels (an SVG: its viewBox, else its width and height), read from
    its header; None when it does not say. The page gives them to the <img>, so the browser keeps its room
    before the file arrives and nothing moves when it does."""
    try:
        suffix = suffix.lower()
        if suffix == ".png" and raw[12:16] == b"IHDR":
            return _positive(*struct.unpack(">II", raw[16:24]))
        if suffix in (".jpg", ".jpeg"):
            return _jpeg(raw)
        if suffix == ".webp":
            return _webp(raw)
        if suffix == ".svg":
            root = fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
            box = (root.get("viewBox") or "").replace(",", " ").split()
            if len(box) == 4:
                return _positive(round(float(box[2])), round(float(box[3])))
            width, height = (re.match(r"\s*([\d.]+)\s*(px)?\s*$", root.get(a) or "") for a in ("width", "height"))
            if width and height:
                return _positive(round(float(width.group(1))), round(float(height.group(1))))
    except (struct.error, ValueError, IndexError, ElementTree.ParseError, DefusedXmlException):
        return None
    return None


def _positive(width: int, height: int) -> tuple[int, int] | None:
    return (width, height) if width > 0 and height > 0 else None


def _jpeg(raw: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 9 < len(raw):
        if raw[at] != 0xFF:
            return None
        marker, length = raw[at + 1], struct.unpack(">H", raw[at + 2:at + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            height, width = struct.unpack(">HH", raw[at + 5:at + 9])
            return _positive(width, height)
        at += 2 + length
    return None


def _webp(raw: bytes) -> tuple[int, int] | None:
    chunk = raw[12:16]
    if chunk == b"VP8X":
        return _positive(int.from_bytes(raw[24:27], "little") + 1, int.from_bytes(raw[27:30], "little") + 1)
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", raw[26:30])
        return _positive(width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L":
        bits = int.from_bytes(raw[21:25], "little")
        return _positive((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    return None


def clean_svg(raw: bytes) -> bytes:
    if len(raw) > MAX_SVG_BYTES:
        raise RefusedImage("l'immagine SVG è troppo grande (massimo 2 MB)")
    try:
        root = fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise RefusedImage("l'immagine SVG dichiara entità o riferimenti esterni (DTD), non ammessi") from None
    except ElementTree.ParseError as error:
        raise RefusedImage(f"l'immagine SVG non è XML valido ({error})") from None
    if root.tag != f"{{{SVG}}}svg":
        raise RefusedImage("il file non è un'immagine SVG (manca l'elemento <svg> dello spazio dei nomi SVG)")
    _clean(root)
    if not any(element.tag.removeprefix(f"{{{SVG}}}") in DRAWING for element in root.iter()):
        raise RefusedImage("dopo la pulizia (script, collegamenti e stili esterni tolti) l'immagine SVG è vuota")
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _clean(element) -> None:
    for child in list(element):
        name = child.tag.removeprefix(f"{{{SVG}}}") if isinstance(child.tag, str) else ""
        if name not in ELEMENTS or not child.tag.startswith(f"{{{SVG}}}"):
            element.remove(child)  # a script, a foreignObject, an element of an unknown namespace, a comment
            continue
        if name == "style" and _OUTSIDE.search(child.text or ""):
            element.remove(child)
            continue
        _clean(child)
    for attribute, value in list(element.attrib.items()):
        local = attribute.split("}")[-1]
        namespace = attribute[1:].split("}")[0] if attribute.startswith("{") else ""
        allowed = local in ATTRIBUTES and namespace in ("", XLINK if local == "href" else "")
        if attribute == f"{{{XML}}}space":
            allowed = True
        if not allowed or _OUTSIDE.search(value) or (local == "href" and not value.strip().startswith("#")):
            del element.attrib[attribute]

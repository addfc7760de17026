"""QR codes as small inline SVG, drawn on the server: printed manuals and disclosure pages carry one to their URL."""

import hashlib

from django.core.cache import cache
from django.utils.html import format_html

import qrcode
import qrcode.constants

CACHE_SECONDS = 24 * 60 * 60


def qr_matrix(data: str) -> list[list[bool]]:
    """The modules of the smallest QR code (error correction M, byte mode) that holds ``data``, without the quiet
    zone: ``matrix[y][x]`` is True for a dark module."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def _path(matrix: list[list[bool]]) -> str:
    # One rectangle per horizontal run of dark modules: a few kilobytes where one square per module takes tens.
    parts = []
    for y, row in enumerate(matrix):
        x, width = 0, len(row)
        while x < width:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < width and row[x]:
                x += 1
            parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
    return "".join(parts)


def qr_svg(data: str, label: str) -> str:
    """An ``<svg>`` element (safe HTML) drawing the QR code of ``data`` with a four-module quiet zone, scalable by
    CSS, named ``label`` for assistive technology. Cached by content: the same URL is drawn once a day."""
    key = "qr-svg:" + hashlib.sha256(f"{data}\n{label}".encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        matrix = qr_matrix(data)
        size = len(matrix) + 8
        svg = format_html(
            '<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="-4 -4 {} {}" role="img" '
            'aria-label="{}" shape-rendering="crispEdges"><rect x="-4" y="-4" width="{}" height="{}" fill="#fff"/>'
            '<path fill="#000" d="{}"/></svg>',
            size,
            size,
            label,
            size,
            size,
            _path(matrix),
        )
        cache.set(key, svg, CACHE_SECONDS)
    return svg

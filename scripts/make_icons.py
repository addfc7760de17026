"""Draw the public site's icons and default share image into static/ (run again after changing the design):

    .venv/bin/python scripts/make_icons.py

One design, a checked document on the site's blue, drawn on a 64-unit grid: as SVG by hand below, and as PNG/ICO
with Pillow at eight times the size, then scaled down (smooth edges without an SVG renderer)."""

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parent.parent / "static"
BRAND = "#0b4f8a"
FOLD = "#b9cfe4"
DOCUMENT = [(18, 10), (38, 10), (48, 20), (48, 54), (18, 54)]
CORNER = [(38, 10), (38, 20), (48, 20)]
CHECK = [(24, 35), (31, 42), (43, 28)]
CHECK_WIDTH = 5

SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="12" fill="{BRAND}"/>
<path d="M{"L".join(f"{x} {y}" for x, y in DOCUMENT)}z" fill="#fff"/>
<path d="M{"L".join(f"{x} {y}" for x, y in CORNER)}z" fill="{FOLD}"/>
<path d="M{"L".join(f"{x} {y}" for x, y in CHECK)}" fill="none" stroke="{BRAND}" stroke-width="{CHECK_WIDTH}"
 stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def _draw(size: int, rounded: bool, canvas=None, offset=(0, 0), scale=None) -> Image.Image:
    """The design, ``size`` pixels square (on ``canvas`` at ``offset`` when given), drawn 8x and scaled down."""
    big = size * 8
    unit = big / 64
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=12 * unit, fill=BRAND)
    else:
        draw.rectangle((0, 0, big, big), fill=BRAND)

    def points(shape):
        return [(x * unit, y * unit) for x, y in shape]

    draw.polygon(points(DOCUMENT), fill="#fff")
    draw.polygon(points(CORNER), fill=FOLD)
    width = CHECK_WIDTH * unit
    draw.line(points(CHECK), fill=BRAND, width=round(width), joint="curve")
    for x, y in points(CHECK):
        draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=BRAND)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def _png(image: Image.Image, path: Path) -> None:
    image.save(path, optimize=True)


def main() -> None:
    icons = STATIC / "icons"
    icons.mkdir(exist_ok=True)
    (icons / "icon.svg").write_text(SVG, encoding="utf-8")
    _draw(48, rounded=True).save(icons / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    # Home-screen icons: full-bleed squares (the phone rounds or masks the corners itself).
    for name, size in (("apple-touch-icon.png", 180), ("icon-192.png", 192), ("icon-512.png", 512)):
        _png(_draw(size, rounded=False).convert("RGB"), icons / name)
    # The default share image, 1200 x 630 (what LINE and Facebook show): the icon on the site's blue.
    share = Image.new("RGB", (1200, 630), BRAND)
    icon = _draw(360, rounded=False)
    share.paste(icon, (420, 135), icon)
    (STATIC / "img").mkdir(exist_ok=True)
    _png(share, STATIC / "img" / "share-default.png")


if __name__ == "__main__":
    main()

"""Draw the demo journey's pictures: simple, friendly illustrations, no real person in any of them.

Run `python scripts/make_demo_photos.py` to redraw journeys/demo/photos/ and the scanned letter.
One picture is saved with a GPS position and one with an EXIF orientation, on purpose: the demo
then shows that journeybook strips locations and turns photos upright.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "journeys" / "demo"
FONT = ROOT / "theme" / "fonts" / "Quicksand-Medium.ttf"
W, H = 1200, 900
# Drawn at W x H, saved larger: a print shop needs 300 pixels an inch where a photo is placed
# (journeybook warns below that), and the demo should show photos at their best in print.
SCALE = 5 / 3
UPRIGHT = {"trophy": 2.9}  # cut upright and saved large: the book gives it a page to the edges


def upright(image: Image.Image) -> Image.Image:
    """The middle of a landscape drawing, cut to an upright 3:4 photo."""
    width = image.height * 3 // 4
    left = (image.width - width) // 2
    return image.crop((left, 0, left + width, image.height))


def for_print(image: Image.Image, scale: float) -> Image.Image:
    return image.resize((round(image.width * scale), round(image.height * scale)),
                        Image.Resampling.LANCZOS)


def sky(top: tuple, bottom: tuple, size=(W, H)) -> Image.Image:
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(size[1]):
        t = y / size[1]
        draw.line([(0, y), (size[0], y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=False)))
    return image


def ground(draw, y, colour):
    draw.rectangle([0, y, W, H], fill=colour)


def sun(draw, x, y, r, colour=(255, 214, 90)):
    draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)


def cloud(draw, x, y, s=1.0):
    for dx, dy, r in ((0, 0, 40), (45, -15, 50), (95, 0, 40), (45, 15, 42)):
        draw.ellipse([x + dx * s - r * s, y + dy * s - r * s, x + dx * s + r * s, y + dy * s + r * s],
                     fill=(255, 255, 255))


def house(draw, x, y, w, h, wall, roof, door=(120, 70, 40)):
    draw.rectangle([x, y, x + w, y + h], fill=wall)
    draw.polygon([(x - 20, y), (x + w / 2, y - h * 0.6), (x + w + 20, y)], fill=roof)
    draw.rectangle([x + w * 0.42, y + h * 0.5, x + w * 0.58, y + h], fill=door)
    for wx in (x + w * 0.12, x + w * 0.68):
        draw.rectangle([wx, y + h * 0.2, wx + w * 0.2, y + h * 0.42], fill=(200, 230, 255))


def sea(draw, y, colour=(40, 120, 190)):
    draw.rectangle([0, y, W, H], fill=colour)
    for i in range(12):
        wy = y + 20 + i * 25
        for x in range(0, W, 80):
            draw.arc([x, wy, x + 60, wy + 20], 200, 340, fill=(200, 230, 250), width=3)


def candle_cake(draw, candles, text=None):
    draw.rectangle([350, 450, 850, 700], fill=(250, 240, 225))
    draw.rectangle([350, 450, 850, 500], fill=(240, 150, 180))
    draw.ellipse([330, 670, 870, 740], fill=(230, 230, 235))
    for i in range(candles):
        cx = 600 + (i - (candles - 1) / 2) * 90
        draw.rectangle([cx - 10, 360, cx + 10, 450], fill=(120, 180, 240))
        draw.ellipse([cx - 14, 320, cx + 14, 365], fill=(255, 190, 60))
    if text:
        draw.text((600, 590), text, fill=(120, 60, 40), font=ImageFont.truetype(str(FONT), 60), anchor="mm")


def person_free_scene(name: str) -> Image.Image:
    rng = random.Random(name)
    if name == "cover-kite":
        img = sky((90, 170, 235), (200, 230, 250)); d = ImageDraw.Draw(img)
        sun(d, 1000, 150, 70); cloud(d, 150, 150); cloud(d, 500, 100, 0.8)
        sea(d, 560); d.rectangle([0, 720, W, H], fill=(240, 215, 160))
        d.polygon([(700, 180), (800, 260), (700, 380), (600, 260)], fill=(220, 50, 60))
        d.line([(700, 380), (420, 760)], fill=(60, 60, 60), width=3)
        for i in range(4):
            bx, by = 700 - 30 * i, 400 + 40 * i
            d.polygon([(bx, by), (bx + 15, by + 10), (bx, by + 20)], fill=(250, 200, 60))
        return img
    if name == "first-trainers":
        img = sky((245, 235, 220), (225, 210, 190)); d = ImageDraw.Draw(img)
        for ox in (300, 640):
            d.rounded_rectangle([ox, 430, ox + 300, 560], 60, fill=(60, 110, 200))
            d.rounded_rectangle([ox, 530, ox + 320, 590], 25, fill=(250, 250, 250))
            for i in range(4):
                d.line([(ox + 80 + i * 30, 440), (ox + 100 + i * 30, 480)], fill=(255, 255, 255), width=6)
        return img
    if name == "mums-flat":
        img = sky((250, 150, 80), (250, 210, 150)); d = ImageDraw.Draw(img)
        for i in range(6):
            house(d, 40 + i * 190, 420, 170, 300, (180 - i * 8, 110, 90), (90, 60, 60))
        ground(d, 720, (110, 110, 120))
        return img
    if name == "birthday-cake":
        img = sky((255, 230, 240), (250, 200, 220)); d = ImageDraw.Draw(img)
        candle_cake(d, 3, "Kai"); return img
    if name == "conference-cake":
        img = sky((230, 240, 255), (200, 215, 240)); d = ImageDraw.Draw(img)
        candle_cake(d, 0, "Kai's day"); return img
    if name == "fishing":
        img = sky((250, 170, 110), (250, 220, 170)); d = ImageDraw.Draw(img)
        sun(d, 600, 420, 90, (255, 200, 120)); d.rectangle([0, 450, W, H], fill=(70, 110, 150))
        d.rectangle([0, 700, W, H], fill=(70, 120, 60))
        d.line([(200, 720), (650, 330)], fill=(60, 40, 30), width=8)
        d.line([(650, 330), (700, 560)], fill=(230, 230, 230), width=2)
        return img
    if name == "garden":
        img = sky((130, 190, 240), (210, 235, 250)); d = ImageDraw.Draw(img)
        cloud(d, 200, 140); ground(d, 560, (100, 170, 80))
        d.rectangle([850, 300, 890, 600], fill=(110, 75, 45)); d.ellipse([730, 150, 1010, 400], fill=(60, 140, 60))
        for cx in (330, 530):
            d.ellipse([cx - 70, 600, cx + 70, 740], outline=(40, 40, 40), width=10)
        d.line([(330, 670), (430, 580), (530, 670)], fill=(210, 40, 40), width=12)
        d.line([(430, 580), (420, 540)], fill=(210, 40, 40), width=10)
        return img
    if name == "sandcastle":
        img = sky((120, 190, 240), (200, 230, 250)); d = ImageDraw.Draw(img)
        sun(d, 150, 140, 60); sea(d, 500); d.rectangle([0, 620, W, H], fill=(235, 205, 150))
        d.rectangle([400, 430, 800, 700], fill=(215, 180, 120))
        for tx in (400, 560, 720):
            d.rectangle([tx, 330, tx + 80, 430], fill=(205, 170, 110))
        d.line([(600, 330), (600, 200)], fill=(90, 60, 40), width=5)
        d.polygon([(600, 200), (680, 225), (600, 250)], fill=(220, 40, 40))
        return img
    if name == "school":
        img = sky((100, 170, 240), (200, 230, 250)); d = ImageDraw.Draw(img)
        ground(d, 700, (90, 160, 80)); d.rectangle([200, 350, 1000, 700], fill=(190, 90, 70))
        d.rectangle([540, 520, 660, 700], fill=(250, 200, 40))
        for wx in range(240, 1000, 130):
            if abs(wx - 560) > 60:
                d.rectangle([wx, 400, wx + 80, 470], fill=(220, 240, 255))
        return img
    if name == "lily-baby":
        img = sky((255, 235, 240), (250, 215, 225)); d = ImageDraw.Draw(img)
        d.rounded_rectangle([250, 300, 950, 750], 80, fill=(245, 170, 200))
        d.ellipse([500, 200, 700, 360], fill=(250, 250, 250))
        for i in range(0, 700, 40):
            d.line([(250 + i, 320), (250 + i, 740)], fill=(240, 150, 185), width=4)
        return img
    if name in {"football", "park"}:
        img = sky((110, 180, 240), (200, 230, 250)); d = ImageDraw.Draw(img)
        ground(d, 480, (70, 150, 70))
        for i in range(0, W, 120):
            d.rectangle([i, 480, i + 60, H], fill=(80, 165, 80))
        if name == "football":
            d.rectangle([350, 250, 850, 480], outline=(250, 250, 250), width=12)
            d.ellipse([540, 640, 660, 760], fill=(255, 255, 255), outline=(30, 30, 30), width=4)
            d.regular_polygon((600, 700, 22), 5, fill=(30, 30, 30))
        else:
            d.line([(400, 200), (400, 600)], fill=(200, 60, 60), width=14)
            d.line([(800, 200), (800, 600)], fill=(200, 60, 60), width=14)
            d.line([(380, 200), (820, 200)], fill=(200, 60, 60), width=14)
            for sx in (520, 680):
                d.line([(sx, 200), (sx, 480)], fill=(60, 60, 60), width=4)
                d.rectangle([sx - 40, 480, sx + 40, 500], fill=(50, 80, 200))
        return img
    if name == "trophy":
        img = sky((40, 80, 170), (20, 40, 110)); d = ImageDraw.Draw(img)
        d.pieslice([420, 160, 780, 520], 0, 180, fill=(240, 190, 50))
        d.rectangle([420, 160, 780, 340], fill=(240, 190, 50))
        d.rectangle([575, 520, 625, 640], fill=(220, 170, 40)); d.rectangle([480, 640, 720, 720], fill=(120, 70, 40))
        for ax in (360, 780):
            d.arc([ax, 200, ax + 60 + (0 if ax > 600 else 0), 360], 0, 360, fill=(240, 190, 50), width=16)
        return img
    if name == "snowman":
        img = sky((180, 200, 225), (225, 235, 245)); d = ImageDraw.Draw(img)
        ground(d, 620, (250, 250, 252))
        d.ellipse([450, 480, 750, 780], fill=(255, 255, 255), outline=(200, 210, 225), width=4)
        d.ellipse([500, 300, 700, 500], fill=(255, 255, 255), outline=(200, 210, 225), width=4)
        d.rectangle([490, 470, 710, 510], fill=(210, 40, 40))
        d.polygon([(600, 400), (680, 415), (600, 425)], fill=(250, 140, 40))
        for i in range(60):
            x, y = rng.randint(0, W), rng.randint(0, 600)
            d.ellipse([x, y, x + 8, y + 8], fill=(255, 255, 255))
        return img
    if name == "beach-house":
        img = sky((120, 190, 240), (210, 235, 250)); d = ImageDraw.Draw(img)
        sea(d, 600); house(d, 380, 330, 440, 300, (100, 150, 220), (240, 240, 240))
        for gx in (200, 300, 950):
            d.arc([gx, 150, gx + 50, 180], 200, 340, fill=(60, 60, 60), width=4)
            d.arc([gx + 45, 150, gx + 95, 180], 200, 340, fill=(60, 60, 60), width=4)
        return img
    if name == "pier":
        img = sky((250, 180, 120), (140, 170, 220)); d = ImageDraw.Draw(img)
        sea(d, 500, (60, 110, 170)); d.rectangle([0, 470, 900, 500], fill=(110, 80, 60))
        for px in range(20, 900, 70):
            d.rectangle([px, 500, px + 14, 700], fill=(90, 60, 45))
        d.rectangle([850, 360, 1000, 470], fill=(240, 240, 240)); d.polygon([(830, 360), (925, 290), (1020, 360)], fill=(210, 60, 60))
        return img
    if name == "choir":
        img = sky((30, 20, 50), (60, 30, 80)); d = ImageDraw.Draw(img)
        d.rectangle([0, 0, 160, H], fill=(110, 40, 130)); d.rectangle([W - 160, 0, W, H], fill=(110, 40, 130))
        d.rectangle([0, 700, W, H], fill=(90, 60, 40))
        for cx in (400, 800):
            d.polygon([(cx, 0), (cx - 200, 700), (cx + 200, 700)], fill=(90, 70, 110))
        return img.filter(ImageFilter.GaussianBlur(3))
    if name == "sixteen":
        img = sky((120, 190, 240), (210, 235, 250)); d = ImageDraw.Draw(img)
        sea(d, 520); d.rectangle([0, 680, W, H], fill=(240, 215, 160))
        for i, colour in enumerate(((230, 60, 80), (60, 140, 230), (250, 190, 50), (80, 190, 110))):
            bx = 330 + i * 160
            d.line([(bx, 320), (600, 700)], fill=(80, 80, 80), width=2)
            d.ellipse([bx - 70, 150, bx + 70, 330], fill=colour)
        f = ImageFont.truetype(str(FONT), 90)
        d.text((330, 240), "1", fill="white", font=f, anchor="mm"); d.text((490, 240), "6", fill="white", font=f, anchor="mm")
        return img
    if name == "pending-bbq":
        img = sky((120, 190, 240), (210, 235, 250)); d = ImageDraw.Draw(img)
        ground(d, 600, (100, 170, 80)); d.rectangle([400, 400, 800, 460], fill=(40, 40, 40))
        for sx in range(440, 780, 70):
            d.rounded_rectangle([sx, 380, sx + 50, 400], 8, fill=(180, 90, 60))
        return img
    raise ValueError(name)


def scanned_page(lines: list[str], seed: int) -> Image.Image:
    rng = random.Random(seed)
    page = Image.new("RGB", (1240, 1754), (246, 240, 226))
    d = ImageDraw.Draw(page)
    for _ in range(4000):  # paper grain
        x, y = rng.randrange(1240), rng.randrange(1754)
        g = rng.randint(225, 240)
        d.point((x, y), fill=(g, g - 6, g - 20))
    for y in range(260, 1650, 70):
        d.line([(110, y + 48), (1130, y + 48)], fill=(200, 210, 230), width=2)
    font = ImageFont.truetype(str(FONT), 44)
    y = 260
    for line in lines:
        d.text((130 + rng.randint(-4, 4), y), line, fill=(30, 40, 110), font=font)
        y += 70
    return page.rotate(0.6, resample=Image.BICUBIC, fillcolor=(90, 90, 90)).filter(ImageFilter.GaussianBlur(0.6))


LETTER = [
    ["My dear Kai,", "", "I have started this letter many times.", "There is so much I want to tell you",
     "that I do not know where to begin, so", "I will begin with this: I have", "thought about you every single day.",
     "", "Your Auntie Keisha and I cannot wait", "to see you. We have kept a box of your",
     "baby things, and your first knitted hat."],
    ["I hope we can go to the seaside", "together, and I will tell you about", "your great-grandmother, who came to",
     "Brackenford from Jamaica in 1961 with", "one suitcase and a sewing machine.", "", "With all my love,",
     "Granny Von  x"],
]


def card_pages() -> list[Image.Image]:
    """Jan and Dev's card: a cat on the front, a few lines inside (saved as a 2-page PDF scan)."""
    front = sky((250, 230, 200), (245, 215, 180), size=(874, 1240))
    d = ImageDraw.Draw(front)
    d.ellipse([237, 500, 637, 900], fill=(230, 150, 70))  # Biscuit the cat
    d.ellipse([317, 330, 557, 570], fill=(230, 150, 70))
    d.polygon([(330, 380), (350, 270), (420, 350)], fill=(230, 150, 70))
    d.polygon([(544, 380), (524, 270), (454, 350)], fill=(230, 150, 70))
    for ex in (395, 479):
        d.ellipse([ex - 14, 430, ex + 14, 458], fill=(40, 40, 40))
    d.text((437, 1040), "Thinking of you", fill=(120, 60, 40), font=ImageFont.truetype(str(FONT), 64), anchor="mm")
    inside = scanned_page(["Hi Kai,", "", "Just a quick note to say we", "hope you're doing well.",
                           "Dev has put your photo on the", "fridge next to the one of", "Biscuit.", "",
                           "Jan and Dev  x"], 3).resize((874, 1240))
    return [front, inside]


def main() -> None:
    names = ["cover-kite", "first-trainers", "mums-flat", "birthday-cake", "fishing", "garden", "sandcastle",
             "school", "lily-baby", "football", "trophy", "snowman", "beach-house", "pier", "conference-cake",
             "choir", "sixteen", "pending-bbq", "park"]
    out = DEMO / "photos"
    out.mkdir(parents=True, exist_ok=True)
    for name in names:
        image = person_free_scene(name)
        image = for_print(upright(image), UPRIGHT[name]) if name in UPRIGHT else for_print(image, SCALE)
        exif = Image.Exif()
        if name == "first-trainers":
            # Stored sideways with orientation 6, as a phone would: journeybook must turn it upright.
            image = image.transpose(Image.Transpose.ROTATE_90)
            exif[0x0112] = 6
        if name == "beach-house":
            # A (fictional, mid-sea) GPS position, as a phone would record: journeybook must strip it.
            exif[0x8825] = {1: "N", 2: (54.0, 30.0, 0.0), 3: "W", 4: (3.0, 15.0, 0.0)}
            exif[0x010F] = "DemoPhone"
        image.save(out / f"{name}.jpg", quality=82, optimize=True, progressive=True, exif=exif.tobytes())
    for number, lines in enumerate(LETTER, start=1):
        for_print(scanned_page(lines, number), 2).save(DEMO / "letters" / f"von-letter-page-{number}.jpg", quality=78)
    front, inside = (for_print(page, 2) for page in card_pages())
    front.save(DEMO / "letters" / "jan-card.pdf", save_all=True, append_images=[inside], resolution=300)
    print(f"Drew {len(names)} pictures, {len(LETTER)} letter pages and a card (PDF) in {DEMO}")


if __name__ == "__main__":
    main()

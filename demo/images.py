"""Abstract illustrations drawn with Pillow: calm shapes in an audience's colour.

Deterministic: the same key and colour give the same PNG bytes on every run.
"""

import hashlib
import io
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 675


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def illustration(key: str, colour: str, motif: str = "bubbles") -> bytes:
    """A 1200×675 PNG: soft background, overlapping circles and speech bubbles."""
    seed = int(hashlib.sha256(key.encode()).hexdigest()[:12], 16)
    rng = random.Random(seed)
    base = _hex(colour)
    white = (255, 255, 255)
    dark = _mix(base, (20, 24, 40), 0.55)
    background = _mix(base, white, 0.86)

    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)

    # Large soft circles in tints of the colour.
    for i in range(7):
        radius = rng.randint(90, 240)
        x = round((i + rng.random()) * WIDTH / 7)
        y = rng.randint(-40, HEIGHT + 40)
        tint = _mix(base, white, rng.choice([0.35, 0.5, 0.65, 0.75]))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=tint)

    if motif == "bubbles":
        # Speech bubbles: people talking, the heart of every approach to bullying.
        for _ in range(3):
            w, h = rng.randint(220, 340), rng.randint(120, 170)
            x, y = rng.randint(60, WIDTH - w - 60), rng.randint(60, HEIGHT - h - 90)
            fill = rng.choice([white, _mix(base, white, 0.2), base])
            draw.rounded_rectangle((x, y, x + w, y + h), radius=36, fill=fill)
            tail_x = x + rng.randint(40, w - 80)
            draw.polygon(
                [(tail_x, y + h - 2), (tail_x + 46, y + h - 2), (tail_x + 8, y + h + 44)], fill=fill
            )
            line_colour = dark if fill != base else white
            for i in range(rng.randint(2, 3)):
                length = rng.randint(int(w * 0.4), int(w * 0.75))
                ly = y + 34 + i * 34
                draw.rounded_rectangle(
                    (x + 30, ly, x + 30 + length, ly + 14), radius=7, fill=line_colour
                )
    else:
        # Figures standing together: heads and shoulders.
        count = rng.randint(3, 5)
        spacing = WIDTH // (count + 1)
        for i in range(count):
            cx = spacing * (i + 1) + rng.randint(-30, 30)
            size = rng.randint(70, 100)
            fill = [base, dark, _mix(base, white, 0.3)][i % 3]
            top = HEIGHT - size * 3 - rng.randint(0, 60)
            draw.ellipse((cx - size // 2, top, cx + size // 2, top + size), fill=fill)
            draw.rounded_rectangle(
                (cx - size, top + size + 16, cx + size, HEIGHT + 60), radius=size // 1.5, fill=fill
            )

    # A band at the bottom anchors the composition.
    draw.rectangle((0, HEIGHT - 18, WIDTH, HEIGHT), fill=dark)

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()

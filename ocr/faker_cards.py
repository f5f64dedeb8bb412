"""A second card generator, independent of ocr.synthetic's vocabularies: Faker's people, jobs,
companies and addresses in 14 locales, set in five layouts of its own and photographed like
ocr.synthetic's cards (or scanned flat).

The parser was tuned on ocr.synthetic's small word lists; Faker's are large (thousands of job
titles, street and company names, each locale's own address format), so this set shows what the
parser does with content it was not written for, as another team's generator would. Labels
follow `../shared/real-cards/README.md` like ocr.synthetic's. Deterministic by seed.

Faker's quirks are kept as it prints them (Canadian postcodes without their space, Spanish
"city, postcode" lines): a card reader meets odd cards too.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import phonenumbers
from faker import Faker
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from PIL import Image, ImageDraw, ImageFont

from ocr.synthetic import (
    EU_CARD,
    US_CARD,
    ascii_fold,
    font_families,
    photograph,
    write_labelled_set,
)

LOCALE_REGIONS = {
    "en_US": "US",
    "en_GB": "GB",
    "en_CA": "CA",
    "en_AU": "AU",
    "en_IE": "IE",
    "de_DE": "DE",
    "de_AT": "AT",
    "de_CH": "CH",
    "fr_FR": "FR",
    "it_IT": "IT",
    "es_ES": "ES",
    "pt_BR": "BR",
    "pt_PT": "PT",
    "nl_NL": "NL",
}
LANGUAGES = {"DE": "de", "AT": "de", "CH": "de", "FR": "fr", "IT": "it", "ES": "es", "NL": "nl"}
LANGUAGES |= {"BR": "pt", "PT": "pt"}  # every other region: English
WEB_ENDINGS = {"US": "com", "GB": "co.uk", "AU": "com.au", "BR": "com.br"}  # else the region's
# The words a card prints before a phone, an email or a web address, per language.
LABELS = {
    "en": ("T Tel Phone Office P", "M Mobile Cell Mob", "F Fax", "E Email E-mail", "W Web"),
    "de": ("T Tel. Telefon Fon", "M Mobil Handy", "F Fax", "E E-Mail Mail", "W Web Internet"),
    "fr": ("T Tél. Tél Bureau", "M Mob. Portable", "F Fax", "E Email Courriel", "W Web"),
    "it": ("T Tel. Telefono Ufficio", "M Cell. Cellulare", "F Fax", "E Email E-mail", "W Web Sito"),
    "es": ("T Tel. Teléfono", "M Móvil Cel.", "F Fax", "E Email Correo", "W Web"),
    "pt": ("T Tel. Telefone Fone", "M Cel. Celular", "F Fax", "E E-mail Email", "W Site"),
    "nl": ("T Tel. Telefoon", "M Mobiel", "F Fax", "E E-mail", "W Web"),
}
KINDS = ("work", "mobile", "fax", "email", "web")
LIGHT_PAPER = ((255, 255, 255), (250, 248, 240), (240, 240, 238), (235, 242, 250))
INKS = ((20, 20, 20), (40, 40, 70), (0, 70, 140), (150, 20, 30), (0, 100, 70))
MARGIN = 50
MAX_TITLE = 40  # characters


@dataclass(frozen=True)
class FakerCard:
    """What the card prints, block by block, and its label."""

    label: dict
    company: str
    identity: tuple[str, ...]  # the name, then the title when there is one
    details: tuple[str, ...]  # address lines, then phones, email and web address


def faker_card(seed: int) -> FakerCard:
    """The content of one card: a person of a random locale at a company of that locale."""
    rng = random.Random(seed)
    locale = rng.choice(sorted(LOCALE_REGIONS))
    region, language = LOCALE_REGIONS[locale], LANGUAGES.get(LOCALE_REGIONS[locale], "en")
    fake = Faker(locale)
    fake.seed_instance(seed)
    name = f"{fake.first_name()} {fake.last_name()}"
    title = _job(fake) if rng.random() < 0.8 else None
    company = fake.company()
    domain = _domain(rng, company, name, region)
    email = _local_part(rng, name) + "@" + domain
    website = "www." + domain if rng.random() < 0.75 else None
    address = [line.strip() for line in fake.address().splitlines() if line.strip()]
    address = address if rng.random() < 0.8 else []
    phones, contacts = _contacts(rng, region, language, email, website)
    label = _label(name, title, company, email, phones, website, address, language)
    identity = (name, title) if title else (name,)
    return FakerCard(label, company, identity, (*address, *contacts))


def _contacts(
    rng: random.Random, region: str, language: str, email: str, website: str | None
) -> tuple[list[dict], list[str]]:
    """The phones' labels (real-cards format) and the printed contact lines."""
    labels = dict(zip(KINDS, (words.split() for words in LABELS[language]), strict=True))
    phones = _phones(rng, region, labels)
    lines = [phone.pop("line") for phone in phones]
    if len(lines) >= 2 and rng.random() < 0.3:
        lines[:2] = [rng.choice(("  ", "  |  ", " · ")).join(lines[:2])]
    lines.append(_labelled(rng, labels["email"], email))
    lines += [_labelled(rng, labels["web"], website)] if website else []
    return phones, lines


def _label(
    name: str,
    title: str | None,
    company: str,
    email: str,
    phones: list[dict],
    website: str | None,
    address: list[str],
    language: str,
) -> dict:
    return {
        "name": name,
        "title": title,
        "company": company,
        "emails": [email],
        "phones": phones,
        "website": website,
        "address": ", ".join(address) or None,
        "other": [],
        "script": "latin",
        "language": language,
        "quality": "clear",
        "uncertain": [],
        "cards_in_image": 1,
        "orientation": 0,
    }


def _job(fake: Faker) -> str:
    """A job short enough for a card (some of Faker's are a sentence long)."""
    jobs = [fake.job() for _ in range(5)]
    return next((job for job in jobs if len(job) <= MAX_TITLE), min(jobs, key=len))


def _domain(rng: random.Random, company: str, name: str, region: str) -> str:
    words = [w for w in re.split(r"[^a-z]+", ascii_fold(company).lower()) if len(w) > 2]
    words = words or [ascii_fold(name.split()[-1]).lower()]
    stem = "-".join(words[:2]) if len(words) > 1 and rng.random() < 0.3 else words[0]
    return f"{stem}.{WEB_ENDINGS.get(region, region.lower())}"


def _local_part(rng: random.Random, name: str) -> str:
    first, last = (
        "".join(ch for ch in ascii_fold(part).lower() if ch.isalnum())
        for part in name.split(" ", 1)
    )
    return rng.choice([f"{first}.{last}", f"{first[0]}.{last}", f"{first[0]}{last}", first, "info"])


def _phones(rng: random.Random, region: str, labels: dict[str, list[str]]) -> list[dict]:
    kinds = ["work"]
    if rng.random() < 0.6:
        kinds.append("mobile")
    if rng.random() < 0.2:
        kinds.append("fax")
    style = PhoneNumberFormat.INTERNATIONAL if rng.random() < 0.5 else PhoneNumberFormat.NATIONAL
    phones = []
    for kind in kinds:
        number = _valid_number(rng, region, mobile=kind == "mobile")
        printed = phonenumbers.format_number(number, style)
        if rng.random() < 0.2 and "(" not in printed:
            printed = printed.replace(" ", ".")
        phones.append(
            {
                "number": phonenumbers.format_number(number, PhoneNumberFormat.E164),
                "type": kind,
                "printed": printed,
                "line": _labelled(rng, labels[kind], printed),
            }
        )
    return phones


def _valid_number(rng: random.Random, region: str, *, mobile: bool) -> phonenumbers.PhoneNumber:
    """A random valid number of the kind, grown from the region's example number."""
    kind = PhoneNumberType.MOBILE if mobile else PhoneNumberType.FIXED_LINE
    example = phonenumbers.example_number_for_type(region, kind)
    if example is None:
        raise ValueError(f"phonenumbers has no example number for {region}")
    wanted = {kind, PhoneNumberType.FIXED_LINE_OR_MOBILE}
    digits = phonenumbers.national_significant_number(example)
    for _ in range(200):
        kept = rng.randint(2, 3)
        tail = "".join(str(rng.randint(0, 9)) for _ in digits[kept:])
        number = phonenumbers.parse(f"+{example.country_code}{digits[:kept]}{tail}")
        if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in wanted:
            return number
    return example


def _labelled(rng: random.Random, labels: list[str], text: str) -> str:
    label = rng.choice([*labels, ""])
    if not label:
        return text
    return f"{label} {text}" if len(label) == 1 else f"{label}{rng.choice([': ', ' ', '. '])}{text}"


# ---------------------------------------------------------------------------------------------
# Drawing
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    text: str
    font: ImageFont.FreeTypeFont
    fill: tuple[int, int, int]


def render(card: FakerCard, rng: random.Random, layout: str | None = None) -> np.ndarray:
    """The card drawn flat at 300 DPI (RGB), in one of five layouts (`layout`, or at random)."""
    width, height = rng.choice([US_CARD, EU_CARD])
    dark = rng.random() < 0.15
    paper = tuple(rng.randint(15, 60) for _ in range(3)) if dark else rng.choice(LIGHT_PAPER)
    ink = (245, 245, 245) if dark else INKS[rng.randrange(2)]
    accent = ink if dark else rng.choice(INKS)
    image = Image.new("RGB", (width, height), paper)
    regular, bold = rng.choice(font_families())
    size = rng.randint(24, 30)
    company = _Text(card.company, ImageFont.truetype(bold, int(size * rng.uniform(1.3, 2))), accent)
    identity = [_Text(card.identity[0], ImageFont.truetype(bold, int(size * 1.6)), ink)]
    identity += [_Text(t, ImageFont.truetype(regular, size), ink) for t in card.identity[1:]]
    small = ImageFont.truetype(regular, int(size * 0.9))
    details = [_Text(t, small, ink) for t in card.details]
    layout = layout or rng.choice(sorted(LAYOUTS))
    LAYOUTS[layout](ImageDraw.Draw(image), (width, height), _Blocks(company, identity, details))
    return np.array(image)


Size = tuple[int, int]


@dataclass(frozen=True)
class _Blocks:
    """The card's three blocks of text, as the layouts place them."""

    company: _Text
    identity: list[_Text]
    details: list[_Text]


def _block(
    draw: ImageDraw.ImageDraw, texts: list[_Text], x: float, y: float, align: str, max_width: float
) -> float:
    """Draw lines from (x, y), aligned "l"eft, "r"ight or "c"entred on x; the y after them."""
    for line in texts:
        font = line.font
        while draw.textlength(line.text, font=font) > max_width and font.size > 14:
            font = ImageFont.truetype(font.path, font.size - 1)
        width = draw.textlength(line.text, font=font)
        left = {"l": x, "r": x - width, "c": x - width / 2}[align]
        draw.text((left, y), line.text, font=font, fill=line.fill)
        y += int(font.size * 1.3)
    return y


def _height(texts: list[_Text]) -> int:
    return sum(int(line.font.size * 1.3) for line in texts)


def _left(draw: ImageDraw.ImageDraw, size: Size, blocks: _Blocks) -> None:
    width, height = size
    company, identity, details = blocks.company, blocks.identity, blocks.details
    y = _block(draw, [company], MARGIN, MARGIN, "l", width - 2 * MARGIN)
    _block(draw, identity, MARGIN, y + 15, "l", width - 2 * MARGIN)
    _block(draw, details, MARGIN, height - MARGIN - _height(details), "l", width - 2 * MARGIN)


def _right(draw: ImageDraw.ImageDraw, size: Size, blocks: _Blocks) -> None:
    width, height = size
    company, identity, details = blocks.company, blocks.identity, blocks.details
    _block(draw, identity, width - MARGIN, MARGIN, "r", width - 2 * MARGIN)
    _block(draw, [company], MARGIN, height - MARGIN - _height([company]), "l", width / 2 - MARGIN)
    _block(draw, details, width - MARGIN, height - MARGIN - _height(details), "r", width / 2)


def _centred(draw: ImageDraw.ImageDraw, size: Size, blocks: _Blocks) -> None:
    width, height = size
    company, identity, details = blocks.company, blocks.identity, blocks.details
    texts = [company, *identity, _Text("", details[0].font, details[0].fill), *details]
    top = max(MARGIN // 2, (height - _height(texts)) // 2)
    _block(draw, texts, width / 2, top, "c", width - 2 * MARGIN)


def _two_column(draw: ImageDraw.ImageDraw, size: Size, blocks: _Blocks) -> None:
    width, height = size
    company, identity, details = blocks.company, blocks.identity, blocks.details
    _block(draw, identity, MARGIN, MARGIN + 40, "l", width / 2 - MARGIN)
    _block(draw, [company], MARGIN, height - MARGIN - _height([company]), "l", width / 2 - MARGIN)
    draw.line([(width // 2, MARGIN), (width // 2, height - MARGIN)], fill=company.fill, width=3)
    top = max(MARGIN, (height - _height(details)) // 2)
    _block(draw, details, width / 2 + 30, top, "l", width / 2 - MARGIN - 30)


def _company_band(draw: ImageDraw.ImageDraw, size: Size, blocks: _Blocks) -> None:
    width, height = size
    company, identity, details = blocks.company, blocks.identity, blocks.details
    band = int(height * 0.28)
    light = sum(company.fill) > 600  # on a dark card the company is printed in white
    draw.rectangle([0, 0, width, band], fill=(90, 90, 90) if light else company.fill)
    on_band = _Text(company.text, company.font, (255, 255, 255))
    _block(draw, [on_band], MARGIN, band // 2 - company.font.size // 2 - 5, "l", width - 2 * MARGIN)
    _block(draw, identity, MARGIN, band + 20, "l", width - 2 * MARGIN)
    _block(draw, details, width - MARGIN, height - MARGIN - _height(details), "r", width / 2 + 60)


LAYOUTS = {
    "left": _left,
    "right": _right,
    "centred": _centred,
    "two-column": _two_column,
    "company-band": _company_band,
}


def faker_photo(seed: int) -> tuple[bytes, dict]:
    """A JPEG of one card: a phone photo on a desk, or (three in ten) a flat scan."""
    card = faker_card(seed)
    rng = random.Random(f"faker-render-{seed}")
    rgb = render(card, rng)
    if rng.random() >= 0.3:
        return photograph(rgb, seed, rotation=0), dict(card.label)
    scan = cv2.copyMakeBorder(rgb, 30, 30, 30, 30, cv2.BORDER_CONSTANT, value=(235, 235, 235))
    noise = np.random.default_rng(seed).normal(0, 3, scan.shape)
    scan = np.clip(scan + noise, 0, 255).astype(np.uint8)
    ok, jpeg = cv2.imencode(".jpg", scan, [cv2.IMWRITE_JPEG_QUALITY, 88])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return jpeg.tobytes(), dict(card.label)


def write_faker_set(out_dir: Path, count: int, seed: int = 0) -> Path:
    """Write faker-XXXX.jpg photos and labels.json (real-cards format) into `out_dir`."""
    return write_labelled_set(out_dir, count, seed, faker_photo, "faker")

"""Synthetic business cards and "phone photos" of them, with labels in the real-cards format.

Everything is deterministic by seed (Python's `random.Random` for content and layout, a numpy
`Generator` for pixels) so a synthetic set can be regenerated instead of stored. Labels follow
`../shared/real-cards/README.md`: values are what is printed (emails and website lowercase,
website without scheme, address parts joined by ", ", phones in E.164 with their printed text).

Pure library: Pillow, OpenCV, numpy and phonenumbers only.
"""

from __future__ import annotations

import glob
import json
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from PIL import Image, ImageDraw, ImageFont

US_CARD = (1050, 600)  # 3.5 x 2 in at 300 DPI
EU_CARD = (1004, 650)  # 85 x 55 mm at 300 DPI
FONT_DIRS = ("dejavu", "liberation2", "liberation", "freefont")

# ---------------------------------------------------------------------------------------------
# Content: per-country vocabularies. Kept small but varied; the generator mixes them at random.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Locale:
    region: str  # ISO 3166 for phonenumbers
    language: str  # label `language`
    tlds: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    titles: tuple[str, ...]
    company_words: tuple[str, ...]
    company_suffixes: tuple[str, ...]
    address: Callable[[random.Random], list[str]]  # printed address lines
    work_labels: tuple[str, ...]
    mobile_labels: tuple[str, ...]
    fax_labels: tuple[str, ...]
    taglines: tuple[str, ...] = ()


def _it_address(rng: random.Random) -> list[str]:
    street = rng.choice(
        [
            "Via Roma",
            "Via Garibaldi",
            "Corso Buenos Aires",
            "Via Torino",
            "Viale Monza",
            "Piazza della Repubblica",
            "Via Nazionale",
            "Via Emilia",
        ]
    )
    city, prov, cap = rng.choice(
        [
            ("Milano", "MI", "20121"),
            ("Roma", "RM", "00184"),
            ("Torino", "TO", "10121"),
            ("Bologna", "BO", "40121"),
            ("Firenze", "FI", "50123"),
            ("Napoli", "NA", "80133"),
            ("Verona", "VR", "37121"),
        ]
    )
    number = rng.randint(1, 180)
    if rng.random() < 0.5:
        return [f"{street}, {number}", f"{cap} {city} ({prov})"]
    return [f"{street} {number} - {cap} {city} {prov}"]


def _us_address(rng: random.Random) -> list[str]:
    street = rng.choice(
        [
            "Market Street",
            "Main Street",
            "Oak Avenue",
            "Broadway",
            "Elm Street",
            "Madison Avenue",
            "Park Boulevard",
            "Lakeview Drive",
        ]
    )
    city, state, zip_code = rng.choice(
        [
            ("San Francisco", "CA", "94103"),
            ("New York", "NY", "10016"),
            ("Chicago", "IL", "60601"),
            ("Austin", "TX", "78701"),
            ("Boston", "MA", "02110"),
            ("Seattle", "WA", "98101"),
            ("Denver", "CO", "80202"),
        ]
    )
    first = f"{rng.randint(10, 9999)} {street}"
    if rng.random() < 0.4:
        first += f", Suite {rng.randint(100, 900)}"
    return [first, f"{city}, {state} {zip_code}"]


def _de_address(rng: random.Random) -> list[str]:
    street = rng.choice(
        [
            "Hauptstraße",
            "Bahnhofstraße",
            "Lindenallee",
            "Schillerstraße",
            "Goethestraße",
            "Industriestraße",
            "Am Markt",
            "Friedrichstraße",
        ]
    )
    plz, city = rng.choice(
        [
            ("80331", "München"),
            ("10117", "Berlin"),
            ("20095", "Hamburg"),
            ("50667", "Köln"),
            ("60311", "Frankfurt am Main"),
            ("70173", "Stuttgart"),
        ]
    )
    return [f"{street} {rng.randint(1, 120)}", f"{plz} {city}"]


def _fr_address(rng: random.Random) -> list[str]:
    street = rng.choice(
        [
            "rue de la Paix",
            "avenue Victor Hugo",
            "boulevard Haussmann",
            "rue du Faubourg Saint-Honoré",
            "rue Nationale",
            "place Bellecour",
        ]
    )
    cp, city = rng.choice(
        [
            ("75002", "Paris"),
            ("69002", "Lyon"),
            ("13001", "Marseille"),
            ("31000", "Toulouse"),
            ("33000", "Bordeaux"),
            ("44000", "Nantes"),
        ]
    )
    return [f"{rng.randint(1, 150)} {street}", f"{cp} {city}"]


def _es_address(rng: random.Random) -> list[str]:
    street = rng.choice(
        [
            "Calle Mayor",
            "Calle de Alcalá",
            "Avenida Diagonal",
            "Gran Vía",
            "Calle Serrano",
            "Paseo de la Castellana",
        ]
    )
    cp, city = rng.choice(
        [
            ("28013", "Madrid"),
            ("08029", "Barcelona"),
            ("46002", "Valencia"),
            ("41001", "Sevilla"),
            ("48001", "Bilbao"),
        ]
    )
    return [f"{street}, {rng.randint(1, 250)}", f"{cp} {city}"]


def _pt_address(rng: random.Random) -> list[str]:
    street = rng.choice(
        [
            "Rua Augusta",
            "Avenida da Liberdade",
            "Rua de Santa Catarina",
            "Rua do Ouro",
            "Avenida da Boavista",
        ]
    )
    cp, city = rng.choice(
        [
            ("1100-053", "Lisboa"),
            ("1250-096", "Lisboa"),
            ("4000-447", "Porto"),
            ("3000-150", "Coimbra"),
        ]
    )
    return [f"{street}, {rng.randint(1, 300)}", f"{cp} {city}"]


def _br_address(rng: random.Random) -> list[str]:
    street = rng.choice(
        [
            "Av. Paulista",
            "Rua Augusta",
            "Rua Oscar Freire",
            "Av. Brigadeiro Faria Lima",
            "Rua da Consolação",
            "Av. Rio Branco",
        ]
    )
    hood, city, uf, cep = rng.choice(
        [
            ("Bela Vista", "São Paulo", "SP", "01310-200"),
            ("Jardins", "São Paulo", "SP", "01426-001"),
            ("Pinheiros", "São Paulo", "SP", "05425-070"),
            ("Centro", "Rio de Janeiro", "RJ", "20040-002"),
        ]
    )
    return [f"{street}, {rng.randint(10, 3000)} - {hood}", f"{city} - {uf}, {cep}"]


def _gb_address(rng: random.Random) -> list[str]:
    street = rng.choice(
        [
            "High Street",
            "King's Road",
            "Station Road",
            "Victoria Street",
            "Church Lane",
            "Queen Street",
        ]
    )
    city, postcode = rng.choice(
        [
            ("London", "EC2A 4NE"),
            ("London", "SW1E 5HX"),
            ("Manchester", "M1 4BT"),
            ("Bristol", "BS1 5TR"),
            ("Edinburgh", "EH2 2ER"),
            ("Leeds", "LS1 4DY"),
        ]
    )
    return [f"{rng.randint(1, 220)} {street}", f"{city} {postcode}"]


EN_TITLES = (
    "Sales Director",
    "Chief Executive Officer",
    "Marketing Manager",
    "Senior Software Engineer",
    "Account Executive",
    "Head of Operations",
    "Product Manager",
    "Managing Director",
    "Business Development Manager",
    "Chief Financial Officer",
    "Project Manager",
)

LOCALES: dict[str, Locale] = {
    "IT": Locale(
        "IT",
        "it",
        ("it", "com"),
        (
            "Marco",
            "Giulia",
            "Luca",
            "Francesca",
            "Alessandro",
            "Chiara",
            "Matteo",
            "Sara",
            "Davide",
            "Elena",
        ),
        (
            "Rossi",
            "Bianchi",
            "Ferrari",
            "Esposito",
            "Romano",
            "Colombo",
            "Ricci",
            "Marino",
            "Greco",
            "Conti",
        ),
        (
            "Responsabile Commerciale",
            "Amministratore Delegato",
            "Direttore Tecnico",
            "Project Manager",
            "Responsabile Marketing",
            "Ufficio Acquisti",
            "Consulente Finanziario",
            "Sales Manager",
        ),
        (
            "Tecno",
            "Impianti",
            "Sistemi",
            "Meccanica",
            "Servizi",
            "Logistica",
            "Nord",
            "Adriatica",
            "Italia",
        ),
        ("S.r.l.", "S.p.A.", "S.r.l.s.", "S.n.c."),
        _it_address,
        ("Tel.", "Tel", "T", "T."),
        ("Cell.", "Mob.", "M", "Cell"),
        ("Fax", "F"),
        ("Qualità dal 1987", "Soluzioni per l'industria"),
    ),
    "US": Locale(
        "US",
        "en",
        ("com", "com", "io", "net"),
        (
            "Michael",
            "Jennifer",
            "David",
            "Sarah",
            "James",
            "Emily",
            "Robert",
            "Ashley",
            "Daniel",
            "Megan",
        ),
        (
            "Johnson",
            "Williams",
            "Brown",
            "Miller",
            "Davis",
            "Anderson",
            "Taylor",
            "Thompson",
            "Clark",
            "Walker",
        ),
        EN_TITLES,
        (
            "Summit",
            "Brightline",
            "Pacific",
            "Redwood",
            "Keystone",
            "Northstar",
            "Harbor",
            "Analytics",
            "Solutions",
            "Partners",
            "Labs",
            "Systems",
        ),
        ("Inc.", "LLC", "Corp.", "Inc"),
        _us_address,
        ("Phone", "Tel", "T", "Office", "P"),
        ("Cell", "Mobile", "M", "C"),
        ("Fax", "F"),
        ("Building what matters", "Trusted since 1998"),
    ),
    "DE": Locale(
        "DE",
        "de",
        ("de", "com"),
        (
            "Thomas",
            "Anna",
            "Stefan",
            "Julia",
            "Michael",
            "Katrin",
            "Andreas",
            "Sabine",
            "Jörg",
            "Petra",
        ),
        (
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
            "Hoffmann",
            "Koch",
        ),
        (
            "Geschäftsführer",
            "Vertriebsleiter",
            "Projektleiterin",
            "Leiter Einkauf",
            "Key Account Manager",
            "Technischer Leiter",
            "Prokurist",
            "Vertriebsingenieur",
        ),
        (
            "Maschinenbau",
            "Technik",
            "Logistik",
            "Systeme",
            "Elektro",
            "Nordwerk",
            "Rheintal",
            "Metall",
        ),
        ("GmbH", "AG", "GmbH & Co. KG", "KG"),
        _de_address,
        ("Tel.", "Telefon", "T", "Tel"),
        ("Mobil", "Mob.", "M", "Handy"),
        ("Fax", "F"),
        ("Qualität aus Deutschland",),
    ),
    "FR": Locale(
        "FR",
        "fr",
        ("fr", "com"),
        (
            "Pierre",
            "Marie",
            "Nicolas",
            "Camille",
            "Julien",
            "Sophie",
            "Antoine",
            "Claire",
            "François",
            "Céline",
        ),
        (
            "Martin",
            "Bernard",
            "Dubois",
            "Durand",
            "Lefèvre",
            "Moreau",
            "Laurent",
            "Simon",
            "Michel",
            "Garnier",
        ),
        (
            "Directeur Commercial",
            "Chef de Projet",
            "Directrice Marketing",
            "Responsable des Ventes",
            "Ingénieur Commercial",
            "Président",
            "Directeur Général",
            "Chargée de Clientèle",
        ),
        (
            "Conseil",
            "Lumière",
            "Atlantique",
            "Ingénierie",
            "Solutions",
            "Provence",
            "Services",
            "Numérique",
        ),
        ("SAS", "SARL", "S.A.", "SA"),
        _fr_address,
        ("Tél.", "Tel", "T", "Tél"),
        ("Mob.", "Port.", "M", "Mobile"),
        ("Fax", "F"),
        ("L'excellence au service de nos clients",),
    ),
    "ES": Locale(
        "ES",
        "es",
        ("es", "com"),
        (
            "Javier",
            "María",
            "Carlos",
            "Lucía",
            "Alejandro",
            "Carmen",
            "Pablo",
            "Laura",
            "Sergio",
            "Marta",
        ),
        (
            "García",
            "Fernández",
            "González",
            "Rodríguez",
            "López",
            "Martínez",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Ruiz",
        ),
        (
            "Director Comercial",
            "Gerente General",
            "Jefe de Ventas",
            "Directora de Marketing",
            "Responsable de Compras",
            "Consultor Senior",
            "Director Financiero",
        ),
        (
            "Construcciones",
            "Ibérica",
            "Soluciones",
            "Levante",
            "Tecnología",
            "Mediterráneo",
            "Servicios",
        ),
        ("S.L.", "S.A.", "S.L.U."),
        _es_address,
        ("Tel.", "Tel", "T", "Teléfono"),
        ("Móvil", "Mov.", "M", "Cel."),
        ("Fax", "F"),
        ("Calidad y confianza",),
    ),
    "PT": Locale(
        "PT",
        "pt",
        ("pt", "com"),
        ("João", "Ana", "Pedro", "Inês", "Miguel", "Sofia", "Tiago", "Mariana", "Rui", "Catarina"),
        (
            "Silva",
            "Santos",
            "Ferreira",
            "Pereira",
            "Oliveira",
            "Costa",
            "Rodrigues",
            "Martins",
            "Sousa",
            "Gomes",
        ),
        (
            "Diretor Comercial",
            "Gestor de Projeto",
            "Diretora Financeira",
            "Técnico Comercial",
            "Administrador",
            "Gestora de Conta",
        ),
        ("Atlântico", "Soluções", "Lusitana", "Engenharia", "Tejo", "Serviços", "Douro"),
        ("Lda.", "S.A.", "Lda"),
        _pt_address,
        ("Tel.", "Tel", "T"),
        ("Tlm.", "Telm.", "M", "Móvel"),
        ("Fax", "F"),
    ),
    "BR": Locale(
        "BR",
        "pt",
        ("com.br",),
        (
            "Lucas",
            "Fernanda",
            "Rafael",
            "Juliana",
            "Gabriel",
            "Camila",
            "Bruno",
            "Patrícia",
            "Thiago",
            "Aline",
        ),
        (
            "Souza",
            "Oliveira",
            "Lima",
            "Carvalho",
            "Almeida",
            "Ribeiro",
            "Barbosa",
            "Araújo",
            "Mendes",
            "Rocha",
        ),
        (
            "Gerente Comercial",
            "Diretor Executivo",
            "Consultora de Vendas",
            "Analista de Sistemas",
            "Coordenador de Projetos",
            "Gerente de Contas",
        ),
        (
            "Nova Terra",
            "Paulista",
            "Comércio",
            "Tecnologia",
            "Distribuidora",
            "Horizonte",
            "Brasil",
        ),
        ("Ltda.", "S.A.", "Ltda", "ME"),
        _br_address,
        ("Tel.", "Fone", "Tel", "T"),
        ("Cel.", "Cel", "Celular", "WhatsApp"),
        ("Fax", "F"),
        ("Qualidade que faz a diferença",),
    ),
    "GB": Locale(
        "GB",
        "en",
        ("co.uk", "com"),
        (
            "Oliver",
            "Charlotte",
            "Harry",
            "Amelia",
            "George",
            "Olivia",
            "William",
            "Emily",
            "Jack",
            "Sophie",
        ),
        (
            "Smith",
            "Jones",
            "Wilson",
            "Evans",
            "Thomas",
            "Roberts",
            "Hughes",
            "Wright",
            "Green",
            "Hall",
        ),
        EN_TITLES + ("Commercial Director", "Head of Sales"),
        (
            "Harbour",
            "Lane",
            "Consulting",
            "Albion",
            "Thames",
            "Kingsway",
            "Digital",
            "Partners",
            "Group",
        ),
        ("Ltd", "Ltd.", "Limited", "PLC"),
        _gb_address,
        ("Tel", "T", "Phone", "Office"),
        ("Mob", "M", "Mobile"),
        ("Fax", "F"),
        ("Proudly independent",),
    ),
}
LOCALE_WEIGHTS = {"IT": 3, "US": 2, "DE": 2, "FR": 2, "ES": 2, "PT": 1, "BR": 2, "GB": 2}

# Digits to start national numbers with, and the national significant number length,
# so generated numbers are plausible (validated with phonenumbers before use).
PHONE_PATTERNS: dict[str, dict[str, tuple[tuple[str, int], ...]]] = {
    "IT": {
        "fixed": (("02", 10), ("06", 10), ("011", 10), ("055", 10), ("051", 10), ("045", 10)),
        "mobile": (("32", 10), ("33", 10), ("34", 10), ("347", 10), ("39", 10)),
    },
    "US": {
        "fixed": (("212", 10), ("415", 10), ("312", 10), ("617", 10), ("512", 10), ("206", 10)),
        "mobile": (("646", 10), ("650", 10), ("773", 10), ("720", 10), ("917", 10)),
    },
    "DE": {
        "fixed": (("30", 10), ("89", 10), ("40", 10), ("69", 10), ("221", 10), ("711", 10)),
        "mobile": (("151", 11), ("160", 10), ("170", 10), ("171", 10), ("176", 11)),
    },
    "FR": {
        "fixed": (("1", 9), ("2", 9), ("3", 9), ("4", 9), ("5", 9)),
        "mobile": (("6", 9), ("7", 9)),
    },
    "ES": {"fixed": (("91", 9), ("93", 9), ("96", 9), ("95", 9)), "mobile": (("6", 9), ("7", 9))},
    "PT": {
        "fixed": (("21", 9), ("22", 9), ("239", 9)),
        "mobile": (("91", 9), ("92", 9), ("93", 9), ("96", 9)),
    },
    "BR": {
        "fixed": (("113", 10), ("114", 10), ("213", 10), ("212", 10)),
        "mobile": (("119", 11), ("219", 11)),
    },
    "GB": {
        "fixed": (("207", 10), ("203", 10), ("161", 10), ("117", 10), ("131", 10)),
        "mobile": (("74", 10), ("75", 10), ("77", 10), ("78", 10), ("79", 10)),
    },
}
MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
FIXED_TYPES = {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


def random_phone(rng: random.Random, region: str, kind: str) -> phonenumbers.PhoneNumber:
    """A valid number of `kind` ("fixed" or "mobile") for `region`; example number as a fallback."""
    wanted = MOBILE_TYPES if kind == "mobile" else FIXED_TYPES
    for _ in range(60):
        prefix, length = rng.choice(PHONE_PATTERNS[region][kind])
        digits = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix)))
        if region == "US":  # the exchange (digits 4-6) may not start with 0/1 nor be 555
            digits = digits[:3] + str(rng.randint(2, 9)) + digits[4:]
            if digits[3:6] == "555":
                continue
        number = phonenumbers.parse(digits, region)
        if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in wanted:
            return number
    kind_type = PhoneNumberType.MOBILE if kind == "mobile" else PhoneNumberType.FIXED_LINE
    example = phonenumbers.example_number_for_type(region, kind_type)
    if example is None:
        raise ValueError(f"phonenumbers has no example {kind} number for {region}")
    return example


def printed_number(rng: random.Random, number: phonenumbers.PhoneNumber, region: str) -> str:
    """How a card prints the number: national or international, with local separators."""
    international = rng.random() < 0.45
    text = phonenumbers.format_number(
        number, PhoneNumberFormat.INTERNATIONAL if international else PhoneNumberFormat.NATIONAL
    )
    style = rng.random()
    if region == "FR" and not international and style < 0.4:
        text = text.replace(" ", ".")
    elif region == "US" and not international and style < 0.3:
        nsn = phonenumbers.national_significant_number(number)
        text = (
            f"{nsn[:3]}.{nsn[3:6]}.{nsn[6:]}" if style < 0.15 else f"{nsn[:3]}-{nsn[3:6]}-{nsn[6:]}"
        )
    elif region == "DE" and not international and style < 0.3:
        nsn = phonenumbers.national_significant_number(number)
        text = f"0{nsn[:3]} {nsn[3:]}" if nsn.startswith("1") else text.replace(" ", " / ", 1)
        if not phonenumbers.is_valid_number(phonenumbers.parse(text, region)):
            text = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return text


def ascii_fold(text: str) -> str:
    """Accents dropped, German umlauts spelt out, as people do in e-mail addresses."""
    for src, dst in (
        ("ä", "ae"),
        ("ö", "oe"),
        ("ü", "ue"),
        ("ß", "ss"),
        ("Ä", "Ae"),
        ("Ö", "Oe"),
        ("Ü", "Ue"),
    ):
        text = text.replace(src, dst)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def slug(text: str) -> str:
    return "".join(ch for ch in ascii_fold(text).lower() if ch.isalnum())


# ---------------------------------------------------------------------------------------------
# The card's content (what is printed) and its label.
# ---------------------------------------------------------------------------------------------


@dataclass
class Content:
    locale: Locale
    name: str
    title: str | None
    company: str
    emails: list[str]
    phones: list[dict]  # label format, "printed" is the whole printed text of the phone
    website: str | None  # as printed
    address_lines: list[str]
    tagline: str | None
    logo_text: str | None = None
    other: list[str] = field(default_factory=list)


def make_content(rng: random.Random) -> Content:
    region = rng.choices(list(LOCALE_WEIGHTS), weights=list(LOCALE_WEIGHTS.values()))[0]
    loc = LOCALES[region]
    first, last = rng.choice(loc.first_names), rng.choice(loc.last_names)
    name = f"{first} {last}"
    if rng.random() < 0.15:
        name = name.upper()
    words = (
        rng.sample(loc.company_words, 2)
        if rng.random() < 0.6
        else [last, rng.choice(loc.company_words)]
    )
    company_core = " ".join(words)
    company = f"{company_core} {rng.choice(loc.company_suffixes)}"
    if rng.random() < 0.15:
        company = company.upper()
    domain = (
        f"{slug(company_core) if rng.random() < 0.7 else slug(words[0])}.{rng.choice(loc.tlds)}"
    )
    title = rng.choice(loc.titles) if rng.random() < 0.85 else None
    emails = [_personal_email(rng, first, last, domain)]
    if rng.random() < 0.12:
        emails.append(f"{rng.choice(['info', 'sales', 'office'])}@{domain}")
    website = None
    if rng.random() < 0.8:
        website = f"www.{domain}" if rng.random() < 0.7 else domain
    phones = _make_phones(rng, loc)
    address_lines = loc.address(rng) if rng.random() < 0.8 else []
    tagline = rng.choice(loc.taglines) if loc.taglines and rng.random() < 0.2 else None
    return Content(loc, name, title, company, emails, phones, website, address_lines, tagline)


def _personal_email(rng: random.Random, first: str, last: str, domain: str) -> str:
    f, ln = slug(first), slug(last)
    local = rng.choice([f"{f}.{ln}", f"{f[0]}.{ln}", f, f"{f[0]}{ln}", f"{f}{ln}"])
    return f"{local}@{domain}"


def _make_phones(rng: random.Random, loc: Locale) -> list[dict]:
    kinds = rng.choice(
        [
            ["work"],
            ["mobile"],
            ["work", "mobile"],
            ["work", "mobile"],
            ["work", "fax"],
            ["work", "mobile", "fax"],
            ["mobile", "work"],
        ]
    )
    phones = []
    for kind in kinds:
        number = random_phone(rng, loc.region, "mobile" if kind == "mobile" else "fixed")
        labels = {"work": loc.work_labels, "mobile": loc.mobile_labels, "fax": loc.fax_labels}[kind]
        label = rng.choice(labels)
        separator = rng.choice([" ", ": ", " "]) if not label.endswith(".") else " "
        printed = f"{label}{separator}{printed_number(rng, number, loc.region)}"
        e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        phones.append({"number": e164, "type": kind, "printed": printed})
    return phones


def label_for(content: Content) -> dict:
    other = [text for text in (content.tagline, content.logo_text) if text]
    return {
        "name": content.name,
        "title": content.title,
        "company": content.company,
        "emails": [email.lower() for email in content.emails],
        "phones": [dict(phone) for phone in content.phones],
        "website": content.website.lower() if content.website else None,
        "address": ", ".join(content.address_lines) if content.address_lines else None,
        "other": other,
        "script": "latin",
        "language": content.locale.language,
        "quality": "clear",
        "uncertain": [],
        "cards_in_image": 1,
        "orientation": 0,
    }


# ---------------------------------------------------------------------------------------------
# Fonts and drawing.
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def font_families() -> tuple[tuple[str, str], ...]:
    """(regular, bold) TTF pairs found on this machine, sorted for determinism."""
    pairs = []
    for folder in FONT_DIRS:
        for regular in sorted(glob.glob(f"/usr/share/fonts/truetype/{folder}/*.ttf")):
            stem = Path(regular).stem
            if any(
                tag in stem for tag in ("Bold", "Oblique", "Italic", "Mono", "Math", "ExtraLight")
            ):
                continue
            base = stem.removesuffix("-Regular")
            candidates = [f"{base}-Bold.ttf", f"{base}Bold.ttf"]
            bold = next(
                (
                    str(Path(regular).with_name(c))
                    for c in candidates
                    if Path(regular).with_name(c).exists()
                ),
                regular,
            )
            pairs.append((regular, bold))
    if not pairs:  # degrade to whatever TrueType fonts exist
        anything = sorted(glob.glob("/usr/share/fonts/**/*.ttf", recursive=True))
        if not anything:
            raise RuntimeError("no TrueType font found under /usr/share/fonts")
        pairs = [(path, path) for path in anything[:8]]
    return tuple(pairs)


@lru_cache(maxsize=256)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


@dataclass
class Line:
    text: str
    role: str  # name, title, company, contact, tagline
    size: int
    bold: bool = False
    color: tuple[int, int, int] | None = None  # RGB; None = the card's text colour


@dataclass
class Style:
    regular: str
    bold: str
    background: tuple[int, int, int]
    text: tuple[int, int, int]
    accent: tuple[int, int, int]
    dark: bool


LIGHT_BACKGROUNDS = (
    (255, 255, 255),
    (250, 248, 240),
    (244, 244, 238),
    (255, 253, 245),
    (236, 240, 244),
)
DARK_BACKGROUNDS = ((20, 24, 40), (15, 15, 15), (25, 55, 45), (60, 20, 30), (35, 35, 45))
ACCENTS = ((0, 82, 155), (190, 30, 45), (0, 120, 90), (230, 120, 0), (90, 40, 140), (20, 20, 20))
DARK_TEXTS = ((20, 20, 20), (40, 40, 60), (30, 30, 30))
LIGHT_TEXTS = ((250, 250, 250), (235, 225, 200), (225, 235, 245))


def make_style(rng: random.Random) -> Style:
    regular, bold = rng.choice(font_families())
    dark = rng.random() < 0.25
    if dark:
        return Style(
            regular,
            bold,
            rng.choice(DARK_BACKGROUNDS),
            rng.choice(LIGHT_TEXTS),
            rng.choice(((240, 190, 60), (120, 200, 255), (255, 255, 255))),
            True,
        )
    return Style(
        regular,
        bold,
        rng.choice(LIGHT_BACKGROUNDS),
        rng.choice(DARK_TEXTS),
        rng.choice(ACCENTS),
        False,
    )


def text_width(line: Line, style: Style) -> int:
    font = _font(style.bold if line.bold else style.regular, line.size)
    left, _, right, _ = font.getbbox(line.text)
    return int(right - left)


def block_height(lines: list[Line]) -> int:
    return int(sum(line.size * 1.32 for line in lines))


MIN_TEXT_PX = 24  # about 6 pt at 300 DPI: small print, still readable


def fit(lines: list[Line], style: Style, max_width: int, max_height: int) -> list[Line]:
    """Shrink too-wide lines to the width (contact lines together, so they keep one size),
    then the whole block together to the height; never below MIN_TEXT_PX."""
    contact_scale = min(
        (max_width / max(text_width(ln, style), 1) for ln in lines if ln.role == "contact"),
        default=1.0,
    )
    lines = [_scaled(ln, min(1.0, contact_scale)) if ln.role == "contact" else ln for ln in lines]
    lines = [_fit_width(line, style, max_width) for line in lines]
    for _ in range(40):
        if block_height(lines) <= max_height or min(ln.size for ln in lines) <= MIN_TEXT_PX:
            break
        lines = [_scaled(ln, 0.94) for ln in lines]
    return lines


def _scaled(line: Line, factor: float) -> Line:
    size = max(MIN_TEXT_PX, int(line.size * factor))
    return Line(line.text, line.role, size, line.bold, line.color)


def _fit_width(line: Line, style: Style, max_width: int) -> Line:
    while line.size > MIN_TEXT_PX and text_width(line, style) > max_width:
        line = _scaled(line, 0.94)
    return line


def draw_block(
    draw: ImageDraw.ImageDraw, lines: list[Line], style: Style, x: int, y: int, align: str = "left"
) -> int:
    """Draw lines from (x, y), x being the left, centre or right edge; returns the bottom."""
    for line in lines:
        font = _font(style.bold if line.bold else style.regular, line.size)
        width = text_width(line, style)
        left = {"left": x, "center": x - width // 2, "right": x - width}[align]
        draw.text((left, y), line.text, font=font, fill=line.color or style.text)
        y += int(line.size * 1.32)
    return y


def contact_lines(content: Content, size: int, rng: random.Random, join_phones: bool) -> list[Line]:
    lines: list[Line] = []
    phones = [phone["printed"] for phone in content.phones]
    if join_phones and len(phones) >= 2:
        lines.append(Line("   ".join(phones), "contact", size))
    else:
        lines.extend(Line(text, "contact", size) for text in phones)
    email_prefix = rng.choice(["", "", "", "E-mail: ", "E ", "Email: "])
    lines.extend(Line(f"{email_prefix}{email}", "contact", size) for email in content.emails)
    if content.website:
        prefix = rng.choice(["", "", "", "W ", "Web: "])
        lines.append(Line(f"{prefix}{content.website}", "contact", size))
    lines.extend(Line(text, "contact", size) for text in content.address_lines)
    return lines


def identity_lines(content: Content, style: Style, rng: random.Random, base: int) -> list[Line]:
    lines = [
        Line(content.name, "name", int(base * rng.uniform(1.55, 1.9)), bold=rng.random() < 0.8)
    ]
    if content.title:
        color = style.accent if rng.random() < 0.4 else None
        lines.append(Line(content.title, "title", int(base * rng.uniform(1.05, 1.2)), color=color))
    return lines


def company_line(content: Content, style: Style, rng: random.Random, base: int) -> Line:
    color = style.accent if rng.random() < 0.5 else None
    return Line(
        content.company, "company", int(base * rng.uniform(1.3, 1.6)), bold=True, color=color
    )


def tagline_lines(content: Content, style: Style, base: int) -> list[Line]:
    """A slogan under the company, in the accent colour (labelled as `other`)."""
    if not content.tagline:
        return []
    return [Line(content.tagline, "tagline", int(base * 0.8), color=style.accent)]


# ---------------------------------------------------------------------------------------------
# Layouts: each draws the whole card on `image`.
# ---------------------------------------------------------------------------------------------


def _layout_left(image: Image.Image, content: Content, style: Style, rng: random.Random) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    margin = int(width * rng.uniform(0.055, 0.08))
    base = rng.randint(30, 36)
    company = fit([company_line(content, style, rng, base)], style, width - 2 * margin, height)
    ident = fit(identity_lines(content, style, rng, base), style, width - 2 * margin, height)
    contacts = fit(contact_lines(content, base, rng, False), style, width - 2 * margin, height // 2)
    top = [*company, *tagline_lines(content, style, base)]
    top = [*top, *ident] if rng.random() < 0.5 else [*ident, *top]
    # shrink both blocks together so the top block never runs into the contacts
    both = fit([*top, *contacts], style, width - 2 * margin, height - 2 * margin - 20)
    top, contacts = both[: len(top)], both[len(top) :]
    draw_block(draw, top, style, margin, margin)
    draw_block(draw, contacts, style, margin, height - margin - block_height(contacts))


def _layout_centered(
    image: Image.Image, content: Content, style: Style, rng: random.Random
) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    margin = int(width * 0.06)
    base = rng.randint(29, 34)
    lines = [
        company_line(content, style, rng, base),
        *tagline_lines(content, style, base),
        *identity_lines(content, style, rng, base),
    ]
    contacts = contact_lines(content, base, rng, join_phones=True)
    contacts = fit(contacts, style, width - 2 * margin, height // 2)
    lines = fit(lines, style, width - 2 * margin, height - 2 * margin - block_height(contacts) - 30)
    draw_block(draw, lines, style, width // 2, margin, "center")
    bottom = height - margin - block_height(contacts)
    if rng.random() < 0.5:
        draw.line(
            (width // 4, bottom - 18, 3 * width // 4, bottom - 18), fill=style.accent, width=3
        )
    draw_block(draw, contacts, style, width // 2, bottom, "center")


def _layout_two_column(
    image: Image.Image, content: Content, style: Style, rng: random.Random
) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    margin = int(width * 0.06)
    base = rng.randint(28, 33)
    split = int(width * rng.uniform(0.38, 0.44))
    left = [*identity_lines(content, style, rng, base)]
    company = company_line(content, style, rng, base)
    left = [company, *left] if rng.random() < 0.5 else [*left, company]
    left = fit(left, style, split - margin - 20, height - 2 * margin)
    # A firm or title too long for its column even in the smallest print widens the column: a
    # printed card never runs words across its rule or into the other column.
    split = max(split, margin + 20 + max(text_width(line, style) for line in left))
    column = width - split - margin - 15
    contacts = fit(contact_lines(content, base - 2, rng, False), style, column, height - 2 * margin)
    if max(text_width(line, style) for line in contacts) > column:
        _layout_left(image, content, style, rng)  # no room for two columns
        return
    draw_block(draw, left, style, margin, (height - block_height(left)) // 2)
    x, align = (width - margin, "right") if rng.random() < 0.5 else (split + 10, "left")
    draw.line((split - 5, margin, split - 5, height - margin), fill=style.accent, width=2)
    draw_block(draw, contacts, style, x, (height - block_height(contacts)) // 2, align)


def _layout_logo(image: Image.Image, content: Content, style: Style, rng: random.Random) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    margin = int(width * 0.06)
    base = rng.randint(28, 33)
    logo = int(height * rng.uniform(0.22, 0.3))
    initials = "".join(word[0] for word in content.company.split()[:2] if word[0].isalpha()).upper()
    draw.rounded_rectangle(
        (margin, margin, margin + logo, margin + logo), radius=logo // 6, fill=style.accent
    )
    if initials:
        content.logo_text = initials
        font = _font(style.bold, int(logo * 0.42))
        box = font.getbbox(initials)
        lx = margin + (logo - (box[2] - box[0])) // 2 - box[0]
        ly = margin + (logo - (box[3] - box[1])) // 2 - box[1]
        draw.text((lx, ly), initials, font=font, fill=style.background)
    text_x = margin + logo + 30
    top = fit([company_line(content, style, rng, base)], style, width - text_x - margin, logo)
    draw_block(draw, top, style, text_x, margin + (logo - block_height(top)) // 2)
    ident = fit(identity_lines(content, style, rng, base), style, width // 2 - margin, height)
    contacts = fit(
        contact_lines(content, base - 2, rng, False),
        style,
        width // 2 - margin - 10,
        height - 2 * margin - logo - 20,
    )
    y = margin + logo + 25
    draw_block(draw, ident, style, margin, y)
    draw_block(
        draw, contacts, style, width - margin, height - margin - block_height(contacts), "right"
    )


def _layout_band(image: Image.Image, content: Content, style: Style, rng: random.Random) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    margin = int(width * 0.06)
    base = rng.randint(28, 33)
    band = int(height * rng.uniform(0.2, 0.26))
    band_color = style.accent if not style.dark else (235, 235, 235)
    band_text = (255, 255, 255) if not style.dark else (20, 20, 20)
    at_top = rng.random() < 0.6
    y0 = 0 if at_top else height - band
    draw.rectangle((0, y0, width, y0 + band), fill=band_color)
    company = company_line(content, style, rng, base)
    company.color = band_text
    company = fit([company], style, width - 2 * margin, band - 10)[0]
    draw_block(draw, [company], style, margin, y0 + (band - block_height([company])) // 2)
    area_top, area_bottom = (band + 20, height - margin) if at_top else (margin, height - band - 20)
    ident = fit(
        identity_lines(content, style, rng, base),
        style,
        width // 2 - margin - 10,
        area_bottom - area_top,
    )
    contacts = fit(
        contact_lines(content, base - 3, rng, False),
        style,
        width // 2 - margin,
        area_bottom - area_top,
    )
    draw_block(draw, ident, style, margin, area_top + 5)
    draw_block(draw, contacts, style, width - margin, area_bottom - block_height(contacts), "right")


LAYOUTS = {
    "left": _layout_left,
    "centered": _layout_centered,
    "two_column": _layout_two_column,
    "logo": _layout_logo,
    "band": _layout_band,
}


TAGLINE_LAYOUTS = ("left", "centered")


def make_card(seed: int) -> tuple[np.ndarray, dict]:
    """A flat card at 300 DPI (BGR uint8) and its label in the real-cards format."""
    rng = random.Random(f"card-{seed}")
    content = make_content(rng)
    style = make_style(rng)
    size = US_CARD if rng.random() < 0.7 else EU_CARD
    image = Image.new("RGB", size, style.background)
    layout = rng.choice(sorted(LAYOUTS))
    if layout not in TAGLINE_LAYOUTS:
        content.tagline = None  # only these layouts print it; the label lists what is printed
    LAYOUTS[layout](image, content, style, rng)
    card = cv2.cvtColor(np.asarray(image), cv2.COLOR_RGB2BGR)
    return card, label_for(content)


# ---------------------------------------------------------------------------------------------
# The "phone photo": background, perspective, light, blur, noise, JPEG.
# ---------------------------------------------------------------------------------------------

FRAMES = (
    (2000, 1500),
    (2400, 1800),
    (3000, 2250),
    (3264, 2448),
    (4000, 3000),
    (1500, 2000),
    (3000, 4000),
)


def _smooth_noise(
    np_rng: np.random.Generator, shape: tuple[int, int], cells: tuple[int, int]
) -> np.ndarray:
    """Low-frequency noise in [0, 1]: random cells resized up with cubic interpolation."""
    small = np_rng.random((cells[1], cells[0])).astype(np.float32)
    return np.clip(cv2.resize(small, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC), 0, 1)


def _background(
    np_rng: np.random.Generator, rng: random.Random, width: int, height: int
) -> np.ndarray:
    kind = rng.choice(["wood", "dark", "busy", "paper", "fabric"])
    if kind == "wood":
        grain = _smooth_noise(np_rng, (height, width), (6, 200))
        rings = (
            np.sin(np.linspace(0, rng.uniform(20, 60), height, dtype=np.float32))[:, None] * 0.15
        )
        tone = np.clip(grain * 0.6 + rings + 0.3, 0, 1)[..., None]
        dark, light = np.array([30, 60, 110], np.float32), np.array([80, 140, 200], np.float32)
        image = dark + (light - dark) * tone
    elif kind == "dark":
        base = np.array([rng.randint(15, 60)] * 3, np.float32) + np.array(
            [rng.randint(0, 15) for _ in range(3)]
        )
        image = base + _smooth_noise(np_rng, (height, width), (8, 6))[..., None] * 25
    elif kind == "paper":
        base = np.array([rng.randint(190, 235)] * 3, np.float32)
        image = base + _smooth_noise(np_rng, (height, width), (12, 9))[..., None] * 20 - 10
    elif kind == "fabric":
        color = np.array([rng.randint(40, 160) for _ in range(3)], np.float32)
        weave = (np.indices((height, width)).sum(axis=0) % 6 < 3).astype(np.float32)[..., None]
        image = color + weave * 18 + _smooth_noise(np_rng, (height, width), (10, 8))[..., None] * 30
    else:
        image = np.full((height, width, 3), rng.randint(60, 200), np.float32)
        for _ in range(rng.randint(15, 40)):
            paint = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))
            x, y = rng.randint(0, width), rng.randint(0, height)
            w, h = rng.randint(width // 20, width // 3), rng.randint(height // 20, height // 3)
            if rng.random() < 0.5:
                cv2.rectangle(image, (x, y), (x + w, y + h), paint, -1)
            else:
                cv2.circle(image, (x, y), min(w, h) // 2, paint, -1)
            cv2.line(
                image,
                (rng.randint(0, width), rng.randint(0, height)),
                (rng.randint(0, width), rng.randint(0, height)),
                paint,
                rng.randint(3, 20),
            )
    return np.clip(image, 0, 255).astype(np.float32)


def choose_rotation(seed: int) -> int:
    """Clockwise degrees a reader must turn the photo: mostly 0, sometimes 90/180/270."""
    rng = random.Random(f"rotation-{seed}")
    return rng.choice((90, 180, 270)) if rng.random() < 0.12 else 0


def _card_quad(
    rng: random.Random, card_w: int, card_h: int, frame_w: int, frame_h: int
) -> np.ndarray:
    """Where the card's corners land in the frame: 25-70 % of its area, perspective, tilt."""
    for _ in range(50):
        share = rng.uniform(0.25, 0.7)
        scale = (share * frame_w * frame_h / (card_w * card_h)) ** 0.5
        w, h = card_w * scale, card_h * scale
        if w > frame_w * 0.92 or h > frame_h * 0.92:
            continue
        angle = np.deg2rad(rng.uniform(-12, 12))
        corners = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
        jitter = np.array(
            [[rng.uniform(-0.07, 0.07) * w, rng.uniform(-0.07, 0.07) * h] for _ in range(4)]
        )
        rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
        corners = (corners + jitter) @ rot.T
        span = corners.max(axis=0) - corners.min(axis=0)
        if span[0] > frame_w * 0.96 or span[1] > frame_h * 0.96:
            continue
        cx = rng.uniform(-corners[:, 0].min(), frame_w - corners[:, 0].max())
        cy = rng.uniform(-corners[:, 1].min(), frame_h - corners[:, 1].max())
        return (corners + [cx, cy]).astype(np.float32)
    scale = min(frame_w / card_w, frame_h / card_h) * 0.6
    w, h = card_w * scale, card_h * scale
    x0, y0 = (frame_w - w) / 2, (frame_h - h) / 2
    return np.array([[x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0, y0 + h]], np.float32)


def _rounded_mask(width: int, height: int, radius: int) -> np.ndarray:
    mask = Image.new("L", (width, height), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, width - 1, height - 1), radius=radius, fill=255)
    return np.asarray(mask, np.float32) / 255.0


def _lighting(rng: random.Random, width: int, height: int) -> np.ndarray:
    """A linear gradient (window light) with a soft radial hot spot, values ~0.6..1.15."""
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (xs / width) * np.cos(angle) + (ys / height) * np.sin(angle)
    ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
    low, high = rng.uniform(0.6, 0.85), rng.uniform(1.0, 1.12)
    light = low + (high - low) * ramp
    if rng.random() < 0.4:
        cx, cy = rng.uniform(0, width), rng.uniform(0, height)
        radius = rng.uniform(0.3, 0.6) * max(width, height)
        light += 0.12 * np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * radius**2))
    return light


def photograph(card: np.ndarray, seed: int, *, rotation: int | None = None) -> bytes:
    """A JPEG 'phone photo' of `card` on a desk. `rotation` is the clockwise turn a reader needs
    (the label's `orientation`); None picks it from the seed like `synthetic_photo` does."""
    rng = random.Random(f"photo-{seed}")
    np_rng = np.random.default_rng(seed)
    rotation = choose_rotation(seed) if rotation is None else rotation
    frame_w, frame_h = rng.choice(FRAMES)
    canvas = _background(np_rng, rng, frame_w, frame_h)
    card_h, card_w = card.shape[:2]
    quad = _card_quad(rng, card_w, card_h, frame_w, frame_h)
    src = np.array([[0, 0], [card_w, 0], [card_w, card_h], [0, card_h]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, quad)
    mask = _rounded_mask(card_w, card_h, rng.choice([0, 0, 12, 25]))
    warped = cv2.warpPerspective(
        card.astype(np.float32),
        matrix,
        (frame_w, frame_h),
        flags=cv2.INTER_AREA if rng.random() < 0.5 else cv2.INTER_LINEAR,
    )
    alpha = cv2.warpPerspective(mask, matrix, (frame_w, frame_h), flags=cv2.INTER_LINEAR)[..., None]
    shadow = cv2.GaussianBlur(alpha, (0, 0), sigmaX=max(frame_w, frame_h) * 0.006)
    shift = np.array([[1, 0, frame_w * 0.006], [0, 1, frame_h * 0.008]], dtype=np.float32)
    shadow = cv2.warpAffine(shadow, shift, (frame_w, frame_h))[..., None]
    canvas = canvas * (1 - 0.45 * shadow)
    canvas = canvas * (1 - alpha) + warped * alpha
    canvas *= _lighting(rng, frame_w, frame_h)[..., None]
    scale = float(np.sqrt(cv2.contourArea(quad) / (card_w * card_h)))
    sigma = rng.uniform(0.3, 1.0) * max(scale, 0.7)
    canvas = cv2.GaussianBlur(canvas, (0, 0), sigmaX=sigma)
    canvas += np_rng.standard_normal(canvas.shape, dtype=np.float32) * rng.uniform(2, 6)
    photo = np.clip(canvas, 0, 255).astype(np.uint8)
    photo = _rotate_ccw(photo, rotation)
    ok, jpeg = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(75, 90)])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return jpeg.tobytes()


def _rotate_ccw(image: np.ndarray, degrees: int) -> np.ndarray:
    """Turn counter-clockwise so that a clockwise turn of `degrees` makes it upright again."""
    codes = {90: cv2.ROTATE_90_COUNTERCLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_CLOCKWISE}
    return cv2.rotate(image, codes[degrees]) if degrees in codes else image


def synthetic_photo(seed: int) -> tuple[bytes, dict]:
    """A JPEG phone photo of a synthetic card and its label (orientation included)."""
    card, label = make_card(seed)
    rotation = choose_rotation(seed)
    label["orientation"] = rotation
    return photograph(card, seed, rotation=rotation), label


def write_synthetic_set(out_dir: Path, count: int, seed: int = 0) -> Path:
    """Write synth-XXXX.jpg photos and labels.json (real-cards format) into `out_dir`."""
    return write_labelled_set(out_dir, count, seed, synthetic_photo, "synth")


def write_labelled_set(
    out_dir: Path,
    count: int,
    seed: int,
    photo: Callable[[int], tuple[bytes, dict]],
    prefix: str,
) -> Path:
    """Write `count` photos made by `photo` (a JPEG and its label per seed) as PREFIX-XXXX.jpg,
    and their labels.json, into `out_dir`."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    labels = {}
    for index in range(count):
        jpeg, label = photo(seed * 1_000_003 + index)
        name = f"{prefix}-{index:04d}.jpg"
        (out_dir / name).write_bytes(jpeg)
        labels[name] = label
    labels_path = out_dir / "labels.json"
    labels_path.write_text(json.dumps(labels, ensure_ascii=False, indent=1), encoding="utf-8")
    return labels_path

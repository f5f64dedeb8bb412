"""Field parser: recognised lines (built here with fake boxes) in, CardFields out."""

from __future__ import annotations

import os
import string
import subprocess
import sys
from dataclasses import dataclass, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocr import fields as fields_module
from ocr.fields import merge_fields, parse_fields, parse_qr_payload
from ocr.types import Box, CardFields, OcrLine, Phone, Word


@dataclass(frozen=True)
class Row:
    """One printed line: its text, letter height in px and OCR confidence."""

    text: str
    height: int = 20
    conf: float = 0.95
    columns: tuple[str, ...] = ()  # extra text printed far to the right on the same line


def big(text: str) -> Row:
    return Row(text, height=40)


def medium(text: str) -> Row:
    return Row(text, height=28)


def lines(*rows: Row | str) -> list[OcrLine]:
    """OcrLines with word boxes laid out top to bottom, as Tesseract reports them."""
    result, y = [], 20
    for row in rows:
        row = Row(row) if isinstance(row, str) else row
        words, x = [], 30
        for column, text in enumerate((row.text, *row.columns)):
            if column:
                x += row.height * 6  # a wide gap: a second column on the same line
            for token in text.split():
                width = len(token) * row.height // 2
                words.append(Word(token, row.conf, (x, y, width, row.height)))
                x += width + row.height // 3
        box = (30, y, x - 30, row.height)
        text = "  ".join((row.text, *row.columns))
        result.append(OcrLine(text, row.conf, box, tuple(words)))
        y += row.height + 12
    return result


def parse(*rows: Row | str, lang: str = "eng+ita", region: str | None = None) -> CardFields:
    return parse_fields(lines(*rows), lang=lang, region=region)


# ------------------------------------------------------------------ whole cards, several languages

CARDS = [
    pytest.param(
        [
            big("Mario Rossi"),
            "Responsabile Commerciale",
            medium("ACME S.r.l."),
            "Via Roma 10",
            "20121 Milano",
            "Tel 02 1234 5678 · Mob 347 123 4567",
            "mario.rossi@acme.it · www.acme.it",
        ],
        "eng+ita",
        {
            "name": "Mario Rossi",
            "title": "Responsabile Commerciale",
            "company": "ACME S.r.l.",
            "emails": ("mario.rossi@acme.it",),
            "website": "www.acme.it",
            "address": "Via Roma 10, 20121 Milano",
            "phones": (("+390212345678", "work"), ("+393471234567", "mobile")),
        },
        id="italian",
    ),
    pytest.param(
        [
            medium("Autohaus Wilhelm Graf GmbH"),
            big("Jens Brandscher"),
            "Verkaufsberater",
            "Georg-Benda-Straße 1, 90763 Fürth",
            "T 0911 99713-347  F 0911 99713-100",
            "jens.brandscher@feser-graf.de",
            "www.feser-graf.de",
        ],
        "eng+deu",
        {
            "name": "Jens Brandscher",
            "title": "Verkaufsberater",
            "company": "Autohaus Wilhelm Graf GmbH",
            "emails": ("jens.brandscher@feser-graf.de",),
            "website": "www.feser-graf.de",
            "address": "Georg-Benda-Straße 1, 90763 Fürth",
            "phones": (("+4991199713347", "work"), ("+4991199713100", "fax")),
        },
        id="german",
    ),
    pytest.param(
        [
            big("Claire Dubois"),
            "Directrice Marketing",
            medium("Lumière SARL"),
            "12 Rue de Rivoli",
            "75001 Paris",
            "Tél. 01 42 68 53 00",
            "Portable 06 12 34 56 78",
            "c.dubois@lumiere.fr",
        ],
        "eng+fra",
        {
            "name": "Claire Dubois",
            "title": "Directrice Marketing",
            "company": "Lumière SARL",
            "emails": ("c.dubois@lumiere.fr",),
            "website": None,
            "address": "12 Rue de Rivoli, 75001 Paris",
            "phones": (("+33142685300", "work"), ("+33612345678", "mobile")),
        },
        id="french",
    ),
    pytest.param(
        [
            medium("Construcciones Iberia S.L."),
            big("Javier García López"),
            "Director Comercial",
            "Calle Mayor 45, 28013 Madrid",
            "Tel. 91 123 45 67",
            "Móvil 612 345 678",
            "jgarcia@iberia-construcciones.es",
            "iberia-construcciones.es",
        ],
        "eng+spa",
        {
            "name": "Javier García López",
            "title": "Director Comercial",
            "company": "Construcciones Iberia S.L.",
            "emails": ("jgarcia@iberia-construcciones.es",),
            "website": "iberia-construcciones.es",
            "address": "Calle Mayor 45, 28013 Madrid",
            "phones": (("+34911234567", "work"), ("+34612345678", "mobile")),
        },
        id="spanish-bare-domain",
    ),
    pytest.param(
        [
            big("Renan Beato"),
            "Gerente de Negócios",
            medium("Alerta Security Solutions"),
            "Celular 11 99176-1552",
            "Fone 55 11 3105-8655",
            "rbeato@alertasecurity.com.br",
            "Rua Boa Vista, 254 | Cep 01014-000 | São Paulo | SP",
        ],
        "eng+por",
        {
            "name": "Renan Beato",
            "title": "Gerente de Negócios",
            "company": "Alerta Security Solutions",
            "emails": ("rbeato@alertasecurity.com.br",),
            "website": None,
            "address": "Rua Boa Vista, 254, Cep 01014-000, São Paulo, SP",
            "phones": (("+5511991761552", "mobile"), ("+551131058655", "work")),
        },
        id="brazilian",
    ),
    pytest.param(
        [
            medium("AVTEC SYSTEMS, INC."),
            big("MICHAEL POOLE"),
            "Software Engineer",
            "14432 ALBEMARLE POINT PLACE",
            "CHANTILLY, VIRGINIA 20151",
            "(703) 488-2500",
            "Direct (703) 488-2348",
            "Fax (703) 488-2555",
            "mpoole@avtec.com",
            "www.avtec.com",
        ],
        "eng+ita",
        {
            "name": "MICHAEL POOLE",
            "title": "Software Engineer",
            "company": "AVTEC SYSTEMS, INC.",
            "emails": ("mpoole@avtec.com",),
            "website": "www.avtec.com",
            "address": "14432 ALBEMARLE POINT PLACE, CHANTILLY, VIRGINIA 20151",
            "phones": (
                ("+17034882500", "other"),
                ("+17034882348", "work"),
                ("+17034882555", "fax"),
            ),
        },
        id="us-all-caps",
    ),
    pytest.param(
        [
            big("Tim Butler"),
            "Web Developer",
            medium("Circade"),
            "Ph. 020 7946 0958",
            "tbutler@circade.co.uk",
            "www.circade.co.uk",
        ],
        "eng",
        {
            "name": "Tim Butler",
            "title": "Web Developer",
            "company": "Circade",
            "emails": ("tbutler@circade.co.uk",),
            "website": "www.circade.co.uk",
            "address": None,
            "phones": (("+442079460958", "work"),),
        },
        id="web-developer-is-a-title",
    ),
]


@pytest.mark.parametrize(("rows", "lang", "expected"), CARDS)
def test_whole_cards(rows: list[Row | str], lang: str, expected: dict) -> None:
    fields = parse(*rows, lang=lang)
    got = {key: getattr(fields, key) for key in expected if key != "phones"}
    got_phones = tuple((p.number, p.type) for p in fields.phones)
    assert got == {k: v for k, v in expected.items() if k != "phones"}
    assert got_phones == expected["phones"]


@pytest.mark.parametrize(("rows", "lang", "expected"), CARDS)
def test_whole_cards_confidences_are_in_range_and_present(
    rows: list, lang: str, expected: dict
) -> None:
    fields = parse(*rows, lang=lang)
    for key, value in expected.items():
        if value:
            assert 0.0 <= fields.confidence[key] <= 1.0, key
            assert key in fields.boxes


# ------------------------------------------------------------------ single rules


@pytest.mark.parametrize(
    ("rows", "emails"),
    [
        pytest.param(
            ["E-mail: Mario.Rossi@ACME.it"], ("mario.rossi@acme.it",), id="lowercased-label-dropped"
        ),
        pytest.param(["mario.rossi @ acme. it"], ("mario.rossi@acme.it",), id="repaired-spaces"),
        pytest.param(
            ["a@acme.com · b@acme.com", "c@acme.com"],
            ("a@acme.com", "b@acme.com", "c@acme.com"),
            id="reading-order",
        ),
        pytest.param(["mario..rossi@acme.it"], (), id="invalid-double-dot"),
        pytest.param(["@acme"], (), id="handle-is-no-email"),
        pytest.param(
            ["info@acrne.com", "www.acme.com"], ("info@acme.com",), id="rn-m-decided-by-website"
        ),
        pytest.param(
            ["julianabarbosa@paulistabrasi.", "com.br", "www.paulistabrasil.com.br"],
            ("julianabarbosa@paulistabrasil.com.br",),
            id="domain-wrapped-onto-the-next-line",
        ),
    ],
)
def test_emails(rows: list[str], emails: tuple[str, ...]) -> None:
    assert parse(*rows).emails == emails


@pytest.mark.parametrize(
    ("rows", "website"),
    [
        pytest.param(["www.ACME.com/"], "www.acme.com", id="lowercase-no-slash"),
        pytest.param(["https://acme.it/"], "acme.it", id="scheme-dropped"),
        pytest.param(["Web: www. acme .com"], "www.acme.com", id="repaired"),
        pytest.param(["acme.it"], "acme.it", id="bare-domain"),
        pytest.param(["mario@acme.it"], None, id="email-domain-is-not-a-website"),
        pytest.param(["Web Developer"], None, id="web-developer"),
        pytest.param(["ACME Co.Ltd"], None, id="legal-form-is-not-a-domain"),
        pytest.param(["linkedin.com/in/mariorossi"], None, id="social-is-not-the-website"),
        pytest.param(["acme.com/it"], "acme.com/it", id="path-kept"),
        pytest.param(
            ["Email. info@stanley.co.uk", "wwwsstanley.co.uk"],
            "www.stanley.co.uk",
            id="dot-after-www-read-as-the-next-letter",
        ),
    ],
)
def test_website(rows: list[str], website: str | None) -> None:
    assert parse(*rows).website == website


@pytest.mark.parametrize(
    ("rows", "social"),
    [
        pytest.param(
            ["linkedin.com/in/mario-rossi"], ("linkedin.com/in/mario-rossi",), id="linkedin"
        ),
        pytest.param(
            ["https://www.linkedin.com/in/Mario/"], ("linkedin.com/in/Mario",), id="linkedin-scheme"
        ),
        pytest.param(["Twitter: @mrossi"], ("@mrossi",), id="twitter-handle"),
        pytest.param(["instagram.com/acme.it"], ("instagram.com/acme.it",), id="instagram"),
        pytest.param(["@mrossi"], (), id="unlabelled-handle-ignored"),
    ],
)
def test_social(rows: list[str], social: tuple[str, ...]) -> None:
    assert parse(*rows).social == social


@pytest.mark.parametrize(
    ("rows", "lang", "region", "phones"),
    [
        pytest.param(
            ["T 02 1234 5678 F 02 8765 4321"],
            "eng+ita",
            None,
            (("+390212345678", "work"), ("+390287654321", "fax")),
            id="two-on-one-line",
        ),
        pytest.param(
            ["Tel +39 O2 l234 5678"], "eng", None, (("+390212345678", "work"),), id="ocr-digits"
        ),
        pytest.param(
            ["Mob 0171 1234567"],
            "eng+ita",
            "DE",
            (("+491711234567", "mobile"),),
            id="region-option",
        ),
        pytest.param(
            ["Tel 0171 1234567", "info@acme.de"],
            "eng+ita",
            None,
            (("+491711234567", "work"),),
            id="email-tld-gives-region",
        ),
        pytest.param(
            ["Mob 0171 1234567", "Hauptstraße 5, 10115 Berlin"],
            "eng+ita",
            None,
            (("+491711234567", "mobile"),),
            id="city-gives-region",
        ),
        pytest.param(
            ["Mario Rossi  Tel 02 1234 5678"],
            "eng+ita",
            None,
            (("+390212345678", "work"),),
            id="label-mid-line",
        ),
        pytest.param(
            ["Cel. 11 98765-4321"], "eng+por", None, (("+5511987654321", "mobile"),), id="br-cel"
        ),
        pytest.param(
            ["Telefono 02.2493.8363 + 312 435 9578", "g.vendetti@bajardi.it"],
            "eng+ita",
            None,
            (("+390224938363", "work"), ("+393124359578", "other")),
            id="plus-set-apart-between-two-numbers",
        ),
        pytest.param(
            ["7.06 2461 2853", "a-rossi@logisticatecno.it"],
            "eng+ita",
            None,
            (("+390624612853", "other"),),
            id="label-T-read-as-a-seven",
        ),
        pytest.param(
            ["Impianti Servizi S.r.l, | 7 051 524 4889", "a-rossi@impianti.it"],
            "eng+ita",
            None,
            (("+390515244889", "other"),),
            id="label-T-read-as-a-seven-without-its-dot",
        ),
        pytest.param(
            ["Tel + 44 20 7946 0321"],
            "eng",
            None,
            (("+442079460321", "work"),),
            id="plus-set-apart-from-its-country-code",
        ),
        pytest.param(
            ["T +41.21.172.39,89", "vincenzo@eichenberger.ch"],
            "eng+ita",
            None,
            (("+41211723989", "work"),),
            id="dot-between-digit-pairs-read-as-a-comma",
        ),
        pytest.param(
            ["021.381.24, 43", "nick.keller@marti-stettler.ch"],
            "eng",
            None,
            (("+41213812443", "other"),),
            id="last-pair-after-a-comma-and-a-space",
        ),
        pytest.param(
            ["Tel. +41.21.643,58.42 Mobil: +41 78 414 62 02", "info@rey.ch"],
            "eng",
            None,
            (("+41216435842", "work"), ("+41784146202", "mobile")),
            id="dot-between-dotted-groups-read-as-a-comma",
        ),
        pytest.param(
            ["T +351.21.299,9019", "ifigueiredo@vieira.pt"],
            "eng",
            None,
            (("+351212999019", "work"),),
            id="dot-before-the-last-four-digits-read-as-a-comma",
        ),
        pytest.param(
            ["Tel 02 1234 5678, 02 8765 4321", "info@acme.it"],
            "eng+ita",
            None,
            (("+390212345678", "work"), ("+390287654321", "other")),
            id="comma-and-space-between-two-numbers",
        ),
        pytest.param(
            ["T: 4351 21 361 0783 Telm. +351 910 025 355", "Rua do Ouro, 274", "4000-447 Porto"],
            "eng+por",
            None,
            (("+351213610783", "work"), ("+351910025355", "mobile")),
            id="plus-read-as-a-four",
        ),
        pytest.param(
            ["T 415 555 0134", "1 Market St, San Francisco, CA 94105"],
            "eng",
            None,
            (("+14155550134", "work"),),
            id="a-four-that-is-a-digit",
        ),
    ],
)
def test_phones(
    rows: list[str], lang: str, region: str | None, phones: tuple[tuple[str, str], ...]
) -> None:
    assert (
        tuple((p.number, p.type) for p in parse(*rows, lang=lang, region=region).phones) == phones
    )


@pytest.mark.parametrize(
    ("rows", "field", "value"),
    [
        pytest.param(
            [Row("ACME S.p.A."), big("Giulia Bianchi"), "Amministratore Delegato"],
            "name",
            "Giulia Bianchi",
            id="name-not-first-line",
        ),
        pytest.param(
            [Row("ACME S.p.A."), big("Giulia Bianchi"), "Amministratore Delegato"],
            "title",
            "Amministratore Delegato",
            id="it-title-phrase",
        ),
        pytest.param(
            [big("Giulia Bianchi"), "Amministratore Delegato", "ACME S.p.A."],
            "company",
            "ACME S.p.A.",
            id="it-legal-suffix",
        ),
        pytest.param(
            [big("Hans Müller"), "Geschäftsführer", "Müller Bau KG"],
            "title",
            "Geschäftsführer",
            id="de-title",
        ),
        pytest.param(
            [big("Hans Müller"), "Leiter Einkauf", "Müller Bau KG"],
            "company",
            "Müller Bau KG",
            id="de-kg",
        ),
        pytest.param(
            [big("Pierre Martin"), "Gérant", "Boulangerie Martin SARL"],
            "title",
            "Gérant",
            id="fr-gerant",
        ),
        pytest.param(
            [big("Ana Souza"), "Engenheira Civil", "Souza Projetos Ltda."],
            "company",
            "Souza Projetos Ltda.",
            id="pt-ltda",
        ),
        pytest.param(
            [big("Ana Souza"), "Advogada", "Souza & Lima Advogados"],
            "title",
            "Advogada",
            id="pt-advogada",
        ),
        pytest.param(
            [big("Luis Pérez"), "Gerente", "Pérez Hermanos S.A."],
            "company",
            "Pérez Hermanos S.A.",
            id="es-sa",
        ),
        pytest.param(
            [big("Sarah Connor"), "Founder & CEO", "Skynet Labs"],
            "title",
            "Founder & CEO",
            id="en-founder-ceo",
        ),
        pytest.param(
            [medium("Globex"), big("Hank Scorpio"), "President", "hank@globex.com"],
            "company",
            "Globex",
            id="company-from-email-domain",
        ),
        pytest.param(
            [medium("GLOBEX"), Row("Hank Scorpio", 22), "President", "hank@globex.com"],
            "name",
            "Hank Scorpio",
            id="name-smaller-than-logo",
        ),
        pytest.param(
            [big("Sales Director"), Row("Mario Rossi", 22)],
            "name",
            "Mario Rossi",
            id="largest-line-is-a-title",
        ),
        pytest.param(
            [big("DR. KELLY FOCHT"), "457 Main Street, Buffalo, NY 98052"],
            "name",
            "DR. KELLY FOCHT",
            id="all-caps-with-honorific",
        ),
        pytest.param(
            [big("Joey K. Smith"), "Managing director"],
            "name",
            "Joey K. Smith",
            id="middle-initial",
        ),
        pytest.param([big("Via Roma 10"), "20121 Milano"], "name", None, id="address-is-no-name"),
        pytest.param(
            [big("Mario Rossi"), "Managernent Consultant"],
            "title",
            "Managernent Consultant",
            id="title-text-kept-as-read",
        ),
        pytest.param(
            [big("Zachary Flores"), "Psychologist, clinical", "zachary.flores@palmer.ca"],
            "title",
            "Psychologist, clinical",
            id="job-no-lexicon-knows-right-under-the-name",
        ),
        pytest.param(
            [big("Alicia Knuf"), "Acme Engineering S.r.l."], "title", None, id="company-under-name"
        ),
        pytest.param([big("Alicia Knuf"), "Via Roma 10"], "title", None, id="street-under-name"),
        pytest.param(
            [big("Alicia Knuf"), "alicia@knuf.nl", "Acupuncturist"],
            "title",
            None,
            id="words-not-right-under-the-name",
        ),
        pytest.param(
            [Row("BATERIAS PI", height=40, conf=0.6), Row("Acessérios upc", conf=0.42)],
            "title",
            None,
            id="barely-read-under-a-doubtful-name",
        ),
        pytest.param(
            [Row("BATERIAS PI", height=40, conf=0.6), Row("Acessérios upc", conf=0.9)],
            "title",
            "Acessérios upc",
            id="read-surely-under-a-doubtful-name",
        ),
        pytest.param(
            [big("Beirne, MacNaboola and Doran"), medium("Julie Purcell"), "Dentist"],
            "title",
            "Dentist",
            id="job-under-a-name-smaller-than-the-company",
        ),
        pytest.param(
            [big("Tycho de Keijser"), Row("Telefoon", height=30)], "title", None, id="label-alone"
        ),
        pytest.param(
            [big("Steve Hogan"), "Garment/textile technologist", "steve@ferguson.com"],
            "title",
            "Garment/textile technologist",
            id="job-with-a-slash-right-under-the-name",
        ),
        pytest.param(
            [big("Eric Gruber"), "Chocolatier / Chocolatière", "eric@hattinger.at"],
            "title",
            "Chocolatier / Chocolatière",
            id="job-in-both-genders-right-under-the-name",
        ),
        pytest.param(
            [big("Noah Paiva"), "Av Grande / 129"], "title", None, id="slash-before-a-number"
        ),
        pytest.param(
            [big("Leah Middelkoop"), "Engineering geologist", "lmiddelkoop@royal-van.nl"],
            "title",
            "Engineering geologist",
            id="practitioner-of-a-science",
        ),
        pytest.param(
            [big("Joshua Miller"), "Surveyor, building", "919 Choi Dam", "Horneside, SK J7R 3B5"],
            "title",
            "Surveyor, building",
            id="trade-after-a-comma-is-no-building",
        ),
        pytest.param(
            [big("Tom Hill"), "Building surveyor", "68 Brianna Little", "New Eric, NSW, 2787"],
            "title",
            "Building surveyor",
            id="trade-of-buildings-is-no-building",
        ),
        pytest.param(
            [
                big("Cathy Thornton"),
                "Nurse",
                "cathy@megoldrick.ie",
                "McGoldrick, Conlon and Skelly",
            ],
            "company",
            "McGoldrick, Conlon and Skelly",
            id="partners-surnames",
        ),
        pytest.param(
            [big("van de Ven & Schatteleijn"), medium("Kaylee Lemmens"), "info@van-ven.nl"],
            "company",
            "van de Ven & Schatteleijn",
            id="partners-surnames-with-particles",
        ),
        pytest.param(
            [
                medium("Araújo S.A."),
                big("Ana Luiza Sales"),
                "Apresentador de eventos",
                "E aluizasales@araujo.com.br",
            ],
            "name",
            "Ana Luiza Sales",
            id="surname-a-job-word-the-email-spells",
        ),
        pytest.param(
            [
                medium("Leal"),
                big("Mario Santos"),
                "Cantoneiro de limpeza",
                "R. Arquitecto Carlos Ramos, 708",
                "3632-354 Ovar",
                "E-mail: mario@leal.pt",
            ],
            "address",
            "R. Arquitecto Carlos Ramos, 708, 3632-354 Ovar",
            id="rua-abbreviated",
        ),
        pytest.param(
            [big("Mario Pinho"), "Especialista de redes informaticas", "m.pinho@leal.pt"],
            "title",
            "Especialista de redes informaticas",
            id="long-word-of-another-language-is-no-slip",
        ),
        pytest.param(
            [big("Anne Roy"), "anne@roy.fr", "Administrateur de bases de données"],
            "title",
            "Administrateur de bases de données",
            id="french-title-word-is-not-mended-to-english",
        ),
        pytest.param(
            [big("Ana Peixoto"), "ana@peixoto.pt", "Recepcionista"],
            "title",
            "Recepcionista",
            id="portuguese-title-word-not-under-the-name",
        ),
        pytest.param(
            [big("Giuseppina lacobucci"), "Editor", "giacobucci@moretti.it"],
            "name",
            "Giuseppina Iacobucci",
            id="capital-i-read-as-l-spelled-by-the-email",
        ),
        pytest.param(
            [big("Giuseppina lacobucci"), "Editor", "info@moretti.it"],
            "name",
            None,
            id="small-l-without-the-email-s-word-stays",
        ),
        pytest.param(
            [big("Kevin Blake"), "Manager", "Robinson- Lamb", "kevin@robinson-lamb.com"],
            "company",
            "Robinson-Lamb",
            id="space-read-after-a-hyphen",
        ),
        pytest.param(
            [big("Ann Reyes"), "Teacher, primary school", "ann@reyes.com"],
            "title",
            "Teacher, primary school",
            id="job-with-a-lowercase-qualifier-after-a-comma",
        ),
        pytest.param(
            [big("Rodriguez Mediterraneo"), "Directora", "pablorodriguez@rodriguezmediterraneo.es"],
            "company",
            "Rodríguez Mediterráneo",  # the accents the Spanish lexicon knows
            id="firm-named-with-the-surname-its-owner-s-address-shares",
        ),
        pytest.param(
            [big("Pablo Rodriguez"), "Directora", "pablorodriguez@rodriguezmediterraneo.es"],
            "name",
            "Pablo Rodríguez",
            id="owner-whose-surname-names-the-firm",
        ),
        pytest.param(
            [big("H.-Dieter Bender"), "Arzt", "info@moechlichen.de"],
            "name",
            "H.-Dieter Bender",
            id="double-first-name-with-its-first-part-shortened",
        ),
        pytest.param(
            [big("Kate die Bont"), "Chief Marketing Officer", "kdiebont@royal.nl"],
            "name",
            "Kate die Bont",
            id="dutch-name-particle",
        ),
        pytest.param(
            [medium("Klomp Jan & Courtier"), big("Karlijn van 't Wel"), "Airline pilot"],
            "name",
            "Karlijn van 't Wel",
            id="dutch-particle-with-an-apostrophe",
        ),
        pytest.param(
            [medium("Hug & Partner"), big("Oskar Keller"), "Consultant", "info@hug.ch"],
            "company",
            "Hug & Partner",
            id="title-word-in-the-firm-the-domain-spells",
        ),
        pytest.param(
            [
                medium("Luscher Arnold & Partner"),
                big("Willy Weber"),
                "Product designer",
                "w.weber@luescher.ch",
            ],
            "company",
            "Lüscher Arnold & Partner",  # the umlaut's dots lost: "luescher" spells "Luscher"
            id="title-word-in-the-firm-the-domain-spells-with-an-umlaut",
        ),
        pytest.param(
            [medium("Muller Metall GmbH"), big("Michael Muller"), "mmueller@mueller.de"],
            "name",
            "Michael Müller",
            id="owner-named-like-the-firm-with-an-umlaut",
        ),
        pytest.param(
            [medium("da Conceicao"), big("Marcelo Porto"), "E-mail: m.porto@conceicao.com.br"],
            "company",
            "da Conceição",  # a particle in lower case, not a logo's stray letters
            id="firm-led-by-a-particle-the-domain-does-not-spell",
        ),
        pytest.param(
            [medium("Martins Nascimento S.A."), big("Bryan Sa"), "b.sa@martins-nascimento.pt"],
            "name",
            "Bryan Sa",  # Sá, its accent lost (read again with por's pack later): "SA" is a form
            id="two-letter-surname-like-a-legal-form",
        ),
        pytest.param(
            [medium("der Kijnder & Nollee"), big("Jayda van der Maath"), "info@der.nl"],
            "name",
            "Jayda van der Maath",  # the domain spells only a particle of her name
            id="domain-spelling-a-particle-of-the-name",
        ),
        pytest.param(
            [big("Guntram Hendriks"), "Conradi GmbH & Co. KG", "g.hendriks@conradi.de"],
            "company",
            "Conradi GmbH & Co. KG",
            id="short-legal-forms-are-no-noise",
        ),
        pytest.param(
            [medium("Carneiro"), big("Anita Silva"), "Mineiro", "info@carneiro.pt"],
            "title",
            "Mineiro",
            id="unknown-job-under-the-name-while-another-line-is-the-likelier-firm",
        ),
        pytest.param(
            [big("Pierre Roth"), "Kaser Grob & Cie.", "p.roth@kaeser.ch"],
            "company",
            "Käser Grob & Cie.",  # "ae" in the domain is the name's "ä"
            id="swiss-and-french-legal-form-and-company",
        ),
        pytest.param(
            [medium("Herrmann AG"), big("Fred Herrmann"), "Florist", "info@herrmann.de"],
            "name",
            "Fred Herrmann",
            id="owner-named-like-the-family-firm",
        ),
        pytest.param(
            [big("Laura Smith"), "Secretary, company", "Northwind plc", "12 High Street"],
            "title",
            "Secretary, company",  # a form spelled in lower case is a word of a title
            id="title-ending-in-company",
        ),
        pytest.param(
            [big("Laura Smith"), "Secretary, company", "Smith & Company", "laura@smith.com"],
            "company",
            "Smith & Company",
            id="company-spelled-out-capitalised-is-a-form",
        ),
        pytest.param(
            [medium("da Cunha Ltda."), big("Antony Sales"), "Enfermeiro", "asales@cunha.com.br"],
            "name",
            "Antony Sales",  # a surname that is a title word, the email spelling the name
            id="surname-a-title-word-spelled-by-the-email",
        ),
        pytest.param(
            [big("Brigida Sales"), "Farmacéutico", "E info@farmaceutica.es", "Morante S.L.N.E"],
            "name",
            "Brigida Sales",  # printed largest, over a title: the person, the address a firm's
            id="surname-a-title-word-printed-largest",
        ),
        pytest.param(
            [big("Regional Manager"), "Laura Bianchi", "l.bianchi@acme.it"],
            "name",
            "Laura Bianchi",  # the address spells the person printed smaller
            id="title-printed-largest-is-no-name",
        ),
        pytest.param(
            [medium("Acme Ltd"), "Sales Manager", big("Mario Rossi"), "smanager@acme.com"],
            "title",
            "Sales Manager",  # two title words: a title, whatever the email spells
            id="title-of-two-title-words-spelled-by-an-email",
        ),
        pytest.param(
            [big("Jayda de Bruyn"), "Solicitor, Scotland", "Elifpad 107", "3899KW Leerbroek"],
            "title",
            "Solicitor, Scotland",
            id="profession-as-title",
        ),
        pytest.param(
            [big("Hortense Coulon"), medium("Camus SARL"), "Gendarme", "hortense@camus.fr"],
            "title",
            "Gendarme",
            id="french-profession-as-title",
        ),
        pytest.param(
            [big("Begona Belda"), "Tapicero", "Huerta & Asociados S.C.PCorreo: begona@huerta.es"],
            "company",
            "Huerta & Asociados S.C.P",
            id="company-before-a-glued-spanish-email-label",
        ),
        pytest.param(
            [big("Ana Souza"), medium("Costa Ltda."), "Instalador de sistemas", "ana@costa.com.br"],
            "title",
            "Instalador de sistemas",
            id="portuguese-trade-as-title",
        ),
        pytest.param(
            [big("Tim Ross"), medium("Aid Ltd"), "Development worker", "tim@aid.co.uk"],
            "title",
            "Development worker",
            id="english-trade-as-title",
        ),
        pytest.param(
            [big("Justin Jimenez"), "Nature conservation officer", "justin@bass.com.au"],
            "title",
            "Nature conservation officer",  # no "conservator" a slip away
            id="a-title-s-real-word-is-no-slip-of-a-trade",
        ),
        pytest.param(
            [
                big("Tiffany Miller"),
                "Administrator, Civil Service",
                "tiffany@morris-bridges.com",
                "Morris, Bridges and Duran",
            ],
            "title",
            "Administrator, Civil Service",  # the firm is printed elsewhere: the sector's words
            id="title-and-its-sector-after-a-comma",
        ),
        pytest.param(
            [medium("Consulting Group Ltd."), big("melia Smith"), "ameliasmith@consulting.com"],
            "name",
            "Amelia Smith",
            id="first-name-capital-lost-spelled-by-the-email",
        ),
        pytest.param(
            [medium("TECNOLOGIA LTDA."), big("GABRIEL RI BEIRO"), "gribeiro@tecnologia.com.br"],
            "name",
            "GABRIEL RIBEIRO",
            id="space-inside-a-name-in-capitals-joined-as-the-email-spells",
        ),
        pytest.param(
            [medium("SISTEMI S.R.L."), big("GIULIA ROSSI"), "giuliarossi@sistemi.it"],
            "name",
            "GIULIA ROSSI",  # the address runs the two words together; the card does not
            id="name-in-capitals-beside-an-email-of-both-words-run-together",
        ),
        pytest.param(
            [
                big("DISTRIBUIDORA TECNOLOGIA LTDA."),
                "Gabriel Ribeiro",
                "g@distribuidoratecnologia.com",
            ],
            "company",
            "DISTRIBUIDORA TECNOLOGIA LTDA.",  # a domain runs a firm's words together
            id="firm-words-in-capitals-stay-apart",
        ),
        pytest.param(
            [big("Codie Kiernan"), "yy dI McGeown-Dixon", "E info@mcgeown-dixon.ie"],
            "company",
            "McGeown-Dixon",  # a logo's marks before the words of a hyphenated domain
            id="logo-marks-before-a-hyphenated-domain-s-words",
        ),
        pytest.param(
            [
                big("Caoimhe Keogh"),
                "McMullen, Mageean and Dordan E-mail: caoimhe.keog mull ie",
                "Web: www.mcmullen-mageean.ie",
            ],
            "company",
            "McMullen, Mageean and Dordan",  # not the email that failed to read after it
            id="an-email-label-and-its-unread-address-leave-the-firm",
        ),
        pytest.param(
            [big("Diana Pinto"), "Calceteiro", "Carvalho", medium("@carvalho.pt"), "carvalho.pt"],
            "company",
            "Carvalho",  # "@carvalho.pt": the end of an email read on a line of its own
            id="an-email-s-domain-alone-is-no-firm",
        ),
        pytest.param(
            [big("Sara Greco"), "Tecno Sistemi S.p.A.°", "sgreco@tecnosistemi.com"],
            "company",
            "Tecno Sistemi S.p.A.",
            id="a-speck-read-as-a-degree-sign-after-the-firm",
        ),
        pytest.param(
            [
                big("Catarina Oliveira"),
                "Diretora Financeira Mével: +351 966 983 525",
                "c.oliveira@lusitanaservicos.com",
            ],
            "title",
            "Diretora Financeira",  # "Móvel:" with its accented letter misread
            id="a-label-s-accent-misread-leaves-the-title",
        ),
        pytest.param(
            [big("Ashley Taylor"), "ashley.taylor@taylor.com", "Taylor Systems Corn"],
            "company",
            "Taylor Systems Corp.",
            id="corp-read-as-corn",
        ),
        pytest.param(
            [big("Ashley Taylor"), "ashley@iowacorn.com", "Iowa Corn"],
            "company",
            "Iowa Corn",
            id="a-firm-whose-domain-spells-corn-keeps-it",
        ),
        pytest.param(
            [medium("BT Nederland"), big("Karlijn Meeusen"), "karlijn@nederland.nl"],
            "company",
            "BT Nederland",
            id="initials-alone-before-the-domain-s-name-stay",
        ),
    ],
)
def test_people_fields(rows: list, field: str, value: str | None) -> None:
    assert getattr(parse(*rows), field) == value


@pytest.mark.parametrize(
    ("rows", "address"),
    [
        pytest.param(
            ["Via Roma 10", "20121 Milano"], "Via Roma 10, 20121 Milano", id="it-two-lines"
        ),
        pytest.param(
            ["Piazza Duomo 1, 20122 Milano MI"], "Piazza Duomo 1, 20122 Milano MI", id="it-piazza"
        ),
        pytest.param(
            ["Förrlibuckstrasse 181, CH-8001 Zürich"],
            "Förrlibuckstrasse 181, CH-8001 Zürich",
            id="ch-compound-street",
        ),
        pytest.param(
            ["Av. Paulista, 1000", "01310-100 São Paulo"],
            "Av. Paulista, 1000, 01310-100 São Paulo",
            id="br-avenida",
        ),
        pytest.param(
            ["2011 El Camino Real", "Palo Alto, CA 94306"],
            "2011 El Camino Real, Palo Alto, CA 94306",
            id="us-state-zip",
        ),
        pytest.param(
            ["57 N. Walnut Drive, Suite 120", "New Orleans, LA 12329"],
            "57 N. Walnut Drive, Suite 120, New Orleans, LA 12329",
            id="us-suite",
        ),
        pytest.param(
            ["Calle Mayor 45", "28013 Madrid"], "Calle Mayor 45, 28013 Madrid", id="es-calle"
        ),
        pytest.param(["PO Box 123, Springfield"], "PO Box 123, Springfield", id="po-box"),
        pytest.param(
            ["Via Roma, 125", "37121 Verona (VR)"],
            "Via Roma, 125, 37121 Verona (VR)",
            id="province-keeps-its-closing-bracket",
        ),
        pytest.param(["Mario Rossi", "Direttore"], None, id="no-address"),
        pytest.param(
            ["Kreuselring 7-3", "10184 Schleiz"],
            "Kreuselring 7-3, 10184 Schleiz",
            id="street-line-over-postcode-line",
        ),
        pytest.param(
            ["Travessa Matias, S/N", "9622-334 Almeirim"],
            "Travessa Matias, S/N, 9622-334 Almeirim",
            id="street-word-without-number-over-postcode",
        ),
        pytest.param(
            ["Daniëldreef 59", "7783 WK Meteren"],
            "Daniëldreef 59, 7783 WK Meteren",
            id="dutch-postcode",
        ),
        pytest.param(
            ["345 Jose Pines Apt. 428", "North Christine, BC P3C 5G7"],
            "345 Jose Pines Apt. 428, North Christine, BC P3C 5G7",
            id="canadian-postcode",
        ),
        pytest.param(["Acme GmbH 2", "10184 Schleiz"], None, id="company-over-postcode-line"),
        pytest.param(
            ["15 Stewart Street", "Garymouth", "G8A 2PN"],
            "15 Stewart Street, Garymouth, G8A 2PN",
            id="town-between-street-and-postcode",
        ),
        pytest.param(
            ["3/700 Mitchell Gate", "Richardborough VIC 1865"],
            "3/700 Mitchell Gate, Richardborough VIC 1865",
            id="australian-unit-and-state-postcode",
        ),
        pytest.param(
            ["Flat 95", "Hilary Way", "Lewisfurt", "M94 9AF"],
            "Flat 95, Hilary Way, Lewisfurt, M94 9AF",
            id="british-flat-street-town-postcode",
        ),
        pytest.param(
            ["Vicolo Paulina, 480", "87047, San Pietro In Guarano (CS)"],
            "Vicolo Paulina, 480, 87047, San Pietro In Guarano (CS)",
            id="italian-cap-comma-town-province",
        ),
        pytest.param(["ARIE SEGE E-271533"], None, id="licence-number-is-no-postcode"),
        pytest.param(
            ["Kimring 7", "2302 PH", "Vollenhove"],
            "Kimring 7, 2302 PH, Vollenhove",
            id="dutch-postcode-alone-then-town",
        ),
        pytest.param(
            ["Feira Santos", "Vila Copasa", "83918-735 Costa de Pastor / MT"],
            "Feira Santos, Vila Copasa, 83918-735 Costa de Pastor / MT",
            id="brazilian-kind-of-address-without-a-number",
        ),
        pytest.param(
            ["Borissingel 9", "2530SE", "Capelle aan den IJssel"],
            "Borissingel 9, 2530SE, Capelle aan den IJssel",
            id="dutch-town-with-lowercase-words",
        ),
        pytest.param(
            ["14 Tracy Street F12 FO8V Dearbhaile Ville"],
            "14 Tracy Street F12 F08V Dearbhaile Ville",
            id="eircode-holds-no-letter-o",
        ),
        pytest.param(
            ["Stretto Giacinto, 54", "84100, Salerno (SA)"],
            "Stretto Giacinto, 54, 84100, Salerno (SA)",
            id="italian-province-sa-is-no-legal-form",
        ),
        pytest.param(
            ["Lolastraat 50", "8771LG", "Stoutenburg"],
            "Lolastraat 50, 8771LG, Stoutenburg",
            id="dutch-postcode-unspaced",
        ),
        pytest.param(
            ["Calle Berta Fortuny 78", "Asturias, 41276"],
            "Calle Berta Fortuny 78, Asturias, 41276",
            id="town-comma-postcode",
        ),
        pytest.param(
            ["Incrocio Ossani, 732 Piano 8", "61037, Mondolfo (PU)"],
            "Incrocio Ossani, 732 Piano 8, 61037, Mondolfo (PU)",
            id="italian-floor-after-house-number",
        ),
        pytest.param(
            ["Level 3 510 Nunez Cruiseway", "Port Dawn, NSW, 2618"],
            "Level 3 510 Nunez Cruiseway, Port Dawn, NSW, 2618",
            id="australian-level-before-street",
        ),
        pytest.param(
            ["Level 161 Smith Reach", "Andersonmouth, NT, 2658"],
            "Level 161 Smith Reach, Andersonmouth, NT, 2658",
            id="australian-level-run-into-the-house-number",
        ),
        pytest.param(
            ["Largo Liam Siqueira, 48", "Laranjeiras", "30074616 Andrade / MG"],
            "Largo Liam Siqueira, 48, Laranjeiras, 30074616 Andrade / MG",
            id="brazilian-cep-without-hyphen",
        ),
        pytest.param(
            ["Quadra Alves, 8", "Vila Barragem Santa Lucia", "90976-812 Caldeira / PE"],
            "Quadra Alves, 8, Vila Barragem Santa Lucia, 90976-812 Caldeira / PE",
            id="four-word-district-between",
        ),
        pytest.param(
            ["62 Murphy Curve", "Atkinsport", "BO 5HZ"],
            "62 Murphy Curve, Atkinsport, B0 5HZ",
            id="british-postcode-zero-read-as-o",
        ),
        pytest.param(
            ["Flat 66d", "Stanley Rapid", "Sallyshire", "LNSX 8WL"],
            "Flat 66d, Stanley Rapid, Sallyshire, LN5X 8WL",
            id="british-postcode-five-read-as-s",
        ),
        pytest.param(
            ["Setor Rodrigues", "Alto Caiçaras", "41453691 Dias / ES"],
            "Setor Rodrigues, Alto Caiçaras, 41453691 Dias / ES",
            id="street-word-without-number-then-district-then-postcode",
        ),
        pytest.param(
            ["Rambla del Carmen", "Palencia, 28488"],
            "Rambla del Carmen, Palencia, 28488",
            id="spanish-rambla",
        ),
        pytest.param(
            ["Loteamento Gomes, 549", "Buraco Quente", "35538584 Cirino / SC"],
            "Loteamento Gomes, 549, Buraco Quente, 35538584 Cirino / SC",
            id="brazilian-state-sc-is-no-legal-form",
        ),
        pytest.param(
            ["Praga Micael Fonseca, S/N", "2789-037 Sao Joao da Madeira"],
            "Praga Micael Fonseca, S/N, 2789-037 São João da Madeira",
            id="street-word-with-its-cedilla-read-as-g",
        ),
        pytest.param(
            ["R. de Lourenco, S/N", "9030-321 Portalegre"],
            "R. de Lourenco, S/N, 9030-321 Portalegre",
            id="abbreviated-street-without-number",
        ),
        pytest.param(
            ["87, avenue de Pereira", "80251 Bourgeois-sur- Voisin"],
            "87, avenue de Pereira, 80251 Bourgeois-sur-Voisin",
            id="space-read-after-a-hyphen-in-a-town",
        ),
        pytest.param(
            ["01 Brislane Street VO2 RTDT Lisa Ville"],
            "01 Brislane Street V02 RTDT Lisa Ville",
            id="eircode-routing-key-zero-read-as-O",
        ),
        pytest.param(
            ["Philipstraat 26", "1889 ME", "Langbroek"],
            "Philipstraat 26, 1889 ME, Langbroek",
            id="dutch-postcode-with-letters-of-a-legal-form",
        ),
        pytest.param(
            ["rue Suzanne Blot", "53890 Chauvet-sur-Mer"],
            "rue Suzanne Blot, 53890 Chauvet-sur-Mer",
            id="french-rue-without-number",
        ),
        pytest.param(
            ["Viaduto Carolina Oliveira", "Zilah Sposito", "76709660 Vargas / AC"],
            "Viaduto Carolina Oliveira, Zilah Sposito, 76709660 Vargas / AC",
            id="brazilian-viaduto",
        ),
        pytest.param(
            ["300 Vaughan Greens", "West Paula", "M10ZJ"],
            "300 Vaughan Greens, West Paula, M1 0ZJ",
            id="british-postcode-space-lost",
        ),
        pytest.param(
            ["PSC 5140, Box 3111", "APO AP 52186"],
            "PSC 5140, Box 3111, APO AP 52186",
            id="us-military-unit-box",
        ),
        pytest.param(
            ["Rotonda Doglioni, 62 Appartamento 76", "00183, Roma (RM)"],
            "Rotonda Doglioni, 62 Appartamento 76, 00183, Roma (RM)",
            id="italian-rotonda-and-flat",
        ),
        pytest.param(["USCGC Mercer", "FPO AP 77758"], "USCGC Mercer, FPO AP 77758", id="us-ship"),
        pytest.param(["Kimring 7", "Open 9 TO 5PM"], None, id="opening-hours-are-no-postcode"),
        pytest.param(["Mario Rossi", "1985 BC"], None, id="year-and-era-alone-is-no-address"),
        pytest.param(
            ["Jelleboulevard 6", "3105JT", "‘s-Heer Abtskerke"],
            "Jelleboulevard 6, 3105JT, 's-Heer Abtskerke",
            id="dutch-town-of-des",
        ),
        pytest.param(
            ["8 Simon Isle", "New Kimtown", "S47AW", "T +44 1282 182050"],
            "8 Simon Isle, New Kimtown, S4 7AW",
            id="uk-postcode-alone-on-its-line-its-space-lost",
        ),
    ],
)
def test_address(rows: list[str], address: str | None) -> None:
    assert parse(big("Somebody Else"), *rows).address == address


def test_two_rows_tesseract_joined_are_separate_fields() -> None:
    title = [("Responsabile", 60, 326, 177, 26), ("Commerciale", 247, 327, 170, 22)]
    address = [("Corso", 457, 345, 74, 19), ("Buenos", 541, 346, 93, 19)]
    address += [("Aires", 642, 346, 64, 20), ("80", 715, 347, 30, 19), ("-", 754, 357, 7, 3)]
    address += [("37121", 771, 348, 77, 20), ("Verona", 858, 349, 88, 19)]
    words = tuple(Word(t, 0.95, (x, y, w, h)) for t, x, y, w, h in title + address)
    joined = OcrLine(" ".join(w.text for w in words), 0.95, (60, 326, 886, 43), words)
    fields = parse_fields([*lines(big("Giulia Bianchi")), joined])
    assert (fields.title, fields.address) == (
        "Responsabile Commerciale",
        "Corso Buenos Aires 80 - 37121 Verona",
    )


def test_two_columns_on_one_line_are_separate_fields() -> None:
    fields = parse(big("Mario Rossi"), Row("Direttore Tecnico", columns=("Tel 02 1234 5678",)))
    assert fields.title == "Direttore Tecnico"
    assert [p.number for p in fields.phones] == ["+390212345678"]


@pytest.mark.parametrize(
    ("read", "title", "address"),
    [
        pytest.param(
            ["Business Development Manage} 205 High Street", "Manchester M1 4BT"],
            "Business Development Manager",
            "205 High Street, Manchester M1 4BT",
            id="last-letter-and-rule-read-as-a-brace",
        ),
        pytest.param(
            ["Business Development Manage#203 Lakeview Drive", "Austin, TX 78701"],
            "Business Development Manager",
            "203 Lakeview Drive, Austin, TX 78701",
            id="letter-rule-and-digit-read-as-a-hash",
        ),
        pytest.param(["Sales Directo!"], "Sales Director", None, id="last-letter-read-as-a-bang"),
        pytest.param(["Sales Director!"], "Sales Director", None, id="whole-word-loses-its-mark"),
    ],
)
def test_a_title_word_s_last_letter_read_with_the_rule_beside_it(
    read: list[str], title: str, address: str | None
) -> None:
    fields = parse(big("Amelia Wilson"), *read)
    assert (fields.title, fields.address) == (title, address)


def placed(text: str, x: int, y: int, height: int = 24) -> OcrLine:
    """One line printed at (x, y), its words boxed left to right."""
    words, left = [], x
    for token in text.split():
        width = len(token) * height // 2
        words.append(Word(token, 0.95, (left, y, width, height)))
        left += width + height // 3
    return OcrLine(text, 0.95, (x, y, left - x, height), tuple(words))


def line_of_words_read(
    read: dict[str, float], line_conf: float, x: int, y: int, step: int, height: int
) -> OcrLine:
    """A line of words (text: confidence), each `step` px from the last, as Tesseract boxed."""
    words = tuple(
        Word(text, conf, (x + step * i, y, step - 10, height))
        for i, (text, conf) in enumerate(read.items())
    )
    return OcrLine(" ".join(read), line_conf, (x, y, step * len(read), height), words)


def test_a_name_read_beside_garbage_across_a_separator_is_still_a_name() -> None:
    read = {"Thiago": 0.97, "Souza": 0.9, "_": 0.45, "|": 0.14, "12!)": 0.14, "2344322": 0.81}
    line = line_of_words_read(read, 0.49, x=60, y=266, step=90, height=40)
    card = [placed("Nova Terra S.A.", 60, 200), line, placed("tsouza@novaterra.com.br", 60, 330)]
    fields = parse_fields(card, lang="eng+ita")
    assert fields.name == "Thiago Souza"


@pytest.mark.parametrize(
    ("street", "city", "beside"),
    [
        pytest.param(
            "91 avenue Victor Hugo", "13001 Marseille", "Antoine Garnier", id="french-right-column"
        ),
        pytest.param("Calle Mayor, 206", "41001 Sevilla", "Director Financiero", id="spanish"),
    ],
)
def test_an_address_s_lines_join_across_a_line_of_the_other_column(
    street: str, city: str, beside: str
) -> None:
    # Tesseract lists lines by their tops: a line of the left column falls between the two.
    read = [
        placed("Ruiz Servicios S.A.", 60, 40, 40),
        placed(street, 700, 300),
        placed(beside, 60, 310, 40),
        placed(city, 760, 335),
    ]
    assert parse_fields(read, lang="eng+ita").address == f"{street}, {city}"


def test_a_firm_at_the_card_s_foot_read_before_the_address_is_no_part_of_it() -> None:
    # Tesseract lists the firm (bottom left, its name a country's) before the right column.
    read = [
        placed("Joy Arnold", 49, 100, 38),
        placed("Coop Nederland", 53, 580, 32),
        placed("Gijsdreef 48", 557, 253, 21),
        placed("7600TV", 557, 281, 16),
        placed("Jonkersvaart", 557, 309, 16),
        placed("E-mail jarnold@coop-nederland.nl", 558, 364, 21),
    ]
    fields = parse_fields(read, lang="eng+ita")
    assert (fields.company, fields.address) == (
        "Coop Nederland",
        "Gijsdreef 48, 7600TV, Jonkersvaart",
    )


def test_a_street_after_a_rule_stands_over_its_postcode_line() -> None:
    # "Firm | street": the street's own words, not the whole line, stand over the postcode
    read = [
        placed("Katrin Becker", 60, 40, 60),
        placed("Becker Logistik GmbH | Am Markt 67", 60, 300),
        placed("20095 Hamburg", 320, 335),
    ]
    fields = parse_fields(read, lang="deu")
    assert (fields.company, fields.address) == (
        "Becker Logistik GmbH",
        "Am Markt 67, 20095 Hamburg",
    )


def test_a_street_stands_over_its_postcode_read_in_one_line_with_a_firm() -> None:
    # "Am Markt 34" (no street word) over "Metall Rheintal KG      80331 München", one line read
    firm, town = placed("Metall Rheintal KG", 60, 335, 28), placed("80331 München", 780, 354)
    words = firm.words + town.words
    beside = OcrLine(f"{firm.text} {town.text}", 0.92, (60, 335, 930, 43), words)
    read = [
        placed("Stefan Fischer", 60, 230, 38),
        placed("Vertriebsleiter", 60, 281, 30),
        placed("Am Markt 34", 820, 318),
        beside,
    ]
    assert parse_fields(read, lang="deu").address == "Am Markt 34, 80331 München"


def test_an_address_s_lines_far_apart_do_not_join_across_the_other_column() -> None:
    read = [
        placed("Gran Via, 206", 700, 100),
        placed("Director Financiero", 60, 200, 40),
        placed("41001 Sevilla", 700, 400),
    ]
    assert parse_fields(read, lang="eng+ita").address == "41001 Sevilla"


def test_a_centred_street_line_over_its_postcode_is_an_address() -> None:
    # centred lines share neither edge: "Rua Castro, S/N" is narrower than the line under it
    read = [
        placed("César Morais", 390, 40, 34),
        placed("Rua Castro, S/N", 440, 120),
        placed("8481-183 São João da Madeira", 360, 150),
    ]
    expected = "Rua Castro, S/N, 8481-183 São João da Madeira"
    assert parse_fields(read, lang="eng+ita").address == expected


# ------------------------------------------------------------------ confidence


def test_strong_evidence_gives_high_confidence() -> None:
    fields = parse(
        big("Mario Rossi"),
        "ACME S.r.l.",
        "Tel +39 02 1234 5678",
        "mario.rossi@acme.it",
        "www.acme.it",
    )
    for key in ("name", "company", "emails", "phones", "website"):
        assert fields.confidence[key] >= 0.9, key


@pytest.mark.parametrize(
    ("rows", "field"),
    [
        pytest.param([Row("Mario Rossi"), Row("Luca Bianchi")], "name", id="two-names-same-size"),
        pytest.param(["Mario Rossi", "Bar Sport"], "company", id="company-without-evidence"),
        pytest.param(["acme.it"], "website", id="bare-domain-alone"),
        pytest.param(["2294-9484"], "phones", id="number-without-area-code"),
        pytest.param([Row("mario.rossi@acme.it", conf=0.3)], "emails", id="low-ocr-confidence"),
    ],
)
def test_ambiguous_guesses_stay_below_09(rows: list, field: str) -> None:
    fields = parse(*rows, lang="eng+por" if field == "phones" else "eng+ita")
    assert getattr(fields, field)
    assert fields.confidence[field] < 0.9


# ------------------------------------------------------------------ QR payloads and merging

VCARD = """BEGIN:VCARD
VERSION:3.0
N:Rossi;Mario;;;
FN:Mario Rossi
ORG:ACME S.r.l.
TITLE:Direttore Tecnico
TEL;TYPE=CELL:+39 347 123 4567
TEL;TYPE=WORK,VOICE:+39 02 1234 5678
TEL;TYPE=FAX:+39 02 8765 4321
EMAIL;TYPE=INTERNET:Mario.Rossi@acme.it
URL:https://www.acme.it/
URL:https://www.linkedin.com/in/mariorossi
ADR;TYPE=WORK:;;Via Roma 10;Milano;MI;20121;Italia
END:VCARD"""


def test_vcard_payload() -> None:
    fields = parse_qr_payload(VCARD)
    assert fields.name == "Mario Rossi"
    assert fields.company == "ACME S.r.l."
    assert fields.title == "Direttore Tecnico"
    assert fields.emails == ("mario.rossi@acme.it",)
    assert fields.phones == (
        Phone("+393471234567", "mobile", "+39 347 123 4567"),
        Phone("+390212345678", "work", "+39 02 1234 5678"),
        Phone("+390287654321", "fax", "+39 02 8765 4321"),
    )
    assert fields.website == "www.acme.it"
    assert fields.social == ("linkedin.com/in/mariorossi",)
    assert fields.address == "Via Roma 10, Milano, MI, 20121, Italia"
    assert all(value >= 0.98 for value in fields.confidence.values())


@pytest.mark.parametrize(
    ("payload", "name", "emails", "website"),
    [
        pytest.param(
            "MECARD:N:Rossi,Mario;TEL:+393471234567;EMAIL:mario@acme.it;URL:acme.it;;",
            "Mario Rossi",
            ("mario@acme.it",),
            "acme.it",
            id="mecard",
        ),
        pytest.param("https://www.acme.it/", None, (), "www.acme.it", id="plain-url"),
        pytest.param("just some text", None, (), None, id="unknown-payload"),
        pytest.param(
            "BEGIN:VCARD\nN:Rossi;Mario\nEND:VCARD", "Mario Rossi", (), None, id="vcard-n-only"
        ),
    ],
)
def test_other_qr_payloads(
    payload: str, name: str | None, emails: tuple, website: str | None
) -> None:
    fields = parse_qr_payload(payload)
    assert (fields.name, fields.emails, fields.website) == (name, emails, website)


def test_merge_prefers_qr_and_keeps_ocr_elsewhere() -> None:
    ocr = parse(
        big("Marlo Rossi"), "Direttore Tecnico", "Tel 02 1234 5678", "Via Roma 10, 20121 Milano"
    )
    qr = parse_qr_payload("MECARD:N:Rossi,Mario;EMAIL:mario@acme.it;;")
    merged = merge_fields(ocr, qr)
    assert merged.name == "Mario Rossi" and merged.confidence["name"] >= 0.98
    assert merged.emails == ("mario@acme.it",)
    assert merged.title == "Direttore Tecnico"
    assert (
        merged.address == ocr.address and merged.confidence["address"] == ocr.confidence["address"]
    )
    assert merged.phones == ocr.phones


def test_a_legal_form_alone_after_marks_is_no_crash() -> None:
    # "1889 ME" weighed as a company: marks before a legal form and nothing else once raised.
    fields = parse("Stichting Kathagen", "Clinical psychologist", "1889 ME", "j@stichting.nl")
    assert fields.company == "Stichting Kathagen"


# ------------------------------------------------------------------ properties

card_text = st.text(alphabet=string.printable + "àèéìòùäöüßçãõñ·•|©", max_size=60)


@settings(max_examples=150, deadline=None)
@given(st.lists(card_text, max_size=8), st.sampled_from(["eng+ita", "eng", "deu", "por", ""]))
def test_parse_fields_never_raises_and_normalises(texts: list[str], lang: str) -> None:
    fields = parse(*texts, lang=lang)
    assert all(email == email.lower() and "@" in email for email in fields.emails)
    assert all(p.number.startswith("+") and p.number[1:].isdigit() for p in fields.phones)
    assert all(p.type in {"mobile", "work", "fax", "other"} for p in fields.phones)
    assert all(0.0 <= value <= 1.0 for value in fields.confidence.values())
    if fields.website:
        assert fields.website == fields.website.lower() and not fields.website.endswith("/")
        assert "://" not in fields.website


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_parse_qr_payload_never_raises(payload: str) -> None:
    fields = parse_qr_payload(payload)
    assert all(0.0 <= value <= 1.0 for value in fields.confidence.values())


# ------------------------------------------------------------------ rules learnt from real photos


@pytest.mark.parametrize(
    ("rows", "field", "value"),
    [
        pytest.param(
            [big("Tim Butler Director of operations"), "tbutler@circade.com"],
            "name",
            "Tim Butler",
            id="name-and-title-on-one-line-name",
        ),
        pytest.param(
            [big("Tim Butler Director of operations"), "tbutler@circade.com"],
            "title",
            "Director of operations",
            id="name-and-title-on-one-line-title",
        ),
        pytest.param(
            [big("FABRIKAM, INC."), "Eric Rothenberg, Owner, License #M45678"],
            "title",
            "Owner",
            id="comma-list-name-title-licence",
        ),
        pytest.param(
            [big("Elizabeth Nelson"), "Grade Teacher, Mount Pilot Elementary School"],
            "company",
            "Mount Pilot Elementary School",
            id="title-and-company-on-one-line",
        ),
        pytest.param(
            [
                big("Masuo Fukada"),
                medium("Director"),
                medium("Business Design Office"),
                "Techno Project Japan Co.",
            ],
            "title",
            "Director, Business Design Office",
            id="title-continues-with-department",
        ),
        pytest.param(
            [
                "Institute for Computer Sciences, Social Informatics",
                "and Telecommunications Engineering",
                big("Gabriella Magyar"),
            ],
            "company",
            "Institute for Computer Sciences, Social Informatics"
            " and Telecommunications Engineering",
            id="company-continues-with-connector",
        ),
        pytest.param(
            ["de Jager & Verhaar", big("Kate van den Oever"), "Sales executive", "kate@jager.nl"],
            "company",
            "de Jager & Verhaar",
            id="firm-led-by-a-lowercase-particle-spelling-the-domain",
        ),
        pytest.param(
            [big("Mariana Lopes"), "Vendedora", "Brito - El", "mariana@gmail.com"],
            "company",
            "Brito - EI",
            id="brazilian-sole-trader-read-el",
        ),
        pytest.param(
            [big("TPJ"), medium("Yuki Ito"), "Techno Project Japan Co.", "ito.yuki@tpj.co.jp"],
            "company",
            "Techno Project Japan Co.",
            id="acronym-of-domain-beats-logo",
        ),
        pytest.param(
            ["matthias.zimmermann@bsi", "www.bsiag.com"],
            "emails",
            ("matthias.zimmermann@bsiag.com",),
            id="email-cut-at-card-edge",
        ),
        pytest.param(
            ["l.fernandez@serviciosconstrucciones.es", "se rviciosconstrucciones.es"],
            "website",
            "serviciosconstrucciones.es",
            id="website-with-a-space-read-inside-joined-as-the-email-domain",
        ),
        pytest.param(
            ["g.piccinni@ferrari.it", "Wwwwferrari.it"],
            "website",
            "www.ferrari.it",
            id="www-dot-read-as-a-fourth-w",
        ),
        pytest.param(
            ["info@fisher.co.uk", "feb www. fisher.co.uk"],
            "website",
            "www.fisher.co.uk",
            id="label-remains-before-www-stay-out",
        ),
        pytest.param(
            ["lucia@acme.es", "Web acme.es"],
            "website",
            "acme.es",
            id="label-before-website-stays-out",
        ),
        pytest.param(
            ["E-mail: alejandrogarcia@servicios. é", "Web: WWW. Servicios. es"],
            "emails",
            ("alejandrogarcia@servicios.es",),
            id="email-ending-misread-mended-by-website",
        ),
        pytest.param(
            ["Email: alejandro@fernandezievante.com", "www.fernandezlevante.com"],
            "emails",
            ("alejandro@fernandezlevante.com",),
            id="email-domain-l-read-as-i-mended-by-website",
        ),
        pytest.param(
            ["patricia @distribuidoranovatera Com ur", "Web: distribuidoranovaterra.com.br"],
            "emails",
            ("patricia@distribuidoranovaterra.com.br",),
            id="email-split-at-its-at-sign-with-a-slip-in-its-domain",
        ),
        pytest.param(
            ["Georg-Benda-StraBe 1", "90763 Fürth"],
            "address",
            "Georg-Benda-Straße 1, 90763 Fürth",
            id="eszett-read-as-B",
        ),
        pytest.param(
            ["Kensei Shinjuku Bldg.", "5-5-3 Shinjuku, Shinjuku-ku, Tokyo 160-0022, Japan"],
            "address",
            "Kensei Shinjuku Bldg., 5-5-3 Shinjuku, Shinjuku-ku, Tokyo 160-0022, Japan",
            id="japanese-building-and-blocks",
        ),
        pytest.param(
            ["563 Salvatierra Walk", Row("A=,", conf=0.4), "Stanford, CA 94305-8530"],
            "address",
            "563 Salvatierra Walk, Stanford, CA 94305-8530",
            id="noise-between-address-lines",
        ),
        pytest.param(
            [
                "2-10-14, Matsue City,",
                "Shimane, 690-0826 JAPAN",
                "TEL +81-852-32-1140",
                "767-63, Tamayu-cho, Matsue City,",
                "Shimane, 699-0203 JAPAN",
            ],
            "address",
            "2-10-14, Matsue City, Shimane, 690-0826 JAPAN",
            id="first-office-address",
        ),
        pytest.param(
            ["Newbees co, Itd."],
            "company",
            "Newbees co, ltd.",
            id="ltd-read-as-Itd",
        ),
        pytest.param(
            [big("Lucía Gómez"), "igomez@soluciones.es"],
            "emails",
            ("lgomez@soluciones.es",),
            id="email-local-i-for-l-fixed-by-name",
        ),
        pytest.param(
            [big("Chloe Halpen"), "Email. chioe@mcgarry-group.ie"],
            "emails",
            ("chloe@mcgarry-group.ie",),
            id="email-of-the-first-name-alone-i-for-l",
        ),
        pytest.param(
            [
                big("Collette Gilmore"),
                "McCready, Gildea and Moynihan E collette@mccready.ie",
            ],
            "company",
            "McCready, Gildea and Moynihan",
            id="email-label-after-a-firm-with-a-comma",
        ),
        pytest.param(
            [big("Jolijn Kriens"), "E joliin@remmers.nl"],
            "emails",
            ("jolijn@remmers.nl",),
            id="email-of-the-first-name-alone-i-for-j",
        ),
        pytest.param(
            [big("Aaron Scheucher"), "ail garon.scheucher@gamsjaeger-kohler.at"],
            "emails",
            ("aaron.scheucher@gamsjaeger-kohler.at",),
            id="email-first-name-s-first-letter-slip",
        ),
        pytest.param(
            [big("John Smith"), "k.smith@acme.com"],
            "emails",
            ("k.smith@acme.com",),
            id="email-initial-of-another-person-stays",
        ),
        pytest.param(
            [big("Thomas Koch"), "Geschaftsfuhrer"],
            "title",
            "Geschaftsfuhrer",
            id="title-lexicon-ignores-lost-accents",
        ),
        pytest.param(
            [Row("Joao Gomes", 40, columns=("Avenida da Liberdade, 263",))],
            "name",
            "Joao Gomes",
            id="big-name-beside-small-address",
        ),
    ],
)
def test_real_photo_rules(rows: list, field: str, value: object) -> None:
    assert getattr(parse(*rows), field) == value


@pytest.mark.parametrize(
    ("rows", "numbers"),
    [
        pytest.param(
            ["Shimane, 690-0826 JAPAN", "TEL +81-852-32-1140"],
            ["+81852321140"],
            id="postcode-in-address-is-no-phone",
        ),
        pytest.param(
            ["11 2785-4545 / 2783-6958 - ID 45"],
            ["+551127854545", "+551127836958"],
            id="area-code-inherited-in-a-list",
        ),
        pytest.param(
            ["Fax: 2131-3418", "Pabx: (11) 2131-3400"],
            ["+551121313418", "+551121313400"],
            id="area-code-inherited-from-a-line-below",
        ),
        pytest.param(["(375) 555-0100"], ["+13755550100"], id="fictional-number-alone-kept"),
        pytest.param(
            ["Telefon. 01 232138205", "Mobil. 0666 513303"],
            ["+491232138205", "+49666513303"],
            id="a-long-number-borrows-no-area-code",
        ),
        pytest.param(
            ["http://www.holon.ne.ip", "TEL 03-6860-8606"],
            ["+81368608606"],
            id="ip-read-for-jp-gives-region",
        ),
    ],
)
def test_real_photo_phone_rules(rows: list, numbers: list[str]) -> None:
    assert [p.number for p in parse(*rows, lang="eng").phones] == numbers


@pytest.mark.parametrize(
    ("numbers", "name"),
    [
        pytest.param(
            ["Tel 915 03 12 34", "Mov. 621 80 88 24"],
            "Alejandro Rodríguez",
            id="valid-in-spain-only",
        ),
        pytest.param(["Tel 0161 999 6729"], "Alejandro Rodriguez", id="valid-in-italy-and-britain"),
    ],
)
def test_numbers_valid_in_one_country_only_give_the_card_s_language(
    numbers: list[str], name: str
) -> None:
    assert parse(big("Alejandro Rodriguez"), "Director Comercial", *numbers).name == name


def test_language_named_by_the_website_ending_caps_names_too() -> None:
    fields = parse(big("NGUYEN MINH TRI"), "www orvant. vn", "tri.nguyen@orvant.vn", lang="eng")
    assert fields.name == "NGUYEN MINH TRI" and fields.confidence["name"] < 0.9


def test_text_of_a_language_not_read_is_capped_below_09() -> None:
    rows = [big("Eletronica ADACHI Ltda."), "Rua Boa Vista, 254, CEP 01014-000, São Paulo"]
    unread = parse(*rows, lang="eng+ita")
    read = parse(*rows, lang="eng+por")
    assert unread.confidence["company"] < 0.9 <= read.confidence["company"]


# ------------------------------------------------------------- rules learnt from synthetic cards


@pytest.mark.parametrize(
    ("rows", "field", "value"),
    [
        pytest.param(
            [big("Adrian Nunez"), "Consultor", "M: +34 612 34 56 78"],
            "name",
            "Adrián Núñez",
            id="accents-back-on-a-spanish-card",
        ),
        pytest.param(
            [big("Norte Servicos Ltda"), "Rua Alfa, 12 - CEP 01014-000"],
            "company",
            "Norte Serviços Ltda",
            id="accents-back-on-a-brazilian-card",
        ),
        pytest.param(
            [big("Jose Fernandez"), "Sales Manager", "Tel (212) 555-0143"],
            "name",
            "Jose Fernandez",
            id="no-spanish-accents-on-a-us-card",
        ),
        pytest.param(
            [big("Lena Brandt"), "Vertriebsingenieurin", "lena@brandt.de"],
            "title",
            "Vertriebsingenieurin",
            id="german-compound-title",
        ),
        pytest.param(
            [big("Paolo Neri"), "Ufficio Vendite", "paolo@neri.it"],
            "title",
            "Ufficio Vendite",
            id="italian-office-as-title",
        ),
        pytest.param(
            [big("Lena Brandt"), "Am Anger 12", "04109 Leipzig"],
            "address",
            "Am Anger 12, 04109 Leipzig",
            id="street-without-street-word-above-postcode",
        ),
        pytest.param(
            [big("Lena Brandt"), "Vertriebsleiterin 2", "04109 Leipzig"],
            "address",
            "04109 Leipzig",
            id="title-above-postcode-is-no-street",
        ),
        pytest.param(
            ["dkoval@ kovalpart", "ners.com", "Web: kovalpartners.com"],
            "website",
            "kovalpartners.com",
            id="website-tail-on-its-own-line-loses",
        ),
        pytest.param(
            ["dkoval@ kovalpart", "ners.com", "Web: kovalpartners.com"],
            "emails",
            ("dkoval@kovalpartners.com",),
            id="email-cut-after-at-completed-by-website",
        ),
        pytest.param(
            [big("Nora Wilde"), "nvilde@wildeco.com"],
            "emails",
            ("nwilde@wildeco.com",),
            id="email-letter-slip-fixed-by-name",
        ),
        pytest.param(
            [big("Timo Berg"), "timoaberg@bergco.com"],
            "emails",
            ("timoaberg@bergco.com",),
            id="email-letter-for-dot-not-changed",
        ),
        pytest.param(
            [big("Jana Kruger"), "jkrueger@kruegerbau.com"],
            "name",
            "Jana Krüger",
            id="umlaut-from-email-transliteration",
        ),
        pytest.param(
            ["Ktihnert", big("Franz Hermann"), "info@kuehnert.de", "www.kuehnert.de"],
            "company",
            "Kühnert",
            id="u-umlaut-read-as-two-letters-spells-the-domain",
        ),
        pytest.param(
            [big("Ana Lima"), "Cortador de vidro", "ana.lima@gmail.com"],
            "title",
            "Cortador de vidro",
            id="job-one-letter-from-a-lexicon-word-is-kept",
        ),
        pytest.param(
            [big("Ana Rojas"), "Veterinario", "ana@rojasvet.es"],
            "title",
            "Veterinario",
            id="a-trade-alone-under-the-name",
        ),
        pytest.param(
            [big("Karl Schreiner"), "Tischlermeister", "Holzbau GmbH", "k@holzbau.de"],
            "name",
            "Karl Schreiner",
            id="a-surname-that-is-also-a-trade-stays-a-name",
        ),
        pytest.param(
            [big("Liam Byrne"), "Counselling psychologist"],
            "title",
            "Counselling psychologist",
            id="an-agent-noun-is-no-slip-of-a-lexicon-word",
        ),
        pytest.param(
            [big("Jana Kruger"), "Geschaftsfthrer"],
            "title",
            "Geschäftsführer",
            id="title-word-one-slip-from-lexicon",
        ),
        pytest.param(
            [big("Jana Kruger"), "Geschaftsfithrer"],
            "title",
            "Geschäftsführer",
            id="long-title-word-umlaut-read-as-two-letters",
        ),
        pytest.param(
            [big("Tiago Rocha"), "Gerente Comer: cial"],
            "title",
            "Gerente Comercial",
            id="title-word-split-in-two-by-a-mark",
        ),
        pytest.param(
            [big("Tiago Rocha"), "Head of Sales"],
            "title",
            "Head of Sales",
            id="words-of-a-title-stay-apart",
        ),
        pytest.param(
            [big("Jörg Wagner"), "Geschiiftsfiihrer"],
            "title",
            "Geschäftsführer",
            id="both-umlauts-read-as-ii",
        ),
        pytest.param(
            [big("Sabine Fischer"), "Geschiftsfiihrer"],
            "title",
            "Geschäftsführer",
            id="very-long-title-word-both-umlauts-slipped",
        ),
        pytest.param(
            [big("Ana Melo"), "Gerente Comercial"],
            "title",
            "Gerente Comercial",
            id="short-title-word-not-stretched-to-another-language",
        ),
        pytest.param(
            [big("Ana Melo"), "Diretora Executiva"],
            "title",
            "Diretora Executiva",
            id="title-lexicon-word-not-corrected",
        ),
        pytest.param(
            [big("Rosa Klein"), "Address: 410 Harbor Road", "Salem, OR 97301"],
            "address",
            "410 Harbor Road, Salem, OR 97301",
            id="address-label-dropped",
        ),
        pytest.param(
            ["T: 503-555-0142 F: 503-555-01", "410 Harbor Road", "Salem, OR 97301"],
            "address",
            "410 Harbor Road, Salem, OR 97301",
            id="digits-of-a-cut-number-stay-out-of-the-address",
        ),
        pytest.param(
            ["Email: pnxroofing@mailhost.com", "www.pdxroofing.com"],
            "emails",
            ("pdxroofing@mailhost.com",),
            id="email-local-named-after-website-one-slip",
        ),
        pytest.param(
            [
                "Academy of Marine Sciences, Applied Robotics",
                Row("qe", conf=0.6),
                "and Ocean Engineering",
                big("Ines Vork"),
                "Rue Haute 12, B-1000 Bruxelles",
            ],
            "company",
            "Academy of Marine Sciences, Applied Robotics and Ocean Engineering",
            id="company-continues-past-a-logo-mark-english-kept-on-a-belgian-card",
        ),
        pytest.param(
            [
                big("Coastline Travel"),
                Row("Rita M. Lowe", 25),
                Row("Managing director", 26),
                "info@coastlinetravel.com",
            ],
            "name",
            "Rita M. Lowe",
            id="small-name-right-over-its-title",
        ),
        pytest.param(
            [big("Rita Lowe"), "Group", medium("Zorvik Trading LLC"), "rita@zorvikgroup.com"],
            "company",
            "Zorvik Trading LLC",
            id="generic-word-alone-is-no-company-even-in-the-domain",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("Zorvik Trading L.LC")],
            "company",
            "Zorvik Trading L.L.C",
            id="legal-form-with-a-lost-dot",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("Norte Vidros Ltdai"), "rita@nortevidros.com.br"],
            "company",
            "Norte Vidros Ltda.",
            id="legal-form-dot-read-as-i",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("stemi Nord S.n.c."), "rita@sisteminord.it"],
            "company",
            "Sistemi Nord S.n.c.",
            id="first-letters-hidden-by-a-logo-spelled-by-the-domain",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("lichel Numérique SARL"), "rita@michelnumerique.com"],
            "company",
            "Michel Numérique SARL",
            id="capital-misread-as-a-small-letter-spelled-by-the-domain",
        ),
        pytest.param(
            [big("Liam Kaufmann"), medium("praun GmbH"), "l.kaufmann@braun.ch"],
            "company",
            "Braun GmbH",
            id="capital-misread-in-a-word-the-domain-spells",
        ),
        pytest.param(
            [big("Claire Durand"), medium("3 tlantique Lumière SARL"), "c@atlantiquelumiere.com"],
            "company",
            "Atlantique Lumière SARL",
            id="capital-read-as-a-mark-of-its-own",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("4 IM Tejo Serviços Lda."), "rita@tejoservicos.com"],
            "company",
            "Tejo Serviços Lda.",
            id="logo-marks-before-the-words-that-spell-the-domain",
        ),
        pytest.param(
            [big("Jack Jones"), medium("Jones Group PLG"), "jack@jonesgroup.com"],
            "company",
            "Jones Group PLC",
            id="a-capital-of-the-legal-form-misread",
        ),
        pytest.param(
            [big("Jack Jones"), medium("Jones Services GIE"), "jack@jonesservices.fr"],
            "company",
            "Jones Services GIE",
            id="a-legal-form-one-capital-from-another-is-no-slip",
        ),
        pytest.param(
            [
                big("Pedro Ferreira"),
                medium("1355] Engenharia Solucées S.A."),
                "p@engenhariasolucoes.pt",
            ],
            "company",
            "Engenharia Soluções S.A.",
            id="a-logo-s-marks-before-a-name-the-domain-begins",
        ),
        pytest.param(
            [big("Ana Pereira"), medium("LS ly Solugdes Tejo S.A."), "ana@solucoestejo.pt"],
            "company",
            "Soluções Tejo S.A.",
            id="logo-letters-before-words-that-nearly-spell-the-domain",
        ),
        pytest.param(
            [big("Ana Pereira"), medium("/:N=)) Araùjo Brasil S.A."), "ana@araujo.com.br"],
            "company",
            "Araújo Brasil S.A.",
            id="marks-with-one-letter-among-them-before-the-domain-name",
        ),
        pytest.param(
            [big("Charlotte Thomas"), medium("THOMAS THAMES LTD"), "charlotte@thomas.co.uk"],
            "company",
            "THOMAS THAMES LTD",
            id="a-word-near-the-name-s-surname-beside-that-surname",
        ),
        pytest.param(
            [big("Brian Meenan"), medium("(0) Hagan LLC"), "bmeenan@hagan-llc.ie"],
            "company",
            "O'Hagan LLC",
            id="an-irish-o-and-its-apostrophe-read-as-a-bracketed-zero",
        ),
        pytest.param(
            [big("Kim Sanders"), medium("Evers&Willemsen"), "ks@evers-willemsen.nl"],
            "company",
            "Evers & Willemsen",
            id="the-gaps-around-an-ampersand-lost",
        ),
        pytest.param(
            [big("Kim Sanders"), medium("AT&T Research"), "ks@att.com"],
            "company",
            "AT&T Research",
            id="an-ampersand-between-capitals-is-printed-so",
        ),
        pytest.param(
            [big("Petra Meyer"), medium("yt. NORDWERK RHEINTAL GMBH"), "petra@nordwerk.com"],
            "company",
            "NORDWERK RHEINTAL GMBH",
            id="small-letters-of-a-logo-before-a-name-the-domain-begins",
        ),
        pytest.param(
            [big("Joseph Gonzalez"), medium("i Bender-Scott"), "joseph@bender.ca"],
            "company",
            "Bender-Scott",
            id="a-logo-letter-before-a-hyphenated-firm-the-domain-begins",
        ),
        pytest.param(
            [
                big("Alessandro Greco"),
                medium("el i Greco Logistica S.n.c."),
                "a@grecologistica.com",
            ],
            "company",
            "Greco Logistica S.n.c.",
            id="logo-letters-read-as-a-conjunction-before-the-domain-words",
        ),
        pytest.param(
            [big("Pablo Lopez"), medium("46.8 Tecnologia Mediterraneo S.L."), "p@tecnologia.es"],
            "company",
            "Tecnología Mediterráneo S.L.",  # the accents: a Spanish card (.es)
            id="logo-read-as-digits-before-a-name-the-domain-begins",
        ),
        pytest.param(
            [big("Flavia Zichichi"), medium("Vespa-Sm I rnoff S.r.l."), "fz@vespa-smirnoff.it"],
            "company",
            "Vespa-Smirnoff S.r.l.",
            id="spaces-read-inside-the-words-the-domain-spells",
        ),
        pytest.param(
            [big("Jacob Davis"), medium("Vinc ent-Walker"), "jdavis@vincent.com.au"],
            "company",
            "Vincent-Walker",
            id="space-read-inside-the-first-name-the-domain-spells",
        ),
        pytest.param(
            [big("Jaime Williams"), medium("J ordan-Smith"), "jwilliams@jordan.com.au"],
            "company",
            "Jordan-Smith",
            id="first-letter-set-apart-from-the-first-name",
        ),
        pytest.param(
            [big("Kelly Johnson"), medium("Hay den-Hicks"), "k.johnson@hayden-hicks.ca"],
            "company",
            "Hayden-Hicks",
            id="space-read-inside-a-hyphenated-firm-the-domain-spells-whole",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("Bakker van-Dijk"), "rita@bakkervan.nl"],
            "company",
            "Bakker van-Dijk",
            id="a-particle-before-the-hyphen-keeps-its-space",
        ),
        pytest.param(
            [big("Julie Prinsen"), medium("'s Gravensande Groep"), "julie@gravensande-groep.nl"],
            "company",
            "'s Gravensande Groep",
            id="dutch-s-before-the-name-the-domain-spells",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("Edwards-Fernandez™"), "rita@edwards.com"],
            "company",
            "Edwards-Fernandez",
            id="trademark-sign-dropped",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("Acme Tech Ltd"), "rita@acmetech.com"],
            "company",
            "Acme Tech Ltd",
            id="words-the-domain-runs-together-keep-their-space",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("Knoll & Prantl OG"), "rita@knoll.at"],
            "company",
            "Knoll & Prantl OG",
            id="an-ampersand-is-no-piece-of-a-word",
        ),
        pytest.param(
            [medium("van 't Wel & van de Ven"), big("Joy Goudriaan"), "joy@van.nl"],
            "company",
            "van 't Wel & van de Ven",
            id="an-ampersand-before-the-domain-s-word-keeps-its-space",
        ),
        pytest.param(
            [big("Maurer GmbH"), Row("Mustafa Hurlimann", 34, 0.68), Row("Market researcher", 21)],
            "name",
            "Mustafa Hurlimann",
            id="a-name-read-unsurely-for-its-accent-is-still-the-name",
        ),
        pytest.param(
            [big("Maurer GmbH"), Row("Mustafa Hurlimann", 34, 0.55), Row("Market researcher", 21)],
            "name",
            None,
            id="a-name-read-very-unsurely-is-left-to-the-user",
        ),
        pytest.param(
            [big("Joélle Zuidweg"), "Sales executive", "Tel. +31 10 156 4423", "jz@zuidweg.nl"],
            "name",
            "Joëlle Zuidweg",
            id="a-dutch-card-s-diaeresis",
        ),
        pytest.param(
            [big("Rafael Araujo"), medium("Aratijo Brasil S.A."), "rafael@araujo.com.br"],
            "company",
            "Araújo Brasil S.A.",
            id="surname-misread-in-the-company-spelled-by-name-and-domain",
        ),
        pytest.param(
            [big("Ann Thomas"), medium("Thomas Thames Ltd."), "ann@thomasthames.co.uk"],
            "company",
            "Thomas Thames Ltd.",
            id="a-word-the-domain-spells-is-no-misread-surname",
        ),
        pytest.param(
            [big("Sabine Koch"), medium("Koch Metall AGI"), "sabine@koch.com"],
            "company",
            "Koch Metall AG",
            id="rule-read-as-i-after-the-legal-form",
        ),
        pytest.param(
            [big("Yvette Leroy"), medium("Delaunay Goncalves SAj"), "yleroy@delaunay.fr"],
            "company",
            "Delaunay Goncalves SA",
            id="a-speck-read-as-a-small-letter-after-the-legal-form",
        ),
        pytest.param(
            [big("Lena Meier"), medium("Meier Bau KGaA"), "lena@meier.de"],
            "company",
            "Meier Bau KGaA",
            id="a-legal-form-with-a-small-letter-inside-stays",
        ),
        pytest.param(
            [big("Hugo Tan"), medium("AstraZeneca 2"), "hugo.tan@astrazeneca.com"],
            "company",
            "AstraZeneca",
            id="a-lone-digit-after-the-words-that-spell-the-domain",
        ),
        pytest.param(
            [big("Jaylinn Jansen"), medium("KEMA A..."), "info@kema.nl"],
            "company",
            "KEMA",
            id="a-letter-trailing-marks-after-the-words-that-spell-the-domain",
        ),
        pytest.param(
            [big("Joana Caldeira"), medium("Correia = ME"), "joana@correia.com.br"],
            "company",
            "Correia - ME",
            id="a-dash-before-the-legal-form-read-as-equals",
        ),
        pytest.param(
            [big("Hugo Tan"), medium("Studio 7"), "hugo@studio7.com"],
            "company",
            "Studio 7",
            id="a-digit-the-domain-spells-too-stays",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("L A Lumière Atlantique SAS"), "rita@lumiere.fr"],
            "company",
            "Lumière Atlantique SAS",
            id="lone-letters-before-a-name-the-domain-begins",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("AB Lumière Atlantique SAS"), "rita@lumiere.fr"],
            "company",
            "AB Lumière Atlantique SAS",
            id="initials-before-a-name-the-domain-begins-stay",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("GE Tejo Lda."), "rita@getejo.com"],
            "company",
            "GE Tejo Lda.",
            id="two-capitals-spelled-by-the-domain-are-the-name-s",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("NORTE VIDROS LTDA aline"), "rita@nortevidros.com.br"],
            "company",
            "NORTE VIDROS LTDA",
            id="small-letter-word-after-the-legal-form-is-another-field-s",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("Greco Logistica S.r.Ls."), "rita@grecologistica.it"],
            "company",
            "Greco Logistica S.r.l.s.",
            id="legal-form-dot-and-small-letter-read-as-a-capital",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("Tech Vidros Ltd"), "rita@mytechvidros.com"],
            "company",
            "Tech Vidros Ltd",
            id="a-name-beginning-with-a-capital-keeps-it-beside-a-longer-domain",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("Norte Vidros Ltda}"), "rita@nortevidros.com.br"],
            "company",
            "Norte Vidros Ltda.",
            id="legal-form-last-dot-read-as-a-brace",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("Greco Italia S.p.Aî"), "rita@grecoitalia.it"],
            "company",
            "Greco Italia S.p.A.",
            id="legal-form-last-dot-read-as-an-accented-i",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("VIDROS NORTE S.L_U"), "rita@vidrosnorte.es"],
            "company",
            "VIDROS NORTE S.L.U.",
            id="legal-form-dot-read-as-underscore",
        ),
        pytest.param(
            [big("Eugenia Zichichi"), medium("Muti-Einaudi s.r."), "eugenia@muti.it"],
            "company",
            "Muti-Einaudi s.r.l.",
            id="legal-form-s-r-l-without-its-thin-l",
        ),
        pytest.param(
            [big("Anna Tiefenbacher"), medium("Simic Mayrhofer eV."), "anna@simic.at"],
            "company",
            "Simic Mayrhofer e.V.",
            id="a-german-society-s-first-dot-lost",
        ),
        pytest.param(
            [big("William Smith"), medium("KINGSWAY CONSULTING LTDM"), "william@kingsway.co.uk"],
            "company",
            "KINGSWAY CONSULTING LTD",
            id="a-speck-after-the-form-read-as-a-letter",
        ),
        pytest.param(
            [big("Jonathan Campbell"), medium("Baker.Brown"), "jon@baker-brown.ca"],
            "company",
            "Baker-Brown",
            id="company-hyphen-read-as-a-dot-as-the-domain-spells",
        ),
        pytest.param(
            [big("Jonathan Campbell"), medium("Baker.Brown"), "jon@bakerbrown.ca"],
            "company",
            "Baker.Brown",
            id="company-dot-kept-where-the-domain-has-no-hyphen",
        ),
        pytest.param(
            [
                big("Karen Patel"),
                "E karen@morris-chadwick.co.uk",
                medium("Morri s-C hadwick  www.morris-chadwick.co.uk"),
            ],
            "company",
            "Morris-Chadwick",
            id="company-spaced-around-its-hyphen-as-the-domain-spells",
        ),
        pytest.param(
            [
                big("Tom Burrows"),
                "tom.burrows@bennett-johnson.co.uk",
                medium("Ben nett-John son  www.bennett-johnson.co.uk"),
            ],
            "company",
            "Bennett-Johnson",
            id="company-spaced-inside-both-names-as-the-domain-spells",
        ),
        pytest.param(
            [medium("Smith and Sons"), big("Ceara Gahan"), "c.gahan@smith-and.ie"],
            "company",
            "Smith and Sons",
            id="a-word-of-its-own-is-no-piece-of-the-domain-s-name",
        ),
        pytest.param(
            [medium("lannotti-Piccio s.r.l."), big("Francesca Leonardi"), "www.iannotti-piccio.it"],
            "company",
            "Iannotti-Piccio s.r.l.",
            id="a-capital-I-read-as-l-where-the-domain-spells-i",
        ),
        pytest.param(
            [medium("lannotti-Piccio s.r.l."), big("Francesca Leonardi"), "www.iannotti-piccio.it"],
            "website",
            "www.iannotti-piccio.it",
            id="a-word-s-first-l-does-not-respell-the-domain-s-i",
        ),
        pytest.param(
            [
                medium("Anastasi-lannelli Group"),
                big("Valentina Bevilacqua"),
                "www.anastasi-iannelli.it",
            ],
            "website",
            "www.anastasi-iannelli.it",
            id="a-small-l-after-a-hyphen-does-not-respell-the-domain-s-i",
        ),
        pytest.param(
            ["H E T: +44 161 314 9990", "arry Evans harry@evanspartners.com", "Evans Partners Ltd"],
            "name",
            "Harry Evans",
            id="a-first-name-s-capital-read-on-the-line-above-as-the-email-spells",
        ),
        pytest.param(
            [big("Sara Esposito"), "sesposito@tecnologistica.com", "www. N.tecnologistica. com"],
            "website",
            "www.tecnologistica.com",
            id="a-speck-read-as-a-label-before-the-email-s-domain",
        ),
        pytest.param(
            [medium("Kiting & Söhne"), big("Domenico Mayer"), "domenico.mayer@kueng.ch"],
            "company",
            "Küng & Söhne",
            id="an-umlaut-read-as-iti-as-the-email-spells-it",
        ),
        pytest.param(
            [medium("GieB"), big("Ferenc Juncken"), "Winzer", "Mail info@giess.de"],
            "company",
            "Gieß",
            id="an-eszett-spelled-ss-by-the-domain",
        ),
        pytest.param(
            [
                big("Karen Patel"),
                "E karen@patel.co.uk",
                medium("Patel Trading Web www.patel.co.uk"),
            ],
            "company",
            "Patel Trading",
            id="company-without-the-web-label-before-its-website",
        ),
        pytest.param(
            [big("Rita Lowe"), medium("Casa Sal")],
            "company",
            None,
            id="short-word-ending-in-l-is-no-legal-form",
        ),
        pytest.param(
            [
                big("Rita Lowe"),
                Row("Email: rita@", columns=()),
            ],
            "emails",
            (),
            id="lone-at-sign-is-no-email",
        ),
        pytest.param(
            [
                big("Aiko Mori"),
                "Head Office 1-2-3, Sakuramachi, Kobe City,",
                "Hyogo, 650-0001 JAPAN",
            ],
            "address",
            "1-2-3, Sakuramachi, Kobe City, Hyogo, 650-0001 JAPAN",
            id="office-label-before-address-dropped",
        ),
        pytest.param(
            [big("Xq i Lund Director of sales"), "plund@orvant.com"],
            "title",
            "Director of sales",
            id="title-split-from-a-misread-name-matching-the-email",
        ),
        pytest.param(
            [big("Paolo Neri"), medium("ORVANT SYSTEMS S.r.l."), "DI MARCO NERI"],
            "company",
            "ORVANT SYSTEMS S.r.l.",
            id="capital-DI-is-no-connector",
        ),
        pytest.param(
            ["E-mail: k.sato@orvant.ne.jp URL: http://www.orvant.ne.jlp"],
            "website",
            "www.orvant.ne.jp",
            id="website-with-a-broken-ending-taken-from-the-email-domain",
        ),
        pytest.param(
            ["Email: ptwroofingco@mailhost.com", "www.pdxroofingco.com"],
            "emails",
            ("pdxroofingco@mailhost.com",),
            id="long-email-local-two-slips-from-website",
        ),
        pytest.param(
            [big("Rita Lowe"), Row("Building what matters", 18), "rita@orvant.com"],
            "address",
            None,
            id="slogan-with-an-address-word-is-no-address",
        ),
        pytest.param(
            [big("Rita Lowe"), "Rua do Carmo, 41", "3000-150 Coimbra"],
            "address",
            "Rua do Carmo, 41, 3000-150 Coimbra",
            id="portuguese-postcode",
        ),
        pytest.param(
            [big("Julia Koch"), "Technischer Leiter", "Am Markt 13", "50667 Koln"],
            "address",
            "Am Markt 13, 50667 Köln",
            id="city-read-without-its-umlaut",
        ),
        pytest.param(
            [big("Julia Koch"), "julia@koch.de", "Am Markt 13", "80331 Miinchen"],
            "address",
            "Am Markt 13, 80331 München",
            id="city-umlaut-read-as-ii-no-street-word",
        ),
        pytest.param(
            [big("Julia Koch"), "julia@koch.de", "Am Markt 13", "50667 Kòln"],
            "address",
            "Am Markt 13, 50667 Köln",
            id="city-umlaut-read-as-another-accent",
        ),
        pytest.param(
            [big("Jorge Ortega"), "j-ortega@orvant.es"],
            "emails",
            ("j.ortega@orvant.es",),
            id="email-dot-read-as-hyphen-fixed-by-name",
        ),
        pytest.param(
            [big("Joao Ferreira"), "j ferreira@atlantico.pt"],
            "emails",
            ("j.ferreira@atlantico.pt",),
            id="email-dot-read-as-space-fixed-by-name",
        ),
        pytest.param(
            [big("Fernanda Ribeiro"), "oordenador de Projetos", "fernanda@ribeiro.com.br"],
            "title",
            "Coordenador de Projetos",
            id="title-word-that-lost-its-first-letter",
        ),
        pytest.param(
            [big("Lucia Fernandez"), "1 fernandez@atlantico.es"],
            "emails",
            ("l.fernandez@atlantico.es",),
            id="email-initial-l-read-as-1-and-its-dot-as-a-space",
        ),
        pytest.param(
            [big("Luca Romano"), "E-mail: .romano@nordlogistica.it"],
            "emails",
            ("l.romano@nordlogistica.it",),
            id="email-initial-lost-before-its-dot-taken-from-the-name",
        ),
        pytest.param(
            [big("Sabine Koch"), "E ne.koch@koch.com"],
            "emails",
            ("sabine.koch@koch.com",),
            id="email-start-lost-is-the-name-s",
        ),
        pytest.param(
            [big("Luiz Miguel Brito"), "E-mail: \\uiz.miguelbrito@goncalves.com"],
            "emails",
            ("luiz.miguelbrito@goncalves.com",),
            id="email-start-lost-is-the-name-s-with-its-middle-name",
        ),
        pytest.param(
            [big("Luiz Henrique Nogueira"), "E Ihenriquenogueira@moura.com.br"],
            "emails",
            ("lhenriquenogueira@moura.com.br",),
            id="email-initial-slip-mended-by-a-name-with-a-middle-name",
        ),
        pytest.param(
            [big("Sabine Koch"), "E e.koch@koch.com"],
            "emails",
            ("e.koch@koch.com",),
            id="email-of-an-initial-and-the-surname-stays",
        ),
        pytest.param(
            [big("Elena Marino"), "-marino@marino.com"],
            "emails",
            ("e.marino@marino.com",),
            id="email-initial-and-dot-read-as-a-dash",
        ),
        pytest.param(
            [big("Anna Marino"), "Email: &marino@italiaservizi.it"],
            "emails",
            ("a.marino@italiaservizi.it",),
            id="email-initial-and-dot-read-as-an-ampersand",
        ),
        pytest.param(
            [big("Anna Marino"), "Email - marino@italiaservizi.it"],
            "emails",
            ("marino@italiaservizi.it",),
            id="email-after-a-dash-label-separator-stays",
        ),
        pytest.param(
            [big("Giulia Neri"), "E-mail: .romano@nordlogistica.it"],
            "emails",
            ("romano@nordlogistica.it",),
            id="email-initial-lost-and-no-name-to-give-it",
        ),
        pytest.param(
            [big("Maria Ferreira"), "a ferreira@atlantico.pt"],
            "emails",
            ("ferreira@atlantico.pt",),
            id="letter-before-email-not-the-initial-stays-apart",
        ),
        pytest.param(
            [big("Claire Durand"), "claire durand@atlantico.fr"],
            "emails",
            ("claire.durand@atlantico.fr",),
            id="email-dot-after-first-name-read-as-space",
        ),
        pytest.param(
            [big("lan da Mata"), "Supervisor de vendas", "idamata@sales.com.br"],
            "name",
            "Ian da Mata",
            id="short-first-name-capital-i-read-as-l-spelled-by-the-email",
        ),
        pytest.param(
            [big("Carmela Zurita"), "E ceur ita@hermanos.es"],
            "emails",
            ("czurita@hermanos.es",),
            id="email-split-by-a-space-beside-a-slip-joined-as-the-name-spells",
        ),
        pytest.param(
            [big("C h ia ra G reco | ¢.greco@grecoservizi.it")],
            "emails",
            ("c.greco@grecoservizi.it",),
            id="email-initial-c-read-as-a-cent-sign",
        ),
        pytest.param(
            [big("Patricia Rocha È"), "Coordenador de Projetos"],
            "name",
            "Patricia Rocha",
            id="icon-read-as-an-accented-capital-after-the-name",
        ),
        pytest.param(
            [big("Harry Roberts"), "Business Development Marjager", "harry@kingsway.co.uk"],
            "title",
            "Business Development Manager",
            id="title-word-with-n-read-as-rj",
        ),
        pytest.param(
            [big("Alana da Rosa"), "al .darosa@alves.com.br"],
            "emails",
            ("alana.darosa@alves.com.br",),
            id="email-first-name-lost-before-the-dot-taken-from-the-name",
        ),
        pytest.param(
            [big("Alana da Rosa"), medium("Alves"), "darosa@alves.com.bi", "W www.alves.com.br"],
            "website",
            "www.alves.com.br",
            id="website-keeps-its-ending-where-the-firm-spells-only-the-name",
        ),
        pytest.param(
            [
                big("Otto Souza"),
                "Trevo Agatha Sales",
                "Horto Florestal",
                "57489290 Duarte / TO",
                "T (11) 2357-4892",
            ],
            "address",
            "Trevo Agatha Sales, Horto Florestal, 57489290 Duarte / TO",
            id="street-named-after-a-surname-that-is-a-job-word",
        ),
        pytest.param(
            [big("Maria Moraes"), "Rua de Pinto", "Santana Do Cafezal", "78290656 Aragao / CE"],
            "address",
            "Rua de Pinto, Santana Do Cafezal, 78290656 Aragao / CE",
            id="rua-without-a-number-leads-a-street",
        ),
        pytest.param(
            [big("Alana Rosa"), "Quadra de Casa Grande, 74", "29871184 das Neves do Oeste / PR"],
            "address",
            "Quadra de Casa Grande, 74, 29871184 das Neves do Oeste / PR",
            id="brazilian-postcode-before-a-town-starting-with-a-particle",
        ),
        pytest.param(
            [
                big("Ester Vargas"),
                "Supervisor de andar",
                "Trevo Barros, 30",
                "01310-100 Duarte / TO",
            ],
            "address",
            "Trevo Barros, 30, 01310-100 Duarte / TO",
            id="andar-without-a-number-is-no-floor",
        ),
        pytest.param(
            [medium("Sidler Ernst & Séhne"), big("Lukas Sidler"), "lukas@sidler.ch"],
            "company",
            "Sidler Ernst & Söhne",
            id="a-firm-s-word-its-accent-read-as-another",
        ),
        pytest.param(
            [big("Chris Pohalski"), medium("Stanford University"), "pohalski@stanford.edu"],
            "company",
            "Stanford University",
            id="a-firm-s-word-one-letter-from-an-accented-one-stays",
        ),
        pytest.param(
            [big("Ian Moraes"), "Via de Moraes", "Jardim Leblon", "47853002 das Neves / MS"],
            "address",
            "Via de Moraes, Jardim Leblon, 47853002 das Neves / MS",
            id="via-without-a-number-leads-a-street",
        ),
        pytest.param(
            [medium("Bresciani Grou p"), big("Giuliana Ortese"), "gortese@bresciani.it"],
            "company",
            "Bresciani Group",
            id="a-firm-s-word-split-before-its-last-letter",
        ),
        pytest.param(
            [big("Lena Heere"), medium("van 't Houteveen Groep"), "lena@van-houteveen.nl"],
            "company",
            "van 't Houteveen Groep",
            id="dutch-groep-is-a-firm-s-word",
        ),
        pytest.param(
            [big("Luiz Felipe Cavalcanti"), "1.felipecavalcanti@cavalcanti.com.br"],
            "emails",
            ("l.felipecavalcanti@cavalcanti.com.br",),
            id="email-initial-dot-middle-name-surname",
        ),
        pytest.param(
            [big("Carmina Esteve"), "rreo. carmina.esteve@construccion-barco.es"],
            "emails",
            ("carmina.esteve@construccion-barco.es",),
            id="email-label-remains-are-no-part-of-the-address",
        ),
        pytest.param(
            [
                big("Alexandre Alves"),
                Row("Ss iq uei ra Ltda alexandre.alves@siqueira-ltda.com.br", conf=0.8),
                Row("W www.siqueira-itda.com.br", conf=0.95),
            ],
            "website",
            "www.siqueira-ltda.com.br",
            id="a-hyphenated-domain-spelled-by-the-firm-s-words",
        ),
        pytest.param(
            [big("Antoine Durand"), "antoine@solutionsingenierie.fr", "offic genierie.fr"],
            "website",
            None,
            id="an-email-s-remains-are-no-website",
        ),
        pytest.param(
            [big("Anna Smith"), "anna@uk.acme.com", "acme.com"],
            "website",
            "acme.com",
            id="a-website-an-email-s-subdomain-ends-with-stays",
        ),
        pytest.param(
            [medium("Chapman Lid"), big("Ryan Scott"), "ryan@chapman.co.uk"],
            "company",
            "Chapman Ltd",
            id="ltd-its-t-read-as-i",
        ),
        pytest.param(
            [medium("Lane Consulting Lidl"), big("Ryan Scott"), "ryan@laneconsulting.co.uk"],
            "company",
            "Lane Consulting Ltd.",
            id="ltd-its-t-read-as-i-and-its-dot-as-l",
        ),
        pytest.param(
            [medium("Rangel, Rodriguez and Gutierrez}"), big("Jeffrey Jensen"), "j@rangel.com"],
            "company",
            "Rangel, Rodriguez and Gutierrez",
            id="a-closing-bracket-no-bracket-opened",
        ),
        pytest.param(
            [medium("Kolen By"), big("Kayleigh van Bruchem"), "kayleigh@kolen.nl"],
            "company",
            "Kolen BV",
            id="dutch-bv-read-as-by",
        ),
        pytest.param(
            [big("Rita Sousa"), "Rececionista", "rita@sousa.pt"],
            "title",
            "Rececionista",
            id="european-portuguese-spelling-is-no-slip",
        ),
        pytest.param(
            [big("Hans-Detlef Hecker"), "Mail hansdetlef hecker@pergande.de"],
            "emails",
            ("hansdetlef.hecker@pergande.de",),
            id="email-of-a-hyphenated-first-name-its-dot-read-as-a-space",
        ),
        pytest.param(
            [big("Cornelius Kappel"), "Mail comelius@mitteregger.at"],
            "emails",
            ("cornelius@mitteregger.at",),
            id="email-of-a-long-first-name-rn-read-as-m",
        ),
        pytest.param(
            [big("Thomas Becker"), "homasbecker@beckerelektro.com"],
            "emails",
            ("thomasbecker@beckerelektro.com",),
            id="email-without-a-dot-its-first-letter-lost",
        ),
        pytest.param(
            [big("Thomas Becker"), "becker@beckerelektro.com"],
            "emails",
            ("becker@beckerelektro.com",),
            id="email-of-the-surname-alone-stays",
        ),
        pytest.param(
            [
                medium("Isler & Partner"),
                big("Olivier Sidler"),
                "Administrator, sports",
                "Mail: olivier.sidler@isler.ch",
            ],
            "company",
            "Isler & Partner",
            id="a-firm-of-a-name-like-the-email-s-and-partner-stays-whole",
        ),
        pytest.param(
            [medium("Cruz SIA"), big("Mafalda Henriques"), "E-mail: info@cruz.pt"],
            "company",
            "Cruz S/A",
            id="portuguese-s-a-its-slash-read-as-an-i",
        ),
        pytest.param(
            [medium("Baltic SIA"), big("Janis Berzins"), "E-mail: info@baltic.lv"],
            "company",
            "Baltic SIA",
            id="latvian-sia-stays",
        ),
        pytest.param(
            [big("Claire Durand"), "Mail durand@atlantico.fr"],
            "emails",
            ("durand@atlantico.fr",),
            id="word-before-email-not-the-first-name-stays-apart",
        ),
        pytest.param(
            [medium("Martin Lumière S.A."), big("Camille Martin"), "c.martin@martiniumiere.fr"],
            "emails",
            ("c.martin@martinlumiere.fr",),
            id="email-domain-i-for-l-spelled-as-the-company",
        ),
        pytest.param(
            [big("Aline Ribeiro"), "aline@novaterra.com.bi", "Web: www.novaterra.com.br"],
            "emails",
            ("aline@novaterra.com.br",),
            id="email-domain-ending-one-letter-off-the-website",
        ),
        pytest.param(
            [medium("Summit Labs Inc"), big("Dan Taylor"), "sales@summitlabs.io", "summitiabs.io"],
            "website",
            "summitlabs.io",
            id="website-i-for-l-spelled-as-the-company-and-emails",
        ),
        pytest.param(
            [big("Cathy Thornton"), "cathy@megoldrick.ie", "McGoldrick, Conlon and Skelly"],
            "emails",
            ("cathy@mcgoldrick.ie",),
            id="email-domain-e-for-c-spelled-as-the-company",
        ),
        pytest.param(
            [medium("McGarry Group"), big("Chloe Halpen"), "www.megarry-group.ie"],
            "website",
            "www.mcgarry-group.ie",
            id="hyphenated-domain-spelled-as-the-company",
        ),
        pytest.param(
            [medium("Erni Wolf & Partner"), big("Alessio Conti"), "alessio@emi.ch", "www.emi.ch"],
            "emails",
            ("alessio@erni.ch",),
            id="email-domain-rn-read-as-m-spelled-as-the-company",
        ),
        pytest.param(
            [big("Kevin Warner"), "Email kevin.warner@bames.ca", medium("Barnes-Mcdonald")],
            "emails",
            ("kevin.warner@barnes.ca",),
            id="email-domain-rn-read-as-m-spelled-by-a-hyphenated-company",
        ),
        pytest.param(
            [
                medium("Bernard Atlantique SARL"),
                big("Sophie Bernard"),
                "sbemard@bernard.fr",
                "bemard. fr",
            ],
            "website",
            "bernard.fr",
            id="website-rn-read-as-m-and-a-space-spelled-as-the-company",
        ),
        pytest.param(
            [medium("Emi Erni AG"), big("Ada Conti"), "ada@emi.ch"],
            "emails",
            ("ada@emi.ch",),
            id="domain-the-card-prints-as-read-stays",
        ),
        pytest.param(
            [big("Kyara Heere"), "k.heere@agrunie.nl", Row("www.agrunie.ni", conf=0.54)],
            "website",
            "www.agrunie.nl",
            id="website-ending-read-less-surely-than-the-email-s",
        ),
        pytest.param(
            [big("Josephine Wel"), "E jvantwel@van.nl", Row("W www.van.ni", conf=0.85)],
            "website",
            "www.van.nl",
            id="website-ending-read-a-little-less-surely-than-the-email-s",
        ),
        pytest.param(
            [big("Kevin Fields"), "kevin@jordan.ca", Row("wwwijordan.ca", conf=0.43)],
            "website",
            "www.jordan.ca",
            id="website-dot-after-www-read-as-i",
        ),
        pytest.param(
            [big("Ascension Palomo"), "ascension@jose.es", Row("Www.]ose.es", conf=0.6)],
            "website",
            "jose.es",
            id="website-start-lost-to-a-mark",
        ),
        pytest.param(
            [medium("McVitty Ltd"), big("Claire Mackey"), "cmackey@mcvitty.ie", "www.movitty.ie"],
            "website",
            "www.mcvitty.ie",
            id="website-letter-off-where-the-firm-spells-the-email-s",
        ),
        pytest.param(
            [medium("Wehrli AG"), big("Fernando Meili"), "f.meili@wehrli.ch", "W www.webrii.ch"],
            "website",
            "www.wehrli.ch",
            id="website-two-letters-off-where-the-firm-spells-the-email-s",
        ),
        pytest.param(
            [medium("Lumen AG"), big("Fernando Meili"), "f.meili@lumen.ch", "W www.lamin.ch"],
            "website",
            "www.lamin.ch",
            id="a-short-name-two-letters-off-stays",
        ),
        pytest.param(
            [big("Kevin Fields"), "kevin@bm.com", "www.ibm.com"],
            "website",
            "www.ibm.com",
            id="website-read-surely-keeps-its-letters",
        ),
        pytest.param(
            [big("Bruno Steiner"), "bruno@stadler.at", "W www.stadlerat"],
            "website",
            "www.stadler.at",
            id="website-last-dot-lost",
        ),
        pytest.param(
            [big("Dario Bacher"), "E d.bacher@huetter.at", "Hütter AG W wwwhuetter at"],
            "website",
            "www.huetter.at",
            id="website-dots-lost-and-read-as-a-space",
        ),
        pytest.param(
            [
                medium("Miller LLC"),
                big("Stephen Smith"),
                "Email: s.smith@miller.com",
                "www.millr.com",
            ],
            "website",
            "www.miller.com",
            id="website-a-slip-from-the-email-the-firm-spells",
        ),
        pytest.param(
            [
                medium("Acme LLC"),
                big("Stephen Smith"),
                "Email: s.smith@miller.com",
                "www.millr.com",
            ],
            "website",
            "www.millr.com",
            id="website-a-slip-from-the-email-nothing-spells",
        ),
        pytest.param(
            [medium("Vialle Design"), big("Ana Vialle"), "ana@viale.it", "www.viale.it"],
            "website",
            "www.viale.it",
            id="domain-not-spelled-in-the-words-stays",
        ),
        pytest.param(
            ["s.vidal@vidalmarine.fr", "office@vidalrnarine.fr", "info@vidalmarine.fr"],
            "emails",
            ("s.vidal@vidalmarine.fr", "office@vidalmarine.fr", "info@vidalmarine.fr"),
            id="email-domains-of-one-card-agree",
        ),
        pytest.param(
            ["s.garnet@garnetco.fr", "sales@gametco.fr"],
            "emails",
            ("s.garnet@garnetco.fr", "sales@garnetco.fr"),
            id="email-domain-spelled-like-the-local-part",
        ),
        pytest.param(
            ["Pendl GmbH", "Christopher WohImuth", "E c.wohlmuth@pendl.at"],
            "name",
            "Christopher Wohlmuth",
            id="small-l-read-as-capital-i-spelled-by-the-email",
        ),
        pytest.param(
            ["Pendl GmbH", "Christopher WohImuth", "E c.wohlmuth@pendl.at"],
            "emails",
            ("c.wohlmuth@pendl.at",),
            id="email-not-misspelled-to-the-misread-name",
        ),
        pytest.param(
            [
                "Elektro Rheintal AG",
                "petra@elektro.com",
                "Petra Weber | ptstraße 6",
                "60311 Berlin",
            ],
            "address",
            "ptstraße 6, 60311 Berlin",
            id="owner-before-the-address-on-its-line-is-no-part-of-it",
        ),
        pytest.param(
            ["Da Costa S.A.", "Geneviève Joseph", "gjoseph@costa.fr"],
            "company",
            "Da Costa S.A.",
            id="capitalised-particle-before-the-domain-word-is-the-firm-s",
        ),
        pytest.param(
            ["Robert Taylor", "robert@taylorsolutions.com", "taylorsol Utions.com"],
            "website",
            "taylorsolutions.com",
            id="website-with-a-space-inside-spelled-by-the-email",
        ),
        pytest.param(
            ["Francois Bernard", "f.bernard@numerique.fr", "Www..numerique.fr"],
            "website",
            "www.numerique.fr",
            id="www-with-its-dot-read-twice",
        ),
        pytest.param(
            ["Lutz & Co.", "Luigia Biihler", "Ibuehler@lutz.ch"],
            "emails",
            ("lbuehler@lutz.ch",),
            id="email-initial-slip-mended-by-a-name-with-an-umlaut",
        ),
        pytest.param(
            ["Stefan Hoffmann", "Technischer Leiter", "E-mail: shofmann@hoffmannlogistik.com"],
            "emails",
            ("shoffmann@hoffmannlogistik.com",),
            id="email-doubled-letter-read-once",
        ),
        pytest.param(
            ["Services Atlantique SAS", "Claire aurent Mob. 06 07 71 37 46", "claurent@sa.fr"],
            "name",
            "Claire Laurent",
            id="surname-capital-lost-spelled-by-the-email",
        ),
        pytest.param(
            ["Services Atlantique SAS", "Claire aurent", "info@sa.fr"],
            "name",
            None,
            id="surname-capital-lost-without-the-email-stays-unread",
        ),
        pytest.param(
            ["Fiona McIntyre", "Sales Manager", "fiona@mcintyre.co.uk"],
            "name",
            "Fiona McIntyre",
            id="capital-i-inside-a-name-the-email-spells-with-i-stays",
        ),
        pytest.param(
            ["SpieB Stey GbR", "Hans Ackermann", "hackermann@spiess.de"],
            "company",
            "Spieß Stey GbR",
            id="german-partnership-with-its-eszett-read-as-b",
        ),
        pytest.param(
            ["Benedikt Fink", "bfink@herrmann.at", "Wwww.hermann.at"],
            "website",
            "www.herrmann.at",
            id="website-with-four-ws-and-a-doubled-letter-read-once",
        ),
        pytest.param(
            ["Benedikt Fink", "bfink@hermann.at", "www.herrmann.at"],
            "emails",
            ("bfink@herrmann.at",),
            id="email-domain-with-a-doubled-letter-read-once",
        ),
        pytest.param(
            ["Warner.", "Mason", "Kevin Austin", "info@warner-mason.ca", "www.wamer-mason.ca"],
            "emails",
            ("info@warner-mason.ca",),
            id="website-rn-read-as-m-spelled-by-the-firm-s-words-does-not-bend-the-email",
        ),
        pytest.param(
            ["Bruna Aratjo", "Jardim Duarte, 7", "Monteiro baraujo@monteiro.com.br"],
            "emails",
            ("baraujo@monteiro.com.br",),
            id="email-spells-the-name-s-misread-accent-and-is-not-bent",
        ),
        pytest.param(
            ["Services Conseil S.A.", "Frangois Simon", "francois.simon@services.com"],
            "name",
            "François Simon",
            id="name-s-cedilla-read-as-g-spelled-by-the-email",
        ),
        pytest.param(
            ["Fernandes Sa Ltda.", "Esther Mendonga", "Email. emendonca@fernandes.com.br"],
            "emails",
            ("emendonca@fernandes.com.br",),
            id="a-cedilla-no-list-knows-read-as-g-does-not-bend-the-email",
        ),
        pytest.param(
            ["Pablo Fernandez", "Fernandez Soluciones S.L.U.", "pablo@femandezsoluciones.es"],
            "emails",
            ("pablo@fernandezsoluciones.es",),
            id="domain-rn-read-as-m-spelled-by-the-firm-s-words-run-together",
        ),
        pytest.param(
            ["Fleck Bòohm KG", "Elias Pichler", "info@fleck-boehm.at"],
            "company",
            "Fleck Böhm KG",
            id="umlaut-read-as-an-accented-letter-and-its-own-spelled-by-the-domain",
        ),
        pytest.param(
            ["John Morgan", "Johnson PLC", "E-mail jmorgan@johnson.com.au"],
            "name",
            "John Morgan",
            id="first-name-beginning-the-domain-with-the-surname-in-the-email-is-the-person",
        ),
        pytest.param(
            ["Gorey, Haggerty and Neligan", "E cscanlan@gorey-haggeny.ie", "www.gorey-haggerty.ie"],
            "emails",
            ("cscanlan@gorey-haggerty.ie",),
            id="email-domain-a-slip-from-the-website-the-firm-spells",
        ),
        pytest.param(
            ["José Antunes", "jantunes@jesus.pt", "wwwjesus. pt"],
            "website",
            "www.jesus.pt",
            id="website-with-the-dot-after-www-lost",
        ),
        pytest.param(
            ["Ceara Gearty", "04 Dwyer Street F58 SEWY Morgan Ville"],
            "address",
            "04 Dwyer Street F58 5EWY Morgan Ville",
            id="eircode-s-no-eircode-letter-is-a-5",
        ),
        pytest.param(
            ["André Correia", "T 21 412 5429", "Assungao Machado e Filhos", "www.assuncao.pt"],
            "company",
            "Assunção Machado e Filhos",
            id="family-firm-and-sons",
        ),
        pytest.param(
            ["Sa e Filhos", "Heloisa Albuquerque", "E heloisa.albuquerque@filhos.com.br"],
            "company",
            "Sa e Filhos",
            id="short-name-and-sons-beside-the-domain-of-sons-is-no-logo-mark",
        ),
        pytest.param(
            ["James Kramer", "Cummings-Lucas", "james@cummings-tucas.com.au"],
            "emails",
            ("james@cummings-lucas.com.au",),
            id="email-domain-l-read-as-t-spelled-by-the-company",
        ),
        pytest.param(
            ["Anunciacion Pelayo", "Ec6nomo y mayordomos domésticos", "apelayo@construccion.es"],
            "title",
            "Ecónomo y mayordomos domésticos",
            id="a-six-inside-a-word-is-an-o-acute",
        ),
        pytest.param(
            ["Bernardita Solano", "Paseo de Olivia Malo 48", "Alava, 16471", "b@carreno.es"],
            "address",
            "Paseo de Olivia Malo 48, Álava, 16471",
            id="spanish-province-s-accent-back",
        ),
        pytest.param(
            [
                "Isis da Paz",
                "Vale de Nunes, 875",
                "Cònego Pinheiro 1% Segao",
                "73762-038 Cirino das Flores / AC",
            ],
            "address",
            "Vale de Nunes, 875, Cònego Pinheiro 1% Segao, 73762-038 Cirino das Flores / AC",
            id="district-with-an-ordinal-between-street-and-postcode",
        ),
        pytest.param(
            [
                big("Cruz"),
                Row("Luciana Simòes", height=34, conf=0.36),
                "Empregado de lavabos",
                "info@cruz.pt",
            ],
            "name",
            "Luciana Simões",
            id="name-read-unsurely-for-its-known-accent",
        ),
        pytest.param(
            ["Michael Schmidt", "Tel: 040 / 84970789", "Lindenallee 59", "80331 Miinchen"],
            "phones",
            (Phone("+494084970789", "work", "Tel: 040   84970789"),),
            id="town-with-its-u-umlaut-read-as-ii-gives-the-country",
        ),
        pytest.param(
            ["Anna Meyer", "Telefon: 030 / 60966801", "Hauptstrasse 101", "50667 Kòln"],
            "phones",
            (Phone("+493060966801", "work", "Telefon: 030   60966801"),),
            id="town-with-another-accent-gives-the-country",
        ),
        pytest.param(
            ["Wagner Logistik KG", "Thomas Wagner", "Tel. 0711 / 6630651"],
            "phones",
            (Phone("+497116630651", "work", "Tel. 0711   6630651"),),
            id="a-kg-gives-the-country",
        ),
        pytest.param(
            ["Arias PLC", "Steven Mueller", "P (208) 526-8297"],
            "phones",
            (Phone("+12085268297", "work", "P (208) 526-8297"),),
            id="a-number-printed-the-north-american-way-over-a-plc",
        ),
        pytest.param(
            ["Fernanda Oliveira", "femanda.oliveira@tecnologiabrasil.com.br"],
            "emails",
            ("fernanda.oliveira@tecnologiabrasil.com.br",),
            id="email-rn-read-as-m-mended-by-the-name",
        ),
        pytest.param(
            ["\\pl Paulista Tecnologia S.A.", "Thiago Oliveira", "E thiago@paulista.com.br"],
            "company",
            "Paulista Tecnologia S.A.",
            id="logo-strokes-with-a-backslash-before-a-name-the-domain-begins",
        ),
        pytest.param(
            ["D NV Digital Albion Ltd.", "George Evans", "E george@digitalalbion.com"],
            "company",
            "Digital Albion Ltd.",
            id="every-mark-before-the-domain-s-words-goes",
        ),
    ],
)
def test_synthetic_card_rules(rows: list, field: str, value: object) -> None:
    assert getattr(parse(*rows), field) == value


@pytest.mark.parametrize(
    "company",
    [
        "Meier Stey GbR",
        "Meier Stey KGaA",
        "Meier Stey e.G.",
        "Ortega Ruiz S.Coop.",
        "Ortega Ruiz S.L.N.E",
        "Ortega Ruiz S.A.U",
        "Rocha Cruz EI",
        "Rocha S/A",
    ],
)
def test_legal_forms_make_a_company(company: str) -> None:
    assert parse(company, "Hans Ackermann", "ha@gmail.com").company == company


def test_a_name_with_a_misplaced_accent_is_found_by_the_email_and_does_not_bend_it() -> None:
    fields = parse(
        big("SOLUCIONES TECNOLOGIA S.A."),
        Row("Laura Lépez", conf=0.55),
        "Director Financiero",
        "Email: l.lopez@soluciones.es",
        lang="spa",
    )
    assert (fields.name, fields.emails) == ("Laura López", ("l.lopez@soluciones.es",))


def test_low_confidence_logo_piece_is_dropped_from_company() -> None:
    words = (
        Word("xq", 0.3, (20, 10, 90, 90)),
        Word("Birkenhof", 0.93, (140, 40, 200, 30)),
        Word("Technik", 0.92, (350, 40, 150, 30)),
        Word("GmbH", 0.95, (510, 40, 100, 30)),
    )
    logo_line = OcrLine("xq Birkenhof Technik GmbH", 0.78, (20, 10, 590, 90), words)
    card = [logo_line, *lines(big("Lena Brandt"), "lena@birkenhoftechnik.de")[:2]]
    assert parse_fields(card).company == "Birkenhof Technik GmbH"


def test_a_lone_letter_a_word_height_before_the_name_is_a_mark() -> None:
    # Words are a third of their height apart; "È" stands a whole height before the name.
    words = (
        Word("È", 0.69, (30, 31, 12, 29)),
        Word("Casandra", 0.92, (93, 20, 168, 38)),
        Word("Ojeda", 0.93, (273, 21, 101, 40)),
    )
    name_line = OcrLine("È Casandra Ojeda", 0.84, (30, 20, 344, 41), words)
    card = lines(big("Casandra Ojeda"), "Veterinario", "E c.ojeda@compania.es")
    assert parse_fields([name_line, *card[1:]]).name == "Casandra Ojeda"


def test_a_particle_as_tall_as_the_firm_s_name_beside_a_small_email_stays() -> None:
    # "da" is tall beside the email's print, but no taller than "Costa": one name, no mark.
    read = [
        _line_of(("Luiza", (754, 56, 110, 33)), ("Nunes", (874, 56, 123, 33))),
        _line_of(("Produtor", (745, 114, 100, 20)), ("agrícola", (855, 114, 143, 20))),
        _line_of(
            ("da", (52, 483, 58, 40)),
            ("Costa", (127, 482, 136, 41)),
            ("E-mail.", (717, 487, 73, 18)),
            ("luiza@costa.com.br", (799, 487, 200, 18)),
        ),
        _line_of(("www.costa.com.br", (809, 520, 190, 18))),
    ]
    assert parse_fields(read).company == "da Costa"


def test_a_logo_read_as_two_pieces_before_the_firm_s_name_is_dropped() -> None:
    read = [
        _line_of(
            ("M", (74, 123, 70, 54)),
            ("i", (156, 76, 46, 100)),
            ("Martinez", (247, 125, 199, 35)),
            ("Levante", (463, 126, 174, 32)),
            ("S.L.U.", (654, 123, 125, 33)),
        ),
        _line_of(("Alejandro", (54, 266, 250, 48)), ("Martinez", (320, 266, 190, 48))),
        _line_of(("amartinez@martinez.com", (537, 580, 459, 28))),
    ]
    read[0] = replace(
        read[0], words=tuple(replace(w, conf=0.48) if w.text == "i" else w for w in read[0].words)
    )
    assert parse_fields(read).company == "Martinez Levante S.L.U."


def test_an_address_s_end_read_doubtfully_is_no_logo_piece() -> None:
    # ".fr" read apart, taller and barely: the end of the email, not a piece of a logo.
    words = (
        Word("E", 0.93, (739, 517, 14, 18)),
        Word("hgautier@fernandez.", 0.61, (761, 512, 229, 28)),
        Word("fr", 0.42, (975, 508, 18, 36)),
    )
    email_line = OcrLine("E hgautier@fernandez. fr", 0.8, (739, 508, 254, 36), words)
    card = [*lines(big("Hélène Gautier"))[:1], email_line]
    assert parse_fields(card).emails == ("hgautier@fernandez.fr",)


@pytest.mark.parametrize(
    ("logo_right", "company"),
    [
        pytest.param(100, "Birkenhof Technik GmbH", id="set-apart-by-more-than-a-word-height"),
        pytest.param(125, "XQ Birkenhof Technik GmbH", id="close-so-maybe-the-name-s-own-letters"),
    ],
)
def test_logo_piece_before_a_doubtful_company_goes_when_set_apart(
    logo_right: int, company: str
) -> None:
    words = (
        Word("XQ", 0.23, (20, 10, logo_right - 20, 60)),
        Word("Birkenhof", 0.4, (140, 20, 200, 40)),  # doubtful: read "Birkenh0f" or so
        Word("Technik", 0.92, (350, 20, 150, 40)),
        Word("GmbH", 0.95, (510, 20, 100, 40)),
    )
    logo_line = OcrLine("XQ Birkenhof Technik GmbH", 0.63, (20, 10, 590, 60), words)
    # A domain that does not spell the words after "XQ" (initials, maybe the firm's): only
    # their spacing can tell.
    card = [logo_line, *lines(big("Lena Brandt"), "lena@birkenhof.de")[:2]]
    assert parse_fields(card).company == company


def test_a_word_boxed_as_a_sliver_stays_in_its_line() -> None:
    # Tesseract boxed "Tecno" 6 px tall: not a change of letter size, so not a column break.
    words = (
        Word("Tecno", 0.97, (95, 88, 118, 6)),
        Word("Servizi", 0.96, (238, 72, 157, 52)),
        Word("S.r.l", 0.72, (411, 80, 93, 29)),
    )
    company_line = OcrLine("Tecno Servizi S.r.l", 0.89, (95, 72, 409, 52), words)
    card = [company_line, *lines(big("Giulia Colombo"), "giulia@tecnoservizi.com")[:2]]
    assert parse_fields(card).company == "Tecno Servizi S.r.l."


def test_a_legal_form_boxed_with_a_printed_rule_stays_with_its_firm() -> None:
    # "AG" touching the card's vertical rule: boxed as tall as the rule, and set apart.
    words = (
        Word("Metall", 0.93, (67, 313, 108, 26)),
        Word("Rheintal", 0.93, (192, 313, 115, 26)),
        Word("AG", 0.96, (357, 300, 33, 56)),
        Word("|", 0.93, (408, 300, 15, 56)),
        Word("Hauptstraße", 0.9, (436, 304, 170, 25)),
        Word("7", 0.97, (615, 304, 14, 25)),
    )
    line = OcrLine("Metall Rheintal AG | Hauptstraße 7", 0.9, (67, 300, 562, 56), words)
    card = [*lines(big("Thomas Fischer"), "thomas@metall.com"), line]
    fields = parse_fields(card)
    assert (fields.company, fields.address) == ("Metall Rheintal AG", "Hauptstraße 7")


def test_a_word_read_as_a_line_of_its_own_goes_back_into_its_gap() -> None:
    # A logo tile before the firm's name: Tesseract read "Nordwerk" after the rest of its line.
    words = (
        Word("INI", 0.0, (79, 127, 138, 56)),
        Word("fl", 0.43, (215, 122, 39, 65)),
        Word("Metall", 0.95, (512, 134, 149, 34)),
        Word("AG", 0.97, (676, 134, 66, 34)),
    )
    logo_line = OcrLine("INI fl Metall AG", 0.6, (79, 122, 663, 65), words)
    piece = OcrLine(
        "Nordwerk", 0.92, (266, 135, 230, 33), (Word("Nordwerk", 0.92, (266, 135, 230, 33)),)
    )
    card = [logo_line, piece, *lines(big("Petra Weber"), "pweber@nordwerk.com")[:2]]
    assert parse_fields(card).company == "Nordwerk Metall AG"


def test_a_piece_read_after_its_line_joins_it_with_a_space() -> None:
    # "Mediterraneo" boxed with the small title under it: more than twice as tall as its letters.
    words = (
        Word("Mediterraneo", 0.72, (261, 155, 299, 82)),
        Word("S.L.", 0.86, (577, 197, 77, 34)),
    )
    firm = OcrLine("Mediterraneo S.L.", 0.72, (261, 155, 393, 82), words)
    piece = OcrLine(
        "Levante", 0.97, (76, 189, 171, 36), (Word("Levante", 0.97, (76, 189, 171, 36)),)
    )
    card = [*lines(big("Carmen Gomez"))[:1], firm, piece, *lines("E carmen@levante.com")]
    assert parse_fields(card).company == "Levante Mediterráneo S.L."


@pytest.mark.parametrize(
    ("first", "company"),
    [
        pytest.param("pava", "Logistik Maschinenbau GmbH", id="a-tile-s-letters-read-as-a-word"),
        pytest.param("von", "von Logistik Maschinenbau GmbH", id="a-particle-is-the-name-s"),
    ],
)
def test_a_small_word_before_words_spelling_the_domain(first: str, company: str) -> None:
    words = (
        Word(first, 0.65, (72, 96, 130, 81)),
        Word("Logistik", 0.93, (232, 113, 194, 48)),
        Word("Maschinenbau", 0.92, (443, 113, 350, 38)),
        Word("GmbH", 0.96, (811, 113, 149, 38)),
    )
    line = OcrLine(" ".join(w.text for w in words), 0.86, (72, 96, 900, 81), words)
    card = [line, *lines(big("Thomas Wagner"), "Email: twagner@logistikmaschinenbau.de")]
    assert parse_fields(card).company == company


def test_phone_read_with_doubtful_ocr_is_not_sure() -> None:
    fields = parse(big("Rosa Klein"), Row("Cell: 503-555-0142", conf=0.78))
    assert fields.phones and fields.confidence["phones"] < 0.9


def test_leftover_labelled_digits_lower_phone_confidence() -> None:
    fields = parse(big("Rosa Klein"), "T: 503-555-0142 F: 503-555-01")
    assert fields.confidence["phones"] < 0.9


def test_long_company_is_never_sure() -> None:
    fields = parse(
        big("Rita Lowe"),
        medium("Zorvik Northern Maritime Trading Holdings LLC"),
        "rita@zorvik.com",
    )
    assert fields.company == "Zorvik Northern Maritime Trading Holdings LLC"
    assert fields.confidence["company"] < 0.9


def test_line_cut_in_two_by_ocr_is_joined() -> None:
    cell = OcrLine(
        "Cell +1 64",
        0.95,
        (600, 100, 250, 40),
        (
            Word("Cell", 0.97, (600, 100, 80, 40)),
            Word("+1", 0.97, (700, 102, 50, 38)),
            Word("64", 0.97, (770, 104, 48, 37)),
        ),
    )
    rest = OcrLine(
        "6-937-9722", 0.9, (825, 108, 250, 50), (Word("6-937-9722", 0.9, (825, 108, 250, 50)),)
    )
    email = OcrLine(
        "Email: dm@",
        0.94,
        (500, 160, 300, 46),
        (Word("Email:", 0.96, (500, 160, 120, 46)), Word("dm@", 0.92, (640, 162, 150, 44))),
    )
    domain = OcrLine(
        "zorvik.com", 0.91, (796, 166, 200, 45), (Word("zorvik.com", 0.91, (796, 166, 200, 45)),)
    )
    fields = parse_fields([cell, rest, email, domain])
    assert [p.number for p in fields.phones] == ["+16469379722"]
    assert fields.emails == ("dm@zorvik.com",)


def test_the_start_of_an_email_reported_after_it_is_joined_to_it() -> None:
    # Tesseract cut "patricia@…" in two and gave the right-hand piece first, unsurely.
    rest = OcrLine(
        "icia@distribuidoranovaterra.com.br",
        0.3,
        (612, 401, 317, 51),
        (Word("icia@distribuidoranovaterra.com.br", 0.25, (612, 430, 317, 18)),),
    )
    start = OcrLine("patr", 0.97, (573, 434, 37, 22), (Word("patr", 0.97, (573, 434, 37, 22)),))
    joined = fields_module._rejoin_split_lines([rest, start])
    assert [line.text for line in joined] == ["patricia@distribuidoranovaterra.com.br"]


def test_a_firm_s_end_read_after_the_lines_under_it_is_joined_to_it() -> None:
    # A card photographed aslant: the firm's line rises to the right, so Tesseract lists its
    # end after the name and title printed under its start.
    read = [
        _line_of(
            ("Reuter", (138, 271, 165, 46)),
            ("Neureuther", (321, 286, 258, 53)),
            ("GmbH", (594, 310, 131, 41)),
        ),
        _line_of(("Freddy", (430, 354, 145, 48)), ("Hornig", (589, 362, 129, 53))),
        _line_of(("Programmierer", (489, 410, 176, 28))),
        _line_of(
            ("&", (742, 322, 28, 32)), ("Co.", (785, 326, 64, 34)), ("OHG", (865, 333, 90, 35))
        ),
        _line_of(("f.hornig@reuter.de", (476, 533, 198, 25))),
    ]
    fields = parse_fields(read)
    assert (fields.company, fields.title) == ("Reuter Neureuther GmbH & Co. OHG", "Programmierer")


def test_an_email_s_start_read_lines_after_its_domain_is_joined_to_it() -> None:
    read = [
        _line_of(("Elena", (39, 65, 90, 32)), ("Bianchi", (139, 65, 100, 32))),
        _line_of(("@italiatecno.com", (755, 356, 214, 45))),
        _line_of(("Web:", (713, 386, 50, 52)), ("italiatecno.com", (770, 386, 199, 52))),
        _line_of(("E", (631, 348, 14, 29)), ("e.bianchi", (652, 348, 100, 29))),
    ]
    assert parse_fields(read).emails == ("e.bianchi@italiatecno.com",)


def _line_of(*words: tuple[str, Box]) -> OcrLine:
    boxes = [box for _, box in words]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
    return OcrLine(
        " ".join(t for t, _ in words),
        0.95,
        (x0, y0, x1 - x0, y1 - y0),
        tuple(Word(t, 0.95, b) for t, b in words),
    )


@pytest.mark.parametrize(
    ("start", "texts"),
    [
        pytest.param("car", ["E-mail: carmen@acme.es"], id="the-letter-both-read-taken-once"),
        pytest.param("cam", ["rmen@acme.es", "E-mail: cam"], id="different-letters-stay-apart"),
    ],
)
def test_pieces_of_an_email_whose_boxes_overlap(start: str, texts: list[str]) -> None:
    # Tesseract boxed "rmen@acme.es" from the "r" it also read as the end of "car".
    address = _line_of(("rmen@acme.es", (522, 216, 300, 45)))
    piece = _line_of(("E-mail:", (409, 233, 78, 18)), (start, (497, 238, 34, 11)))
    assert [line.text for line in fields_module._rejoin_split_lines([address, piece])] == texts


def test_a_garbled_word_glued_to_a_name_from_the_next_column_stays_apart() -> None:
    name = OcrLine(
        "Construcciones Mediterrà",
        0.84,
        (65, 343, 350, 20),
        (
            Word("Construcciones", 0.92, (65, 344, 206, 19)),
            Word("Mediterrà", 0.76, (282, 343, 133, 19)),
        ),
    )
    street = OcrLine(
        "NRPAita Diagonal, 233",
        0.66,
        (419, 343, 285, 33),
        (Word("NRPAita", 0.03, (419, 343, 109, 28)), Word("Diagonal,", 0.97, (539, 352, 111, 24))),
    )
    assert len(fields_module._rejoin_split_lines([name, street])) == 2


def test_logo_piece_beside_a_line_is_not_joined_to_it() -> None:
    piece = OcrLine("xq", 0.4, (100, 40, 60, 80), (Word("xq", 0.37, (100, 40, 60, 80)),))
    line = OcrLine(
        "and Ocean Engineering",
        0.95,
        (170, 60, 400, 30),
        (
            Word("and", 0.95, (170, 60, 50, 30)),
            Word("Ocean", 0.95, (230, 60, 100, 30)),
            Word("Engineering", 0.95, (340, 60, 230, 30)),
        ),
    )
    assert [line.text for line in fields_module._rejoin_split_lines([piece, line])] == [
        "xq",
        "and Ocean Engineering",
    ]


def _placed(y: int, height: int, *words: tuple[str, int, int]) -> OcrLine:
    """A line of words, each (text, x, width)."""
    placed = tuple(Word(text, 0.95, (x, y, width, height)) for text, x, width in words)
    x0, x1 = placed[0].box[0], placed[-1].box[0] + placed[-1].box[2]
    return OcrLine(" ".join(w[0] for w in words), 0.95, (x0, y, x1 - x0, height), placed)


def test_a_title_s_word_set_apart_by_a_gap_joins_it_without_a_comma() -> None:
    card = [
        _placed(100, 38, ("Josette", 45, 120), ("Thierry", 175, 130)),
        _placed(150, 24, ("Professeur", 47, 150), ("de", 205, 24), ("lycée", 237, 76)),
        _placed(152, 24, ("professionnel", 400, 180)),
        placed("josette@leblanc.fr", 560, 380),
    ]
    card[1] = OcrLine(
        "Professeur de lycée professionnel",
        0.95,
        (47, 150, 533, 24),
        card[1].words + card.pop(2).words,
    )
    assert parse_fields(card, lang="fra").title == "Professeur de lycée professionnel"


def test_second_column_found_by_its_left_edge() -> None:
    card = [
        _placed(20, 40, ("Ana", 60, 60), ("Ruiz", 130, 80)),
        _placed(
            80,
            26,
            ("Gerente", 60, 100),
            ("General", 170, 100),
            ("Tel", 460, 40),
            ("+34", 510, 45),
            ("912", 570, 40),
            ("345", 620, 40),
            ("678", 670, 40),
        ),
        _placed(120, 26, ("Calle", 460, 60), ("Mayor,", 530, 80), ("4", 620, 15)),
        _placed(
            160,
            40,
            ("Orvant", 60, 100),
            ("Servicios", 170, 180),
            ("S.A.", 360, 60),
            ("28013", 460, 72),
            ("Madrid", 545, 96),
        ),
        _placed(200, 26, ("ana@orvantservicios.es", 460, 290)),
    ]
    fields = parse_fields(card)
    assert fields.company == "Orvant Servicios S.A."
    assert fields.address == "Calle Mayor, 4, 28013 Madrid"


def test_legal_form_at_a_column_edge_stays_with_its_company() -> None:
    card = [
        _placed(20, 35, ("ORVANT", 257, 227), ("SERVICES", 503, 205), ("S.A.", 740, 83)),
        _placed(80, 40, ("Ana", 66, 90), ("Ruiz", 170, 110)),
        _placed(130, 23, ("T:", 742, 18), ("+33", 766, 40), ("452", 820, 45), ("79", 879, 27)),
        _placed(
            170,
            38,
            ("Directrice", 67, 161),
            ("Marketing", 243, 164),
            ("Mob.", 745, 54),
            ("07.38.09.17.94", 803, 183),
        ),
        _placed(220, 27, ("ana@orvant.fr", 747, 229)),
    ]
    assert parse_fields(card).company == "ORVANT SERVICES S.A."


@pytest.mark.parametrize(
    "logo",
    [
        pytest.param((Word("Wq", 0.55, (80, 120, 97, 54)),), id="tall-doubtful-letters"),
        pytest.param(
            (Word("4", 0.22, (60, 120, 27, 64)), Word("WO", 0.24, (100, 124, 89, 56))),
            id="barely-read-digit-and-letters",
        ),
        pytest.param((Word("BM", 0.96, (80, 118, 108, 57)),), id="initials-mark-set-apart"),
        pytest.param(
            (Word("BM", 0.48, (100, 129, 92, 40)),), id="initials-mark-as-tall-as-the-name-apart"
        ),
        pytest.param((Word("A", 0.7, (126, 130, 40, 40)),), id="a-letter-far-before-the-name"),
        pytest.param((Word("R", 0.81, (150, 110, 57, 75)),), id="a-big-letter-set-apart"),
        pytest.param(
            (Word("(©)", 0.39, (60, 118, 82, 47)), Word("1", 0.65, (170, 110, 15, 59))),
            id="mark-and-a-tall-bar-read-as-one",
        ),
        pytest.param(
            (Word("I", 0.45, (60, 111, 21, 61)), Word("Rows", 0.4, (90, 115, 85, 53))),
            id="logo-lettering-read-as-a-word",
        ),
        pytest.param((Word("(eeu", 0.0, (60, 120, 97, 40)),), id="four-marks-read-as-nothing"),
    ],
)
def test_logo_pieces_before_company_are_dropped(logo: tuple[Word, ...]) -> None:
    company = (
        Word("Birkenhof", 0.93, (248, 129, 200, 40)),
        Word("Metall", 0.97, (460, 127, 137, 37)),
        Word("AG", 0.97, (610, 128, 60, 35)),
    )
    words = logo + company
    line = OcrLine(" ".join(w.text for w in words), 0.85, (60, 120, 610, 64), words)
    card = [line, *lines(big("Lena Brandt"), "lena@birkenhof.de")[:2]]
    assert parse_fields(card).company == "Birkenhof Metall AG"


@pytest.mark.parametrize(
    ("end", "company"),
    [
        pytest.param((Word("S.L", 0.41, (350, 426, 32, 26)),), "Nordwind Partner S.L", id="form"),
        pytest.param(
            (
                Word("GMBH", 0.93, (350, 426, 60, 26)),
                Word("&", 0.92, (414, 420, 14, 40)),
                Word("Cl", 0.22, (440, 426, 15, 26)),
            ),
            "Nordwind Partner GMBH & CO. KG",
            id="ampersand-after-a-form",
        ),
    ],
)
def test_a_firm_ends_at_its_legal_form_however_unsurely_read(
    end: tuple[Word, ...], company: str
) -> None:
    # "S.L" at 0.41, a tall "&" and "CO." read "Cl": each alone looks like a logo's piece.
    words = (
        Word("Nordwind", 0.96, (60, 426, 150, 26)),
        Word("Partner", 0.93, (220, 426, 120, 26)),
        *end,
    )
    line = OcrLine(" ".join(w.text for w in words), 0.77, (60, 420, 400, 40), words)
    card = [*lines(big("Maria Gonzalez"), "Gerente General"), line]
    assert parse_fields(card).company == company


def test_a_drop_cap_touching_its_word_stays() -> None:
    words = (
        Word("R", 0.9, (200, 110, 45, 75)),
        Word("edwood", 0.93, (248, 129, 150, 40)),
        Word("Labs", 0.97, (410, 127, 100, 37)),
        Word("Corp.", 0.97, (520, 128, 90, 35)),
    )
    line = OcrLine("R edwood Labs Corp.", 0.9, (200, 110, 410, 75), words)
    card = [line, *lines(big("Lena Brandt"), "lena@redwoodlabs.com")[:2]]
    assert parse_fields(card).company.startswith("R")


def test_doubtful_label_and_digits_of_a_number_are_kept() -> None:
    words = (
        Word("T", 0.0, (700, 300, 12, 21)),
        Word("O11", 0.0, (720, 300, 40, 21)),
        Word("931", 0.96, (770, 300, 40, 21)),
        Word("1701", 0.95, (820, 300, 52, 21)),
    )
    line = OcrLine("T O11 931 1701", 0.5, (700, 300, 172, 21), words)
    card = [*lines(big("Lena Neri"), "lena@neri.it")[:2], line]
    assert [p.number for p in parse_fields(card).phones] == ["+390119311701"]


@pytest.mark.parametrize(
    ("printed", "website"),
    [
        pytest.param("v.orvant.io", "www.orvant.io", id="www-cut-to-one-letter"),
        pytest.param("www. w.orvant.io", "www.orvant.io", id="w-read-twice"),
        pytest.param("www.orvant.io", "www.orvant.io", id="plain-kept"),
    ],
)
def test_pieces_of_www_before_the_domain(printed: str, website: str) -> None:
    assert parse(big("Ana Ruiz"), "ana@orvant.io", printed).website == website


def test_text_at_the_crop_edge_is_never_sure() -> None:
    inside = parse(big("Ana Ruiz"), "ana.ruiz@orvant.io", "www.orvant.io")
    words = (Word("ana.ruiz@orvant.io", 0.95, (0, 300, 300, 30)),)
    cut = OcrLine("ana.ruiz@orvant.io", 0.95, (0, 300, 300, 30), words)
    at_edge = parse_fields([*lines(big("Ana Ruiz"), "www.orvant.io"), cut])
    assert inside.confidence["emails"] >= 0.9 > at_edge.confidence["emails"]


def test_symbols_before_company_are_dropped() -> None:
    assert parse(big("Lena Brandt"), medium("\\),= Birkenhof Technik GmbH")).company == (
        "Birkenhof Technik GmbH"
    )


@pytest.mark.parametrize(
    ("rows", "numbers"),
    [
        pytest.param(
            ["T 0113 496 0123", "12 Kestrel Road", "Leeds LS2 7HY"],
            [("+441134960123", "work")],
            id="uk-postcode-gives-the-region",
        ),
        pytest.param(
            ["Mobil 0151 23456789", "lena@brandt.com"],
            [("+4915123456789", "mobile")],
            id="german-mobile-label-gives-the-region",
        ),
        pytest.param(
            ["Mov. 612 34 56 78", "ana@costa.es"],
            [("+34612345678", "mobile")],
            id="spanish-mov-label",
        ),
        pytest.param(
            ["Tel 030 / 28461937", "M 0170 2846193"],
            [("+493028461937", "work"), ("+491702846193", "mobile")],
            id="region-voted-by-validity-and-mobile-label",
        ),
        pytest.param(
            ["Rua Alfa, 12 - Loja 3", "Aceitamos encomendas", "a 3856-2190 ha"],
            [("+5538562190", "other")],
            id="portuguese-words-give-brazil-stray-marks-ignored",
        ),
        pytest.param(
            ["Nextel 9.4321-7788", "ID 55*12*3456"], [("+55943217788", "mobile")], id="id-no-phone"
        ),
        pytest.param(
            ["(21) 3456-7788", "9.8877-6655"],
            [("+552134567788", "other"), ("+5521988776655", "other")],
            id="brazilian-number-shapes-give-the-region",
        ),
        pytest.param(
            ["21 3456-7788 | 3456-7799 - Ref 12"],
            [("+552134567788", "other"), ("+552134567799", "other")],
            id="hyphenated-local-pair-is-a-phone-whatever-follows",
        ),
        pytest.param(
            ["Rua Alfa, 120 - Centro - SP 3456-7788"],
            [("+5534567788", "other")],
            id="local-pair-inside-an-address-line-is-no-postcode",
        ),
        pytest.param(
            ["TEL 03-5555-0123", "FAX 06-6555-0124"],
            [("+81355550123", "work"), ("+81665550124", "fax")],
            id="japanese-number-shape-gives-the-region",
        ),
        pytest.param(["M 010-5555-0123"], [("+821055550123", "mobile")], id="korean-mobile-shape"),
        pytest.param(
            ["TEL +81-6-6555-0123", "TEL (VN mobile): 093-5550123"],
            [("+81665550123", "work"), ("+84935550123", "mobile")],
            id="country-code-in-the-label-decides-that-number",
        ),
        pytest.param(
            ["Tel +44 20 7946 0123", "Mobile Italy: 347 555 0123"],
            [("+442079460123", "work"), ("+393475550123", "mobile")],
            id="country-name-in-the-label-decides-that-number",
        ),
    ],
)
def test_synthetic_card_phone_rules(rows: list, numbers: list[tuple[str, str]]) -> None:
    assert [(p.number, p.type) for p in parse(*rows).phones] == numbers


def test_garbage_lines_of_a_noise_photo_are_capped_and_the_sure_ones_kept() -> None:
    garbage = [Row(f"{'~' * (i % 5 + 2)}{i} {'iIl' * (i % 3 + 1)}", conf=0.3) for i in range(240)]
    rows = garbage[:100] + [Row("anna.rossi@example.com", conf=0.96)] + garbage[100:]
    parsed = parse_fields(lines(*rows))
    assert parsed.emails == ("anna.rossi@example.com",)
    assert len(fields_module._card_sized(lines(*rows))) == fields_module.MAX_LINES


def test_an_email_of_both_names_run_together_is_never_sure() -> None:
    parsed = parse_fields(
        lines(
            big("Jennifer Johnson"),
            "jenniferjohnson@brightline.net",
            "www.brightline.net",
        )
    )
    assert parsed.emails == ("jenniferjohnson@brightline.net",)
    assert parsed.confidence["emails"] < 0.9  # the dot between the names may have been lost


@pytest.mark.parametrize(
    ("row", "name", "address"),
    [
        pytest.param(
            Row("SARAH WILLIAMS E sarah.williams@pacific.com", height=40),
            "SARAH WILLIAMS",
            None,
            id="email-label-after-name",
        ),
        pytest.param(big("Sarah Williams"), "Sarah Williams", "100 King St W", id="street-w"),
    ],
)
def test_a_lone_label_letter_after_a_name_is_dropped(
    row: Row, name: str, address: str | None
) -> None:
    parsed = parse_fields(lines(row, "100 King St W", "Toronto ON M5H 1J9"))
    assert parsed.name == name
    assert address is None or (parsed.address or "").startswith(address)


def test_initials_printed_as_part_of_the_name_are_kept() -> None:
    words = (
        Word("BSI", 0.95, (200, 120, 60, 40)),
        Word("Business", 0.95, (272, 124, 150, 34)),
        Word("Systems", 0.95, (432, 124, 130, 34)),
        Word("Integration", 0.95, (572, 124, 190, 34)),
        Word("AG", 0.95, (772, 124, 40, 34)),
    )
    line = OcrLine(" ".join(w.text for w in words), 0.95, (200, 120, 612, 40), words)
    card = [line, *lines(big("Lena Brandt"), "lena@bsiag.com")[:2]]
    assert parse_fields(card).company == "BSI Business Systems Integration AG"


@pytest.mark.parametrize(
    ("printed", "email", "name"),
    [
        pytest.param("Ca rlos Ru iz", "carlos.ruiz@iberica.es", "Carlos Ruiz", id="split-words"),
        pytest.param("Ameli a J ones", "ameliajones@harbour.com", "Amelia Jones", id="no-dot"),
        pytest.param(
            "Anna Maria Rossi", "annamaria.rossi@acme.it", "Anna Maria Rossi", id="three-words-kept"
        ),
        pytest.param(
            "Francesca G reco", "francesca@greco.it", "Francesca Greco", id="surname-is-the-domain"
        ),
        pytest.param(
            "G iulia Co nti", "g.conti@conti.it", "Giulia Conti", id="initial-dot-surname"
        ),
        pytest.param("Anna Bi anchi", "abianchi@acme.it", "Anna Bianchi", id="initial-and-surname"),
        pytest.param(
            "Maria de Souza", "maria@desouza.com.br", "Maria de Souza", id="particle-kept"
        ),
        pytest.param(
            "C h i a ra Ri cci", "cricci@logistica.com", "Chiara Ricci", id="letter-spaced"
        ),
        pytest.param(
            "Johanna van der Laan",
            "johannavanderlaan@laan.nl",
            "Johanna van der Laan",
            id="particles-spelled-as-printed",
        ),
    ],
)
def test_spaces_inside_a_name_are_closed_by_its_email(printed: str, email: str, name: str) -> None:
    card = lines(big(printed), "Consultor Senior", email)
    assert parse_fields(card).name == name


@pytest.mark.parametrize(
    ("email", "name"),
    [
        pytest.param("p.gomez@iberica.es", "Pablo Gómez", id="surname-in-the-address"),
        pytest.param("pgomez@iberica.es", "Pablo Gómez", id="initial-and-surname"),
        pytest.param("pablogomez@iberica.es", "Pablo Gómez", id="names-without-a-dot"),
        pytest.param("info@iberica.es", None, id="no-address-spells-it"),
    ],
)
def test_a_letter_read_as_a_digit_in_a_name_is_spelled_by_its_email(
    email: str, name: str | None
) -> None:
    card = lines(big("Pablo G6mez"), "Director Financiero", email, "Calle Mayor 4, 28013 Madrid")
    assert parse_fields(card).name == name


@pytest.mark.parametrize(
    ("email", "name"),
    [
        pytest.param("matthias.zimmermann@bsiag.com", "Matthias Zimmermann", id="first-dot-last"),
        pytest.param("anna_maria-rossi@acme.it", "Anna Maria Rossi", id="three-parts"),
        pytest.param("sales.italy@acme.it", None, id="shared-inbox"),
        pytest.param("mzimmermann@bsiag.com", None, id="no-separator"),
        pytest.param("m.zimmermann@bsiag.com", None, id="initial-only"),
        pytest.param("matthiasbsiag@bsiag.com", "Matthias Bsiag", id="first-then-the-firm-s-name"),
        pytest.param("infobsiag@bsiag.com", None, id="a-shared-inbox-then-the-firm-s-name"),
        pytest.param("mbsiag@bsiag.com", None, id="too-short-for-a-first-name"),
    ],
)
def test_an_unread_name_is_proposed_from_the_email(email: str, name: str | None) -> None:
    fields = parse_fields(lines("BSI Business Systems Integration AG", "M +41 78 606 00 30", email))
    assert fields.name == name
    if name:
        assert fields.confidence["name"] <= 0.5  # a guess the user reviews


def test_a_name_read_unsurely_with_its_umlaut_as_ii_is_spelled_by_its_email() -> None:
    card = lines(
        medium("Meyer"),
        Row("Giinther Gief", height=30, conf=0.58),
        "Pilot",
        "E guenther@meyer.de",
    )
    fields = parse_fields(card, lang="deu")
    assert (fields.name, fields.title) == ("Günther Gief", "Pilot")


def test_a_name_read_unsurely_with_its_umlaut_as_i_is_spelled_by_its_email() -> None:
    card = lines(medium("Logistik Metall GmbH"), Row("Thomas Miller", conf=0.57), "tmueller@lm.de")
    assert parse_fields(card, lang="deu").name == "Thomas Müller"


def test_a_name_is_as_sure_as_its_own_words_once_an_unread_email_beside_it_goes() -> None:
    read = {"Camila": 0.95, "Lima": 0.93, "E-mail:": 0.9, "Cosio": 0.2, "gmat": 0.15, "clone": 0.1}
    line = line_of_words_read(read, 0.58, x=66, y=221, step=120, height=30)
    card = [line, placed("Diretor Executivo", 67, 291), placed("sales@horizonte.com.br", 500, 330)]
    assert parse_fields(card, lang="por").name == "Camila Lima"


@pytest.mark.parametrize(
    ("email", "name"),
    [
        pytest.param("adrian.bruckner@harrer.at", "Adrian Bruckner", id="address-spells-no-umlaut"),
        pytest.param("adrian.brueckner@harrer.at", "Adrian Brückner", id="address-spells-ue"),
        pytest.param("info@harrer.at", "Adrian Brückner", id="no-address-spells-it"),
    ],
)
def test_a_german_name_s_umlaut_is_restored_unless_its_address_spells_none(
    email: str, name: str
) -> None:
    card = lines(medium("Harrer Rotter GesbR"), big("Adrian Bruckner"), f"E {email}")
    assert parse_fields(card, lang="deu").name == name


def test_a_read_name_is_not_replaced_by_the_email() -> None:
    fields = parse_fields(lines(big("Matthias Zimmermann"), "Project Lead", "mz.work@bsiag.com"))
    assert fields.name == "Matthias Zimmermann" and fields.confidence["name"] > 0.5


def lettering(text: str, top: int, height: int = 90, conf: float = 0.9) -> OcrLine:
    box = (60, top, 40 * len(text), height)
    return OcrLine(text, conf, box, (Word(text, conf, box),))


SMALL_PRINT = [lettering("Ana Souza", 300, 30), lettering("Rua Pinhal 283", 340, 30)]


@pytest.mark.parametrize(
    ("read", "website", "emails", "company"),
    [
        pytest.param(
            [lettering('"lush', 40, 160, 0.8)],
            "www.lushmichigan.com",
            (),
            "lush",
            id="logo-begins-the-domain-swash-read-as-a-quote",
        ),
        pytest.param(
            [lettering("Brunau", 30), lettering("Buffet", 100, 150)],
            None,
            ("eventos@brunaubuffet.com.br",),
            "Brunau Buffet",
            id="two-pieces-spell-the-whole-domain",
        ),
        pytest.param(
            [lettering("Millet S.A.S.", 40)],
            "www.millet.fr",
            ("hdelorme@millet.fr",),
            "Millet S.A.S",
            id="the-firm-with-its-legal-form",
        ),
        pytest.param(
            [lettering("Evers&Willemsen", 40)],
            "www.evers-willemsen.nl",
            (),
            "Evers & Willemsen",
            id="the-gaps-around-an-ampersand-the-engine-dropped",
        ),
        pytest.param(
            [lettering("Jones Group PLG", 40)],
            "www.jonesgroup.com",
            (),
            "Jones Group PLC",
            id="its-legal-form-mended",
        ),
        pytest.param(
            [lettering("Lush", 40, 20)],
            "www.lushmichigan.com",
            (),
            None,
            id="small-print-is-not-a-logo",
        ),
        pytest.param(
            [lettering("Lumen", 40)],
            "www.lushmichigan.com",
            (),
            None,
            id="lettering-that-does-not-spell-the-domain",
        ),
        pytest.param(
            [lettering("Gmail", 40)],
            None,
            ("ana.souza@gmail.com",),
            None,
            id="a-free-mail-domain-confirms-nothing",
        ),
        pytest.param(
            [lettering("Lus", 40)],
            "www.lushmichigan.com",
            (),
            None,
            id="three-letters-beginning-the-domain-are-too-few",
        ),
        pytest.param(
            [lettering("Lush 2", 40)],
            "www.lushmichigan.com",
            (),
            None,
            id="not-lettering",
        ),
    ],
)
def test_company_from_logo(
    read: list[OcrLine], website: str | None, emails: tuple[str, ...], company: str | None
) -> None:
    fields = CardFields(website=website, emails=emails)
    found = fields_module.company_from_logo(fields, read, SMALL_PRINT)
    assert found.company == company
    if company:
        assert found.confidence["company"] < 0.9  # one engine's reading: the user confirms it


def test_company_from_logo_keeps_a_company_already_read() -> None:
    fields = CardFields(company="Lush Lawn LLC", website="www.lushmichigan.com")
    assert fields_module.company_from_logo(fields, [lettering("lush", 40)], SMALL_PRINT) is fields


def test_digits_read_in_a_standing_box_are_no_phone_number() -> None:
    # A mark at the card's edge read as "22114112" in a box taller than wide.
    card = lines(big("Clemens Kronberger"), "01 238261855", "clemens@salzmann.at")
    standing = OcrLine(
        "22114112", 0.31, (0, 113, 72, 211), (Word("22114112", 0.31, (0, 113, 72, 211)),)
    )
    fields = parse_fields([standing, *card], lang="eng+ita")
    assert [phone.number for phone in fields.phones] == ["+431238261855"]


@pytest.mark.parametrize(
    ("name", "email", "expected"),
    [
        pytest.param("Tom Edwards", "tedwards@smith.co.uk", "t.edwards@smith.co.uk", id="initial"),
        pytest.param("Emma Filzi", "emmafilzi@curci.it", "emma.filzi@curci.it", id="first-name"),
        pytest.param("Lana Vastenhouw", "l.vastenhouw@van.nl", None, id="dotted-already"),
        pytest.param("Pablo Martínez", "martinez@mc.es", "p.martinez@mc.es", id="surname-alone"),
        pytest.param("Tom Edwards", "info@smith.co.uk", None, id="not-the-name"),
        pytest.param("Edwards", "edwards@smith.co.uk", None, id="one-word-name"),
    ],
)
def test_dots_the_name_may_have(name: str, email: str, expected: str | None) -> None:
    fields = CardFields(name=name, emails=(email,))
    assert fields_module.dots_the_name_may_have(fields) == ({email: expected} if expected else {})


@pytest.mark.parametrize(
    ("texts", "emails"),
    [
        pytest.param(
            ["E-mail info@mota.", "Mota fo@mota.pt", "W www.mota.pt"], ("info@mota.pt",), id="piece"
        ),
        pytest.param(
            ["ann@mota.pt", "joann@mota.pt"], ("ann@mota.pt", "joann@mota.pt"), id="two-people"
        ),
    ],
)
def test_the_end_of_an_email_read_apart_is_no_email(texts: list[str], emails: tuple) -> None:
    lines = [OcrLine(text, 0.92, (40, 40 + 30 * i, 300, 20)) for i, text in enumerate(texts)]
    assert parse_fields(lines).emails == emails


@pytest.mark.parametrize(
    "title",
    [
        pytest.param("Pfarrer*in (evang.)", id="star"),
        pytest.param("Gebäudetechniker*in (Smart Building)", id="star-and-a-field"),
        pytest.param("Berater:in", id="colon"),
    ],
)
def test_a_german_role_written_for_all_genders_is_a_title(title: str) -> None:
    card = lines(
        big("Wöhrer Obermüller AG"),
        big("Anton Meixner"),
        title,
        "Streicherplatz 99",
        "5798 Purkersdorf",
        "E-Mail: ameixner@woehrer.at",
    )
    assert parse_fields(card).title == title


@pytest.mark.parametrize(
    ("texts", "emails", "website"),
    [
        pytest.param(
            ["(506) 474-1477", "E kjackson@walker.ca", "www.walker.cz"],
            ("kjackson@walker.ca",),
            "www.walker.ca",
            id="canadian-numbers",
        ),
        pytest.param(
            ["T +31 10 502 0432", "E-mail: j.fremie@groenendaal.ni"],
            ("j.fremie@groenendaal.nl",),
            None,
            id="dutch-numbers",
        ),
        pytest.param(
            ["T +31 10 502 0432", "E-mail: j.fremie@groenendaal.de"],
            ("j.fremie@groenendaal.de",),
            None,
            id="another-country-two-letters-off",
        ),
        pytest.param(
            ["T +31 10 502 0432", "+44 20 7946 0321", "E-mail: j.fremie@groenendaal.ni"],
            ("j.fremie@groenendaal.ni",),
            None,
            id="numbers-of-two-countries",
        ),
    ],
)
def test_a_country_ending_one_letter_off_the_numbers_country_is_mended(
    texts: list[str], emails: tuple, website: str | None
) -> None:
    card = lines(big("Keith Jackson"), *texts)
    fields = parse_fields(card)
    assert (fields.emails, fields.website) == (emails, website)


@pytest.mark.parametrize(
    ("town", "address"),
    [
        pytest.param("Hengelo", "Kyraboulevard 527, 3235 EE, Hengelo", id="town"),
        pytest.param(
            "Hengelo (Gld)", "Kyraboulevard 527, 3235 EE, Hengelo (Gld)", id="town-and-province"
        ),
    ],
)
def test_a_town_under_a_dutch_postcode_joins_the_address(town: str, address: str) -> None:
    card = [
        OcrLine("van Rheineck & Heere", 0.94, (53, 56, 200, 35)),
        OcrLine("Lana Vastenhouw", 0.94, (53, 135, 200, 33)),
        *(
            OcrLine(text, 0.94, (53, y, 200, 22))
            for text, y in (("Kyraboulevard 527", 432), ("3235 EE", 466), (town, 500))
        ),
        OcrLine("E l.vastenhouw@van.nl", 0.94, (53, 567, 200, 22)),
    ]
    assert parse_fields(card).address == address


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param(
            "Directrice Marketing Pa", "Directrice Marketing", id="a-speck-read-as-a-word"
        ),
        pytest.param("Account executive e La", "Account executive", id="two-specks"),
        pytest.param("Head of IT", "Head of IT", id="capitals-stay"),
        pytest.param("Sales Manager Sr", "Sales Manager Sr", id="senior-stays"),
    ],
)
def test_specks_read_after_a_title_go(title: str, expected: str) -> None:
    card = lines(big("Julien Dubois"), title, "julien.dubois@duboisprovence.com")
    assert parse_fields(card).title == expected


@pytest.mark.parametrize(
    ("email", "number"),
    [
        pytest.param("mmaier@flueckiger-steinmann.ch", "+41212176570", id="surname-in-the-email"),
        pytest.param(
            "info@flueckiger-steinmann.ch", "+390212176570", id="no-email-spells-the-surname"
        ),
    ],
)
def test_a_first_name_that_is_a_town_s_is_no_evidence_of_its_country(
    email: str, number: str
) -> None:
    # "Milan Maier" named Milan, Italy, before the .ch of the address; Swiss "021 217 65 70"
    # is valid in Italy too.
    card = lines(big("Milan Maier"), "Contracting civil engineer", "Tel.: 021 217 65 70", email)
    assert [phone.number for phone in parse_fields(card).phones] == [number]


def test_a_title_word_mended_is_the_same_whatever_the_hash_seed() -> None:
    # "Mecinico" fits the Spanish "mecánico" and the Portuguese "mecânico": which one was
    # taken followed the order of a set, so it changed from one process to the next.
    code = "from ocr.fields import _near_title_word; print(_near_title_word('mecinico'))"
    readings = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout.strip()
        for seed in range(1, 7)
    }
    assert readings == {"mecánico"}


def test_a_piece_of_an_email_read_again_alone_is_no_second_email() -> None:
    read = [
        big("Matteo Conti"),
        "ti@sist",
        "Email: matteo.conti@sistemitecno.com",
        "Web: sistemitecno.com",
    ]
    assert parse_fields(lines(*read)).emails == ("matteo.conti@sistemitecno.com",)


def test_an_address_read_twice_in_one_place_is_one_address() -> None:
    first = placed("giuliana@chiesa-galvani.it", 763, 566)
    again = placed("siuliana@chiesa-galvani.it", 775, 567)
    again = replace(again, conf=0.77, words=tuple(replace(w, conf=0.77) for w in again.words))
    elsewhere = placed("info@chiesa-galvani.it", 763, 620)
    fields = parse_fields([*lines(big("Giuliana Bosio")), first, again, elsewhere])
    assert fields.emails == ("giuliana@chiesa-galvani.it", "info@chiesa-galvani.it")


@pytest.mark.parametrize(
    ("read", "name"),
    [
        pytest.param("Hans-Dieter Koch Il", "Hans-Dieter Koch II", id="II-read-Il"),
        pytest.param("John Carter Ill", "John Carter III", id="III-read-Ill"),
        pytest.param("John Carter III", "John Carter III", id="read-right"),
        pytest.param("Anna Gill", "Anna Gill", id="surname-ending-in-ll"),
    ],
)
def test_a_generation_after_the_surname_read_with_an_l_is_roman(read: str, name: str) -> None:
    assert parse(big(read), "Sales Manager", "hkoch@koch-gmbh.de").name == name


@pytest.mark.parametrize(
    "email_line",
    [
        pytest.param("Email: i i land.ie", id="labelled"),
        pytest.param("E cassie", id="a-letter-s-label-and-the-start"),
        pytest.param("E: cassie.h", id="a-letter-s-label-with-a-colon"),
    ],
)
def test_lines_an_email_stood_on_are_read_again_when_only_the_website_was_read(
    email_line: str,
) -> None:
    read = lines(big("Cassie Hoare"), email_line, "T +353 22 14108", "www.sigerson-mccausland.ie")
    fields = parse_fields(read)
    assert [line.text for line in fields_module.email_lines_unread(fields, read)] == [email_line]


@pytest.mark.parametrize(
    ("reading", "emails"),
    [
        pytest.param(
            "Email: cassie@sigerson-mccausland.ie",
            ("cassie@sigerson-mccausland.ie",),
            id="the-website-s-domain",
        ),
        pytest.param("Email: cassie@gmail.com", (), id="another-domain-vouched-for-by-nothing"),
        pytest.param("Email: i i land.ie", (), id="noise-again"),
    ],
)
def test_an_email_read_again_is_taken_in_the_website_s_domain(
    reading: str, emails: tuple[str, ...]
) -> None:
    read = lines(big("Cassie Hoare"), "Email: i i land.ie", "www.sigerson-mccausland.ie")
    fields = fields_module.with_emails_reread(parse_fields(read), lines(reading))
    assert fields.emails == emails

"""Phone numbers: region guess from the card, E.164 output, type from the printed label."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocr.phones import find_phones, guess_regions, tld_region


def _phones(
    texts: list[str],
    *,
    lang: str = "eng+ita",
    hint: str | None = None,
    domains: tuple[str, ...] = (),
) -> list[tuple[str, str]]:
    guess = guess_regions(texts, hint=hint, lang=lang, domains=domains)
    return [(hit.phone.number, hit.phone.type) for hit in find_phones(texts, guess)]


@pytest.mark.parametrize(
    ("texts", "lang", "expected"),
    [
        pytest.param(["Tel 02 1234 5678"], "eng+ita", [("+390212345678", "work")], id="it-tel"),
        pytest.param(
            ["Tel 915 03 12 34", "Mov. 621 80 88 24"],
            "eng+ita",
            [("+34915031234", "work"), ("+34621808824", "mobile")],
            id="nine-digits-without-a-trunk-zero-are-not-french",
        ),
        pytest.param(
            ["Phone 020 7467 4126"],
            "eng+ita",
            [("+442074674126", "work")],
            id="grouped-as-london-numbers-are-not-as-milan-s",
        ),
        pytest.param(
            ["Thames Albion Ltd", "Phone: 0161 797 8263"],
            "eng+ita",
            [("+441617978263", "work")],
            id="a-number-valid-in-both-beside-a-ltd-is-british",
        ),
        pytest.param(
            ["Thames Albion Ltd", "Tel 02 1234 5678"],
            "eng+ita",
            [("+390212345678", "work")],
            id="a-number-valid-only-in-italy-beside-a-ltd-stays-italian",
        ),
        pytest.param(
            ["Kagi Burri GmbH", "8001 Zürich", "Tel. 021 693 86 89 - 078.151.51.34"],
            "eng+ita",
            [("+41216938689", "work"), ("+41781515134", "other")],
            id="two-numbers-split-where-the-likeliest-country-has-both",
        ),
        pytest.param(
            ["01 27 40 67 10-06 1250 54 11", "www.laporte-fils.fr"],
            "eng+ita",
            [("+33127406710", "other"), ("+33612505411", "other")],
            id="two-numbers-joined-by-a-dash",
        ),
        pytest.param(["Mob. 347 123 4567"], "eng+ita", [("+393471234567", "mobile")], id="it-mob"),
        pytest.param(["Cell. 333 765 4321"], "ita", [("+393337654321", "mobile")], id="it-cell"),
        pytest.param(["Uff. 06 5555 1234"], "ita", [("+390655551234", "work")], id="it-uff"),
        pytest.param(
            ["T 02 1234 5678 F 02 8765 4321"],
            "eng+ita",
            [("+390212345678", "work"), ("+390287654321", "fax")],
            id="two-labels-one-line",
        ),
        pytest.param(["Handy 0171 1234567"], "deu", [("+491711234567", "mobile")], id="de-handy"),
        pytest.param(["Telefax +49 30 1234567"], "deu", [("+49301234567", "fax")], id="de-telefax"),
        pytest.param(["Tél. 01 42 68 53 00"], "fra", [("+33142685300", "work")], id="fr-tel"),
        pytest.param(
            ["Portable 06 12 34 56 78"], "fra", [("+33612345678", "mobile")], id="fr-portable"
        ),
        pytest.param(["Port. 06 12 34 56 78"], "fra", [("+33612345678", "mobile")], id="fr-port"),
        pytest.param(["Móvil 612 345 678"], "spa", [("+34612345678", "mobile")], id="es-movil"),
        pytest.param(["Tel. 91 123 45 67"], "spa", [("+34911234567", "work")], id="es-tel"),
        pytest.param(
            ["Celular (11) 98765-4321"], "por", [("+5511987654321", "mobile")], id="br-celular"
        ),
        pytest.param(["Fone (11) 3105-8655"], "por", [("+551131058655", "work")], id="br-fone"),
        pytest.param(
            ["Cel.: 912 345 678", "Lisboa"],
            "por",
            [("+351912345678", "mobile")],
            id="pt-cel-lisboa",
        ),
        pytest.param(
            ["Phone (650) 253-0000"],
            "eng+ita",
            [("+16502530000", "work")],
            id="us-shape-beats-lang",
        ),
        pytest.param(["Direct (703) 488-2348"], "eng", [("+17034882348", "work")], id="us-direct"),
        pytest.param(["C 415-555-0132"], "eng", [("+14155550132", "mobile")], id="c-is-cell"),
        pytest.param(["M +41 78 606 00 30"], "eng", [("+41786060030", "mobile")], id="explicit-cc"),
        pytest.param(
            ["Mobile phone +81-90-4695-1463"],
            "eng",
            [("+819046951463", "mobile")],
            id="mobile-wins-over-phone",
        ),
        pytest.param(["+39 O2 l234 5678"], "eng", [], id="unrepaired-text-is-not-guessed"),
        pytest.param(
            ["(703) 488-2500"], "eng", [("+17034882500", "other")], id="unlabelled-is-other"
        ),
        pytest.param(
            ["248.343.5976 734.552.8728"],
            "eng",
            [("+12483435976", "other"), ("+17345528728", "other")],
            id="two-side-by-side",
        ),
        pytest.param(
            ["2294-9484", "Av. Itaquera, 3006 - SP"],
            "eng+por",
            [("+5522949484", "other")],
            id="no-area-code-kept-as-local",
        ),
        pytest.param(
            ["2294-9484", "9. 9679-9468", "Av. Itaquera, 3006 - SP"],
            "eng+por",
            [("+5522949484", "other"), ("+55996799468", "other")],
            id="no-area-code-mobile-dot-space",
        ),
        pytest.param(
            ["Tel +55 11 2581-3607", "30074616 Andrade / MG"],
            "eng+por",
            [("+551125813607", "work")],
            id="cep-without-hyphen-is-no-phone",
        ),
    ],
)
def test_numbers_and_types(texts: list[str], lang: str, expected: list[tuple[str, str]]) -> None:
    assert _phones(texts, lang=lang) == expected


@pytest.mark.parametrize(
    "texts",
    [
        pytest.param(["CEP 01014-000"], id="br-postcode"),
        pytest.param(["Via Roma 10, 20121 Milano"], id="it-address"),
        pytest.param(
            ["2-10-14, Gakuenminami, Matsue City, Shimane, 690-0826 JAPAN"], id="jp-address"
        ),
        pytest.param(["P.IVA 01234567890"], id="vat-number"),
        pytest.param(["12/05/2024"], id="date"),
        pytest.param(["14432 ALBEMARLE POINT PLACE"], id="street-number"),
    ],
)
def test_not_phone_numbers(texts: list[str]) -> None:
    assert _phones(texts) == []


@pytest.mark.parametrize(
    ("texts", "hint", "domains", "lang", "best"),
    [
        pytest.param(["02 1234 5678"], "DE", (), "eng+ita", "DE", id="explicit-hint-first"),
        pytest.param(["Via Roma 10", "20121 Milano"], None, (), "eng", "IT", id="city"),
        pytest.param(["Rue de Rivoli 1, 75001 Paris, France"], None, (), "eng", "FR", id="country"),
        pytest.param(["CH-8001 Zürich"], None, (), "eng", "CH", id="prefixed-postcode"),
        pytest.param(["Rua X, 12 CEP 01014-000"], None, (), "eng", "BR", id="cep"),
        pytest.param(
            ["Diretor Comercial", "Rua Augusta, 213", "3000-150 Coimbra"],
            None,
            (),
            "eng",
            "PT",
            id="pt-postcode",
        ),
        pytest.param(["Palo Alto, CA 94306"], None, (), "eng+ita", "US", id="us-state-zip"),
        pytest.param(
            ["Richardborough, VIC, 1865"], None, (), "eng+ita", "AU", id="au-state-postcode"
        ),
        pytest.param(["Jamesshire, AB L3L 2P6"], None, (), "eng+ita", "CA", id="ca-postcode"),
        pytest.param(["info"], None, ("acme.de",), "eng+ita", "DE", id="tld-de"),
        pytest.param(["info"], None, ("acme.com.br",), "eng", "BR", id="tld-com-br"),
        pytest.param(["+41 43 501 65 11"], None, (), "eng+ita", "CH", id="printed-country-code"),
        pytest.param(
            ["T05 98 811223 M+3362091 9271"], None, (), "eng+ita", "FR", id="country-code-glued-on"
        ),
        pytest.param(["Group Digital PLC"], None, (), "eng+ita", "GB", id="plc"),
        pytest.param(
            ["Industriestraße 24", "50667 K6in"], None, (), "eng+ita", "DE", id="strasse-in-a-word"
        ),
        pytest.param(
            ["Industriestrasse 24", "8001 Zurlch"],
            None,
            (),
            "eng+ita",
            "IT",
            id="strasse-spelled-ss-is-no-evidence",
        ),
        pytest.param(
            ["Jefe de Ventas", "Movil 745 36 50 78"],
            None,
            (),
            "eng+ita",
            "ES",
            id="spanish-title-and-label-words",
        ),
        pytest.param(["M 06.98.31.29.55"], None, (), "eng+ita", "FR", id="french-five-pairs"),
        pytest.param(["Tel 05 42 38 42 12"], None, (), "eng+ita", "FR", id="french-pairs-spaced"),
        pytest.param(["T: 968 60 16 26"], None, (), "eng+ita", "ES", id="spanish-three-pairs"),
        pytest.param(["c. 612.22.26.69"], None, (), "eng+ita", "ES", id="spanish-dotted"),
        pytest.param(["Tel 02 1234 5678"], None, (), "eng+ita", "IT", id="no-shape-of-either"),
        pytest.param(["nothing"], None, (), "eng+spa", "ES", id="language-last"),
        pytest.param(["nothing"], None, (), "eng", "US", id="fallback"),
    ],
)
def test_region_guess(
    texts: list[str], hint: str | None, domains: tuple[str, ...], lang: str, best: str
) -> None:
    assert guess_regions(texts, hint=hint, lang=lang, domains=domains).best == best


@pytest.mark.parametrize(
    ("domain", "region"),
    [
        pytest.param("acme.it", "IT", id="it"),
        pytest.param("www.acme.com.br", "BR", id="com-br"),
        pytest.param("acme.co.uk", "GB", id="co-uk"),
        pytest.param("acme.com", None, id="generic"),
    ],
)
def test_tld_region(domain: str, region: str | None) -> None:
    assert tld_region(domain) == region


def test_unlabelled_number_needs_validation() -> None:
    """An unlabelled digit run that is not a valid number for the region is not a phone."""
    assert _phones(["Order 1234567 shipped"], lang="eng") == []


def test_explicit_country_code_confidence_is_high() -> None:
    guess = guess_regions(["Tel +39 02 1234 5678"], hint=None, lang="eng", domains=())
    (hit,) = find_phones(["Tel +39 02 1234 5678"], guess)
    assert hit.confidence >= 0.9 and hit.labelled


def test_local_only_number_gets_low_confidence() -> None:
    guess = guess_regions(["2294-9484"], hint="BR", lang="por", domains=())
    (hit,) = find_phones(["2294-9484"], guess)
    assert hit.confidence < 0.9


def test_a_number_with_a_letter_read_among_its_digits_is_doubted() -> None:
    text = "Telefon +49 g9 30014761"  # "+49 89 …": which digit the g was is a guess
    guess = guess_regions([text], hint=None, lang="deu", domains=())
    assert [hit.confidence < 0.9 for hit in find_phones([text], guess)] == [True]


@given(st.lists(st.text(alphabet="0123456789 +-().TelMobFax:/", max_size=40), max_size=4))
def test_find_phones_output_is_e164(texts: list[str]) -> None:
    guess = guess_regions(texts, hint=None, lang="eng+ita", domains=())
    for hit in find_phones(texts, guess):
        assert hit.phone.number.startswith("+") and hit.phone.number[1:].isdigit()
        assert hit.phone.type in {"mobile", "work", "fax", "other"}
        assert 0.0 <= hit.confidence <= 1.0

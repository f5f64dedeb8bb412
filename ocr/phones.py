"""Phone numbers on a card: the region guess, the numbers in E.164 and their type.

Region evidence, strongest first: the caller's explicit region, the address (country and
city names, postcode shapes), the email/website country TLD, the country codes printed on
the card's other numbers, the North-American "(703) 488-2500" shape, the OCR language.

Type convention (studied on ../shared/real-cards labels): the type comes from the label
printed before the number ("Tel"/"T"/"Phone"/"Direct" → work, "Mob"/"M"/"Cell" → mobile,
"Fax"/"F" → fax); an UNLABELLED number is "other" even when phonenumbers calls it MOBILE,
because the labellers wrote "other" for every number the card does not qualify.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType, ValidationResult

from ocr import lexicon
from ocr.types import Phone

LOCAL_DIGITS = 9  # the longest number printed without its area code (Brazil's "9.8697-6934")
FALLBACK_REGIONS = ("US", "GB", "IT", "DE", "FR", "ES", "BR", "PT", "CH")
# Where national numbers are always printed with their trunk "0" ("01 42 68 53 00", "030
# 1234567", "020 7946 0018"): "915 03 12 34" is a Spanish number, not a French one.
_TRUNK_ZERO_PRINTED = frozenset({"FR", "DE", "GB", "CH", "AT", "BE", "NL"})
# "(703) 488-2500", "703-488-2500", "701.113.5427" (not "347 123 4567", an Italian mobile).
_NANP_SHAPE = re.compile(
    r"(?<![\d+])(?:1[\s.-])?(?:\(\d{3}\)\s?\d{3}[-.]\d{4}|\d{3}([-.])\d{3}\1\d{4})(?!\d)"
)
# "(703) 488-2500": only North America prints its numbers so ("310.375.9413" may be Italian).
_NANP_PARENS = re.compile(r"(?:1\s)?\([2-9]\d{2}\)\s?\d{3}-\d{4}")
# "2294-9484", "(11) 2785-4545", "9.8697-6934", "97038-8110": Brazil's 4-4 / 5-4 numbers.
_BR_SHAPE = re.compile(r"(?<![\d.-])(?:9[.\s]?\d{4}|\d{4,5})-\d{4}(?![\d-])")
# "06.98.31.29.55", "05 42 38 42 12": ten digits in five pairs, the way France prints them.
_FR_SHAPE = re.compile(r"(?<![\d+.-])0[1-9]([. ])\d\d(?:\1\d\d){3}(?![\d.-])")
# "968 60 16 26", "612.22.26.69": nine digits, the first 6-9, three then three pairs: Spain.
_ES_SHAPE = re.compile(r"(?<![\d+.-])[6789]\d\d([. ])\d\d\1\d\d\1\d\d(?![\d.-])")
# "010-9416-5072": a Korean mobile; "03-3669-4661", "053-454-2441", "090-1234-5678": Japan.
_KR_SHAPE = re.compile(r"(?<![\d-])01[016789]-\d{3,4}-\d{4}(?![\d-])")
_JP_SHAPE = re.compile(
    r"(?<![\d+-])(?:0\d-\d{4}|0\d{2}-\d{3}|0\d{3}-\d{2}|0\d{4}-\d|0[789]0-\d{4})-\d{4}(?![\d-])"
)
_PLUS_CC = re.compile(r"\+\s?(\d{1,3})[\s.()-]")
# "M+3362091 9271": a country code run on into its number, which _PLUS_CC cannot split off.
_GLUED_PLUS = re.compile(r"\+\d{4}[\d\s.()/-]{4,}\d")
_LOCAL_SHAPE = re.compile(r"^\(?\d?\)?\s?\d?(?:[.\s]\s?)?\d{3,5}[-.\s]\d{4}$")
_LABEL_WORD = re.compile(r"[A-Za-zÀ-ÿ.]+")
_NOT_A_PHONE_BEFORE = re.compile(
    r"\b(?:cep|zip|cap|plz|p\.?\s?iva|vat|ust|cnpj|cpf|nif|siret|siren|iban|reg|cod|fiscale|"
    r"postal|cp|c\.p|box|no\.|n\.|nr\.?|id)\s*[:.]?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PhoneHit:
    """One number found in one text, with the evidence that backs it."""

    phone: Phone
    confidence: float
    text_index: int
    span: tuple[int, int]  # characters of the number and its label inside the text
    labelled: bool


@dataclass(frozen=True)
class RegionGuess:
    """Regions backed by evidence on the card (best first), then the weaker guesses."""

    evidenced: tuple[str, ...]
    lang: tuple[str, ...]  # from the OCR language only

    @property
    def ordered(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.evidenced + self.lang + FALLBACK_REGIONS))

    @property
    def best(self) -> str:
        return self.ordered[0]


def guess_regions(
    texts: Sequence[str], *, hint: str | None, lang: str, domains: Sequence[str] = ()
) -> RegionGuess:
    """Regions to try for numbers printed without "+CC", most likely first."""
    evidenced: list[str] = [hint.upper()] if hint else []
    evidenced += _address_regions(texts)
    evidenced += [region for domain in domains if (region := tld_region(domain))]
    evidenced += _word_regions(texts)
    evidenced += [region for region, _ in _printed_country_codes(texts).most_common()]
    if any(_NANP_SHAPE.search(text) for text in texts):
        evidenced.append("US")
    if any(_BR_SHAPE.search(text) for text in texts):
        evidenced.append("BR")
    if any(_FR_SHAPE.search(text) for text in texts):
        evidenced.append("FR")
    if any(_ES_SHAPE.search(text) for text in texts):
        evidenced.append("ES")
    if any(_KR_SHAPE.search(text) for text in texts):
        evidenced.append("KR")
    elif any(_JP_SHAPE.search(text) for text in texts):
        evidenced.append("JP")
    weak = [
        region for code in re.split(r"[+_]", lang) if (region := lexicon.LANG_REGIONS.get(code))
    ]
    if any(_ENGLISH_FIRM.search(text) for text in texts):
        weak.insert(0, "GB")  # a firm's "Ltd": English-speaking, British most likely
    return RegionGuess(tuple(dict.fromkeys(evidenced)), tuple(weak))


_ENGLISH_FIRM = re.compile(r"\bLtd\b", re.IGNORECASE)


def tld_region(domain: str) -> str | None:
    """ "acme.it" → IT, "acme.com.br" → BR, "acme.com" → None."""
    last = domain.lower().rstrip(".").rsplit(".", 1)[-1]
    return lexicon.TLD_REGIONS.get(last)


def _word_regions(texts: Sequence[str]) -> list[str]:
    """Words used in one country only: "Ltda", "CEP" (Brazil), "P.IVA" (Italy)..."""
    words = {w.strip(".,:;()").lower() for text in texts for w in text.split()}
    found = [region for word, region in lexicon.WORD_REGIONS.items() if word in words]
    if any(word.endswith("straße") for word in words):  # "Industriestraße": the street's German
        found.append("DE")
    by_language = [
        region
        for region, vocabulary in lexicon.LANGUAGE_WORDS.items()
        if len(words & vocabulary) >= 2
    ]
    return found + (by_language if len(by_language) == 1 else [])


def _address_regions(texts: Sequence[str]) -> list[str]:
    locals_ = " ".join(re.findall(r"([\w.+-]+)@", " ".join(texts))).lower()
    return [region for text in texts for region in _line_regions(text, _persons(text, locals_))]


def _persons(text: str, locals_: str) -> bool:
    """A line shaped as a name whose surname an email spells ("Milan Maier" beside mmaier@):
    its first word is a first name, whatever town it names."""
    return bool(_NAME_LINE.fullmatch(text.strip())) and text.split()[-1].lower() in locals_


@lru_cache(maxsize=4096)  # the same lines are asked about more than once per card
def _line_regions(text: str, persons: bool = False) -> tuple[str, ...]:
    found: list[str] = []
    # (and with Tesseract's "ii" for a "ü" it could not place: "80331 Miinchen"; or another
    # accent on the letter: "50667 Kòln")
    low = text.lower()
    for lowered in dict.fromkeys([low, low.replace("ii", "ü"), lexicon.fold_key(low)]):
        if lexicon.place_pattern().search(lowered):  # most lines name no place: one search
            found += [
                region
                for name, region in lexicon.place_regions().items()
                if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", lowered)
                and not (persons and name == lowered.split()[0])
            ]
    return (*dict.fromkeys(found), *_postcode_regions(text))


_NAME_LINE = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ]+(?:\s+[A-ZÀ-Þ][a-zà-ÿ'-]+){1,2}")
_AU_STATE_POSTCODE = re.compile(r"\b(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT),?\s+\d{4}\b")
_CA_PROVINCE_POSTCODE = re.compile(
    r"\b(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT),?\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d\b"
)


def _postcode_regions(text: str) -> list[str]:
    regions = []
    if re.search(r"\b(?:CEP|Cep|cep)\b|\s-\s?(?:SP|RJ|MG|RS|PR|SC|BA|PE|CE|GO|DF|ES)\b", text):
        regions.append("BR")
    if re.search(r"\b(?:I-\d{5}|D-\d{5}|F-\d{5}|E-\d{5}|A-\d{4}|CH-\d{4}|B-\d{4}|P-\d{4})\b", text):
        prefix = re.search(r"\b(I|D|F|E|A|CH|B|P)-\d{4,5}\b", text)
        regions.append(
            {
                "I": "IT",
                "D": "DE",
                "F": "FR",
                "E": "ES",
                "A": "AT",
                "CH": "CH",
                "B": "BE",
                "P": "PT",
            }[prefix.group(1)]
            if prefix
            else ""
        )
    if re.search(r"(?<![\d-])\d{4}-\d{3}\s+[A-ZÀ-Ý][a-zà-ÿ]", text):
        regions.append("PT")  # "3000-150 Coimbra": 4-3 digits (a Brazilian CEP is 5-3)
    if re.search(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b", text):
        regions.append("GB")  # "EC2A 4NE", "M1 4BT"
    if _AU_STATE_POSTCODE.search(text):
        regions.append("AU")  # "Richardborough, VIC, 1865"
    if _CA_PROVINCE_POSTCODE.search(text):
        regions.append("CA")  # "Jamesshire, AB L3L 2P6"
    us = re.search(r"\b([A-Z]{2})\s+\d{5}(?:-\d{4})?\b", text)
    if us and us.group(1) in lexicon.US_STATES:
        regions.append("US")
    if any(name in text.lower().split() for name in lexicon.US_STATE_NAMES) and re.search(
        r"\b\d{5}\b", text
    ):
        regions.append("US")
    return [region for region in regions if region]


def _printed_country_codes(texts: Sequence[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_glued_country_codes(text))
        for match in _PLUS_CC.finditer(text + " "):
            digits = match.group(1)
            for length in (1, 2, 3):
                region = (
                    phonenumbers.region_code_for_country_code(int(digits[:length]))
                    if len(digits) >= length
                    else "ZZ"
                )
                if region != "ZZ":
                    counts[region] += 1
                    break
    return counts


def find_phones(
    texts: Sequence[str],
    guess: RegionGuess,
    *,
    is_address: Callable[[str], bool] | None = None,
) -> list[PhoneHit]:
    """Every phone number in `texts` (reading order), E.164, typed from its label.

    `is_address` tells address text apart: an unlabelled short digit run inside an address
    ("Shimane, 690-0826 JAPAN") is a postcode, not a phone. Without evidence of the region,
    a second pass reads the numbers in the region the card's valid numbers agree on.
    """
    hits = _find_phones(texts, guess, is_address)
    national = [h for h in hits if not _digits_start_with_plus(h.phone.printed)]
    if not guess.evidenced and national:
        region = _region_by_vote(national, guess)
        if region:
            voted = _find_phones(texts, RegionGuess((region,), guess.lang), is_address)
            return [replace(h, confidence=min(h.confidence, 0.85)) for h in voted]
        regions = [
            code
            for h in national
            if (p := _parse(h.phone.number, "ZZ")) and phonenumbers.is_valid_number(p)
            if (code := phonenumbers.region_code_for_number(p))
        ]
        if regions:  # the region of the valid numbers, to read the others ("2783-6958")
            dominant = Counter(regions).most_common(1)[0][0]
            hits = _find_phones(texts, RegionGuess((dominant,), guess.lang), is_address)
    return hits


def _digits_start_with_plus(printed: str) -> bool:
    return bool(re.match(r"^[^\d+]*\+", printed))


def _region_by_vote(hits: Sequence[PhoneHit], guess: RegionGuess) -> str | None:
    """Without evidence, the region where the card's national numbers make most sense: each
    valid number scores 1, a number labelled mobile that is a mobile there 0.5 more
    ("M 0160 5432592" is a German mobile but an Italian landline). Ties: the usual order."""
    best, best_score = None, 0.0
    for region in guess.ordered:
        score = 0.0
        for hit in hits:
            printed = _printed_digits(hit.phone.printed)
            number = _parse(printed, region)
            if number is None or not phonenumbers.is_valid_number(number):
                continue
            if not _printed_as_there(printed, region):
                continue
            score += 1.0
            kind = phonenumbers.number_type(number)
            if hit.phone.type == "mobile" and kind in _MOBILE_TYPES:
                score += 0.5
        if score > best_score:
            best, best_score = region, score
    return best if best_score >= 1.5 else None


_MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


def _printed_digits(printed: str) -> str:
    """ "M 0160 5432592" → "0160 5432592": the number without its label."""
    match = re.search(r"[+(\d].*", printed)
    return match.group(0) if match else printed


def _find_phones(
    texts: Sequence[str], guess: RegionGuess, is_address: Callable[[str], bool] | None
) -> list[PhoneHit]:
    found = [
        hit
        for index, text in enumerate(texts)
        for hit in _phones_in_text(text, index, guess, is_address)
    ]
    hits: list[PhoneHit] = []
    seen: set[str] = set()
    for hit in _with_area_code(found):
        if hit.phone.number not in seen:
            seen.add(hit.phone.number)
            hits.append(hit)
    return hits


def _with_area_code(hits: list[PhoneHit]) -> list[PhoneHit]:
    """A number printed without its area code takes the area code of the card's other numbers
    when that makes it valid ("11 2785-4545 / 2783-6958"), whether they are printed above or
    below it ("Fax 2131-3418" over "Pabx (11) 2131-3400")."""
    known = [h for h in hits if _is_valid_e164(h.phone.number)]
    fixed = []
    for hit in hits:
        number = hit.phone.number
        if not _is_valid_e164(number):
            for sibling in known:
                candidate = _borrow_area_code(number, sibling.phone.number)
                if candidate:
                    hit = PhoneHit(
                        replace(hit.phone, number=candidate),
                        hit.confidence,
                        hit.text_index,
                        hit.span,
                        hit.labelled,
                    )
                    break
        fixed.append(hit)
    return fixed


def _is_valid_e164(number: str) -> bool:
    parsed = _parse(number, "ZZ")
    return parsed is not None and phonenumbers.is_valid_number(parsed)


def _borrow_area_code(local: str, sibling: str) -> str | None:
    local_n, sibling_n = _parse(local, "ZZ"), _parse(sibling, "ZZ")
    if local_n is None or sibling_n is None or local_n.country_code != sibling_n.country_code:
        return None
    if len(str(local_n.national_number)) > LOCAL_DIGITS:
        return None  # "01 232138205" lacks no area code: it is misread or fictitious
    length = phonenumbers.length_of_geographical_area_code(sibling_n)
    if not length:
        return None
    area = str(sibling_n.national_number)[:length]
    candidate = f"+{sibling_n.country_code}{area}{local_n.national_number}"
    return candidate if _is_valid_e164(candidate) else None


# A Brazilian postcode line: CEP, town, "/" and the state ("30074616 Andrade / MG").
_CEP_TOWN_STATE = re.compile(r"\d{5}-?\d{3}\s+[A-ZÀ-Þ][^/\d]*/\s?[A-Z]{2}")
# "030 / 28367604", "0711/4657281": a trunk-prefixed area code, a slash, the local number.
_AREA_SLASH = re.compile(r"(?<![\d/])0\d{1,4}\s?/\s?(?=\d{4,}(?![\d/]))")
_LABEL_READ_AS_DIGIT = re.compile(r"[17]\.\s?(?=\d)")  # "7.06 2461 2853": "T." (or "l.") as a digit
# "7 051 524 4889": a lone "T" (or "l") read as a digit before a trunk-prefixed number; no
# number goes on past a space into a trunk prefix.
_LABEL_BEFORE_TRUNK_ZERO = re.compile(r"[17]\s(?=0\d)")
# "+41.21.172.39,89", "021.381.24, 43" (the last pair ending the line), "+41.21.643,58.42"
# (between dotted groups), "+351.21.299,9019": a dot read as a comma.
_COMMA_IN_NUMBER = re.compile(
    r"(?<=\d\.\d\d),(?:(?=\d\d\b)|\s(?=\d\d\s*$))|(?<=\d\s\d\d),(?=\d\d\b)"
    r"|(?<=\d\.\d\d\d),(?=\d\d\.\d|\d{4}\b)"
)
_CANDIDATE = re.compile(r"\+?\s?\(?\d[\d\s().\-]{5,}\d")


# "+49 g9 30014761": a digit read as a letter inside the number (its digits are a guess).
_LETTER_INSIDE = re.compile(r"\d\s?[^\W\d_]$")
LETTER_INSIDE_CONF = 0.7


def _phones_in_text(
    text: str, index: int, guess: RegionGuess, is_address: Callable[[str], bool] | None
) -> list[PhoneHit]:
    hits: list[PhoneHit] = []
    previous_end = 0
    text = _AREA_SLASH.sub(lambda m: m.group(0).replace("/", " "), text)  # same length: spans hold
    text = _COMMA_IN_NUMBER.sub(lambda m: "." + m.group(0)[1:], text)  # same length
    candidates = [m for m in _CANDIDATE.finditer(text) if len(re.sub(r"\D", "", m.group(0))) >= 7]
    for match in candidates:
        prefix = text[previous_end : match.start()]
        if _NOT_A_PHONE_BEFORE.search(prefix):
            continue
        label_type, label_start = _label_before(prefix)
        if not label_type and is_address and _postcode_like(text, match, is_address):
            continue
        if not label_type and re.fullmatch(r"\d{4,5}-\d{3}", match.group(0).strip()):
            continue  # "3000-150", "01310-200": Portuguese and Brazilian postcodes
        if not label_type and _CEP_TOWN_STATE.fullmatch(text[match.start() :].strip()):
            continue  # "30074616 Andrade / MG": a CEP printed without its hyphen
        listed = bool(hits) and re.fullmatch(
            r"[\s/,;|\-–]*(?:ou|or|o|e|oder|y)?[\s/,;|\-–]*", prefix
        )
        # "2783-6958 - ID ..." : a hyphenated 4-4 local number is a phone whatever follows it
        local_pair = re.fullmatch(r"\d{4}-\d{4}", match.group(0).strip()) is not None
        alone = bool(listed) or local_pair or _stands_alone(text, candidates, match)
        labelled_region = _region_in_label(prefix)
        local_guess = RegionGuess((labelled_region,), guess.lang) if labelled_region else guess
        for raw, offset in _split_numbers(match.group(0).lstrip(), local_guess):
            raw = raw.strip()
            judged = _judge(raw, local_guess, label_type, alone)
            if judged is None:
                continue
            number, confidence = judged
            if _LETTER_INSIDE.search(prefix):
                confidence = min(confidence, LETTER_INSIDE_CONF)
            begin = match.start() + len(match.group(0)) - len(match.group(0).lstrip()) + offset
            end = begin + len(raw)
            start = previous_end + label_start if label_type else begin
            phone = Phone(
                number=number, type=label_type or "other", printed=text[start:end].strip()
            )
            hits.append(PhoneHit(phone, confidence, index, (start, end), label_type is not None))
            previous_end, label_type = end, None
    return hits


def _region_in_label(prefix: str) -> str | None:
    """ "TEL (VN mobile):", "Mobile (Thailand)": the country named in a number's own label."""
    label = prefix[-30:]
    code = re.search(r"\(([A-Z]{2})\b", label)
    if code and phonenumbers.country_code_for_region(code.group(1)):
        return code.group(1)
    words = re.findall(r"[A-Za-zÀ-ÿ]+", label.lower())
    places = lexicon.place_regions()
    found = [places[w] for w in words if w in places and len(w) >= 4]
    return found[-1] if found else None


def _postcode_like(text: str, match: re.Match[str], is_address: Callable[[str], bool]) -> bool:
    raw = match.group(0).strip()
    if re.fullmatch(r"\d{4}-\d{4}", raw):
        return False  # a 4-4 local number; no postcode has that shape
    short = len(re.sub(r"\D", "", raw)) <= 8 and not raw.startswith("+")
    return short and is_address(text[: match.start()] + " " + text[match.end() :])


def _stands_alone(text: str, candidates: list[re.Match[str]], match: re.Match[str]) -> bool:
    """True when nothing but labels and separators surrounds the numbers of this text."""
    rest = text
    for other in candidates:
        rest = rest.replace(other.group(0), " ")
    words = [w.lower().strip(".") for w in _LABEL_WORD.findall(rest)]
    words = [w for w in words if len(w) > 2 or w in lexicon.PHONE_LABELS]  # stray OCR marks
    return all(w in lexicon.PHONE_LABELS or w + "." in lexicon.PHONE_LABELS or not w for w in words)


def _split_numbers(raw: str, guess: RegionGuess) -> list[tuple[str, int]]:
    """One candidate run, or two numbers printed side by side ("248.343.5976 734.552.8728")."""
    stripped = raw.rstrip(" (.-")
    lone = _LABEL_BEFORE_TRUNK_ZERO.match(stripped)
    if lone and _valid_somewhere(stripped[lone.end() :], guess):
        return [(stripped[lone.end() :], lone.end())]
    if _valid_somewhere(stripped, guess):
        return [(stripped, 0)]
    label = _LABEL_READ_AS_DIGIT.match(stripped)
    if label and _valid_somewhere(stripped[label.end() :], guess):
        return [(stripped[label.end() :], label.end())]
    # (or joined by a dash: "01 27 40 67 10-06 1250 54 11"); a split valid in the likeliest
    # region first ("021 693 86 89 - 078.151.51.34" on a Swiss card, not two German numbers
    # cut after "86")
    gaps = [m.start() for m in re.finditer(r"\s+|(?<=\d)[-/](?=\d)", stripped)]
    for regions in (_regions_to_try(guess)[:1], _regions_to_try(guess)):
        for gap in gaps:
            left, right = stripped[:gap], stripped[gap:].lstrip(" -/")
            if _valid_in(left, regions) and _valid_in(right, regions):
                return [(left, 0), (right, stripped.index(right, gap))]
    return [(stripped, 0)]


def _valid_somewhere(raw: str, guess: RegionGuess) -> bool:
    return _valid_in(raw, _regions_to_try(guess))


def _valid_in(raw: str, regions: Sequence[str]) -> bool:
    return any(
        (number := _parse(raw, region)) is not None and phonenumbers.is_valid_number(number)
        for region in regions
    )


def _regions_to_try(guess: RegionGuess) -> Sequence[str]:
    """With real evidence, only the evidenced regions; else the language and fallbacks too."""
    return guess.evidenced[:3] or guess.ordered


def _judge(
    raw: str, guess: RegionGuess, label: str | None, alone: bool
) -> tuple[str, float] | None:
    """E.164 and confidence for a candidate, or None when it is not a phone number.

    With evidence on the card only the evidenced regions are tried; without, the language's
    region first (a number without area code is read as local there) and then the fallbacks.
    """
    digits = re.sub(r"\D", "", raw)
    if not 7 <= len(digits) <= 15:
        return None
    if raw.startswith("+"):
        number = _parse(raw, guess.best)
        if number is not None and phonenumbers.is_valid_number(number):
            return _e164(number), 0.97
        if not raw[1:2].isspace():
            return _judge_unvalidated(raw, guess.best, label, alone)
        # "02.2493.8363 + 312 435 9578": a plus set apart between two numbers joins them
        raw = raw[1:].lstrip()
    if guess.evidenced:
        tiers = [(guess.evidenced[:1], 0.93), (guess.evidenced[1:3], 0.85)]
        if "US" in guess.evidenced and _NANP_PARENS.fullmatch(raw.strip()):
            # "(208) 526-8297" is North American whatever else the card shows ("Arias PLC")
            tiers.insert(0, (("US",), 0.93))
        found = _first_valid(raw, tiers) or _plus_read_as_four(raw, guess.evidenced[:3])
        return found or _judge_unvalidated(raw, guess.best, label, alone)
    # Without evidence a region is tried only where the number is printed as it is there.
    lang_regions = [r for r in guess.lang if _printed_as_there(raw, r)]
    ordered = [r for r in guess.ordered if _printed_as_there(raw, r)]
    # "020 7467 4126" is grouped as London numbers are, not as Milan's ("02 0746 74126")
    grouped = [r for r in ordered if _grouped_as_there(raw, r)]
    lang_regions = [r for r in lang_regions if r in grouped] or grouped[:1] or lang_regions
    found = _first_valid(raw, [(lang_regions, 0.8)])
    if found is None and lang_regions:
        found = _judge_unvalidated(raw, lang_regions[0], label, alone)
    return found or _first_valid(raw, [(ordered, 0.7)])


def _plus_read_as_four(raw: str, regions: Sequence[str]) -> tuple[str, float] | None:
    """ "T: 4351 21 361 0783" on a Portuguese card: its "+" read as a 4; taken only when the
    number is valid that way alone, in a region the card shows."""
    if not raw.startswith("4"):
        return None
    number = _parse("+" + raw[1:], "ZZ")
    if number is None or not phonenumbers.is_valid_number(number):
        return None
    return (_e164(number), 0.85) if phonenumbers.region_code_for_number(number) in regions else None


def _printed_as_there(raw: str, region: str) -> bool:
    """Whether a number printed without its country code looks as numbers do in `region`."""
    return region not in _TRUNK_ZERO_PRINTED or re.sub(r"\D", "", raw).startswith("0")


def _grouped_as_there(raw: str, region: str) -> bool:
    """Valid in `region` and printed in its groups of digits (its national format)."""
    number = _parse(raw, region)
    if number is None or not phonenumbers.is_valid_number(number):
        return False
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return re.findall(r"\d+", national) == re.findall(r"\d+", raw)


def _first_valid(
    raw: str, tiers: Sequence[tuple[Sequence[str], float]]
) -> tuple[str, float] | None:
    for regions, confidence in tiers:
        for region in regions:
            number = _parse(raw, region)
            if number is not None and phonenumbers.is_valid_number(number):
                return _e164(number), confidence
    return None


def _judge_unvalidated(
    raw: str, region: str, label: str | None, alone: bool
) -> tuple[str, float] | None:
    """A number phonenumbers cannot validate: printed without its area code, or fictitious.

    Kept only when labelled, or alone on its line in a local-number shape ("2294-9484").
    """
    number = _parse(raw, region)
    if number is None or not (label or alone):
        return None
    reason = phonenumbers.is_possible_number_with_reason(number)
    possible = reason in (ValidationResult.IS_POSSIBLE, ValidationResult.IS_POSSIBLE_LOCAL_ONLY)
    digits = len(re.sub(r"\D", "", raw))
    if possible and _LOCAL_SHAPE.match(raw) and (label or digits >= 8):
        return _e164(number), 0.6 if label else 0.5
    if reason == ValidationResult.IS_POSSIBLE and alone and digits >= 10:
        return _e164(number), 0.5
    if label and (possible or raw.startswith("+")):
        return _e164(number), 0.55
    return None


def _parse(raw: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _label_before(prefix: str) -> tuple[str | None, int]:
    """The phone type named by the words just before a number, and where that label starts.

    Mobile beats fax beats work when several words qualify ("Mobile phone", "TEL (VN mobile)").
    Single letters (T, M, F, C, P) count only as the last word before the number.
    """
    words = list(_LABEL_WORD.finditer(prefix))[-4:]
    found: dict[str, int] = {}
    for position, word in enumerate(words):
        key = word.group(0).lower().strip(".")
        label = lexicon.PHONE_LABELS.get(key) or lexicon.PHONE_LABELS.get(key + ".")
        if label is None or (len(key) == 1 and position != len(words) - 1):
            continue
        if len(key) == 1 and prefix[word.end() :].strip(" :.-/()") != "":
            continue
        found.setdefault(label, word.start())
    for label in ("mobile", "fax", "work"):
        if label in found:
            return label, min(found.values())
    return None, 0


def _glued_country_codes(text: str) -> list[str]:
    """Regions of the valid numbers whose country code runs on into the number."""
    regions = []
    for match in _GLUED_PLUS.finditer(text):
        try:
            number = phonenumbers.parse(match.group(0), None)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            regions.append(phonenumbers.region_code_for_number(number))
    return [region for region in regions if region]


def numbers_region(numbers: Sequence[str]) -> str | None:
    """The one country of these E.164 numbers, or None (none, or several)."""
    regions = {phonenumbers.region_code_for_number(phonenumbers.parse(n)) for n in numbers}
    return regions.pop() if len(regions) == 1 else None


def only_region(printed: Sequence[str]) -> str | None:
    """The one country where every one of these nationally printed numbers is valid as
    printed, or None (none, several, or a number printed with its country code)."""
    regions: set[str] | None = None
    for raw in printed:
        digits = _printed_digits(raw)
        if _digits_start_with_plus(raw):
            return None
        here = {
            region
            for region in FALLBACK_REGIONS
            if (number := _parse(digits, region)) is not None
            and phonenumbers.is_valid_number(number)
            and _printed_as_there(digits, region)
        }
        regions = here if regions is None else regions & here
    return next(iter(regions)) if regions and len(regions) == 1 else None

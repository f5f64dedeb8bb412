"""Field parser: recognised lines in, CardFields with per-field confidences out.

The cascade (each step removes what it consumed from the text the next steps see):
1. join lines Tesseract cut out of one printed line, drop logo pieces at line ends, repair
   OCR slips per line (ocr.repair) and split lines into segments on bullets, on wide gaps
   between words and at column edges other lines share;
2. pattern fields: emails, social profiles, the website, phone numbers (ocr.phones);
3. the address: street words, postcodes, city and country names, adjacent lines joined;
4. name, title and company from what is left, by evidence, not by position: job-title
   lexicon, legal suffixes and organisation words, similarity to the email/web domain,
   name shape (2–4 capitalised words) and the email's local part, line height, a title
   line next to the name;
5. the accents OCR dropped put back in the card's language (ocr.repair.restore_accents),
   umlauts from an email's "ue"/"oe" spelling.

Confidence per field is a product of the evidence score and the OCR confidence of the
words it came from, tuned so that values >= 0.9 are only reached with independent agreement
(a validated number with a label, an email whose domain matches the website, a title lexicon
hit, a name matching the email's local part...).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import permutations, product
from typing import Any

import tldextract
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ocr import lexicon
from ocr.phones import find_phones, guess_regions, numbers_region, only_region
from ocr.repair import (
    COMMON_TLDS,
    REGION_LANGUAGES,
    accents_reread,
    confusion_variants,
    postcode_spaced,
    reconcile,
    repair_line,
    restore_accents,
    split_segments,
)
from ocr.types import Box, CardFields, OcrLine, Phone, Word, shared_area

_EMAIL = re.compile(
    r"(?<![\w.+])(?<!\w-)\.?[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}(?![\w-])",
    re.I,
)
_URL = re.compile(
    r"(?<![\w@.-])((?:https?://)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}"
    r"(?::\d+)?(?:/[\w\-./%?=&#~+]*)?)(?![\w@-])",
    re.I,
)
_SOCIAL_URL = re.compile(
    r"(?:https?://)?(?:[a-z]{2,3}\.)?(?:linkedin\.com/(?:in|company|pub)/[\w%.-]+|"
    r"(?:twitter|x|instagram|facebook|fb|github|youtube|tiktok|behance|dribbble)\.com/[\w.@-]+)/?",
    re.I,
)
_SOCIAL_LABELLED = re.compile(
    r"\b(?:twitter|instagram|insta|ig|x|tiktok|telegram|threads|mastodon|github|linkedin)\s*[:.]?\s*(@[\w.]{2,30})",
    re.I,
)
_SOCIAL_DOMAINS = (
    "linkedin.",
    "twitter.",
    "x.com",
    "instagram.",
    "facebook.",
    "fb.com",
    "github.",
    "youtube.",
    "tiktok.",
    "behance.",
    "dribbble.",
)


MAX_LINES = 60  # lines the parser considers: a card prints far fewer


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FREEMAIL = _wordset(
    "gmail googlemail hotmail outlook live yahoo icloud me aol gmx web libero tiscali virgilio "
    "alice tin fastwebnet orange free wanadoo laposte uol bol terra ig r7 msn protonmail"
)
# Words that only announce a field; left alone on a segment they carry no information.
_LABEL_WORDS = _wordset(
    "e email e-mail mail w web website site internet url http https www sito homepage "
    "social follow us address addr adresse indirizzo endereço endereco dirección direccion "
    "anschrift"
) | frozenset(key.strip(".") for key in lexicon.PHONE_LABELS)
_CLEAR_LABELS = _wordset(
    "email e-mail website www tel tél telefone telefono telefon phone mob mobile cell "
    "fax telefax celular fone address adresse indirizzo endereço endereco dirección "
    "direccion anschrift correo correio courriel"
)
_NAME_PARTICLES = _wordset(
    "de da di del della dos das do van von der den la le du y e bin al die te ten ter het uit des"
    " 't ’t"  # Dutch: "van 't Wel", "in 't Veld"
)
_HONORIFIC = re.compile(
    r"^(?:dr|dott|dott\.ssa|ing|avv|arch|prof|mr|mrs|ms|sr|sra|dra|herr|frau|mme|m)\.?\s+\w", re.I
)
# ("H.-Dieter", "K.-H.": a German double first name with its first part shortened)
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ]\.-)?[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]*\.?$|^[A-ZÀ-ÖØ-Þ]\.$"
)
_STREET_SUFFIXES = (
    "straße",
    "strasse",
    "str.",
    "weg",
    "platz",
    "allee",
    "gasse",
    "damm",
    "laan",
    "straat",
    "gracht",
    "plein",
    "vej",
    "gatan",
    "gade",
    "ufer",
)
_ORDINALS = re.compile(r"\b\d+(?:st|nd|rd|th|º|ª|°)\b", re.I)
_POSTCODE = re.compile(
    r"\b(?:[A-Z]{1,2}-\d{4,5}|\d{5}-\d{3}|\d{4}-\d{3}|\d{3}-\d{4}|[A-Z]{2}\s\d{5}(?:-\d{4})?|"
    r"[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}|\d{4,5}\s+[A-ZÀ-Þ][\wÀ-ÿ]+|"
    r"\d{4}\s?[A-Z]{2}(?=\s+[A-ZÀ-Þ]|$)|[A-Z]\d[A-Z]\s?\d[A-Z]\d|"  # Dutch, Canadian
    r"(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT),?\s+\d{4}|"  # Australian state and postcode
    r"\d{5},?\s+[A-ZÀ-Þ][^()]*\([A-Z]{2}(?=\))|"  # Italian CAP, town and province
    r"\d{5}-?\d{3}\s+(?:d[aeo]s?\s)?[A-ZÀ-Þ][^/]*/\s?[A-Z]{2}$|"  # Brazilian CEP, town / state
    r"(?<=[^\W\d_]),\s?\d{5}$|"  # after the town: "Asturias, 41276"
    r"^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$)\b"  # a British one alone, its space lost: "M10ZJ"
)


@dataclass
class _Segment:
    """A piece of a line that may hold one field; `rest` shrinks as fields are taken."""

    text: str
    line: int
    box: Box
    height: int
    conf: float
    column: int = 0  # which wide-gap group of its line (two columns read as one line)
    own_box: Box | None = None  # its words' box, where a separator split the line
    words: tuple[Word, ...] = ()  # its line's words (of its column)
    rest: str = ""

    def __post_init__(self) -> None:
        self.rest = self.text


@dataclass(frozen=True)
class _Found:
    value: str
    confidence: float
    box: Box
    # an email's: the word just before it ("j ferreira@", "claire durand@"); "." when a dot
    # began it (".romano@": the letters before the dot were lost)
    before: str = ""
    read: float | None = None  # how surely Tesseract read the words it came from


# ---------------------------------------------------------------------------- entry points


def parse_fields(
    lines: Sequence[OcrLine], *, region: str | None = None, lang: str = "eng+ita"
) -> CardFields:
    """Read name, title, company, emails, phones, website, address and social handles."""
    lines = _card_sized(lines)
    segments = _segments(lines)
    emails = _one_reading_per_address(_take_emails(segments))
    social = _take_social(segments)
    website = _take_website(segments, [e.value for e in emails])
    website = website or _website_from_email_domain(segments, [e.value for e in emails])
    website = _website_fixed_by_email(website, emails, segments)
    emails = _reconcile_email_domains(emails, website)
    emails = _domains_agreed(emails)
    emails = [_local_fixed_by_website(e, website) for e in emails]
    completed = _complete_truncated_emails(segments, website, emails)
    emails = _without_pieces(emails, completed) + _without_ends(completed, emails)
    emails, website = _domains_spelled_as_printed(emails, website, lines)
    phones, phone_conf = _take_phones(segments, lines, region, lang, emails, website)
    emails, website = _endings_of_the_phones_country(emails, website, phones)
    for segment in segments:
        segment.rest = _strip_labels(segment.rest)
    address = _take_address(segments, [e.value.partition("@")[0] for e in emails])
    domains = _domain_words([e.value for e in emails] + ([website.value] if website else []))
    locals_ = [e.value.partition("@")[0] for e in emails]
    for segment in segments:
        segment.rest = _first_letter_from_emails(segment.rest, locals_)
    people = _assign_people(segments, domains, [e.value for e in emails])
    if "title" in people:
        title = people["title"]
        unspecked = _TRAILING_SPECKS.sub("", _EXCLAIMED.sub("", title.value))
        people["title"] = replace(title, value=unspecked or title.value)
    if "company" in people:
        company, name = people["company"], people.get("name")
        mended = _company_mended(company.value, domains, name.value if name else "")
        people["company"] = replace(company, value=mended)
    addresses = [e.value for e in emails] + ([website.value] if website else [])
    people = {
        k: replace(f, value=_umlauts_from_addresses(f.value, addresses)) for k, f in people.items()
    }
    if "name" in people:  # (its umlauts restored: "Biihler" spells lbuehler@ as "Bühler")
        name = people["name"]
        spelled = _accents_spelled_by_emails(name.value, [e.value for e in emails])
        spelled = _GENERATION_READ_AS_L.sub(lambda m: "I" * len(m.group(0)), spelled)
        people["name"] = replace(name, value=spelled)
        emails = [_email_fixed_by_name(e, spelled) for e in emails]
    if "name" not in people:
        people.update({"name": found} if (found := _name_from_email(emails)) else {})
    language = _card_language(lines, region, [e.value for e in emails], website) or (
        REGION_LANGUAGES.get(only_region([phone.printed for phone, _, _ in phones]) or "")
    )
    if language:
        people = {
            k: replace(f, value=restore_accents(f.value, language, compounds=k != "name"))
            for k, f in people.items()
        }
        if language == "pt" and "company" in people:  # "Cruz SIA": the slash read as an I
            company = people["company"]
            people["company"] = replace(company, value=_SA_SLASH.sub("S/A", company.value))
        if "name" in people:
            name = people["name"]
            kept = _umlauts_denied_by_emails(name.value, [e.value for e in emails])
            people["name"] = replace(name, value=kept)
        if address:
            address = replace(address, value=restore_accents(address.value, language))
    fields = _build(emails, social, website, phones, phone_conf, address, people)
    return _cap_unread_language(fields, lines, lang)


_SA_SLASH = re.compile(r"(?<=\w )S[I|l1]A$")
# "Hans-Dieter Koch Il": a generation after the surname (II, III) read with an l or a 1; no
# name ends in such a word.
_GENERATION_READ_AS_L = re.compile(r"(?<=\w )(?=[Il1|]*[l1|])[Il1|]{2,3}$")
# "Directrice Marketing Pa", "account executive e La": a speck or a logo's edge read after a
# title as a word or two of one or two letters (not "Sr", "Jr", nor capitals: "Head of IT").
# "Chartered management accountant!": a speck after the last word; no title is exclaimed.
_EXCLAIMED = re.compile(r"(?<=[^\W\d_])!$")
_TRAILING_SPECKS = re.compile(r"(?:\s+(?!(?:Sr|Jr)\b)(?:[a-zà-ÿ]{1,2}|[A-ZÀ-Þ][a-zà-ÿ])\b)+$")


def _umlauts_denied_by_emails(name: str, emails: Sequence[str]) -> str:
    """ "Adrian Brückner" beside adrian.bruckner@ is Bruckner: a German address spells an
    umlaut "ue", so one that spells the plain letter says the name has none."""
    locals_ = " ".join(e.partition("@")[0].lower() for e in emails)

    def plain(match: re.Match[str]) -> str:
        word = match.group(0)
        spelled = _fold(_UMLAUT_SPELLED.sub(_umlaut_spelled, word))
        if _fold(word) not in locals_ or spelled in locals_:
            return word
        return re.sub("[äöüÄÖÜ]", lambda m: unicodedata.normalize("NFD", m.group(0))[0], word)

    return re.sub(r"[^\W\d_]*[äöüÄÖÜ][^\W\d_]*", plain, name)


NAME_FROM_EMAIL_CONF = 0.5  # a guess for the user to confirm: the printed name was not read


# "arry Evans" beside harry@: a first name whose capital was read on the line above.
_LOST_FIRST_LETTER = re.compile(r"^([a-z]{3,})(?=\s+[A-Z][a-z])")


def _first_letter_from_emails(text: str, locals_: Sequence[str]) -> str:
    match = _LOST_FIRST_LETTER.match(text)
    if not match or match.group(1) in _NAME_PARTICLES:
        return text
    word = match.group(1)
    for part in (part for local in locals_ for part in re.split(r"[._-]", local)):
        if len(part) == len(word) + 1 and part.endswith(word) and part[0].isalpha():
            return part[0].upper() + text
    return text


def _name_from_email(emails: Sequence[_Found]) -> _Found | None:
    """No name read, but "matthias.zimmermann@…" spells one (first.last, not a shared inbox),
    or "sergiogonzalez@gonzalez.es" (a first name, then the surname the firm is named after)."""
    for email in emails:
        local, _, domain = email.value.partition("@")
        parts = re.split(r"[._-]", local)
        surname = domain.partition(".")[0]
        if len(parts) == 1 and local.endswith(surname) and len(local) - len(surname) >= 3:
            parts = [local[: -len(surname)], surname]
        if not 2 <= len(parts) <= 3 or set(parts) & lexicon.ROLE_LOCAL_PARTS:
            continue
        if all(part.isalpha() and len(part) >= 2 for part in parts):
            name = " ".join(part.capitalize() for part in parts)
            return _Found(name, NAME_FROM_EMAIL_CONF, email.box)
    return None


def _card_sized(lines: Sequence[OcrLine]) -> Sequence[OcrLine]:
    """At most MAX_LINES lines, the surest read kept in reading order: a card prints far
    fewer, and hundreds of garbage lines from a noise photo cost the parser seconds."""
    if len(lines) <= MAX_LINES:
        return lines
    keep = set(sorted(range(len(lines)), key=lambda i: -lines[i].conf)[:MAX_LINES])
    return [line for i, line in enumerate(lines) if i in keep]


def _card_language(
    lines: Sequence[OcrLine], region: str | None, emails: list[str], website: _Found | None
) -> str | None:
    """The language the card is printed in, from the regions evidenced on it (country code,
    TLD, address, country-specific words), for putting back the accents OCR dropped."""
    domains = [e.partition("@")[2] for e in emails] + ([website.value] if website else [])
    texts = [repair_line(line.text) for line in lines]
    evidence = guess_regions(texts, hint=region, lang="", domains=domains).evidenced
    return next((REGION_LANGUAGES[r] for r in evidence if r in REGION_LANGUAGES), None)


# Tesseract drops the accents of a language it was not asked to read ("Eletrônica" →
# "Eletronica"), so printed text from such a card cannot be trusted at >= 0.9.
_REGION_LANGS = {
    "BR": "por",
    "PT": "por",
    "DE": "deu",
    "AT": "deu",
    "CH": "deu",
    "FR": "fra",
    "ES": "spa",
    "IT": "ita",
    "MX": "spa",
    "AR": "spa",
    "VN": "vie",
}


def unread_language_pack(fields: CardFields, lines: Sequence[OcrLine], lang: str) -> str | None:
    """The Tesseract pack of the language the card is printed in, when `lang` did not read it."""
    texts = [line.text for line in lines]
    domains = [e.partition("@")[2] for e in fields.emails] + [fields.website or ""]
    evidence = guess_regions(texts, hint=None, lang="", domains=domains).evidenced
    needed = next((_REGION_LANGS[r] for r in evidence[:1] if r in _REGION_LANGS), None)
    return None if needed in re.split(r"[+_]", lang) else needed


REREAD_SURE = 0.8  # a re-reading in the card's language gives its accents when this sure


def with_accents_reread(
    fields: CardFields, readings: dict[str, OcrLine], language: str, lines: Sequence[OcrLine]
) -> CardFields:
    """Fields whose re-reading in the card's language differs only in accented letters take
    that reading's accents ("Placido Zapata" → "Plácido Zapata"), word by word, from the
    words it read surely; an accent the first reading of `lines` saw is kept."""
    seen = [word for line in lines for word in line.text.split()]
    values: dict[str, Any] = {}
    for key, line in readings.items():
        again = [w.text if w.conf >= REREAD_SURE else None for w in line.words]
        if accented := accents_reread(getattr(fields, key) or "", again, language, seen):
            values[key] = accented
    return replace(fields, **values) if values else fields


def _cap_unread_language(fields: CardFields, lines: Sequence[OcrLine], lang: str) -> CardFields:
    if unread_language_pack(fields, lines, lang) is None:
        return fields
    confidence = {
        k: (min(v, 0.85) if k in ("name", "title", "company", "address") else v)
        for k, v in fields.confidence.items()
    }
    return replace(fields, confidence=confidence)


def merge_fields(ocr: CardFields, qr: CardFields) -> CardFields:
    """Combine OCR and QR results: QR-decoded values win where present (high confidence)."""
    values: dict[str, object] = {}
    confidence = dict(ocr.confidence)
    boxes = dict(ocr.boxes)
    for name in ("name", "title", "company", "emails", "phones", "website", "address", "social"):
        qr_value = getattr(qr, name)
        if qr_value:
            values[name] = qr_value
            confidence[name] = max(qr.confidence.get(name, 0.98), 0.98)
            boxes.pop(name, None)
        else:
            values[name] = getattr(ocr, name)
    return CardFields(**values, confidence=confidence, boxes=boxes)  # type: ignore[arg-type]


LOGO_CONF = 0.8  # one engine read it and the domain agrees: likely right, still worth a look
LOGO_SURE = 0.6  # the second engine's confidence: low, as the domain must agree letter for letter
LOGO_PREFIX = 4  # lettering that only begins the domain's name needs this many letters


def company_from_logo(
    fields: CardFields, lettering: Sequence[OcrLine], lines: Sequence[OcrLine]
) -> CardFields:
    """No company read, but lettering Tesseract could not read (a logo, read by the second
    engine) spells the web or email domain's name: "lush" beside lushmichigan.com, "Brunau"
    over "Buffet" beside brunaubuffet.com.br. Only lettering at least as tall as the card's
    text counts: a logo, not a word of small print that happens to begin the domain."""
    names = domain_names(fields)
    if fields.company or not names:
        return fields
    text_height = sorted(line.box[3] for line in lines)[len(lines) // 2] if lines else 0
    logos = sorted(
        (line for line in lettering if _logo_like(line, text_height)),
        key=lambda line: (line.box[1], line.box[0]),
    )
    # Two pieces spelling the whole name first: "Brunau" alone only begins brunaubuffet.
    pairs = [[first, second] for first, second in zip(logos, logos[1:], strict=False)]
    for run in pairs + [[logo] for logo in logos]:
        letters = _letters("".join(_without_legal_form(_lettering(line)) for line in run))
        if any(_spells(letters, name, whole=len(run) > 1) for name in names):
            return replace(
                fields,
                company=_legal_form_fixed(
                    _GLUED_AND.sub(" & ", " ".join(_lettering(line) for line in run))
                ),
                confidence={**fields.confidence, "company": LOGO_CONF},
                boxes={**fields.boxes, "company": _union_box(line.box for line in run)},
            )
    return fields


def domain_names(fields: CardFields) -> list[str]:
    """The names of the card's own web and email domains ("acme" for ann@acme.co.uk)."""
    return _domain_words([*fields.emails, *([fields.website] if fields.website else [])])


_EMAIL_LABEL = re.compile(r"(?:^|\s)(?:e-?mail|mail|correo|correio|courriel)\b", re.IGNORECASE)
_E_LABEL = re.compile(r"E\s?[:.]?\s[a-z]")  # "E carina": the label, then an email cut short
EMAIL_LINES_READ = 2  # at most this many lines are read again for a missing email


def email_lines_unread(fields: CardFields, lines: Sequence[OcrLine]) -> list[OcrLine]:
    """No email read on a card with a website, but lines an email stood on: labelled as one,
    holding an "@", or ending in the website's domain without being it ("Email: i i land.ie",
    "ana filhos.com.br"). The pipeline reads them again alone (reread)."""
    if fields.emails or not fields.website:
        return []
    site = _registered(fields.website.partition("/")[0])
    suffix = "." + _extract(site).suffix

    def email_like(text: str) -> bool:
        ends = text.lower().rstrip(" .").endswith(suffix) and site not in text.lower()
        labelled = _EMAIL_LABEL.search(text) or _E_LABEL.match(text)
        return "@" in text or bool(labelled) or ends

    return [line for line in lines if email_like(line.text)][:EMAIL_LINES_READ]


def with_emails_reread(fields: CardFields, readings: Sequence[OcrLine]) -> CardFields:
    """The emails the lines read again show, when their domain is the card's website's (an
    email misread into noise the first time; nothing else vouches for a new one)."""
    if not fields.website:
        return fields
    site = _registered(fields.website.partition("/")[0])
    found = [
        email
        for line in readings
        for email in parse_fields([line]).emails
        if _registered(email.partition("@")[2]) == site and len(email.partition("@")[0]) >= 2
    ]
    if not found:
        return fields
    conf = min(0.8, min(line.conf for line in readings))
    emails = tuple(dict.fromkeys(found))
    return replace(fields, emails=emails, confidence={**fields.confidence, "emails": conf})


def dots_the_name_may_have(fields: CardFields) -> dict[str, str]:
    """Each email that spells the card's name with no dot between its first name (or initial)
    and surname ("tedwards@" on Tom Edwards's card), or its surname alone ("martinez@" on
    Pablo Martínez's: "p." read as "5 "), and the email with that dot: a dot is the
    smallest mark on a card and the page pass drops it more than any other, so the pipeline
    looks for it on the card (reread.dots_seen)."""
    parts = [p for p in re.split(r"[\s.\-']+", _fold(fields.name or "")) if p.isalpha()]
    if len(parts) < 2:
        return {}
    first, last = parts[0], parts[-1]
    forms = {first + last: f"{first}.{last}", first[0] + last: f"{first[0]}.{last}"}
    forms.setdefault(last, f"{first[0]}.{last}")  # "martinez@": "p." lost too (read "5 ")
    dotted = {}
    for email in fields.emails:
        local, _, domain = email.partition("@")
        if local in forms:
            dotted[email] = f"{forms[local]}@{domain}"
    return dotted


def _logo_like(line: OcrLine, text_height: int) -> bool:
    return (
        line.conf >= LOGO_SURE
        and line.box[3] >= text_height
        and bool(
            re.fullmatch(r"[^\W\d_]+(?:[ &'-][^\W\d_]+)*", _without_legal_form(_lettering(line)))
        )
    )


def _without_legal_form(text: str) -> str:
    """A firm's lettering without the legal form after its name ("Millet S.A.S" → "Millet"):
    the domain spells the name only."""
    tokens = text.split()
    while len(tokens) > 1 and (_legal_form_word(tokens[-1]) or _capitals_slipped_form(tokens[-1])):
        tokens.pop()
    return " ".join(tokens)


def _lettering(line: OcrLine) -> str:
    """The line without the quotes and marks a logo's swashes are read as ("\"lush")."""
    return line.text.strip(" \"'“”‘’`.,:;!*_-")


def _letters(text: str) -> str:
    """Letters and digits as an address spells them (ß as "ss": "Gieß" beside giess.de)."""
    return re.sub(r"[^a-z0-9]", "", _fold(text).replace("ß", "ss"))


def _spells(letters: str, name: str, *, whole: bool) -> bool:
    """The lettering is the domain's name, or (one piece of lettering) begins it."""
    name = _letters(name)
    if letters == name:
        return True
    return not whole and len(letters) >= LOGO_PREFIX and name.startswith(letters)


# ---------------------------------------------------------------------------- segments


def _rejoin_split_lines(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """Join two lines Tesseract cut out of one printed line: one starts right where the other
    ends, at the same height ("Cell +1 64" + "6-937-9722", "Email: ann@" + "acme.com"); the
    piece on the left may come second ("icia@acme.com" + "patr"). A piece that begins with a
    conjunction continues a line however many lines were read between them (on a card
    photographed aslant, "& Co. OHG" is read after the lines under its firm's name), and so
    does an email's domain ("E e.bianchi" read after "@italiatecno.com")."""
    joined: list[OcrLine] = []
    for line in lines:
        found = next(
            (
                (index, left, right, gap)
                for index in range(len(joined) - 1, -1, -1)
                for left, right in ((joined[index], line), (line, joined[index]))
                if (
                    index == len(joined) - 1
                    or f"{right.text} ".startswith(_CONNECTORS)
                    or right.text.startswith("@")
                )
                and (gap := _continuation_gap(left, right)) is not None
            ),
            None,
        )
        if found is None:
            inside = _inserted(joined[-1], line) if joined else None
            joined[-1:] = [inside] if inside else [*joined[-1:], line]
            continue
        index, left, right, gap = found
        # The words' height, not the lines' (a line read aslant is taller than its letters), and
        # the smaller: a word boxed with the line under it is twice as tall ("Mediterraneo").
        letters = min(left.words[-1].box[3], right.words[0].box[3])
        glue = "" if gap < 0.25 * letters else " "
        right_text = right.text
        if gap < 0:
            right_text = right_text[1:]  # "E-mail: car" + "rmen@…": the shared "r" read twice
        joined[index] = OcrLine(
            left.text + glue + right_text,
            min(left.conf, right.conf),
            _union_box([left.box, right.box]),
            left.words + right.words,
        )
    return joined


def _inserted(line: OcrLine, piece: OcrLine) -> OcrLine | None:
    """`line` with `piece` put back into the gap it was cut from: a piece read as a line of its
    own that runs on into the word after a gap of `line` ("INI fl" + "Nordwerk" + "Metall AG":
    a logo tile before the firm's name upset the line)."""
    for at in range(1, len(line.words)):
        before, after = line.words[:at], line.words[at:]
        rest = OcrLine(" ".join(w.text for w in after), line.conf, after[0].box, after)
        apart = piece.box[0] >= before[-1].box[0] + before[-1].box[2]
        if apart and _continuation_gap(piece, rest) is not None:
            words = (*before, *piece.words, *after)
            text = " ".join(w.text for w in words)
            box = _union_box([line.box, piece.box])
            return OcrLine(text, min(line.conf, piece.conf), box, words)
    return None


def _continuation_gap(first: OcrLine, second: OcrLine) -> float | None:
    if not first.words or not second.words:
        return None
    last, head = first.words[-1].box, second.words[0].box
    gap = head[0] - (last[0] + last[2])
    overlap = min(last[1] + last[3], head[1] + head[3]) - max(last[1], head[1])
    if not (
        -0.25 * max(last[3], head[3]) <= gap <= 0.6 * max(last[3], head[3])
        and overlap >= 0.3 * min(last[3], head[3])
    ):
        return None
    if gap < 0 and first.text[-1:] != second.text[:1]:
        return None  # overlapping pieces are one line where both read the letter they share
    # A logo piece beside a line is no part of it; a doubtful piece glued to an email of its
    # height is the rest of the email ("patri" + "icia@…"), where a garbled word glued to a
    # company's name may be the next column's ("Mediterrà" + "NRPAita Diagonal").
    glued = (
        gap <= 0.25 * min(last[3], head[3])
        and max(last[3], head[3]) <= 1.6 * min(last[3], head[3])
        and "@" in first.words[-1].text + second.words[0].text
    )
    if min(first.words[-1].conf, second.words[0].conf) < 0.6 and not glued:
        return None
    return gap


def _segments(lines: Sequence[OcrLine]) -> list[_Segment]:
    segments: list[_Segment] = []
    joined = _rejoin_split_lines(lines)
    columns = _column_starts(joined)
    for index, line in enumerate(joined):
        for column, (words, text, box) in enumerate(_gap_groups(line, columns)):
            height = line.height if box == line.box else box[3]
            parts = split_segments(_rule_after_title_word(repair_line(text)))
            for part, part_box in zip(parts, _part_boxes(parts, words, box), strict=True):
                conf = _part_conf(part, words, line.conf)
                segments.append(
                    _Segment(part, index, box, height, conf, column, part_box, tuple(words))
                )
    return segments


def _part_boxes(parts: Sequence[str], words: Sequence[Word], box: Box) -> list[Box]:
    """Each part's own words' box, where a separator split the line; the line's box where the
    words do not show the part as read (a repair changed them)."""
    if len(parts) < 2:
        return [box] * len(parts)
    boxes, at = [], 0
    for part in parts:
        own = []
        for token in part.split():
            while at < len(words) and words[at].text != token:
                at += 1
            if at == len(words):
                return [box] * len(parts)
            own.append(words[at].box)
            at += 1
        boxes.append(_union_box(own))
    return boxes


def _rest_conf(segment: _Segment) -> float:
    """How surely what is left of the segment was read, once other fields took their words
    ("Camila Lima E-mail: Cosio gmat clone": the unread email's garbage was the unsure part)."""
    tokens = segment.rest.split()
    own = [w for w in segment.words if w.text in tokens]
    if segment.rest == segment.text or not tokens or len(own) < len(tokens):
        return segment.conf
    return max(segment.conf, min(w.conf for w in own))


def _part_conf(part: str, words: Sequence[Word], line_conf: float) -> float:
    """The least sure word of the part (not of the whole line: "Thiago Souza | 12!) 23443"
    read well before the separator), at most 0.25 below the line's."""
    tokens = {token for token in part.split() if any(ch.isalnum() for ch in token)}
    own = [w for w in words if w.text in tokens] or list(words)
    return (
        max(min((w.conf for w in own), default=line_conf), line_conf - 0.25) if words else line_conf
    )


def _column_starts(lines: Sequence[OcrLine]) -> list[int]:
    """Where columns start: left edges shared by three or more lines or their wide-gap parts
    (at least one of them a part that follows a gap, so the left margin alone is no column)."""
    groups = [
        (index > 0, g[0][0].box[0])
        for line in lines
        for index, g in enumerate(_gap_groups(line))
        if g[0]
    ]
    starts = sorted(x for _, x in groups)
    clusters: list[list[int]] = []
    for x in starts:
        if clusters and x - clusters[-1][-1] <= 12:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    inner = {x for after_gap, x in groups if after_gap}
    return [round(sum(c) / len(c)) for c in clusters if len(c) >= 3 and any(x in inner for x in c)]


def _gap_groups(
    line: OcrLine, columns: Sequence[int] = ()
) -> list[tuple[tuple[Word, ...], str, Box]]:
    """Split a line where words are far apart (two columns read as one line), or where a
    word starts at the left edge of a column other lines show ("Acme S.A. 46002 Valencia"
    beside "Tel ..." and "Calle Mayor 4" that begin at the same x)."""
    words = _without_logo_fragments(tuple(w for w in line.words if w.text.strip()))
    if len(words) != len([w for w in line.words if w.text.strip()]):
        line = OcrLine(" ".join(w.text for w in words), line.conf, line.box, words)
    if len(words) < 2:
        return [(words, line.text, line.box)]
    groups: list[list[Word]] = [[words[0]]]
    for previous, word in zip(words, words[1:], strict=False):
        if _column_break(previous, word, line.height) or _at_column(previous, word, columns):
            groups.append([word])
        else:
            groups[-1].append(word)
    if len(groups) == 1:
        return [(words, line.text, line.box)]
    return [(tuple(g), " ".join(w.text for w in g), _union_box([w.box for w in g])) for g in groups]


def _at_column(previous: Word, word: Word, columns: Sequence[int]) -> bool:
    gap = word.box[0] - (previous.box[0] + previous.box[2])
    near = any(abs(word.box[0] - x) <= 10 for x in columns)
    return (
        near and not _legal_word(word) and gap >= max(12, 0.7 * min(previous.box[3], word.box[3]))
    )


def _legal_word(word: Word) -> bool:
    """A legal form ("GmbH", "S.L"): part of the firm's name however it was read."""
    text = word.text.strip(",")
    return text.lower().rstrip(".") in lexicon.LEGAL_SUFFIXES or _legal_suffix("x " + text)


def _without_logo_fragments(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """Drop a short, barely recognised word at either end of a well-read line: a piece of the
    logo beside the company name ("na Wagner Technik AG")."""
    core = words
    if len(words) < 3:
        return words
    while len(core) >= 3 and (
        _logo_fragment(core[0], core[1:])
        or _initials_mark(core[0], core[1:])
        or _mark_far_before(core[0], core[1:])
    ):
        core = core[1:]
    if _logo_pair(core):
        core = core[2:]
    while (
        len(core) >= 3
        and _logo_fragment(core[-1], core[:-1])
        and not _address_end(core[-2], core[-1])
        and not _firm_end(core[-2], core[-1])
    ):
        core = core[:-1]
    wordy = any(sum(ch.isalpha() for ch in w.text) >= 3 for w in core)
    numbers = any(ch.isdigit() for ch in core[0].text + core[-1].text)  # "T O11 931 1701"
    # A doubtful rest may have lost its own first letters to the "fragment", unless a gap
    # wider than the words are tall sets the fragment apart (a logo square beside the name).
    doubtful = min(w.conf for w in core) < 0.6 and not _set_apart(words, core)
    keep = core == words or not wordy or numbers or doubtful
    return words if keep else core


def _logo_pair(words: tuple[Word, ...]) -> bool:
    """A logo read as two pieces before the name: a short word taller than the name's, then
    a piece barely read ("M i Martinez Levante S.L.U."; "M" alone could be an initial)."""
    if len(words) < 4 or len(words[0].text.strip()) > 3:
        return False
    heights = sorted(w.box[3] for w in words[2:])
    median = heights[len(heights) // 2]
    return _logo_fragment(words[1], words[2:]) and words[0].box[3] >= 1.25 * median


def _address_end(previous: Word, word: Word) -> bool:
    """ "hgautier@fernandez." + "fr": the end of an email or web address read apart, its
    letters as doubtful as a logo's piece."""
    address = "@" in previous.text or "www." in previous.text.lower()
    return address and previous.text.endswith(".") and word.text.isalpha()


def _firm_end(previous: Word, word: Word) -> bool:
    """A legal form read unsurely ("S.L" at 0.41), or the ampersand after one ("GMBH &", its
    "Co. KG" misread): the firm's name ends there, no logo beside it."""
    return _legal_word(word) or (word.text == "&" and _legal_word(previous))


def _set_apart(words: tuple[Word, ...], core: tuple[Word, ...]) -> bool:
    """Whether every word dropped from either end stands a word's height away from the core."""
    height = sorted(w.box[3] for w in core)[len(core) // 2]
    start = words.index(core[0])
    end = start + len(core)
    before = start == 0 or core[0].box[0] - _right(words[start - 1]) >= height
    after = end == len(words) or words[end].box[0] - _right(core[-1]) >= height
    return before and after


def _right(word: Word) -> int:
    return word.box[0] + word.box[2]


def _initials_mark(word: Word, rest: tuple[Word, ...]) -> bool:
    """A logo of the company's initials before its name ("TC  Tecnologia Comércio Ltda"):
    the initials of the next words, set apart by a gap a word's height wide (a tile of its
    own, however tall its letters: "MI  Mediterráneo Ibérica"); "BSI Business Systems",
    printed as one name, is a space apart."""
    text = word.text.strip()
    if not (2 <= len(text) <= 4 and text.isalpha() and text.isupper()) or len(rest) < len(text):
        return False
    if "".join(w.text[:1] for w in rest[: len(text)]) != text:
        return False
    heights = sorted(w.box[3] for w in rest)
    median = heights[len(heights) // 2]
    gap = rest[0].box[0] - (word.box[0] + word.box[2])
    return gap >= median


def _mark_far_before(word: Word, rest: tuple[Word, ...]) -> bool:
    """1-3 characters two word heights or more before the next word, or 1.6 times as tall
    and most of a word height before it, or one character a word height before it: no word
    of the line, but a logo's letters ("A   Ingénierie Atlantique SAS", a big "R" before
    "Labs Redwood Corp.", "È   Casandra Ojeda"; a drop cap touches its word). Tall beside
    the next word too: "da Costa" printed big on the line of a small email is one name."""
    heights = sorted(w.box[3] for w in rest)
    median = heights[len(heights) // 2]
    gap = rest[0].box[0] - _right(word)
    tall = word.box[3] >= 1.6 * max(median, rest[0].box[3]) and gap >= 0.8 * median
    lone = len(word.text.strip()) == 1 and gap >= median  # words are a third of that apart
    return len(word.text.strip()) <= 3 and (gap >= 2 * median or tall or lone)


def _logo_fragment(word: Word, rest: tuple[Word, ...]) -> bool:
    """1-3 characters read with low confidence (a digit only when barely read), or with
    doubt and taller than the words beside it (a logo letter); a lone digit or mark far
    taller than them ("1" for a logo's bar); four letters barely read and taller (a logo's
    lettering read as a word, "Rows")."""
    text = word.text.strip()
    heights = sorted(w.box[3] for w in rest)
    median = heights[len(heights) // 2]
    if len(text) == 4:  # (read as nothing, "(eeu" for a logo's lettering, whatever its size)
        return (word.conf < 0.45 and word.box[3] >= 1.25 * median) or word.conf < 0.1
    if len(text) > 3:
        return False
    if word.conf < (0.3 if text.isdigit() else 0.45):
        return True
    if len(text) == 1 and not text.isalpha() and word.box[3] >= 1.4 * median:
        return True
    return word.conf < 0.6 and word.box[3] >= 1.25 * median


def _column_break(previous: Word, word: Word, line_height: int) -> bool:
    """A wide gap, or a clear gap where the letter size changes (a big name beside a
    small address line)."""
    gap = word.box[0] - (previous.box[0] + previous.box[2])
    small, large = sorted((max(previous.box[3], 1), max(word.box[3], 1)))
    if gap > max(min(line_height, large) * 2.5, 30):
        return True
    if min(sum(ch.isalnum() for ch in w.text) for w in (previous, word)) < 2:
        return False  # a dash or a bullet read as "e" has no letter height to compare
    if any(ch.isdigit() for ch in previous.text) and any(ch.isdigit() for ch in word.text):
        return False  # the groups of one phone number differ in height, not in column
    if any(_flattened(w) for w in (previous, word)):
        return False  # a box squashed to a sliver says nothing about the letter size
    if _legal_word(word):
        return False  # "AG" boxed with a printed rule beside it is as tall as the rule
    return gap > small and gap > 12 and (large / small > 1.4 or _on_other_rows(previous, word))


def _on_other_rows(previous: Word, word: Word) -> bool:
    """Both the tops and the bottoms apart by half a letter: two lines Tesseract joined
    ("Responsabile Commerciale" beside the address a row lower), not a descender."""
    (_, top_a, _, height_a), (_, top_b, _, height_b) = previous.box, word.box
    shift = min(abs(top_a - top_b), abs(top_a + height_a - top_b - height_b))
    return shift > 0.5 * min(height_a, height_b)


def _flattened(word: Word) -> bool:
    """Tesseract sometimes boxes a well-read word as a sliver ("Tecno", 118 x 6 px): far
    flatter than any letters are."""
    letters = max(len(word.text.strip()), 1)
    return word.box[3] < 0.4 * word.box[2] / letters


def _union_box(boxes: Iterable[Box]) -> Box:
    boxes = list(boxes)
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return (x0, y0, x1 - x0, y1 - y0)


def _remove(segment: _Segment, start: int, end: int) -> None:
    segment.rest = (segment.rest[:start] + " " + segment.rest[end:]).strip()


def _ocr_factor(conf: float) -> float:
    """Scale evidence by how sure Tesseract was of the words (1.0 from conf 0.8 up)."""
    return 1.0 if conf >= 0.8 else 0.7 + 0.375 * max(conf, 0.0)


# ---------------------------------------------------------------------------- emails / web


def _take_emails(segments: list[_Segment]) -> list[_Found]:
    found: list[_Found] = []
    for segment in segments:
        while match := _EMAIL.search(segment.rest):
            email = match.group(0).lower().rstrip(".")
            before = _WORD_BEFORE.search(segment.rest[: match.start()])
            # ".romano@": the letters before the dot were lost (too small, or a slip); "-marino@",
            # "&marino@": an initial and its dot read as one mark glued to the address
            marked = _MARK_FOR_INITIAL.search(segment.rest[: match.start()])
            lost = email.startswith(".") or bool(marked)
            _remove(segment, *match.span())
            email = email.lstrip(".")
            if _valid_email(email) and email not in {f.value for f in found}:
                conf = 0.88 * _ocr_factor(segment.conf) * (0.8 if lost else 1.0)
                word = "." if lost else before.group(1).lower() if before else ""
                found.append(_Found(email, conf, segment.box, word, segment.conf))
    return found


def _one_reading_per_address(emails: list[_Found]) -> list[_Found]:
    """The surer of two addresses of one domain read in the same place: the same print read
    twice ("giuliana@" and "siuliana@", "samuel.johnson@" and its end "ihnson@")."""
    return [
        email
        for email in emails
        if not any(
            other.confidence > email.confidence
            and other.value.partition("@")[2] == email.value.partition("@")[2]
            and _share_of_smaller(other.box, email.box) >= 0.5
            for other in emails
        )
    ]


def _share_of_smaller(a: Box, b: Box) -> float:
    """The area two boxes share, over the smaller one's."""
    return shared_area(a, b) / max(min(a[2] * a[3], b[2] * b[3]), 1)


# A dash or an ampersand glued to an address's start: its initial and dot read as one mark.
_MARK_FOR_INITIAL = re.compile(r"(?:^|\s)[-&]$")
# Not a lone "e": "e mario@" is the label; "1" or "|" may be an initial "l" misread.
_WORD_BEFORE = re.compile(r"(?:^|\s)([a-df-z1|]|[a-z]{2,})\s$", re.IGNORECASE)


# "…@bsi" cut at the card's edge; "…@servicios. é", "…@acme.co.ul": its ending misread.
_TRUNCATED_EMAIL = re.compile(
    r"(?<![\w.+-])([a-z0-9][a-z0-9._%+-]*)\s?@\s?([a-z0-9-]{2,})(?:\s?\.\s?[^\s@.]{1,3})*\.?(?![\w.@-])",
    re.I,
)


def _complete_truncated_emails(
    segments: list[_Segment], website: _Found | None, emails: list[_Found]
) -> list[_Found]:
    """ "matthias.zimmermann@bsi" at the card's edge + www.bsiag.com → ...@bsiag.com; the
    same with the ending misread ("…@servicios. é" + www.servicios.es) or wrapped onto the
    next line ("…@paulistabrasi." + www.paulistabrasil.com.br)."""
    domains = [e.value.partition("@")[2] for e in emails]
    if website:
        domains.append(_registered(website.value.partition("/")[0]))
    found = []
    for segment in segments:
        match = _TRUNCATED_EMAIL.search(segment.rest)
        if not match:
            continue
        partial = match.group(2).lower()
        full = next((d for d in domains if _starts_domain(partial, d)), None)
        if full:
            _remove(segment, *match.span())
            email = f"{match.group(1).lower()}@{full}"
            before = _WORD_BEFORE.search(segment.rest[: match.start()])
            word = before.group(1).lower() if before else ""
            found.append(_Found(email, 0.7 * _ocr_factor(segment.conf), segment.box, word))
    return found


def _without_pieces(emails: list[_Found], completed: list[_Found]) -> list[_Found]:
    """Without an email that is the end of one completed from its cut start, a letter or three
    short ("fo@mota.pt" beside "info@mota.": the address's end read on the next line)."""
    values = [e.value for e in completed]
    return [
        e
        for e in emails
        if not any(
            other.endswith(e.value) and 0 < len(other) - len(e.value) <= 3 for other in values
        )
    ]


def _without_ends(completed: list[_Found], emails: list[_Found]) -> list[_Found]:
    """Without an address completed from a piece that is the end of one read whole ("ti@sist"
    beside "matteo.conti@sistemitecno.com": a piece of it read again on a line of its own)."""
    values = [e.value for e in emails]
    return [e for e in completed if not any(v != e.value and v.endswith(e.value) for v in values)]


def _starts_domain(partial: str, domain: str) -> bool:
    """The start of `domain`, or its whole name with one OCR slip ("novatera" for "novaterra")."""
    name = domain.partition(".")[0]
    return domain.startswith(partial) or (len(name) >= 8 and fuzz.ratio(partial, name) >= 90)


def _valid_email(email: str) -> bool:
    local, _, domain = email.partition("@")
    if not local or ".." in email or local.startswith(".") or local.endswith("."):
        return False
    return bool(_extract(domain).suffix)


@cache
def _extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _extract(host: str) -> tldextract.tldextract.ExtractResult:
    return _extractor()(host)


def _registered(host: str) -> str:
    parts = _extract(host)
    return f"{parts.domain}.{parts.suffix}" if parts.suffix else host


def _take_social(segments: list[_Segment]) -> list[_Found]:
    found: list[_Found] = []
    for segment in segments:
        for pattern in (_SOCIAL_URL, _SOCIAL_LABELLED):
            while match := pattern.search(segment.rest):
                value = _normalise_social(match.group(1) if match.groups() else match.group(0))
                _remove(segment, *match.span())
                if value not in {f.value for f in found}:
                    found.append(_Found(value, 0.9 * _ocr_factor(segment.conf), segment.box))
    return found


def _normalise_social(url: str) -> str:
    """ "https://www.linkedin.com/in/x/" → "linkedin.com/in/x"; "@handle" stays."""
    return re.sub(r"^(?:www|[a-z]{2})\.(?=[a-z]+\.com/)", "", _normalise_url(url))


def _normalise_url(url: str) -> str:
    url = re.sub(r"^https?://", "", url.strip(), flags=re.I).rstrip("/.,;")
    host, slash, path = url.partition("/")
    return host.lower() + slash + path


def _take_website(segments: list[_Segment], emails: list[str]) -> _Found | None:
    email_domains = {_registered(e.partition("@")[2]) for e in emails}
    candidates: list[tuple[float, int, _Found, _Segment, tuple[int, int]]] = []
    for order, segment in enumerate(segments):
        for match in _URL.finditer(segment.rest):
            scored = _score_url(match.group(1), email_domains)
            if scored is not None:
                conf = scored[1] * _ocr_factor(segment.conf)
                found = _Found(scored[0], conf, segment.box, read=segment.conf)
                candidates.append((scored[1], -order, found, segment, match.span(1)))
    hosts = [c[2].value.partition("/")[0] for c in candidates]
    candidates = [  # "acific.com" is the tail of "millerpacific.com" split over two lines
        c
        for c, host in zip(candidates, hosts, strict=True)
        if not any(other != host and other.endswith(host) for other in hosts)
    ]
    if not candidates:
        return None
    _, _, best, segment, span = max(candidates, key=lambda c: (c[0], c[1]))
    # "se rviciosconstrucciones.es" beside …@serviciosconstrucciones.es, "taylorsol Utions.com"
    # beside …@taylorsolutions.com: a space read inside it
    head = re.search(r"(?:^|\s)([A-Za-z0-9-]{1,30})\s$", segment.rest[: span[0]])
    if best.value.startswith("www."):
        head = None  # "feb www.": a label's remains, not the name's first letters
    joined = (head.group(1).lower() + best.value) if head else ""
    if head and _registered(joined) in email_domains:
        best, span = replace(best, value=joined), (head.start(1), span[1])
    label = _WEB_LABEL_BEFORE.search(segment.rest[: span[0]])  # "Morris-Chadwick Web www.…"
    _remove(segment, label.start(1) if label else span[0], span[1])
    return best


_WEB_LABEL_BEFORE = re.compile(
    r"(?:^|\s)((?i:web(?:site)?|internet|site|sito|homepage)\s?:?|W\s?:?)\s*$"
)


def _website_from_email_domain(segments: list[_Segment], emails: list[str]) -> _Found | None:
    """ "www.holon.ne.jip" beside y.kawai@holon.ne.jp, "Wwwwferrari.it" (or "Www..acme.fr")
    beside g.piccinni@ferrari.it, "www.stadlerat" or "wwwhuetter at" beside bruno@stadler.at
    and d.bacher@huetter.at (a dot lost, or read as a space):
    a web address whose "www." or ending OCR broke is the email's domain when everything
    between agrees. So is "taylorsol Utions.com" beside robert@taylorsolutions.com (a space
    read inside, the case of a letter misread)."""
    for email in emails:
        domain = email.partition("@")[2]
        stem, _, ending = domain.rpartition(".")
        end = rf"(?:\.[a-z]{{1,4}}|\s?{re.escape(ending)})"  # "wwwhuetter at": both dots lost
        spaced = r"\s?".join(re.escape(ch) for ch in stem)
        for segment in segments:
            match = re.search(
                rf"(?:https?://)?w{{2,4}}[.,]{{0,2}}{re.escape(stem)}{end}\b", segment.rest, re.I
            )
            if match:
                _remove(segment, *match.span())
                return _Found(f"www.{domain}", 0.8 * _ocr_factor(segment.conf), segment.box)
            match = re.search(rf"(?<![\w@.]){spaced}\.{re.escape(ending)}\b", segment.rest, re.I)
            if match and " " in match.group(0):
                _remove(segment, *match.span())
                return _Found(domain, 0.75 * _ocr_factor(segment.conf), segment.box)
    return None


def _score_url(raw: str, email_domains: set[str]) -> tuple[str, float] | None:
    """The normalised website and its evidence score, or None when it is no website."""
    url = _WWW_PIECE.sub("www.", _normalise_url(raw))
    host = url.partition("/")[0]
    parts = _extract(host)
    if not parts.suffix or not parts.domain or any(s in host for s in _SOCIAL_DOMAINS):
        return None
    explicit = host.startswith("www.") or raw.lower().startswith("http")
    matches_email = _registered(host) in email_domains
    if not explicit and not _plausible_bare_host(raw.partition("/")[0], parts):
        return None
    if matches_email:
        return url, 0.97 if explicit else 0.93
    return url, 0.9 if explicit else 0.7


# "v.acme.io" (a "www" cut at the edge), "www.w.acme.es" or "wwww.acme.es" (a "w" read twice).
_WWW_PIECE = re.compile(r"^(?:(?:www\.)?(?:w|ww|v|vw|vv|wv)|wwww)\.(?=[a-z0-9-]+\.[a-z])")


def _plausible_bare_host(printed: str, parts: tldextract.tldextract.ExtractResult) -> bool:
    """ "acme.it" is a website; "Co.Ltd", "S.p.A." or "Inc.It" are not."""
    tld = parts.suffix.rsplit(".", 1)[-1]
    if tld.lower() not in COMMON_TLDS and tld.lower() not in lexicon.TLD_REGIONS:
        return False
    if len(parts.domain) < 2 or parts.domain.lower() in lexicon.LEGAL_SUFFIXES:
        return False
    return printed.islower() or printed.isupper() and len(parts.domain) > 3


def _website_fixed_by_email(
    website: _Found | None, emails: list[_Found], segments: Sequence[_Segment] = ()
) -> _Found | None:
    """ "www.acme.ni" read less surely than k@acme.nl beside it: the ending one letter off is
    the website's slip, not the email's (the other way round, the email takes the website's);
    so is an i, l or 1 before the email's domain ("wwwijordan.ca": the dot after www) or no
    dot at all ("wwwjesus.pt"), and a
    letter or two lost from its start ("ose.es" beside ascension@jose.es: "Www.]ose.es"),
    and one letter off where the card's own words spell the email's ("www.movitty.ie" beside
    cmackey@mcvitty.ie and "McVitty Ltd"); a doubled letter read once ("www.hermann.at" beside
    bfink@herrmann.at) is the website's slip however sure it was read."""
    if website is None:
        return None
    site = _registered(website.value.partition("/")[0])
    domains = [email.value.partition("@")[2] for email in emails]
    # "offic genierie.fr" beside …@solutionsingenierie.fr: an email's remains, cut inside a
    # word (not a subdomain's or a hyphenated name's: "uk.acme.com", "ateliers-lumiere.fr")
    cut_inside = [
        d
        for d in domains
        if d.endswith(site) and len(d) > len(site) + 2 and d[-len(site) - 1].isalnum()
    ]
    if cut_inside and not website.value.lower().startswith("www."):
        return None
    for email in emails:
        domain = email.value.partition("@")[2]
        host = website.value.partition("/")[0]
        if re.fullmatch(rf"www\.[a-z0-9]\.{re.escape(domain)}", host, re.I):
            # "www. N.tecnologistica. com" beside …@tecnologistica.com: a speck read as a label
            mended = website.value.replace(host, f"www.{domain}", 1)
            return replace(website, value=mended, confidence=min(website.confidence, 0.85))
        dot_as_letter = site[:1] in ("i", "l", "1") and site[1:] == domain
        if site == f"www{domain}":  # "wwwjesus. pt": the dot after www lost
            return replace(website, value=website.value.replace(site, f"www.{domain}", 1))
        start_lost = domain.endswith(site) and 1 <= len(domain) - len(site) <= 2
        slipped = _suffix_slip(site, domain) or dot_as_letter or start_lost
        # (by how surely each was read: their confidences weigh the different evidence too)
        surer = (
            email.read > website.read
            if email.read is not None and website.read is not None
            else email.confidence > website.confidence
        )
        if (surer and slipped) or _spelled_by_words(site, domain, segments):
            return replace(website, value=website.value.replace(site, domain, 1))
        # "wwwsstanley.co.uk" beside info@stanley.co.uk: the dot after www read as the letter
        # after it, which no email doubles
        if _double_read_once(site, domain) or (site[1:] == domain and site[0] == domain[0]):
            return replace(website, value=website.value.replace(site, domain, 1))
    return website


def _spelled_by_words(site: str, domain: str, segments: Sequence[_Segment]) -> bool:
    """The two one letter apart (two in a name of six letters or more: "www.webrii.ch" beside
    f.meili@wehrli.ch and "Wehrli AG"), and a line that is no address spells the domain's
    name."""
    if len(site) != len(domain):
        return False
    slips = sum(a != b for a, b in zip(site, domain, strict=True))
    name = domain.partition(".")[0]
    if not 1 <= slips <= (2 if len(name) >= 6 else 1):
        return False
    if site.partition(".")[0] == name:
        return False  # the slip is in the ending ("alves.com.bi"), which no word spells
    name = name.replace("-", "")  # "siqueira-ltda" is spelled by "Siqueira Ltda"
    return len(name) >= 4 and any(
        name in re.sub(r"[^a-z0-9]", "", _fold(s.rest))
        for s in segments
        if not re.search(r"@|www|\.\w{2,3}\b", s.rest)
    )


def _reconcile_email_domains(emails: list[_Found], website: _Found | None) -> list[_Found]:
    """Fix "rn"/"m" confusions, one "i"/"l" slip, or a letter off in the ending, in an email
    domain that the website spells differently ("fernandezievante.com" beside
    www.fernandezlevante.com, "acme.com.bi" beside www.acme.com.br), or a doubled letter of the
    website's read once in the email."""
    if website is None:
        return emails
    site = _registered(website.value.partition("/")[0])
    fixed = []
    for email in emails:
        local, _, domain = email.value.partition("@")
        slip = _one_i_l_slip(domain, site) or _suffix_slip(domain, site)
        repaired = site if slip or _double_read_once(domain, site) else reconcile(domain, [site])
        confidence = min(0.97, email.confidence + 0.08) if repaired == site else email.confidence
        fixed.append(replace(email, value=f"{local}@{repaired}", confidence=confidence))
    return fixed


def _endings_of_the_phones_country(
    emails: list[_Found], website: _Found | None, phones: Sequence[tuple[Phone, float, Box]]
) -> tuple[list[_Found], _Found | None]:
    """ "walker.cz" on a card whose numbers are all Canadian is walker.ca, "groenendaal.ni" beside
    Dutch numbers .nl, "maury.tr" beside French ones .fr: a country ending one letter off the
    numbers' country's is that ending misread (not .us, which few American firms use, nor an
    ending read as .uk or .eu)."""
    country = numbers_region([phone.number for phone, _, _ in phones])
    ending = next((tld for tld, region in lexicon.TLD_REGIONS.items() if region == country), None)
    if ending is None or ending == "us":
        return emails, website

    def mended(found: _Found) -> _Found:
        head, dot, read = found.value.rpartition(".")
        one_off = len(read) == 2 and sum(a != b for a, b in zip(read, ending, strict=True)) == 1
        if not dot or not one_off or read in ("uk", "eu"):
            return found
        return replace(found, value=f"{head}.{ending}")

    return [mended(e) for e in emails], mended(website) if website else None


def _domains_spelled_as_printed(
    emails: list[_Found], website: _Found | None, lines: Sequence[OcrLine]
) -> tuple[list[_Found], _Found | None]:
    """ "martiniumiere.fr" on the card of Martin Lumière S.A., "megoldrick.ie" on the card of
    McGoldrick, Conlon and Skelly: a domain name whose i/l/1 or c/e letters the card's words
    (its company or name, printed larger than its addresses) spell otherwise takes their
    spelling, in every email and the website alike; so does one whose "rn" was read as "m"
    where a word of the card is that name ("emi.ch" on the card of Erni Wolf & Partner, "bames.ca"
    on Barnes-Mcdonald's)."""
    # (not the addresses themselves, nor one read with a space: "bemard. fr")
    texts = [
        line.text
        for line in lines
        if not _EMAIL.search(line.text) and not _URL.search(line.text.replace(" ", ""))
    ]
    printed = [re.sub(r"[^a-z0-9]", "", _fold(word)) for text in texts for word in text.split()]
    hyphened = [_fold(part) for text in texts for part in re.split(r"[\s\-–]+", text) if part]
    starts = _small_l_starts([word for text in texts for word in text.split()])

    def respelled(found: _Found) -> _Found:
        local, at, host = found.value.rpartition("@")  # a website has no "@": all host
        name = _extract(host.partition("/")[0]).domain
        spelled = _lookalike_spelling(name, "".join(printed), starts)
        if spelled in (None, name):
            spelled = _rn_spelling(name, [*printed, *hyphened])
        if spelled is None:
            return found
        return replace(found, value=f"{local}{at}{host.replace(name, spelled, 1)}")

    emails = [respelled(e) for e in emails]
    website = _website_as_the_email(respelled(website), emails, printed) if website else None
    return [_domain_as_the_website(e, website, printed) for e in emails], website


def _domain_as_the_website(email: _Found, website: _Found | None, printed: list[str]) -> _Found:
    """ "gorey-haggeny.ie" beside www.gorey-haggerty.ie on the card of Gorey, Haggerty and
    Neligan: an email domain a slip away from the website's, which the card's words spell
    (and the email's not), is the website's."""
    if website is None:
        return email
    local, _, domain = email.value.partition("@")
    site = _registered(website.value.partition("/")[0])
    if not _slip_from(domain, site, "".join(printed)):
        return email
    return replace(email, value=f"{local}@{site}")


def _website_as_the_email(website: _Found, emails: list[_Found], printed: list[str]) -> _Found:
    """ "www.millr.com" beside stephen.smith@miller.com on Miller LLC's card: a website a slip
    away from the one domain of the card's emails, which the card's words spell (and the
    website's not), is that domain."""
    domains = {e.value.partition("@")[2] for e in emails}
    site = _registered(website.value.partition("/")[0])
    if len(domains) != 1 or not _slip_from(site, domain := domains.pop(), "".join(printed)):
        return website
    return replace(website, value=website.value.replace(site, domain, 1))


def _slip_from(domain: str, other: str, words: str) -> bool:
    """Whether `domain` is `other` with an OCR slip: near it, and the card's words spell
    `other`'s name (six letters or more) but not `domain`'s."""
    if domain == other or fuzz.ratio(domain, other) < 85:
        return False
    mine, theirs = _letters(_extract(domain).domain), _letters(_extract(other).domain)
    return mine not in words and len(theirs) >= 6 and theirs in words


def _small_l_starts(words: Sequence[str]) -> frozenset[int]:
    """Where, in the words' letters run together, a word or a name after a hyphen begins with
    a small "l": its capital I, maybe ("lannotti-Piccio", "Anastasi-lannelli")."""
    starts, at = set(), 0
    for word in words:
        previous = "-"
        for ch in word:  # (as read: a capital L is no slip)
            if ch == "l" and previous == "-":
                starts.add(at)
            at += len(re.sub(r"[^a-z0-9]", "", _fold(ch)))
            previous = ch
    return frozenset(starts)


def _lookalike_spelling(name: str, words: str, starts: frozenset[int] = frozenset()) -> str | None:
    """The domain name as the card's words (run together) spell its i/l/1, l/t and c/e
    letters ("cummings-tucas.com.au" on the card of Cummings-Lucas). A word read with a small
    "l" first (`starts`: where such words begin) does not spell an "i" there: a capital I reads
    so ("lannotti-Piccio" beside iannotti-piccio.it)."""
    if len(name) < 5 or not re.search(r"[il1tce]", name):
        return None
    printed = re.search("".join(map(_lookalikes, name)), words)
    if printed is None:
        return None
    read = zip(
        (ch for ch in name if ch.isalnum()), range(printed.start(), printed.end()), strict=True
    )
    if any(ch == "i" and words[index] == "l" and index in starts for ch, index in read):
        return None
    letters = iter(printed.group(0))
    return "".join(next(letters) if ch.isalnum() else ch for ch in name)


def _rn_spelling(name: str, words: Sequence[str]) -> str | None:
    """The domain name with one "m" as "rn", when that is a word of the card and the name
    as read is not."""
    if name in words:
        return None
    # "femandezsoluciones" on Fernandez Soluciones' card, "wamer-mason" on Warner Mason's
    run_together = "".join(words)
    variants = (name[:i] + "rn" + name[i + 1 :] for i, ch in enumerate(name) if ch == "m")
    return next(
        (v for v in variants if v in words or len(v) >= 8 and _letters(v) in run_together), None
    )


def _lookalikes(letter: str) -> str:
    """The pattern of what a domain's letter may be printed as elsewhere on the card ("-" and
    "." are not printed in a company's name)."""
    if not letter.isalnum():
        return ""
    lookalikes = {"i": "[il1]", "1": "[il1]", "l": "[il1t]", "t": "[tl]", "c": "[ce]", "e": "[ce]"}
    return lookalikes.get(letter, re.escape(letter))


def _suffix_slip(read: str, site: str) -> bool:
    """ "acme.com.bi" beside www.acme.com.br: the same name, its ending one letter off."""
    mine, theirs = _extract(read), _extract(site)
    if not mine.suffix or mine.domain != theirs.domain or len(mine.suffix) != len(theirs.suffix):
        return False
    return sum(a != b for a, b in zip(mine.suffix, theirs.suffix, strict=True)) == 1


def _one_i_l_slip(read: str, site: str) -> bool:
    slips = [(a, b) for a, b in zip(read, site, strict=False) if a != b]
    return len(read) == len(site) and len(slips) == 1 and set(slips[0]) <= set("il1")


def _local_fixed_by_website(email: _Found, website: _Found | None) -> _Found:
    """ "diwplumbing@isp.com" beside www.dfwplumbing.com: a business mailbox named after its
    web domain, with a letter slip (two in a name of 12 letters or more)."""
    if website is None:
        return email
    local, _, domain = email.value.partition("@")
    site = _extract(website.value.partition("/")[0]).domain.lower()
    same_length = len(local) >= 6 and len(site) == len(local)
    slips = sum(a != b for a, b in zip(local, site, strict=True)) if same_length else 0
    if same_length and 1 <= slips <= max(1, len(local) // 6):
        return replace(email, value=f"{site}@{domain}", confidence=min(email.confidence, 0.8))
    return email


def _domains_agreed(emails: list[_Found]) -> list[_Found]:
    """ "sales@gamier.fr" beside "s.garnier@garnier.fr": emails of one card whose domains
    differ by an "rn"/"m" slip share the spelling the card shows more often (in its email
    domains and in the local parts: "s.garnier")."""
    domains = [e.value.partition("@")[2] for e in emails]
    locals_ = " ".join(e.value.partition("@")[0] for e in emails)

    def support(domain: str) -> int:
        name = domain.split(".")[0]
        return domains.count(domain) + sum(
            part in name for part in re.findall(r"[a-z]{4,}", locals_)
        )

    fixed = []
    for email, domain in zip(emails, domains, strict=True):
        others = [d for d in domains if d != domain and support(d) > support(domain)]
        repaired = reconcile(domain, others) if others else domain
        local = email.value.partition("@")[0]
        fixed.append(email if repaired == domain else replace(email, value=f"{local}@{repaired}"))
    return fixed


# Letters OCR reads for others in an address ("joliin@" on Jolijn Kriens's card).
_LOCAL_SLIPS = {"i": "lj", "l": "i", "1": "l"}


def _email_fixed_by_name(email: _Found, name: str) -> _Found:
    """ "igomez@..." on the card of Lucia Gomez is "lgomez@...": the local part is rebuilt from
    the name when one i/l slip separates them."""
    local, _, domain = email.value.partition("@")
    parts = [p for p in re.split(r"[\s.\-']+", _fold(name)) if p.isalpha()]
    if len(parts) < 2 or not local:
        return email
    first, last = parts[0], parts[-1]
    # "lbuehler@" on Luigia Bühler's card: an umlaut spelled as in German addresses too
    forms = {
        form
        for surname in {last, _fold(_UMLAUT_SPELLED.sub(_umlaut_spelled, name.split()[-1]))}
        for form in (
            first[0] + surname,
            first + surname,
            f"{first}.{surname}",
            f"{first[0]}.{surname}",
            surname + first[0],
        )
    }
    forms |= {first} if len(first) >= 4 else set()  # "chloe@" on Chloe Halpen's card
    if middle := "".join(parts[1:-1]):  # "luiz.miguelbrito@" on Luiz Miguel Brito's card
        forms |= {f"{first}.{middle}{last}", f"{first}{middle}{last}", f"{first}.{middle}.{last}"}
        forms.add(f"{first}{middle}.{last}")  # "hansdetlef.hecker@" on Hans-Detlef Hecker's
        forms.add(first[0] + middle + last)  # "lhenriquenogueira@" on Luiz Henrique Nogueira's
        if not set(parts[1:-1]) & _NAME_PARTICLES:  # a middle name, not "da" of "da Rosa"
            forms.add(f"{first[0]}.{middle}{last}")  # "l.felipecavalcanti@" (Luiz Felipe C.)
    if local == first + last:
        # "jenniferjohnson@": as printed, or with the dot between the names lost
        return replace(email, confidence=min(email.confidence, 0.88))
    # "j ferreira@" on the card of João Ferreira: the dot read as a space ("1 fernandez@":
    # and the initial l as 1); ".romano@" on Luca Romano's: the initial lost before the dot
    before = (
        {email.before, *_LOCAL_SLIPS.get(email.before, "")} if email.before != "." else {first[0]}
    )
    fixed = next((f"{b}.{local}" for b in sorted(before) if f"{b}.{local}" in forms), None)
    if email.before and fixed:
        return replace(email, value=f"{fixed}@{domain}", confidence=min(email.confidence, 0.8))
    if local in forms:
        return email
    # "al .darosa@" on Alana da Rosa's card: more than an initial lost before the dot
    whole = [f for f in forms if f.endswith(f".{local}")] if email.before == "." else []
    if len(whole) == 1:
        return replace(email, value=f"{whole[0]}@{domain}", confidence=min(email.confidence, 0.8))
    # "ceur ita@" on Carmela Zurita's card: a space read inside the address, a letter beside it
    # misread ("czurita@")
    accents = {_fold(ch) for ch in name if not ch.isascii()}
    if len(email.before) >= 2 and email.before.isalpha():
        joined = email.before + local
        near = [f for f in forms - {first} if len(f) == len(joined) and f[0] == joined[0]]
        near = [f for f in near if f == joined or _one_slip(joined, f, first, accents)]
        if len(near) == 1:
            value = f"{near[0]}@{domain}"
            return replace(email, value=value, confidence=min(email.confidence, 0.8))
    # "ne.koch@" on Sabine Koch's card: the start of the address lost at the card's edge or
    # behind its label
    # (not "e.koch@": an initial before the dot may be another person's)
    cut = [f for f in forms if f.endswith(local) and len(local.partition(".")[0]) >= 2]
    # ("homasbecker@" on Thomas Becker's: a letter or two of an address without a dot)
    if "." not in local:
        cut = [f for f in cut if len(f) - len(local) <= 2 and len(local) >= 6]
    if len(cut) == 1:
        return replace(email, value=f"{cut[0]}@{domain}", confidence=min(email.confidence, 0.8))
    dotted = re.sub(r"[-_]", ".", local)
    if dotted != local and dotted in forms:  # "j-garcia": the dot read as a hyphen
        return replace(email, value=f"{dotted}@{domain}", confidence=min(email.confidence, 0.8))
    for index, char in enumerate(local):
        for slip in _LOCAL_SLIPS.get(char, ""):
            fixed = local[:index] + slip + local[index + 1 :]
            if fixed in forms:
                value = f"{fixed}@{domain}"
                return replace(email, value=value, confidence=min(email.confidence, 0.85))
    # "sprown@" on the card of Sarah Brown: one other letter slip, past the first letter
    # unless that begins the whole first name ("garon.scheucher@" on Aaron Scheucher's)
    # (a first name alone is too short a form to trust one slip: "frangois" for "francois")
    # (not where the name has an accent: "Laura Lépez" beside l.lopez@ is the name's slip)
    near = [
        f
        for f in forms - {first}
        if len(f) == len(local) >= 5 and _one_slip(local, f, first, accents)
    ]
    # "shofmann@" on Stefan Hoffmann's card: a doubled letter read once
    near = near or [f for f in forms - {first} if len(local) >= 5 and _double_read_once(local, f)]
    # "femanda.oliveira@" on Fernanda Oliveira's card: "rn" read as "m"
    # (a long first name too: "comelius@" on Cornelius Kappel's card)
    long_first = {first} if len(first) >= 6 else set()
    near = near or [f for f in forms - ({first} - long_first) if f in _m_as_rn(local)]
    if len(near) == 1:
        return replace(email, value=f"{near[0]}@{domain}", confidence=min(email.confidence, 0.8))
    return email


def _m_as_rn(read: str) -> set[str]:
    return {read[:i] + "rn" + read[i + 1 :] for i, ch in enumerate(read) if ch == "m"}


def _double_read_once(read: str, form: str) -> bool:
    return len(form) == len(read) + 1 and any(
        form[i] == form[i - 1] and form[:i] + form[i + 1 :] == read for i in range(1, len(form))
    )


_UMLAUT_SPELLED = re.compile("[äöüÄÖÜß]")


def _umlaut_spelled(match: re.Match[str]) -> str:
    letter = match.group(0)
    return "ss" if letter == "ß" else unicodedata.normalize("NFD", letter)[0] + "e"


def _one_slip(read: str, form: str, first: str, accents: set[str]) -> bool:
    """One letter apart, the name's not an accented one; not in the first letter when that is
    an initial (which may be another person's: "k.smith@" on John Smith's card)."""
    slips = [i for i, (a, b) in enumerate(zip(read, form, strict=True)) if a != b]
    if len(slips) != 1 or not (read[slips[0]] + form[slips[0]]).isalpha():
        return False
    if form[slips[0]] in accents:
        return False
    return slips[0] > 0 or (len(first) >= 4 and form.startswith(first))


def _domain_words(addresses: list[str]) -> list[str]:
    """Registered-domain names ("acme" for john@acme.co.uk), free-mail providers left out."""
    words = []
    for address in addresses:
        host = address.partition("@")[2] or address.partition("/")[0]
        name = _extract(host).domain.lower()
        if name and name not in _FREEMAIL and name not in words:
            words.append(name)
    return words


# ---------------------------------------------------------------------------- phones


def _take_phones(
    segments: list[_Segment],
    lines: Sequence[OcrLine],
    region: str | None,
    lang: str,
    emails: list[_Found],
    website: _Found | None,
) -> tuple[list[tuple[Phone, float, Box]], float]:
    domains = [e.value.partition("@")[2] for e in emails] + ([website.value] if website else [])
    all_text = [repair_line(line.text) for line in lines]
    guess = guess_regions(all_text, hint=region, lang=lang, domains=domains)
    texts = [segment.rest for segment in segments]
    hits = find_phones(texts, guess, is_address=lambda text: _address_score(text) >= 0.4)
    # A number printed on the card is wider than tall: digits read in a standing box are
    # marks of the desk or of the card's edge ("22114112" in a 72 x 211 box).
    hits = [h for h in hits if segments[h.text_index].box[3] <= segments[h.text_index].box[2]]
    phones = []
    for hit in hits:
        segment = segments[hit.text_index]
        # one misread digit makes a wrong number: below 0.85 OCR confidence it is not sure
        digits_read = 1.0 if segment.conf >= 0.85 else 0.95
        confidence = hit.confidence * _ocr_factor(segment.conf) * digits_read
        phones.append((hit.phone, confidence, segment.box))
    for hit in sorted(hits, key=lambda h: (h.text_index, h.span[0]), reverse=True):
        segment = segments[hit.text_index]
        segment.rest = (segment.rest[: hit.span[0]] + " " + segment.rest[hit.span[1] :]).strip()
    phones.sort(key=lambda item: _reading_order(item[2]))
    leftover_digits = any(
        len(re.sub(r"\D", "", s.rest)) >= 7
        and (not _looks_like_address(s.rest) or _starts_with_phone_label(s.rest))
        for s in segments
    )
    confidence = min((conf for _, conf, _ in phones), default=0.0)
    return phones, min(confidence, 0.75) if leftover_digits else confidence


def _starts_with_phone_label(text: str) -> bool:
    first = text.split()[0].lower().strip(":.") if text.split() else ""
    return first in lexicon.PHONE_LABELS or first + "." in lexicon.PHONE_LABELS


def _reading_order(box: Box) -> tuple[int, int]:
    return (box[1], box[0])


def _strip_labels(text: str) -> str:
    """Drop field labels ("E-mail:", "Tel", "Web") and separators left behind by extraction.

    A label word is dropped at the edges of the text only when it is unambiguous ("Email",
    "Fax") or carries a colon ("T:"), so "Tim Butler" keeps its "Tim". What follows an email's
    label inside a line is an address that failed to read ("… Dordan E-mail: caoimhe.keog
    mull ie"): it goes with its label.
    """
    words = _AFTER_EMAIL_LABEL.sub("", text).split()
    if all(_is_label(w) for w in words):
        return ""
    while words and _edge_label(words[0]):
        words.pop(0)
    while words and _edge_label(words[-1]):
        words.pop()
    if len(words) >= 3 and words[-1] in _LETTER_LABELS and all(map(_wordlike, words)):
        words.pop()  # "SARAH WILLIAMS E": the "E" of the email read after it on one line
    rest = re.sub(r"^[\s:;,./\-–—|()\[\]_]+|[\s:;,/\-–—|()\[\]_]+$", "", " ".join(words))
    if rest.count("(") > rest.count(")") and " ".join(words).endswith(")"):
        rest += ")"  # "37121 Verona (VR)" keeps the bracket its province opened
    return rest if re.search(r"[A-Za-zÀ-ÿ]{2}|\d", rest) else ""


def _wordlike(word: str) -> bool:
    """Letters, with a firm's punctuation ("McCready,", "O'Hagan", "&"): no number."""
    return word == "&" or word.strip(",.'’").replace("-", "").replace("'", "").isalpha()


_AFTER_EMAIL_LABEL = re.compile(r"(?<=\S)\s+E-?mail\s?:.*$", re.I)
_LETTER_LABELS = frozenset("ETMFWP")  # one-letter labels of email, tel, mobile, fax, web, phone


def _is_label(word: str) -> bool:
    bare = word.lower().strip(".:;,-/()[]")
    return not bare or bare in _LABEL_WORDS


def _edge_label(word: str) -> bool:
    bare = word.lower().strip(".:;,-/()[]")
    colon = word.rstrip().endswith(":")
    return not bare or bare in _CLEAR_LABELS or (colon and (_is_label(word) or _accent_slip(bare)))


def _accent_slip(bare: str) -> bool:
    """A label with its accented letter misread ("Mével:" for "Móvel:")."""
    folded = _fold(bare)
    return any(
        len(_fold(label)) == len(folded) and _slip_at_accent(label, _fold(label), folded)
        for label in _LABEL_WORDS
        if not label.isascii()
    )


# ---------------------------------------------------------------------------- address


# "R. Arquitecto Carlos Ramos, 708": Portuguese "Rua" abbreviated, a number after its name
# (a lone "R." alone is no street word: "John R. Smith").
_RUA_ABBREVIATED = re.compile(r"^R\.\s?[A-ZÀ-Þ][^\d]*,?\s\d")


def _address_score(text: str) -> float:
    if not re.search(r"[^\W\d_]{2}", text):
        return 0.0  # digits alone: a cut phone number, not "2-10-14" with its town
    if _sentence(text):
        return 0.0  # "Building what matters": a slogan, whatever its words
    lowered = text.lower()
    tokens = [t.strip(".,;:()") for t in lowered.split()]
    has_digit = any(ch.isdigit() for ch in text)
    score = 0.0
    if any(t in lexicon.STREET_WORDS for t in tokens) or _RUA_ABBREVIATED.match(text):
        score += 0.6 if has_digit else 0.3
    # "Building 5", "Torre Norte"; not the trade in "Surveyor, building" or "Building surveyor"
    building = [w for w in text.split() if w.lower().strip(".,;:()") in _BUILDING_WORDS]
    named = any(w[:1].isupper() for w in building) and not _title_hit(text)
    if (building and (has_digit or named)) or _JP_BLOCK.search(lowered):
        score += 0.5
    if has_digit and any(t.endswith(_STREET_SUFFIXES) and len(t) > 6 for t in tokens):
        score += 0.6
    if lexicon.ADDRESS_MARKERS.search(text):
        score += 0.6
    if lexicon.MILITARY_ADDRESS.search(text):
        score += 0.6
    if _POSTCODE.search(text):
        score += 0.4
    if _place_hit(text):
        score += 0.4
    if any(t in lexicon.US_STATE_NAMES for t in tokens) or re.search(r",\s*[A-Z]{2}\b", text):
        score += 0.4 if re.search(r"\b\d{5}(?:-\d{4})?$", text) else 0.2
    return min(score, 1.0)


_BUILDING_WORDS = _wordset(
    "bldg building edificio palazzo torre tower gebäude immeuble prédio sala suite floor level piso"
    " andar"
)
# Japanese block numbers and wards: "2-10-14", "5-6-1 Shinjuku", "Chiyoda-ku", "Tamayu-cho".
_JP_BLOCK = re.compile(r"\b\d{1,4}-\d{1,4}-\d{1,4}\b|\w-(?:ku|cho|shi|machi|gun)\b")


def _sentence(text: str) -> bool:
    """No digit and two or more lowercase words that are no name particles."""
    if any(ch.isdigit() for ch in text):
        return False
    lower = [w for w in re.findall(r"[^\W\d_]+", text) if w[0].islower()]
    return len([w for w in lower if w not in _NAME_PARTICLES and len(w) > 2]) >= 2


def _place_hit(text: str) -> bool:
    """A place's name, also after a postcode with its accent misread ("80331 Miinchen")."""
    if lexicon.place_pattern().search(text.lower()):
        return True
    return bool(_POSTCODE.search(text)) and any(
        lexicon.place_pattern().search(restore_accents(text, language).lower())
        for language in sorted(set(REGION_LANGUAGES.values()))
    )


def _looks_like_address(text: str) -> bool:
    return _address_score(text) >= 0.5


def _adjacent(segments: list[_Segment], previous: int, index: int) -> bool:
    """Next line, or separated only by OCR noise (logo fragments, stray marks) or by lines of
    another column read between them ("91 avenue Victor Hugo", a name beside it, "13001
    Marseille"). Lines read one after the other are not when rows of print lie between them
    ("Coop Nederland" printed at the card's foot, read before the address at its top)."""
    first, last = segments[previous], segments[index]
    if last.line == first.line:
        return True
    if last.line - first.line == 1:
        return _rows_apart(first, last) <= 2 * max(first.height, last.height)
    between = [s for s in segments if first.line < s.line < last.line]
    if last.line - first.line > 6 or not all(
        _is_noise(s) or _beside(s, first, last) for s in between
    ):
        return False
    return all(_is_noise(s) for s in between) or _next_row(first, last)


def _rows_apart(a: _Segment, b: _Segment) -> int:
    """The height of paper between the two segments' boxes (0 when they share rows)."""
    upper, lower = sorted((a.box, b.box), key=lambda box: box[1])
    return max(0, lower[1] - (upper[1] + upper[3]))


def _beside(segment: _Segment, *column: _Segment) -> bool:
    """The segment shares no x with the column's segments: it stands in another column."""
    left = min(s.box[0] for s in column)
    right = max(s.box[0] + s.box[2] for s in column)
    return segment.box[0] >= right or segment.box[0] + segment.box[2] <= left


def _next_row(upper: _Segment, lower: _Segment) -> bool:
    """The lower segment starts within a line's height below the upper one."""
    return lower.box[1] - (upper.box[1] + upper.box[3]) <= max(upper.height, lower.height)


def _is_noise(segment: _Segment) -> bool:
    """Logo fragments and stray marks; a line whose phone or email was taken is no noise."""
    letters = sum(ch.isalnum() for ch in segment.text)
    return letters <= 4 or segment.conf < 0.5


def _take_address(segments: list[_Segment], locals_: Sequence[str]) -> _Found | None:
    scores = _street_over_postcode(
        segments, [(_address_score(s.rest) if s.rest else 0.0) for s in segments]
    )
    blocks: list[list[int]] = []
    address_lines = {
        (segments[i].line, segments[i].column) for i, score in enumerate(scores) if score >= 0.5
    }
    for index, score in enumerate(scores):
        segment = segments[index]
        same_line = (segment.line, segment.column) in address_lines and bool(segment.rest)
        if same_line and score < 0.4 and _owner_before_address(segments, index, locals_):
            continue
        if (score < 0.4 and not same_line) or (_title_hit(segment.rest) and score < 0.5):
            continue
        if score < 0.4 and not re.search(r"[^\W\d_]{2}", segment.rest):
            continue  # the digits left of a number that failed as a phone ("F: 770-391-90")
        if _legal_suffix(segment.rest) and score < 0.6:
            continue
        if blocks and _adjacent(segments, blocks[-1][-1], index):
            blocks[-1].append(index)
        else:
            blocks.append([index])
    blocks = [b for b in blocks if max(scores[i] for i in b) >= 0.5]
    if not blocks:
        return None
    # The first strong block: cards with several offices print the head office first.
    strong = [b for b in blocks if max(scores[i] for i in b) >= 0.8]
    best = (strong or blocks)[0]
    best = _with_street_line(segments, best)
    text = ", ".join(_OFFICE_LABEL.sub("", segments[i].rest).strip(" ,;-") for i in best)
    for i in best:
        segments[i].rest = ""
    strength = max(scores[i] for i in best)
    conf = min(segments[i].conf for i in best)
    evidence = 0.85 if strength >= 0.8 else 0.7
    text = _SPACE_AFTER_HYPHEN.sub("", re.sub(r"\s*,\s*,\s*", ", ", text))
    text = postcode_spaced(text)
    return _Found(
        _EIRCODE.sub(_eircode_fixed, text),
        evidence * _ocr_factor(conf),
        _union_box([segments[i].box for i in best]),
    )


_SPACE_AFTER_HYPHEN = re.compile(r"(?<=[a-zà-ÿ]-) (?=[A-ZÀ-Þ][a-zà-ÿ])")  # "Bourgeois-sur- Voisin"
# An Irish Eircode: a routing key ("F12", "D6W") and four letters or digits; its letters
# leave out O (and I, which OCR reads as 1 anyway), so an O in it is a zero read as a letter.
# Nor are S, B, Z or G among them: each is its look-alike digit ("F58 SEWY" is "F58 5EWY").
_EIRCODE = re.compile(r"\b([AC-FHKNPRTV-Y][\dO][\dW])\s([AC-FHKNPRTV-Y\dOSBZG]{4})\b")
_EIRCODE_DIGITS = str.maketrans("OSBZG", "05826")


def _eircode_fixed(match: re.Match[str]) -> str:
    """The routing key's O a zero ("VO2"); the rest's look-alikes digits when it shows a digit
    or a letter no Eircode has ("ROAD" is a word)."""
    key, rest = match.groups()
    key = key.replace("O", "0")
    if re.search(r"[\dSBZG]", rest):
        rest = rest.translate(_EIRCODE_DIGITS)
    return f"{key} {rest}"


# A floor, flat or door with its number, printed before or after the street ("Level 3",
# "Piano 8", "Puerta 5").
_UNIT = (
    r"(?i:level|floor|suite|unit|flat|apt|appartamento|interno|int|scala|piano|puerta|piso|andar|"
    r"etage)\.?\s?\d{1,4}[a-zA-Z]?"
)
# "Am Markt 113", "Kerkstraat 12a", "27 Willow Row": words and a house number (or "S/N", no
# number), no street word.
_STREET_LINE = re.compile(
    rf"^(?:{_UNIT},?\s+)?(?:"
    r"[A-ZÀ-Þ][\wÀ-ÿ'’.\-]*(?:\s+[\wÀ-ÿ'’.\-]+){0,4},?\s+"
    r"(?:\d{1,5}\s?[a-zA-Z]?(?:[-/]\d{1,4})?|[Ss]/[Nn]\b)"
    rf"(?:,?\s+{_UNIT})?|"
    r"\d{1,5}(?:/\d{1,5})?[a-zA-Z]?,?\s+[A-ZÀ-Þ][\wÀ-ÿ'’.\-]*(?:\s+[\wÀ-ÿ'’.\-]+){0,4})$"
)


def _street_over_postcode(segments: list[_Segment], scores: list[float]) -> list[float]:
    """A street line right above a line with a postcode, or above one or two lines of bare
    names (a street, a town) and then the postcode's, is an address though no line is sure
    alone ("Kreuselring 7-3" / "10184 Schleiz", "Travessa Matias, S/N" / "9622-334 Almeirim",
    "Flat 95" / "Hilary Way" / "Lewisfurt" / "M94 9AF")."""
    paired = list(scores)
    for index, upper in enumerate(segments):
        if not _street_line(upper, scores[index]):
            continue
        # (the lines under it in its column: "Am Markt 34" over "80331 München", a firm's
        # name left of the postcode)
        below = [
            at
            for at in range(index + 1, min(index + 9, len(segments)))
            if segments[at].line > upper.line and _same_column(upper, segments[at])
        ][:3]
        for count, at in enumerate(below, start=1):
            towns_between = all(_town_line(upper, segments[i]) for i in below[: count - 1])
            if not (towns_between and _postcode_under(upper, segments[at], count)):
                continue
            town = _town_under_bare_postcode(segments, index, at)
            for i in [index, *below[:count], *([at + 1] if town else [])]:
                paired[i] = max(paired[i], 0.5)
            break
    return paired


def _town_under_bare_postcode(segments: list[_Segment], street: int, postcode: int) -> int:
    """1 when the postcode stands alone on its line and its town is the line under it
    ("2302 PH" / "Vollenhove"), else 0."""
    below = postcode + 1
    bare = _POSTCODE.fullmatch(segments[postcode].rest.strip())
    if not bare or below >= len(segments) or segments[below].line != segments[postcode].line + 1:
        return 0
    return int(_town_line(segments[street], segments[below]))


def _street_line(segment: _Segment, score: float) -> bool:
    numbered = re.search(r"\d|\bS/N\b", segment.rest, re.I)  # "Dr. Kelly" is no Drive
    first = segment.rest.split()[0].lower().strip(".,") if segment.rest.split() else ""
    # "Setor Rodrigues", "chemin Margot", "rue Suzanne Blot", "Rua de Pinto", "Via de Moraes"
    # (not "Dr. Kelly", "St. Clair")
    led = first in lexicon.STREET_WORDS and (len(first) > 3 or first in ("rue", "rua", "via"))
    street = (score >= 0.3 and (numbered or led)) or _STREET_LINE.match(segment.rest.strip())
    # "Trevo Ágatha Sales": a street named after someone whose surname is a job's word
    title = _title_strength(segment.rest) >= (2 if led else 1)
    return bool(street) and not title and not _legal_suffix(segment.rest)


def _postcode_under(upper: _Segment, lower: _Segment, lines_down: int) -> bool:
    """`lower` holds a postcode, `lines_down` lines under `upper`, aligned with it."""
    return (
        lower.line == upper.line + lines_down
        and _same_column(upper, lower)
        and bool(_POSTCODE.search(lower.rest))
    )


def _town_line(street: _Segment, line: _Segment) -> bool:
    """A town's name alone, in the street line's column (not a name or title beside it)."""
    return (
        bool(_TOWN_LINE.match(line.rest.strip()))
        and _same_column(street, line)
        and not _title_hit(line.rest)
    )


def _aligned(upper: Box, lower: Box, tolerance: float) -> bool:
    """The two share their left edge, their right edge or their centre (one column's lines,
    or a centred block's), give or take `tolerance` pixels."""
    ux, _, uw, _ = upper
    lx, _, lw, _ = lower
    return min(abs(ux - lx), abs(ux + uw - lx - lw), abs(ux + uw / 2 - lx - lw / 2)) <= tolerance


def _same_column(upper: _Segment, lower: _Segment) -> bool:
    """Aligned as whole lines, or by their own words ("Becker GmbH | Am Markt 67": the street
    stands over its postcode line, not the firm)."""
    tolerance = max(lower.height, 20)
    return _aligned(upper.box, lower.box, tolerance) or _aligned(
        upper.own_box or upper.box, lower.own_box or lower.box, tolerance
    )


# A town alone on its line: one to four capitalised words ("Garymouth", "New Justin").
# "Overslag", "Capelle aan den IJssel", "Alteveer gem Hoogeveen": capitalised words, and
# short lowercase ones between them.
# (a district may hold an ordinal: "Cônego Pinheiro 1ª Seção", its "ª" read as "%" too)
_TOWN_LINE = re.compile(
    r"^(?:'s-)?[A-ZÀ-Þ][\wÀ-ÿ'’.\-]*"  # "'s-Hertogenbosch": Dutch towns of "des"
    r"(?:(?:\s+[a-zà-ÿ]{1,4}){0,2}\s+(?:[A-ZÀ-Þ][\wÀ-ÿ'’.\-]*|\d{1,2}[ªº°%])){0,3}"
    r"(?:\s\([A-Z][A-Za-z]{1,3}\))?,?$"  # "Hengelo (Gld)", "Bergen (NH)": its province
)


# "Head Office 2-10-14, ...", "Sede legale: Via ...": which office, not where it is.
_OFFICE_LABEL = re.compile(
    r"^(?:head\s+office|headquarters|hq|main\s+office|branch\s+office|office|"
    r"sede(?:\s+(?:legale|operativa))?|siège(?:\s+social)?|zentrale|matriz|filial)\s*[:\-–]?\s+",
    re.I,
)


def _owner_before_address(segments: list[_Segment], index: int, locals_: Sequence[str]) -> bool:
    """ "Petra Weber | Hauptstraße 6" beside petra@…: the card's owner printed before the
    address on its line is no part of it."""
    segment = segments[index]
    following = index + 1 < len(segments) and segments[index + 1].line == segment.line
    return (
        following and bool(_name_shape(segment.rest)) and _email_matches_name(segment.rest, locals_)
    )


def _with_street_line(segments: list[_Segment], block: list[int]) -> list[int]:
    """Add the street line a street word did not reveal: the line right above a block that
    starts with a postcode ("Am Markt 113" / "60311 Frankfurt am Main")."""
    first = segments[block[0]]
    if not _POSTCODE.search(first.rest) or block[0] == 0:
        return block
    above = segments[block[0] - 1]
    same_column = abs(above.box[0] - first.box[0]) <= max(first.height, 20) or (
        abs(above.box[0] + above.box[2] - first.box[0] - first.box[2]) <= max(first.height, 20)
    )
    street = _STREET_LINE.match(above.rest.strip()) and not _title_hit(above.rest)
    if above.line == first.line - 1 and same_column and street and not _legal_suffix(above.rest):
        return [block[0] - 1, *block]
    return block


# ---------------------------------------------------------------------------- people


@dataclass(frozen=True)
class _Candidate:
    segment: _Segment
    name: float
    title: float
    company: float


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,;:/()&]+", text.lower()) if w]


def _title_hit(text: str) -> bool:
    return _title_strength(text) > 0


# Who practises a science or an art: "Geologist", "Optometrist", "Cartographer", "Physician".
_AGENT_NOUN = re.compile(r"[a-z]{2,}(?:ologist|iatrist|ometrist|ographer|onomist|apist|ician)")


# A German role written for all genders: "Pfarrer*in", "Berater:in", "Techniker_innen".
_GENDERED_ROLE = re.compile(r"[a-z]{3,}(?:er|or|ent|eur|ist|at|ant)[*:_]in(?:nen)?")


@lru_cache(maxsize=4096)  # asked of the same lines again and again as roles are weighed
def _title_strength(text: str) -> float:
    """How much of a job title the text holds: 0 none, 1 a single word, 2 a phrase.

    Accents are ignored: without the card's language pack Tesseract reads "Geschaftsfuhrer"."""
    words = [w.strip(".") for w in _words(_fold(text))]
    phrases = lexicon.folded_title_phrases()
    joined = " " + " ".join(words) + " "
    multi = any(" " in p and f" {p} " in joined for p in phrases)
    single = any(
        w in phrases or w + "." in phrases or not phrases.isdisjoint(confusion_variants(w))
        for w in words
    )
    single = single or any(map(_AGENT_NOUN.fullmatch, words))
    single = single or any(map(_GENDERED_ROLE.fullmatch, words))
    single = single or any(map(_german_title_compound, words)) or any(map(_near_title_word, words))
    return 2.0 if multi else (1.0 if single else 0.0)


@cache
def _near_title_word(folded: str) -> str | None:
    """The title word a long word is one letter slip away from ("geschaftsfthrer"), or its
    first letter lost ("oordenador"), or two slips for a very long word (an accented letter
    read as two: "geschaftsfithrer"), three past 15; umlauts read as "ii" count as one slip
    ("geschiiftsfiihrer")."""
    if "ii" in folded and (found := _near_title_word(folded.replace("ii", "i"))):
        return found
    if len(folded) < 8 or not folded.isalpha() or folded in lexicon.folded_title_phrases():
        return None
    slips = 3 if len(folded) >= 15 else 2  # "geschiftsfiihrer": ä read as i, ü as ii
    best, best_distance = None, slips + 1
    # In a fixed order: "mecinico" is the Spanish "mecánico" and the Portuguese "mecânico"
    # alike, and which a set gives first changed with the process's hash seed.
    for phrase in _title_phrases_in_order():
        key = _fold(phrase)
        if " " in key:
            continue
        if len(key) == len(folded) and _slip_at_accent(phrase, key, folded):
            return phrase
        if key[1:] == folded:
            return phrase
        # Only long words may differ in length, by one letter: "Comercial" is not a slip of
        # "Commercial", nor "Especialista" of "Specialist".
        if len(folded) >= 12 and abs(len(key) - len(folded)) <= 1:
            distance = Levenshtein.distance(key, folded, score_cutoff=slips)
            if distance < best_distance:
                best, best_distance = phrase, distance
    return best


@cache
def _title_phrases_in_order() -> tuple[str, ...]:
    return tuple(sorted(lexicon.title_phrases()))


@cache
def _single_title_words() -> dict[str, str]:
    """The title lexicon's one-word phrases, by their folded spelling (the first in order of
    two that fold alike: "mecánico", "mecânico")."""
    return {_fold(p): p for p in reversed(_title_phrases_in_order()) if " " not in p}


def _title_word_unconfused(folded: str) -> str | None:
    """The title word one OCR confusion away ("marjager": "n" read as "rj")."""
    words = _single_title_words()
    if folded in words or len(folded) < 6:
        return None
    found = {words[v] for v in confusion_variants(folded) if v in words}
    return found.pop() if len(found) == 1 else None


def _slip_at_accent(phrase: str, key: str, folded: str) -> bool:
    """`folded` is `key` with one letter misread where `phrase` has an accented one: "ü" read as
    "t" is a slip; "Cortador" is a word of its own, not "Contador" misread."""
    slips = [i for i, (a, b) in enumerate(zip(key, folded, strict=True)) if a != b]
    spelled = phrase.lower()
    return len(slips) == 1 and len(spelled) == len(key) and not spelled[slips[0]].isascii()


def _title_words_fixed(text: str) -> str:
    """Spell a title's slipped word as the lexicon does ("Geschaftsfthrer" → "Geschäftsführer"),
    and join a title word OCR split in two ("Comer: cial" → "Comercial")."""
    text = _split_title_word_joined(text)

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if _AGENT_NOUN.fullmatch(_fold(word)):
            return word  # a word in its own right ("psychologist" is no slip of "psychologin")
        phrase = _near_title_word(_fold(word)) or _title_word_unconfused(_fold(word))
        if phrase and len(phrase) > len(word) and match.start() == 0 and not word.isupper():
            return phrase[:1].upper() + phrase[1:]  # its lost first letter began the title
        return _matched_case(phrase, word) if phrase else word

    return re.sub(r"[^\W\d_]+", fix, text)


# "Manage}", "Directo!", "Manage#203": a title word's last letter read together with the
# printed rule beside it (a two-column card) as one mark.
_MARK_FOR_LAST_LETTER = re.compile(r"\b([^\W\d_]{5,})[}\]!#|](?=(\s*\S)?)")


def _rule_after_title_word(text: str) -> str:
    """The title word's last letter back, and the rule it hid as a separator when more print
    follows ("Manager | 205 High Street")."""

    def mend(match: re.Match[str]) -> str:
        stem = match.group(1)
        word = _title_word_one_letter_on(_fold(stem))
        if word is None:
            return match.group(0)
        ending = word[-1].upper() if stem.isupper() else word[-1]
        return stem + ending + (" | " if match.group(2) else "")

    return _MARK_FOR_LAST_LETTER.sub(mend, text)


@cache
def _title_word_one_letter_on(folded: str) -> str | None:
    """The single title word that is `folded` and one more letter ("manage" → "manager")."""
    words = [w for w in lexicon.folded_title_phrases() if " " not in w]
    if folded in words:
        return None  # "Director!": the word is whole, the mark is only a mark
    found = {w for w in words if len(w) == len(folded) + 1 and w.startswith(folded)}
    return found.pop() if len(found) == 1 else None


def _split_title_word_joined(text: str) -> str:
    words = list(re.finditer(r"[^\W\d_]+", text))
    known = _title_phrase_words()
    for first, second in zip(words[::-1][1:], words[::-1], strict=False):
        between = text[first.end() : second.start()]
        joined = _fold(first.group(0) + second.group(0))
        alone = _fold(first.group(0)) in known or _fold(second.group(0)) in known
        split = re.fullmatch(r"[\s:;.,'’-]{1,3}", between) and len(joined) >= 6
        if split and joined in known and not alone:
            text = text[: first.end()] + text[second.start() :]
    return text


@cache
def _title_phrase_words() -> frozenset[str]:
    """Every word of the title lexicon's phrases ("comercial" from "director comercial")."""
    return frozenset(w for phrase in lexicon.folded_title_phrases() for w in phrase.split())


def _matched_case(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


# German job titles are compounds ending in a title word: "Vertriebsleiter",
# "Projektingenieurin", "Kundenberater" (folded, so "-fuhrer" is "-führer").
_GERMAN_TITLE_ENDINGS = (
    "leiter",
    "leiterin",
    "ingenieur",
    "ingenieurin",
    "berater",
    "beraterin",
    "direktor",
    "direktorin",
    "referent",
    "referentin",
    "assistent",
    "assistentin",
    "techniker",
    "technikerin",
    "beauftragter",
    "beauftragte",
    "fuhrer",
    "fuhrerin",
    "entwickler",
    "entwicklerin",
    "betreuer",
    "betreuerin",
    "koordinator",
    "koordinatorin",
    "spezialist",
    "spezialistin",
    "kaufmann",
    "kauffrau",
)


def _german_title_compound(word: str) -> bool:
    return any(word.endswith(e) and len(word) >= len(e) + 4 for e in _GERMAN_TITLE_ENDINGS)


def _title_words(text: str) -> int:
    phrases = lexicon.folded_title_phrases()
    return sum(1 for w in _words(_fold(text)) if w.strip(".") in phrases)


def _legal_suffix(text: str) -> bool:
    if _DUTCH_POSTCODE.fullmatch(text.strip()):
        return False  # "1889 ME": a Dutch postcode alone on its line, no Brazilian "ME"
    text = _CEP_STATE.sub(r"\1", text)  # "35538584 Cirino / SC": Santa Catarina, no "S.C."
    text = _PROVINCE.sub("", text)  # "84100 Salerno (SA)": the province of Salerno, no "S.A."
    tokens = [t.strip(",()") for t in re.split(r"\s+|,", text) if t.strip(",()")]
    if any(_legal_form_word(t) for t in tokens[1:]):
        return True
    return bool(
        re.search(
            r"\b(?:s\.?\s?r\.?\s?l|s\.?\s?p\.?\s?a|s\.?\s?a\.?\s?s|l\.?\s?l\.?\s?c|"
            r"co\.?,?\s?ltd|s/c)\b\.?|\s[-–]\s?ei$",  # "Brito - EI": Brazil's sole trader
            text.lower(),
        )
    )


_SPELLED_FORMS = frozenset({"company", "corporation", "incorporated", "limited"})


def _legal_form_word(token: str) -> bool:
    """ "GmbH", "SA", "S.A.", "Ltd.", "& Co": a legal form; "Sa" in "Bryan Sa" is a surname
    (Sá, its accent lost): a two-letter form is written in capitals or with dots."""
    form = token.lower().rstrip(".")
    if form not in lexicon.LEGAL_SUFFIXES or (form in _SPELLED_FORMS and token.islower()):
        return False  # "Secretary, company" is a job title: a firm capitalises its form
    return len(form) > 2 or form == "co" or token.isupper() or "." in token


_DUTCH_POSTCODE = re.compile(r"[1-9]\d{3}\s?[A-Z]{2}")
_CEP_STATE = re.compile(r"(\d{5}-?\d{3}\s.*?)\s?/\s?[A-Z]{2}$")
_PROVINCE = re.compile(r"(?<=\w)\s*\([A-Z]{2}\)$")


def _company_words(text: str) -> bool:
    return any(w.strip(".") in lexicon.COMPANY_WORDS for w in _words(text)) or bool(
        _PARTNERS.match(text.strip())
    )


# Partners' surnames as a firm's name: "Haney, Salas and Padilla", "Ernst & Young", "van de
# Ven & Schatteleijn".
_SURNAME = (
    rf"(?:(?:{'|'.join(sorted(_NAME_PARTICLES, key=len, reverse=True))})\s+)*[A-ZÀ-Þ][\wÀ-ÿ'’\-]+"
)
_PARTNERS = re.compile(
    rf"^{_SURNAME}(?:(?:,\s+{_SURNAME})+,?\s+(?:and|&|e|y|und|et)|\s+&)\s+{_SURNAME}$"
)


def _domain_similarity(text: str, domains: Sequence[str]) -> float:
    compact = _letters(text)
    if len(compact) < 3 or not domains:
        return 0.0
    domains = _with_umlauts_folded(domains)
    words = re.findall(r"[a-z0-9]+", _fold(text).replace("ß", "ss"))
    if all(w in lexicon.COMPANY_WORDS or w in lexicon.LEGAL_SUFFIXES for w in words):
        return 0.0  # "Group" alone says nothing about whose group
    if len(words[0]) >= 4 and any(d.replace("-", "").startswith(words[0]) for d in domains):
        return 0.86  # "Ashford-Lane Holdings ..." ↔ ashfordgroup.com: the name word leads
    best = 0.0
    for domain in domains:
        plain = domain.replace("-", "")
        if len(plain) < 3:
            continue
        score = fuzz.ratio(compact, plain)
        if len(compact) >= 4 and (compact in plain or plain in compact):
            score = max(score, 92.0)
        score = max(score, 0.9 * fuzz.partial_ratio(compact, plain) if len(compact) >= 5 else 0)
        best = max(best, score)
    return best / 100


def _with_umlauts_folded(domains: Sequence[str]) -> list[str]:
    """The domains, and each as the firm's name reads without its umlauts' dots: luescher.ch
    spells "Lüscher", which folds (or OCR reads) as "Luscher"; a "ü" OCR reads as two
    letters ("Ktihnert" for kuehnert.de's "Kühnert") too."""
    with_umlauts = [d for d in domains if re.search(r"[aou]e", d)]
    folded = [re.sub(r"(?<=[aou])e", "", d) for d in with_umlauts]
    slipped = [d.replace("ue", pair) for d in with_umlauts if "ue" in d for pair in ("ii", "ti")]
    return [*domains, *folded, *slipped]


# How Tesseract reads a "ü" it cannot place: "Geschiiftsfiihrer", "Miller" beside mueller@
_U_UMLAUT_SLIP = r"iti|ii|ti|i"  # "Kiting" beside kueng.ch: Küng


def _firm_named(text: str, domains: Sequence[str]) -> bool:
    """A name-shaped line that spells the card's domain: the firm ("Rossi Costruzioni" beside
    rossi.it), unless the domain is its owner's surname, or only a particle of the name
    ("Jayda van der Maath" beside der.nl)."""
    words = [w for w in text.split() if w.lower() not in _NAME_PARTICLES]
    spelled = _domain_similarity(" ".join(words), domains) >= 0.85
    return spelled and not _surname_names_the_firm(text, domains)


def _surname_names_the_firm(text: str, domains: Sequence[str]) -> bool:
    """ "Fred Herrmann" beside herrmann.de: the domain is the last word only (a family firm's
    owner); a firm's name begins with the word its domain spells ("Kronenberg Bau")."""
    words = re.findall(r"[a-z0-9]+", _fold(text))
    plain = [d.replace("-", "") for d in _with_umlauts_folded(domains)]
    return len(words) >= 2 and words[-1] in plain and words[0] not in plain


def _acronym_match(text: str, domains: Sequence[str]) -> float:
    """ "Techno Project Japan Co." ↔ tpj.co.jp, "Internet Initiative Japan Inc." ↔ iij.ad.jp."""
    words = [
        w for w in re.findall(r"[A-Za-zÀ-ÿ]+", text) if w.lower() not in lexicon.LEGAL_SUFFIXES
    ]
    initials = "".join(w[0] for w in words).lower()
    significant = "".join(w[0] for w in words if w[0].isupper()).lower()
    if len(words) < 2:
        return 0.0
    return 0.9 if any(d in (initials, significant) for d in domains if len(d) >= 2) else 0.0


def _company_mended(company: str, domains: Sequence[str], name: str = "") -> str:
    """The company without what OCR glued to it, and with the letters it lost or misread,
    where its legal form, its domain and the card's name say so."""
    company = _EQUALS_FOR_DASH.sub(" - ", company)  # "Correia = ME": no firm prints "="
    if not any("corn" in domain for domain in domains):  # "Taylor Systems Corn": Corp.'s p as n
        company = _CORP_READ_CORN.sub("Corp.", company)
    company = _TRADEMARK.sub("", company)  # "Edwards-Fernandez™": no contact keeps the mark
    company = _GLUED_AND.sub(" & ", company)  # "Evers&Willemsen": the narrow gaps lost
    company = _IRISH_O.sub("O'", company)  # "(0) Hagan LLC": the O and its apostrophe
    company = _FIRM_WORD_SPLIT.sub(_firm_word_joined, company)
    company = re.sub(r"[^\W\d_]{4,}", _firm_word_accent_mended, company)
    company = _spaced_as_domain(company, domains)  # first: a piece may look like a legal form
    company = _FIRST_NAME_SPLIT.sub(lambda m: _first_name_joined(m, domains), company)
    company = _cut_after_legal_form(company)
    company = _rule_after_legal_form(company)
    company = _hyphen_as_in_domain(company, domains)
    company = _marks_before_domain_words(company, domains)
    company = _small_word_before_domain_words(company, domains)
    company = _stray_mark_after_domain_name(company, domains)
    company = _head_from_domains(company, domains)
    company = _capital_i_as_in_domains(company, domains)
    return _surname_as_in_name(company, domains, name)


def _capital_i_as_in_domains(company: str, domains: Sequence[str]) -> str:
    """ "lannotti-Piccio s.r.l." beside iannotti-piccio.it: a word's capital I read as an l,
    where the domain spells the word with its i (and not with an l)."""
    spelled = [_letters(domain) for domain in domains]

    def mend(match: re.Match[str]) -> str:
        word = match.group(0)
        with_i = "i" + _letters(word[1:])
        if any(with_i in s for s in spelled) and not any(_letters(word) in s for s in spelled):
            return "I" + word[1:]
        return word

    return re.sub(r"(?<![\w.@])l[a-z]{3,}\b", mend, company)


_EQUALS_FOR_DASH = re.compile(r"(?<=\w) = (?=\w)")
_CORP_READ_CORN = re.compile(r"(?<=[A-Za-z] )Corn\.?$")
_IRISH_O = re.compile(r"^\(?[0O]\)\s?(?=[A-Z][a-z]{2,})")
_GLUED_AND = re.compile(r"(?<=[^\W\d_]{2})&(?=[A-Z][a-z])")  # not "AT&T", "R&D"
_TRADEMARK = re.compile(r"\s?[™®]|\s?©$")
_FIRM_WORD_SPLIT = re.compile(r"\b([^\W\d_]{3,}) ([a-z]{1,2})\b")


@cache
def _accented_firm_words() -> dict[str, str]:
    return {_fold(w): w for w in lexicon.COMPANY_WORDS if not w.isascii()}


def _firm_word_accent_mended(match: re.Match[str]) -> str:
    """ "Sidler Ernst & Séhne": a firm's word whose accent OCR read as another ("Söhne"; not
    "University", a word of its own one letter from "Università")."""
    word = match.group(0)
    folded = _fold(word).lower()
    if len(folded) != len(word):
        return word  # a ligature ("ﬁ") folds to two letters: the indices would not agree
    for key, accented in _accented_firm_words().items():
        if len(key) != len(folded) or folded == key or not _slip_at_accent(accented, key, folded):
            continue
        at = next(i for i, (a, b) in enumerate(zip(key, folded, strict=True)) if a != b)
        if not word[at].isascii():
            return _matched_case(accented, word)
    return word


def _firm_word_joined(match: re.Match[str]) -> str:
    """ "Bresciani Grou p": a space read inside a firm's word ("Group") before its last letters."""
    joined = match.group(1) + match.group(2)
    return joined if joined.lower() in lexicon.COMPANY_WORDS else match.group(0)


def _surname_as_in_name(company: str, domains: Sequence[str], name: str) -> str:
    """ "Aratijo Brasil S.A." on the card of Rafael Araujo, beside araujo.com.br → "Araujo
    Brasil S.A.": a company word OCR misread (an accented letter read as two) that the
    name and the domain both spell."""
    spelled = [w for w in name.split() if len(w) >= 5 and any(_fold(w) in d for d in domains)]
    read = {_fold(w) for w in company.split()}
    spelled = [w for w in spelled if _fold(w) not in read]  # "THOMAS THAMES LTD": read already

    def respelled(word: str) -> str:
        folded = _fold(word)
        if any(folded in domain for domain in domains):
            return word  # "Thames" beside thomasthames.co.uk is no misread "Thomas"
        for known in spelled:
            if Levenshtein.distance(folded, _fold(known)) <= 2:
                return _matched_case(known.lower(), word)
        return word

    if not spelled:
        return company
    return " ".join(respelled(w) if len(w) >= 5 and w.isalpha() else w for w in company.split())


def _spaced_as_domain(company: str, domains: Sequence[str]) -> str:
    """ "Vespa-Sm I rnoff S.r.l." beside vespa-smirnoff.it → "Vespa-Smirnoff S.r.l.": spaces
    OCR put inside the words the domain spells whole. Only letters cut in pieces: one piece
    of one or two letters, the pieces after the first in lower case or that short ("Acme
    Tech" beside acmetech.com keeps its space, "Knoll & Prantl" beside knoll.at its "&")."""
    spelled = {_letters(domain) for domain in domains}
    words = company.split()
    for start in range(len(words)):
        for end in range(start + 2, len(words) + 1):
            run = words[start:end]
            after_a_letter = run[0][-1].isalpha()  # not "& van" beside van.nl
            # (a piece may hold the firm's hyphen: "Morri s-C hadwick" beside morris-chadwick,
            # "Ben nett-John son" beside bennett-johnson: a name begins after it)
            pieces = after_a_letter and all(_piece_of_a_word(w) for w in run[1:])
            cut = any(len(p) <= 2 for w in run for p in w.split("-")) or any(
                w[0].islower() for w in run[1:]
            )
            if pieces and cut and _letters("".join(run)) in spelled:
                joined = run[0] + "".join(_lower_but_after_hyphen(w) for w in run[1:])
                return " ".join([*words[:start], joined, *words[end:]])
    return company


def _piece_of_a_word(word: str) -> bool:
    """What a space cut off a word: one or two letters, or small letters that are no word of
    their own ("and", "van"), then maybe a hyphen and the next name."""
    head, *rest = word.split("-")
    own_word = head.lower() in _AND or head.lower() in _NAME_PARTICLES
    short_or_small = head.isalpha() and (len(head) <= 2 or (head[0].islower() and not own_word))
    return short_or_small and all(p.isalpha() for p in rest)


# "Vinc ent-Walker", "J ordan-Smith": a space read inside the first name of a hyphenated firm
_FIRST_NAME_SPLIT = re.compile(r"(?<![\w-])([A-Z][a-z]*) ([a-z]+)(?=-([A-Z][a-z]+))")


def _first_name_joined(match: re.Match[str], domains: Sequence[str]) -> str:
    """Joined when the domain spells the whole name ("hayden-hicks.ca"), or the first name
    ("vincent.com.au") and the piece after the space is no word of its own ("van", "de")."""
    head, piece, second = match.groups()
    spelled = {_letters(domain) for domain in domains}
    joined = head + piece
    whole = _letters(joined + second) in spelled
    if not whole and (piece in _NAME_PARTICLES or _letters(joined) not in spelled):
        return match.group(0)
    return joined


def _lower_but_after_hyphen(piece: str) -> str:
    """ "s-C" → "s-C", "I" → "i": a piece's capital is a misread, but after a hyphen it
    starts the firm's next name."""
    head, hyphen, tail = piece.partition("-")
    return head.lower() + hyphen + (tail[:1] + _lower_but_after_hyphen(tail[1:]) if tail else "")


def _hyphen_as_in_domain(company: str, domains: Sequence[str]) -> str:
    """ "Baker.Brown" beside baker-brown.ca → "Baker-Brown": the hyphen the domain spells,
    read as a dot or a comma."""
    hyphenated = {domain for domain in domains if "-" in domain}

    def mend(match: re.Match[str]) -> str:
        hyphened = re.sub(r"[.,_]", "-", match.group(0))
        return hyphened if _fold(hyphened) in hyphenated else match.group(0)

    return _JOINED_WORDS.sub(mend, company) if hyphenated else company


_JOINED_WORDS = re.compile(r"[^\W\d_]+(?:[.,_][^\W\d_]+)+")


def _stray_mark_after_domain_name(company: str, domains: Sequence[str]) -> str:
    """ "AstraZeneca 2" beside astrazeneca.com → "AstraZeneca", "KEMA A..." beside kema.nl:
    a lone digit or mark, or a letter trailing marks, after the words that spell the domain
    is a piece of the logo or the next line."""
    head, _, last = company.rpartition(" ")
    lone = len(last) == 1 and not last.isalpha()
    trailing = sum(ch.isalnum() for ch in last) == 1 and len(last) >= 3
    if (lone or trailing) and _letters(head) in domains:
        return head
    return company


def _cut_after_legal_form(company: str) -> str:
    """ "COMERCIO TECNOLOGIA LTDA aline" → "COMERCIO TECNOLOGIA LTDA": small-letter words
    after the legal form are another field's (an email's first name split off its row)."""
    words = company.split()
    forms = [i for i, w in enumerate(words[1:], start=1) if _letters(w) in lexicon.LEGAL_SUFFIXES]
    if not forms or forms[-1] == len(words) - 1:
        return company
    after = words[forms[-1] + 1 :]
    return " ".join(words[: forms[-1] + 1]) if all(w.islower() for w in after) else company


def _rule_after_legal_form(company: str) -> str:
    """ "Koch Metall AGI" → "Koch Metall AG": a printed rule (or the card's edge) read as an
    "I" or "|" glued to the legal form that ends the company; a speck read as a small letter
    glued to a form in capitals ("Delaunay Goncalves SAj")."""
    head, _, last = company.rpartition(" ")
    form = last[:-1]
    speck = last[-1:] in ("I", "|") or last[-1:].islower()
    glued = head and len(form) >= 2 and speck and form.isupper()
    if glued and form.lower() in lexicon.LEGAL_SUFFIXES:
        return company if last.lower() in lexicon.LEGAL_SUFFIXES else f"{head} {form}"
    return company


def _marks_before_domain_words(company: str, domains: Sequence[str]) -> str:
    """ "4 IM Tejo Serviços Lda." beside tejoservicos.com → "Tejo Serviços Lda.": a logo's
    strokes read as marks or stray capitals before the words that spell the domain (all of
    them: "D NV Digital Albion Ltd." beside digitalalbion.com, a legal form there is a mark)."""
    words = company.split()
    marked = company
    spelt = {_letters(d) for d in domains}  # "McGeown-Dixon" spells mcgeown-dixon.ie
    for start in range(1, len(words)):
        if not all(_logo_mark(word) for word in words[:start]):
            break
        if words[start - 1].lower() in _AND and start >= 2 and words[start - 2][:1].isupper():
            continue  # "Sá e Filhos" (its accent lost) beside filhos.com.br: no name starts "e"
        if start == 1 and re.fullmatch(r"[A-Z]{2}", words[0]):
            continue  # "BT Nederland" beside nederland.nl: initials alone before the name
        named = [w for w in words[start:] if _letters(w) not in lexicon.LEGAL_SUFFIXES]
        # (nearly: accents the page's language pack misreads, "Solucdes Tejo")
        spelled = _spelt_nearly(_letters("".join(named)), spelt)
        # Lone letters, small letters or marks before a name the domain begins ("L A Lumière
        # Atlantique" beside lumiere.fr, "46.8 Tecnología Mediterráneo" beside tecnologia.es,
        # "yt. NORDWERK RHEINTAL GMBH" beside nordwerk.com, "i Bender-Scott" beside bender.ca,
        # "1355] Engenharia Solucées" beside engenhariasolucoes.pt) are marks too; "AB
        # Lumière" keeps its initials.
        marks = all(
            sum(ch.isalpha() for ch in w) <= 1
            or not any(ch.isupper() for ch in w)
            or _LOGO_STROKE.search(w)
            for w in words[:start]
        )
        first = _letters(named[0].split("-")[0]) if named else ""
        begun = marks and len(first) >= 4 and any(d.startswith(first) for d in spelt)
        if _letters(words[start]) and named and (spelled or begun):
            marked = " ".join(words[start:])
    return marked


def _small_word_before_domain_words(company: str, domains: Sequence[str]) -> str:
    """ "pava Logistik Maschinenbau GmbH" beside logistikmaschinenbau.de: a word in small
    letters that no domain spells, before capitalised words that spell one whole, is a logo's
    lettering read as a word (a particle or "and" is the name's)."""
    first, _, rest = company.partition(" ")
    if not (first.isalpha() and first.islower() and len(first) >= 3):
        return company
    if first in _NAME_PARTICLES or first in _AND:
        return company
    spelt = {_letters(d) for d in domains}
    named = [w for w in rest.split() if _letters(w) not in lexicon.LEGAL_SUFFIXES]
    capitalised = bool(named) and all(w[:1].isupper() for w in named)
    whole = _letters("".join(named)) in spelt
    return (
        rest if capitalised and whole and not any(_letters(first) in s for s in spelt) else company
    )


def _spelt_nearly(letters: str, spelt: set[str]) -> bool:
    """Spelled by a domain, or nearly: a slip in 8 letters, two in 12 ("Solugdes Tejo")."""
    slips = (len(letters) >= 8) + (len(letters) >= 12)
    return any(Levenshtein.distance(letters, d) <= slips for d in spelt)


# "\pl" before "Paulista Tecnologia": no word holds these
_LOGO_STROKE = re.compile(r"[\\\[\]{}|<>~^]")
_AND = frozenset(["and", "&", "e", "y", "et", "und", "i"])


def _logo_mark(word: str) -> bool:
    """Not a word of a name: a mark, a digit, or one or two stray letters (a particle is the
    name's: "da Conceição" beside conceicao.com.br, "Da Costa S.A." beside costa.fr, the Dutch
    "'s" of "'s Gravensande Groep")."""
    if word in ("'s", "’s"):
        return False
    particle = word[1:].islower() and word.lower() in _NAME_PARTICLES
    return not word.isalpha() or (len(word) <= 2 and not particle)


def _head_from_domains(company: str, domains: Sequence[str]) -> str:
    """ "stemi Nord S.n.c." beside sisteminord.it → "Sistemi Nord S.n.c.": the first letters
    of the name hidden by a logo square, spelled by a domain that goes on as the name does;
    "lichel Numérique" beside michelnumerique.com, "praun GmbH" beside braun.ch: its capital
    misread as a small letter; "3 tlantique Lumière SARL" beside atlantiquelumiere.com: its
    capital read as a mark of its own."""
    mark, _, rest = company.partition(" ")
    lone_mark = len(mark) == 1 and not mark.isalpha() and rest[:1].islower()
    if lone_mark and (mended := _head_from_domains(rest, domains)) != rest:
        return mended
    first = company.partition(" ")[0]
    if not (first.isalpha() and first[0].islower() and len(first) >= 4):
        return company  # a name begins with a capital: "Tech Ltd" beside mytech.com stays
    spelled = _fold(re.sub(r"[^\w]", "", company))
    for domain in domains:
        misread = spelled[0] != domain[0] and spelled[1:].startswith(domain[1:])
        if misread and len(domain) >= len(first) and domain[0].isalpha():
            return domain[0].upper() + company[1:]
        for lost in (1, 2, 3):
            rest = domain[lost:]
            if len(rest) >= len(first) and spelled.startswith(rest) and domain[:lost].isalpha():
                return domain[:lost].capitalize() + company
    return company


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _name_shape(text: str) -> float:
    """1.0 for "Mario Rossi" / "MARIO ROSSI" / "Joey K. Smith"; 0 for anything else."""
    words = text.split()
    if not 1 <= len(words) <= 4 or any(ch.isdigit() for ch in text) or len(text) > 40:
        return 0.0
    core = [w for w in words if w.lower() not in _NAME_PARTICLES]
    if not core or not all(_NAME_WORD.match(w.strip(",")) for w in core):
        return 0.0
    if len(core) == 1:
        return 0.35
    return 1.0


def _read_surely(segment: _Segment) -> bool:
    """Read at UNSURE_NAME or better, or with a word of the accent lists read with some accent
    ("Luciana Simòes"): Tesseract is unsure of such letters, not of the words."""
    return segment.conf >= UNSURE_NAME or any(
        not word.isascii() and lexicon.skeleton(word) in lexicon.any_accent_skeleton()
        for word in segment.rest.split()
    )


def _email_matches_whole_name(text: str, locals_: Sequence[str]) -> bool:
    """Every part of "Sergio Gonzalez" in "sergio.gonzalez@": more than a shared surname."""
    parts = [p for p in re.split(r"[\s.\-']+", _fold(text)) if len(p) >= 3]
    plains = [re.sub(r"[^a-z]", "", local) for local in locals_]
    return len(parts) >= 2 and any(all(p in plain for p in parts) for plain in plains)


def _email_spells_name(text: str, locals_: Sequence[str]) -> bool:
    """The local part is the name, each word whole or as its initial ("asales@" for "Antony
    Sales", "antony.sales@"), one word at least whole: a person, whatever the words mean."""
    parts = [p for p in re.split(r"[\s.\-']+", _fold(text)) if p]
    if not 2 <= len(parts) <= 4:
        return False
    plains = {re.sub(r"[^a-z]", "", local) for local in locals_}
    return any(
        "".join(p if whole else p[0] for p, whole in zip(parts, wholes, strict=True)) in plains
        for wholes in product((True, False), repeat=len(parts))
        if any(whole and len(p) >= 3 for p, whole in zip(parts, wholes, strict=True))
    )


def _email_names_apart_from_domain(
    text: str, locals_: Sequence[str], domains: Sequence[str]
) -> bool:
    """ "John Morgan" beside jmorgan@johnson.com.au: the email spells a part of the name that
    the domain does not (the domain only began like the first name): the person's."""
    parts = [p for p in re.split(r"[\s.\-']+", _fold(text)) if len(p) >= 3]
    plains = [re.sub(r"[^a-z]", "", local) for local in locals_]
    return any(
        any(part in plain for plain in plains) and not any(part in d for d in domains)
        for part in parts
    )


def _email_matches_name(text: str, locals_: Sequence[str]) -> bool:
    """A part of the name in the email's local part; a long part with one letter misread
    counts too ("Laura Lépez" beside l.lopez@, read with the accent on the wrong vowel)."""
    spellings = {_fold(text), _fold(_UMLAUT_SPELLED.sub(_umlaut_spelled, text))}  # "guenther@"
    parts = [p for s in spellings for p in re.split(r"[\s.\-']+", s) if len(p) >= 3]
    for local in locals_:
        plain = re.sub(r"[^a-z]", "", local)
        if any(part in plain or _one_letter_off_in(part, plain) for part in parts):
            return True
    return False


def _one_letter_off_in(part: str, plain: str) -> bool:
    if len(part) < 5:
        return False
    windows = (plain[i : i + len(part)] for i in range(len(plain) - len(part) + 1))
    return any(sum(a != b for a, b in zip(part, w, strict=True)) == 1 for w in windows)


def _score(
    segment: _Segment,
    heights: list[int],
    domains: Sequence[str],
    locals_: Sequence[str],
    title_lines: frozenset[int] = frozenset(),
) -> _Candidate:
    text = segment.rest
    title = _title_strength(text)
    legal = _legal_suffix(text)
    org_word = _company_words(text)
    domain = max(_domain_similarity(text, domains), _acronym_match(text, domains))
    shape = _name_shape(text)
    rank = heights.index(segment.height) if segment.height in heights else len(heights)
    size_bonus = 0.15 if rank == 0 else (0.08 if rank == 1 else 0.0)

    name = 0.0
    # "Antony Sales" beside asales@, or printed largest: a surname that is a title word
    # still names the person (marked down when no address spells it)
    spelled = _email_spells_name(text, locals_)
    job_surname = bool(title) and _title_words(text) < 2 and not _title_strength(text.split()[0])
    if (
        shape
        and not legal
        and not org_word
        and (not title or (job_surname and (spelled or rank == 0)))
    ):
        name = 0.45 * shape + size_bonus - (0.2 if title and not spelled else 0.0)
        whole_name = _email_matches_whole_name(text, locals_)
        owned = whole_name or _email_names_apart_from_domain(text, locals_, domains)
        if _firm_named(text, domains) and not owned:
            # "Rossi Costruzioni" beside rossi.it: the firm, not a person; the surname its
            # owner's address shares is the firm's too ("Rodriguez Mediterraneo" beside
            # pablorodriguez@rodriguezmediterraneo.es)
            name -= 0.3
        elif _email_matches_name(text, locals_):
            name += 0.35 + (0.1 if whole_name else 0.0)
        if {segment.line - 1, segment.line + 1} & title_lines:
            name += 0.1  # the job title is printed right under (or over) the name
        if _HONORIFIC.match(text):
            name += 0.15
        if not _read_surely(segment):
            name -= 0.15
    company = 0.1 + (0.55 if legal else 0) + (0.35 if org_word else 0)
    company += 0.5 if domain >= 0.85 else (0.25 if domain >= 0.7 else 0)
    # a title word in what spells the card's domain is the firm's name ("Hug & Partner")
    company += size_bonus / 2 - (0.3 if title and not legal and domain < 0.85 else 0)
    title_score = 0.0
    if title and not legal and not any(ch.isdigit() for ch in _ORDINALS.sub("", text)):
        title_score = (
            0.6
            + 0.1 * (title - 1)
            + (0.1 if _title_words(text) >= 2 else 0)
            - (0.1 if org_word else 0)
            - (0.2 if domain >= 0.85 else 0)
        )
    if text[:1].islower() and text.startswith(_CONNECTORS) and domain < 0.85:
        # "and Ocean Engineering" continues a line; "de Jager & Verhaar" by jager.nl is a firm
        return _Candidate(segment, 0.0, 0.0, 0.0)
    return _Candidate(segment, max(name, 0.0), max(title_score, 0.0), max(company, 0.0))


def _assign_people(
    segments: list[_Segment], domains: list[str], emails: list[str]
) -> dict[str, _Found]:
    locals_ = [e.partition("@")[0] for e in emails]
    for segment in segments:
        spaced = _name_spaced_as_email(segment.rest, emails)
        segment.rest = _i_and_l_as_email(_digit_in_name_as_email(spaced, emails), emails)
        segment.rest = _initial_lost_as_email(segment.rest, emails)
        segment.rest = _umlauts_from_addresses(segment.rest, emails)
        segment.conf = _rest_conf(segment)
    pool = [
        part
        for s in segments
        if s.rest and re.search(r"[A-Za-zÀ-ÿ]{2}", s.rest) and not _garbled(s.rest)
        for part in _split_people(s, locals_)
        if len(part.rest) <= 100 and not part.rest.startswith("@")  # an email's remains
    ]
    if not pool:
        return {}
    heights = sorted(
        {s.height for s in pool if _read_surely(s) and _headline(s.rest)},
        reverse=True,
    )
    title_lines = frozenset(
        s.line for s in pool if _title_hit(s.rest) and not _legal_suffix(s.rest)
    )
    scored = _titles_under_name([_score(s, heights, domains, locals_, title_lines) for s in pool])
    candidates = sorted(scored, key=lambda c: -max(c.name, c.title, c.company))[:12]
    thresholds = {"name": NAME_THRESHOLD, "title": 0.45, "company": 0.45}
    choice = _best_assignment(candidates, thresholds)
    found: dict[str, _Found] = {}
    used = {id(c.segment) for c in choice.values()}
    for role, candidate in choice.items():
        score = getattr(candidate, role)
        text = _clean_value(candidate.segment.rest)
        if role in ("title", "company"):
            text = _with_continuations(text, candidate.segment, pool, used, role)
        if role == "title":
            text = _title_words_fixed(text)
        if role == "company":
            text = _without_stray_bracket(_legal_form_fixed(text))
        text = _HALF_DOTTED.sub(lambda m: ".".join(m.group(0).replace(".", "")), text)
        # the longer the text, the likelier one slip in it: long values are never sure
        ceiling = 0.96 if len(text) <= 35 else 0.88
        found[role] = _Found(
            text, min(ceiling, score) * _ocr_factor(candidate.segment.conf), candidate.segment.box
        )
    return found


# "L.LC", "LL.C", "S.rl": a legal form with some of its dots lost is printed with all of them.
_HALF_DOTTED = re.compile(r"\b(?:L\.LC|LL\.C|S\.rl|Sr\.l|S\.pA|Sp\.A)\b", re.I)


# Dotted legal forms, by their letters: a final "S.L_U" or "Ltdai" is one of these misread.
_DOTTED_FORMS = {
    "ltda": "Ltda.",
    "slu": "S.L.U.",
    "sl": "S.L.",
    "sa": "S.A.",
    "srl": "S.r.l.",
    "srls": "S.r.l.s.",
    "spa": "S.p.A.",
    "snc": "S.n.c.",
    "sas": "S.a.s.",
    "inc": "Inc.",
    "ltd": "Ltd.",
    "corp": "Corp.",
}


_SRL_CUT = re.compile(r"[sS]\.[rR]\.?")
_EV_CUT = re.compile(r"e\.?V\.?")
_LTD_T_AS_I = re.compile(r"Lid(?:a?\.?|l)")  # "Lidl": its dot read as an l too
_LEGAL_FORM_SLIP = re.compile(r"[_,;:]|[.][il]$|[a-z][il]$|[A-Za-z.][}\]|'’îíì]$|[.][A-Z][a-z]")


def _without_stray_bracket(text: str) -> str:
    """ "Gutierrez}": a rule or a speck after the last letter, no bracket opened before."""
    return text[:-1] if text[-1:] in "}]" and not re.search(r"[{\[]", text) else text


def _legal_form_fixed(text: str) -> str:
    """ "Acme S.L_U" → "Acme S.L.U.", "Acme Ltdai" → "Acme Ltda.": a legal form at the end,
    its dots read as "_", "," or a trailing "i"/"l", its last dot as a mark ("Ltda}", "S.p.Aî"),
    a dot and a small letter as one capital ("S.r.Ls.")."""
    head, _, last = text.rpartition(" ")
    if head and last == "By" and head.split()[-1][:1].isupper():  # "Kolen By": a Dutch BV
        return f"{head} BV"
    if head and _LTD_T_AS_I.fullmatch(last):  # "Chapman Lid", "Paulista Brasil Lida"
        return f"{head} {last.replace('i', 't', 1).replace('dl', 'd.')}"
    if head and _EV_CUT.fullmatch(last):  # "Simic Mayrhofer eV.": a German society's dot lost
        return f"{head} e.V."
    if head and _SRL_CUT.fullmatch(last):  # "Muti-Einaudi s.r.": the thin "l" lost
        return f"{head} {last[:3]}.{'L' if last[2].isupper() else 'l'}."
    if head and (form := _capitals_slipped_form(last)):  # "Jones Group PLG"
        return f"{head} {form}"
    if not head or not _LEGAL_FORM_SLIP.search(last):
        return text
    letters = re.sub(r"[^a-z]", "", last.lower())
    form = _DOTTED_FORMS.get(letters) or (
        _DOTTED_FORMS.get(letters[:-1])
        if len(letters) >= 4 and letters[-1] in "il" and "." not in last[:-1]
        else None
    )
    if form is None:
        return text
    return f"{head} {form.upper() if last.isupper() or last[:-1].isupper() else form}"


# Capitals OCR confuses: "PLG", "LLG" for PLC, LLC; "SRI" for SRL; "LTO" for LTD.
_CAPITAL_SLIPS = {"G": "C", "C": "G", "I": "L", "L": "I", "O": "D", "D": "O"}
_NO_SLIP = frozenset(["ING", "GIE"])  # a bank, a French grouping: not INC, CIE misread


def _capitals_slipped_form(word: str) -> str | None:
    """The legal form a word in capitals is with one of its letters misread, if one is."""
    if not (word.isupper() and word.isalpha() and 3 <= len(word) <= 4) or word in _NO_SLIP:
        return None
    if word.lower() in lexicon.LEGAL_SUFFIXES:
        return None
    for at, letter in enumerate(word):
        form = word[:at] + _CAPITAL_SLIPS.get(letter, letter) + word[at + 1 :]
        if form != word and form.lower() in lexicon.LEGAL_SUFFIXES:
            return form
    if word[:3] in _ENGLISH_FORMS:  # "LTDM": a speck after the form read as a letter
        return word[:3]
    return None


_ENGLISH_FORMS = ("LTD", "INC", "LLC", "LLP", "PLC")


def _headline(text: str) -> bool:
    """Text that can compete on height: a few real words, not a sentence or a stray mark."""
    return sum(ch.isalnum() for ch in text) >= 4 and len(text.split()) <= 6


def _garbled(text: str) -> bool:
    """OCR noise from pictures: mostly symbols, or mostly one- and two-letter tokens."""
    visible = [ch for ch in text if not ch.isspace()]
    symbols = sum(not (ch.isalnum() or ch in ".,&'-/()") for ch in visible)
    tokens = text.split()
    # "&" and legal forms are short but no noise: "Conradi GmbH & Co. KG"
    short = sum(
        len(t.strip(".,")) <= 2 and t != "&" and t.strip(".,").lower() not in lexicon.LEGAL_SUFFIXES
        for t in tokens
    )
    return symbols > len(visible) * 0.2 or (len(tokens) >= 4 and short > len(tokens) / 2)


# A space before a lowercase piece, unless the piece is a particle ("Johanna van der Laan").
_PARTICLE_ALTERNATIVES = "|".join(sorted((p for p in _NAME_PARTICLES if len(p) >= 2), key=len))
_SPACE_INSIDE_WORD = re.compile(
    rf"(?<=[A-Za-zÀ-ÿ]) (?!(?:{_PARTICLE_ALTERNATIVES})(?: |$))(?=[a-zà-ÿ])"
)


def _name_spaced_as_email(text: str, emails: Sequence[str]) -> str:
    """OCR spaces inside a name's words ("Ca rlos Ru iz" beside carlos.ruiz@…, "Francesca
    G reco" beside francesca@greco.it). Joined only where a piece starts in lower case and
    the result spells the address's words: its local part whole, or each word the joining
    made is a word of an address (or that word's initial, "g.conti" for "G iulia Co nti")."""
    if text.isupper():
        return _capitals_joined_as_email(text, emails)
    joined = _SPACE_INSIDE_WORD.sub("", text)
    if joined == text:
        return text
    words = [_fold(w) for w in joined.split()]
    made = [w for w in words if w not in {_fold(piece) for piece in text.split()}]
    for email in emails:
        parts = [p for p in re.split(r"[._@-]", email.lower()) if p]
        local = [p for p in re.split(r"[._-]", email.lower().partition("@")[0]) if p]
        if words == local or (len(words) >= 2 and local == ["".join(words)]):
            return joined
        if _email_spells_name(joined, [email.partition("@")[0]]):  # "C h i a ra Ri cci", cricci@
            return joined
        spelled = [w for w in made if w in parts or any(p[1:] == w for p in local)]
        initials = [w for w in made if w not in spelled and w[:1] in local]
        if spelled and len(spelled) + len(initials) == len(made):
            return joined
    return text


def _capitals_joined_as_email(text: str, emails: Sequence[str]) -> str:
    """ "GABRIEL RI BEIRO" beside gribeiro@ or g.ribeiro@: two pieces of a line in capitals
    joined where the address's local part spells the word they make: one of its parts, or a
    part after its initial (not a whole "giuliarossi@", which runs two words together, nor
    the domain, which may run a firm's)."""
    locals_ = [e.lower().partition("@")[0] for e in emails]
    parts = [p for local in locals_ for p in re.split(r"[._-]", local) if p]
    spelled = {p for p in parts if p not in locals_} | {p[1:] for p in parts if len(p) > 4}
    pieces = text.split()
    for i in range(len(pieces) - 1):
        # a piece of three letters at most: "ANNA MARIA" beside annamaria.rossi@ is two names
        short = min(len(pieces[i]), len(pieces[i + 1])) <= 3
        if short and _fold(pieces[i] + pieces[i + 1]) in spelled:
            return " ".join([*pieces[:i], pieces[i] + pieces[i + 1], *pieces[i + 2 :]])
    return text


_FIRST_AND_CUT_WORD = re.compile(r"\b([A-ZÀ-Þ][a-zà-ÿ]+) ([a-zà-ÿ]{4,})\b")
_CUT_AND_SURNAME = re.compile(r"^([a-zà-ÿ]{3,}) ([A-ZÀ-Þ][a-zà-ÿ]+)$")


def _initial_lost_as_email(text: str, emails: Sequence[str]) -> str:
    """ "Claire aurent" beside claurent@…: a surname's capital lost (at a column's edge), put
    back where the address spells the first name or its initial, then that letter and the
    rest of the surname; "melia Smith" beside ameliasmith@: the first name's, where the
    address spells the whole name."""
    locals_ = [e.partition("@")[0].lower() for e in emails]

    def fix_first(match: re.Match[str]) -> str:
        cut, surname = _fold(match.group(1)), _fold(match.group(2))
        for plain in (re.sub(r"[^a-z]", "", local) for local in locals_):
            if len(plain) == len(cut + surname) + 1 and plain.endswith(cut + surname):
                return f"{plain[0].upper()}{match.group(1)} {match.group(2)}"
        return match.group(0)

    def fix(match: re.Match[str]) -> str:
        first, cut = _fold(match.group(1)), _fold(match.group(2))
        for local in locals_:
            if not local.endswith(cut) or len(local) < len(cut) + 2:
                continue
            lost, head = local[-len(cut) - 1], local[: -len(cut) - 1]
            if lost.isalpha() and head.rstrip(".") in {first, first[0]}:
                return f"{match.group(1)} {lost.upper()}{match.group(2)}"
        return match.group(0)

    return _CUT_AND_SURNAME.sub(fix_first, _FIRST_AND_CUT_WORD.sub(fix, text))


_DIGIT_IN_WORD = re.compile(r"\b[A-Z][a-z]*\d[a-z]+\b")


def _digit_in_name_as_email(text: str, emails: Sequence[str]) -> str:
    """ "Pablo G6mez" beside p.gomez@…: an accented letter read as a digit, put back as the
    address spells it (the accent comes back with the card's language); "pablolopez@" spells
    "L6pez" by its end."""
    parts = _local_words(emails)

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        at = next(i for i, ch in enumerate(word) if ch.isdigit())
        ends = {
            end
            for part in parts
            if len(part) > len(word)
            for end in (part[: len(word)], part[-len(word) :])
        }
        for part in sorted(parts | ends):
            if (
                len(part) == len(word)
                and part[:at] + part[at + 1 :] == (word[:at] + word[at + 1 :]).lower()
                and part[at].isalpha()
            ):
                return word[:at] + part[at] + word[at + 1 :]
        return word

    return _DIGIT_IN_WORD.sub(fix, text)


def _local_words(emails: Sequence[str]) -> set[str]:
    """The words of the emails' local parts, each also without its first letter ("pgomez":
    an initial before the surname)."""
    parts = {p for e in emails for p in re.split(r"[._-]", e.partition("@")[0].lower()) if p}
    return parts | {p[1:] for p in parts}


def _i_and_l_as_email(text: str, emails: Sequence[str]) -> str:
    """ "Giuseppina lacobucci" beside giacobucci@…: a capital I read as a small l, put back
    where the address spells the word with an i; a small l read as a capital I inside a word,
    where it spells the word with an l."""
    parts = _local_words(emails)

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        return "I" + word[1:] if "i" + word[1:] in parts else word

    def fix_inner(match: re.Match[str]) -> str:
        word = match.group(0)
        spelled = re.sub(r"(?<=[a-zà-ÿ])I(?=[a-zà-ÿ])", "l", word)
        return spelled if spelled.lower() in parts else word

    text = re.sub(r"(?<![\w@.])l[a-zà-ÿ]{3,}\b(?![@.])", fix, text)
    text = _short_first_name_i(text, emails)
    # and the other way: "WohImuth" beside c.wohlmuth@…, a small l read as a capital I
    return re.sub(r"\b[A-ZÀ-Ýa-zà-ÿ]*[a-zà-ÿ]I[a-zà-ÿ][A-ZÀ-Ýa-zà-ÿ]*\b", fix_inner, text)


def _short_first_name_i(text: str, emails: Sequence[str]) -> str:
    """ "lan da Mata" beside idamata@: a short first name's capital I read as a small l, put back
    where the address spells the initial i and the rest of the name."""
    first, _, rest = text.partition(" ")
    if not re.fullmatch(r"l[a-zà-ÿ]{1,3}", first) or not rest:
        return text
    spelled = re.sub(r"[^a-z]", "", _fold(rest).lower())
    compact = {re.sub(r"[^a-z]", "", e.partition("@")[0].lower()) for e in emails}
    if compact & {"i" + spelled, "i" + _fold(first[1:]) + spelled}:
        return f"I{first[1:]} {rest}"
    return text


def _split_people(segment: _Segment, locals_: Sequence[str]) -> list[_Segment]:
    """Split "Tim Butler Director of operations", "Eric Rothenberg, Owner, ..." and
    "Grade Teacher, Mount Pilot Elementary School" into their name/title/company parts."""
    text = segment.rest
    parts = [p.strip() for p in text.split(",") if p.strip()]
    words = text.split()
    for cut in range(2, min(4, len(words) - 1) + 1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        marked = head.endswith(",") or _email_matches_name(head, locals_)
        head = head.rstrip(",")
        named = _name_shape(head) == 1.0 or _email_matches_name(head, locals_)
        joined = f"{words[cut - 1].lower()} " in _CONNECTORS  # "Isler & Partner": one firm
        if (
            marked
            and named
            and not joined
            and not _surname_in_email(tail, locals_)
            and not _title_hit(head)
            and _title_hit(tail.split(",")[0])
        ):
            return [_part(segment, head), *_split_people(_part(segment, tail), locals_)]
    if len(parts) >= 2:
        kinds = [_part_kind(p) for p in parts]
        if "title" in kinds and ("company" in kinds or "noise" in kinds):
            return [_part(segment, p) for p in _merge_kinds(parts, kinds)]
    return [segment]


def _surname_in_email(tail: str, locals_: Sequence[str]) -> bool:
    """ "Ana Luiza Sales" beside aluizasales@: a last word that is a job ("Sales") but that the
    address spells after the name is the surname."""
    word = _fold(tail).lower()
    return (
        len(tail.split()) == 1
        and len(word) >= 4
        and any(local.lower().endswith(word) for local in locals_)
    )


def _part_kind(text: str) -> str:
    # "Teacher, primary school": a firm's name is capitalised, a job's qualifier need not be
    firm_words = _company_words(text) and len(text.split()) >= 2 and not text[:1].islower()
    if _legal_suffix(text) or firm_words:
        return "company"
    if _title_hit(text):
        return "title"
    return "noise" if any(ch.isdigit() for ch in text) else "other"


def _merge_kinds(parts: list[str], kinds: list[str]) -> list[str]:
    """Consecutive comma parts of the same kind stay together ("Director, Sales")."""
    merged: list[str] = []
    previous = ""
    for part, kind in zip(parts, kinds, strict=True):
        if merged and kind in (previous, "other"):
            merged[-1] += ", " + part
        else:
            merged.append(part)
            previous = kind
    return merged


def _part(segment: _Segment, text: str) -> _Segment:
    return _Segment(text, segment.line, segment.box, segment.height, segment.conf, segment.column)


_DEPARTMENT_WORDS = _wordset(
    "section department dept division office team unit group abteilung bereich reparto "
    "ufficio servizio area área departamento setor sector service direction département"
)
_CONNECTORS = ("and ", "und ", "e ", "et ", "y ", "& ", "of ", "for ", "di ", "de ", "des ")


def _with_continuations(
    text: str, segment: _Segment, pool: list[_Segment], used: set[int], role: str
) -> str:
    """Append the lines that continue a title ("Management Section") or a name cut in two
    ("... Social Informatics" / "and Telecommunications Engineering")."""
    if role == "title":
        text = _with_qualifier(text, segment, pool, used)
    line = segment.line
    for follower in sorted((s for s in pool if s.line > line), key=lambda s: s.line):
        if _is_noise(follower) and not follower.rest.lower().startswith(_CONNECTORS):
            continue  # a logo mark between the two lines ("#", "pe")
        if follower.line != line + 1 and not _only_noise_between(pool, line, follower.line):
            break
        if id(follower) in used:
            break
        rest = follower.rest
        if rest.startswith(_CONNECTORS):  # lowercase: "and Telecommunications", not "DI ..."
            text += " " + rest
        elif role == "title" and any(w in _DEPARTMENT_WORDS for w in _words(rest)):
            text += ", " + rest
        else:
            break
        used.add(id(follower))
        follower.rest = ""
        line += 1
    return text


def _with_qualifier(text: str, segment: _Segment, pool: list[_Segment], used: set[int]) -> str:
    """ "Administrator, Civil Service": the part after a title's comma that no role took (the
    firm printed elsewhere) is the title's sector, split off as a firm's name might have been."""
    index = next(i for i, s in enumerate(pool) if s is segment)
    after = pool[index + 1] if index + 1 < len(pool) else None
    if after is None or after.line != segment.line or id(after) in used or not after.rest:
        return text
    if any(ch.isdigit() for ch in after.rest) or _legal_suffix(after.rest):
        return text
    used.add(id(after))
    # a comma split them; a gap between words (a column break) is no comma to print
    separator = ", " if after.column == segment.column else " "
    text, after.rest = f"{text}{separator}{after.rest}", ""
    return text


def _only_noise_between(pool: list[_Segment], first: int, last: int) -> bool:
    between = [s for s in pool if first < s.line < last]
    return last - first <= 4 and all(_is_noise(s) for s in between)


POSITIONAL_TITLE = 0.5  # just over the title threshold: a place is weaker evidence than a word
DOUBTFUL_NAME = 0.65  # under a name less likely than this, a line barely read is no title:
BARELY_READ = 0.5  # "Acessérios upc ii" (0.32) under "BATERIAS PI" (0.53), both print misread
NAME_THRESHOLD = 0.5  # the least name score that is taken as the name
# A name read less surely than this is doubted; a name with a letter the page's language pack
# does not know ("Hürlimann" read at 0.68) is read less surely than the rest of a card.
UNSURE_NAME = 0.6


def _titles_under_name(candidates: list[_Candidate]) -> list[_Candidate]:
    """The line printed right under the name, aligned with it and no taller, is the job
    title's place on a card: it may be one when no lexicon knows the job ("Acupuncturist",
    "Psychologist, clinical") and nothing marks it as a company (or another line is the
    likelier company: "Mineiro" under the name, "Carneiro" over it beside carneiro.pt), a
    name or a contact."""
    anchor = max(candidates, key=lambda c: c.name, default=None)
    if anchor is None or anchor.name < NAME_THRESHOLD:
        return candidates
    firm = max(candidates, key=lambda c: c.company)
    return [
        replace(c, title=POSITIONAL_TITLE)
        if c.title < POSITIONAL_TITLE
        and c.name < anchor.name
        and (c.company <= 0.2 or c.company < firm.company)
        and _right_under(anchor.segment.box, c.segment.box)
        and _title_shaped(c.segment.rest)
        and (anchor.name >= DOUBTFUL_NAME or c.segment.conf >= BARELY_READ)
        else c
        for c in candidates
    ]


def _right_under(above: Box, below: Box) -> bool:
    """`below` starts within most of a line's height under `above`, is not taller (bar its
    descenders: "Psychologist"), and shares its left edge, its right edge or its centre (the
    name's alignment)."""
    _, y, _, height = above
    gap = below[1] - (y + height)
    return (
        -height / 3 <= gap <= 0.8 * height
        and below[3] <= 1.15 * height
        and _aligned(above, below, 0.6 * height)
    )


def _title_shaped(text: str) -> bool:
    """A few words, letters only (a title holds no number, address or mark of a contact)."""
    words = text.split()
    letters = sum(ch.isalpha() for ch in text)
    return (
        1 <= len(words) <= 7
        and letters >= 4
        and letters >= 0.8 * sum(not ch.isspace() for ch in text)
        and not re.search(r"[\d@\\|]|www|/(?!\s?[^\W\d_])|(?<![^\W\d_])(?<![^\W\d_] )/", text, re.I)
        and not _legal_suffix(text)
        and not all(_is_label(word) for word in words)  # "Telefoon", its number taken
    )


def _best_assignment(
    candidates: list[_Candidate], thresholds: dict[str, float]
) -> dict[str, _Candidate]:
    roles = tuple(thresholds)
    options: list[_Candidate | None] = [*candidates, None, None, None]
    best: dict[str, _Candidate] = {}
    best_total = 0.0
    for trio in permutations(options, len(roles)):
        total = 0.0
        picked: dict[str, _Candidate] = {}
        for role, candidate in zip(roles, trio, strict=True):
            if candidate is None:
                continue
            score = getattr(candidate, role)
            if score < thresholds[role]:
                break
            total += score
            picked[role] = candidate
        else:
            if total > best_total:
                best, best_total = picked, total
    return best


# "Patricia Rocha È": an icon beside the line read as an accented capital, no word's end.
_STRAY_CAPITAL = re.compile(r"[À-ÖØ-Þ]")


def _clean_value(text: str) -> str:
    """Collapse spaces, trim separators and drop edge tokens without a letter or digit; a
    space read after a hyphen between two names goes ("Robinson- Lamb")."""
    words = text.split()
    while words and not any(ch.isalnum() for ch in words[0]):
        words.pop(0)
    while words and not any(ch.isalnum() for ch in words[-1]):
        words.pop()
    if len(words) > 1 and _STRAY_CAPITAL.fullmatch(words[-1]):
        words.pop()
    joined = re.sub(r"(?<=[a-zà-ÿ])- (?=[A-ZÀ-Þ][a-zà-ÿ])", "-", " ".join(words))
    return joined.strip(" ,;:-–—|°")  # "S.p.A.°": a speck read as a degree sign


def _accents_spelled_by_emails(name: str, emails: Sequence[str]) -> str:
    """ "Bruna Aratjo" beside baraujo@, "Frangois Simon" beside francois.simon@: a word of the
    name whose accented letter OCR misread (or put on the wrong letter) takes the spelling of
    any language's accent list that the email spells; the email was read right."""
    plains = [re.sub(r"[^a-z]", "", e.partition("@")[0]) for e in emails]

    def mend(match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < 4 or any(_fold(word) in plain for plain in plains):
            return word
        for language in lexicon.ACCENT_LANGUAGES:
            accented = restore_accents(word, language)
            if accented != word and any(lexicon.fold_key(accented) in p for p in plains):
                return accented
        for cedilla in re.finditer(r"g(?=[aou])", word):  # "Mendonga" beside emendonca@
            at = cedilla.start()
            accented = word[:at] + "ç" + word[at + 1 :]
            if any(lexicon.fold_key(accented) in p for p in plains):
                return accented
        return word

    return re.sub(r"[^\W\d_]+", mend, name)


def _umlauts_from_addresses(text: str, addresses: Sequence[str]) -> str:
    """ "Muller" when the email says "mueller@": the German transliteration of an umlaut
    in an email or web address shows the letter OCR read without its dots, or as two letters
    ("Ktihnert" beside kuehnert.de is "Kühnert", "Fleck Bòohm" beside fleck-boehm.at "Böhm")."""
    haystack = " ".join(a.lower() for a in addresses)
    if not re.search(r"[aou]e", haystack):
        return text

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        lowered = word.lower()
        if len(word) < 4 or lowered in haystack:
            return word
        for slip in re.finditer(_U_UMLAUT_SLIP, lowered):
            at, end = slip.span()
            if lowered[:at] + "ue" + lowered[end:] in haystack:
                return word[:at] + ("Ü" if word[at].isupper() else "ü") + word[end:]
        folded = _fold(lowered)
        if len(folded) != len(lowered):
            return word  # a ligature ("ﬁ") folds to two letters: the indices would not agree
        for index, char in enumerate(folded):
            # the umlaut read as its letter ("Muller"), with another accent, or as two ("Bòohm")
            doubled = _fold(lowered[index + 1 : index + 2]) == char
            for width in (1, 2) if doubled else (1,):
                spelled = _fold(lowered[:index]) + char + "e" + _fold(lowered[index + width :])
                if char in "aou" and spelled in haystack:
                    umlaut = {"a": "ä", "o": "ö", "u": "ü"}[char]
                    umlaut = umlaut.upper() if word[index].isupper() else umlaut
                    return word[:index] + umlaut + word[index + width :]
        return word

    return re.sub(r"[^\W\d_]+", fix, text)


# ---------------------------------------------------------------------------- result


def _build(
    emails: list[_Found],
    social: list[_Found],
    website: _Found | None,
    phones: list[tuple[Phone, float, Box]],
    phone_conf: float,
    address: _Found | None,
    people: dict[str, _Found],
) -> CardFields:
    confidence: dict[str, float] = {}
    boxes: dict[str, Box] = {}
    singles = {"website": website, "address": address, **people}
    for name, found in singles.items():
        if found is not None:
            confidence[name] = round(_clamp(found.confidence), 3)
            boxes[name] = found.box
    for name, items in (("emails", emails), ("social", social)):
        if items:
            confidence[name] = round(_clamp(min(f.confidence for f in items)), 3)
            boxes[name] = _union_box([f.box for f in items])
    if phones:
        confidence["phones"] = round(_clamp(phone_conf), 3)
        boxes["phones"] = _union_box([box for _, _, box in phones])
    for name, box in boxes.items():
        if box[0] <= 2 or box[1] <= 2:  # text touching the crop's edge may be cut off
            confidence[name] = min(confidence[name], 0.85)
    return CardFields(
        name=people["name"].value if "name" in people else None,
        title=people["title"].value if "title" in people else None,
        company=people["company"].value if "company" in people else None,
        emails=tuple(f.value for f in emails),
        phones=tuple(phone for phone, _, _ in phones),
        website=website.value if website else None,
        address=address.value if address else None,
        social=tuple(f.value for f in social),
        confidence=confidence,
        boxes=boxes,
    )


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


# ---------------------------------------------------------------------------- QR payloads


def parse_qr_payload(text: str, *, region: str | None = None) -> CardFields:
    """Read a vCard, MeCard or plain-URL QR payload (anything else gives empty fields)."""
    stripped = text.strip()
    if stripped.upper().startswith("BEGIN:VCARD"):
        values = _vcard_values(stripped)
    elif stripped.upper().startswith("MECARD:"):
        values = _mecard_values(stripped)
    elif _URL.fullmatch(stripped) or stripped.lower().startswith(("http://", "https://")):
        values = {"url": [stripped]}
    else:
        return CardFields()
    return _qr_fields(values, region)


def _vcard_values(text: str) -> dict[str, list[str]]:
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    values: dict[str, list[str]] = {}
    for line in unfolded.splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            continue
        name, *params = key.split(";")
        name = name.split(".")[-1].upper()
        value = value.replace("\\,", ",").replace("\\;", ";").replace("\\n", " ").strip()
        if name == "TEL":
            value = f"{_vcard_tel_type(params)}|{value}"
        values.setdefault(name, []).append(value)
    return values


def _vcard_tel_type(params: list[str]) -> str:
    joined = ";".join(params).lower()
    for key, kind in (
        ("cell", "mobile"),
        ("mobile", "mobile"),
        ("fax", "fax"),
        ("work", "work"),
        ("voice", "other"),
        ("home", "other"),
    ):
        if key in joined:
            return kind
    return "other"


def _mecard_values(text: str) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    body = text[len("MECARD:") :]
    for part in re.split(r"(?<!\\);", body):
        key, sep, value = part.partition(":")
        if not sep:
            continue
        value = value.replace("\\;", ";").replace("\\:", ":").replace("\\,", ",").strip()
        key = key.upper()
        if key == "N":
            last, _, first = value.partition(",")
            values["FN"] = [f"{first} {last}".strip()]
        elif key == "TEL":
            values.setdefault("TEL", []).append(f"other|{value}")
        else:
            values.setdefault({"NOTE": "NOTE"}.get(key, key), []).append(value)
    return values


def _qr_fields(values: dict[str, list[str]], region: str | None) -> CardFields:
    name = next(iter(values.get("FN") or []), None) or _vcard_name(values.get("N", [""])[0])
    urls = [u for u in values.get("URL", []) + values.get("url", []) if u]
    social = [_normalise_social(u) for u in urls if _SOCIAL_URL.fullmatch(u.strip())]
    social += [
        _normalise_url(v)
        for k, v_list in values.items()
        if k.startswith("X-SOCIALPROFILE")
        for v in v_list
    ]
    sites = [_normalise_url(u) for u in urls if not _SOCIAL_URL.fullmatch(u.strip())]
    emails = [e.lower() for e in values.get("EMAIL", []) if _EMAIL.fullmatch(e)]
    domains = [e.partition("@")[2] for e in emails] + sites
    phones = _qr_phones(values.get("TEL", []), region, domains)
    result = {
        "name": name or None,
        "title": next(iter(values.get("TITLE") or []), None) or None,
        "company": (values.get("ORG") or [""])[0].replace(";", " ").strip() or None,
        "emails": tuple(emails),
        "phones": tuple(phones),
        "website": sites[0] if sites else None,
        "address": _qr_address(values.get("ADR", [])),
        "social": tuple(social),
    }
    confidence = {key: 0.99 for key, value in result.items() if value}
    return CardFields(**result, confidence=confidence)  # type: ignore[arg-type]


def _vcard_name(n_value: str) -> str | None:
    parts = n_value.split(";")
    if len(parts) < 2:
        return n_value.strip() or None
    last, first, *more = parts
    middle = more[0] if more else ""
    return " ".join(p for p in (first, middle, last) if p.strip()) or None


def _qr_address(adr_values: list[str]) -> str | None:
    if not adr_values:
        return None
    parts = [p.strip() for p in re.split(r"(?<!\\);|,", adr_values[0]) if p.strip()]
    return ", ".join(parts) or None


def _qr_phones(tels: list[str], region: str | None, domains: list[str]) -> list[Phone]:
    guess = guess_regions([], hint=region, lang="", domains=domains)
    phones: list[Phone] = []
    for entry in tels:
        kind, _, raw = entry.partition("|")
        hits = find_phones([raw.replace("tel:", "")], guess)
        phones += [
            Phone(h.phone.number, kind, raw)
            for h in hits
            if h.phone.number not in {p.number for p in phones}
        ]
    return phones

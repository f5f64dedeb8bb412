"""Post-OCR repairs applied to each recognised line BEFORE field parsing.

Tesseract's slips on business cards are few and systematic: spaces around the dots and the
"@" of emails and web addresses, letters for digits inside phone numbers and postcodes
("O2", "l234"), stray quotes or pipes at line ends, and "rn" read for "m" (or back).
Each repair here is small and conservative: it fires only where the context makes the
intended text unambiguous, so a correctly read line passes through unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from rapidfuzz.distance import Levenshtein

from ocr import lexicon

# TLDs we trust enough to glue a split "acme. it" back together (lowercase only).
COMMON_TLDS = (
    "com",
    "net",
    "org",
    "info",
    "biz",
    "edu",
    "gov",
    "io",
    "co",
    "eu",
    "it",
    "de",
    "fr",
    "es",
    "pt",
    "br",
    "ch",
    "at",
    "be",
    "nl",
    "uk",
    "ie",
    "us",
    "ca",
    "jp",
    "cn",
    "hk",
    "sg",
    "au",
    "in",
    "ae",
    "vn",
    "kr",
    "mx",
    "ar",
    "se",
    "dk",
    "no",
    "fi",
    "pl",
    "cz",
    "lu",
    "app",
    "dev",
    "ai",
    "me",
    "tv",
    "pro",
    "online",
    "studio",
    "tech",
    "shop",
    "ne",
    "ad",
    "or",
    "ac",
)
_TLD_ALT = "|".join(sorted(COMMON_TLDS, key=len, reverse=True))

# Marks at a line's ends; not the apostrophe a Dutch name begins with ("'s-Hertogenbosch",
# "'s Gravensande Groep"), which Tesseract reads as an opening quote.
_EDGE_JUNK = re.compile(r"^(?!'s[- ][A-Z])[\s'\"`|‘’“”«»~_=*,;]+|[\s'\"`|‘’“”«»~_=*,;]+$")
_DUTCH_TOWN_QUOTE = re.compile(r"(?<!\S)[‘’`](?=s[- ][A-Z])")
# "acme. it", "acme .com", "acme , com" — only lowercase TLDs that end the token.
# Endings that are also everyday words: after a comma ("acme.com, or call") they stay words.
_WORDLIKE_TLDS = "or|in|it|me|no|at|be|us|de|es|ne|ad|ac|co|do|so|an|to"
_DOT_SPLIT = re.compile(
    rf"(?<=[a-z0-9-])\s*(?:\.|,(?!\s*(?:{_WORDLIKE_TLDS})\b))\s+({_TLD_ALT})\b(?![.@-]?\w)|"
    rf"(?<=[a-z0-9-])\s+\.\s*({_TLD_ALT})\b"
)
# "acme.com. br" / "acme.co .uk" after a first dot has already joined.
_SECOND_LEVEL = re.compile(
    r"(\.(?:com|co|org|net|gov|edu|ne|or|ac))(?:\s*\.\s*([a-z]{2})|\s*,\s*"
    r"(br|uk|jp|au|ar|mx|pt|tr|za|nz|hk|sg|cn|kr|tw|ve|pe|ec|uy|py|bo|cl|vn|my|ph))\b"
)
# "carvalhonovaterra com.br": the dot before a country's second-level ending read as a space
# (a name of five letters or more; "com.br" follows no word of a sentence).
_SPACED_SECOND_LEVEL = re.compile(
    r"(?<![\w.@])([a-z0-9-]{5,}) (?=(?:com|co|org|net|gov|edu)\.(?:br|uk|au|ar|mx|pt|tr|za|nz)\b)"
)
# "ana@acme.com br": an email's country ending after a space (its dot not read).
_EMAIL_SPACED_COUNTRY = re.compile(
    r"(@[\w-]+(?:\.[\w-]+)*\.(?:com|co|org|net|gov|edu))\s+"
    r"(br|uk|jp|au|ar|mx|pt|tr|za|nz|hk|sg|cn|kr|tw|ve|pe|ec|uy|py|bo|cl|vn|my|ph)\b(?![.@-]?\w)"
)
_AT_SPLIT = re.compile(r"(?<=[\w.+-])\s*[@©®]\s*(?=[\w-]+\s*[.,]\s*[a-z]{2,})")
# "camille. moreau@acme.fr": a space read after a dot inside an email's local part (not the
# label's: "E-mail. alix@acme.ie", nor what is left of it: "-mail. karen@", "rreo. carmina@").
_LOCAL_DOT_SPLIT = re.compile(
    r"(?<![\w.])(?!-?(?:e-?mail|mail|c?o?rrei?o|courriel)\.)([a-z0-9_-]+\.)\s+(?=[a-z0-9._-]+@)"
)
# "ww.acme.it", "wvw.acme.it", "vvww.acme.it", "wwwr.acme.it" (a speck beside the dot read as a
# letter, or as a hyphen: "Ww-.tecno.it", "www-.ellis-plc.ca") at the start of a web address.
_WWW_SLIP = re.compile(
    r"(?<![\w.@])(?:ww|wvw|vvw|vwv|vvww|wwv|www[a-z]|www(?=-))-?\.(?=[a-z0-9-]+\.[a-z])(?![\w.-]*@)",
    re.I,
)
# "www-silva-ltd.ca": the dot after "www" read as a hyphen.
_WWW_HYPHEN = re.compile(r"(?<![\w.@-])(www|WWW)-(?=[a-z0-9-]+\.[a-z]{2,}\b)(?![\w.-]*@)")
# "aesposito@esposito it": an email's only dot read as a space.
_EMAIL_DOT_AS_SPACE = re.compile(rf"(@[a-z0-9-]{{2,}})\s({_TLD_ALT})(?=\s*(?:$|[|·•,;]))")
# "wwwmaschinenbau.de": the dot after "www" lost (lowercase only: "WWWF.org" may be a name).
_WWW_DOT_LOST = re.compile(r"(?<![\w.@])www(?=[a-z0-9-]{3,}\.[a-z]{2,}\b)(?![\w.-]*@)")
_EMAIL_COMMA = re.compile(rf"(@[\w-]+(?:\.[\w-]+)*),({_TLD_ALT})\b")
# A run of digits and digit look-alikes that touches no letter on either side (an accented one
# neither: "Tél01 2355" keeps its label's "l").
_DIGITISH = re.compile(r"(?<![^\W\d_])(?<![@.])[0-9OoIl|]+(?![^\W\d_])")
_DIGIT_FIXES = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
_MIDDOT_IN_NUMBER = re.compile(r"(?<=\d)\s?[·•°]\s?(?=\d)")
# "+66—(0)924-670-027": a long dash between the groups of a number (the country code lost).
_LONG_DASH_IN_NUMBER = re.compile(r"(?<=[\d)])[—–](?=[\d(])")
# Tesseract's "B" for a German "ß" ("StraBe", "GroBe", or a word's end after a vowel: "SpieB",
# "WeiB"), "Itd" for "Ltd".
_ESZETT = re.compile(r"(?<=[a-zäöü])B(?=e\b|en\b|weg\b)|(?<=[a-z][aeiouäöü])B\b")
# "ltalia", "lnternational", "lnc.": no European word starts with "l" + one of these consonants,
# so it is a capital I (not inside emails or web addresses).
_CAPITAL_I = re.compile(r"(?<![\w@./-])l(?=[tnmsrdgcvz][a-zà-ÿ]{2,}\b(?![@.]\w))")
# "Ec6nomo", "protecci6én": a "6" inside a word of letters (with the accent it was read
# beside) is an "ó" Tesseract read without the language pack (the words of emails and web
# addresses left alone).
_SIX_FOR_O_ACUTE = re.compile(r"(?<![\w@./-])([A-Za-zÀ-ÿ]{2,})6[éèóò]?(?=[a-zà-ÿ]+(?![\w@.-]))")
# "Urbanizacién", "Alimentacién": the ó of Spanish "-ción" read as é (no Spanish word ends so
# but "recién", nor a French one: "technicien" has no accent).
_CION_AS_CIEN = re.compile(r"(?<=[a-zà-ÿ]{2})(?<![Rr]e)cién\b")
# "Mirteweg23": a street's house number glued to its name (not in emails or web addresses).
_GLUED_HOUSE_NUMBER = re.compile(
    r"(?<![\w@./-])([A-ZÀ-Þ][a-zß-ÿ]{3,}(?:weg|straat|laan|gracht|plein|straße|strasse|gasse|"
    r"allee|ring|dijk|kade|singel|steeg|pad))(\d{1,4}[a-z]?)(?![\w@.-])"
)
# "lidabashi Grand Bloom": a line's first word in lower case before capitalised words is
# capitalised too; its "l" is an "I".
# "lan Smith", "889 lan Crossing": Ian read with an l (no word "lan" goes before a name).
_LAN_AS_IAN = re.compile(r"(?<![\w@./-])lan(?= [A-Z][a-z])")
_CAPITAL_I_FIRST = re.compile(r"^l(?=[a-z]{3,}(?:\s+[A-Z][a-z]+){2})")
# "Financia]" → "Financial"; "Group]", "Manager]": a rule after a whole word.
_BRACKET_L = re.compile(r"([A-Za-z]*[a-z])\](?=\s|$|[,.;])")
_LTD = re.compile(r"\b([Ii])td\b")
_LTD_Q = re.compile(r"(?<=\w )Ltq\b")  # "Evans Kingsway Ltq": the d's stem read as a q's tail
# "HORIZONTE ITDA.", "Horizonte Itda": Brazil's Ltda with its L read as a capital I (no word
# begins so; not inside an address, where "-Itda" is mended as lower case).
_LTDA = re.compile(r"(?<![\w@.-])I(TDA|tda)\b(?![@.]\w)")


def _bracket_as_l(match: re.Match[str]) -> str:
    """The word's last "l" read as "]", unless the word is whole without it (a firm's or a
    title's word: the bracket is a rule printed after it, between two columns)."""
    word = match.group(1)
    whole = word.lower() in lexicon.COMPANY_WORDS or word.lower() in lexicon.title_phrases()
    return f"{word} |" if whole else word + "l"


# "Maschinenbau Rheintal GBH": the m of "GmbH" lost between its capitals, after a firm's word.
_GMBH_SLIP = re.compile(r"(?<=[a-zäöüß] )G[Bb]H\b")
# "Danie! Whitton": an "!" inside a word, or closing a capitalised word before another
# capitalised word (a name), is an "l"; "Call us now!" keeps its "!".
_BANG_L_INSIDE = re.compile(r"(?<=[a-z])!(?=[a-z])")
# "royal.n!": a domain's last letter.
_BANG_L_ENDING = re.compile(r"((?:@|\bwww\.)[\w-]+(?:\.[\w-]+)*\.[a-z])!(?!\w)")
# "Christopher Grass\": a backslash glued to a word's small letters is its "l" (no contact
# detail prints one there; "Tel \ Fax" has it apart).
_BACKSLASH_L = re.compile(r"(?<=[a-z])\\(?=[a-z]|\s|$)")
# "Tecnologia S.\A.": a speck read as a backslash between a dotted legal form's letters.
_BACKSLASH_IN_FORM = re.compile(r"(?<=\b[A-Z]\.)\\(?=[A-Z]\.)")
# "S.A\", "S.L.U!": a dotted legal form's last dot read as a backslash or a bang.
_BACKSLASH_ENDING_FORM = re.compile(r"(?<=\b[A-Z]\.[A-Z])[\\!](?!\w)")
_CENT_ENDING_FORM = re.compile(r"(?<=\b[A-Z]\.[a-z]\.)¢(?!\w)")  # "S.n.¢": "S.n.c."
# "Agostini-lannelli": the capital I starting a double name's second part read as an l.
_CAPITAL_I_AFTER_HYPHEN = re.compile(r"\b([A-Z][a-zà-ÿ]{2,}-)l(?=[a-zà-ÿ]{3,}\b)")
_BANG_L_NAME = re.compile(r"\b([A-Z][a-z]{1,14})!(?=\s+(?:&\s+)?[A-Z][a-z])")
# "Bahnhofstrake", "Hauptstrage", "FriedrichstraRe", "Schillerstra&e": other letters or marks
# read for a street's "ß".
_STRASSE_SLIP = re.compile(r"(?<=[a-zäöü]{2}stra)(?:[kgfR&]|(?=e\b))(?=e\b)")
# A UK postcode's inward part starts with a digit: "BS1 STR" is "BS1 5TR", "M1 OAB" (or
# "M1 QAB") "M1 0AB".
_UK_INWARD = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?\s)([SOIZBQ])([A-Z]{2})\b")
# "SW 1E 5HX": a space read inside the outward code of a UK postcode.
# "London SWIE SHX": "I"/"O" for the digit of a UK outward code, after the town's name.
_UK_OUTWARD_LETTER = re.compile(r"(?<=[a-z]{2} )([A-Z]{1,2})([IO])([A-Z]?) (?=[\dSOIZB][A-Z]{2}$)")
# "BO 5HZ", "Bo 4QD", "LNSX 8WL", "LAG 1AX", "TRO7 9WN": a UK postcode alone on its line, its
# outward digit read as a letter.
# (Not an outward code that is one already: "BS1 5TR" is Bristol's.)
_UK_POSTCODE_LINE = re.compile(
    r"^(?![A-Z]{1,2}\d[A-Z\d]? )([A-Z]{1,2})([IOoSGBZ])([A-Z\d]?) (?=\d[A-Z]{2}$)"
)
# "Cooperside, S44UN": a UK postcode after its town with the space between its parts lost (an
# inward code is a digit and two letters, never C, I, K, M, O or V; alone on its line, "M10ZJ"
# stays here: nothing on the line says it is a postcode — `postcode_spaced` spaces it once the
# address it ends shows its town).
_UK_POSTCODE_GLUED = re.compile(r"(?<=[a-z], )([A-Z]{1,2}\d[A-Z\d]?)(\d[ABD-HJLNP-UW-Z]{2})$")
# "SOE SWE": both parts' digits read as letters (the inward one mended first, so the outward
# one is then found as above); an inward code's letters are never C, I, K, M, O or V ("ROOM
# SIX" stays).
_UK_POSTCODE_LINE_INWARD = re.compile(
    r"^([A-Z]{1,2}[IOoSGBZ][A-Z\d]?) ([SOIZBQ])(?=[ABD-HJLNP-UW-Z]{2}$)"
)
# "X12 OWAC": an Irish Eircode, whose last four characters are never an "O" (its alphabet has
# no O), after its routing key (a letter and two digits).
_EIRCODE_O = re.compile(
    r"\b([AC-FHKNPRTV-Y]\d{2}|D6W) (?=[\dAC-FHKNPRTV-Y]*O)([\dAC-FHKNPRTV-YO]{4})\b"
)
# "$94 1HJ": a UK postcode alone on its line, its first letter S read as a dollar sign.
_UK_DOLLAR_S = re.compile(r"^\$(?=[A-Z]?\d[A-Z\d]? \d[A-Z]{2}$)")
# "N3) 9EP", "7832)D Heel": a postcode's J read as a bracket (no postcode holds one), at the end
# of a UK outward code or beside a Dutch postcode's letters, alone at the start of its line.
_UK_OUTWARD_J = re.compile(r"^([A-Z]{1,2}\d)\)(?= \d[A-Z]{2}$)")
# "73411W", "5814 1P" alone on a line: a Dutch postcode's letter I read as a 1 (four digits
# and two letters; no postcode is five digits and a letter).
_DUTCH_POSTCODE_I = re.compile(r"^([1-9]\d{3} ?)(?:1([A-Z])|([A-Z])1)$")
# "2240 P|": a bar is a J there (Dutch postcodes use no I), read before the line's edge junk
# goes with the bar.
_DUTCH_POSTCODE_BAR = re.compile(r"^([1-9]\d{3} ?)(?:\|([A-Z])|([A-Z])\|)$")
_DUTCH_POSTCODE_J = re.compile(r"^([1-9]\d{3} ?)(\)[A-Z]|[A-Z]\))(?=\s|$)")
# "M6 02}": an inward code's letters read as look-alike digits or J as a bracket, alone on
# its line after an outward code (its letters are never C, I, K, M, O or V: a 0 or 1 there
# says nothing).
_UK_INWARD_LETTERS = re.compile(
    r"^([A-Z]{1,2}\d[A-Z\d]? \d)(?=[A-Z\d]*[)}\]]|[A-Z]?\d[A-Z])([A-Z24568)}\]]{2})$"
)
_INWARD_LETTER = {"2": "Z", "5": "S", "8": "B", "6": "G", "4": "A", ")": "J", "}": "J", "]": "J"}
_UK_OUTWARD_SPLIT = re.compile(r"\b([A-Z]{1,2}) (\d[A-Z\d]? [\dSOIZB][A-Z]{2})\b")
_INWARD_DIGIT = {"S": "5", "O": "0", "Q": "0", "I": "1", "Z": "2", "B": "8", "A": "4", "G": "6"}
# "BD4 2xD": a letter of the inward part read in lower case, where the two look alike.
_UK_INWARD_CASE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?\s\d)([A-Zcosuvwxz]{2})\b")
# "E10xQ" alone on its line: its space lost too.
_UK_SPACE_LOST_CASE = re.compile(
    r"^([A-Z]{1,2}\d[A-Z\d]?)(\d(?=[A-Z]?[cosuvwxz])[A-Zcosuvwxz]{2})$"
)
# "NS HST 654": a Canadian postcode after its province, letter and digit alternating
# (A9A 9A9), a digit read as a letter or a letter as a digit.
_CANADIAN_POSTCODE = re.compile(
    r"\b(?:NL|NS|PE|NB|QC|ON|MB|SK|AB|BC|YT|NT|NU)\s+([A-Z0-9]{3}) ?([A-Z0-9]{3})$"
)
_LETTER_FOR_DIGIT = {digit: letter for letter, digit in _INWARD_DIGIT.items()}


def _canadian_postcode(match: re.Match[str]) -> str:
    code = match.group(1) + match.group(2)
    if not (re.search(r"[A-Z]", code) and re.search(r"\d", code)):
        return match.group(0)  # "ON 555 123": a number, not a postcode
    mended = "".join(
        _INWARD_DIGIT.get(ch, ch) if i % 2 else _LETTER_FOR_DIGIT.get(ch, ch)
        for i, ch in enumerate(code)
    )
    if not re.fullmatch(r"(?:[A-Z]\d){3}", mended):
        return match.group(0)
    province = match.group(0)[: match.start(1) - match.start(0)]
    return f"{province}{mended[:3]} {mended[3:]}"


# "into@acme.at": the commonest mailbox with its "f" read as a "t" ("into" is no mailbox).
_INTO_FOR_INFO = re.compile(r"(?<![\w.])[Ii]nto@")
# Domain endings Tesseract misreads: ".corn" or ".con" for ".com", ".ip" for ".jp".
_TLD_SLIPS = re.compile(r"(?<=[a-z0-9])\.(corn|con|c0m|ip)(?=$|[/\s,;)])", re.I)
_TLD_FIXES = {"corn": "com", "con": "com", "c0m": "com", "ip": "jp"}
# ".com.or", ".combr": Brazil's ".com.br" misread (no domain ends in .or or .combr)
_COM_BR_SLIP = re.compile(r"(?<=[a-z0-9]\.com)(?:\.or|br)(?=$|[/\s,;)])")
# "fail. enrico.ernst@senn.ch": the email's label "Mail." with its M read as an f.
_MAIL_LABEL_SLIP = re.compile(r"(?<![\w.])fail([.:])(?=\s?[\w.+-]+@)")
# "kenneth@snow -castaneda.ca": a space read beside a hyphen inside the domain.
_DOMAIN_HYPHEN_SPACED = re.compile(r"(@[a-z0-9]+)(?: -|- )(?=[a-z0-9-]+\.[a-z]{2,})")

BULLETS = "·•|◆●▪■◦‣⋅∙"
_SEPARATOR = re.compile(
    rf"\s+[{re.escape(BULLETS)}]\s+|(?<!\d)[{re.escape(BULLETS)}]|[{re.escape(BULLETS)}](?!\d)"
)


# "MARIE MOREAU |7+33 248 44 96 42": no number has digits right before its "+"; a separator
# and a label letter read as digits ("| T") are glued to it.
_GLUED_BEFORE_PLUS = re.compile(r"(?<!\S)[|\d]{1,2}(?=\+\d{1,3}[\s.])")


# "Boston, MA02110": a US state and its ZIP code read as one word.
_STATE_ZIP_GLUED = re.compile(
    rf"(?<=, )({'|'.join(sorted(lexicon.US_STATES))})(?=\d{{5}}(?:-\d{{4}})?\b)"
)


def repair_line(text: str) -> str:
    """Undo the OCR slips that break emails, web addresses, phones and postcodes."""
    text = _MIDDOT_IN_NUMBER.sub(".", text)
    text = _LONG_DASH_IN_NUMBER.sub("-", text)
    text = _STAR_PLUS.sub("+", text)  # before the edge junk goes: "*41 ..." starts a line
    text = _GLUED_BEFORE_PLUS.sub(" ", text)
    text = _PIPE_IN_EMAIL.sub("l", text)  # and "|.costa@..." too
    text = _CENT_IN_EMAIL.sub("c", text)
    text = _FIVE_FOR_S_IN_EMAIL.sub("s", text)
    text = _BRACKET_IN_ADDRESS.sub(r"\1l", text)
    text = _WEB_TOKEN.sub(_capital_i_as_l, text)
    text = _DUTCH_POSTCODE_BAR.sub(
        lambda m: m.group(1) + ("J" + m.group(2) if m.group(2) else m.group(3) + "J"), text
    )
    text = _EDGE_JUNK.sub("", _DUTCH_TOWN_QUOTE.sub("'", text))
    text = _repair_web(text)
    text = _repair_digits(text)
    text = _ESZETT.sub("ß", text)
    text = _SIX_FOR_O_ACUTE.sub(r"\1ó", text)
    text = _CION_AS_CIEN.sub("ción", text)
    text = _GLUED_HOUSE_NUMBER.sub(r"\1 \2", text)
    text = _STRASSE_SLIP.sub("ß", text)
    text = _UK_OUTWARD_LETTER.sub(
        lambda m: m.group(1) + {"I": "1", "O": "0"}[m.group(2)] + m.group(3) + " ", text
    )
    text = _UK_POSTCODE_GLUED.sub(r"\1 \2", text)
    text = _UK_POSTCODE_LINE_INWARD.sub(lambda m: f"{m.group(1)} {_INWARD_DIGIT[m.group(2)]}", text)
    text = _UK_POSTCODE_LINE.sub(
        lambda m: m.group(1) + _INWARD_DIGIT[m.group(2).upper()] + m.group(3) + " ", text
    )
    text = _UK_DOLLAR_S.sub("S", text)
    text = _EIRCODE_O.sub(lambda m: m.group(1) + " " + m.group(2).replace("O", "0"), text)
    text = _UK_OUTWARD_J.sub(r"\1J", text)
    text = _DUTCH_POSTCODE_I.sub(
        lambda m: m.group(1) + ("I" + m.group(2) if m.group(2) else m.group(3) + "I"), text
    )
    text = _DUTCH_POSTCODE_J.sub(lambda m: m.group(1) + m.group(2).replace(")", "J"), text)
    text = _UK_INWARD_LETTERS.sub(
        lambda m: m.group(1) + "".join(_INWARD_LETTER.get(ch, ch) for ch in m.group(2)), text
    )
    text = _UK_OUTWARD_SPLIT.sub(r"\1\2", text)
    text = _CANADIAN_POSTCODE.sub(_canadian_postcode, text)
    text = _STATE_ZIP_GLUED.sub(r"\1 ", text)
    text = _UK_INWARD.sub(lambda m: m.group(1) + _INWARD_DIGIT[m.group(2)] + m.group(3), text)
    text = _UK_SPACE_LOST_CASE.sub(lambda m: f"{m.group(1)} {m.group(2).upper()}", text)
    text = _UK_INWARD_CASE.sub(lambda m: m.group(1) + m.group(2).upper(), text)
    text = _CAPITAL_I.sub("I", text)
    text = _CAPITAL_I_FIRST.sub("I", text)
    text = _LAN_AS_IAN.sub("Ian", text)
    text = _BRACKET_L.sub(_bracket_as_l, text)
    text = _BANG_L_NAME.sub(r"\1l", _BANG_L_INSIDE.sub("l", text))
    text = _BANG_L_ENDING.sub(r"\1l", text)
    text = _BACKSLASH_L.sub("l", text)
    text = _BACKSLASH_IN_FORM.sub("", text)
    text = _BACKSLASH_ENDING_FORM.sub(".", text)
    text = _CENT_ENDING_FORM.sub("c.", text)
    text = _CAPITAL_I_AFTER_HYPHEN.sub(r"\1I", text)
    text = _GMBH_SLIP.sub("GmbH", text)
    text = _LTD.sub(lambda m: "Ltd" if m.group(1) == "I" and text.isupper() else "ltd", text)
    text = _LTD_Q.sub("Ltd", text)
    text = _LTDA.sub(lambda m: "L" + m.group(1), text)
    text = _DOLLAR_FOR_S_FORM.sub("S", _FIVE_FOR_S_FORM.sub("S", text))
    text = _SA_SLASH_AS_BAR.sub("S/A", text)
    text = _SRLS_L_LOST.sub(lambda m: m.group(1) + ("L" if m.group(2) == "R" else "l"), text)
    text = _SL_DOT_LOST.sub(lambda m: "S.L." + ("U." if m.group(1) else ""), text)
    text = _DOTTED_FORM.sub(_mend_dotted_form, text)
    text = _DASH_READ_AS_WORD.sub(" - ", text)
    text = _SOLE_TRADER.sub(r"\1EI", text)
    text = _GLUED_AMPERSAND.sub("& ", text)
    text = _GLUED_EMAIL_LABEL.sub(r" \1", text)
    text = _GLUED_PHONE_LABEL.sub(" ", text)
    text = _GLUED_TELEFON_END.sub(" Telefon", text)
    text = _SPLIT_PHONE_LABEL.sub(_phone_label_joined, text)
    text = _KG_CUT.sub(lambda m: f"{m.group(1)} KG" if m.group(1) else f"{m.group(2)}KG", text)
    text = _KG_MISREAD.sub(r"\1Co. KG", text)
    text = _KG_AFTER_AMPERSAND.sub(
        lambda m: f"{m.group(1)} & {'CO.' if m.group(1).isupper() else 'Co.'} KG", text
    )
    text = _MC_CAPITAL_I.sub("McI", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def postcode_spaced(address: str) -> str:
    """An address joined from its lines, ending in a UK postcode alone on its own line with the
    space between its parts lost ("New Kimtown, S47AW"): spaced once the town shows before it."""
    return _UK_POSTCODE_GLUED.sub(r"\1 \2", address)


# "Martorell y Palomo S.LEmail blanca@…": the email's label glued to the word before it.
# (Spanish "Correo", Portuguese "Correio": "Asociados S.C.PCorreo: begona@…")
_GLUED_EMAIL_LABEL = re.compile(r"(?<=[A-Za-z.])(E-?mail\b:?|Correi?o\b:?)(?=\s*\S+@)")
# "KGaAlefon: 030…": what is left of "Telefon" glued to the word before it.
_GLUED_TELEFON_END = re.compile(r"(?<=[A-Za-z.])(?<![Tt])(?<![Tt]e)(?:Te|e)?lefon(?=[.:]?\s*[+\d])")
# "Mediterráneo S.L.U.Teléfono +34…": a phone's label glued to the legal form's last dot.
_GLUED_PHONE_LABEL = re.compile(r"(?<=[A-Z]\.)(?=(?:Tel[ée]fon[oe]?|Tel|Phone|Fax|M[óo]vil)\b)")
# "WhatsA pp +55 21 …", "Tele fono 91 …": a space read inside a phone's label, before its number.
_SPLIT_PHONE_LABEL = re.compile(r"\b([^\W\d_]{2,}) ([^\W\d_]{1,4})(?=[.:]?\s*[+(\d])")


def _phone_label_joined(match: re.Match[str]) -> str:
    head, tail = match.groups()
    joined = (head + tail).lower()
    label = joined in lexicon.PHONE_LABELS and tail.lower() not in lexicon.PHONE_LABELS
    return head + tail if label and len(joined) >= 6 else match.group(0)


# "Cardoso pa ME", "Sá Garcia a El": the dash before a Brazilian legal form read as a word.
_DASH_READ_AS_WORD = re.compile(r"(?<=\w) (?:a|pa) (?=(?:ME|EI|El|E1|EPP|EIRELI)$)")
# "Brito - El": Brazil's sole trader (EI, empresário individual) ending a firm, its I read l.
_SOLE_TRADER = re.compile(r"(?<=\w)(\s[-–]\s?)E[l1|]$")
# "Stiftung &Co. KG", "van 't Wel &van de Ven": the space after an ampersand lost (not "R&D").
_GLUED_AMPERSAND = re.compile(r"(?<=\w )&(?=[^\W\d_])")
# "GmbH & Co. K", "GmbH & Co.": the KG of a German limited partnership (by far the commonest
# form after "GmbH & Co.") cut at the card's edge, wholly or for its G.
_KG_CUT = re.compile(r"(GmbH\s?&\s?Co\.?)(?:\s?K)?$|(&\s?Co\.?\s)K$")
_KG_AFTER_AMPERSAND = re.compile(r"\b(GmbH|GMBH)\s?&$")  # "MEYER SYSTEME GMBH &": the rest cut
# "GmbH & Gok", "GmbH & Go. KG": the same form's "Co." misread (its C as G, its dot and space lost).
_KG_MISREAD = re.compile(r"(GmbH\s?&\s?)(?:[GC]ok|G[o0]\.?\s?KG|C0\.?\s?KG)\b")
# "Mcllroy", "Mclntosh": after "Mc" a name goes on with a capital, so a small l there is an I
# where an I fits (McIlroy, McIntyre, McIver); "Mclean" is written so, the McLean of Canada.
_MC_CAPITAL_I = re.compile(r"\bMcl(?=[lnv])")
# "S.p-A.", "S.r.I.s.", "s.r.1.": a dotted legal form with a dot read as a hyphen or comma, or
# its "l" read as a capital I or a 1.
_DOTTED_FORM = re.compile(r"(?<![\w.])[A-Za-z](?:[.,\-][A-Za-z1]){2,3}[.,]?(?![^\W_]|[@-])")
# "5.L.U.", "5.A." ending a line: a Spanish or Portuguese legal form's S read as a 5; "SL.": the
# dot inside S.L. lost (a firm that writes "SL" writes no dot after it either).
_FIVE_FOR_S_FORM = re.compile(r"(?<![\w.])5(?=\.[LA]\.(?:U\.)?\s*$)")
# "Construcciones $.L.U.| Calle Serrano": a dollar sign is never money before a dotted
# letter, so anywhere on the line.
_DOLLAR_FOR_S_FORM = re.compile(r"(?<![\w.$])\$(?=\.[A-Za-z]\.)")
# "Neves S | A Email: vera@…": the slash of a Brazilian or Portuguese S/A read as a bar (and
# so as a separator between fields), after a firm's word.
_SA_SLASH_AS_BAR = re.compile(r"(?<=[^\W\d_] )S ?\| ?A\b")
# "S.r..s.": the thin "l" of S.r.l.s. lost between its dots.
_SRLS_L_LOST = re.compile(r"(?<![\w.])([Ss]\.([Rr])\.)(?=\.[Ss]\.?(?!\w))")
_SL_DOT_LOST = re.compile(r"(?<![\w.])SL(U?)\.(?=\s|$)")
_DOTTED_FORMS = {
    form.replace(".", "") for form in ("s.p.a", "s.r.l", "s.r.l.s", "s.n.c", "s.a.s", "s.a.r.l")
}


def _mend_dotted_form(match: re.Match[str]) -> str:
    token = match.group(0)
    letters = re.sub(r"[.,\-]", "", token)
    ell = "L" if letters.replace("I", "").replace("1", "").isupper() else "l"
    mended = letters[0] + letters[1:].replace("I", ell).replace("1", ell)
    if mended.lower() not in _DOTTED_FORMS:
        return token
    return ".".join(mended) + "."


# "www.acme com": the last dot of a www address read as a space.
_WWW_SPACE_TLD = re.compile(
    rf"\b((?:www|WWW)\.[A-Za-z0-9-]{{2,}})\s+((?i:{_TLD_ALT}))\b(?![.@-]?\w)"
)
# "|.araujo@acme.com", "ezett}@schwab.at": an "l" read as a pipe or a brace inside an email.
_PIPE_IN_EMAIL = re.compile(r"(?<![\w.])\|(?=[\w.%+-]*@)|(?<=\w)[|}](?=[\w.%+-]*@)")
# "www.rivers-]td.com": an "l" inside an address read as a bracket.
_BRACKET_IN_ADDRESS = re.compile(r"((?:@|\bwww\.)[\w.-]*)\](?=[\w-]*\.[a-z]{2,})")
# An email or web address ("…@siqueira-Itda.com.br", "www.freitas-Ida.pt").
_WEB_TOKEN = re.compile(r"(?<!\S)(?:[\w.+-]+@[\w.-]+|(?:www|WWW)\.[\w.-]+)")


def _capital_i_as_l(match: re.Match[str]) -> str:
    """A capital I inside an address printed in lower case is an "l" ("-Itda" for "-ltda"); an
    address with other capitals is spelled in camel case ("www.RedIron.com") and stays."""
    token = match.group(0)
    capitals = {ch for ch in token if ch.isupper()}
    if capitals != {"I"} or token.startswith("I"):
        return token
    return re.sub(r"(?<=[a-z0-9.@-])I", "l", token)


# "5ales@acme.it": an address's first "s" read as a 5 (addresses rarely start with a digit).
_FIVE_FOR_S_IN_EMAIL = re.compile(r"(?<![\w.+-])5(?=[a-z]{3,}[\w.+-]*@)")
# "¢.greco@acme.it": a "c" read as a cent sign.
_CENT_IN_EMAIL = re.compile(r"(?<![\w.])¢(?=[\w.%+-]*@)|(?<=\w)¢(?=[\w.%+-]*@)")


# "info@hoferat", "www.hoferat" ending a line: the dot before a country's ending (or .com)
# lost; the address is no address without it. The shortest name wins ("acmecom": acme.com,
# not acmec.om); endings that are words too are left to the website ("…@distribuidor": cut).
_DOTLESS_TLDS = "|".join(
    t
    for t in COMMON_TLDS
    if (len(t) == 2 and t not in _WORDLIKE_TLDS.split("|")) or t in ("at", "de", "it", "es", "com")
)
_DOTLESS_DOMAIN = re.compile(
    rf"((?<=[\w.+-])@|(?<![\w.@])(?:www|WWW)\.)([a-z0-9-]{{3,}}?)({_DOTLESS_TLDS})\s*$"
)
# "www. acme.it", "ww. acme.it": a space read after the (shortened) www; "www..acme.it": a
# speck read as a second dot.
# "www rolland fr" ending a line: both dots read as spaces; "wow. maury.fr": "www" misread.
_WWW_SPLIT = re.compile(
    r"\b(www|WWW|ww|WW|wow(?=[.,]\s*[a-z0-9-]+\s*[.,]?\s*[a-z]{2,3}\s*$))"
    r"(?:\s*[.,][\s.,]*|\s+(?=[A-Za-z0-9-]+\s*[.,]\s*[A-Za-z]{2,}\b)"
    rf"|\s+(?=[a-z0-9-]{{3,}}\s+(?:{_DOTLESS_TLDS})\s*$))"
)
# "@peranda..it": a speck read as a second dot.
_DOUBLE_DOT = re.compile(r"((?:@|\bwww\.)[\w-]+(?:\.[\w-]+)*)\.{2,}(?=[a-z]{2})")


def _repair_web(text: str) -> str:
    text = _MAIL_LABEL_SLIP.sub(r"Mail\1", text)  # before a local part's split dot is joined
    text = _DOUBLE_DOT.sub(r"\1.", text)
    text = _DOTLESS_DOMAIN.sub(r"\1\2.\3", text)
    text = _WWW_SPLIT.sub(lambda m: m.group(1).replace("wow", "www") + ".", text)
    text = _WWW_SPACE_TLD.sub(r"\1.\2", text)
    # (the domain's dot first: "chevalier @pascal fr" is split at the @ too)
    text = _EMAIL_DOT_AS_SPACE.sub(r"\1.\2", text)
    text = _AT_SPLIT.sub("@", text)
    text = _LOCAL_DOT_SPLIT.sub(r"\1", text)
    text = _WWW_SLIP.sub(lambda m: "WWW." if m.group(0).isupper() else "www.", text)
    text = _WWW_HYPHEN.sub(r"\1.", text)
    text = _WWW_DOT_LOST.sub("www.", text)
    text = _EMAIL_COMMA.sub(r"\1.\2", text)
    text = _INTO_FOR_INFO.sub(lambda m: m.group(0)[:2] + "fo@", text)
    text = _TLD_SLIPS.sub(lambda m: "." + _TLD_FIXES[m.group(1).lower()], text)
    text = _COM_BR_SLIP.sub(".br", text)
    text = _DOMAIN_HYPHEN_SPACED.sub(r"\1-", text)
    text = _SPACED_SECOND_LEVEL.sub(r"\1.", text)
    if _looks_webby(text):
        text = _DOT_SPLIT.sub(lambda m: "." + (m.group(1) or m.group(2)), text)
        text = _SECOND_LEVEL.sub(lambda m: f"{m.group(1)}.{m.group(2) or m.group(3)}", text)
        text = _EMAIL_SPACED_COUNTRY.sub(r"\1.\2", text)
    return text


def _looks_webby(text: str) -> bool:
    """Glue split domains only on lines that carry an address, or in lowercase tokens."""
    lowered = text.lower()
    if "www" in lowered or "@" in text or "http" in lowered:
        return True
    return bool(re.search(rf"\b[a-z0-9-]{{2,}}\s*[.,]\s+(?:{_TLD_ALT})\s*$", text))


# "*41 43 501 65 11": the plus of a country code read as an asterisk.
_STAR_PLUS = re.compile(r"(?<![\w*])\*(?=\d{1,3}[\s.-]\d)")


def _repair_digits(text: str) -> str:
    """O/o→0 and l/I/|→1 inside runs that are mostly digits ("+39 O2", "l234", "2O121")."""

    def fix(match: re.Match[str]) -> str:
        run = match.group(0)
        digits = sum(ch.isdigit() for ch in run)
        return run.translate(_DIGIT_FIXES) if digits and digits >= len(run) - digits else run

    return _DIGITISH.sub(fix, text)


def split_segments(text: str) -> list[str]:
    """Split a line on bullet separators ("·", "•", "|") that sit between separate fields.

    Separators between two digits are kept: "248·343·5976" is one phone number.
    """
    text = _FIRM_BEFORE_STREET.sub(_firm_apart_from_street, text)
    parts = [trimmed for part in _SEPARATOR.split(text) if (trimmed := _trimmed(part))]
    joined: list[str] = []
    for part in parts:
        if joined and joined[-1].rsplit(" ", 1)[-1].lower() in _DANGLING and part[0].isalpha():
            joined[-1] += " " + part  # "Head of | Operations": no field ends in "of"
        else:
            joined.append(part)
    return joined


_DANGLING = frozenset({"of", "and", "&", "for", "the", "de", "di", "der", "für", "und", "et"})
# "Levante Servicios S.L. Calle Serrano, 151": the firm and its street on one line, no rule.
_FIRM_BEFORE_STREET = re.compile(
    r"(?<=\w )(S\.L\.U?\.?|S\.A\.|S\.r\.l\.|S\.p\.A\.|GmbH|Ltda?\.?|Lda\.?|SARL|SAS|B\.V\.|AG"
    r"|Inc\.) (?=([A-ZÀ-Þ][a-zà-ÿ]+) )"
)


def _firm_apart_from_street(match: re.Match[str]) -> str:
    street = match.group(2).lower() in lexicon.STREET_WORDS
    return f"{match.group(1)} | " if street else match.group(0)


def _trimmed(part: str) -> str:
    """The part without dashes and spaces at its ends; but "-marino@…" keeps its dash, which
    may be an initial and its dot read as one mark (the fields parser decides)."""
    trimmed = part.strip(" -–—")
    head = part[: len(part) - len(part.lstrip(" -–—"))]
    glued = head.endswith("-") and (len(head) == 1 or head[-2].isspace())
    return "-" + trimmed if glued and "@" in trimmed.split(" ", 1)[0] else trimmed


# OCR confusions decided by a dictionary or another field: read "rn" for "m" and back.
_CONFUSIONS = (("rn", "m"), ("m", "rn"), ("cl", "d"), ("vv", "w"), ("li", "h"), ("rj", "n"))


def confusion_variants(word: str) -> set[str]:
    """Every spelling reachable by undoing one kind of OCR confusion in `word`."""
    variants: set[str] = set()
    for wrong, right in _CONFUSIONS:
        if wrong in word:
            variants.add(word.replace(wrong, right))
            for index in _find_all(word, wrong):
                variants.add(word[:index] + right + word[index + len(wrong) :])
    variants.discard(word)
    return variants


def _find_all(word: str, part: str) -> list[int]:
    return [i for i in range(len(word)) if word.startswith(part, i)]


def reconcile(word: str, anchors: Iterable[str]) -> str:
    """Return the spelling of `word` that matches an anchor (a lexicon entry or another
    field's text) after undoing one OCR confusion; `word` itself when none or it already does."""
    known = {anchor.lower() for anchor in anchors}
    if word.lower() in known:
        return word
    for variant in sorted(confusion_variants(word.lower())):
        if variant in known:
            return _match_case(variant, word)
    return word


def _match_case(variant: str, original: str) -> str:
    if original.isupper():
        return variant.upper()
    if original[:1].isupper():
        return variant[:1].upper() + variant[1:]
    return variant


# The language whose accent list applies to a card from each region (phone region evidence).
REGION_LANGUAGES = {
    "ES": "es",
    "MX": "es",
    "AR": "es",
    "CL": "es",
    "CO": "es",
    "PE": "es",
    "BR": "pt",
    "PT": "pt",
    "DE": "de",
    "AT": "de",
    "CH": "de",
    "LI": "de",
    "FR": "fr",
    "BE": "fr",
    "LU": "fr",
    "MC": "fr",
    "IT": "it",
    "SM": "it",
    "NL": "nl",  # no Tesseract pack installed: the accent list alone ("Joélle" → "Joëlle")
}
_LETTER_RUN = re.compile(r"[^\W\d_]+")


# The accented letters each language pack reads: its reading may take one of these away (a
# pack that knows "á" and reads "Tomas" saw no accent), never a letter foreign to it (a
# German pack reads "Andrée" as "Andree").
LANGUAGE_ACCENTS = {
    "spa": "áéíóúñü",
    "por": "áâãàçéêíóôõú",
    "deu": "äöüß",
    "fra": "àâæçéèêëîïôœùûüÿ",
    "ita": "àèéìíòóù",
}


def accents_reread(
    read: str, again: Sequence[str | None], language: str = "", seen: Iterable[str] = ()
) -> str | None:
    """`read` with the accents of `again`, its words re-read in the card's `language` (None
    where that reading was unsure): "Placido" → "Plácido", "Audidlogo" → "Audiólogo",
    "Castafieda" → "Castañeda", "Hével" → "Hövel", and "Tomás" → "Tomas" where the pack knows
    "á" — unless the first reading saw it (a word in `seen`): then two readings disagree and
    the accent stays. A word that differs in any other letter is kept as read; words past the
    end of `read` are marks beside it ("GmbH)", "Filhos dc"). None when no accent changes."""
    words = read.split()
    if len(again) < len(words):
        return None
    removable = LANGUAGE_ACCENTS.get(language, "")
    seen_words = {w.strip(_MARKS) for w in seen}
    mended = " ".join(
        _word_reread(word, other, "" if word.strip(_MARKS) in seen_words else removable)
        if other
        else word
        for word, other in zip(words, again, strict=False)
    )
    return mended if mended != " ".join(words) else None


def _word_reread(word: str, other: str, removable: str) -> str:
    core = word.strip(_MARKS)
    other = other.strip(_MARKS)
    if not core or core == other:
        return word
    accents = deletes = 0
    for edit in Levenshtein.editops(core, other):
        if edit.tag == "delete":
            deletes += 1  # "fi" read for "ñ": a letter too many
            continue
        letter = other[edit.dest_pos]
        taken_away = edit.tag == "replace" and _accent_taken_away(
            core[edit.src_pos], letter, removable
        )
        if not (_accented(letter) or taken_away):
            return word
        accents += 1
    if not accents or deletes > accents:
        return word
    return word.replace(core, other, 1)


_MARKS = "()[]{}|\"'“”‘’,;:!?"


def _accent_taken_away(letter: str, plain: str, removable: str) -> bool:
    return letter.lower() in removable and unicodedata.normalize("NFD", letter)[0] == plain


def _accented(letter: str) -> bool:
    return letter.isalpha() and not letter.isascii()


# Read with the Italian pack, a German umlaut often comes out as a grave ("Schiffskapitàn").
_UMLAUT_FOR_GRAVE = str.maketrans("àòùÀÒÙ", "äöüÄÖÜ")
# Tesseract's "ii" for "ü" between consonants ("Fliickiger", "Liithistrasse"), on a German card.
_UMLAUT_AS_II = re.compile(r"(?<=[b-df-hj-np-tv-zßB-DF-HJ-NP-TV-Z])ii(?!ng)(?=[b-df-hj-np-tv-zß])")


def restore_accents(text: str, language: str, *, compounds: bool = False) -> str:
    """Put back the accents Tesseract drops (or misplaces) without the card's language pack:
    "Carmen Garcia" → "Carmen García", "Lépez" → "López", "SERVICOS" → "SERVIÇOS",
    "Kapitàn" → "Kapitän"; with `compounds` (a title, a firm: not a person's name, where
    "Kohlermann" need not be Köhler's) a German word led by one of the list's
    ("Mobelflechter" → "Möbelflechter").

    Only words of the language's accent list change, so any other word is left as read."""
    forms = lexicon.accented_forms(language)
    skeletons = lexicon.accent_skeletons(language)
    if not forms:
        return text

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        form = forms.get(lexicon.fold_key(word))
        if form is None and "ii" in word:  # Tesseract's "ii" for "ü" ("Ziirich")
            form = forms.get(lexicon.fold_key(word.replace("ii", "u")))
        if form is None and not word.isascii():
            # an accent on the wrong letter, in this language or any ("Joél" on a Swiss card)
            shape = lexicon.skeleton(word)
            form = skeletons.get(shape) or lexicon.any_accent_skeleton().get(shape)
        if form is None and len(word) >= 6:
            form = _misread_accented_word(word, language)
        if form is None and len(word) >= 7 and not word.isascii():
            form = _with_stray_accent(word, language)
        if form is None and compounds and language == "de":
            form = _compound_accented(word, forms)
        if form is None and language == "de" and word != word.translate(_UMLAUT_FOR_GRAVE):
            return word.translate(_UMLAUT_FOR_GRAVE)  # no German word has a grave accent
        if form is None and language == "de" and _UMLAUT_AS_II.search(word):
            return _UMLAUT_AS_II.sub("ü", word)  # "Liithistrasse": no German word spells "ii"
        return _match_case(form.lower(), word) if form and len(word) > 1 else word

    return _LETTER_RUN.sub(fix, text)


COMPOUND_PART = 4  # letters each part of a German compound has at least


def _compound_accented(word: str, forms: dict[str, str]) -> str | None:
    """A German compound whose first part is an accented word of the list, with the rest
    accented the same way when it is one too ("Geschaftsfuhrung"), as one lowercase word."""
    if not word.isascii() or len(word) < 2 * COMPOUND_PART:
        return None
    for end in range(len(word) - COMPOUND_PART, COMPOUND_PART - 1, -1):
        head = forms.get(lexicon.fold_key(word[:end]))
        if head is not None and _accented_beyond_sz(head):
            return head + _compound_tail(word[end:].lower(), forms)
    return None


def _compound_tail(rest: str, forms: dict[str, str]) -> str:
    """The rest of a compound, accented when it is a listed word or leads with one, after
    the linking "s" too ("Qualitäts|führung")."""
    linked = rest[:1] == "s" and len(rest) > COMPOUND_PART
    for part, link in ((rest, ""), *([(rest[1:], "s")] if linked else [])):
        accented = forms.get(lexicon.fold_key(part)) or _compound_accented(part, forms)
        if accented and _accented_beyond_sz(accented):
            return link + accented.lower()
    return rest


def _accented_beyond_sz(word: str) -> bool:
    """An accent besides "ß", which Swiss German writes "ss" ("Strassenbau" stays)."""
    return any(not ch.isascii() for ch in word.replace("ß", ""))


# What Tesseract reads for an accented letter it does not know: "Servigos", "Solugdes",
# "Minchen" ("ç" as g, "õ" as d, "ü" as i).
_ACCENT_READS = {
    "ç": "gcç¢",
    "õ": "doõó6é",
    "ã": "aãàáä",
    "â": "aâàá",
    "á": "aáàä",
    "à": "aàá",
    "é": "eéèc",
    "è": "eéè",
    "ê": "eéèê",
    "í": "iíìl1f",
    "ó": "oóòd6",
    "ô": "oôó",
    "ú": "uúùt",  # "Aratjo": the accent read as the stem of a t
    "ü": "uüi",
    "ö": "oö6",
    "ä": "aäà",
    "ñ": "nñ",
}


def _with_stray_accent(word: str, language: str) -> str | None:
    """The accented word read with its accent as a letter of its own beside the vowel
    ("Eletroénica" for "Eletrônica"): dropping that one letter spells it."""
    forms = lexicon.accented_forms(language)
    for index, letter in enumerate(word):
        if letter.isascii():
            continue
        shorter = word[:index] + word[index + 1 :]
        form = forms.get(lexicon.fold_key(shorter)) or _misread_accented_word(shorter, language)
        if form:
            return form
    return None


def _misread_accented_word(word: str, language: str) -> str | None:
    """The one accented word of the language that `word` spells with its accented letters
    misread, every other letter equal; None when none or several fit."""
    lowered = word.lower()
    fits = [
        form
        for form in lexicon.accented_forms(language).values()
        if len(form) == len(lowered)
        and not form.isascii()
        and all(
            f == w if f.isascii() else w in _ACCENT_READS.get(f, f)
            for f, w in zip(form.lower(), lowered, strict=True)
        )
    ]
    return fits[0] if len(set(fits)) == 1 else None

"""vCard 3.0 (RFC 2426, the default: what phones import best) and 4.0 (RFC 6350).

Hand-written so every detail is ours: CRLF line ends, folding at 75 octets without splitting a
UTF-8 character, escaping of backslash, comma, semicolon and newline, both FN and N, TEL types
from the phone type, ADR;TYPE=WORK with its 7 components, NOTE with the back-of-card notes,
CATEGORIES with the events, X-SOCIALPROFILE for LinkedIn and the like. Tests read every export
back through `vobject`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from app.exports.common import contact_event_names, notes_text, split_name
from models import ContactPublic

VERSIONS = ("3.0", "4.0")
UID_PREFIX = "urn:cardback:contact:"
TEL_TYPES_3 = {"mobile": "CELL,VOICE", "work": "WORK,VOICE", "fax": "WORK,FAX", "other": "VOICE"}
TEL_TYPES_4 = {"mobile": "cell", "work": "work,voice", "fax": "work,fax", "other": "voice"}
SOCIAL_SITES = (
    "linkedin",
    "twitter",
    "x.com",
    "facebook",
    "instagram",
    "github",
    "xing",
    "youtube",
)


def escape(value: str) -> str:
    """Text value escaping (RFC 6350 §3.4): backslash first, then , ; and newlines."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF + space, never inside a character."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def social_type(url: str) -> str:
    lowered = url.lower()
    site = next((s for s in SOCIAL_SITES if s in lowered), "other")
    return "twitter" if site == "x.com" else site


def contact_uid(contact_id: int) -> str:
    return f"{UID_PREFIX}{contact_id}"


def contact_id_from_uid(uid: str | None) -> int | None:
    if uid and uid.startswith(UID_PREFIX) and uid[len(UID_PREFIX) :].isdigit():
        return int(uid[len(UID_PREFIX) :])
    return None


def vcard_lines(contact: ContactPublic, events: dict[int, str], version: str = "3.0") -> list[str]:
    """The unfolded content lines of one vCard."""
    v4 = version == "4.0"
    name = split_name(contact.name)
    full_name = contact.name or contact.company or (contact.emails[0] if contact.emails else "")
    n_parts = [name.family, name.given, name.middle, name.prefix, name.suffix]
    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    if v4:
        lines.append("KIND:individual")
    lines += [f"UID:{contact_uid(contact.id)}", f"FN:{escape(full_name)}"]
    lines.append("N:" + ";".join(escape(p) for p in n_parts))
    if contact.company:
        lines.append(f"ORG:{escape(contact.company)}")
    if contact.title:
        lines.append(f"TITLE:{escape(contact.title)}")
    lines += _tel_lines(contact, v4)
    lines += [f"EMAIL;TYPE={'work' if v4 else 'INTERNET,WORK'}:{escape(e)}" for e in contact.emails]
    if contact.website:
        lines.append(f"URL:{escape(contact.website)}")
    if contact.address:
        lines.append(f"ADR;TYPE={'work' if v4 else 'WORK'}:;;{escape(contact.address)};;;;")
    notes = notes_text(contact, events)
    if notes:
        lines.append(f"NOTE:{escape(notes)}")
    categories = contact_event_names(contact, events)
    if categories:
        lines.append("CATEGORIES:" + ",".join(escape(c) for c in categories))
    lines += [f"X-SOCIALPROFILE;TYPE={social_type(u)}:{escape(u)}" for u in contact.social]
    lines.append(f"REV:{_rev(contact.updated_at)}")
    lines.append("END:VCARD")
    return lines


def _tel_lines(contact: ContactPublic, v4: bool) -> list[str]:
    if v4:
        return [
            f"TEL;VALUE=uri;TYPE={TEL_TYPES_4.get(str(p.type), 'voice')}:tel:{escape(p.number)}"
            for p in contact.phones
        ]
    return [
        f"TEL;TYPE={TEL_TYPES_3.get(str(p.type), 'VOICE')}:{escape(p.number)}"
        for p in contact.phones
    ]


def _rev(updated_at: datetime) -> str:
    moment = updated_at if updated_at.tzinfo else updated_at.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def contact_vcard(contact: ContactPublic, events: dict[int, str], version: str = "3.0") -> str:
    return "".join(fold(line) + "\r\n" for line in vcard_lines(contact, events, version))


def iter_vcards(
    rows: Iterable[ContactPublic], events: dict[int, str] | None = None, version: str = "3.0"
) -> Iterator[str]:
    """Many vCards, one after the other (a .vcf file), in chunks of about 100 cards."""
    chunk: list[str] = []
    for contact in rows:
        chunk.append(contact_vcard(contact, events or {}, version))
        if len(chunk) >= 100:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)

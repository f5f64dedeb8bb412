"""Google Contacts and Outlook CSV presets, with exactly the headers those products read.

Google: its current export header (First Name ... Organization Name, Organization Title ...,
E-mail n - Label/Value, Phone n - Label/Value, Address 1 - ..., Website n - ...); more values
than columns share the last cell, separated by " ::: " as Google itself does.
Outlook: the fixed English export header; `Title` there is the honorific, the job goes in
`Job Title`; phones by type (mobile -> Mobile Phone, work -> Business Phone, fax -> Business
Fax); UTF-8 with a BOM, as Outlook writes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from app.exports.common import contact_event_names, notes_text, phone_numbers, split_name
from app.exports.csv_writer import iter_csv
from models import ContactPublic

GOOGLE_SEPARATOR = " ::: "
GOOGLE_EMAILS = 2
GOOGLE_PHONES = 3
GOOGLE_WEBSITES = 2

GOOGLE_HEADER: tuple[str, ...] = (
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
    "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As",
    "Organization Name", "Organization Title", "Organization Department", "Birthday", "Notes",
    "Photo", "Labels",
    *[f"E-mail {n} - {part}" for n in range(1, GOOGLE_EMAILS + 1) for part in ("Label", "Value")],
    *[f"Phone {n} - {part}" for n in range(1, GOOGLE_PHONES + 1) for part in ("Label", "Value")],
    "Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City",
    "Address 1 - PO Box", "Address 1 - Region", "Address 1 - Postal Code", "Address 1 - Country",
    "Address 1 - Extended Address",
    *[f"Website {n} - {p}" for n in range(1, GOOGLE_WEBSITES + 1) for p in ("Label", "Value")],
)  # fmt: skip

GOOGLE_PHONE_LABELS = {"mobile": "Mobile", "work": "Work", "fax": "Work Fax", "other": "Other"}

OUTLOOK_HEADER: tuple[str, ...] = (
    "First Name", "Middle Name", "Last Name", "Title", "Suffix", "Nickname", "Given Yomi",
    "Surname Yomi", "E-mail Address", "E-mail 2 Address", "E-mail 3 Address", "Home Phone",
    "Home Phone 2", "Business Phone", "Business Phone 2", "Mobile Phone", "Car Phone",
    "Other Phone", "Primary Phone", "Pager", "Business Fax", "Home Fax", "Other Fax",
    "Company Main Phone", "Callback", "Radio Phone", "Telex", "TTY/TDD Phone", "IMAddress",
    "Job Title", "Department", "Company", "Office Location", "Manager's Name",
    "Assistant's Name", "Assistant's Phone", "Company Yomi", "Business Street", "Business City",
    "Business State", "Business Postal Code", "Business Country/Region", "Home Street",
    "Home City", "Home State", "Home Postal Code", "Home Country/Region", "Other Street",
    "Other City", "Other State", "Other Postal Code", "Other Country/Region",
    "Personal Web Page", "Spouse", "Schools", "Hobby", "Location", "Web Page", "Birthday",
    "Anniversary", "Notes",
)  # fmt: skip


def _slots(values: Sequence[str], count: int) -> list[str]:
    """`count` cells; extra values share the last one, joined the way Google joins them."""
    cells = list(values[: count - 1]) + [GOOGLE_SEPARATOR.join(values[count - 1 :])]
    return cells + [""] * (count - len(cells))


# ---------------------------------------------------------------- Google
def google_row(contact: ContactPublic, events: dict[int, str]) -> list[str]:
    row = dict.fromkeys(GOOGLE_HEADER, "")
    name = split_name(contact.name)
    row.update({
        "First Name": name.given, "Middle Name": name.middle, "Last Name": name.family,
        "Name Prefix": name.prefix, "Name Suffix": name.suffix,
        "Organization Name": contact.company or "", "Organization Title": contact.title or "",
        "Notes": notes_text(contact, events),
        "Labels": GOOGLE_SEPARATOR.join(["* myContacts", *contact_event_names(contact, events)]),
    })  # fmt: skip
    for n, email in enumerate(_slots(contact.emails, GOOGLE_EMAILS), start=1):
        row[f"E-mail {n} - Label"] = "Work" if email else ""
        row[f"E-mail {n} - Value"] = email
    _google_phones(row, contact)
    if contact.address:
        row.update({"Address 1 - Label": "Work", "Address 1 - Formatted": contact.address})
    websites = [w for w in [contact.website or "", *contact.social] if w]
    for n, url in enumerate(_slots(websites, GOOGLE_WEBSITES), start=1):
        row[f"Website {n} - Label"] = (
            ("Work" if n == 1 and contact.website else "Profile") if url else ""
        )
        row[f"Website {n} - Value"] = url
    return [row[h] for h in GOOGLE_HEADER]


def _google_phones(row: dict[str, str], contact: ContactPublic) -> None:
    phones = list(contact.phones)
    for n in range(1, GOOGLE_PHONES + 1):
        group = phones[n - 1 :] if n == GOOGLE_PHONES else phones[n - 1 : n]
        if not group:
            break
        row[f"Phone {n} - Label"] = GOOGLE_PHONE_LABELS.get(str(group[0].type), "Other")
        row[f"Phone {n} - Value"] = GOOGLE_SEPARATOR.join(p.number for p in group)


def iter_google_csv(
    rows: Iterable[ContactPublic], events: dict[int, str] | None = None
) -> Iterator[str]:
    names = events or {}
    return iter_csv(GOOGLE_HEADER, rows, lambda contact: google_row(contact, names))


# ---------------------------------------------------------------- Outlook
def outlook_row(contact: ContactPublic, events: dict[int, str]) -> list[str]:
    row = dict.fromkeys(OUTLOOK_HEADER, "")
    name = split_name(contact.name)
    emails = list(contact.emails)
    work, mobile = phone_numbers(contact, "work"), phone_numbers(contact, "mobile")
    fax, other = phone_numbers(contact, "fax"), phone_numbers(contact, "other")
    row.update({
        "First Name": name.given, "Middle Name": name.middle, "Last Name": name.family,
        "Title": name.prefix, "Suffix": name.suffix,
        "E-mail Address": _at(emails, 0), "E-mail 2 Address": _at(emails, 1),
        "E-mail 3 Address": "; ".join(emails[2:]),
        "Business Phone": _at(work, 0), "Business Phone 2": _at(work, 1),
        "Mobile Phone": _at(mobile, 0), "Business Fax": _at(fax, 0),
        "Other Phone": _at(other + mobile[1:] + work[2:], 0),
        "Job Title": contact.title or "", "Company": contact.company or "",
        "Business Street": contact.address or "", "Web Page": contact.website or "",
        "Notes": _outlook_notes(contact, events),
    })  # fmt: skip
    return [row[h] for h in OUTLOOK_HEADER]


def _at(values: Sequence[str], index: int) -> str:
    return values[index] if len(values) > index else ""


def _outlook_notes(contact: ContactPublic, events: dict[int, str]) -> str:
    """Outlook has no column for profiles or events: they go at the end of the notes."""
    extra = [f"Profile: {url}" for url in contact.social]
    names = contact_event_names(contact, events)
    if names:
        extra.append("Events: " + ", ".join(names))
    return "\n".join(part for part in [notes_text(contact, events), *extra] if part)


def iter_outlook_csv(
    rows: Iterable[ContactPublic], events: dict[int, str] | None = None
) -> Iterator[str]:
    """Outlook's CSV: text chunks starting with a BOM (encode as UTF-8)."""
    names = events or {}
    return iter_csv(OUTLOOK_HEADER, rows, lambda contact: outlook_row(contact, names), bom=True)

"""Exports through the API, read back by the real parsers: csv (exact headers, golden files)
and vobject (vCard 3.0 and 4.0 round trips)."""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from pathlib import Path

import pytest
import vobject
from fastapi.testclient import TestClient
from sqlmodel import Session

from models import Contact, Encounter, Event, FollowUpKind, FollowUpStep, User
from tests.factories import make_contact, make_user

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture
def book(session: Session, user: User) -> dict[str, Contact]:
    """Three contacts with fixed values: a full one, a hostile one, a unicode one."""
    event = Event(
        owner_id=user.id,
        name="Milano BNI breakfast",
        held_on=date(2026, 4, 21),
        place="Hotel Gallia",
    )
    session.add(event)
    session.commit()
    maria = make_contact(
        session,
        user,
        name="Dr. Maria Rossi",
        title="Sales Director",
        company="Acme S.r.l.",
        emails=["maria.rossi@acme.it", "m.rossi@gmail.com"],
        phones=[
            {"number": "+393471234567", "type": "mobile"},
            {"number": "+390212345678", "type": "work"},
            {"number": "+390212345679", "type": "fax"},
        ],
        website="https://acme.it",
        address="Via Roma 10, 20121 Milano MI",
        social=["https://www.linkedin.com/in/mariarossi"],
    )
    session.add(
        Encounter(
            owner_id=user.id,
            contact_id=maria.id,
            event_id=event.id,
            where_met="Milano BNI breakfast, Hotel Gallia",
            met_on=date(2026, 4, 21),
            topic="Solar panels; roofs, sheds",
            next_action="Send the offer",
            follow_up_due=date(2026, 4, 28),
            introduced_by="Luca Verdi",
        )
    )
    session.add(
        FollowUpStep(
            owner_id=user.id,
            contact_id=maria.id,
            kind=FollowUpKind.thank_you,
            due_on=date(2026, 4, 22),
            done_on=date(2026, 4, 22),
            note="thanks for the coffee",
        )
    )
    hostile = make_contact(
        session,
        user,
        name='=HYPERLINK("http://evil.example","click")',
        title="-2+3",
        company="+SUM(A1:A9)",
        emails=["@evil"],
        phones=[{"number": "+39 02 1234 5678", "type": "work"}],
        website=None,
        address="\tTabbed street",
        social=[],
    )
    jurgen = make_contact(
        session,
        user,
        name="Jürgen Müller",
        title=None,
        company="Bergwerk GmbH",
        emails=["j.mueller@bergwerk.de"],
        phones=[],
        website=None,
        address=None,
        social=[],
    )
    session.commit()
    return {"maria": maria, "hostile": hostile, "jurgen": jurgen}


def _check_golden(name: str, content: bytes) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN or not path.exists():
        path.write_bytes(content)
    assert content == path.read_bytes(), (
        f"{name} differs from the golden file (UPDATE_GOLDEN=1 to accept)"
    )


def _rows(content: bytes, encoding: str = "utf-8") -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode(encoding), newline="")))


# ---------------------------------------------------------------- CSV presets
GOOGLE_HEADER_START = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
    "E-mail 1 - Label",
    "E-mail 1 - Value",
]
OUTLOOK_HEADER_START = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Title",
    "Suffix",
    "Nickname",
    "Given Yomi",
    "Surname Yomi",
    "E-mail Address",
    "E-mail 2 Address",
    "E-mail 3 Address",
    "Home Phone",
    "Home Phone 2",
    "Business Phone",
    "Business Phone 2",
    "Mobile Phone",
]


@pytest.mark.parametrize(
    ("fmt", "encoding", "bom", "header_start"),
    [
        pytest.param("google", "utf-8", False, GOOGLE_HEADER_START, id="google"),
        pytest.param("outlook", "utf-8-sig", True, OUTLOOK_HEADER_START, id="outlook"),
    ],
)
def test_preset_csv_matches_golden_file(
    client: TestClient,
    auth_headers: dict[str, str],
    book: dict,
    fmt: str,
    encoding: str,
    bom: bool,
    header_start: list[str],
) -> None:
    answer = client.get("/api/contacts.csv", params={"format": fmt}, headers=auth_headers)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert f"cardback-{fmt}.csv" in answer.headers["content-disposition"]
    assert answer.content.startswith(b"\xef\xbb\xbf") is bom
    rows = _rows(answer.content, encoding)
    assert rows[0][: len(header_start)] == header_start
    assert len(rows) == 4 and all(len(r) == len(rows[0]) for r in rows)
    _check_golden(f"contacts-{fmt}.csv", answer.content)


def test_google_csv_puts_values_in_the_right_columns(
    client: TestClient, auth_headers: dict[str, str], book: dict
) -> None:
    rows = _rows(
        client.get("/api/contacts.csv", params={"format": "google"}, headers=auth_headers).content
    )
    maria = dict(zip(rows[0], rows[-1], strict=True))  # oldest last
    assert (maria["Name Prefix"], maria["First Name"], maria["Last Name"]) == (
        "Dr.",
        "Maria",
        "Rossi",
    )
    assert maria["Organization Name"] == "Acme S.r.l."
    assert maria["Organization Title"] == "Sales Director"
    assert maria["E-mail 1 - Value"] == "maria.rossi@acme.it"
    assert (maria["Phone 1 - Label"], maria["Phone 1 - Value"]) == ("Mobile", "+393471234567")
    assert (maria["Phone 3 - Label"], maria["Phone 3 - Value"]) == ("Work Fax", "+390212345679")
    assert maria["Address 1 - Formatted"] == "Via Roma 10, 20121 Milano MI"
    assert maria["Labels"] == "* myContacts ::: Milano BNI breakfast"
    assert "Solar panels; roofs, sheds" in maria["Notes"]
    assert (
        "Thank-you note, due 2026-04-22, done 2026-04-22: thanks for the coffee" in maria["Notes"]
    )


def test_outlook_csv_maps_phones_by_type_and_job_title(
    client: TestClient, auth_headers: dict[str, str], book: dict
) -> None:
    content = client.get(
        "/api/contacts.csv", params={"format": "outlook"}, headers=auth_headers
    ).content
    rows = _rows(content, "utf-8-sig")
    maria = dict(zip(rows[0], rows[-1], strict=True))
    assert maria["Title"] == "Dr."  # Outlook's Title is the honorific
    assert maria["Job Title"] == "Sales Director"
    assert maria["Company"] == "Acme S.r.l."
    assert (maria["Mobile Phone"], maria["Business Phone"], maria["Business Fax"]) == (
        "+393471234567",
        "+390212345678",
        "+390212345679",
    )
    assert maria["E-mail 2 Address"] == "m.rossi@gmail.com"
    assert maria["Web Page"] == "https://acme.it"
    assert "Profile: https://www.linkedin.com/in/mariarossi" in maria["Notes"]


def test_hostile_cells_are_neutralised_but_phone_numbers_stay(
    client: TestClient, auth_headers: dict[str, str], book: dict
) -> None:
    rows = _rows(
        client.get("/api/contacts.csv", params={"format": "full"}, headers=auth_headers).content
    )
    hostile = dict(zip(rows[0], rows[2], strict=True))
    assert hostile["name"] == '\'=HYPERLINK("http://evil.example","click")'
    assert hostile["title"] == "'-2+3"
    assert hostile["company"] == "'+SUM(A1:A9)"
    assert hostile["emails"] == "'@evil"
    assert hostile["address"] == "'\tTabbed street"
    assert hostile["phones"] == "work: +39 02 1234 5678"
    google = _rows(
        client.get("/api/contacts.csv", params={"format": "google"}, headers=auth_headers).content
    )
    assert (
        dict(zip(google[0], google[2], strict=True))["Phone 1 - Value"] == "+39 02 1234 5678"
    )  # phone: intact


# ---------------------------------------------------------------- full CSV
def test_full_csv_has_stable_ids_and_every_note(
    client: TestClient, session: Session, user: User, auth_headers: dict[str, str], book: dict
) -> None:
    answer = client.get("/api/contacts.csv", headers=auth_headers)  # format=full is the default
    assert not answer.content.startswith(b"\xef\xbb\xbf")
    rows = _rows(answer.content)
    _check_golden("contacts-full-header.csv", (",".join(rows[0]) + "\r\n").encode())
    by_id = {int(r[0]): dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert set(by_id) == {c.id for c in book.values()}
    maria = by_id[book["maria"].id]
    assert maria["where_met"] == "Milano BNI breakfast, Hotel Gallia"
    assert maria["topic"] == "Solar panels; roofs, sheds"
    assert maria["follow_up_due"] == "2026-04-28"
    assert maria["introduced_by"] == "Luca Verdi"
    assert maria["events"] == "Milano BNI breakfast"
    assert '"kind": "thank_you"' in maria["follow_ups_json"]
    assert maria["phones"] == "mobile: +393471234567; work: +390212345678; fax: +390212345679"
    again = _rows(client.get("/api/contacts.csv", headers=auth_headers).content)
    assert [r[0] for r in again] == [r[0] for r in rows]


@pytest.mark.parametrize(
    ("params", "who"),
    [
        pytest.param({"q": "bergwerk"}, {"jurgen"}, id="q"),
        pytest.param({"where": "gallia"}, {"maria"}, id="where"),
        pytest.param({"met_from": "2026-04-01", "met_to": "2026-04-30"}, {"maria"}, id="met-range"),
    ],
)
def test_csv_takes_the_list_filters(
    client: TestClient, auth_headers: dict[str, str], book: dict, params: dict, who: set[str]
) -> None:
    rows = _rows(client.get("/api/contacts.csv", params=params, headers=auth_headers).content)
    assert {int(r[0]) for r in rows[1:]} == {book[name].id for name in who}


def test_csv_is_streamed_in_batches(
    client: TestClient, session: Session, user: User, auth_headers: dict[str, str]
) -> None:
    for n in range(450):
        session.add(Contact(owner_id=user.id, name=f"Person {n}", emails=[f"p{n}@example.com"]))
    session.commit()
    with client.stream("GET", "/api/contacts.csv", headers=auth_headers) as answer:
        chunks = list(answer.iter_raw())
    rows = _rows(b"".join(chunks))
    assert len(rows) == 451
    assert len(chunks) >= 3  # 200 rows a batch: never the whole file at once


def test_exports_are_private(client: TestClient, session: Session, book: dict) -> None:
    stranger = make_user(session)
    from tests.factories import make_token

    headers = {"Authorization": f"Bearer {make_token(session, stranger)}"}
    rows = _rows(client.get("/api/contacts.csv", headers=headers).content)
    assert len(rows) == 1  # the header only
    assert client.get(f"/api/contacts/{book['maria'].id}.vcf", headers=headers).status_code == 404
    assert client.get("/api/contacts.csv").status_code == 401


def test_bad_format_is_a_422(client: TestClient, auth_headers: dict[str, str]) -> None:
    answer = client.get("/api/contacts.csv", params={"format": "excel"}, headers=auth_headers)
    assert answer.status_code == 422
    assert "detail" in answer.json()


# ---------------------------------------------------------------- vCard
def _parse_one(text: str) -> vobject.base.Component:
    assert "\r\n" in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    return vobject.readOne(text)


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vcard_round_trips_through_vobject(
    client: TestClient, auth_headers: dict[str, str], book: dict, version: str
) -> None:
    maria = book["maria"]
    answer = client.get(
        f"/api/contacts/{maria.id}.vcf", params={"version": version}, headers=auth_headers
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/vcard; charset=utf-8"
    card = _parse_one(answer.text)
    assert card.version.value == version
    assert card.fn.value == "Dr. Maria Rossi"
    assert (card.n.value.prefix, card.n.value.given, card.n.value.family) == (
        "Dr.",
        "Maria",
        "Rossi",
    )
    assert card.org.value == ["Acme S.r.l."]
    assert card.title.value == "Sales Director"
    tels = {
        t.value.removeprefix("tel:"): ",".join(t.params["TYPE"]).lower()
        for t in card.contents["tel"]
    }
    assert tels == {
        "+393471234567": "cell,voice" if version == "3.0" else "cell",
        "+390212345678": "work,voice",
        "+390212345679": "work,fax",
    }
    assert [e.value for e in card.contents["email"]] == maria.emails
    assert card.url.value == "https://acme.it"
    assert card.adr.value.street == "Via Roma 10, 20121 Milano MI"
    assert "Topic: Solar panels; roofs, sheds" in card.note.value
    assert "Next: Send the offer (due 2026-04-28)" in card.note.value
    assert card.categories.value == ["Milano BNI breakfast"]
    assert card.contents["x-socialprofile"][0].value == "https://www.linkedin.com/in/mariarossi"
    assert card.contents["x-socialprofile"][0].params["TYPE"] == ["linkedin"]


def test_vcf_of_all_contacts_parses_back(
    client: TestClient, auth_headers: dict[str, str], book: dict
) -> None:
    answer = client.get("/api/contacts.vcf", headers=auth_headers)
    cards = list(vobject.readComponents(answer.text))
    assert sorted(c.fn.value for c in cards) == sorted(c.name for c in book.values())
    hostile = next(c for c in cards if c.fn.value.startswith("=HYPERLINK"))
    assert hostile.fn.value == book["hostile"].name  # vCards are not spreadsheets: no apostrophe
    filtered = client.get("/api/contacts.vcf", params={"q": "müller"}, headers=auth_headers)
    assert [c.fn.value for c in vobject.readComponents(filtered.text)] == ["Jürgen Müller"]

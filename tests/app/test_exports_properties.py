"""Property tests of the writers: any contact values survive csv and vobject parsing, and no CSV
cell can start a spreadsheet formula (except a plain phone number)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.exports.cells import DANGEROUS_FIRST, is_phone_like, neutralise, restore
from app.exports.csv_full import FULL_HEADER, full_row, iter_full_csv
from app.exports.csv_presets import GOOGLE_HEADER, OUTLOOK_HEADER, iter_google_csv, iter_outlook_csv
from app.exports.vcard import contact_vcard
from models import ContactPublic, EncounterPublic

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
# Printable text plus the characters that break naive writers: separators, quotes, newlines.
text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029"
    )
    | st.sampled_from(list(",;:\"'\\\n=+-@\t")),
    max_size=40,
)
phone = st.from_regex(r"\+[1-9][0-9 ]{5,14}", fullmatch=True)


@st.composite
def contacts(draw: st.DrawFn) -> ContactPublic:
    encounter = EncounterPublic(
        id=1,
        contact_id=1,
        event_id=None,
        where_met=draw(text) or None,
        met_on=date(2026, 4, 1),
        topic=draw(text) or None,
        next_action=draw(text) or None,
        follow_up_due=None,
        follow_up_done=False,
        introduced_by=None,
        created_at=NOW,
    )
    return ContactPublic(
        id=draw(st.integers(1, 10**6)),
        name=draw(text) or None,
        title=draw(text) or None,
        company=draw(text) or None,
        website=draw(text) or None,
        address=draw(text) or None,
        emails=draw(st.lists(text, max_size=3)),
        phones=[
            {"number": n, "type": "mobile"}
            for n in draw(st.lists(phone | text.map(lambda s: s[:32]), max_size=3))
            if n
        ],
        social=draw(st.lists(text, max_size=2)),
        confidence={},
        created_at=NOW,
        updated_at=NOW,
        last_interaction_at=None,
        encounters=[encounter],
    )


def _parse(chunks: list[str]) -> list[list[str]]:
    return list(csv.reader(io.StringIO("".join(chunks).removeprefix("\ufeff"), newline="")))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(contacts(), max_size=5))
def test_full_csv_parses_back_to_the_neutralised_values(rows: list[ContactPublic]) -> None:
    parsed = _parse(list(iter_full_csv(rows, {})))
    assert parsed[0] == list(FULL_HEADER)
    assert len(parsed) == len(rows) + 1
    for contact, cells in zip(rows, parsed[1:], strict=True):
        expected = full_row(contact, {})
        assert cells == [neutralise(value) for value in expected]
        assert [restore(cell) for cell in cells] == expected


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(contacts(), max_size=5))
def test_no_cell_of_any_preset_starts_a_formula(rows: list[ContactPublic]) -> None:
    for writer, header in (
        (iter_full_csv, FULL_HEADER),
        (iter_google_csv, GOOGLE_HEADER),
        (iter_outlook_csv, OUTLOOK_HEADER),
    ):
        parsed = _parse(list(writer(rows, {})))
        assert parsed[0] == list(header)
        assert len(parsed) == len(rows) + 1
        for cell in (c for row in parsed[1:] for c in row):
            assert not cell.startswith(DANGEROUS_FIRST) or is_phone_like(cell), cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        pytest.param("=1+1", "'=1+1", id="equals"),
        pytest.param("+SUM(A1)", "'+SUM(A1)", id="plus-formula"),
        pytest.param("-2", "'-2", id="minus"),
        pytest.param("@cmd", "'@cmd", id="at"),
        pytest.param("\tx", "'\tx", id="tab"),
        pytest.param("\rx", "'\rx", id="carriage-return"),
        pytest.param("+39 347 123 4567", "+39 347 123 4567", id="phone-with-spaces"),
        pytest.param("+393471234567", "+393471234567", id="e164"),
        pytest.param("+39-347", "'+39-347", id="phone-with-dash-is-not-plain"),
        pytest.param("+", "'+", id="bare-plus"),
        pytest.param("Maria", "Maria", id="plain"),
        pytest.param("", "", id="empty"),
        pytest.param("'=x", "''=x", id="already-quoted-formula-stays-exact"),
        pytest.param("'+39 347", "''+39 347", id="quoted-phone"),
        pytest.param("'quoted'", "'quoted'", id="apostrophe-text"),
    ],
)
def test_neutralise(value: str, cell: str) -> None:
    assert neutralise(value) == cell
    assert restore(cell) == value


# vobject drops trailing/leading whitespace of some values and cannot carry a bare CR:
vtext = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"
        )
        | st.sampled_from(list(",;:\"'\\\n")),
        min_size=1,
        max_size=60,
    )
    .map(lambda s: s.strip())
    .filter(bool)
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(name=vtext, company=vtext, title=vtext, topic=vtext, version=st.sampled_from(["3.0", "4.0"]))
def test_vcard_values_round_trip_through_vobject(
    name: str, company: str, title: str, topic: str, version: str
) -> None:
    encounter = EncounterPublic(
        id=1,
        contact_id=1,
        event_id=None,
        where_met=None,
        met_on=None,
        topic=topic,
        next_action=None,
        follow_up_due=None,
        follow_up_done=False,
        introduced_by=None,
        created_at=NOW,
    )
    contact = ContactPublic(
        id=1,
        name=name,
        title=title,
        company=company,
        emails=["a@b.it"],
        phones=[],
        social=[],
        confidence={},
        created_at=NOW,
        updated_at=NOW,
        last_interaction_at=None,
        encounters=[encounter],
    )
    text_out = contact_vcard(contact, {}, version)
    assert all(len(line.encode()) <= 75 for line in text_out.split("\r\n"))
    card = vobject.readOne(text_out)
    assert card.fn.value == name
    assert card.org.value == [company]
    assert card.title.value == title
    assert card.note.value == f"Met ?\nTopic: {topic}"

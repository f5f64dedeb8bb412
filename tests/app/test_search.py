"""Full-text search (FTS5 on SQLite, tsvector on PostgreSQL): what is found, and whose."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from app.search import contact_ids_matching, fts5_query, query_words
from models import Contact, Encounter, FollowUpKind, FollowUpStep, User
from tests.factories import make_contact, make_user

pytestmark = pytest.mark.postgres


@pytest.fixture
def people(session: Session, user: User) -> dict[str, Contact]:
    maria = make_contact(
        session,
        user,
        name="Maria Rossi",
        title="Sales Director",
        company="Acme S.r.l.",
        emails=["maria.rossi@acme.it"],
    )
    jurgen = make_contact(
        session,
        user,
        name="Jürgen Müller",
        title="CTO",
        company="Bergwerk GmbH",
        emails=["j.mueller@bergwerk.de"],
        address="Hauptstraße 5, München",
        website="bergwerk.de",
    )
    session.add(
        Encounter(
            owner_id=user.id,
            contact_id=maria.id,
            topic="solar panels in Brianza",
            where_met="BNI breakfast",
        )
    )
    session.add(
        FollowUpStep(
            owner_id=user.id,
            contact_id=jurgen.id,
            kind=FollowUpKind.useful_shared,
            note="send the article about heat pumps",
        )
    )
    session.commit()
    return {"maria": maria, "jurgen": jurgen}


@pytest.mark.parametrize(
    ("query", "who"),
    [
        pytest.param("rossi", {"maria"}, id="last-name"),
        pytest.param("Maria Rossi", {"maria"}, id="full-name"),
        pytest.param("ros", {"maria"}, id="prefix"),
        pytest.param("acme", {"maria"}, id="company"),
        pytest.param("director", {"maria"}, id="title"),
        pytest.param("maria.rossi@acme.it", {"maria"}, id="email"),
        pytest.param("bergwerk", {"jurgen"}, id="email-domain-and-company"),
        pytest.param("brianza", {"maria"}, id="encounter-topic"),
        pytest.param("bni", {"maria"}, id="where-met"),
        pytest.param("heat pumps", {"jurgen"}, id="follow-up-note"),
        pytest.param("rossi brianza", {"maria"}, id="words-across-contact-and-notes"),
        pytest.param("rossi heat", set(), id="every-word-must-match"),
        pytest.param("nobody", set(), id="no-match"),
        pytest.param("  ", set(), id="blank"),
    ],
)
def test_search_finds_by_every_field(
    session: Session, user: User, people: dict[str, Contact], query: str, who: set[str]
) -> None:
    expected = sorted(people[name].id for name in who)  # type: ignore[misc]
    assert contact_ids_matching(session, user.id, query) == expected  # type: ignore[arg-type]


def test_search_ignores_accents_on_sqlite(
    session: Session, user: User, people: dict[str, Contact]
) -> None:
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("accent folding is FTS5's remove_diacritics")
    assert contact_ids_matching(session, user.id, "jurgen muller") == [people["jurgen"].id]


def test_search_never_returns_another_users_contacts(
    session: Session, user: User, people: dict
) -> None:
    other = make_user(session)
    make_contact(session, other, name="Maria Rossi")
    assert contact_ids_matching(session, user.id, "rossi") == [people["maria"].id]
    assert len(contact_ids_matching(session, other.id, "rossi")) == 1


def test_index_follows_updates_deletes_and_moves(
    session: Session, user: User, people: dict
) -> None:
    maria, jurgen = people["maria"], people["jurgen"]
    maria.title = "Chief Gardener"
    session.add(maria)
    session.commit()
    assert contact_ids_matching(session, user.id, "director") == []
    assert contact_ids_matching(session, user.id, "gardener") == [maria.id]
    encounter = session.query(Encounter).filter_by(contact_id=maria.id).one()
    encounter.contact_id = jurgen.id  # what a merge does
    session.add(encounter)
    session.commit()
    assert contact_ids_matching(session, user.id, "brianza") == [jurgen.id]
    session.delete(jurgen)
    session.commit()
    assert contact_ids_matching(session, user.id, "brianza") == []


def test_query_words_cannot_inject_fts_syntax() -> None:
    words = query_words('rossi" OR * NEAR(a b) -x')
    assert words == ["rossi", "or", "near", "a", "b", "x"]
    assert fts5_query(words) == '"rossi"* "or"* "near"* "a"* "b"* "x"*'


@pytest.mark.parametrize("query", ["rossi", "bergwerk heat", "brianza", "nobody"])
def test_subquery_form_selects_the_same_contacts(
    session: Session, user: User, people: dict[str, Contact], query: str
) -> None:
    from sqlmodel import col, select

    from app.search import matching_ids_select

    subquery = matching_ids_select(session, user.id, query)  # type: ignore[arg-type]
    statement = select(Contact.id).where(col(Contact.id).in_(subquery))
    found = sorted(session.exec(statement).all())
    assert found == contact_ids_matching(session, user.id, query)  # type: ignore[arg-type]

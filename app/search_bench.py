"""Search latency benchmark: 10,000 contacts, p50/p95 of full-text queries.

    .venv/bin/python -m app.search_bench [--contacts 10000] [--queries 300] [--write BENCHMARKS.md]

Runs on a fresh SQLite database (FTS5) and, when it answers, on PostgreSQL
(CARDBACK_BENCH_PG_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/cardback_test, in a
throwaway schema). Measures `contact_ids_matching` alone and the contacts list with `q` (one page
plus the count), which is what `GET /api/contacts?q=` costs. Results go between the
`<!-- search:start -->` and `<!-- search:end -->` markers of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.engine import Engine
from sqlmodel import Session

import app.search
from app.contacts import ContactFilters, list_contacts
from app.db import make_engine, migrate
from app.search import contact_ids_matching, matching_ids_select
from models import Contact, Encounter, User

START, END = "<!-- search:start -->", "<!-- search:end -->"
PG_URL = os.environ.get(
    "CARDBACK_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/cardback_test"
)

GIVEN = [
    "Maria",
    "Luca",
    "Giulia",
    "Marco",
    "Anna",
    "Paolo",
    "Sara",
    "Jürgen",
    "Hélène",
    "José",
    "Emma",
    "Noah",
    "Sofia",
    "Lukas",
    "Chiara",
    "Pierre",
]
FAMILY = [
    "Rossi",
    "Bianchi",
    "Verdi",
    "Neri",
    "Russo",
    "Ferrari",
    "Esposito",
    "Romano",
    "Colombo",
    "Ricci",
    "Müller",
    "Schmidt",
    "Dupont",
    "García",
    "Silva",
    "Smith",
    "Jones",
    "Brown",
    "Moreau",
    "Bernard",
    "Fischer",
    "Weber",
    "Costa",
    "Santos",
    "Gallo",
    "Conti",
]
COMPANIES = [
    "Acme",
    "Bergwerk",
    "Solaria",
    "Tecnoplast",
    "Idraulica",
    "Lumen",
    "Vetreria",
    "Nordica",
    "Alfa",
    "Beta",
    "Gamma",
    "Orion",
]
SUFFIXES = ["S.r.l.", "S.p.A.", "GmbH", "SAS", "Ltd", "S.L."]
TITLES = ["Sales Director", "CEO", "CTO", "Architect", "Accountant", "Product Manager", "Buyer"]
TOPICS = [
    "solar panels on the warehouse roof",
    "packaging for the food line",
    "export to Germany",
    "heat pumps for offices",
    "a referral for a lawyer",
    "trade fair stand design",
    "BNI chapter visit",
]
WHERE = [
    "Milano BNI breakfast",
    "Fiera Milano",
    "Coffee at Brera",
    "Networking lunch Torino",
    "Webinar",
]


def fake_contact(rng: random.Random, owner_id: int, n: int) -> tuple[Contact, Encounter]:
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    company = f"{rng.choice(COMPANIES)} {rng.choice(SUFFIXES)}"
    domain = company.split()[0].lower() + ".example"
    contact = Contact(
        owner_id=owner_id,
        name=f"{given} {family}",
        title=rng.choice(TITLES),
        company=company,
        emails=[f"{given.lower()}.{family.lower()}{n}@{domain}"],
        phones=[{"number": f"+39347{n:07d}", "type": "mobile"}],
        website=domain,
        address=f"Via Roma {n % 200}, Milano",
    )
    encounter = Encounter(
        owner_id=owner_id,
        contact_id=0,
        where_met=rng.choice(WHERE),
        met_on=date(2026, 1, 1) + timedelta(days=n % 300),
        topic=rng.choice(TOPICS),
    )
    return contact, encounter


def seed(engine: Engine, contacts: int, rng: random.Random) -> int:
    with Session(engine) as session:
        users = [User(email=f"bench{i}@example.com", password_hash="-") for i in range(2)]
        session.add_all(users)
        session.commit()
        owner_id, other_id = int(users[0].id), int(users[1].id)  # type: ignore[arg-type]
        for start in range(0, contacts, 1000):
            pairs = [
                fake_contact(rng, owner_id, n) for n in range(start, min(start + 1000, contacts))
            ]
            session.add_all([c for c, _ in pairs])
            session.flush()
            for contact, encounter in pairs:
                encounter.contact_id = contact.id  # type: ignore[assignment]
            session.add_all([e for _, e in pairs])
            session.commit()
        # someone else's contacts share the index: the owner filter must still be cheap
        session.add_all([fake_contact(rng, other_id, n)[0] for n in range(contacts // 10)])
        session.commit()
    if engine.dialect.name == "postgresql":
        # autovacuum would do this on a live server; without it the planner ignores the GIN indexes
        with engine.begin() as conn:  # committed: statistics are transactional
            conn.exec_driver_sql("ANALYZE")
    return owner_id


def queries(rng: random.Random, count: int) -> list[str]:
    makers: list[Callable[[], str]] = [
        lambda: rng.choice(FAMILY),
        lambda: rng.choice(FAMILY)[:3],
        lambda: f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
        lambda: rng.choice(COMPANIES),
        lambda: rng.choice(TITLES).split()[0],
        lambda: f"{rng.choice(COMPANIES).lower()}.example",
        lambda: rng.choice(TOPICS).split()[-1],
        lambda: f"{rng.choice(FAMILY)} {rng.choice(TOPICS).split()[0]}",
        lambda: "nobodyhere",
    ]
    return [rng.choice(makers)() for _ in range(count)]


def timed(fn: Callable[..., object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(url: str, contacts: int, count: int) -> dict[str, float | int]:
    rng = random.Random(7)
    migrate(url)
    engine = make_engine(url)
    try:
        started = time.perf_counter()
        owner_id = seed(engine, contacts, rng)
        seeded_s = time.perf_counter() - started
        asked = queries(rng, count)
        ids_ms: list[float] = []
        list_ms: list[float] = []
        sub_ms: list[float] = []
        hits: list[int] = []
        with Session(engine) as session:
            for q in asked[:10]:  # warm the caches
                contact_ids_matching(session, owner_id, q)
            for q in asked:
                ids_ms.append(
                    timed(lambda q=q: hits.append(len(contact_ids_matching(session, owner_id, q))))
                )
                list_ms.append(
                    timed(lambda q=q: list_contacts(session, owner_id, ContactFilters(q=q), 0, 50))
                )
            with ids_as_subquery():
                for q in asked:
                    sub_ms.append(
                        timed(
                            lambda q=q: list_contacts(session, owner_id, ContactFilters(q=q), 0, 50)
                        )
                    )
        return {
            "seed_s": round(seeded_s, 1),
            "ids_p50": percentile(ids_ms, 50), "ids_p95": percentile(ids_ms, 95),
            "list_p50": percentile(list_ms, 50), "list_p95": percentile(list_ms, 95),
            "sub_p50": percentile(sub_ms, 50), "sub_p95": percentile(sub_ms, 95),
            "hits_median": int(statistics.median(hits)), "hits_max": max(hits),
        }  # fmt: skip
    finally:
        engine.dispose()


@contextmanager
def ids_as_subquery() -> Iterator[None]:
    """The list page as it would be if app.contacts used `matching_ids_select` (a subquery)
    instead of the list of ids: app.contacts imports the function at each call."""
    original = app.search.contact_ids_matching
    app.search.contact_ids_matching = matching_ids_select
    try:
        yield
    finally:
        app.search.contact_ids_matching = original


@contextmanager
def postgres_schema(base_url: str) -> Iterator[str | None]:
    """A throwaway schema on the PostgreSQL server, or None when it does not answer."""
    try:
        import psycopg

        libpq = base_url.replace("postgresql+psycopg://", "postgresql://", 1)
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(libpq, connect_timeout=3, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    except Exception as exc:  # unreachable server: skip, say why
        print(f"PostgreSQL skipped: {str(exc).strip()[:120]}")
        yield None
        return
    sep = "&" if "?" in base_url else "?"
    try:
        yield f"{base_url}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def table(rows: dict[str, dict[str, float | int]], contacts: int, count: int) -> str:
    lines = [
        "## Search latency",
        "",
        f"`python -m app.search_bench` — {contacts:,} contacts of one user (each with an "
        f"encounter: where, topic) plus {contacts // 10:,} of another user, {count} mixed queries "
        "(surnames, "
        "3-letter prefixes, full names, companies, titles, email domains, topic words, two-word "
        f"mixes, no-match), {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs "
        "shared with other work. PostgreSQL after `ANALYZE` (as autovacuum does). Times in ms.",
        "",
        "| database | index | ids p50 | ids p95 | list page p50 | list page p95 "
        "| list page, ids as subquery p50 / p95 | hits median / max | seed (s) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    index = {"SQLite": "FTS5 (trigger-maintained)", "PostgreSQL": "GIN on to_tsvector('simple')"}
    for name, r in rows.items():
        lines.append(
            f"| {name} | {index[name]} | {r['ids_p50']:.1f} | {r['ids_p95']:.1f} | "
            f"{r['list_p50']:.1f} | {r['list_p95']:.1f} | "
            f"{r['sub_p50']:.1f} / {r['sub_p95']:.1f} | "
            f"{r['hits_median']} / {r['hits_max']} | {r['seed_s']} |"
        )
    lines += [
        "",
        "`ids` = `app.search.contact_ids_matching` (the full-text lookup); `list page` = "
        "`GET /api/contacts?q=` without HTTP: the lookup, the count and the first 50 rows, as "
        "`app.contacts` does it today (the ids bound as a list); `ids as subquery` = the same page "
        "with `app.search.matching_ids_select` inside `Contact.id.in_(...)`, measured to choose "
        "between the two (the list wins on PostgreSQL). Target: p95 ≤ 50 ms.",
    ]
    return "\n".join(lines)


def write_section(path: Path, text: str) -> None:
    """Replace only our marked section; other engineers own the rest of the file."""
    current = path.read_text() if path.exists() else ""
    block = f"{START}\n{text}\n{END}"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1]
        path.write_text(before + block + after)
    else:
        path.write_text(current.rstrip("\n") + ("\n\n" if current else "") + block + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--write", type=Path, help="BENCHMARKS.md to update (marked section only)")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)
    rows: dict[str, dict[str, float | int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        rows["SQLite"] = measure(f"sqlite:///{tmp}/bench.db", args.contacts, args.queries)
        print("SQLite", rows["SQLite"])
    if not args.no_postgres:
        with postgres_schema(PG_URL) as url:
            if url:
                rows["PostgreSQL"] = measure(url, args.contacts, args.queries)
                print("PostgreSQL", rows["PostgreSQL"])
    text = table(rows, args.contacts, args.queries)
    print(text)
    if args.write:
        write_section(args.write, text)


if __name__ == "__main__":
    main()

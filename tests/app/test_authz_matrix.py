"""The authorisation matrix, generated from the app's route table.

For every /api operation except the public ones:
  - no credentials -> 401 (with WWW-Authenticate), a revoked token -> 401;
  - a login-session cookie without the CSRF token on an unsafe method -> 403;
  - user B with user A's record ids -> 404, the very answer B gets for ids that do not exist;
    and A itself, with the same ids, is not refused (so the ids are right and the 404 means
    something);
  - routes without ids: B's answer never contains A's data, and ids of A's records placed in
    B's request body are refused.
A path parameter this file does not know FAILS the test: register it in PARAM_RECORDS, so a new
route cannot slip past the matrix. Bodies are generated from the OpenAPI schema of each route.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlmodel import Session

from app import routes
from app.config import Settings
from app.db import migrate
from app.main import create_app
from tests.app.artifacts import record_figure
from tests.app.owned_records import OwnedRecords, image_bytes, make_owned_records
from tests.factories import PASSWORD, make_token, make_user

PUBLIC = {
    ("GET", "/api/health"),
    ("GET", "/api/auth/status"),
    ("POST", "/api/auth/setup"),
    ("POST", "/api/auth/login"),
    ("POST", "/api/auth/logout"),
}
# Path parameter name -> which of A's records it names. `id` is resolved by the collection
# segment in front of it (/api/events/{id} -> event).
PARAM_RECORDS = {
    "contact_id": "contact",
    "card_id": "card",
    "event_id": "event",
    "encounter_id": "encounter",
    "step_id": "step",
    "follow_up_id": "step",
    "followup_id": "step",
    "job_id": "job",
    "token_id": "token",
}
COLLECTIONS = {
    "contacts": "contact",
    "cards": "card",
    "events": "event",
    "encounters": "encounter",
    "follow-ups": "step",
    "jobs": "job",
    "tokens": "token",
}
FIXED_PARAMS = {"side": "front"}  # not an id: the same value for everyone
MISSING_INT = 987_654_321
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
PARAM_RE = re.compile(r"{(\w+)(?::\w+)?}")


@dataclass(frozen=True, order=True)
class Operation:
    method: str
    path: str

    @property
    def params(self) -> list[str]:
        return PARAM_RE.findall(self.path)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def _route_table(app: FastAPI) -> Iterator[tuple[str, APIRoute]]:
    """(path, route) for every API route, flattening included routers on any FastAPI version."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # FastAPI before included-router contexts: app.routes is already flat
        for route in app.routes:
            if isinstance(route, APIRoute):
                yield route.path, route
        return
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute):
            yield str(context.path), context.original_route


def protected_operations(app: FastAPI) -> list[Operation]:
    operations = {
        Operation(method, path)
        for path, route in _route_table(app)
        if path.startswith("/api/")
        for method in route.methods or ()
        if method != "HEAD"
    }
    # DELETE last: if one wrongly succeeds, the other checks still see A's records.
    public = [op for op in operations if (op.method, op.path) not in PUBLIC]
    return sorted(public, key=lambda o: (o.method == "DELETE", o.path, o.method))


PUBLIC_PAGES = {"/login", "/setup"}


def page_operations(app: FastAPI) -> list[Operation]:
    """The web app's HTML pages (GET routes outside /api, the docs and /static)."""
    skip = ("/api/", "/docs", "/redoc", "/openapi", "/static")
    pages = {
        Operation("GET", path)
        for path, route in _route_table(app)
        if "GET" in (route.methods or ()) and not path.startswith(skip)
    }
    return sorted(op for op in pages if op.path not in PUBLIC_PAGES)


def _bare_app() -> FastAPI:
    # The same route table create_app mounts, without starting a database or a job pool.
    bare = FastAPI()
    routes.include_all(bare)
    return bare


OPERATIONS = protected_operations(_bare_app())
PAGES = page_operations(_bare_app())


# ---------------------------------------------------------------- the world: A, B and A's records
@dataclass
class World:
    app: FastAPI
    client: TestClient
    a: OwnedRecords
    a_headers: dict[str, str]
    b_headers: dict[str, str]
    revoked_headers: dict[str, str]
    a_cookie_client: TestClient
    b_cookie_client: TestClient
    spec: dict[str, Any]
    outcomes: dict[str, list[bool]]  # operation -> one True/False per case run
    controlled_lists: dict[str, bool]  # list route -> A's own answer shows A's marker


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    data_dir = tmp_path_factory.mktemp("authz") / "data"
    settings = Settings(data_dir=data_dir, secret_key="matrix", _env_file=None)  # type: ignore[call-arg]
    settings.upload_rate_per_minute = 10_000
    migrate(settings.sqlalchemy_url)
    application = create_app(settings)
    with (
        TestClient(application) as client,
        TestClient(application) as cookie_client,
        TestClient(application) as b_cookie_client,
    ):
        with Session(application.state.engine, expire_on_commit=False) as session:
            owner, intruder = make_user(session), make_user(session)
            a = make_owned_records(session, application.state.storage, owner)
            revoked = make_token(session, owner, name="revoked")
            a_token, b_token = make_token(session, owner), make_token(session, intruder)
        assert (
            client.delete(
                f"/api/tokens/{_token_id(client, a_token, 'revoked')}", headers=_bearer(a_token)
            ).status_code
            == 204
        )
        _log_in(cookie_client, owner.email)
        _log_in(b_cookie_client, intruder.email)
        world = World(
            application,
            client,
            a,
            _bearer(a_token),
            _bearer(b_token),
            _bearer(revoked),
            cookie_client,
            b_cookie_client,
            application.openapi(),
            {},
            {},
        )
        yield world
        _record_figures(world)
    application.state.engine.dispose()


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def _token_id(client: TestClient, secret: str, name: str) -> int:
    tokens = client.get("/api/tokens", headers=_bearer(secret)).json()
    return int(next(t["id"] for t in tokens if t["name"] == name))


def _log_in(client: TestClient, email: str) -> None:
    csrf = client.get("/api/auth/status").json()["csrf_token"]
    answer = client.post(
        "/api/auth/login",
        json={"email": email, "password": PASSWORD},
        headers={"X-CSRF-Token": csrf},
    )
    assert answer.status_code == 200, answer.text


def _record_figures(world: World) -> None:
    outcomes = world.outcomes
    cases = sum(len(v) for v in outcomes.values())
    failed = {op: v.count(False) for op, v in outcomes.items() if False in v}
    record_figure(
        "authz_matrix",
        {
            "operations": len(outcomes),
            "cases": cases,
            "leaks_or_wrong_answers": sum(failed.values()),
            "failing_operations": failed,
            "list_routes_where_owner_sees_marker": sorted(
                k for k, v in world.controlled_lists.items() if v
            ),
        },
    )


# ---------------------------------------------------------------- ids, parameters and bodies
def record_ids(a: OwnedRecords) -> dict[str, Any]:
    return {
        "contact": a.contact.id,
        "card": a.card.id,
        "event": a.event.id,
        "encounter": a.encounter.id,
        "step": a.step.id,
        "job": a.job.id,
        "token": a.token_id,
    }


def missing_ids() -> dict[str, Any]:
    ids: dict[str, Any] = dict.fromkeys(COLLECTIONS.values(), MISSING_INT)
    ids["job"] = uuid.uuid4().hex
    return ids


def record_for(path: str, name: str) -> str | None:
    """Which record kind the path parameter `name` names, or None if it is unknown."""
    if name in PARAM_RECORDS:
        return PARAM_RECORDS[name]
    if name == "id":
        before = path.split("{id}")[0].rstrip("/").rsplit("/", 1)[-1]
        return COLLECTIONS.get(before)
    return None


def fill_path(op: Operation, ids: dict[str, Any]) -> str:
    path = op.path
    for name in op.params:
        if name in FIXED_PARAMS:
            value = FIXED_PARAMS[name]
        else:
            kind = record_for(op.path, name)
            if kind is None:
                pytest.fail(
                    f"{op}: unknown path parameter {name!r}; register it in PARAM_RECORDS "
                    "(or FIXED_PARAMS) in tests/app/test_authz_matrix.py"
                )
            value = ids[kind]
        path = re.sub("{" + name + r"(?::\w+)?}", str(value), path)
    return path


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


BINARY = object()


def _is_binary(schema: dict[str, Any]) -> bool:
    return schema.get("format") == "binary" or "contentMediaType" in schema


def example(schema: dict[str, Any], spec: dict[str, Any], name: str, ids: dict[str, Any]) -> Any:
    """A small valid value for the schema; *_id fields get the given record ids."""
    schema = _resolve(schema, spec)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [_resolve(o, spec) for o in schema[key]]
            options = [o for o in options if o.get("type") != "null"] or options
            return example(options[0], spec, name, ids)
    kind = schema.get("type")
    if name in PARAM_RECORDS and kind in ("integer", "string"):
        return ids[PARAM_RECORDS[name]]
    if kind == "object":
        wanted = set(schema.get("required", [])) | set(PARAM_RECORDS)
        properties = schema.get("properties", {})
        return {
            k: example(v, spec, k, ids)
            for k, v in properties.items()
            if k in wanted or _is_binary(_first_option(v, spec))
        }
    if kind == "array":
        items = schema.get("items", {})
        return [example(items, spec, name, ids) for _ in range(max(1, schema.get("minItems", 0)))]
    if kind == "string":
        return _string_example(schema)
    if kind == "integer":
        return max(1, int(schema.get("minimum", 1)))
    if kind == "number":
        return float(schema.get("minimum", 1))
    if kind == "boolean":
        return False
    return None


def _first_option(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    schema = _resolve(schema, spec)
    options = schema.get("anyOf") or schema.get("oneOf")
    return _resolve(options[0], spec) if options else schema


def _string_example(schema: dict[str, Any]) -> Any:
    if _is_binary(schema):
        return BINARY
    formats = {"date": "2025-03-04", "date-time": "2025-03-04T10:00:00Z", "email": "b@example.com"}
    return formats.get(schema.get("format", ""), "x" * max(1, schema.get("minLength", 1)))


def request_kwargs(world: World, op: Operation, ids: dict[str, Any]) -> dict[str, Any]:
    """json= or data=/files=, and params=, for a request the route's schema accepts."""
    operation = world.spec["paths"][op.path][op.method.lower()]
    kwargs: dict[str, Any] = {
        "params": {
            p["name"]: example(p["schema"], world.spec, p["name"], ids)
            for p in operation.get("parameters", [])
            if p["in"] == "query" and (p.get("required") or p["name"] in PARAM_RECORDS)
        }
    }
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        kwargs["json"] = example(content["application/json"]["schema"], world.spec, "", ids)
    elif "multipart/form-data" in content or "application/x-www-form-urlencoded" in content:
        schema = next(iter(content.values()))["schema"]
        kwargs.update(_form(example(schema, world.spec, "", ids)))
    return kwargs


def _form(values: dict[str, Any]) -> dict[str, Any]:
    files: list[tuple[str, tuple[str, bytes, str]]] = []
    data: dict[str, Any] = {}
    for name, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            if item is BINARY:
                files.append((name, ("card.png", image_bytes(".png", seed=7), "image/png")))
            elif item is not None:
                data[name] = str(item)
    return {"data": data, "files": files} if files else {"data": data}


def call(client: TestClient, op: Operation, path: str, headers: dict[str, str], **kwargs: Any):  # type: ignore[no-untyped-def]
    return client.request(op.method, path, headers=headers, **kwargs)


def visible_text(answer: Any) -> bytes:
    """The answer's bytes, with zip archives unpacked (a compressed marker would be invisible)."""
    if answer.headers.get("content-type", "").startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
            return b"".join(archive.read(name) for name in archive.namelist())
    return bytes(answer.content)


def _check(world: World, op: Operation, ok: bool, message: str) -> None:
    world.outcomes.setdefault(str(op), []).append(ok)
    assert ok, f"{op}: {message}"


# ---------------------------------------------------------------- the matrix
def test_the_matrix_covers_every_route_of_the_running_app(world: World) -> None:
    assert protected_operations(world.app) == OPERATIONS
    assert len(OPERATIONS) >= 5


@pytest.mark.parametrize("op", OPERATIONS, ids=str)
def test_without_credentials_or_with_a_revoked_token_is_401(world: World, op: Operation) -> None:
    path = fill_path(op, record_ids(world.a))
    kwargs = request_kwargs(world, op, record_ids(world.a))
    for label, headers in (("no credentials", {}), ("revoked token", world.revoked_headers)):
        answer = call(world.client, op, path, headers, **kwargs)
        _check(
            world,
            op,
            answer.status_code == 401,
            f"{label}: {answer.status_code} {answer.text[:200]}",
        )
        _check(
            world,
            op,
            answer.headers.get("www-authenticate") == "Bearer",
            f"{label}: no WWW-Authenticate",
        )


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.method in UNSAFE], ids=str)
def test_a_session_cookie_without_csrf_token_is_403(world: World, op: Operation) -> None:
    ids = record_ids(world.a)
    answer = call(
        world.a_cookie_client, op, fill_path(op, ids), {}, **request_kwargs(world, op, ids)
    )
    _check(world, op, answer.status_code == 403, f"cookie without CSRF: {answer.status_code}")


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.params], ids=str)
def test_another_users_ids_answer_exactly_like_missing_ones(world: World, op: Operation) -> None:
    theirs, missing = record_ids(world.a), missing_ids()
    foreign = call(
        world.client,
        op,
        fill_path(op, theirs),
        world.b_headers,
        **request_kwargs(world, op, theirs),
    )
    absent = call(
        world.client,
        op,
        fill_path(op, missing),
        world.b_headers,
        **request_kwargs(world, op, missing),
    )
    _check(
        world,
        op,
        foreign.status_code == 404,
        f"B with A's ids: {foreign.status_code} {foreign.text[:300]}",
    )
    _check(
        world,
        op,
        absent.status_code == 404 and foreign.json() == absent.json(),
        f"A's ids answer {foreign.text[:200]} but missing ids answer "
        f"{absent.status_code} {absent.text[:200]}",
    )
    assert world.a.marker not in foreign.text


@pytest.mark.parametrize(
    "op", [op for op in OPERATIONS if op.params and op.method == "GET"], ids=str
)
def test_the_owner_reaches_the_same_ids(world: World, op: Operation) -> None:
    """The control: A's own ids work for A, so the 404s above are about ownership."""
    answer = call(world.client, op, fill_path(op, record_ids(world.a)), world.a_headers)
    _check(
        world, op, answer.status_code == 200, f"owner got {answer.status_code} {answer.text[:300]}"
    )


@pytest.mark.parametrize(
    "op", [op for op in OPERATIONS if not op.params and op.method == "GET"], ids=str
)
def test_lists_and_exports_never_show_another_users_records(world: World, op: Operation) -> None:
    ids = record_ids(world.a)
    answer = call(world.client, op, op.path, world.b_headers, **request_kwargs(world, op, ids))
    _check(world, op, answer.status_code < 500, f"{answer.status_code} {answer.text[:200]}")
    _check(world, op, world.a.marker.encode() not in visible_text(answer), "A's data in B's answer")
    # The control: where A's own answer shows A's marker, B's absence of it means isolation.
    mine = call(world.client, op, op.path, world.a_headers, **request_kwargs(world, op, ids))
    world.controlled_lists[str(op)] = world.a.marker.encode() in visible_text(mine)


@pytest.mark.parametrize(
    "op",
    [op for op in OPERATIONS if not op.params and op.method == "POST" and op.path != "/api/tokens"],
    ids=str,
)
def test_a_users_records_cannot_be_linked_from_another_account(world: World, op: Operation) -> None:
    """Ids of A's records in B's request body (event_id, contact_id...) are refused."""
    ids = record_ids(world.a)
    kwargs = request_kwargs(world, op, ids)
    body = kwargs.get("json") or kwargs.get("data") or {}
    if not any(name in PARAM_RECORDS for name in body):
        pytest.skip(f"{op} takes no record ids in its body")
    answer = call(world.client, op, op.path, world.b_headers, **kwargs)
    _check(
        world,
        op,
        400 <= answer.status_code < 500,
        f"B linked A's record: {answer.status_code} {answer.text[:300]}",
    )


# ---------------------------------------------------------------- the web app's pages
def test_the_page_list_covers_the_running_app(world: World) -> None:
    assert page_operations(world.app) == PAGES


@pytest.mark.parametrize("op", PAGES, ids=str)
def test_pages_without_a_login_send_to_the_login_page(world: World, op: Operation) -> None:
    answer = world.client.get(fill_path(op, record_ids(world.a)), follow_redirects=False)
    location = answer.headers.get("location", "")
    _check(
        world,
        op,
        answer.is_redirect and location.startswith(("/login", "/setup")),
        f"no login: {answer.status_code} {location}",
    )
    assert world.a.marker not in answer.text


@pytest.mark.parametrize("op", [op for op in PAGES if op.params], ids=str)
def test_pages_with_another_users_ids_are_not_found(world: World, op: Operation) -> None:
    theirs = world.b_cookie_client.get(fill_path(op, record_ids(world.a)))
    absent = world.b_cookie_client.get(fill_path(op, missing_ids()))
    _check(
        world,
        op,
        theirs.status_code == absent.status_code == 404,
        f"B's page for A's ids: {theirs.status_code}, for missing ids: {absent.status_code}",
    )
    _check(world, op, world.a.marker not in theirs.text, "A's data on B's page")
    mine = world.a_cookie_client.get(fill_path(op, record_ids(world.a)))
    _check(
        world,
        op,
        mine.status_code == 200 and world.a.marker in mine.text,
        f"the owner's own page: {mine.status_code}",
    )


def test_zz_a_records_are_untouched_after_the_matrix(world: World) -> None:
    """B's DELETE/PATCH/POST calls above changed nothing of A's (runs last in this file)."""
    storage = world.app.state.storage
    assert all(storage.exists(key) for key in world.a.storage_keys)
    contact = world.client.get(f"/api/contacts/{world.a.contact.id}", headers=world.a_headers)
    assert contact.status_code == 200 and contact.json()["name"] == world.a.contact.name
    if "GET /api/contacts" in world.controlled_lists:
        assert world.controlled_lists["GET /api/contacts"], "A's contact list lacks A's contact"

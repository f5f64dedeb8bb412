"""`cardback users create|delete` and `cardback tokens create`."""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlmodel import Session

from app import accounts
from app.config import Settings
from app.db import make_engine, migrate
from app.errors import AppError, Invalid
from app.storage import make_storage


def run_accounts(args: argparse.Namespace) -> int:
    settings = Settings()
    migrate(settings.sqlalchemy_url)
    engine = make_engine(settings.sqlalchemy_url)
    try:
        with Session(engine) as session:
            return _dispatch(args, session, settings)
    except AppError as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()


def _dispatch(args: argparse.Namespace, session: Session, settings: Settings) -> int:
    if args.command == "tokens":
        return _create_token(session, args.email, args.name, args.scope)
    if args.action == "create":
        return _create_user(session, args.email, args.password)
    return _delete_user(session, settings, args.email)


def _read_password() -> str:
    """From the terminal (asked twice) or the first line of piped stdin."""
    if sys.stdin.isatty():
        first = getpass.getpass("password: ")
        if getpass.getpass("again: ") != first:
            raise Invalid("the passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _create_user(session: Session, email: str, password: str | None) -> int:
    if password is None:
        password = _read_password()
    user = accounts.create_user(session, email, password)
    print(f"created user {user.email} (id {user.id})")
    return 0


def _delete_user(session: Session, settings: Settings, email: str) -> int:
    user = accounts.get_user_by_email(session, email)
    if user is None:
        print(f"error: no user {email}", file=sys.stderr)
        return 1
    files = accounts.delete_user(session, make_storage(settings), user)
    print(f"deleted user {email} and everything it owned ({files} stored files)")
    return 0


def _create_token(session: Session, email: str, name: str, scope: str) -> int:
    user = accounts.get_user_by_email(session, email)
    if user is None:
        print(f"error: no user {email}", file=sys.stderr)
        return 1
    created = accounts.create_token(session, user.id, name, scope)  # type: ignore[arg-type]
    print(created.token)  # the only time the secret is shown; stdout only, so it can be piped
    print(
        f"{scope} token {created.id} ({created.name!r}) for {user.email}: store it now",
        file=sys.stderr,
    )
    return 0

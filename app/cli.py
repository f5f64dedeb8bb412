"""The `cardback` command: scan, serve, migrate, users, tokens, worker, bench."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cardback", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    scan = sub.add_parser("scan", help="read business-card photos and print their fields")
    scan.add_argument("images", nargs="+", help="image files (JPEG, PNG, WebP, HEIC)")
    scan.add_argument("--json", action="store_true", help="one JSON object per image, per line")
    scan.add_argument("--lang", default="eng+ita", help="Tesseract languages (default eng+ita)")
    scan.add_argument("--region", default=None, help="phone region hint, e.g. IT (default: guess)")
    scan.add_argument(
        "--second-opinion",
        action="store_true",
        help="RapidOCR reads every card too (surer, about a second slower per card)",
    )
    scan.add_argument(
        "--no-recheck",
        action="store_true",
        help="no RapidOCR re-reading of doubtful numbers or logos: Tesseract alone (faster)",
    )

    serve = sub.add_parser("serve", help="run the web app and API")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)

    sub.add_parser("migrate", help="create or upgrade the database schema")

    users = sub.add_parser("users", help="manage user accounts")
    users_sub = users.add_subparsers(dest="action", required=True)
    create_user = users_sub.add_parser("create", help="create a user")
    create_user.add_argument("--email", required=True)
    create_user.add_argument("--password", default=None, help="omit to read it from stdin")
    delete_user = users_sub.add_parser("delete", help="delete a user and everything it owns")
    delete_user.add_argument("--email", required=True)

    tokens = sub.add_parser("tokens", help="manage personal access tokens")
    tokens_sub = tokens.add_subparsers(dest="action", required=True)
    create_token = tokens_sub.add_parser("create", help="create a token and print it once")
    create_token.add_argument("--email", required=True)
    create_token.add_argument("--name", default="cli")
    create_token.add_argument(
        "--scope",
        choices=("full", "calendar"),
        default="full",
        help="calendar: opens only the follow-ups calendar feed (default full)",
    )

    worker = sub.add_parser("worker", help="consume scan jobs from the broker")
    worker.add_argument("--concurrency", type=int, default=1)

    bench = sub.add_parser("bench", help="score the scanner on labelled card sets")
    bench.add_argument("dirs", nargs="*", help="folders with labels.json")
    bench.add_argument("--synthetic", type=int, default=0, help="also generate N synthetic photos")
    bench.add_argument(
        "--synthetic-seed",
        type=int,
        default=7,
        help="seed of the synthetic set (default 7: photos never used to tune the parser)",
    )
    bench.add_argument(
        "--faker",
        type=int,
        default=0,
        help="also generate N photos with the second generator (Faker content, its own layouts)",
    )
    bench.add_argument(
        "--faker-seed",
        type=int,
        default=5,
        help="seed of the Faker set (default 5: photos never used to tune the parser)",
    )
    bench.add_argument("--baseline", action="store_true", help="also run the naive baseline")
    bench.add_argument(
        "--second-opinion",
        action="store_true",
        help="also run the pipeline with RapidOCR's opinion on phone lines (opt-in option)",
    )
    bench.add_argument(
        "--tesseract-only",
        action="store_true",
        help="also run the pipeline without RapidOCR's re-check of doubtful numbers",
    )
    bench.add_argument("--write", default=None, help="write the tables into this Markdown file")
    bench.add_argument("--limit", type=int, default=None, help="at most N images per set")
    bench.add_argument("--workers", type=int, default=1, help="processes for the throughput run")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "scan":
        from app.commands.scan import run_scan

        return run_scan(args)
    if args.command == "serve":
        from app.commands.serve import run_serve

        return run_serve(args)
    if args.command == "migrate":
        from app.commands.serve import run_migrate

        return run_migrate(args)
    if args.command in ("users", "tokens"):
        from app.commands.accounts import run_accounts

        return run_accounts(args)
    if args.command == "worker":
        from app.commands.worker import run_worker

        return run_worker(args)
    from app.commands.bench import run_bench

    return run_bench(args)


if __name__ == "__main__":
    sys.exit(main())

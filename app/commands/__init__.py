"""Handlers behind each `cardback` subcommand."""

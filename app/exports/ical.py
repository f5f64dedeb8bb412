"""The follow-up feed: one VTODO per pending item, for calendar apps to subscribe to.

UIDs are stable (`cardback-step-<id>@cardback`), so a refreshed feed updates the same to-dos
instead of adding new ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from icalendar import Calendar, Todo

from app.followups import DueItem

PRODID = "-//cardback//follow-ups//EN"


def item_description(item: DueItem) -> str:
    lines = [f"Contact: {item.contact_name or '(no name)'}"]
    if item.company:
        lines.append(f"Company: {item.company}")
    if item.where_met:
        lines.append(f"Met at: {item.where_met}")
    if item.topic:
        lines.append(f"Topic: {item.topic}")
    if item.note:
        lines.append(f"Notes: {item.note}")
    lines.append(f"cardback contact #{item.contact_id}")
    return "\n".join(lines)


def item_todo(item: DueItem, stamp: datetime) -> Todo:
    todo = Todo()
    todo.add("uid", f"{item.uid}@cardback")
    todo.add("dtstamp", stamp)
    todo.add("summary", f"{item.title}: {item.contact_name or item.company or 'contact'}")
    todo.add("due", item.due_on)
    todo.add("description", item_description(item))
    todo.add("status", "NEEDS-ACTION")
    todo.add("categories", ["cardback", item.kind])
    return todo


def followups_calendar(items: Iterable[DueItem], name: str = "cardback follow-ups") -> bytes:
    """The iCalendar document (RFC 5545) as bytes."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for item in items:
        calendar.add_component(item_todo(item, stamp))
    return calendar.to_ical()

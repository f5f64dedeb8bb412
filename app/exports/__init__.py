"""Exports people import elsewhere: full CSV, Google/Outlook CSV, vCard 3.0/4.0, iCalendar.

Every writer takes `ContactPublic` rows (a contact with its encounters and follow-ups) and
yields text, so a route can stream any number of contacts with flat memory.
"""

"""`legisgraph sync legco`: discover LegCo's documents for a scope, fetch them politely, load them.

``scope`` says what is wanted, ``discover`` finds the documents (the open-data schedule and
Hansard index, LegCo's URL conventions, links in agendas), ``fetch`` asks for each one within
robots.txt and a request budget with conditional GET into the cache ``load`` shares, ``state``
lets an interrupted sync resume, and ``run`` ties them together into a report. ``snapshot``
loads the bundled open-data snapshot that ``make run`` serves.
"""

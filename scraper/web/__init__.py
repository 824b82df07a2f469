"""The web interface and HTTP API: ``python -m scraper.web [--database-url URL] [--host H] [--port P]``.

Read-only, over the database a crawl fills; nothing here crawls or writes. One module per job:
``app`` (the application, its error pages), ``site`` (what every request reads), ``database`` (the
store, opened and checked as the command line does), ``params`` (query parameters, bounded),
``answers`` (the questions, shared by pages and API), ``pages`` (HTML), ``api`` (JSON),
``feeds`` (Atom, conditional GET), ``templating`` (Jinja2) and ``security`` (read-only, headers,
inert text); ``documents`` (the documents' pages and API, issue 17).
"""

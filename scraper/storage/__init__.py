"""The storage layer: the one way into the database (``from scraper.storage import Store``).

``models`` (SQLAlchemy 2.0 typed models), ``engine`` (connections and Alembic migrations), ``store``
(the facade the crawl writes through), ``batch`` (one write transaction), ``runs`` (crawl-run
bookkeeping), ``queries`` and ``search`` (the analysts' questions), ``outbox`` (alerts to send),
``retag`` (topics re-applied), ``recheck`` (when an article comes due again), ``run_lock`` (one crawl
per database), ``migrations/`` (Alembic scripts).
"""

from sqlalchemy.exc import SQLAlchemyError as StorageError
from sqlalchemy.orm import Session

from scraper.storage.store import Store

__all__ = ["Session", "StorageError", "Store"]

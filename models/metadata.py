"""Every table of the schema, for Alembic and for the schema-equals-models test."""
from . import captures, council, crawls, documents, loading, quarantine, readings, subscriptions, votes  # noqa: F401  (each module registers its tables)
from .mandates import tables as _mandate_tables  # noqa: F401
from .base import Base

metadata = Base.metadata

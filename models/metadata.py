"""Every table of the schema, for Alembic and for the schema-equals-models test."""
from . import crawls, documents, loading, subscriptions, votes  # noqa: F401  (each module registers its tables)
from .base import Base

metadata = Base.metadata

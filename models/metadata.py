"""Every table of the schema, for Alembic and for the schema-equals-models test."""
from . import documents, votes  # noqa: F401  (each module registers its tables)
from . import subscriptions  # noqa: F401
from . import crawls  # noqa: F401
from .base import Base

metadata = Base.metadata

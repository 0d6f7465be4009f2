"""Every table of the schema, for Alembic and for the schema-equals-models test."""
<<<<<<< HEAD
from . import council, crawls, documents, subscriptions, votes  # noqa: F401  (each module registers its tables)
=======
from . import crawls, documents, readings, subscriptions, votes  # noqa: F401  (each module registers its tables)
>>>>>>> main
from .mandates import tables as _mandate_tables  # noqa: F401
from .base import Base

metadata = Base.metadata

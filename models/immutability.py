"""Versions are append-only: the ORM refuses updates and deletes of captured rows, and
the database does too (triggers installed by the initial migration)."""
from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Mapper

from .documents import Blob, Fact, Paragraph, Version

class ImmutableError(RuntimeError):
    """Raised on any attempt to change or remove a stored version or its parts."""


def _refuse(action: str):
    def listener(_mapper: Mapper, _connection, target) -> None:
        raise ImmutableError(f"{type(target).__name__} rows are append-only: {action} refused")

    return listener


for _model in (Version, Paragraph, Fact, Blob):
    event.listen(_model, "before_update", _refuse("update"))
    event.listen(_model, "before_delete", _refuse("delete"))


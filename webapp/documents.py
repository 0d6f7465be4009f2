"""Plain list of documents and their versions (until the full site lands)."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models.documents import Document

bp = Blueprint("documents", __name__)


@bp.get("/")
def index():
    with current_app.extensions["councilwatch.db"].reader() as session:
        documents = session.scalars(
            select(Document).options(selectinload(Document.versions)).order_by(Document.key)
        ).all()
        return render_template("index.html", documents=documents)

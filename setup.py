"""Packaging beyond setup.cfg: the Alembic scripts travel inside the installed package.

The source tree keeps them in the top-level `alembic/` folder (the design card's layout),
but a top-level package named `alembic` would shadow the Alembic library itself; so the
folder is installed as `models/migrations/` (see `models.settings.migrations_dir`)."""
from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["models", "models.*", "crawler", "crawler.*", "webapp", "webapp.*"])
    + ["models.migrations", "models.migrations.versions"],
    package_dir={"models.migrations": "alembic", "models.migrations.versions": "alembic/versions"},
    package_data={
        "models.migrations": ["*.mako"],
        "webapp": ["templates/**/*", "static/**/*"],
        "crawler": ["bundle/**/*", "*.tsv"],
    },
)

"""Packaging beyond setup.cfg.

- The Alembic scripts travel inside the installed package. The source tree keeps them in the
  top-level `alembic/` folder (the design card's layout), but a top-level package named
  `alembic` would shadow the Alembic library itself; so the folder is installed as
  `models/migrations/` (see `models.settings.migrations_dir`).
- Every data file under models/, crawler/ and webapp/ (templates, static files, the bundle,
  registries) ships beside the code, whatever folder it sits in; `.ci/wheel-check` checks
  that the wheel holds every one of them."""
from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
TOP = ("models", "crawler", "webapp")


def _data_files(package: str) -> list[str]:
    root = HERE / package
    return sorted(str(path.relative_to(root)) for path in root.rglob("*")
                  if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts)


setup(
    packages=find_packages(include=[name for top in TOP for name in (top, f"{top}.*")])
    + ["models.migrations", "models.migrations.versions"],
    package_dir={"models.migrations": "alembic", "models.migrations.versions": "alembic/versions"},
    package_data={"models.migrations": ["*.mako"], **{top: _data_files(top) for top in TOP}},
)

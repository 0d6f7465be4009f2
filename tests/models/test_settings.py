"""One configuration: environment, then instance/config.py, then defaults — the same
for the web app, the CLI, the scheduler and a crawl subprocess; documented in one table."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from models.settings import SETTINGS, load, markdown_table, migrations_dir

README = Path(__file__).resolve().parents[2] / "README.md"


def _instance(tmp_path: Path, config: str) -> Path:
    folder = tmp_path / "instance"
    folder.mkdir()
    (folder / "config.py").write_text(config)
    return folder


def test_environment_then_config_file_then_defaults(tmp_path):
    folder = _instance(tmp_path, 'BASE_URL = "https://from-config.example"\nWARC_DIR = "/srv/warc"\n'
                                 'CRAWL_WORKERS = 5\nFUTURE_THING = [1, 2]\n')
    environ = {"COUNCILWATCH_INSTANCE_PATH": str(folder), "COUNCILWATCH_BASE_URL": "https://from-env.example",
               "COUNCILWATCH_OTHER": "7"}
    settings = load(environ=environ)
    assert settings["BASE_URL"] == "https://from-env.example" and settings.source("BASE_URL") == "environment"
    assert settings["WARC_DIR"] == "/srv/warc" and settings.source("WARC_DIR") == "config.py"
    assert settings["CRAWL_WORKERS"] == 5
    assert settings["ALERT_INTERVAL"] == 60 and settings.source("ALERT_INTERVAL") == "default"
    assert settings["DATABASE_URL"] == f"sqlite:///{folder.resolve() / 'councilwatch.sqlite3'}"
    assert settings["ALERTS_MAILDIR"] == str(folder.resolve() / "mail")
    # derived defaults follow the values they derive from
    assert settings["CRAWLER_CONTACT"] == "https://from-env.example/crawling"
    # settings nobody registered pass through, as Flask's prefixed environment did
    assert settings["FUTURE_THING"] == [1, 2] and settings["OTHER"] == 7
    assert load({"BASE_URL": "https://override.example"}, environ=environ)["BASE_URL"] == "https://override.example"


def test_a_bad_value_names_its_variable(tmp_path):
    try:
        load(environ={"COUNCILWATCH_INSTANCE_PATH": str(tmp_path), "COUNCILWATCH_CRAWL_WORKERS": "many"})
    except ValueError as error:
        assert "COUNCILWATCH_CRAWL_WORKERS" in str(error)
    else:
        raise AssertionError("accepted a non-number")


def test_the_web_app_reads_the_instance_config(tmp_path, monkeypatch):
    from webapp import create_app

    folder = _instance(tmp_path, 'BASE_URL = "https://cw.example"\nCRAWLER_EMAIL = "ops@cw.example"\n')
    monkeypatch.setenv("COUNCILWATCH_INSTANCE_PATH", str(folder))
    app = create_app({"SECRET_KEY": "x"})
    try:
        assert app.config["BASE_URL"] == "https://cw.example" and app.instance_path == str(folder.resolve())
        page = app.test_client().get("/crawling")
        assert page.status_code == 200
        assert b"councilwatch/0.1 (+https://cw.example/crawling)" in page.data and b"ops@cw.example" in page.data
    finally:
        app.extensions["councilwatch.db"].dispose()


def test_crawl_subprocesses_read_the_same_configuration(tmp_path):
    """WARC_DIR and the crawler contact from instance/config.py reach Scrapy's settings."""
    folder = _instance(tmp_path, 'WARC_DIR = "/srv/captures"\nCRAWLER_CONTACT = "https://ops.example/bot"\n')
    code = ("import json, crawler.settings as s; "
            "print(json.dumps([s.WARC_DIR, s.USER_AGENT, s.COUNCILWATCH_DATABASE_URL, s.DOWNLOAD_DELAY]))")
    env = {"PATH": "/usr/bin:/bin", "COUNCILWATCH_INSTANCE_PATH": str(folder), "COUNCILWATCH_DOWNLOAD_DELAY": "4.5"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    warc, agent, url, delay = json.loads(out)
    assert warc == "/srv/captures" and agent == "councilwatch/0.1 (+https://ops.example/bot)"
    assert url == f"sqlite:///{folder.resolve() / 'councilwatch.sqlite3'}" and delay == 4.5


def test_the_readme_table_is_the_settings_module():
    assert markdown_table() in README.read_text()
    assert "instance/maildir" not in README.read_text()  # the code writes instance/mail
    assert len({s.name for s in SETTINGS}) == len(SETTINGS)


def test_one_place_computes_where_the_project_is():
    root = Path(__file__).resolve().parents[2]
    offenders = [str(p.relative_to(root)) for folder in ("models", "webapp", "crawler") for p in (root / folder).rglob("*.py")
                 if "PROJECT_ROOT" in p.read_text()]
    assert offenders == []
    assert (migrations_dir() / "env.py").is_file()

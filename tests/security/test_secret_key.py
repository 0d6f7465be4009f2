"""Issue 12, finding 4: two processes starting on a fresh instance disagreed on the
secret key in 9 of 200 trials, and 4 read an empty key (which signs, and accepts,
forgeable unsubscribe and manage links). The key is now published atomically and a
weak key is refused at start."""
from __future__ import annotations

import multiprocessing

import pytest

from webapp.secret import MIN_LENGTH, WeakSecret, instance_secret

PROCESSES = 6
TRIALS = 25


def _start(folder: str, barrier, results) -> None:
    from pathlib import Path

    barrier.wait()
    try:
        results.put(instance_secret(Path(folder)))
    except Exception as error:  # noqa: BLE001  (reported to the parent)
        results.put(f"error: {error}")


def test_processes_starting_together_agree_on_one_strong_key(tmp_path):
    context = multiprocessing.get_context("fork")
    for trial in range(TRIALS):
        folder = tmp_path / f"instance{trial}"
        barrier, results = context.Barrier(PROCESSES), context.Queue()
        workers = [context.Process(target=_start, args=(str(folder), barrier, results)) for _ in range(PROCESSES)]
        for worker in workers:
            worker.start()
        keys = [results.get(timeout=30) for _ in workers]
        for worker in workers:
            worker.join(timeout=30)
        assert len(set(keys)) == 1, keys
        assert len(keys[0]) >= MIN_LENGTH and not keys[0].startswith("error")
        assert (folder / "secret_key").read_text() == keys[0]
        assert [p.name for p in folder.iterdir()] == ["secret_key"]  # no temporary file left behind
        assert (folder / "secret_key").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("stored", ["", "   \n", "short-key"])
def test_an_empty_or_short_stored_key_is_refused_at_start(tmp_path, stored, monkeypatch):
    from webapp import create_app

    (tmp_path / "secret_key").write_text(stored)
    monkeypatch.setenv("COUNCILWATCH_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(WeakSecret, match="at least 32"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})


@pytest.mark.parametrize("configured", ["x", "a" * (MIN_LENGTH - 1)])
def test_an_empty_or_short_configured_key_is_refused_at_start(tmp_path, configured):
    from webapp import create_app

    with pytest.raises(WeakSecret, match="COUNCILWATCH_SECRET_KEY"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "SECRET_KEY": configured})


def test_a_whitespace_key_from_the_environment_is_refused(tmp_path, monkeypatch):
    from webapp import create_app

    monkeypatch.setenv("COUNCILWATCH_SECRET_KEY", " " * 40)
    with pytest.raises(WeakSecret):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})


def test_a_key_published_between_our_check_and_our_write_wins(tmp_path, monkeypatch):
    """The interleaving behind the 9 disagreements in 200: another process publishes its key
    after this one saw no file and before this one writes. Both must end with the first key."""
    import webapp.secret as secret

    real = secret.secrets.token_urlsafe
    competitor = real(48)

    def other_process_publishes_first(nbytes):
        secret._publish(tmp_path / secret.FILENAME, competitor)
        return real(nbytes)

    monkeypatch.setattr(secret.secrets, "token_urlsafe", other_process_publishes_first)
    assert instance_secret(tmp_path) == competitor
    assert (tmp_path / "secret_key").read_text() == competitor

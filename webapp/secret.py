"""The instance's secret key: created once, atomically, and never weak.

Two processes starting together on a fresh instance must end with the same key, and
neither may ever read a half-written (empty) file: each writes its candidate to a
private temporary file, flushes it to disk, then publishes it with a rename that never
replaces an existing key (a hard link: `link(2)` fails with EEXIST); the loser reads
the winner's key. A configured or stored key shorter than MIN_LENGTH is refused at
start: it signs unsubscribe and manage links, and an empty one would accept forgeries.
"""
from __future__ import annotations

import errno
import os
import secrets
import tempfile
from pathlib import Path

#: Characters a key must have (token_urlsafe(48) gives 64).
MIN_LENGTH = 32
FILENAME = "secret_key"


class WeakSecret(RuntimeError):
    """An empty or short secret key: the app refuses to start with it."""


def require_strong(key: str | None, where: str) -> str:
    """`key` if long enough; WeakSecret naming `where` it came from otherwise."""
    key = (key or "").strip()
    if len(key) < MIN_LENGTH:
        raise WeakSecret(f"the secret key from {where} has {len(key)} characters; at least {MIN_LENGTH} are "
                         f"needed (unset it to let councilwatch generate one into instance/{FILENAME})")
    return key


def instance_secret(folder: Path) -> str:
    """The key kept in `folder`/secret_key, created atomically on first use."""
    path = Path(folder) / FILENAME
    if not path.exists():
        _publish(path, secrets.token_urlsafe(48))
    return require_strong(path.read_text(encoding="ascii", errors="replace"), str(path))


def _publish(path: Path, key: str) -> None:
    """Make `path` hold `key` unless another process got there first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".secret_key.", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, key.encode("ascii"))
        os.fsync(fd)
        os.close(fd)
        fd = -1
        try:
            os.link(temporary, path)  # a rename that never replaces: EEXIST if someone won
        except FileExistsError:
            pass
        except OSError as error:  # a filesystem without hard links: exclusive create + rename
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            _publish_without_links(path, temporary)
    finally:
        if fd >= 0:
            os.close(fd)
        if os.path.exists(temporary):
            os.unlink(temporary)


def _publish_without_links(path: Path, temporary: str) -> None:
    import fcntl

    with open(path.parent / f".{FILENAME}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            os.rename(temporary, path)

"""Is the network there? One cheap probe before crawling: without it every live crawl
fails on robots.txt, and a source would look broken when only this machine is offline."""
from __future__ import annotations

import socket

#: Hosts the spiders read most; reaching any one of them means the network is up.
PROBES = (("press.un.org", 443), ("www.un.org", 443), ("digitallibrary.un.org", 443))
OFFLINE_MESSAGE = ("live sources are unreachable (no network?): the archive stays browsable, "
                   "and crawls wait, marked offline, until the network is back")


def sources_reachable(probes=PROBES, timeout: float = 2.0) -> bool:
    """True when a TCP connection to any probe host succeeds within `timeout` seconds."""
    for host, port in probes:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                return True
        except OSError:
            continue
    return False

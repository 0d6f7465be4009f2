"""One mailbox, however its address is spelt: limits count `Victim+x@Example.org`,
`victim+y@example.org` and `VICTIM@example.org` as the same person (RFC 5233 subaddress
"+detail" dropped, case folded), so variants cannot multiply confirmation mails."""
from __future__ import annotations


def mailbox_key(address: str) -> str:
    """`Victim+news@Example.ORG` → `victim@example.org` (for limits, never for sending)."""
    local, _, domain = (address or "").strip().rpartition("@")
    if not local:
        return (address or "").strip().lower()
    local = local.split("+", 1)[0] or local
    return f"{local.lower()}@{domain.lower()}"

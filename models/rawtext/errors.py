"""The one error raw-text readers raise."""
from __future__ import annotations


class RawTextError(ValueError):
    """Raw bytes that cannot be read as a text: empty, binary, too big, broken, a bomb.

    The message is one line a user can act on, e.g. "PDF is damaged: no text layer".
    """

"""Run untrusted asyncio snippets: code in, Result out. Knows nothing of Discord.

Public API: Sandbox (local warm worker), SandboxClient (same API over a Unix
socket, see `python -m bot.sandbox serve` and docs/protocol.md), SandboxPool
(same API over several such sockets), Limits and Result.
"""

from .client import SandboxClient
from .limits import Limits
from .pool import SandboxPool
from .result import Result
from .sandbox import Sandbox

__all__ = ["Limits", "Result", "Sandbox", "SandboxClient", "SandboxPool"]

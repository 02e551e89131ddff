"""Error types raised by the core and the exit codes the CLI maps them to."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    PARTIAL = 3
    INTERRUPTED = 130


class BasewatchError(Exception):
    """A user-facing failure: the message is printed as one line on stderr."""

    exit_code = ExitCode.ERROR


class BadInput(BasewatchError):
    """An input file or stream that cannot be read as an article: which one, and why."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DatabaseError(BasewatchError):
    """The store cannot be opened, read or written."""


class NotFound(BasewatchError):
    """A requested article or cluster does not exist."""


class UsageError(BasewatchError):
    exit_code = ExitCode.USAGE

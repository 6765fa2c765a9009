"""Errors a user can fix by typing something else."""


class InputError(ValueError):
    """Bad input: an unknown id, a bad date, an out-of-range number. Exit code 2.

    The message is the problem and what to do about it. Where the fix is said
    differently on the command line (a flag, a command) and in the app (a key, a
    field), the two are given apart: `str()` is the command line's message, `in_app`
    the app's, so neither reads the other's advice.
    """

    def __init__(self, problem: str, *, shell: str = "", app: str = "") -> None:
        self.problem = problem
        self.shell = shell
        self.app = app
        super().__init__(f"{problem}: {shell}" if shell else problem)

    @property
    def in_app(self) -> str:
        """The message in the app's words: the problem, and the key or field that fixes it."""
        if self.app:
            return f"{self.problem}: {self.app}"
        return self.problem if self.shell else str(self)


class BadRecord(InputError):
    """A record that does not hold what the register stores: which record, which field, why.

    Bad input when it comes in by import or merge (exit 2); a damaged store when it is
    found in a store file (the store names the file, exit 1)."""

    def __init__(self, record: str, field: str, problem: str, kind: str = "initiative") -> None:
        self.record = record
        self.field = field
        self.kind = kind
        super().__init__(f"{kind} {record}, field {field}: {problem}")
        self.problem = problem

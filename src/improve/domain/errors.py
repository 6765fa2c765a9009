"""Errors a user can fix by typing something else."""


class InputError(ValueError):
    """Bad input: an unknown id, a bad date, an out-of-range number. Exit code 2."""


class BadRecord(InputError):
    """A record that does not hold what the register stores: which record, which field, why.

    Bad input when it comes in by import or merge (exit 2); a damaged store when it is
    found in a store file (the store names the file, exit 1)."""

    def __init__(self, record: str, field: str, problem: str) -> None:
        self.record = record
        self.field = field
        self.problem = problem
        super().__init__(f"initiative {record}, field {field}: {problem}")

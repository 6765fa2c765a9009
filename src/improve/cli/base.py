"""What every command shares: the store's path, the clock, the writer, and a few helpers.

Light on purpose: the service (and so TinyDB and the domain) is imported when a command
first asks for the register, and date parsing when it first parses a date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from improve.clock import Clock
from improve.config import Config
from improve.paths import default_store, is_config

if TYPE_CHECKING:
    from improve.domain.model import Initiative, Principle, Stakeholder
    from improve.service import Register

EXIT_STORE = 1
EXIT_INPUT = 2


class Context:
    """What every command needs: the store's path, the clock and the writer."""

    def __init__(self, db: Path | None, clock: Clock, config: Config) -> None:
        self.path = db or default_store()
        self.clock = clock
        self.config = config
        self._register: Register | None = None

    @property
    def register(self) -> Register:
        if self._register is None:
            from improve.service import Register
            from improve.store.storage import Store

            store = Store(self.path, self.clock)
            self._register = Register(store, self.clock, self.config.who)
        return self._register

    @property
    def today(self) -> date:
        return self.clock.now().date()

    def owns(self, path: Path) -> bool:
        """Whether a path is one of improve's own files: never the target of a `-o`."""
        return self.register.store.owns(path) or is_config(path)

    def date(self, text: str | None) -> date | None:
        from improve.domain.dates import parse_date

        return parse_date(text, self.today) if text else None

    def moment(self, text: str | None, what: str = "it") -> datetime | None:
        """When something happened (`--at`); one long ago is accepted, with a word."""
        from improve.domain.baseline import far_past
        from improve.domain.dates import parse_moment

        if not text:
            return None
        now = self.clock.now()
        moment = parse_moment(text, now)
        if far_past(moment, now):
            note(f"{what} is dated {moment:%Y-%m-%d}, over a year ago; `improve undo` if not meant")
        return moment


pass_ctx = click.make_pass_decorator(Context)


def echo_json(value: Any) -> None:
    import orjson

    click.echo(orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode())


def note(message: str) -> None:
    """A word on stderr that is not an error: the command did what it was asked."""
    click.echo(f"improve: note: {message}", err=True)


def at_option(what: str) -> Callable[[Any], Any]:
    return click.option(
        "--at", "at", default=None, help=f"When {what} (default now): yesterday, 16:30, 2026-11-20."
    )


def words(parts: Iterable[str]) -> str:
    """Several shell words as one text, so quotes are optional."""
    return " ".join(parts)


#: The names `-p` takes (tests keep it in step with `Principle`): typed here so that
#: help costs no import.
PRINCIPLE_HELP = (
    "A guiding principle, by key or name, any case: value (Focus on value), "
    "start-where-you-are (Start where you are), iterate (Progress iteratively with "
    "feedback), collaborate (Collaborate and promote visibility), holistic (Think and "
    "work holistically), simple (Keep it simple and practical), automate (Optimize and "
    "automate); older names too: design for experience, observe directly, be transparent."
)
#: What clears an optional field in `edit` (`--chain none`).
NONE = "none"


def principle_option(required: bool = False) -> Callable[[Any], Any]:
    return click.option(
        "-p",
        "--principle",
        default=None,
        required=required,
        metavar="PRINCIPLE",
        help=PRINCIPLE_HELP,
    )


def parse_principle(text: str | None) -> Principle | None:
    """None when not given: an initiative may have no principle yet."""
    from improve.domain.model import Principle

    return Principle.parse(text) if text else None


def placing_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Who it is for and where it sits: the options `add` and `edit` share."""
    options = [
        click.option(
            "--stakeholder",
            "stakeholders",
            multiple=True,
            metavar="ROLE:WHAT",
            help="Who it is for and what value means to them, e.g. customer:answers same day "
            "(repeatable; roles: user, customer, sponsor, supplier, partner, regulator, team).",
        ),
        click.option(
            "--chain",
            default=None,
            metavar="ACTIVITY",
            help="Value chain activity: plan, improve, engage, design-transition, "
            "obtain-build, deliver-support.",
        ),
        click.option(
            "--journey",
            default=None,
            metavar="STAGE",
            help="Customer journey stage: explore, engage, offer, agree, onboard, "
            "co-create, realise.",
        ),
        click.option(
            "--source",
            default=None,
            help="Where the idea came from: feedback, customer, incident, team, retro, audit.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def parse_stakeholders(texts: tuple[str, ...]) -> tuple[Stakeholder, ...]:
    from improve.domain.register import parse_stakeholder

    return tuple(parse_stakeholder(t) for t in texts)


def print_register(found: list[Initiative], context: Context, wide: bool = False) -> None:
    from improve.text.table import register_table

    keys = context.register.keys(i.id for i in found)
    click.echo(register_table(found, keys, context.clock.now(), None if wide else fit_width()))


def fit_width() -> int | None:
    """The terminal's width when writing to one; None (every title whole) when piped."""
    import shutil
    import sys

    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns

"""The command palette (ctrl+p): every action of the screen, sorts, filters, and jumps.

Actions come from the active bindings, so a screen added later (standup, insights)
shows up here without a change to this file. Initiatives are matched on their key and
title; titles are user text, so they are shown as literal `Content`, never as markup.
The app's own commands (theme, quit, ...) come through here too, so that every hit is
ranked the same way (`palette_rank`): what was typed exactly before loose matches.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from improve.domain.model import Principle, Status
from improve.domain.progress import VALUE_FIRST, VALUE_FIRST_RULE
from improve.domain.register import CLOSED
from improve.tui.host import Host, host
from improve.tui.palette_rank import command_score, initiative_score
from improve.tui.widgets.register_columns import COLUMNS
from improve.tui.widgets.register_orders import CREATED
from improve.tui.widgets.register_rows import Query, Row

MAX_JUMPS = 30


@dataclass(frozen=True)
class Command:
    """One palette entry: what it is called, what it does, and a line of help."""

    name: str
    run: Callable[[], object]
    help: str = ""


def literal(matcher: Matcher, text: str) -> Content:
    """`text` with the matched letters highlighted, without reading it as markup."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class ImproveCommands(Provider):
    """Actions, sorts and filters of the register, and "jump to" every initiative."""

    @property
    def improve(self) -> Host:
        return host(self.app)

    def commands(self) -> Iterator[Command]:
        yield from self._bindings()
        yield Command("Undo my last change", partial(self.app.run_action, "undo"), "key u")
        yield Command("Redo what I undid", partial(self.app.run_action, "redo"), "key U")
        yield from self._sorts()
        yield from self._filters()

    def _bindings(self) -> Iterator[Command]:
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            run = partial(self.app.run_action, binding.action, active.node)
            yield Command(binding.description, run, f"key {key}")

    def _sorts(self) -> Iterator[Command]:
        sort = self.improve.sort_register
        yield Command(f"Sort: {VALUE_FIRST}", partial(sort, None), VALUE_FIRST_RULE)
        yield Command("Sort: newest first", partial(sort, CREATED, True), "by when proposed")
        yield Command("Sort: reverse the order", self.improve.reverse_register, "key O")
        for column in COLUMNS:
            run = partial(sort, column.name)
            yield Command(f"Sort by {column.label}", run, "key o: every order")

    def _filters(self) -> Iterator[Command]:
        narrow = self.improve.filter_register
        yield Command("Filter: clear", partial(narrow, Query()), "the open register")
        everything, closed = Query(statuses=tuple(Status)), Query(statuses=CLOSED)
        yield Command("Filter: everything", partial(narrow, everything), "is:all")
        yield Command("Filter: closed", partial(narrow, closed), "is:closed")
        for status in Status:
            yield Command(f"Filter: {status.value}", partial(narrow, Query(statuses=(status,))))
        for principle in Principle:
            query = Query(principle=principle)
            yield Command(f"Filter: {principle.label}", partial(narrow, query), f"#{principle}")
        rows = self.improve.rows()
        for owner in sorted({r.owner.lower() for r in rows if r.owner}):
            yield Command(f"Filter: owner {owner}", partial(narrow, Query(owner=owner)))
        for team in sorted({r.team.lower() for r in rows if r.team}):
            yield Command(f"Filter: team {team}", partial(narrow, Query(team=team)))
        for tag in sorted({t.lower() for r in rows for t in r.tags}):
            yield Command(f"Filter: tag {tag}", partial(narrow, Query(tag=tag)))

    def _system(self) -> Iterator[tuple[Command, bool]]:
        """The app's own commands (theme, keys, quit, ...), ranked with ours, and whether
        they show before anything is typed."""
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            yield Command(name, callback, help_text), discover

    async def discover(self) -> Hits:
        shown = [*self._bindings(), *(c for c, discover in self._system() if discover)]
        for command in shown:
            yield DiscoveryHit(Content(command.name), command.run, command.name, command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in [*self.commands(), *(c for c, _ in self._system())]:
            score = command_score(matcher, command.name)
            if score > 0:
                shown = literal(matcher, command.name)
                yield Hit(score, shown, command.run, command.name, command.help)
        for score, row in self._jumps(query):
            text = f"{row.key}  {row.title}"
            run = partial(self.improve.jump_to, row.id)
            yield Hit(score, literal(matcher, text), run, text, "jump to this initiative")

    def _jumps(self, query: str) -> list[tuple[float, Row]]:
        """The initiatives whose key or title match, best first (see `palette_rank`)."""
        found = [
            (score, row)
            for row in self.improve.rows()
            if (score := initiative_score(query, row.key, row.id, row.title)) > 0
        ]
        return heapq.nlargest(MAX_JUMPS, found, key=lambda hit: hit[0])

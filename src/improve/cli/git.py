"""`improve merge` and `improve git-setup`: a team shares a store through git.

Git calls `improve merge BASE OURS THEIRS PATH` for every store file that changed on
both sides of a merge; the merge is record by record (see `improve.team.merge`), so a pull
never stops on a conflict inside a store. `improve git-setup` is the one command that
tells a repository to do so.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from improve.domain.errors import InputError
from improve.store.atomic import public_mode
from improve.store.storage import Store, StoreError, atomic_write
from improve.team.merge_file import merge_files

if TYPE_CHECKING:
    from improve.cli.base import Context

DRIVER = "improve"
DRIVER_NAME = "improve: record-by-record merge of improve stores"
_FILE = click.Path(dir_okay=False, path_type=Path)


@click.command("merge")
@click.argument("base", type=_FILE)
@click.argument("ours", type=_FILE)
@click.argument("theirs", type=_FILE)
@click.argument("path", type=_FILE, required=False)
@click.pass_obj
def merge_driver(context: Context, base: Path, ours: Path, theirs: Path, path: Path | None) -> None:
    """Merge two versions of a store file into OURS (git's merge driver).

    PATH, the file's place in the work tree, says where its backup goes.
    """
    try:
        merged = merge_files(base, ours, theirs)
    except StoreError as error:
        raise UnreadableSide(error.path, error.problem) from None
    target = path if path is not None and path.is_file() else ours
    Store(target, context.clock).backup(target, "merge")
    try:
        atomic_write(ours, merged.content)
    except OSError as error:
        raise StoreError(ours, f"cannot write ({error.strerror})") from None
    said = f"{merged.initiatives} initiatives, {merged.added} from theirs, {merged.joined} joined"
    click.echo(f"improve: merged {(path or ours).name}: {said}")


class UnreadableSide(StoreError):
    """A version git handed over cannot be read: nothing is merged, OURS stays as it was."""

    def __str__(self) -> str:
        return f"cannot merge: {self.path}: {self.problem}; nothing was written"


@click.command("git-setup")
@click.pass_obj
def git_setup(context: Context) -> None:
    """Register the store merge driver in the current git repository."""
    top = _git_top()
    store = context.path
    name, archives = store.name, f"{store.stem}-archive-*{store.suffix}"
    attributes = [f"{name} merge={DRIVER}", f"{archives} merge={DRIVER}"]
    click.echo(_add_lines(top / ".gitattributes", attributes, "store files merge record by record"))
    click.echo(_add_lines(top / ".gitignore", [f"{name}.lock", "backups/"], "lock and backups"))
    for line in _configure(top):
        click.echo(line)
    if not store.resolve().is_relative_to(top.resolve()):
        click.echo(f"note: the store {store} is outside this repository; set IMPROVE_DB to a file")
        click.echo(f"  inside it, e.g. export IMPROVE_DB={top / name}")
    click.echo("commit .gitattributes and .gitignore; every clone runs `improve git-setup` once")


def _git(top: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    git = shutil.which("git")
    if git is None:
        raise InputError("git is not installed: install git, then run `improve git-setup` again")
    return subprocess.run(
        [git, *args], cwd=top, capture_output=True, text=True, check=False, timeout=60
    )


def _git_top() -> Path:
    found = _git(None, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise InputError("not in a git repository: run `git init` in the store's folder first")
    return Path(found.stdout.strip())


def _add_lines(path: Path, wanted: list[str], why: str) -> str:
    """Append the lines a file lacks; say what changed, or that nothing had to."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except OSError as error:
        raise StoreError(path, f"cannot read ({error.strerror})") from None
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in wanted if line not in present]
    if not missing:
        return f"{path.name}: already set ({why})"
    prefix = "" if not text or text.endswith("\n") else "\n"
    added = text + prefix + "".join(f"{line}\n" for line in missing)
    try:
        atomic_write(path, added.encode("utf-8"), mode=public_mode(), make_dir=False)
    except OSError as error:
        raise StoreError(path, f"cannot write ({error.strerror})") from None
    return f"{path.name}: added {', '.join(repr(m) for m in missing)} ({why})"


def _configure(top: Path) -> list[str]:
    """The driver in this clone's git config (it is not shared by pushing)."""
    wanted = {
        f"merge.{DRIVER}.name": DRIVER_NAME,
        f"merge.{DRIVER}.driver": f"{_command()} merge %O %A %B %P",
    }
    said = []
    for key, value in wanted.items():
        if _git(top, "config", "--get", key).stdout.strip() == value:
            said.append(f"git config {key}: already set")
            continue
        if _git(top, "config", key, value).returncode != 0:
            raise StoreError(top / ".git" / "config", f"git config {key} failed")
        said.append(f"git config {key} {shlex.quote(value)}")
    return said


def _command() -> str:
    """`improve` when the shell finds it; else this Python, so git needs no PATH."""
    return DRIVER if shutil.which(DRIVER) else f"{shlex.quote(sys.executable)} -m improve"

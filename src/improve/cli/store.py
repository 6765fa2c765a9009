"""The commands about the store as a whole: undo, export, import and doctor."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import orjson

from improve.cli.base import EXIT_STORE, Context, pass_ctx
from improve.domain.errors import InputError
from improve.store.outfile import write_new
from improve.store.storage import StoreError
from improve.text import render


@click.command()
@pass_ctx
def undo(context: Context) -> None:
    """Revert your last change, saying what it was."""
    click.echo(f"undone: {context.register.undo()}")


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@pass_ctx
def export(context: Context, output: Path | None, force: bool) -> None:
    """The whole store as one JSON file (stdout by default)."""
    chunks = context.register.export()
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.writelines(chunks)
        return
    try:
        write_new(output, chunks, force=force, protected=context.owns, private=True)
    except OSError as error:
        raise StoreError(output, f"cannot write ({error.strerror})") from None
    click.echo(f"exported to {output}")


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "format_", default="improve", help="improve, taskwarrior or csv.")
@click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")
@pass_ctx
def import_(context: Context, file: Path, format_: str, dry_run: bool) -> None:
    """Import an export, a Taskwarrior `task export` or a CSV sheet; idempotent by id."""
    if format_ != "improve":
        from improve.cli.importing import import_other

        import_other(context, file, format_, dry_run)
        return
    try:
        document = orjson.loads(file.read_bytes())
    except OSError as error:
        raise StoreError(file, f"cannot read ({error.strerror})") from None
    except orjson.JSONDecodeError as error:
        raise StoreError(file, f"not valid JSON ({error})") from None
    with render.progress_bar(
        len(document.get("initiatives", [])) if isinstance(document, dict) else 0, "importing"
    ) as advance:
        result = context.register.import_export(document, advance, dry_run=dry_run)
    verb = "would import" if dry_run else "imported"
    click.echo(
        f"{verb}: {result.added} added, {result.updated} updated, {result.unchanged} unchanged"
    )


@click.command()
@click.option("--restore", default=None, help="A backup file (name or path) to put back.")
@click.option("--yes", is_flag=True, help="Restore even over a healthy store.")
@click.option("--clean", "clean_up", is_flag=True, help="Remove leftover temp files.")
@pass_ctx
def doctor(context: Context, restore: str | None, yes: bool, clean_up: bool) -> None:
    """Check the store, list its backups, restore one, clean leftover temp files."""
    from improve.store.doctor import backup_named, check_store, clean, restore_backup

    store = context.register.store
    if clean_up:
        click.echo(clean(store))
    if restore:
        backup_named(store, restore)
        if not yes and store.path.exists() and check_store(store)[1]:
            _confirm_restore(store.path)
        click.echo(restore_backup(store, restore, context.config.who))
        return
    report, healthy = check_store(store)
    click.echo(report)
    if not healthy:
        sys.exit(EXIT_STORE)


def _confirm_restore(path: Path) -> None:
    """Restoring over a healthy store asks first: on a terminal, a question; else --yes."""
    question = f"{path} is healthy: replace it with the backup? (it is kept as a backup)"
    if sys.stdin.isatty() and sys.stdout.isatty():
        if click.confirm(question, default=False):
            return
        raise InputError("nothing restored")
    raise InputError(f"{path} is healthy: add --yes to replace it with the backup anyway")

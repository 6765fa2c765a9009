"""Where the store, the config and the backups live.

platformdirs is imported only when no environment variable says where, to keep
`improve add` quick.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "improve"


def default_store() -> Path:
    """`IMPROVE_DB` if set, else improve.json in the user data dir."""
    override = os.environ.get("IMPROVE_DB")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP)) / "improve.json"


def config_file() -> Path:
    """`IMPROVE_CONFIG` if set, else config.toml in the user config dir."""
    override = os.environ.get("IMPROVE_CONFIG")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def state_file() -> Path:
    """Small things the app remembers (the theme), apart from the user's own config.

    `IMPROVE_STATE` if set; beside `IMPROVE_CONFIG` when that is set, so a scratch
    config never touches the real state; else the user state dir.
    """
    override = os.environ.get("IMPROVE_STATE")
    if override:
        return Path(override).expanduser()
    config = os.environ.get("IMPROVE_CONFIG")
    if config:
        return Path(config).expanduser().with_name("state.json")
    import platformdirs

    return Path(platformdirs.user_state_dir(APP)) / "state.json"


def is_config(path: Path) -> bool:
    """Whether a path is the config file in use."""
    return path.expanduser().resolve() == config_file().expanduser().resolve()

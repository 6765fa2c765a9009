"""An option list whose highlighted line is drawn in the cursor's colours alone."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import OptionList


class CursorList(OptionList):
    """Lines carry the theme's colours for the list's own background (a muted date, an
    accent key); on the cursor's background those can vanish (1.3:1 in textual-light,
    1.0:1 in nord). The highlighted line keeps its words, bold and italic, and takes the
    cursor's foreground, as the register's cursor row does."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        cursor = self.get_visual_style(
            "option-list--option", "option-list--option-highlighted"
        ).rich_style
        if cursor.bgcolor is None or cursor.color is None:
            return strip
        if not any(s.style is not None and s.style.bgcolor == cursor.bgcolor for s in strip):
            return strip
        ink = Style(color=cursor.color)
        return Strip(
            [Segment(s.text, (s.style or Style()) + ink, s.control) for s in strip],
            strip.cell_length,
        )

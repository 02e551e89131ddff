"""`basewatch report`: one story on one self-contained HTML page, from the JSON `diff`, `summary` and
`clusters` print. `build` makes the view model, `render` the page."""

from basewatch.htmlreport.build import story
from basewatch.htmlreport.render import page

__all__ = ["page", "story"]

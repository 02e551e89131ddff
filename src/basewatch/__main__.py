"""`python -m basewatch` runs the same app as the console script."""

from basewatch.cli import main

main()

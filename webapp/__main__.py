"""`python -m webapp ...` is the `councilwatch` command."""
from .cli import main

main()

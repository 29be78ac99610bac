"""``python -m components.extract``: see :mod:`components.extract.cli`.

The regular expressions the command compiles (its own, and those of the packages it imports, such as
trafilatura's hundreds) are compiled through programs kept in the lexicon cache folder (see
:mod:`components.text.regex_store`).
"""

import sys

from components.text.regex_store import stored_compiles

with stored_compiles("extract_command"):
    from components.extract.cli import main

    status = main()
sys.exit(status)

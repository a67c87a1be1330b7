"""`python -m cli COMMAND ...`: the same commands as `python -m models COMMAND ...`."""

import sys

from cli.main import main

sys.exit(main())

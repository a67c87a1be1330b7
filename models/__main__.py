"""`python -m models COMMAND ...`: the command line's old address, kept because scripts,
the README and the other tools of the network call it. The commands themselves live
above the data layer, in cli/ (they use analysis and outputs, which models must not)."""

import sys

from cli.main import main

sys.exit(main())

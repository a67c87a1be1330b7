"""The read side: validated city plans on the Breaking Isolation intervention model (schema,
vocabulary, safe reading, loader, checks, records). Imports nothing of `workspace` (what changes
the data) or `formats` (files in and out): an import contract keeps it so. `python -m models
COMMAND` is the command line's address (models/__main__.py hands over to cli)."""

from .files import Problem
from .loader import CityPlan, Network, load_network, resolve_data_dir

__all__ = ["CityPlan", "Network", "Problem", "load_network", "resolve_data_dir"]

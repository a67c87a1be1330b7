"""The data layer: validated city plans on the Breaking Isolation intervention model."""

from .files import Problem
from .loader import CityPlan, Network, load_network, resolve_data_dir

__all__ = ["CityPlan", "Network", "Problem", "load_network", "resolve_data_dir"]

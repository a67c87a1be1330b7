"""`python -m models validate [--data DIR]`: check every data file, list every problem."""

from __future__ import annotations

from models.loader import load_network

from .common import add_data_argument, count

NAME = "validate"
HELP = "check every data file and list every problem"


def add_arguments(parser) -> None:
    add_data_argument(parser)


def summary(network) -> str:
    kinds = [a.kind for _, a in network.all_actions()]
    return (
        f"{len(network.cities)} cities, {kinds.count('iap_action')} plan actions, "
        f"{kinds.count('testing_action')} testing actions, {count(kinds.count('idea'), 'idea')}, "
        f"{len(network.practices)} practices, {len(network.sources)} sources"
    )


def run(args) -> int:
    network = load_network(args.data)
    if network.problems:
        for problem in network.problems:
            print(problem)
        print(f"\n{count(len(network.problems), 'problem')} found in {network.data_dir}")
        return 1
    print(f"All data is valid: {summary(network)} ({network.data_dir}).")
    return 0

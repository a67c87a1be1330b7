"""`python -m models accounts ...`: the accounts that may edit, made and managed on the server.

    python -m models accounts add "Anna Lead" --lead       # the first Lead Expert
    python -m models accounts add "Éva Kovács" --city fot  # a person who edits Fót
    python -m models accounts list
    python -m models accounts reset eva-kovacs
    python -m models accounts revoke eva-kovacs
    python -m models accounts migrate-env                  # from IAP_EDIT_PASSWORD / IAP_CITY_PASSWORDS

`add` and `reset` read the password from standard input (one line, for scripts); given
none, they make a strong one and print it once. The credentials file is
$IAP_ACCOUNTS_FILE, else .workspace/accounts.yaml.
"""

from __future__ import annotations

import os
import sys

from workspace import accounts

NAME = "accounts"
HELP = "add, list, reset or revoke the accounts that may edit (Lead Expert, city teams)"


def add_arguments(parser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="a new account; the password comes from standard input or is made")
    add.add_argument("name", help="the person's name, in quotes if it has spaces")
    role = add.add_mutually_exclusive_group(required=True)
    role.add_argument("--lead", action="store_true", help="a Lead Expert: edits every city, manages accounts")
    role.add_argument("--city", metavar="ID", action="append", help="the id of the city it edits (e.g. fot)")
    actions.add_parser("list", help="the accounts, without their passwords")
    reset = actions.add_parser("reset", help="a new password (standard input, or made and printed once)")
    reset.add_argument("account", help="the account's id, as `list` shows it")
    revoke = actions.add_parser("revoke", help="the account can no longer sign in or save")
    revoke.add_argument("account")
    actions.add_parser("migrate-env", help="accounts from the old IAP_EDIT_PASSWORD / IAP_CITY_PASSWORDS")


def _password_from_stdin() -> tuple[str, bool]:
    """The password piped in, or a new one (True: made here, to be printed once)."""
    if sys.stdin is not None and not sys.stdin.isatty():
        given = sys.stdin.readline().strip()
        if given:
            return given, False
    return accounts.new_password(), True


def run(args) -> int:
    path = accounts.accounts_file()
    try:
        if args.action == "list":
            found = accounts.load(path)
            if not found:
                print(
                    f"No accounts yet ({path}). Make the first, in the project's folder, with: "
                    '.venv/bin/python -m models accounts add "Your name" --lead'
                )
            for account in found:
                state = "revoked" if account.revoked else "active"
                print(f"{account.id:24} {account.name:28} {account.role:24} {state}")
            return 0
        if args.action == "migrate-env":
            for line in accounts.migrate_environment(os.environ, path) or [
                "No old passwords are set: nothing to do."
            ]:
                print(line)
            return 0
        if args.action == "revoke":
            account = accounts.revoke(args.account, path)
            print(f"{account.id}: revoked. It can no longer sign in or save; its sign-ins have ended.")
            return 0
        password, made = _password_from_stdin()
        if args.action == "add":
            account = accounts.add(
                args.name, password, lead=args.lead, cities=tuple(args.city or ()), path=path
            )
            print(f"Account '{account.id}' ({account.role}) added to {path}.")
        else:
            account = accounts.reset_password(args.account, password, path)
            print(f"Account '{account.id}' has a new password; its other sign-ins have ended.")
    except accounts.AccountError as error:
        print(error, file=sys.stderr)
        return 1
    if made:
        print(f"Password (shown this once; give it to {account.name} in person): {password}")
    return 0

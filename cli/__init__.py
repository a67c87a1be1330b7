"""The command line, above every layer it uses (data, analysis, figures, outputs).

Run as `python -m models COMMAND ...` (kept for every tool and habit that calls it) or
`python -m cli COMMAND ...`; each command is a module of cli/commands/."""

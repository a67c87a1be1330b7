"""Documents in the forms people write them: plan readers (one module per layout) live in
`formats.plans`. Above `models` (they use its vocabulary), below the pages and the command line."""

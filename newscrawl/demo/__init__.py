"""The offline demo: a bundled snapshot of three outlets and a server for it."""

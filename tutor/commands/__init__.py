"""Subcommands. Each module defines ``register(subparsers, parent)``, which adds its
parser with ``parents=[parent]`` and sets ``handler=<function(args) -> exit code>``.
Handlers read ``args.lessons`` / ``args.data_dir`` with ``getattr(args, name, None)``;
``args.course`` is the id whose progress a command uses (``tutor.cli`` resolves
``--course`` into both ``args.lessons`` and ``args.course``)."""

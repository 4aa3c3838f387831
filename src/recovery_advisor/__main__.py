"""``python -m recovery_advisor``: the same command line as ``recovery-advisor``."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())

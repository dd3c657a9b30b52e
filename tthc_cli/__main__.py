"""Run the CLI with ``python -m tthc_cli``."""

from tthc_cli.cli import main

if __name__ == "__main__":
    main()

"""``python -m grader`` is the ``pytorch101`` command."""

import sys

from grader.cli import main

if __name__ == "__main__":  # a process started with "spawn" re-imports this as __mp_main__
    sys.exit(main())

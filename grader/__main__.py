"""``python -m grader`` is the ``pytorch101`` command."""

import sys

from grader.cli import main

sys.exit(main())

"""``python -m grader`` is the ``pytorch101`` command."""

from grader.cli import entry

if __name__ == "__main__":  # a process started with "spawn" re-imports this as __mp_main__
    entry()

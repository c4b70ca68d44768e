"""``python -m catalogue``: the ``catalogue`` command."""

from catalogue.cli import main

if __name__ == "__main__":  # not again in a worker process that imports it
    main()

"""`python -m desktop` is the same as the `hoso` command; also the frozen app's entry."""

import multiprocessing
import sys

if __name__ == "__main__":
    # Document rendering uses spawned worker processes: in the frozen app each one starts this
    # executable again, and freeze_support() turns it into the worker instead of a second app.
    # The guard keeps a spawned process that imports this module from starting the app.
    multiprocessing.freeze_support()
    from desktop.cli import main

    sys.exit(main())

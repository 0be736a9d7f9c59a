"""`python -m desktop` is the same as the `hoso` command; also the frozen app's entry."""

import multiprocessing
import sys

if __name__ == "__main__":
    # Document rendering uses spawned worker processes: in the frozen app each one starts this
    # executable again, and freeze_support() turns it into the worker instead of a second app.
    # The guard keeps a spawned process that imports this module from starting the app.
    multiprocessing.freeze_support()
    from desktop.gui_main import gui_arguments, open_window

    window_only = gui_arguments(sys.argv[1:])
    if window_only is not None:  # no command: the window, without the CLI's imports
        sys.exit(open_window(*window_only))
    from desktop.cli import main

    sys.exit(main())

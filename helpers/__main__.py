"""``python -m helpers``: the command line (helpers/cli.py)."""
import sys

try:
    from helpers.cli import main
except KeyboardInterrupt:  # Ctrl-C while the libraries load: nothing has begun
    sys.exit(130)

try:
    code = main()
except KeyboardInterrupt:  # Ctrl-C while the command's options are read, before it begins: nothing to say
    code = 130
sys.exit(code)

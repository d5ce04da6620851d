"""`python -m trasparenza.cli`."""

import sys

from trasparenza.cli.main import main

sys.exit(main())

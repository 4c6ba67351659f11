"""Allow `python -m assessment`."""

import sys

from assessment.cli import main

sys.exit(main())

"""`hoso demo`: a sample commune, so a newcomer sees a working app at once (DESIGN §7).

The commune — its unit, people, departments, hamlets, collectives, initiatives, decisions, the
people the demo is about and the year-end round the officer runs — is data, in
resources/demo/commune.toml; this package turns it into a profile:

    data        the typed values of the file
    loading     reading and checking the file
    registry    the drawn people: departments' staff, hamlets' heads and farmers
    history     five lawful years: the commune's decisions, ratings, titles, collectives
    featured    the people the demo is about, written out one by one
    year        the officer's year: registrations, the round, the council, the dossiers
    evidence    the scanned decision (PDF) and the certificate photo (PNG) it attaches
    outputs     with --out: the dossier documents and the signed package
    build       build_demo / make_demo
"""

from desktop.core.operations.demo.build import (
    DemoExists,
    DemoResult,
    build_demo,
    existing_demo,
    make_demo,
)
from desktop.core.operations.demo.data import DemoData
from desktop.core.operations.demo.loading import DemoDataError, demo_data, load_demo_data
from desktop.core.operations.demo.outputs import (
    DEMO_KEY_PASSPHRASE,
    demo_key_passphrase,
    write_demo_dossier,
    write_demo_reports,
)

__all__ = [
    "DEMO_KEY_PASSPHRASE",
    "DemoData",
    "DemoDataError",
    "DemoExists",
    "DemoResult",
    "build_demo",
    "demo_data",
    "demo_key_passphrase",
    "existing_demo",
    "load_demo_data",
    "make_demo",
    "write_demo_dossier",
    "write_demo_reports",
]

"""Compile the bundled phrasebooks, question banks and metric catalogues.

    python tools/build_data.py          # rewrite resumegen/_compiled/*.pickle
    python tools/build_data.py --check  # exit 1 when a stored copy is stale

Run it after editing anything under phrasebooks/, resumegen/enrich/,
resumegen/resources/ or resumegen/yamlio/; a test fails while the stored
copies are stale (resumegen then parses the YAML at run time, which is
correct but slower).
"""

from __future__ import annotations

import argparse
import sys

from resumegen.datacache import is_fresh, kinds, write_compiled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale copies")
    args = parser.parse_args(argv)
    stale = 0
    for name, (sources, build) in kinds().items():
        files = sources()
        if args.check:
            if not is_fresh(name, files):
                print(f"stale: {name}")
                stale += 1
            continue
        path = write_compiled(name, files, build())
        print(f"wrote {path.relative_to(path.parents[2])}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())

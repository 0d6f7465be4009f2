"""Start-up time of the `councilwatch` command: `--help`, `extract FILE --json` and
`diff OLD NEW --json` on files (no database), median of N runs each, as a user types them.

    .venv/bin/python bench/cli.py [--runs 7]

Start-up is measured as `python -c "import webapp.cli"` plus what each command imports;
wall time and CPU time (less sensitive to a busy machine) are both printed. Reads only files shipped in the repository."""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOLUTIONS = ROOT / "crawler" / "bundle" / "documents" / "resolutions"
OLD, NEW = RESOLUTIONS / "S_RES_2717_2023.txt", RESOLUTIONS / "S_RES_2765_2024.txt"


def _command() -> list[str]:
    script = shutil.which("councilwatch", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "webapp"]


def _time(argv: list[str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of the command."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    base = _command()
    files = sorted(RESOLUTIONS.glob("S_RES_27*.txt"))[:20]
    cases = {
        "python startup (baseline)": [sys.executable, "-c", "pass"],
        "import webapp.cli": [sys.executable, "-c", "import webapp.cli"],
        "councilwatch --help": [*base, "--help"],
        "councilwatch --version": [*base, "--version"],
        "councilwatch extract FILE --json": [*base, "extract", str(OLD), "--json"],
        "councilwatch diff OLD NEW --json": [*base, "diff", str(OLD), str(NEW), "--json"],
        f"councilwatch extract {len(files)} FILES --json": [*base, "extract", *map(str, files), "--json"],
    }
    for label, argv in cases.items():
        wall, cpu = _time(argv, args.runs)
        print(f"{label:45} wall {wall * 1000:6.0f} ms   cpu {cpu * 1000:6.0f} ms   (median of {args.runs})")


if __name__ == "__main__":
    main()

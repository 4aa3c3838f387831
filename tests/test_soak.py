"""Memory stays flat over many calls (the short version of ``benchmarks/soak.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs /proc to read RSS")
def test_memory_is_flat_after_warm_up() -> None:
    """3,000 mixed calls in a fresh process: after 1,000 warm-up calls (caches filled, rule books
    registered) resident memory grows by less than 3 MB; a leak of one fact set or session per
    call (~10 KB) would add 20 MB."""
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "soak.py"),
            "--calls=3000",
            "--warmup=1000",
            "--every=250",
            "--light",
            "--json",
            "--limit-mb=3",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert proc.returncode == 0, summary
    assert summary["peak_growth_mb"] < 3.0, summary

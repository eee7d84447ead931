"""A stand-in render task for the pool's tests, in a module of its own: a worker imports
the module its task lives in before it takes a job, and this one imports next to
nothing, so a job's time limit is spent on the job even on a loaded machine."""

from __future__ import annotations

import os
import time

from parlbrief.atomic import atomic_file
from parlbrief.write.pool import Job


def stand_in_render(job: Job) -> None:
    """'hang' sleeps, 'half' sleeps part-way through writing its file, 'fail' raises,
    'crash' kills its worker; the others write a file."""
    if job.key == "hang":
        time.sleep(600)
    if job.key == "half":
        with atomic_file(job.target) as handle:
            handle.write(b"%PDF-1.7 half")
            handle.flush()
            time.sleep(600)
    if job.key == "fail":
        raise ValueError("fail.pdf: the PDF could not be made")
    if job.key == "crash":
        os._exit(9)
    job.target.write_text(job.key, encoding="utf-8")

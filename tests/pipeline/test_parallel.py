"""Parallel builds: PDFs render in workers; one failing or hanging does not stop the rest."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parlbrief.cli.commands import app
from parlbrief.pipeline import BuildOptions, build
from parlbrief.project import Project
from parlbrief.write.pool import Job, Outcome, Pool
from tests.pipeline.stand_in import stand_in_render


def run(tmp_path: Path, keys: list[str], **kwargs: float) -> dict[str, Outcome]:
    jobs = [Job(k, tmp_path / f"{k}.pdf", "<p>", tmp_path, (tmp_path,)) for k in keys]
    outcomes: dict[str, Outcome] = {}
    Pool(2, task=stand_in_render, **kwargs).run(jobs, lambda o: outcomes.__setitem__(o.key, o))  # type: ignore[arg-type]
    return outcomes


def test_one_failing_render_is_reported_and_the_others_still_build(tmp_path: Path) -> None:
    outcomes = run(tmp_path, ["a", "fail", "b", "c"])
    error = outcomes["fail"].error
    assert error is not None and str(error) == "fail.pdf: the PDF could not be made"
    assert all(outcomes[k].ok for k in "abc")
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["a.pdf", "b.pdf", "c.pdf"]


def test_a_render_over_the_time_limit_is_given_up(tmp_path: Path) -> None:
    # The limit is generous beside the instant jobs, whose clock starts only once their
    # worker exists, so a loaded machine cannot push them over it; the hanging job
    # sleeps far beyond it, so only the pool can end it.
    start = time.monotonic()
    outcomes = run(tmp_path, ["hang", "a", "b"], timeout=3.0)
    assert time.monotonic() - start < 50
    assert "gave up after 3 seconds" in str(outcomes["hang"].error)
    assert outcomes["a"].ok and outcomes["b"].ok


def test_a_crashed_worker_is_replaced(tmp_path: Path) -> None:
    outcomes = run(tmp_path, ["crash", "a", "b", "c"], max_tasks=1)
    assert "stopped unexpectedly" in str(outcomes["crash"].error)
    assert all(outcomes[k].ok for k in "abc")


def test_a_parallel_build_makes_every_pdf_and_reports_worker_memory(shared: Project) -> None:
    report = build(shared, options=BuildOptions(formats=("pdf",), jobs=2))
    assert sorted(report.built) == ["alpha", "beta", "gamma"]
    assert all((shared.out / f"{k}.pdf").read_bytes().startswith(b"%PDF") for k in report.built)
    assert len(report.worker_peak_rss) == 3 and min(report.worker_peak_rss) > 10_000_000


def test_build_exits_3_when_a_render_times_out(shared: Project) -> None:
    # The built-in template: `check` fills in a project's own templates under the same
    # limit (a template over it is a content error, exit 1), and this test is about the
    # PDF's render.
    (shared.root / "templates" / "briefing.html.j2").unlink()
    done = CliRunner().invoke(
        app,
        ["build", "gamma", "--project", str(shared.root), "--timeout", "0.01", "--json"],
    )
    assert done.exit_code == 3, (done.output, done.exception)
    assert json.loads(done.stdout)["failed"] == ["gamma"]
    # A briefing that fails leaves none of its new outputs: not even its web page.
    assert not (shared.out / "gamma.html").exists()
    # A failed output is not recorded as built, so the next build tries it again.
    retry = build(shared, ["gamma"], options=BuildOptions(formats=("pdf",), jobs=1))
    assert retry.built == ["gamma"]


def test_an_interrupted_run_leaves_no_half_written_file(tmp_path: Path) -> None:
    # Ctrl-C arrives while one worker is part-way through writing its PDF: the pool
    # kills it, and its hidden temporary file must go too (a build killed there left
    # `.alpha.pdf.<random>.tmp` in the output folder).
    jobs = [Job(k, tmp_path / f"{k}.pdf", "<p>", tmp_path, (tmp_path,)) for k in ["half", "a"]]

    def interrupt(outcome: Outcome) -> None:
        deadline = time.monotonic() + 30
        while not list(tmp_path.glob(".half.pdf.*.tmp")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list(tmp_path.glob(".half.pdf.*.tmp")), "the stand-in never began writing"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Pool(2, task=stand_in_render).run(jobs, interrupt)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_a_pool_started_from_another_thread_still_renders(tmp_path: Path) -> None:
    # Only the main thread may change signal handling (the fork server ignores Ctrl-C
    # when the main thread starts it); a library caller's thread must still work.
    import threading

    results: list[dict[str, Outcome]] = []
    thread = threading.Thread(target=lambda: results.append(run(tmp_path, ["a", "b"])))
    thread.start()
    thread.join(timeout=60)
    assert results and all(o.ok for o in results[0].values())


def jobs_of(tmp_path: Path, keys: list[str]) -> list[Job]:
    return [Job(k, tmp_path / f"{k}.pdf", "<p>", tmp_path, (tmp_path,)) for k in keys]


def test_a_warm_pool_keeps_its_workers_between_runs_until_closed(tmp_path: Path) -> None:
    pool = Pool(1, task=stand_in_render, keep_warm=True)
    outcomes: dict[str, Outcome] = {}
    pool.run(jobs_of(tmp_path, ["a"]), lambda o: outcomes.__setitem__(o.key, o))
    kept = pool.worker_pids
    assert len(kept) == 1 and all(kept)
    pool.run(jobs_of(tmp_path, ["b"]), lambda o: outcomes.__setitem__(o.key, o))
    # The second run's job went to the same worker: nothing was started again.
    assert outcomes["b"].worker == outcomes["a"].worker and pool.started == 1
    assert pool.worker_pids == kept
    pool.close()
    assert pool.worker_pids == []
    with pytest.raises(ProcessLookupError):
        os.kill(kept[0], 0)


def test_a_warm_pool_keeps_no_worker_that_crashed(tmp_path: Path) -> None:
    pool = Pool(1, task=stand_in_render, keep_warm=True)
    outcomes: dict[str, Outcome] = {}
    pool.run(jobs_of(tmp_path, ["crash"]), lambda o: outcomes.__setitem__(o.key, o))
    assert not outcomes["crash"].ok and pool.worker_pids == []
    pool.run(jobs_of(tmp_path, ["a"]), lambda o: outcomes.__setitem__(o.key, o))
    assert outcomes["a"].ok and outcomes["a"].worker == 2
    pool.close()


def test_a_pool_that_is_not_kept_warm_stops_its_workers_after_each_run(tmp_path: Path) -> None:
    pool = Pool(2, task=stand_in_render)
    pool.run(jobs_of(tmp_path, ["a", "b"]), lambda o: None)
    assert pool.worker_pids == []

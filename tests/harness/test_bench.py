"""The benchmark measures a real run, counts each input once, and refuses unknown areas."""

import pytest

from conformance import bench


def test_inputs_count_each_input_once_across_modes():
    data = {"cases": [
        {"area": "a", "case": "add", "mode": "eager", "agree": 3, "known": 1, "new": 0},
        {"area": "a", "case": "add", "mode": "jit", "agree": 4, "known": 0, "new": 0},
        {"area": "a", "case": "shapes", "mode": "eager", "agree": 2, "known": 0, "new": 0},
    ]}
    assert bench._inputs(data) == 6


@pytest.mark.slow  # a real benchmark run of a test file (nox -s slow)
def test_a_real_run_is_measured(tmp_path):
    figures = bench.run([bench.SUITE / "test_broadcasting.py"], workers="0", profile="quick", x64="off",
                        cache=None, scratch=tmp_path, pytest_args=("-k", "test_binary_broadcasts and add"))
    assert figures["exitstatus"] == 0
    assert figures["inputs"] > 0 and figures["examples"] >= figures["inputs"]
    assert 0 < figures["jax_s"] <= figures["test_s"]
    assert 0 < figures["compile_share"] <= 1 and 0 <= figures["harness_share"] < 1
    assert figures["peak_rss_mib"] > 50
    stages = figures["trace_s"] + figures["lower_s"] + figures["backend_s"]
    assert figures["trace_s"] > 0 and figures["lower_s"] > 0 and abs(stages - figures["compile_s"]) < 0.05
    assert figures["cache_read_s"] == 0  # no persistent cache in this run
    assert figures["clearing_caches_s"] >= 0  # between tests, outside test time (once 200 lowerings)
    harness = figures["checking_s"] + figures["outside_check_s"]
    assert figures["checking_s"] > 0 and figures["outside_check_s"] > 0
    assert abs(harness - figures["harness_share"] * figures["test_s"]) < 0.1
    results = {"machine": bench.machine(), "profile": "quick", "x64": "off",
               "areas": {"broadcasting": figures}, "suite": {"-n auto, warm cache": figures},
               "cache_speedup": 1.0}
    markdown = bench.render(results, "python -m conformance.bench --areas broadcasting")
    assert "## By area" in markdown and "| broadcasting |" in markdown
    assert "## Where the time goes" in markdown


@pytest.mark.slow  # a real benchmark run of a test file (nox -s slow)
def test_a_second_run_reads_the_persistent_cache(tmp_path):
    def one_run(scratch):
        return bench.run([bench.SUITE / "test_broadcasting.py"], workers="0", profile="quick", x64="off",
                         cache=tmp_path / "cache", scratch=tmp_path / scratch,
                         pytest_args=("-k", "test_binary_broadcasts and add"))

    first, second = one_run("first"), one_run("second")
    assert first["cache_read_s"] == 0 < second["cache_read_s"] <= second["backend_s"]
    assert second["backend_s"] < first["backend_s"]


def test_unknown_areas_are_refused(capsys):
    with pytest.raises(SystemExit) as exit_info:
        bench.main(["--areas", "nope"])
    assert exit_info.value.code == 2
    assert "unknown areas ['nope']" in capsys.readouterr().err


def test_a_rewrite_keeps_the_notes_below_the_mark(tmp_path):
    path = tmp_path / "bench.md"
    assert bench.kept_notes(path) == bench.HISTORY_MARK + "\n"  # no file yet: the mark alone
    path.write_text(f"# Benchmark\n\nold tables\n\n{bench.HISTORY_MARK}\n\n## History\n\nrun 1: 187 s\n")
    assert bench.kept_notes(path) == f"{bench.HISTORY_MARK}\n\n## History\n\nrun 1: 187 s\n"

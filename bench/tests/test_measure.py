from __future__ import annotations

from bench.agreement import graph_id
from bench.measure import percentile, summarize


def test_nearest_rank_percentiles() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile(values, 99) == 99.0
    assert percentile([7.0], 99) == 7.0


def test_summary_counts_errors_apart() -> None:
    stats = summarize([1_000_000, 2_000_000, 3_000_000], errors=2, seconds=1.5, first_error="boom")
    assert (stats.requests, stats.errors, stats.p50_ms, stats.max_ms) == (5, 2, 2.0, 3.0)
    assert stats.rps == 2.0  # successful answers only
    assert stats.first_error == "boom"


def test_graph_id_of_relay_ids() -> None:
    from graphdir.api.ids import encode

    assert graph_id(encode("Organization", "syn-org-0000001")) == "syn-org-0000001"
    assert graph_id(encode("Territory", "commune:03095")) == "commune:03095"

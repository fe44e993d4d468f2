"""`planqa bench` runs end to end and reports every figure (values are not asserted: they are
measurements, written down in README, not unit-test timings)."""
import json
import subprocess
import sys

from tests.conftest import ROOT


def test_bench_reports_all_figures():
    r = subprocess.run([sys.executable, "-m", "planqa.cli", "bench", "--sizes", "400,800", "--json"], cwd=ROOT,
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["embedding_raw"]["chars_per_s"] > 0 and out["ingest"]["chars_per_s"] > 0
    assert out["embedding_ratio"] > 0
    assert out["ingest"]["chunks"] > 100 and out["ingest"]["reingest_added"] == 0
    assert [row["chunks"] for row in out["scale"]] == [400, 800]
    for row in out["scale"]:
        for key in ("retrieve_hybrid_p50_ms", "retrieve_hybrid_p95_ms", "retrieve_bm25_p50_ms", "retrieve_dense_p50_ms",
                    "ask_p50_ms", "ask_p95_ms", "peak_rss_mb"):
            assert row[key] > 0, key
    assert any("derived from" in n for n in out["notes"])
    assert set(out["bars"]) >= {"embedding_ratio>=0.8", "retrieve_p50<=50ms", "rss<=2GB"}

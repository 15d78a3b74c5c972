#!/usr/bin/env python3
"""Merges the benchmark suite's JSON files into one report and checks the targets of issue 7.

usage: tools/bench-summary.py <benchmarks dir>   (prints the report; exit 0 whatever is missed: misses are reported)
"""
import json
import os
import sys


def load(path):
    with open(path) as f:
        return json.load(f)


def main():
    d = sys.argv[1]
    jmh = load(os.path.join(d, "jmh-hot-paths.json"))
    load_ = load(os.path.join(d, "load.json"))
    rebuild = load(os.path.join(d, "rebuild-rss.json"))
    cold = load(os.path.join(d, "cold-start.json")) if os.path.exists(os.path.join(d, "cold-start.json")) else None
    s = load_["scenarios"]
    best_commands = max(s["create_heavy_1_tenant_32_clients"]["per_second"],
                        s["create_heavy_50_tenants_32_clients"]["per_second"])
    checks = [
        ("commands/s (create-heavy, best of 1 and 50 tenants)", best_commands, ">=", 1500),
        ("command p99 ms at 500 commands/s", s["open_loop_500_commands_per_second"]["p99_ms"], "<=", 50),
        ("projection lag p99 ms at 500 commands/s",
         s["open_loop_500_commands_per_second"]["projection_lag_p99_ms"], "<=", 100),
        ("GET /tasks?limit=25 requests/s", s["list_tasks_limit_25_32_clients"]["per_second"], ">=", 5000),
        ("rebuild events/s (slowest projection, 1M events)", min(rebuild["rebuild_events_per_second"].values()), ">=", 100000),
        ("verify events/s (1M events)", rebuild["verify_events_per_second_full_jit"], ">=", 200000),
        ("runtime RSS MB with 1M events stored", rebuild["runtime_rss_mb"], "<=", 512),
        ("noisy neighbour at 5x its limit: quiet tenant p99 increase % (vs neighbour at its limit)",
         s["noisy_neighbour"]["quiet_p99_increase_percent"], "<=", 20),
    ]
    if cold:
        worst = max(f["cold_ms_median"] for f in cold["functions"])
        checks.append(("cold start ms (slowest function, median)", worst, "<=", 1500))
    results = []
    for name, value, op, target in checks:
        met = value >= target if op == ">=" else value <= target
        results.append({"figure": name, "value": value, "target": f"{op} {target}", "met": met})
    report = {
        "suite": "taskledger-benchmarks",
        "targets": results,
        "jmh_ops_per_second": {b["benchmark"].rsplit(".", 1)[-1]: round(b["primaryMetric"]["score"]) for b in jmh},
        "load": load_,
        "rebuild_verify_rss": rebuild,
        "cold_start": cold,
    }
    print(json.dumps(report, indent=2))
    for r in results:
        print(("MET    " if r["met"] else "MISSED ") + f'{r["figure"]}: {r["value"]} (target {r["target"]})', file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Merges the benchmark suite's JSON files into one report and checks each target exactly as stated (never a best-of).

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
    http_path = os.path.join(d, "http-commands.json")
    http = load(http_path) if os.path.exists(http_path) else None
    s = load_["scenarios"]
    loop = s["open_loop_500_commands_per_second"]
    checks = [
        ("creates/s, 1 tenant, 32 clients", s["create_heavy_1_tenant_32_clients"]["per_second"], ">=", 1500),
        ("creates/s, 50 tenants, 32 clients", s["create_heavy_50_tenants_32_clients"]["per_second"], ">=", 1500),
        ("open loop at 500 commands/s: failed commands", loop["failures"], "<=", 0),
        ("open loop at 500 commands/s: acknowledged commands without a lag sample",
         abs(loop["count"] - loop["projection_lag_samples"]), "<=", 0),
        ("command p99 ms at 500 commands/s", loop["p99_ms"], "<=", 50),
        ("projection lag p99 ms at 500 commands/s", loop["projection_lag_p99_ms"], "<=", 100),
        ("GET /tasks?limit=25 requests/s, runtime holding 1M events in a 256 MB heap",
         rebuild["get_tasks_limit_25"]["per_second"], ">=", 5000),
        ("rebuild events/s (slowest projection, 1M events)", min(rebuild["rebuild_events_per_second"].values()), ">=", 100000),
        ("verify events/s (1M events)", rebuild["verify_events_per_second_full_jit"], ">=", 200000),
        ("runtime RSS MB with 1M events stored", rebuild["runtime_rss_mb"], "<=", 512),
        ("export peak heap MB (1M events)", rebuild["export_peak_heap_mb"], "<=", 256),
        ("noisy neighbour at 5x its limit: quiet tenant p99 increase % vs the quiet tenant alone",
         s["noisy_neighbour"]["quiet_p99_increase_vs_alone_percent"], "<=", 20),
    ]
    if cold:
        worst = max(f["cold_ms_median"] for f in cold["functions"])
        checks.append(("cold start ms (slowest function, median)", worst, "<=", 1500))
    results = []
    for name, value, op, target in checks:
        met = value >= target if op == ">=" else value <= target
        results.append({"figure": name, "value": value, "target": f"{op} {target}", "met": met})
    info = {
        "GET /tasks?limit=25 requests/s, small tenant": s["list_tasks_limit_25_32_clients"]["per_second"],
        "open loop: commands measured / lag samples / failures":
            [loop["count"], loop["projection_lag_samples"], loop["failures"]],
        "noisy neighbour: quiet p99 increase % vs the neighbour at its limit":
            s["noisy_neighbour"]["quiet_p99_increase_percent"],
    }
    if http:
        info["POST /tasks over HTTP / in-process appends"] = http["http_to_in_process_ratio"]
    report = {
        "suite": "taskledger-benchmarks",
        "targets": results,
        "reported": info,
        "jmh_ops_per_second": {b["benchmark"].rsplit(".", 1)[-1]: round(b["primaryMetric"]["score"]) for b in jmh},
        "load": load_,
        "rebuild_verify_rss": rebuild,
        "cold_start": cold,
    }
    print(json.dumps(report, indent=2))
    for r in results:
        print(("MET    " if r["met"] else "MISSED ") + f'{r["figure"]}: {r["value"]} (target {r["target"]})', file=sys.stderr)
    for name, value in info.items():
        print(f"INFO   {name}: {value}", file=sys.stderr)


if __name__ == "__main__":
    main()

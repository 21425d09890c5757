package io.flightpath.bench.shadow;

/** One measured cell: completed requests per second, latency percentiles in microseconds, failed requests. */
record CellResult(double throughput, long p50Micros, long p99Micros, long errors) {
}

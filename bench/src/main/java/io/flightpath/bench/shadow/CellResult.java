package io.flightpath.bench.shadow;

/**
 * One measured cell: completed requests per second, latency percentiles in microseconds, failed
 * requests, and the metered process's CPU time per completed request in microseconds.
 */
record CellResult(double throughput, long p50Micros, long p99Micros, long errors, double cpuMicrosPerRequest) {
}

package io.flightpath.control.api;

/** The map versions and pool generation a routing state carries: what a node holds, and what tells a newer state from it. */
public record RoutingVersions(int read, int write, int poolGeneration) {
}

package io.flightpath.cluster;

import java.util.OptionalLong;

/** A server of the cluster as seen now: its process, if any, and whether it accepts a login. */
public record ServerStatus(ServerSpec spec, OptionalLong pid, boolean answers) {
    public String state() {
        if (answers) {
            return "answering";
        }
        return pid.isPresent() ? "not answering" : "stopped";
    }
}

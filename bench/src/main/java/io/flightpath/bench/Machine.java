package io.flightpath.bench;

import java.lang.management.ManagementFactory;

/** What the figures were measured on: they mean little without it. */
record Machine(int cores, long memoryBytes, String os, String jdk, String mariaDb) {
    static Machine describe(String mariaDbVersion) {
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : -1;
        return new Machine(Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + Runtime.version(), mariaDbVersion);
    }

    /** This machine, with the MariaDB version that {@code db} reports. */
    static Machine describe(io.flightpath.store.Database db) {
        String version = db.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT VERSION()")) {
                rs.next();
                return rs.getString(1);
            }
        });
        return describe(version);
    }

    String line() {
        return "machine: %d cores, %s memory, MariaDB %s, %s, %s".formatted(cores, memory(), mariaDb, jdk, os);
    }

    String memory() {
        return memoryBytes < 0 ? "unknown" : String.format("%.1f GiB", memoryBytes / (1024.0 * 1024 * 1024));
    }
}

package io.flightpath.app;

import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.Role;
import io.flightpath.cluster.ServerSpec;
import io.flightpath.core.FlightpathException;
import io.flightpath.store.DatabaseConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where every store lives: the control database, the in-flight database and each post-flight
 * shard. From configuration (HOST:PORT/DATABASE per store) or from the local cluster.
 */
record StoreAddresses(DatabaseConfig control, DatabaseConfig inflight, Map<String, DatabaseConfig> shards) {
    static final String CONTROL_DB = "flightpath_control";
    static final String INFLIGHT_DB = "flightpath_inflight";
    static final String RECORDS_DB = "flightpath";

    StoreAddresses {
        shards = Map.copyOf(new LinkedHashMap<>(shards));
    }

    /** The local cluster's servers, one database per store. */
    static StoreAddresses of(LocalCluster cluster, int poolSize) {
        DbCredentials login = cluster.credentials();
        DatabaseConfig control = null;
        DatabaseConfig inflight = null;
        Map<String, DatabaseConfig> shards = new LinkedHashMap<>();
        for (ServerSpec s : cluster.servers()) {
            if (s.role() == Role.CONTROL) {
                control = new DatabaseConfig(s.host(), s.port(), CONTROL_DB, login.user(), login.password(), poolSize);
            } else if (s.role() == Role.INFLIGHT) {
                inflight = new DatabaseConfig(s.host(), s.port(), INFLIGHT_DB, login.user(), login.password(), poolSize);
            } else {
                shards.put(s.name(), new DatabaseConfig(s.host(), s.port(), RECORDS_DB, login.user(), login.password(), poolSize));
            }
        }
        if (control == null || inflight == null || shards.isEmpty()) {
            throw FlightpathException.failedPrecondition("the local cluster in %s is incomplete; run `flightpath cluster up`", cluster.home());
        }
        return new StoreAddresses(control, inflight, shards);
    }

    /**
     * From settings: control.db and inflight.db as HOST:PORT/DATABASE, postflight.shards as
     * NAME=HOST:PORT/DATABASE[,…], with db.user, db.password and db.pool shared by all.
     */
    static DatabaseConfig database(Settings settings, String key, int poolSize) {
        String value = settings.required(key);
        var m = java.util.regex.Pattern.compile("([^:/\\s]+):(\\d{1,5})/([A-Za-z0-9_]+)").matcher(value);
        if (!m.matches()) {
            throw FlightpathException.invalid("%s must be HOST:PORT/DATABASE, was '%s'", key, value);
        }
        return new DatabaseConfig(m.group(1), Integer.parseInt(m.group(2)), m.group(3),
                settings.string("db.user", "flightpath"), settings.string("db.password", ""), poolSize);
    }

    static Map<String, DatabaseConfig> shards(Settings settings, int poolSize) {
        Map<String, DatabaseConfig> shards = new LinkedHashMap<>();
        for (String entry : settings.required("postflight.shards").split(",")) {
            int eq = entry.indexOf('=');
            if (eq < 1) {
                throw FlightpathException.invalid("postflight.shards must be NAME=HOST:PORT/DATABASE[,…], was '%s'", entry.trim());
            }
            String name = entry.substring(0, eq).trim();
            shards.put(name, database(Settings.of(Map.of("shard", entry.substring(eq + 1).trim(),
                    "db.user", settings.string("db.user", "flightpath"), "db.password", settings.string("db.password", ""))),
                    "shard", poolSize));
        }
        return shards;
    }
}

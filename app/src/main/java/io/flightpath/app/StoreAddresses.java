package io.flightpath.app;

import io.flightpath.cluster.DbAccount;
import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.Role;
import io.flightpath.cluster.ServerSpec;
import io.flightpath.core.FlightpathException;
import io.flightpath.store.DatabaseConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where every store lives: the control database, the in-flight database and each post-flight
 * shard. From configuration (HOST:PORT/DATABASE per store) or from the local cluster.
 */
record StoreAddresses(DatabaseConfig control, DatabaseConfig inflight, Map<String, DatabaseConfig> shards) {
    static final String CONTROL_DB = DbAccount.Databases.CONTROL;
    static final String INFLIGHT_DB = DbAccount.Databases.INFLIGHT;
    static final String RECORDS_DB = DbAccount.Databases.RECORDS;
    /** The legacy shape's one database, on shard0's server, where the rollout later makes it shard0. */
    static final String LEGACY_DB = DbAccount.Databases.LEGACY;

    StoreAddresses {
        shards = Map.copyOf(new LinkedHashMap<>(shards));
    }

    /**
     * The local cluster's servers, one database per store, each opened with its owner's account
     * (the legacy database with the post-flight one: it becomes shard0).
     */
    static StoreAddresses of(LocalCluster cluster, int poolSize) {
        DbCredentials controlLogin = cluster.credentials(DbAccount.CONTROL);
        DbCredentials inflightLogin = cluster.credentials(DbAccount.INFLIGHT);
        DbCredentials shardLogin = cluster.credentials(DbAccount.POSTFLIGHT);
        DatabaseConfig control = null;
        DatabaseConfig inflight = null;
        Map<String, DatabaseConfig> shards = new LinkedHashMap<>();
        for (ServerSpec s : cluster.servers()) {
            if (s.role() == Role.CONTROL) {
                control = new DatabaseConfig(s.host(), s.port(), CONTROL_DB, controlLogin.user(), controlLogin.password(), poolSize);
            } else if (s.role() == Role.INFLIGHT) {
                inflight = new DatabaseConfig(s.host(), s.port(), INFLIGHT_DB, inflightLogin.user(), inflightLogin.password(), poolSize);
            } else {
                shards.put(s.name(), new DatabaseConfig(s.host(), s.port(), RECORDS_DB, shardLogin.user(), shardLogin.password(), poolSize));
            }
        }
        if (control == null || inflight == null || shards.isEmpty()) {
            throw FlightpathException.failedPrecondition("the local cluster in %s is incomplete; run `flightpath cluster up`", cluster.home());
        }
        return new StoreAddresses(control, inflight, shards);
    }

    /** The legacy shape's database: on the first shard's server. */
    DatabaseConfig legacy() {
        return shards.getOrDefault("shard0", shards.values().iterator().next()).withDatabase(LEGACY_DB);
    }

    /** HOST:PORT/DATABASE of one store, as the settings give it. */
    record Address(String host, int port, String database) {
        private static final Pattern FORM = Pattern.compile("([^:/\\s]+):(\\d{1,5})/([A-Za-z0-9_]+)");

        static Address parse(String key, String value) {
            return read(value).orElseThrow(() -> FlightpathException.invalid("%s must be HOST:PORT/DATABASE, was '%s'", key, value));
        }

        private static Optional<Address> read(String value) {
            Matcher m = FORM.matcher(value);
            return m.matches() ? Optional.of(new Address(m.group(1), Integer.parseInt(m.group(2)), m.group(3))) : Optional.empty();
        }
    }

    /** NAME=HOST:PORT/DATABASE[,…]: the shards in the order given. */
    static Map<String, Address> parseShards(String key, String value) {
        Map<String, Address> shards = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            int eq = entry.indexOf('=');
            Optional<Address> address = eq < 1 ? Optional.empty() : Address.read(entry.substring(eq + 1).trim());
            if (address.isEmpty()) {
                throw FlightpathException.invalid("%s must be NAME=HOST:PORT/DATABASE[,…], was '%s'", key, entry.trim());
            }
            shards.put(entry.substring(0, eq).trim(), address.get());
        }
        return Collections.unmodifiableMap(shards);
    }

    /** A store the settings name, with the login (db.user, db.password) every store shares. */
    static DatabaseConfig database(Settings settings, Setting<Address> key, int poolSize) {
        return login(settings, settings.get(key), poolSize);
    }

    /** The shards of postflight.shards, each with the shared login. */
    static Map<String, DatabaseConfig> shards(Settings settings, int poolSize) {
        Map<String, DatabaseConfig> shards = new LinkedHashMap<>();
        settings.get(Keys.POSTFLIGHT_SHARDS).forEach((name, a) -> shards.put(name, login(settings, a, poolSize)));
        return shards;
    }

    private static DatabaseConfig login(Settings settings, Address a, int poolSize) {
        return new DatabaseConfig(a.host(), a.port(), a.database(), settings.get(Keys.DB_USER), settings.get(Keys.DB_PASSWORD), poolSize);
    }
}

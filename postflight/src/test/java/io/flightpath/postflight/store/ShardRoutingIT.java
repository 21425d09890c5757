package io.flightpath.postflight.store;

import static io.flightpath.postflight.CallSample.call;
import static io.flightpath.postflight.MessageSample.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.Message;
import io.flightpath.core.PageRequest;
import io.flightpath.core.ShardKey;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.store.testing.TestDatabases;
import io.flightpath.postflight.routing.Shard;
import io.flightpath.postflight.routing.ShardRouter;
import io.flightpath.postflight.routing.WriteSession;
import java.util.Collection;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store follows its router: rows land on, and are read from, the shard the router names, and no other. */
@ExtendWith(SharedCluster.class)
class ShardRoutingIT {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    static PostflightShards shards;
    static Shard low;
    static Shard high;

    @BeforeAll
    static void open() {
        Map<String, DatabaseConfig> configs = new LinkedHashMap<>();
        configs.put("shard0", TestDatabases.fresh("shard0", "pfroute"));
        configs.put("shard1", TestDatabases.fresh("shard1", "pfroute"));
        shards = PostflightShards.open(configs);
        low = shards.shard("shard0");
        high = shards.shard("shard1");
    }

    @AfterAll
    static void close() {
        shards.close();
    }

    @Test
    void eachAccountsRowsLandOnlyOnTheShardItsKeyRoutesTo() {
        MariaDbPostflightStore store = new MariaDbPostflightStore(new ByKeyHalf());
        AccountSid lowAccount = accountInHalf(false);
        AccountSid highAccount = accountInHalf(true);
        Call lowCall = call(lowAccount, T0).build();
        Call highCall = call(highAccount, T0).build();
        Message lowMessage = message(lowAccount, T0).build();
        Message highMessage = message(highAccount, T0).build();

        store.insertCalls(List.of(lowCall, highCall));
        store.insertMessages(List.of(highMessage, lowMessage));

        assertThat(rows(low, "calls", lowCall.sid().value())).isEqualTo(1);
        assertThat(rows(high, "calls", lowCall.sid().value())).isZero();
        assertThat(rows(high, "calls", highCall.sid().value())).isEqualTo(1);
        assertThat(rows(low, "calls", highCall.sid().value())).isZero();
        assertThat(rows(low, "messages", lowMessage.sid().value())).isEqualTo(1);
        assertThat(rows(high, "messages", highMessage.sid().value())).isEqualTo(1);
        assertThat(rows(low, "messages", highMessage.sid().value())).isZero();
        assertThat(store.call(lowAccount, lowCall.sid())).contains(lowCall);
        assertThat(store.call(highAccount, highCall.sid())).contains(highCall);
        assertThat(store.message(highAccount, highMessage.sid())).contains(highMessage);
    }

    @Test
    void readsUseTheReadShardAndWritesTheWriteShardWhenTheyDiffer() {
        // reads of the account already moved to shard1, writes not yet: step 3 of a split
        MariaDbPostflightStore store = new MariaDbPostflightStore(new Fixed(high, low));
        AccountSid account = AccountSid.random();
        Call call = call(account, T0).build();

        store.insertCalls(List.of(call));
        Call priced = store.priceCall(account, call.sid(), new BigDecimal("-0.01700"), "USD", T0.plusSeconds(600));

        assertThat(rows(low, "calls", call.sid().value())).isEqualTo(1);
        assertThat(rows(high, "calls", call.sid().value())).isZero();
        assertThat(priced.price()).isEqualByComparingTo("-0.017");
        assertThat(store.call(account, call.sid())).isEmpty();
        assertThat(store.calls(CallQuery.all(account), PageRequest.first(10)).items()).isEmpty();
        assertThat(store.deleteCall(account, call.sid())).isTrue();
        assertThat(rows(low, "calls", call.sid().value())).isZero();
    }

    private static long rows(Shard shard, String table, String sid) {
        return shard.database().read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE sid = ?")) {
                ps.setString(1, sid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static AccountSid accountInHalf(boolean upper) {
        while (true) {
            AccountSid candidate = AccountSid.random();
            if (ByKeyHalf.isUpper(candidate) == upper) {
                return candidate;
            }
        }
    }

    /** Keys below 2^63 (unsigned) to shard0, the rest to shard1, for reads and writes alike. */
    private static final class ByKeyHalf implements ShardRouter {
        static boolean isUpper(AccountSid account) {
            return ShardKey.of(account) < 0;
        }

        @Override
        public Shard forRead(AccountSid account) {
            return isUpper(account) ? high : low;
        }

        @Override
        public WriteSession openWrite(Collection<AccountSid> accounts) {
            return WriteSession.of(this::forRead);
        }

        @Override
        public List<Shard> shards() {
            return List.of(low, high);
        }
    }

    /** Every account read from one shard and written to another. */
    private record Fixed(Shard read, Shard write) implements ShardRouter {
        @Override
        public Shard forRead(AccountSid account) {
            return read;
        }

        @Override
        public WriteSession openWrite(Collection<AccountSid> accounts) {
            return WriteSession.of(account -> write);
        }

        @Override
        public List<Shard> shards() {
            return List.of(read, write);
        }
    }
}

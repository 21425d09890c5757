package io.flightpath.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.StatusEvent;
import io.flightpath.inflight.api.InflightService;
import io.flightpath.postflight.api.PostflightService;
import io.flightpath.core.UsageDay;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The read order, deterministically: a record is handed off (inserted into post-flight, then
 * removed from in-flight) right after the aggregator's first read of either side. Reading
 * in-flight first still sees it; the other order would miss it.
 */
class AggregatorHandoffTest {
    static final AccountSid ACCOUNT = AccountSid.random();
    static final Instant T = Instant.parse("2025-06-01T00:00:00Z");

    final List<Call> flying = new ArrayList<>();
    final List<Call> landed = new ArrayList<>();
    Call moving;
    int reads;

    /** Hands {@code moving} off the moment the first side has been read. */
    void afterRead() {
        if (++reads == 1 && moving != null) {
            Call done = moving.withStatus(CallStatus.COMPLETED, T.plusSeconds(60));
            landed.add(done);
            flying.removeIf(c -> c.sid().equals(done.sid()));
        }
    }

    @Test
    void aRecordHandedOffBetweenTheTwoReadsIsListed() {
        Call stays = call(1);
        moving = call(2);
        flying.add(stays);
        flying.add(moving);

        Page<Call> page = new Aggregator(new Flying(), new Landed()).calls(CallQuery.all(ACCOUNT), PageRequest.first(50));

        assertThat(page.items()).extracting(Call::sid).containsExactlyInAnyOrder(stays.sid(), moving.sid());
        assertThat(page.items()).filteredOn(c -> c.sid().equals(moving.sid())).extracting(Call::status).containsExactly(CallStatus.COMPLETED);
    }

    @Test
    void aRecordHandedOffBetweenTheTwoReadsIsFetched() {
        moving = call(3);
        flying.add(moving);

        Optional<Call> found = new Aggregator(new Flying(), new Landed()).call(ACCOUNT, moving.sid());

        assertThat(found).hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(CallStatus.COMPLETED));
    }

    static Call call(int second) {
        return new Call(CallSid.random(), ACCOUNT, null, "+1", "+2", null, null, null, CallStatus.IN_PROGRESS,
                Direction.OUTBOUND_API, null, null, null, T, null, null, null, "USD", null, null, null,
                T.plusSeconds(second), T.plusSeconds(second));
    }

    private Page<Call> page(List<Call> calls, CallQuery query) {
        List<Call> matching = calls.stream().filter(query::matches)
                .sorted((a, b) -> b.dateCreated().compareTo(a.dateCreated())).toList();
        afterRead();
        return new Page<>(matching, null);
    }

    private Optional<Call> find(List<Call> calls, CallSid sid) {
        Optional<Call> found = calls.stream().filter(c -> c.sid().equals(sid)).findFirst();
        afterRead();
        return found;
    }

    final class Flying implements InflightService {
        @Override
        public Page<Call> calls(CallQuery query, PageRequest page) {
            return page(flying, query);
        }

        @Override
        public Optional<Call> call(AccountSid account, CallSid sid) {
            return find(flying, sid);
        }

        @Override
        public void handOffCall(AccountSid account, CallSid sid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Call createCall(NewCall call) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Message createMessage(NewMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void apply(List<StatusEvent> events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void handOffMessage(AccountSid account, MessageSid sid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Message> message(AccountSid account, MessageSid sid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Message> messages(MessageQuery query, PageRequest page) {
            throw new UnsupportedOperationException();
        }
    }

    final class Landed implements PostflightService {
        @Override
        public Page<Call> calls(CallQuery query, PageRequest page) {
            return page(landed, query);
        }

        @Override
        public Optional<Call> call(AccountSid account, CallSid sid) {
            return find(landed, sid);
        }

        @Override
        public void insertCalls(List<Call> calls) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void insertMessages(List<Message> messages) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Message> message(AccountSid account, MessageSid sid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Message> messages(MessageQuery query, PageRequest page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Call priceCall(AccountSid account, CallSid sid, BigDecimal price, String priceUnit, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Message priceMessage(AccountSid account, MessageSid sid, BigDecimal price, String priceUnit, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Message redactMessage(AccountSid account, MessageSid sid, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean deleteCall(AccountSid account, CallSid sid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean deleteMessage(AccountSid account, MessageSid sid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<UsageDay> usage(AccountSid account, Instant from, Instant to) {
            throw new UnsupportedOperationException();
        }
    }
}

package io.flightpath.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * The read order, deterministically: a call is handed off (inserted into post-flight, then removed
 * from in-flight) right after the aggregator's first read. Reading in-flight first still sees it;
 * the same aggregator handed the two stores the other way round reads post-flight first and misses it.
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

    /** The production order: in-flight first, then post-flight. */
    Aggregator inflightFirst() {
        return new Aggregator(new Side(flying), new Side(landed));
    }

    /**
     * The swapped order through the same code: each store behind the other's interface, so the first
     * read is post-flight's. Which copy wins when a SID is seen twice swaps too; what is missed does not.
     */
    Aggregator postflightFirst() {
        return new Aggregator(new Side(landed), new Side(flying));
    }

    @Test
    void aRecordHandedOffBetweenTheTwoReadsIsListed() {
        Call stays = startTwoCallsOneOfThemMoving();

        Page<Call> page = inflightFirst().calls(CallQuery.all(ACCOUNT), PageRequest.first(50));

        assertListsBoth(page, stays);
        assertThat(page.items()).filteredOn(c -> c.sid().equals(moving.sid())).extracting(Call::status).containsExactly(CallStatus.COMPLETED);
    }

    @Test
    void readingPostflightFirstMissesARecordHandedOffBetweenTheTwoReads() {
        Call stays = startTwoCallsOneOfThemMoving();

        Page<Call> page = postflightFirst().calls(CallQuery.all(ACCOUNT), PageRequest.first(50));

        assertThatThrownBy(() -> assertListsBoth(page, stays)).isInstanceOf(AssertionError.class);
        assertThat(page.items()).extracting(Call::sid).containsExactly(stays.sid());
    }

    @Test
    void aRecordHandedOffBetweenTheTwoReadsIsFetched() {
        moving = call(3);
        flying.add(moving);

        Optional<Call> found = inflightFirst().call(ACCOUNT, moving.sid());

        assertThat(found).hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(CallStatus.COMPLETED));
    }

    @Test
    void readingPostflightFirstFetchesNothingForARecordHandedOffBetweenTheTwoReads() {
        moving = call(3);
        flying.add(moving);

        assertThat(postflightFirst().call(ACCOUNT, moving.sid())).isEmpty();
    }

    /** Two calls in flight; {@code moving} is the one handed off after the first read. */
    private Call startTwoCallsOneOfThemMoving() {
        Call stays = call(1);
        moving = call(2);
        flying.add(stays);
        flying.add(moving);
        return stays;
    }

    /** The "never missing" assertion: both calls listed, each once. */
    private void assertListsBoth(Page<Call> page, Call stays) {
        assertThat(page.items()).extracting(Call::sid).containsExactlyInAnyOrder(stays.sid(), moving.sid());
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

    /** One store's calls, behind either service interface; every read counts for {@link #afterRead}. */
    final class Side implements InflightService, PostflightService {
        private final List<Call> calls;

        Side(List<Call> calls) {
            this.calls = calls;
        }

        @Override
        public Page<Call> calls(CallQuery query, PageRequest page) {
            return page(calls, query);
        }

        @Override
        public Optional<Call> call(AccountSid account, CallSid sid) {
            return find(calls, sid);
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

        @Override
        public void insertCalls(List<Call> batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void insertMessages(List<Message> batch) {
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

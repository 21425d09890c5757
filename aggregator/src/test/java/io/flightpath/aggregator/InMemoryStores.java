package io.flightpath.aggregator;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageSid;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.core.StatusEvent;
import io.flightpath.inflight.api.InflightService;
import io.flightpath.postflight.api.PostflightService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Both stores in memory, for the public API's rules. A finished record stays in flight until the
 * in-flight service is asked to hand it off, so every test sits in the moment between a record's
 * final status and its handoff unless it hands the record off itself. Not thread-safe.
 */
final class InMemoryStores {
    static final Instant T = Instant.parse("2025-06-01T00:00:00Z");
    static final AccountSid ACCOUNT = AccountSid.random();

    final Held<CallSid, Call> flyingCalls = new Held<>(Call::sid, Call::accountSid);
    final Held<MessageSid, Message> flyingMessages = new Held<>(Message::sid, Message::accountSid);
    final Held<CallSid, Call> landedCalls = new Held<>(Call::sid, Call::accountSid);
    final Held<MessageSid, Message> landedMessages = new Held<>(Message::sid, Message::accountSid);
    /** Status events the in-flight service applied. */
    int applied;

    final InflightService inflight = PartialFake.of(InflightService.class, new Flying());
    final PostflightService postflight = PartialFake.of(PostflightService.class, new Landed());
    final Aggregator aggregator = new Aggregator(inflight, postflight);
    final Clock clock = Clock.fixed(T, ZoneOffset.UTC);
    final Calls calls = new Calls(aggregator, inflight, postflight, clock);
    final Messages messages = new Messages(aggregator, inflight, postflight, clock);

    /** A new call of {@link #ACCOUNT} moved through {@code statuses}, still in flight. */
    Call call(CallStatus... statuses) {
        Call call = calls.create(new NewCall(ACCOUNT, "+14155550100", "+14155550199", Direction.OUTBOUND_API, null));
        for (CallStatus s : statuses) {
            inflight.apply(List.of(StatusEvent.of(call.sid(), s, T)));
        }
        return flyingCalls.get(call.sid());
    }

    /** A new message of {@link #ACCOUNT} moved through {@code statuses}, still in flight. */
    Message message(MessageStatus... statuses) {
        Message message = messages.create(new NewMessage(ACCOUNT, "+14155550100", "+14155550199", "code 123456", 0, null, Direction.OUTBOUND_API));
        for (MessageStatus s : statuses) {
            inflight.apply(List.of(StatusEvent.of(message.sid(), s, T)));
        }
        return flyingMessages.get(message.sid());
    }

    /** One store's records of one kind. */
    static final class Held<S, R> {
        private final Map<S, R> records = new HashMap<>();
        private final Function<R, S> sid;
        private final Function<R, AccountSid> account;

        Held(Function<R, S> sid, Function<R, AccountSid> account) {
            this.sid = sid;
            this.account = account;
        }

        R get(S key) {
            return records.get(key);
        }

        void put(R record) {
            records.put(sid.apply(record), record);
        }

        Optional<R> find(AccountSid owner, S key) {
            return Optional.ofNullable(records.get(key)).filter(r -> account.apply(r).equals(owner));
        }

        Optional<R> remove(AccountSid owner, S key) {
            return find(owner, key).map(r -> records.remove(key));
        }

        R existing(S key) {
            R record = records.get(key);
            if (record == null) {
                throw FlightpathException.notFound("no record %s here", key);
            }
            return record;
        }
    }

    /** What the public API uses of the in-flight service. */
    final class Flying {
        Call createCall(NewCall call) {
            Call created = new Call(CallSid.random(), call.account(), null, call.to(), call.from(), null, null, null,
                    CallStatus.QUEUED, call.direction(), null, null, null, null, null, null, null, null, null, null, null, T, T);
            flyingCalls.put(created);
            return created;
        }

        Message createMessage(NewMessage message) {
            Message created = new Message(MessageSid.random(), message.account(), message.to(), message.from(), message.body(),
                    message.segments(), message.numMedia(), MessageStatus.QUEUED, message.direction(), null, null, null, null,
                    null, T, T, null);
            flyingMessages.put(created);
            return created;
        }

        /** Moves follow the records' own rules; a finished record stays until handed off. */
        void apply(List<StatusEvent> events) {
            for (StatusEvent e : events) {
                applied++;
                if (e.isCall()) {
                    flyingCalls.put(flyingCalls.existing(e.callSid()).withStatus(e.callStatus(), e.at()));
                } else {
                    flyingMessages.put(flyingMessages.existing(e.messageSid()).withStatus(e.messageStatus(), e.at()));
                }
            }
        }

        Optional<Call> call(AccountSid account, CallSid sid) {
            return flyingCalls.find(account, sid);
        }

        Optional<Message> message(AccountSid account, MessageSid sid) {
            return flyingMessages.find(account, sid);
        }

        void handOffCall(AccountSid account, CallSid sid) {
            flyingCalls.find(account, sid).map(c -> finished(c.status().isPostFlight(), c)).ifPresent(c -> {
                landedCalls.put(c);
                flyingCalls.remove(account, sid);
            });
        }

        void handOffMessage(AccountSid account, MessageSid sid) {
            flyingMessages.find(account, sid).map(m -> finished(m.status().isPostFlight(), m)).ifPresent(m -> {
                landedMessages.put(m);
                flyingMessages.remove(account, sid);
            });
        }

        private static <R> R finished(boolean finished, R record) {
            if (!finished) {
                throw FlightpathException.failedPrecondition("%s is not finished yet", record);
            }
            return record;
        }
    }

    /** What the public API uses of the post-flight service. */
    final class Landed {
        Optional<Call> call(AccountSid account, CallSid sid) {
            return landedCalls.find(account, sid);
        }

        Optional<Message> message(AccountSid account, MessageSid sid) {
            return landedMessages.find(account, sid);
        }

        boolean deleteCall(AccountSid account, CallSid sid) {
            return landedCalls.remove(account, sid).isPresent();
        }

        Message redactMessage(AccountSid account, MessageSid sid, Instant at) {
            Message redacted = landedMessages.find(account, sid)
                    .orElseThrow(() -> FlightpathException.notFound("no message %s", sid)).redacted();
            landedMessages.put(redacted);
            return redacted;
        }

        boolean deleteMessage(AccountSid account, MessageSid sid) {
            return landedMessages.remove(account, sid).isPresent();
        }
    }
}

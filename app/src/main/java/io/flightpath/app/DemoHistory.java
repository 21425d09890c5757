package io.flightpath.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightpath.aggregator.twilio.TwilioJson;
import io.flightpath.control.api.AccountCredentials;
import io.flightpath.control.api.AccountService;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageSid;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.core.RecordStatus;
import io.flightpath.core.StatusEvent;
import io.flightpath.http.Json;
import io.flightpath.inflight.api.InflightService;
import io.flightpath.legacy.LegacyRecords;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The demo's history: accounts with calls and messages in every status the legacy path can hold,
 * written into the legacy tables before the rollout (finished records as one import, records in
 * flight through the legacy code path), the in-flight ones finished by their last events once new
 * records live elsewhere, and at the end every one of them read back through the public API and
 * compared with what was written, field by field, as the API renders it.
 */
final class DemoHistory {
    /** Of every 100 records, this many are left in flight when the rollout starts. */
    static final int IN_FLIGHT_PER_HUNDRED = 2;
    private static final Instant HISTORY = Instant.parse("2025-06-01T00:00:00Z");
    private static final List<CallStatus> CALLS_FINISHED = List.of(CallStatus.COMPLETED, CallStatus.BUSY, CallStatus.FAILED,
            CallStatus.NO_ANSWER, CallStatus.CANCELED);
    private static final List<CallStatus> CALLS_IN_FLIGHT = List.of(CallStatus.QUEUED, CallStatus.RINGING, CallStatus.IN_PROGRESS);
    private static final List<MessageStatus> MESSAGES_FINISHED = List.of(MessageStatus.DELIVERED, MessageStatus.UNDELIVERED,
            MessageStatus.FAILED, MessageStatus.READ, MessageStatus.CANCELED, MessageStatus.RECEIVED);
    private static final List<MessageStatus> MESSAGES_IN_FLIGHT = List.of(MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.SENT,
            MessageStatus.ACCEPTED, MessageStatus.SCHEDULED);

    private final Map<String, AccountCredentials> accounts = new HashMap<>();
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final Map<String, Message> messages = new ConcurrentHashMap<>();
    private final List<Call> flyingCalls = new ArrayList<>();
    private final List<Message> flyingMessages = new ArrayList<>();

    /** What the read-back found. */
    record Check(long records, long checked, long missing, long differing, List<String> examples) {
        boolean intact() {
            return checked == records && missing == 0 && differing == 0;
        }
    }

    /** The seeded records: finished ones from the start, the in-flight ones once they finished. */
    long size() {
        return calls.size() + messages.size();
    }

    /** Every seeded record, those still in flight included. */
    long seeded() {
        return size() + inFlightLeft();
    }

    private long inFlightLeft() {
        return flyingCalls.stream().filter(c -> !calls.containsKey(c.sid().value())).count()
                + flyingMessages.stream().filter(m -> !messages.containsKey(m.sid().value())).count();
    }

    Set<String> statuses() {
        Set<String> all = new java.util.TreeSet<>();
        calls.values().forEach(c -> all.add("call " + c.status().wire()));
        messages.values().forEach(m -> all.add("message " + m.status().wire()));
        flyingCalls.forEach(c -> all.add("call " + c.status().wire()));
        flyingMessages.forEach(m -> all.add("message " + m.status().wire()));
        return all;
    }

    int inFlight() {
        return flyingCalls.size() + flyingMessages.size();
    }

    /** Creates {@code accountCount} accounts and {@code records} records over them, half calls and half messages. */
    void seed(AccountService control, LegacyRecords legacy, int accountCount, int records, PrintStream out) {
        for (int i = 0; i < accountCount; i++) {
            AccountCredentials a = control.create("demo history " + i);
            accounts.put(a.accountSid().value(), a);
        }
        List<AccountSid> sids = accounts.keySet().stream().sorted().map(AccountSid::parse).toList();
        List<Call> callBatch = new ArrayList<>();
        List<Message> messageBatch = new ArrayList<>();
        for (int n = 0; n < records; n++) {
            AccountSid account = sids.get(n % sids.size());
            Instant at = HISTORY.plusSeconds(n * 7L);
            boolean flying = n % 100 < IN_FLIGHT_PER_HUNDRED;
            if (n % 2 == 0) {
                if (flying) {
                    flyingCalls.add(flyingCall(legacy, account, CALLS_IN_FLIGHT.get((n / 2) % CALLS_IN_FLIGHT.size())));
                } else {
                    callBatch.add(finishedCall(account, CALLS_FINISHED.get((n / 2) % CALLS_FINISHED.size()), at));
                }
            } else if (flying) {
                flyingMessages.add(flyingMessage(legacy, account, MESSAGES_IN_FLIGHT.get((n / 2) % MESSAGES_IN_FLIGHT.size())));
            } else {
                messageBatch.add(finishedMessage(account, MESSAGES_FINISHED.get((n / 2) % MESSAGES_FINISHED.size()), at, n));
            }
            if (callBatch.size() + messageBatch.size() >= 2000 || n == records - 1) {
                legacy.insertCalls(callBatch);
                legacy.insertMessages(messageBatch);
                callBatch.forEach(c -> calls.put(c.sid().value(), c));
                messageBatch.forEach(m -> messages.put(m.sid().value(), m));
                callBatch.clear();
                messageBatch.clear();
                out.printf("\r  seeded %,d of %,d records over %,d accounts", seeded(), records, accounts.size());
            }
        }
        out.println();
    }

    private static Call finishedCall(AccountSid account, CallStatus status, Instant at) {
        Call call = new NewCall(account, "+14155550100", "+14155550199", Direction.OUTBOUND_API, null).create(at);
        int step = 0;
        for (CallStatus s : path(CallStatus.QUEUED, status, CallStatus.values(), CallStatus::canMoveTo)) {
            call = call.withStatus(s, at.plusSeconds(++step * 20L));
        }
        return status == CallStatus.COMPLETED ? call.withPrice(new BigDecimal("-0.01700"), "USD") : call;
    }

    private static Message finishedMessage(AccountSid account, MessageStatus status, Instant at, int n) {
        if (status == MessageStatus.RECEIVED) { // an inbound message: it never passed through the outbound statuses
            return new Message(MessageSid.random(), account, "+14155550199", "+14155550100", "reply " + n, 1, 0, MessageStatus.RECEIVED,
                    Direction.INBOUND, null, null, null, new BigDecimal("-0.00790"), "USD", at, at, at);
        }
        Message message = new NewMessage(account, "+14155550100", "+14155550199", "history " + n, 0, null, Direction.OUTBOUND_API).create(at);
        int step = 0;
        for (MessageStatus s : path(MessageStatus.QUEUED, status, MessageStatus.values(), MessageStatus::canMoveTo)) {
            message = message.withStatus(s, at.plusSeconds(++step * 3L));
        }
        return status == MessageStatus.DELIVERED ? message.withPrice(new BigDecimal("-0.00790"), "USD") : message;
    }

    private static Call flyingCall(LegacyRecords legacy, AccountSid account, CallStatus status) {
        Call call = legacy.createCall(new NewCall(account, "+14155550100", "+14155550199", Direction.OUTBOUND_API, null));
        return moveTo(legacy, call, path(CallStatus.QUEUED, status, CallStatus.values(), CallStatus::canMoveTo),
                s -> StatusEvent.of(call.sid(), s, Instant.now()), Call::after);
    }

    private static Message flyingMessage(LegacyRecords legacy, AccountSid account, MessageStatus status) {
        boolean service = status == MessageStatus.ACCEPTED || status == MessageStatus.SCHEDULED;
        Message message = legacy.createMessage(new NewMessage(account, "+14155550100", "+14155550199", "in flight", 0,
                service ? "MG" + "0".repeat(32) : null, Direction.OUTBOUND_API));
        return moveTo(legacy, message, path(message.status(), status, MessageStatus.values(), MessageStatus::canMoveTo),
                s -> StatusEvent.of(message.sid(), s, Instant.now()), Message::after);
    }

    private static <R, S> R moveTo(LegacyRecords legacy, R record, List<S> path, Function<S, StatusEvent> event,
                                   java.util.function.BiFunction<R, StatusEvent, R> after) {
        R now = record;
        for (S s : path) {
            StatusEvent e = event.apply(s);
            legacy.apply(List.of(e));
            now = after.apply(now, e);
        }
        return now;
    }

    /** The shortest walk of status moves from {@code from} to {@code to} (empty when they are the same). */
    static <S extends Enum<S> & RecordStatus> List<S> path(S from, S to, S[] all, java.util.function.BiPredicate<S, S> moves) {
        Map<S, S> previous = new EnumMap<>(from.getDeclaringClass());
        Deque<S> queue = new ArrayDeque<>(List.of(from));
        previous.put(from, from);
        while (!queue.isEmpty()) {
            S s = queue.poll();
            for (S next : all) {
                if (!previous.containsKey(next) && moves.test(s, next)) {
                    previous.put(next, s);
                    queue.add(next);
                }
            }
        }
        if (!previous.containsKey(to)) {
            throw FlightpathException.invalid("no status moves lead from %s to %s", from.wire(), to.wire());
        }
        List<S> walk = new ArrayList<>();
        for (S s = to; s != from; s = previous.get(s)) {
            walk.add(s);
        }
        Collections.reverse(walk);
        return walk;
    }

    /** Sends each record left in flight its last event, through the events endpoint as the platform would. */
    void finishInFlight(InflightService events) {
        List<StatusEvent> batch = new ArrayList<>();
        for (Call c : flyingCalls) {
            StatusEvent e = StatusEvent.of(c.sid(), c.status() == CallStatus.IN_PROGRESS ? CallStatus.COMPLETED : CallStatus.NO_ANSWER,
                    Instant.now());
            batch.add(e);
            calls.put(c.sid().value(), c.after(e));
        }
        for (Message m : flyingMessages) {
            StatusEvent e = StatusEvent.of(m.sid(), m.status() == MessageStatus.SENT ? MessageStatus.DELIVERED
                    : m.status() == MessageStatus.SENDING ? MessageStatus.UNDELIVERED : MessageStatus.CANCELED, Instant.now());
            batch.add(e);
            messages.put(m.sid().value(), m.after(e));
        }
        for (int i = 0; i < batch.size(); i += 200) {
            events.apply(batch.subList(i, Math.min(batch.size(), i + 200)));
        }
    }

    /** Reads every account's calls and messages through the public API and compares each seeded record with what the API renders. */
    Check check(URI api) throws Exception {
        AtomicLong checked = new AtomicLong();
        AtomicLong differing = new AtomicLong();
        List<String> examples = Collections.synchronizedList(new ArrayList<>());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
             ExecutorService pool = Executors.newFixedThreadPool(8, Thread.ofVirtual().factory())) {
            List<Future<?>> work = new ArrayList<>();
            for (AccountCredentials a : accounts.values()) {
                work.add(pool.submit(() -> {
                    compare(http, api, a, "Calls.json", "calls", calls, c -> TwilioJson.call((Call) c), checked, differing, examples, seen);
                    compare(http, api, a, "Messages.json", "messages", messages, m -> TwilioJson.message((Message) m), checked, differing,
                            examples, seen);
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        }
        long missing = size() - seen.size();
        return new Check(size(), checked.get(), missing, differing.get(), examples.subList(0, Math.min(5, examples.size())));
    }

    private void compare(HttpClient http, URI api, AccountCredentials account, String resource, String key, Map<String, ?> expected,
                         Function<Object, Map<String, Object>> render, AtomicLong checked, AtomicLong differing, List<String> examples,
                         Set<String> seen) throws IOException, InterruptedException {
        String auth = "Basic " + Base64.getEncoder().encodeToString((account.accountSid().value() + ":" + account.authToken())
                .getBytes(StandardCharsets.UTF_8));
        String next = "/2010-04-01/Accounts/" + account.accountSid().value() + "/" + resource + "?PageSize=1000";
        while (next != null) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(api.resolve(next)).header("Authorization", auth)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw FlightpathException.unavailable("reading %s of %s: HTTP %d %s", resource, account.accountSid(), answer.statusCode(), answer.body());
            }
            JsonNode page = Json.mapper().readTree(answer.body());
            for (JsonNode record : page.get(key)) {
                String sid = record.get("sid").asText();
                Object wrote = expected.get(sid);
                if (wrote == null) {
                    continue; // a record the load created
                }
                seen.add(sid);
                checked.incrementAndGet();
                JsonNode want = Json.mapper().readTree(Json.mapper().writeValueAsString(render.apply(wrote)));
                if (!want.equals(record)) {
                    differing.incrementAndGet();
                    if (examples.size() < 5) {
                        examples.add(sid + ": wrote " + want + ", read " + record);
                    }
                }
            }
            JsonNode more = page.get("next_page_uri");
            next = more == null || more.isNull() ? null : more.asText();
        }
    }
}

package io.flightpath.inflight.http;

import com.fasterxml.jackson.core.type.TypeReference;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.StatusEvent;
import io.flightpath.http.ListingParams;
import io.flightpath.http.PageBody;
import io.flightpath.http.ServiceClient;
import io.flightpath.inflight.api.InflightService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The in-flight service over HTTP, with the same contract and error codes as the local store. Thread-safe. */
public final class InflightHttpClient implements InflightService {
    private static final TypeReference<PageBody<Call>> CALL_PAGE = new TypeReference<>() { };
    private static final TypeReference<PageBody<Message>> MESSAGE_PAGE = new TypeReference<>() { };

    private final ServiceClient client;

    public InflightHttpClient(ServiceClient client) {
        this.client = client;
    }

    @Override
    public Call createCall(NewCall call) {
        return client.post("/v1/calls", call, Call.class);
    }

    @Override
    public Message createMessage(NewMessage message) {
        return client.post("/v1/messages", message, Message.class);
    }

    @Override
    public void apply(List<StatusEvent> events) {
        client.post("/v1/events", events, Void.class);
    }

    @Override
    public Optional<Call> call(AccountSid account, CallSid sid) {
        return unlessNotFound(() -> client.get(accountPath(account) + "/calls/" + sid.value(), Map.of(), Call.class));
    }

    @Override
    public Optional<Message> message(AccountSid account, MessageSid sid) {
        return unlessNotFound(() -> client.get(accountPath(account) + "/messages/" + sid.value(), Map.of(), Message.class));
    }

    @Override
    public void handOffCall(AccountSid account, CallSid sid) {
        client.post(accountPath(account) + "/calls/" + sid.value() + "/handoff", null, Void.class);
    }

    @Override
    public void handOffMessage(AccountSid account, MessageSid sid) {
        client.post(accountPath(account) + "/messages/" + sid.value() + "/handoff", null, Void.class);
    }

    @Override
    public Page<Call> calls(CallQuery query, PageRequest page) {
        return client.get(accountPath(query.account()) + "/calls", ListingParams.of(query, page), CALL_PAGE).toPage();
    }

    @Override
    public Page<Message> messages(MessageQuery query, PageRequest page) {
        return client.get(accountPath(query.account()) + "/messages", ListingParams.of(query, page), MESSAGE_PAGE).toPage();
    }

    private static String accountPath(AccountSid account) {
        return "/v1/accounts/" + account.value();
    }

    private static <T> Optional<T> unlessNotFound(Supplier<T> get) {
        try {
            return Optional.of(get.get());
        } catch (FlightpathException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}

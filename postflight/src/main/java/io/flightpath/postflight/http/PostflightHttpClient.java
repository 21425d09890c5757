package io.flightpath.postflight.http;

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
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.http.ListingParams;
import io.flightpath.http.PageBody;
import io.flightpath.http.ServiceClient;
import io.flightpath.postflight.api.PostflightService;
import io.flightpath.postflight.api.ShardInventory;
import io.flightpath.postflight.api.ShardStats;
import io.flightpath.core.UsageDay;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The post-flight service over HTTP, with the same contract as the local one: errors arrive as
 * {@link FlightpathException} with the server's code. Thread-safe.
 */
public final class PostflightHttpClient implements PostflightService, ShardInventory {
    private static final TypeReference<PageBody<Call>> CALL_PAGE = new TypeReference<>() { };
    private static final TypeReference<PageBody<Message>> MESSAGE_PAGE = new TypeReference<>() { };
    private static final TypeReference<List<UsageDay>> USAGE = new TypeReference<>() { };
    private static final TypeReference<List<ShardStats>> SHARDS = new TypeReference<>() { };

    private final ServiceClient client;

    public PostflightHttpClient(ServiceClient client) {
        this.client = client;
    }

    /** {@inheritDoc} Empty when the service routes to no shards (the legacy shape before the shard router). */
    @Override
    public List<ShardStats> shardStats() {
        return unlessNotFound(() -> client.get("/v1/shards", Map.of(), SHARDS), List.of());
    }

    @Override
    public void insertCalls(List<Call> calls) {
        client.post(PostflightHttpServer.CALLS_BATCH, calls, Void.class);
    }

    @Override
    public void insertMessages(List<Message> messages) {
        client.post(PostflightHttpServer.MESSAGES_BATCH, messages, Void.class);
    }

    @Override
    public Optional<Call> call(AccountSid account, CallSid sid) {
        return unlessNotFound(() -> Optional.of(client.get(calls(account) + "/" + sid, Map.of(), Call.class)), Optional.empty());
    }

    @Override
    public Optional<Message> message(AccountSid account, MessageSid sid) {
        return unlessNotFound(() -> Optional.of(client.get(messages(account) + "/" + sid, Map.of(), Message.class)),
                Optional.empty());
    }

    @Override
    public Page<Call> calls(CallQuery query, PageRequest page) {
        return client.get(calls(query.account()), ListingParams.of(query, page), CALL_PAGE).toPage();
    }

    @Override
    public Page<Message> messages(MessageQuery query, PageRequest page) {
        return client.get(messages(query.account()), ListingParams.of(query, page), MESSAGE_PAGE).toPage();
    }

    @Override
    public Call priceCall(AccountSid account, CallSid sid, BigDecimal price, String priceUnit, Instant at) {
        return client.post(calls(account) + "/" + sid + "/price", new PriceBody(price, priceUnit, at), Call.class);
    }

    @Override
    public Message priceMessage(AccountSid account, MessageSid sid, BigDecimal price, String priceUnit, Instant at) {
        return client.post(messages(account) + "/" + sid + "/price", new PriceBody(price, priceUnit, at), Message.class);
    }

    @Override
    public Message redactMessage(AccountSid account, MessageSid sid, Instant at) {
        return client.post(messages(account) + "/" + sid + "/redact", new RedactBody(at), Message.class);
    }

    @Override
    public boolean deleteCall(AccountSid account, CallSid sid) {
        return unlessNotFound(() -> {
            client.delete(calls(account) + "/" + sid);
            return true;
        }, false);
    }

    @Override
    public boolean deleteMessage(AccountSid account, MessageSid sid) {
        return unlessNotFound(() -> {
            client.delete(messages(account) + "/" + sid);
            return true;
        }, false);
    }

    @Override
    public List<UsageDay> usage(AccountSid account, Instant from, Instant to) {
        return client.get("/v1/accounts/" + account + "/usage", ListingParams.usage(from, to), USAGE);
    }

    private static String calls(AccountSid account) {
        return "/v1/accounts/" + account + "/calls";
    }

    private static String messages(AccountSid account) {
        return "/v1/accounts/" + account + "/messages";
    }

    private static <T> T unlessNotFound(Supplier<T> request, T notFound) {
        try {
            return request.get();
        } catch (FlightpathException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return notFound;
            }
            throw e;
        }
    }
}

package io.flightpath.aggregator;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import java.util.Optional;

/**
 * Where the public API reads an account's records: the {@link Aggregator}'s merge of in-flight and
 * post-flight, or the legacy path's one table. Lists are newest first and keyset-paged. Thread-safe.
 */
public interface RecordReads {
    Optional<Call> call(AccountSid account, CallSid sid);

    Optional<Message> message(AccountSid account, MessageSid sid);

    Page<Call> calls(CallQuery query, PageRequest page);

    Page<Message> messages(MessageQuery query, PageRequest page);
}

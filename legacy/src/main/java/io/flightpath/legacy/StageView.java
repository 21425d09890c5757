package io.flightpath.legacy;

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

/** The reads a service in front of the legacy tables offers: the rows of its own stage only. */
abstract class StageView {
    final LegacyRecords records;
    private final Stage stage;

    StageView(LegacyRecords records, Stage stage) {
        this.records = records;
        this.stage = stage;
    }

    public Optional<Call> call(AccountSid account, CallSid sid) {
        return records.call(account, sid, stage);
    }

    public Optional<Message> message(AccountSid account, MessageSid sid) {
        return records.message(account, sid, stage);
    }

    public Page<Call> calls(CallQuery query, PageRequest page) {
        return records.calls(query, page, stage);
    }

    public Page<Message> messages(MessageQuery query, PageRequest page) {
        return records.messages(query, page, stage);
    }
}

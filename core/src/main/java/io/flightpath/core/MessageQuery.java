package io.flightpath.core;

/** Which of one account's messages a listing returns; null fields do not filter. */
public record MessageQuery(AccountSid account, String to, String from, TimeRange dateSent) {
    public MessageQuery {
        Fields.required(account, "message query account_sid");
        dateSent = dateSent == null ? TimeRange.ANY : dateSent;
    }

    public static MessageQuery all(AccountSid account) {
        return new MessageQuery(account, null, null, TimeRange.ANY);
    }

    /** Whether {@code message} passes every filter: the same rule the stores apply in SQL. */
    public boolean matches(Message message) {
        return message.accountSid().equals(account)
                && (to == null || to.equals(message.to()))
                && (from == null || from.equals(message.from()))
                && dateSent.contains(message.dateSent());
    }
}

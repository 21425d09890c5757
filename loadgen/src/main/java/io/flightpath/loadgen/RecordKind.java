package io.flightpath.loadgen;

/** Calls or messages: where each lives in the public API and which operation creates one. */
enum RecordKind {
    CALL("Calls", "calls", Operation.CREATE_CALL),
    MESSAGE("Messages", "messages", Operation.CREATE_MESSAGE);

    /** The resource's path segment: {@code .../Calls.json}, {@code .../Calls/{sid}.json}. */
    final String resource;
    /** The key of the records array in a list page. */
    final String listKey;
    final Operation create;

    RecordKind(String resource, String listKey, Operation create) {
        this.resource = resource;
        this.listKey = listKey;
        this.create = create;
    }
}

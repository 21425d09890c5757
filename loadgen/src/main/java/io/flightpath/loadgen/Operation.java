package io.flightpath.loadgen;

/** The kinds of request a run makes; each gets its own counts and latencies in the report. */
enum Operation {
    CREATE_ACCOUNT("create_account", false),
    CREATE_CALL("create_call", false),
    CREATE_MESSAGE("create_message", false),
    EVENT("event", false),
    FETCH("fetch", false),
    LIST("list", false),
    // The verifier polls until a record shows up: a 404 is what "lost" counts, once per record,
    // not a failed request on every poll.
    VERIFY("verify", true);

    /** The key in the report's "operations" object. */
    final String key;
    final boolean notFoundIsAnAnswer;

    Operation(String key, boolean notFoundIsAnAnswer) {
        this.key = key;
        this.notFoundIsAnAnswer = notFoundIsAnAnswer;
    }

    /** Whether this final answer counts as a successful request. */
    boolean succeeded(Response response) {
        return response.ok() || notFoundIsAnAnswer && response.status() == 404;
    }
}

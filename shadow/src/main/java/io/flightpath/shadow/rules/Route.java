package io.flightpath.shadow.rules;

/** A request's endpoint (method and path template, the unit of the report) and the rules it is compared by. */
public record Route(String method, String template, EndpointRules rules) {

    /** The endpoint's name in reports and metrics, such as {@code GET /2010-04-01/Accounts/{sid}/Calls.json}. */
    public String endpoint() {
        return method + " " + template;
    }
}

package io.flightpath.shadow.proxy;

import io.flightpath.shadow.rules.Route;

/** What the proxy tells the report. Called from request and mirror threads at once: implementations are thread-safe and quick. */
public interface ShadowListener {

    /** A client request arrived for the route. */
    void requested(Route route);

    /** A state-changing request went to the stable side only, as the rules ask. */
    void notMirrored(Route route);

    /** The mirror queue was full: the request was not shadowed. */
    void dropped(Route route);

    /** The stable side failed; the client got a 502. */
    void stableFailed(Route route, Failure failure);

    /** Every side has answered (or failed); {@code secondary} is null without a secondary side. */
    void completed(Route route, ProxiedRequest request, Exchange stable, Exchange experimental, Exchange secondary);
}

package io.flightpath.rollout;

import io.flightpath.shadow.report.EndpointView;
import java.net.URI;
import java.util.List;

/** Shadow's report as the rollout's gate reads it. */
public interface ShadowView {
    /** Where an operator opens the report. */
    URI link();

    /** Every endpoint Shadow saw, with its counts and its fields' verdicts. */
    List<EndpointView> endpoints();
}

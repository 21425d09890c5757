package io.flightpath.control.api;

import io.flightpath.flags.Flag;
import io.flightpath.flags.FlagSource;
import java.util.List;
import java.util.Optional;

/**
 * Account flags kept in the control store. Every change validates first (bad input is
 * INVALID_ARGUMENT naming the field, and changes nothing), then stores the new rule, appends its
 * audit row and bumps the flags version in one transaction. Nodes read snapshots and acknowledge
 * through {@link FlagSource}. Implementations are thread-safe.
 */
public interface FlagService extends FlagSource {

    List<Flag> list();

    Optional<Flag> find(String name);

    /** A new flag: on/off when {@code variants} is empty, else one of the named variants; {@code defaultValue} must be one. */
    Flag create(String name, String description, List<String> variants, String defaultValue, Attribution by);

    /** An explicit value for one account; it beats the rollout. */
    Flag set(String name, String account, String value, Attribution by);

    Flag unset(String name, String account, Attribution by);

    /** Rolls {@code value} out to {@code percent} of accounts (0 to 100, two decimals); {@code value} may be null, see {@link Flag#withRollout}. */
    Flag rollout(String name, double percent, String value, Attribution by);

    /** Forces the default for every account, whatever the rules say; rules cannot change until {@link #unkill}. */
    Flag kill(String name, Attribution by);

    Flag unkill(String name, Attribution by);

    /** Audit rows, newest first: of one flag, or of all when {@code name} is null. */
    List<FlagChange> history(String name, int limit);

    /** The current flags version: 0 before the first change. */
    long version();

    /** Every node's acknowledged flags version and lease. */
    FlagNodes nodes();
}

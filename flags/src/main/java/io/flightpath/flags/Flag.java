package io.flightpath.flags;

import io.flightpath.core.AccountSid;
import io.flightpath.core.FlightpathException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A flag and its rule: the default, explicit values per account, a percentage rollout and the kill
 * switch. Immutable; every change is a new value made by one of the {@code with…} methods, which
 * refuse bad input (naming the field) before anything is stored.
 */
public record Flag(String name, String description, FlagKind kind, List<String> variants, String defaultValue,
                   Map<String, String> accounts, Rollout rollout, boolean killed) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern VARIANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final List<String> ON_OFF = List.of("true", "false");
    private static final int MAX_VARIANTS = 16;
    /** Words the admin API uses beside flag names under /v1/flags/. */
    private static final Set<String> RESERVED = Set.of("history", "nodes", "snapshot", "version");

    public Flag {
        variants = List.copyOf(variants);
        // sorted for stable JSON and audit rows, hashed for the lookup on every evaluation
        accounts = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(accounts)));
    }

    /** A new flag without rules: on/off when {@code variants} is empty, else one of them. */
    public static Flag create(String name, String description, List<String> variants, String defaultValue) {
        checkName(name);
        if (description == null || description.isBlank() || description.length() > 255) {
            throw FlightpathException.invalid("description must be 1 to 255 characters");
        }
        boolean onOff = variants == null || variants.isEmpty();
        List<String> values = onOff ? ON_OFF : variants;
        if (!onOff) {
            checkVariants(values);
        }
        Flag flag = new Flag(name, description.strip(), onOff ? FlagKind.BOOLEAN : FlagKind.VARIANTS, values,
                defaultValue, Map.of(), null, false);
        flag.checkValue("default", defaultValue);
        return flag;
    }

    /** Throws INVALID_ARGUMENT unless {@code name} is a well-formed flag name. */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw FlightpathException.invalid("name must be 1 to 64 of a-z, 0-9, '.', '_', '-' starting with a letter or digit, was '%s'", name);
        }
        if (RESERVED.contains(name)) {
            throw FlightpathException.invalid("name cannot be one of %s, was '%s'", new java.util.TreeSet<>(RESERVED), name);
        }
    }

    private static void checkVariants(List<String> variants) {
        if (variants.size() < 2 || variants.size() > MAX_VARIANTS) {
            throw FlightpathException.invalid("variants must be 2 to %d names, were %d", MAX_VARIANTS, variants.size());
        }
        Set<String> seen = new HashSet<>();
        for (String v : variants) {
            if (v == null || !VARIANT.matcher(v).matches()) {
                throw FlightpathException.invalid("variants: '%s' is not a variant name (1 to 32 of A-Z, a-z, 0-9, '.', '_', '-')", v);
            }
            if (!seen.add(v)) {
                throw FlightpathException.invalid("variants: '%s' is named twice", v);
            }
        }
    }

    /** The same flag with an explicit value for one account. */
    public Flag withAccount(String account, String value) {
        checkLive();
        AccountSid sid = account(account);
        checkValue("value", value);
        Map<String, String> next = new TreeMap<>(accounts);
        next.put(sid.value(), value);
        return new Flag(name, description, kind, variants, defaultValue, next, rollout, killed);
    }

    /** The same flag without the account's explicit value. */
    public Flag withoutAccount(String account) {
        checkLive();
        AccountSid sid = account(account);
        if (!accounts.containsKey(sid.value())) {
            throw FlightpathException.invalid("account %s has no explicit value for flag %s", sid, name);
        }
        Map<String, String> next = new TreeMap<>(accounts);
        next.remove(sid.value());
        return new Flag(name, description, kind, variants, defaultValue, next, rollout, killed);
    }

    /**
     * The same flag rolled out to {@code percent} of accounts with {@code value}; without a value
     * the rollout keeps its value, or for an on/off flag takes the one that is not the default.
     */
    public Flag withRollout(double percent, String value) {
        checkLive();
        String v = value;
        if (v == null) {
            if (rollout != null) {
                v = rollout.value();
            } else if (kind == FlagKind.BOOLEAN) {
                v = Boolean.toString(!Boolean.parseBoolean(defaultValue));
            } else {
                throw FlightpathException.invalid("value must be given for the first rollout of flag %s (one of %s)", name, variants);
            }
        }
        checkValue("value", v);
        return new Flag(name, description, kind, variants, defaultValue, accounts, new Rollout(percent, v), killed);
    }

    /** The same flag with the kill switch set or cleared; setting it twice (or clearing it twice) is refused. */
    public Flag withKilled(boolean kill) {
        if (kill == killed) {
            throw FlightpathException.invalid("flag %s is %s", name, killed ? "already killed" : "not killed");
        }
        return new Flag(name, description, kind, variants, defaultValue, accounts, rollout, kill);
    }

    private void checkLive() {
        if (killed) {
            throw FlightpathException.invalid("flag %s is killed: unkill it before changing its rules", name);
        }
    }

    private void checkValue(String field, String value) {
        if (value == null || !variants.contains(value)) {
            throw FlightpathException.invalid("%s must be one of %s for flag %s, was '%s'", field, variants, name, value);
        }
    }

    private static AccountSid account(String account) {
        if (account == null || !AccountSid.isValid(account)) {
            throw FlightpathException.invalid("account must be an Account SID (AC and 32 lowercase hex digits), was '%s'", account);
        }
        return new AccountSid(account);
    }
}

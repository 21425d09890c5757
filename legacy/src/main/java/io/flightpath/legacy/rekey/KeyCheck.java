package io.flightpath.legacy.rekey;

/**
 * What VERIFY found in one table: the rows it read (those present when it began), the accounts
 * they belong to, the rows without a key or with another key than their account's, and whether
 * the key index exists.
 */
public record KeyCheck(String table, long rows, long accounts, long unkeyed, long wrongKey, boolean indexed) {
    public boolean passed() {
        return unkeyed == 0 && wrongKey == 0 && indexed;
    }

    @Override
    public String toString() {
        return "%s: %,d rows of %,d accounts, %d without a key, %d with a wrong key, index %s".formatted(table, rows, accounts,
                unkeyed, wrongKey, indexed ? "present" : "missing");
    }
}

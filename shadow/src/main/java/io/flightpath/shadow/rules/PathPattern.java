package io.flightpath.shadow.rules;

/**
 * A field path in a rule, such as {@code calls[].sid}; {@code **.date_updated} matches that field
 * at any depth. A pattern also covers everything under the field it names.
 */
record PathPattern(String text) {

    static PathPattern of(String text) {
        if (text.isBlank() || text.contains(" ")) {
            throw new IllegalArgumentException("a field path must be non-blank and without spaces, was '" + text + "'");
        }
        return new PathPattern(text);
    }

    /** True when {@code field} (a path with array indices removed) is this field. */
    boolean matches(String field) {
        if (text.startsWith("**.")) {
            String suffix = text.substring(3);
            return field.equals(suffix) || field.endsWith("." + suffix) || field.endsWith("]" + suffix);
        }
        return field.equals(text);
    }

    /** True when {@code field} is this field or lies under it. */
    boolean covers(String field) {
        if (matches(field)) {
            return true;
        }
        for (int i = field.indexOf('.'); i >= 0; i = field.indexOf('.', i + 1)) {
            if (matches(field.substring(0, i))) {
                return true;
            }
        }
        for (int i = field.indexOf("[]"); i >= 0; i = field.indexOf("[]", i + 1)) {
            if (matches(field.substring(0, i))) {
                return true;
            }
        }
        return false;
    }
}

package io.flightpath.shadow.diff;

/** Where a JSON node sits: the concrete path with indices and the field without them. */
record FieldPath(String path, String field) {
    static final FieldPath ROOT = new FieldPath("", "");

    FieldPath child(String name) {
        return path.isEmpty() ? new FieldPath(name, name) : new FieldPath(path + "." + name, field + "." + name);
    }

    FieldPath element(int index) {
        return new FieldPath(path + "[" + index + "]", field + "[]");
    }

    /** The root of a body shows as {@code $}. */
    String shownField() {
        return field.isEmpty() ? "$" : field;
    }

    String shownPath() {
        return path.isEmpty() ? "$" : path;
    }
}

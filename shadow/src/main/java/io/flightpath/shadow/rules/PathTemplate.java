package io.flightpath.shadow.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path template such as {@code /2010-04-01/Accounts/{sid}/Calls/{sid}.json}: declared in the
 * rules file, or derived from a path by replacing SIDs and numbers.
 */
final class PathTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^/{}]+}");

    private final String text;
    // the template cut at its placeholders: literals[0] {…} literals[1] {…} … literals[n]; each {…} stands
    // for one or more characters other than '/'
    private final String[] literals;

    private PathTemplate(String text, String[] literals) {
        this.text = text;
        this.literals = literals;
    }

    /** A declared template; each {@code {name}} stands for part of one path segment. */
    static PathTemplate declared(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("an endpoint template must start with '/', was '" + text + "'");
        }
        List<String> literals = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            literals.add(text.substring(last, m.start()));
            last = m.end();
        }
        literals.add(text.substring(last));
        return new PathTemplate(text, literals.toArray(String[]::new));
    }

    /**
     * The template of a path no rule declares: SID-like segments (two capitals and 32 hex digits)
     * become {sid}, numeric ones {id}; a format suffix such as {@code .json} stays visible.
     */
    static String derive(String path) {
        String[] segments = path.split("/", -1);
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(generalise(segments[i]));
        }
        return out.toString();
    }

    // scanned by hand rather than by regular expression: this runs on every proxied request
    private static String generalise(String segment) {
        int n = segment.length();
        if (n >= 34 && upper(segment.charAt(0)) && upper(segment.charAt(1)) && hex(segment, 2, 34) && suffix(segment, 34)) {
            return "{sid}" + segment.substring(34);
        }
        int digits = 0;
        while (digits < n && segment.charAt(digits) >= '0' && segment.charAt(digits) <= '9') {
            digits++;
        }
        if (digits > 0 && suffix(segment, digits)) {
            return "{id}" + segment.substring(digits);
        }
        return segment;
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code s} ends at {@code at} or goes on with a format suffix such as {@code .json}. */
    private static boolean suffix(String s, int at) {
        if (at == s.length()) {
            return true;
        }
        if (s.charAt(at) != '.' || at + 1 == s.length()) {
            return false;
        }
        for (int i = at + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    /** True when the whole path fits the template. Matched by hand: a regular expression per declared endpoint per request cost more. */
    boolean matches(String path) {
        return path.startsWith(literals[0]) && matches(path, literals[0].length(), 1);
    }

    /** Whether {@code path} from {@code at} fits a placeholder followed by literals[i] and the rest. */
    private boolean matches(String path, int at, int i) {
        if (i == literals.length) {
            return at == path.length();
        }
        int slash = path.indexOf('/', at);
        int segmentEnd = slash < 0 ? path.length() : slash;
        String literal = literals[i];
        // the placeholder takes at least one character of this segment; try the longest first, as the regex did
        for (int end = segmentEnd; end > at; end--) {
            if (path.startsWith(literal, end) && matches(path, end + literal.length(), i + 1)) {
                return true;
            }
        }
        return false;
    }

    String text() {
        return text;
    }
}

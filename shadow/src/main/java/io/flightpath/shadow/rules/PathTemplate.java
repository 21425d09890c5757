package io.flightpath.shadow.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path template such as {@code /2010-04-01/Accounts/{sid}/Calls/{sid}.json}: declared in the
 * rules file, or derived from a path by replacing SIDs and numbers.
 */
final class PathTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^/{}]+}");

    private final String text;
    private final Pattern pattern;

    private PathTemplate(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /** A declared template; each {@code {name}} stands for part of one path segment. */
    static PathTemplate declared(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("an endpoint template must start with '/', was '" + text + "'");
        }
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(text.substring(last, m.start()))).append("[^/]+");
            last = m.end();
        }
        regex.append(Pattern.quote(text.substring(last)));
        return new PathTemplate(text, Pattern.compile(regex.toString()));
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

    boolean matches(String path) {
        return pattern.matcher(path).matches();
    }

    String text() {
        return text;
    }
}

package io.flightpath.shadow.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path template such as {@code /2010-04-01/Accounts/{sid}/Calls/{sid}.json}: declared in the
 * rules file, or derived from a path by replacing SIDs and numbers.
 */
final class PathTemplate {
    // Twilio SIDs: two upper-case letters and 32 hex digits; a format suffix (.json) stays visible.
    private static final Pattern SID = Pattern.compile("[A-Z]{2}[0-9a-fA-F]{32}(\\.[A-Za-z0-9]+)?");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[A-Za-z0-9]+)?");
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

    /** The template of a path no rule declares: SID-like segments become {sid}, numeric ones {id}. */
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

    private static String generalise(String segment) {
        Matcher sid = SID.matcher(segment);
        if (sid.matches()) {
            return "{sid}" + (sid.group(1) == null ? "" : sid.group(1));
        }
        Matcher number = NUMBER.matcher(segment);
        if (number.matches()) {
            return "{id}" + (number.group(1) == null ? "" : number.group(1));
        }
        return segment;
    }

    boolean matches(String path) {
        return pattern.matcher(path).matches();
    }

    String text() {
        return text;
    }
}

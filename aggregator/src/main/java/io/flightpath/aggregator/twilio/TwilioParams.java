package io.flightpath.aggregator.twilio;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The shapes the 2010-04-01 API accepts for the parameters Flightpath reads, each refused with the
 * code Twilio uses: phone numbers in E.164 (client identifiers for calls, WhatsApp addresses and
 * alphanumeric sender IDs for messages), SIDs by prefix and length, absolute http(s) URLs. Every
 * accepted value fits the column that stores it (64 characters for a number, 34 for a SID).
 */
public final class TwilioParams {
    private static final String E164 = "\\+[1-9][0-9]{1,14}";
    private static final Pattern CALL_TO = Pattern.compile(E164 + "|client:[A-Za-z0-9_.@-]{1,57}");
    private static final Pattern CALL_FROM = CALL_TO;
    private static final Pattern MESSAGE_TO = Pattern.compile("(whatsapp:)?" + E164);
    // an alphanumeric sender ID: up to 11 letters, digits and spaces, at least one letter
    private static final Pattern MESSAGE_FROM = Pattern.compile("(whatsapp:)?" + E164 + "|(?=[A-Za-z0-9 ]*[A-Za-z])[A-Za-z0-9 ]{1,11}");
    private static final Pattern HEX_32 = Pattern.compile("[0-9a-fA-F]{32}");
    public static final int MAX_URL = 2048;
    public static final int MAX_MEDIA = 10;

    private TwilioParams() {
    }

    public static String callTo(String value) {
        return matching(value, CALL_TO, TwilioError.INVALID_TO, "The 'To' number " + quoted(value) + " is not a valid phone number.");
    }

    public static String callFrom(String value) {
        return matching(value, CALL_FROM, TwilioError.INVALID_FROM, "The 'From' number " + quoted(value) + " is not a valid phone number.");
    }

    public static String messageTo(String value) {
        return matching(value, MESSAGE_TO, TwilioError.INVALID_TO, "The 'To' number " + quoted(value) + " is not a valid phone number.");
    }

    public static String messageFrom(String value) {
        return matching(value, MESSAGE_FROM, TwilioError.INVALID_FROM,
                "The 'From' number " + quoted(value) + " is not a valid phone number or alphanumeric sender ID.");
    }

    /** A SID of the given two-letter prefix: the prefix and 32 hex digits. */
    public static String sid(String value, String prefix, String param, int code) {
        if (value.length() != 34 || !value.startsWith(prefix) || !HEX_32.matcher(value.substring(2)).matches()) {
            throw PublicApiException.badRequest(code, param + " must be " + prefix + " followed by 32 hex digits, was " + quoted(value));
        }
        return value;
    }

    /** An absolute http or https URL with a host, at most {@link #MAX_URL} characters. */
    public static String url(String value, String param, int code) {
        if (value.length() <= MAX_URL) {
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme();
                if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                    return value;
                }
            } catch (URISyntaxException e) {
                // refused below
            }
        }
        throw PublicApiException.badRequest(code, param + " must be an absolute http or https URL of at most " + MAX_URL
                + " characters, was " + quoted(value));
    }

    private static String matching(String value, Pattern shape, int code, String message) {
        if (!shape.matcher(value).matches()) {
            throw PublicApiException.badRequest(code, message);
        }
        return value;
    }

    /** A value quoted for an error message, cut short so that an error never echoes a whole body. */
    private static String quoted(String value) {
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
    }
}

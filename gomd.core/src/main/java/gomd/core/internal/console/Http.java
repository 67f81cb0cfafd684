package gomd.core.internal.console;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognizes a line of an HTTP request, so that a browser or a scanner pointed at the console
 * is turned away at once. gomd command names are lower case and contain no {@code :}, so none
 * of these can be a gomd request.
 */
final class Http {

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "PRI");

    /** A request line with a version, whatever the (upper case) method: {@code BREW /pot HTTP/1.1}. */
    private static final Pattern REQUEST_LINE = Pattern.compile("[A-Z][A-Z_-]* \\S+ HTTP/\\d(\\.\\d)?");

    private static final Set<String> HEADERS = Set.of("host", "user-agent", "accept", "accept-encoding",
            "accept-language", "connection", "content-length", "content-type", "cookie", "upgrade", "referer",
            "origin", "authorization");

    private Http() {
    }

    static boolean looksLikeHttp(String line) {
        int space = line.indexOf(' ');
        if (space > 0 && METHODS.contains(line.substring(0, space))) {
            return true;
        }
        int colon = line.indexOf(':');
        if (colon > 0 && HEADERS.contains(line.substring(0, colon).toLowerCase(Locale.ROOT))) {
            return true;
        }
        return REQUEST_LINE.matcher(line).matches();
    }
}

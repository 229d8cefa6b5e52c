package dev.shepherd.rotation;

import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Database host names as secrets may give them: a DNS name of letter-digit-hyphen labels, or an IP literal. Nothing
 * else, so a {@code host} cannot carry a port, a path or driver options ({@code db:5432/x?sslmode=disable}).
 */
final class Hosts {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private Hosts() {
    }

    static boolean valid(String host) {
        if (IPV4.matcher(host).matches() || host.indexOf(':') >= 0) {
            return literal(host);
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Whether two valid hosts name the same endpoint: DNS names compare case-insensitively, a trailing dot aside. */
    static boolean same(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    private static String canonical(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return h.toLowerCase(Locale.ROOT);
    }

    /** An IP literal, parsed without any DNS lookup; IPv6 without brackets or a zone. */
    private static boolean literal(String host) {
        if (host.indexOf(':') >= 0 && !IPV6.matcher(host).matches()) {
            return false;
        }
        try {
            InetAddress.ofLiteral(host);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

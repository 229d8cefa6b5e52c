package dev.shepherd.core.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Decides which addresses outbound HTTP may reach. A host is resolved once and every address it resolves to is
 * vetted; {@link GuardedHttp} then connects only to those addresses, so a name cannot answer a harmless address to
 * the check and an internal one to the connection (DNS rebinding). Refused everywhere: link-local (instance and task
 * metadata at 169.254.169.254 and 169.254.170.2), the EC2 IPv6 service range fd00:ec2::/32, "this network"
 * 0.0.0.0/8 (Linux connects it to the local host), unspecified, multicast and reserved ranges. Loopback (where the
 * Lambda Runtime API listens) only when allowed, for local runs. IPv6 forms that carry an IPv4 address (mapped,
 * compatible, NAT64, 6to4, Teredo) are judged by the IPv4 address they carry.
 */
public final class AddressGuard {
    private final boolean allowLoopback;

    public AddressGuard(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** The addresses of {@code host} (a DNS name or an IP literal, IPv6 with or without brackets), all vetted. */
    public List<InetAddress> resolve(String host) throws HttpFailure {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException | SecurityException e) {
            throw new HttpFailure(HttpFailure.Kind.UNRESOLVED, "host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            String why = forbidden(address);
            if (why != null) {
                throw new HttpFailure(HttpFailure.Kind.REFUSED, "host " + host + " resolves to "
                        + address.getHostAddress() + " (" + why + "), which Shepherd may not reach");
            }
        }
        return List.of(addresses);
    }

    /** Why {@code address} may not be reached, or null if it may. */
    public String forbidden(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return forbiddenV4(b);
        }
        if (address instanceof Inet6Address) {
            return forbiddenV6(b);
        }
        return "not an IP address";
    }

    private String forbiddenV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 127) {
            return allowLoopback ? null : "loopback, where the Lambda Runtime API listens";
        }
        if (first == 169 && second == 254) {
            return "link-local, where instance and task metadata live";
        }
        if (first == 0) {
            return "the 'this network' range 0.0.0.0/8, which reaches the local host";
        }
        if (first >= 224) {
            return "multicast, reserved or broadcast";
        }
        return null;
    }

    private String forbiddenV6(byte[] b) {
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded("IPv4-mapped", b, 12);
        }
        if (isZero(b, 0, 12)) {
            if (isZero(b, 12, 15) && (b[15] == 0 || b[15] == 1)) {
                return b[15] == 0 ? "the unspecified address"
                        : allowLoopback ? null : "loopback, where the Lambda Runtime API listens";
            }
            return embedded("IPv4-compatible", b, 12);
        }
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if (w0 == 0x64 && w1 == 0xff9b && isZero(b, 4, 12)) {
            return embedded("NAT64 64:ff9b::/96", b, 12);
        }
        if (w0 == 0x64 && w1 == 0xff9b && word(b, 4) == 1) {
            return "the local-use NAT64 range 64:ff9b:1::/48";
        }
        if (w0 == 0x2002) {
            return embedded("6to4 2002::/16", b, 2);
        }
        if (w0 == 0x2001 && w1 == 0) {
            String server = embedded("Teredo 2001::/32 (server)", b, 4);
            if (server != null) {
                return server;
            }
            byte[] client = Arrays.copyOfRange(b, 12, 16);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i];
            }
            String why = forbiddenV4(client);
            return why == null ? null : "Teredo 2001::/32 carrying client " + dotted(client) + ": " + why;
        }
        if ((b[0] & 0xff) == 0xff) {
            return "multicast";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return "link-local, where instance and task metadata live";
        }
        if (w0 == 0xfd00 && w1 == 0x0ec2) {
            return "the EC2 IPv6 metadata and DNS range fd00:ec2::/32";
        }
        return null;
    }

    private String embedded(String form, byte[] b, int at) {
        byte[] v4 = Arrays.copyOfRange(b, at, at + 4);
        String why = forbiddenV4(v4);
        return why == null ? null : form + " form of " + dotted(v4) + ": " + why;
    }

    private static String dotted(byte[] v4) {
        return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
    }

    private static int word(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}

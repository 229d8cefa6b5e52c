package dev.shepherd.hook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Keeps HTTP checks away from addresses a plan must never reach: an explicit URL's host must be on the
 * plan's allow-list, and every address any host resolves to is checked, so a DNS name pointing at the
 * instance metadata service (169.254.169.254, fd00:ec2::254) or the ECS task metadata endpoint is refused.
 * Loopback is refused too (the Lambda Runtime API listens there) unless explicitly allowed for local runs.
 */
final class AddressGuard {
    private final List<String> allowedHosts;
    private final boolean allowLoopback;

    AddressGuard(List<String> allowedHosts, boolean allowLoopback) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.allowLoopback = allowLoopback;
    }

    /**
     * @param fromDeployment true for a host derived from the deployment's own load balancer, which the plan
     *                       need not list; its addresses are still checked
     */
    void check(String host, boolean fromDeployment) throws CheckFailure {
        if (!fromDeployment && !allowed(host.toLowerCase(Locale.ROOT))) {
            throw new CheckFailure("host " + host + " is not in the plan's allowedHosts " + allowedHosts);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new CheckFailure("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            String why = forbidden(address);
            if (why != null) {
                throw new CheckFailure("host " + host + " resolves to " + address.getHostAddress() + " (" + why
                        + "), which checks may not reach");
            }
        }
    }

    private boolean allowed(String host) {
        return allowedHosts.stream().anyMatch(a -> a.startsWith("*.") ? host.endsWith(a.substring(1)) : a.equals(host));
    }

    private String forbidden(InetAddress address) {
        if (address.isLinkLocalAddress()) {
            return "link-local, where instance and task metadata live";
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return "not a unicast host address";
        }
        if (address instanceof Inet6Address v6 && isEc2Ipv6Service(v6.getAddress())) {
            return "the EC2 IPv6 metadata and DNS range fd00:ec2::/32";
        }
        if (address.isLoopbackAddress() && !allowLoopback) {
            return "loopback, where the Lambda Runtime API listens";
        }
        return null;
    }

    private static boolean isEc2Ipv6Service(byte[] b) {
        return (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2;
    }
}

package dev.shepherd.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {
    final AddressGuard guard = new AddressGuard(false);

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.170.2", "fd00:ec2::254", "fe80::1", "0.0.0.0", "0.1.2.3",
            "127.0.0.1", "127.9.9.9", "::1", "::", "224.0.0.1", "255.255.255.255", "ff02::1"})
    void metadataLinkLocalUnspecifiedMulticastAndLoopbackAreRefused(String address) throws Exception {
        assertThat(guard.forbidden(InetAddress.getByName(address))).isNotNull();
    }

    /** Item 11: IPv6 forms that carry an IPv4 address are judged as that address. */
    @ParameterizedTest
    @ValueSource(strings = {"::169.254.169.254", "::127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe",
            "64:ff9b::127.0.0.1", "2002:a9fe:a9fe::1", "2002:7f00:1::", "64:ff9b:1::a00:1",
            "2001:0:a9fe:a9fe::1", "2001:0:4136:e378:8000:63bf:5601:5601"})
    void item11_ipv6FormsEmbeddingForbiddenIpv4AreRefused(String address) throws Exception {
        assertThat(guard.forbidden(InetAddress.getByName(address))).as(address).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "172.16.0.9", "192.168.1.1", "198.51.100.7", "::a00:1", "64:ff9b::a00:1",
            "2002:a00:1::1", "2600:1f18::1", "fd12:3456::1"})
    void privateAndPublicUnicastAreAllowed(String address) throws Exception {
        assertThat(guard.forbidden(InetAddress.getByName(address))).as(address).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "::ffff:127.0.0.1", "64:ff9b::7f00:1"})
    void loopbackOnlyWhenAllowed(String address) throws Exception {
        assertThat(new AddressGuard(true).forbidden(InetAddress.getByName(address))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::ffff:169.254.169.254]", "[64:ff9b::a9fe:a9fe]", "[fd00:ec2::254]"})
    void bracketedLiteralsAreResolvedAndVetted(String host) {
        assertThatThrownBy(() -> guard.resolve(host)).isInstanceOf(HttpFailure.class)
                .hasMessageContaining("which Shepherd may not reach")
                .satisfies(e -> assertThat(((HttpFailure) e).kind()).isEqualTo(HttpFailure.Kind.REFUSED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nowhere.shepherd.test"})
    void anUnresolvableNameSaysSo(String host) {
        assertThatThrownBy(() -> guard.resolve(host)).isInstanceOf(HttpFailure.class)
                .satisfies(e -> assertThat(((HttpFailure) e).kind()).isEqualTo(HttpFailure.Kind.UNRESOLVED));
    }
}

package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {
    final AddressGuard guard = new AddressGuard(List.of("*.example.internal", "10.1.2.3", "169.254.169.254",
            "169.254.170.2", "fd00:ec2::254", "fe80::1", "0.0.0.0", "127.0.0.1"), false);

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.170.2", "fd00:ec2::254", "fe80::1", "0.0.0.0", "127.0.0.1"})
    void metadataLinkLocalUnspecifiedAndLoopbackAddressesAreRefusedEvenWhenListed(String host) {
        assertThatThrownBy(() -> guard.check(host, false)).isInstanceOf(CheckFailure.class)
                .hasMessageContaining("which checks may not reach");
    }

    @Test
    void derivedHostsSkipTheAllowListButNotTheAddressCheck() {
        assertThatCode(() -> guard.check("10.9.9.9", true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.check("169.254.169.254", true)).isInstanceOf(CheckFailure.class);
    }

    @Test
    void wildcardEntriesMatchSubdomainsOnly() {
        assertThatThrownBy(() -> guard.check("example.internal.attacker.test", false))
                .hasMessageContaining("not in the plan's allowedHosts");
        assertThatThrownBy(() -> guard.check("10.1.2.4", false)).hasMessageContaining("not in the plan's allowedHosts");
        assertThatCode(() -> guard.check("10.1.2.3", false)).doesNotThrowAnyException();
    }
}

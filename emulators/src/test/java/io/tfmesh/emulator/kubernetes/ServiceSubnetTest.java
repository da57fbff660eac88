package io.tfmesh.emulator.kubernetes;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceSubnetTest {

	@Test
	void handsOutTheLowestFreeAddressAfterTheNetworksAndKeepsWithinTheBlock() {
		ServiceSubnet subnet = ServiceSubnet.parse("10.96.0.0/12").orElseThrow();

		assertThat(subnet.address(1)).isEqualTo("10.96.0.1");
		assertThat(subnet.address(10)).isEqualTo("10.96.0.10");
		assertThat(subnet.free(Set.of("10.96.0.1", "10.96.0.10"))).hasValue("10.96.0.2");
		assertThat(subnet.contains("10.111.255.254")).isTrue();
		assertThat(subnet.contains("10.111.255.255")).isFalse();
		assertThat(subnet.contains("10.96.0.0")).isFalse();
		assertThat(subnet.contains("10.112.0.1")).isFalse();
		assertThat(ServiceSubnet.parse("10.0.0.0/30").orElseThrow().free(Set.of("10.0.0.1", "10.0.0.2"))).isEmpty();
		assertThat(ServiceSubnet.parse("10.96.0.0/12,fd00::/108").orElseThrow().cidr()).isEqualTo("10.96.0.0/12");
		assertThat(ServiceSubnet.parse("not-a-cidr")).isEmpty();
	}

}

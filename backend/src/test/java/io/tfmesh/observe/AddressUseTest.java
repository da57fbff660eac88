package io.tfmesh.observe;

import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.fabric.tf.VirtualNetwork;
import io.tfmesh.fabric.tf.VirtualNetwork.IpamRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressUseTest {

	private static final NetworkIpam POD_IPAM = new NetworkIpam(null,
			List.of("default-domain", "k8s-default", "k8s-pod-ipam"), "flat-subnet",
			List.of("10.32.0.0/12", "100.64.0.0/16"));

	@Test
	void countsEachAddressInTheSubnetItFallsIn() {
		assertThat(AddressUse.count(List.of(POD_IPAM), List.of(),
				List.of("10.47.255.252", "10.47.255.251", "100.64.0.3", "192.0.2.1")))
			.isEqualTo(Map.of("10.32.0.0/12", 2L, "100.64.0.0/16", 1L));
	}

	@Test
	void aSubnetNoAddressFallsInCountsZero() {
		assertThat(AddressUse.count(List.of(POD_IPAM), List.of(), List.of()))
			.isEqualTo(Map.of("10.32.0.0/12", 0L, "100.64.0.0/16", 0L));
	}

	@Test
	void countsTheSubnetsOfNetworksReferencingUserDefinedIpams() {
		VirtualNetwork network = new VirtualNetwork(null, List.of("default-domain", "k8s-default", "n"),
				List.of(new IpamRef(List.of("default-domain", "k8s-default", "u"), List.of("172.16.0.0/24"))),
				List.of(), List.of(), List.of(), List.of(), null, null);

		assertThat(AddressUse.count(List.of(), List.of(network), List.of("172.16.0.9", "2001:db8::1")))
			.isEqualTo(Map.of("172.16.0.0/24", 1L));
	}

}

package io.tfmesh.observe;

import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.kubernetes.NamespaceInfo;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.fabric.tf.VirtualNetwork;
import io.tfmesh.fabric.tf.VirtualNetwork.IpamRef;
import io.tfmesh.observe.ObservedState.Forwarding;
import io.tfmesh.observe.ObservedState.NamespaceForwarding;
import io.tfmesh.observe.ObservedState.Setting;
import io.tfmesh.observe.ObservedState.TfConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where pods take their addresses from, as tf-controller's {@code vnc_kubernetes.py}
 * ({@code _provision_cluster}, {@code _create_network}) leaves the pod network: referencing the
 * ip-fabric IPAM under IP fabric forwarding, the pod IPAM otherwise.
 */
class ForwardingReadingTest {

	private static final List<String> PROJECT = List.of("default-domain", "east-default");

	private static final List<NetworkIpam> IPAMS = List.of(ipam("east-pod-ipam", "10.32.0.0/12"),
			ipam("east-ip-fabric-ipam", "10.64.0.0/12"), ipam("east-service-ipam", "10.96.0.0/12"));

	private static final List<Setting> KUBE_MANAGER = List.of(
			new Setting("KUBERNETES_CLUSTER_NAME", "east", "configmap/env", false),
			new Setting("KUBERNETES_IP_FABRIC_FORWARDING", "true", "configmap/env", false));

	@Test
	void podsUseTheIpFabricRangeWhenThePodNetworkReferencesTheIpFabricIpam() {
		Forwarding forwarding = ForwardingReading.of(tf(podNetwork("east-ip-fabric-ipam")), KUBE_MANAGER, List.of());

		assertThat(forwarding.mode()).isEqualTo("on");
		assertThat(forwarding.podSubnets()).containsExactly("10.64.0.0/12");
		assertThat(forwarding.podNetworkIpams()).containsExactly("east-ip-fabric-ipam");
		assertThat(forwarding.setting()).isEqualTo("true");
		assertThat(forwarding.source())
			.isEqualTo("default-domain:east-default:east-default-pod-network references east-ip-fabric-ipam");
	}

	@Test
	void theReferenceDecidesWhenTheSettingSaysOtherwise() {
		Forwarding forwarding = ForwardingReading.of(tf(podNetwork("east-pod-ipam")), KUBE_MANAGER, List.of());

		assertThat(forwarding.mode()).isEqualTo("off");
		assertThat(forwarding.podSubnets()).containsExactly("10.32.0.0/12");
		assertThat(forwarding.source()).contains("KUBERNETES_IP_FABRIC_FORWARDING is true (configmap/env)",
				"only when it creates the network");
	}

	@Test
	void findsTheOnlyPodNetworkWhenTheClusterNameIsUnknown() {
		Forwarding forwarding = ForwardingReading.of(tf(podNetwork("east-ip-fabric-ipam")),
				List.of(new Setting("KUBERNETES_CLUSTER_NAME", null, "configmap/env could not be read", true)), null);

		assertThat(forwarding.mode()).isEqualTo("on");
		assertThat(forwarding.setting()).isNull();
	}

	@Test
	void isUnknownWithoutTheConfigApiOrThePodNetwork() {
		assertThat(ForwardingReading.of(null, KUBE_MANAGER, List.of()))
			.satisfies(forwarding -> assertThat(forwarding.mode()).isEqualTo("unknown"))
			.satisfies(forwarding -> assertThat(forwarding.podSubnets()).isEmpty());
		assertThat(ForwardingReading.of(new TfConfig(64512L, IPAMS, List.of(), List.of(), List.of(), null, null, null), KUBE_MANAGER, List.of())
			.mode()).isEqualTo("unknown");
	}

	@Test
	void namesTheNamespacesThatDecideForThemselves() {
		List<NamespaceInfo> namespaces = List.of(new NamespaceInfo("default", Map.of()),
				new NamespaceInfo("team-a", Map.of("opencontrail.org/ip_fabric_forwarding", "False")),
				new NamespaceInfo("team-b", Map.of("opencontrail.org/ip_fabric_forwarding", "true")),
				new NamespaceInfo("team-c", Map.of("opencontrail.org/ip_fabric_forwarding", "yes")));

		assertThat(ForwardingReading.of(tf(podNetwork("east-pod-ipam")), KUBE_MANAGER, namespaces).namespaces())
			.containsExactly(new NamespaceForwarding("team-a", false), new NamespaceForwarding("team-b", true));
	}

	private static TfConfig tf(VirtualNetwork podNetwork) {
		return new TfConfig(64512L, IPAMS, List.of(podNetwork), List.of(), List.of(), null, null, null);
	}

	private static VirtualNetwork podNetwork(String ipam) {
		return new VirtualNetwork("u1", List.of("default-domain", "east-default", "east-default-pod-network"),
				List.of(new IpamRef(List.of("default-domain", "east-default", ipam), List.of())), List.of(), List.of(),
				List.of(), List.of(), "flat-subnet-only", null);
	}

	private static NetworkIpam ipam(String name, String subnet) {
		return new NetworkIpam(null, List.of(PROJECT.get(0), PROJECT.get(1), name), "flat-subnet", List.of(subnet));
	}

}

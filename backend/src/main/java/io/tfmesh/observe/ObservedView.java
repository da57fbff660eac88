package io.tfmesh.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.tf.BgpRouter;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.fabric.tf.VirtualNetwork;
import io.tfmesh.observe.ObservedState.KubeManagerSetting;
import io.tfmesh.observe.ObservedState.ProcessHealth;
import org.jspecify.annotations.Nullable;

/** What the cluster page shows of an observation: the same facts, arranged to be compared. */
public record ObservedView(ObservedState state, String age, List<SubnetRow> subnets, List<BgpRouterRow> bgpRouters,
		List<NetworkRow> defaultNetworks, Map<String, List<ProcessHealth>> healthByNode) {

	/**
	 * One kind of CIDR as each source of the cluster has it; kube-manager does not read kubeadm's
	 * settings and TF keeps an IPAM's first subnets, so the three can disagree.
	 */
	public record SubnetRow(String kind, @Nullable String kubeadm, @Nullable String kubeManager,
			@Nullable String kubeManagerOrigin, List<String> tfIpam, boolean agree) {
	}

	public record BgpRouterRow(String name, String routerType, String address, long autonomousSystem,
			List<String> peers) {
	}

	public record NetworkRow(String fqName, List<String> routeTargets, List<String> importRouteTargets,
			List<String> exportRouteTargets) {
	}

	static ObservedView of(ObservedState state, Instant now) {
		String cluster = valueOr(state.setting("KUBERNETES_CLUSTER_NAME"), "k8s");
		return new ObservedView(state, age(Duration.between(state.observedAt(), now)), subnets(state, cluster),
				bgpRouters(state), defaultNetworks(state, cluster), ContrailStatusReport.byNode(state.health()));
	}

	private static List<SubnetRow> subnets(ObservedState state, String cluster) {
		List<SubnetRow> rows = new ArrayList<>();
		rows.add(row("pod", state.kubeadm() == null ? null : state.kubeadm().podSubnet(), state, "KUBERNETES_POD_SUBNETS",
				ipam(state, cluster + "-pod-ipam")));
		rows.add(row("service", state.kubeadm() == null ? null : state.kubeadm().serviceSubnet(), state,
				"KUBERNETES_SERVICE_SUBNETS", ipam(state, cluster + "-service-ipam")));
		rows.add(row("ip-fabric", null, state, "KUBERNETES_IP_FABRIC_SUBNETS", ipam(state, cluster + "-ip-fabric-ipam")));
		return rows;
	}

	private static SubnetRow row(String kind, @Nullable String kubeadm, ObservedState state, String key,
			List<String> tfIpam) {
		KubeManagerSetting setting = state.kubeManager()
			.stream()
			.filter(candidate -> candidate.key().equals(key))
			.findFirst()
			.orElse(null);
		String kubeManager = setting == null ? null : setting.value();
		List<String> kubeManagerSubnets = kubeManager == null ? List.of() : List.of(kubeManager.trim().split("\\s+"));
		boolean agree = (kubeadm == null || kubeManagerSubnets.contains(kubeadm))
				&& (tfIpam.isEmpty() || kubeManagerSubnets.isEmpty() || tfIpam.equals(kubeManagerSubnets));
		return new SubnetRow(kind, kubeadm, kubeManager, setting == null ? null : setting.origin(), tfIpam, agree);
	}

	private static List<String> ipam(ObservedState state, String name) {
		if (state.tungstenFabric() == null) {
			return List.of();
		}
		return state.tungstenFabric()
			.networkIpams()
			.stream()
			.filter(ipam -> name.equals(last(ipam.fqName())))
			.map(NetworkIpam::subnets)
			.findFirst()
			.orElse(List.of());
	}

	private static List<BgpRouterRow> bgpRouters(ObservedState state) {
		if (state.tungstenFabric() == null) {
			return List.of();
		}
		return state.tungstenFabric()
			.bgpRouters()
			.stream()
			.map(router -> new BgpRouterRow(last(router.fqName()), router.parameters().routerType(),
					router.parameters().address(), router.parameters().autonomousSystem(),
					router.peers().stream().map(peer -> last(peer.to())).toList()))
			.toList();
	}

	private static List<NetworkRow> defaultNetworks(ObservedState state, String cluster) {
		if (state.tungstenFabric() == null) {
			return List.of();
		}
		List<String> names = List.of(cluster + "-default-pod-network", cluster + "-default-service-network");
		return state.tungstenFabric()
			.virtualNetworks()
			.stream()
			.filter(network -> names.contains(last(network.fqName())))
			.map(network -> new NetworkRow(String.join(":", network.fqName()), network.routeTargets(),
					network.importRouteTargets(), network.exportRouteTargets()))
			.toList();
	}

	private static String last(List<String> fqName) {
		return fqName.isEmpty() ? "" : fqName.get(fqName.size() - 1);
	}

	private static String valueOr(@Nullable String value, String fallback) {
		return value == null || value.isBlank() ? fallback : value;
	}

	static String age(Duration age) {
		long seconds = Math.max(0, age.toSeconds());
		if (seconds < 60) {
			return seconds + " s ago";
		}
		if (seconds < 3600) {
			return seconds / 60 + " min ago";
		}
		if (seconds < 86400) {
			return seconds / 3600 + " h ago";
		}
		return seconds / 86400 + " days ago";
	}

	public boolean anyDisagreement() {
		return subnets.stream().anyMatch(row -> !row.agree());
	}

	public @Nullable Long globalAsn() {
		return state.tungstenFabric() == null ? null : state.tungstenFabric().autonomousSystem();
	}

}

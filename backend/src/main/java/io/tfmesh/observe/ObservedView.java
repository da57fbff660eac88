package io.tfmesh.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.observe.ObservedState.Forwarding;
import io.tfmesh.observe.ObservedState.ProcessHealth;
import io.tfmesh.observe.ObservedState.Setting;
import io.tfmesh.observe.ObservedState.SourceReading;
import org.jspecify.annotations.Nullable;

/** What the cluster page shows of an observation: the same facts, arranged to be compared. */
public record ObservedView(ObservedState state, String age, List<SubnetRow> subnets, List<BgpRouterRow> bgpRouters,
		List<NetworkRow> defaultNetworks, Map<String, List<ProcessHealth>> healthByNode, ClusterVerdict verdict,
		Instant now) {

	/**
	 * One kind of CIDR as each source of the cluster has it; kube-manager does not read kubeadm's
	 * settings, the agent reads fewer ConfigMaps than kube-manager and TF keeps an IPAM's first
	 * subnets, so they can disagree. A null value with its origin {@code unknown} was not read.
	 *
	 * @param vrouterAgent the agent's value, for the pod subnets (the route it adds on vhost0)
	 * @param tfIpam the subnets of the IPAM kube-manager gives this kind; for pods, those of the
	 * IPAMs the pod network references
	 * @param tfSource which IPAMs, or why they are unknown
	 */
	public record SubnetRow(String kind, @Nullable String kubeadm, @Nullable String kubeManager,
			@Nullable String kubeManagerOrigin, @Nullable String vrouterAgent, @Nullable String vrouterAgentOrigin,
			List<String> tfIpam, String tfSource, boolean tfUnknown, boolean agree) {

		public String kubeManagerText() {
			return text(kubeManager, kubeManagerOrigin);
		}

		public String vrouterAgentText() {
			return text(vrouterAgent, vrouterAgentOrigin);
		}

		public String tfText() {
			if (tfUnknown) {
				return "unknown";
			}
			return tfIpam.isEmpty() ? "—" : String.join(" ", tfIpam);
		}

		private static String text(@Nullable String value, @Nullable String origin) {
			if (value != null) {
				return value;
			}
			return origin != null && origin.startsWith("unknown") ? "unknown" : "—";
		}

	}

	public record BgpRouterRow(String name, String routerType, String address, long autonomousSystem,
			List<String> peers) {
	}

	public record NetworkRow(String fqName, List<String> routeTargets, List<String> importRouteTargets,
			List<String> exportRouteTargets) {
	}

	static ObservedView of(ObservedState state, Instant now) {
		String cluster = state.tfClusterName();
		List<SubnetRow> subnets = subnets(state, cluster);
		List<String> disagreeing = subnets.stream().filter(row -> !row.agree()).map(SubnetRow::kind).toList();
		return new ObservedView(state, age(Duration.between(state.observedAt(), now)), subnets, bgpRouters(state),
				defaultNetworks(state, cluster), ContrailStatusReport.byNode(state.health()),
				ClusterVerdict.of(state, disagreeing), now);
	}

	private static List<SubnetRow> subnets(ObservedState state, @Nullable String cluster) {
		List<SubnetRow> rows = new ArrayList<>();
		rows.add(podRow(state));
		rows.add(row("service", state.kubeadm() == null ? null : state.kubeadm().serviceSubnet(), state,
				"KUBERNETES_SERVICE_SUBNETS", cluster == null ? null : cluster + "-service-ipam"));
		rows.add(row("ip-fabric", null, state, "KUBERNETES_IP_FABRIC_SUBNETS",
				cluster == null ? null : cluster + "-ip-fabric-ipam"));
		return rows;
	}

	/** Pods take their addresses from what the pod network references, whatever the settings say. */
	private static SubnetRow podRow(ObservedState state) {
		String kubeadm = state.kubeadm() == null ? null : state.kubeadm().podSubnet();
		Setting kubeManager = state.kubeManagerSetting("KUBERNETES_POD_SUBNETS");
		Setting agent = state.vrouterAgent()
			.stream()
			.filter(setting -> setting.key().equals("KUBERNETES_POD_SUBNETS"))
			.findFirst()
			.orElse(null);
		Forwarding forwarding = state.forwarding();
		boolean known = forwarding != null && forwarding.known();
		List<String> range = known ? forwarding.podSubnets() : List.of();
		String source = forwarding == null ? "not read" : known ? String.join(" ", forwarding.podNetworkIpams())
				: forwarding.source();
		List<String> named = new ArrayList<>();
		if (kubeadm != null) {
			named.add(kubeadm);
		}
		boolean on = known && forwarding.on();
		// with IP fabric forwarding, KUBERNETES_POD_SUBNETS does not move the pods
		if (!on && kubeManager != null && !kubeManager.unknown() && kubeManager.value() != null) {
			named.addAll(split(kubeManager.value()));
		}
		// one CIDR named by all, or the pod network's own subnets named by the others
		boolean agree = (range.isEmpty() ? new HashSet<>(named).size() <= 1 : range.containsAll(named))
				&& state.settingDrift().stream().noneMatch(drift -> drift.key().equals("KUBERNETES_POD_SUBNETS"));
		return new SubnetRow("pod", kubeadm, value(kubeManager), origin(kubeManager), value(agent), origin(agent), range,
				source, !known, agree);
	}

	private static SubnetRow row(String kind, @Nullable String kubeadm, ObservedState state, String key,
			@Nullable String ipamName) {
		Setting setting = state.kubeManagerSetting(key);
		String kubeManager = value(setting);
		List<String> kubeManagerSubnets = kubeManager == null ? List.of() : split(kubeManager);
		boolean tfUnknown = state.tungstenFabric() == null || ipamName == null;
		List<String> tfIpam = tfUnknown ? List.of() : ipam(state, ipamName);
		boolean agree = (kubeadm == null || kubeManagerSubnets.isEmpty() || kubeManagerSubnets.contains(kubeadm))
				&& (tfIpam.isEmpty() || kubeManagerSubnets.isEmpty() || tfIpam.equals(kubeManagerSubnets));
		String source = tfUnknown ? "unknown" : ipamName;
		return new SubnetRow(kind, kubeadm, kubeManager, origin(setting), null, null, tfIpam, source, tfUnknown, agree);
	}

	private static @Nullable String value(@Nullable Setting setting) {
		return setting == null || setting.unknown() ? null : setting.value();
	}

	private static @Nullable String origin(@Nullable Setting setting) {
		if (setting == null) {
			return null;
		}
		return setting.unknown() ? "unknown: " + setting.origin() : setting.origin();
	}

	private static List<String> split(String value) {
		return List.of(value.trim().split("\\s+"));
	}

	private static List<String> ipam(ObservedState state, String name) {
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

	private static List<NetworkRow> defaultNetworks(ObservedState state, @Nullable String cluster) {
		if (state.tungstenFabric() == null || cluster == null) {
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

	/** How long ago something was read, for people: {@code 2 min ago}. */
	public String ageOf(Instant readAt) {
		return age(Duration.between(readAt, now));
	}

	/**
	 * A source that answered was read, which says nothing about the cluster's health: it is shown
	 * as read, and green only while the cluster is healthy.
	 */
	public String sourceText(SourceReading source) {
		return source.ok() ? "read" : source.status();
	}

	public String sourceClass(SourceReading source) {
		if (!source.ok()) {
			return "warn";
		}
		return verdict.level() == ClusterVerdict.Level.HEALTHY ? "ok" : "read";
	}

	/** The badge of a line of contrail-status: a stopped control node or agent stands out from the rest. */
	public String stateClass(ProcessHealth health) {
		return switch (ClusterVerdict.levelOf(health)) {
			case HEALTHY -> "ok";
			case CRITICAL -> "critical";
			case UNKNOWN -> "unknown";
			default -> "warn";
		};
	}

	public boolean anyDisagreement() {
		return subnets.stream().anyMatch(row -> !row.agree());
	}

	/** The sources that did not answer: what they would have given is unknown, not a default. */
	public List<String> failedSources() {
		return state.failedSources();
	}

	public @Nullable Long globalAsn() {
		return state.tungstenFabric() == null ? null : state.tungstenFabric().autonomousSystem();
	}

}

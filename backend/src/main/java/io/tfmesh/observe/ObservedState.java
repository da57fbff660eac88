package io.tfmesh.observe;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.kubernetes.ClusterCounts;
import io.tfmesh.fabric.kubernetes.ConfigMapData;
import io.tfmesh.fabric.kubernetes.KubeadmConfig;
import io.tfmesh.fabric.kubernetes.NodeInfo;
import io.tfmesh.fabric.kubernetes.PodInfo;
import io.tfmesh.fabric.tf.BgpRouter;
import io.tfmesh.fabric.kubernetes.ServiceInfo;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.fabric.tf.NetworkPolicy;
import io.tfmesh.fabric.tf.VirtualNetwork;
import org.jspecify.annotations.Nullable;

/**
 * What one cluster really had when tfmesh read it, source by source. A source that failed is
 * reported with its reason and leaves its part empty; the others are kept.
 *
 * @param revision hash of the observed content (not of when or how fast it was read): the base
 * revision that change plans record
 * @param complete whether every source answered
 * @param kubeManagerConfigMaps the ConfigMaps the TF DaemonSets (and the cluster's configured
 * kube-manager ConfigMaps) refer to, with secret-looking values masked
 * @param kubeManager the settings the contrail-kube-manager container runs with
 * @param health contrail-status of each TF service on each node
 * @param counts pods and services in all namespaces, when they could be read
 * @param vrouterAgent the settings the contrail-vrouter-agent container runs with
 * @param settingDrift the settings both containers read, where they run with different values
 * @param forwarding whether pods take their addresses from the ip-fabric IPAM, and so where
 * they are
 * @param unknown what tfmesh could not read this time (a failed source, a setting that comes
 * from one): such values are null here, never a default
 * @param namespaces the names of every namespace, empty when they could not be read
 * @param services every Service of the cluster with its cluster IPs and ports, empty when they
 * could not be read
 */
public record ObservedState(long clusterId, String clusterName, Instant observedAt, long durationMs, boolean complete,
		String revision, List<SourceReading> sources, @Nullable KubeadmConfig kubeadm,
		List<ConfigMapData> kubeManagerConfigMaps, List<Setting> kubeManager, List<NodeInfo> nodes,
		List<PodInfo> tfPods, @Nullable TfConfig tungstenFabric, List<ProcessHealth> health,
		@Nullable ClusterCounts counts, List<Setting> vrouterAgent, List<SettingDrift> settingDrift,
		@Nullable Forwarding forwarding, List<String> unknown, List<String> namespaces, List<ServiceInfo> services) {

	/** The source of {@link #kubeadm()}. */
	public static final String KUBEADM_SOURCE = "kubernetes/kubeadm-config";

	public ObservedState {
		// observations stored before a field existed read it as null
		sources = orEmpty(sources);
		kubeManagerConfigMaps = orEmpty(kubeManagerConfigMaps);
		kubeManager = orEmpty(kubeManager);
		nodes = orEmpty(nodes);
		tfPods = orEmpty(tfPods);
		health = orEmpty(health);
		vrouterAgent = orEmpty(vrouterAgent);
		settingDrift = orEmpty(settingDrift);
		unknown = orEmpty(unknown);
		namespaces = orEmpty(namespaces);
		services = orEmpty(services);
	}

	/**
	 * How one source answered.
	 *
	 * @param status {@code ok}, {@code failed}, {@code timeout}, {@code skipped}, or {@code partial} when some of
	 * what it reads answered and some did not
	 * @param failure the failure's kind ({@code UNREACHABLE}, {@code UNAUTHORIZED}, ...), when it failed
	 */
	public record SourceReading(String source, String status, @Nullable String failure, @Nullable String message,
			long durationMs) {

		public boolean ok() {
			return "ok".equals(status);
		}

	}

	/**
	 * One setting as a container runs with it.
	 *
	 * @param value null when unknown, or when the entrypoint computes its default at run time
	 * @param origin {@code configmap/<name>} (its {@code envFrom}), {@code env} (a literal of the
	 * container spec), {@code env from configmap/<name> key <key>}, {@code entrypoint default}
	 * (the ConfigMaps were read and none sets it), or why it is unknown
	 * @param unknown whether tfmesh could not read it
	 */
	public record Setting(String key, @Nullable String value, String origin, boolean unknown) {

		public static final String ENTRYPOINT_DEFAULT = "entrypoint default";

		public boolean entrypointDefault() {
			return !unknown && ENTRYPOINT_DEFAULT.equals(origin);
		}

	}

	/** A setting that kube-manager and the vrouter agent both read, with the values each runs with. */
	public record SettingDrift(String key, @Nullable String kubeManager, String kubeManagerOrigin,
			@Nullable String vrouterAgent, String vrouterAgentOrigin) {

		public String describe() {
			return key + ": kube-manager runs with " + value(kubeManager) + " (" + kubeManagerOrigin
					+ "), the vrouter agent with " + value(vrouterAgent) + " (" + vrouterAgentOrigin + ")";
		}

		private static String value(@Nullable String value) {
			// a known setting without a value is one its entrypoint computes when the container starts
			return value == null ? "the value its entrypoint computes at start" : value;
		}

	}

	/**
	 * IP fabric forwarding, as the pod network really has it.
	 *
	 * @param mode {@code on} (the pod network references the ip-fabric IPAM), {@code off} or
	 * {@code unknown}
	 * @param source what the mode was read from, for people
	 * @param setting kube-manager's KUBERNETES_IP_FABRIC_FORWARDING, null when unknown
	 * @param podNetwork fq_name of the cluster's default pod network, when found
	 * @param podNetworkIpams the IPAMs it references
	 * @param podSubnets the subnets pods take their addresses from: those of the referenced IPAMs;
	 * empty when unknown
	 * @param namespaces namespaces whose {@code opencontrail.org/ip_fabric_forwarding} annotation
	 * decides it for their own pod network
	 */
	public record Forwarding(String mode, String source, @Nullable String setting, @Nullable String podNetwork,
			List<String> podNetworkIpams, List<String> podSubnets, List<NamespaceForwarding> namespaces) {

		public static final String ON = "on";

		public static final String OFF = "off";

		public static final String UNKNOWN = "unknown";

		public Forwarding {
			podNetworkIpams = orEmpty(podNetworkIpams);
			podSubnets = orEmpty(podSubnets);
			namespaces = orEmpty(namespaces);
		}

		public boolean on() {
			return ON.equals(mode);
		}

		public boolean known() {
			return !UNKNOWN.equals(mode);
		}

	}

	/** A namespace that sets IP fabric forwarding for itself (kube_config_db.py). */
	public record NamespaceForwarding(String namespace, boolean ipFabricForwarding) {
	}

	/**
	 * The TF config API's objects that address planning and peering depend on.
	 *
	 * @param enable4ByteAs the global-system-config's {@code enable_4byte_as}; null when not read
	 * @param ibgpAutoMesh the global-system-config's {@code ibgp_auto_mesh}; null when not read
	 * @param addressesInUse per subnet of an IPAM or of a network's IPAM reference, how many
	 * instance-ips hold an address in it: a subnet in use cannot be removed. Null when the
	 * instance-ips were not read.
	 */
	public record TfConfig(@Nullable Long autonomousSystem, List<NetworkIpam> networkIpams,
			List<VirtualNetwork> virtualNetworks, List<BgpRouter> bgpRouters, List<NetworkPolicy> networkPolicies,
			@Nullable Boolean enable4ByteAs, @Nullable Boolean ibgpAutoMesh, @Nullable Map<String, Long> addressesInUse) {

		public TfConfig {
			networkPolicies = orEmpty(networkPolicies);
		}

		public TfConfig(@Nullable Long autonomousSystem, List<NetworkIpam> networkIpams,
				List<VirtualNetwork> virtualNetworks, List<BgpRouter> bgpRouters, List<NetworkPolicy> networkPolicies) {
			this(autonomousSystem, networkIpams, virtualNetworks, bgpRouters, networkPolicies, null, null, null);
		}

	}

	/**
	 * One line of contrail-status, with where and when it was read.
	 *
	 * @param source {@code introspect <address>:<port>} (with why it could not be read, when it
	 * could not), or the container whose state stood for the service
	 * @param container the Kubernetes container of the service, null when the node has none
	 * @param failure why its introspect could not be read, null when it was read or not asked
	 */
	public record ProcessHealth(String node, String pod, String service, String state, @Nullable String description,
			String source, Instant readAt, @Nullable String container, @Nullable String failure) {

		/** Whether tfmesh failed to read it, apart from the standby that contrail-status expects not to answer. */
		public boolean unread() {
			return failure != null && !"backup".equals(state);
		}

	}

	/** kube-manager's value of a setting; null when unknown or unset. */
	public @Nullable String setting(String key) {
		// a setting may hold null (an entrypoint default that is computed at run time), which
		// Optional cannot carry
		Setting setting = kubeManagerSetting(key);
		return setting == null ? null : setting.value();
	}

	public @Nullable Setting kubeManagerSetting(String key) {
		return kubeManager.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
	}

	/**
	 * The name kube-manager gives its TF objects ({@code <name>-pod-ipam}, ...): its
	 * KUBERNETES_CLUSTER_NAME, or that of the pod network found in TF; null when neither is known.
	 */
	public @Nullable String tfClusterName() {
		Setting setting = kubeManagerSetting("KUBERNETES_CLUSTER_NAME");
		if (setting != null && !setting.unknown() && setting.value() != null && !setting.value().isBlank()) {
			return setting.value().strip();
		}
		if (forwarding != null && forwarding.podNetwork() != null) {
			String network = forwarding.podNetwork().substring(forwarding.podNetwork().lastIndexOf(':') + 1);
			return network.substring(0, network.length() - "-default-pod-network".length());
		}
		return null;
	}

	/** Whether the source (such as {@code tungsten-fabric/config-api}) was read this time. */
	public boolean read(String source) {
		return sources.stream().filter(s -> s.source().equals(source)).allMatch(SourceReading::ok);
	}

	/** The sources that did not answer, with why. */
	public List<String> failedSources() {
		return sources.stream()
			.filter(s -> !s.ok())
			.map(s -> s.source() + " " + s.status() + (s.failure() == null ? "" : " (" + s.failure() + ")"))
			.toList();
	}

	private static <T> List<T> orEmpty(@Nullable List<T> list) {
		return list == null ? List.of() : List.copyOf(list);
	}

}

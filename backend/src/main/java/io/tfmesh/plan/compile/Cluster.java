package io.tfmesh.plan.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfmesh.fabric.kubernetes.PodInfo;
import io.tfmesh.fabric.kubernetes.ServiceInfo;
import io.tfmesh.fabric.tf.BgpRouter;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.fabric.tf.NetworkPolicy;
import io.tfmesh.fabric.tf.VirtualNetwork;
import io.tfmesh.mesh.Kind;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.observe.ObservedState.Forwarding;
import io.tfmesh.observe.ObservedState.NamespaceForwarding;
import io.tfmesh.observe.ObservedState.Setting;
import io.tfmesh.observe.ObservedState.TfConfig;
import io.tfmesh.plan.PlanningInput.Member;
import org.jspecify.annotations.Nullable;

/**
 * A member whose last observation can be planned against, with the names kube-manager gives its
 * TF objects (tf-controller {@code kube_manager/vnc/vnc_kubernetes_config.py}): project
 * {@code <C>-<namespace>} in the cluster's domain, the cluster-wide networks
 * {@code <C>-default-pod-network} and {@code <C>-default-service-network} in {@code <C>-default},
 * and an isolated namespace's own {@code <C>-<namespace>-pod-network} and
 * {@code <C>-<namespace>-service-network}.
 *
 * @param tfName C, kube-manager's cluster name
 * @param domain the TF domain kube-manager puts its projects in
 */
record Cluster(Member member, ObservedState observed, TfConfig tf, String tfName, String domain) {

	/** kube-manager's dict literal, e.g. {@code {'domain': 'default-domain', 'project': 'admin'}}. */
	private static final Pattern PROJECT = Pattern.compile("['\"]project['\"]\\s*:\\s*['\"]([^'\"]+)['\"]");

	long id() {
		return member.clusterId();
	}

	String name() {
		return member.clusterName();
	}

	/**
	 * A member as the compiler can plan it, or why it cannot: a source that failed, no TF
	 * objects, no cluster name or domain known.
	 */
	static @Nullable Cluster of(Member member, List<String> problems) {
		ObservedState observed = member.observed();
		if (!observed.complete()) {
			problems.add(member.clusterName() + " is not planned: its last observation is incomplete ("
					+ String.join(", ", observed.failedSources()) + ")");
			return null;
		}
		if (observed.tungstenFabric() == null) {
			problems.add(member.clusterName() + " is not planned: its last observation has no TF config objects");
			return null;
		}
		String tfName = observed.tfClusterName();
		if (tfName == null) {
			problems.add(member.clusterName() + " is not planned: kube-manager's cluster name is unknown");
			return null;
		}
		String domain = domain(observed);
		if (domain == null) {
			problems.add(member.clusterName() + " is not planned: kube-manager's TF domain is unknown");
			return null;
		}
		return new Cluster(member, observed, observed.tungstenFabric(), tfName, domain);
	}

	private static @Nullable String domain(ObservedState observed) {
		Forwarding forwarding = observed.forwarding();
		if (forwarding != null && forwarding.podNetwork() != null) {
			return forwarding.podNetwork().split(":")[0];
		}
		Setting setting = observed.kubeManagerSetting("KUBERNETES_CLUSTER_DOMAIN");
		return setting == null || setting.unknown() || setting.value() == null || setting.value().isBlank() ? null
				: setting.value().strip();
	}

	/** The allocation of a kind of CIDR that the mesh gave the member; null when it has none. */
	@Nullable String allocation(Kind kind) {
		return switch (kind) {
			case POD -> member.podCidr();
			case SERVICE -> member.serviceCidr();
			case FABRIC -> member.fabricCidr();
			default -> null;
		};
	}

	@Nullable Long asn() {
		return member.asn();
	}

	/** The IPAM kube-manager provisioned for a kind, in its default project when there are several. */
	@Nullable NetworkIpam ipam(Kind kind) {
		String name = kind.ipamName(tfName);
		NetworkIpam found = null;
		for (NetworkIpam ipam : tf.networkIpams()) {
			if (last(ipam.fqName()).equals(name)) {
				if (ipam.fqName().equals(List.of(domain, tfName + "-default", name))) {
					return ipam;
				}
				found = found == null ? ipam : found;
			}
		}
		return found;
	}

	/**
	 * The project of a namespace's objects: {@code <C>-<namespace>}, or the one project
	 * KUBERNETES_CLUSTER_PROJECT names for every namespace.
	 */
	List<String> project(String namespace) {
		Setting setting = observed.kubeManagerSetting("KUBERNETES_CLUSTER_PROJECT");
		if (setting != null && !setting.unknown() && setting.value() != null) {
			Matcher matcher = PROJECT.matcher(setting.value());
			if (matcher.find()) {
				return List.of(domain, matcher.group(1));
			}
		}
		return List.of(domain, tfName + "-" + namespace);
	}

	/** The pod network of a namespace: its own when it is isolated, else the cluster's default one. */
	@Nullable VirtualNetwork podNetwork(String namespace) {
		VirtualNetwork own = network(List.of(domain, tfName + "-" + namespace, tfName + "-" + namespace + "-pod-network"));
		if (own != null) {
			return own;
		}
		Forwarding forwarding = observed.forwarding();
		if (forwarding != null && forwarding.podNetwork() != null) {
			return network(List.of(forwarding.podNetwork().split(":")));
		}
		return network(List.of(domain, tfName + "-default", tfName + "-default-pod-network"));
	}

	/** The service network of a namespace: its own when it is isolated, else the cluster's default one. */
	@Nullable VirtualNetwork serviceNetwork(String namespace) {
		VirtualNetwork own = network(
				List.of(domain, tfName + "-" + namespace, tfName + "-" + namespace + "-service-network"));
		return own != null ? own
				: network(List.of(domain, tfName + "-default", tfName + "-default-service-network"));
	}

	@Nullable VirtualNetwork network(List<String> fqName) {
		return tf.virtualNetworks().stream().filter(network -> network.fqName().equals(fqName)).findFirst().orElse(null);
	}

	@Nullable NetworkPolicy policy(List<String> fqName) {
		return tf.networkPolicies().stream().filter(policy -> policy.fqName().equals(fqName)).findFirst().orElse(null);
	}

	/** The bgp-routers of this cluster's own control nodes. */
	List<BgpRouter> controlNodes() {
		return tf.bgpRouters().stream().filter(router -> "control-node".equals(router.parameters().routerType())).toList();
	}

	/**
	 * Whether the pods of a namespace take their addresses from the ip-fabric IPAM: its
	 * annotation when it has one, else the pod network's IPAM; null when unknown.
	 */
	@Nullable Boolean forwardingOn(@Nullable String namespace) {
		Forwarding forwarding = observed.forwarding();
		if (forwarding == null) {
			return null;
		}
		if (namespace != null) {
			for (NamespaceForwarding override : forwarding.namespaces()) {
				if (override.namespace().equals(namespace)) {
					return override.ipFabricForwarding();
				}
			}
		}
		return forwarding.known() ? forwarding.on() : null;
	}

	boolean hasNamespace(String namespace) {
		// an observation that could not list namespaces says nothing about this one
		return observed.namespaces().isEmpty() || observed.namespaces().contains(namespace);
	}

	@Nullable ServiceInfo service(String namespace, String name) {
		return observed.services()
			.stream()
			.filter(service -> service.namespace().equals(namespace) && service.name().equals(name))
			.findFirst()
			.orElse(null);
	}

	/** The observed pods of a DaemonSet of the kube-manager namespace, by name. */
	List<String> pods(String daemonSet) {
		List<String> names = new ArrayList<>();
		for (PodInfo pod : observed.tfPods()) {
			if (daemonSet.equals(pod.ownerName()) && "DaemonSet".equals(pod.ownerKind())
					&& pod.namespace().equals(member.kubeManagerNamespace())) {
				names.add(pod.name() + (pod.nodeName() == null ? "" : " on " + pod.nodeName()));
			}
		}
		return names;
	}

	static String last(List<String> fqName) {
		return fqName.isEmpty() ? "" : fqName.get(fqName.size() - 1);
	}

}

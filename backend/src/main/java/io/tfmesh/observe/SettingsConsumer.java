package io.tfmesh.observe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tfmesh.fabric.kubernetes.ContainerSpec;
import io.tfmesh.fabric.kubernetes.DaemonSetInfo;

/**
 * A container that reads the TF settings, with the defaults its entrypoint falls back to.
 *
 * @param defaults the keys tfmesh follows for it, with the entrypoint's default (null: computed
 * at run time, such as an address of the node)
 */
record SettingsConsumer(String name, String daemonSet, String container, Map<String, String> defaults) {

	/**
	 * tf-container-builder's {@code containers/kubernetes/kube-manager/entrypoint.sh}, with
	 * {@code containers/base/common.sh} for the cluster name, the orchestrator and the controllers.
	 */
	static final SettingsConsumer KUBE_MANAGER = new SettingsConsumer("kube-manager", "contrail-kube-manager",
			"contrail-kube-manager", defaults("KUBERNETES_POD_SUBNETS", "10.32.0.0/12", "KUBERNETES_SERVICE_SUBNETS",
					"10.96.0.0/12", "KUBERNETES_IP_FABRIC_SUBNETS", "10.64.0.0/12", "KUBERNETES_CLUSTER_NAME", "k8s",
					"KUBERNETES_CLUSTER_DOMAIN", "default-domain", "KUBERNETES_IP_FABRIC_FORWARDING", "false",
					"KUBERNETES_IP_FABRIC_SNAT", "false", "KUBERNETES_API_SECURE_PORT", "6443", "CLOUD_ORCHESTRATOR",
					"none", "CONTROLLER_NODES", null));

	/**
	 * tf-container-builder's {@code containers/vrouter/base/agent-functions.sh}
	 * ({@code add_k8s_pod_cidr_route}), {@code containers/vrouter/agent/actions.sh} (the route is
	 * added only when the orchestrator is kubernetes and a gateway is set) and {@code common.sh}.
	 */
	static final SettingsConsumer VROUTER_AGENT = new SettingsConsumer("vrouter agent", "contrail-agent",
			"contrail-vrouter-agent", defaults("KUBERNETES_POD_SUBNETS", "10.32.0.0/12", "CLOUD_ORCHESTRATOR", "none",
					"VROUTER_GATEWAY", null, "CONTROLLER_NODES", null));

	/**
	 * The keys both read whose values must match: the agent routes the pod subnets towards the
	 * gateway. The API server keys are left out: the single-yaml install sets them for kube-manager
	 * alone on purpose.
	 */
	static final List<String> SHARED = List.of("KUBERNETES_POD_SUBNETS", "CLOUD_ORCHESTRATOR");

	/** This consumer's container in the DaemonSets read, if it is there. */
	Optional<ContainerSpec> find(List<DaemonSetInfo> daemonSets) {
		return daemonSets.stream()
			.filter(candidate -> candidate.name().equals(daemonSet))
			.flatMap(candidate -> candidate.containers().stream())
			.filter(candidate -> candidate.name().equals(container))
			.findFirst();
	}

	/** Whether a key of a ConfigMap is one tfmesh shows for this consumer. */
	boolean follows(String key) {
		return defaults.containsKey(key) || key.startsWith("KUBERNETES_") || key.equals("VROUTER_GATEWAY")
				|| key.endsWith("_NODES");
	}

	private static Map<String, String> defaults(String... pairs) {
		Map<String, String> defaults = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			defaults.put(pairs[i], pairs[i + 1]);
		}
		return Collections.unmodifiableMap(defaults);
	}

}

package io.tfmesh.observe;

import java.util.Map;

import io.tfmesh.fabric.kubernetes.NodeAddress;
import io.tfmesh.fabric.kubernetes.NodeInfo;
import io.tfmesh.fabric.kubernetes.PodInfo;
import org.jspecify.annotations.Nullable;

/** Which contrail-status pod each TF Kubernetes pod is, from the single-yaml install's app labels. */
final class TfPods {

	private static final Map<String, String> CONTRAIL_POD_BY_APP = Map.of("contrail-controller-control", "control",
			"contrail-controller-config", "config", "contrail-kube-manager", "kubernetes", "contrail-agent", "vrouter",
			"contrail-analytics", "analytics", "contrail-analyticsdb", "database", "contrail-configdb",
			"config-database", "contrail-controller-webui", "webui");

	private TfPods() {
	}

	static @Nullable String contrailPod(PodInfo pod) {
		String app = pod.labels().get("app");
		if (app != null && CONTRAIL_POD_BY_APP.containsKey(app)) {
			return CONTRAIL_POD_BY_APP.get(app);
		}
		return CONTRAIL_POD_BY_APP.entrySet()
			.stream()
			.filter(entry -> pod.name().startsWith(entry.getKey() + "-"))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	/** contrail-status introspects only processes of running containers. */
	static boolean isRunning(PodInfo pod) {
		return "Running".equals(pod.phase());
	}

	static @Nullable String internalAddress(NodeInfo node) {
		return node.addresses()
			.stream()
			.filter(address -> "InternalIP".equals(address.type()))
			.map(NodeAddress::address)
			.findFirst()
			.orElse(null);
	}

}

package io.tfmesh.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.kubernetes.ConfigMapData;
import io.tfmesh.observe.ObservedState.KubeManagerSetting;

/**
 * The settings the kube-manager container runs with: what its ConfigMaps set (later ones win, as
 * with envFrom), else its entrypoint's defaults. The single-yaml install's {@code env} ConfigMap
 * has no subnet keys at all, so the defaults are what most clusters run with.
 */
final class KubeManagerDefaults {

	/** Keys tfmesh reads, with the defaults of tf-container-builder's kube-manager entrypoint and common.sh. */
	static final Map<String, String> DEFAULTS = defaults();

	private KubeManagerDefaults() {
	}

	static List<KubeManagerSetting> effective(List<ConfigMapData> configMaps) {
		Map<String, KubeManagerSetting> settings = new LinkedHashMap<>();
		DEFAULTS.forEach((key, value) -> settings.put(key, new KubeManagerSetting(key, value, "default")));
		for (ConfigMapData configMap : configMaps) {
			configMap.data().forEach((key, value) -> {
				if (DEFAULTS.containsKey(key) || key.startsWith("KUBERNETES_") || key.equals("VROUTER_GATEWAY")
						|| key.endsWith("_NODES")) {
					settings.put(key, new KubeManagerSetting(key, value, "configmap/" + configMap.name()));
				}
			});
		}
		return new ArrayList<>(settings.values());
	}

	private static Map<String, String> defaults() {
		Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("KUBERNETES_POD_SUBNETS", "10.32.0.0/12");
		defaults.put("KUBERNETES_SERVICE_SUBNETS", "10.96.0.0/12");
		defaults.put("KUBERNETES_IP_FABRIC_SUBNETS", "10.64.0.0/12");
		defaults.put("KUBERNETES_CLUSTER_NAME", "k8s");
		defaults.put("KUBERNETES_CLUSTER_DOMAIN", "default-domain");
		defaults.put("KUBERNETES_IP_FABRIC_FORWARDING", "false");
		defaults.put("KUBERNETES_IP_FABRIC_SNAT", "false");
		defaults.put("KUBERNETES_API_SECURE_PORT", "6443");
		defaults.put("VROUTER_GATEWAY", null);
		defaults.put("CONTROLLER_NODES", null);
		return defaults;
	}

}

package io.tfmesh.emulator.kubernetes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an emulated cluster looks like after {@code kubeadm init} and a Tungsten Fabric
 * single-yaml install.
 *
 * @param kubernetesVersion as kubeadm writes it, e.g. {@code v1.28.2}
 * @param podSubnet kubeadm's {@code --pod-network-cidr}
 * @param serviceSubnet kubeadm's {@code --service-cidr}
 * @param env data of the {@code kube-system/env} ConfigMap
 * @param kubeManagerConfig data of the {@code kube-system/kube-manager-config} ConfigMap
 */
public record KubernetesSeed(String kubernetesVersion, String podSubnet, String serviceSubnet, String dnsDomain,
		List<SeedNode> nodes, Map<String, String> env, Map<String, String> kubeManagerConfig) {

	public KubernetesSeed {
		nodes = List.copyOf(nodes);
		env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
		kubeManagerConfig = Collections.unmodifiableMap(new LinkedHashMap<>(kubeManagerConfig));
	}

	/**
	 * The {@code env} ConfigMap of {@code contrail-standalone-kubernetes.yaml} as rendered for one
	 * controller: every service on the controller, no authentication. Like the template, it has
	 * no {@code KUBERNETES_*_SUBNETS} keys, so kube-manager runs with its entrypoint's defaults.
	 * @param vrouterGateway the underlay gateway
	 */
	public static Map<String, String> standaloneEnv(String controllerNodes, String vrouterGateway,
			String physicalInterface) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("AAA_MODE", "no-auth");
		env.put("ANALYTICS_API_VIP", "");
		env.put("ANALYTICS_NODES", controllerNodes);
		env.put("ANALYTICSDB_NODES", controllerNodes);
		env.put("AUTH_MODE", "noauth");
		env.put("CLOUD_ORCHESTRATOR", "kubernetes");
		env.put("CONFIG_API_VIP", "");
		env.put("CONFIG_NODES", controllerNodes);
		env.put("CONFIGDB_NODES", controllerNodes);
		env.put("CONTROL_NODES", controllerNodes);
		env.put("CONTROLLER_NODES", controllerNodes);
		env.put("KUBERNETES_IP_FABRIC_FORWARDING", "true");
		env.put("KUBERNETES_IP_FABRIC_SNAT", "false");
		env.put("KUBERNETES_PUBLIC_FIP_POOL", "{}");
		env.put("LOG_LEVEL", "SYS_NOTICE");
		env.put("METADATA_PROXY_SECRET", "");
		env.put("PHYSICAL_INTERFACE", physicalInterface);
		env.put("RABBITMQ_NODES", controllerNodes);
		env.put("RABBITMQ_NODE_PORT", "5673");
		env.put("VROUTER_GATEWAY", vrouterGateway);
		env.put("HUGE_PAGES_2MB", "");
		env.put("WEBUI_NODES", controllerNodes);
		env.put("WEBUI_VIP", "");
		return env;
	}

	/** The {@code kube-manager-config} ConfigMap of the single-yaml manifests. */
	public static Map<String, String> kubeManagerConfig(String kubernetesApiServer) {
		Map<String, String> config = new LinkedHashMap<>();
		config.put("KUBERNETES_API_SERVER", kubernetesApiServer);
		config.put("KUBERNETES_API_SECURE_PORT", "6443");
		config.put("K8S_TOKEN_FILE", "/tmp/serviceaccount/token");
		return config;
	}

}

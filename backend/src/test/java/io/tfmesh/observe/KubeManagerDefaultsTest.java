package io.tfmesh.observe;

import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.kubernetes.ConfigMapData;
import io.tfmesh.observe.ObservedState.KubeManagerSetting;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KubeManagerDefaultsTest {

	@Test
	void runsWithTheEntrypointDefaultsWhenNoConfigMapSetsAnything() {
		assertThat(KubeManagerDefaults.effective(List.of())).containsExactly(
				new KubeManagerSetting("KUBERNETES_POD_SUBNETS", "10.32.0.0/12", "default"),
				new KubeManagerSetting("KUBERNETES_SERVICE_SUBNETS", "10.96.0.0/12", "default"),
				new KubeManagerSetting("KUBERNETES_IP_FABRIC_SUBNETS", "10.64.0.0/12", "default"),
				new KubeManagerSetting("KUBERNETES_CLUSTER_NAME", "k8s", "default"),
				new KubeManagerSetting("KUBERNETES_CLUSTER_DOMAIN", "default-domain", "default"),
				new KubeManagerSetting("KUBERNETES_IP_FABRIC_FORWARDING", "false", "default"),
				new KubeManagerSetting("KUBERNETES_IP_FABRIC_SNAT", "false", "default"),
				new KubeManagerSetting("KUBERNETES_API_SECURE_PORT", "6443", "default"),
				new KubeManagerSetting("VROUTER_GATEWAY", null, "default"),
				new KubeManagerSetting("CONTROLLER_NODES", null, "default"));
	}

	@Test
	void takesWhatTheConfigMapsSetLaterOnesWinningAsWithEnvFrom() {
		ConfigMapData env = new ConfigMapData("kube-system", "env", "1",
				Map.of("KUBERNETES_POD_SUBNETS", "10.128.0.0/16", "CONTROLLER_NODES", "10.0.0.5", "VROUTER_GATEWAY",
						"10.0.0.1", "CONFIG_NODES", "10.0.0.6", "LOG_LEVEL", "SYS_DEBUG", "METADATA_PROXY_SECRET",
						"(hidden)", "KUBERNETES_CLUSTER_NAME", "east"));
		ConfigMapData kubeManager = new ConfigMapData("kube-system", "kube-manager-config", "2",
				Map.of("KUBERNETES_POD_SUBNETS", "10.129.0.0/16", "KUBERNETES_API_SERVER", "10.0.0.5", "K8S_TOKEN_FILE",
						"/tmp/serviceaccount/token"));

		List<KubeManagerSetting> settings = KubeManagerDefaults.effective(List.of(env, kubeManager));

		assertThat(settings).containsExactly(
				new KubeManagerSetting("KUBERNETES_POD_SUBNETS", "10.129.0.0/16", "configmap/kube-manager-config"),
				new KubeManagerSetting("KUBERNETES_SERVICE_SUBNETS", "10.96.0.0/12", "default"),
				new KubeManagerSetting("KUBERNETES_IP_FABRIC_SUBNETS", "10.64.0.0/12", "default"),
				new KubeManagerSetting("KUBERNETES_CLUSTER_NAME", "east", "configmap/env"),
				new KubeManagerSetting("KUBERNETES_CLUSTER_DOMAIN", "default-domain", "default"),
				new KubeManagerSetting("KUBERNETES_IP_FABRIC_FORWARDING", "false", "default"),
				new KubeManagerSetting("KUBERNETES_IP_FABRIC_SNAT", "false", "default"),
				new KubeManagerSetting("KUBERNETES_API_SECURE_PORT", "6443", "default"),
				new KubeManagerSetting("VROUTER_GATEWAY", "10.0.0.1", "configmap/env"),
				new KubeManagerSetting("CONTROLLER_NODES", "10.0.0.5", "configmap/env"),
				new KubeManagerSetting("CONFIG_NODES", "10.0.0.6", "configmap/env"),
				new KubeManagerSetting("KUBERNETES_API_SERVER", "10.0.0.5", "configmap/kube-manager-config"));
	}

}

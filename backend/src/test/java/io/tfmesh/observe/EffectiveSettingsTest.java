package io.tfmesh.observe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.kubernetes.ConfigMapData;
import io.tfmesh.fabric.kubernetes.ContainerSpec;
import io.tfmesh.fabric.kubernetes.DaemonSetInfo;
import io.tfmesh.fabric.kubernetes.EnvSetting;
import io.tfmesh.fabric.kubernetes.EnvSource;
import io.tfmesh.observe.ObservedState.Setting;
import io.tfmesh.observe.ObservedState.SettingDrift;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings each consumer runs with, from its own container spec. The DaemonSets are those of
 * tf-container-builder's {@code kubernetes/manifests/contrail-standalone-kubernetes.yaml}:
 * contrail-kube-manager reads {@code env} then {@code kube-manager-config}, the agent's
 * contrail-vrouter-agent container only {@code env}.
 */
class EffectiveSettingsTest {

	private static final ConfigMapData ENV = map("env", Map.of("CLOUD_ORCHESTRATOR", "kubernetes",
			"KUBERNETES_IP_FABRIC_FORWARDING", "true", "VROUTER_GATEWAY", "10.0.0.1"));

	private static final ConfigMapData KUBE_MANAGER_CONFIG = map("kube-manager-config",
			Map.of("KUBERNETES_API_SERVER", "10.0.0.10", "KUBERNETES_POD_SUBNETS", "10.48.0.0/12"));

	@Test
	void aLaterEnvFromConfigMapWinsAndUnsetKeysTakeTheEntrypointDefault() {
		List<Setting> settings = kubeManager(container(List.of(from("env"), from("kube-manager-config")), List.of()),
				ENV, KUBE_MANAGER_CONFIG);

		assertThat(find(settings, "KUBERNETES_POD_SUBNETS")).isEqualTo(
				new Setting("KUBERNETES_POD_SUBNETS", "10.48.0.0/12", "configmap/kube-manager-config", false));
		assertThat(find(settings, "KUBERNETES_IP_FABRIC_FORWARDING"))
			.isEqualTo(new Setting("KUBERNETES_IP_FABRIC_FORWARDING", "true", "configmap/env", false));
		assertThat(find(settings, "KUBERNETES_SERVICE_SUBNETS"))
			.isEqualTo(new Setting("KUBERNETES_SERVICE_SUBNETS", "10.96.0.0/12", "entrypoint default", false));
	}

	@Test
	void theOrderOfEnvFromDecides() {
		ConfigMapData first = map("first", Map.of("KUBERNETES_POD_SUBNETS", "10.1.0.0/16"));
		ConfigMapData second = map("second", Map.of("KUBERNETES_POD_SUBNETS", "10.2.0.0/16"));

		assertThat(find(kubeManager(container(List.of(from("second"), from("first")), List.of()), first, second),
				"KUBERNETES_POD_SUBNETS").value()).isEqualTo("10.1.0.0/16");
	}

	@Test
	void envWinsOverEnvFromWithLiteralsAndConfigMapKeys() {
		ConfigMapData subnets = map("subnets", Map.of("pods", "10.3.0.0/16"));
		List<Setting> settings = kubeManager(container(List.of(from("env"), from("kube-manager-config")),
				List.of(new EnvSetting("KUBERNETES_POD_SUBNETS", null, "subnets", "pods", null),
						new EnvSetting("CLOUD_ORCHESTRATOR", "kubernetes-literal", null, null, null))),
				ENV, KUBE_MANAGER_CONFIG, subnets);

		assertThat(find(settings, "KUBERNETES_POD_SUBNETS")).isEqualTo(new Setting("KUBERNETES_POD_SUBNETS",
				"10.3.0.0/16", "env from configmap/subnets key pods", false));
		assertThat(find(settings, "CLOUD_ORCHESTRATOR"))
			.isEqualTo(new Setting("CLOUD_ORCHESTRATOR", "kubernetes-literal", "env", false));
	}

	@Test
	void aConfigMapThatDoesNotExistSetsNothing() {
		List<Setting> settings = kubeManager(container(List.of(from("env"), from("gone")), List.of()), ENV);

		assertThat(find(settings, "KUBERNETES_POD_SUBNETS"))
			.isEqualTo(new Setting("KUBERNETES_POD_SUBNETS", "10.32.0.0/12", "entrypoint default", false));
		assertThat(find(settings, "VROUTER_GATEWAY").value()).isEqualTo("10.0.0.1");
	}

	@Test
	void noDefaultStandsInForConfigMapsThatCouldNotBeRead() {
		List<Setting> settings = EffectiveSettings.of(SettingsConsumer.KUBE_MANAGER,
				container(List.of(from("env")), List.of(new EnvSetting("KUBERNETES_CLUSTER_NAME", "east", null, null, null),
						new EnvSetting("KUBERNETES_SERVICE_SUBNETS", null, "env", "X", null))),
				"", Map.of(), false);

		assertThat(find(settings, "KUBERNETES_POD_SUBNETS"))
			.isEqualTo(new Setting("KUBERNETES_POD_SUBNETS", null, "configmap/env could not be read", true));
		assertThat(find(settings, "KUBERNETES_SERVICE_SUBNETS").unknown()).isTrue();
		// a literal of the container spec was read with the DaemonSet
		assertThat(find(settings, "KUBERNETES_CLUSTER_NAME"))
			.isEqualTo(new Setting("KUBERNETES_CLUSTER_NAME", "east", "env", false));
	}

	@Test
	void valuesFromSecretsAndFieldsAreUnknown() {
		List<Setting> settings = kubeManager(container(
				List.of(from("env"), new EnvSource("Secret", "tf-secrets", "", false)),
				List.of(new EnvSetting("KUBERNETES_API_SERVER", null, null, null, "fieldRef"))), ENV);

		assertThat(find(settings, "KUBERNETES_POD_SUBNETS").unknown()).isTrue();
		assertThat(find(settings, "KUBERNETES_POD_SUBNETS").origin()).isEqualTo("secret/tf-secrets is not read by tfmesh");
		assertThat(find(settings, "KUBERNETES_API_SERVER").unknown()).isTrue();
	}

	@Test
	void aContainerThatWasNotReadLeavesEverySettingUnknown() {
		List<Setting> settings = EffectiveSettings.of(SettingsConsumer.VROUTER_AGENT, null,
				"the DaemonSets could not be read", Map.of("env", ENV), true);

		assertThat(settings).isNotEmpty()
			.allSatisfy(setting -> assertThat(setting.unknown()).isTrue())
			.allSatisfy(setting -> assertThat(setting.value()).isNull());
	}

	@Test
	void aKeySetOnlyInKubeManagerConfigLeavesTheAgentOnItsDefault() {
		ConsumerSettings settings = ConsumerSettings.of(standaloneDaemonSets(), List.of(ENV, KUBE_MANAGER_CONFIG), true,
				List.of("env", "kube-manager-config"));

		assertThat(find(settings.vrouterAgent(), "KUBERNETES_POD_SUBNETS"))
			.isEqualTo(new Setting("KUBERNETES_POD_SUBNETS", "10.32.0.0/12", "entrypoint default", false));
		assertThat(EffectiveSettings.drift(settings.kubeManager(), settings.vrouterAgent()))
			.containsExactly(new SettingDrift("KUBERNETES_POD_SUBNETS", "10.48.0.0/12", "configmap/kube-manager-config",
					"10.32.0.0/12", "entrypoint default"));
	}

	@Test
	void noDriftWhereBothReadTheSameValueOrOneIsUnknown() {
		ConfigMapData env = map("env", Map.of("KUBERNETES_POD_SUBNETS", "10.48.0.0/12  10.64.0.0/16",
				"CLOUD_ORCHESTRATOR", "kubernetes"));
		ConsumerSettings same = ConsumerSettings.of(standaloneDaemonSets(),
				List.of(env, map("kube-manager-config", Map.of("KUBERNETES_POD_SUBNETS", "10.48.0.0/12 10.64.0.0/16"))),
				true, List.of());
		ConsumerSettings unread = ConsumerSettings.of(null, List.of(ENV, KUBE_MANAGER_CONFIG), true,
				List.of("env", "kube-manager-config"));

		assertThat(EffectiveSettings.drift(same.kubeManager(), same.vrouterAgent())).isEmpty();
		assertThat(find(unread.kubeManager(), "KUBERNETES_POD_SUBNETS").value()).isEqualTo("10.48.0.0/12");
		assertThat(EffectiveSettings.drift(unread.kubeManager(), unread.vrouterAgent())).isEmpty();
	}

	@Test
	void readsTheConfigMapsTheDaemonSetsReferToAfterTheConfiguredOnes() {
		assertThat(ConsumerSettings.configMapNames(standaloneDaemonSets(), List.of("kube-manager-config", "extra")))
			.containsExactly("kube-manager-config", "extra", "env");
		assertThat(ConsumerSettings.configMapNames(null, List.of("env"))).containsExactly("env");
	}

	private static List<DaemonSetInfo> standaloneDaemonSets() {
		return List.of(
				new DaemonSetInfo("kube-system", "contrail-kube-manager", Map.of("app", "contrail-kube-manager"),
						List.of(new ContainerSpec("contrail-kube-manager", null,
								List.of(from("env"), from("kube-manager-config")), List.of()))),
				new DaemonSetInfo("kube-system", "contrail-agent", Map.of("app", "contrail-agent"),
						List.of(new ContainerSpec("contrail-agent-nodemgr", null,
								List.of(from("env"), from("kube-manager-config")), List.of()),
								new ContainerSpec("contrail-vrouter-agent", null, List.of(from("env")), List.of()))));
	}

	private static List<Setting> kubeManager(ContainerSpec container, ConfigMapData... maps) {
		Map<String, ConfigMapData> byName = new LinkedHashMap<>();
		for (ConfigMapData map : maps) {
			byName.put(map.name(), map);
		}
		return EffectiveSettings.of(SettingsConsumer.KUBE_MANAGER, container, "", byName, true);
	}

	private static ContainerSpec container(List<EnvSource> envFrom, List<EnvSetting> env) {
		return new ContainerSpec("contrail-kube-manager", null, envFrom, env);
	}

	private static EnvSource from(String configMap) {
		return new EnvSource("ConfigMap", configMap, "", false);
	}

	private static ConfigMapData map(String name, Map<String, String> data) {
		return new ConfigMapData("kube-system", name, "1", data);
	}

	private static Setting find(List<Setting> settings, String key) {
		return settings.stream().filter(setting -> setting.key().equals(key)).findFirst().orElseThrow();
	}

}

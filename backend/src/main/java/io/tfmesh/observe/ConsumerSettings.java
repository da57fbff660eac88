package io.tfmesh.observe;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tfmesh.fabric.kubernetes.ConfigMapData;
import io.tfmesh.fabric.kubernetes.ContainerSpec;
import io.tfmesh.fabric.kubernetes.DaemonSetInfo;
import io.tfmesh.fabric.kubernetes.EnvSetting;
import io.tfmesh.fabric.kubernetes.EnvSource;
import io.tfmesh.observe.ObservedState.Setting;
import org.jspecify.annotations.Nullable;

/**
 * The effective settings of kube-manager and of the vrouter agent, each from its own DaemonSet:
 * the single-yaml install gives kube-manager {@code env} and {@code kube-manager-config}, the
 * agent only {@code env}.
 */
record ConsumerSettings(List<Setting> kubeManager, List<Setting> vrouterAgent) {

	/**
	 * @param daemonSets null when they could not be read; kube-manager is then taken to read the
	 * cluster's configured ConfigMaps in order, and the agent's settings are unknown
	 * @param configMapsRead whether the ConfigMaps could be read
	 */
	static ConsumerSettings of(@Nullable List<DaemonSetInfo> daemonSets, List<ConfigMapData> configMaps,
			boolean configMapsRead, List<String> configuredKubeManagerConfigMaps) {
		Map<String, ConfigMapData> byName = new LinkedHashMap<>();
		configMaps.forEach(map -> byName.put(map.name(), map));
		List<DaemonSetInfo> found = daemonSets == null ? List.of() : daemonSets;
		ContainerSpec kubeManager = SettingsConsumer.KUBE_MANAGER.find(found)
			.orElseGet(() -> configured(configuredKubeManagerConfigMaps));
		ContainerSpec agent = SettingsConsumer.VROUTER_AGENT.find(found).orElse(null);
		String unreadAgent = daemonSets == null ? "the DaemonSets could not be read"
				: "no " + SettingsConsumer.VROUTER_AGENT.container() + " container in a "
						+ SettingsConsumer.VROUTER_AGENT.daemonSet() + " DaemonSet";
		return new ConsumerSettings(
				EffectiveSettings.of(SettingsConsumer.KUBE_MANAGER, kubeManager, "", byName, configMapsRead),
				EffectiveSettings.of(SettingsConsumer.VROUTER_AGENT, agent, unreadAgent, byName, configMapsRead));
	}

	/** Every ConfigMap either consumer refers to, after the configured ones. */
	static List<String> configMapNames(@Nullable List<DaemonSetInfo> daemonSets, List<String> configured) {
		Set<String> names = new LinkedHashSet<>(configured);
		if (daemonSets != null) {
			for (SettingsConsumer consumer : List.of(SettingsConsumer.KUBE_MANAGER, SettingsConsumer.VROUTER_AGENT)) {
				consumer.find(daemonSets).ifPresent(container -> {
					container.envFrom()
						.stream()
						.filter(source -> "ConfigMap".equals(source.kind()))
						.forEach(source -> names.add(source.name()));
					container.env()
						.stream()
						.map(EnvSetting::configMap)
						.filter(name -> name != null)
						.forEach(names::add);
				});
			}
		}
		return List.copyOf(names);
	}

	/** kube-manager as the cluster's inventory describes it, when its DaemonSet is not there to say. */
	private static ContainerSpec configured(List<String> configMaps) {
		return new ContainerSpec(SettingsConsumer.KUBE_MANAGER.container(), null,
				configMaps.stream().map(name -> new EnvSource("ConfigMap", name, "", false)).toList(), List.of());
	}

}

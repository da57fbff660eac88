package io.tfmesh.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.tfmesh.fabric.kubernetes.ConfigMapData;
import io.tfmesh.fabric.kubernetes.ContainerSpec;
import io.tfmesh.fabric.kubernetes.EnvSetting;
import io.tfmesh.fabric.kubernetes.EnvSource;
import io.tfmesh.observe.ObservedState.Setting;
import io.tfmesh.observe.ObservedState.SettingDrift;
import org.jspecify.annotations.Nullable;

/**
 * The settings a container runs with, built as Kubernetes builds its environment: the
 * {@code envFrom} sources in order (a later one wins), then {@code env} (which wins over all of
 * them), then the entrypoint's default for a key nothing set. A default is only a fact when every
 * source was read; a value that would come from a source tfmesh could not read is unknown.
 */
final class EffectiveSettings {

	private EffectiveSettings() {
	}

	/**
	 * @param container the container spec, null when it could not be read
	 * @param unreadContainer why the container spec is unknown, when it is
	 * @param configMaps the ConfigMaps read, by name
	 * @param configMapsRead whether the ConfigMaps could be read: when they could, one that is not
	 * among them does not exist
	 */
	static List<Setting> of(SettingsConsumer consumer, @Nullable ContainerSpec container, String unreadContainer,
			Map<String, ConfigMapData> configMaps, boolean configMapsRead) {
		Map<String, Setting> settings = new LinkedHashMap<>();
		if (container == null) {
			consumer.defaults().keySet().forEach(key -> settings.put(key, unknown(key, unreadContainer)));
			return List.copyOf(settings.values());
		}
		consumer.defaults()
			.forEach((key, value) -> settings.put(key, new Setting(key, value, Setting.ENTRYPOINT_DEFAULT, false)));
		for (EnvSource source : container.envFrom()) {
			String origin = source.kind().toLowerCase() + "/" + source.name();
			ConfigMapData map = "ConfigMap".equals(source.kind()) ? configMaps.get(source.name()) : null;
			if (map != null) {
				map.data().forEach((key, value) -> {
					String name = source.prefix() + key;
					if (consumer.follows(name)) {
						settings.put(name, new Setting(name, value, origin, false));
					}
				});
			}
			else if (!"ConfigMap".equals(source.kind())) {
				// tfmesh reads no Secrets: any key may come from one
				settings.replaceAll((key, setting) -> unknown(key, origin + " is not read by tfmesh"));
			}
			else if (!configMapsRead) {
				settings.replaceAll((key, setting) -> unknown(key, origin + " could not be read"));
			}
		}
		for (EnvSetting env : container.env()) {
			if (consumer.follows(env.name())) {
				Setting setting = fromEnv(env, configMaps, configMapsRead);
				if (setting != null) {
					settings.put(env.name(), setting);
				}
			}
		}
		return List.copyOf(settings.values());
	}

	private static @Nullable Setting fromEnv(EnvSetting env, Map<String, ConfigMapData> configMaps,
			boolean configMapsRead) {
		if (env.configMap() != null) {
			String origin = "env from configmap/" + env.configMap() + " key " + env.configMapKey();
			ConfigMapData map = configMaps.get(env.configMap());
			if (map != null) {
				// a key the ConfigMap lacks leaves the variable unset (or the container unstarted)
				return map.data().containsKey(env.configMapKey())
						? new Setting(env.name(), map.data().get(env.configMapKey()), origin, false) : null;
			}
			return configMapsRead ? null : unknown(env.name(), origin + " could not be read");
		}
		if (env.otherSource() != null) {
			return unknown(env.name(), "env from " + env.otherSource() + ", which tfmesh does not read");
		}
		return new Setting(env.name(), env.value() == null ? "" : env.value(), "env", false);
	}

	private static Setting unknown(String key, String why) {
		return new Setting(key, null, why, true);
	}

	/** The shared settings that both consumers are known to run with, and with different values. */
	static List<SettingDrift> drift(List<Setting> kubeManager, List<Setting> vrouterAgent) {
		List<SettingDrift> drift = new ArrayList<>();
		for (String key : SettingsConsumer.SHARED) {
			Setting first = find(kubeManager, key);
			Setting second = find(vrouterAgent, key);
			if (first != null && second != null && !first.unknown() && !second.unknown()
					&& !Objects.equals(normalized(first.value()), normalized(second.value()))) {
				drift.add(new SettingDrift(key, first.value(), first.origin(), second.value(), second.origin()));
			}
		}
		return drift;
	}

	private static @Nullable Setting find(List<Setting> settings, String key) {
		return settings.stream().filter(setting -> setting.key().equals(key)).findFirst().orElse(null);
	}

	/** Both split their subnet settings at whitespace. */
	private static @Nullable String normalized(@Nullable String value) {
		return value == null ? null : String.join(" ", value.strip().split("\\s+"));
	}

}

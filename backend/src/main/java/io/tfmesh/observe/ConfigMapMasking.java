package io.tfmesh.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.tfmesh.fabric.kubernetes.ConfigMapData;

/**
 * TF's ConfigMaps hold a few secrets in plain sight ({@code METADATA_PROXY_SECRET}, keystone and
 * RabbitMQ passwords); tfmesh keeps the keys but never stores or shows those values.
 */
final class ConfigMapMasking {

	static final String MASK = "(hidden)";

	private static final Pattern SECRET_KEY = Pattern
		.compile(".*(SECRET|PASSWORD|PASSWD|_TOKEN|TOKEN_DATA|PRIVATE_KEY|_KEY_DATA).*", Pattern.CASE_INSENSITIVE);

	private ConfigMapMasking() {
	}

	static ConfigMapData mask(ConfigMapData configMap) {
		Map<String, String> data = new LinkedHashMap<>();
		configMap.data().forEach((key, value) -> data.put(key, isSecret(key) ? MASK : value));
		return new ConfigMapData(configMap.namespace(), configMap.name(), configMap.resourceVersion(), data);
	}

	static boolean isSecret(String key) {
		return SECRET_KEY.matcher(key).matches() && !key.endsWith("_FILE");
	}

}

package io.tfmesh.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfmesh.fabric.kubernetes.ConfigMapData;

/**
 * TF's ConfigMaps hold secrets in plain sight: {@code METADATA_PROXY_SECRET}, keystone, RabbitMQ,
 * Redis and Cassandra passwords, the RabbitMQ Erlang cookie, the rndc key of contrail-dns, the
 * Kubernetes token of kube-manager. tfmesh keeps the keys but never stores or shows those values.
 * Some installs (tf-operator) keep whole config files in a ConfigMap, one file per key; in those,
 * the value of each secret setting is hidden and the rest of the file is kept.
 */
final class ConfigMapMasking {

	static final String MASK = "(hidden)";

	/**
	 * Names of secret values: the words, and names that end in TOKEN, PASS or KEY as a word of
	 * their own ({@code RNDC_KEY}, {@code CASSANDRA_REAPER_JMX_KEY}, kube-manager's {@code token}).
	 */
	private static final Pattern SECRET_NAME = Pattern.compile(
			".*(SECRET|PASSWORD|PASSWD|COOKIE|_TOKEN|TOKEN_DATA|PRIVATE_KEY|_KEY_DATA).*|(.*[_.-])?(TOKEN|PASS|KEY)",
			Pattern.CASE_INSENSITIVE);

	/** The path of a file that holds a secret is no secret ({@code K8S_TOKEN_FILE}, {@code WEBUI_SSL_KEY_FILE}). */
	private static final Pattern PATH_NAME = Pattern.compile(".*_FILE", Pattern.CASE_INSENSITIVE);

	/**
	 * One setting of a config file held in a value: INI and Java properties ({@code name = value},
	 * {@code -Dname=value}), shell ({@code NAME="value"}, {@code export NAME=value}, also commented
	 * out) and YAML ({@code name: value}).
	 */
	private static final Pattern SETTING = Pattern.compile(
			"^([ \\t]*(?:[#;][ \\t]*)?(?:export[ \\t]+)?)([-A-Za-z_][-A-Za-z0-9_.]*)([ \\t]*[=:][ \\t]*)(\\S.*?)([ \\t\\r]*)$",
			Pattern.MULTILINE);

	private static final Pattern PRIVATE_KEY_BLOCK = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");

	private ConfigMapMasking() {
	}

	static ConfigMapData mask(ConfigMapData configMap) {
		Map<String, String> data = new LinkedHashMap<>();
		configMap.data().forEach((key, value) -> data.put(key, mask(key, value)));
		return new ConfigMapData(configMap.namespace(), configMap.name(), configMap.resourceVersion(), data);
	}

	static boolean isSecret(String key) {
		return SECRET_NAME.matcher(key).matches() && !PATH_NAME.matcher(key).matches();
	}

	private static String mask(String key, String value) {
		if (isSecret(key) || value != null && PRIVATE_KEY_BLOCK.matcher(value).find()) {
			return MASK;
		}
		if (value == null || value.indexOf('\n') < 0) {
			return value;
		}
		Matcher setting = SETTING.matcher(value);
		StringBuilder masked = new StringBuilder();
		while (setting.find()) {
			if (isSecret(setting.group(2))) {
				setting.appendReplacement(masked, Matcher.quoteReplacement(
						setting.group(1) + setting.group(2) + setting.group(3) + MASK + setting.group(5)));
			}
		}
		setting.appendTail(masked);
		return masked.toString();
	}

}

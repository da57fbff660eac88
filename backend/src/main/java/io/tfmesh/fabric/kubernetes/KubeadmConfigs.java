package io.tfmesh.fabric.kubernetes;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads the {@code ClusterConfiguration} that kubeadm keeps in {@code kube-system/kubeadm-config}. */
final class KubeadmConfigs {

	static final String NAMESPACE = "kube-system";

	static final String NAME = "kubeadm-config";

	static final String KEY = "ClusterConfiguration";

	private KubeadmConfigs() {
	}

	static KubeadmConfig parse(ConfigMap map) {
		String yaml = (map.getData() != null) ? map.getData().get(KEY) : null;
		if (yaml == null) {
			throw invalid("has no " + KEY);
		}
		Object root;
		try {
			root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		}
		catch (YAMLException ex) {
			String problem = ex.getMessage().lines().findFirst().orElse("");
			throw invalid("holds a " + KEY + " that is not valid YAML (" + problem + ")");
		}
		if (!(root instanceof Map<?, ?> config)) {
			throw invalid("holds a " + KEY + " that is not a YAML mapping");
		}
		Object networking = config.get("networking");
		if (networking != null && !(networking instanceof Map)) {
			throw invalid("holds a " + KEY + " whose networking is not a mapping");
		}
		Map<?, ?> network = (networking != null) ? (Map<?, ?>) networking : Map.of();
		return new KubeadmConfig(text(network, "podSubnet"), text(network, "serviceSubnet"),
				text(config, "kubernetesVersion"), text(network, "dnsDomain"),
				map.getMetadata().getResourceVersion());
	}

	private static @Nullable String text(Map<?, ?> map, String key) {
		Object value = map.get(key);
		if (value == null) {
			return null;
		}
		if (value instanceof Map || value instanceof Iterable) {
			throw invalid("holds a " + KEY + " whose " + key + " is not a single value");
		}
		return value.toString();
	}

	private static FabricException invalid(String problem) {
		return new FabricException(KubernetesFailures.SOURCE, Kind.INVALID_RESPONSE, 0,
				"ConfigMap " + NAMESPACE + "/" + NAME + " " + problem);
	}

}

package io.tfmesh.fabric.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tfmesh.fabric.ClusterAccess;

/**
 * A cluster's {@link KubernetesConnector} that borrows the pooled client for each call, so that
 * holding it keeps no connection open.
 */
final class PooledKubernetesConnector implements KubernetesConnector {

	private final ClusterAccess access;

	private final KubernetesConnectors connectors;

	PooledKubernetesConnector(ClusterAccess access, KubernetesConnectors connectors) {
		this.access = access;
		this.connectors = connectors;
	}

	@Override
	public Optional<KubeadmConfig> kubeadmConfig() {
		return connectors.call(access, KubernetesConnector::kubeadmConfig);
	}

	@Override
	public List<ConfigMapData> configMaps(String namespace, List<String> names) {
		return connectors.call(access, connector -> connector.configMaps(namespace, names));
	}

	@Override
	public List<NodeInfo> nodes() {
		return connectors.call(access, KubernetesConnector::nodes);
	}

	@Override
	public List<PodInfo> tfPods(String namespace) {
		return connectors.call(access, connector -> connector.tfPods(namespace));
	}

	@Override
	public List<DaemonSetInfo> tfDaemonSets(String namespace) {
		return connectors.call(access, connector -> connector.tfDaemonSets(namespace));
	}

	@Override
	public List<NamespaceInfo> namespaces() {
		return connectors.call(access, KubernetesConnector::namespaces);
	}

	@Override
	public List<ServiceInfo> services() {
		return connectors.call(access, KubernetesConnector::services);
	}

	@Override
	public ClusterCounts counts() {
		return connectors.call(access, KubernetesConnector::counts);
	}

	@Override
	public ConfigMapData patchConfigMap(String namespace, String name, String expectedResourceVersion,
			Map<String, String> set, List<String> remove) {
		return connectors.call(access,
				connector -> connector.patchConfigMap(namespace, name, expectedResourceVersion, set, remove));
	}

	@Override
	public void deletePod(String namespace, String name) {
		connectors.call(access, connector -> {
			connector.deletePod(namespace, name);
			return null;
		});
	}

	@Override
	public boolean applyService(ServiceExport service) {
		return connectors.call(access, connector -> connector.applyService(service));
	}

	@Override
	public boolean removeService(String namespace, String name) {
		return connectors.call(access, connector -> connector.removeService(namespace, name));
	}

	@Override
	public String toString() {
		return "KubernetesConnector[" + access.clusterName() + "]";
	}

}

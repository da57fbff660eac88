package io.tfmesh.fabric.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tfmesh.fabric.FabricException;

/**
 * What tfmesh reads from and changes in one cluster's Kubernetes API. Every method throws
 * {@link FabricException} with source {@code kubernetes} when the API does not give what was
 * asked, and nothing else.
 */
public interface KubernetesConnector {

	/**
	 * kubeadm's {@code ClusterConfiguration} from the ConfigMap {@code kube-system/kubeadm-config}.
	 * @return empty when there is no such ConfigMap (the cluster was not set up by kubeadm)
	 * @throws FabricException {@code INVALID_RESPONSE} when its YAML cannot be read
	 */
	Optional<KubeadmConfig> kubeadmConfig();

	/** @return the named ConfigMaps in the given order, leaving out those that do not exist */
	List<ConfigMapData> configMaps(String namespace, List<String> names);

	List<NodeInfo> nodes();

	/**
	 * The Tungsten Fabric pods of a namespace, each with its containers: those whose name or
	 * {@code app} label starts with {@code contrail}, and the zookeeper, rabbitmq and redis pods
	 * of DaemonSets (or whose labels mention {@code contrail}).
	 */
	List<PodInfo> tfPods(String namespace);

	/**
	 * The Tungsten Fabric DaemonSets of a namespace (named like their pods, see
	 * {@link #tfPods(String)}), with where each container's settings come from.
	 */
	List<DaemonSetInfo> tfDaemonSets(String namespace);

	/**
	 * Every namespace with its {@code opencontrail.org/} annotations, which can override how
	 * kube-manager places the namespace's pods.
	 */
	List<NamespaceInfo> namespaces();

	/**
	 * The pods that hold a pod-network address and the services that hold a cluster IP, in all
	 * namespaces, read in pages so that a large cluster is never listed in one answer.
	 */
	ClusterCounts counts();

	/**
	 * Sets the given keys of a ConfigMap, leaving its other keys alone, unless it changed since
	 * it was read.
	 * @param expectedResourceVersion the version the change was planned against
	 * @return the ConfigMap after the change
	 * @throws FabricException {@code CONFLICT} when the ConfigMap's version is no longer the
	 * expected one; nothing was changed then. {@code NOT_FOUND} when it does not exist.
	 */
	default ConfigMapData patchConfigMap(String namespace, String name, String expectedResourceVersion,
			Map<String, String> set) {
		return patchConfigMap(namespace, name, expectedResourceVersion, set, List.of());
	}

	/**
	 * Sets the given keys of a ConfigMap and removes others, leaving the rest alone, unless it
	 * changed since it was read.
	 * @param remove keys that end absent; a key that is absent already is no change
	 * @return the ConfigMap after the change
	 * @throws FabricException {@code CONFLICT} when the ConfigMap's version is no longer the
	 * expected one; nothing was changed then. {@code NOT_FOUND} when it does not exist.
	 */
	ConfigMapData patchConfigMap(String namespace, String name, String expectedResourceVersion,
			Map<String, String> set, List<String> remove);

	/**
	 * Deletes a pod; its controller (a DaemonSet for Tungsten Fabric's) starts a new one.
	 * @throws FabricException {@code NOT_FOUND} when there is no such pod
	 */
	void deletePod(String namespace, String name);

	/**
	 * Creates or updates a Service without selector and the EndpointSlices that point it at the
	 * given addresses (one per address family), all labelled as managed by tfmesh. What is in
	 * place already is not written again.
	 * @return whether anything was written
	 * @throws FabricException {@code CONFLICT} when a Service or EndpointSlice of that name exists
	 * that tfmesh does not manage; {@code BAD_REQUEST} when an address is not an IP address
	 */
	boolean applyService(ServiceExport service);

	/**
	 * Deletes a Service that tfmesh manages and its EndpointSlices; one that tfmesh does not
	 * manage is left alone.
	 * @return whether anything was deleted: false when there is no such Service, or when it and
	 * its slices were gone already
	 * @throws FabricException {@code CONFLICT} when a Service of that name exists that tfmesh
	 * does not manage
	 */
	boolean removeService(String namespace, String name);

}

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
	 * The Tungsten Fabric pods of a namespace: those whose name or {@code app} label starts with
	 * {@code contrail}, and the rabbitmq, zookeeper and redis pods whose labels mark them as
	 * Contrail's (a label key or value mentioning {@code contrail}).
	 */
	List<PodInfo> tfPods(String namespace);

	/** Pods and services in all namespaces. */
	ClusterCounts counts();

	/**
	 * Sets the given keys of a ConfigMap, leaving its other keys alone, unless it changed since
	 * it was read.
	 * @param expectedResourceVersion the version the change was planned against
	 * @return the ConfigMap after the change
	 * @throws FabricException {@code CONFLICT} when the ConfigMap's version is no longer the
	 * expected one; nothing was changed then. {@code NOT_FOUND} when it does not exist.
	 */
	ConfigMapData patchConfigMap(String namespace, String name, String expectedResourceVersion,
			Map<String, String> set);

	/**
	 * Deletes a pod; its controller (a DaemonSet for Tungsten Fabric's) starts a new one.
	 * @throws FabricException {@code NOT_FOUND} when there is no such pod
	 */
	void deletePod(String namespace, String name);

	/**
	 * Creates or updates a Service without selector and the EndpointSlices that point it at the
	 * given addresses (one per address family), all labelled as managed by tfmesh.
	 * @throws FabricException {@code CONFLICT} when a Service or EndpointSlice of that name exists
	 * that tfmesh does not manage; {@code BAD_REQUEST} when an address is not an IP address
	 */
	void applyService(ServiceExport service);

}

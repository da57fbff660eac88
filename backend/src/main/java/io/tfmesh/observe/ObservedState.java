package io.tfmesh.observe;

import java.time.Instant;
import java.util.List;

import io.tfmesh.fabric.kubernetes.ClusterCounts;
import io.tfmesh.fabric.kubernetes.ConfigMapData;
import io.tfmesh.fabric.kubernetes.KubeadmConfig;
import io.tfmesh.fabric.kubernetes.NodeInfo;
import io.tfmesh.fabric.kubernetes.PodInfo;
import io.tfmesh.fabric.tf.BgpRouter;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.fabric.tf.VirtualNetwork;
import org.jspecify.annotations.Nullable;

/**
 * What one cluster really had when tfmesh read it, source by source. A source that failed is
 * reported with its reason and leaves its part empty; the others are kept.
 *
 * @param revision hash of the observed content (not of when or how fast it was read): the base
 * revision that change plans record
 * @param complete whether every source answered
 * @param kubeManagerConfigMaps the kube-manager ConfigMaps, with secret-looking values masked
 * @param kubeManager the settings kube-manager runs with: ConfigMap values, else its entrypoint's
 * defaults
 * @param health contrail-status of each TF service on each node
 * @param counts pods and services in all namespaces, when they could be read
 */
public record ObservedState(long clusterId, String clusterName, Instant observedAt, long durationMs, boolean complete,
		String revision, List<SourceReading> sources, @Nullable KubeadmConfig kubeadm,
		List<ConfigMapData> kubeManagerConfigMaps, List<KubeManagerSetting> kubeManager, List<NodeInfo> nodes,
		List<PodInfo> tfPods, @Nullable TfConfig tungstenFabric, List<ProcessHealth> health,
		@Nullable ClusterCounts counts) {

	/**
	 * How one source answered.
	 *
	 * @param status {@code ok}, {@code failed}, {@code timeout} or {@code skipped}
	 * @param failure the failure's kind ({@code UNREACHABLE}, {@code UNAUTHORIZED}, ...), when it failed
	 */
	public record SourceReading(String source, String status, @Nullable String failure, @Nullable String message,
			long durationMs) {

		public boolean ok() {
			return "ok".equals(status);
		}

	}

	/**
	 * One effective kube-manager setting.
	 *
	 * @param origin {@code configmap/<name>} where it was set, or {@code default} for the
	 * container entrypoint's default
	 */
	public record KubeManagerSetting(String key, @Nullable String value, String origin) {
	}

	/** The TF config API's objects that address planning and peering depend on. */
	public record TfConfig(@Nullable Long autonomousSystem, List<NetworkIpam> networkIpams,
			List<VirtualNetwork> virtualNetworks, List<BgpRouter> bgpRouters) {
	}

	/**
	 * One line of contrail-status, with where and when it was read.
	 *
	 * @param source {@code introspect <address>:<port>} (with why it could not be read, when it
	 * could not), or the container whose state stood for the service
	 * @param container the Kubernetes container of the service, null when the node has none
	 */
	public record ProcessHealth(String node, String pod, String service, String state, @Nullable String description,
			String source, Instant readAt, @Nullable String container) {
	}

	public @Nullable String setting(String key) {
		// a setting may hold null (an entrypoint default that is computed at run time), which
		// Stream.findFirst cannot carry
		return kubeManager.stream().filter(s -> s.key().equals(key)).findFirst().map(KubeManagerSetting::value)
			.orElse(null);
	}

}

package io.tfmesh.fabric.kubernetes;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A Service as the cluster has it.
 *
 * @param type {@code ClusterIP}, {@code NodePort}, {@code LoadBalancer} or {@code ExternalName}
 * @param clusterIps the service's cluster addresses; empty for a headless service
 */
public record ServiceInfo(String namespace, String name, @Nullable String type, List<String> clusterIps,
		List<ServicePort> ports) {

	public ServiceInfo {
		clusterIps = clusterIps == null ? List.of() : List.copyOf(clusterIps);
		ports = ports == null ? List.of() : List.copyOf(ports);
	}

}

package io.tfmesh.sandbox;

import java.util.List;

/** An emulated cluster's endpoints, as the sandbox page and endpoint list them. */
public record SandboxView(String cluster, String cloud, String kubernetesApi, String tfConfigApi,
		List<Node> nodes, boolean controlStuck) {

	public record Node(String name, String address, List<Process> processes) {
	}

	/** One TF process: where its introspect answers and what it reports now. */
	public record Process(String pod, String service, int port, String state, String description) {
	}

	static SandboxView of(EmulatedCluster cluster) {
		List<Node> nodes = cluster.nodes()
			.values()
			.stream()
			.map(node -> new Node(node.nodeName(), node.nodeAddress(), node.services()
				.stream()
				.map(service -> {
					var status = node.process(service);
					return new Process(service.pod(), service.service(), service.port(),
							status.state(), status.description() == null ? "" : status.description());
				})
				.toList()))
			.toList();
		return new SandboxView(cluster.seed().name(), cluster.seed().cloud(), cluster.kubernetes().url(),
				cluster.tungstenFabric().url(), nodes, cluster.controlStuck());
	}

}

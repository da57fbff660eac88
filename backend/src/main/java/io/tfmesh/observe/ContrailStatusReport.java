package io.tfmesh.observe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.introspect.ContrailStatusFormat;
import io.tfmesh.fabric.introspect.ServiceStatus;
import io.tfmesh.observe.ObservedState.ProcessHealth;

/** contrail-status of every node of a cluster, as contrail-status prints it on each node. */
final class ContrailStatusReport {

	private ContrailStatusReport() {
	}

	static String text(ObservedState state) {
		StringBuilder text = new StringBuilder();
		byNode(state.health()).forEach((node, readings) -> {
			text.append("Node ").append(node).append(", observed ").append(state.observedAt()).append("\n\n");
			text.append(ContrailStatusFormat.text(readings.stream()
				.map(reading -> new ServiceStatus(reading.pod(), reading.service(), reading.state(),
						reading.description()))
				.toList()));
		});
		if (text.isEmpty()) {
			text.append("No TF service was read: ")
				.append(state.sources()
					.stream()
					.filter(source -> !source.ok())
					.map(source -> source.source() + " " + source.status()
							+ (source.message() == null ? "" : " (" + source.message() + ")"))
					.reduce((a, b) -> a + "; " + b)
					.orElse("the cluster has no TF pods"))
				.append('\n');
		}
		return text.toString();
	}

	static Map<String, List<ProcessHealth>> byNode(List<ProcessHealth> health) {
		Map<String, List<ProcessHealth>> nodes = new LinkedHashMap<>();
		for (ProcessHealth reading : health) {
			nodes.computeIfAbsent(reading.node(), node -> new java.util.ArrayList<>()).add(reading);
		}
		return nodes;
	}

}

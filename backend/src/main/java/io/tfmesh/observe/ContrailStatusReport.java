package io.tfmesh.observe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.observe.ObservedState.ProcessHealth;

/** contrail-status readings grouped by node, as contrail-status prints them on each node. */
final class ContrailStatusReport {

	private ContrailStatusReport() {
	}

	static Map<String, List<ProcessHealth>> byNode(List<ProcessHealth> health) {
		Map<String, List<ProcessHealth>> nodes = new LinkedHashMap<>();
		for (ProcessHealth reading : health) {
			nodes.computeIfAbsent(reading.node(), node -> new java.util.ArrayList<>()).add(reading);
		}
		return nodes;
	}

}

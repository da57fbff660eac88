package io.tfmesh.health;

import java.util.List;

import io.tfmesh.fabric.ClusterAccessChanged;
import io.tfmesh.observe.ClusterObserved;
import io.tfmesh.observe.ObservedState;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A full observation reads the same contrail-status as a poll: its readings are stored as the
 * latest, so the health API and the observation never disagree about what was last read.
 */
@Component
class ObservedHealth {

	private static final String NODES_SOURCE = "kubernetes/nodes";

	private final HealthService health;

	private final HealthMetrics metrics;

	ObservedHealth(HealthService health, HealthMetrics metrics) {
		this.health = health;
		this.metrics = metrics;
	}

	@EventListener
	void on(ClusterObserved observed) {
		ObservedState state = observed.state();
		List<Reading> readings = state.health()
			.stream()
			.map(p -> new Reading(p.node(), p.pod(), p.service(), p.state(), p.description(), p.source(), p.readAt()))
			.toList();
		List<String> nodes = state.read(NODES_SOURCE) ? state.nodes().stream().map(node -> node.name()).toList() : null;
		health.record(state.clusterId(), state.clusterName(), readings, nodes);
	}

	@EventListener
	void on(ClusterAccessChanged changed) {
		if (changed.deleted()) {
			metrics.forget(changed.clusterId());
		}
	}

}

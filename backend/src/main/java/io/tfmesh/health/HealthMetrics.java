package io.tfmesh.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.springframework.stereotype.Component;

/**
 * Prometheus meters of the health collectors: {@code tfmesh_health_service_state} is 1 for
 * each service with its current state as a tag (a state change replaces the series),
 * {@code tfmesh_health_services} counts each cluster's services per state, and
 * {@code tfmesh_health_polls_total} and {@code tfmesh_health_poll_failures_total} count
 * polls of a cluster and those that could not read its TF pods.
 */
@Component
class HealthMetrics {

	private final MeterRegistry meters;

	private final MultiGauge services;

	private final MultiGauge counts;

	private final Map<Long, List<MultiGauge.Row<?>>> serviceRows = new ConcurrentHashMap<>();

	private final Map<Long, List<MultiGauge.Row<?>>> countRows = new ConcurrentHashMap<>();

	HealthMetrics(MeterRegistry meters) {
		this.meters = meters;
		this.services = MultiGauge.builder("tfmesh.health.service.state")
			.description("1 for each TF service of each node, tagged with its state as tfmesh serves it")
			.register(meters);
		this.counts = MultiGauge.builder("tfmesh.health.services")
			.description("TF services of a cluster in each state")
			.register(meters);
	}

	/** Replaces the cluster's series with what its readings say now. */
	synchronized void record(long clusterId, String clusterName, List<ServedReading> served) {
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		for (ServedReading reading : served) {
			rows.add(MultiGauge.Row.of(Tags.of("cluster", clusterName, "node", reading.node(), "pod", reading.pod(),
					"service", reading.service(), "state", reading.state()), 1));
		}
		serviceRows.put(clusterId, rows);
		List<MultiGauge.Row<?>> perState = new ArrayList<>();
		HealthReadings.counts(served)
			.forEach((state, count) -> perState.add(MultiGauge.Row.of(Tags.of("cluster", clusterName, "state", state),
					count)));
		countRows.put(clusterId, perState);
		services.register(serviceRows.values().stream().flatMap(List::stream).toList(), true);
		counts.register(countRows.values().stream().flatMap(List::stream).toList(), true);
	}

	void polled(String clusterName, boolean failed) {
		Counter.builder("tfmesh.health.polls")
			.description("Polls of a cluster's TF services")
			.tag("cluster", clusterName)
			.register(meters)
			.increment();
		if (failed) {
			Counter.builder("tfmesh.health.poll.failures")
				.description("Polls of a cluster that could not read its nodes or TF pods")
				.tag("cluster", clusterName)
				.register(meters)
				.increment();
		}
	}

	/** Introspect reads that did not answer, per cluster. */
	void unread(String clusterName, int count) {
		if (count > 0) {
			Counter.builder("tfmesh.health.read.failures")
				.description("Introspect reads that did not answer (timeout, unreachable, bad answer)")
				.tag("cluster", clusterName)
				.register(meters)
				.increment(count);
		}
	}

	/** Removes a deleted cluster's series. */
	synchronized void forget(long clusterId) {
		serviceRows.remove(clusterId);
		countRows.remove(clusterId);
		services.register(serviceRows.values().stream().flatMap(List::stream).toList(), true);
		counts.register(countRows.values().stream().flatMap(List::stream).toList(), true);
	}

}

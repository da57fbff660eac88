package io.tfmesh.apply;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tfmesh.observe.ObservationService;
import io.tfmesh.observe.ObservedState;

import org.springframework.stereotype.Component;

/**
 * Observes the clusters of a plan at once, a bounded number at a time: a plan over a hundred
 * clusters would otherwise wait for a hundred observations one after another before its first
 * step, and again after its last.
 */
@Component
class ParallelObservation {

	/** At most this many clusters are read at the same time. */
	static final int AT_ONCE = 8;

	/** Readings of a cluster whose sources did not all answer, before it counts as incomplete. */
	static final int READINGS = 3;

	private final ObservationService observations;

	ParallelObservation(ObservationService observations) {
		this.observations = observations;
	}

	/** @return per cluster, in the given order, what it was observed to have or why it could not be */
	Map<Long, Outcome> observe(Collection<Long> clusterIds) {
		Map<Long, Outcome> outcomes = new LinkedHashMap<>();
		if (clusterIds.isEmpty()) {
			return outcomes;
		}
		ExecutorService pool = Executors.newFixedThreadPool(Math.min(AT_ONCE, clusterIds.size()), runnable -> {
			Thread thread = new Thread(runnable, "plan-observation");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Map.Entry<Long, Future<ObservedState>>> futures = new ArrayList<>();
			for (long clusterId : clusterIds) {
				futures.add(Map.entry(clusterId, pool.submit(() -> observations.observeComplete(clusterId, READINGS))));
			}
			for (Map.Entry<Long, Future<ObservedState>> future : futures) {
				outcomes.put(future.getKey(), outcome(future.getValue()));
			}
			return outcomes;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static Outcome outcome(Future<ObservedState> future) {
		try {
			return new Outcome(future.get(), null);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause() == null ? ex : ex.getCause();
			return new Outcome(null, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome(null, "interrupted");
		}
	}

	/** One cluster's observation, or why there is none. */
	record Outcome(ObservedState observed, String failure) {

		boolean failed() {
			return observed == null;
		}

	}

}

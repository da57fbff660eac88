package io.tfmesh.observe;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.tfmesh.inventory.ClusterRegistered;
import io.tfmesh.system.error.NotFoundException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Observes a cluster as soon as it is registered, in the background: the registration answers
 * without waiting for a slow cluster, and the cluster's page shows a first observation within
 * the observation's time bound instead of "never observed" until the next scheduled round.
 */
@Component
class FirstObservation {

	private static final Logger log = LoggerFactory.getLogger(FirstObservation.class);

	private final ObservationService observations;

	private final ExecutorService executor;

	FirstObservation(ObservationService observations) {
		this.observations = observations;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("first-observation-");
		threads.setDaemon(true);
		// each observation is bounded in time; a burst of registrations waits its turn
		ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				threads);
		pool.allowCoreThreadTimeOut(true);
		this.executor = pool;
	}

	@PreDestroy
	void close() {
		executor.shutdownNow();
	}

	@EventListener
	void registered(ClusterRegistered registered) {
		executor.execute(() -> observe(registered));
	}

	private void observe(ClusterRegistered registered) {
		try {
			observations.observe(registered.clusterId());
		}
		catch (NotFoundException ex) {
			// deleted before its first observation
		}
		catch (RuntimeException ex) {
			log.warn("The first observation of cluster {} failed: {}", registered.clusterName(), ex.toString());
		}
	}

}

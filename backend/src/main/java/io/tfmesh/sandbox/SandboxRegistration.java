package io.tfmesh.sandbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import io.tfmesh.inventory.CloudRequest;
import io.tfmesh.inventory.CloudService;
import io.tfmesh.inventory.ClusterRequest;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.inventory.KubernetesAuth;
import io.tfmesh.inventory.TfAuth;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.sandbox.SeedStory.SeedCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Registers the emulated clusters and their clouds in the inventory on first start, like any
 * other cluster, and has them observed so their pages show what they have.
 */
@Component
@Profile("sandbox")
class SandboxRegistration {

	private static final Logger log = LoggerFactory.getLogger(SandboxRegistration.class);

	private final Sandbox sandbox;

	private final CloudService clouds;

	private final ClusterService clusters;

	private final ObservationService observations;

	private final ExecutorService executor;

	SandboxRegistration(Sandbox sandbox, CloudService clouds, ClusterService clusters,
			ObservationService observations, @Qualifier("fabricExecutor") ExecutorService executor) {
		this.sandbox = sandbox;
		this.clouds = clouds;
		this.clusters = clusters;
		this.observations = observations;
		this.executor = executor;
	}

	@EventListener(ApplicationReadyEvent.class)
	void register() {
		SandboxSettings settings = sandbox.settings();
		for (SeedCluster seed : SeedStory.clusters()) {
			long cloudId = clouds.findByName(seed.cloud())
				.map(cloud -> cloud.id())
				.orElseGet(() -> clouds.create(new CloudRequest(seed.cloud(), seed.provider(), seed.region(),
						List.of(seed.underlay()), seed.gateway(), null)).id());
			long clusterId = clusters.findByName(seed.name())
				.map(cluster -> cluster.id())
				.orElseGet(() -> clusters.create(request(seed, cloudId, settings)).id());
			if (settings.observeOnStart()) {
				executor.execute(() -> observe(clusterId, seed.name()));
			}
		}
	}

	private void observe(long clusterId, String name) {
		try {
			observations.observe(clusterId);
		}
		catch (RuntimeException ex) {
			log.warn("The first observation of sandbox cluster {} failed: {}", name, ex.toString());
		}
	}

	private static ClusterRequest request(SeedCluster seed, long cloudId, SandboxSettings settings) {
		// the emulated API server takes any bearer token
		ClusterRequest.KubernetesAccess kubernetes = new ClusterRequest.KubernetesAccess(
				"http://127.0.0.1:" + seed.kubernetesPort(settings), KubernetesAuth.TOKEN, null,
				"sandbox-" + seed.name(), null);
		ClusterRequest.TfAccess tf = new ClusterRequest.TfAccess("http://127.0.0.1:" + seed.tfPort(settings),
				TfAuth.NOAUTH, null);
		return new ClusterRequest(seed.name(), cloudId, kubernetes, tf, "k8s", SeedStory.TF_ASN,
				List.of(seed.masterAddress(settings)), ClusterRequest.KubeManagerLocation.DEFAULT,
				Map.of("sandbox", "true"), null);
	}

}

package io.tfmesh.sandbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import io.tfmesh.inventory.CloudRequest;
import io.tfmesh.inventory.CloudService;
import io.tfmesh.inventory.ClusterRequest;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.inventory.ClusterView;
import io.tfmesh.inventory.KubernetesAuth;
import io.tfmesh.inventory.TfAuth;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.sandbox.SeedStory.SeedCluster;
import org.slf4j.Logger;
import org.jspecify.annotations.Nullable;
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
		for (EmulatedCluster emulated : sandbox.clusters()) {
			SeedCluster seed = emulated.seed();
			long cloudId = clouds.findByName(seed.cloud())
				.map(cloud -> cloud.id())
				.orElseGet(() -> clouds.create(new CloudRequest(seed.cloud(), seed.provider(), seed.region(),
						List.of(seed.underlay()), seed.gateway(), null)).id());
			long clusterId = clusters.findByName(seed.name())
				.map(cluster -> repoint(cluster, emulated, cloudId))
				.orElseGet(() -> clusters.create(request(emulated, cloudId, settings, null)).id());
			if (settings.observeOnStart()) {
				executor.execute(() -> observe(clusterId, seed.name()));
			}
		}
	}

	/**
	 * An emulated cluster listens where this start put it (any free port when the base port is
	 * 0, other node addresses when the prefix changed); a cluster registered by an earlier start
	 * is moved there.
	 */
	private long repoint(ClusterView registered, EmulatedCluster emulated, long cloudId) {
		boolean moved = !registered.kubernetes().apiUrl().equals(emulated.kubernetes().url())
				|| !registered.tungstenFabric().apiUrl().equals(emulated.tungstenFabric().url())
				|| !registered.controlNodes().equals(List.of(emulated.seed().masterAddress(sandbox.settings())));
		if (moved) {
			log.info("Sandbox cluster {} now listens on {} and {}", registered.name(), emulated.kubernetes().url(),
					emulated.tungstenFabric().url());
			clusters.update(registered.id(),
					request(emulated, registered.cloudId(), sandbox.settings(), registered.labels()),
					registered.version());
		}
		return registered.id();
	}

	private void observe(long clusterId, String name) {
		try {
			observations.observe(clusterId);
		}
		catch (RuntimeException ex) {
			log.warn("The first observation of sandbox cluster {} failed: {}", name, ex.toString());
		}
	}

	private static ClusterRequest request(EmulatedCluster emulated, long cloudId, SandboxSettings settings,
			@Nullable Map<String, String> labels) {
		SeedCluster seed = emulated.seed();
		// the emulated API server takes any bearer token
		ClusterRequest.KubernetesAccess kubernetes = new ClusterRequest.KubernetesAccess(emulated.kubernetes().url(),
				KubernetesAuth.TOKEN, null, "sandbox-" + seed.name(), null);
		ClusterRequest.TfAccess tf = new ClusterRequest.TfAccess(emulated.tungstenFabric().url(), TfAuth.NOAUTH, null);
		return new ClusterRequest(seed.name(), cloudId, kubernetes, tf, "k8s", SeedStory.TF_ASN,
				List.of(seed.masterAddress(settings)), ClusterRequest.KubeManagerLocation.DEFAULT,
				labels == null ? Map.of("sandbox", "true") : labels, null);
	}

}

package io.tfmesh.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tfmesh.sandbox.SeedStory.SeedCluster;
import io.tfmesh.system.TfmeshSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The emulated clusters of the sandbox profile, started with tfmesh and stopped with it. */
@Component
@Profile("sandbox")
class Sandbox implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

	private final SandboxSettings settings;

	private final TfmeshSettings tfmesh;

	private final JsonMapper json;

	private final Map<String, EmulatedCluster> clusters = new LinkedHashMap<>();

	private volatile boolean running;

	Sandbox(SandboxSettings settings, TfmeshSettings tfmesh, JsonMapper json) {
		this.settings = settings;
		this.tfmesh = tfmesh;
		this.json = json;
	}

	@Override
	public synchronized void start() {
		try {
			for (SeedCluster seed : SeedStory.clusters()) {
				EmulatedCluster cluster = EmulatedCluster.start(seed, settings, tfmesh.dataDir(), json);
				clusters.put(seed.name(), cluster);
				log.info("Sandbox cluster {}: Kubernetes API {}, TF config API {}, nodes {}", seed.name(),
						cluster.kubernetes().url(), cluster.tungstenFabric().url(), nodeAddresses(cluster));
			}
			List<EmulatedCluster> all = List.copyOf(clusters.values());
			all.forEach(cluster -> cluster.others(all));
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
		running = true;
	}

	@Override
	public synchronized void stop() {
		clusters.values().forEach(EmulatedCluster::close);
		clusters.clear();
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private static String nodeAddresses(EmulatedCluster cluster) {
		return cluster.nodes()
			.values()
			.stream()
			.map(node -> node.nodeName() + "=" + node.nodeAddress())
			.reduce((a, b) -> a + ", " + b)
			.orElse("none");
	}

	/** Puts the seed story back in every emulated cluster. */
	synchronized void reset() {
		clusters.values().forEach(EmulatedCluster::reset);
	}

	synchronized List<EmulatedCluster> clusters() {
		return List.copyOf(clusters.values());
	}

	synchronized Optional<EmulatedCluster> cluster(String name) {
		return Optional.ofNullable(clusters.get(name));
	}

	SandboxSettings settings() {
		return settings;
	}

}

package io.tfmesh.observe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.observe.ClusterObserver.Observation;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads clusters and keeps what was read. */
@Service
public class ObservationService {

	private final ClusterService clusters;

	private final ClusterObserver observer;

	private final ObservationStore store;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	ObservationService(ClusterService clusters, ClusterObserver observer, ObservationStore store, JsonMapper json,
			ApplicationEventPublisher events) {
		this.clusters = clusters;
		this.observer = observer;
		this.store = store;
		this.json = json;
		this.events = events;
	}

	/** Reads the cluster now, stores the snapshot and returns it. */
	public ObservedState observe(long clusterId) {
		ClusterAccess access = clusters.access(clusterId);
		Observation observation = observer.observe(access);
		ObservedState state = new ObservedState(access.clusterId(), access.clusterName(), observation.observedAt(),
				observation.duration().toMillis(), observation.complete(), revision(observation),
				observation.sources(), observation.kubeadm(), observation.configMaps(), observation.kubeManager(),
				observation.nodes(), observation.tfPods(), observation.tungstenFabric(), observation.health(),
				observation.counts(), observation.vrouterAgent(), observation.settingDrift(), observation.forwarding(),
				UnknownFields.of(observation), observation.namespaces(), observation.services());
		store.save(state);
		events.publishEvent(new ClusterObserved(state));
		return state;
	}

	/**
	 * Reads the cluster until every source answered, at most {@code readings} times, and returns
	 * the last reading: an API that fails now and then must not stop a plan on its cluster, while
	 * one that keeps failing still leaves an incomplete observation naming it.
	 */
	public ObservedState observeComplete(long clusterId, int readings) {
		ObservedState observed = observe(clusterId);
		for (int reading = 1; reading < readings && !observed.complete(); reading++) {
			observed = observe(clusterId);
		}
		return observed;
	}

	public Optional<ObservedState> latest(long clusterId) {
		clusters.get(clusterId);
		return store.latest(clusterId);
	}

	/**
	 * The latest observation of each of these clusters, read together: a mesh of thousands of
	 * members is read in one query, not one per member. A cluster never observed has no entry.
	 */
	public Map<Long, ObservedState> latest(Collection<Long> clusterIds) {
		return clusterIds.isEmpty() ? Map.of() : store.latest(clusterIds);
	}

	/**
	 * Identifies what the cluster is configured with, so that a plan computed against it goes
	 * stale when it changes; health, readiness and timings are left out, since they move on
	 * their own.
	 */
	private String revision(Observation observation) {
		Map<String, Object> content = new LinkedHashMap<>();
		content.put("kubeadm", observation.kubeadm());
		content.put("configMaps", observation.configMaps());
		content.put("kubeManager", observation.kubeManager());
		content.put("vrouterAgent", observation.vrouterAgent());
		content.put("forwarding", observation.forwarding());
		content.put("nodes", observation.nodes()
			.stream()
			.map(node -> List.of(node.name(), node.addresses(), node.roles()))
			.toList());
		content.put("tfPods", observation.tfPods().stream().map(pod -> pod.name()).sorted().toList());
		content.put("tungstenFabric", observation.tungstenFabric());
		content.put("sources", observation.sources().stream().map(source -> source.source() + ":" + source.status()).toList());
		try {
			// sorted map keys: the same content always gives the same text
			String text = json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(content);
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

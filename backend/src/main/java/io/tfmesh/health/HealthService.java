package io.tfmesh.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.inventory.ClusterService;
import io.tfmesh.inventory.ClusterView;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Keeps the readings of the clusters' TF services and says what they mean now. */
@Service
public class HealthService {

	private final ClusterService clusters;

	private final HealthStore store;

	private final PeeringStore peering;

	private final HealthSettings settings;

	private final HealthMetrics metrics;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	HealthService(ClusterService clusters, HealthStore store, PeeringStore peering, HealthSettings settings,
			HealthMetrics metrics, ApplicationEventPublisher events, Clock clock) {
		this.clusters = clusters;
		this.store = store;
		this.peering = peering;
		this.settings = settings;
		this.metrics = metrics;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Stores what was read of a cluster and announces it when the cluster turned unhealthy, or
	 * healthy again.
	 * @param nodes the cluster's nodes when they were read (readings of others are dropped), or null
	 */
	void record(long clusterId, String clusterName, List<Reading> readings, @Nullable Collection<String> nodes) {
		store.save(clusterId, readings, nodes);
		evaluate(clusterId, clusterName);
	}

	/**
	 * Stores the control nodes' neighbor lists and the TF containers' restart counts of one poll,
	 * before its readings are recorded and diagnosed.
	 */
	void recordPeering(long clusterId, List<BgpNeighborList> neighbors, List<PeeringStore.Sample> restarts) {
		Instant now = clock.instant();
		peering.saveNeighbors(clusterId, neighbors);
		peering.saveRestarts(clusterId, restarts, now);
	}

	/**
	 * Each control node's neighbors as they are served now: a list that was not read, or is
	 * too old, is unknown.
	 * @throws io.tfmesh.system.error.NotFoundException when there is no such cluster
	 */
	public List<ServedNeighbors> bgpNeighbors(long clusterId) {
		clusters.get(clusterId);
		Instant now = clock.instant();
		return peering.neighbors(clusterId)
			.stream()
			.map(list -> ServedNeighbors.of(list, now, settings.staleAfter()))
			.toList();
	}

	/**
	 * The restart counts of the cluster's TF containers at the last two polls; counts too old to
	 * trust are left out.
	 * @throws io.tfmesh.system.error.NotFoundException when there is no such cluster
	 */
	public List<ContainerRestarts> restarts(long clusterId) {
		clusters.get(clusterId);
		Instant now = clock.instant();
		return peering.restarts(clusterId)
			.stream()
			.filter(r -> Duration.between(r.readAt(), now).compareTo(settings.staleAfter()) < 0)
			.toList();
	}

	/**
	 * Publishes {@link ClusterHealthChanged} when the cluster's health is not what was last
	 * recorded; a cluster's first verdict is announced only when it is unhealthy.
	 */
	void evaluate(long clusterId, String clusterName) {
		Instant now = clock.instant();
		List<ServedReading> served = served(clusterId, now);
		metrics.record(clusterId, clusterName, served);
		boolean healthy = HealthReadings.healthy(served);
		String verdict = HealthReadings.verdict(served);
		store.transition(clusterId, healthy, verdict, now)
			.filter(change -> !change.first() || !healthy)
			.ifPresent(change -> events.publishEvent(new ClusterHealthChanged(clusterId, clusterName, healthy, verdict,
					now)));
		events.publishEvent(new HealthEvaluated(clusterId, clusterName));
	}

	/**
	 * The cluster's health now, per node and service.
	 * @throws io.tfmesh.system.error.NotFoundException when there is no such cluster
	 */
	public ClusterHealth health(long clusterId) {
		ClusterView cluster = clusters.get(clusterId);
		return health(clusterId, cluster.name(), served(clusterId, clock.instant()));
	}

	/**
	 * The fleet's worst clusters and the services that need someone, each list bounded, read by
	 * a few queries whatever the number of clusters.
	 * @param tiles how many of the worst clusters to give
	 * @param attention how many of the services that need someone to give
	 */
	public FleetHealth fleet(int tiles, int attention) {
		Instant now = clock.instant();
		Instant staleBefore = now.minus(settings.staleAfter());
		HealthStore.Ranking ranking = store.worst(staleBefore, tiles);
		Map<Long, List<Reading>> readings = store
			.latest(ranking.worst().stream().map(HealthStore.Ranked::clusterId).toList());
		List<ClusterHealth> worst = ranking.worst()
			.stream()
			.map(ranked -> health(ranked.clusterId(), ranked.name(),
					readings.getOrDefault(ranked.clusterId(), List.of()).stream().map(r -> serve(r, now)).toList()))
			.toList();
		HealthStore.Attention needy = store.attention(staleBefore, attention);
		List<FleetHealth.Needy> needs = needy.readings()
			.stream()
			.map(r -> new FleetHealth.Needy(r.clusterId(), r.clusterName(), serve(r.reading(), now)))
			.toList();
		return new FleetHealth(worst, ranking.clusters(), ranking.unhealthy(), needs, needy.total());
	}

	private ClusterHealth health(long clusterId, String clusterName, List<ServedReading> readings) {
		List<ServedReading> served = HealthReadings.ordered(readings);
		Map<String, List<ServedReading>> byNode = new LinkedHashMap<>();
		served.forEach(reading -> byNode.computeIfAbsent(reading.node(), node -> new ArrayList<>()).add(reading));
		List<ClusterHealth.NodeHealth> nodes = byNode.entrySet()
			.stream()
			.map(node -> new ClusterHealth.NodeHealth(node.getKey(), HealthReadings.worst(node.getValue()),
					node.getValue()))
			.toList();
		return new ClusterHealth(clusterId, clusterName, HealthReadings.worst(served), HealthReadings.counts(served),
				HealthReadings.healthy(served), HealthReadings.verdict(served), settings.staleAfter().toSeconds(),
				nodes);
	}

	/**
	 * The cluster's readings as they are served now: a reading too old to trust is unknown.
	 * @throws io.tfmesh.system.error.NotFoundException when there is no such cluster
	 */
	public List<ServedReading> readings(long clusterId) {
		clusters.get(clusterId);
		return served(clusterId, clock.instant());
	}

	/**
	 * contrail-status of every node of the cluster from the stored readings.
	 * @throws io.tfmesh.system.error.NotFoundException when there is no such cluster
	 */
	public String contrailStatus(long clusterId) {
		clusters.get(clusterId);
		List<ServedReading> served = served(clusterId, clock.instant());
		return served.isEmpty() ? "No TF service of this cluster was read yet.\n" : HealthReadings.contrailStatus(served);
	}

	/**
	 * The state changes of the cluster's services within the last {@code window}, oldest first,
	 * with one point an hour between changes.
	 * @throws io.tfmesh.system.error.NotFoundException when there is no such cluster
	 */
	public List<Reading> history(long clusterId, Duration window) {
		clusters.get(clusterId);
		return store.history(clusterId, clock.instant().minus(window));
	}

	/** Forgets history older than the retention. */
	void prune() {
		store.prune(clock.instant().minus(settings.retention()));
	}

	private List<ServedReading> served(long clusterId, Instant now) {
		return store.latest(clusterId).stream().map(reading -> serve(reading, now)).toList();
	}

	private ServedReading serve(Reading reading, Instant now) {
		return HealthReadings.serve(reading, now, settings.staleAfter());
	}

}

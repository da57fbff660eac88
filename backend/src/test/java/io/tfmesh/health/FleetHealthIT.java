package io.tfmesh.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.tfmesh.fabric.introspect.ServiceStatus;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.inventory.ClusterView;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet's worst clusters and the services needing someone, read by a few queries over
 * every cluster, say what reading each cluster's health one by one says.
 */
class FleetHealthIT extends HealthApplicationSupport {

	@Autowired
	HealthService health;

	@Autowired
	HealthSettings settings;

	@Autowired
	ClusterService clusters;

	private long initializing;

	private long stale;

	private long silent;

	@BeforeEach
	void clustersInEveryState() {
		Api admin = new Api("http://localhost:" + port, json).asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("fleet-cloud"));
		Instant now = clock.instant();
		Instant old = now.minus(settings.staleAfter()).minusSeconds(1);
		long healthy = cluster(admin, cloudId, "fleet-healthy");
		record(healthy, List.of(reading("master", "control", "control", ServiceStatus.ACTIVE, now),
				reading("master", "config", "api", ServiceStatus.BACKUP, now)));
		initializing = cluster(admin, cloudId, "fleet-initializing");
		record(initializing, List.of(reading("master", "control", "control", ServiceStatus.INITIALIZING, now),
				reading("worker", "vrouter", "agent", ServiceStatus.INITIALIZING, now),
				reading("master", "config", "api", ServiceStatus.ACTIVE, now)));
		stale = cluster(admin, cloudId, "fleet-stale");
		record(stale, List.of(reading("master", "control", "control", ServiceStatus.ACTIVE, old),
				reading("master", "config", "api", ServiceStatus.ACTIVE, now)));
		long odd = cluster(admin, cloudId, "fleet-odd");
		record(odd, List.of(reading("master", "control", "control", "reloading", now)));
		silent = cluster(admin, cloudId, "fleet-silent");
	}

	@Test
	void theWorstClustersAreThoseEachClustersHealthRanksWorst() {
		List<ClusterHealth> expected = oneByOne();

		FleetHealth fleet = health.fleet(expected.size() + 5, 10);

		assertThat(fleet.worst()).extracting(ClusterHealth::clusterId)
			.containsExactlyElementsOf(expected.stream().map(ClusterHealth::clusterId).toList());
		assertThat(fleet.worst()).containsExactlyElementsOf(expected);
		assertThat(fleet.clusters()).isEqualTo(expected.size());
		assertThat(fleet.unhealthy()).isEqualTo(expected.stream().filter(cluster -> !cluster.healthy()).count());
		ClusterHealth staleCluster = find(fleet, stale);
		assertThat(staleCluster.healthy()).isFalse();
		assertThat(staleCluster.counts().get(ServiceStatus.UNKNOWN)).isEqualTo(1);
		ClusterHealth silentCluster = find(fleet, silent);
		assertThat(silentCluster.worstState()).isEqualTo(ServiceStatus.UNKNOWN);
		assertThat(silentCluster.healthy()).isFalse();
	}

	@Test
	void aBoundedFleetKeepsTheWorstAndCountsTheRest() {
		List<ClusterHealth> expected = oneByOne();

		FleetHealth fleet = health.fleet(2, 3);

		assertThat(fleet.worst()).containsExactlyElementsOf(expected.subList(0, 2));
		assertThat(fleet.clusters()).isEqualTo(expected.size());
		List<FleetHealth.Needy> needy = needyOneByOne();
		assertThat(fleet.attention()).containsExactlyElementsOf(needy.subList(0, 3));
		assertThat(fleet.attentionTotal()).isEqualTo(needy.size());
		assertThat(needy).anySatisfy(n -> {
			assertThat(n.clusterId()).isEqualTo(stale);
			assertThat(n.reading().state()).isEqualTo(ServiceStatus.UNKNOWN);
		});
		assertThat(needy).filteredOn(n -> n.clusterId() == initializing).hasSize(2);
	}

	private static ClusterHealth find(FleetHealth fleet, long clusterId) {
		return fleet.worst().stream().filter(cluster -> cluster.clusterId() == clusterId).findFirst().orElseThrow();
	}

	/** Every cluster's health read one by one, ranked as the home page ranks them. */
	private List<ClusterHealth> oneByOne() {
		List<ClusterHealth> all = new ArrayList<>();
		for (ClusterView cluster : allClusters()) {
			all.add(health.health(cluster.id()));
		}
		all.sort(Comparator.comparing(ClusterHealth::healthy)
			.thenComparingInt(cluster -> HealthReadings.rank(cluster.worstState()))
			.thenComparing(ClusterHealth::clusterName)
			.thenComparingLong(ClusterHealth::clusterId));
		return all;
	}

	/** Every service that needs someone, read cluster by cluster, the worst first. */
	private List<FleetHealth.Needy> needyOneByOne() {
		List<FleetHealth.Needy> needy = new ArrayList<>();
		for (ClusterView cluster : allClusters()) {
			for (ServedReading reading : health.readings(cluster.id())) {
				if (reading.stale() || !(ServiceStatus.ACTIVE.equals(reading.state())
						|| ServiceStatus.BACKUP.equals(reading.state()))) {
					needy.add(new FleetHealth.Needy(cluster.id(), cluster.name(), reading));
				}
			}
		}
		needy.sort(Comparator.comparingInt((FleetHealth.Needy n) -> HealthReadings.rank(n.reading().state()))
			.thenComparing(FleetHealth.Needy::clusterName)
			.thenComparing(n -> n.reading().node())
			.thenComparingLong(FleetHealth.Needy::clusterId)
			.thenComparing(n -> n.reading().pod())
			.thenComparing(n -> n.reading().service()));
		return needy;
	}

	private List<ClusterView> allClusters() {
		List<ClusterView> all = new ArrayList<>();
		for (int page = 0;; page++) {
			PageView<ClusterView> listed = clusters.list("", null, PageQuery.of(page, PageQuery.MAX_SIZE));
			all.addAll(listed.items());
			if (!listed.hasNext()) {
				return all;
			}
		}
	}

	private long cluster(Api admin, long cloudId, String name) {
		return Fixtures.createCluster(admin, unique(name), cloudId);
	}

	private void record(long clusterId, List<Reading> readings) {
		health.record(clusterId, "fleet", readings, null);
	}

	/** Unique across runs on one database, as the names of clusters must be. */
	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static Reading reading(String node, String pod, String service, String state, Instant at) {
		return new Reading(node, pod, service, state, state.equals(ServiceStatus.ACTIVE) ? null : "why " + state,
				"http://" + node + ":8083/Snh_SandeshUVECacheReq?x=NodeStatus", at);
	}

}

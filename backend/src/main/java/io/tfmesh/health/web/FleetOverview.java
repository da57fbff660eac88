package io.tfmesh.health.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.tfmesh.fabric.introspect.ServiceStatus;
import io.tfmesh.health.ClusterHealth;
import io.tfmesh.health.HealthReadings;
import io.tfmesh.health.HealthService;
import io.tfmesh.health.ServedReading;
import io.tfmesh.health.diagnose.DiagnosisService;
import io.tfmesh.health.diagnose.Finding;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.inventory.ClusterView;
import io.tfmesh.system.error.NotFoundException;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The fleet as the home page shows it: a tile per cluster, the worst first, and every service
 * that needs someone, both bounded so that a large fleet still makes a short page.
 */
@Component
public class FleetOverview {

	/** How many tiles the home page shows; the rest are on the clusters page. */
	static final int TILES = 50;

	/** How many services needing attention the home page lists. */
	static final int ATTENTION = 50;

	private final ClusterService clusters;

	private final HealthService health;

	private final DiagnosisService diagnoses;

	FleetOverview(ClusterService clusters, HealthService health, DiagnosisService diagnoses) {
		this.clusters = clusters;
		this.health = health;
		this.diagnoses = diagnoses;
	}

	Fleet fleet() {
		List<Tile> tiles = new ArrayList<>();
		List<Attention> attention = new ArrayList<>();
		List<Cause> causes = new ArrayList<>();
		for (int page = 0;; page++) {
			PageView<ClusterView> listed = clusters.list("", null, PageQuery.of(page, PageQuery.MAX_SIZE));
			for (ClusterView cluster : listed.items()) {
				ClusterHealth clusterHealth = health.health(cluster.id());
				List<ServedReading> readings = clusterHealth.nodes()
					.stream()
					.flatMap(node -> node.services().stream())
					.toList();
				Long oldest = readings.stream().map(ServedReading::ageSeconds).max(Long::compare).orElse(null);
				tiles.add(new Tile(cluster.id(), cluster.name(), clusterHealth.worstState(), clusterHealth.counts(),
						clusterHealth.healthy(), clusterHealth.verdict(), readings.size(), oldest));
				int before = attention.size();
				readings.stream()
					.filter(FleetOverview::needsAttention)
					.forEach(reading -> attention.add(new Attention(cluster.id(), cluster.name(), reading,
							Ages.anchor(reading))));
				if (attention.size() > before && causes.size() < ATTENTION) {
					causes.addAll(causes(cluster));
				}
			}
			if (!listed.hasNext()) {
				break;
			}
		}
		tiles.sort(Comparator.comparing(Tile::healthy)
			.thenComparingInt(tile -> HealthReadings.STATES.indexOf(tile.worstState()))
			.thenComparing(Tile::name));
		attention.sort(Comparator.comparingInt((Attention a) -> HealthReadings.STATES.indexOf(a.reading().state()))
			.thenComparing(Attention::clusterName)
			.thenComparing(a -> a.reading().node()));
		long unhealthy = tiles.stream().filter(tile -> !tile.healthy()).count();
		return new Fleet(tiles.subList(0, Math.min(TILES, tiles.size())), tiles.size(), unhealthy,
				attention.subList(0, Math.min(ATTENTION, attention.size())), attention.size(),
				causes.subList(0, Math.min(ATTENTION, causes.size())));
	}

	/** The open findings of a cluster that needs attention: what its health page names as causes. */
	private List<Cause> causes(ClusterView cluster) {
		try {
			return diagnoses.findings(cluster.id())
				.stream()
				.map(finding -> new Cause(cluster.id(), cluster.name(), finding, Ages.anchor(finding)))
				.toList();
		}
		catch (NotFoundException ex) {
			// deleted while the page was drawn
			return List.of();
		}
	}

	/** Not active, and not the standby of an active/backup service; a stale reading is unknown. */
	static boolean needsAttention(ServedReading reading) {
		return reading.stale() || !(ServiceStatus.ACTIVE.equals(reading.state())
				|| ServiceStatus.BACKUP.equals(reading.state()));
	}

	/**
	 * @param tiles the worst {@value #TILES} clusters
	 * @param clusters how many clusters there are
	 * @param attention the first {@value #ATTENTION} services needing attention, the worst first
	 * @param attentionTotal how many services need attention in all
	 * @param causes the open findings of the clusters that need attention, as their diagnoses name them
	 */
	public record Fleet(List<Tile> tiles, long clusters, long unhealthy, List<Attention> attention, long attentionTotal,
			List<Cause> causes) {
	}

	/**
	 * @param readings how many services were read
	 * @param oldestAgeSeconds the age of the oldest reading, null when nothing was read
	 */
	public record Tile(long clusterId, String name, String worstState, Map<String, Long> counts, boolean healthy,
			String verdict, int readings, @Nullable Long oldestAgeSeconds) {
	}

	/** @param anchor the finding's place on the cluster's health page */
	public record Cause(long clusterId, String clusterName, Finding finding, String anchor) {
	}

	/** @param anchor the reading's place on the cluster's health page */
	public record Attention(long clusterId, String clusterName, ServedReading reading, String anchor) {
	}

}

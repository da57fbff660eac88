package io.tfmesh.health.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.health.ClusterHealth;
import io.tfmesh.health.FleetHealth;
import io.tfmesh.health.HealthService;
import io.tfmesh.health.ServedReading;
import io.tfmesh.health.diagnose.DiagnosisService;
import io.tfmesh.health.diagnose.Finding;
import io.tfmesh.system.error.NotFoundException;
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

	private final HealthService health;

	private final DiagnosisService diagnoses;

	FleetOverview(HealthService health, DiagnosisService diagnoses) {
		this.health = health;
		this.diagnoses = diagnoses;
	}

	Fleet fleet() {
		FleetHealth fleet = health.fleet(TILES, ATTENTION);
		List<Tile> tiles = fleet.worst().stream().map(FleetOverview::tile).toList();
		List<Attention> attention = fleet.attention()
			.stream()
			.map(needy -> new Attention(needy.clusterId(), needy.clusterName(), needy.reading(),
					Ages.anchor(needy.reading())))
			.toList();
		List<Cause> causes = new ArrayList<>();
		// the causes of the clusters listed as needing attention, the worst first: a bounded number
		Map<Long, String> needy = new LinkedHashMap<>();
		attention.forEach(a -> needy.putIfAbsent(a.clusterId(), a.clusterName()));
		for (Map.Entry<Long, String> cluster : needy.entrySet()) {
			if (causes.size() >= ATTENTION) {
				break;
			}
			causes.addAll(causes(cluster.getKey(), cluster.getValue()));
		}
		return new Fleet(tiles, fleet.clusters(), fleet.unhealthy(), attention, fleet.attentionTotal(),
				causes.subList(0, Math.min(ATTENTION, causes.size())));
	}

	/** The open findings of a cluster that needs attention: what its health page names as causes. */
	private List<Cause> causes(long clusterId, String clusterName) {
		try {
			return diagnoses.findings(clusterId)
				.stream()
				.map(finding -> new Cause(clusterId, clusterName, finding, Ages.anchor(finding)))
				.toList();
		}
		catch (NotFoundException ex) {
			// deleted while the page was drawn
			return List.of();
		}
	}

	private static Tile tile(ClusterHealth cluster) {
		List<ServedReading> readings = cluster.nodes().stream().flatMap(node -> node.services().stream()).toList();
		Long oldest = readings.stream().map(ServedReading::ageSeconds).max(Long::compare).orElse(null);
		return new Tile(cluster.clusterId(), cluster.clusterName(), cluster.worstState(), cluster.counts(),
				cluster.healthy(), cluster.verdict(), readings.size(), oldest);
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

package io.tfmesh.health;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.tfmesh.fabric.introspect.BgpNeighbor;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The latest neighbor list of each control node, and the restart counts of each TF container at
 * the last two polls, in PostgreSQL.
 */
@Component
class PeeringStore {

	private static final TypeReference<List<BgpNeighbor>> NEIGHBORS = new TypeReference<>() {
	};

	private static final RowMapper<ContainerRestarts> RESTARTS = (row, i) -> new ContainerRestarts(
			row.getString("namespace"), row.getString("pod"), row.getString("container"), row.getString("node"),
			row.getInt("restart_count"), row.getString("waiting_reason"), row.getTimestamp("read_at").toInstant(),
			(Integer) row.getObject("previous_count"),
			(row.getTimestamp("previous_at") != null) ? row.getTimestamp("previous_at").toInstant() : null);

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	PeeringStore(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Keeps each list as its control node's latest, and forgets the lists of nodes that no longer
	 * run a control node; a list older than the stored one does not replace it.
	 */
	@Transactional
	void saveNeighbors(long clusterId, List<BgpNeighborList> lists) {
		List<Object[]> rows = new ArrayList<>();
		for (BgpNeighborList list : lists) {
			rows.add(new Object[] { clusterId, list.node(), list.source(), Timestamp.from(list.readAt()), list.failure(),
					json.writeValueAsString(list.neighbors()) });
		}
		jdbc.batchUpdate("""
				INSERT INTO bgp_neighbor_reading (cluster_id, node, source, read_at, failure, neighbors)
				VALUES (?, ?, ?, ?, ?, ?::jsonb)
				ON CONFLICT (cluster_id, node) DO UPDATE SET source = excluded.source, read_at = excluded.read_at,
				  failure = excluded.failure, neighbors = excluded.neighbors
				WHERE bgp_neighbor_reading.read_at <= excluded.read_at""", rows);
		jdbc.update("DELETE FROM bgp_neighbor_reading WHERE cluster_id = ? AND NOT (node = ANY (?))", clusterId,
				(Object) lists.stream().map(BgpNeighborList::node).toArray(String[]::new));
	}

	@Transactional(readOnly = true)
	List<BgpNeighborList> neighbors(long clusterId) {
		return jdbc.query("""
				SELECT node, source, read_at, failure, neighbors::text AS neighbors FROM bgp_neighbor_reading
				WHERE cluster_id = ? ORDER BY node""",
				(row, i) -> new BgpNeighborList(row.getString("node"), row.getString("source"),
						row.getTimestamp("read_at").toInstant(), row.getString("failure"),
						json.readValue(row.getString("neighbors"), NEIGHBORS)),
				clusterId);
	}

	/**
	 * Records each container's count, moving the one stored before to the previous count, and
	 * forgets containers that were not read this time (their pod is gone).
	 */
	@Transactional
	void saveRestarts(long clusterId, Collection<Sample> samples, Instant at) {
		Timestamp readAt = Timestamp.from(at);
		List<Object[]> rows = new ArrayList<>();
		for (Sample sample : samples) {
			rows.add(new Object[] { clusterId, sample.namespace(), sample.pod(), sample.container(), sample.node(),
					sample.restartCount(), sample.waitingReason(), readAt });
		}
		jdbc.batchUpdate("""
				INSERT INTO container_restart_reading
				  (cluster_id, namespace, pod, container, node, restart_count, waiting_reason, read_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (cluster_id, namespace, pod, container) DO UPDATE SET node = excluded.node,
				  previous_count = container_restart_reading.restart_count,
				  previous_at = container_restart_reading.read_at, restart_count = excluded.restart_count,
				  waiting_reason = excluded.waiting_reason, read_at = excluded.read_at
				WHERE container_restart_reading.read_at < excluded.read_at""", rows);
		jdbc.update("""
				DELETE FROM container_restart_reading WHERE cluster_id = ?
				AND NOT (namespace || '/' || pod || '/' || container = ANY (?))""", clusterId,
				(Object) samples.stream().map(s -> s.namespace() + "/" + s.pod() + "/" + s.container()).toArray(String[]::new));
	}

	@Transactional(readOnly = true)
	List<ContainerRestarts> restarts(long clusterId) {
		return jdbc.query("""
				SELECT namespace, pod, container, node, restart_count, waiting_reason, read_at, previous_count,
				  previous_at FROM container_restart_reading WHERE cluster_id = ? ORDER BY node, pod, container""",
				RESTARTS, clusterId);
	}

	/** A container's restart count as one poll read it. */
	record Sample(String namespace, String pod, String container, String node, int restartCount,
			@Nullable String waitingReason) {
	}

}

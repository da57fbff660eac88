package io.tfmesh.health;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Readings in PostgreSQL: the latest per (cluster, node, pod, service), and a history that
 * holds a point for every change of state or description and, in between, one point an hour.
 */
@Component
class HealthStore {

	/** Between two changes the history keeps a point this often, so a flat line still has points. */
	static final Duration HISTORY_STEP = Duration.ofHours(1);

	private static final RowMapper<Reading> READING = (row, i) -> new Reading(row.getString("node"),
			row.getString("pod"), row.getString("service"), row.getString("state"), row.getString("description"),
			row.getString("source"), row.getTimestamp("read_at").toInstant());

	/** The states as PostgreSQL ranks them: by their place in this array, the worst first. */
	private static final String[] STATES = HealthReadings.STATES.toArray(String[]::new);

	private final JdbcTemplate jdbc;

	HealthStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Keeps the readings as the latest of their services and adds the history points they make.
	 * @param nodes the cluster's nodes when they were read; readings of other nodes are removed.
	 * Null keeps them (they turn unknown as they age).
	 */
	@Transactional
	void save(long clusterId, List<Reading> readings, @Nullable Collection<String> nodes) {
		Map<Key, Last> current = new HashMap<>();
		jdbc.query("SELECT node, pod, service, state, description, history_at FROM health_reading WHERE cluster_id = ?",
				row -> {
					current.put(new Key(row.getString("node"), row.getString("pod"), row.getString("service")),
							new Last(row.getString("state"), row.getString("description"),
									row.getTimestamp("history_at").toInstant()));
				}, clusterId);
		List<Object[]> latest = new ArrayList<>();
		List<Object[]> points = new ArrayList<>();
		for (Reading reading : readings) {
			Last last = current.get(new Key(reading.node(), reading.pod(), reading.service()));
			boolean point = last == null || !last.state().equals(reading.state())
					|| !Objects.equals(last.description(), reading.description())
					|| !reading.readAt().isBefore(last.historyAt().plus(HISTORY_STEP));
			Instant historyAt = (point || last == null) ? reading.readAt() : last.historyAt();
			Timestamp readAt = Timestamp.from(reading.readAt());
			latest.add(new Object[] { clusterId, reading.node(), reading.pod(), reading.service(), reading.state(),
					reading.description(), reading.source(), readAt, Timestamp.from(historyAt) });
			if (point) {
				points.add(new Object[] { clusterId, reading.node(), reading.pod(), reading.service(), reading.state(),
						reading.description(), reading.source(), readAt });
			}
		}
		// a reading older than the stored one (an observation that outlasted a poll) does not replace it
		jdbc.batchUpdate("""
				INSERT INTO health_reading (cluster_id, node, pod, service, state, description, source, read_at, history_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (cluster_id, node, pod, service) DO UPDATE SET state = excluded.state,
				  description = excluded.description, source = excluded.source, read_at = excluded.read_at,
				  history_at = excluded.history_at
				WHERE health_reading.read_at <= excluded.read_at""", latest);
		jdbc.batchUpdate("""
				INSERT INTO health_history (cluster_id, node, pod, service, state, description, source, read_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", points);
		if (nodes != null) {
			jdbc.update("DELETE FROM health_reading WHERE cluster_id = ? AND NOT (node = ANY (?))", clusterId,
					(Object) nodes.toArray(String[]::new));
		}
	}

	@Transactional(readOnly = true)
	List<Reading> latest(long clusterId) {
		return jdbc.query("""
				SELECT node, pod, service, state, description, source, read_at FROM health_reading
				WHERE cluster_id = ?""", READING, clusterId);
	}

	/** The latest readings of each of these clusters; a cluster without any is left out. */
	@Transactional(readOnly = true)
	Map<Long, List<Reading>> latest(Collection<Long> clusterIds) {
		Map<Long, List<Reading>> readings = new HashMap<>();
		jdbc.query("""
				SELECT cluster_id, node, pod, service, state, description, source, read_at FROM health_reading
				WHERE cluster_id = ANY (?)""", row -> {
			readings.computeIfAbsent(row.getLong("cluster_id"), id -> new ArrayList<>())
				.add(READING.mapRow(row, 0));
		}, (Object) clusterIds.toArray(Long[]::new));
		return readings;
	}

	/**
	 * The clusters whose readings are worst, as {@link HealthReadings} ranks them, read by one
	 * query over every cluster rather than one per cluster, so that a large fleet still makes a
	 * quick home page: the unhealthy before the healthy, then by their worst state, then by name.
	 * A cluster without readings is unhealthy and unknown.
	 * @param staleBefore a reading at or before this instant counts as unknown
	 */
	@Transactional(readOnly = true)
	Ranking worst(Instant staleBefore, int limit) {
		List<Ranked> ranked = new ArrayList<>();
		long[] totals = new long[2];
		jdbc.query("""
				WITH served AS (
				  SELECT cluster_id, CASE WHEN read_at <= ? THEN 'unknown' ELSE state END AS state FROM health_reading
				), per_cluster AS (
				  SELECT c.id, c.name,
				    count(s.cluster_id) > 0 AND count(*) FILTER (WHERE s.state NOT IN ('active', 'backup')) = 0 AS healthy,
				    coalesce(min(CASE WHEN s.cluster_id IS NOT NULL THEN coalesce(array_position(?::text[], s.state), 1) END),
				      array_position(?::text[], 'unknown')) AS worst
				  FROM cluster c LEFT JOIN served s ON s.cluster_id = c.id
				  GROUP BY c.id, c.name
				)
				SELECT id, name, count(*) OVER () AS clusters, count(*) FILTER (WHERE NOT healthy) OVER () AS unhealthy
				FROM per_cluster ORDER BY healthy, worst, name COLLATE "C", id LIMIT ?""", row -> {
			ranked.add(new Ranked(row.getLong("id"), row.getString("name")));
			totals[0] = row.getLong("clusters");
			totals[1] = row.getLong("unhealthy");
		}, Timestamp.from(staleBefore), STATES, STATES, limit);
		return new Ranking(ranked, totals[0], totals[1]);
	}

	/**
	 * The readings that need someone (stale, or neither active nor backup) of every cluster, the
	 * worst first, then by cluster name and node, at most {@code limit}, with how many there are.
	 * @param staleBefore a reading at or before this instant counts as unknown
	 */
	@Transactional(readOnly = true)
	Attention attention(Instant staleBefore, int limit) {
		List<ClusterReading> readings = new ArrayList<>();
		long[] total = new long[1];
		jdbc.query("""
				WITH served AS (
				  SELECT r.*, c.name AS cluster_name, r.read_at <= ? AS stale
				  FROM health_reading r JOIN cluster c ON c.id = r.cluster_id
				)
				SELECT cluster_id, cluster_name, node, pod, service, state, description, source, read_at,
				  count(*) OVER () AS total
				FROM served WHERE stale OR state NOT IN ('active', 'backup')
				ORDER BY coalesce(array_position(?::text[], CASE WHEN stale THEN 'unknown' ELSE state END), 1),
				  cluster_name COLLATE "C", node COLLATE "C", cluster_id, pod COLLATE "C", service COLLATE "C"
				LIMIT ?""", row -> {
			readings.add(new ClusterReading(row.getLong("cluster_id"), row.getString("cluster_name"),
					READING.mapRow(row, 0)));
			total[0] = row.getLong("total");
		}, Timestamp.from(staleBefore), STATES, limit);
		return new Attention(readings, total[0]);
	}

	/**
	 * @param clusters how many clusters there are
	 * @param unhealthy how many of them are unhealthy
	 */
	record Ranking(List<Ranked> worst, long clusters, long unhealthy) {
	}

	record Ranked(long clusterId, String name) {
	}

	/** @param total how many readings need someone in all */
	record Attention(List<ClusterReading> readings, long total) {
	}

	record ClusterReading(long clusterId, String clusterName, Reading reading) {
	}

	/** The history points of a cluster from {@code since} on, oldest first. */
	@Transactional(readOnly = true)
	List<Reading> history(long clusterId, Instant since) {
		return jdbc.query("""
				SELECT node, pod, service, state, description, source, read_at FROM health_history
				WHERE cluster_id = ? AND read_at >= ? ORDER BY read_at, id""", READING, clusterId,
				Timestamp.from(since));
	}

	/** Removes history points older than {@code before}; returns how many. */
	@Transactional
	int prune(Instant before) {
		return jdbc.update("DELETE FROM health_history WHERE read_at < ?", Timestamp.from(before));
	}

	/**
	 * Records whether the cluster is healthy now.
	 * @return the change when it is one: the cluster's first record, or a record that said the
	 * opposite; empty when it said the same. Concurrent callers see one change between them.
	 */
	@Transactional
	Optional<Change> transition(long clusterId, boolean healthy, String verdict, Instant at) {
		List<Boolean> first = jdbc.queryForList("""
				INSERT INTO cluster_health (cluster_id, healthy, verdict, changed_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (cluster_id) DO UPDATE SET healthy = excluded.healthy, verdict = excluded.verdict,
				  changed_at = excluded.changed_at
				WHERE cluster_health.healthy <> excluded.healthy
				RETURNING (xmax = 0)""", Boolean.class, clusterId, healthy, verdict, Timestamp.from(at));
		return first.stream().findFirst().map(Change::new);
	}

	/** @param first whether the cluster had no record before */
	record Change(boolean first) {
	}

	private record Key(String node, String pod, String service) {
	}

	private record Last(String state, @Nullable String description, Instant historyAt) {
	}

}

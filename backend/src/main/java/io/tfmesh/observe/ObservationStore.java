package io.tfmesh.observe;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Observations in PostgreSQL; the latest few of each cluster are kept. */
@Component
class ObservationStore {

	/** Enough history to see what changed lately, without growing forever. */
	static final int KEPT_PER_CLUSTER = 50;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	ObservationStore(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Transactional
	void save(ObservedState state) {
		jdbc.update("""
				INSERT INTO cluster_observation (cluster_id, observed_at, duration_ms, complete, content_hash, state)
				VALUES (?, ?, ?, ?, ?, ?::jsonb)""", state.clusterId(), Timestamp.from(state.observedAt()),
				(int) Math.min(Integer.MAX_VALUE, state.durationMs()), state.complete(), state.revision(),
				json.writeValueAsString(state));
		jdbc.update("""
				DELETE FROM cluster_observation WHERE cluster_id = ? AND id NOT IN (
				  SELECT id FROM cluster_observation WHERE cluster_id = ?
				  ORDER BY observed_at DESC, id DESC LIMIT ?)""", state.clusterId(), state.clusterId(), KEPT_PER_CLUSTER);
	}

	@Transactional(readOnly = true)
	Optional<ObservedState> latest(long clusterId) {
		List<String> rows = jdbc.queryForList("""
				SELECT state::text FROM cluster_observation WHERE cluster_id = ?
				ORDER BY observed_at DESC, id DESC LIMIT 1""", String.class, clusterId);
		return rows.stream().findFirst().map(text -> json.readValue(text, ObservedState.class));
	}

	/** The latest observation of each of these clusters that was ever observed, in one query. */
	@Transactional(readOnly = true)
	Map<Long, ObservedState> latest(Collection<Long> clusterIds) {
		Map<Long, ObservedState> latest = new HashMap<>();
		jdbc.query("""
				SELECT DISTINCT ON (cluster_id) cluster_id, state::text AS state FROM cluster_observation
				WHERE cluster_id = ANY (?) ORDER BY cluster_id, observed_at DESC, id DESC""",
				row -> {
					latest.put(row.getLong("cluster_id"), json.readValue(row.getString("state"), ObservedState.class));
				}, (Object) clusterIds.toArray(Long[]::new));
		return latest;
	}

}

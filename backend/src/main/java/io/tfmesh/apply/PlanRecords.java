package io.tfmesh.apply;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tfmesh.plan.PlanState;
import io.tfmesh.plan.StepState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The plan and plan_step rows the workers read and move. Every change of state is a
 * conditional UPDATE on the state it expects, so that of two instances that try the same
 * transition exactly one succeeds.
 */
@Repository
class PlanRecords {

	private static final String STEP_COLUMNS = """
			id, plan_id, position, step_key, cluster_id, cluster_name, object_type, object_name, action, depends_on,
			state, attempts, first_started_at, started_at, finished_at, duration_ms, operation, result, error""";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	PlanRecords(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Optional<PlanRow> plan(long planId) {
		return jdbc.query("""
				SELECT id, mesh_name, state, base_revision, cancel_requested, apply_requested_by, apply_started_at,
				       finished_at, failure, remaining_drift
				FROM plan WHERE id = ?""", this::planRow, planId).stream().findFirst();
	}

	List<Long> applyingPlans() {
		return jdbc.queryForList("SELECT id FROM plan WHERE state = 'applying' ORDER BY id", Long.class);
	}

	List<StepRow> steps(long planId) {
		return jdbc.query("SELECT " + STEP_COLUMNS + " FROM plan_step WHERE plan_id = ? ORDER BY position", stepRow(),
				planId);
	}

	/**
	 * The plan's steps without what only a worker needs (the operation), for deciding what is
	 * ready and whether the plan is over: read after every step, so kept light.
	 */
	List<StepRow> stepStates(long planId) {
		return jdbc.query("SELECT " + STEP_COLUMNS.replace("operation", "'' AS operation")
				+ " FROM plan_step WHERE plan_id = ? ORDER BY position", stepRow(), planId);
	}

	/** Whether every step of the plan with one of these keys is done. */
	boolean allDone(long planId, List<String> keys) {
		if (keys.isEmpty()) {
			return true;
		}
		Integer open = jdbc.queryForObject(
				"SELECT count(*) FROM plan_step WHERE plan_id = ? AND step_key = ANY (?) AND state = 'done'",
				Integer.class, planId, keys.toArray(String[]::new));
		return open != null && open == keys.size();
	}

	Optional<StepRow> step(long stepId) {
		return jdbc.query("SELECT " + STEP_COLUMNS + " FROM plan_step WHERE id = ?", stepRow(), stepId)
			.stream()
			.findFirst();
	}

	/** @return whether the plan was in the expected state and is now in the new one */
	boolean moveStale(long planId, Instant now, String reason) {
		return jdbc.update("""
				UPDATE plan SET state = 'stale', updated_at = ?, failure = ?, version = version + 1
				WHERE id = ? AND state = 'approved'""", ts(now), reason, planId) == 1;
	}

	boolean moveApplying(long planId, Instant now, String actor) {
		return jdbc.update("""
				UPDATE plan SET state = 'applying', updated_at = ?, apply_started_at = ?, apply_requested_by = ?,
				                version = version + 1
				WHERE id = ? AND state = 'approved'""", ts(now), ts(now), actor, planId) == 1;
	}

	boolean finish(long planId, PlanState state, @Nullable String failure, Instant now) {
		return jdbc.update("""
				UPDATE plan SET state = ?, updated_at = ?, finished_at = ?, failure = ?, version = version + 1
				WHERE id = ? AND state = 'applying'""", state.id(), ts(now), ts(now), failure, planId) == 1;
	}

	void remainingDrift(long planId, List<String> drift) {
		jdbc.update("UPDATE plan SET remaining_drift = ?::jsonb WHERE id = ?", json.writeValueAsString(drift), planId);
	}

	/**
	 * Takes the step for one attempt: a pending step, or a running one whose worker stopped
	 * (db-scheduler hands out a step's execution to one instance at a time, so a running step
	 * offered again has no live worker).
	 * @return the step as claimed, or empty when it is finished already
	 */
	Optional<StepRow> claim(long stepId, Instant now) {
		int claimed = jdbc.update("""
				UPDATE plan_step SET state = 'running', attempts = attempts + 1,
				                     first_started_at = COALESCE(first_started_at, ?), started_at = ?
				WHERE id = ? AND state IN ('pending', 'running')""", ts(now), ts(now), stepId);
		return claimed == 1 ? step(stepId) : Optional.empty();
	}

	boolean done(long stepId, String result, Instant now, long durationMs) {
		return jdbc.update("""
				UPDATE plan_step SET state = 'done', result = ?, error = NULL, finished_at = ?, duration_ms = ?
				WHERE id = ? AND state = 'running'""", result, ts(now), durationMs, stepId) == 1;
	}

	/** What a running step is about to do, kept for an attempt after a crash. */
	void note(long stepId, String note) {
		jdbc.update("UPDATE plan_step SET result = ? WHERE id = ? AND state = 'running'", note, stepId);
	}

	boolean failed(long stepId, String error, Instant now, long durationMs) {
		return jdbc.update("""
				UPDATE plan_step SET state = 'failed', error = ?, finished_at = ?, duration_ms = ?
				WHERE id = ? AND state = 'running'""", error, ts(now), durationMs, stepId) == 1;
	}

	/** Back to pending after a transient failure, with why, until the retry falls due. */
	boolean retryLater(long stepId, String error) {
		return jdbc.update("UPDATE plan_step SET state = 'pending', error = ? WHERE id = ? AND state = 'running'",
				error, stepId) == 1;
	}

	void skip(long stepId, String error, Instant now) {
		jdbc.update("""
				UPDATE plan_step SET state = 'skipped', error = ?, finished_at = ?
				WHERE id = ? AND state = 'pending'""", error, ts(now), stepId);
	}

	int cancelPending(long planId, Instant now) {
		return jdbc.update("""
				UPDATE plan_step SET state = 'cancelled', error = 'the plan was cancelled before this step started',
				                     finished_at = ?
				WHERE plan_id = ? AND state = 'pending'""", ts(now), planId);
	}

	private PlanRow planRow(ResultSet rs, int row) throws SQLException {
		Map<Long, String> base = new LinkedHashMap<>();
		JsonNode revisions = json.readTree(rs.getString("base_revision"));
		for (Map.Entry<String, JsonNode> entry : revisions.properties()) {
			base.put(Long.parseLong(entry.getKey()), entry.getValue().asString());
		}
		return new PlanRow(rs.getLong("id"), rs.getString("mesh_name"), PlanState.of(rs.getString("state")), base,
				rs.getBoolean("cancel_requested"), rs.getString("apply_requested_by"),
				instant(rs, "apply_started_at"), instant(rs, "finished_at"), rs.getString("failure"),
				rs.getString("remaining_drift"));
	}

	private RowMapper<StepRow> stepRow() {
		return (rs, row) -> {
			List<String> dependsOn = new ArrayList<>();
			json.readTree(rs.getString("depends_on")).forEach(key -> dependsOn.add(key.asString()));
			long duration = rs.getLong("duration_ms");
			Long durationMs = rs.wasNull() ? null : duration;
			return new StepRow(rs.getLong("id"), rs.getLong("plan_id"), rs.getInt("position"),
					rs.getString("step_key"), rs.getLong("cluster_id"), rs.getString("cluster_name"),
					rs.getString("object_type"), rs.getString("object_name"), rs.getString("action"), dependsOn,
					StepState.of(rs.getString("state")), rs.getInt("attempts"), instant(rs, "first_started_at"),
					instant(rs, "started_at"), instant(rs, "finished_at"), durationMs, rs.getString("operation"),
					rs.getString("result"), rs.getString("error"));
		};
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

}

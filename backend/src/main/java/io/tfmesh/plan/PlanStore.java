package io.tfmesh.plan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import io.tfmesh.system.web.Search;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans and their steps in PostgreSQL. Every change of a plan's state names the version it was
 * read at, so that of two admins who act on the same plan at once only one changes it.
 */
@Component
class PlanStore {

	/** What a new plan is made of. */
	record NewPlan(@Nullable Long meshId, @Nullable String meshName, @Nullable Long clusterId, PlanState state,
			String author, Instant createdAt, Instant expiresAt, Map<Long, String> baseRevision, List<String> notes,
			@Nullable Long reverseOf, List<PlannedStep> steps, @Nullable PlanOrigin origin) {
	}

	private static final String SUMMARY = """
			SELECT p.*, (SELECT coalesce(array_agg(s.state), '{}') FROM plan_step s WHERE s.plan_id = p.id) AS step_states
			FROM plan p""";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	PlanStore(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	long insert(NewPlan plan) {
		KeyHolder key = new GeneratedKeyHolder();
		Map<String, String> revisions = new LinkedHashMap<>();
		plan.baseRevision().forEach((cluster, revision) -> revisions.put(String.valueOf(cluster), revision));
		jdbc.update(connection -> {
			var statement = connection.prepareStatement("""
					INSERT INTO plan (mesh_id, mesh_name, cluster_id, state, author, created_at, updated_at, expires_at,
					                  base_revision, notes, reverse_of, origin)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb)""", new String[] { "id" });
			statement.setObject(1, plan.meshId());
			statement.setString(2, plan.meshName());
			statement.setObject(3, plan.clusterId());
			statement.setString(4, plan.state().id());
			statement.setString(5, plan.author());
			statement.setTimestamp(6, Timestamp.from(plan.createdAt()));
			statement.setTimestamp(7, Timestamp.from(plan.createdAt()));
			statement.setTimestamp(8, Timestamp.from(plan.expiresAt()));
			statement.setString(9, json.writeValueAsString(revisions));
			statement.setString(10, json.writeValueAsString(plan.notes()));
			statement.setObject(11, plan.reverseOf());
			statement.setString(12, plan.origin() == null ? null : json.writeValueAsString(plan.origin()));
			return statement;
		}, key);
		long id = key.getKey().longValue();
		int position = 0;
		for (PlannedStep step : plan.steps()) {
			jdbc.update("""
					INSERT INTO plan_step (plan_id, position, step_key, cluster_id, cluster_name, system, object_type,
					                       object_name, action, before_state, after_state, depends_on, risk, operation, undo)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?::jsonb)""", id,
					position++, step.key(), step.clusterId(), step.clusterName(), step.system().id(), step.objectType(),
					step.object(), step.action().id(), json.writeValueAsString(step.before()),
					json.writeValueAsString(step.after()), json.writeValueAsString(step.dependsOn()), step.risk(),
					operation(step.operation()), step.undo() == null ? null : operation(step.undo()));
		}
		return id;
	}

	Optional<PlanView> find(long id) {
		return jdbc.query("SELECT * FROM plan WHERE id = ?", (row, index) -> plan(row, steps(id)), id)
			.stream()
			.findFirst();
	}

	/**
	 * A page of plans; {@code q} finds a plan by its number (as {@code #12}), its mesh, state,
	 * author or approver.
	 */
	PageView<PlanSummary> list(String q, @Nullable PlanState state, @Nullable Long meshId, PageQuery page,
			ListSort sort) {
		String where = """
				WHERE (?::text IS NULL OR p.state = ?) AND (?::bigint IS NULL OR p.mesh_id = ?)
				   AND (('#' || p.id) LIKE ? ESCAPE '\\' OR lower(p.mesh_name) LIKE ? ESCAPE '\\' OR p.state LIKE ? ESCAPE '\\'
				        OR lower(p.author) LIKE ? ESCAPE '\\' OR lower(coalesce(p.approved_by, '')) LIKE ? ESCAPE '\\')""";
		String stateId = state == null ? null : state.id();
		String pattern = Search.containsPattern(q);
		List<Object> arguments = new ArrayList<>(Arrays.asList(stateId, stateId, meshId, meshId));
		for (int i = 0; i < 5; i++) {
			arguments.add(pattern);
		}
		Long total = jdbc.queryForObject("SELECT count(*) FROM plan p " + where, Long.class, arguments.toArray());
		List<Object> paged = new ArrayList<>(arguments);
		paged.add(page.size());
		paged.add(page.offset());
		List<PlanSummary> plans = jdbc.query(SUMMARY + " " + where + " ORDER BY " + sort.orderBy() + " LIMIT ? OFFSET ?",
				(row, index) -> summary(row), paged.toArray());
		return PageView.of(plans, page, total == null ? 0 : total);
	}

	/** Plans that wait for approval or apply past their expiry. */
	List<Long> expiredBy(Instant now) {
		return jdbc.queryForList("""
				SELECT id FROM plan WHERE state IN ('draft', 'pending-approval', 'approved') AND expires_at < ?
				ORDER BY id""", Long.class, Timestamp.from(now));
	}

	/**
	 * Approved plans that may start by themselves: their chosen time has come, or their mesh
	 * applies on approval. A start asked for long ago that never got the plan going is due again.
	 */
	List<Long> dueToStart(Instant now, Instant abandonedBefore) {
		return jdbc.queryForList("""
				SELECT p.id FROM plan p LEFT JOIN mesh m ON m.id = p.mesh_id
				WHERE p.state = 'approved' AND (p.apply_requested_by IS NULL OR p.updated_at < ?)
				  AND (p.apply_after <= ? OR (p.apply_after IS NULL AND coalesce(m.apply_on_approval, false)))
				ORDER BY p.id""", Long.class, Timestamp.from(abandonedBefore), Timestamp.from(now));
	}

	boolean submit(long id, long version, Instant now) {
		return jdbc.update("""
				UPDATE plan SET state = 'pending-approval', updated_at = ?, version = version + 1
				WHERE id = ? AND version = ? AND state = 'draft'""", Timestamp.from(now), id, version) == 1;
	}

	boolean approve(long id, long version, String admin, Instant now, @Nullable Instant applyAfter) {
		return jdbc.update("""
				UPDATE plan SET state = 'approved', approved_by = ?, approved_at = ?, apply_after = ?, updated_at = ?,
				                version = version + 1
				WHERE id = ? AND version = ? AND state = 'pending-approval'""", admin, Timestamp.from(now),
				applyAfter == null ? null : Timestamp.from(applyAfter), Timestamp.from(now), id, version) == 1;
	}

	boolean reject(long id, long version, String admin, Instant now, String reason) {
		return jdbc.update("""
				UPDATE plan SET state = 'rejected', rejected_by = ?, rejected_at = ?, reject_reason = ?, finished_at = ?,
				                updated_at = ?, version = version + 1
				WHERE id = ? AND version = ? AND state = 'pending-approval'""", admin, Timestamp.from(now), reason,
				Timestamp.from(now), Timestamp.from(now), id, version) == 1;
	}

	/** Ends a plan that never started: its steps will not run. */
	boolean close(long id, long version, PlanState to, Instant now) {
		boolean closed = jdbc.update("""
				UPDATE plan SET state = ?, finished_at = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND version = ? AND state IN ('draft', 'pending-approval', 'approved')""", to.id(),
				Timestamp.from(now), Timestamp.from(now), id, version) == 1;
		if (closed && to == PlanState.CANCELLED) {
			jdbc.update("UPDATE plan_step SET state = 'cancelled' WHERE plan_id = ? AND state = 'pending'", id);
		}
		return closed;
	}

	boolean requestCancel(long id, long version, Instant now) {
		return jdbc.update("""
				UPDATE plan SET cancel_requested = true, updated_at = ?, version = version + 1
				WHERE id = ? AND version = ? AND state = 'applying'""", Timestamp.from(now), id, version) == 1;
	}

	/**
	 * Claims the start of an approved plan for one caller: false when another caller claimed it
	 * since {@code abandonedBefore}, or the plan is no longer approved.
	 */
	boolean claimStart(long id, String actor, Instant now, Instant abandonedBefore) {
		return jdbc.update("""
				UPDATE plan SET apply_requested_by = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND state = 'approved' AND (apply_requested_by IS NULL OR updated_at < ?)""", actor,
				Timestamp.from(now), id, Timestamp.from(abandonedBefore)) == 1;
	}

	/** Gives the start back when it could not be handed over, so that it can be asked again at once. */
	void releaseStart(long id) {
		jdbc.update("UPDATE plan SET apply_requested_by = NULL, version = version + 1 WHERE id = ? AND state = 'approved'",
				id);
	}

	private List<StepView> steps(long planId) {
		return jdbc.query("SELECT * FROM plan_step WHERE plan_id = ? ORDER BY position", (row, index) -> step(row),
				planId);
	}

	private StepView step(ResultSet row) throws SQLException {
		String undo = row.getString("undo");
		return new StepView(row.getInt("position"), row.getString("step_key"), row.getLong("cluster_id"),
				row.getString("cluster_name"), StepSystem.of(row.getString("system")), row.getString("object_type"),
				row.getString("object_name"), StepAction.of(row.getString("action")), strings(row.getString("before_state")),
				strings(row.getString("after_state")), list(row.getString("depends_on")),
				row.getString("risk"), json.readValue(row.getString("operation"), StepOperation.class),
				undo == null ? null : json.readValue(undo, StepOperation.class), StepState.of(row.getString("state")),
				row.getInt("attempts"), instant(row, "started_at"), instant(row, "finished_at"),
				(Long) row.getObject("duration_ms"), row.getString("result"), row.getString("error"));
	}

	private PlanView plan(ResultSet row, List<StepView> steps) throws SQLException {
		List<PlanView.Approval> approvals = new ArrayList<>();
		if (row.getString("approved_by") != null) {
			approvals.add(new PlanView.Approval(row.getString("approved_by"), "approved", instant(row, "approved_at"),
					null));
		}
		if (row.getString("rejected_by") != null) {
			approvals.add(new PlanView.Approval(row.getString("rejected_by"), "rejected", instant(row, "rejected_at"),
					row.getString("reject_reason")));
		}
		Map<Long, String> revisions = new LinkedHashMap<>();
		json.readTree(row.getString("base_revision"))
			.properties()
			.forEach(entry -> revisions.put(Long.valueOf(entry.getKey()), entry.getValue().asString()));
		String drift = row.getString("remaining_drift");
		return new PlanView(row.getLong("id"), (Long) row.getObject("mesh_id"), row.getString("mesh_name"),
				(Long) row.getObject("cluster_id"), PlanState.of(row.getString("state")), row.getString("author"),
				instant(row, "created_at"), instant(row, "updated_at"), instant(row, "expires_at"), revisions,
				list(row.getString("notes")), approvals, instant(row, "apply_after"), row.getString("apply_requested_by"),
				instant(row, "apply_started_at"), instant(row, "finished_at"), row.getBoolean("cancel_requested"),
				row.getString("failure"), drift == null ? null : list(drift), (Long) row.getObject("reverse_of"),
				row.getLong("version"), Progress.of(steps.stream().map(StepView::state).toList()), steps,
				origin(row.getString("origin")));
	}

	private PlanSummary summary(ResultSet row) throws SQLException {
		List<StepState> states = new ArrayList<>();
		for (Object state : (Object[]) row.getArray("step_states").getArray()) {
			states.add(StepState.of(String.valueOf(state)));
		}
		return new PlanSummary(row.getLong("id"), (Long) row.getObject("mesh_id"), row.getString("mesh_name"),
				(Long) row.getObject("cluster_id"), PlanState.of(row.getString("state")), row.getString("author"),
				instant(row, "created_at"), instant(row, "expires_at"), row.getString("approved_by"),
				(Long) row.getObject("reverse_of"), Progress.of(states));
	}

	private @Nullable PlanOrigin origin(@Nullable String text) {
		return text == null ? null : json.readValue(text, PlanOrigin.class);
	}

	private String operation(StepOperation operation) {
		return json.writerFor(StepOperation.class).writeValueAsString(operation);
	}

	private Map<String, String> strings(String text) {
		Map<String, String> values = new LinkedHashMap<>();
		json.readTree(text).properties().forEach(entry -> {
			if (!entry.getValue().isNull()) {
				values.put(entry.getKey(), entry.getValue().asString());
			}
		});
		return values;
	}

	private List<String> list(String text) {
		List<String> values = new ArrayList<>();
		for (JsonNode value : json.readTree(text)) {
			values.add(value.isString() ? value.asString() : value.toString());
		}
		return values;
	}

	private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp value = row.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

}

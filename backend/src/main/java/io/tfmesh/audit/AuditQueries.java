package io.tfmesh.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the audit log, newest first unless asked for the oldest first. Counting every entry that matches would read a large log
 * from end to end on every view: up to {@value #EXACT_COUNT_LIMIT} are counted, more are the
 * planner's estimate, and the page says which.
 */
@Component
public class AuditQueries {

	/** Fields that change on every update and say nothing to a reader. */
	private static final Set<String> BOOKKEEPING = Set.of("version", "createdAt", "updatedAt");

	/** The audit log sorts by time only: the index on time and id serves either direction. */
	public static final Map<String, String> SORT_COLUMNS = ListSort.columns("time", "at");

	/** Newest first. */
	public static final String DEFAULT_SORT = "-time";

	/** Entries beyond this many that match a filter are estimated, not counted. */
	static final int EXACT_COUNT_LIMIT = 10_000;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final int exactCountLimit;

	@Autowired
	AuditQueries(JdbcTemplate jdbc, JsonMapper json) {
		this(jdbc, json, EXACT_COUNT_LIMIT);
	}

	AuditQueries(JdbcTemplate jdbc, JsonMapper json, int exactCountLimit) {
		this.jdbc = jdbc;
		this.json = json;
		this.exactCountLimit = exactCountLimit;
	}

	@Transactional(readOnly = true)
	public AuditPage find(AuditFilter filter, PageQuery page) {
		return find(filter, page, ListSort.of(null, SORT_COLUMNS, DEFAULT_SORT));
	}

	@Transactional(readOnly = true)
	public AuditPage find(AuditFilter filter, PageQuery page, ListSort sort) {
		StringBuilder where = new StringBuilder(" WHERE true");
		List<Object> args = new ArrayList<>();
		condition(where, args, "actor = ?", filter.actor());
		condition(where, args, "action = ?", filter.action() == null ? null : filter.action().toLowerCase());
		objectType(where, args, filter.objectType());
		condition(where, args, "object_id = ?", filter.objectId());
		if (filter.from() != null) {
			where.append(" AND at >= ?");
			args.add(Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			where.append(" AND at < ?");
			args.add(Timestamp.from(filter.to()));
		}
		List<Object> pageArgs = new ArrayList<>(args);
		pageArgs.add(page.size() + 1);
		pageArgs.add(page.offset());
		List<AuditEntry> entries = new ArrayList<>(jdbc.query("""
				SELECT id, at, actor, action, object_type, object_id, object_name, before_state, after_state
				FROM audit_event""" + where + " ORDER BY " + sort.orderBy() + " LIMIT ? OFFSET ?", this::entry,
				pageArgs.toArray()));
		boolean more = entries.size() > page.size();
		if (more) {
			entries.remove(page.size());
		}
		long seen = page.offset() + entries.size() + (more ? 1 : 0);
		if (!more && (!entries.isEmpty() || page.offset() == 0)) {
			// the last page: what lies before it and on it is all there is
			return AuditPage.of(entries, page, seen, true, false);
		}
		List<Object> countArgs = new ArrayList<>(args);
		countArgs.add(exactCountLimit + 1);
		Long counted = jdbc.queryForObject("SELECT count(*) FROM (SELECT 1 FROM audit_event" + where + " LIMIT ?) s",
				Long.class, countArgs.toArray());
		long upTo = counted == null ? 0 : counted;
		if (upTo <= exactCountLimit) {
			return AuditPage.of(entries, page, upTo, true, more);
		}
		long estimate = Math.max(estimate(where.toString(), args), exactCountLimit + 1L);
		return AuditPage.of(entries, page, Math.max(estimate, seen), false, more);
	}

	/** The latest entries, without counting them. */
	@Transactional(readOnly = true)
	public List<AuditEntry> recent(int limit) {
		return jdbc.query("""
				SELECT id, at, actor, action, object_type, object_id, object_name, before_state, after_state
				FROM audit_event ORDER BY at DESC, id DESC LIMIT ?""", this::entry, limit);
	}

	/**
	 * The kinds of objects the log holds entries of, besides those it names always: a loose index
	 * scan, one index lookup per kind, not a pass over the entries.
	 */
	@Transactional(readOnly = true)
	public List<String> recordedObjectTypes() {
		return jdbc.queryForList("""
				WITH RECURSIVE kinds(kind) AS (
				    SELECT min(object_type) FROM audit_event
				    UNION ALL
				    SELECT (SELECT min(object_type) FROM audit_event WHERE object_type > kinds.kind)
				    FROM kinds WHERE kinds.kind IS NOT NULL)
				SELECT kind FROM kinds WHERE kind IS NOT NULL""", String.class);
	}

	/** The planner's estimate of how many entries match, read from its statistics. */
	private long estimate(String where, List<Object> args) {
		String plan = jdbc.queryForObject("EXPLAIN (FORMAT JSON) SELECT 1 FROM audit_event" + where, String.class,
				args.toArray());
		JsonNode rows = json.readTree(plan).path(0).path("Plan").path("Plan Rows");
		return rows.isNumber() ? rows.asLong() : 0;
	}

	private static void objectType(StringBuilder where, List<Object> args, @Nullable String objectType) {
		if (AuditObjectType.RESERVATION.equals(objectType == null ? null : objectType.strip())) {
			// a reservation is an allocation that holds a block for nobody
			where.append(" AND object_type = 'allocation' AND coalesce(after_state, before_state) ->> 'kind' = 'reserved'");
			return;
		}
		condition(where, args, "object_type = ?", objectType);
	}

	private static void condition(StringBuilder where, List<Object> args, String sql, @Nullable String value) {
		if (StringUtils.hasText(value)) {
			where.append(" AND ").append(sql);
			args.add(value.strip());
		}
	}

	private AuditEntry entry(ResultSet row, int index) throws SQLException {
		JsonNode before = parse(row.getString("before_state"));
		JsonNode after = parse(row.getString("after_state"));
		return new AuditEntry(row.getLong("id"), row.getTimestamp("at").toInstant(), row.getString("actor"),
				row.getString("action"), row.getString("object_type"), row.getString("object_id"),
				row.getString("object_name"), before, after, changes(before, after));
	}

	private @Nullable JsonNode parse(@Nullable String text) {
		return text == null ? null : json.readTree(text);
	}

	static List<AuditEntry.FieldChange> changes(@Nullable JsonNode before, @Nullable JsonNode after) {
		Map<String, String> old = flatten(before);
		Map<String, String> now = flatten(after);
		Set<String> fields = new LinkedHashSet<>(old.keySet());
		fields.addAll(now.keySet());
		List<AuditEntry.FieldChange> changes = new ArrayList<>();
		for (String field : fields) {
			if (!BOOKKEEPING.contains(field) && !Objects.equals(old.get(field), now.get(field))) {
				changes.add(new AuditEntry.FieldChange(field, old.get(field), now.get(field)));
			}
		}
		return changes;
	}

	private static Map<String, String> flatten(@Nullable JsonNode node) {
		Map<String, String> fields = new LinkedHashMap<>();
		if (node != null) {
			flatten("", node, fields);
		}
		return fields;
	}

	private static void flatten(String path, JsonNode node, Map<String, String> fields) {
		if (node.isObject()) {
			Iterator<Map.Entry<String, JsonNode>> members = node.properties().iterator();
			while (members.hasNext()) {
				Map.Entry<String, JsonNode> member = members.next();
				flatten(path.isEmpty() ? member.getKey() : path + "." + member.getKey(), member.getValue(), fields);
			}
		}
		else if (node.isArray()) {
			List<String> items = new ArrayList<>();
			node.forEach(item -> items.add(item.isValueNode() ? item.asString() : item.toString()));
			fields.put(path, String.join(", ", items));
		}
		else if (!node.isNull()) {
			fields.put(path, node.asString());
		}
	}

}
